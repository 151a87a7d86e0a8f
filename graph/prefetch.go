package graph

import (
	"fmt"
	"maps"
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
		if r.private && dir == quad.Subject && len(preds) == 0 && len(r.near) < maxValues {
			// A batch reads an ID as an entity, then as a claim (AddClaim
			// checks that its ID names no entity): one round trip for both.
			if r.near == nil {
				r.near = map[quad.Value][]quad.Quad{}
			}
			r.near[v] = quads
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
	r.keepNear(near)
	for _, q := range hop {
		if !fn(q) {
			break
		}
	}
	return r.ctx.Err()
}

// keepNear adds the quads of the subjects of near to those the reader has
// read, starting again empty once it holds maxValues subjects.
func (r *reader) keepNear(near map[quad.Value][]quad.Quad) {
	if r.near == nil || len(r.near) >= maxValues {
		r.near = make(map[quad.Value][]quad.Quad, len(near))
	}
	for s, qs := range near {
		if _, ok := r.near[s]; !ok {
			r.near[s] = qs
		}
	}
}

// Prefetch reads, in a few round trips, what validating the batch's coming
// writes that name ids would otherwise read one write at a time: whether each
// of ids is an entity or a claim of the graph, and what it holds. Pass it the
// IDs of the entities, claims, sources and facts' ends a batch is about to
// write, when they are known before the writes are. On PostgreSQL each write
// otherwise reads the store (a round trip) for each ID it names first; with
// Prefetch, a statement reads a few thousand IDs. It changes no write's
// outcome. It does nothing but on PostgreSQL: in memory and on leveldb and
// bolt a read is no round trip. An error reading the store fails the batch,
// as a write's would.
func (tx *Tx) Prefetch(ids ...schema.IRI) error {
	if err := tx.usable(); err != nil {
		return err
	}
	qr, ok := tx.r.quadReader()
	if !ok {
		return nil
	}
	seen := make(map[schema.IRI]bool, len(ids))
	var vs []quad.Value
	for _, id := range ids {
		if _, ok := tx.r.near[iri(id)]; ok || id == "" || seen[id] {
			continue
		}
		if tx.addsEntity(id) {
			continue
		}
		if tx.addsClaim(id) {
			continue
		}
		seen[id] = true
		vs = append(vs, iri(id))
	}
	if len(vs) == 0 {
		return nil
	}
	if tx.g.closed {
		return tx.fail(ErrClosed)
	}
	near, err := qr.Subjects(tx.ctx, vs)
	if err != nil {
		return tx.fail(fmt.Errorf("graph: Prefetch: %w", err))
	}
	// Kept whole, however many: the batch asked for them all, and holds
	// their writes.
	if tx.r.near == nil {
		tx.r.near = make(map[quad.Value][]quad.Quad, len(near))
	}
	maps.Copy(tx.r.near, near)
	return nil
}
