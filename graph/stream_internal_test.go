package graph

import (
	"context"
	"errors"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cayleygraph/quad"
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
		if err := addCities(tx, first, n); err != nil {
			return err
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

// writeWithin runs g.Write(ctx, fn) and fails the test if it takes longer
// than a minute: a stream left open must not hold up the next Write.
func writeWithin(t *testing.T, g *Graph, ctx context.Context, fn func(*Tx) error) error {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- g.Write(ctx, fn) }()
	select {
	case err := <-done:
		return err
	case <-time.After(time.Minute):
		t.Fatal("Write blocked: a stream was left open")
		return nil
	}
}

// A streamed first load whose function panics, or whose context is
// cancelled, or whose commit is cancelled midway, writes nothing and leaves
// the store to the next Write.
func TestAStreamedFirstLoadThatStopsLeavesTheStoreFree(t *testing.T) {
	ctx := context.Background()
	g, err := Open(ctx, "leveldb:"+filepath.Join(t.TempDir(), "leveldb"), testBackends)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { g.Close() }()
	const n = 12000
	streamed := func(tx *Tx) error {
		err := addCities(tx, 0, n)
		if tx.stream == nil || tx.handed < 2 {
			t.Fatalf("the batch handed %d chunks to a stream (%v), want 2 or more", tx.handed, tx.stream != nil)
		}
		return err
	}
	empty := func(when string) {
		t.Helper()
		if c, q := countCities(t, g); c != 0 || q != 0 {
			t.Fatalf("%s: %d cities, %d quads; want none", when, c, q)
		}
	}

	func() {
		defer func() {
			if p := recover(); p != "stop" {
				t.Fatalf("recovered %v, want the function's panic", p)
			}
		}()
		g.Write(ctx, func(tx *Tx) error {
			streamed(tx)
			panic("stop")
		})
	}()
	empty("after a panic")

	cctx, cancel := context.WithCancel(ctx)
	err = writeWithin(t, g, cctx, func(tx *Tx) error {
		err := streamed(tx)
		cancel()
		return err
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("a batch cancelled in its function: %v, want context.Canceled", err)
	}
	empty("after a cancelled function")

	cctx, cancel = context.WithCancel(ctx)
	defer cancel()
	var puts atomic.Int64
	g.store.(interface{ SetTestHook(func()) }).SetTestHook(func() {
		if puts.Add(1) == 100 {
			cancel()
		}
	})
	if err := writeWithin(t, g, cctx, streamed); !errors.Is(err, context.Canceled) {
		t.Fatalf("a batch cancelled in its commit: %v, want context.Canceled", err)
	}
	g.store.(interface{ SetTestHook(func()) }).SetTestHook(nil)
	empty("after a cancelled commit")

	if err := writeWithin(t, g, ctx, streamed); err != nil {
		t.Fatal(err)
	}
	if c, _ := countCities(t, g); c != n {
		t.Fatalf("%d cities, want %d", c, n)
	}
}

// A stream handed to a commit that turns out to remove quads is given up
// before the store applies the batch as cayley's deltas (Write cannot hand
// one over today: only an empty store streams, and it has nothing to remove):
// the tables it wrote are gone once the commit returns.
func TestACommitWithRemovalsGivesUpItsStream(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "leveldb")
	g, err := Open(ctx, "leveldb:"+dir, testBackends)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	s, err := g.store.(streamer).Stream(ctx)
	if err != nil || s == nil {
		t.Fatalf("an empty store gave no stream (%v)", err)
	}
	defer s.Abort()
	d := newDict()
	var qs batchQuads
	qs.append(encoded{d.intern(quad.IRI("https://example.org/a")), d.intern(quad.IRI("https://example.org/b")), d.intern(quad.IRI("https://example.org/c")), 0})
	done := make(chan error, 1)
	go func() {
		done <- g.commitDurable(ctx, []quad.Quad{quad.MakeIRI("https://example.org/x", "https://example.org/y", "https://example.org/z", "")}, &d, &qs, s)
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(30 * time.Second):
		s.Abort()
		t.Fatal("the commit waited for the stream")
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "first-load-*")); len(left) > 0 {
		t.Errorf("the stream's directory %s is left after the commit", filepath.Base(left[0]))
	}
}
