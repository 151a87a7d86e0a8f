package loader_test

import (
	"bytes"
	"io"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/synth"
	"github.com/actorgraph/actorgraph/loader"
)

// benchRDF loads, into a new graph per iteration, the export of a synthetic
// graph of 10,000 groups (about 108,000 quads) in format f: N-Quads, TriG and
// Turtle, plain and materialised for SPARQL, side by side in one run.
func BenchmarkLoadRDF(b *testing.B) {
	src, err := graph.Open(ctx, "")
	if err != nil {
		b.Fatal(err)
	}
	defer src.Close()
	if err := synth.Load(ctx, src, synth.Generate(10_000, 1)); err != nil {
		b.Fatal(err)
	}
	for _, f := range rdfFormats {
		for _, o := range []struct {
			name string
			opts []loader.ExportOption
		}{{"plain", nil}, {"for SPARQL", []loader.ExportOption{loader.ForSPARQL()}}} {
			var out bytes.Buffer
			if err := f.write(&out, src, o.opts...); err != nil {
				b.Fatal(err)
			}
			b.Run(f.name+", "+o.name+", write", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if err := f.write(io.Discard, src, o.opts...); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run(f.name+", "+o.name+", load", func(b *testing.B) {
				b.ReportAllocs()
				b.SetBytes(int64(out.Len()))
				for b.Loop() {
					g, err := graph.Open(ctx, "")
					if err != nil {
						b.Fatal(err)
					}
					if _, err := f.load(g, "bench", bytes.NewReader(out.Bytes())); err != nil {
						b.Fatal(err)
					}
					g.Close()
				}
			})
		}
	}
}
