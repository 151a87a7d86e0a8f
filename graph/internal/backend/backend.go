// Package backend is the storage seam of package graph: what a persistent
// backend (graph/leveldb, graph/bolt, graph/postgres) gives the graph. It is
// internal so that the seam can change without breaking programs: a program
// names a backend by its package's Backend value and never calls it itself.
package backend

import (
	"context"
	"errors"
	"iter"
	"sync"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

// The errors a backend wraps; package graph exports the same values.
var (
	ErrInvalid = errors.New("invalid input")
	ErrBackend = errors.New("unsupported backend")
	ErrLocked  = errors.New("store is in use")
	ErrCorrupt = errors.New("store is damaged")
)

// Opener opens the stores of one backend. Each backend package's Backend type
// is one.
type Opener interface {
	// Schemes returns the location schemes the backend opens ("leveldb").
	Schemes() []string
	// Open opens (creating on first use) the store at location, which starts
	// with one of Schemes and a colon. Its errors may contain the location:
	// package graph redacts passwords from them.
	Open(ctx context.Context, location string, o Options) (Store, error)
}

// Options are the settings of package graph's Open that a backend honours.
type Options struct {
	// Verify asks a backend that keeps checksums to check them all at open.
	Verify bool
	// Scan says that the graph reads every quad of the store through
	// Scanner.EachQuad once, right after Open and before any other read (it
	// builds its read index). A backend may then leave to that scan the part
	// of Verify's checks that reads what the scan reads, so that the store is
	// read once; EachQuad then makes the rest of them, and fails as Open would
	// have.
	Scan bool
}

// Store is an open persistent store: cayley's QuadStore, with a commit that
// honours its context and leaves the store holding a batch whole or not at
// all, and a record of damage found by reads.
type Store interface {
	// QuadStore returns cayley's store. It changes only in Apply, and then
	// only while publish is held.
	QuadStore() cgraph.QuadStore
	// Apply writes deltas in one transaction, abandoned and rolled back when
	// ctx is done (the error is then ctx.Err()). publish, when not nil, is
	// held exclusively only while the transaction commits; nil means the
	// caller already holds the store exclusively. After a failed Apply the
	// store holds nothing of the batch, and QuadStore may return a new store.
	Apply(ctx context.Context, deltas []cgraph.Delta, publish sync.Locker) error
	// ConcurrentReads reports whether readers may read during Apply.
	ConcurrentReads() bool
	// Exclusive reports whether this process alone can write the store (a
	// file store under its lock): the graph may then keep a read index of it
	// in memory, in step with each commit.
	Exclusive() bool
	// Damage returns an error wrapping ErrCorrupt once a read has found the
	// store damaged, and nil until then.
	Damage() error
	// Quads returns the number of quads in the store.
	Quads(ctx context.Context) (int64, error)
	// Close closes the store.
	Close() error
}

// Hooks are the points where tests step into a commit: OnWrite is called
// before each write a commit makes to a key-value store, BeforeCommit once a
// SQL commit's statements have run and before its transaction commits.
// Stores that have a point implement the method; tests set the hook before
// the first Write.
type Hooks interface {
	SetTestHook(func())
}

// Scanner is a store that can read every quad it holds in one pass, much
// faster than cayley's all-quads iterator (which reads each value by its own
// lookup). Package graph builds its read index with it.
type Scanner interface {
	// EachQuad calls fn with every quad of the store, in no order, until fn
	// returns an error, which EachQuad returns.
	EachQuad(ctx context.Context, fn func(quad.Quad) error) error
}

// QuadReader is implemented by a store that reads a node's quads with their
// values in one round trip (PostgreSQL: one SQL statement over cayley's
// tables), where cayley's iterators read each value of each quad apart.
// Package graph reads through it when the store has it.
type QuadReader interface {
	// Each returns the quads whose direction dir is v and, when preds is
	// not empty, whose predicate is one of preds.
	Each(ctx context.Context, dir quad.Direction, v quad.Value, preds []quad.Value) ([]quad.Quad, error)
	// Around is Each for dir Subject or Object, which also reads, in the
	// same round trip, the neighbourhood a typed hop reads next: the quads
	// whose subject is v, or the label or the far end (the object, or the
	// subject for dir Object) of one of the hop's quads, and the quads whose subject
	// is the object of one of those whose predicate is one of follow (a
	// claim's source). near holds every subject so read, with no quads when
	// it has none: near[x] is what Each(ctx, quad.Subject, x, nil) returns.
	Around(ctx context.Context, dir quad.Direction, v quad.Value, preds, follow []quad.Value) (hop []quad.Quad, near map[quad.Value][]quad.Quad, err error)
	// Subjects returns the quads of each of vs as a subject, in a few
	// round trips for all of them: out[v] is what Each(ctx, quad.Subject,
	// v, nil) returns, and is present, perhaps empty, for each of vs.
	Subjects(ctx context.Context, vs []quad.Value) (out map[quad.Value][]quad.Quad, err error)
}

// Additions is a batch of quads to add, encoded by the batch's dictionary:
// Terms[t] is the value of term t (Terms[0] is nil: no value, an unlabelled
// quad's label), and Quads yields each quad's subject, predicate, object and
// label as terms, in the batch's order; it yields Len quads.
//
// A quad may be there more than once. cayley's ApplyDeltas counts each
// addition of a quad in the counts of its values (those of a quad it holds
// already too), and so does a store given Additions, unless Once: then a
// quad the batch repeats is one addition.
type Additions struct {
	Terms []quad.Value
	Len   int
	Quads iter.Seq[[4]uint32]
	Once  bool
}

// Stream is a batch of additions a store writes while the batch is still
// being built (the key-value stores' first load): Add hands over each run of
// the batch's quads as it fills, Commit writes the rest and makes the whole
// visible, Abort discards it. The runs and terms handed over may not change
// until Commit or Abort returns.
type Stream interface {
	Add(terms []quad.Value, quads iter.Seq[[4]uint32])
	Commit(ctx context.Context, publish sync.Locker, read func()) error
	Abort()
}
