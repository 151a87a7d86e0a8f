package graph_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

// BenchmarkClaimsPerSource counts the synthetic graph's claims by source:
// "index" with no filter, which reads each claim's source quad; "decoded"
// with a KnownAt that admits every claim, which decodes each claim as every
// ClaimsPerSource did before the index path (the same answer). Memory at 100k
// and 1M quads, leveldb at 100k (-short: memory at 100k).
func BenchmarkClaimsPerSource(b *testing.B) {
	ctx := context.Background()
	for _, s := range benchStores() {
		for _, size := range s.sizes {
			if size == 10_000 || (s.name != "memory" && size > 100_000) || s.name == "bolt" || s.name == "postgres" ||
				(testing.Short() && (size > 100_000 || s.name != "memory")) {
				continue
			}
			b.Run(fmt.Sprintf("store=%s/quads=%d", s.name, size), func(b *testing.B) {
				d := benchGraph(b, s, size)
				for _, way := range []struct {
					name string
					fs   []graph.Filter
				}{{"index", nil}, {"decoded", []graph.Filter{graph.KnownAt(graph.Year(3000))}}} {
					b.Run(way.name, func(b *testing.B) {
						for b.Loop() {
							cs, err := d.g.Count(ctx, graph.ClaimsPerSource, way.fs...)
							if err != nil || len(cs) == 0 {
								b.Fatalf("Count = %v, %v", cs, err)
							}
						}
					})
				}
			})
		}
	}
}
