package ucdp

import (
	"bytes"
	"context"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/loader"
)

// BenchmarkLoadGED loads each GED sample into a new in-memory graph and
// reports rows a second; the 23.1 sample (1,000 rows, 638 kB) is the
// largest.
func BenchmarkLoadGED(b *testing.B) {
	for _, file := range []string{ged231File, ged191File, gedJSONFile} {
		input := readFile(b, file)
		b.Run(file[len("testdata/"):], func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(input)))
			rows := 0
			for b.Loop() {
				b.StopTimer()
				g := newGraph(b)
				b.StartTimer()
				st, err := LoadGED(context.Background(), g, file, bytes.NewReader(input))
				if err != nil {
					b.Fatal(err)
				}
				rows += st.Rows
				b.StopTimer()
				g.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}

// BenchmarkLoadActors loads the whole UCDP actor list 22.1.
func BenchmarkLoadActors(b *testing.B) {
	input := readFile(b, actorsFile)
	b.ReportAllocs()
	b.SetBytes(int64(len(input)))
	rows := 0
	for b.Loop() {
		b.StopTimer()
		g := newGraph(b)
		b.StartTimer()
		st, err := LoadActors(context.Background(), g, actorsFile, bytes.NewReader(input))
		if err != nil {
			b.Fatal(err)
		}
		rows += st.Rows
		b.StopTimer()
		g.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkLoadGEDAgainstNQuads loads the 23.1 sample's events, and the same
// statements as the N-Quads export of the graph they make, in one run: the
// importer's parsing and checks against the library's own fastest reader of
// the same quads.
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
	for _, c := range []struct {
		name string
		load func(g *graph.Graph) error
	}{
		{"ucdp.LoadGED", func(g *graph.Graph) error {
			_, err := LoadGED(ctx, g, ged231File, bytes.NewReader(input))
			return err
		}},
		{"loader.LoadNQuads", func(g *graph.Graph) error {
			_, err := loader.LoadNQuads(ctx, g, "ged231.nq", bytes.NewReader(nq.Bytes()))
			return err
		}},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				b.StopTimer()
				g := newGraph(b)
				b.StartTimer()
				if err := c.load(g); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				g.Close()
				b.StartTimer()
			}
			b.ReportMetric(1000*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}
