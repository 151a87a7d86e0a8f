package wikidata

import (
	"bytes"
	"context"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/importer/internal/importtest"
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
			importtest.BenchLoad(b, openGraph, len(c.in), "entities", func(g *graph.Graph) (int, error) {
				_, err := Load(context.Background(), g, "bench.json", bytes.NewReader(c.in))
				return c.entities, err
			})
		})
	}
}
