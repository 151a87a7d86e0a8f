package graph

import (
	"context"
	"fmt"
	"maps"
	"testing"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/actorgraph/actorgraph/schema"
)

// quadSet returns the quads of a cayley store, each once.
func quadSet(t *testing.T, qs cgraph.QuadStore) map[quad.Quad]bool {
	t.Helper()
	ctx := context.Background()
	out := map[quad.Quad]bool{}
	it := qs.QuadsAllIterator()
	defer it.Close()
	for it.Next(ctx) {
		q := qs.Quad(it.Result())
		if out[q] {
			t.Errorf("the memstore holds %v twice", q)
		}
		out[q] = true
	}
	if err := it.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func writeTowns(t *testing.T, g *Graph, from, to int) {
	t.Helper()
	err := g.Write(context.Background(), func(tx *Tx) error {
		for i := from; i < to; i++ {
			e := Entity{ID: schema.IRI(fmt.Sprintf("https://example.org/town/%d", i)), Kinds: []schema.Kind{schema.City}, Name: fmt.Sprintf("Town %d", i)}
			if err := tx.AddEntity(e); err != nil {
				return err
			}
			// The same entity twice in one batch: neither store may count it twice.
			if err := tx.AddEntity(e); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// In memory the graph keeps its quads in its own index and builds a cayley
// memstore only when QuadStore is called; from then on both take every write.
func TestQuadStoreInMemoryHoldsTheIndexedQuadsAndFollowsWrites(t *testing.T) {
	ctx := context.Background()
	g, err := Open(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	writeTowns(t, g, 0, 50)
	if g.memstore != nil {
		t.Fatal("a memstore was built before QuadStore was called")
	}
	indexed := func() map[quad.Quad]bool {
		out := map[quad.Quad]bool{}
		for _, q := range g.index.all() {
			out[q] = true
		}
		return out
	}

	qs := g.QuadStore()
	if got, want := quadSet(t, qs), indexed(); !maps.Equal(got, want) || len(want) == 0 {
		t.Fatalf("memstore built with %d quads, index holds %d (equal: %v)", len(got), len(want), maps.Equal(got, want))
	}
	if g.QuadStore() != qs {
		t.Error("a second QuadStore call built another memstore")
	}

	writeTowns(t, g, 40, 80) // ten towns again, forty new
	got, want := quadSet(t, qs), indexed()
	if !maps.Equal(got, want) {
		t.Errorf("after a write: memstore %d quads, index %d", len(got), len(want))
	}
	n, err := g.Stats(ctx)
	if err != nil || n != int64(len(want)) {
		t.Errorf("Stats = %d, %v; index holds %d", n, err, len(want))
	}
	st, err := qs.Stats(ctx, true)
	if err != nil || st.Quads.Size != n {
		t.Errorf("memstore Stats = %d, %v; graph's %d", st.Quads.Size, err, n)
	}
	towns, err := Find(schema.City).All(ctx, g)
	if err != nil || len(towns) != 80 {
		t.Errorf("Find(City): %d towns, %v; want 80", len(towns), err)
	}
	if qs.ValueOf(quad.IRI("https://example.org/town/79")) == nil {
		t.Error("the memstore lacks the last town")
	}
}
