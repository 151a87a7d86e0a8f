package graph

import (
	"cmp"
	"context"
	"slices"

	"github.com/cayleygraph/quad"

	"github.com/actorgraph/actorgraph/schema"
)

// IDs runs the query on g and returns the IDs of its matches, sorted by ID:
// the entities All returns, without their Entity values or Evidence, as a
// SPARQL SELECT DISTINCT of the matches answers. It decodes no entity and
// no claim beyond what the constraints' filters weigh, and stops weighing a
// candidate's edges at the first that meets a constraint, so it is the
// cheaper call when the IDs are all the caller needs. With a Limit the IDs
// are those of All's first matches by name, then sorted by ID.
func (q Query) IDs(ctx context.Context, g *Graph) ([]schema.IRI, error) {
	var out []schema.IRI
	err := g.read(ctx, func(r *reader) error {
		var err error
		out, err = r.subIDs(q, filters{}, 0)
		return err
	})
	if err != nil {
		return nil, err
	}
	slices.Sort(out)
	return out, nil
}

// subIDs returns the IDs of q's matches in no set order (see prepare for
// outer): all a query nested in another hands it. Only a Limit needs the
// matches' order, and so their names.
func (r *reader) subIDs(q Query, outer filters, depth int) ([]schema.IRI, error) {
	if q.limit > 0 {
		ms, err := r.find(q, outer, depth)
		if len(ms) > q.limit {
			ms = ms[:q.limit]
		}
		ids := make([]schema.IRI, len(ms))
		for i, m := range ms {
			ids[i] = m.Entity.ID
		}
		return ids, err
	}
	if idx := r.termIndex(); idx != nil {
		ts, _, err := r.findTerms(idx, q, outer, depth, false)
		if err != nil {
			return nil, err
		}
		ids := make([]schema.IRI, len(ts))
		for i, t := range ts {
			ids[i] = idx.iriOf(t)
		}
		return ids, nil
	}
	_, ids, err := r.findIRIs(q, outer, depth, false)
	return ids, err
}

// termIndex returns the in-memory index when a query can be answered on its
// term ids: when the graph has one and no merges (a merged entity reads as
// its class, which the ids of its quads do not tell); nil otherwise.
func (r *reader) termIndex() *memIndex {
	if idx := r.g.index; idx != nil && !r.g.merges.Load() {
		return idx
	}
	return nil
}

// iriOf returns the IRI term t holds ("" for another kind of value).
func (m *memIndex) iriOf(t uint32) schema.IRI {
	v, _ := m.terms[t].(quad.IRI)
	return schema.IRI(v)
}

// isIRI reports whether term t is an IRI.
func (m *memIndex) isIRI(t uint32) bool {
	_, ok := m.terms[t].(quad.IRI)
	return ok
}

// findByTerm is find on the index's term ids (see findTerms): the matches,
// each entity decoded once, sorted by name.
func (r *reader) findByTerm(idx *memIndex, q Query, outer filters, depth int) ([]Match, error) {
	ids, parts, err := r.findTerms(idx, q, outer, depth, true)
	if err != nil || len(ids) == 0 {
		return nil, err
	}
	out := make([]Match, 0, len(ids))
	for i, t := range ids {
		e, ok, err := r.view(idx.iriOf(t))
		if err != nil {
			return nil, err
		}
		if !ok || !e.Is(r.g.vocab, q.kind) {
			continue
		}
		var evidence Evidence
		switch {
		case len(q.attrs) > 0:
			// Several attribute tests may be met by one claim, within the
			// attributes' part too.
			evidence = appendUnique(nil, parts[i]...)
			sortEvidence(evidence)
		case len(parts[i]) == 1:
			evidence = parts[i][0] // one constraint's claims, each once, sorted (see metByTerm)
		default:
			evidence = joinEvidence(parts[i])
			sortEvidence(evidence)
		}
		out = append(out, Match{Entity: e, Evidence: evidence})
	}
	if len(out) == 0 {
		return nil, nil
	}
	sortMatches(out)
	return out, nil
}

// findTerms runs q on the index's term ids, for a graph without merges, and
// returns the terms of its candidates that meet every constraint, sorted by
// term id, with, when evidence is set, the evidence parts each met them by
// (a constraint's claims a part, the attributes' last). Its sets are bitsets
// and sorted slices of ids, not maps keyed by IRI, and it reads a
// constraint's edges from the index's lists, by term (see metByTerm).
//
// Without evidence it returns only entities of q's kind (nothing is
// decoded: the index tells kinds); with evidence, the caller decodes each
// candidate and checks its kind, as it must decode it anyway. Without
// evidence a candidate's edges are weighed until one meets a constraint.
func (r *reader) findTerms(idx *memIndex, q Query, outer filters, depth int, evidence bool) ([]uint32, [][]Evidence, error) {
	cs, defs, base, err := r.prepare(q, outer, depth)
	if err != nil {
		return nil, nil, err
	}
	kind := idx.kindOf(r.g.vocab, q.kind)
	var ids []uint32
	var parts [][]Evidence
	if len(cs) == 0 {
		if ids, err = r.unconstrainedTerms(idx, q, kind); err != nil {
			return nil, nil, err
		}
		if evidence {
			parts = make([][]Evidence, len(ids))
		}
	}
	for i, c := range cs {
		var others []uint32
		switch {
		case c.sub == nil:
			if t, ok := idx.term(iri(c.Other)); ok {
				others = []uint32{t}
			}
		case c.sub.limit > 0:
			sub, err := r.subIDs(*c.sub, base.filters, depth+1)
			if err != nil {
				return nil, nil, err
			}
			for _, id := range sub {
				if t, ok := idx.term(iri(id)); ok {
					others = append(others, t)
				}
			}
		default:
			if others, _, err = r.findTerms(idx, *c.sub, base.filters, depth+1, false); err != nil {
				return nil, nil, err
			}
		}
		// The first constraint's ends are candidates if of the query's
		// kind, a later one's if every earlier constraint kept them.
		near := kind.has
		if i > 0 {
			alive := idx.newTermSet()
			for _, t := range ids {
				alive.add(t)
			}
			near = alive.has
		}
		met, err := r.metByTerm(idx, defs[i], base, c, others, near, evidence)
		if err != nil {
			return nil, nil, err
		}
		if i == 0 {
			ids = make([]uint32, len(met))
			if evidence {
				parts = make([][]Evidence, len(met))
			}
			for j, m := range met {
				ids[j] = m.id
				if evidence {
					parts[j] = m.parts
				}
			}
			continue
		}
		// Both lists are sorted by term: keep the candidates met again.
		kept, j := 0, 0
		for k, t := range ids {
			for j < len(met) && met[j].id < t {
				j++
			}
			if j == len(met) || met[j].id != t {
				continue
			}
			ids[kept] = t
			if evidence {
				parts[kept] = append(parts[k], met[j].parts...)
			}
			kept++
		}
		ids = ids[:kept]
		if evidence {
			parts = parts[:kept]
		}
	}
	if err := r.ctx.Err(); err != nil {
		return nil, nil, err
	}
	kept := 0
	for k, t := range ids {
		if len(q.attrs) > 0 {
			aev, ok, err := r.attrsMet(q, base, idx.iriOf(t))
			if err != nil {
				return nil, nil, err
			} else if !ok {
				continue
			}
			if evidence {
				parts[k] = append(slices.Clip(parts[k]), aev)
			}
		}
		// A claim is read as a claim, never as an entity (see view); with
		// evidence the caller's decode tells.
		if !evidence && kind.isClaim(t, len(ids)) {
			continue
		}
		ids[kept] = t
		if evidence {
			parts[kept] = parts[k]
		}
		kept++
	}
	ids = ids[:kept]
	if evidence {
		parts = parts[:kept]
	}
	return ids, parts, nil
}

// unconstrainedTerms is unconstrained by term id: the candidates of a query
// without relation constraints, sorted, each once.
func (r *reader) unconstrainedTerms(idx *memIndex, q Query, kind *kindCheck) ([]uint32, error) {
	var ids []uint32
	if len(q.attrs) > 0 {
		// The subjects of an attribute's values, kept if of the kind.
		err := r.unconstrained(q, func(id schema.IRI) {
			if t, ok := idx.term(iri(id)); ok && kind.has(t) {
				ids = append(ids, t)
			}
		})
		if err != nil {
			return nil, err
		}
	} else if kind.typ != 0 {
		for _, c := range kind.classes {
			for _, id := range idx.list1(quad.Object, c) {
				if e := idx.quads[id]; !e.removed() && e[1] == kind.typ && e[3] == 0 && idx.isIRI(e[0]) {
					ids = append(ids, e[0])
				}
			}
		}
	}
	slices.Sort(ids)
	return slices.Compact(ids), r.ctx.Err()
}

// termMet is a candidate a constraint met, by term, with the evidence of
// each edge that met it.
type termMet struct {
	id    uint32
	parts []Evidence
}

// endTerms is a quad a constraint reads, by term: its end at the
// candidates' side (near), its end at the constraint's other side, and its
// claim.
type endTerms struct{ near, other, label uint32 }

// metByTerm returns the candidates (terms near keeps) constraint c of
// relation def meets through an edge to one of others, sorted by term. With
// all set, each comes with one part of evidence: the admitted claims of the
// edges that met it, each once, sorted as Evidence is; without, with none,
// and a candidate's edges are weighed only until one meets c. An edge is
// read as triples reads it: its quads between the two ends, their claims
// weighed together; both ways round for a symmetric relation. A relation
// read by slot is read through constraintEndsOf, which works supersession
// out (a part per edge, then).
func (r *reader) metByTerm(idx *memIndex, def schema.RelationDef, f options, c constraint, others []uint32, near func(uint32) bool, all bool) ([]termMet, error) {
	if len(others) == 0 {
		return nil, nil
	}
	if _, _, ok := r.slotting(def); ok {
		return r.metBySlot(idx, def, f, c, others, near)
	}
	pred, ok := idx.term(iri(schema.IRI(def.Relation)))
	if !ok {
		return nil, nil
	}
	// An incoming constraint (backed by) has its other end at the edges'
	// subjects, the candidates at their objects.
	otherAt, nearAt := 0, 2
	if !c.Incoming {
		otherAt, nearAt = 2, 0
	}
	var ends []endTerms // sized once the lists to read are known
	keep := func(e encoded, otherAt, nearAt int) {
		if e[3] != 0 && near(e[nearAt]) && idx.isIRI(e[otherAt]) && idx.isIRI(e[nearAt]) && idx.isIRI(e[3]) {
			ends = append(ends, endTerms{near: e[nearAt], other: e[otherAt], label: e[3]})
		}
	}
	// Read the other ends' lists, or the relation's when they are longer
	// (a nested query of thousands of states backing something).
	dirs := []quad.Direction{quad.Direction(otherAt + 1)}
	if def.Symmetric {
		dirs = append(dirs, quad.Direction(nearAt+1))
	}
	byOthers := 0
	for _, o := range others {
		for _, d := range dirs {
			byOthers += len(idx.list1(d, o))
		}
	}
	if byPred := idx.list1(quad.Predicate, pred); len(byPred) < byOthers {
		ends = make([]endTerms, 0, len(byPred)*len(dirs))
		set := idx.newTermSet()
		for _, o := range others {
			set.add(o)
		}
		for _, id := range byPred {
			e := idx.quads[id]
			if e.removed() {
				continue
			}
			if set.has(e[otherAt]) {
				keep(e, otherAt, nearAt)
			}
			if def.Symmetric && set.has(e[nearAt]) {
				keep(e, nearAt, otherAt)
			}
		}
	} else {
		ends = make([]endTerms, 0, byOthers)
		for _, o := range others {
			for _, d := range dirs {
				at, far := otherAt, nearAt
				if int(d)-1 != otherAt {
					at, far = nearAt, otherAt // a symmetric edge read the other way round
				}
				for _, id := range idx.list1(d, o) {
					if e := idx.quads[id]; !e.removed() && e[1] == pred && e[at] == o {
						keep(e, at, far)
					}
				}
			}
		}
	}
	if err := r.ctx.Err(); err != nil {
		return nil, err
	}
	// Each edge's quads together, the edges of a candidate together: a
	// label twice (a symmetric edge stored both ways under one claim) is
	// weighed once.
	slices.SortFunc(ends, func(a, b endTerms) int {
		if c := cmp.Compare(a.near, b.near); c != 0 {
			return c
		}
		if c := cmp.Compare(a.other, b.other); c != 0 {
			return c
		}
		return cmp.Compare(a.label, b.label)
	})
	ends = slices.Compact(ends)
	var out []termMet
	var labels []schema.IRI
	// With all set, the claims of the edges that met the current candidate,
	// weighed as one part once its edges are read: a claim of several of
	// them is decoded once.
	var metBy []uint32
	flush := func() error {
		if len(metBy) == 0 {
			return nil
		}
		slices.Sort(metBy)
		labels = labels[:0]
		for _, l := range slices.Compact(metBy) {
			labels = append(labels, idx.iriOf(l))
		}
		metBy = metBy[:0]
		ev, err := r.evidence(labels, f.filters, def.Time)
		out[len(out)-1].parts = []Evidence{ev}
		return err
	}
	for i := 0; i < len(ends); {
		j := i + 1
		for j < len(ends) && ends[j].near == ends[i].near && ends[j].other == ends[i].other {
			j++
		}
		edge := ends[i:j]
		i = j
		cand := edge[0].near
		met := len(out) > 0 && out[len(out)-1].id == cand
		if met && !all {
			continue // met already, by an earlier edge
		}
		labels = labels[:0]
		for _, e := range edge {
			labels = append(labels, idx.iriOf(e.label))
		}
		if ok, err := r.meets(idx, labels, f, def.Time, c.Sources); err != nil {
			return nil, err
		} else if !ok {
			continue
		}
		if !met {
			if err := flush(); err != nil {
				return nil, err
			}
			out = append(out, termMet{id: cand})
		}
		if all {
			for _, e := range edge {
				metBy = append(metBy, e.label)
			}
		}
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return out, nil
}

// metBySlot is metByTerm for a relation read by slot, through
// constraintEndsOf from each other end.
func (r *reader) metBySlot(idx *memIndex, def schema.RelationDef, f options, c constraint, others []uint32, near func(uint32) bool) ([]termMet, error) {
	nearIRI := func(id schema.IRI) (bool, error) {
		t, ok := idx.term(iri(id))
		return ok && near(t), nil
	}
	var out []termMet
	for _, o := range others {
		ends, err := r.constraintMet(def, f, c.Constraint, idx.iriOf(o), nearIRI)
		if err != nil {
			return nil, err
		}
		for _, e := range ends {
			t, _ := idx.term(iri(e.id))
			out = append(out, termMet{id: t, parts: []Evidence{e.ev}})
		}
	}
	slices.SortStableFunc(out, func(a, b termMet) int { return cmp.Compare(a.id, b.id) })
	kept := 0
	for _, m := range out {
		if kept > 0 && out[kept-1].id == m.id {
			out[kept-1].parts = append(out[kept-1].parts, m.parts...)
			continue
		}
		out[kept] = m
		kept++
	}
	out = out[:kept]
	for _, m := range out {
		if len(m.parts) == 1 {
			sortEvidence(m.parts[0]) // as metByTerm's parts are
		}
	}
	return out, nil
}

// kindCheck tells, by the index, which terms are entities of a kind or a
// kind below it: the subjects of an unlabelled rdf:type quad whose object
// is one of its classes. A few checks read each term's own quads; past an
// eighth of the kind's size it reads the set of the kind's entities once.
type kindCheck struct {
	idx     *memIndex
	typ     uint32   // rdf:type's term; 0 when nothing has a type
	classes []uint32 // the kind's terms and its descendants'
	size    int
	checks  int
	set     termSet
	v       *schema.Vocabulary
	claims  *kindCheck // the Claim kind's, once isClaim asks
}

// kindOf returns the check for kind k.
func (m *memIndex) kindOf(v *schema.Vocabulary, k schema.Kind) *kindCheck {
	c := &kindCheck{idx: m, v: v}
	if t, ok := m.term(iri(schema.Type)); ok {
		c.typ = t
		c.classes, c.size = m.kindTerms(v, k)
	}
	return c
}

// has reports whether term t is an entity of the kind (a claim with the
// kind's type too says yes: see isClaim).
func (c *kindCheck) has(t uint32) bool {
	if c.typ == 0 || len(c.classes) == 0 {
		return false
	}
	if c.set == nil {
		if c.checks++; c.checks*8 < c.size {
			return c.idx.hasType(c.typ, t, c.classes)
		}
		c.set = c.idx.ofTypes(c.typ, c.classes)
	}
	return c.set.has(t)
}

// isClaim reports whether term t has the Claim kind's type; n is how many
// terms the caller means to check, which tells whether to read the set of
// the claims at once.
func (c *kindCheck) isClaim(t uint32, n int) bool {
	if c.claims == nil {
		c.claims = c.idx.kindOf(c.v, schema.ClaimKind)
		c.claims.checks = n
	}
	return c.claims.has(t)
}

// newTermSet returns an empty set with room for every term of m.
func (m *memIndex) newTermSet() termSet { return make(termSet, (len(m.terms)+63)/64) }

func (s termSet) add(t uint32) { s[t/64] |= 1 << (t % 64) }

// meets reports whether the edge whose quads labels label meets a
// constraint that asks for n sources: f.keeps and supported of its
// evidence, weighed from the claims as the index caches them (Source and
// Via with only their IDs), with no Evidence built. For a graph without
// merges, whose sources are as recorded.
func (r *reader) meets(idx *memIndex, labels []schema.IRI, f options, t schema.TimeSemantics, n int) (bool, error) {
	admitted, asserted := false, false
	var sources []schema.IRI // distinct, of asserting claims, while n > 1
	for _, l := range labels {
		var c Claim
		ok, cached := idx.claim(l, &c)
		if !cached {
			var err error
			if c, ok, err = r.claim(l); err != nil { // decodes it, and caches it
				return false, err
			}
		}
		if !ok || !f.admits(c, t) {
			continue
		}
		admitted = true
		if c.Stance != Asserted {
			continue
		}
		asserted = true
		if n <= 1 {
			break
		}
		src, err := r.canon(c.Source.ID)
		if err != nil {
			return false, err
		}
		if !slices.Contains(sources, src) {
			if sources = append(sources, src); len(sources) >= n {
				return true, nil
			}
		}
	}
	return n <= 1 && admitted && (f.withDenied || asserted), nil
}
