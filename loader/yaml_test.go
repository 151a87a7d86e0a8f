package loader_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/loader"
	"github.com/actorgraph/actorgraph/schema"
)

var ctx = context.Background()

const ns schema.Namespace = "https://example.org/id/"

func newGraph(t *testing.T) *graph.Graph {
	t.Helper()
	g, err := graph.Open(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { g.Close() })
	return g
}

func TestLoadValidFile(t *testing.T) {
	g := newGraph(t)
	st, err := loader.LoadFile(ctx, g, filepath.Join("testdata", "valid.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if st != (loader.Stats{Entities: 4, Claims: 1, Facts: 5}) {
		t.Errorf("Stats = %+v", st)
	}
	es, err := g.Edges(ctx, schema.Backs, graph.From(ns.IRI("turkey")))
	if err != nil || len(es) != 1 {
		t.Fatalf("Edges = %v, %v", es, err)
	}
	c := es[0].Evidence[0]
	if c.ValidFrom != graph.Month(2024, 11) || c.Reported != graph.Day(2024, 12, 7) || c.Quote != "a Turkish-backed coalition" {
		t.Errorf("claim = %+v", c)
	}
	vs, err := g.Attributes(ctx, ns.IRI("hts"), schema.Aim)
	if err != nil || len(vs) != 1 || vs[0].Value != graph.Text(`removal from "the lists"`) {
		t.Errorf("aim = %+v, %v", vs, err)
	}
	vs, err = g.Attributes(ctx, ns.IRI("hts"), schema.Directive)
	if err != nil || len(vs) != 1 || vs[0].Value != graph.Text("No shooting in the air") {
		t.Errorf("directive = %+v, %v", vs, err)
	}
	e, err := g.ResolveOne(ctx, "turkiye")
	if err != nil || e.Aliases[0].Lang != "tr" {
		t.Errorf("Türkiye = %+v, %v", e, err)
	}
}

// Each malformed input is rejected at the right place and leaves the graph
// exactly as it was.
func TestMalformedInputIsRejectedWithItsPosition(t *testing.T) {
	const head = "actorgraph: 1\nbase: https://example.org/id/\nentities:\n" +
		"  - {id: report, kinds: [Report], name: A report}\n" +
		"  - {id: turkey, kinds: [State], name: Turkey}\n" +
		"  - {id: damascus, kinds: [City], name: Damascus}\n"
	const claim = "claims:\n  - id: c9\n    source: report\n    reported: 2024-12-07\n    facts:\n"
	tests := []struct {
		name       string
		input      string
		line, col  int
		sentinel   error
		mentioning string
	}{
		// For syntax errors the YAML library gives the line where the construct
		// in error starts (here the mapping whose next key it expected).
		{"bad YAML syntax", head + "claims: []\n extra: 1\n", 7, 0, loader.ErrSyntax, "did not find expected key"},
		{"no format version", "base: https://example.org/\n", 1, 1, loader.ErrSyntax, "format version"},
		{"an unknown top-level key", head + "claimz: []\n", 7, 1, loader.ErrSyntax, `unknown key "claimz"`},
		{"an unknown relation", head + claim + "      - turkey fundz damascus\n", 12, 9, graph.ErrUnknownTerm, "fundz"},
		{"a wrong domain", head + claim + "      - damascus backs turkey\n", 12, 9, graph.ErrDomain, "subject Damascus"},
		{"a wrong range", head + claim + "      - turkey leads damascus\n", 12, 9, graph.ErrRange, "object Damascus"},
		{"a dangling reference", head + claim + "      - turkey backs nowhere\n", 12, 9, graph.ErrDangling, "https://example.org/id/nowhere"},
		{"a dangling source", head + "claims:\n  - id: c9\n    source: nobody\n    reported: 2024-12-07\n    facts: [turkey backs damascus]\n", 9, 13, graph.ErrDangling, "source"},
		{"a duplicate id with a different kind", head + "  - {id: turkey, kinds: [City], name: Turkey}\n", 7, 5, graph.ErrConflict, "already defined differently at line 5"},
		{"a duplicate claim id with other metadata", head + claim + "      - turkey backs damascus\n" +
			"  - {id: c9, source: report, reported: 2024-12-08, facts: [turkey backs damascus]}\n", 13, 5, graph.ErrConflict, "already defined differently at line 8"},
		{"a fact with names for ids", head + "  - {id: coalition, kinds: [Coalition], name: Rebel coalition}\n" + claim +
			"      - Turkey backs Rebel coalition\n", 13, 9, loader.ErrSyntax, `did you mean "turkey backs coalition"?`},
		{"a fact with names for ids, the first of two words", head + "  - {id: coalition, kinds: [Coalition], name: Rebel coalition}\n" + claim +
			"      - Rebel coalition backs Turkey\n", 13, 9, graph.ErrUnknownTerm, `did you mean "coalition backs turkey"?`},
		{"a fact with a name of one word for an id", head + claim + "      - Turkey backs Damascus\n", 12, 9, graph.ErrDangling, `did you mean "turkey backs damascus"?`},
		{"a bad date", head + "claims:\n  - id: c9\n    source: report\n    reported: 2024-13-07\n    facts: [turkey backs damascus]\n", 10, 15, loader.ErrSyntax, "month 13"},
		{"an impossible day", head + "claims:\n  - id: c9\n    source: report\n    reported: 2023-02-29\n    facts: [turkey backs damascus]\n", 10, 15, loader.ErrSyntax, "no day 29"},
		{"a value of the wrong datatype", head + "  - {id: hts, kinds: [ArmedGroup], name: HTS}\n" + claim + "      - hts founded long ago\n", 13, 9, loader.ErrSyntax, "founded takes date"},
		{"an unknown kind", head + "  - {id: x, kinds: [Militia], name: X}\n", 7, 21, graph.ErrUnknownTerm, "unknown kind"},
		{"a missing name", head + "  - {id: x, kinds: [City]}\n", 7, 5, loader.ErrSyntax, `missing "name"`},
		{"a fact with two words", head + claim + "      - turkey backs\n", 12, 9, loader.ErrSyntax, "subject relation object"},
		{"a bad stance", head + "claims:\n  - id: c9\n    source: report\n    stance: maybe\n    reported: 2024-12-07\n    facts: [turkey backs damascus]\n", 10, 13, loader.ErrSyntax, "asserted, denied or retracted"},
		{"a claim with no facts", head + "claims:\n  - id: c9\n    source: report\n    reported: 2024-12-07\n    facts: []\n", 11, 12, loader.ErrSyntax, "at least one fact"},
		{"two documents", head + "---\nactorgraph: 1\n", 7, 1, loader.ErrSyntax, "second"},
		{"an empty file", "", 1, 1, loader.ErrSyntax, "empty"},
		{"an alias whose language tag injects a statement", head + "  - {id: x, kinds: [City], name: X, aliases: [{name: Y, lang: \"en\\n<https://e.example/s> <https://e.example/p> \\\"o\\\" .\"}]}\n",
			7, 5, graph.ErrInvalid, "BCP 47"},
		{"an id with a control character", head + "  - {id: \"x\\x01y\", kinds: [City], name: X}\n", 7, 5, graph.ErrInvalid, "U+0001"},
		{"a relative base", "actorgraph: 1\nbase: example\n", 2, 7, loader.ErrSyntax, "absolute IRI"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newGraph(t)
			if _, err := loader.LoadFile(ctx, g, filepath.Join("testdata", "valid.yaml")); err != nil {
				t.Fatal(err)
			}
			before, _ := g.Stats(ctx)
			_, err := loader.LoadYAML(ctx, g, "bad.yaml", strings.NewReader(tt.input))
			var le *loader.Error
			if !errors.As(err, &le) {
				t.Fatalf("error %v (%T) is not a *loader.Error", err, err)
			}
			if le.Line <= 0 || le.Column <= 0 {
				t.Errorf("position %d:%d: every rejected input has a line and a column", le.Line, le.Column)
			}
			if le.File != "bad.yaml" || le.Line != tt.line || (tt.col != 0 && le.Column != tt.col) {
				t.Errorf("position %s:%d:%d, want bad.yaml:%d:%d (%v)", le.File, le.Line, le.Column, tt.line, tt.col, err)
			}
			if !errors.Is(err, tt.sentinel) {
				t.Errorf("error %v does not wrap %v", err, tt.sentinel)
			}
			if !strings.Contains(err.Error(), tt.mentioning) {
				t.Errorf("error %q does not mention %q", err, tt.mentioning)
			}
			if after, _ := g.Stats(ctx); after != before {
				t.Errorf("a failed load changed the graph: %d quads, then %d", before, after)
			}
		})
	}
}

func TestErrorsNameFileLineAndField(t *testing.T) {
	g := newGraph(t)
	_, err := loader.LoadYAML(ctx, g, "data.yaml", strings.NewReader("actorgraph: 1\nentities:\n  - {id: x, kinds: [City], name: X, colour: red}\n"))
	want := `data.yaml:3:37: entities[0]: "colour": unknown key "colour"; want one of id, kinds, name, aliases, sameAs, description: syntax error`
	if err == nil || err.Error() != want {
		t.Errorf("error =\n%v\nwant\n%s", err, want)
	}
}

func TestLoadFileThatDoesNotExist(t *testing.T) {
	g := newGraph(t)
	if _, err := loader.LoadFile(ctx, g, filepath.Join("testdata", "missing.yaml")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("error = %v, want os.ErrNotExist", err)
	}
}

// A definition repeated unchanged is accepted, as graph.Tx.AddEntity accepts
// it; its aliases are merged.
func TestIdenticalRedefinitionIsAccepted(t *testing.T) {
	g := newGraph(t)
	const data = "actorgraph: 1\nbase: https://example.org/id/\nentities:\n" +
		"  - {id: turkey, kinds: [State], name: Turkey}\n" +
		"  - {id: turkey, kinds: [State], name: Turkey, aliases: [{name: Türkiye, lang: tr}]}\n"
	if _, err := loader.LoadYAML(ctx, g, "twice.yaml", strings.NewReader(data)); err != nil {
		t.Fatal(err)
	}
	e, err := g.Entity(ctx, ns.IRI("turkey"))
	if err != nil || len(e.Aliases) != 1 {
		t.Errorf("entity %+v, %v", e, err)
	}
}
