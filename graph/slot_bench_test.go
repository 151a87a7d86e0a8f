package graph_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

// BenchmarkExclusiveSlot reads, as of the last day, a place that n holders
// took in turn, one a day: as an exclusive state (controls, resolved by
// supersession) and, for the ratio, the same facts as a plain state
// (advancingTowards, which is not exclusive, so every holder is returned).
func BenchmarkExclusiveSlot(b *testing.B) {
	ctx := context.Background()
	for _, n := range []int{1, 100, 10_000} {
		g, err := graph.Open(ctx, "")
		if err != nil {
			b.Fatal(err)
		}
		place := id.IRI("place")
		first := time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC)
		err = g.Write(ctx, func(tx *graph.Tx) error {
			if err := tx.AddEntity(graph.Entity{ID: place, Kinds: []schema.Kind{schema.City}, Name: "Place"}); err != nil {
				return err
			}
			if err := tx.AddEntity(graph.Entity{ID: report, Kinds: []schema.Kind{schema.Report}, Name: "Report"}); err != nil {
				return err
			}
			for i := range n {
				h := id.IRI(fmt.Sprintf("holder/%d", i))
				if err := tx.AddEntity(graph.Entity{ID: h, Kinds: []schema.Kind{schema.ArmedGroup}, Name: fmt.Sprintf("Holder %d", i)}); err != nil {
					return err
				}
				c := claimID(fmt.Sprintf("holds/%d", i))
				day := graph.DateOf(first.AddDate(0, 0, i))
				if err := tx.AddClaim(graph.Claim{ID: c, Source: graph.Entity{ID: report}, Reported: day, ValidFrom: day}); err != nil {
					return err
				}
				for _, rel := range []schema.Relation{schema.Controls, schema.AdvancingTowards} {
					if err := tx.Assert(graph.Fact{Subject: h, Relation: rel, Object: place, Claim: c}); err != nil {
						return err
					}
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		last := graph.DateOf(first.AddDate(0, 0, n-1))
		for _, rel := range []schema.Relation{schema.Controls, schema.AdvancingTowards} {
			name := "exclusive"
			if rel == schema.AdvancingTowards {
				name = "plain"
			}
			b.Run(fmt.Sprintf("holders=%d/state=%s", n, name), func(b *testing.B) {
				for b.Loop() {
					es, err := g.Edges(ctx, rel, graph.To(place), graph.AsOf(last))
					if err != nil || len(es) == 0 {
						b.Fatal(len(es), err)
					}
				}
			})
		}
		g.Close()
	}
}

// BenchmarkHistoryAndChanges reads, on the synthetic graph, the history of
// one actor's backing (against the one-hop AsOf read of the same edges) and
// the changes of one actor's facts over a decade; and, once, every change of
// the whole graph in one year (a scan).
func BenchmarkHistoryAndChanges(b *testing.B) {
	ctx := context.Background()
	forStores(b, func(b *testing.B, s benchStore, d *benchData) {
		if s.name != "memory" {
			b.Skip("memory only: History and Changes read as Edges does on every backend")
		}
		b.Run("asOf-one-hop", func(b *testing.B) {
			i := 0
			for b.Loop() {
				if _, err := d.g.Edges(ctx, schema.Backs, graph.From(benchActor(next(&i, d.n))), graph.AsOf(graph.Year(2010))); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("history-one-actor", func(b *testing.B) {
			i := 0
			for b.Loop() {
				if _, err := d.g.History(ctx, schema.Backs, graph.From(benchActor(next(&i, d.n)))); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("changes-one-actor-decade", func(b *testing.B) {
			i := 0
			for b.Loop() {
				if _, err := d.g.Changes(ctx, graph.Year(2001), graph.Year(2010), graph.From(benchActor(next(&i, d.n)))); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("changes-whole-graph-year", func(b *testing.B) {
			for b.Loop() {
				if _, err := d.g.Changes(ctx, graph.Year(2005), graph.Year(2005)); err != nil {
					b.Fatal(err)
				}
			}
		})
	})
}

// BenchmarkExclusiveSlotOneHolder reads a place one holder held on the
// evidence of n claims, one a day: each claim's spell is cut by no other
// holder, so the slot's pass must not rescan the holder's own claims.
func BenchmarkExclusiveSlotOneHolder(b *testing.B) {
	ctx := context.Background()
	for _, n := range []int{1000, 4000, 16000} {
		g, err := graph.Open(ctx, "")
		if err != nil {
			b.Fatal(err)
		}
		place, holder := id.IRI("place"), id.IRI("holder")
		first := time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC)
		err = g.Write(ctx, func(tx *graph.Tx) error {
			for _, e := range []graph.Entity{
				{ID: place, Kinds: []schema.Kind{schema.City}, Name: "Place"},
				{ID: report, Kinds: []schema.Kind{schema.Report}, Name: "Report"},
				{ID: holder, Kinds: []schema.Kind{schema.ArmedGroup}, Name: "Holder"},
			} {
				if err := tx.AddEntity(e); err != nil {
					return err
				}
			}
			for i := range n {
				c := claimID(fmt.Sprintf("holds/%d", i))
				day := graph.DateOf(first.AddDate(0, 0, i))
				if err := tx.AddClaim(graph.Claim{ID: c, Source: graph.Entity{ID: report}, Reported: day, ValidFrom: day}); err != nil {
					return err
				}
				if err := tx.Assert(graph.Fact{Subject: holder, Relation: schema.Controls, Object: place, Claim: c}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		last := graph.DateOf(first.AddDate(0, 0, n-1))
		b.Run(fmt.Sprintf("claims=%d", n), func(b *testing.B) {
			for b.Loop() {
				if es, err := g.Edges(ctx, schema.Controls, graph.To(place), graph.AsOf(last)); err != nil || len(es) != 1 {
					b.Fatal(len(es), err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/claim")
		})
		g.Close()
	}
}
