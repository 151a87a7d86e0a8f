package graph

import "github.com/cayleygraph/quad"

// count returns the number of live quads whose direction d is v and whose
// predicate is the term pred, comparing ids: no quad is built.
func (m *memIndex) count(d quad.Direction, v quad.Value, pred uint32) int {
	n := 0
	for _, id := range m.list(d, v) {
		if e := m.quads[id]; !e.removed() && e[1] == pred {
			n++
		}
	}
	return n
}
