package graph_test

import (
	"context"
	"testing"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

// A batch that writes the same entity twice writes it once: once the entity
// is removed, no store keeps its node (cayley's stores count each addition
// of a quad in its values' counts, and a value counted twice would outlive its
// quads).
func TestARepeatInABatchIsWrittenOnce(t *testing.T) {
	ctx := context.Background()
	town := graph.Entity{ID: "https://example.org/town/repeated", Kinds: []schema.Kind{schema.City}, Name: "Repeated town"}
	for _, s := range everyStore(t) {
		t.Run(s.name, func(t *testing.T) {
			g, err := graph.Open(ctx, fresh(t, s.location), graph.TestBackends)
			if err != nil {
				t.Fatal(err)
			}
			defer g.Close()
			err = g.Write(ctx, func(tx *graph.Tx) error {
				for range 3 {
					if err := tx.AddEntity(town); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			quads := func() int64 {
				var n int64
				if err := g.Raw(ctx, func(qs cgraph.QuadStore) error {
					st, err := qs.Stats(ctx, true)
					n = st.Quads.Size
					return err
				}); err != nil {
					t.Fatal(err)
				}
				return n
			}
			written := quads()
			if written == 0 {
				t.Fatal("the batch wrote no quad")
			}
			if err := g.Write(ctx, func(tx *graph.Tx) error { return tx.RemoveEntity(town.ID) }); err != nil {
				t.Fatal(err)
			}
			if n := quads(); n >= written {
				t.Fatalf("%d quads after the removal, %d before", n, written)
			}
			if err := g.Raw(ctx, func(qs cgraph.QuadStore) error {
				// cayley's SQL store gives any value a ref; NameOf reads the
				// node from the store.
				if ref := qs.ValueOf(quad.IRI(town.ID)); ref != nil && qs.NameOf(ref) != nil {
					t.Errorf("the store keeps the removed entity's node (%v)", ref)
				}
				return nil
			}); err != nil {
				t.Fatal(err)
			}
		})
	}
}
