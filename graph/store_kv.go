package graph

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"

	cgraph "github.com/cayleygraph/cayley/graph"
	ckv "github.com/cayleygraph/cayley/graph/kv"
	hkv "github.com/hidal-go/hidalgo/kv"
	hbolt "github.com/hidal-go/hidalgo/kv/bolt"
	"github.com/hidal-go/hidalgo/kv/flat"
	hleveldb "github.com/hidal-go/hidalgo/kv/flat/leveldb"
	"github.com/syndtr/goleveldb/leveldb"
	lerrors "github.com/syndtr/goleveldb/leveldb/errors"
	"github.com/syndtr/goleveldb/leveldb/opt"
)

// kvOptions are the options every key-value store is opened with. no_bloom:
// bolt's bloom filters cost ~300 MB at open for a store of a million quads and
// spare little, since writes are batched; without them cayley's QuadStore
// keeps no state a reader could see half-written but its value cache (see
// commit).
var kvOptions = cgraph.Options{"no_bloom": true}

// leveldbStrict makes goleveldb check every checksum it has: the MANIFEST and
// journal on open (a damaged MANIFEST otherwise drops tables silently) and
// every block read.
const leveldbStrict = opt.StrictAll

// kvStore is a leveldb or bolt store opened by the library itself, through
// hidalgo, rather than by cayley's registry: cayley's QuadStore is built on a
// guardedKV, which lets a commit be abandoned when its context is done and
// records damage that cayley's read methods would swallow.
type kvStore struct {
	backend string
	db      *guardedKV
	level   *leveldb.DB // the leveldb database; nil on bolt
	// verified is set when the store was read whole at open (see verifyLeveldb).
	verified bool
}

// openKVStore opens (creating on first use) the key-value store backend in dir,
// after taking an exclusive lock on dir/actorgraph.lock so that a second opener
// gets ErrLocked instead of waiting (bolt would wait forever). The files are
// those cayley's own leveldb and bolt backends write, so stores made by either
// open with the other.
func openKVStore(backend, dir string, verify bool) (st *kvStore, qs cgraph.QuadStore, unlock func() error, err error) {
	if dir == "" {
		return nil, nil, nil, fmt.Errorf("no directory after %q: %w", backend+":", ErrInvalid)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, nil, nil, err
	}
	release, err := lockFile(filepath.Join(dir, "actorgraph.lock"))
	if err != nil {
		return nil, nil, nil, err
	}
	defer func() {
		if err != nil {
			err = errors.Join(err, release())
		}
	}()
	var (
		raw   hkv.KV
		level *leveldb.DB
	)
	switch backend {
	case "leveldb":
		level, err = openLeveldb(dir)
		if err == nil {
			ldb := hleveldb.New(level)
			ldb.SetWriteOptions(&opt.WriteOptions{Sync: true})
			raw = flat.Upgrade(ldb)
		}
	case "bolt":
		raw, err = hbolt.Open(filepath.Join(dir, "indexes.bolt"), nil)
	default:
		err = fmt.Errorf("backend %q: %w", backend, ErrBackend)
	}
	if err != nil {
		return nil, nil, nil, err
	}
	db := &guardedKV{KV: raw}
	st = &kvStore{backend: backend, db: db, level: level}
	defer func() {
		if err != nil {
			err = errors.Join(err, db.Close())
		}
	}()
	if err := ckv.Init(db, kvOptions); err != nil && !errors.Is(err, cgraph.ErrDatabaseExists) {
		return nil, nil, nil, st.check(err)
	}
	if verify && level != nil {
		if err := verifyLeveldb(level); err != nil {
			return nil, nil, nil, st.check(err)
		}
		st.verified = true
	}
	qs, err = ckv.New(db, kvOptions)
	if err != nil {
		return nil, nil, nil, st.check(err)
	}
	if err := db.damage(); err != nil {
		return nil, nil, nil, err
	}
	return st, qs, release, nil
}

// openLeveldb opens the leveldb database in dir with every checksum checked,
// creating it only when dir holds no leveldb files at all: a store whose
// CURRENT file is lost is damaged, not new.
func openLeveldb(dir string) (*leveldb.DB, error) {
	o := &opt.Options{Strict: leveldbStrict, ErrorIfMissing: true}
	if _, err := os.Stat(filepath.Join(dir, "CURRENT")); errors.Is(err, os.ErrNotExist) {
		others, _ := filepath.Glob(filepath.Join(dir, "MANIFEST-*"))
		tables, _ := filepath.Glob(filepath.Join(dir, "*.ldb"))
		if len(others)+len(tables) > 0 {
			return nil, fmt.Errorf("leveldb store %s has tables but no CURRENT file: %w", dir, ErrCorrupt)
		}
		o.ErrorIfMissing, o.ErrorIfExist = false, true
	}
	db, err := leveldb.OpenFile(dir, o)
	if err != nil {
		if lerrors.IsCorrupted(err) {
			return nil, fmt.Errorf("leveldb store %s: %v: %w", dir, err, ErrCorrupt)
		}
		return nil, err
	}
	return db, nil
}

// verifyLeveldb reads every block of db once, so that goleveldb checks every
// checksum: damage is found at open, not by the read that happens to touch it.
// It costs a read of the whole store (see BenchmarkReopen).
func verifyLeveldb(db *leveldb.DB) error {
	it := db.NewIterator(nil, &opt.ReadOptions{DontFillCache: true, Strict: leveldbStrict})
	defer it.Release()
	for it.Next() {
	}
	return it.Error()
}

// check turns err into an ErrCorrupt error when the store is damaged.
func (st *kvStore) check(err error) error {
	if err == nil {
		return nil
	}
	if d := st.db.damage(); d != nil {
		return d
	}
	if lerrors.IsCorrupted(err) {
		return fmt.Errorf("%v: %w", err, ErrCorrupt)
	}
	return err
}

// concurrentReads reports whether readers may read the store while a commit
// is being applied. leveldb readers read snapshots, untouched by the commit's
// transaction. bolt's writer must grow its mmap, which waits for every open
// read transaction, so a bolt commit stays exclusive.
func (st *kvStore) concurrentReads() bool { return st.backend == "leveldb" }

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

// damage returns the ErrCorrupt error recorded by a read, or nil.
func (db *guardedKV) damage() error {
	if p := db.damaged.Load(); p != nil {
		return *p
	}
	return nil
}

// note records err when it says the store is damaged, and returns it.
func (db *guardedKV) note(err error) error {
	if err != nil && lerrors.IsCorrupted(err) {
		d := fmt.Errorf("%v: %w", err, ErrCorrupt)
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

// apply writes deltas to qs in one transaction that is abandoned, and rolled
// back, as soon as ctx is done; publish (nil when the caller holds the store
// exclusively) is held only while the transaction commits. After a failed
// apply qs must be replaced by fresh(): cayley's QuadStore keeps the index
// entries and value IDs of the abandoned batch in memory.
func (st *kvStore) apply(ctx context.Context, qs cgraph.QuadStore, deltas []cgraph.Delta, publish sync.Locker) error {
	c := &commitGuard{ctx: ctx, publish: publish}
	st.db.begin(c)
	err := qs.ApplyDeltas(deltas, cgraph.IgnoreOpts{IgnoreDup: true, IgnoreMissing: true})
	st.db.end()
	if err != nil && c.aborted.Load() {
		return ctx.Err()
	}
	return st.check(err)
}

// fresh builds a new cayley QuadStore on the store, with empty caches.
func (st *kvStore) fresh() (cgraph.QuadStore, error) {
	qs, err := ckv.New(st.db, kvOptions)
	return qs, st.check(err)
}
