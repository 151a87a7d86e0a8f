package kvstore

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"iter"
	"math/bits"
	"slices"
	"sync"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"

	"github.com/actorgraph/actorgraph/graph/internal/backend"
)

// A Stream writes a first load, a batch of additions into a store that holds
// nothing yet, while the batch is still being built: each run of quads the
// batch hands over is written to the log's table of the backend's Loader on
// a core of its own, and the commit writes only what needs the whole batch
// (the counts of the values, the index lists, the values' ids), as tables
// of their own, the two index lists on a core each. The Loader's commit
// makes the store hold the tables' keys, with the few the store held before
// (cayley's markers and metadata) in their places; a batch that fails
// writes nothing.
//
// A Loader takes each run of keys in ascending order, and the order of flat
// keys is that of their ids only while no id has a byte that the flat key
// escapes ('/' or '\'): the stream gives none such (plainID). The ids
// differ from those addQuads (and cayley's ApplyDeltas) give the same batch:
// a value gets its id when a quad first names it, and a quad the next one,
// so that the ids of values and quads interleave. cayley reads them alike
// (TestStreamWritesWhatAddQuadsWrites).
//
// Add, Commit and Abort are called from one goroutine.
type Stream struct {
	st   *Store
	load Loader
	old  []KeyValue // what the store held, in key order
	in   chan streamRun
	done chan struct{}
	once sync.Once

	// The writer's, until done is closed.
	log    *runWriter
	err    error
	now    int64
	next   uint64  // the last id given
	nodeOf []int32 // by term: 1 + its node's place in nodes, 0 for none yet
	byHash map[cgraph.ValueHash]int32
	nodes  []addNode
	quads  [][]streamQuad // in runs of 1<<runBits
	seen   quadSet        // quads, by their values; seen.n is how many
}

// runBits sets the length of a run of Stream.quads: 1<<runBits.
const runBits = 14

// quad returns the k-th quad the stream wrote.
func (s *Stream) quad(k int) *streamQuad { return &s.quads[k>>runBits][k&(1<<runBits-1)] }

// quadAt returns the values of the k-th quad the stream wrote.
func (s *Stream) quadAt(k int32) [4]int32 { return s.quad(int(k)).at }

// streamQuad is a quad the stream wrote: its values as 1 + their places in
// Stream.nodes, and its id.
type streamQuad struct {
	at [4]int32
	id uint64
}

// streamRun is a run of a batch's quads, with the batch's terms so far (every
// term the run names).
type streamRun struct {
	terms []quad.Value
	quads iter.Seq[[4]uint32]
}

var errStreamAborted = errors.New("kvstore: the stream was aborted")

// maxHeld is the most keys a store may hold for a first load to be
// streamed into it: a new store holds cayley's markers and metadata, six.
const maxHeld = 64

// Stream opens a Stream, or returns nil when the store cannot take one: it
// holds quads or values already, or its backend has no Loader.
func (st *Store) Stream(ctx context.Context) (backend.Stream, error) {
	if st.db.load == nil {
		return nil, nil
	}
	if empty, err := st.empty(ctx); err != nil || !empty {
		return nil, err
	}
	load, err := st.db.load()
	if err != nil {
		return nil, st.check(st.db.note(err))
	}
	old, err := load.Held(maxHeld)
	if err != nil || old == nil {
		load.Discard()
		return nil, st.check(st.db.note(err))
	}
	s := &Stream{
		st: st, load: load, old: old,
		in: make(chan streamRun, 2), done: make(chan struct{}),
		now:    time.Now().UnixNano(),
		byHash: map[cgraph.ValueHash]int32{},
	}
	if s.log, err = s.run(logPrefix, nil); err != nil {
		load.Discard()
		return nil, st.check(err)
	}
	go s.write()
	return s, nil
}

// empty reports whether the store holds no quad or value.
func (st *Store) empty(ctx context.Context) (bool, error) {
	tx, err := st.db.Tx(false)
	if err != nil {
		return false, st.check(err)
	}
	defer tx.Close()
	horizon, err := metaInt(ctx, tx, "horizon")
	var size int64
	if err == nil {
		size, err = metaInt(ctx, tx, "size")
	}
	return err == nil && horizon == 0 && size == 0, st.check(err)
}

// Add hands over a run of the batch's quads, given as terms, and the batch's
// terms; neither may change until Commit or Abort returns (the batch may add
// terms past those the run names). It waits while the writer is two runs
// behind.
func (s *Stream) Add(terms []quad.Value, quads iter.Seq[[4]uint32]) {
	s.in <- streamRun{terms: terms, quads: quads}
}

// write writes the runs handed over until Commit or Abort.
func (s *Stream) write() {
	defer close(s.done)
	for run := range s.in {
		if s.err == nil {
			s.err = s.writeRunSafely(run)
		}
	}
}

// writeRunSafely is writeRun, with a panic of the code it calls (cayley's
// hashing or marshalling of a value) made the stream's error: the batch's
// commit returns it instead of the process ending on this goroutine.
func (s *Stream) writeRunSafely(run streamRun) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("kvstore: writing a first load: %v", p)
		}
	}()
	return s.writeRun(run)
}

func (s *Stream) writeRun(run streamRun) error {
	if n := len(run.terms); len(s.nodeOf) < n {
		s.nodeOf = append(s.nodeOf, make([]int32, n-len(s.nodeOf))...)
	}
	for q := range run.quads {
		var at [4]int32
		for d, t := range q {
			if t == 0 {
				continue
			}
			n := s.nodeOf[t]
			if n == 0 {
				var err error
				if n, err = s.node(run.terms[t]); err != nil {
					return err
				}
				s.nodeOf[t] = n
			}
			at[d] = n
		}
		if !s.seen.add(at, s.quadAt) {
			continue // a repeat: one addition (backend.Additions' Once)
		}
		for _, n := range at {
			if n > 0 {
				s.nodes[n-1].refs++
			}
		}
		p := proto.Primitive{ID: s.nextID(), Timestamp: s.now,
			Subject: nodeID(s.nodes, at[0]), Predicate: nodeID(s.nodes, at[1]),
			Object: nodeID(s.nodes, at[2]), Label: nodeID(s.nodes, at[3])}
		if err := s.log.putLog(&p); err != nil {
			return err
		}
		if len(s.quads) == 0 || len(s.quads[len(s.quads)-1]) == 1<<runBits {
			s.quads = append(s.quads, make([]streamQuad, 0, 1<<runBits))
		}
		last := &s.quads[len(s.quads)-1]
		*last = append(*last, streamQuad{at: at, id: p.ID})
	}
	return nil
}

// nextID gives the next id that is a plainID.
func (s *Stream) nextID() uint64 {
	s.next++
	for !plainID(s.next) {
		s.next++
	}
	return s.next
}

// plainID reports whether no byte of id (as cayley's keys hold it, 8 bytes
// big-endian) is one that a flat key escapes, so that the flat keys of
// plain ids are in the order of the ids. About one id in 40 of the first
// millions is not.
func plainID(id uint64) bool {
	for ; id != 0; id >>= 8 {
		if b := byte(id); b == '/' || b == '\\' {
			return false
		}
	}
	return true
}

// quadSet is a set of a stream's quads: an open-addressing table whose
// entries hold 32 bits of a quad's hash and 1 + the quad's place in the
// stream. A lookup compares the hashes in the table, and reads a quad only
// when its hash is the one sought, so that the quads a probe passes cost no
// read of their own; the table grows from the hashes it holds.
type quadSet struct {
	table []uint64 // hash<<32 | 1+place; 0 for none
	shift uint     // 32 - log2(len(table))
	n     int
}

// add adds a, the values of the quad that is the set's next (the n-th, n
// the set's size), and reports whether the set lacked it; at returns the
// values of the set's k-th quad.
func (qs *quadSet) add(a [4]int32, at func(int32) [4]int32) bool {
	if 4*(qs.n+1) > 3*len(qs.table) {
		qs.grow()
	}
	h := uint32(hashQuad(a) >> 32)
	mask := len(qs.table) - 1
	for i := int(h >> qs.shift); ; i = (i + 1) & mask {
		e := qs.table[i]
		if e == 0 {
			qs.table[i] = uint64(h)<<32 | uint64(qs.n+1)
			qs.n++
			return true
		}
		if uint32(e>>32) == h && at(int32(uint32(e)-1)) == a {
			return false
		}
	}
}

// grow doubles the table (from 1<<16 places).
func (qs *quadSet) grow() {
	old := qs.table
	size := max(1<<16, 2*len(old))
	qs.table = make([]uint64, size)
	qs.shift = uint(32 - bits.TrailingZeros(uint(size)))
	mask := size - 1
	for _, e := range old {
		if e == 0 {
			continue
		}
		i := int(uint32(e>>32) >> qs.shift)
		for qs.table[i] != 0 {
			i = (i + 1) & mask
		}
		qs.table[i] = e
	}
}

// hashQuad mixes a quad's values into 64 bits.
func hashQuad(a [4]int32) uint64 {
	h := uint64(uint32(a[0]))*0x9e3779b97f4a7c15 ^ uint64(uint32(a[1]))*0xc2b2ae3d27d4eb4f ^
		uint64(uint32(a[2]))*0x165667b19e3779f9 ^ uint64(uint32(a[3]))*0x27d4eb2f165667c5
	h ^= h >> 29
	h *= 0xbf58476d1ce4e5b9
	return h ^ h>>32
}

// node returns 1 + the place in s.nodes of v's node, giving v one (and its
// log entry) if no value of its hash has one.
func (s *Stream) node(v quad.Value) (int32, error) {
	h := cgraph.HashOf(v)
	if n, ok := s.byHash[h]; ok {
		return n, nil
	}
	id := s.nextID()
	s.nodes = append(s.nodes, addNode{hash: h, value: v, id: id})
	n := int32(len(s.nodes))
	s.byHash[h] = n
	b, err := pquads.MarshalValue(v)
	if err != nil {
		return 0, err
	}
	p := proto.Primitive{ID: id, Value: b, Timestamp: s.now}
	return n, s.log.putLog(&p)
}

// stop ends the writer once it has written every run handed over.
func (s *Stream) stop() {
	s.once.Do(func() { close(s.in) })
	<-s.done
}

// Abort discards what the stream wrote. It may be called more than once, and
// after Commit.
func (s *Stream) Abort() {
	s.stop()
	if s.load != nil {
		s.load.Discard()
		s.load = nil
	}
}

// Commit writes the rest of the batch and makes it visible as Apply would,
// obeying ctx while it writes and holding publish (nil when the caller holds
// the store exclusively) while it commits. It calls read, when not nil, once
// it is done with the batch's runs and terms.
func (s *Stream) Commit(ctx context.Context, publish sync.Locker, read func()) error {
	s.stop()
	// read starts the caller's own work on the batch (the graph's read
	// index): once the index lists are sorted, so that it does not hold up
	// the sorting and the tables' writing, which the commit waits for.
	readOnce := sync.OnceFunc(func() {
		if read != nil {
			read()
		}
	})
	defer readOnce()
	if s.load == nil {
		return errStreamAborted
	}
	defer s.Abort()
	if s.err != nil {
		return s.st.check(s.err)
	}
	if err := s.log.close(); err != nil {
		return s.st.check(err)
	}
	return s.st.apply(ctx, publish, true, func() error {
		s.st.db.mu.Lock()
		c := s.st.db.current
		s.st.db.mu.Unlock()
		n := s.seen.n
		// The index lists are sorted and written on a core each; the rest
		// (meta, the nodes' counts and ids) beside them.
		var sorted sync.WaitGroup
		sorted.Add(2)
		var lists sync.WaitGroup
		var opsErr, spErr error
		lists.Go(func() {
			opsErr = s.writeList(c, opsIndex, 3, &sorted, func(k int) listEntry {
				q := s.quad(k)
				return listEntry{[3]uint64{nodeID(s.nodes, q.at[2]), nodeID(s.nodes, q.at[1]), nodeID(s.nodes, q.at[0])}, q.id}
			})
		})
		lists.Go(func() {
			spErr = s.writeList(c, spIndex, 2, &sorted, func(k int) listEntry {
				q := s.quad(k)
				return listEntry{[3]uint64{nodeID(s.nodes, q.at[0]), nodeID(s.nodes, q.at[1])}, q.id}
			})
		})
		go func() {
			sorted.Wait()
			readOnce()
		}()
		err := s.writeRest(c, n)
		lists.Wait()
		if err = errors.Join(err, opsErr, spErr); err != nil {
			return err
		}
		if err := c.err(); err != nil {
			return err
		}
		if c.publish != nil {
			c.publish.Lock()
			defer c.publish.Unlock()
		}
		err = s.st.db.note(s.load.Commit())
		s.load = nil
		return err
	})
}

// writeList sorts the n entries of an index list entry gives (their keys
// keyLen ids long), tells sorted, and writes them as a run of the load.
func (s *Stream) writeList(c *commitGuard, index []byte, keyLen int, sorted *sync.WaitGroup, entry func(k int) listEntry) error {
	entries := sortedByFirst(s.seen.n, s.next, entry)
	sorted.Done()
	w, err := s.run(index, c)
	if err != nil {
		return err
	}
	if err := putRuns(w, index, keyLen, entries, 1, nil); err != nil {
		return err
	}
	return w.close()
}

// writeRest writes what the load holds besides the log and the index lists:
// the metadata, the nodes' counts and ids, and whatever else the store held.
func (s *Stream) writeRest(c *commitGuard, added int) error {
	meta, err := s.run(metaBucket[0], c)
	if err != nil {
		return err
	}
	if err := meta.put(metaBucket[0], []byte("horizon"), metaInt64(int64(s.next))); err != nil {
		return err
	}
	if err := meta.put(metaBucket[0], []byte("size"), metaInt64(int64(added))); err != nil {
		return err
	}
	if err := meta.close(); err != nil {
		return err
	}
	// The nodes' buckets start with 'n' and 'v', then the first two bytes of
	// the hash, then the hash: their flat keys are in the order of their
	// hashes' flat forms.
	byKey := slices.Clone(s.nodes)
	slices.SortFunc(byKey, func(a, b addNode) int { return compareFlat(a.hash[:], b.hash[:]) })
	for _, bucket := range []byte{'n', 'v'} {
		w, err := s.run([]byte{bucket}, c)
		if err != nil {
			return err
		}
		for i := range byKey {
			x := byKey[i].refs
			if bucket == 'v' {
				x = byKey[i].id
			}
			if err := putNode(w, bucket, &byKey[i], x); err != nil {
				return err
			}
		}
		if err := w.close(); err != nil {
			return err
		}
	}
	// Keys the store held outside cayley's buckets, each a run of its own.
	for _, kv := range s.old {
		if familyOf(kv.Key) != nil {
			continue
		}
		tw, err := s.load.Table()
		if err == nil {
			err = tw.Put(kv.Key, kv.Value)
			err = errors.Join(err, tw.Close())
		}
		if err != nil {
			return s.st.db.note(err)
		}
	}
	return nil
}

// families are the prefixes of the flat keys of cayley's buckets, each
// written as a run of a first load.
var families = [][]byte{[]byte("log/"), []byte("meta/"), []byte("n"), []byte("ops/"), []byte("sp/"), []byte("v")}

// familyOf returns the family of the flat key k, nil for none.
func familyOf(k []byte) []byte {
	for _, f := range families {
		if bytes.HasPrefix(k, f) {
			return f
		}
	}
	return nil
}

// run opens a run of the load for the keys of a family (see families), the
// one of the bucket given, with the store's keys of the family merged in; c
// is the commit under way (nil in the stream).
func (s *Stream) run(bucket []byte, c *commitGuard) (*runWriter, error) {
	f := familyOf(append(slices.Clone(bucket), '/'))
	tw, err := s.load.Table()
	if err != nil {
		return nil, s.st.db.note(err)
	}
	w := &runWriter{tw: tw, db: s.st.db, c: c}
	for _, kv := range s.old {
		if bytes.HasPrefix(kv.Key, f) {
			w.old = append(w.old, kv)
		}
	}
	return w, nil
}

// runWriter writes a run of a first load: its keys in ascending order, with
// the store's own keys of the run (old) in their places. A key written
// replaces the store's. In a commit (c not nil) it obeys c.
type runWriter struct {
	tw  TableWriter
	db  *guardedKV
	c   *commitGuard
	old []KeyValue
	key []byte
	n   int
}

func (w *runWriter) put(bucket, key, value []byte) error {
	w.key = appendFlat(w.key[:0], bucket, key)
	return w.putFlat(w.key, value)
}

func (w *runWriter) putFlat(key, value []byte) error {
	if w.c != nil {
		if w.db.onPut != nil {
			w.db.onPut()
		}
		if w.n++; w.db.onPut != nil || w.n%1024 == 0 {
			if err := w.c.err(); err != nil {
				return err
			}
		}
	}
	for len(w.old) > 0 && bytes.Compare(w.old[0].Key, key) <= 0 {
		if !bytes.Equal(w.old[0].Key, key) {
			if err := w.db.note(w.tw.Put(w.old[0].Key, w.old[0].Value)); err != nil {
				return err
			}
		}
		w.old = w.old[1:]
	}
	return w.db.note(w.tw.Put(key, value))
}

// putLog writes the log entry of p.
func (w *runWriter) putLog(p *proto.Primitive) error {
	var key [8]byte
	binary.BigEndian.PutUint64(key[:], p.ID)
	v, err := p.Marshal()
	if err != nil {
		return err
	}
	return w.put(logPrefix, key[:], v)
}

// close writes the store's keys of the run not yet written, and ends it.
func (w *runWriter) close() error {
	for _, kv := range w.old {
		if err := w.db.note(w.tw.Put(kv.Key, kv.Value)); err != nil {
			return err
		}
	}
	w.old = nil
	return w.db.note(w.tw.Close())
}

// compareFlat compares a and b as their flat forms compare: bytes in order,
// but for the two a flat key escapes with '\', which come after the bytes
// below '\' ('/' as "\/", then '\' as "\\").
func compareFlat(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return int(flatRank[a[i]]) - int(flatRank[b[i]])
		}
	}
	return len(a) - len(b)
}

// flatRank orders bytes as compareFlat does.
var flatRank = func() (r [256]uint16) {
	for b := range 256 {
		switch {
		case b == '/': // as "\/", below "\\"
			r[b] = '\\' << 1
		case b == '\\':
			r[b] = '\\'<<1 | 1
		default:
			r[b] = uint16(b) << 1
		}
	}
	return r
}()

// sortedByFirst returns the n entries entry gives, in the order sortEntries
// gives them, their first ids at most max and their quads' ids rising with k.
// The entries are counted into place by their first id (the ids of a load's
// values are dense), and each run of one first id, most a few entries long,
// is sorted on its own: a sort of every entry with a comparison of three ids
// was a fifth of a first load's commit.
func sortedByFirst(n int, max uint64, entry func(k int) listEntry) []listEntry {
	at := make([]int32, max+2) // at[id+1]: how many entries have first id id, then where they start
	for k := range n {
		at[entry(k).dirs[0]+1]++
	}
	for i := 1; i < len(at); i++ {
		at[i] += at[i-1]
	}
	out := make([]listEntry, n)
	next := slices.Clone(at)
	for k := range n {
		e := entry(k)
		out[next[e.dirs[0]]] = e
		next[e.dirs[0]]++
	}
	for id := range max + 1 {
		if run := out[at[id]:at[id+1]]; len(run) > 1 {
			sortEntries(run)
		}
	}
	return out
}
