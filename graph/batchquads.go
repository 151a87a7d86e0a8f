package graph

import (
	"iter"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/actorgraph/actorgraph/schema"
)

// dict holds each distinct value once, by id: its position in terms. Id 0 is
// none (the label of an unlabelled quad). iris maps an IRI's text to its id,
// ids any other value: an IRI, most of the values, is looked up by its string
// (hashed as a string, and never boxed to be a key). Both a
// write batch and the in-memory index keep their values in one; an empty
// index takes over the dictionary of the first batch it indexes, so that a
// load interns each value once.
type dict struct {
	terms []quad.Value
	iris  map[string]uint32
	ids   map[quad.Value]uint32
}

func newDict() dict {
	return dict{terms: []quad.Value{nil}, iris: map[string]uint32{}, ids: map[quad.Value]uint32{}}
}

// lookup returns the id of v (not nil), and whether d holds v.
func (d *dict) lookup(v quad.Value) (uint32, bool) {
	if s, ok := v.(quad.IRI); ok {
		t, ok := d.iris[string(s)]
		return t, ok
	}
	t, ok := d.ids[v]
	return t, ok
}

// intern returns the id of v, giving it one if it has none (nil is 0).
func (d *dict) intern(v quad.Value) uint32 {
	if v == nil {
		return 0
	}
	if s, ok := v.(quad.IRI); ok {
		return d.internIRI(string(s))
	}
	if t, ok := d.ids[v]; ok {
		return t
	}
	t := d.next(v)
	d.ids[v] = t
	return t
}

// internIRI is intern of the IRI s. It boxes s only when s is new: a load
// names each entity and claim many times, and boxing each mention to look
// it up was a tenth of a load's allocations.
func (d *dict) internIRI(s string) uint32 {
	if t, ok := d.iris[s]; ok {
		return t
	}
	t := d.next(quad.IRI(s))
	d.iris[s] = t
	return t
}

// known returns t if it is an id, else the id of the IRI id, interned.
func (d *dict) known(t uint32, id schema.IRI) uint32 {
	if t != 0 {
		return t
	}
	return d.internIRI(string(id))
}

// next gives v the next id.
func (d *dict) next(v quad.Value) uint32 {
	d.terms = append(d.terms, v)
	return uint32(len(d.terms) - 1)
}

// decode returns the quad e encodes; it allocates nothing.
func (d *dict) decode(e encoded) quad.Quad {
	return quad.Quad{Subject: d.terms[e[0]], Predicate: d.terms[e[1]], Object: d.terms[e[2]], Label: d.terms[e[3]]}
}

// batchQuads is a batch's quads, encoded by the batch's dictionary, in
// chunks: a batch of a million quads grows by a chunk at a time instead of
// copying itself at each doubling, and a commit hands its chunks to the
// store or the index one by one, letting each go once taken.
type batchQuads struct {
	chunks [][]encoded
	n      int
	// full, when set, is called with each chunk once it is full, which
	// append no longer changes (see Tx.handOver).
	full func([]encoded)
}

// chunkBits sets a full chunk's size: 1<<chunkBits quads (256 KiB). The
// first chunk grows by doubling up to that size, so that a small batch stays
// small.
const chunkBits = 14

func (b *batchQuads) append(e encoded) {
	if len(b.chunks) == 0 || len(b.chunks[len(b.chunks)-1]) == 1<<chunkBits {
		var c []encoded
		if len(b.chunks) > 0 {
			c = make([]encoded, 0, 1<<chunkBits)
			if b.full != nil {
				b.full(b.chunks[len(b.chunks)-1])
			}
		}
		b.chunks = append(b.chunks, c)
	}
	last := &b.chunks[len(b.chunks)-1]
	*last = append(*last, e)
	b.n++
}

// at returns the i-th quad.
func (b *batchQuads) at(i int) encoded { return b.chunks[i>>chunkBits][i&(1<<chunkBits-1)] }

// each calls fn with each quad in order until it returns false.
func (b *batchQuads) each(fn func(encoded) bool) {
	for _, c := range b.chunks {
		for _, e := range c {
			if !fn(e) {
				return
			}
		}
	}
}

// all yields each quad in order, as its four ids.
func (b *batchQuads) all(yield func([4]uint32) bool) {
	b.each(func(e encoded) bool { return yield(e) })
}

// take calls fn with each chunk in order and lets go of it once fn returns:
// b is empty afterwards.
func (b *batchQuads) take(fn func([]encoded)) {
	for i, c := range b.chunks {
		fn(c)
		b.chunks[i] = nil
	}
	*b = batchQuads{}
}

// filter keeps the quads keep reports true for, in order.
func (b *batchQuads) filter(keep func(encoded) bool) {
	var out batchQuads
	b.take(func(c []encoded) {
		for _, e := range c {
			if keep(e) {
				out.append(e)
			}
		}
	})
	*b = out
}

// decodeAll returns the batch's quads decoded by d, and empties b.
func (b *batchQuads) decodeAll(d *dict) []quad.Quad {
	out := make([]quad.Quad, 0, b.n)
	b.take(func(c []encoded) {
		for _, e := range c {
			out = append(out, d.decode(e))
		}
	})
	return out
}

// batchEntity is an entity of the batch as the batch's checks need it: its
// name, description and kinds, the first two as ids of the batch's
// dictionary (which holds them as the values of the entity's quads), the
// kinds as an index into the batch's distinct sets of kinds. The map of a
// batch's entities holds one per entity, keyed by the id of its IRI.
type batchEntity struct {
	name, description uint32
	kinds             uint32
}

// batchClaim is a claim of the batch as the batch's checks need it, every
// field but stance and confidence as an id of the batch's dictionary (0 for
// none): 48 bytes, where a Claim holds two whole entities and three dates.
type batchClaim struct {
	source, via, retracts           uint32
	reported, validFrom, validUntil uint32
	quote, note                     uint32
	confidence                      float64
	stance                          Stance
}

// iriTerm returns the id of the IRI id in the batch's dictionary, or 0 when
// the batch has no such value.
func (tx *Tx) iriTerm(id schema.IRI) uint32 { return tx.dict.iris[string(id)] }

// optional interns v unless it is zero, for which it returns 0.
func (tx *Tx) optional(v quad.Value, zero bool) uint32 {
	if zero {
		return 0
	}
	return tx.dict.intern(v)
}

func (tx *Tx) newBatchClaim(c Claim) batchClaim {
	d := &tx.dict
	return batchClaim{
		source: d.intern(iri(c.Source.ID)), via: tx.optional(iri(c.Via.ID), c.Via.ID == ""),
		retracts: tx.optional(iri(c.Retracts), c.Retracts == ""),
		reported: d.intern(toQuad(c.Reported)), validFrom: tx.optional(toQuad(c.ValidFrom), c.ValidFrom.IsZero()),
		validUntil: tx.optional(toQuad(c.ValidUntil), c.ValidUntil.IsZero()),
		quote:      tx.optional(quad.String(c.Quote), c.Quote == ""), note: tx.optional(quad.String(c.Note), c.Note == ""),
		confidence: c.Confidence, stance: c.Stance,
	}
}

// batchClaimOf returns b as the Claim id, as it was added.
func (tx *Tx) batchClaimOf(id schema.IRI, b batchClaim) Claim {
	t := tx.dict.terms
	text := func(i uint32) string {
		if i == 0 {
			return ""
		}
		return string(t[i].(quad.String))
	}
	date := func(i uint32) Date {
		if i != 0 {
			if v, ok := fromQuad(t[i]); ok {
				return v.(Date)
			}
		}
		return Date{}
	}
	return Claim{ID: id, Source: Entity{ID: schema.IRI(iriAt(t, b.source))}, Via: Entity{ID: schema.IRI(iriAt(t, b.via))},
		Stance: b.stance, Retracts: schema.IRI(iriAt(t, b.retracts)),
		Reported: date(b.reported), ValidFrom: date(b.validFrom), ValidUntil: date(b.validUntil),
		Quote: text(b.quote), Note: text(b.note), Confidence: b.confidence}
}

// iriAt returns the IRI of term i of terms, "" for none.
func iriAt(terms []quad.Value, i uint32) string {
	if i == 0 {
		return ""
	}
	return string(terms[i].(quad.IRI))
}

// batchEntityOf returns b as the Entity id: its kinds, name and description
// (the checks of a batch need no more).
func (tx *Tx) batchEntityOf(id schema.IRI, b batchEntity) Entity {
	e := Entity{ID: id, Kinds: tx.kindSets[b.kinds], Name: string(tx.dict.terms[b.name].(quad.String))}
	if b.description != 0 {
		e.Description = string(tx.dict.terms[b.description].(quad.String))
	}
	return e
}

// kindSet returns the index of kinds (sorted, without repeats) among the
// batch's distinct sets of kinds, adding it if new: a load of a hundred
// thousand entities has a handful of them.
func (tx *Tx) kindSet(kinds []schema.Kind) uint32 {
	key := string(kinds[0])
	if len(kinds) > 1 {
		parts := make([]string, len(kinds))
		for i, k := range kinds {
			parts[i] = string(k)
		}
		key = strings.Join(parts, "\x00")
	}
	if i, ok := tx.kindIndex[key]; ok {
		return i
	}
	if tx.kindIndex == nil {
		tx.kindIndex = map[string]uint32{}
	}
	i := uint32(len(tx.kindSets))
	tx.kindSets = append(tx.kindSets, kinds)
	tx.kindIndex[key] = i
	return i
}

// addsEntity reports whether the batch adds the entity id. (No key of
// tx.entities or tx.claims is 0, the id of no value.)
func (tx *Tx) addsEntity(id schema.IRI) bool {
	_, ok := tx.entities[tx.iriTerm(id)]
	return ok
}

// addsClaim reports whether the batch adds the claim id.
func (tx *Tx) addsClaim(id schema.IRI) bool {
	_, ok := tx.claims[tx.iriTerm(id)]
	return ok
}

// added returns the quads the batch adds so far, in order.
func (tx *Tx) added() iter.Seq[quad.Quad] {
	return func(yield func(quad.Quad) bool) {
		tx.quads.each(func(e encoded) bool { return yield(tx.dict.decode(e)) })
	}
}
