package graph

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/actorgraph/actorgraph/schema"
)

// Once a commit has put the vocabulary in the store, later batches carry
// none of it: on a key-value store every quad of a batch costs a lookup, even
// a duplicate.
func TestTheVocabularyUpdateIsDroppedOnceCommitted(t *testing.T) {
	ctx := context.Background()
	for _, loc := range []string{"", "leveldb:" + filepath.Join(t.TempDir(), "store")} {
		g, err := Open(ctx, loc, testBackends)
		if err != nil {
			t.Fatal(err)
		}
		defer g.Close()
		if n := len(g.vocabUpdate.add); n != len(schema.Core().Triples()) {
			t.Fatalf("%q: a new store lacks %d vocabulary quads, want the core's %d", loc, n, len(schema.Core().Triples()))
		}
		for i, name := range []string{"Turkey", "Russia", "Iran"} {
			before, err := g.Stats(ctx)
			if err != nil {
				t.Fatal(err)
			}
			err = g.Write(ctx, func(tx *Tx) error {
				return tx.AddEntity(Entity{ID: schema.IRI("https://example.org/id/" + name), Kinds: []schema.Kind{schema.State}, Name: name})
			})
			if err != nil {
				t.Fatal(err)
			}
			after, err := g.Stats(ctx)
			if err != nil {
				t.Fatal(err)
			}
			batch := int(after - before) // what the commit applied
			if i == 0 && batch != 3+len(schema.Core().Triples()) {
				t.Errorf("%q: the first batch carried %d quads, want 3 and the vocabulary's", loc, batch)
			}
			if i > 0 && (batch != 3 || len(g.vocabUpdate.add) != 0) {
				t.Errorf("%q: batch %d carried %d quads and left %d vocabulary quads pending; want 3 and none", loc, i, batch, len(g.vocabUpdate.add))
			}
		}
	}
}
