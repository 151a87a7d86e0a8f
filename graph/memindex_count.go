package graph

import "github.com/cayleygraph/quad"

// count returns the number of live quads whose direction d is v and whose
// predicate is pred, comparing ids: no quad is built.
func (m *memIndex) count(d quad.Direction, v, pred quad.Value) int {
	p, ok := m.term(pred)
	if !ok {
		return 0
	}
	n := 0
	for _, id := range m.list(d, v) {
		if e := m.quads[id]; !e.removed() && e[1] == p {
			n++
		}
	}
	return n
}
