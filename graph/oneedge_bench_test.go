package graph_test

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

// One edge, many claims: the same subject backs the same object on the word of
// n claims, each labelling its own quad of the edge. Every per-claim cost here
// must stay flat as n grows; ns/claim is the figure to compare across sizes.
var (
	edgeFrom   = id.IRI("edge/from")
	edgeTo     = id.IRI("edge/to")
	edgeSource = id.IRI("edge/source")
)

func edgeClaim(i int) schema.IRI { return id.IRI(fmt.Sprintf("edge/claim/%d", i)) }

// writeOneEdge writes the two ends, a source and n claims of the one edge, in one batch.
func writeOneEdge(ctx context.Context, g *graph.Graph, n int) error {
	return g.Write(ctx, func(tx *graph.Tx) error {
		for _, e := range []graph.Entity{
			{ID: edgeFrom, Kinds: []schema.Kind{schema.State}, Name: "From"},
			{ID: edgeTo, Kinds: []schema.Kind{schema.ArmedGroup}, Name: "To"},
			{ID: edgeSource, Kinds: []schema.Kind{schema.MediaOutlet}, Name: "Source"},
		} {
			if err := tx.AddEntity(e); err != nil {
				return err
			}
		}
		for i := range n {
			c := edgeClaim(i)
			err := tx.AddClaim(graph.Claim{ID: c, Source: graph.Entity{ID: edgeSource},
				Reported: graph.Day(2000+i%25, time.Month(1+i%12), 1+i%28)})
			if err == nil {
				err = tx.Assert(graph.Fact{Subject: edgeFrom, Relation: schema.Backs, Object: edgeTo, Claim: c})
			}
			if err != nil {
				return err
			}
		}
		return nil
	})
}

// BenchmarkOneEdge loads (op=load: a new store and one batch) and reads
// (op=read: Edges from the subject, all evidence decoded) one edge with n
// claims, in memory and on leveldb. -short leaves out leveldb at 160k claims.
func BenchmarkOneEdge(b *testing.B) {
	ctx := context.Background()
	for _, store := range []string{"memory", "leveldb"} {
		for _, n := range []int{10_000, 40_000, 160_000} {
			open := func(b *testing.B) *graph.Graph {
				loc := ""
				if store == "leveldb" {
					loc = "leveldb:" + filepath.Join(b.TempDir(), "store")
				}
				g, err := graph.Open(ctx, loc, graph.TestBackends)
				if err != nil {
					b.Fatal(err)
				}
				return g
			}
			prefix := fmt.Sprintf("store=%s/claims=%d", store, n)
			skip := func(b *testing.B) {
				if testing.Short() && store == "leveldb" && n > 40_000 {
					b.Skip("leveldb at 160k claims runs only without -short")
				}
			}
			b.Run(prefix+"/op=load", func(b *testing.B) {
				skip(b)
				for b.Loop() {
					b.StopTimer()
					g := open(b)
					b.StartTimer()
					if err := writeOneEdge(ctx, g, n); err != nil {
						b.Fatal(err)
					}
					b.StopTimer()
					g.Close()
					b.StartTimer()
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/claim")
			})
			b.Run(prefix+"/op=read", func(b *testing.B) {
				skip(b)
				g := open(b)
				defer g.Close()
				if err := writeOneEdge(ctx, g, n); err != nil {
					b.Fatal(err)
				}
				runtime.GC() // the load's garbage is not the reads' cost
				for b.Loop() {
					es, err := g.Edges(ctx, schema.Backs, graph.From(edgeFrom))
					if err != nil || len(es) != 1 || len(es[0].Evidence) != n {
						b.Fatalf("Edges = %d edges, %v; want 1 edge with %d claims", len(es), err, n)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/claim")
			})
		}
	}
}
