package loader_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/loader"
	"github.com/actorgraph/actorgraph/schema"
)

// rdfFormat is one of the RDF formats written with export options.
type rdfFormat struct {
	name  string
	write func(io.Writer, *graph.Graph, ...loader.ExportOption) error
	load  func(*graph.Graph, string, io.Reader) (loader.Stats, error)
}

var rdfFormats = []rdfFormat{
	{"N-Quads",
		func(w io.Writer, g *graph.Graph, o ...loader.ExportOption) error {
			return loader.WriteNQuadsWith(ctx, w, g, o...)
		},
		func(g *graph.Graph, name string, r io.Reader) (loader.Stats, error) {
			return loader.LoadNQuads(ctx, g, name, r)
		}},
	{"TriG",
		func(w io.Writer, g *graph.Graph, o ...loader.ExportOption) error {
			return loader.WriteTriG(ctx, w, g, o...)
		},
		func(g *graph.Graph, name string, r io.Reader) (loader.Stats, error) {
			return loader.LoadTriG(ctx, g, name, r)
		}},
	{"Turtle",
		func(w io.Writer, g *graph.Graph, o ...loader.ExportOption) error {
			return loader.WriteTurtle(ctx, w, g, o...)
		},
		func(g *graph.Graph, name string, r io.Reader) (loader.Stats, error) {
			return loader.LoadTurtle(ctx, g, name, r)
		}},
}

// optionSets are the export options a round trip is tried with: none, each
// alone, and all of them.
var optionSets = []struct {
	name string
	opts []loader.ExportOption
}{
	{"plain", nil},
	{"ontology", []loader.ExportOption{loader.WithOntology()}},
	{"superclasses", []loader.ExportOption{loader.WithSuperclasses()}},
	{"symmetric", []loader.ExportOption{loader.WithSymmetric()}},
	{"provenance", []loader.ExportOption{loader.WithProvenance()}},
	{"effective times", []loader.ExportOption{loader.WithEffectiveTimes()}},
	{"quantities", []loader.ExportOption{loader.WithQuantities()}},
	{"reifiers", []loader.ExportOption{loader.WithReifiers()}},
	{"for SPARQL", []loader.ExportOption{loader.ForSPARQL()}},
	{"for SPARQL, RDF 1.2", []loader.ExportOption{loader.ForSPARQL(), loader.WithReifiers()}},
}

// Every RDF format, with every export option, reads back to the graph
// exported, and writes the same bytes again from what it read.
func TestRDFExportsRoundTrip(t *testing.T) {
	g := syria(t)
	for _, f := range rdfFormats {
		for _, o := range optionSets {
			t.Run(f.name+", "+o.name, func(t *testing.T) {
				var out bytes.Buffer
				if err := f.write(&out, g, o.opts...); err != nil {
					t.Fatal(err)
				}
				back := newGraph(t)
				st, err := f.load(back, "syria", bytes.NewReader(out.Bytes()))
				if err != nil {
					t.Fatal(err)
				}
				if st.Claims != 34 || st.Facts != 51 {
					t.Errorf("read %+v; want the dataset's 34 claims and 51 facts", st)
				}
				sameGraph(t, g, back)
				var again bytes.Buffer
				if err := f.write(&again, back, o.opts...); err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(out.Bytes(), again.Bytes()) {
					t.Error("the second export differs from the first")
				}
			})
		}
	}
}

func TestTriGAndTurtleGolden(t *testing.T) {
	g := syria(t)
	for _, c := range []struct {
		file  string
		write func(io.Writer) error
	}{
		{"syria.trig", func(w io.Writer) error { return loader.WriteTriG(ctx, w, g) }},
		{"syria.ttl", func(w io.Writer) error { return loader.WriteTurtle(ctx, w, g) }},
		{"syria-sparql.trig", func(w io.Writer) error { return loader.WriteTriG(ctx, w, g, loader.ForSPARQL(), loader.WithReifiers()) }},
	} {
		var out bytes.Buffer
		if err := c.write(&out); err != nil {
			t.Fatal(err)
		}
		golden(t, c.file, out.Bytes())
	}
}

// The N-Quads export without options is what WriteNQuads writes.
func TestWriteNQuadsWithNoOptions(t *testing.T) {
	g := syria(t)
	var a, b bytes.Buffer
	if err := errors.Join(loader.WriteNQuads(ctx, &a, g), loader.WriteNQuadsWith(ctx, &b, g)); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("WriteNQuadsWith without options differs from WriteNQuads")
	}
}

const syriaID = "https://actorgraph.org/id/syria/"

// What the options materialise, as the statements a SPARQL engine reads.
func TestExportMaterialises(t *testing.T) {
	g := syria(t)
	var out bytes.Buffer
	if err := loader.WriteNQuadsWith(ctx, &out, g, loader.ForSPARQL(), loader.WithReifiers()); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	iri := func(s string) string { return "<" + s + ">" }
	id := func(s string) string { return iri(syriaID + s) }
	ag := func(s string) string { return iri(string(schema.NS) + s) }
	dt := func(s string) string { return fmt.Sprintf("%q^^<%sdateTime>", s, schema.XSD) }
	for _, want := range []string{
		// declarations, first
		ag("export") + " " + ag("materialises") + " " + ag("superclassTypes") + " .",
		// superclasses of an armed group
		id("hts") + " " + iri(string(schema.Type)) + " " + ag("Organization") + " .",
		id("hts") + " " + iri(string(schema.Type)) + " " + ag("Actor") + " .",
		// the mirror of hts enemyOf islamic-state, in the same claim
		id("islamic-state") + " " + ag("enemyOf") + " " + id("hts") + " " + id("c14-hts-enemy-of-islamic-state") + " .",
		// effective times: from a year's start to the next year's; from the reported date when there is no validFrom
		id("c18-csis-membership-2018") + " " + ag("effectiveStart") + " " + dt("2018-01-01T00:00:00Z") + " .",
		id("c18-csis-membership-2018") + " " + ag("effectiveEnd") + " " + dt("2019-01-01T00:00:00Z") + " .",
		id("c20-rebels-seized-aleppo") + " " + ag("effectiveStart") + " " + dt("2024-12-07T00:00:00Z") + " .",
		// PROV-O
		id("c26-soldiers-unwilling") + " " + iri(string(schema.WasAttributedTo)) + " " + id("france24") + " .",
		id("c26-soldiers-unwilling") + " " + iri(string(schema.GeneratedAtTime)) + " " + dt("2024-12-07T00:00:00Z") + " .",
		id("c16-hts-directives") + " " + iri(string(schema.Publisher)) + " " + id("france24") + " .",
		// the estimate's bounds as numbers
		`<https://schema.org/minValue> "12000"^^<http://www.w3.org/2001/XMLSchema#integer> ` + id("c18-csis-membership-2018") + " .",
		`<https://schema.org/maxValue> "15000"^^<http://www.w3.org/2001/XMLSchema#integer> ` + id("c18-csis-membership-2018") + " .",
		// RDF 1.2
		id("c10-jolani-leads-hts") + " " + iri(string(schema.Reifies)) + " <<( " + id("jolani") + " " + ag("leads") + " " + id("hts") + " )>> .",
		// the ontology
		ag("source") + " " + iri(string(schema.RDFS)+"subPropertyOf") + " " + iri(string(schema.WasAttributedTo)) + " " + ag("vocabulary") + " .",
		ag("controls") + " " + ag("timeSemantics") + ` "A state: it holds from`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the export lacks\n%s", want)
		}
	}
	for _, not := range []string{
		`"12000..15000"`, // the estimate is a QuantitativeValue now
		id("hts") + " " + iri(string(schema.Type)) + " " + ag("ArmedGroup") + " .\n" + id("hts") + " " + iri(string(schema.Type)) + " " + ag("ArmedGroup"),
	} {
		if strings.Contains(text, not) {
			t.Errorf("the export holds %s", not)
		}
	}
	if !strings.HasPrefix(text, ag("export")) {
		t.Error("the declarations do not come first")
	}
}

// Files written before estimates became QuantitativeValues still read.
func TestOldEstimatesStillRead(t *testing.T) {
	const old = `@prefix ag: <https://actorgraph.org/ns#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix : <https://example.org/id/> .
:hts a ag:ArmedGroup ; <https://schema.org/name> "HTS" .
:r a ag:Report ; <https://schema.org/name> "R" .
:c a ag:Claim ; ag:source :r ; ag:reported "2018"^^xsd:gYear ; ag:stance ag:Asserted .
:c { :hts ag:membersEstimate "12000..15000"^^ag:integerRange . }
`
	g := newGraph(t)
	if _, err := loader.LoadTriG(ctx, g, "old.trig", strings.NewReader(old)); err != nil {
		t.Fatal(err)
	}
	vs, err := g.Attributes(ctx, "https://example.org/id/hts", schema.MembersEstimate)
	if err != nil || len(vs) != 1 || vs[0].Value != (graph.IntRange{Low: 12000, High: 15000}) {
		t.Errorf("estimate read as %+v, %v", vs, err)
	}
}

// Bad input is an *Error at the line and column concerned, and writes nothing.
func TestTriGErrorsArePlaced(t *testing.T) {
	const head = "@prefix ag: <https://actorgraph.org/ns#> .\n@prefix : <https://example.org/id/> .\n"
	cases := []struct {
		name, trig string
		line, col  int
		want       string
	}{
		{"an undeclared prefix", head + ":a a ex:Thing .\n", 3, 6, `prefix "ex:" is not declared`},
		{"a blank node", head + ":a ag:backs [ ] .\n", 3, 13, "blank nodes are not supported"},
		{"a blank node label", head + "_:b a ag:State .\n", 3, 1, "blank nodes are not supported"},
		{"a collection", head + ":a ag:backs ( :b ) .\n", 3, 13, "collections"},
		{"an unclosed string", head + ":a <https://schema.org/name> \"A\n", 3, 30, "line break in a short string"},
		{"an unclosed IRI", head + ":a <https://schema.org/name .\n", 3, 4, "character ' ' is not allowed"},
		{"a missing dot", head + ":a a ag:State\n:b a ag:State .\n", 4, 1, "want '.' at the end of the triples"},
		{"a relative IRI without base", head + "<a> a ag:State .\n", 3, 1, "relative and no @base"},
		{"a reified triple", head + ":c ag:x << :a :b :c >> .\n", 3, 9, "reified triples"},
		{"an unknown kind", head + ":a a ag:Nation ; <https://schema.org/name> \"A\" .\n", 3, 6, "Nation"},
		{"a fact outside a claim", head + ":a a ag:State ; <https://schema.org/name> \"A\" ; ag:backs :a .\n", 3, 58, "outside any claim"},
		{"an unclosed graph", head + ":c { :a ag:backs :b .\n", 4, 1, "graph not closed"},
		{"an attribute outside a claim", head + ":a a ag:ArmedGroup ; <https://schema.org/name> \"A\" ; ag:founded \"2017\"^^<http://www.w3.org/2001/XMLSchema#gYear> .\n", 3, 65, "a fact of founded outside any claim"},
		{"two bounds", head + ":r a ag:Report ; <https://schema.org/name> \"R\" .\n:c a ag:Claim ; ag:source :r ; ag:reported \"2018\"^^<http://www.w3.org/2001/XMLSchema#gYear> .\n:g a ag:ArmedGroup ; <https://schema.org/name> \"G\" .\n:c { :g ag:membersEstimate :q . :q <https://schema.org/minValue> 1, 2 . }\n", 6, 69, "has two"},
		{"a missing object", head + ":a a ag:State ; <https://schema.org/name> .\n", 3, 43, "want an object"},
		{"a mirror term without its declaration", head + ":a a ag:State ; <http://www.w3.org/ns/prov#wasAttributedTo> :b .\n", 3, 61, "not in the vocabulary"},
		{"a late declaration", head + ":a a ag:State .\nag:export ag:materialises ag:superclassTypes .\n", 4, 27, "comes before every other statement"},
		{"an estimate without bounds", head + ":r a ag:Report ; <https://schema.org/name> \"R\" .\n:c a ag:Claim ; ag:source :r ; ag:reported \"2018\"^^<http://www.w3.org/2001/XMLSchema#gYear> .\n:g a ag:ArmedGroup ; <https://schema.org/name> \"G\" .\n:c { :g ag:membersEstimate :q . :q <https://schema.org/minValue> 1 . }\n", 6, 28, "schema:maxValue"},
		{"bounds the wrong way round", head + ":r a ag:Report ; <https://schema.org/name> \"R\" .\n:c a ag:Claim ; ag:source :r ; ag:reported \"2018\"^^<http://www.w3.org/2001/XMLSchema#gYear> .\n:g a ag:ArmedGroup ; <https://schema.org/name> \"G\" .\n:c { :g ag:membersEstimate :q . :q <https://schema.org/minValue> 9 ; <https://schema.org/maxValue> 1 . }\n", 6, 28, "low bound is above high bound"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g := newGraph(t)
			before, _ := g.Stats(ctx)
			_, err := loader.LoadTriG(ctx, g, "bad.trig", strings.NewReader(c.trig))
			var le *loader.Error
			if !errors.As(err, &le) {
				t.Fatalf("error %v is not a *loader.Error", err)
			}
			if le.File != "bad.trig" || le.Line != c.line || le.Column != c.col || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v (line %d, column %d); want line %d, column %d, %q", err, le.Line, le.Column, c.line, c.col, c.want)
			}
			if after, _ := g.Stats(ctx); after != before {
				t.Error("a failed load wrote something")
			}
		})
	}
}

// Turtle has no named graphs: a graph block says to read the file as TriG.
func TestTurtleRefusesGraphs(t *testing.T) {
	_, err := loader.LoadTurtle(ctx, newGraph(t), "g.ttl", strings.NewReader("<https://example.org/c> { }\n"))
	var le *loader.Error
	if !errors.As(err, &le) || le.Line != 1 || !strings.Contains(err.Error(), "read the file as TriG") {
		t.Errorf("got %v", err)
	}
}

// The limits hold for TriG as for N-Quads.
func TestTriGLimits(t *testing.T) {
	g := syria(t)
	var out bytes.Buffer
	if err := loader.WriteTriG(ctx, &out, g); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		opt  loader.Option
		want string
	}{
		{loader.MaxRecords(100), "MaxRecords"},
		{loader.MaxFileBytes(1000), "MaxFileBytes"},
		{loader.MaxLiteralBytes(20), "MaxLiteralBytes"},
	} {
		_, err := loader.LoadTriG(ctx, newGraph(t), "syria.trig", bytes.NewReader(out.Bytes()), c.opt)
		var le *loader.Error
		if !errors.As(err, &le) || le.Line == 0 || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v", c.want, err)
		}
	}
}

// Random graphs, whose strings hold every character the formats escape,
// round-trip through TriG and Turtle with and without materialisation.
func TestRandomGraphsRoundTripRDF(t *testing.T) {
	n := 100
	if testing.Short() {
		n = 20
	}
	retractions := retractionsAccepted(t)
	for seed := range uint64(n) {
		g, err := graph.Open(ctx, "")
		if err != nil {
			t.Fatal(err)
		}
		randomGraph(t, g, seed, retractions)
		stored := statements(t, g)
		for _, f := range rdfFormats[1:] {
			for _, o := range [][]loader.ExportOption{nil, {loader.ForSPARQL(), loader.WithReifiers()}} {
				var out bytes.Buffer
				if err := f.write(&out, g, o...); err != nil {
					t.Fatalf("%s, graph %d: %v", f.name, seed, err)
				}
				back, err := graph.Open(ctx, "")
				if err != nil {
					t.Fatal(err)
				}
				if _, err := f.load(back, "g", bytes.NewReader(out.Bytes())); err != nil {
					t.Fatalf("%s (%d options), graph %d: %v", f.name, len(o), seed, err)
				} else if d := firstDifference(t, stored, back); d != "" {
					t.Fatalf("%s (%d options), graph %d changed:\n%s", f.name, len(o), seed, d)
				}
				back.Close()
			}
		}
		g.Close()
	}
}

// The adversarial graph survives TriG and Turtle.
func TestAdversarialGraphRoundTripsRDF(t *testing.T) {
	g := adversarialGraph(t)
	for _, f := range rdfFormats {
		var out bytes.Buffer
		if err := f.write(&out, g, loader.ForSPARQL()); err != nil {
			t.Fatal(err)
		}
		back := newGraph(t)
		if _, err := f.load(back, "a", &out); err != nil {
			t.Fatalf("%s: %v", f.name, err)
		}
		sameGraph(t, g, back)
	}
}

var vocabularyFile = filepath.Join("..", "docs", "vocabulary.ttl")

// docs/vocabulary.ttl is the core vocabulary as WriteVocabularyTurtle writes
// it. Regenerate it with: go test ./loader -run TestVocabularyFile -update
func TestVocabularyFile(t *testing.T) {
	var out bytes.Buffer
	if err := loader.WriteVocabularyTurtle(&out, schema.Core()); err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(vocabularyFile, out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	have, err := os.ReadFile(vocabularyFile)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(have, out.Bytes()) {
		t.Fatalf("%s is not the core vocabulary as written now; regenerate it with: go test ./loader -run TestVocabularyFile -update", vocabularyFile)
	}
	// It reads back, over an empty vocabulary, to the core.
	v, err := loader.ReadTurtleVocabulary(ctx, vocabularyFile, bytes.NewReader(have), new(schema.Vocabulary))
	if err != nil {
		t.Fatal(err)
	}
	a, b := v.Triples(), schema.Core().Triples()
	if len(a) != len(b) {
		t.Fatalf("read %d triples of vocabulary, want %d", len(a), len(b))
	}
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("triple %d: read %v, want %v", i, a[i], b[i])
		}
	}
}

// A TriG export of a graph with an extended vocabulary declares it, and
// reads back into a graph opened with what ReadTriGVocabulary returns.
func TestTriGCarriesItsVocabulary(t *testing.T) {
	src := extendGraph(t)
	var out bytes.Buffer
	if err := loader.WriteTriG(ctx, &out, src, loader.WithOntology()); err != nil {
		t.Fatal(err)
	}
	v, err := loader.ReadTriGVocabulary(ctx, "x.trig", bytes.NewReader(out.Bytes()), schema.Core())
	if err != nil {
		t.Fatal(err)
	}
	back, err := graph.Open(ctx, "", graph.WithVocabulary(v))
	if err != nil {
		t.Fatal(err)
	}
	defer back.Close()
	if _, err := loader.LoadTriG(ctx, back, "x.trig", bytes.NewReader(out.Bytes())); err != nil {
		t.Fatal(err)
	}
	sameGraph(t, src, back)
}

// The hand-written TriG and Turtle files of testdata say the same: one as
// named graphs, the other reified (RDF 1.1 and RDF 1.2 forms mixed).
func TestHandWrittenTriGAndTurtle(t *testing.T) {
	var graphs []*graph.Graph
	for _, c := range []struct {
		file string
		load func(*graph.Graph, string, io.Reader) (loader.Stats, error)
	}{{"valid.trig", rdfFormats[1].load}, {"valid.ttl", rdfFormats[2].load}} {
		f, err := os.Open(filepath.Join("testdata", c.file))
		if err != nil {
			t.Fatal(err)
		}
		g := newGraph(t)
		st, err := c.load(g, c.file, f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		if st != (loader.Stats{Entities: 4, Claims: 1, Facts: 3}) {
			t.Errorf("%s: %+v", c.file, st)
		}
		graphs = append(graphs, g)
	}
	sameGraph(t, graphs[0], graphs[1])
	vs, err := graphs[1].Attributes(ctx, "https://example.org/id/group", schema.MembersEstimate)
	if err != nil || len(vs) != 1 || vs[0].Value != (graph.IntRange{Low: 100, High: 200}) {
		t.Errorf("estimate %+v, %v", vs, err)
	}
	c, err := graphs[0].Claim(ctx, "https://example.org/id/c1")
	if err != nil || c.Quote != `Turkey "took" the city.` || c.Confidence != 0.5 {
		t.Errorf("claim %+v, %v", c, err)
	}
}

// Every cut of the hand-written files, and each with one byte changed, loads
// or fails as a fuzz target requires (no panic, a placed error, nothing
// written): the fuzz targets' promises over inputs chosen without a fuzzer.
func TestTriGAndTurtleCutsAndFlips(t *testing.T) {
	for _, c := range []struct {
		file string
		load func(*graph.Graph, []byte) error
	}{
		{"valid.trig", func(g *graph.Graph, b []byte) error {
			_, err := loader.LoadTriG(ctx, g, "x", bytes.NewReader(b))
			return err
		}},
		{"valid.ttl", func(g *graph.Graph, b []byte) error {
			_, err := loader.LoadTurtle(ctx, g, "x", bytes.NewReader(b))
			return err
		}},
	} {
		data, err := os.ReadFile(filepath.Join("testdata", c.file))
		if err != nil {
			t.Fatal(err)
		}
		step := 1
		if testing.Short() {
			step = 7
		}
		for i := 0; i <= len(data); i += step {
			flipped := bytes.Clone(data)
			if i < len(data) {
				flipped[i] ^= "\x01\x20\x80\x7f"[i%4]
			}
			for _, in := range [][]byte{data[:i], flipped} {
				fuzzLoad(t, in, func(_ context.Context, g *graph.Graph, b []byte) error { return c.load(g, b) })
			}
		}
	}
}

// What a reader would take for materialised, the graph may store: a kind
// another of the entity's kinds implies, a symmetric fact stated both ways in
// one claim. The exports mark them, and they read back.
func TestStoredRedundancyRoundTrips(t *testing.T) {
	g := newGraph(t)
	const id = "https://example.org/id/"
	err := g.Write(ctx, func(tx *graph.Tx) error {
		for _, e := range []graph.Entity{
			{ID: id + "x", Kinds: []schema.Kind{schema.Organization, schema.ArmedGroup}, Name: "X"},
			{ID: id + "y", Kinds: []schema.Kind{schema.ArmedGroup}, Name: "Y"},
			{ID: id + "r", Kinds: []schema.Kind{schema.Report}, Name: "R"},
		} {
			if err := tx.AddEntity(e); err != nil {
				return err
			}
		}
		if err := tx.AddClaim(graph.Claim{ID: id + "c", Source: graph.Entity{ID: id + "r"}, Reported: graph.Year(2024)}); err != nil {
			return err
		}
		for _, f := range []graph.Fact{{Subject: id + "x", Relation: schema.EnemyOf, Object: id + "y", Claim: id + "c"},
			{Subject: id + "y", Relation: schema.EnemyOf, Object: id + "x", Claim: id + "c"}} {
			if err := tx.Assert(f); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range rdfFormats {
		for _, opts := range [][]loader.ExportOption{{loader.ForSPARQL()}, {loader.ForSPARQL(), loader.WithReifiers()}} {
			var out bytes.Buffer
			if err := f.write(&out, g, opts...); err != nil {
				t.Fatal(err)
			}
			back := newGraph(t)
			if _, err := f.load(back, "x", bytes.NewReader(out.Bytes())); err != nil {
				t.Fatalf("%s: %v", f.name, err)
			}
			if d := firstDifference(t, statements(t, g), back); d != "" {
				t.Errorf("%s (%d options) changed:\n%s", f.name, len(opts), d)
			}
		}
	}
}
