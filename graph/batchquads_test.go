package graph

import (
	"fmt"
	"slices"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/actorgraph/actorgraph/schema"
)

// A batch's quads grow a chunk at a time past the first, and read back in
// order by position, by each, and when taken or filtered.
func TestBatchQuadsKeepsItsQuadsInOrderAcrossChunks(t *testing.T) {
	var b batchQuads
	n := 3<<chunkBits + 5
	for i := range n {
		b.append(encoded{uint32(i + 1), 1, 2, 0})
	}
	if b.n != n || len(b.chunks) != 4 {
		t.Fatalf("%d quads in %d chunks, want %d in 4", b.n, len(b.chunks), n)
	}
	for _, c := range b.chunks[1:] {
		if cap(c) != 1<<chunkBits {
			t.Errorf("a later chunk has room for %d quads, want %d", cap(c), 1<<chunkBits)
		}
	}
	for _, i := range []int{0, 1<<chunkBits - 1, 1 << chunkBits, n - 1} {
		if got := b.at(i); got[0] != uint32(i+1) {
			t.Errorf("at(%d) = %v, want subject %d", i, got, i+1)
		}
	}
	next := uint32(1)
	b.each(func(e encoded) bool {
		if e[0] != next {
			t.Fatalf("each: subject %d, want %d", e[0], next)
		}
		next++
		return true
	})
	if int(next) != n+1 {
		t.Errorf("each read %d quads, want %d", next-1, n)
	}
	b.filter(func(e encoded) bool { return e[0]%2 == 0 })
	if b.n != n/2 || b.at(0)[0] != 2 || b.at(b.n - 1)[0] != uint32(n-n%2) {
		t.Errorf("filter kept %d quads, first %v, last %v", b.n, b.at(0), b.at(b.n-1))
	}
	taken := 0
	b.take(func(c []encoded) { taken += len(c) })
	if taken != n/2 || b.n != 0 || b.chunks != nil {
		t.Errorf("take handed over %d quads and left %d in %d chunks", taken, b.n, len(b.chunks))
	}
}

// indexQuads is a batch with repeats, unlabelled quads, a hub object and a
// subject with many facts: what the duplicate check and the lists must get
// right.
func indexQuads() []quad.Quad {
	var qs []quad.Quad
	hub, p, typ := quad.IRI("hub"), quad.IRI("p"), quad.IRI("type")
	for i := range 300 {
		s := quad.IRI(fmt.Sprint("s", i%40))
		c := quad.IRI(fmt.Sprint("c", i))
		qs = append(qs,
			quad.Quad{Subject: s, Predicate: p, Object: hub, Label: c},
			quad.Quad{Subject: s, Predicate: typ, Object: quad.IRI("Kind")},
			quad.Quad{Subject: c, Predicate: quad.IRI("reported"), Object: quad.TypedString{Value: quad.String(fmt.Sprint(2000 + i%7)), Type: "year"}},
			quad.Quad{Subject: s, Predicate: p, Object: hub, Label: c}, // a repeat in the batch
		)
	}
	return qs
}

// encodeBatch encodes qs as a batch does.
func encodeBatch(qs []quad.Quad) (dict, batchQuads) {
	d := newDict()
	var b batchQuads
	for _, q := range qs {
		b.append(encoded{d.intern(q.Subject), d.intern(q.Predicate), d.intern(q.Object), d.intern(q.Label)})
	}
	return d, b
}

// sameIndex fails t unless got reads as want does: the same live quads, and
// the same quads in each list of each value.
func sameIndex(t *testing.T, got, want *memIndex) {
	t.Helper()
	if !slices.Equal(got.all(), want.all()) || got.live != want.live {
		t.Fatalf("%d live quads, want %d, or not the same", got.live, want.live)
	}
	for _, v := range want.terms[1:] {
		for _, d := range quad.Directions {
			var a, b []quad.Quad
			got.each(d, v, func(q quad.Quad) bool { a = append(a, q); return true })
			want.each(d, v, func(q quad.Quad) bool { b = append(b, q); return true })
			if !slices.Equal(a, b) {
				t.Errorf("%v as %v: %v, want %v", v, d, a, b)
			}
		}
	}
}

// An empty index takes a batch's dictionary whole and builds lists at their
// final lengths, reading as quad-by-quad adds do; what comes after (adds,
// removals) works on those lists as on any.
func TestAdoptBatchIntoAnEmptyIndexReadsAsAddsDo(t *testing.T) {
	qs := indexQuads()
	want := newMemIndex()
	want.addAll(qs)
	got := newMemIndex()
	got.keepEntity("s1", Entity{}, false) // read before the load: s1 was absent
	d, b := encodeBatch(qs)
	terms := d.terms
	got.adoptBatch(&d, &b)
	if &got.terms[0] != &terms[0] {
		t.Error("the index copied the batch's dictionary instead of taking it")
	}
	if d.ids != nil || d.iris != nil || b.n != 0 {
		t.Errorf("the batch keeps %d values and %d quads after the index took them", len(d.ids)+len(d.iris), b.n)
	}
	if _, _, cached := got.entity("s1"); cached {
		t.Error("the cache still says s1, loaded by the batch, is absent")
	}
	sameIndex(t, got, want)
	// c5 is the subject of one quad, and the label of one repeated: each of
	// its lists has room for what the batch gave, no more.
	c5, _ := got.term(quad.IRI("c5"))
	if l := got.list1(quad.Subject, c5); len(l) != 1 || cap(l) != 1 {
		t.Errorf("c5's subject list holds %d ids in room for %d, want 1 in 1", len(l), cap(l))
	}
	if l := got.list1(quad.Label, c5); len(l) != 1 || cap(l) != 2 {
		t.Errorf("c5's label list holds %d ids in room for %d, want 1 in 2", len(l), cap(l))
	}
	more := []quad.Quad{
		{Subject: quad.IRI("s0"), Predicate: quad.IRI("p"), Object: quad.IRI("new"), Label: quad.IRI("c0")},
		qs[0], // held already
	}
	want.addAll(more)
	got.addAll(more)
	want.removeAll(qs[4:6])
	got.removeAll(qs[4:6])
	sameIndex(t, got, want)
}

// An index that holds quads interns the batch's values into its own
// dictionary: the batch's ids are translated, repeats of what the index
// holds dropped, and the decodes of the subjects the batch touches
// forgotten.
func TestAdoptBatchIntoAnIndexThatHoldsQuadsTranslatesIDs(t *testing.T) {
	qs := indexQuads()
	first, second := qs[:len(qs)/2], qs[len(qs)/3:] // they overlap
	x := quad.Quad{Subject: quad.IRI("c299"), Predicate: quad.IRI("p"), Object: quad.String("x")}
	want := newMemIndex()
	want.addAll(first)
	want.addAll(append([]quad.Quad{x}, second...))
	got := newMemIndex()
	got.addAll(first)
	got.keepEntity("s5", Entity{ID: "s5", Name: "stale"}, true)
	// The batch numbers its values from 1 as the index did: the same ids
	// name other values there.
	d, b := encodeBatch(append([]quad.Quad{x}, second...))
	got.adoptBatch(&d, &b)
	if b.n != 0 {
		t.Errorf("the batch keeps %d quads after the index took them", b.n)
	}
	if _, _, cached := got.entity("s5"); cached {
		t.Error("the decode of s5, which the batch adds to, is still cached")
	}
	sameIndex(t, got, want)
}

// The batch's entities and claims, kept as ids of its dictionary, read back
// as they were added.
func TestBatchEntitiesAndClaimsReadBackAsAdded(t *testing.T) {
	tx := &Tx{dict: newDict(), entities: map[uint32]batchEntity{}, claims: map[uint32]batchClaim{}}
	c := Claim{ID: "https://example.org/c", Source: Entity{ID: "https://example.org/src"}, Via: Entity{ID: "https://example.org/via"},
		Stance: Retracted, Retracts: "https://example.org/old", Reported: Day(2024, 6, 10), ValidFrom: Month(2024, 6),
		ValidUntil: Year(2025), Quote: "a quote", Note: "a note", Confidence: 0.25}
	tx.claims[tx.dict.intern(iri(c.ID))] = tx.newBatchClaim(c)
	got, ok := tx.claims[tx.iriTerm(c.ID)]
	if !ok {
		t.Fatal("the claim is not found by its IRI")
	}
	if back := tx.batchClaimOf(c.ID, got); !sameClaim(back, c) || back.ID != c.ID {
		t.Errorf("claim reads back as %+v, want %+v", back, c)
	}
	bare := Claim{ID: "https://example.org/c2", Source: Entity{ID: "https://example.org/src"}, Reported: Year(2020)}
	if back := tx.batchClaimOf(bare.ID, tx.newBatchClaim(bare)); !sameClaim(back, bare) {
		t.Errorf("a claim with no optional field reads back as %+v", back)
	}
	kinds := []schema.Kind{schema.ArmedGroup, schema.State}
	tx.entities[tx.dict.intern(iri("https://example.org/e"))] = batchEntity{name: tx.dict.intern(quad.String("E")),
		description: tx.dict.intern(quad.String("d")), kinds: tx.kindSet(kinds)}
	e := tx.batchEntityOf("https://example.org/e", tx.entities[tx.iriTerm("https://example.org/e")])
	if e.Name != "E" || e.Description != "d" || !slices.Equal(e.Kinds, kinds) {
		t.Errorf("entity reads back as %+v", e)
	}
	if tx.kindSet(slices.Clone(kinds)) != 0 || tx.kindSet(kinds[:1]) != 1 || len(tx.kindSets) != 2 {
		t.Errorf("sets of kinds: %v, want each distinct set once", tx.kindSets)
	}
	if !tx.addsEntity("https://example.org/e") || tx.addsEntity("https://example.org/c") || !tx.addsClaim("https://example.org/c") ||
		tx.addsClaim("https://example.org/unknown") {
		t.Error("addsEntity or addsClaim answers wrongly")
	}
}

// A dictionary gives each distinct value one id, keeping an IRI apart from
// a string of the same text.
func TestDictGivesEachValueOneID(t *testing.T) {
	d := newDict()
	vs := []quad.Value{quad.IRI("x"), quad.String("x"), quad.LangString{Value: "x", Lang: "en"},
		quad.TypedString{Value: "x", Type: "t"}, quad.IRI("y")}
	for i, v := range vs {
		if got := d.intern(v); got != uint32(i+1) {
			t.Errorf("intern(%#v) = %d, want %d", v, got, i+1)
		}
	}
	for i, v := range vs {
		if got, ok := d.lookup(v); !ok || got != uint32(i+1) || d.intern(v) != got || d.terms[got] != v {
			t.Errorf("lookup(%#v) = %d, %v; want %d", v, got, ok, i+1)
		}
	}
	if _, ok := d.lookup(quad.IRI("z")); ok || d.intern(nil) != 0 || len(d.terms) != len(vs)+1 {
		t.Errorf("an unknown value is found, or nil has an id other than 0, or the dictionary grew: %v", d.terms)
	}
}

// adopt, which the file stores' commits call with decoded quads, builds an
// empty index whole as adoptBatch does, and clears the caller's quads.
func TestAdoptIntoAnEmptyIndexReadsAsAddsDo(t *testing.T) {
	qs := indexQuads()
	want := newMemIndex()
	want.addAll(qs)
	got := newMemIndex()
	given := slices.Clone(qs)
	got.adopt(given)
	if slices.ContainsFunc(given, func(q quad.Quad) bool { return q != quad.Quad{} }) {
		t.Error("adopt left quads in the caller's slice")
	}
	sameIndex(t, got, want)
	c5, _ := got.term(quad.IRI("c5"))
	if l := got.list1(quad.Subject, c5); cap(l) != 1 {
		t.Errorf("c5's subject list has room for %d ids, want 1", cap(l))
	}
	more := append(slices.Clone(qs[len(qs)-4:]), // held already
		quad.Quad{Subject: quad.IRI("s1"), Predicate: quad.IRI("p"), Object: quad.IRI("new"), Label: quad.IRI("c1")})
	want.addAll(more)
	got.adopt(slices.Clone(more)) // into an index that holds quads
	sameIndex(t, got, want)
}
