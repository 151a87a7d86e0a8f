package kvstore

import (
	"bytes"
	"cmp"
	"context"
	"encoding/binary"
	"fmt"
	"slices"
	"sync/atomic"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
	hkv "github.com/hidal-go/hidalgo/kv"

	"github.com/actorgraph/actorgraph/graph/internal/backend"
)

// This file writes a batch of additions in cayley's key-value layout itself,
// the keys and values cayley's kv.QuadStore.ApplyDeltas writes for the same
// batch (TestAddsWriteWhatCayleyWrites compares them), in one transaction, but
// in the order that is fastest for leveldb: every read the batch needs (the
// ids of the values already stored, the quads that may already be stored and
// the index lists the batch extends) is made before the first write, so
// against the committed store alone, and every write goes in key order.
// cayley's ApplyDeltas interleaves them: its lookups of each index list walk
// every table its own transaction has written so far.
//
// The layout (cayley v0.7.7 graph/kv, with its default indexes):
//   - meta/horizon: the last id given, meta/size: the number of live quads,
//     both little-endian int64;
//   - v<h0><h1>/<hash>: the id of the node of a value (uvarint), hash its
//     quad.HashOf;
//   - n<h0><h1>/<hash>: the number of quads naming the node (uvarint; cayley
//     counts every addition of a quad, even one that was already there);
//   - log/<id, 8 bytes big-endian>: the node or quad, a proto.Primitive;
//   - sp/<subject><predicate>, ops/<object><predicate><subject> (ids, 8 bytes
//     big-endian each): the ids of the quads (uvarints, in the order added).

var (
	metaBucket = hkv.Key{[]byte("meta")}
	spIndex    = []byte("sp")
	opsIndex   = []byte("ops")
)

// addNode is a value of the batch: its hash, id, and how many of the batch's
// quads name it.
type addNode struct {
	hash  cgraph.ValueHash
	value quad.Value
	id    uint64
	refs  uint64
	stale []byte // its count of quads before the batch; nil when new
	place int32  // its place in the batch's order of first use
}

// addQuads writes deltas, additions all, as ApplyDeltas with IgnoreDup would,
// in one write transaction of st.db (which obeys the commit under way).
func (st *Store) addQuads(ctx context.Context, deltas []cgraph.Delta) error {
	tx, err := st.db.Tx(true)
	if err != nil {
		return err
	}
	defer tx.Close()

	horizon, err := metaInt(ctx, tx, "horizon")
	if err != nil {
		return err
	}
	size, err := metaInt(ctx, tx, "size")
	if err != nil {
		return err
	}

	// The batch's values, in the order of their hashes (cayley's), with the
	// ids of those already stored. at holds each quad's values, as 1 + their
	// place in nodes; an IRI is hashed once, however many quads name it.
	byHash := make(map[cgraph.ValueHash]int32, len(deltas))
	byIRI := make(map[quad.IRI]int32)
	var nodes []addNode
	at := make([][4]int32, len(deltas))
	for i, delta := range deltas {
		for d, dir := range quad.Directions {
			v := delta.Quad.Get(dir)
			if v == nil {
				continue
			}
			iri, isIRI := v.(quad.IRI)
			n, ok := byIRI[iri]
			if !isIRI || !ok {
				h := cgraph.HashOf(v)
				if n, ok = byHash[h]; !ok {
					n = int32(len(nodes))
					byHash[h] = n
					nodes = append(nodes, addNode{hash: h, value: v})
				}
				if isIRI {
					byIRI[iri] = n
				}
			}
			nodes[n].refs++
			at[i][d] = n + 1
		}
	}
	byHash, byIRI = nil, nil
	order := make([]int32, len(nodes)) // order[n]: the place of nodes[n] once sorted
	for i := range nodes {
		nodes[i].place = int32(i)
	}
	slices.SortFunc(nodes, func(a, b addNode) int { return bytes.Compare(a.hash[:], b.hash[:]) })
	for i := range nodes {
		order[nodes[i].place] = int32(i)
	}
	if horizon > 0 {
		// A store with values: look each one up (in key order), and the
		// count of quads of those found.
		keys := make([]hkv.Key, len(nodes))
		for i := range nodes {
			keys[i] = valueKey('v', nodes[i].hash)
		}
		ids, err := tx.GetBatch(ctx, keys)
		if err != nil {
			return err
		}
		keys = keys[:0]
		var found []int
		for i, b := range ids {
			if len(b) > 0 {
				nodes[i].id, _ = binary.Uvarint(b)
				keys = append(keys, valueKey('n', nodes[i].hash))
				found = append(found, i)
			}
		}
		counts, err := tx.GetBatch(ctx, keys)
		if err != nil {
			return err
		}
		for k, i := range found {
			nodes[i].stale = append([]byte{}, counts[k]...)
		}
	}
	next := uint64(horizon)
	for i := range nodes {
		if nodes[i].stale == nil {
			next++
			nodes[i].id = next
		}
	}
	firstNew := uint64(horizon) + 1 // ids from here on are the batch's

	// The batch's quads, as ids: the first of each, less those already stored.
	links := make([]proto.Primitive, 0, len(deltas))
	seen := make(map[[4]uint64]struct{}, len(deltas))
	for i := range deltas {
		var ids [4]uint64
		old := true
		for d, n := range at[i] {
			if n > 0 {
				ids[d] = nodes[order[n-1]].id
				old = old && ids[d] < firstNew
			}
		}
		if _, ok := seen[ids]; ok {
			continue
		}
		seen[ids] = struct{}{}
		links = append(links, proto.Primitive{Subject: ids[0], Predicate: ids[1], Object: ids[2], Label: ids[3]})
		if !old {
			links[len(links)-1].ID = 1 // new for sure
		}
	}
	seen, at, order = nil, nil, nil
	if err := dropStored(ctx, tx, &links); err != nil {
		return err
	}
	now := time.Now().UnixNano()
	for i := range links {
		next++
		links[i].ID, links[i].Timestamp = next, now
	}

	// The index lists the batch extends are put together while the log is
	// written.
	type lists struct{ sp, ops []indexList }
	listed := make(chan lists, 1)
	go func() {
		listed <- lists{
			sp: indexLists(spIndex, 2, links, firstNew, func(p *proto.Primitive) [3]uint64 {
				return [3]uint64{p.Subject, p.Predicate}
			}),
			ops: indexLists(opsIndex, 3, links, firstNew, func(p *proto.Primitive) [3]uint64 {
				return [3]uint64{p.Object, p.Predicate, p.Subject}
			}),
		}
	}()
	waited := false
	err = writeAll(tx, func(put func(hkv.Key, []byte) error, drain func() error) error {
		// In key order: log, meta, n, then ops, sp and v.
		for i := range nodes {
			if nodes[i].stale != nil {
				continue
			}
			b, err := pquads.MarshalValue(nodes[i].value)
			if err != nil {
				return err
			}
			p := proto.Primitive{ID: nodes[i].id, Value: b, Timestamp: now}
			if err := putLog(put, &p); err != nil {
				return err
			}
		}
		for i := range links {
			if err := putLog(put, &links[i]); err != nil {
				return err
			}
		}
		if next != uint64(horizon) {
			if err := put(metaKey("horizon"), metaInt64(int64(next))); err != nil {
				return err
			}
		}
		if len(links) > 0 {
			if err := put(metaKey("size"), metaInt64(size+int64(len(links)))); err != nil {
				return err
			}
		}
		for i := range nodes {
			count, _ := binary.Uvarint(nodes[i].stale)
			if err := put(valueKey('n', nodes[i].hash), binary.AppendUvarint(nil, count+nodes[i].refs)); err != nil {
				return err
			}
		}
		l := <-listed
		waited = true
		// The reads of the lists the store holds wait for the writes so far:
		// a transaction (bolt's) may not be read and written at once.
		if err := drain(); err != nil {
			return err
		}
		if err := extend(ctx, tx, l.ops); err != nil {
			return err
		}
		if err := extend(ctx, tx, l.sp); err != nil {
			return err
		}
		for _, l := range [][]indexList{l.ops, l.sp} {
			for _, e := range l {
				if err := put(e.key(), e.ids); err != nil {
					return err
				}
			}
		}
		for i := range nodes {
			if nodes[i].stale == nil {
				if err := put(valueKey('v', nodes[i].hash), binary.AppendUvarint(nil, nodes[i].id)); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if !waited {
		<-listed // a write failed: let the lists' goroutine end
	}
	if err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// writeAll calls produce with a put that hands each key and value to a
// goroutine which writes them to tx in the order given, so that preparing
// them and writing them take a core each, and a drain that returns once every
// write handed over is done (tx may then be read). put and drain fail once a
// write has failed; writeAll returns the first error of either side, once
// every write handed over is done.
func writeAll(tx hkv.Tx, produce func(put func(hkv.Key, []byte) error, drain func() error) error) error {
	type kv struct {
		k hkv.Key
		v []byte
	}
	type batch struct {
		kvs  []kv
		done chan struct{} // closed once kvs are written (drain's)
	}
	const size = 4096
	batches := make(chan batch, 4)
	var failed atomic.Pointer[error]
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		for b := range batches {
			for _, e := range b.kvs {
				if failed.Load() != nil {
					break
				}
				if err := tx.Put(e.k, e.v); err != nil {
					failed.Store(&err)
				}
			}
			if b.done != nil {
				close(b.done)
			}
		}
	}()
	fail := func() error {
		if p := failed.Load(); p != nil {
			return *p
		}
		return nil
	}
	cur := make([]kv, 0, size)
	put := func(k hkv.Key, v []byte) error {
		if err := fail(); err != nil {
			return err
		}
		cur = append(cur, kv{k, v})
		if len(cur) == size {
			batches <- batch{kvs: cur}
			cur = make([]kv, 0, size)
		}
		return nil
	}
	drain := func() error {
		done := make(chan struct{})
		batches <- batch{kvs: cur, done: done}
		cur = make([]kv, 0, size)
		<-done
		return fail()
	}
	err := produce(put, drain)
	if err == nil && len(cur) > 0 {
		batches <- batch{kvs: cur}
	}
	close(batches)
	<-finished
	if err := fail(); err != nil {
		return err
	}
	return err
}

// dropStored removes from links the quads the store holds already (live),
// as cayley's hasPrimitive finds them: among the quads of the ops index list
// of the quad's object, predicate and subject. A link whose ID is set names a
// value new to the store: it is new.
func dropStored(ctx context.Context, tx hkv.Tx, links *[]proto.Primitive) error {
	var keys []hkv.Key
	var at []int
	for i, l := range *links {
		if l.ID == 0 {
			keys = append(keys, indexKey(opsIndex, l.Object, l.Predicate, l.Subject))
			at = append(at, i)
		}
	}
	if len(keys) == 0 {
		return nil
	}
	lists, err := tx.GetBatch(ctx, keys)
	if err != nil {
		return err
	}
	stored := make([]bool, len(*links))
	for j, b := range lists {
		ids, err := decodeIDs(b)
		if err != nil {
			return fmt.Errorf("cayley's index list %x: %v", keys[j], err)
		}
		l := &(*links)[at[j]]
		for k := len(ids) - 1; k >= 0 && !stored[at[j]]; k-- {
			v, err := tx.Get(ctx, logKey(ids[k]))
			if err != nil {
				return fmt.Errorf("cayley's log entry of quad %d: %v", ids[k], err)
			}
			var p proto.Primitive
			if err := p.Unmarshal(v); err != nil {
				return fmt.Errorf("cayley's log entry of quad %d: %v", ids[k], err)
			}
			stored[at[j]] = !p.Deleted && p.IsSameLink(l)
		}
	}
	kept := (*links)[:0]
	for i, l := range *links {
		if !stored[i] {
			kept = append(kept, l)
		}
	}
	*links = kept
	return nil
}

// indexList is one index list to write: its index, its place in the index
// (the key, made only when written: a million quads' keys need not be held at
// once) and its ids.
type indexList struct {
	index []byte
	dirs  [3]uint64
	n     int // the index's length: dirs[:n] are its key's ids
	ids   []byte
	old   bool // the store may hold the list already
}

func (l *indexList) key() hkv.Key { return indexKey(l.index, l.dirs[:l.n]...) }

// indexLists returns the lists of index, in key order, with the ids of links
// (in the order of links); dirs gives a link's place in the index (its ids, 0
// past the index's length, which is n). The list of a key whose ids were all
// stored before the batch (below firstNew) may hold ids already: it is
// marked old, for extend.
func indexLists(index []byte, n int, links []proto.Primitive, firstNew uint64, dirs func(*proto.Primitive) [3]uint64) []indexList {
	type entry struct {
		dirs [3]uint64
		id   uint64
	}
	entries := make([]entry, len(links))
	for i := range links {
		entries[i] = entry{dirs(&links[i]), links[i].ID}
	}
	slices.SortFunc(entries, func(a, b entry) int {
		for d := range a.dirs {
			if c := cmp.Compare(a.dirs[d], b.dirs[d]); c != 0 {
				return c
			}
		}
		return cmp.Compare(a.id, b.id)
	})
	var out []indexList
	for i := 0; i < len(entries); {
		j := i + 1
		for j < len(entries) && entries[j].dirs == entries[i].dirs {
			j++
		}
		var ids []byte
		for _, e := range entries[i:j] {
			ids = binary.AppendUvarint(ids, e.id)
		}
		out = append(out, indexList{
			index: index,
			dirs:  entries[i].dirs,
			n:     n,
			ids:   ids,
			old:   slices.Max(entries[i].dirs[:n]) < firstNew,
		})
		i = j
	}
	return out
}

// extend puts the ids the store's lists hold already before the batch's, in
// the lists marked old.
func extend(ctx context.Context, tx hkv.Tx, lists []indexList) error {
	var keys []hkv.Key
	var old []int
	for i, l := range lists {
		if l.old {
			keys = append(keys, l.key())
			old = append(old, i)
		}
	}
	if len(keys) == 0 {
		return nil
	}
	stored, err := tx.GetBatch(ctx, keys)
	if err != nil {
		return err
	}
	for k, i := range old {
		if len(stored[k]) > 0 {
			lists[i].ids = append(append([]byte{}, stored[k]...), lists[i].ids...)
		}
	}
	return nil
}

// decodeIDs decodes an index list.
func decodeIDs(b []byte) ([]uint64, error) {
	var ids []uint64
	for len(b) > 0 {
		id, n := binary.Uvarint(b)
		if n <= 0 {
			return nil, fmt.Errorf("bad uvarint")
		}
		ids = append(ids, id)
		b = b[n:]
	}
	return ids, nil
}

func valueKey(bucket byte, h cgraph.ValueHash) hkv.Key {
	return hkv.Key{{bucket, h[0], h[1]}, append([]byte{}, h[:]...)}
}

func indexKey(index []byte, ids ...uint64) hkv.Key {
	k := make([]byte, 0, 8*len(ids))
	for _, id := range ids {
		k = binary.BigEndian.AppendUint64(k, id)
	}
	return hkv.Key{index, k}
}

func logKey(id uint64) hkv.Key {
	return hkv.Key{logBucket[0], binary.BigEndian.AppendUint64(nil, id)}
}

func putLog(put func(hkv.Key, []byte) error, p *proto.Primitive) error {
	b, err := p.Marshal()
	if err != nil {
		return err
	}
	return put(logKey(p.ID), b)
}

// metaInt reads the counter key of cayley's meta bucket (0 when absent).
func metaInt(ctx context.Context, tx hkv.Tx, key string) (int64, error) {
	b, err := tx.Get(ctx, metaKey(key))
	if err == hkv.ErrNotFound || (err == nil && len(b) == 0) {
		return 0, nil
	} else if err != nil {
		return 0, err
	} else if len(b) != 8 {
		return 0, fmt.Errorf("cayley's meta/%s is %d bytes long, want 8: %w", key, len(b), backend.ErrCorrupt)
	}
	return int64(binary.LittleEndian.Uint64(b)), nil
}

func metaKey(key string) hkv.Key { return metaBucket.AppendBytes([]byte(key)) }

func metaInt64(v int64) []byte { return binary.LittleEndian.AppendUint64(nil, uint64(v)) }
