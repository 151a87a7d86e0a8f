package graph

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/actorgraph/actorgraph/schema"
)

// A first load into leveldb is written while its batch is built, from its
// first full chunk of quads on. A batch whose function fails after that
// writes nothing; a store that holds quads takes a batch at commit; a batch
// written as a stream reads whole, before and after a reopen. (A batch that
// removes quads, which only a store that holds some has, never streams.)
func TestAFirstLoadStreamedWritesAllOrNothing(t *testing.T) {
	ctx := context.Background()
	loc := "leveldb:" + filepath.Join(t.TempDir(), "leveldb")
	g, err := Open(ctx, loc, testBackends)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { g.Close() }()
	const n = 12000 // three quads a city: past two chunks
	stream := true  // whether the batches below should stream
	cities := func(tx *Tx, first int) error {
		for i := first; i < first+n; i++ {
			if err := tx.AddEntity(Entity{ID: town.IRI(fmt.Sprint(i)), Kinds: []schema.Kind{schema.City}, Name: fmt.Sprintf("Town %d", i)}); err != nil {
				return err
			}
		}
		if streamed := tx.stream != nil && tx.handed >= 2; streamed != stream {
			t.Errorf("the batch handed %d chunks to a stream (%v), want a stream: %v", tx.handed, tx.stream != nil, stream)
		}
		return nil
	}
	failed := errors.New("the batch's function failed")
	if err := g.Write(ctx, func(tx *Tx) error {
		if err := cities(tx, 0); err != nil {
			return err
		}
		return failed
	}); !errors.Is(err, failed) {
		t.Fatalf("Write: %v, want the function's error", err)
	}
	if c, q := countCities(t, g); c != 0 || q != 0 {
		t.Fatalf("after a failed batch: %d cities, %d quads; want none", c, q)
	}

	// A store that holds quads takes the batch at commit.
	if err := writeCities(ctx, g, 100000, 1); err != nil {
		t.Fatal(err)
	}
	stream = false
	if err := g.Write(ctx, func(tx *Tx) error { return cities(tx, 0) }); err != nil {
		t.Fatal(err)
	}
	if c, _ := countCities(t, g); c != n+1 {
		t.Errorf("a batch into a store that holds quads: %d cities, want %d", c, n+1)
	}
	g.Close()
	stream = true

	check := func(when string, want int) {
		t.Helper()
		if c, q := countCities(t, g); c != want || q < int64(want) {
			t.Errorf("%s: %d cities, %d quads; want %d cities", when, c, q, want)
		}
		if e, err := g.Entity(ctx, town.IRI("57")); err != nil || e.Name != "Town 57" {
			t.Errorf("%s: town 57: %+v, %v", when, e, err)
		}
	}
	loc = "leveldb:" + filepath.Join(t.TempDir(), "third")
	if g, err = Open(ctx, loc, testBackends); err != nil {
		t.Fatal(err)
	}
	if err := g.Write(ctx, func(tx *Tx) error { return cities(tx, 0) }); err != nil {
		t.Fatal(err)
	}
	check("after a streamed first load", n)
	g.Close()
	if g, err = Open(ctx, loc, testBackends); err != nil {
		t.Fatal(err)
	}
	check("reopened", n)
}
