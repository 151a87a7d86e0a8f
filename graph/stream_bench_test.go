package graph_test

import (
	"context"
	"iter"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

// BenchmarkStreams reads every backs edge, the history of backs, the changes
// of twenty years and every statement of the synthetic graph, whole with the
// slice forms and, with the streaming forms, stopped at the first ten
// results: a stream lists its units without decoding them, and decodes only
// the chunk the loop reaches.
func BenchmarkStreams(b *testing.B) {
	ctx := context.Background()
	from, until := graph.Year(2000), graph.Year(2020)
	forStores(b, func(b *testing.B, s benchStore, d *benchData) {
		g := d.g
		calls := []struct {
			name  string
			all   func() (int, error)
			first iter.Seq2[any, error]
		}{
			{"edges", func() (int, error) {
				es, err := g.Edges(ctx, schema.Backs)
				return len(es), err
			}, anySeq(g.EdgesSeq(ctx, schema.Backs))},
			{"history", func() (int, error) {
				ivs, err := g.History(ctx, schema.Backs)
				return len(ivs), err
			}, anySeq(g.HistorySeq(ctx, schema.Backs))},
			{"changes", func() (int, error) {
				cs, err := g.Changes(ctx, from, until)
				return len(cs), err
			}, anySeq(g.ChangesSeq(ctx, from, until))},
			{"statements", func() (int, error) {
				n := 0
				err := g.Statements(ctx, func(graph.Statement) error { n++; return nil })
				return n, err
			}, anySeq(g.StatementsSeq(ctx))},
		}
		for _, c := range calls {
			b.Run(c.name+"/all", func(b *testing.B) {
				for b.Loop() {
					if n, err := c.all(); err != nil || n < 10 {
						b.Fatalf("%d results, %v", n, err)
					}
				}
			})
			b.Run(c.name+"/first10", func(b *testing.B) {
				for b.Loop() {
					n := 0
					for _, err := range c.first {
						if err != nil {
							b.Fatal(err)
						}
						if n++; n == 10 {
							break
						}
					}
					if n != 10 {
						b.Fatalf("the stream yielded %d results", n)
					}
				}
			})
		}
	})
}
