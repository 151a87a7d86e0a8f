package graph_test

import (
	"context"
	"fmt"
	"testing"

	cschema "github.com/cayleygraph/cayley/schema"
	"github.com/cayleygraph/quad"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

// benchMilitia is the struct cayley's schema package loads: the same entity
// fields (ID, name, kinds) and the strength attribute as a raw quad value,
// since cayley's schema package cannot read our full-IRI xsd:integer literals
// into an int.
type benchMilitia struct {
	ID       quad.IRI   `quad:"@id"`
	Name     string     `quad:"https://schema.org/name"`
	Kinds    []quad.IRI `quad:"http://www.w3.org/1999/02/22-rdf-syntax-ns#type"`
	Strength quad.Value `quad:"https://example.org/research#strength,optional"`
}

type typedMilitia struct {
	graph.Entity
	Strength int64 `actorgraph:"strength"`
}

func BenchmarkLoadStruct(b *testing.B) {
	ctx := context.Background()
	g, err := graph.Open(ctx, "", graph.WithVocabulary(researchVocabulary(b)))
	if err != nil {
		b.Fatal(err)
	}
	defer g.Close()
	const n, batch = 10_000, 100
	ids := make([]schema.IRI, n)
	qids := make([]quad.Value, n)
	err = g.Write(ctx, func(tx *graph.Tx) error {
		if err := tx.AddEntity(graph.Entity{ID: report, Kinds: []schema.Kind{schema.Report}, Name: "The report"}); err != nil {
			return err
		}
		c := id.IRI("claims/strength")
		if err := tx.AddClaim(graph.Claim{ID: c, Source: graph.Entity{ID: report}, Reported: graph.Year(2024)}); err != nil {
			return err
		}
		for i := range n {
			ids[i] = id.IRI(fmt.Sprintf("militia/%d", i))
			qids[i] = quad.IRI(ids[i])
			m := typedMilitia{Entity: graph.Entity{ID: ids[i], Kinds: []schema.Kind{Militia}, Name: fmt.Sprintf("Militia %d", i)}, Strength: int64(100 + i)}
			if err := graph.Store(tx, m, c); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("graph.Load", func(b *testing.B) {
		i := 0
		for b.Loop() {
			lo := (i * batch) % n
			ms, err := graph.Load[typedMilitia](ctx, g, ids[lo:lo+batch])
			if err != nil || ms[0].Strength != int64(100+lo) {
				b.Fatal(err)
			}
			i++
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*batch), "ns/object")
	})
	b.Run("cayley-schema.LoadTo", func(b *testing.B) {
		cfg := cschema.NewConfig()
		i := 0
		for b.Loop() {
			lo := (i * batch) % n
			var ms []benchMilitia
			if err := cfg.LoadTo(ctx, g.QuadStore(), &ms, qids[lo:lo+batch]...); err != nil || len(ms) != batch {
				b.Fatal(len(ms), err)
			}
			i++
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*batch), "ns/object")
	})
}
