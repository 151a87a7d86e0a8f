package graph_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

// prefetchCases are batches whose validation reads the graph: each, run with
// and without Prefetch of the IDs it names, must decide the same. suffix makes
// the IDs a batch adds its own, so that both runs start from the same graph.
var prefetchCases = []struct {
	name string
	want error // nil: the batch commits
	ids  func(suffix string) []schema.IRI
	fn   func(suffix string) func(tx *graph.Tx) error
}{
	{
		name: "a batch of new entities, claims and facts commits",
		ids: func(s string) []schema.IRI {
			return []schema.IRI{id.IRI("new-group" + s), claimID("new" + s), report, hts}
		},
		fn: func(s string) func(tx *graph.Tx) error {
			return func(tx *graph.Tx) error {
				return errors.Join(
					tx.AddEntity(graph.Entity{ID: id.IRI("new-group" + s), Kinds: []schema.Kind{schema.ArmedGroup}, Name: "New group " + s}),
					tx.AddClaim(graph.Claim{ID: claimID("new" + s), Source: graph.Entity{ID: report}, Reported: graph.Year(2024)}),
					tx.Assert(graph.Fact{Subject: id.IRI("new-group" + s), Relation: schema.Backs, Object: hts, Claim: claimID("new" + s)}))
			}
		},
	},
	{
		name: "an entity of the graph added again unchanged commits",
		want: nil,
		ids:  func(string) []schema.IRI { return []schema.IRI{turkey} },
		fn: func(string) func(tx *graph.Tx) error {
			return func(tx *graph.Tx) error {
				return tx.AddEntity(graph.Entity{ID: turkey, Kinds: []schema.Kind{schema.State}, Name: "Turkey"})
			}
		},
	},
	{
		name: "an entity of the graph added again under another name is refused",
		want: graph.ErrConflict,
		ids:  func(string) []schema.IRI { return []schema.IRI{hts} },
		fn: func(string) func(tx *graph.Tx) error {
			return func(tx *graph.Tx) error {
				return tx.AddEntity(graph.Entity{ID: hts, Kinds: []schema.Kind{schema.ArmedGroup}, Name: "Another name"})
			}
		},
	},
	{
		name: "a claim whose ID names an entity of the graph is refused",
		want: graph.ErrConflict,
		ids:  func(string) []schema.IRI { return []schema.IRI{russia, report} },
		fn: func(string) func(tx *graph.Tx) error {
			return func(tx *graph.Tx) error {
				return tx.AddClaim(graph.Claim{ID: russia, Source: graph.Entity{ID: report}, Reported: graph.Year(2024)})
			}
		},
	},
	{
		name: "a claim of the graph added again with other content is refused",
		want: graph.ErrConflict,
		ids:  func(string) []schema.IRI { return []schema.IRI{claimID("backs"), report} },
		fn: func(string) func(tx *graph.Tx) error {
			return func(tx *graph.Tx) error {
				return tx.AddClaim(graph.Claim{ID: claimID("backs"), Source: graph.Entity{ID: report}, Reported: graph.Year(1999)})
			}
		},
	},
	{
		name: "a claim whose source is not in the graph is refused",
		want: graph.ErrDangling,
		ids: func(s string) []schema.IRI {
			return []schema.IRI{claimID("orphan" + s), id.IRI("nobody")}
		},
		fn: func(s string) func(tx *graph.Tx) error {
			return func(tx *graph.Tx) error {
				return tx.AddClaim(graph.Claim{ID: claimID("orphan" + s), Source: graph.Entity{ID: id.IRI("nobody")}, Reported: graph.Year(2024)})
			}
		},
	},
	{
		name: "a claim whose source cannot speak is refused",
		want: graph.ErrDomain,
		ids:  func(s string) []schema.IRI { return []schema.IRI{claimID("by-a-city" + s), daraa} },
		fn: func(s string) func(tx *graph.Tx) error {
			return func(tx *graph.Tx) error {
				return tx.AddClaim(graph.Claim{ID: claimID("by-a-city" + s), Source: graph.Entity{ID: daraa}, Reported: graph.Year(2024)})
			}
		},
	},
	{
		name: "a fact of an absent claim is refused",
		want: graph.ErrDangling,
		ids:  func(string) []schema.IRI { return []schema.IRI{russia, assadGov, claimID("absent")} },
		fn: func(string) func(tx *graph.Tx) error {
			return func(tx *graph.Tx) error {
				return tx.Assert(graph.Fact{Subject: russia, Relation: schema.Backs, Object: assadGov, Claim: claimID("absent")})
			}
		},
	},
	{
		name: "a fact whose object is outside its relation's range is refused",
		want: graph.ErrRange,
		ids:  func(string) []schema.IRI { return []schema.IRI{russia, daraa, claimID("russia")} },
		fn: func(string) func(tx *graph.Tx) error {
			return func(tx *graph.Tx) error {
				return tx.Assert(graph.Fact{Subject: russia, Relation: schema.Backs, Object: daraa, Claim: claimID("russia")})
			}
		},
	},
	{
		name: "a retraction of another source's claim is refused",
		want: graph.ErrInvalid,
		ids:  func(s string) []schema.IRI { return []schema.IRI{claimID("retract" + s), ministry, claimID("backs")} },
		fn: func(s string) func(tx *graph.Tx) error {
			return func(tx *graph.Tx) error {
				return tx.AddClaim(graph.Claim{ID: claimID("retract" + s), Source: graph.Entity{ID: ministry}, Stance: graph.Retracted,
					Retracts: claimID("backs"), Reported: graph.Year(2025)})
			}
		},
	},
}

// TestPrefetchDecidesAsWithout runs each batch of prefetchCases with and
// without Prefetch on every store: the same error (or none) and the same
// quads written.
func TestPrefetchDecidesAsWithout(t *testing.T) {
	ctx := context.Background()
	for _, st := range everyStore(t) {
		t.Run(st.name, func(t *testing.T) {
			g := fixtureAt(t, fresh(t, st.location))
			for _, c := range prefetchCases {
				t.Run(c.name, func(t *testing.T) {
					var errs [2]error
					var added [2]int64
					for i, prefetch := range []bool{false, true} {
						suffix := []string{"-plain", "-prefetched"}[i]
						before := quadCount(t, g)
						errs[i] = g.Write(ctx, func(tx *graph.Tx) error {
							if prefetch {
								if err := tx.Prefetch(c.ids(suffix)...); err != nil {
									return err
								}
							}
							return c.fn(suffix)(tx)
						})
						added[i] = quadCount(t, g) - before
					}
					for i, err := range errs {
						if (c.want == nil) != (err == nil) || (c.want != nil && !errors.Is(err, c.want)) {
							t.Errorf("prefetch %v: Write = %v, want %v", i == 1, err, c.want)
						}
					}
					// The same words, but for the IDs of each run's own.
					if c.want != nil && errs[0] != nil && errs[1] != nil &&
						strings.ReplaceAll(errs[0].Error(), "-plain", "") != strings.ReplaceAll(errs[1].Error(), "-prefetched", "") {
						t.Errorf("errors differ:\nwithout Prefetch: %v\nwith Prefetch:    %v", errs[0], errs[1])
					}
					if added[0] != added[1] {
						t.Errorf("quads written: %d without Prefetch, %d with", added[0], added[1])
					}
				})
			}
		})
	}
}

func TestPrefetchAfterWriteReturned(t *testing.T) {
	g := fixtureAt(t, "")
	var kept *graph.Tx
	if err := g.Write(context.Background(), func(tx *graph.Tx) error { kept = tx; return nil }); err != nil {
		t.Fatal(err)
	}
	if err := kept.Prefetch(hts); !errors.Is(err, graph.ErrTxDone) {
		t.Errorf("Prefetch after Write returned = %v, want ErrTxDone", err)
	}
}

func TestPrefetchOfAFailedBatch(t *testing.T) {
	g := fixtureAt(t, "")
	err := g.Write(context.Background(), func(tx *graph.Tx) error {
		_ = tx.AddEntity(graph.Entity{ID: hts, Kinds: []schema.Kind{schema.ArmedGroup}, Name: "Another name"})
		if err := tx.Prefetch(turkey); !errors.Is(err, graph.ErrConflict) {
			t.Errorf("Prefetch in a failed batch = %v, want the batch's ErrConflict", err)
		}
		return nil
	})
	if !errors.Is(err, graph.ErrConflict) {
		t.Errorf("Write = %v, want ErrConflict", err)
	}
}
