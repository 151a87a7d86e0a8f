// Package kvstore is what the leveldb and bolt backends share: cayley's
// key-value QuadStore on a hidalgo store opened by the backend, under a lock
// file, with commits that honour their context and damage that reads report.
// A commit that only adds quads is written by the package itself, in cayley's
// layout (adds.go), and the read index is read in one scan of cayley's log
// (scan.go).
package kvstore

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"

	cgraph "github.com/cayleygraph/cayley/graph"
	ckv "github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/quad"
	hkv "github.com/hidal-go/hidalgo/kv"

	"github.com/actorgraph/actorgraph/graph/internal/backend"
)

// kvOptions are the options every key-value store is opened with. no_bloom:
// bolt's bloom filters cost ~300 MB at open for a store of a million quads and
// spare little, since writes are batched; without them cayley's QuadStore
// keeps no state a reader could see half-written but its value cache (see
// commit).
var kvOptions = cgraph.Options{"no_bloom": true}

// Raw is what a backend opens in a store's directory.
type Raw struct {
	KV hkv.KV
	// Corrupted reports whether an error of KV says its data are damaged;
	// nil for a store that keeps no checksums.
	Corrupted func(error) bool
	// Verify, when not nil, reads the whole store once so that every checksum
	// is checked, but for the blocks that hold only keys starting with except
	// (flat keys: cayley's bucket names, then "/" and the key), which it
	// leaves to EachQuad's scan; nil except reads everything. It is called
	// when the graph asks for verification.
	Verify func(except []byte) error
	// ConcurrentReads reports whether readers may read while a commit is being
	// applied (see backend.Store).
	ConcurrentReads bool
	// Bulk, when not nil, opens a write transaction on the database itself,
	// with KV's flat keys (see BulkTx): a batch of additions is written in it,
	// without the cost of KV's keys (a few allocations each) in a load of
	// millions. Nil writes every batch through KV.
	Bulk func() (BulkTx, error)
	// Load, when not nil, opens a first load (see Loader): a store that
	// holds nothing yet takes a large batch as the backend's own sorted
	// files, written while the batch is built (Stream). Nil: the store takes
	// no stream.
	Load func() (Loader, error)
}

// A Loader writes a first load, everything a store is to hold, as runs of
// flat keys in ascending order, each run a TableWriter; the runs' ranges may
// not overlap. Commit makes the store hold exactly the runs' keys, in one
// step that is durable once it returns and of which nothing is visible
// before; the caller holds off every reader and writer of the store while it
// runs. A load not committed (discarded, or its process killed) leaves the
// store as it was. Table may be called from several goroutines; each
// TableWriter is written by one.
type Loader interface {
	// Held returns the keys the store holds, with their values, in key
	// order; nil when it holds more than max.
	Held(max int) ([]KeyValue, error)
	Table() (TableWriter, error)
	Commit() error
	// Discard drops what the load wrote; after Commit it does nothing. It
	// is called once no TableWriter is being written.
	Discard()
}

// KeyValue is a flat key and its value.
type KeyValue struct{ Key, Value []byte }

// TableWriter writes a run of a Loader's keys.
type TableWriter interface {
	// Put writes key, above every key the run was given before, with value;
	// it keeps neither.
	Put(key, value []byte) error
	Close() error
}

// BulkTx is a write transaction of a flat key-value store, whose keys are
// hidalgo's flat keys (kv/flat: the parts of a key joined by '/', each '/' and
// '\' in a part preceded by '\'), the keys KV gives its database. Like a
// transaction of KV it writes all or nothing: nothing is visible before
// Commit, and a transaction discarded, or never committed because the process
// died, leaves the store as it was.
type BulkTx interface {
	// Get returns the value of key as the transaction sees it, nil when
	// absent.
	Get(key []byte) ([]byte, error)
	// Put sets key to value; it keeps neither.
	Put(key, value []byte) error
	// Commit makes the transaction's writes durable and visible.
	Commit() error
	// Discard drops the writes of a transaction not committed; after Commit
	// it does nothing.
	Discard()
}

// Store is a key-value store opened by a backend: cayley's QuadStore built on a
// guardedKV, which lets a commit be abandoned when its context is done and
// records damage that cayley's read methods would swallow.
type Store struct {
	db         *guardedKV
	qs         cgraph.QuadStore
	concurrent bool
	release    func() error
	// verifyRest, set by Open when the graph scans the store at once, is the
	// verification of everything but cayley's log, which EachQuad runs beside
	// its own scan of the log (its reads check the log's checksums).
	verifyRest func() error
}

// Open opens (creating on first use) the store in dir: it takes an exclusive
// lock on dir/actorgraph.lock, so that a second opener gets ErrLocked instead
// of waiting (bolt would wait forever), then calls open for the database. The
// files are those cayley's own leveldb and bolt backends write, so stores made
// by either open with the other.
//
// With o.Verify the whole store is read once, so that every checksum is
// checked: here, or, with o.Scan, in the first EachQuad, which reads the log
// itself and the rest beside it.
func Open(scheme, dir string, o backend.Options, open func(dir string) (Raw, error)) (st *Store, err error) {
	if dir == "" {
		return nil, fmt.Errorf("no directory after %q: %w", scheme+":", backend.ErrInvalid)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	release, err := lockFile(filepath.Join(dir, "actorgraph.lock"))
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			err = errors.Join(err, release())
		}
	}()
	raw, err := open(dir)
	if err != nil {
		return nil, err
	}
	db := &guardedKV{KV: raw.KV, corrupted: raw.Corrupted, bulk: raw.Bulk, load: raw.Load}
	st = &Store{db: db, concurrent: raw.ConcurrentReads, release: release}
	defer func() {
		if err != nil {
			err = errors.Join(err, db.Close())
		}
	}()
	if err := ckv.Init(db, kvOptions); err != nil && !errors.Is(err, cgraph.ErrDatabaseExists) {
		return nil, st.check(err)
	}
	switch {
	case !o.Verify || raw.Verify == nil:
	case o.Scan:
		st.verifyRest = func() error { return raw.Verify(logPrefix) }
	default:
		if err := raw.Verify(nil); err != nil {
			return nil, st.check(err)
		}
	}
	st.qs, err = ckv.New(db, kvOptions)
	if err != nil {
		return nil, st.check(err)
	}
	if err := db.damage(); err != nil {
		return nil, err
	}
	return st, nil
}

// check turns err into an ErrCorrupt error when the store is damaged.
func (st *Store) check(err error) error {
	if err == nil {
		return nil
	}
	if d := st.db.damage(); d != nil {
		return d
	}
	if st.db.corrupted != nil && st.db.corrupted(err) {
		return fmt.Errorf("%v: %w", err, backend.ErrCorrupt)
	}
	return err
}

// QuadStore returns cayley's store.
func (st *Store) QuadStore() cgraph.QuadStore { return st.qs }

// ConcurrentReads is the backend's: leveldb readers read snapshots, untouched
// by the commit's transaction, and wait only while it commits (a first
// load's commit closes the database and opens it again then, so no
// snapshot or iterator may be held across it); bolt's writer must grow its
// mmap, which waits for every open read transaction, so a bolt commit stays
// exclusive.
func (st *Store) ConcurrentReads() bool { return st.concurrent }

// Exclusive is true: the lock file keeps every other writer out.
func (st *Store) Exclusive() bool { return true }

// Damage returns the ErrCorrupt error recorded by a read, or nil.
func (st *Store) Damage() error { return st.db.damage() }

// SetTestHook makes fn run before each write a commit makes.
func (st *Store) SetTestHook(fn func()) { st.db.onPut = fn }

// Quads returns the number of quads in the store.
func (st *Store) Quads(ctx context.Context) (int64, error) {
	s, err := st.qs.Stats(ctx, false) // exact counts the nodes too, one by one; the count of quads is exact either way
	if errors.Is(err, ckv.ErrNoBucket) {
		return 0, nil // a store that has never been written to
	}
	return s.Quads.Size, st.check(err)
}

// Close closes cayley's store, which closes the database, and releases the lock.
func (st *Store) Close() error {
	return errors.Join(st.qs.Close(), st.release())
}

// Apply writes deltas in one transaction that is abandoned, and rolled back,
// as soon as ctx is done; publish (nil when the caller holds the store
// exclusively) is held only while the transaction commits. After a failed
// apply cayley's QuadStore is replaced: it keeps the index entries and value
// IDs of the abandoned batch in memory.
//
// A batch of additions only is written by addQuads, in cayley's layout; one
// that removes quads by cayley's ApplyDeltas.
func (st *Store) Apply(ctx context.Context, deltas []cgraph.Delta, publish sync.Locker) error {
	if onlyAdds(deltas) {
		return st.apply(ctx, publish, true, func() error {
			return st.addQuads(ctx, additionsOf(deltas), nil)
		})
	}
	return st.apply(ctx, publish, false, func() error {
		return st.qs.ApplyDeltas(deltas, cgraph.IgnoreOpts{IgnoreDup: true, IgnoreMissing: true})
	})
}

// AddQuads is Apply of additions, which it only reads (a batch of a million
// quads need not be decoded into deltas first, nor its values found again). It
// calls read, when not nil, once it is done reading them (before the commit is
// done, and not at all if it fails before): the caller may then change them.
func (st *Store) AddQuads(ctx context.Context, additions backend.Additions, publish sync.Locker, read func()) error {
	return st.apply(ctx, publish, true, func() error {
		return st.addQuads(ctx, additions, read)
	})
}

// apply runs write, a commit of addQuads when direct, else of cayley's
// QuadStore, as Apply says.
func (st *Store) apply(ctx context.Context, publish sync.Locker, direct bool, write func() error) error {
	c := &commitGuard{ctx: ctx, publish: publish}
	st.db.begin(c)
	err := write()
	st.db.end()
	if err == nil {
		return nil
	}
	if c.aborted.Load() {
		err = ctx.Err()
	} else {
		err = st.check(err)
	}
	if direct {
		return err // cayley's QuadStore was not used
	}
	qs, ferr := ckv.New(st.db, kvOptions)
	if ferr != nil {
		return errors.Join(err, st.check(ferr))
	}
	if publish != nil {
		publish.Lock()
		defer publish.Unlock()
	}
	st.qs = qs
	return err
}

// additionsOf returns the quads of deltas as Additions, each distinct value
// one term.
func additionsOf(deltas []cgraph.Delta) backend.Additions {
	terms := []quad.Value{nil}
	ids := map[quad.Value]uint32{}
	encoded := make([][4]uint32, len(deltas))
	for i, delta := range deltas {
		for d, dir := range quad.Directions {
			v := delta.Quad.Get(dir)
			if v == nil {
				continue
			}
			t, ok := ids[v]
			if !ok {
				t = uint32(len(terms))
				terms = append(terms, v)
				ids[v] = t
			}
			encoded[i][d] = t
		}
	}
	return backend.Additions{Terms: terms, Len: len(deltas), Quads: slices.Values(encoded)}
}

// onlyAdds reports whether every delta adds a quad.
func onlyAdds(deltas []cgraph.Delta) bool {
	for _, d := range deltas {
		if d.Action != cgraph.Add {
			return false
		}
	}
	return true
}

// guardedKV is a hidalgo key-value store wrapped for cayley's QuadStore:
//   - a write transaction opened during commit fails every Get, Put and Commit
//     once the commit's context is done, so that cayley's ApplyDeltas, which
//     takes no context, stops and rolls its transaction back;
//   - its Commit runs under the commit's publish lock, so that no reader is
//     between two lookups when the batch becomes visible;
//   - a read error that says the data are damaged is kept, because cayley's
//     ValueOf, Quad and NameOf log errors and answer "absent".
type guardedKV struct {
	hkv.KV
	mu      sync.Mutex
	current *commitGuard // the commit under way, if any
	damaged atomic.Pointer[error]
	// corrupted reports whether an error of the KV says its data are damaged.
	corrupted func(error) bool
	// bulk is Raw.Bulk, load Raw.Load.
	bulk func() (BulkTx, error)
	load func() (Loader, error)
	// onPut, set only by tests before the first Write, is called before each
	// write a commit makes: tests cancel or read in the middle of a commit.
	onPut func()
}

// commitGuard is one commit's context and publish lock.
type commitGuard struct {
	ctx     context.Context
	publish sync.Locker // nil: the caller already holds the store exclusively
	aborted atomic.Bool // set when the context stopped the commit
}

func (g *commitGuard) err() error {
	if err := g.ctx.Err(); err != nil {
		g.aborted.Store(true)
		return err
	}
	return nil
}

// begin makes the write transactions opened until end obey c.
func (db *guardedKV) begin(c *commitGuard) {
	db.mu.Lock()
	db.current = c
	db.mu.Unlock()
}

func (db *guardedKV) end() {
	db.mu.Lock()
	db.current = nil
	db.mu.Unlock()
}

// damage returns the backend.ErrCorrupt error recorded by a read, or nil.
func (db *guardedKV) damage() error {
	if p := db.damaged.Load(); p != nil {
		return *p
	}
	return nil
}

// note records err when it says the store is damaged, and returns it.
func (db *guardedKV) note(err error) error {
	switch {
	case err == nil:
	case errors.Is(err, backend.ErrCorrupt): // a backend's own word (a first load's commit)
		db.damaged.CompareAndSwap(nil, &err)
	case db.corrupted != nil && db.corrupted(err):
		d := fmt.Errorf("%v: %w", err, backend.ErrCorrupt)
		db.damaged.CompareAndSwap(nil, &d)
	}
	return err
}

// Tx opens a transaction: a write transaction obeys the commit under way.
func (db *guardedKV) Tx(rw bool) (hkv.Tx, error) {
	tx, err := db.KV.Tx(rw)
	if err != nil {
		return nil, db.note(err)
	}
	var c *commitGuard
	if rw {
		db.mu.Lock()
		c = db.current
		db.mu.Unlock()
	}
	return &guardedTx{Tx: tx, db: db, c: c}, nil
}

type guardedTx struct {
	hkv.Tx
	db *guardedKV
	c  *commitGuard // nil for read transactions and writes outside commit
}

func (tx *guardedTx) stopped() error {
	if tx.c == nil {
		return nil
	}
	return tx.c.err()
}

func (tx *guardedTx) Get(ctx context.Context, k hkv.Key) (hkv.Value, error) {
	if err := tx.stopped(); err != nil {
		return nil, err
	}
	v, err := tx.Tx.Get(ctx, k)
	return v, tx.db.note(err)
}

func (tx *guardedTx) GetBatch(ctx context.Context, ks []hkv.Key) ([]hkv.Value, error) {
	if err := tx.stopped(); err != nil {
		return nil, err
	}
	vs, err := tx.Tx.GetBatch(ctx, ks)
	return vs, tx.db.note(err)
}

func (tx *guardedTx) Put(k hkv.Key, v hkv.Value) error {
	if tx.c != nil && tx.db.onPut != nil {
		tx.db.onPut()
	}
	if err := tx.stopped(); err != nil {
		return err
	}
	return tx.Tx.Put(k, v)
}

func (tx *guardedTx) Del(k hkv.Key) error {
	if err := tx.stopped(); err != nil {
		return err
	}
	return tx.Tx.Del(k)
}

func (tx *guardedTx) Scan(pref hkv.Key) hkv.Iterator {
	return &guardedIterator{Iterator: tx.Tx.Scan(pref), tx: tx}
}

// Commit makes the transaction's writes visible, unless the commit's context
// is done: then it fails, and cayley's deferred Close discards them.
func (tx *guardedTx) Commit(ctx context.Context) error {
	if err := tx.stopped(); err != nil {
		return err
	}
	if tx.c != nil && tx.c.publish != nil {
		tx.c.publish.Lock()
		defer tx.c.publish.Unlock()
	}
	return tx.db.note(tx.Tx.Commit(ctx))
}

type guardedIterator struct {
	hkv.Iterator
	tx *guardedTx
}

func (it *guardedIterator) Next(ctx context.Context) bool {
	if it.tx.stopped() != nil {
		return false
	}
	return it.Iterator.Next(ctx)
}

func (it *guardedIterator) Err() error {
	if err := it.tx.stopped(); err != nil {
		return err
	}
	return it.tx.db.note(it.Iterator.Err())
}
