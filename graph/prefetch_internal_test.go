package graph

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/actorgraph/actorgraph/graph/internal/backend"
	"github.com/actorgraph/actorgraph/schema"
)

// countingReader counts the reads a graph makes of its QuadReader store.
type countingReader struct {
	backend.Store
	qr             backend.QuadReader
	each, subjects atomic.Int64
}

func (c *countingReader) Each(ctx context.Context, dir quad.Direction, v quad.Value, preds []quad.Value) ([]quad.Quad, error) {
	c.each.Add(1)
	return c.qr.Each(ctx, dir, v, preds)
}

func (c *countingReader) Around(ctx context.Context, dir quad.Direction, v quad.Value, preds, follow []quad.Value) ([]quad.Quad, map[quad.Value][]quad.Quad, error) {
	c.each.Add(1)
	return c.qr.Around(ctx, dir, v, preds, follow)
}

func (c *countingReader) Subjects(ctx context.Context, vs []quad.Value) (map[quad.Value][]quad.Quad, error) {
	c.subjects.Add(1)
	return c.qr.Subjects(ctx, vs)
}

// TestPrefetchReadsInOneStatement loads a batch of entities and claims on
// PostgreSQL with and without Prefetch, counting the store's reads: without,
// one a new entity and one a new claim (read as an entity, then as a claim,
// from the same read); with, one statement for the whole batch.
func TestPrefetchReadsInOneStatement(t *testing.T) {
	ctx := context.Background()
	g, err := Open(ctx, postgresForTest(t), testBackends)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	c := &countingReader{Store: g.store, qr: g.store.(backend.QuadReader)}
	g.store = c
	const n = 50
	src := Entity{ID: "https://example.org/source", Kinds: []schema.Kind{schema.MediaOutlet}, Name: "Source"}
	// Twice: the store's copy of the vocabulary is settled once a commit
	// has seen the one before it in the store (see vocabularyUpdated).
	for range 2 {
		if err := g.Write(ctx, func(tx *Tx) error { return tx.AddEntity(src) }); err != nil {
			t.Fatal(err)
		}
	}
	for _, prefetch := range []bool{false, true} {
		c.each.Store(0)
		c.subjects.Store(0)
		err := g.Write(ctx, func(tx *Tx) error {
			var ids []schema.IRI
			for i := range n {
				ids = append(ids, schema.IRI(fmt.Sprintf("https://example.org/%v/e%d", prefetch, i)), schema.IRI(fmt.Sprintf("https://example.org/%v/c%d", prefetch, i)))
			}
			if prefetch {
				if err := tx.Prefetch(append(ids, src.ID)...); err != nil {
					return err
				}
			}
			for i := 0; i < len(ids); i += 2 {
				if err := tx.AddEntity(Entity{ID: ids[i], Kinds: []schema.Kind{schema.ArmedGroup}, Name: fmt.Sprint("Group ", i)}); err != nil {
					return err
				}
				if err := tx.AddClaim(Claim{ID: ids[i+1], Source: Entity{ID: src.ID}, Reported: Year(2024)}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		wantEach, wantSubjects := int64(2*n+1), int64(0) // and the source, once
		if prefetch {
			wantEach, wantSubjects = 0, 1
		}
		if e, s := c.each.Load(), c.subjects.Load(); e != wantEach || s != wantSubjects {
			t.Errorf("prefetch %v: %d reads of one node and %d of many, want %d and %d", prefetch, e, s, wantEach, wantSubjects)
		}
	}
}
