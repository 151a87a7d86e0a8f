package graph

import (
	"context"
	"slices"
	"strconv"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/quad"

	"github.com/actorgraph/actorgraph/schema"
)

// reader reads typed values from the store. It lives for one call, under the
// read lock, and caches the entities and claims it decodes.
type reader struct {
	ctx      context.Context
	g        *Graph
	entities map[schema.IRI]*Entity // nil value: looked up, absent
	claims   map[schema.IRI]*Claim
	classes  map[schema.IRI][]schema.IRI // merge classes, see class
	// private is set for a write batch's reader: what it finds absent is
	// mostly what the batch is about to add, so it is not worth caching.
	private bool
	// values caches the values of a key-value store's nodes by reference:
	// cayley's Quad reads all four of a quad's values from the store, and a
	// claim's quads share most of theirs (the claim, the predicates, the
	// source, the stance), so an edge with n claims cost 5 reads a quad.
	values map[any]quad.Value
	// unbounded keeps every value in values (buildIndex reads each once).
	unbounded bool
	// near holds the quads of the subjects a hop has read (see eachHop).
	near map[quad.Value][]quad.Quad
	// sources holds the claims' sources and media as claim shows them: a
	// read of thousands of claims names a few sources (see sourceOf).
	// sourceReads counts the reads of sources before the first is kept.
	sources     map[schema.IRI]Entity
	sourceReads int
	// shown holds the slices of the entities the read shows, and claims
	// those of its evidence (see slab): an answer of a thousand edges cost
	// several allocations an edge.
	shown   entitySlabs
	claimed slab[Claim]
	labels  slab[schema.IRI] // the claims of a hop's pairs (see triples)
}

func newReader(ctx context.Context, g *Graph) *reader {
	r := &reader{ctx: ctx, g: g}
	if g.index == nil {
		// The in-memory graph's index has shared caches; other backends get a
		// cache for the call.
		r.entities, r.claims = map[schema.IRI]*Entity{}, map[schema.IRI]*Claim{}
	}
	return r
}

// each calls fn with every quad whose direction dir is v, until fn returns false.
// Every lookup starts from a known node: each is an index lookup on every backend.
func (r *reader) each(dir quad.Direction, v quad.Value, fn func(quad.Quad) bool) error {
	if idx := r.g.index; idx != nil {
		idx.each(dir, v, fn)
		return r.ctx.Err()
	}
	if qr, ok := r.quadReader(); ok {
		return r.eachRead(qr, dir, v, nil, fn)
	}
	qs := r.g.store.QuadStore()
	ref := qs.ValueOf(v)
	if ref == nil {
		return nil
	}
	it := qs.QuadIterator(dir, ref)
	defer it.Close()
	for it.Next(r.ctx) {
		if !fn(r.quad(qs, it.Result())) {
			break
		}
	}
	if err := it.Err(); err != nil {
		return err
	}
	return r.ctx.Err()
}

// eachOf is each for the quads whose predicate is one of preds. It compares
// the predicate by reference before decoding a quad, so quads of other
// predicates cost an index step, not a decode.
func (r *reader) eachOf(dir quad.Direction, v quad.Value, preds []quad.Value, fn func(quad.Quad) bool) error {
	if idx := r.g.index; idx != nil {
		idx.eachOf(dir, v, preds, fn)
		return r.ctx.Err()
	}
	if qr, ok := r.quadReader(); ok {
		if len(preds) == 0 {
			return nil
		}
		return r.eachRead(qr, dir, v, preds, fn)
	}
	qs := r.g.store.QuadStore()
	keys := make(map[any]bool, len(preds))
	for _, p := range preds {
		if ref := qs.ValueOf(p); ref != nil {
			keys[ref.Key()] = true
		}
	}
	ref := qs.ValueOf(v)
	if ref == nil || len(keys) == 0 {
		return nil
	}
	it := qs.QuadIterator(dir, ref)
	defer it.Close()
	for it.Next(r.ctx) {
		q := it.Result()
		if p := qs.QuadDirection(q, quad.Predicate); p == nil || !keys[p.Key()] {
			continue
		}
		if !fn(r.quad(qs, q)) {
			break
		}
	}
	if err := it.Err(); err != nil {
		return err
	}
	return r.ctx.Err()
}

// maxValues bounds a reader's value cache; past it the cache starts again empty.
const maxValues = 1 << 16

// quad decodes the quad ref. On key-value stores, whose quad references hold
// their values' references, it reads each value once a call.
func (r *reader) quad(qs cgraph.QuadStore, ref cgraph.Ref) quad.Quad {
	if _, ok := ref.(*proto.Primitive); !ok {
		return qs.Quad(ref)
	}
	if r.values == nil || (len(r.values) >= maxValues && !r.unbounded) {
		r.values = make(map[any]quad.Value)
	}
	var q quad.Quad
	for _, d := range quad.Directions {
		v := qs.QuadDirection(ref, d)
		if v == nil {
			continue
		}
		val, ok := r.values[v.Key()]
		if !ok {
			val = qs.NameOf(v)
			r.values[v.Key()] = val
		}
		q.Set(d, val)
	}
	return q
}

func iriOf(v quad.Value) (schema.IRI, bool) {
	i, ok := v.(quad.IRI)
	return schema.IRI(i), ok
}

func labelOf(q quad.Quad) (schema.IRI, bool) {
	if q.Label == nil {
		return "", false
	}
	return iriOf(q.Label)
}

func textOf(v quad.Value) (string, string, bool) {
	switch v := v.(type) {
	case quad.String:
		return string(v), "", true
	case quad.LangString:
		return string(v.Value), v.Lang, true
	case quad.TypedString:
		if schema.IRI(v.Type) == schema.XSDString {
			return string(v.Value), "", true
		}
	}
	return "", "", false
}

// entity returns the entity id, and whether it exists (has a kind). Its
// slices are the caller's to change: no other Entity shares them.
func (r *reader) entity(id schema.IRI) (Entity, bool, error) {
	if e, ok := r.entities[id]; ok {
		if e == nil {
			return Entity{ID: id}, false, nil
		}
		return r.shown.clone(*e), true, nil // the reader's, for the next edge too
	}
	if idx := r.g.index; idx != nil {
		if e, exists, cached := idx.entity(id); cached {
			if !exists {
				return Entity{ID: id}, false, nil
			}
			return r.shown.clone(e), true, nil // the cache's slices are not the caller's to change
		}
	}
	e, ok, err := r.decodeEntity(id)
	if err != nil {
		return Entity{}, false, err
	}
	if idx := r.g.index; idx != nil && (ok || !r.private) {
		idx.keepEntity(id, e, ok)
	}
	if r.entities != nil {
		var kept *Entity // nil: absent
		if ok {
			kept = new(Entity)
			*kept = r.shown.clone(e) // e's slices are the caller's
		}
		r.entities[id] = kept
	}
	return e, ok, nil
}

// decodeEntity reads the entity id from its quads.
func (r *reader) decodeEntity(id schema.IRI) (Entity, bool, error) {
	e := Entity{ID: id}
	err := r.each(quad.Subject, iri(id), func(q quad.Quad) bool {
		p, _ := iriOf(q.Predicate)
		switch p {
		case schema.Type:
			// Only unlabelled types make an entity: a term's type (owl:Class...)
			// is labelled with the vocabulary graph.
			if k, ok := iriOf(q.Object); ok && q.Label == nil && !slices.Contains(e.Kinds, schema.Kind(k)) {
				e.Kinds = append(e.Kinds, schema.Kind(k))
			}
		case schema.Name:
			e.Name, _, _ = textOf(q.Object)
		case schema.AltName:
			if s, lang, ok := textOf(q.Object); ok {
				a := Alias{Name: s, Lang: lang}
				if !slices.Contains(e.Aliases, a) {
					e.Aliases = append(e.Aliases, a)
				}
			}
		case schema.SameAs:
			if o, ok := iriOf(q.Object); ok && !slices.Contains(e.SameAs, o) {
				e.SameAs = append(e.SameAs, o)
			}
		case schema.Description:
			e.Description, _, _ = textOf(q.Object)
		}
		return true
	})
	if err != nil {
		return Entity{}, false, err
	}
	if len(e.Kinds) == 0 {
		return Entity{ID: id}, false, nil
	}
	// Backends return quads in different orders; answers must not differ.
	slices.Sort(e.Kinds)
	slices.Sort(e.SameAs)
	slices.SortFunc(e.Aliases, func(a, b Alias) int {
		if c := strings.Compare(a.Name, b.Name); c != 0 {
			return c
		}
		return strings.Compare(a.Lang, b.Lang)
	})
	return e, true, nil
}

// mustEntity is view, the entity as reads show it, returning an Entity with
// only its ID when absent.
func (r *reader) mustEntity(id schema.IRI) (Entity, error) {
	e, _, err := r.view(id)
	return e, err
}

// recordedEntity is mustEntity with the ID as recorded: the entity as reads
// show it, merges and all, under the IRI it was written with.
func (r *reader) recordedEntity(id schema.IRI) (Entity, error) {
	e, err := r.mustEntity(id)
	e.ID = id
	return e, err
}

// maxSources bounds a reader's cache of sources; past it the cache starts
// again empty. A read keeps its sources from the minSources'th claim on: a
// one-hop read of a few claims is not worth a map.
const (
	maxSources = 1 << 12
	minSources = 16
)

// sourceOf is recordedEntity for a claim's source or medium, decoded once a
// call (past its first few claims): the claims of one read share their
// sources' Entity values (and the slices in them), as they do on backends
// whose readers cache entities.
func (r *reader) sourceOf(id schema.IRI) (Entity, error) {
	if e, ok := r.sources[id]; ok {
		return e, nil
	}
	e, err := r.recordedEntity(id)
	if err != nil {
		return Entity{}, err
	}
	if r.sourceReads++; r.sourceReads < minSources {
		return e, nil
	}
	if r.sources == nil || len(r.sources) >= maxSources {
		r.sources = map[schema.IRI]Entity{}
	}
	r.sources[id] = e
	return e, nil
}

// claim returns the claim id, and whether it exists.
func (r *reader) claim(id schema.IRI) (Claim, bool, error) {
	var c Claim
	ok, err := r.claimInto(id, &c)
	return c, ok, err
}

// claimInto is claim into *c: an edge's evidence is decoded in place, not
// copied through two return values. A Claim is a few hundred bytes; taking
// the address of a local in claim moved every one to the heap.
func (r *reader) claimInto(id schema.IRI, c *Claim) (bool, error) {
	if p, ok := r.claims[id]; ok {
		if p == nil {
			*c = Claim{ID: id}
			return false, nil
		}
		*c = *p
		return true, nil
	}
	found, cached := false, false
	if idx := r.g.index; idx != nil {
		found, cached = idx.claim(id, c)
	}
	if cached {
		c.Retractions = slices.Clone(c.Retractions) // the cache's, not the caller's to change
	} else {
		var err error
		if *c, found, err = r.decodeClaim(id); err != nil {
			*c = Claim{}
			return false, err
		}
		if idx := r.g.index; idx != nil && (found || !r.private) {
			idx.keepClaim(id, c, found)
		}
	}
	if !found {
		if r.claims != nil {
			r.claims[id] = nil
		}
		*c = Claim{ID: id}
		return false, nil
	}
	// Source and Via are shown as reads show entities (through merges), but
	// keep the IDs the claim recorded: validation and retractions compare them.
	var err error
	if c.Source, err = r.sourceOf(c.Source.ID); err != nil {
		*c = Claim{}
		return false, err
	}
	if c.Via.ID != "" {
		if c.Via, err = r.sourceOf(c.Via.ID); err != nil {
			*c = Claim{}
			return false, err
		}
	}
	if r.claims != nil {
		kept := new(Claim)
		*kept = *c
		r.claims[id] = kept
	}
	return true, nil
}

// decodeClaim reads the claim id from its quads; Source and Via carry only
// their IDs.
func (r *reader) decodeClaim(id schema.IRI) (Claim, bool, error) {
	c := Claim{ID: id}
	found := false
	var source, via schema.IRI
	date := func(v quad.Value) Date {
		if d, ok := fromQuad(v); ok {
			if d, ok := d.(Date); ok {
				return d
			}
		}
		return Date{}
	}
	err := r.each(quad.Subject, iri(id), func(q quad.Quad) bool {
		p, _ := iriOf(q.Predicate)
		switch p {
		case schema.Type:
			found = found || q.Object == quad.IRI(schema.ClaimKind)
		case schema.Source:
			source, _ = iriOf(q.Object)
		case schema.Via:
			via, _ = iriOf(q.Object)
		case schema.Stance:
			switch q.Object {
			case quad.IRI(schema.Denied):
				c.Stance = Denied
			case quad.IRI(schema.Retracted):
				c.Stance = Retracted
			}
		case schema.Retracts:
			c.Retracts, _ = iriOf(q.Object)
		case schema.Reported:
			c.Reported = date(q.Object)
		case schema.ValidFrom:
			c.ValidFrom = date(q.Object)
		case schema.ValidUntil:
			c.ValidUntil = date(q.Object)
		case schema.Quote:
			c.Quote, _, _ = textOf(q.Object)
		case schema.Note:
			c.Note, _, _ = textOf(q.Object)
		case schema.Confidence:
			if ts, ok := q.Object.(quad.TypedString); ok {
				c.Confidence, _ = strconv.ParseFloat(string(ts.Value), 64)
			}
		}
		return true
	})
	if err != nil {
		return Claim{}, false, err
	}
	c.Source, c.Via = Entity{ID: source}, Entity{ID: via}
	if found && r.g.retractions.Load() {
		if c.Retractions, err = r.retractionsOf(c); err != nil {
			return Claim{}, false, err
		}
	}
	return c, found, nil
}

// retractionsOf returns the retractions of c: claims of c's source, of stance
// Retracted, that name c. It is an index lookup on c as an object.
func (r *reader) retractionsOf(c Claim) ([]Retraction, error) {
	var ids []schema.IRI
	err := r.eachOf(quad.Object, iri(c.ID), []quad.Value{iri(schema.Retracts)}, func(q quad.Quad) bool {
		if id, ok := iriOf(q.Subject); ok && q.Label == nil {
			ids = append(ids, id)
		}
		return true
	})
	if err != nil || len(ids) == 0 {
		return nil, err
	}
	var out []Retraction
	for _, id := range ids {
		rc, ok, err := r.decodeClaim(id)
		if err != nil {
			return nil, err
		}
		if ok && rc.Stance == Retracted && rc.Retracts == c.ID && rc.Source.ID == c.Source.ID {
			out = append(out, Retraction{Claim: id, Reported: rc.Reported})
		}
	}
	slices.SortFunc(out, func(a, b Retraction) int {
		if c := a.Reported.Start().Compare(b.Reported.Start()); c != 0 {
			return c
		}
		return strings.Compare(string(a.Claim), string(b.Claim))
	})
	return out, nil
}

func sortEvidence(ev Evidence) {
	slices.SortFunc(ev, func(a, b Claim) int {
		if a.Reported.Before(b.Reported) {
			return -1
		}
		if b.Reported.Before(a.Reported) {
			return 1
		}
		return strings.Compare(string(a.ID), string(b.ID))
	})
}
