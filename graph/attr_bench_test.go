package graph_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

// BenchmarkWhereAttr asks for the armed groups founded before 2015 among
// 20,000, of which one in fifty has a founding date: an attribute constraint
// alone, read from the kind or from the attribute, whichever is smaller.
func BenchmarkWhereAttr(b *testing.B) {
	ctx := context.Background()
	g, err := graph.Open(ctx, "")
	if err != nil {
		b.Fatal(err)
	}
	defer g.Close()
	const groups, dated = 20000, 50
	src := ask.IRI("report")
	err = g.Write(ctx, func(tx *graph.Tx) error {
		if err := tx.AddEntity(graph.Entity{ID: src, Kinds: []schema.Kind{schema.Report}, Name: "The report"}); err != nil {
			return err
		}
		c := ask.IRI("claim/founded")
		if err := tx.AddClaim(graph.Claim{ID: c, Source: graph.Entity{ID: src}, Reported: graph.Day(2024, 12, 7)}); err != nil {
			return err
		}
		for i := range groups {
			id := ask.IRI(fmt.Sprint("group/", i))
			if err := tx.AddEntity(graph.Entity{ID: id, Kinds: []schema.Kind{schema.ArmedGroup}, Name: fmt.Sprint("Group ", i)}); err != nil {
				return err
			}
			if i%dated == 0 {
				f := graph.AttributeFact{Subject: id, Attribute: schema.Founded, Value: graph.Year(2000 + i%30), Claim: c}
				if err := tx.AssertAttribute(f); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	q := graph.Find(schema.ArmedGroup).WhereAttr(schema.Founded, graph.Before(graph.Year(2015)))
	want := 0
	for i := 0; i < groups; i += dated {
		if 2000+i%30 < 2015 {
			want++
		}
	}
	b.Run("all", func(b *testing.B) {
		for b.Loop() {
			ms, err := q.All(ctx, g)
			if err != nil || len(ms) != want {
				b.Fatalf("All = %d matches, %v; want %d", len(ms), err, want)
			}
		}
	})
	b.Run("seq", func(b *testing.B) {
		for b.Loop() {
			n := 0
			for _, err := range q.Seq(ctx, g) {
				if err != nil {
					b.Fatal(err)
				}
				n++
			}
			if n != want {
				b.Fatalf("Seq yielded %d matches, want %d", n, want)
			}
		}
	})
}
