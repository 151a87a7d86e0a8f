package postgres

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/synth"
	"github.com/actorgraph/actorgraph/schema"
)

// benchDatabase is the database the benchmarks load, on the primary of
// ACTORGRAPH_POSTGRES_REPLICAS (replicated to its standbys).
const benchDatabase = "actorgraph_postgres_bench"

const benchActors = 100_000 / synth.QuadsPerActor // about 100k quads

// BenchmarkParallelReads is typed one-hop reads (Edges with their evidence)
// by 8 concurrent readers, through the primary alone with database/sql's
// default pool (2 idle connections) and with 8 idle connections, and through
// the primary and its standbys (3 servers). It reports reads per second.
func BenchmarkParallelReads(b *testing.B) {
	urls := strings.Fields(os.Getenv("ACTORGRAPH_POSTGRES_REPLICAS"))
	if len(urls) < 2 {
		b.Skip("ACTORGRAPH_POSTGRES_REPLICAS is not set")
	}
	primary, standbys := loadBench(b, urls)
	for _, c := range []struct {
		name string
		b    Backend
	}{
		{"servers=1/idle=default", Backend{}},
		{"servers=1/idle=8", Backend{MaxIdleConns: 8}},
		{fmt.Sprintf("servers=%d/idle=8", 1+len(standbys)), Backend{MaxIdleConns: 8, Replicas: standbys}},
	} {
		b.Run(c.name, func(b *testing.B) {
			ctx := context.Background()
			g, err := graph.Open(ctx, primary, graph.WithBackend(c.b))
			if err != nil {
				b.Fatal(err)
			}
			defer g.Close()
			// 8 readers: RunParallel starts parallelism × GOMAXPROCS goroutines.
			b.SetParallelism(max(1, 8/runtime.GOMAXPROCS(0)))
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				i := 0
				for pb.Next() {
					i = (i + 7919) % benchActors
					es, err := g.Edges(ctx, schema.Backs, graph.From(synth.Actor(i)))
					if err != nil || len(es) != 1 || len(es[0].Evidence) != 1 {
						b.Errorf("Edges = %v, %v", es, err)
						return
					}
				}
			})
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "reads/s")
		})
	}
}

// loadBench loads the synthetic graph into the bench database once (it is
// kept between runs: loaded when it does not hold the graph), and returns the
// URLs of the database on the primary and on the standbys, once they have
// replayed it.
func loadBench(b *testing.B, urls []string) (string, []string) {
	b.Helper()
	ctx := context.Background()
	primary := createDatabase(b, urls[0], benchDatabase)
	g, err := graph.Open(ctx, primary, graph.WithBackend(Backend{}))
	if err != nil {
		b.Fatal(err)
	}
	defer g.Close()
	if _, err := g.Entity(ctx, synth.Actor(benchActors-1)); errors.Is(err, graph.ErrNotFound) {
		if err := synth.Load(ctx, g, synth.Generate(benchActors, 1)); err != nil {
			b.Fatal(err)
		}
	} else if err != nil {
		b.Fatal(err)
	}
	var standbys []string
	for _, s := range urls[1:] {
		standbys = append(standbys, withDatabase(b, s, benchDatabase))
	}
	// A store opened now needs what the primary holds now.
	st := open(b, Backend{Replicas: standbys}, primary)
	for _, s := range st.standbys {
		waitFor(b, time.Minute, func() bool {
			ok, err := s.fresh(ctx, st.written.Load(), time.Now())
			return err == nil && ok
		})
	}
	return primary, standbys
}
