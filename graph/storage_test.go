package graph_test

import (
	"errors"
	"path/filepath"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

func TestFileStoreReopensWithItsData(t *testing.T) {
	for _, backend := range []string{"leveldb", "bolt"} {
		t.Run(backend, func(t *testing.T) {
			if backend == "bolt" && raceEnabled {
				t.Skip("cayley's bolt trips checkptr under -race (see README); run without -race")
			}
			loc := backend + ":" + filepath.Join(t.TempDir(), "store")
			g, err := graph.Open(ctx, loc, graph.TestBackends)
			if err != nil {
				t.Fatal(err)
			}
			err = g.Write(ctx, func(tx *graph.Tx) error {
				return tx.AddEntity(graph.Entity{ID: turkey, Kinds: []schema.Kind{schema.State}, Name: "Turkey"})
			})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := graph.Open(ctx, loc, graph.TestBackends); !errors.Is(err, graph.ErrLocked) {
				t.Errorf("a second Open of an open store: %v, want ErrLocked", err)
			}
			if err := g.Close(); err != nil {
				t.Fatal(err)
			}
			g, err = graph.Open(ctx, loc, graph.TestBackends)
			if err != nil {
				t.Fatal(err)
			}
			defer g.Close()
			e, err := g.Entity(ctx, turkey)
			if err != nil || e.Name != "Turkey" {
				t.Errorf("after reopening: %+v, %v", e, err)
			}
		})
	}
}

func TestStatsOfANewFileStoreIsZero(t *testing.T) {
	for _, backend := range []string{"leveldb", "bolt"} {
		t.Run(backend, func(t *testing.T) {
			if backend == "bolt" && raceEnabled {
				t.Skip("cayley's bolt trips checkptr under -race (see README); run without -race")
			}
			g, err := graph.Open(ctx, backend+":"+filepath.Join(t.TempDir(), "store"), graph.TestBackends)
			if err != nil {
				t.Fatal(err)
			}
			defer g.Close()
			if n, err := g.Stats(ctx); err != nil || n != 0 {
				t.Errorf("Stats of a new store = %d, %v; want 0, nil", n, err)
			}
		})
	}
}
