package graph_test

import (
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

// ClaimsPerSource with no filter reads one quad a claim (its source) instead
// of decoding every claim; the filtered path decodes them. The two must agree,
// through merges of sources, and once the store holds a retraction (when the
// count falls back to decoding, which drops retracted claims).
func TestClaimsPerSourceReadByIndexAgreesWithTheDecodedClaims(t *testing.T) {
	for _, st := range everyStore(t) {
		t.Run(st.name, func(t *testing.T) {
			g := fixtureAt(t, fresh(t, st.location))
			// The fixture's 12 claims: 11 of the report, 1 of the ministry.
			// Add a second report, merged into the first, with 2 claims of its own.
			report2 := id.IRI("report2")
			mustWrite(t, g, func(tx *graph.Tx) error {
				if err := tx.AddEntity(graph.Entity{ID: report2, Kinds: []schema.Kind{schema.Report}, Name: "The report, again"}); err != nil {
					return err
				}
				for _, n := range []string{"r2-a", "r2-b"} {
					c := graph.Claim{ID: claimID(n), Source: graph.Entity{ID: report2}, Reported: graph.Year(2024)}
					if err := tx.AddClaim(c); err != nil {
						return err
					}
					if err := tx.Assert(graph.Fact{Subject: russia, Relation: schema.Backs, Object: coalition, Claim: c.ID}); err != nil {
						return err
					}
				}
				if err := tx.AddClaim(graph.Claim{ID: claimID("m"), Source: graph.Entity{ID: ministry}, Reported: graph.Year(2024)}); err != nil {
					return err
				}
				return tx.Merge(report, report2, claimID("m"))
			})
			// Every claim admitted: a KnownAt far past every reported date
			// takes the decoding path and must count the same.
			all := graph.KnownAt(graph.Year(3000))
			const want = "The report=13 Ministry of Defense=2"
			if got := counts(t, g, graph.ClaimsPerSource); got != want {
				t.Errorf("by index: %q, want %q", got, want)
			}
			if got := counts(t, g, graph.ClaimsPerSource, all); got != want {
				t.Errorf("decoded: %q, want %q", got, want)
			}

			// A retraction: neither it nor the claim it withdraws counts.
			mustWrite(t, g, func(tx *graph.Tx) error {
				return tx.AddClaim(graph.Claim{ID: claimID("r2-b-withdrawn"), Source: graph.Entity{ID: report2},
					Stance: graph.Retracted, Retracts: claimID("r2-b"), Reported: graph.Year(2025)})
			})
			const afterRetraction = "The report=12 Ministry of Defense=2"
			if got := counts(t, g, graph.ClaimsPerSource); got != afterRetraction {
				t.Errorf("after a retraction: %q, want %q", got, afterRetraction)
			}
			if got := counts(t, g, graph.ClaimsPerSource, all); got != afterRetraction {
				t.Errorf("after a retraction, decoded: %q, want %q", got, afterRetraction)
			}
		})
	}
}
