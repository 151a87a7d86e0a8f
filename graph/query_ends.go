package graph

import "github.com/actorgraph/actorgraph/schema"

// reached is an entity a constraint reaches, with the evidence of the edge
// that reaches it.
type reached struct {
	id schema.IRI
	ev Evidence
}

// constraintEndsOf returns an end of each edge of def that passes f (its
// subject when subjects is set, else its object) and that near keeps (all
// when near is nil), with the edge's evidence. A constraint needs only which
// entities it reaches and on what evidence, so unlike edges it decodes
// neither end's entity and sorts nothing: the query decodes the entities it
// returns, once each; and a query asks only for its candidates, so that the
// evidence of an edge to anything else (a state some state backs, in a query
// for armed groups) is never decoded. A relation read by slot (exclusive
// states, states that events start or end) goes through edges, which works
// supersession out.
func (r *reader) constraintEndsOf(def schema.RelationDef, f options, subjects bool, near func(schema.IRI) (bool, error)) ([]reached, error) {
	keep := func(id schema.IRI) (bool, error) {
		if near == nil {
			return true, nil
		}
		return near(id)
	}
	if _, _, ok := r.slotting(def); ok {
		es, err := r.edges(def, f)
		if err != nil {
			return nil, err
		}
		out := make([]reached, 0, len(es))
		for _, e := range es {
			id := e.Object.ID
			if subjects {
				id = e.Subject.ID
			}
			if ok, err := keep(id); err != nil {
				return nil, err
			} else if ok {
				out = append(out, reached{id, e.Evidence})
			}
		}
		return out, nil
	}
	ts, err := r.triples(def, f)
	if err != nil {
		return nil, err
	}
	out := make([]reached, 0, len(ts))
	for _, t := range ts {
		id := t.o
		if subjects {
			id = t.s
		}
		if ok, err := keep(id); err != nil {
			return nil, err
		} else if !ok {
			continue
		}
		ev, err := r.evidence(t.labels, f.filters, def.Time)
		if err != nil {
			return nil, err
		}
		if !f.keeps(ev) {
			continue
		}
		out = append(out, reached{id, ev})
	}
	return out, nil
}

// constraintMet returns the ends of the edges of def from other, the far
// end of constraint c (f is the query's edge options), at c's near end and
// kept by near (all when nil), whose evidence has the sources c asks for.
func (r *reader) constraintMet(def schema.RelationDef, f options, c schema.Constraint, other schema.IRI, near func(schema.IRI) (bool, error)) ([]reached, error) {
	if c.Incoming {
		f.from = other
	} else {
		f.to = other
	}
	// The near end: the edges' subjects, or their objects for an incoming
	// constraint.
	ends, err := r.constraintEndsOf(def, f, !c.Incoming, near)
	if err != nil || c.Sources <= 1 {
		return ends, err
	}
	kept := ends[:0]
	for _, e := range ends {
		if ok, err := r.supported(e.ev, c.Sources); err != nil {
			return nil, err
		} else if ok {
			kept = append(kept, e)
		}
	}
	return kept, nil
}
