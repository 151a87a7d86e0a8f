package loader_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/loader"
)

// seed adds every file under testdata (valid and malformed) with one of the
// extensions to the fuzzer's corpus.
func seed(f *testing.F, exts ...string) {
	for _, ext := range exts {
		for _, pattern := range []string{"testdata/*" + ext, "testdata/bad/*" + ext} {
			files, _ := filepath.Glob(pattern)
			for _, file := range files {
				data, err := os.ReadFile(file)
				if err != nil {
					f.Fatal(err)
				}
				f.Add(data)
			}
		}
	}
}

// fuzzLoad loads data with load into a new graph (seeded with the entities of
// testdata/valid.nq, which CSV tables name) and checks the two promises every
// loader makes on any input: no panic, and a failure is an *Error that leaves
// the graph as it was.
func fuzzLoad(t *testing.T, data []byte, load func(context.Context, *graph.Graph, []byte) error) {
	g, err := graph.Open(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	if _, err := loader.LoadNQuads(context.Background(), g, "entities.nq", bytes.NewReader(fuzzEntities)); err != nil {
		t.Fatal(err)
	}
	before, _ := g.Stats(context.Background())
	err = load(context.Background(), g, data)
	if err == nil {
		return
	}
	var le *loader.Error
	if !errors.As(err, &le) {
		t.Fatalf("error %v (%T) is not a *loader.Error", err, err)
	}
	if le.Line <= 0 || le.Column <= 0 {
		t.Fatalf("error %v has no line and column", err)
	}
	if len(le.Text) > 200 || len(err.Error()) > 4096 {
		t.Fatalf("error of %d bytes, text of %d: errors quote bounded excerpts", len(err.Error()), len(le.Text))
	}
	if after, _ := g.Stats(context.Background()); after != before {
		t.Fatalf("a failed load changed the graph: %d quads, then %d", before, after)
	}
}

var fuzzEntities = []byte(`<https://example.org/id/report> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://actorgraph.org/ns#Report> .
<https://example.org/id/report> <https://schema.org/name> "A report" .
<https://example.org/id/turkey> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://actorgraph.org/ns#State> .
<https://example.org/id/turkey> <https://schema.org/name> "Turkey" .
<https://example.org/id/damascus> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://actorgraph.org/ns#City> .
<https://example.org/id/damascus> <https://schema.org/name> "Damascus" .
`)

func FuzzLoadYAML(f *testing.F) {
	seed(f, ".yaml")
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzLoad(t, data, func(ctx context.Context, g *graph.Graph, data []byte) error {
			_, err := loader.LoadYAML(ctx, g, "fuzz.yaml", bytes.NewReader(data))
			return err
		})
	})
}

func FuzzLoadNQuads(f *testing.F) {
	seed(f, ".nq")
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzLoad(t, data, func(ctx context.Context, g *graph.Graph, data []byte) error {
			_, err := loader.LoadNQuads(ctx, g, "fuzz.nq", bytes.NewReader(data))
			return err
		})
	})
}

func FuzzLoadJSONLD(f *testing.F) {
	seed(f, ".jsonld")
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzLoad(t, data, func(ctx context.Context, g *graph.Graph, data []byte) error {
			_, err := loader.LoadJSONLD(ctx, g, "fuzz.jsonld", bytes.NewReader(data))
			return err
		})
	})
}

func FuzzLoadCSV(f *testing.F) {
	seed(f, ".csv")
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzLoad(t, data, func(ctx context.Context, g *graph.Graph, data []byte) error {
			_, err := loader.LoadCSV(ctx, g, "fuzz.csv", bytes.NewReader(data), loader.WithBase("https://example.org/id/"))
			return err
		})
	})
}

func FuzzLoadTriG(f *testing.F) {
	seed(f, ".trig")
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzLoad(t, data, func(ctx context.Context, g *graph.Graph, data []byte) error {
			_, err := loader.LoadTriG(ctx, g, "fuzz.trig", bytes.NewReader(data))
			return err
		})
	})
}

func FuzzLoadTurtle(f *testing.F) {
	seed(f, ".ttl")
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzLoad(t, data, func(ctx context.Context, g *graph.Graph, data []byte) error {
			_, err := loader.LoadTurtle(ctx, g, "fuzz.ttl", bytes.NewReader(data))
			return err
		})
	})
}
