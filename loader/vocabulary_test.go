package loader_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/loader"
	"github.com/actorgraph/actorgraph/schema"
)

const research schema.Namespace = "https://example.org/research#"

// extendedExport returns the N-Quads and JSON-LD exports of a graph written
// with an extended vocabulary (core data only), and the extension's triples.
func extendedExport(t *testing.T) (nq, jsonld []byte, extra int) {
	t.Helper()
	v, err := schema.Core().Extend(schema.Terms{
		Kinds:     []schema.KindDef{{Kind: schema.Kind(research + "Militia"), Name: "Militia", Parent: schema.ArmedGroup}},
		Relations: []schema.RelationDef{{Relation: schema.Relation(research + "funds"), Name: "funds", Domain: schema.State, Range: schema.Kind(research + "Militia")}},
	})
	if err != nil {
		t.Fatal(err)
	}
	g, err := graph.Open(ctx, "", graph.WithVocabulary(v))
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	if err := g.Write(ctx, func(tx *graph.Tx) error {
		return tx.AddEntity(graph.Entity{ID: "https://example.org/id/turkey", Kinds: []schema.Kind{schema.State}, Name: "Turkey"})
	}); err != nil {
		t.Fatal(err)
	}
	var a, b bytes.Buffer
	if err := loader.WriteNQuads(ctx, &a, g); err != nil {
		t.Fatal(err)
	}
	if err := loader.WriteJSONLD(ctx, &b, g); err != nil {
		t.Fatal(err)
	}
	return a.Bytes(), b.Bytes(), len(v.Triples()) - len(schema.Core().Triples())
}

func TestTheExportSaysWhatItsTermsMean(t *testing.T) {
	var out bytes.Buffer
	if err := loader.WriteNQuads(ctx, &out, syria(t)); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"<https://actorgraph.org/ns#backs> <http://www.w3.org/2000/01/rdf-schema#domain> <https://actorgraph.org/ns#Actor> <https://actorgraph.org/ns#vocabulary> .",
		"<https://actorgraph.org/ns#ArmedGroup> <http://www.w3.org/2000/01/rdf-schema#subClassOf> <https://actorgraph.org/ns#Organization> <https://actorgraph.org/ns#vocabulary> .",
	} {
		if !strings.Contains(out.String(), want+"\n") {
			t.Errorf("the N-Quads export lacks %s", want)
		}
	}
}

func TestAnImportChecksTheExportersVocabulary(t *testing.T) {
	nq, jsonld, extra := extendedExport(t)
	load := map[string]func(g *graph.Graph, data []byte, opts ...loader.Option) (loader.Stats, error){
		"nquads": func(g *graph.Graph, data []byte, opts ...loader.Option) (loader.Stats, error) {
			return loader.LoadNQuads(ctx, g, "x.nq", bytes.NewReader(data), opts...)
		},
		"jsonld": func(g *graph.Graph, data []byte, opts ...loader.Option) (loader.Stats, error) {
			return loader.LoadJSONLD(ctx, g, "x.jsonld", bytes.NewReader(data), opts...)
		},
	}
	for format, data := range map[string][]byte{"nquads": nq, "jsonld": jsonld} {
		t.Run(format, func(t *testing.T) {
			core, err := graph.Open(ctx, "")
			if err != nil {
				t.Fatal(err)
			}
			defer core.Close()
			_, err = load[format](core, data)
			var le *loader.Error
			if !errors.Is(err, graph.ErrUnknownTerm) || !errors.As(err, &le) || le.Line == 0 || !strings.Contains(err.Error(), string(research)+"Militia") {
				t.Fatalf("loading an extension's export into a core graph: %v; want a positioned ErrUnknownTerm naming Militia", err)
			}
			if n, _ := core.Stats(ctx); n != 0 {
				t.Errorf("the failed load wrote %d quads", n)
			}
			st, err := load[format](core, data, loader.Lenient())
			if err != nil {
				t.Fatal(err)
			}
			if st.Skipped != extra || st.Entities != 1 {
				t.Errorf("lenient load: %+v; want the extension's %d statements skipped and one entity", st, extra)
			}
			var vocab []graph.Statement
			for _, s := range statements(t, core) {
				if s.Claim == schema.VocabularyGraph {
					vocab = append(vocab, s)
				}
			}
			if len(vocab) != len(schema.Core().Triples()) {
				t.Errorf("the core graph's vocabulary graph holds %d statements, want its own %d", len(vocab), len(schema.Core().Triples()))
			}
		})
	}
	t.Run("a conflicting definition", func(t *testing.T) {
		const domain = "<https://actorgraph.org/ns#backs> <http://www.w3.org/2000/01/rdf-schema#domain> <https://actorgraph.org/ns#Actor>"
		line := bytes.Count(nq[:bytes.Index(nq, []byte(domain))], []byte("\n")) + 1
		bad := bytes.Replace(nq, []byte(domain), []byte(strings.Replace(domain, "#Actor", "#Place", 1)), 1)
		for _, opts := range [][]loader.Option{nil, {loader.Lenient()}} {
			core, err := graph.Open(ctx, "")
			if err != nil {
				t.Fatal(err)
			}
			_, err = loader.LoadNQuads(ctx, core, "x.nq", bytes.NewReader(bad), opts...)
			var le *loader.Error
			if !errors.Is(err, graph.ErrConflict) || !errors.As(err, &le) || le.Line != line {
				t.Errorf("a vocabulary statement giving backs another domain: %v; want ErrConflict at line %d", err, line)
			}
			core.Close()
		}
	})
}

// extendVocabulary rebuilds the vocabulary of examples/extend (a package
// main, so not importable): the research group's kinds, relations and
// attribute over the core.
func extendVocabulary(t *testing.T) *schema.Vocabulary {
	t.Helper()
	militia, journalist := schema.Kind(research+"Militia"), schema.Kind(research+"Journalist")
	v, err := schema.Core().Extend(schema.Terms{
		Kinds: []schema.KindDef{
			{Kind: militia, Name: "Militia", Parent: schema.ArmedGroup, Doc: "A locally raised armed group."},
			{Kind: journalist, Name: "Journalist", Parent: schema.Person, Doc: "A reporter."},
		},
		Relations: []schema.RelationDef{
			{Relation: schema.Relation(research + "funds"), Name: "funds", Inverse: "funded by", Domain: schema.State, Range: militia,
				Doc: "The state pays or arms the militia."},
			{Relation: schema.Relation(research + "interviewed"), Name: "interviewed", Inverse: "interviewed by", Domain: journalist, Range: schema.Person,
				Doc: "The journalist interviewed the person."},
		},
		Attributes: []schema.AttributeDef{
			{Attribute: schema.Attribute(research + "strength"), Name: "strength", Domain: militia, Datatype: schema.Integer, Doc: "Number of fighters."},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// extendGraph is examples/extend's dataset in a graph of its vocabulary.
func extendGraph(t *testing.T) *graph.Graph {
	t.Helper()
	g, err := graph.Open(ctx, "", graph.WithVocabulary(extendVocabulary(t)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { g.Close() })
	if _, err := loader.LoadFile(ctx, g, "../examples/extend/extend.yaml"); err != nil {
		t.Fatal(err)
	}
	return g
}

// vocabularyFormats are the two formats that carry a vocabulary, each with
// its export and its vocabulary reader.
var vocabularyFormats = []struct {
	name  string
	write func(context.Context, io.Writer, *graph.Graph) error
	read  func(context.Context, string, io.Reader, *schema.Vocabulary, ...loader.Option) (*schema.Vocabulary, error)
	load  func(context.Context, *graph.Graph, string, io.Reader, ...loader.Option) (loader.Stats, error)
}{
	{"nquads", loader.WriteNQuads, loader.ReadNQuadsVocabulary, loader.LoadNQuads},
	{"jsonld", loader.WriteJSONLD, loader.ReadJSONLDVocabulary, loader.LoadJSONLD},
}

func TestAnExportReadsBackWithTheVocabularyItDeclares(t *testing.T) {
	src := extendGraph(t)
	for _, f := range vocabularyFormats {
		t.Run(f.name, func(t *testing.T) {
			var out bytes.Buffer
			if err := f.write(ctx, &out, src); err != nil {
				t.Fatal(err)
			}
			v, err := f.read(ctx, "ext", bytes.NewReader(out.Bytes()), schema.Core())
			if err != nil {
				t.Fatal(err)
			}
			if got, want := v.Triples(), extendVocabulary(t).Triples(); !slices.Equal(got, want) {
				t.Errorf("the vocabulary read has %d triples, want the exporter's %d", len(got), len(want))
			}
			g, err := graph.Open(ctx, "", graph.WithVocabulary(v))
			if err != nil {
				t.Fatal(err)
			}
			defer g.Close()
			if _, err := f.load(ctx, g, "ext", bytes.NewReader(out.Bytes())); err != nil {
				t.Fatalf("loading the export into a graph of the vocabulary it declares: %v", err)
			}
			sameGraph(t, src, g)
			funds, err := g.Edges(ctx, schema.Relation(research+"funds"))
			if err != nil || len(funds) != 3 {
				t.Errorf("funds edges: %d, %v; want the dataset's 3", len(funds), err)
			}
		})
	}
}

func TestAFileWithoutAVocabularyGivesTheBase(t *testing.T) {
	var out bytes.Buffer
	if err := loader.WriteNQuads(ctx, &out, extendGraph(t)); err != nil {
		t.Fatal(err)
	}
	var data []string
	for line := range strings.Lines(out.String()) {
		if !strings.Contains(line, "<"+string(schema.VocabularyGraph)+">") {
			data = append(data, line)
		}
	}
	base := extendVocabulary(t)
	inputs := map[string]struct {
		read func(context.Context, string, io.Reader, *schema.Vocabulary, ...loader.Option) (*schema.Vocabulary, error)
		text string
	}{
		"N-Quads without the vocabulary graph": {loader.ReadNQuadsVocabulary, strings.Join(data, "")},
		"empty N-Quads":                        {loader.ReadNQuadsVocabulary, ""},
		"JSON-LD of entities only": {loader.ReadJSONLDVocabulary,
			`{"@graph": [{"@id": "https://example.org/id/turkey", "@type": ["https://actorgraph.org/ns#State"]}]}`},
	}
	for name, in := range inputs {
		t.Run(name, func(t *testing.T) {
			v, err := in.read(ctx, "plain", strings.NewReader(in.text), base)
			if err != nil || v != base {
				t.Errorf("got %p, %v; want the base %p itself", v, err, base)
			}
		})
	}
}

// lineOf returns the 1-based line of the first line of text holding s.
func lineOf(t *testing.T, text, s string) int {
	t.Helper()
	i := strings.Index(text, s)
	if i < 0 {
		t.Fatalf("%q not in the text", s)
	}
	return strings.Count(text[:i], "\n") + 1
}

func TestAVocabularyThatDoesNotFitIsAPlacedError(t *testing.T) {
	var out bytes.Buffer
	if err := loader.WriteNQuads(ctx, &out, extendGraph(t)); err != nil {
		t.Fatal(err)
	}
	nq := out.String()
	funds := "<" + string(research) + "funds>"
	fundsAt := lineOf(t, nq, funds+" <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <"+string(schema.ObjectProperty)+"> <"+string(schema.VocabularyGraph)+">")
	rangeLine := funds + " <" + string(schema.PropertyRange) + "> <" + string(research) + "Militia> <" + string(schema.VocabularyGraph) + "> ."
	// Another group's vocabulary that names its own relation "funds".
	rival, err := schema.Core().Extend(schema.Terms{Relations: []schema.RelationDef{
		{Relation: "https://example.org/other#funds", Name: "funds", Domain: schema.State, Range: schema.ArmedGroup}}})
	if err != nil {
		t.Fatal(err)
	}
	// The same relation meaning something else: a group's funds go to any
	// armed group.
	wider, err := schema.Core().Extend(schema.Terms{
		Kinds: []schema.KindDef{{Kind: schema.Kind(research + "Militia"), Name: "Militia", Parent: schema.ArmedGroup, Doc: "A locally raised armed group."}},
		Relations: []schema.RelationDef{{Relation: schema.Relation(research + "funds"), Name: "funds", Inverse: "funded by",
			Domain: schema.State, Range: schema.ArmedGroup, Doc: "The state pays or arms the militia."}}})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		text string
		base *schema.Vocabulary
		want error
		line int
	}{
		{"a term named as the base names another", nq, rival, schema.ErrClash, fundsAt},
		{"a term the base defines with another range", nq, wider, graph.ErrConflict, lineOf(t, nq, rangeLine)},
		{"a term without a range", strings.Replace(nq, rangeLine+"\n", "", 1), schema.Core(), loader.ErrSyntax, fundsAt},
		{"a term of two sorts", strings.Replace(nq, rangeLine, funds+" <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <"+string(schema.Class)+"> <"+string(schema.VocabularyGraph)+"> .", 1),
			schema.Core(), loader.ErrSyntax, fundsAt},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v, err := loader.ReadNQuadsVocabulary(ctx, "ext.nq", strings.NewReader(c.text), c.base)
			var le *loader.Error
			if !errors.Is(err, c.want) || !errors.As(err, &le) || le.File != "ext.nq" || le.Line != c.line {
				t.Fatalf("got %v, %v; want an error wrapping %v at ext.nq:%d", v, err, c.want, c.line)
			}
			if testing.Verbose() {
				t.Log(err)
			}
			if !strings.Contains(err.Error(), "funds") {
				t.Errorf("%v does not name the term", err)
			}
		})
	}
	t.Run("JSON-LD: a term named as the base names another", func(t *testing.T) {
		var out bytes.Buffer
		if err := loader.WriteJSONLD(ctx, &out, extendGraph(t)); err != nil {
			t.Fatal(err)
		}
		_, err := loader.ReadJSONLDVocabulary(ctx, "ext.jsonld", bytes.NewReader(out.Bytes()), rival)
		var le *loader.Error
		if !errors.Is(err, schema.ErrClash) || !errors.As(err, &le) || le.Line == 0 || !strings.Contains(err.Error(), "funds") {
			t.Errorf("got %v; want a placed ErrClash naming funds", err)
		}
	})
}
