package loader_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/synth"
	"github.com/actorgraph/actorgraph/loader"
	"github.com/actorgraph/actorgraph/schema"
)

// cancellingWriter cancels its context once it has been written to, as a
// client that hangs up after the first bytes would.
type cancellingWriter struct {
	cancel context.CancelFunc
	n      int
}

func (w *cancellingWriter) Write(p []byte) (int, error) {
	w.n += len(p)
	w.cancel()
	return len(p), nil
}

func TestExportsStopWhenCancelled(t *testing.T) {
	g := newGraph(t)
	if err := synth.Load(ctx, g, synth.Generate(2000, 1)); err != nil {
		t.Fatal(err)
	}
	edges, err := loader.Network(ctx, g)
	if err != nil {
		t.Fatal(err)
	}
	v := g.Vocabulary()
	exports := []struct {
		name  string
		write func(context.Context, io.Writer) error
	}{
		{"N-Quads", func(c context.Context, w io.Writer) error { return loader.WriteNQuads(c, w, g) }},
		{"JSON-LD", func(c context.Context, w io.Writer) error { return loader.WriteJSONLD(c, w, g) }},
		{"CSV", func(c context.Context, w io.Writer) error { return loader.WriteCSV(c, w, g) }},
		{"DOT", func(c context.Context, w io.Writer) error { return loader.WriteDOT(c, w, v, edges) }},
		{"GraphML", func(c context.Context, w io.Writer) error { return loader.WriteGraphML(c, w, v, edges) }},
		{"Network", func(c context.Context, w io.Writer) error {
			_, err := loader.Network(c, g)
			return err
		}},
	}
	for _, ex := range exports {
		t.Run(ex.name, func(t *testing.T) {
			var full bytes.Buffer
			if err := ex.write(ctx, &full); err != nil {
				t.Fatal(err)
			}
			done, cancel := context.WithCancel(ctx)
			cancel()
			var out bytes.Buffer
			if err := ex.write(done, &out); !errors.Is(err, context.Canceled) {
				t.Errorf("with a cancelled context: %v, want context.Canceled", err)
			}
			if out.Len() > 0 {
				t.Errorf("with a cancelled context, %d bytes were written", out.Len())
			}
			if ex.name == "Network" {
				return
			}
			live, cancel := context.WithCancel(ctx)
			defer cancel()
			w := &cancellingWriter{cancel: cancel}
			if err := ex.write(live, w); !errors.Is(err, context.Canceled) {
				t.Errorf("cancelled after the first bytes: %v, want context.Canceled", err)
			}
			if w.n == 0 || w.n >= full.Len()/2 {
				t.Errorf("cancelled after the first bytes, it wrote %d of %d bytes", w.n, full.Len())
			}
		})
	}
}

// One claim with a 17 MiB quote: the N-Quads line its writer writes is read
// back, within the default limits.
func TestLongLiteralsRoundTrip(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("moves 17 MiB, and tests no concurrency")
	}
	g := newGraph(t)
	quote := strings.Repeat("a quote \"with\" escapes\\\n", 17<<20/24)
	err := g.Write(ctx, func(tx *graph.Tx) error {
		src := graph.Entity{ID: ns.IRI("r"), Kinds: []schema.Kind{schema.Report}, Name: "R"}
		if err := tx.AddEntity(src); err != nil {
			return err
		}
		return tx.AddClaim(graph.Claim{ID: ns.IRI("c"), Source: src, Reported: graph.Year(2024), Quote: quote})
	})
	if err != nil {
		t.Fatal(err)
	}
	var nq bytes.Buffer
	if err := loader.WriteNQuads(ctx, &nq, g); err != nil {
		t.Fatal(err)
	}
	back := newGraph(t)
	if _, err := loader.LoadNQuads(ctx, back, "long.nq", bytes.NewReader(nq.Bytes())); err != nil {
		t.Fatalf("%.300v", err)
	}
	c, err := back.Claim(ctx, ns.IRI("c"))
	if err != nil || c.Quote != quote {
		t.Errorf("the quote came back with %d bytes, want %d (%v)", len(c.Quote), len(quote), err)
	}
}

// Each limit, when hit, is a positioned error, and the load writes nothing.
func TestLimitsArePositionedErrors(t *testing.T) {
	line := `<https://example.org/id/x> <https://schema.org/name> "` + strings.Repeat("n", 200) + `" .` + "\n"
	jsonld := `{"@graph": [{"@id": "https://example.org/id/x", "https://schema.org/name": [{"@value": "` + strings.Repeat("n", 200) + `"}]}]}`
	csv := "subject,relation,object,source,reported,quote\nTurkey,captured,Damascus,A report,2024-12-07," + strings.Repeat("q", 200) + "\n"
	yaml := "actorgraph: 1\nentities:\n  - {id: https://example.org/id/x, kinds: [City], name: " + strings.Repeat("n", 200) + "}\n"
	tests := []struct {
		name     string
		load     func(*graph.Graph) error
		line     int
		mentions string
	}{
		{"an N-Quads line", func(g *graph.Graph) error {
			_, err := loader.LoadNQuads(ctx, g, "x.nq", strings.NewReader("\n"+line), loader.MaxLineBytes(100))
			return err
		}, 2, "MaxLineBytes"},
		{"an N-Quads literal", func(g *graph.Graph) error {
			_, err := loader.LoadNQuads(ctx, g, "x.nq", strings.NewReader(line), loader.MaxLiteralBytes(100))
			return err
		}, 1, "MaxLiteralBytes"},
		{"an N-Quads file", func(g *graph.Graph) error {
			_, err := loader.LoadNQuads(ctx, g, "x.nq", strings.NewReader(line+line+line), loader.MaxFileBytes(500))
			return err
		}, 2, "MaxFileBytes"},
		{"an N-Quads batch", func(g *graph.Graph) error {
			_, err := loader.LoadNQuads(ctx, g, "x.nq", strings.NewReader(line+line), loader.MaxRecords(1))
			return err
		}, 2, "MaxRecords"},
		{"a JSON-LD string", func(g *graph.Graph) error {
			_, err := loader.LoadJSONLD(ctx, g, "x.jsonld", strings.NewReader(jsonld), loader.MaxLiteralBytes(100))
			return err
		}, 1, "MaxLiteralBytes"},
		{"a JSON-LD file", func(g *graph.Graph) error {
			_, err := loader.LoadJSONLD(ctx, g, "x.jsonld", strings.NewReader(jsonld), loader.MaxFileBytes(100))
			return err
		}, 1, "MaxFileBytes"},
		{"a CSV cell", func(g *graph.Graph) error {
			_, err := loader.LoadCSV(ctx, g, "x.csv", strings.NewReader(csv), loader.MaxLiteralBytes(100))
			return err
		}, 2, "MaxLiteralBytes"},
		{"a CSV record", func(g *graph.Graph) error {
			_, err := loader.LoadCSV(ctx, g, "x.csv", strings.NewReader(csv), loader.MaxLineBytes(100))
			return err
		}, 2, "MaxLineBytes"},
		{"a CSV file", func(g *graph.Graph) error {
			_, err := loader.LoadCSV(ctx, g, "x.csv", strings.NewReader(csv), loader.MaxFileBytes(100))
			return err
		}, 2, "MaxFileBytes"},
		{"a CSV batch", func(g *graph.Graph) error {
			_, err := loader.LoadCSV(ctx, g, "x.csv", strings.NewReader(csv+csv[strings.IndexByte(csv, '\n')+1:]), loader.MaxRecords(1))
			return err
		}, 3, "MaxRecords"},
		{"a YAML scalar", func(g *graph.Graph) error {
			_, err := loader.LoadYAML(ctx, g, "x.yaml", strings.NewReader(yaml), loader.MaxLiteralBytes(100))
			return err
		}, 3, "MaxLiteralBytes"},
		{"a YAML file", func(g *graph.Graph) error {
			_, err := loader.LoadYAML(ctx, g, "x.yaml", strings.NewReader(yaml), loader.MaxFileBytes(100))
			return err
		}, 1, "MaxFileBytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := entitiesGraph(t)
			before := len(statements(t, g))
			err := tt.load(g)
			var le *loader.Error
			if !errors.As(err, &le) {
				t.Fatalf("error %v (%T) is not a *loader.Error", err, err)
			}
			if le.Line != tt.line || le.Column <= 0 || !strings.Contains(err.Error(), tt.mentions) {
				t.Errorf("error at %d:%d %v; want line %d mentioning %s", le.Line, le.Column, err, tt.line, tt.mentions)
			}
			if after := len(statements(t, g)); after != before {
				t.Errorf("the failed load changed the graph: %d statements, then %d", before, after)
			}
		})
	}
}

// A huge bad input makes an error of bounded size in every format.
func TestErrorsQuoteBoundedExcerpts(t *testing.T) {
	n := 1 << 20 // 3 MiB, which %q would make 10
	if raceEnabled {
		n = 1 << 16
	}
	huge := strings.Repeat("\x01é", n)
	tests := []struct {
		name string
		load func(*graph.Graph) error
	}{
		{"a CSV header", func(g *graph.Graph) error {
			_, err := loader.LoadCSV(ctx, g, "x.csv", strings.NewReader(huge+",subject\n"))
			return err
		}},
		{"a CSV relation", func(g *graph.Graph) error {
			_, err := loader.LoadCSV(ctx, g, "x.csv", strings.NewReader("subject,relation,object,source,reported\nTurkey,"+huge+",Damascus,A report,2024-12-07\n"))
			return err
		}},
		{"an N-Quads line", func(g *graph.Graph) error {
			_, err := loader.LoadNQuads(ctx, g, "x.nq", strings.NewReader("<https://example.org/id/x> <"+huge+"> ."))
			return err
		}},
		{"an N-Quads name", func(g *graph.Graph) error {
			_, err := loader.LoadNQuads(ctx, g, "x.nq", strings.NewReader(`<https://example.org/id/turkey> <https://schema.org/name> "`+strings.ReplaceAll(huge, "\x01", "a")+`" .`))
			return err
		}},
		{"a JSON-LD key", func(g *graph.Graph) error {
			_, err := loader.LoadJSONLD(ctx, g, "x.jsonld", strings.NewReader(`{"@graph": [{"@id": "https://example.org/id/x", "`+strings.ReplaceAll(huge, "\x01", "a")+`": []}]}`))
			return err
		}},
		{"a YAML kind", func(g *graph.Graph) error {
			_, err := loader.LoadYAML(ctx, g, "x.yaml", strings.NewReader("actorgraph: 1\nentities:\n  - {id: https://example.org/id/x, kinds: ["+strings.ReplaceAll(huge, "\x01", "a")+"], name: X}\n"))
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.load(entitiesGraph(t))
			var le *loader.Error
			if !errors.As(err, &le) {
				t.Fatalf("error %.200v (%T) is not a *loader.Error", err, err)
			}
			if len(le.Text) > 200 || len(err.Error()) > 4096 {
				t.Errorf("Text of %d bytes, message of %d: %.300s", len(le.Text), len(err.Error()), err)
			}
			if le.Line <= 0 || le.Column <= 0 {
				t.Errorf("at %d:%d", le.Line, le.Column)
			}
		})
	}
}
