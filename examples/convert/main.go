// Command convert loads datasets into a graph, with a progress bar, and
// exports the graph in any of the library's formats. The format of each file
// is told by its extension:
//
//	in:  .yaml .yml (dataset)  .nq (N-Quads)  .trig (TriG)  .ttl (Turtle)  .jsonld .json (JSON-LD)  .csv (claim table)
//	out: .nq  .trig  .ttl  .jsonld  .csv  .dot (Graphviz)  .graphml
//
// Examples:
//
//	go run ./examples/convert -in examples/syria/syria.yaml -out syria.nq
//	go run ./examples/convert -in syria.nq -out syria.dot && dot -Tsvg syria.dot -o syria.svg
//	go run ./examples/convert -in entities.nq -in claims.csv -base https://example.org/id/ -out all.jsonld
//	go run ./examples/convert -in examples/syria/syria.yaml -sparql -out syria.trig
//
// -sparql makes the N-Quads, TriG and Turtle exports self-describing for a
// SPARQL engine without a reasoner (loader.ForSPARQL: the ontology,
// superclasses, both directions of symmetric relations, PROV-O, effective
// times as xsd:dateTime, estimates as schema:QuantitativeValue); -rdf12 adds
// the RDF 1.2 form (each claim rdf:reifies its facts' triple terms).
// Several -in files load in order into one graph (a claim table names
// entities that an earlier file defines); each load is atomic. -out may be
// given several times; "-" writes N-Quads to standard output.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/loader"
)

func main() {
	var ins, outs []string
	flag.Func("in", "a file to load (repeatable)", func(s string) error { ins = append(ins, s); return nil })
	flag.Func("out", "a file to write (repeatable); - for N-Quads on standard output", func(s string) error { outs = append(outs, s); return nil })
	base := flag.String("base", "", "base IRI for relative identifiers in CSV tables")
	lenient := flag.Bool("lenient", false, "skip statements of unknown predicates instead of failing")
	quiet := flag.Bool("q", false, "no progress bar")
	sparql := flag.Bool("sparql", false, "materialise in RDF exports what a SPARQL engine without a reasoner cannot infer")
	rdf12 := flag.Bool("rdf12", false, "add the RDF 1.2 form of the claims (rdf:reifies triple terms) to RDF exports")
	flag.Parse()
	if len(ins) == 0 || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: convert -in FILE [-in FILE...] [-out FILE...] [-base IRI] [-lenient] [-q] [-sparql] [-rdf12]")
		os.Exit(2)
	}
	var rdf []loader.ExportOption
	if *sparql {
		rdf = append(rdf, loader.ForSPARQL())
	}
	if *rdf12 {
		rdf = append(rdf, loader.WithReifiers())
	}
	if err := run(context.Background(), ins, outs, *base, *lenient, !*quiet, os.Stdout, os.Stderr, rdf...); err != nil {
		fmt.Fprintln(os.Stderr, "convert:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, ins, outs []string, base string, lenient, bar bool, stdout, stderr io.Writer, rdf ...loader.ExportOption) error {
	g, err := graph.Open(ctx, "")
	if err != nil {
		return err
	}
	defer g.Close()
	for _, in := range ins {
		st, err := load(ctx, g, in, base, lenient, bar, stderr)
		if err != nil {
			return err
		}
		fmt.Fprintf(stderr, "%s: %d entities, %d claims, %d facts", in, st.Entities, st.Claims, st.Facts)
		if st.Skipped > 0 {
			fmt.Fprintf(stderr, ", %d statements skipped", st.Skipped)
		}
		fmt.Fprintln(stderr)
	}
	for _, out := range outs {
		if err := export(ctx, g, out, stdout, rdf); err != nil {
			return fmt.Errorf("%s: %w", out, err)
		}
	}
	return nil
}

func load(ctx context.Context, g *graph.Graph, path, base string, lenient, bar bool, stderr io.Writer) (loader.Stats, error) {
	f, err := os.Open(path)
	if err != nil {
		return loader.Stats{}, err
	}
	defer f.Close()
	var size int64
	if fi, err := f.Stat(); err == nil {
		size = fi.Size()
	}
	opts := []loader.Option{loader.WithBase(base)}
	if lenient {
		opts = append(opts, loader.Lenient())
	}
	if bar {
		opts = append(opts, loader.WithProgress(func(p loader.Progress) { drawBar(stderr, path, p, size) }))
	}
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".yaml", ".yml":
		return loader.LoadYAML(ctx, g, path, f)
	case ".nq", ".nquads":
		return loader.LoadNQuads(ctx, g, path, f, opts...)
	case ".trig":
		return loader.LoadTriG(ctx, g, path, f, opts...)
	case ".ttl":
		return loader.LoadTurtle(ctx, g, path, f, opts...)
	case ".jsonld", ".json":
		return loader.LoadJSONLD(ctx, g, path, f, opts...)
	case ".csv":
		return loader.LoadCSV(ctx, g, path, f, opts...)
	default:
		return loader.Stats{}, fmt.Errorf("%s: unknown input format %q; want .yaml, .nq, .trig, .ttl, .jsonld or .csv", path, ext)
	}
}

// drawBar draws a progress bar on one line of stderr.
func drawBar(w io.Writer, name string, p loader.Progress, size int64) {
	const width = 30
	frac := 1.0
	if size > 0 && !p.Done {
		frac = min(float64(p.Bytes)/float64(size), 1)
	}
	filled := int(frac * width)
	fmt.Fprintf(w, "\r%s [%s%s] %3.0f%% %d records", name, strings.Repeat("#", filled), strings.Repeat(".", width-filled), frac*100, p.Records)
	if p.Done {
		fmt.Fprintln(w)
	}
}

func export(ctx context.Context, g *graph.Graph, path string, stdout io.Writer, rdf []loader.ExportOption) (err error) {
	if path == "-" {
		return loader.WriteNQuadsWith(ctx, stdout, g, rdf...)
	}
	ext := strings.ToLower(filepath.Ext(path))
	write := map[string]func(io.Writer) error{
		".nq":     func(w io.Writer) error { return loader.WriteNQuadsWith(ctx, w, g, rdf...) },
		".trig":   func(w io.Writer) error { return loader.WriteTriG(ctx, w, g, rdf...) },
		".ttl":    func(w io.Writer) error { return loader.WriteTurtle(ctx, w, g, rdf...) },
		".jsonld": func(w io.Writer) error { return loader.WriteJSONLD(ctx, w, g) },
		".csv":    func(w io.Writer) error { return loader.WriteCSV(ctx, w, g) },
		".dot": func(w io.Writer) error {
			es, err := loader.Network(ctx, g)
			if err != nil {
				return err
			}
			return loader.WriteDOT(ctx, w, g.Vocabulary(), es)
		},
		".graphml": func(w io.Writer) error {
			es, err := loader.Network(ctx, g)
			if err != nil {
				return err
			}
			return loader.WriteGraphML(ctx, w, g.Vocabulary(), es)
		},
	}[ext]
	if write == nil {
		return fmt.Errorf("unknown output format %q; want .nq, .trig, .ttl, .jsonld, .csv, .dot or .graphml", ext)
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, f.Close()) }()
	return write(f)
}
