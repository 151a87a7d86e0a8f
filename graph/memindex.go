package graph

import (
	"slices"
	"sync"

	"github.com/cayleygraph/quad"

	"github.com/actorgraph/actorgraph/schema"
)

// memIndex holds an in-memory graph's quads, indexed by subject, predicate,
// object and label: it is the in-memory graph's store of record, and the read
// index of the file stores. cayley's memstore answers the same lookups, but it
// decodes each quad through several map lookups and an iterator, and loading a
// quad into it costs several times what indexing it here costs. A memstore is
// built from the quads only when the escape hatch (Graph.QuadStore) asks for
// one, and kept in step from then on.
//
// The index is dictionary-encoded: each distinct value (IRI, string, date) is
// held once, in terms, and named everywhere else by its id, its position
// there. A quad is four ids, and the lists of quads by value are slices
// indexed by id. So the index holds no pointer a quad (the garbage collector
// scans the terms, not the quads or the lists), a quad costs 16 bytes instead
// of four interface values and their boxed strings, and a lookup by value
// hashes the value once, to find its id. Reading a quad builds a quad.Quad
// from the terms, which allocates nothing. Ids never change: a value stays in
// terms when the last quad that uses it is removed.
type memIndex struct {
	// dict holds each distinct value once, by id (terms[id]); id 0 is none
	// (the label of an unlabelled quad).
	dict
	// quads holds every quad added, as its values' ids in direction order
	// (subject, predicate, object, label); a removed quad leaves a zero entry
	// (a tombstone) so that the ids in the lists stay valid. live counts the
	// rest.
	quads []encoded
	live  int
	// by[d][t] lists the ids of the quads whose direction d is term t; it is
	// only as long as the highest term seen in d. Labels are indexed too (only
	// labelled quads are listed there): a claim labels a handful of facts, so
	// its list is the one that keeps the duplicate check short when one edge
	// carries thousands of claims.
	by [quad.Label + 1][][]int32

	// Decoded entities and claims, shared by readers (who hold the graph's read
	// lock, hence cacheMu) and dropped for a subject when a commit adds a quad
	// about it. A claim is kept with only the IDs of its source and medium, so
	// that a change to the source entity does not leave it stale.
	cacheMu  sync.Mutex
	entities map[schema.IRI]*Entity // nil: known to be absent
	claims   map[schema.IRI]*keptClaim
	classes  map[schema.IRI][]schema.IRI // merge classes (see reader.class); dropped at every commit
}

// encoded is a quad as the ids of its values, indexed by quad.Direction - 1.
type encoded [4]uint32

// removed reports whether e is a tombstone: every live quad has a subject.
func (e encoded) removed() bool { return e[0] == 0 }

// maxCached bounds each decode cache; past it the cache starts again empty.
// The peer benchmark's 1M-quad file has 188,114 claims and some 111,000
// entities, so a read of all its claims (Q3) decodes each once. By the size
// of its entries (a 216-byte keptClaim, its map slot; the strings are the
// index's), a claim costs the cache about 250 bytes: 47 MB for those
// claims, 66 MB full, whatever the graph's size.
const maxCached = 1 << 18

func newMemIndex() *memIndex {
	return &memIndex{
		dict:     newDict(),
		entities: map[schema.IRI]*Entity{}, claims: map[schema.IRI]*keptClaim{}, classes: map[schema.IRI][]schema.IRI{},
	}
}

// term returns the id of v, and whether the index holds v.
func (m *memIndex) term(v quad.Value) (uint32, bool) {
	if v == nil {
		return 0, false
	}
	return m.lookup(v)
}

// encode returns q's ids, and whether the index holds each of its values
// (if not, it holds no such quad).
func (m *memIndex) encode(q quad.Quad) (encoded, bool) {
	var e encoded
	for i, d := range quad.Directions {
		v := q.Get(d)
		if v == nil {
			continue
		}
		t, ok := m.lookup(v)
		if !ok {
			return e, false
		}
		e[i] = t
	}
	return e, true
}

// quad returns the quad of id (a zero Quad for a tombstone).
func (m *memIndex) quad(id int32) quad.Quad {
	return m.decode(m.quads[id])
}

// addAll indexes a committed batch.
func (m *memIndex) addAll(qs []quad.Quad) {
	m.cacheMu.Lock()
	defer m.cacheMu.Unlock()
	m.quads = slices.Grow(m.quads, len(qs)) // one allocation, not a doubling each
	for _, q := range qs {
		m.add(q)
	}
}

// adopt indexes a committed batch whose caller is done with qs, and clears
// qs: the index keeps each value once, and the batch's other copies of the
// same values can go before the caller lets go of the slice (a load of ten
// million quads would otherwise hold both at once).
func (m *memIndex) adopt(qs []quad.Quad) {
	m.cacheMu.Lock()
	if len(m.terms) == 1 { // empty: build it whole (see build)
		var b batchQuads
		for i, q := range qs {
			b.append(encoded{m.intern(q.Subject), m.intern(q.Predicate), m.intern(q.Object), m.intern(q.Label)})
			qs[i] = quad.Quad{}
		}
		m.build(&b)
		m.cacheMu.Unlock()
		return
	}
	m.cacheMu.Unlock()
	m.addAll(qs)
	clear(qs)
}

// adoptBatch indexes a committed batch whose quads qs are encoded by d, and
// empties both: the batch is done with them. An empty index takes d over
// whole, so that a first load interns each value once and its quads keep
// their ids, and builds its lists at their final lengths (see build);
// otherwise each of the batch's terms is interned once and its quads'
// ids translated.
func (m *memIndex) adoptBatch(d *dict, qs *batchQuads) {
	m.cacheMu.Lock()
	defer m.cacheMu.Unlock()
	if len(m.terms) == 1 { // no value, so no quad either
		m.dict, *d = *d, dict{}
		m.build(qs)
		return
	}
	ids := make([]uint32, len(d.terms))
	for i, v := range d.terms[1:] {
		ids[i+1] = m.intern(v)
	}
	*d = dict{}
	m.quads = slices.Grow(m.quads, qs.n)
	qs.take(func(c []encoded) {
		for _, e := range c {
			if e = (encoded{ids[e[0]], ids[e[1]], ids[e[2]], ids[e[3]]}); m.addEncoded(e) {
				m.forget(m.decode(e))
			}
		}
	})
}

// build indexes qs, encoded by the index's dictionary, into an index that
// holds no quad, and empties qs; the caller holds cacheMu. It counts the
// quads of each term in each direction first and cuts each list from one
// array per direction at that length, so that no list grows by doubling
// (which leaves up to half a list's room unused, and the copies garbage);
// only a repeated quad leaves room unused. The decode caches, which can only
// hold what reads of the empty graph found, are dropped.
func (m *memIndex) build(qs *batchQuads) {
	clear(m.entities)
	clear(m.claims)
	var counts [len(encoded{})][]int32
	for i := range counts {
		counts[i] = make([]int32, len(m.terms))
	}
	qs.each(func(e encoded) bool {
		for i, t := range e {
			counts[i][t]++ // t is 0 for an unlabelled quad: counted, never used
		}
		return true
	})
	for i, c := range counts {
		c[0] = 0
		n := len(c)
		for n > 0 && c[n-1] == 0 {
			n--
		}
		total := 0
		for _, k := range c[:n] {
			total += int(k)
		}
		room := make([]int32, total)
		by := make([][]int32, n)
		at := 0
		for t, k := range c[:n] {
			if k > 0 {
				by[t] = room[at:at:(at + int(k))]
				at += int(k)
			}
		}
		m.by[quad.Directions[i]] = by
		counts[i] = nil
	}
	m.quads = make([]encoded, 0, qs.n)
	qs.take(func(c []encoded) {
		for _, e := range c {
			m.addEncoded(e)
		}
	})
}

// add indexes q unless it is there already; the caller holds cacheMu. A
// duplicate is in every one of q's lists, so the shortest is searched: for a
// fact, its claim's (a claim labels a few facts, however many claims one edge
// has); otherwise mostly the subject's (an entity's or a claim's own quads) or
// the object's (the few quads that point at a literal or a claim). Scanning
// the subject's or the object's alone made a load of n claims of one edge
// cost O(n²). (A set of quads would cost a hash of the whole quad on every
// add, and more memory than the rest of the index.)
func (m *memIndex) add(q quad.Quad) {
	var e encoded
	for i, d := range quad.Directions {
		e[i] = m.intern(q.Get(d))
	}
	if m.addEncoded(e) {
		m.forget(q)
	}
}

// addEncoded is add for a quad given by its ids; it reports whether the index
// took it (it was not there, and it has a subject).
func (m *memIndex) addEncoded(e encoded) bool {
	if e[0] == 0 {
		return false // no subject: not a quad (and it would read as a tombstone)
	}
	var ids []int32
	for i, t := range e {
		if t == 0 {
			continue // an unlabelled quad
		}
		if l := m.list1(quad.Directions[i], t); i == 0 || len(l) < len(ids) {
			ids = l
		}
	}
	for _, id := range ids {
		if m.quads[id] == e {
			return false
		}
	}
	id := int32(len(m.quads))
	m.quads = append(m.quads, e)
	m.live++
	for i, t := range e {
		if t == 0 {
			continue
		}
		by := m.by[quad.Directions[i]]
		if int(t) >= len(by) {
			by = slices.Grow(by, int(t)+1-len(by))[:int(t)+1]
			m.by[quad.Directions[i]] = by
		}
		by[t] = append(by[t], id)
	}
	return true
}

// removeAll removes a committed batch's removals; quads it does not hold are
// ignored.
func (m *memIndex) removeAll(qs []quad.Quad) {
	m.cacheMu.Lock()
	defer m.cacheMu.Unlock()
	for _, q := range qs {
		m.remove(q)
	}
}

// remove drops q, if held, from the subject, object and label lists and
// leaves a tombstone in quads; the predicate lists, which can be as long as
// the graph, keep the id and their readers skip tombstones. The caller holds
// cacheMu.
func (m *memIndex) remove(q quad.Quad) {
	e, ok := m.encode(q)
	if !ok || e[0] == 0 {
		return
	}
	ids := m.list1(quad.Subject, e[0])
	at := slices.IndexFunc(ids, func(id int32) bool { return m.quads[id] == e })
	if at < 0 {
		return
	}
	id := ids[at]
	m.by[quad.Subject][e[0]] = dropID(ids, at)
	for _, d := range []quad.Direction{quad.Object, quad.Label} {
		if t := e[d-1]; t != 0 {
			l := m.by[d][t]
			if i := slices.Index(l, id); i >= 0 {
				m.by[d][t] = dropID(l, i)
			}
		}
	}
	m.quads[id] = encoded{}
	m.live--
	m.forget(q)
}

// dropID removes ids[i], keeping the order of the rest.
func dropID(ids []int32, i int) []int32 {
	return slices.Delete(ids, i, i+1)
}

// forget drops the cached decodes that q takes part in: its subject's, and
// the claim it retracts.
func (m *memIndex) forget(q quad.Quad) {
	if s, ok := q.Subject.(quad.IRI); ok {
		delete(m.entities, schema.IRI(s))
		delete(m.claims, schema.IRI(s))
	}
	if o, ok := q.Object.(quad.IRI); ok && q.Predicate == quad.IRI(schema.Retracts) {
		delete(m.claims, schema.IRI(o))
	}
}

// each calls fn with the live quads whose direction d is v, until it returns false.
func (m *memIndex) each(d quad.Direction, v quad.Value, fn func(quad.Quad) bool) {
	for _, id := range m.list(d, v) {
		e := m.quads[id]
		if e.removed() {
			continue
		}
		if !fn(m.decode(e)) {
			return
		}
	}
}

// eachOf is each for the quads whose predicate is one of preds: it compares
// ids, and builds only the quads it passes to fn.
func (m *memIndex) eachOf(d quad.Direction, v quad.Value, preds []quad.Value, fn func(quad.Quad) bool) {
	var one [2]uint32
	ps := one[:0]
	for _, p := range preds {
		if t, ok := m.term(p); ok {
			ps = append(ps, t)
		}
	}
	if len(ps) == 0 {
		return
	}
	for _, id := range m.list(d, v) {
		e := m.quads[id]
		if e.removed() || !slices.Contains(ps, e[1]) {
			continue
		}
		if !fn(m.decode(e)) {
			return
		}
	}
}

// objectCounts returns, for each value, the number of live unlabelled quads
// of predicate pred whose object it is: a histogram over object ids, with no
// quad built and no value hashed but the keys of the result.
//
// A list long beside the index's terms (a predicate every claim has) is
// counted in a slice by term, a short one in a map: the slice costs a
// clearing of 4 bytes a term, the map a hash of each quad's object.
func (m *memIndex) objectCounts(pred quad.Value) map[quad.Value]int {
	list := m.list(quad.Predicate, pred)
	live := func(id int32) (uint32, bool) {
		e := m.quads[id]
		return e[2], !e.removed() && e[3] == 0
	}
	if len(list) < len(m.terms)/8 {
		counts := map[uint32]int{}
		for _, id := range list {
			if o, ok := live(id); ok {
				counts[o]++
			}
		}
		out := make(map[quad.Value]int, len(counts))
		for t, n := range counts {
			out[m.terms[t]] = n
		}
		return out
	}
	counts := make([]int32, len(m.terms))
	var objects []uint32
	for _, id := range list {
		if o, ok := live(id); ok {
			if counts[o] == 0 {
				objects = append(objects, o)
			}
			counts[o]++
		}
	}
	out := make(map[quad.Value]int, len(objects))
	for _, t := range objects {
		out[m.terms[t]] = int(counts[t])
	}
	return out
}

// all returns the live quads.
func (m *memIndex) all() []quad.Quad {
	out := make([]quad.Quad, 0, m.live)
	for _, e := range m.quads {
		if !e.removed() {
			out = append(out, m.decode(e))
		}
	}
	return out
}

// list returns the ids of the quads whose direction d is v; some may be
// tombstones (see remove).
func (m *memIndex) list(d quad.Direction, v quad.Value) []int32 {
	if d < quad.Subject || d > quad.Label {
		return nil
	}
	t, ok := m.term(v)
	if !ok {
		return nil
	}
	return m.list1(d, t)
}

// list1 is list for the term t.
func (m *memIndex) list1(d quad.Direction, t uint32) []int32 {
	if by := m.by[d]; int(t) < len(by) {
		return by[t]
	}
	return nil
}

// entity returns the cached decode of id: the entity, whether id is one, and
// whether the cache knows. The Entity shares its slices with the cache, which
// never changes them: the caller copies them before it hands the Entity on
// (reader.entity does, into its slabs, a few allocations a read rather than
// three an entity).
func (m *memIndex) entity(id schema.IRI) (e Entity, exists, cached bool) {
	m.cacheMu.Lock()
	p, cached := m.entities[id]
	if p != nil {
		e = *p
	}
	m.cacheMu.Unlock()
	return e, p != nil, cached
}

// keepEntity caches the decode of id: e, or, when exists is false, that id is
// no entity. The cache keeps slices of its own.
func (m *memIndex) keepEntity(id schema.IRI, e Entity, exists bool) {
	var kept *Entity
	if exists {
		kept = new(Entity)
		*kept = e
		kept.Kinds, kept.Aliases, kept.SameAs = slices.Clone(e.Kinds), slices.Clone(e.Aliases), slices.Clone(e.SameAs)
	}
	m.cacheMu.Lock()
	if len(m.entities) >= maxCached {
		clear(m.entities)
	}
	m.entities[id] = kept
	m.cacheMu.Unlock()
}

// class returns the cached merge class of id (nil: merged with nothing) and
// whether the cache knows.
func (m *memIndex) class(id schema.IRI) ([]schema.IRI, bool) {
	m.cacheMu.Lock()
	defer m.cacheMu.Unlock()
	c, ok := m.classes[id]
	return c, ok
}

func (m *memIndex) keepClass(id schema.IRI, members []schema.IRI) {
	m.cacheMu.Lock()
	defer m.cacheMu.Unlock()
	if len(m.classes) >= maxCached {
		clear(m.classes)
	}
	m.classes[id] = members
	for _, x := range members {
		m.classes[x] = members
	}
}

// forgetMerges drops the cached merge classes: a commit may add, remove or
// retract a merge, or retract the claim that carries one.
func (m *memIndex) forgetMerges() {
	m.cacheMu.Lock()
	defer m.cacheMu.Unlock()
	clear(m.classes)
}

// keptClaim is a claim as the cache keeps it: a Claim without the fields
// only a read sets, its source and medium by ID. A Claim, with its two
// Entities, is 544 bytes; this is 216, and a graph's claims can all be cached
// (a read of every backs fact at 1M quads reads some 150,000).
type keptClaim struct {
	source, via, retracts schema.IRI
	stance                Stance
	retractions           []Retraction
	reported              Date
	validFrom, validUntil Date
	quote, note           string
	confidence            float64
}

// claim sets *c to the cached decode of claim id (Source and Via carry only
// their IDs, Retractions is the cache's), and returns whether id is one and
// whether the cache knows; it leaves *c alone when the cache holds no claim
// id.
func (m *memIndex) claim(id schema.IRI, c *Claim) (exists, cached bool) {
	m.cacheMu.Lock()
	k, cached := m.claims[id]
	if k != nil {
		*c = Claim{
			ID: id, Source: Entity{ID: k.source}, Via: Entity{ID: k.via}, Stance: k.stance,
			Retracts: k.retracts, Retractions: k.retractions, Reported: k.reported,
			ValidFrom: k.validFrom, ValidUntil: k.validUntil, Quote: k.quote, Note: k.note, Confidence: k.confidence,
		}
	}
	m.cacheMu.Unlock()
	return k != nil, cached
}

// keepClaim caches the decode of claim id: c, or, when exists is false, that
// id is no claim. The cache keeps Retractions of its own.
func (m *memIndex) keepClaim(id schema.IRI, c *Claim, exists bool) {
	var kept *keptClaim
	if exists {
		kept = &keptClaim{
			source: c.Source.ID, via: c.Via.ID, retracts: c.Retracts, stance: c.Stance,
			retractions: slices.Clone(c.Retractions), reported: c.Reported,
			validFrom: c.ValidFrom, validUntil: c.ValidUntil, quote: c.Quote, note: c.Note, confidence: c.Confidence,
		}
	}
	m.cacheMu.Lock()
	if len(m.claims) >= maxCached {
		clear(m.claims)
	}
	m.claims[id] = kept
	m.cacheMu.Unlock()
}

// kindTerms returns the term ids of kind k and the kinds below it that the
// index holds, and how many quads point at them (the kind's size: its type
// quads, give or take a vocabulary term's).
func (m *memIndex) kindTerms(v *schema.Vocabulary, k schema.Kind) (classes []uint32, size int) {
	for _, d := range v.Descendants(k) {
		if t, ok := m.term(iri(schema.IRI(d))); ok {
			classes = append(classes, t)
			size += len(m.list1(quad.Object, t))
		}
	}
	return classes, size
}

// ofTypes returns the set of the terms that are the subject of an
// unlabelled rdf:type quad (typ is rdf:type's term id) whose object is one
// of classes (term ids): the entities of those classes, read by the index on
// each class.
func (m *memIndex) ofTypes(typ uint32, classes []uint32) termSet {
	set := make(termSet, (len(m.terms)+63)/64)
	for _, c := range classes {
		for _, id := range m.list1(quad.Object, c) {
			if e := m.quads[id]; !e.removed() && e[1] == typ && e[3] == 0 {
				set[e[0]/64] |= 1 << (e[0] % 64)
			}
		}
	}
	return set
}

// termSet is a set of term ids, a bit each.
type termSet []uint64

func (s termSet) has(t uint32) bool { return int(t/64) < len(s) && s[t/64]&(1<<(t%64)) != 0 }

// hasType reports whether term s is the subject of an unlabelled rdf:type
// quad (typ is rdf:type's term id) whose object is one of classes (term
// ids), comparing ids only.
func (m *memIndex) hasType(typ, s uint32, classes []uint32) bool {
	for _, id := range m.list1(quad.Subject, s) {
		if e := m.quads[id]; !e.removed() && e[1] == typ && e[3] == 0 && slices.Contains(classes, e[2]) {
			return true
		}
	}
	return false
}

// mayBeOfKind returns a check, by the in-memory index, that id may be an
// entity of kind k or a kind below it: it says false only when id has no
// such type, so that a query drops a candidate of another kind (a state some
// state backs, in a query for armed groups) without decoding it. It returns
// nil when it cannot tell: without an index, or when the graph has merges (a
// merged entity has its class's kinds).
func (r *reader) mayBeOfKind(k schema.Kind) func(schema.IRI) bool {
	idx := r.g.index
	if idx == nil || r.g.merges.Load() {
		return nil
	}
	typ, ok := idx.term(iri(schema.Type))
	if !ok {
		return func(schema.IRI) bool { return false } // nothing has a type
	}
	// A few checks read each id's own quads; past an eighth of the kind's
	// size, the set of the kind's entities (read once from its type lists)
	// is cheaper.
	classes, size := idx.kindTerms(r.g.vocab, k)
	var set termSet
	checks := 0
	return func(id schema.IRI) bool {
		t, ok := idx.term(iri(id))
		if !ok {
			return false
		}
		if set == nil {
			if checks++; checks*8 < size {
				return idx.hasType(typ, t, classes)
			}
			set = idx.ofTypes(typ, classes)
		}
		return set.has(t)
	}
}
