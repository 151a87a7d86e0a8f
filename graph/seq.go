package graph

import (
	"context"
	"iter"

	"github.com/cayleygraph/quad"

	"github.com/actorgraph/actorgraph/schema"
)

// seqChunk is how many candidates Seq checks in one read: the read lock is
// held for a chunk and released before its matches are yielded.
const seqChunk = 256

// Seq runs the query on g and yields its matches as it finds them, in no set
// order, with the same matches and evidence as All (All sorts them by name),
// until the loop stops or Limit matches have been yielded. Nothing is
// decoded for a candidate the loop does not reach.
//
// Seq plans the query: it starts from its most selective constraint with a
// known end (the one whose end has the fewest quads in the index), or from
// its first nested query that has constraints of its own, or from the kind
// or, when the index says it has fewer quads, an attribute it constrains;
// every other constraint is checked from each candidate, by a lookup from the
// candidate. A nested query with constraints is found whole, once, before the
// first match is yielded; one of a kind alone ("backed by some state"), or
// of a kind and attribute constraints, is checked at each far end the loop
// reaches. Attribute constraints are checked from each candidate, after its
// relation constraints.
//
// The graph's read lock is held while a chunk of candidates is checked and
// released while its matches are yielded, so the loop's body may read and
// write g. A batch that commits while the loop runs may show in the matches
// not yet yielded; All reads the graph as of one moment.
//
// An error ends the sequence: it is yielded once, with a zero Match.
func (q Query) Seq(ctx context.Context, g *Graph) iter.Seq2[Match, error] {
	return func(yield func(Match, error) bool) {
		var p *seqPlan
		err := g.read(ctx, func(r *reader) error {
			var err error
			p, err = r.plan(q)
			return err
		})
		if err != nil {
			yield(Match{}, err)
			return
		}
		yielded := 0
		for start := 0; start < len(p.cands); start += seqChunk {
			var ms []Match
			err := g.read(ctx, func(r *reader) error {
				for _, id := range p.cands[start:min(start+seqChunk, len(p.cands))] {
					m, ok, err := r.check(p, id)
					if err != nil {
						return err
					}
					if ok {
						ms = append(ms, m)
					}
				}
				return nil
			})
			if err != nil {
				yield(Match{}, err)
				return
			}
			for _, m := range ms {
				// A context cancelled while the loop's body ran ends the
				// sequence before the next match, as the streams do.
				if err := ctx.Err(); err != nil {
					yield(Match{}, err)
					return
				}
				if !yield(m, nil) {
					return
				}
				if yielded++; q.limit > 0 && yielded == q.limit {
					return
				}
			}
		}
	}
}

// seqPlan is a planned query: its candidates, in the order they are checked,
// and what each must meet.
type seqPlan struct {
	q     Query
	cs    []constraint
	defs  []schema.RelationDef
	base  options
	first int // the constraint the candidates come from; -1 for the kind
	// cands are the candidates; firstEv the evidence through which each met
	// the first constraint.
	cands   []schema.IRI
	firstEv map[schema.IRI]Evidence
	// subs are the matches of each nested query with constraints of its own,
	// found once, by constraint; a nested query of a kind alone is checked
	// end by end instead (members).
	subs    map[int]map[schema.IRI]bool
	members map[int]*seqPlan
	memo    map[int]map[schema.IRI]bool
}

// member reports whether end matches the nested query of constraint i.
func (r *reader) member(p *seqPlan, i int, end schema.IRI) (bool, error) {
	if set, ok := p.subs[i]; ok {
		return set[end], nil
	}
	if ok, known := p.memo[i][end]; known {
		return ok, nil
	}
	_, ok, err := r.check(p.members[i], end)
	if err != nil {
		return false, err
	}
	if p.memo[i] == nil {
		p.memo[i] = map[schema.IRI]bool{}
	}
	p.memo[i][end] = ok
	return ok, nil
}

// plan checks q, finds its nested queries' matches and lists its candidates.
func (r *reader) plan(q Query) (*seqPlan, error) {
	cs, defs, base, err := r.prepare(q, filters{}, 0)
	if err != nil {
		return nil, err
	}
	p := &seqPlan{q: q, cs: cs, defs: defs, base: base, first: -1,
		subs: map[int]map[schema.IRI]bool{}, members: map[int]*seqPlan{}, memo: map[int]map[schema.IRI]bool{}}
	for i, c := range cs {
		if c.sub == nil {
			continue
		}
		if len(c.sub.where)+len(c.sub.some) == 0 && c.sub.limit <= 0 {
			// A kind alone: each far end is checked for it, and the
			// candidates come from elsewhere (the outer kind, if need be).
			scs, sdefs, sbase, err := r.prepare(*c.sub, base.filters, 1)
			if err != nil {
				return nil, err
			}
			p.members[i] = &seqPlan{q: *c.sub, cs: scs, defs: sdefs, base: sbase, first: -1}
			continue
		}
		// Only the matches' IDs: as All, a nested Limit keeps the first by name.
		ids, err := r.subIDs(*c.sub, base.filters, 1)
		if err != nil {
			return nil, err
		}
		set := make(map[schema.IRI]bool, len(ids))
		for _, id := range ids {
			set[id] = true
		}
		p.subs[i] = set
	}
	// The most selective constraint with a known end; else the first.
	best := -1
	for i, c := range cs {
		if c.sub != nil {
			continue
		}
		if best < 0 || r.degree(c.Other) < r.degree(cs[best].Other) {
			best = i
		}
	}
	for i := range cs {
		if _, found := p.subs[i]; best < 0 && found {
			best = i // the first nested query found whole
		}
	}
	p.first = best
	seen := map[schema.IRI]bool{}
	add := func(id schema.IRI) {
		if !seen[id] {
			seen[id] = true
			p.cands = append(p.cands, id)
		}
	}
	if best < 0 {
		return p, r.unconstrained(q, add)
	}
	p.firstEv = map[schema.IRI]Evidence{}
	c := cs[best]
	others := []schema.IRI{c.Other}
	if c.sub != nil {
		others = others[:0]
		for id := range p.subs[best] {
			others = append(others, id)
		}
	}
	for _, other := range others {
		// As find reads a constraint: the ends at the candidates' side.
		ends, err := r.constraintMet(defs[best], base, c.Constraint, other, nil)
		if err != nil {
			return nil, err
		}
		for _, e := range ends {
			add(e.id)
			p.firstEv[e.id] = append(p.firstEv[e.id], e.ev...)
		}
	}
	return p, nil
}

// degree estimates how many edges a constraint with the known end id has:
// the number of quads id is the subject or object of, read from the index's
// list lengths. Without an index it cannot tell, and says 0 for every end.
func (r *reader) degree(id schema.IRI) int {
	idx := r.g.index
	if idx == nil {
		return 0
	}
	v := iri(id)
	return len(idx.list(quad.Subject, v)) + len(idx.list(quad.Object, v))
}

// check returns the match of candidate id if it meets every constraint of p
// but the first (which it met to become a candidate) and is of the query's
// kind.
func (r *reader) check(p *seqPlan, id schema.IRI) (Match, bool, error) {
	var ev Evidence
	if p.first >= 0 {
		ev = append(ev, p.firstEv[id]...)
	}
	for i, c := range p.cs {
		if i == p.first {
			continue
		}
		f := p.base
		if c.Incoming {
			f.to = id
			if c.sub == nil {
				f.from = c.Other
			}
		} else {
			f.from = id
			if c.sub == nil {
				f.to = c.Other
			}
		}
		edges, err := r.edges(p.defs[i], f)
		if err != nil {
			return Match{}, false, err
		}
		met := false
		for _, e := range edges {
			end, cand := e.Object.ID, e.Subject.ID
			if c.Incoming {
				end, cand = e.Subject.ID, e.Object.ID
			}
			if cand != id {
				continue // a symmetric edge read the other way round
			}
			if ok, err := r.supported(e.Evidence, c.Sources); err != nil {
				return Match{}, false, err
			} else if !ok {
				continue
			}
			if c.sub != nil {
				if ok, err := r.member(p, i, end); err != nil {
					return Match{}, false, err
				} else if !ok {
					continue
				}
			}
			met = true
			ev = append(ev, e.Evidence...)
		}
		if !met {
			return Match{}, false, nil
		}
	}
	if len(p.q.attrs) > 0 {
		aev, ok, err := r.attrsMet(p.q, p.base, id)
		if err != nil || !ok {
			return Match{}, false, err
		}
		ev = append(ev, aev...)
	}
	e, ok, err := r.view(id)
	if err != nil || !ok || !e.Is(r.g.vocab, p.q.kind) {
		return Match{}, false, err
	}
	m := Match{Entity: e, Evidence: dedupe(ev)}
	sortEvidence(m.Evidence)
	return m, true, nil
}
