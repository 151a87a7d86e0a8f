package graph

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/memstore"
	"github.com/cayleygraph/quad"

	"github.com/actorgraph/actorgraph/graph/internal/backend"
	"github.com/actorgraph/actorgraph/schema"
)

// Graph is a typed handle on a quad store: one of cayley's backends, or in
// memory the library's own index (see [Graph.QuadStore]). It is safe for
// concurrent use by several goroutines: reads run in parallel, a write batch
// is applied alone. Close it when done.
type Graph struct {
	vocab       *schema.Vocabulary
	vocabUpdate vocabularyUpdate // what the store's vocabulary lacks, for the next commit (vocabstore.go)

	writeMu sync.Mutex    // one write batch at a time, from validation to commit
	batch   atomic.Uint64 // the goroutine running a batch's function, 0 when none
	// retractions and merges are set once the store may hold a retraction or
	// a merge, so that reads of a graph that has none skip looking for them.
	retractions, merges atomic.Bool
	// slots are the vocabulary's relations read by slot (slot.go), worked
	// out on the first read that asks: the vocabulary is set by Open.
	slotsOnce sync.Once
	slots     map[schema.Relation]slotRule
	mu        sync.RWMutex // readers share, a commit is exclusive while it publishes
	// index is the graph's read index: in memory the store of record, on a
	// file store a copy of its quads kept in step with every commit (see
	// WithoutReadIndex); nil when reads go to the store.
	index *memIndex
	// store is the persistent store; nil in memory.
	store backend.Store
	// memstore is, in memory, the cayley store built for Raw; nil until then.
	memstore cgraph.QuadStore
	closed   bool
}

// Option configures Open.
type Option func(*config)

type config struct {
	vocab      *schema.Vocabulary // nil: the stored one or the core
	given      bool               // WithVocabulary was given
	stored     bool               // WithStoredVocabulary was given
	skipVerify bool               // WithoutVerification was given
	direct     bool               // WithoutReadIndex was given
	backends   []Backend          // WithBackend's
}

// WithVocabulary makes the graph validate writes against v instead of
// schema.Core(). Use it with a vocabulary extended by your own terms. A store
// keeps the vocabulary it was written with: v must define every term the
// store holds, as the store does (see Open).
func WithVocabulary(v *schema.Vocabulary) Option {
	return func(c *config) { c.vocab, c.given = v, true }
}

// WithoutVerification makes Open of a leveldb store skip reading the whole
// store to check its checksums. Damage is then found by the first read that
// touches it (which fails with ErrCorrupt) instead of at open. Verification
// reads the whole store: reopening one of 100k quads took 0.31 s with it and
// 12 ms without, one of a million quads 2.5 s and 10 ms.
func WithoutVerification() Option {
	return func(c *config) { c.skipVerify = true }
}

// Open opens the graph at location:
//
//	""                      a new graph in memory (the default); also "memory:"
//	"leveldb:PATH"          a persistent store in the directory PATH, created on
//	                        first use (the recommended file store; package graph/leveldb)
//	"bolt:PATH"             the same on cayley's bolt backend (graph/bolt)
//	"postgres://..."        cayley's SQL backend on PostgreSQL (also "postgresql://");
//	                        tables are created on first use (graph/postgres)
//	"postgres:KEY=VALUE ..." the same, with a key=value connection string
//	                        ("postgres:host=db dbname=actors password='a b'")
//
// Every location but memory needs its backend, named with [WithBackend]:
//
//	g, err := graph.Open(ctx, "leveldb:"+dir, graph.WithBackend(leveldb.Backend{}))
//
// so that a program that keeps its graph in memory links no database driver.
// "memory:" followed by anything is refused: the in-memory graph has no path.
// Other locations, and those of a backend not given, give an error wrapping
// ErrBackend. No error from Open, or from any later call, contains the
// password of a PostgreSQL location.
//
// A file store is held by one Graph at a time: a second Open of the same PATH,
// from this process or another, fails at once with ErrLocked. The graph reads
// it through a read index it keeps in memory (see [WithoutReadIndex]): Open
// reads the whole store once to build it.
//
// A leveldb store is opened with every goleveldb checksum checked: the MANIFEST
// and journal at open, and, unless WithoutVerification is given, every table
// block, read once at open. A damaged store fails Open, or the read that finds
// the damage (and every read after it), with an error wrapping ErrCorrupt; it
// never answers part of what it holds. bolt keeps no checksums of its data.
//
// A store holds the vocabulary it was written with (see the package doc's
// Storage section). Open fails, naming the terms, when the vocabulary it is
// given (schema.Core() by default) lacks terms the store holds (an error
// wrapping ErrUnknownTerm) or defines them otherwise: another sort, parent,
// domain, range, datatype or flag (ErrConflict). [WithStoredVocabulary] opens
// a store with the vocabulary it holds.
func Open(ctx context.Context, location string, opts ...Option) (*Graph, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var c config
	for _, o := range opts {
		o(&c)
	}
	if c.given && c.vocab == nil {
		return nil, fmt.Errorf("graph: Open: WithVocabulary(nil): %w", ErrInvalid)
	}
	scheme, _, _ := strings.Cut(location, ":")
	g := &Graph{}
	switch {
	case location == "", location == "memory:":
		g.index = newMemIndex()
	case scheme == "memory":
		return nil, fmt.Errorf("graph: Open %q: the in-memory graph takes no path (use \"\" or \"memory:\"): %w", location, ErrBackend)
	default:
		st, err := openStore(ctx, location, c)
		if err != nil {
			return nil, redactOpen(location, c, fmt.Errorf("graph: Open %q: %w", location, err))
		}
		g.store = st
		if st.Exclusive() && !c.direct {
			if err := g.buildIndex(ctx); err != nil {
				return nil, redactOpen(location, c, errors.Join(fmt.Errorf("graph: Open %q: reading the store into the read index: %w", location, err), g.Close()))
			}
		}
	}
	if err := g.openVocabulary(ctx, c); err != nil {
		return nil, redactOpen(location, c, errors.Join(fmt.Errorf("graph: Open %q: %w", location, err), g.Close()))
	}
	if g.store != nil {
		if err := g.detectFeatures(ctx); err != nil {
			return nil, redactOpen(location, c, errors.Join(fmt.Errorf("graph: Open %q: %w", location, err), g.Close()))
		}
	}
	return g, nil
}

// detectFeatures looks, by index, for a retraction and a merge in the store,
// so that reads of a store that has neither need not look for them.
func (g *Graph) detectFeatures(ctx context.Context) error {
	r := newReader(ctx, g)
	any := func(dir quad.Direction, v quad.Value, pred schema.IRI) (bool, error) {
		found := false
		err := r.eachOf(dir, v, []quad.Value{iri(pred)}, func(quad.Quad) bool {
			found = true
			return false
		})
		return found, err
	}
	ret, err := any(quad.Object, iri(schema.Retracted), schema.Stance)
	if err != nil {
		return err
	}
	g.retractions.Store(ret)
	merged, err := any(quad.Subject, iri(schema.Merges), schema.MergedBy)
	if err != nil {
		return err
	}
	g.merges.Store(merged)
	return nil
}

// Close releases the store, after waiting for a write batch that is running.
// Calls after Close return ErrClosed; Close from inside a write batch's
// function returns ErrNestedWrite.
func (g *Graph) Close() error {
	if err := g.lockWrite("Close"); err != nil {
		return err
	}
	defer g.writeMu.Unlock()
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.closed {
		return nil
	}
	g.closed = true
	var err error
	if g.memstore != nil {
		err = g.memstore.Close()
	}
	if g.store != nil {
		err = errors.Join(err, g.store.Close())
	}
	return err
}

// Vocabulary returns the vocabulary the graph validates against.
func (g *Graph) Vocabulary() *schema.Vocabulary { return g.vocab }

// Raw runs fn with the underlying cayley store, for cayley's path and Gizmo
// queries, while the graph holds its read lock: no write batch commits while
// fn runs, as database/sql's Conn.Raw keeps a connection for its function.
// It is the escape hatch. fn must not keep the store after it returns, nor
// write to it (writes that bypass Write are not validated, and in memory the
// typed API would not see them), nor call g.Write or g.Close (they would wait
// for fn). Terms are full IRIs: see package schema. Raw returns fn's error,
// or ErrClosed on a closed graph.
//
// In memory the graph keeps its quads in an index of its own, and the first
// call builds a cayley memstore of them, which costs about what loading the
// quads into a memstore costs (O(quads), a few seconds a million); from then
// on every Write feeds both, so loads go at the memstore's rate and the heap
// holds both. A graph that never calls Raw never pays for the memstore.
func (g *Graph) Raw(ctx context.Context, fn func(qs cgraph.QuadStore) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if g.store == nil {
		g.mu.Lock()
		if g.memstore == nil && !g.closed {
			// The write lock keeps commits out while the index is copied.
			g.memstore = memstore.New(g.index.all()...)
		}
		g.mu.Unlock()
	}
	g.mu.RLock()
	defer g.mu.RUnlock()
	if g.closed {
		return ErrClosed
	}
	if g.store != nil {
		return fn(g.store.QuadStore())
	}
	return fn(g.memstore)
}

// QuadStore returns the underlying cayley store, without the graph's lock.
//
// Deprecated: use [Graph.Raw], which holds the graph's read lock while the
// store is used; a store used outside it may be written to by a commit
// meanwhile (in memory, cayley's memstore has no locking of its own), on
// leveldb and bolt a Write that fails replaces the store, and on leveldb the
// commit of a first load closes and reopens the database, ending any
// iterator of it held across the commit.
func (g *Graph) QuadStore() cgraph.QuadStore {
	var qs cgraph.QuadStore
	_ = g.Raw(context.Background(), func(s cgraph.QuadStore) error { qs = s; return nil })
	return qs
}

// slotRules returns the graph's slot rules (see slotRulesOf).
func (g *Graph) slotRules() map[schema.Relation]slotRule {
	g.slotsOnce.Do(func() { g.slots = slotRulesOf(g.vocab) })
	return g.slots
}

// read runs fn with the store locked for reading.
func (g *Graph) read(ctx context.Context, fn func(r *reader) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	g.mu.RLock()
	defer g.mu.RUnlock()
	if g.closed {
		return ErrClosed
	}
	if g.store == nil {
		return fn(newReader(ctx, g))
	}
	// cayley's QuadStore logs a damaged record and answers "absent": the
	// store's own record of damage turns such an answer into an error.
	if err := g.store.Damage(); err != nil {
		return err
	}
	err := fn(newReader(ctx, g))
	if d := g.store.Damage(); d != nil {
		return d
	}
	return err
}

// Stats reports the number of quads in the store.
func (g *Graph) Stats(ctx context.Context) (quads int64, err error) {
	err = g.read(ctx, func(r *reader) error {
		if g.index != nil {
			quads = int64(g.index.live) // commits wait for the read lock
			return nil
		}
		var err error
		quads, err = g.store.Quads(ctx)
		return err
	})
	return quads, err
}

func iri(s schema.IRI) quad.IRI { return quad.IRI(s) }
