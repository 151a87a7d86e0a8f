package graph

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/actorgraph/actorgraph/schema"
)

func TestMemIndexKeepsOneCopyOfEachQuad(t *testing.T) {
	m := newMemIndex()
	a := quad.Quad{Subject: quad.IRI("s"), Predicate: quad.IRI("p"), Object: quad.String("o"), Label: quad.IRI("c1")}
	b := a
	b.Label = quad.IRI("c2")
	for _, q := range []quad.Quad{a, b, a, b, a} {
		m.add(q)
	}
	if len(m.quads) != 2 {
		t.Fatalf("%d quads indexed, want 2", len(m.quads))
	}
	if got := m.list(quad.Subject, quad.IRI("s")); len(got) != 2 {
		t.Errorf("by subject: %v", got)
	}
	if got := m.list(quad.Object, quad.String("o")); len(got) != 2 {
		t.Errorf("by object: %v", got)
	}
	if got := m.list(quad.Label, quad.IRI("c1")); len(got) != 1 || m.quad(got[0]) != a {
		t.Errorf("by label c1: %v, want the one quad it labels", got)
	}
}

// On a hub (one edge with many claims) every list but the label's is long:
// the duplicate check must still find a repeat there, and keep distinct
// labels apart.
func TestMemIndexFindsDuplicatesOnAnEdgeWithManyClaims(t *testing.T) {
	m := newMemIndex()
	s, p, o := quad.IRI("s"), quad.IRI("p"), quad.IRI("o")
	for round := range 2 {
		for i := range 200 {
			m.add(quad.Quad{Subject: s, Predicate: p, Object: o, Label: quad.IRI(fmt.Sprint("c", i))})
		}
		if len(m.quads) != 200 {
			t.Fatalf("round %d: %d quads indexed, want 200", round, len(m.quads))
		}
	}
	m.add(quad.Quad{Subject: s, Predicate: p, Object: o}) // unlabelled: not a repeat of any
	if len(m.quads) != 201 || len(m.list(quad.Label, quad.IRI("c7"))) != 1 {
		t.Errorf("%d quads, %d labelled c7; want 201 and 1", len(m.quads), len(m.list(quad.Label, quad.IRI("c7"))))
	}
}

// Each distinct value is held once: a term that many quads share is one
// entry of the dictionary, and every quad names it by the same id.
func TestMemIndexHoldsATermSharedByManyQuadsOnce(t *testing.T) {
	m := newMemIndex()
	hub, p := quad.IRI("hub"), quad.IRI("p")
	for i := range 1000 {
		m.add(quad.Quad{Subject: quad.IRI(fmt.Sprint("s", i)), Predicate: p, Object: hub})
	}
	if got, want := len(m.terms), 1+1000+2; got != want { // none, the subjects, p, hub
		t.Errorf("%d terms, want %d", got, want)
	}
	hubID, ok := m.term(hub)
	if !ok {
		t.Fatal("hub is not a term")
	}
	ids := m.list(quad.Object, hub)
	if len(ids) != 1000 {
		t.Fatalf("%d quads with object hub, want 1000", len(ids))
	}
	for _, id := range ids {
		if m.quads[id][2] != hubID {
			t.Fatalf("quad %d names object %d, want hub's id %d", id, m.quads[id][2], hubID)
		}
	}
	n := 0
	m.each(quad.Object, quad.IRI("hub"), func(q quad.Quad) bool { // an equal value, not the same one
		n++
		return q.Object == hub && q.Predicate == p
	})
	if n != 1000 {
		t.Errorf("each read %d quads, want 1000", n)
	}
}

// A removal leaves a tombstone: the quad is gone from every read, the ids
// of the others do not move, the count of live quads drops, and adding the
// quad again gives it a new id.
func TestMemIndexRemovalLeavesATombstone(t *testing.T) {
	m := newMemIndex()
	qs := []quad.Quad{
		{Subject: quad.IRI("a"), Predicate: quad.IRI("p"), Object: quad.IRI("b"), Label: quad.IRI("c")},
		{Subject: quad.IRI("a"), Predicate: quad.IRI("p"), Object: quad.IRI("d"), Label: quad.IRI("c")},
		{Subject: quad.IRI("e"), Predicate: quad.IRI("p"), Object: quad.IRI("b")},
	}
	m.addAll(qs)
	m.removeAll([]quad.Quad{qs[0], {Subject: quad.IRI("x"), Predicate: quad.IRI("p"), Object: quad.IRI("b")}}) // one not held
	if m.live != 2 || len(m.quads) != 3 {
		t.Fatalf("live %d of %d, want 2 of 3", m.live, len(m.quads))
	}
	if !m.quads[0].removed() || m.quad(1) != qs[1] || m.quad(2) != qs[2] {
		t.Errorf("quads after removal: %v", m.quads)
	}
	for _, tc := range []struct {
		d    quad.Direction
		v    quad.Value
		want []quad.Quad
	}{
		{quad.Subject, quad.IRI("a"), qs[1:2]},
		{quad.Object, quad.IRI("b"), qs[2:3]},
		{quad.Label, quad.IRI("c"), qs[1:2]},
		{quad.Predicate, quad.IRI("p"), qs[1:3]}, // its list keeps the tombstone's id; each skips it
	} {
		var got []quad.Quad
		m.each(tc.d, tc.v, func(q quad.Quad) bool { got = append(got, q); return true })
		if !slices.Equal(got, tc.want) {
			t.Errorf("each(%v, %v) = %v, want %v", tc.d, tc.v, got, tc.want)
		}
	}
	if got := m.all(); !slices.Equal(got, qs[1:]) {
		t.Errorf("all() = %v, want the two live quads", got)
	}
	m.removeAll(qs[:1]) // removed twice: nothing changes
	if m.live != 2 {
		t.Errorf("live %d after a second removal, want 2", m.live)
	}
	m.addAll(qs[:1])
	if m.live != 3 || len(m.quads) != 4 || m.quad(3) != qs[0] {
		t.Errorf("re-added: live %d of %d, last %v", m.live, len(m.quads), m.quad(3))
	}
}

// Duplicate adds, in one batch or across batches, keep one quad; a quad that
// differs in its label alone, or has none, is another quad.
func TestMemIndexKeepsOneQuadForDuplicateAdds(t *testing.T) {
	m := newMemIndex()
	q := quad.Quad{Subject: quad.IRI("s"), Predicate: quad.IRI("p"), Object: quad.LangString{Value: "o", Lang: "en"}, Label: quad.IRI("c")}
	m.addAll([]quad.Quad{q, q})
	m.addAll([]quad.Quad{q})
	unlabelled := q
	unlabelled.Label = nil
	m.addAll([]quad.Quad{unlabelled, unlabelled})
	if m.live != 2 || len(m.quads) != 2 {
		t.Fatalf("live %d of %d, want 2 of 2", m.live, len(m.quads))
	}
	if m.quads[1][3] != 0 || m.quad(1) != unlabelled {
		t.Errorf("the unlabelled quad reads as %v (label id %d)", m.quad(1), m.quads[1][3])
	}
	if got := m.list(quad.Label, quad.IRI("c")); len(got) != 1 {
		t.Errorf("by label c: %v, want one quad", got)
	}
}

// A term keeps its id across commits, removals of every quad that uses it
// included, so that ids held in lists and quads never go stale.
func TestMemIndexTermIDsAreStableAcrossCommits(t *testing.T) {
	m := newMemIndex()
	a := quad.Quad{Subject: quad.IRI("s"), Predicate: quad.IRI("p"), Object: quad.String("x")}
	m.addAll([]quad.Quad{a})
	before := map[quad.Value]uint32{}
	for _, v := range []quad.Value{a.Subject, a.Predicate, a.Object} {
		before[v], _ = m.term(v)
	}
	for i := range 100 {
		m.addAll([]quad.Quad{{Subject: quad.IRI(fmt.Sprint("s", i)), Predicate: quad.IRI("p"), Object: quad.String(fmt.Sprint(i))}})
	}
	m.removeAll([]quad.Quad{a})
	m.addAll([]quad.Quad{a})
	for v, id := range before {
		if got, ok := m.term(v); !ok || got != id {
			t.Errorf("term %v: id %d (held %v), was %d", v, got, ok, id)
		}
	}
	if _, ok := m.term(quad.String("never added")); ok {
		t.Error("a value never added has an id")
	}
	if got := m.list(quad.Object, quad.String("never added")); got != nil {
		t.Errorf("list of a value never added: %v", got)
	}
}

// objectCounts counts the live unlabelled quads of a predicate by object.
func TestMemIndexCountsObjectsOfAPredicate(t *testing.T) {
	m := newMemIndex()
	src := quad.IRI("source")
	var qs []quad.Quad
	for i := range 10 {
		qs = append(qs, quad.Quad{Subject: quad.IRI(fmt.Sprint("claim", i)), Predicate: src, Object: quad.IRI(fmt.Sprint("s", i%3))})
	}
	qs = append(qs, quad.Quad{Subject: quad.IRI("x"), Predicate: src, Object: quad.IRI("s0"), Label: quad.IRI("vocabulary")})
	m.addAll(qs)
	m.removeAll(qs[:1]) // claim0, of s0
	got := m.objectCounts(src)
	want := map[quad.Value]int{quad.IRI("s0"): 3, quad.IRI("s1"): 3, quad.IRI("s2"): 3}
	if !maps.Equal(got, want) {
		t.Errorf("objectCounts = %v, want %v", got, want)
	}
	if got := m.objectCounts(quad.IRI("absent")); len(got) != 0 {
		t.Errorf("objectCounts of an absent predicate = %v", got)
	}
	// A predicate of few quads among many terms is counted in a map, the
	// long one in a slice by term: both count alike.
	var more []quad.Quad
	for i := range 400 {
		more = append(more, quad.Quad{Subject: quad.IRI(fmt.Sprint("other", i)), Predicate: quad.IRI("name"), Object: quad.String(fmt.Sprint("Other ", i))})
	}
	m.addAll(more)
	if n := len(m.list(quad.Predicate, src)); n >= len(m.terms)/8 {
		t.Fatalf("%d quads of the predicate among %d terms: not the map's case", n, len(m.terms))
	}
	if got := m.objectCounts(src); !maps.Equal(got, want) {
		t.Errorf("objectCounts among many terms = %v, want %v", got, want)
	}
}

// mayBeOfKind answers by the ids' own quads for a few checks and by the set
// of the kind's entities past them; both say the same, and neither drops an
// entity of a kind below the one asked for.
func TestMayBeOfKindAgreesBeforeAndAfterItBuildsTheSet(t *testing.T) {
	r := newReader(context.Background(), townGraph(t, 40)) // cities, a kind below Place
	town := func(i int) schema.IRI { return schema.IRI(fmt.Sprintf("https://example.org/town/%d", i)) }
	for _, tc := range []struct {
		kind schema.Kind
		want bool
	}{{schema.Place, true}, {schema.City, true}, {schema.State, false}} {
		maybe := r.mayBeOfKind(tc.kind)
		if maybe == nil {
			t.Fatal("no check on a graph without merges")
		}
		for round := range 2 { // the second round reads the set
			for i := range 40 {
				if got := maybe(town(i)); got != tc.want {
					t.Fatalf("%s, round %d: town %d: %v, want %v", tc.kind, round, i, got, tc.want)
				}
			}
			if maybe(schema.IRI("https://example.org/absent")) {
				t.Errorf("%s, round %d: an absent id may be of the kind", tc.kind, round)
			}
		}
	}
}

// townGraph returns a graph in memory holding n towns (see writeTowns),
// closed when the test ends.
func townGraph(t *testing.T, n int) *Graph {
	t.Helper()
	g, err := Open(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { g.Close() })
	writeTowns(t, g, 0, n)
	return g
}
