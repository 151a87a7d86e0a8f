package graph

import (
	"github.com/cayleygraph/quad"
)

// memIndex is the library's own index of an in-memory graph's quads, by
// subject, predicate and object. cayley's memstore answers the same lookups,
// but it decodes each quad through several map lookups and an iterator; reads
// here walk a slice of decoded quads. The memstore stays the store of record
// (and the escape hatch's), and memIndex mirrors it: it is written in the same
// commit, under the same lock.
type memIndex struct {
	quads []quad.Quad
	by    [quad.Label + 1]map[quad.Value][]int32
}

func newMemIndex() *memIndex {
	m := &memIndex{}
	for _, d := range []quad.Direction{quad.Subject, quad.Predicate, quad.Object} {
		m.by[d] = map[quad.Value][]int32{}
	}
	return m
}

// add indexes q unless it is there already. A duplicate shares its subject
// and its object with the original, so the shorter of the two lists is
// searched: an entity's own quads, or the few that point at a literal, rarely
// more than a few dozen. (A set of quads would cost a hash of the whole quad
// on every add, and more memory than the rest of the index.)
func (m *memIndex) add(q quad.Quad) {
	ids := m.by[quad.Subject][q.Subject]
	if o := m.by[quad.Object][q.Object]; len(o) < len(ids) {
		ids = o
	}
	for _, id := range ids {
		if m.quads[id] == q {
			return
		}
	}
	id := int32(len(m.quads))
	m.quads = append(m.quads, q)
	m.by[quad.Subject][q.Subject] = append(m.by[quad.Subject][q.Subject], id)
	m.by[quad.Predicate][q.Predicate] = append(m.by[quad.Predicate][q.Predicate], id)
	m.by[quad.Object][q.Object] = append(m.by[quad.Object][q.Object], id)
}

// list returns the ids of the quads whose direction d is v.
func (m *memIndex) list(d quad.Direction, v quad.Value) []int32 {
	if d < quad.Subject || d > quad.Object || m.by[d] == nil {
		return nil
	}
	return m.by[d][v]
}
