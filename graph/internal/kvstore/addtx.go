package kvstore

import (
	"context"
	"encoding/binary"
	"sync/atomic"

	"github.com/cayleygraph/cayley/graph/proto"
	hkv "github.com/hidal-go/hidalgo/kv"
)

// addTx is the write transaction addQuads writes a batch in: the store's
// hidalgo transaction (hkvAddTx), or the backend's own (bulkAddTx), which
// takes flat keys and copies what it is given. Both obey the commit under
// way, as guardedTx does.
type addTx interface {
	// Get returns hkv.ErrNotFound for an absent key.
	Get(ctx context.Context, k hkv.Key) (hkv.Value, error)
	// GetBatch returns nil for each absent key.
	GetBatch(ctx context.Context, ks []hkv.Key) ([]hkv.Value, error)
	// put writes the key of bucket and key (two parts) with value.
	put(bucket, key, value []byte) error
	// keeps reports whether put keeps the slices it is given (a bolt
	// transaction does until it ends), which then may not be written again.
	keeps() bool
	Commit(ctx context.Context) error
	Close() error
}

// addTx opens the write transaction of a batch of additions.
func (st *Store) addTx() (addTx, error) {
	if st.db.bulk == nil {
		tx, err := st.db.Tx(true)
		if err != nil {
			return nil, err
		}
		return hkvAddTx{tx}, nil
	}
	tx, err := st.db.bulk()
	if err != nil {
		return nil, st.db.note(err)
	}
	st.db.mu.Lock()
	c := st.db.current
	st.db.mu.Unlock()
	return &bulkAddTx{tx: tx, db: st.db, c: c}, nil
}

// hkvAddTx is a batch's transaction of the store's hidalgo KV: a guardedTx.
type hkvAddTx struct{ hkv.Tx }

func (t hkvAddTx) put(bucket, key, value []byte) error {
	return t.Put(hkv.Key{bucket, key}, value)
}

func (hkvAddTx) keeps() bool { return true }

// bulkAddTx is a batch's transaction of the backend's Raw.Bulk, guarded as
// guardedTx guards a transaction of the KV.
type bulkAddTx struct {
	tx  BulkTx
	db  *guardedKV
	c   *commitGuard // nil outside a commit
	key []byte       // the flat key of the last put
}

func (t *bulkAddTx) stopped() error {
	if t.c == nil {
		return nil
	}
	return t.c.err()
}

func (t *bulkAddTx) Get(ctx context.Context, k hkv.Key) (hkv.Value, error) {
	if err := t.stopped(); err != nil {
		return nil, err
	}
	v, err := t.tx.Get(appendFlat(nil, k...))
	if err != nil {
		return nil, t.db.note(err)
	}
	if v == nil {
		return nil, hkv.ErrNotFound
	}
	return v, nil
}

func (t *bulkAddTx) GetBatch(ctx context.Context, ks []hkv.Key) ([]hkv.Value, error) {
	vs := make([]hkv.Value, len(ks))
	var flat []byte
	for i, k := range ks {
		if err := t.stopped(); err != nil {
			return nil, err
		}
		flat = appendFlat(flat[:0], k...)
		v, err := t.tx.Get(flat)
		if err != nil {
			return nil, t.db.note(err)
		}
		vs[i] = v
	}
	return vs, nil
}

func (t *bulkAddTx) put(bucket, key, value []byte) error {
	if t.c != nil && t.db.onPut != nil {
		t.db.onPut()
	}
	if err := t.stopped(); err != nil {
		return err
	}
	t.key = appendFlat(t.key[:0], bucket, key)
	return t.db.note(t.tx.Put(t.key, value))
}

func (*bulkAddTx) keeps() bool { return false }

// Commit makes the writes visible under the commit's publish lock, unless
// the commit's context is done.
func (t *bulkAddTx) Commit(context.Context) error {
	if err := t.stopped(); err != nil {
		return err
	}
	if t.c != nil && t.c.publish != nil {
		t.c.publish.Lock()
		defer t.c.publish.Unlock()
	}
	return t.db.note(t.tx.Commit())
}

func (t *bulkAddTx) Close() error {
	t.tx.Discard()
	return nil
}

// appendFlat appends to dst the flat key of parts, as hidalgo's flat.Upgrade
// makes it: the parts joined by '/', with '/' and '\' escaped by '\'.
func appendFlat(dst []byte, parts ...[]byte) []byte {
	for i, p := range parts {
		if i > 0 {
			dst = append(dst, '/')
		}
		for _, c := range p {
			if c == '/' || c == '\\' {
				dst = append(dst, '\\')
			}
			dst = append(dst, c)
		}
	}
	return dst
}

// putter hands a batch's writes, in the order given, to a goroutine that
// makes them, so that preparing them and writing them take a core each. The
// writes are copied into chunks of a few hundred kilobytes, which are used
// again once written when the transaction copies what it is given.
type putter struct {
	tx       addTx
	cur      *putChunk
	full     chan *putChunk
	free     chan *putChunk // nil when tx keeps what it is given
	failed   atomic.Pointer[error]
	finished chan struct{}
}

// putChunk is a run of writes: buf holds each one's bucket, key and value,
// and ends the ends in buf of the three.
type putChunk struct {
	buf  []byte
	ends []int32
	done chan struct{} // closed once written (drain's)
}

const chunkSize = 256 << 10

func newPutter(tx addTx) *putter {
	w := &putter{tx: tx, full: make(chan *putChunk, 4), finished: make(chan struct{})}
	if !tx.keeps() {
		w.free = make(chan *putChunk, 8)
	}
	w.cur = w.chunk()
	go w.write()
	return w
}

func (w *putter) write() {
	defer close(w.finished)
	for c := range w.full {
		start := int32(0)
		for j := 0; j+2 < len(c.ends) && w.failed.Load() == nil; j += 3 {
			b, k, v := c.ends[j], c.ends[j+1], c.ends[j+2]
			if err := w.tx.put(c.buf[start:b:b], c.buf[b:k:k], c.buf[k:v:v]); err != nil {
				w.failed.Store(&err)
			}
			start = v
		}
		if c.done != nil {
			close(c.done)
		}
		if w.free != nil {
			c.buf, c.ends, c.done = c.buf[:0], c.ends[:0], nil
			select {
			case w.free <- c:
			default:
			}
		}
	}
}

// chunk returns an empty chunk.
func (w *putter) chunk() *putChunk {
	select {
	case c := <-w.free:
		return c
	default:
		return &putChunk{buf: make([]byte, 0, chunkSize), ends: make([]int32, 0, chunkSize/32)}
	}
}

func (w *putter) err() error {
	if p := w.failed.Load(); p != nil {
		return *p
	}
	return nil
}

// reserve adds a write of bucket and key and returns its value, n bytes
// long, for the caller to fill in before the next call.
func (w *putter) reserve(bucket, key []byte, n int) ([]byte, error) {
	if err := w.err(); err != nil {
		return nil, err
	}
	c := w.cur
	if len(c.buf) > 0 && len(c.buf)+len(bucket)+len(key)+n > cap(c.buf) {
		w.full <- c
		c = w.chunk()
		w.cur = c
	}
	c.buf = append(c.buf, bucket...)
	c.ends = append(c.ends, int32(len(c.buf)))
	c.buf = append(c.buf, key...)
	c.ends = append(c.ends, int32(len(c.buf)))
	at := len(c.buf)
	c.buf = append(c.buf, make([]byte, n)...)
	c.ends = append(c.ends, int32(len(c.buf)))
	return c.buf[at:], nil
}

// put adds a write of bucket and key with value.
func (w *putter) put(bucket, key, value []byte) error {
	v, err := w.reserve(bucket, key, len(value))
	if err != nil {
		return err
	}
	copy(v, value)
	return nil
}

// putLog adds the log entry of p.
func (w *putter) putLog(p *proto.Primitive) error {
	var key [8]byte
	binary.BigEndian.PutUint64(key[:], p.ID)
	v, err := w.reserve(logPrefix, key[:], p.ProtoSize())
	if err != nil {
		return err
	}
	_, err = p.MarshalTo(v)
	return err
}

// drain returns once every write added is made (the transaction may then be
// read), with the first error of one.
func (w *putter) drain() error {
	c := w.cur
	c.done = make(chan struct{})
	done := c.done
	w.full <- c
	w.cur = w.chunk()
	<-done
	return w.err()
}

// finish ends the putter once every write added is made (only those made
// before err, when err is not nil), and returns err or the first error of a
// write.
func (w *putter) finish(err error) error {
	if err == nil && len(w.cur.ends) > 0 {
		w.full <- w.cur
	}
	close(w.full)
	<-w.finished
	if werr := w.err(); werr != nil {
		return werr
	}
	return err
}
