package graph_test

import (
	"fmt"
	"path/filepath"
	"sync"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

// One writer and several readers share the default store. Run with -race:
// neither the library's index nor cayley's memstore has locking of its own.
func TestConcurrentReadersAndAWriter(t *testing.T) {
	t.Run("memory", func(t *testing.T) { concurrentReadersAndAWriter(t, fixture(t)) })
	// Once the escape hatch has built a memstore, each commit feeds it and the
	// index side by side.
	t.Run("memory+memstore", func(t *testing.T) {
		g := fixture(t)
		g.QuadStore()
		concurrentReadersAndAWriter(t, g)
	})
	// The file store: cayley's kv backends deadlock when a reader decodes values
	// inside an iteration while a writer grows the file; the Graph's lock keeps
	// the writer out while readers iterate.
	t.Run("leveldb", func(t *testing.T) {
		concurrentReadersAndAWriter(t, fixtureAt(t, "leveldb:"+filepath.Join(t.TempDir(), "store")))
	})
}

func concurrentReadersAndAWriter(t *testing.T, g *graph.Graph) {
	const batches = 50
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := range batches {
			err := g.Write(ctx, func(tx *graph.Tx) error {
				city := id.IRI(fmt.Sprintf("town-%d", i))
				c := claimID(fmt.Sprintf("capture-%d", i))
				if err := tx.AddEntity(graph.Entity{ID: city, Kinds: []schema.Kind{schema.City}, Name: fmt.Sprintf("Town %d", i)}); err != nil {
					return err
				}
				if err := tx.AddClaim(graph.Claim{ID: c, Source: graph.Entity{ID: report}, Reported: graph.Day(2024, 12, 7)}); err != nil {
					return err
				}
				return tx.Assert(graph.Fact{Subject: coalition, Relation: schema.Captured, Object: city, Claim: c})
			})
			if err != nil {
				errs <- err
				return
			}
		}
	}()
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			last := 0
			for range 100 {
				es, err := g.Edges(ctx, schema.Captured, graph.From(coalition))
				if err != nil {
					errs <- err
					return
				}
				if len(es) < last {
					errs <- fmt.Errorf("a reader saw %d captures after %d", len(es), last)
					return
				}
				last = len(es)
				if _, err := g.Lineage(ctx, hts); err != nil {
					errs <- err
					return
				}
				if _, err := graph.Find(schema.City).All(ctx, g); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	es, err := g.Edges(ctx, schema.Captured, graph.From(coalition))
	if err != nil || len(es) != batches {
		t.Errorf("after the writer: %d captures, %v; want %d", len(es), err, batches)
	}
}
