package loader_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/loader"
	"github.com/actorgraph/actorgraph/schema"
)

// hostile are strings that break naive exporters: quotes of every kind, markup,
// CDATA ends, formula cells, line breaks, edge white space, control and
// astral-plane characters.
var hostile = []string{
	`He said "stop" and 'wait'`, "<script>alert(1)</script>", "]]> end of CDATA", "=HYPERLINK(\"http://x\")",
	"+1 plus", "-1 minus", "@SUM(A1)", "\tleading tab", "\rleading CR", "'quoted already", "''two quotes",
	"line one\nline two", "CR LF\r\nkept", "  edge spaces  ", "back\\slash \\n not a newline", "a, b; c",
	"AT&T &amp; &lt;", "astral 😀 𝔸 \U0010FFFD", "# not a comment", "bidi \u200f mark", "x\x7f\u0085y",
}

// adversarialGraph builds a graph whose names, aliases, descriptions,
// quotes, notes and text values are the hostile strings.
func adversarialGraph(t *testing.T) *graph.Graph {
	g := newGraph(t)
	err := g.Write(ctx, func(tx *graph.Tx) error {
		report := graph.Entity{ID: ns.IRI("report"), Kinds: []schema.Kind{schema.Report}, Name: "A report " + hostile[0]}
		city := graph.Entity{ID: ns.IRI("city"), Kinds: []schema.Kind{schema.City}, Name: hostile[2]}
		for _, e := range []graph.Entity{report, city} {
			if err := tx.AddEntity(e); err != nil {
				return err
			}
		}
		for i, h := range hostile {
			id := ns.IRI("actor-" + string(rune('a'+i)))
			e := graph.Entity{ID: id, Kinds: []schema.Kind{schema.ArmedGroup}, Name: h + " group",
				Aliases: []graph.Alias{{Name: h, Lang: "ar-SY"}, {Name: "alias " + h}}, Description: h + "\x01"}
			if err := tx.AddEntity(e); err != nil {
				return err
			}
			c := graph.Claim{ID: ns.IRI("claim-" + string(rune('a'+i))), Source: report, Reported: graph.Day(2024, 12, 7),
				Quote: h, Note: "note: " + h + "\x1b", Stance: graph.Stance(i % 2)}
			if err := tx.AddClaim(c); err != nil {
				return err
			}
			if i > 0 {
				if err := tx.Assert(graph.Fact{Subject: id, Relation: schema.Backs, Object: ns.IRI("actor-" + string(rune('a'+i-1))), Claim: c.ID}); err != nil {
					return err
				}
			}
			if err := tx.Assert(graph.Fact{Subject: id, Relation: schema.Controls, Object: city.ID, Claim: c.ID}); err != nil {
				return err
			}
			if err := tx.AssertAttribute(graph.AttributeFact{Subject: id, Attribute: schema.Aim, Value: graph.Text(h), Claim: c.ID}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// The adversarial graph survives a round trip through every format this
// package reads.
func TestAdversarialGraphRoundTrips(t *testing.T) {
	g := adversarialGraph(t)
	var nq, js, csv bytes.Buffer
	if err := errors.Join(loader.WriteNQuads(ctx, &nq, g), loader.WriteJSONLD(ctx, &js, g), loader.WriteCSV(ctx, &csv, g)); err != nil {
		t.Fatal(err)
	}
	table := csv.String()
	back := newGraph(t)
	if _, err := loader.LoadNQuads(ctx, back, "a.nq", &nq); err != nil {
		t.Fatal(err)
	}
	sameGraph(t, g, back)
	back = newGraph(t)
	if _, err := loader.LoadJSONLD(ctx, back, "a.jsonld", &js); err != nil {
		t.Fatal(err)
	}
	sameGraph(t, g, back)
	back = newGraph(t)
	if _, err := loader.LoadNQuads(ctx, back, "entities.nq", strings.NewReader(csvPrefix(t, g))); err != nil {
		t.Fatal(err)
	}
	if _, err := loader.LoadCSV(ctx, back, "a.csv", &csv); err != nil {
		t.Fatal(err)
	}
	sameGraph(t, g, back)
	for _, cell := range []string{`'=HYPERLINK`, `'+1 plus`, `'-1 minus`, `'@SUM`, "'\tleading", "\"'\rleading", `'''two`} {
		if !strings.Contains(table, cell) {
			t.Errorf("the CSV export lacks the escaped cell %q", cell)
		}
	}
}

// TestWriteAdversarialExports writes the adversarial graph in every format,
// with what each independent tool should read from it, into the directory
// named by ACTORGRAPH_EXPORTS_DIR; .ci/exports.sh runs it and checks the
// files with rapper, xmllint, dot, Python's csv module and jsonld.js, and
// .ci/sparql.sh checks that rapper reads the TriG as the N-Quads.
func TestWriteAdversarialExports(t *testing.T) {
	dir := os.Getenv("ACTORGRAPH_EXPORTS_DIR")
	if dir == "" {
		t.Skip("ACTORGRAPH_EXPORTS_DIR is not set; .ci/exports.sh sets it")
	}
	g := adversarialGraph(t)
	edges, err := loader.Network(ctx, g)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]func(*bytes.Buffer) error{
		"a.nq":      func(w *bytes.Buffer) error { return loader.WriteNQuads(ctx, w, g) },
		"a.trig":    func(w *bytes.Buffer) error { return loader.WriteTriG(ctx, w, g) },
		"a.ttl":     func(w *bytes.Buffer) error { return loader.WriteTurtle(ctx, w, g) },
		"a.jsonld":  func(w *bytes.Buffer) error { return loader.WriteJSONLD(ctx, w, g) },
		"a.csv":     func(w *bytes.Buffer) error { return loader.WriteCSV(ctx, w, g) },
		"a.dot":     func(w *bytes.Buffer) error { return loader.WriteDOT(ctx, w, g.Vocabulary(), edges) },
		"a.graphml": func(w *bytes.Buffer) error { return loader.WriteGraphML(ctx, w, g.Vocabulary(), edges) },
	}
	for name, write := range files {
		var b bytes.Buffer
		if err := write(&b); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// What the tools must read: every statement (subject, predicate, object,
	// its kind, datatype or language, graph), every CSV row as stored, every
	// node's id and label.
	type node struct{ ID, Name, Label string }
	var want struct {
		Statements [][6]string
		CSV        [][]string
		Nodes      []node
		Edges      [][3]string // subject, object, relation name
	}
	for _, st := range statements(t, g) {
		o := st.Object
		kind, extra, value := "iri", "", string(o.IRI)
		switch {
		case o.IsLiteral() && o.Lang != "":
			kind, extra, value = "lang", o.Lang, o.Lexical
		case o.IsLiteral():
			kind, extra, value = "literal", string(o.Datatype), o.Lexical
		}
		want.Statements = append(want.Statements, [6]string{string(st.Subject), string(st.Predicate), kind, value, extra, string(st.Claim)})
	}
	v := g.Vocabulary()
	want.CSV = append(want.CSV, loader.CSVColumns)
	for _, st := range statements(t, g) {
		if st.Claim == "" || st.Claim == schema.VocabularyGraph {
			continue
		}
		c, err := g.Claim(ctx, st.Claim)
		if err != nil {
			t.Fatal(err)
		}
		term, object := v.RelationName(schema.Relation(st.Predicate)), string(st.Object.IRI)
		if st.Object.IsLiteral() {
			term, object = v.AttributeName(schema.Attribute(st.Predicate)), st.Object.Lexical
		}
		want.CSV = append(want.CSV, []string{string(c.ID), string(st.Subject), term, object, string(c.Source.ID), string(c.Via.ID),
			c.Stance.String(), string(c.Retracts), c.Reported.String(), c.ValidFrom.String(), c.ValidUntil.String(), c.Quote, c.Note, ""})
	}
	seen := map[schema.IRI]bool{}
	for _, e := range edges {
		for _, n := range []graph.Entity{e.Subject, e.Object} {
			if !seen[n.ID] {
				seen[n.ID] = true
				want.Nodes = append(want.Nodes, node{ID: string(n.ID), Name: n.String(), Label: n.String() + "\n" + strings.Join(v.KindNames(n.Kinds), ", ")})
			}
		}
	}
	for _, e := range edges {
		want.Edges = append(want.Edges, [3]string{string(e.Subject.ID), string(e.Object.ID), v.RelationName(e.Relation)})
	}
	data, err := json.MarshalIndent(want, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "want.json"), data, 0o644); err != nil {
		t.Fatal(err)
	}
}
