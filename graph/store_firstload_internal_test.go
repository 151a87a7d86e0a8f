package graph

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
)

// A first load into a file store is indexed while the store takes it, in an
// index that replaces the empty one only once the batch is in the store: a
// first batch cancelled mid-commit leaves the graph empty, reads included,
// and the same batch written again reads whole, before and after a reopen.
func TestStorageFirstLoadIndexedBesideTheStore(t *testing.T) {
	locs := map[string]string{"leveldb": "leveldb:" + filepath.Join(t.TempDir(), "leveldb")}
	if !underRace {
		locs["bolt"] = "bolt:" + filepath.Join(t.TempDir(), "bolt")
	}
	const n = 20000
	for name, loc := range locs {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			g, err := Open(ctx, loc, testBackends)
			if err != nil {
				t.Fatal(err)
			}
			cctx, cancel := context.WithCancel(ctx)
			defer cancel()
			cancelMidCommit(t, g, loc, cancel)
			if err := writeCities(cctx, g, 0, n); !errors.Is(err, context.Canceled) {
				t.Fatalf("first Write cancelled mid-commit: %v, want context.Canceled", err)
			}
			if c, q := countCities(t, g); c != 0 || q != 0 {
				t.Errorf("after the cancelled first commit: %d cities, %d quads; want none", c, q)
			}
			if _, err := g.Entity(ctx, town.IRI("11")); !IsNotFound(err) {
				t.Errorf("an entity of the cancelled batch: %v, want ErrNotFound", err)
			}
			g.store.(interface{ SetTestHook(func()) }).SetTestHook(nil)
			if err := writeCities(ctx, g, 0, n); err != nil {
				t.Fatal(err)
			}
			check := func(when string) {
				t.Helper()
				c, q := countCities(t, g)
				if c != n || q < n {
					t.Errorf("%s: %d cities, %d quads; want %d cities", when, c, q, n)
				}
				if e, err := g.Entity(ctx, town.IRI("57")); err != nil || e.Name != "Town 57" {
					t.Errorf("%s: town 57: %+v, %v", when, e, err)
				}
			}
			check("after the first load")
			if err := g.Close(); err != nil {
				t.Fatal(err)
			}
			if g, err = Open(ctx, loc, testBackends); err != nil {
				t.Fatal(err)
			}
			defer g.Close()
			check("reopened")
		})
	}
}
