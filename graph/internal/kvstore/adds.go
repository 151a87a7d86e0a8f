package kvstore

import (
	"bytes"
	"cmp"
	"context"
	"encoding/binary"
	"fmt"
	"slices"
	"sync"
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

// addNode is a value of the batch: its hash, id (0 until known), and how
// many quads name it (with those stored before the batch, once it is known
// to be stored). A value is stored before the batch if its id is below the
// batch's first.
type addNode struct {
	hash  cgraph.ValueHash
	place int32 // its term in the batch's dictionary (batchNodes' own)
	value quad.Value
	id    uint64
	refs  uint64
}

// addQuads writes the additions of a, as ApplyDeltas with IgnoreDup would,
// in one write transaction (which obeys the commit under way). It calls read,
// when not nil, once it is done with a.
func (st *Store) addQuads(ctx context.Context, a backend.Additions, read func()) error {
	tx, err := st.addTx()
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

	nodes, at := batchNodes(a)
	if read != nil {
		read()
	}
	if horizon > 0 {
		if err := storedNodes(ctx, tx, nodes); err != nil {
			return err
		}
	}
	next := uint64(horizon)
	for i := range nodes {
		if nodes[i].id == 0 {
			next++
			nodes[i].id = next
		}
	}
	firstNew := uint64(horizon) + 1 // ids from here on are the batch's

	// The batch's quads, as the places of their values in nodes: the first
	// of each, less those already stored. Quad k gets the id firstQuad+k.
	// Into a store without values (a first load), none is stored, and the
	// repeats are found while the nodes' log entries are written.
	firstQuad := next + 1
	unique := make(chan [][4]int32, 1)
	switch {
	case a.Once && horizon == 0:
		unique <- at // batchNodes dropped the repeats
	case horizon == 0:
		go func(at [][4]int32) { unique <- firstOfEach(at) }(at)
	default:
		if !a.Once {
			at = firstOfEach(at)
		}
		if at, err = dropStored(ctx, tx, nodes, at, firstNew); err != nil {
			return err
		}
		unique <- at
	}
	at = nil
	ids := func(k int) (s, p, o, l uint64) {
		a := &at[k]
		return nodeID(nodes, a[0]), nodeID(nodes, a[1]), nodeID(nodes, a[2]), nodeID(nodes, a[3])
	}
	now := time.Now().UnixNano()

	// The index lists the batch extends are put together while the log is
	// written.
	listed := make(chan lists, 1)
	w := newPutter(tx)
	err = func() error {
		// In key order: log, meta, n, then ops, sp and v.
		for i := range nodes {
			if nodes[i].id < firstNew {
				continue // stored
			}
			b, err := pquads.MarshalValue(nodes[i].value)
			if err != nil {
				return err
			}
			p := proto.Primitive{ID: nodes[i].id, Value: b, Timestamp: now}
			if err := w.putLog(&p); err != nil {
				return err
			}
		}
		at = <-unique
		next += uint64(len(at))
		go func() {
			sp := make([]listEntry, len(at))
			ops := make([]listEntry, len(at))
			for k := range at {
				s, p, o, _ := ids(k)
				id := firstQuad + uint64(k)
				sp[k] = listEntry{[3]uint64{s, p}, id}
				ops[k] = listEntry{[3]uint64{o, p, s}, id}
			}
			sortEntries(sp)
			sortEntries(ops)
			listed <- lists{sp: sp, ops: ops}
		}()
		for k := range at {
			p := proto.Primitive{ID: firstQuad + uint64(k), Timestamp: now}
			p.Subject, p.Predicate, p.Object, p.Label = ids(k)
			if err := w.putLog(&p); err != nil {
				return err
			}
		}
		return putTail(ctx, tx, w, nodes, listed, tail{horizon: horizon, next: int64(next), size: size, added: len(at), firstNew: firstNew})
	}()
	if err = w.finish(err); err != nil {
		return err // the lists' goroutine ends on its own
	}
	return tx.Commit(ctx)
}

// lists is the entries of the index lists a batch extends, sorted.
type lists struct{ sp, ops []listEntry }

// tail is what putTail writes besides the nodes and lists: the last id
// given before the batch (horizon) and after it (next), the number of live
// quads before the batch (size) and that it adds (added), and the batch's
// first id.
type tail struct {
	horizon, next int64
	size          int64
	added         int
	firstNew      uint64
}

// putTail writes, once the batch's log entries are written, the rest of a
// batch of additions in key order: meta, the counts of nodes (sorted by
// hash), the index lists listed sends, and the ids of the batch's new nodes.
func putTail(ctx context.Context, tx addTx, w *putter, nodes []addNode, listed <-chan lists, t tail) error {
	if t.next != t.horizon {
		if err := w.put(metaBucket[0], []byte("horizon"), metaInt64(t.next)); err != nil {
			return err
		}
	}
	if t.added > 0 {
		if err := w.put(metaBucket[0], []byte("size"), metaInt64(t.size+int64(t.added))); err != nil {
			return err
		}
	}
	for i := range nodes {
		if err := putNode(w, 'n', &nodes[i], nodes[i].refs); err != nil {
			return err
		}
	}
	l := <-listed
	// The reads of the lists the store holds wait for the writes so far:
	// a transaction (bolt's) may not be read and written at once.
	if err := w.drain(); err != nil {
		return err
	}
	for _, index := range []struct {
		name    []byte
		n       int
		entries []listEntry
	}{{opsIndex, 3, l.ops}, {spIndex, 2, l.sp}} {
		if err := putLists(ctx, tx, w, index.name, index.n, index.entries, t.firstNew); err != nil {
			return err
		}
	}
	for i := range nodes {
		if nodes[i].id >= t.firstNew {
			if err := putNode(w, 'v', &nodes[i], nodes[i].id); err != nil {
				return err
			}
		}
	}
	return nil
}

// sink takes a commit's writes: a putter, or a run of a first load.
type sink interface {
	put(bucket, key, value []byte) error
}

// putNode writes x, the count (bucket 'n') or id ('v') of the node n, under
// its hash.
func putNode(w sink, bucket byte, n *addNode, x uint64) error {
	var v [binary.MaxVarintLen64]byte
	b := [3]byte{bucket, n.hash[0], n.hash[1]}
	return w.put(b[:], n.hash[:], binary.AppendUvarint(v[:0], x))
}

// nodeID returns the id of the node at place a (1 + its index in nodes), 0
// for none.
func nodeID(nodes []addNode, a int32) uint64 {
	if a == 0 {
		return 0
	}
	return nodes[a-1].id
}

// batchNodes returns the values of a's quads, in the order of their hashes
// (cayley's), each with the number of a's quads that name it, and each quad's
// values as 1 + their place in nodes (0 for none), without the quads a
// repeats when a.Once (see backend.Additions). Two terms with one hash
// (quad.Int(5) and the typed string "5"^^xsd:integer) are one node, as they
// are to cayley; a term no quad names is none. The batch's dictionary has
// found each distinct value already, so each is hashed once, a large batch's
// on two cores.
func batchNodes(a backend.Additions) ([]addNode, [][4]int32) {
	used := make([]bool, len(a.Terms))
	at := make([][4]int32, 0, a.Len)
	for q := range a.Quads {
		for _, t := range q {
			used[t] = true
		}
		at = append(at, [4]int32{int32(q[0]), int32(q[1]), int32(q[2]), int32(q[3])})
	}
	nodes := make([]addNode, 0, len(a.Terms))
	for t := 1; t < len(a.Terms); t++ {
		if used[t] {
			nodes = append(nodes, addNode{place: int32(t), value: a.Terms[t]})
		}
	}
	hash := func(nodes []addNode) {
		for i := range nodes {
			nodes[i].hash = cgraph.HashOf(nodes[i].value)
		}
	}
	if half := len(nodes) / 2; half >= 1<<14 {
		done := make(chan struct{})
		go func() {
			defer close(done)
			hash(nodes[half:])
		}()
		hash(nodes[:half])
		<-done
	} else {
		hash(nodes)
	}
	slices.SortFunc(nodes, func(a, b addNode) int {
		if c := bytes.Compare(a.hash[:], b.hash[:]); c != 0 {
			return c
		}
		return cmp.Compare(a.place, b.place)
	})
	// order[t]: 1 + the place in nodes of term t's node; the first term of a
	// hash stands for the others.
	order := make([]int32, len(a.Terms))
	kept := nodes[:0]
	for _, n := range nodes {
		if len(kept) == 0 || kept[len(kept)-1].hash != n.hash {
			kept = append(kept, n)
		}
		order[n.place] = int32(len(kept))
	}
	nodes = kept
	for i := range at {
		for d, t := range at[i] {
			at[i][d] = order[t]
		}
	}
	if a.Once {
		at = firstOfEach(at)
	}
	for _, q := range at {
		for _, n := range q {
			if n > 0 {
				nodes[n-1].refs++
			}
		}
	}
	return nodes, at
}

// storedNodes looks each of nodes up in the store (in key order), with the
// count of quads of those found.
func storedNodes(ctx context.Context, tx addTx, nodes []addNode) error {
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
		count, _ := binary.Uvarint(counts[k])
		nodes[i].refs += count
	}
	return nil
}

// firstOfEach returns at without its repeats, in place. A large batch is
// looked at on two cores, each finding the repeats of half of its quads (by
// a hash of their values).
func firstOfEach(at [][4]int32) [][4]int32 {
	repeat := make([]bool, len(at))
	parts := 1
	if len(at) >= 1<<16 {
		parts = 2
	}
	var wg sync.WaitGroup
	for part := range parts {
		wg.Go(func() {
			seen := make(map[[4]int32]struct{}, len(at)/parts)
			for i, a := range at {
				if parts > 1 && half(a) != part {
					continue
				}
				if _, ok := seen[a]; ok {
					repeat[i] = true
				} else {
					seen[a] = struct{}{}
				}
			}
		})
	}
	wg.Wait()
	kept := at[:0]
	for i, a := range at {
		if !repeat[i] {
			kept = append(kept, a)
		}
	}
	return kept
}

// half returns 0 or 1 for a quad's values, each about as often, the same for
// the same values.
func half(a [4]int32) int {
	h := uint32(a[0])*0x9e3779b1 ^ uint32(a[1])*0x85ebca77 ^ uint32(a[2])*0xc2b2ae3d ^ uint32(a[3])*0x27d4eb2f
	return int(h>>31) ^ int(h>>15&1)
}

// dropStored returns at, in place, without the quads the store holds already
// (live), as cayley's hasPrimitive finds them: among the quads of the ops
// index list of the quad's object, predicate and subject. A quad naming a
// value new to the store (an id from firstNew on) is new.
func dropStored(ctx context.Context, tx addTx, nodes []addNode, at [][4]int32, firstNew uint64) ([][4]int32, error) {
	var keys []hkv.Key
	var old []int
	for k, a := range at {
		if max(nodeID(nodes, a[0]), nodeID(nodes, a[1]), nodeID(nodes, a[2]), nodeID(nodes, a[3])) < firstNew {
			keys = append(keys, indexKey(opsIndex, nodeID(nodes, a[2]), nodeID(nodes, a[1]), nodeID(nodes, a[0])))
			old = append(old, k)
		}
	}
	if len(keys) == 0 {
		return at, nil
	}
	lists, err := tx.GetBatch(ctx, keys)
	if err != nil {
		return nil, err
	}
	stored := make(map[int]bool)
	for j, b := range lists {
		ids, err := decodeIDs(b)
		if err != nil {
			return nil, fmt.Errorf("cayley's index list %x: %v", keys[j], err)
		}
		a := at[old[j]]
		l := proto.Primitive{Subject: nodeID(nodes, a[0]), Predicate: nodeID(nodes, a[1]), Object: nodeID(nodes, a[2]), Label: nodeID(nodes, a[3])}
		for k := len(ids) - 1; k >= 0 && !stored[old[j]]; k-- {
			v, err := tx.Get(ctx, logKey(ids[k]))
			if err != nil {
				return nil, fmt.Errorf("cayley's log entry of quad %d: %v", ids[k], err)
			}
			var p proto.Primitive
			if err := p.Unmarshal(v); err != nil {
				return nil, fmt.Errorf("cayley's log entry of quad %d: %v", ids[k], err)
			}
			stored[old[j]] = !p.Deleted && p.IsSameLink(&l)
		}
	}
	kept := at[:0]
	for k, a := range at {
		if !stored[k] {
			kept = append(kept, a)
		}
	}
	return kept, nil
}

// listEntry is a quad's place in an index (its ids, 0 past the index's
// length) and the quad's id.
type listEntry struct {
	dirs [3]uint64
	id   uint64
}

// sortEntries sorts entries by place, then id: the index lists in key
// order, each list's ids in the order of the quads.
func sortEntries(entries []listEntry) {
	slices.SortFunc(entries, func(a, b listEntry) int {
		for d := range a.dirs {
			if c := cmp.Compare(a.dirs[d], b.dirs[d]); c != 0 {
				return c
			}
		}
		return cmp.Compare(a.id, b.id)
	})
}

// putLists writes the lists of index (whose keys are n ids long) that
// entries, sorted, extend. The list of a key whose ids were all stored before
// the batch (below firstNew) may hold ids already: those come first. The
// lists the store holds are read first: tx must have no write under way.
func putLists(ctx context.Context, tx addTx, w *putter, index []byte, n int, entries []listEntry, firstNew uint64) error {
	var keys []hkv.Key
	for i := 0; i < len(entries); i = runEnd(entries, i) {
		if slices.Max(entries[i].dirs[:n]) < firstNew {
			keys = append(keys, indexKey(index, entries[i].dirs[:n]...))
		}
	}
	var stored []hkv.Value
	if len(keys) > 0 {
		var err error
		if stored, err = tx.GetBatch(ctx, keys); err != nil {
			return err
		}
	}
	return putRuns(w, index, n, entries, firstNew, stored)
}

// putRuns writes the lists of index (whose keys are n ids long) that
// entries, sorted, make up; a list whose ids are all below firstNew extends
// the next of stored, which holds those lists as the store has them.
func putRuns(w sink, index []byte, n int, entries []listEntry, firstNew uint64, stored []hkv.Value) error {
	var key [24]byte
	var ids []byte
	for i := 0; i < len(entries); {
		j := runEnd(entries, i)
		ids = ids[:0]
		if slices.Max(entries[i].dirs[:n]) < firstNew {
			ids = append(ids, stored[0]...)
			stored = stored[1:]
		}
		for _, e := range entries[i:j] {
			ids = binary.AppendUvarint(ids, e.id)
		}
		for d, id := range entries[i].dirs[:n] {
			binary.BigEndian.PutUint64(key[8*d:], id)
		}
		if err := w.put(index, key[:8*n], ids); err != nil {
			return err
		}
		i = j
	}
	return nil
}

// runEnd returns the end of the list that starts at entries[i]: the entries
// with its place.
func runEnd(entries []listEntry, i int) int {
	j := i + 1
	for j < len(entries) && entries[j].dirs == entries[i].dirs {
		j++
	}
	return j
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

// metaInt reads the counter key of cayley's meta bucket (0 when absent).
func metaInt(ctx context.Context, tx interface {
	Get(context.Context, hkv.Key) (hkv.Value, error)
}, key string) (int64, error) {
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
