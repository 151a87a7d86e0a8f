package graph

import (
	"slices"
	"sync"

	"github.com/cayleygraph/quad"

	"github.com/actorgraph/actorgraph/schema"
)

// memIndex holds an in-memory graph's quads, indexed by subject, predicate,
// object and label: it is the in-memory graph's store of record. cayley's memstore
// answers the same lookups, but it decodes each quad through several map
// lookups and an iterator, and loading a quad into it costs several times
// what indexing it here costs; reads here walk a slice of decoded quads. A
// memstore is built from the quads only when the escape hatch
// (Graph.QuadStore) asks for one, and kept in step from then on.
type memIndex struct {
	// quads holds every quad added; a removed quad leaves a zero Quad (a
	// tombstone) so that the ids in the lists stay valid. live counts the rest.
	quads []quad.Quad
	live  int
	// by lists the ids of the quads with a value in a direction. Labels are
	// indexed too (only labelled quads are listed there): a claim labels a
	// handful of facts, so its list is the one that keeps the duplicate check
	// short when one edge carries thousands of claims.
	by [quad.Label + 1]map[quad.Value][]int32

	// Decoded entities and claims, shared by readers (who hold the graph's read
	// lock, hence cacheMu) and dropped for a subject when a commit adds a quad
	// about it. A claim is kept with only the IDs of its source and medium, so
	// that a change to the source entity does not leave it stale.
	cacheMu  sync.Mutex
	entities map[schema.IRI]*Entity // nil: known to be absent
	claims   map[schema.IRI]*Claim
	classes  map[schema.IRI][]schema.IRI // merge classes (see reader.class); dropped at every commit
}

// maxCached bounds each decode cache; past it the cache starts again empty.
const maxCached = 1 << 18

func newMemIndex() *memIndex {
	m := &memIndex{entities: map[schema.IRI]*Entity{}, claims: map[schema.IRI]*Claim{}, classes: map[schema.IRI][]schema.IRI{}}
	for _, d := range quad.Directions {
		m.by[d] = map[quad.Value][]int32{}
	}
	return m
}

// addAll indexes a committed batch.
func (m *memIndex) addAll(qs []quad.Quad) {
	m.cacheMu.Lock()
	defer m.cacheMu.Unlock()
	if len(m.quads) > 0 || cap(m.quads) < len(qs) {
		m.quads = slices.Grow(m.quads, len(qs)) // one allocation, not a doubling each
	}
	for _, q := range qs {
		m.add(q)
	}
}

// adopt indexes a committed batch whose caller is done with qs: into an
// empty index it compacts qs in place, as the index's own quads, instead of
// copying every quad (a load of ten million quads would hold both copies at
// once).
func (m *memIndex) adopt(qs []quad.Quad) {
	if len(m.quads) == 0 {
		m.quads = qs[:0]
	}
	m.addAll(qs)
}

// add indexes q unless it is there already; the caller holds cacheMu. A
// duplicate is in every one of q's lists, so the shortest is searched: for a
// fact, its claim's (a claim labels a few facts, however many claims one edge
// has); otherwise mostly the subject's (an entity's or a claim's own quads) or
// the object's (the few quads that point at a literal or a claim). Scanning
// the subject's or the object's alone made a load of n claims of one edge
// cost O(n²). (A set of quads would cost a hash of the whole quad on every
// add, and more memory than the rest of the index.)
func (m *memIndex) add(q quad.Quad) {
	var ids []int32
	for i, d := range quad.Directions {
		v := q.Get(d)
		if v == nil {
			continue // an unlabelled quad
		}
		if l := m.by[d][v]; i == 0 || len(l) < len(ids) {
			ids = l
		}
	}
	for _, id := range ids {
		if m.quads[id] == q {
			return
		}
	}
	m.forget(q)
	id := int32(len(m.quads))
	m.quads = append(m.quads, q)
	m.live++
	for _, d := range quad.Directions {
		if v := q.Get(d); v != nil {
			m.by[d][v] = append(m.by[d][v], id)
		}
	}
}

// removeAll removes a committed batch's removals; quads it does not hold are
// ignored.
func (m *memIndex) removeAll(qs []quad.Quad) {
	m.cacheMu.Lock()
	defer m.cacheMu.Unlock()
	for _, q := range qs {
		m.remove(q)
	}
}

// remove drops q, if held, from the subject, object and label lists and
// leaves a tombstone in quads; the predicate lists, which can be as long as
// the graph, keep the id and their readers skip tombstones. The caller holds
// cacheMu.
func (m *memIndex) remove(q quad.Quad) {
	at := -1
	ids := m.by[quad.Subject][q.Subject]
	for i, id := range ids {
		if m.quads[id] == q {
			at = i
			break
		}
	}
	if at < 0 {
		return
	}
	id := ids[at]
	m.by[quad.Subject][q.Subject] = dropID(ids, at)
	for _, d := range []quad.Direction{quad.Object, quad.Label} {
		if v := q.Get(d); v != nil {
			if i := slices.Index(m.by[d][v], id); i >= 0 {
				m.by[d][v] = dropID(m.by[d][v], i)
			}
		}
	}
	m.quads[id] = quad.Quad{}
	m.live--
	m.forget(q)
}

// dropID removes ids[i], keeping the order of the rest.
func dropID(ids []int32, i int) []int32 {
	return slices.Delete(ids, i, i+1)
}

// forget drops the cached decodes that q takes part in: its subject's, and
// the claim it retracts.
func (m *memIndex) forget(q quad.Quad) {
	if s, ok := q.Subject.(quad.IRI); ok {
		delete(m.entities, schema.IRI(s))
		delete(m.claims, schema.IRI(s))
	}
	if o, ok := q.Object.(quad.IRI); ok && q.Predicate == quad.IRI(schema.Retracts) {
		delete(m.claims, schema.IRI(o))
	}
}

// each calls fn with the live quads whose direction d is v, until it returns false.
func (m *memIndex) each(d quad.Direction, v quad.Value, fn func(quad.Quad) bool) {
	for _, id := range m.list(d, v) {
		q := m.quads[id]
		if q.Subject == nil {
			continue // removed
		}
		if !fn(q) {
			return
		}
	}
}

// all returns the live quads.
func (m *memIndex) all() []quad.Quad {
	if m.live == len(m.quads) {
		return m.quads
	}
	out := make([]quad.Quad, 0, m.live)
	for _, q := range m.quads {
		if q.Subject != nil {
			out = append(out, q)
		}
	}
	return out
}

// list returns the ids of the quads whose direction d is v; some may be
// tombstones (see remove).
func (m *memIndex) list(d quad.Direction, v quad.Value) []int32 {
	if d < quad.Subject || d > quad.Label || m.by[d] == nil {
		return nil
	}
	return m.by[d][v]
}

// entity returns the cached decode of id: the entity, whether id is one, and
// whether the cache knows. The Entity is a copy the caller may keep.
func (m *memIndex) entity(id schema.IRI) (e Entity, exists, cached bool) {
	m.cacheMu.Lock()
	p, cached := m.entities[id]
	if p != nil {
		e = *p
	}
	m.cacheMu.Unlock()
	if p != nil {
		e.Kinds, e.Aliases, e.SameAs = slices.Clone(e.Kinds), slices.Clone(e.Aliases), slices.Clone(e.SameAs)
	}
	return e, p != nil, cached
}

func (m *memIndex) keepEntity(id schema.IRI, e *Entity) {
	if e != nil {
		c := *e
		c.Kinds, c.Aliases, c.SameAs = slices.Clone(e.Kinds), slices.Clone(e.Aliases), slices.Clone(e.SameAs)
		e = &c
	}
	m.cacheMu.Lock()
	if len(m.entities) >= maxCached {
		clear(m.entities)
	}
	m.entities[id] = e
	m.cacheMu.Unlock()
}

// class returns the cached merge class of id (nil: merged with nothing) and
// whether the cache knows.
func (m *memIndex) class(id schema.IRI) ([]schema.IRI, bool) {
	m.cacheMu.Lock()
	defer m.cacheMu.Unlock()
	c, ok := m.classes[id]
	return c, ok
}

func (m *memIndex) keepClass(id schema.IRI, members []schema.IRI) {
	m.cacheMu.Lock()
	defer m.cacheMu.Unlock()
	if len(m.classes) >= maxCached {
		clear(m.classes)
	}
	m.classes[id] = members
	for _, x := range members {
		m.classes[x] = members
	}
}

// forgetMerges drops the cached merge classes: a commit may add, remove or
// retract a merge, or retract the claim that carries one.
func (m *memIndex) forgetMerges() {
	m.cacheMu.Lock()
	defer m.cacheMu.Unlock()
	clear(m.classes)
}

// claim returns the cached decode of a claim (Source and Via carry only their
// IDs), whether id is one, and whether the cache knows.
func (m *memIndex) claim(id schema.IRI) (c Claim, exists, cached bool) {
	m.cacheMu.Lock()
	p, cached := m.claims[id]
	if p != nil {
		c = *p
	}
	m.cacheMu.Unlock()
	return c, p != nil, cached
}

func (m *memIndex) keepClaim(id schema.IRI, c *Claim) {
	if c != nil {
		cp := *c
		cp.Source, cp.Via = Entity{ID: c.Source.ID}, Entity{ID: c.Via.ID}
		cp.Retractions = slices.Clone(c.Retractions)
		c = &cp
	}
	m.cacheMu.Lock()
	if len(m.claims) >= maxCached {
		clear(m.claims)
	}
	m.claims[id] = c
	m.cacheMu.Unlock()
}
