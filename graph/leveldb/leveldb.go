// Package leveldb is the leveldb backend of package graph: cayley's key-value
// store on goleveldb, in a directory the graph holds exclusively (a lock file),
// durable at every commit, with every checksum checked.
//
// A program that stores a graph in leveldb names the backend when it opens
// one, so that a program that keeps its graph in memory links no database:
//
//	g, err := graph.Open(ctx, "leveldb:"+dir, graph.WithBackend(leveldb.Backend{}))
//
// The store is the one cayley's own leveldb backend writes: cayley's tools
// read it, and it reads stores they wrote.
//
// A first load, a large batch into a store that holds nothing yet, is
// written while the batch is built: from its first 16k quads on, the store
// gives them ids and writes them on another core, as sorted tables of
// goleveldb's own in a directory of the load's, which the batch's commit
// makes the store's in one step (load.go) and a batch that fails (an error,
// a panic, its context ending) removes. Nothing of it is visible, or left on
// disk once the store is opened again, until the commit.
package leveldb

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/hidal-go/hidalgo/kv/flat"
	hleveldb "github.com/hidal-go/hidalgo/kv/flat/leveldb"
	"github.com/syndtr/goleveldb/leveldb"
	lerrors "github.com/syndtr/goleveldb/leveldb/errors"
	"github.com/syndtr/goleveldb/leveldb/opt"
	"github.com/syndtr/goleveldb/leveldb/util"

	"github.com/actorgraph/actorgraph/graph/internal/backend"
	"github.com/actorgraph/actorgraph/graph/internal/kvstore"
)

// Backend opens the locations "leveldb:DIR": a store in the directory DIR,
// created on first use. Pass it to graph.WithBackend.
type Backend struct{}

// Schemes returns "leveldb".
func (Backend) Schemes() []string { return []string{"leveldb"} }

// Open opens the store at location, for package graph.
func (Backend) Open(_ context.Context, location string, o backend.Options) (backend.Store, error) {
	dir, ok := strings.CutPrefix(location, "leveldb:")
	if !ok {
		return nil, fmt.Errorf("not a leveldb location: %w", backend.ErrBackend)
	}
	return kvstore.Open("leveldb", dir, o, func(dir string) (kvstore.Raw, error) {
		if err := removeLoads(dir); err != nil {
			return kvstore.Raw{}, err
		}
		db, err := openLeveldb(dir)
		if err != nil {
			return kvstore.Raw{}, err
		}
		h := &handle{dir: dir, db: db}
		return kvstore.Raw{
			KV:              flat.Upgrade(h),
			Corrupted:       lerrors.IsCorrupted,
			Verify:          h.verify,
			ConcurrentReads: true,
			Bulk:            h.bulk,
			Load:            h.Load,
		}, nil
	})
}

// handle is the store's goleveldb database, which a first load's commit
// replaces (see load.go): a hidalgo KV of whichever database is open.
type handle struct {
	dir string
	mu  sync.RWMutex
	db  *leveldb.DB // nil while replaced
}

// writeOptions make each write durable at its commit.
var writeOptions = &opt.WriteOptions{Sync: true}

func (h *handle) Tx(rw bool) (flat.Tx, error) {
	h.mu.RLock()
	defer h.mu.RUnlock()
	if h.db == nil {
		return nil, leveldb.ErrClosed
	}
	kv := hleveldb.New(h.db)
	kv.SetWriteOptions(writeOptions)
	return kv.Tx(rw)
}

func (h *handle) Close() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.db == nil {
		return nil
	}
	err := h.db.Close()
	h.db = nil
	return err
}

func (h *handle) bulk() (kvstore.BulkTx, error) {
	h.mu.RLock()
	defer h.mu.RUnlock()
	if h.db == nil {
		return nil, leveldb.ErrClosed
	}
	tr, err := h.db.OpenTransaction()
	if err != nil {
		return nil, err
	}
	return bulkTx{tr}, nil
}

func (h *handle) verify(except []byte) error {
	h.mu.RLock()
	defer h.mu.RUnlock()
	if h.db == nil {
		return leveldb.ErrClosed
	}
	return verify(h.db, except)
}

// strict makes goleveldb check every checksum it has: the MANIFEST and journal
// on open (a damaged MANIFEST otherwise drops tables silently) and every block
// read.
const strict = opt.StrictAll

// writeBuffer is the size of the memory table, and of each table a commit's
// transaction writes before it commits (goleveldb's default is 4 MiB): a
// large commit writes a table each time its memory table fills, and the
// commit waits for compaction to merge them; fewer, larger tables merge
// faster.
const writeBuffer = 32 * opt.MiB

// openLeveldb opens the leveldb database in dir with every checksum checked,
// creating it only when dir holds no leveldb files at all: a store whose
// CURRENT file is lost is damaged, not new.
func openLeveldb(dir string) (*leveldb.DB, error) {
	o := &opt.Options{Strict: strict, ErrorIfMissing: true, WriteBuffer: writeBuffer}
	if _, err := os.Stat(filepath.Join(dir, "CURRENT")); errors.Is(err, os.ErrNotExist) {
		others, _ := filepath.Glob(filepath.Join(dir, "MANIFEST-*"))
		tables, _ := filepath.Glob(filepath.Join(dir, "*.ldb"))
		if len(others)+len(tables) > 0 {
			return nil, fmt.Errorf("leveldb store %s has tables but no CURRENT file: %w", dir, backend.ErrCorrupt)
		}
		o.ErrorIfMissing, o.ErrorIfExist = false, true
	}
	db, err := leveldb.OpenFile(dir, o)
	if err != nil {
		if lerrors.IsCorrupted(err) {
			return nil, fmt.Errorf("leveldb store %s: %v: %w", dir, err, backend.ErrCorrupt)
		}
		return nil, err
	}
	return db, nil
}

// verify reads every block of db once, so that goleveldb checks every
// checksum: damage is found at open, not by the read that happens to touch it.
// It costs a read of the whole store. The blocks that hold only keys that
// start with except are left out: the caller reads those (nil leaves out
// nothing).
func verify(db *leveldb.DB, except []byte) error {
	ranges := []*util.Range{nil}
	if except != nil {
		ranges = []*util.Range{{Limit: except}, {Start: util.BytesPrefix(except).Limit}}
	}
	for _, r := range ranges {
		it := db.NewIterator(r, &opt.ReadOptions{DontFillCache: true, Strict: strict})
		for it.Next() {
		}
		err := it.Error()
		it.Release()
		if err != nil {
			return err
		}
	}
	return nil
}

// bulkTx is a goleveldb transaction, which hidalgo's leveldb transactions
// are too: its writes go to tables of their own, which the commit adds to the
// store at once (in one write of the MANIFEST, synced).
type bulkTx struct{ tr *leveldb.Transaction }

func (t bulkTx) Get(key []byte) ([]byte, error) {
	v, err := t.tr.Get(key, nil)
	if errors.Is(err, leveldb.ErrNotFound) {
		return nil, nil
	}
	return v, err
}

func (t bulkTx) Put(key, value []byte) error { return t.tr.Put(key, value, nil) }

func (t bulkTx) Commit() error { return t.tr.Commit() }

func (t bulkTx) Discard() { t.tr.Discard() }
