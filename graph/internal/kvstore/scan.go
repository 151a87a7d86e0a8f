package kvstore

import (
	"context"
	"fmt"
	"sync"

	"github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
	hkv "github.com/hidal-go/hidalgo/kv"

	"github.com/actorgraph/actorgraph/graph/internal/backend"
)

// logBucket is cayley's log: every node and quad of the store, each a
// proto.Primitive under its id. A node holds its value; a quad the ids of
// its four values, and Deleted once removed.
var logBucket = hkv.Key{[]byte("log")}

// logPrefix starts the flat keys of cayley's log: its bucket's name.
var logPrefix = logBucket[0]

// EachQuad reads every live quad of the store in one scan of cayley's log,
// in one read transaction: the nodes' values are decoded once each, and each
// quad is put together from them once the scan is done (a quad may be
// written before a value it names).
//
// The first EachQuad of a store opened to be verified and scanned (Open's
// o.Scan) is that verification too: its scan checks the checksums of the
// log, and the rest of the store is read beside it. It then fails, before it
// calls fn, as a verifying Open fails.
func (st *Store) EachQuad(ctx context.Context, fn func(quad.Quad) error) error {
	if verify := st.verifyRest; verify != nil {
		st.verifyRest = nil
		done := make(chan error, 1)
		go func() { done <- verify() }()
		verified := sync.OnceValue(func() error { return st.check(<-done) })
		err := st.eachQuad(ctx, fn, verified)
		// A scan that failed early waits for the verification all the same:
		// damage it finds is the error to report.
		if verr := verified(); verr != nil {
			return verr
		}
		return err
	}
	return st.eachQuad(ctx, fn, nil)
}

// eachQuad is EachQuad; verified, when not nil, is called once the log has
// been read and before fn is, and a failure of it is EachQuad's.
func (st *Store) eachQuad(ctx context.Context, fn func(quad.Quad) error, verified func() error) error {
	tx, err := st.db.Tx(false)
	if err != nil {
		return st.check(err)
	}
	defer tx.Close()
	// Ids run from 1 to the horizon, and the store holds size quads: the
	// values are kept by id, and the quads' slice is made once.
	horizon, err := metaInt(ctx, tx, "horizon")
	if err != nil {
		return st.check(err)
	}
	size, err := metaInt(ctx, tx, "size")
	if err != nil {
		return st.check(err)
	}
	values := make([]quad.Value, max(horizon+1, 0))
	quads := make([][4]uint64, 0, max(size, 0))
	it := tx.Scan(logBucket)
	var p proto.Primitive
	for n := 0; it.Next(ctx); n++ {
		if n%8192 == 0 {
			if err := ctx.Err(); err != nil {
				it.Close()
				return err
			}
		}
		if len(it.Val()) == 0 {
			continue // the bucket's own entry (any primitive has an id)
		}
		p.Reset()
		if err := p.Unmarshal(it.Val()); err != nil {
			it.Close()
			return fmt.Errorf("cayley's log entry %x does not decode: %v: %w", it.Key(), err, backend.ErrCorrupt)
		}
		if p.Deleted {
			continue
		}
		if p.IsNode() {
			v, err := pquads.UnmarshalValue(p.Value)
			if err != nil {
				it.Close()
				return fmt.Errorf("cayley's node %d does not decode: %v: %w", p.ID, err, backend.ErrCorrupt)
			}
			if p.ID >= uint64(len(values)) {
				values = append(values, make([]quad.Value, p.ID+1-uint64(len(values)))...)
			}
			values[p.ID] = v
			continue
		}
		quads = append(quads, [4]uint64{p.Subject, p.Predicate, p.Object, p.Label})
	}
	err = it.Err()
	it.Close()
	if err != nil {
		return st.check(err)
	}
	if verified != nil {
		if err := verified(); err != nil {
			return err
		}
	}
	for _, ids := range quads {
		var q quad.Quad
		for i, d := range quad.Directions {
			if ids[i] == 0 {
				continue
			}
			var v quad.Value
			if ids[i] < uint64(len(values)) {
				v = values[ids[i]]
			}
			if v == nil {
				return fmt.Errorf("a quad of cayley's log names node %d, which the log lacks: %w", ids[i], backend.ErrCorrupt)
			}
			q.Set(d, v)
		}
		if q.Subject == nil || q.Predicate == nil || q.Object == nil {
			return fmt.Errorf("a quad of cayley's log lacks a subject, predicate or object (%v): %w", ids, backend.ErrCorrupt)
		}
		if err := fn(q); err != nil {
			return err
		}
	}
	return nil
}
