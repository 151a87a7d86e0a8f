package graph_test

import (
	"errors"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

func mustWrite(t *testing.T, g *graph.Graph, fn func(tx *graph.Tx) error) {
	t.Helper()
	if err := g.Write(ctx, fn); err != nil {
		t.Fatal(err)
	}
}

// 1. RemoveClaim of an alternateName attribute leaves its ag:nameKey.
func TestCorrectionRemoveClaimLeavesNameKey(t *testing.T) {
	for _, st := range everyStore(t) {
		t.Run(st.name, func(t *testing.T) {
			g := fixtureAt(t, fresh(t, st.location))
			c := claimID("alt")
			mustWrite(t, g, func(tx *graph.Tx) error {
				return tx.AddClaim(graph.Claim{ID: c, Source: graph.Entity{ID: report}, Reported: graph.Year(2024)})
			})
			n := quadCount(t, g)
			mustWrite(t, g, func(tx *graph.Tx) error {
				return tx.AssertAttribute(graph.AttributeFact{Subject: hts, Attribute: schema.AlternateName, Value: graph.Text("Tahrir Front"), Claim: c})
			})
			mustWrite(t, g, func(tx *graph.Tx) error { return tx.RemoveClaim(c) })
			if es, err := g.Resolve(ctx, "Tahrir Front"); err != nil || len(es) != 0 {
				t.Errorf("Resolve(removed alternate name) = %v, %v; want nothing", names(es), err)
			}
			if m := quadCount(t, g); m != n-4 { // the claim's 4 metadata quads go; nothing else stays
				t.Errorf("quads after removing the claim = %d, want %d", m, n-4)
			}
		})
	}
}

// 2. A claim re-added unchanged after its source was merged is refused, and a
// source's own retraction is refused once the source is merged.
func TestCorrectionClaimOfAMergedSource(t *testing.T) {
	for _, st := range everyStore(t) {
		t.Run(st.name, func(t *testing.T) {
			g := fixtureAt(t, fresh(t, st.location))
			report2 := id.IRI("report2") // sorts after report: report is canonical
			c2 := graph.Claim{ID: claimID("by-report2"), Source: graph.Entity{ID: report2}, Reported: graph.Year(2024)}
			mustWrite(t, g, func(tx *graph.Tx) error {
				if err := tx.AddEntity(graph.Entity{ID: report2, Kinds: []schema.Kind{schema.Report}, Name: "The report, again"}); err != nil {
					return err
				}
				if err := tx.AddClaim(c2); err != nil {
					return err
				}
				if err := tx.Assert(graph.Fact{Subject: russia, Relation: schema.Backs, Object: coalition, Claim: c2.ID}); err != nil {
					return err
				}
				if err := tx.AddClaim(graph.Claim{ID: claimID("m"), Source: graph.Entity{ID: ministry}, Reported: graph.Year(2024)}); err != nil {
					return err
				}
				return tx.Merge(report, report2, claimID("m"))
			})
			if err := g.Write(ctx, func(tx *graph.Tx) error { return tx.AddClaim(c2) }); err != nil {
				t.Errorf("re-adding an unchanged claim of a merged source: %v", err)
			}
			err := g.Write(ctx, func(tx *graph.Tx) error {
				return tx.AddClaim(graph.Claim{ID: claimID("r2"), Source: graph.Entity{ID: report2}, Stance: graph.Retracted, Retracts: c2.ID, Reported: graph.Year(2025)})
			})
			if err != nil {
				t.Errorf("the source's own retraction: %v", err)
			}
			// The other member's retraction passes validation but never counts.
			err = g.Write(ctx, func(tx *graph.Tx) error {
				return tx.AddClaim(graph.Claim{ID: claimID("r1"), Source: graph.Entity{ID: report}, Stance: graph.Retracted, Retracts: c2.ID, Reported: graph.Year(2025)})
			})
			cl, _ := g.Claim(ctx, c2.ID)
			t.Logf("retraction by the canonical member: err=%v, Retractions=%v", err, cl.Retractions)
			if err == nil && len(cl.Retractions) == 0 {
				t.Errorf("a retraction accepted by Write is not a retraction on read")
			}
			// BySource(report2) finds nothing: claims show the canonical source.
			if got := backers(t, g, graph.BySource(report2)); len(got) == 0 && err != nil {
				t.Logf("BySource(report2) = %q", got)
			}
		})
	}
}

// 3. Contested(From(a non-canonical member)) misses the edge.
func TestCorrectionContestedFromAMember(t *testing.T) {
	g := fixture(t)
	dup := id.IRI("assad-gov2")
	mustWrite(t, g, func(tx *graph.Tx) error {
		if err := tx.AddEntity(graph.Entity{ID: dup, Kinds: []schema.Kind{schema.Government}, Name: "Syrian government"}); err != nil {
			return err
		}
		if err := tx.AddClaim(graph.Claim{ID: claimID("m"), Source: graph.Entity{ID: report}, Reported: graph.Year(2024)}); err != nil {
			return err
		}
		return tx.Merge(assadGov, dup, claimID("m"))
	})
	for _, a := range []schema.IRI{assadGov, dup} {
		es, err := g.Contested(ctx, graph.From(a))
		if err != nil || len(es) != 1 {
			t.Errorf("Contested(From(%s)) = %d edges, %v; want 1", a, len(es), err)
		}
		es, err = g.Edges(ctx, schema.WithdrewFrom, graph.From(a), graph.WithDenied())
		if err != nil || len(es) != 1 {
			t.Errorf("Edges(From(%s)) = %d edges, %v; want 1", a, len(es), err)
		}
	}
}

// 4. Cascade cannot remove the medium of a claim its source retracted.
func TestCorrectionCascadeViaRetracted(t *testing.T) {
	g := fixture(t)
	wire := id.IRI("wire")
	mustWrite(t, g, func(tx *graph.Tx) error {
		if err := tx.AddEntity(graph.Entity{ID: wire, Kinds: []schema.Kind{schema.Report}, Name: "Wire"}); err != nil {
			return err
		}
		if err := tx.AddClaim(graph.Claim{ID: claimID("via"), Source: graph.Entity{ID: report}, Via: graph.Entity{ID: wire}, Reported: graph.Year(2024)}); err != nil {
			return err
		}
		if err := tx.Assert(graph.Fact{Subject: russia, Relation: schema.Backs, Object: coalition, Claim: claimID("via")}); err != nil {
			return err
		}
		return tx.AddClaim(graph.Claim{ID: claimID("via-r"), Source: graph.Entity{ID: report}, Stance: graph.Retracted, Retracts: claimID("via"), Reported: graph.Year(2025)})
	})
	if err := g.Write(ctx, func(tx *graph.Tx) error { return tx.RemoveEntity(wire, graph.Cascade()) }); err != nil {
		t.Errorf("RemoveEntity(medium, Cascade) = %v", err)
	}
}

// 5. Cascading removal of a merged member leaves the ag:mergedBy entry.
func TestCorrectionCascadeOfAMergedMember(t *testing.T) {
	for _, st := range everyStore(t) {
		t.Run(st.name, func(t *testing.T) {
			g := fixtureAt(t, fresh(t, st.location))
			dup := id.IRI("tahrir")
			mustWrite(t, g, func(tx *graph.Tx) error {
				return tx.AddClaim(graph.Claim{ID: claimID("m"), Source: graph.Entity{ID: report}, Reported: graph.Year(2024)})
			})
			n := quadCount(t, g)
			mustWrite(t, g, func(tx *graph.Tx) error {
				if err := tx.AddEntity(graph.Entity{ID: dup, Kinds: []schema.Kind{schema.ArmedGroup}, Name: "Tahrir al-Sham"}); err != nil {
					return err
				}
				return tx.Merge(hts, dup, claimID("m"))
			})
			mustWrite(t, g, func(tx *graph.Tx) error { return tx.RemoveEntity(dup, graph.Cascade()) })
			if m := quadCount(t, g); m != n {
				t.Errorf("quads after removing the merged duplicate = %d, want %d", m, n)
			}
			if e, err := g.Entity(ctx, hts); err != nil || len(e.Merged) != 0 {
				t.Errorf("Entity(hts) = %+v, %v", e, err)
			}
		})
	}
}

// 6. A retraction removed after the claim was read; a merge claim retracted after the class was read.
func TestCorrectionCachesAfterRetractionChanges(t *testing.T) {
	for _, st := range everyStore(t) {
		t.Run(st.name, func(t *testing.T) {
			g := fixtureAt(t, fresh(t, st.location))
			r := graph.Claim{ID: claimID("r"), Source: graph.Entity{ID: report}, Stance: graph.Retracted, Retracts: claimID("backs"), Reported: graph.Day(2024, 12, 10)}
			mustWrite(t, g, func(tx *graph.Tx) error { return tx.AddClaim(r) })
			if got := backers(t, g); len(got) != 0 {
				t.Fatalf("backers = %q", got)
			}
			mustWrite(t, g, func(tx *graph.Tx) error { return tx.RemoveClaim(r.ID) })
			if got := backers(t, g); len(got) != 1 {
				t.Errorf("backers after removing the retraction = %q", got)
			}
			dup := id.IRI("tahrir")
			mustWrite(t, g, func(tx *graph.Tx) error {
				if err := tx.AddEntity(graph.Entity{ID: dup, Kinds: []schema.Kind{schema.ArmedGroup}, Name: "Tahrir al-Sham"}); err != nil {
					return err
				}
				if err := tx.AddClaim(graph.Claim{ID: claimID("m"), Source: graph.Entity{ID: report}, Reported: graph.Year(2024)}); err != nil {
					return err
				}
				return tx.Merge(hts, dup, claimID("m"))
			})
			if e, _ := g.Entity(ctx, dup); e.ID != hts {
				t.Fatalf("not merged: %+v", e)
			}
			mustWrite(t, g, func(tx *graph.Tx) error {
				return tx.AddClaim(graph.Claim{ID: claimID("mr"), Source: graph.Entity{ID: report}, Stance: graph.Retracted, Retracts: claimID("m"), Reported: graph.Year(2025)})
			})
			if e, _ := g.Entity(ctx, dup); e.ID != dup {
				t.Errorf("after retracting the merge Entity(dup) = %s", e.ID)
			}
			mustWrite(t, g, func(tx *graph.Tx) error { return tx.RemoveClaim(claimID("mr")) })
			if e, _ := g.Entity(ctx, dup); e.ID != hts {
				t.Errorf("after removing the merge's retraction Entity(dup) = %s", e.ID)
			}
		})
	}
}

var _ = errors.Is

// 0. A merge whose claim's source is one of the merged entities overflows the stack on read.
func TestCorrectionMergeOfTheMergeClaimsSource(t *testing.T) {
	g := fixture(t)
	report2 := id.IRI("report2")
	mustWrite(t, g, func(tx *graph.Tx) error {
		if err := tx.AddEntity(graph.Entity{ID: report2, Kinds: []schema.Kind{schema.Report}, Name: "The report, again"}); err != nil {
			return err
		}
		if err := tx.AddClaim(graph.Claim{ID: claimID("m"), Source: graph.Entity{ID: report}, Reported: graph.Year(2024)}); err != nil {
			return err
		}
		return tx.Merge(report, report2, claimID("m"))
	})
	if _, err := g.Entity(ctx, report2); err != nil {
		t.Fatal(err)
	}
}

func TestCorrectionBySourceOfAMergedMember(t *testing.T) {
	g := fixture(t)
	report2 := id.IRI("report2")
	mustWrite(t, g, func(tx *graph.Tx) error {
		if err := tx.AddEntity(graph.Entity{ID: report2, Kinds: []schema.Kind{schema.Report}, Name: "The report, again"}); err != nil {
			return err
		}
		if err := tx.AddClaim(graph.Claim{ID: claimID("by2"), Source: graph.Entity{ID: report2}, Reported: graph.Year(2024)}); err != nil {
			return err
		}
		if err := tx.Assert(graph.Fact{Subject: russia, Relation: schema.Backs, Object: coalition, Claim: claimID("by2")}); err != nil {
			return err
		}
		if err := tx.AddClaim(graph.Claim{ID: claimID("m"), Source: graph.Entity{ID: ministry}, Reported: graph.Year(2024)}); err != nil {
			return err
		}
		return tx.Merge(report, report2, claimID("m"))
	})
	// One source recorded twice: BySource of either member counts the claims of both.
	for _, src := range []schema.IRI{report, report2} {
		if got := backers(t, g, graph.BySource(src)); len(got) != 2 {
			t.Errorf("BySource(%s) backers = %q, want Russia and Turkey", src, got)
		}
	}
	if got := backers(t, g, graph.BySource(ministry)); len(got) != 0 {
		t.Errorf("BySource(ministry) backers = %q, want none", got)
	}
}

func TestCorrectionPanicInBatch(t *testing.T) {
	g := fixture(t)
	var leaked *graph.Tx
	func() {
		defer func() { recover() }()
		_ = g.Write(ctx, func(tx *graph.Tx) error { leaked = tx; panic("boom") })
	}()
	if err := leaked.RemoveClaim(claimID("backs")); !errors.Is(err, graph.ErrTxDone) {
		t.Errorf("a Tx after its Write panicked: %v, want ErrTxDone", err)
	}
	hold, release := make(chan struct{}), make(chan struct{})
	go g.Write(ctx, func(tx *graph.Tx) error { close(hold); <-release; return nil })
	<-hold
	time.AfterFunc(100*time.Millisecond, func() { close(release) })
	if err := g.Write(ctx, func(tx *graph.Tx) error { return nil }); err != nil {
		t.Errorf("a Write waiting for another goroutine's batch: %v", err)
	}
}

func TestCorrectionRecordedWhenTheMergedFactIsFilteredOut(t *testing.T) {
	g := fixture(t)
	dup := id.IRI("coalition2")
	mustWrite(t, g, func(tx *graph.Tx) error {
		if err := tx.AddEntity(graph.Entity{ID: dup, Kinds: []schema.Kind{schema.Coalition}, Name: "Coalition again"}); err != nil {
			return err
		}
		if err := tx.AddClaim(graph.Claim{ID: claimID("late"), Source: graph.Entity{ID: report}, Reported: graph.Year(2025)}); err != nil {
			return err
		}
		if err := tx.Assert(graph.Fact{Subject: turkey, Relation: schema.Backs, Object: dup, Claim: claimID("late")}); err != nil {
			return err
		}
		if err := tx.AddClaim(graph.Claim{ID: claimID("m"), Source: graph.Entity{ID: ministry}, Reported: graph.Year(2024)}); err != nil {
			return err
		}
		return tx.Merge(coalition, dup, claimID("m"))
	})
	es, err := g.Edges(ctx, schema.Backs, graph.To(coalition), graph.KnownAt(graph.Day(2024, 12, 31)))
	if err != nil || len(es) != 1 {
		t.Fatalf("%v %v", es, err)
	}
	if es[0].Recorded != nil {
		t.Errorf("Recorded = %+v; no admitted fact involves the merge", es[0].Recorded)
	}
}
