package loader_test

import (
	"bytes"
	"errors"
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
