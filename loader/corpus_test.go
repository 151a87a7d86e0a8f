package loader_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/loader"
)

// loadAny loads the file at path by its extension.
func loadAny(g *graph.Graph, path string, opts ...loader.Option) (loader.Stats, error) {
	f, err := os.Open(path)
	if err != nil {
		return loader.Stats{}, err
	}
	defer f.Close()
	name := filepath.Base(path)
	switch filepath.Ext(path) {
	case ".nq":
		return loader.LoadNQuads(ctx, g, name, f, opts...)
	case ".jsonld":
		return loader.LoadJSONLD(ctx, g, name, f, opts...)
	case ".csv":
		return loader.LoadCSV(ctx, g, name, f, opts...)
	case ".trig":
		return loader.LoadTriG(ctx, g, name, f, opts...)
	case ".ttl":
		return loader.LoadTurtle(ctx, g, name, f, opts...)
	}
	return loader.LoadYAML(ctx, g, name, f)
}

// entitiesGraph holds the entities of testdata/valid.nq, which the CSV
// tables name.
func entitiesGraph(t *testing.T) *graph.Graph {
	t.Helper()
	g := newGraph(t)
	data, err := os.ReadFile(filepath.Join("testdata", "valid.nq"))
	if err != nil {
		t.Fatal(err)
	}
	var keep []string
	for _, l := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		if !strings.Contains(l, "ns#captured>") {
			keep = append(keep, l)
		}
	}
	if _, err := loader.LoadNQuads(ctx, g, "entities.nq", strings.NewReader(strings.Join(keep, "\n"))); err != nil {
		t.Fatal(err)
	}
	return g
}

func TestValidFilesLoad(t *testing.T) {
	for _, name := range []string{"valid.nq", "valid.jsonld", "valid.csv"} {
		t.Run(name, func(t *testing.T) {
			g := entitiesGraph(t)
			if _, err := loadAny(g, filepath.Join("testdata", name)); err != nil {
				t.Fatal(err)
			}
			es, err := g.Edges(ctx, "https://actorgraph.org/ns#captured", graph.From("https://example.org/id/turkey"))
			if err != nil || len(es) != 1 || es[0].Object.Name != "Damascus" {
				t.Errorf("after loading: %v, %v", es, err)
			}
		})
	}
}

// Every file under testdata/bad is refused at the right place, and the graph
// is as it was before.
func TestMalformedCorpus(t *testing.T) {
	tests := []struct {
		file      string
		line, col int // col 0: not checked
		sentinel  error
		mentions  string
	}{
		{"syntax.nq", 10, 131, loader.ErrSyntax, "want '.'"}, // just past the end of the line
		{"blank-node.nq", 10, 1, loader.ErrSyntax, "blank nodes"},
		{"unknown-relation.nq", 10, 1, graph.ErrUnknownTerm, "fundz"},
		{"wrong-domain.nq", 10, 1, graph.ErrDomain, "subject Damascus"},
		{"dangling.nq", 10, 1, graph.ErrDangling, "nowhere"},
		{"duplicate-kind.nq", 3, 1, graph.ErrConflict, "already"},
		{"bad-date.nq", 9, 1, loader.ErrSyntax, "month 13"},
		{"date-precision.nq", 9, 1, loader.ErrSyntax, "does not match its datatype"},
		{"unknown-relation.jsonld", 14, 45, graph.ErrUnknownTerm, "fundz"},
		{"dangling.jsonld", 14, 48, graph.ErrDangling, "nowhere"},
		{"wrong-range.jsonld", 14, 45, graph.ErrRange, "object Damascus"},
		{"syntax.jsonld", 5, 5, loader.ErrSyntax, "invalid character"},
		{"context.jsonld", 1, 2, loader.ErrSyntax, "expand the document"},
		{"blank-node.jsonld", 2, 3, loader.ErrSyntax, "blank nodes"},
		{"unknown-relation.csv", 3, 8, graph.ErrUnknownTerm, "fundz"},
		{"wrong-domain.csv", 2, 1, graph.ErrDomain, "subject Damascus"},
		{"unknown-name.csv", 2, 17, graph.ErrNotFound, "Atlantis"},
		{"bad-date.csv", 2, 35, loader.ErrSyntax, "no day 30"},
		{"empty-subject.csv", 2, 1, loader.ErrSyntax, "empty subject"},
		{"empty-object.csv", 3, 17, loader.ErrSyntax, "empty object"},
		{"syntax.csv", 2, 17, loader.ErrSyntax, "quote"},
		{"no-header.csv", 1, 1, loader.ErrSyntax, "unknown column"},
		{"unknown-relation.trig", 4, 24, graph.ErrUnknownTerm, "fundz"},
		{"syntax.trig", 3, 1, loader.ErrSyntax, "not the end of the input"},
		{"blank-node.ttl", 2, 1, loader.ErrSyntax, "blank nodes"},
		{"dangling.yaml", 10, 13, graph.ErrDangling, "nowhere"},
		{"unknown-kind.yaml", 4, 21, graph.ErrUnknownTerm, "Militia"},
	}
	seen := map[string]bool{}
	for _, tt := range tests {
		seen[tt.file] = true
		t.Run(tt.file, func(t *testing.T) {
			g := entitiesGraph(t)
			before := len(statements(t, g))
			_, err := loadAny(g, filepath.Join("testdata", "bad", tt.file))
			var le *loader.Error
			if !errors.As(err, &le) {
				t.Fatalf("error %v (%T) is not a *loader.Error", err, err)
			}
			if le.Line <= 0 || le.Column <= 0 {
				t.Errorf("at %d:%d: every rejected input has a line and a column", le.Line, le.Column)
			}
			if le.File != tt.file || le.Line != tt.line || (tt.col != 0 && le.Column != tt.col) {
				t.Errorf("at %s:%d:%d, want %s:%d:%d: %v", le.File, le.Line, le.Column, tt.file, tt.line, tt.col, err)
			}
			if !errors.Is(err, tt.sentinel) || !strings.Contains(err.Error(), tt.mentions) {
				t.Errorf("error %v: want %v mentioning %q", err, tt.sentinel, tt.mentions)
			}
			if after := len(statements(t, g)); after != before {
				t.Errorf("the failed load changed the graph: %d statements, then %d", before, after)
			}
		})
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "bad", "*"))
	for _, f := range files {
		if !seen[filepath.Base(f)] {
			t.Errorf("%s has no expectation in this test", f)
		}
	}
}

func TestLenientSkipsUnknownPredicates(t *testing.T) {
	g := entitiesGraph(t)
	st, err := loadAny(g, filepath.Join("testdata", "bad", "unknown-relation.nq"), loader.Lenient())
	if err != nil {
		t.Fatal(err)
	}
	if st.Skipped != 1 {
		t.Errorf("Skipped = %d, want 1", st.Skipped)
	}
}

func TestProgressIsReported(t *testing.T) {
	g := syria(t)
	var nq strings.Builder
	if err := loader.WriteNQuads(ctx, &nq, g); err != nil {
		t.Fatal(err)
	}
	var calls []loader.Progress
	back := newGraph(t)
	if _, err := loader.LoadNQuads(ctx, back, "x.nq", strings.NewReader(nq.String()), loader.WithProgress(func(p loader.Progress) { calls = append(calls, p) })); err != nil {
		t.Fatal(err)
	}
	last := calls[len(calls)-1]
	if !last.Done || last.Records != strings.Count(nq.String(), "\n") || last.Bytes != int64(nq.Len()) {
		t.Errorf("last progress %+v; want Done with %d records and %d bytes", last, strings.Count(nq.String(), "\n"), nq.Len())
	}
	// TriG counts statements too, however many a line holds.
	var trig strings.Builder
	if err := loader.WriteTriG(ctx, &trig, g); err != nil {
		t.Fatal(err)
	}
	calls = nil
	if _, err := loader.LoadTriG(ctx, newGraph(t), "x.trig", strings.NewReader(trig.String()), loader.WithProgress(func(p loader.Progress) { calls = append(calls, p) })); err != nil {
		t.Fatal(err)
	}
	last = calls[len(calls)-1]
	if !last.Done || last.Records != strings.Count(nq.String(), "\n") || last.Bytes != int64(trig.Len()) {
		t.Errorf("last progress %+v; want Done with %d records and %d bytes", last, strings.Count(nq.String(), "\n"), trig.Len())
	}
}
