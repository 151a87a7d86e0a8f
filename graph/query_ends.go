package graph

import "github.com/actorgraph/actorgraph/schema"

// reached is an entity a constraint reaches, with the evidence of the edge
// that reaches it.
type reached struct {
	id schema.IRI
	ev Evidence
}

// constraintEnds returns an end of each edge of def that passes f (its
// subject when subjects is set, else its object), with the edge's evidence.
// A constraint needs only which entities it reaches and on what evidence, so
// unlike edges it decodes neither end's entity and sorts nothing: the query
// decodes the entities it returns, once each. A relation read by slot
// (exclusive states, states that events start or end) goes through edges,
// which works supersession out.
func (r *reader) constraintEnds(def schema.RelationDef, f options, subjects bool) ([]reached, error) {
	if _, _, ok := r.slotting(def); ok {
		es, err := r.edges(def, f)
		if err != nil {
			return nil, err
		}
		out := make([]reached, len(es))
		for i, e := range es {
			out[i] = reached{e.Object.ID, e.Evidence}
			if subjects {
				out[i].id = e.Subject.ID
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
		ev, err := r.evidence(t.labels, f.filters, def.Time)
		if err != nil {
			return nil, err
		}
		if !f.keeps(ev) {
			continue
		}
		id := t.o
		if subjects {
			id = t.s
		}
		out = append(out, reached{id, ev})
	}
	return out, nil
}
