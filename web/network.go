package web

import (
	"context"
	"slices"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/answer"
	"github.com/actorgraph/actorgraph/schema"
)

// networkAnswer is the result of api/network: every edge that passes the
// filters, denied ones included, and the entities at their ends.
type networkAnswer struct {
	Entities []answer.Entity `json:"entities"`
	Edges    []networkEdge   `json:"edges"`
	// Truncated says that the graph holds more edges than one answer carries
	// (maxNetworkEdges); narrow the filters to see the rest.
	Truncated bool `json:"truncated"`
}

// networkEdge is an edge with what the page needs to draw it.
type networkEdge struct {
	answer.Edge
	// Denied: no claim that passes the filters asserts it.
	Denied bool `json:"denied"`
	// Ended: every asserting claim's state was ended by a successor or an
	// event before the date asked (with ended=1 only).
	Ended bool `json:"ended"`
	// Event: the relation is an event (captured), not a state.
	Event bool `json:"event"`
}

func (s *server) network(ctx context.Context, r *request) (any, error) {
	opts, err := filterOptions[graph.EdgeOption](ctx, r, "network")
	if err != nil {
		return nil, err
	}
	opts = append(opts, graph.WithDenied())
	withEnded, err := r.flag("ended")
	if err != nil {
		return nil, err
	}
	v := s.g.Vocabulary()
	out := networkAnswer{Entities: []answer.Entity{}, Edges: []networkEdge{}}
	seen := map[schema.IRI]bool{}
	add := func(e graph.Entity) {
		if !seen[e.ID] {
			seen[e.ID] = true
			out.Entities = append(out.Entities, answer.EntityOf(v, e))
		}
	}
	for _, d := range v.Relations() {
		es, err := s.g.Edges(ctx, d.Relation, opts...)
		if err != nil {
			return nil, err
		}
		// An ended edge is one that WithEnded adds: a state that would
		// hold at the dates asked but for a successor or an event. (A
		// claim of an edge that holds may carry EndedBy too, when what
		// ended it comes after the dates.)
		var holding map[claimOfEdge]bool
		if withEnded {
			holding = claimsOf(es)
			if es, err = s.g.Edges(ctx, d.Relation, append(opts, graph.WithEnded())...); err != nil {
				return nil, err
			}
		}
		for _, e := range es {
			if len(out.Edges) == maxNetworkEdges {
				out.Truncated = true
				break
			}
			add(e.Subject)
			add(e.Object)
			out.Edges = append(out.Edges, networkEdge{Edge: answer.EdgeOf(v, e), Denied: !e.Evidence.Asserted(),
				Ended: withEnded && e.Evidence.Asserted() && !assertedIn(e, holding), Event: d.Time == schema.Eventive})
		}
	}
	return out, nil
}

// claimOfEdge is one claim of one edge.
type claimOfEdge struct {
	subject, object, claim schema.IRI
	relation               schema.Relation
}

func claimKey(e graph.Edge, c graph.Claim) claimOfEdge {
	return claimOfEdge{subject: e.Subject.ID, object: e.Object.ID, claim: c.ID, relation: e.Relation}
}

// claimsOf returns the claims of the edges es.
func claimsOf(es []graph.Edge) map[claimOfEdge]bool {
	out := map[claimOfEdge]bool{}
	for _, e := range es {
		for _, c := range e.Evidence {
			out[claimKey(e, c)] = true
		}
	}
	return out
}

// assertedIn reports whether one of the asserting claims of e is in claims.
func assertedIn(e graph.Edge, claims map[claimOfEdge]bool) bool {
	for _, c := range e.Evidence {
		if c.Stance == graph.Asserted && claims[claimKey(e, c)] {
			return true
		}
	}
	return false
}

// datesAnswer is the result of api/dates: the dates the data's claims
// name, for the page's time controls, ISO 8601 at their precision, sorted by
// the instant each period starts.
type datesAnswer struct {
	// Valid holds when the claims start and stop holding: their validFrom
	// and validUntil, and the reported date of those that give no start,
	// since they count from it.
	Valid []string `json:"valid"`
	// Reported holds when they were reported (retractions included).
	Reported []string `json:"reported"`
}

// dates reads the claims' dates from every statement of the graph: it reads
// the whole store, as an export does.
func (s *server) dates(ctx context.Context, r *request) (any, error) {
	type claimDates struct{ from, until, reported string }
	claims := map[schema.IRI]*claimDates{}
	err := s.g.Statements(ctx, func(st graph.Statement) error {
		var field *string
		c := claims[st.Subject]
		if c == nil {
			c = &claimDates{}
		}
		switch st.Predicate {
		case schema.ValidFrom:
			field = &c.from
		case schema.ValidUntil:
			field = &c.until
		case schema.Reported:
			field = &c.reported
		default:
			return nil
		}
		d, err := graph.ParseDate(st.Object.Lexical)
		if err != nil || d.IsZero() {
			return nil // not a date the graph wrote; no stop of the sliders
		}
		*field = d.String()
		claims[st.Subject] = c
		return nil
	})
	if err != nil {
		return nil, err
	}
	valid, reported := map[string]bool{}, map[string]bool{}
	for _, c := range claims {
		for _, d := range []string{c.from, c.until} {
			if d != "" {
				valid[d] = true
			}
		}
		if c.reported != "" {
			reported[c.reported] = true
			if c.from == "" {
				valid[c.reported] = true
			}
		}
	}
	return datesAnswer{Valid: sorted(valid), Reported: sorted(reported)}, nil
}

// sorted returns the keys of m in order. ISO 8601 dates at any precision
// sort as the instants their periods start: "2024" before "2024-11-27".
func sorted(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
