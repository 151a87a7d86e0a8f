package kvstore

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"iter"
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
// batch hands over is written to the store's log on a core of its own, and
// the commit writes only what needs the whole batch (the counts of the
// values, the index lists, the values' ids). The writes go into one
// transaction of the backend's, as addQuads's do, which the commit makes
// visible at once and Abort discards: a batch that fails writes nothing.
//
// The ids differ from those addQuads (and cayley's ApplyDeltas) give the same
// batch: a value gets its id when a quad first names it, and a quad the next
// one, so that the ids of values and quads interleave. cayley reads them
// alike (TestStreamWritesWhatAddQuadsWrites).
//
// Add, Commit and Abort are called from one goroutine.
type Stream struct {
	st   *Store
	tx   addTx
	w    *putter
	in   chan streamRun
	done chan struct{}
	once sync.Once

	// The writer's, until done is closed.
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

// Stream opens a Stream, or returns nil when the store cannot take one: it
// holds quads or values already, or its backend has no bulk transactions
// (bolt's transaction may not be written from two goroutines in turn while
// readers read).
func (st *Store) Stream(ctx context.Context) (backend.Stream, error) {
	if st.db.bulk == nil {
		return nil, nil
	}
	tx, err := st.addTx()
	if err != nil {
		return nil, err
	}
	horizon, err := metaInt(ctx, tx, "horizon")
	var size int64
	if err == nil {
		size, err = metaInt(ctx, tx, "size")
	}
	if err != nil || horizon != 0 || size != 0 {
		tx.Close()
		return nil, err
	}
	s := &Stream{
		st: st, tx: tx, w: newPutter(tx),
		in: make(chan streamRun, 2), done: make(chan struct{}),
		now:    time.Now().UnixNano(),
		byHash: map[cgraph.ValueHash]int32{},
	}
	go s.write()
	return s, nil
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
		s.next++
		p := proto.Primitive{ID: s.next, Timestamp: s.now,
			Subject: nodeID(s.nodes, at[0]), Predicate: nodeID(s.nodes, at[1]),
			Object: nodeID(s.nodes, at[2]), Label: nodeID(s.nodes, at[3])}
		if err := s.w.putLog(&p); err != nil {
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

// quadSet is a set of a stream's quads: an open-addressing table of 1 + the
// places of the quads in the stream, by a hash of their values. Each place
// takes 4 bytes (8 at most, with the table's room), where a map of the
// quads' values takes 16 and its slack; a lookup reads the table and the
// quad.
type quadSet struct {
	table []uint32
	n     int
}

// add adds a, the values of the quad that is the set's next (the n-th, n
// the set's size), and reports whether the set lacked it; at returns the
// values of the set's k-th quad.
func (qs *quadSet) add(a [4]int32, at func(int32) [4]int32) bool {
	if 4*(qs.n+1) > 3*len(qs.table) {
		qs.grow(at)
	}
	mask := uint64(len(qs.table) - 1)
	for i := hashQuad(a) & mask; ; i = (i + 1) & mask {
		k := qs.table[i]
		if k == 0 {
			qs.table[i] = uint32(qs.n + 1)
			qs.n++
			return true
		}
		if at(int32(k-1)) == a {
			return false
		}
	}
}

// grow doubles the table (from 1<<16 places).
func (qs *quadSet) grow(at func(int32) [4]int32) {
	old := qs.table
	qs.table = make([]uint32, max(1<<16, 2*len(old)))
	mask := uint64(len(qs.table) - 1)
	for _, k := range old {
		if k == 0 {
			continue
		}
		i := hashQuad(at(int32(k-1))) & mask
		for qs.table[i] != 0 {
			i = (i + 1) & mask
		}
		qs.table[i] = k
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
	s.next++
	s.nodes = append(s.nodes, addNode{hash: h, value: v, id: s.next})
	n := int32(len(s.nodes))
	s.byHash[h] = n
	b, err := pquads.MarshalValue(v)
	if err != nil {
		return 0, err
	}
	p := proto.Primitive{ID: s.next, Value: b, Timestamp: s.now}
	return n, s.w.putLog(&p)
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
	if s.w != nil {
		_ = s.w.finish(errStreamAborted)
		s.tx.Close()
		s.w = nil
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
	// the sorting and the store's writes, which the commit waits for.
	readOnce := func() {
		if read != nil {
			read()
			read = nil
		}
	}
	defer readOnce()
	if s.w == nil {
		return errStreamAborted
	}
	defer s.Abort()
	if s.err != nil {
		return s.st.check(s.err)
	}
	// The writes from here on obey the commit: the transaction takes the
	// commit's guard once the writer is idle.
	if err := s.w.drain(); err != nil {
		return s.st.check(err)
	}
	return s.st.apply(ctx, publish, true, func() error {
		if b, ok := s.tx.(*bulkAddTx); ok {
			s.st.db.mu.Lock()
			b.c = s.st.db.current
			s.st.db.mu.Unlock()
		}
		n := s.seen.n
		for _, c := range s.quads {
			for _, q := range c {
				for _, v := range q.at {
					if v > 0 {
						s.nodes[v-1].refs++
					}
				}
			}
		}
		listed := make(chan lists, 1)
		go func() {
			var sp, ops []listEntry
			var wg sync.WaitGroup
			wg.Go(func() {
				sp = sortedByFirst(n, s.next, func(k int) listEntry {
					q := s.quad(k)
					return listEntry{[3]uint64{nodeID(s.nodes, q.at[0]), nodeID(s.nodes, q.at[1])}, q.id}
				})
			})
			ops = sortedByFirst(n, s.next, func(k int) listEntry {
				q := s.quad(k)
				return listEntry{[3]uint64{nodeID(s.nodes, q.at[2]), nodeID(s.nodes, q.at[1]), nodeID(s.nodes, q.at[0])}, q.id}
			})
			wg.Wait()
			listed <- lists{sp: sp, ops: ops}
		}()
		// The lists are built from the nodes' places in s.nodes, which stay:
		// the counts and ids are written from a copy in hash order.
		byHash := slices.Clone(s.nodes)
		slices.SortFunc(byHash, func(a, b addNode) int { return bytes.Compare(a.hash[:], b.hash[:]) })
		err := putTail(ctx, s.tx, s.w, byHash, listed, tail{next: int64(s.next), added: n, firstNew: 1, listed: readOnce})
		w := s.w
		s.w = nil // Abort has nothing left to finish
		if err = w.finish(err); err != nil {
			s.tx.Close()
			return err
		}
		err = s.tx.Commit(ctx)
		s.tx.Close()
		return err
	})
}

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
