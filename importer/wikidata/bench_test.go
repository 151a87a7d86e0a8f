package wikidata

import (
	"bytes"
	"context"
	"testing"
)

// BenchmarkLoad loads the largest sample (Putin's entity, 504 kB, 646
// statements) and the dump of the five entities into a new in-memory graph.
func BenchmarkLoad(b *testing.B) {
	for _, c := range []struct {
		name     string
		entities int
		in       []byte
	}{
		{"Q7747", 1, read(b, "testdata/wbgetentities_Q7747_nomenklatura-fixture.json")},
		{"dump", 5, dump(b)},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(c.in)))
			for b.Loop() {
				b.StopTimer()
				g := openGraph(b)
				b.StartTimer()
				if _, err := Load(context.Background(), g, "bench.json", bytes.NewReader(c.in)); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				g.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(c.entities)*float64(b.N)/b.Elapsed().Seconds(), "entities/s")
		})
	}
}
