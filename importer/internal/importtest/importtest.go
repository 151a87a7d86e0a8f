// Package importtest holds what the importers' tests share: an in-memory
// graph with an importer's vocabulary, a test file's bytes, and a load
// benchmark. It is imported by test files only.
package importtest

import (
	"context"
	"os"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

// Graph opens an in-memory graph with the vocabulary vocab returns; the
// graph is closed when the test ends.
func Graph(t testing.TB, vocab func() (*schema.Vocabulary, error)) *graph.Graph {
	t.Helper()
	v, err := vocab()
	if err != nil {
		t.Fatal(err)
	}
	g, err := graph.Open(context.Background(), "", graph.WithVocabulary(v))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { g.Close() })
	return g
}

// ReadFile returns the contents of the test file at path.
func ReadFile(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// BenchLoad runs load into a new graph from open at each iteration, timing
// only the load, and reports how many units a second it read (load returns
// the count: rows, entities); size, when positive, is the input's bytes.
func BenchLoad(b *testing.B, open func(testing.TB) *graph.Graph, size int, unit string, load func(g *graph.Graph) (int, error)) {
	b.ReportAllocs()
	if size > 0 {
		b.SetBytes(int64(size))
	}
	n := 0
	for b.Loop() {
		b.StopTimer()
		g := open(b)
		b.StartTimer()
		k, err := load(g)
		if err != nil {
			b.Fatal(err)
		}
		n += k
		b.StopTimer()
		g.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), unit+"/s")
}
