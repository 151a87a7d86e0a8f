package kvstore

import (
	"bytes"
	"context"
	"errors"
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
	quads  [][]streamQuad // in runs of 1<<14, repeats too
}

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

var errStreamAborted = errors.New("stream aborted")

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
			s.err = s.writeRun(run)
		}
	}
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
		// A repeat is written too, and found at commit: looking for it here
		// would cost a set of every quad on the way.
		s.next++
		p := proto.Primitive{ID: s.next, Timestamp: s.now,
			Subject: nodeID(s.nodes, at[0]), Predicate: nodeID(s.nodes, at[1]),
			Object: nodeID(s.nodes, at[2]), Label: nodeID(s.nodes, at[3])}
		if err := s.w.putLog(&p); err != nil {
			return err
		}
		if len(s.quads) == 0 || len(s.quads[len(s.quads)-1]) == 1<<14 {
			s.quads = append(s.quads, make([]streamQuad, 0, 1<<14))
		}
		last := &s.quads[len(s.quads)-1]
		*last = append(*last, streamQuad{at: at, id: p.ID})
	}
	return nil
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
	if read != nil {
		read()
	}
	if s.w == nil {
		return errStreamAborted
	}
	defer s.Abort()
	if s.err != nil {
		return s.err
	}
	// The writes from here on obey the commit: the transaction takes the
	// commit's guard once the writer is idle.
	if err := s.w.drain(); err != nil {
		return err
	}
	return s.st.apply(ctx, publish, true, func() error {
		if b, ok := s.tx.(*bulkAddTx); ok {
			s.st.db.mu.Lock()
			b.c = s.st.db.current
			s.st.db.mu.Unlock()
		}
		unique, err := s.repeats()
		if err != nil {
			return err
		}
		for _, q := range unique {
			for _, n := range q.at {
				if n > 0 {
					s.nodes[n-1].refs++
				}
			}
		}
		listed := make(chan lists, 1)
		go func() {
			sp := make([]listEntry, len(unique))
			ops := make([]listEntry, len(unique))
			var wg sync.WaitGroup
			wg.Go(func() {
				for k, q := range unique {
					sp[k] = listEntry{[3]uint64{nodeID(s.nodes, q.at[0]), nodeID(s.nodes, q.at[1])}, q.id}
				}
				sortEntries(sp)
			})
			for k, q := range unique {
				ops[k] = listEntry{[3]uint64{nodeID(s.nodes, q.at[2]), nodeID(s.nodes, q.at[1]), nodeID(s.nodes, q.at[0])}, q.id}
			}
			sortEntries(ops)
			wg.Wait()
			listed <- lists{sp: sp, ops: ops}
		}()
		// The nodes' places are fixed from here on: the lists are built from them.
		order := make([]int32, len(s.nodes))
		for i := range order {
			order[i] = int32(i)
		}
		slices.SortFunc(order, func(a, b int32) int { return bytes.Compare(s.nodes[a].hash[:], s.nodes[b].hash[:]) })
		byHash := make([]addNode, len(s.nodes))
		for i, n := range order {
			byHash[i] = s.nodes[n]
		}
		err = putTail(ctx, s.tx, s.w, byHash, listed, tail{next: int64(s.next), added: len(unique), firstNew: 1})
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

// repeats returns the quads the stream wrote but for those that repeat an
// earlier one, whose log entries it marks deleted, as cayley marks a quad it
// removed. A load's quads are looked at on two cores, each finding the
// repeats of half of them.
func (s *Stream) repeats() ([]streamQuad, error) {
	n := 0
	for _, c := range s.quads {
		n += len(c)
	}
	repeat := make([]bool, n)
	var wg sync.WaitGroup
	for part := range 2 {
		wg.Go(func() {
			seen := make(map[[4]int32]struct{}, n/2)
			k := 0
			for _, c := range s.quads {
				for _, q := range c {
					if half(q.at) == part {
						if _, ok := seen[q.at]; ok {
							repeat[k] = true
						} else {
							seen[q.at] = struct{}{}
						}
					}
					k++
				}
			}
		})
	}
	wg.Wait()
	unique := make([]streamQuad, 0, n)
	k := 0
	for i, c := range s.quads {
		for _, q := range c {
			if !repeat[k] {
				unique = append(unique, q)
			} else {
				p := proto.Primitive{ID: q.id, Timestamp: s.now, Deleted: true,
					Subject: nodeID(s.nodes, q.at[0]), Predicate: nodeID(s.nodes, q.at[1]),
					Object: nodeID(s.nodes, q.at[2]), Label: nodeID(s.nodes, q.at[3])}
				if err := s.w.putLog(&p); err != nil {
					return nil, err
				}
			}
			k++
		}
		s.quads[i] = nil
	}
	return unique, nil
}
