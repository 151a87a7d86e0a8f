package loader_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/loader"
	"github.com/actorgraph/actorgraph/schema"
)

// corrected is the Syria dataset with the record corrected: a retraction, a
// duplicate entity merged into the original, and a claim removed.
func corrected(t *testing.T) *graph.Graph {
	t.Helper()
	g := syria(t)
	const id schema.Namespace = "https://actorgraph.org/id/syria/"
	c := func(name string) schema.IRI { return id.IRI(name) }
	err := g.Write(ctx, func(tx *graph.Tx) error {
		if err := tx.AddEntity(graph.Entity{ID: c("tahrir"), Kinds: []schema.Kind{schema.ArmedGroup}, Name: "Tahrir al-Sham"}); err != nil {
			return err
		}
		if err := tx.AddClaim(graph.Claim{ID: c("merge-tahrir"), Source: graph.Entity{ID: c("report")},
			Reported: graph.Day(2024, 12, 9), Note: "one group"}); err != nil {
			return err
		}
		if err := tx.Merge(c("hts"), c("tahrir"), c("merge-tahrir")); err != nil {
			return err
		}
		return tx.AddClaim(graph.Claim{ID: c("retract-c02"), Source: graph.Entity{ID: c("report")}, Stance: graph.Retracted,
			Retracts: c("c02-turkey-backs-coalition"), Reported: graph.Day(2024, 12, 10), Quote: "withdrawn"})
	})
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestCorrectionsRoundTripInEveryFormat(t *testing.T) {
	g := corrected(t)
	for _, f := range []struct {
		name  string
		write func(*bytes.Buffer) error
		load  func(*graph.Graph, []byte) error
	}{
		{"N-Quads", func(w *bytes.Buffer) error { return loader.WriteNQuads(ctx, w, g) }, func(back *graph.Graph, data []byte) error {
			_, err := loader.LoadNQuads(ctx, back, "g.nq", bytes.NewReader(data))
			return err
		}},
		{"JSON-LD", func(w *bytes.Buffer) error { return loader.WriteJSONLD(ctx, w, g) }, func(back *graph.Graph, data []byte) error {
			_, err := loader.LoadJSONLD(ctx, back, "g.jsonld", bytes.NewReader(data))
			return err
		}},
		{"CSV", func(w *bytes.Buffer) error { return loader.WriteCSV(ctx, w, g) }, func(back *graph.Graph, data []byte) error {
			if _, err := loader.LoadNQuads(ctx, back, "entities.nq", strings.NewReader(csvPrefix(t, g))); err != nil {
				return err
			}
			_, err := loader.LoadCSV(ctx, back, "g.csv", bytes.NewReader(data))
			return err
		}},
	} {
		t.Run(f.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := f.write(&buf); err != nil {
				t.Fatal(err)
			}
			back := newGraph(t)
			if err := f.load(back, buf.Bytes()); err != nil {
				t.Fatal(err)
			}
			sameGraph(t, g, back)
			e, err := back.Entity(ctx, "https://actorgraph.org/id/syria/tahrir")
			if err != nil || e.ID != "https://actorgraph.org/id/syria/hts" {
				t.Errorf("the merge did not survive: Entity(tahrir) = %v, %v", e.ID, err)
			}
			es, err := back.Edges(ctx, schema.Backs, graph.To("https://actorgraph.org/id/syria/coalition"))
			if err != nil || len(es) != 0 {
				t.Errorf("the retraction did not survive: backers = %d, %v", len(es), err)
			}
		})
	}
}

func TestYAMLWritesMergesAndRetractions(t *testing.T) {
	const doc = `actorgraph: 1
base: https://example.org/id/
entities:
  - {id: rsf, kinds: [ArmedGroup], name: Rapid Support Forces}
  - {id: rsf2, kinds: [ArmedGroup], name: RSF militia}
  - {id: city, kinds: [City], name: Wad Madani}
  - {id: outlet, kinds: [MediaOutlet], name: The outlet}
claims:
  - id: c1
    source: outlet
    reported: 2023-12-19
    facts: [rsf2 controls city]
  - id: merge
    source: outlet
    reported: 2024-01-05
    facts: [rsf sameAs rsf2]
  - id: c1-retracted
    source: outlet
    stance: retracted
    retracts: c1
    reported: 2023-12-21
`
	g := newGraph(t)
	if _, err := loader.LoadYAML(ctx, g, "sudan.yaml", strings.NewReader(doc)); err != nil {
		t.Fatal(err)
	}
	e, err := g.Entity(ctx, "https://example.org/id/rsf2")
	if err != nil || e.ID != "https://example.org/id/rsf" {
		t.Errorf("Entity(rsf2) = %v, %v; want the merge with rsf", e.ID, err)
	}
	for _, tc := range []struct {
		known graph.Date
		want  int
	}{{graph.Day(2023, 12, 20), 1}, {graph.Day(2023, 12, 21), 0}} {
		es, err := g.Edges(ctx, schema.Controls, graph.To("https://example.org/id/city"), graph.KnownAt(tc.known))
		if err != nil || len(es) != tc.want {
			t.Errorf("holders known on %v = %d, %v; want %d", tc.known, len(es), err, tc.want)
		}
	}
}

func TestStoreErrorsAreNotPlacedInTheInput(t *testing.T) {
	g := newGraph(t)
	cctx, cancel := context.WithCancel(ctx)
	defer cancel()
	_, err := loader.LoadYAML(cctx, g, "x.yaml", strings.NewReader(syriaPrefix))
	var pe *loader.Error
	if err != nil && errors.As(err, &pe) {
		t.Fatalf("a good input failed with a positioned error: %v", err)
	}
	// A store error (here the closed graph) is not reported at a line.
	g2 := newGraph(t)
	g2.Close()
	_, err = loader.LoadYAML(ctx, g2, "x.yaml", strings.NewReader(syriaPrefix))
	if !errors.Is(err, graph.ErrClosed) || errors.As(err, &pe) {
		t.Errorf("a load into a closed graph = %v; want ErrClosed, not at a position", err)
	}
}

const syriaPrefix = `actorgraph: 1
base: https://example.org/id/
entities:
  - {id: outlet, kinds: [MediaOutlet], name: The outlet}
claims:
  - id: c1
    source: outlet
    reported: 2023-12-19
    facts: [outlet founded 2001]
`
