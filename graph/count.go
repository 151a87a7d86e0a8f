package graph

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/actorgraph/actorgraph/schema"
)

// Counted says what Graph.Count counts and how it groups them.
type Counted uint8

// What Graph.Count may count.
const (
	ClaimsPerSource       Counted = iota + 1 // claims, by their source (Count.Entity)
	ClaimsPerReportedYear                    // claims, by the year they were reported (Count.Year)
	FactsPerRelation                         // facts (a subject, relation and object with an asserting claim), by relation
	FactsPerValidYear                        // facts, by the year their earliest asserting claim holds from
	EdgesPerActor                            // facts, by each end (Count.Entity): an actor's edges
	EntitiesPerKind                          // entities, by each of their kinds
)

// Count is one group of Graph.Count: the field the grouping names (Entity,
// Relation, Kind or Year) and how many were counted.
type Count struct {
	Entity   Entity
	Relation schema.Relation
	Kind     schema.Kind
	Year     int
	N        int
}

// Count counts claims, facts or entities of the graph, grouped as what says,
// with the claim filters applying to the claims counted and to the evidence
// that makes a fact count (a fact counts when an admitted claim asserts it;
// AsOf and During keep the facts that hold then, as Edges reads them, with
// supersession in exclusive slots). Groups are sorted by count, largest
// first, then by key. It reads the whole store (on key-value backends, a
// scan); entity counts take no filters.
func (g *Graph) Count(ctx context.Context, what Counted, fs ...Filter) ([]Count, error) {
	if what < ClaimsPerSource || what > EntitiesPerKind {
		return nil, fmt.Errorf("graph: Count: %d is not one of the counts: %w", what, ErrInvalid)
	}
	f := options{filters: collectFilters(fs)}
	if err := f.valid("Count"); err != nil {
		return nil, err
	}
	if what == EntitiesPerKind && len(fs) > 0 {
		return nil, fmt.Errorf("graph: Count(EntitiesPerKind) takes no filters: entities have no evidence: %w", ErrInvalid)
	}
	counts := map[string]*Count{}
	bump := func(key string, c Count) {
		if x, ok := counts[key]; ok {
			x.N++
			return
		}
		c.N = 1
		counts[key] = &c
	}
	err := g.read(ctx, func(r *reader) error {
		switch what {
		case ClaimsPerSource:
			if len(fs) == 0 && !g.retractions.Load() {
				// Every claim counts: its source is all there is to read.
				return r.countSources(counts)
			}
			fallthrough
		case ClaimsPerReportedYear:
			ids, err := r.ofType(schema.IRI(schema.ClaimKind))
			if err != nil {
				return err
			}
			cf, sources, err := r.bySource(f.filters)
			if err != nil {
				return err
			}
			for _, id := range ids {
				c, found, err := r.claim(id)
				if err != nil {
					return err
				}
				if !found || c.Stance == Retracted || !cf.admits(c, schema.Stative) || !fromSource(c.Source.ID, sources) {
					continue
				}
				if what == ClaimsPerSource {
					src, err := r.mustEntity(c.Source.ID) // a merged source counts once
					if err != nil {
						return err
					}
					bump(string(src.ID), Count{Entity: src})
				} else {
					y := c.Reported.Start().Year()
					bump(fmt.Sprint(y), Count{Year: y})
				}
			}
			return nil
		case EntitiesPerKind:
			for _, kd := range g.vocab.Kinds() {
				if kd.Kind == schema.ClaimKind {
					continue
				}
				err := r.eachOf(quad.Object, iri(schema.IRI(kd.Kind)), []quad.Value{iri(schema.Type)}, func(q quad.Quad) bool {
					if q.Label == nil {
						bump(string(kd.Kind), Count{Kind: kd.Kind})
					}
					return true
				})
				if err != nil {
					return err
				}
			}
			return nil
		}
		for _, def := range g.vocab.Relations() {
			es, err := r.edges(def, f)
			if err != nil {
				return err
			}
			for _, e := range es {
				switch what {
				case FactsPerRelation:
					bump(string(def.Relation), Count{Relation: def.Relation})
				case FactsPerValidYear:
					first, _ := stepDates(e.Evidence) // the earliest asserting claim's start
					y := first.Start().Year()
					bump(fmt.Sprint(y), Count{Year: y})
				case EdgesPerActor:
					bump(string(e.Subject.ID), Count{Entity: e.Subject})
					if e.Object.ID != e.Subject.ID {
						bump(string(e.Object.ID), Count{Entity: e.Object})
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := make([]Count, 0, len(counts))
	for _, c := range counts {
		out = append(out, *c)
	}
	slices.SortFunc(out, func(a, b Count) int {
		if a.N != b.N {
			return b.N - a.N
		}
		return strings.Compare(countKey(a), countKey(b))
	})
	return out, nil
}

// countSources counts every claim by its source, reading one quad of each
// claim (the one that names its source) instead of decoding it: in memory
// through the index of that predicate, elsewhere by the claim's own quads,
// as the claims are found by kind. A source merged with others counts once,
// as its merge class's canonical member. It is ClaimsPerSource when no claim
// is filtered out: no filter is given and the store holds no retraction.
func (r *reader) countSources(counts map[string]*Count) error {
	perSource := map[schema.IRI]int{}
	source := iri(schema.Source)
	bump := func(q quad.Quad) bool {
		if src, ok := iriOf(q.Object); ok && q.Label == nil && q.Predicate == source {
			perSource[src]++
		}
		return true
	}
	if idx := r.g.index; idx != nil {
		// A histogram over the ids of the source quads' objects.
		for v, n := range idx.objectCounts(source) {
			if src, ok := iriOf(v); ok {
				perSource[src] += n
			}
		}
		if err := r.ctx.Err(); err != nil {
			return err
		}
	} else {
		ids, err := r.ofType(schema.IRI(schema.ClaimKind))
		if err != nil {
			return err
		}
		for _, id := range ids {
			if err := r.eachOf(quad.Subject, iri(id), []quad.Value{source}, bump); err != nil {
				return err
			}
		}
	}
	for id, n := range perSource {
		src, err := r.mustEntity(id)
		if err != nil {
			return err
		}
		if c, ok := counts[string(src.ID)]; ok {
			c.N += n
		} else {
			counts[string(src.ID)] = &Count{Entity: src, N: n}
		}
	}
	return nil
}

// countKey orders groups of equal counts: by name, relation, kind, year.
func countKey(c Count) string {
	return fmt.Sprintf("%s\x00%s\x00%s\x00%s\x00%06d", strings.ToLower(c.Entity.Name), c.Entity.ID, c.Relation, c.Kind, c.Year)
}
