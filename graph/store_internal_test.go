package graph

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph/internal/backend"
	"github.com/actorgraph/actorgraph/schema"
)

const town schema.Namespace = "https://example.org/town/"

// writeCities writes the cities first..first+n-1 in one batch.
func writeCities(ctx context.Context, g *Graph, first, n int) error {
	return g.Write(ctx, func(tx *Tx) error { return addCities(tx, first, n) })
}

// addCities adds the cities first to first+n-1 to tx.
func addCities(tx *Tx, first, n int) error {
	for i := first; i < first+n; i++ {
		if err := tx.AddEntity(Entity{ID: town.IRI(fmt.Sprint(i)), Kinds: []schema.Kind{schema.City}, Name: fmt.Sprintf("Town %d", i)}); err != nil {
			return err
		}
	}
	return nil
}

// countCities returns the number of cities and of quads in g.
func countCities(t *testing.T, g *Graph) (cities int, quads int64) {
	t.Helper()
	ms, err := Find(schema.City).All(context.Background(), g)
	if err != nil {
		t.Fatal(err)
	}
	quads, err = g.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return len(ms), quads
}

// postgresForTest returns the URL of an emptied test database, or skips.
func postgresForTest(t *testing.T) string {
	t.Helper()
	url := os.Getenv("ACTORGRAPH_POSTGRES")
	if url == "" {
		if os.Getenv("ACTORGRAPH_REQUIRE_POSTGRES") == "1" {
			t.Fatal("ACTORGRAPH_REQUIRE_POSTGRES=1 but ACTORGRAPH_POSTGRES is not set")
		}
		t.Skip("set ACTORGRAPH_POSTGRES to a database URL the test may empty")
	}
	db, err := sql.Open("postgres", url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`DROP TABLE IF EXISTS quads, nodes CASCADE`); err != nil {
		t.Fatal(err)
	}
	return url
}

// cancelMidCommit arranges for cancel to be called once the commit of the
// next Write on g is under way: on a key-value store after its 5000th write, on
// PostgreSQL once another session sees it inserting quads.
func cancelMidCommit(t *testing.T, g *Graph, location string, cancel func()) {
	t.Helper()
	if !strings.HasPrefix(location, "postgres") {
		var puts atomic.Int64
		g.store.(backend.Hooks).SetTestHook(func() {
			if puts.Add(1) == 5000 {
				cancel()
			}
		})
	} else {
		watcher, err := sql.Open("postgres", location)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { watcher.Close() })
		go func() {
			defer cancel()
			for {
				var n int
				err := watcher.QueryRow(`SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'INSERT INTO quads%' AND state <> 'idle'`).Scan(&n)
				if err != nil || n > 0 {
					return
				}
				time.Sleep(time.Millisecond) // a poll, not a synchronisation: the commit takes seconds
			}
		}()
	}
}

// A Write cancelled while its batch is being applied returns the context's
// error, and the store, reopened, holds none of the batch; the next Write of the
// same batch goes in whole (cayley's caches of the abandoned batch are gone).
func TestStorageCancelledCommitWritesNothing(t *testing.T) {
	locs := map[string]string{"leveldb": "leveldb:" + filepath.Join(t.TempDir(), "leveldb")}
	if !underRace {
		locs["bolt"] = "bolt:" + filepath.Join(t.TempDir(), "bolt")
	}
	towns := 20000
	if os.Getenv("ACTORGRAPH_POSTGRES") != "" || os.Getenv("ACTORGRAPH_REQUIRE_POSTGRES") == "1" {
		locs["postgres"] = ""
	}
	for name, loc := range locs {
		t.Run(name, func(t *testing.T) {
			n := towns
			if name == "postgres" {
				loc = postgresForTest(t)
				n = 4000 // about 20k quads: seconds at PostgreSQL's few thousand a second
			}
			ctx := context.Background()
			g, err := Open(ctx, loc, testBackends)
			if err != nil {
				t.Fatal(err)
			}
			if err := writeCities(ctx, g, 0, 10); err != nil {
				t.Fatal(err)
			}
			cities0, quads0 := countCities(t, g)
			cctx, cancel := context.WithCancel(ctx)
			defer cancel()
			cancelMidCommit(t, g, loc, cancel)
			err = writeCities(cctx, g, 10, n)
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("Write cancelled mid-commit: %v, want context.Canceled", err)
			}
			if c, q := countCities(t, g); c != cities0 || q != quads0 {
				t.Errorf("after the cancelled commit: %d cities, %d quads; want %d, %d", c, q, cities0, quads0)
			}
			if err := g.Close(); err != nil {
				t.Fatal(err)
			}
			g, err = Open(ctx, loc, testBackends)
			if err != nil {
				t.Fatal(err)
			}
			defer g.Close()
			if c, q := countCities(t, g); c != cities0 || q != quads0 {
				t.Errorf("reopened after the cancelled commit: %d cities, %d quads; want %d, %d", c, q, cities0, quads0)
			}
			if _, err := g.Entity(ctx, town.IRI("11")); !IsNotFound(err) {
				t.Errorf("an entity of the cancelled batch: %v, want ErrNotFound", err)
			}
			if err := writeCities(ctx, g, 10, 100); err != nil {
				t.Fatal(err)
			}
			if c, _ := countCities(t, g); c != 110 {
				t.Errorf("after writing 100 towns of the cancelled batch again: %d cities, want 110", c)
			}
			if e, err := g.Entity(ctx, town.IRI("57")); err != nil || e.Name != "Town 57" {
				t.Errorf("town 57 written again: %+v, %v", e, err)
			}
		})
	}
}

// A read made while a leveldb or PostgreSQL commit is being applied is not
// held up by it, and sees the graph as it was before the batch: none of it.
func TestStorageReadDuringCommitSeesThePreviousState(t *testing.T) {
	locs := map[string]string{
		"leveldb":        "leveldb:" + filepath.Join(t.TempDir(), "leveldb"),
		"leveldb direct": "leveldb:" + filepath.Join(t.TempDir(), "direct"),
	}
	if os.Getenv("ACTORGRAPH_POSTGRES") != "" || os.Getenv("ACTORGRAPH_REQUIRE_POSTGRES") == "1" {
		locs["postgres"] = ""
	}
	for name, loc := range locs {
		t.Run(name, func(t *testing.T) {
			n := 5000
			if name == "postgres" {
				loc = postgresForTest(t)
				n = 2000
			}
			ctx := context.Background()
			opts := []Option{testBackends}
			if name == "leveldb direct" {
				opts = append(opts, WithoutReadIndex())
			}
			g, err := Open(ctx, loc, opts...)
			if err != nil {
				t.Fatal(err)
			}
			defer g.Close()
			if err := writeCities(ctx, g, 0, 10); err != nil {
				t.Fatal(err)
			}
			type result struct {
				cities  int
				old     string
				newErr  error
				readErr error
			}
			mid := make(chan struct{})   // closed when the commit is under way
			read := make(chan result, 1) // the read made during it
			var once atomic.Bool
			during := func() {
				if !once.CompareAndSwap(false, true) {
					return
				}
				close(mid)
				select {
				case r := <-read:
					read <- r // put back for the test to check
				case <-time.After(time.Minute): // a guard against a deadlock, not a timing
					read <- result{readErr: errors.New("the read waited for the whole commit")}
				}
			}
			hooks := g.store.(backend.Hooks)
			if !strings.HasPrefix(loc, "postgres") {
				var puts atomic.Int64
				hooks.SetTestHook(func() {
					if puts.Add(1) == 5000 {
						during()
					}
				})
			} else {
				hooks.SetTestHook(during)
			}
			go func() {
				<-mid
				var r result
				ms, err := Find(schema.City).All(ctx, g)
				r.cities, r.readErr = len(ms), err
				e, err := g.Entity(ctx, town.IRI("3"))
				r.old = e.Name
				r.readErr = errors.Join(r.readErr, err)
				_, r.newErr = g.Entity(ctx, town.IRI("12"))
				read <- r
			}()
			if err := writeCities(ctx, g, 10, n); err != nil {
				t.Fatal(err)
			}
			r := <-read
			if r.readErr != nil {
				t.Fatalf("reading during the commit: %v", r.readErr)
			}
			if r.cities != 10 || r.old != "Town 3" || !IsNotFound(r.newErr) {
				t.Errorf("during the commit: %d cities, town 3 %q, town 12: %v; want 10, \"Town 3\", ErrNotFound", r.cities, r.old, r.newErr)
			}
			if c, _ := countCities(t, g); c != 10+n {
				t.Errorf("after the commit: %d cities, want %d", c, 10+n)
			}
		})
	}
}
