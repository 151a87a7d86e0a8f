package graph_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

// BenchmarkReadDuringCommit reports how long an Entity read waits when it is
// made just as a leveldb commit of 20,000 cities (60,000 quads) begins
// (read-wait-ms), beside how long the commit takes (commit-ms). It uses only
// the public API, so that it runs on older versions of the package too.
func BenchmarkReadDuringCommit(b *testing.B) {
	ctx := context.Background()
	var wait, commitTime time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		g, err := graph.Open(ctx, "leveldb:"+filepath.Join(b.TempDir(), "store"), graph.TestBackends)
		if err != nil {
			b.Fatal(err)
		}
		known := id.IRI("bench/known")
		if err := g.Write(ctx, func(tx *graph.Tx) error {
			return tx.AddEntity(graph.Entity{ID: known, Kinds: []schema.Kind{schema.City}, Name: "Known"})
		}); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		validated := make(chan time.Time, 1)
		waited := make(chan time.Duration, 1)
		go func() {
			<-validated // fn has returned: the commit is starting
			start := time.Now()
			if _, err := g.Entity(ctx, known); err != nil {
				b.Error(err)
			}
			waited <- time.Since(start)
		}()
		var applyStart time.Time
		err = g.Write(ctx, func(tx *graph.Tx) error {
			for j := range 20000 {
				if err := tx.AddEntity(graph.Entity{ID: id.IRI(fmt.Sprintf("bench/%d", j)), Kinds: []schema.Kind{schema.City}, Name: fmt.Sprintf("Town %d", j)}); err != nil {
					return err
				}
			}
			applyStart = time.Now()
			validated <- applyStart
			return nil
		})
		commit := time.Since(applyStart)
		if err != nil {
			b.Fatal(err)
		}
		wait += <-waited
		commitTime += commit
		b.StopTimer()
		g.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(wait.Milliseconds())/float64(b.N), "read-wait-ms")
	b.ReportMetric(float64(commitTime.Milliseconds())/float64(b.N), "commit-ms")
}

// BenchmarkReopen measures Open and Close of a leveldb store of about 100k and
// 1M quads, with the default verification (every block read once) and
// WithoutVerification, and without the read index. The store is built once
// per size, outside the timer, in batches of 20k cities, or at 1M also in one
// batch (a first load, written as tables of the bottom level).
func BenchmarkReopen(b *testing.B) {
	ctx := context.Background()
	for _, size := range []struct{ cities, batch int }{{33334, 20000}, {333334, 20000}, {333334, 333334}} { // 3 quads a city
		cities := size.cities
		loc := "leveldb:" + filepath.Join(b.TempDir(), "store")
		g, err := graph.Open(ctx, loc, graph.TestBackends)
		if err != nil {
			b.Fatal(err)
		}
		for first := 0; first < cities; first += size.batch {
			err := g.Write(ctx, func(tx *graph.Tx) error {
				for j := first; j < min(first+size.batch, cities); j++ {
					if err := tx.AddEntity(graph.Entity{ID: id.IRI(fmt.Sprintf("reopen/%d", j)), Kinds: []schema.Kind{schema.City}, Name: fmt.Sprintf("Town %d", j)}); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
		}
		quads, err := g.Stats(ctx)
		if err != nil {
			b.Fatal(err)
		}
		g.Close()
		for _, c := range []struct {
			verify, index bool
		}{{true, true}, {false, true}, {true, false}, {false, false}} {
			var opts []graph.Option
			if !c.verify {
				opts = append(opts, graph.WithoutVerification())
			}
			if !c.index {
				opts = append(opts, graph.WithoutReadIndex())
			}
			b.Run(fmt.Sprintf("quads=%d/batches=%d/verify=%v/index=%v", quads, (cities+size.batch-1)/size.batch, c.verify, c.index), func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					g, err := graph.Open(ctx, loc, append([]graph.Option{graph.TestBackends}, opts...)...)
					if err != nil {
						b.Fatal(err)
					}
					if err := g.Close(); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
