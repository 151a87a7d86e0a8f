package ucdp

import (
	"bytes"
	"context"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/importer/internal/importtest"
	"github.com/actorgraph/actorgraph/loader"
)

// benchLoad runs load into a new in-memory graph at each iteration, timing
// only the load, and reports rows a second; load returns the rows it read.
func benchLoad(b *testing.B, size int, load func(g *graph.Graph) (int, error)) {
	importtest.BenchLoad(b, newGraph, size, "rows", load)
}

// BenchmarkLoadGED loads each GED sample; the 23.1 sample (1,000 rows,
// 638 kB) is the largest.
func BenchmarkLoadGED(b *testing.B) {
	for _, file := range []string{ged231File, ged191File, gedJSONFile} {
		input := readFile(b, file)
		b.Run(file[len("testdata/"):], func(b *testing.B) {
			benchLoad(b, len(input), func(g *graph.Graph) (int, error) {
				st, err := LoadGED(context.Background(), g, file, bytes.NewReader(input))
				return st.Rows, err
			})
		})
	}
}

// BenchmarkLoadActors loads the whole UCDP actor list 22.1.
func BenchmarkLoadActors(b *testing.B) {
	input := readFile(b, actorsFile)
	benchLoad(b, len(input), func(g *graph.Graph) (int, error) {
		st, err := LoadActors(context.Background(), g, actorsFile, bytes.NewReader(input))
		return st.Rows, err
	})
}

// BenchmarkLoadGEDAgainstNQuads loads the 23.1 sample's events, and the same
// statements as the N-Quads export of the graph they make, in one run: the
// importer's parsing and checks against the library's own reader of the same
// quads.
func BenchmarkLoadGEDAgainstNQuads(b *testing.B) {
	ctx := context.Background()
	input := readFile(b, ged231File)
	g := newGraph(b)
	if _, err := LoadGED(ctx, g, ged231File, bytes.NewReader(input)); err != nil {
		b.Fatal(err)
	}
	var nq bytes.Buffer
	if err := loader.WriteNQuads(ctx, &nq, g); err != nil {
		b.Fatal(err)
	}
	b.Run("ucdp.LoadGED", func(b *testing.B) {
		benchLoad(b, 0, func(g *graph.Graph) (int, error) {
			st, err := LoadGED(ctx, g, ged231File, bytes.NewReader(input))
			return st.Rows, err
		})
	})
	b.Run("loader.LoadNQuads", func(b *testing.B) {
		benchLoad(b, 0, func(g *graph.Graph) (int, error) {
			_, err := loader.LoadNQuads(ctx, g, "ged231.nq", bytes.NewReader(nq.Bytes()))
			return 1000, err // the same 1,000 events
		})
	})
}
