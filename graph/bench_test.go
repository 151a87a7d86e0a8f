package graph_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/memstore"
	"github.com/cayleygraph/quad"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

// The synthetic graph: n actors, each an armed group with a name and one claim
// (from a single source) that labels two facts: it backs another actor, and it
// was formerly known as the next actor in its chain of 6. About 16 quads per
// actor; the sizes below are in quads.

const benchNS schema.Namespace = "https://bench.example/"

var benchSizes = []int{10_000, 100_000, 1_000_000}

func benchActor(i int) schema.IRI { return benchNS.IRI(fmt.Sprintf("a%d", i)) }

type benchData struct {
	n     int // actors
	g     *graph.Graph
	quads []quad.Quad // what the graph holds, for the raw loads
}

func actorsFor(quads int) int { return quads / 16 }

// write adds actors [lo, hi) of n through the typed API.
func writeActors(tx *graph.Tx, lo, hi, n int) error {
	for i := lo; i < hi; i++ {
		if err := tx.AddEntity(graph.Entity{ID: benchActor(i), Kinds: []schema.Kind{schema.ArmedGroup}, Name: fmt.Sprintf("Group %d", i)}); err != nil {
			return err
		}
	}
	for i := lo; i < hi; i++ {
		c := benchNS.IRI(fmt.Sprintf("c%d", i))
		if err := tx.AddClaim(graph.Claim{ID: c, Source: graph.Entity{ID: benchNS.IRI("source")},
			Reported: graph.Day(2020+i%5, time.Month(1+i%12), 1+i%28), ValidFrom: graph.Year(2000 + i%20)}); err != nil {
			return err
		}
		target := (i*7 + 1) % n
		if target < lo || target >= hi {
			target = lo + (i*7+1)%(hi-lo)
		}
		if err := tx.Assert(graph.Fact{Subject: benchActor(i), Relation: schema.Backs, Object: benchActor(target), Claim: c}); err != nil {
			return err
		}
		if i%6 != 5 && i+1 < hi {
			if err := tx.Assert(graph.Fact{Subject: benchActor(i), Relation: schema.FormerlyKnownAs, Object: benchActor(i + 1), Claim: c}); err != nil {
				return err
			}
		}
	}
	return nil
}

// loadTyped builds a graph of n actors in batches of about 10k actors.
func loadTyped(ctx context.Context, n int) (*graph.Graph, error) {
	g, err := graph.Open(ctx, "")
	if err != nil {
		return nil, err
	}
	err = g.Write(ctx, func(tx *graph.Tx) error {
		return tx.AddEntity(graph.Entity{ID: benchNS.IRI("source"), Kinds: []schema.Kind{schema.MediaOutlet}, Name: "Source"})
	})
	const batch = 9_996 // about 10k actors, a multiple of the chain length
	for lo := 0; lo < n && err == nil; lo += batch {
		hi := min(lo+batch, n)
		err = g.Write(ctx, func(tx *graph.Tx) error { return writeActors(tx, lo, hi, n) })
	}
	return g, err
}

var (
	benchMu    sync.Mutex
	benchCache = map[int]*benchData{}
)

func benchGraph(b *testing.B, quads int) *benchData {
	b.Helper()
	benchMu.Lock()
	defer benchMu.Unlock()
	if d, ok := benchCache[quads]; ok {
		return d
	}
	n := actorsFor(quads)
	g, err := loadTyped(context.Background(), n)
	if err != nil {
		b.Fatal(err)
	}
	d := &benchData{n: n, g: g}
	it := g.QuadStore().QuadsAllIterator()
	for it.Next(context.Background()) {
		d.quads = append(d.quads, g.QuadStore().Quad(it.Result()))
	}
	it.Close()
	benchCache[quads] = d
	return d
}

func forSizes(b *testing.B, fn func(b *testing.B, d *benchData)) {
	for _, size := range benchSizes {
		if testing.Short() && size > 100_000 {
			continue
		}
		b.Run(fmt.Sprintf("quads=%d", size), func(b *testing.B) { fn(b, benchGraph(b, size)) })
	}
}

func BenchmarkLoad(b *testing.B) {
	forSizes(b, func(b *testing.B, d *benchData) {
		b.Run("typed", func(b *testing.B) {
			for b.Loop() {
				g, err := loadTyped(context.Background(), d.n)
				if err != nil {
					b.Fatal(err)
				}
				g.Close()
			}
			b.ReportMetric(float64(len(d.quads))*float64(b.N)/b.Elapsed().Seconds(), "quads/s")
		})
		b.Run("raw", func(b *testing.B) {
			for b.Loop() {
				qs := memstore.New()
				const batch = 160_000 // the same 10k actors a batch
				for lo := 0; lo < len(d.quads); lo += batch {
					hi := min(lo+batch, len(d.quads))
					deltas := make([]cgraph.Delta, 0, hi-lo)
					for _, q := range d.quads[lo:hi] {
						deltas = append(deltas, cgraph.Delta{Quad: q, Action: cgraph.Add})
					}
					if err := qs.ApplyDeltas(deltas, cgraph.IgnoreOpts{IgnoreDup: true}); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(len(d.quads))*float64(b.N)/b.Elapsed().Seconds(), "quads/s")
		})
	})
}

// rawOneHop is one hop with evidence in raw cayley calls: the objects of rel
// from subject, each with its name, and the values of each label's claim.
func rawOneHop(ctx context.Context, qs cgraph.QuadStore, subject quad.Value, rel quad.Value, asOf func([]quad.Quad) bool) int {
	n := 0
	it := qs.QuadIterator(quad.Subject, qs.ValueOf(subject))
	defer it.Close()
	for it.Next(ctx) {
		q := qs.Quad(it.Result())
		if q.Predicate != rel {
			continue
		}
		var claim []quad.Quad
		cit := qs.QuadIterator(quad.Subject, qs.ValueOf(q.Label))
		for cit.Next(ctx) {
			claim = append(claim, qs.Quad(cit.Result()))
		}
		cit.Close()
		if asOf != nil && !asOf(claim) {
			continue
		}
		oit := qs.QuadIterator(quad.Subject, qs.ValueOf(q.Object))
		for oit.Next(ctx) {
			if qs.Quad(oit.Result()).Predicate == quad.IRI(schema.Name) {
				n++
			}
		}
		oit.Close()
	}
	return n
}

func BenchmarkOneHop(b *testing.B) {
	ctx := context.Background()
	forSizes(b, func(b *testing.B, d *benchData) {
		b.Run("typed", func(b *testing.B) {
			i := 0
			for b.Loop() {
				es, err := d.g.Edges(ctx, schema.Backs, graph.From(benchActor(i%d.n)))
				if err != nil || len(es) != 1 || len(es[0].Evidence) != 1 {
					b.Fatalf("Edges = %v, %v", es, err)
				}
				i += 7919
			}
		})
		b.Run("raw", func(b *testing.B) {
			i := 0
			qs := d.g.QuadStore()
			for b.Loop() {
				if rawOneHop(ctx, qs, quad.IRI(benchActor(i%d.n)), quad.IRI(schema.Backs), nil) != 1 {
					b.Fatal("raw one hop found no edge")
				}
				i += 7919
			}
		})
	})
}

func BenchmarkAsOf(b *testing.B) {
	ctx := context.Background()
	at := graph.Year(2010)
	forSizes(b, func(b *testing.B, d *benchData) {
		b.Run("typed", func(b *testing.B) {
			i := 0
			for b.Loop() {
				if _, err := d.g.Edges(ctx, schema.Backs, graph.From(benchActor(i%d.n)), graph.AsOf(at)); err != nil {
					b.Fatal(err)
				}
				i += 7919
			}
		})
		b.Run("raw", func(b *testing.B) {
			i := 0
			qs := d.g.QuadStore()
			holds := func(claim []quad.Quad) bool {
				for _, q := range claim {
					if q.Predicate == quad.IRI(schema.ValidFrom) {
						v, _ := q.Object.(quad.TypedString)
						return string(v.Value) <= "2010"
					}
				}
				return true
			}
			for b.Loop() {
				rawOneHop(ctx, qs, quad.IRI(benchActor(i%d.n)), quad.IRI(schema.Backs), holds)
				i += 7919
			}
		})
	})
}

func BenchmarkLineage(b *testing.B) {
	ctx := context.Background()
	forSizes(b, func(b *testing.B, d *benchData) {
		// Chains are 6 actors long: from the first of a chain, lineage is 5 deep.
		b.Run("typed", func(b *testing.B) {
			i := 0
			for b.Loop() {
				start := (i % (d.n / 6)) * 6
				steps, err := d.g.Lineage(ctx, benchActor(start))
				if err != nil || len(steps) != 5 {
					b.Fatalf("Lineage = %d steps, %v", len(steps), err)
				}
				i += 7919
			}
		})
		b.Run("raw", func(b *testing.B) {
			i := 0
			qs := d.g.QuadStore()
			rel := quad.IRI(schema.FormerlyKnownAs)
			for b.Loop() {
				cur := quad.Value(quad.IRI(benchActor((i % (d.n / 6)) * 6)))
				depth := 0
				for seen := map[quad.Value]bool{}; cur != nil && !seen[cur]; depth++ {
					seen[cur] = true
					next := quad.Value(nil)
					it := qs.QuadIterator(quad.Subject, qs.ValueOf(cur))
					for it.Next(ctx) {
						if q := qs.Quad(it.Result()); q.Predicate == rel {
							next = q.Object
						}
					}
					it.Close()
					cur = next
				}
				if depth != 6 {
					b.Fatalf("raw lineage visited %d nodes", depth)
				}
				i += 7919
			}
		})
	})
}

func BenchmarkFind(b *testing.B) {
	ctx := context.Background()
	forSizes(b, func(b *testing.B, d *benchData) {
		b.Run("typed", func(b *testing.B) {
			i := 0
			for b.Loop() {
				ms, err := graph.Find(schema.ArmedGroup).Where(schema.Backs.From(benchActor(i%d.n))).All(ctx, d.g)
				if err != nil || len(ms) != 1 {
					b.Fatalf("Find = %v, %v", ms, err)
				}
				i += 7919
			}
		})
		b.Run("raw", func(b *testing.B) {
			i := 0
			qs := d.g.QuadStore()
			for b.Loop() {
				found := 0
				it := qs.QuadIterator(quad.Subject, qs.ValueOf(quad.IRI(benchActor(i%d.n))))
				for it.Next(ctx) {
					q := qs.Quad(it.Result())
					if q.Predicate != quad.IRI(schema.Backs) {
						continue
					}
					tit := qs.QuadIterator(quad.Subject, qs.ValueOf(q.Object))
					for tit.Next(ctx) {
						t := qs.Quad(tit.Result())
						if t.Predicate == quad.IRI(schema.Type) && t.Object == quad.IRI(schema.IRI(schema.ArmedGroup)) {
							found++
						}
					}
					tit.Close()
				}
				it.Close()
				if found != 1 {
					b.Fatal("raw find found nothing")
				}
				i += 7919
			}
		})
	})
}
