package leveldb

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"

	"github.com/syndtr/goleveldb/leveldb"
	"github.com/syndtr/goleveldb/leveldb/comparer"
	"github.com/syndtr/goleveldb/leveldb/journal"
	"github.com/syndtr/goleveldb/leveldb/opt"
	"github.com/syndtr/goleveldb/leveldb/storage"
	"github.com/syndtr/goleveldb/leveldb/table"

	"github.com/actorgraph/actorgraph/graph/internal/backend"
	"github.com/actorgraph/actorgraph/graph/internal/kvstore"
)

// A first load is written as leveldb's own tables, sorted runs of keys that
// the loader writes with goleveldb's table writer into a directory of its own
// inside the store's (loadDirPrefix...). Its commit closes the database,
// moves the tables beside the store's files, writes a MANIFEST that names
// them (at the bottom level, which no compaction for size reaches before
// 9.5 TiB) and no other, and
// points CURRENT at it, as goleveldb itself does: the store holds the whole
// load once CURRENT names the new MANIFEST, and nothing of it before. A
// writer that dies first leaves files that no MANIFEST names, which opening
// the store removes. Writing through goleveldb's memory table instead cost
// a skip-list insertion for each key, most of a first load's commit.

// loadDirPrefix starts the name of the directory a first load writes its
// tables in.
const loadDirPrefix = "first-load-"

// tableSize is the size at which a first load's table ends and the next
// begins: goleveldb's own (opt.DefaultCompactionTableSize), so that the
// compactions of later commits see tables of the size they make. Tests set
// it smaller.
var tableSize = 2 * opt.MiB

// bottomLevel is the level of a first load's tables: the last of LevelDB's
// seven. goleveldb compacts a level once it holds more than its budget,
// 10 MiB times ten to the level's number (about 9.5 TiB for level 6), or on
// a manual compaction.
const bottomLevel = 6

// loadSeq is the sequence number of every key of a first load; the MANIFEST
// gives it as the store's last.
const loadSeq = 1

// removeLoads removes the directories of first loads that never committed.
func removeLoads(dir string) error {
	stale, err := filepath.Glob(filepath.Join(dir, loadDirPrefix+"*"))
	if err != nil {
		return err
	}
	for _, d := range stale {
		if err := os.RemoveAll(d); err != nil {
			return err
		}
	}
	return nil
}

// loader is a first load of the store h opened (a kvstore.Loader).
type loader struct {
	h   *handle
	tmp string

	mu      sync.Mutex
	next    int           // the number of the next table file in tmp
	tables  []loadTable   // the tables written
	open    []*loadWriter // the writers not closed
	settled bool          // committed or discarded
}

// loadTable is a table of a first load, written.
type loadTable struct {
	name       string // in the load's directory
	size       int64
	imin, imax []byte // its first and last keys, as goleveldb keeps them
}

// Load opens a first load of the store.
func (h *handle) Load() (kvstore.Loader, error) {
	tmp, err := os.MkdirTemp(h.dir, loadDirPrefix)
	if err != nil {
		return nil, err
	}
	return &loader{h: h, tmp: tmp}, nil
}

// Held returns what the store holds, if at most max keys.
func (l *loader) Held(max int) ([]kvstore.KeyValue, error) {
	l.h.mu.RLock()
	defer l.h.mu.RUnlock()
	if l.h.db == nil {
		return nil, leveldb.ErrClosed
	}
	it := l.h.db.NewIterator(nil, &opt.ReadOptions{Strict: strict})
	defer it.Release()
	held := []kvstore.KeyValue{}
	for it.Next() {
		if len(held) == max {
			return nil, nil
		}
		held = append(held, kvstore.KeyValue{Key: slices.Clone(it.Key()), Value: slices.Clone(it.Value())})
	}
	return held, it.Error()
}

// Table opens a run of the load's keys.
func (l *loader) Table() (kvstore.TableWriter, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.settled {
		return nil, errors.New("leveldb: a first load's table opened after its commit")
	}
	w := &loadWriter{l: l}
	l.open = append(l.open, w)
	return w, nil
}

// Commit makes the load's tables the store's, in place of everything the
// store held.
func (l *loader) Commit() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.settled {
		return errors.New("leveldb: a first load committed twice")
	}
	if len(l.open) > 0 {
		return errors.New("leveldb: a first load committed with a table still open")
	}
	l.settled = true
	defer os.RemoveAll(l.tmp)
	ts := slices.Clone(l.tables)
	slices.SortFunc(ts, func(a, b loadTable) int { return bytes.Compare(userKey(a.imin), userKey(b.imin)) })
	for i := 1; i < len(ts); i++ {
		if bytes.Compare(userKey(ts[i-1].imax), userKey(ts[i].imin)) >= 0 {
			return fmt.Errorf("leveldb: a first load's tables overlap: %q and %q", userKey(ts[i-1].imax), userKey(ts[i].imin))
		}
	}
	return l.h.replace(l.tmp, ts)
}

// Discard removes what the load wrote. After Commit it does nothing. The
// caller calls it once no TableWriter is being written.
func (l *loader) Discard() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.settled {
		return
	}
	l.settled = true
	for _, w := range l.open {
		w.drop()
	}
	os.RemoveAll(l.tmp)
}

// loadWriter writes a run of a first load's keys, as tables of about
// tableSize each.
type loadWriter struct {
	l    *loader
	f    *os.File
	bw   *bufio.Writer
	tw   *table.Writer
	ikey []byte
	imin []byte
	err  error
}

// tableOptions are what goleveldb's table writer reads: the block size,
// restart interval and compression the store's own tables have (goleveldb's
// defaults, which openLeveldb leaves), and the order goleveldb keeps keys in.
var tableOptions = &opt.Options{Comparer: internalOrder{}}

func (w *loadWriter) Put(key, value []byte) error {
	if w.err != nil {
		return w.err
	}
	if w.tw == nil {
		if w.err = w.start(); w.err != nil {
			return w.err
		}
	}
	w.ikey = binary.LittleEndian.AppendUint64(append(w.ikey[:0], key...), loadSeq<<8|1) // 1: a value
	if w.err = w.tw.Append(w.ikey, value); w.err != nil {
		return w.err
	}
	if w.imin == nil {
		w.imin = slices.Clone(w.ikey)
	}
	if w.tw.BytesLen() >= tableSize {
		w.err = w.finish()
	}
	return w.err
}

func (w *loadWriter) start() error {
	w.l.mu.Lock()
	name := fmt.Sprintf("%06d.ldb", w.l.next)
	w.l.next++
	w.l.mu.Unlock()
	f, err := os.OpenFile(filepath.Join(w.l.tmp, name), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	w.f, w.bw = f, bufio.NewWriterSize(f, 1<<20)
	w.tw = table.NewWriter(w.bw, tableOptions)
	return nil
}

// finish ends the table being written, synced.
func (w *loadWriter) finish() error {
	err := w.tw.Close()
	if err == nil {
		err = w.bw.Flush()
	}
	if err == nil {
		err = w.f.Sync()
	}
	if cerr := w.f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	t := loadTable{name: filepath.Base(w.f.Name()), size: int64(w.tw.BytesLen()), imin: w.imin, imax: slices.Clone(w.ikey)}
	w.f, w.bw, w.tw, w.imin = nil, nil, nil, nil
	w.l.mu.Lock()
	w.l.tables = append(w.l.tables, t)
	w.l.mu.Unlock()
	return nil
}

// Close ends the run.
func (w *loadWriter) Close() error {
	if w.err == nil && w.tw != nil {
		w.err = w.finish()
	}
	w.drop() // a table a failed Put left open
	w.l.mu.Lock()
	w.l.open = slices.DeleteFunc(w.l.open, func(o *loadWriter) bool { return o == w })
	w.l.mu.Unlock()
	if w.err == nil {
		w.err = errors.New("leveldb: a first load's table written after its end")
		return nil
	}
	return w.err
}

// drop closes the file being written, if any (Discard removes it).
func (w *loadWriter) drop() {
	if w.f != nil {
		w.f.Close()
		w.f = nil
	}
}

// userKey returns the key of goleveldb's key k, without its sequence number
// and kind.
func userKey(k []byte) []byte { return k[:len(k)-8] }

// internalOrder is the order of goleveldb's keys, for the table writer: by
// key, then by sequence number, the latest first. A table's index then
// names each block by its last key (Separator and Successor shorten
// nothing), which goleveldb's reader takes as it takes its own shorter ones.
type internalOrder struct{}

func (internalOrder) Compare(a, b []byte) int {
	if c := bytes.Compare(userKey(a), userKey(b)); c != 0 {
		return c
	}
	x, y := binary.LittleEndian.Uint64(a[len(a)-8:]), binary.LittleEndian.Uint64(b[len(b)-8:])
	switch {
	case x > y:
		return -1
	case x < y:
		return 1
	}
	return 0
}

func (internalOrder) Name() string                      { return comparer.DefaultComparer.Name() }
func (internalOrder) Separator(dst, a, b []byte) []byte { return nil }
func (internalOrder) Successor(dst, b []byte) []byte    { return nil }

// Fields of goleveldb's MANIFEST records (LevelDB's version edits).
const (
	recComparer    = 1
	recJournalNum  = 2
	recNextFileNum = 3
	recSeqNum      = 4
	recAddTable    = 7
)

// manifest returns the MANIFEST record of a store that holds tables, each
// numbered from first on, at the bottom level, and whose next journal is
// journalNum.
func manifest(tables []loadTable, first, journalNum int64) []byte {
	var b []byte
	b = binary.AppendUvarint(b, recComparer)
	name := comparer.DefaultComparer.Name()
	b = binary.AppendUvarint(b, uint64(len(name)))
	b = append(b, name...)
	b = binary.AppendUvarint(b, recJournalNum)
	b = binary.AppendUvarint(b, uint64(journalNum))
	b = binary.AppendUvarint(b, recNextFileNum)
	b = binary.AppendUvarint(b, uint64(journalNum+1))
	b = binary.AppendUvarint(b, recSeqNum)
	b = binary.AppendUvarint(b, loadSeq)
	for i, t := range tables {
		b = binary.AppendUvarint(b, recAddTable)
		b = binary.AppendUvarint(b, uint64(bottomLevel))
		b = binary.AppendUvarint(b, uint64(first+int64(i)))
		b = binary.AppendUvarint(b, uint64(t.size))
		b = binary.AppendUvarint(b, uint64(len(t.imin)))
		b = append(b, t.imin...)
		b = binary.AppendUvarint(b, uint64(len(t.imax)))
		b = append(b, t.imax...)
	}
	return b
}

// replace makes the tables in the directory tmp the store's, in place of
// what it holds, and opens it again. The database is closed meanwhile: the
// caller holds off every reader and writer.
func (h *handle) replace(tmp string, tables []loadTable) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	err := h.db.Close()
	h.db = nil
	if err == nil {
		err = install(h.dir, tmp, tables)
	} // else goleveldb closed the database all the same: open it as it was
	db, oerr := openLeveldb(h.dir)
	if oerr != nil {
		// The store is closed, and may hold the load or not.
		return fmt.Errorf("leveldb store %s: opening it again after a first load: %v: %w", h.dir, errors.Join(err, oerr), backend.ErrCorrupt)
	}
	h.db = db
	if errors.Is(err, errInstalled) {
		return fmt.Errorf("leveldb store %s: a first load may or may not be in it: %w: %w", h.dir, err, backend.ErrCorrupt)
	}
	return err
}

// errInstalled marks an error of install after which the store may hold the
// load.
var errInstalled = errors.New("CURRENT may name the load")

// hooks, set only by tests, is called at each step of install named, and
// stops it there when it returns an error.
var installHook func(step string) error

// install moves the tables in tmp into the (closed) store in dir and writes
// a MANIFEST that names them and nothing else. Until CURRENT names it, the
// store is as it was; a failure before removes what install added.
func install(dir, tmp string, tables []loadTable) (err error) {
	step := func(name string) error {
		if installHook != nil {
			return installHook(name)
		}
		return nil
	}
	stor, err := storage.OpenFile(dir, false)
	if err != nil {
		return err
	}
	defer stor.Close()
	fds, err := stor.List(storage.TypeAll)
	if err != nil {
		return err
	}
	first := int64(0)
	for _, fd := range fds {
		first = max(first, fd.Num+1)
	}
	var added []string
	defer func() {
		if err != nil && !errors.Is(err, errInstalled) {
			for _, f := range added {
				os.Remove(f)
			}
		}
	}()
	for i, t := range tables {
		to := filepath.Join(dir, fmt.Sprintf("%06d.ldb", first+int64(i)))
		if err := os.Rename(filepath.Join(tmp, t.name), to); err != nil {
			return err
		}
		added = append(added, to)
	}
	if err := step("tables"); err != nil {
		return err
	}
	num := first + int64(len(tables))
	fd := storage.FileDesc{Type: storage.TypeManifest, Num: num}
	added = append(added, filepath.Join(dir, fmt.Sprintf("MANIFEST-%06d", num)))
	if err := writeManifest(stor, fd, manifest(tables, first, num+1)); err != nil {
		return err
	}
	if err := syncDir(dir); err != nil {
		return err
	}
	if err := step("manifest"); err != nil {
		return err
	}
	if err := stor.SetMeta(fd); err != nil {
		return fmt.Errorf("%w: %w", errInstalled, err)
	}
	if err := step("current"); err != nil {
		return fmt.Errorf("%w: %w", errInstalled, err)
	}
	return nil
}

func writeManifest(stor storage.Storage, fd storage.FileDesc, rec []byte) error {
	w, err := stor.Create(fd)
	if err != nil {
		return err
	}
	jw := journal.NewWriter(w)
	r, err := jw.Next()
	if err == nil {
		_, err = r.Write(rec)
	}
	if err == nil {
		err = jw.Close()
	}
	if err == nil {
		err = w.Sync()
	}
	return errors.Join(err, w.Close())
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}
