package graph

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/cayleygraph/quad"

	"github.com/actorgraph/actorgraph/graph/internal/backend"
)

// Backend is a persistent backend: the Backend value of one of the packages
// graph/leveldb, graph/bolt and graph/postgres. Pass it to [WithBackend]; a
// program that keeps its graph in memory names none and links no database.
// Backends are the library's own: the interface cannot be implemented
// elsewhere.
type Backend interface{ backend.Opener }

// WithBackend makes Open able to open the locations of the given backends,
// as a database/sql program imports the drivers it uses, but with no registry:
//
//	graph.Open(ctx, "leveldb:"+dir, graph.WithBackend(leveldb.Backend{}))
//	graph.Open(ctx, url, graph.WithBackend(leveldb.Backend{}, postgres.Backend{MaxIdleConns: 8}))
//
// A backend given later for the same scheme wins.
func WithBackend(b ...Backend) Option {
	return func(c *config) { c.backends = append(c.backends, b...) }
}

// WithoutReadIndex makes Open of a file store (leveldb, bolt) read from the
// store itself. By default the graph, which holds a file store exclusively,
// reads an index of the store's quads it keeps in memory (built at Open, kept
// in step with every commit), which reads as fast as the in-memory graph and
// costs about as much memory. Use WithoutReadIndex for a store larger than
// memory: reads then cost a lookup in the store per quad.
func WithoutReadIndex() Option {
	return func(c *config) { c.direct = true }
}

// openStore opens location with the backend the options name for its scheme.
func openStore(ctx context.Context, location string, c config) (backend.Store, error) {
	scheme, _, _ := strings.Cut(location, ":")
	var found Backend
	for _, b := range c.backends {
		for _, s := range b.Schemes() {
			if s == scheme {
				found = b
			}
		}
	}
	if found == nil {
		if pkg, ok := backendPackage(scheme); ok {
			return nil, fmt.Errorf("backend %q is not given: import %q and pass its Backend to graph.WithBackend: %w", scheme, pkg, ErrBackend)
		}
		return nil, fmt.Errorf("backend %q: %w", scheme, ErrBackend)
	}
	return found.Open(ctx, location, backend.Options{Verify: !c.skipVerify, Scan: !c.direct})
}

// backendPackage names the package of the library's backend for scheme, for
// errors.
func backendPackage(scheme string) (string, bool) {
	switch scheme {
	case "leveldb", "bolt":
		return "github.com/actorgraph/actorgraph/graph/" + scheme, true
	case "postgres", "postgresql":
		return "github.com/actorgraph/actorgraph/graph/postgres", true
	}
	return "", false
}

// buildIndex reads every quad of the store into a new read index: in one
// scan of the store where the backend can (kvstore's EachQuad), else through
// cayley's iterator, reading each value once.
func (g *Graph) buildIndex(ctx context.Context) error {
	// The index is the graph's only once the whole store has been read and
	// found sound, so it takes each quad as the scan hands it over instead
	// of from a slice of them all (a million quads would be held twice).
	idx := newMemIndex()
	if n, err := g.store.Quads(ctx); err == nil && n > 0 {
		idx.quads = make([]encoded, 0, n) // the store's count, the slice made once
	}
	idx.cacheMu.Lock() // add's rule; no reader sees idx yet
	defer idx.cacheMu.Unlock()
	add := func(q quad.Quad) error {
		idx.add(q)
		return nil
	}
	var err error
	if sc, ok := g.store.(backend.Scanner); ok {
		err = sc.EachQuad(ctx, add)
	} else {
		err = g.eachStoredQuad(ctx, add)
	}
	if err != nil {
		return err
	}
	if err := g.store.Damage(); err != nil {
		return err
	}
	g.index = idx
	return nil
}

// eachStoredQuad calls fn with every quad of the store, through cayley's
// all-quads iterator.
func (g *Graph) eachStoredQuad(ctx context.Context, fn func(quad.Quad) error) error {
	qs := g.store.QuadStore()
	r := &reader{ctx: ctx, g: g, values: map[any]quad.Value{}, unbounded: true}
	it := qs.QuadsAllIterator()
	defer it.Close()
	for n := 0; it.Next(ctx); n++ {
		if n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if err := fn(r.quad(qs, it.Result())); err != nil {
			return err
		}
	}
	if err := it.Err(); err != nil {
		return err
	}
	return ctx.Err()
}

// commitDurable is the commit step of Write on a persistent backend, of a
// batch that removes removals and adds the quads qs, encoded by d, which
// stream, when not nil, has been handed (a batch with no removals); it is
// done with d and qs. On leveldb and PostgreSQL readers go on reading the last
// committed state while the batch is applied, and wait only while its
// transaction commits (and, with a read index, while the index takes the
// batch); on bolt the whole commit is exclusive.
//
// A batch that removes quads is applied with readers held off: a reader could
// put a removed value back into cayley's value cache while the removal runs.
func (g *Graph) commitDurable(ctx context.Context, removals []quad.Quad, d *dict, qs *batchQuads, stream backend.Stream) error {
	where := fmt.Sprintf("graph: applying batch of %d additions and %d removals", qs.n, len(removals))
	if err := g.store.Damage(); err != nil {
		return fmt.Errorf("%s: %w", where, err)
	}
	var publish sync.Locker = &g.mu
	if !g.store.ConcurrentReads() || len(removals) > 0 {
		g.mu.Lock()
		defer g.mu.Unlock()
		publish = nil
	}
	a, direct := g.store.(quadAdder)
	if !direct || len(removals) > 0 {
		if stream != nil {
			// What it wrote is of no use to cayley's deltas: drop it now.
			stream.Abort()
		}
		adds := distinct(qs.decodeAll(d))
		*d = dict{} // the quads hold its values; its maps can go
		return g.applyDurable(ctx, where, publish, removals, adds)
	}
	// A batch of additions to an empty index (a first load) is indexed while
	// the store takes it (once the store is done reading the batch), in an
	// index of its own, which takes the empty one's place once the batch is
	// in the store (nothing of the empty one is kept but its decode caches,
	// which the batch would make stale).
	var fresh chan *memIndex
	var index func()
	if g.index != nil && len(g.index.quads) == 0 {
		index = func() {
			fresh = make(chan *memIndex, 1)
			go func() {
				idx := newMemIndex()
				idx.adoptBatch(d, qs) // the store is done with the batch
				fresh <- idx
			}()
		}
	}
	var err error
	if stream != nil { // it holds the batch but for what it writes at commit
		err = stream.Commit(ctx, publish, index)
	} else {
		err = a.AddQuads(ctx, backend.Additions{Terms: d.terms, Len: qs.n, Quads: qs.all, Once: true}, publish, index)
	}
	var idx *memIndex
	if fresh != nil {
		idx = <-fresh
	}
	if err != nil {
		return fmt.Errorf("%s: %w", where, err)
	}
	if g.index != nil {
		// Readers of the index see the batch once it is in the store, and
		// never a part of it.
		if publish != nil {
			g.mu.Lock()
			defer g.mu.Unlock()
		}
		if idx != nil {
			g.index = idx
			return nil
		}
		g.index.forgetMerges()
		g.index.adoptBatch(d, qs)
	}
	return nil
}

// applyDurable is commitDurable of a batch the store takes as cayley's
// deltas: one that removes quads, or any on a store that is not a quadAdder.
func (g *Graph) applyDurable(ctx context.Context, where string, publish sync.Locker, removals, adds []quad.Quad) error {
	err := g.store.Apply(ctx, deltas(removals, adds), publish)
	if err != nil {
		return fmt.Errorf("%s: %w", where, err)
	}
	if g.index != nil {
		if publish != nil {
			g.mu.Lock()
			defer g.mu.Unlock()
		}
		g.index.forgetMerges()
		g.index.removeAll(removals)
		g.index.adopt(adds) // Write is done with the batch's quads
	}
	return nil
}

// distinct returns quads without their repeats, in place: cayley's stores
// count each addition of a quad in the counts of its values.
func distinct(quads []quad.Quad) []quad.Quad {
	seen := make(map[quad.Quad]struct{}, len(quads))
	kept := quads[:0]
	for _, q := range quads {
		if _, ok := seen[q]; !ok {
			seen[q] = struct{}{}
			kept = append(kept, q)
		}
	}
	clear(quads[len(kept):])
	return kept
}

// quadAdder is a store that takes a batch of additions as the batch's
// dictionary and quads (the key-value stores), sparing their decoding into
// cayley's deltas and the store finding the batch's values again; it calls
// read, when not nil, once it is done reading them.
type quadAdder interface {
	AddQuads(ctx context.Context, additions backend.Additions, publish sync.Locker, read func()) error
}

// redactOpen is redactError for Open's errors: it also takes out the
// passwords of the other locations the backend of location's scheme holds
// (PostgreSQL's replicas).
func redactOpen(location string, c config, err error) error {
	err = redactError(location, err)
	scheme, _, _ := strings.Cut(location, ":")
	for _, b := range c.backends {
		if l, ok := b.(interface{ Locations() []string }); ok && slices.Contains(b.Schemes(), scheme) {
			for _, other := range l.Locations() {
				err = redactError(other, err)
			}
		}
	}
	return err
}
