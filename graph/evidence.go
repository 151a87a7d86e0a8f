package graph

import "github.com/actorgraph/actorgraph/schema"

// MinConfidence keeps the claims whose Confidence is at least p, a bound in
// (0, 1]; any other bound is ErrInvalid. A claim that gives no confidence
// (Confidence 0, "not given") does not reach any bound: MinConfidence asks
// for claims someone rated, so an unrated denial does not count either, and a
// fact an unrated claim denies is then not contested. Like every Filter it
// applies to every read that weighs evidence: Edges, Attributes, History,
// Count, and each level of a Query.
func MinConfidence(p float64) Filter {
	return Filter{func(f *filters) { f.minConfidence, f.hasMinConfidence = p, true }}
}

// Constraining is what BySources wraps: a constraint of Query.Where
// (schema.Backs.From(turkey)) or a constraint maker of Query.WhereSome
// (schema.Backs.From).
type Constraining interface {
	schema.Constraint | func(schema.IRI) schema.Constraint
}

// BySources returns c asking that the edge that meets it be asserted by at
// least n independent sources: claims of n distinct sources, as the graph
// tells sources apart (two sources a merge made one count once), among the
// claims that pass the query's filters. It wraps a constraint of Where or a
// constraint maker of WhereSome:
//
//	// what Turkey backs, on the word of two sources at least
//	graph.Find(schema.Organization).Where(graph.BySources(2, schema.Backs.From(turkey)))
//	// backed by some state, two sources saying so of the same state
//	graph.Find(schema.Organization).WhereSome(graph.BySources(2, schema.Backs.From), graph.Find(schema.State))
//
// The count is per edge: a group one source says Turkey backs and another
// says Qatar backs is not backed "by some state" on two sources. Denials do
// not count, and the Match's Evidence holds the claims of the edges that met
// the bound only. n of 0 or 1 asks for any source, as the bare constraint
// does; a negative n is ErrInvalid when the query runs.
func BySources[C Constraining](n int, c C) C {
	switch c := any(c).(type) {
	case schema.Constraint:
		c.Sources = n
		return any(c).(C)
	case func(schema.IRI) schema.Constraint:
		if c == nil {
			break
		}
		return any(func(id schema.IRI) schema.Constraint {
			k := c(id)
			k.Sources = n
			return k
		}).(C)
	}
	return c
}

// supported reports whether ev, the admitted evidence of an edge a read
// kept (so asserted), has asserting claims of at least n distinct sources,
// each source counted as reads show it (the canonical member of its merge
// class). Any source will do for n <= 1.
func (r *reader) supported(ev Evidence, n int) (bool, error) {
	if n <= 1 {
		return true, nil
	}
	seen := make(map[schema.IRI]bool, n)
	for _, c := range ev {
		if c.Stance != Asserted {
			continue
		}
		src, err := r.canon(c.Source.ID)
		if err != nil {
			return false, err
		}
		if seen[src] = true; len(seen) >= n {
			return true, nil
		}
	}
	return false, nil
}
