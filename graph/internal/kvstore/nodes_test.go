package kvstore

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

// batchNodes finds each value of a batch once, in hash order, counts the
// quads that name it (a repeated quad counts twice, as cayley counts it),
// makes two terms with one hash one node, and leaves out a term no quad names.
func TestBatchNodes(t *testing.T) {
	var qs []quad.Quad
	for i := range 3000 {
		var label quad.Value
		if i%3 != 0 {
			label = quad.IRI(fmt.Sprint("claim/", i%40))
		}
		qs = append(qs, quad.Quad{
			Subject:   quad.IRI(fmt.Sprint("a/", i%700)),
			Predicate: quad.IRI(fmt.Sprint("p", i%5)),
			Object:    quad.String(fmt.Sprint("v", (i*7)%1100)),
			Label:     label,
		})
	}
	// quad.Int(5) and the typed string "5"^^xsd:integer are one value to cayley.
	five := quad.Int(5)
	typedFive := five.TypedString()
	if cgraph.HashOf(five) != cgraph.HashOf(typedFive) {
		t.Fatal("the test's two values do not share a hash")
	}
	qs = append(qs, qs[10], qs[2000], // repeats
		quad.Quad{Subject: quad.IRI("a/1"), Predicate: quad.IRI("p0"), Object: five},
		quad.Quad{Subject: quad.IRI("a/2"), Predicate: quad.IRI("p0"), Object: typedFive})
	a := additionsOf(adds(qs...))
	a.Terms = append(a.Terms, quad.IRI("named by no quad"))

	nodes, at := batchNodes(a)
	want := map[cgraph.ValueHash]uint64{}
	for _, q := range qs {
		for _, v := range []quad.Value{q.Subject, q.Predicate, q.Object, q.Label} {
			if v != nil {
				want[cgraph.HashOf(v)]++
			}
		}
	}
	if len(nodes) != len(want) || len(nodes) < 1500 {
		t.Fatalf("%d values, want %d (and the test at least 1500)", len(nodes), len(want))
	}
	for i, n := range nodes {
		if i > 0 && string(nodes[i-1].hash[:]) >= string(n.hash[:]) {
			t.Fatalf("value %d, %v: not after %v in hash order", i, n.value, nodes[i-1].value)
		}
		if n.hash != cgraph.HashOf(n.value) || n.refs != want[n.hash] {
			t.Errorf("value %v: %d quads, want %d", n.value, n.refs, want[n.hash])
		}
	}
	if len(at) != len(qs) {
		t.Fatalf("%d quads, want %d", len(at), len(qs))
	}
	for i, p := range at {
		q := qs[i]
		for d, v := range []quad.Value{q.Subject, q.Predicate, q.Object, q.Label} {
			switch {
			case v == nil && p[d] != 0:
				t.Fatalf("quad %d, %v: direction %d has node %d, want none", i, q, d, p[d])
			case v != nil && (p[d] == 0 || nodes[p[d]-1].hash != cgraph.HashOf(v)):
				t.Fatalf("quad %d, %v: direction %d has node %d", i, q, d, p[d])
			}
		}
	}
	if at[len(at)-1][2] != at[len(at)-2][2] {
		t.Errorf("quad.Int(5) and \"5\"^^xsd:integer are nodes %d and %d, want one", at[len(at)-2][2], at[len(at)-1][2])
	}
}

// With Once, batchNodes drops the quads a batch repeats and counts each once.
func TestBatchNodesOnce(t *testing.T) {
	q := func(s, o string) quad.Quad {
		return quad.Quad{Subject: quad.IRI(s), Predicate: quad.IRI("p"), Object: quad.String(o)}
	}
	qs := []quad.Quad{q("a", "x"), q("b", "x"), q("a", "x"), q("a", "y"), q("b", "x")}
	for _, once := range []bool{false, true} {
		a := additionsOf(adds(qs...))
		a.Once = once
		nodes, at := batchNodes(a)
		refs := map[quad.Value]uint64{}
		for _, n := range nodes {
			refs[n.value] = n.refs
		}
		wantQuads, wantRefs := 5, map[quad.Value]uint64{quad.IRI("a"): 3, quad.IRI("b"): 2, quad.IRI("p"): 5, quad.String("x"): 4, quad.String("y"): 1}
		if once {
			wantQuads, wantRefs = 3, map[quad.Value]uint64{quad.IRI("a"): 2, quad.IRI("b"): 1, quad.IRI("p"): 3, quad.String("x"): 2, quad.String("y"): 1}
		}
		if len(at) != wantQuads {
			t.Errorf("once %v: %d quads, want %d", once, len(at), wantQuads)
		}
		for v, n := range wantRefs {
			if refs[v] != n {
				t.Errorf("once %v: %v is named %d times, want %d", once, v, refs[v], n)
			}
		}
	}
}

// firstOfEach keeps the first of each quad, in order, in a batch large enough
// to be looked at on two cores.
func TestFirstOfEachLarge(t *testing.T) {
	var at [][4]int32
	for i := range 1 << 17 {
		// (i mod 5000, i mod 7) repeats every 35,000 quads.
		at = append(at, [4]int32{int32(i % 5000), 1, int32(i % 7), 0})
	}
	want := slices.Clone(at[:35000])
	if got := firstOfEach(at); !slices.Equal(got, want) {
		t.Errorf("%d quads kept, want %d", len(got), len(want))
	}
}

// sortedByFirst orders entries as sortEntries does: by their ids in turn,
// then by the quad's id, over runs of one first id that are long (a hub) and
// short, and first ids not used.
func TestSortedByFirstIsSortEntries(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	var entries []listEntry
	for k := range 50000 {
		first := uint64(r.IntN(3000)) * 2 // every other id unused
		if k%3 == 0 {
			first = 7 // a hub
		}
		entries = append(entries, listEntry{[3]uint64{first, uint64(r.IntN(5)), uint64(r.IntN(50))}, uint64(10000 + k)})
	}
	got := sortedByFirst(len(entries), 6000, func(k int) listEntry { return entries[k] })
	want := slices.Clone(entries)
	sortEntries(want)
	if !slices.Equal(got, want) {
		t.Error("sortedByFirst and sortEntries order the entries differently")
	}
}
