package graph

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/actorgraph/actorgraph/schema"
)

// Query finds entities of a kind that meet constraints. Build one with Find and
// refine it with its methods; each returns a new Query and leaves the receiver as
// it was, so a Query can be shared and extended safely.
//
//	backed, err := graph.Find(schema.Organization).
//		Where(schema.Backs.From(turkey)).
//		AsOf(graph.Day(2024, 12, 7)).
//		All(ctx, g)
type Query struct {
	kind    schema.Kind
	where   []schema.Constraint
	some    []someConstraint
	attrs   []attrConstraint
	filters []Filter
	limit   int
}

// someConstraint is a constraint met through an edge to any match of sub.
type someConstraint struct {
	rel      schema.Relation
	incoming bool
	sources  int // see BySources
	sub      Query
}

// WhereSome adds a constraint met through an asserted edge of a relation to
// any match of another query, nested to any depth (sixteen levels at most):
//
//	// armed groups some state backs
//	graph.Find(schema.ArmedGroup).WhereSome(schema.Backs.From, graph.Find(schema.State))
//	// people who lead a group that a state designates a terrorist
//	graph.Find(schema.Person).WhereSome(schema.Leads.To,
//		graph.Find(schema.Organization).WhereSome(schema.DesignatesTerrorist.From, graph.Find(schema.State)))
//
// end is the relation's constraint maker, From or To, as Where takes its
// value: schema.Backs.From means "backed by" a match of sub; wrapped in
// BySources, it asks for edges asserted by several sources. The outer query's
// claim filters apply at every level, over a nested query's own where both
// set one. A nested query's Limit keeps its first matches by name.
func (q Query) WhereSome(end func(schema.IRI) schema.Constraint, sub Query) Query {
	c := end("")
	q.some = append(slices.Clone(q.some), someConstraint{rel: c.Relation, incoming: c.Incoming, sources: c.Sources, sub: sub})
	return q
}

// Find starts a query for entities of kind k or a kind below it.
func Find(k schema.Kind) Query { return Query{kind: k} }

// Where adds constraints; a match must meet all of them. Each constraint is
// met through an asserted edge whose claims pass the query's filters (and,
// wrapped in BySources, whose asserting claims come from several sources).
func (q Query) Where(cs ...schema.Constraint) Query {
	q.where = slices.Concat(q.where, cs)
	return q
}

// AsOf keeps constraints met by claims that hold at d (see the AsOf filter).
func (q Query) AsOf(d Date) Query { return q.With(AsOf(d)) }

// KnownAt keeps constraints met by claims reported by d.
func (q Query) KnownAt(d Date) Query { return q.With(KnownAt(d)) }

// With adds claim filters (AsOf, KnownAt, BySource, MinConfidence). They
// choose the claims through which every constraint is met: relation,
// nested and attribute constraints alike.
func (q Query) With(fs ...Filter) Query {
	q.filters = slices.Concat(q.filters, fs)
	return q
}

// Limit returns at most n matches (all when n <= 0).
func (q Query) Limit(n int) Query {
	q.limit = n
	return q
}

// All runs the query on g and returns its matches sorted by name. Evidence holds
// the claims through which the constraints were met. A query with constraints
// starts from their known entities; one without lists the kind, which on
// key-value backends is an index lookup on each kind's IRI.
func (q Query) All(ctx context.Context, g *Graph) ([]Match, error) {
	var out []Match
	err := g.read(ctx, func(r *reader) error {
		var err error
		out, err = r.find(q, filters{}, 0)
		return err
	})
	if err != nil {
		return nil, err
	}
	if q.limit > 0 && len(out) > q.limit {
		out = out[:q.limit]
	}
	return out, nil
}

// maxNesting bounds how deep queries nest in WhereSome.
const maxNesting = 16

// constraint is one constraint of a query: a known end, or a nested query.
type constraint struct {
	schema.Constraint
	sub *Query
}

// prepare checks q and returns its constraints, their relations and the
// options every edge read of q takes. outer holds the filters of the queries
// q is nested in; they apply at every level, over q's own where both set one.
func (r *reader) prepare(q Query, outer filters, depth int) ([]constraint, []schema.RelationDef, options, error) {
	v := r.g.vocab
	if depth > maxNesting {
		return nil, nil, options{}, fmt.Errorf("graph: Find: queries nested more than %d deep: %w", maxNesting, ErrInvalid)
	}
	if _, ok := v.Kind(q.kind); !ok {
		return nil, nil, options{}, fmt.Errorf("graph: Find: kind %q: %w", q.kind, ErrUnknownTerm)
	}
	if q.kind == schema.ClaimKind {
		return nil, nil, options{}, fmt.Errorf("graph: Find(Claim): claims are not entities; read a claim with Graph.Claim, a fact's claims as its Evidence: %w", ErrInvalid)
	}
	// Every constraint, known end or nested query, as a relation and a side.
	cs := make([]constraint, 0, len(q.where)+len(q.some))
	for _, c := range q.where {
		cs = append(cs, constraint{Constraint: c})
	}
	for _, sc := range q.some {
		cs = append(cs, constraint{Constraint: schema.Constraint{Relation: sc.rel, Incoming: sc.incoming, Sources: sc.sources}, sub: &sc.sub})
	}
	defs := make([]schema.RelationDef, len(cs))
	for i, c := range cs {
		def, ok := v.Relation(c.Relation)
		if !ok {
			return nil, nil, options{}, fmt.Errorf("graph: Find: constraint %d: relation %q: %w", i+1, c.Relation, ErrUnknownTerm)
		}
		// The candidates stand at one end of the relation: a kind that is
		// neither below nor above that end's kind can never match.
		end, endName, wrong := def.Domain, "domain", ErrDomain
		otherEnd, otherName, otherWrong := def.Range, "range", ErrRange
		if c.Incoming {
			end, endName, wrong = def.Range, "range", ErrRange
			otherEnd, otherName, otherWrong = def.Domain, "domain", ErrDomain
		}
		if !def.Symmetric && !v.IsA(q.kind, end) && !v.IsA(end, q.kind) {
			return nil, nil, options{}, fmt.Errorf("graph: Find(%s): constraint %d: %s's %s is %s, so no %s can match: %w",
				v.KindName(q.kind), i+1, def.Name, endName, v.KindName(end), v.KindName(q.kind), wrong)
		}
		if c.sub != nil && !def.Symmetric && !v.IsA(c.sub.kind, otherEnd) && !v.IsA(otherEnd, c.sub.kind) {
			return nil, nil, options{}, fmt.Errorf("graph: Find(%s): constraint %d: %s's %s is %s, so no %s can be at that end: %w",
				v.KindName(q.kind), i+1, def.Name, otherName, v.KindName(otherEnd), v.KindName(c.sub.kind), otherWrong)
		}
		if c.Sources < 0 {
			return nil, nil, options{}, fmt.Errorf("graph: Find(%s): constraint %d: BySources(%d): want a count of at least 1: %w",
				v.KindName(q.kind), i+1, c.Sources, ErrInvalid)
		}
		defs[i] = def
	}
	if err := prepareAttrs(v, q); err != nil {
		return nil, nil, options{}, err
	}
	base := options{filters: overlay(collectFilters(q.filters), outer)}
	if err := base.valid("Find"); err != nil {
		return nil, nil, options{}, err
	}
	for i, c := range cs {
		if c.sub == nil {
			if err := r.constraintEnd(i, c.Constraint, defs[i]); err != nil {
				return nil, nil, options{}, err
			}
		}
	}
	return cs, defs, base, nil
}

// ofType returns the subjects of the unlabelled rdf:type quads whose object
// is class (a labelled one is a vocabulary term's): the entities of a kind,
// or the claims, read by the index on class.
func (r *reader) ofType(class schema.IRI) ([]schema.IRI, error) {
	var ids []schema.IRI
	err := r.eachOf(quad.Object, iri(class), []quad.Value{iri(schema.Type)}, func(q quad.Quad) bool {
		if id, ok := iriOf(q.Subject); ok && q.Label == nil {
			ids = append(ids, id)
		}
		return true
	})
	return ids, err
}

// ofKind calls add with each entity of kind k or a kind below it, as reads
// show it (the canonical member of its merge class).
func (r *reader) ofKind(k schema.Kind, add func(schema.IRI)) error {
	for _, d := range r.g.vocab.Descendants(k) {
		ids, err := r.ofType(schema.IRI(d))
		if err != nil {
			return err
		}
		for _, id := range ids {
			c, err := r.canon(id)
			if err != nil {
				return err
			}
			add(c)
		}
	}
	return nil
}

// find runs q in a read (see prepare for outer). With the in-memory index
// and no merges it works on term ids (see findTerms); otherwise by IRI.
func (r *reader) find(q Query, outer filters, depth int) ([]Match, error) {
	if idx := r.termIndex(); idx != nil {
		return r.findByTerm(idx, q, outer, depth)
	}
	ms, _, err := r.findIRIs(q, outer, depth, true)
	return ms, err
}

// findIRIs is find by IRI. With build unset it returns, instead of the
// matches, their IDs in no set order: what a nested query without a Limit
// hands the query it is nested in, with no Match built and nothing sorted.
func (r *reader) findIRIs(q Query, outer filters, depth int, build bool) ([]Match, []schema.IRI, error) {
	v := r.g.vocab
	cs, defs, base, err := r.prepare(q, outer, depth)
	if err != nil {
		return nil, nil, err
	}
	var ids []schema.IRI
	seen := map[schema.IRI]bool{}
	add := func(id schema.IRI) {
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	// ev holds each candidate's evidence as the parts its constraints met it
	// by, joined once a match is built: a group many states back is not
	// copied a state at a time.
	ev := map[schema.IRI][]Evidence{}
	// fits reports whether id is an entity of the query's kind, decoding it
	// once: a candidate that is not (a state some state backs, in a query for
	// armed groups) is dropped before its evidence is gathered.
	fit := map[schema.IRI]*Entity{} // nil: absent or of another kind
	maybe := r.mayBeOfKind(q.kind)
	fits := func(id schema.IRI) (bool, error) {
		if e, ok := fit[id]; ok {
			return e != nil, nil
		}
		if maybe != nil && !maybe(id) {
			fit[id] = nil
			return false, nil
		}
		e, ok, err := r.view(id)
		if err != nil {
			return false, err
		}
		if !ok || !e.Is(v, q.kind) {
			fit[id] = nil
			return false, nil
		}
		fit[id] = &e
		return true, nil
	}
	if len(cs) == 0 {
		if err := r.unconstrained(q, add); err != nil {
			return nil, nil, err
		}
	}
	for i, c := range cs {
		// The first constraint's ends are candidates if of the query's kind,
		// a later one's if every earlier constraint kept them.
		candidate := fits
		if i > 0 {
			candidate = func(id schema.IRI) (bool, error) { return ev[id] != nil, nil }
		}
		others := []schema.IRI{c.Other}
		if c.sub != nil {
			if others, err = r.subIDs(*c.sub, base.filters, depth+1); err != nil {
				return nil, nil, err
			}
		}
		met := map[schema.IRI][]Evidence{}
		for _, other := range others {
			// The candidates are at the constraint's near end.
			ends, err := r.constraintMet(defs[i], base, c.Constraint, other, candidate)
			if err != nil {
				return nil, nil, err
			}
			for _, e := range ends {
				if i == 0 {
					add(e.id)
				}
				met[e.id] = append(met[e.id], e.ev)
			}
		}
		ids = slices.DeleteFunc(ids, func(id schema.IRI) bool { return met[id] == nil })
		for _, id := range ids {
			ev[id] = append(ev[id], met[id]...)
		}
	}
	var out []Match // nil when nothing matches
	if len(ids) > 0 && build {
		out = make([]Match, 0, len(ids))
	}
	var matched []schema.IRI
	for _, id := range ids {
		// Attribute constraints first: a lookup from the candidate, where
		// fits decodes it.
		parts := ev[id]
		if len(q.attrs) > 0 {
			aev, ok, err := r.attrsMet(q, base, id)
			if err != nil {
				return nil, nil, err
			} else if !ok {
				continue
			}
			parts = append(slices.Clip(parts), aev)
		}
		if ok, err := fits(id); err != nil {
			return nil, nil, err
		} else if !ok {
			continue
		}
		if !build {
			matched = append(matched, id)
			continue
		}
		var evidence Evidence
		if len(q.attrs) > 0 {
			// One pass over every part: several attribute tests may be met
			// by one claim, within the attributes' part too.
			evidence = appendUnique(nil, parts...)
		} else {
			evidence = joinEvidence(parts)
		}
		m := Match{Entity: *fit[id], Evidence: evidence}
		sortEvidence(m.Evidence)
		out = append(out, m)
	}
	if !build || len(out) == 0 {
		return nil, matched, nil
	}
	sortMatches(out)
	return out, nil, nil
}

// overlay returns own with every filter outer sets put over it.
func overlay(own, outer filters) filters {
	if !outer.asOf.IsZero() {
		own.asOf = outer.asOf
	}
	if !outer.knownAt.IsZero() {
		own.knownAt = outer.knownAt
	}
	if outer.source != "" {
		own.source = outer.source
	}
	if !outer.duringFrom.IsZero() {
		own.duringFrom, own.duringUntil = outer.duringFrom, outer.duringUntil
	}
	if outer.hasMinConfidence {
		own.minConfidence, own.hasMinConfidence = outer.minConfidence, true
	}
	own.certain = own.certain || outer.certain
	return own
}

// Only runs the query and returns its single match: ErrNotFound when there is
// none, ErrNotSingular when there are several.
func (q Query) Only(ctx context.Context, g *Graph) (Match, error) {
	ms, err := q.Limit(2).All(ctx, g)
	switch {
	case err != nil:
		return Match{}, err
	case len(ms) == 0:
		return Match{}, fmt.Errorf("graph: Find(%s): %w", g.vocab.KindName(q.kind), ErrNotFound)
	case len(ms) > 1:
		return Match{}, fmt.Errorf("graph: Find(%s): %w", g.vocab.KindName(q.kind), ErrNotSingular)
	}
	return ms[0], nil
}

// constraintEnd checks the known entity of constraint i: it must be in the
// graph (ErrNotFound) and of a kind the relation allows at its end (ErrDomain
// or ErrRange), or the constraint could never be met.
func (r *reader) constraintEnd(i int, c schema.Constraint, def schema.RelationDef) error {
	v := r.g.vocab
	e, ok, err := r.view(c.Other)
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("graph: Find: constraint %d: entity %s: %w", i+1, c.Other, ErrNotFound)
	}
	end, endName, wrong := def.Range, "range", ErrRange
	if c.Incoming {
		end, endName, wrong = def.Domain, "domain", ErrDomain
	}
	if def.Symmetric {
		end = def.Domain
	}
	if !e.Is(v, end) {
		return fmt.Errorf("graph: Find: constraint %d: %s (%s) is %v, outside %s's %s %s: %w",
			i+1, e.Name, e.ID, v.KindNames(e.Kinds), def.Name, endName, v.KindName(end), wrong)
	}
	return nil
}

// sortMatches orders matches by their entities' names (case folded once a
// match), then IDs. It sorts keys that point at the matches, not the matches
// themselves, so that a comparison neither looks a key up nor moves an Entity.
func sortMatches(ms []Match) {
	if len(ms) < 2 {
		return
	}
	type keyed struct {
		name string
		i    int
	}
	ks := make([]keyed, len(ms))
	for i, m := range ms {
		ks[i] = keyed{strings.ToLower(m.Entity.Name), i}
	}
	slices.SortFunc(ks, func(a, b keyed) int {
		if c := strings.Compare(a.name, b.name); c != 0 {
			return c
		}
		return strings.Compare(string(ms[a.i].Entity.ID), string(ms[b.i].Entity.ID))
	})
	sorted := make([]Match, len(ms))
	for j, k := range ks {
		sorted[j] = ms[k.i]
	}
	copy(ms, sorted)
}

// joinEvidence returns the claims of parts, each once, in order. A part is
// an edge's evidence, each claim once: one part is returned as it is.
func joinEvidence(parts []Evidence) Evidence {
	switch len(parts) {
	case 0:
		return nil
	case 1:
		return parts[0]
	}
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	return appendUnique(make(Evidence, 0, n), parts...)
}

// appendUnique appends to out the claims of parts, each once, in order.
func appendUnique(out Evidence, parts ...Evidence) Evidence {
	seen := make(map[schema.IRI]bool, cap(out))
	for _, p := range parts {
		for _, c := range p {
			if !seen[c.ID] {
				seen[c.ID] = true
				out = append(out, c)
			}
		}
	}
	return out
}

// dedupe returns ev with each claim once, in order.
func dedupe(ev Evidence) Evidence {
	if len(ev) < 2 {
		return ev
	}
	return appendUnique(make(Evidence, 0, len(ev)), ev)
}
