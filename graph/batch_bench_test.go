package graph_test

import (
	"context"
	"fmt"
	"runtime/metrics"
	"sync"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/synth"
)

// BenchmarkLoadOneBatch loads the synthetic graph into a new graph in one
// write batch, as a loader that wants a file all or nothing does
// (internal/peer), in memory and on leveldb. Besides quads/s it reports
// peakHeapB/quad: the most the heap's objects took at any point of the load
// (sampled every millisecond), per quad of the graph. That peak, the batch's
// own state and the store or index it fills, is what bounds the load's peak
// RSS.
func BenchmarkLoadOneBatch(b *testing.B) {
	ctx := context.Background()
	for _, s := range benchStores() {
		if s.name != "memory" && s.name != "leveldb" {
			continue
		}
		for _, size := range []int{100_000, 1_000_000} {
			if testing.Short() && size > 100_000 {
				continue
			}
			b.Run(fmt.Sprintf("store=%s/quads=%d", s.name, size), func(b *testing.B) {
				batches := synth.Generate(size/synth.QuadsPerActor, 1)
				var quads int64
				var peak uint64
				for b.Loop() {
					b.StopTimer()
					g, err := graph.Open(ctx, s.open(b, fmt.Sprint("onebatch", size)), graph.TestBackends)
					if err != nil {
						b.Fatal(err)
					}
					stop := sampleHeapPeak()
					b.StartTimer()
					if err := writeOneBatch(ctx, g, batches); err != nil {
						b.Fatal(err)
					}
					b.StopTimer()
					peak = max(peak, stop())
					quads = quadCount(b, g)
					g.Close()
					b.StartTimer()
				}
				b.ReportMetric(float64(quads)*float64(b.N)/b.Elapsed().Seconds(), "quads/s")
				b.ReportMetric(float64(peak)/float64(quads), "peakHeapB/quad")
			})
		}
	}
}

// writeOneBatch writes synth's source and batches into g as one batch.
func writeOneBatch(ctx context.Context, g *graph.Graph, batches []synth.Batch) error {
	return g.Write(ctx, func(tx *graph.Tx) error {
		if err := tx.AddEntity(synth.Source); err != nil {
			return err
		}
		for _, bt := range batches {
			if err := synth.Write(tx, bt); err != nil {
				return err
			}
		}
		return nil
	})
}

// sampleHeapPeak samples the bytes of the heap's objects every millisecond
// until the function it returns is called, which returns the most seen.
func sampleHeapPeak() func() uint64 {
	var wg sync.WaitGroup
	done := make(chan struct{})
	var peak uint64
	wg.Go(func() {
		sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(sample)
			peak = max(peak, sample[0].Value.Uint64())
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	})
	return func() uint64 {
		close(done)
		wg.Wait()
		return peak
	}
}
