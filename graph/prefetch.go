package graph

import (
	"slices"

	"github.com/cayleygraph/quad"

	"github.com/actorgraph/actorgraph/graph/internal/backend"
	"github.com/actorgraph/actorgraph/schema"
)

// Reads on a store that reads a node's quads in one round trip
// (backend.QuadReader: PostgreSQL). A hop of Edges reads the hop's quads,
// then each claim's quads, each far end's and each claim's source's: eachHop
// reads them all in one round trip, and the reader answers the lookups that
// follow from what it read, for the rest of its call.

// quadReader returns the graph's store as a QuadReader, when it is one and the
// graph reads from the store (not from a read index).
func (r *reader) quadReader() (backend.QuadReader, bool) {
	if r.g.index != nil {
		return nil, false
	}
	qr, ok := r.g.store.(backend.QuadReader)
	return qr, ok
}

// eachRead is each and eachOf (preds not empty) on a QuadReader: one round
// trip, or none for a subject a hop has read.
func (r *reader) eachRead(qr backend.QuadReader, dir quad.Direction, v quad.Value, preds []quad.Value, fn func(quad.Quad) bool) error {
	quads, ok := r.near[v]
	if !ok || dir != quad.Subject {
		var err error
		if quads, err = qr.Each(r.ctx, dir, v, preds); err != nil {
			return err
		}
	}
	for _, q := range quads {
		if len(preds) > 0 && !slices.Contains(preds, q.Predicate) {
			continue
		}
		if !fn(q) {
			break
		}
	}
	return r.ctx.Err()
}

// hopFollow are the predicates whose objects' quads a hop reads with the
// claims it finds: a claim's source and intermediary, which Evidence shows.
var hopFollow = []quad.Value{iri(schema.Source), iri(schema.Via)}

// eachHop is eachOf for a hop from v (dir Subject or Object): on a
// QuadReader it also reads, in the same round trip, the quads of the hop's
// claims, far ends and sources, for the reads that follow.
func (r *reader) eachHop(dir quad.Direction, v quad.Value, preds []quad.Value, fn func(quad.Quad) bool) error {
	qr, ok := r.quadReader()
	if !ok {
		return r.eachOf(dir, v, preds, fn)
	}
	hop, near, err := qr.Around(r.ctx, dir, v, preds, hopFollow)
	if err != nil {
		return err
	}
	if r.near == nil || len(r.near) >= maxValues {
		r.near = make(map[quad.Value][]quad.Quad, len(near))
	}
	for s, qs := range near {
		if _, ok := r.near[s]; !ok {
			r.near[s] = qs
		}
	}
	for _, q := range hop {
		if !fn(q) {
			break
		}
	}
	return r.ctx.Err()
}
