package kvstore

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// A quadSet takes each quad once, through the doublings of its table: it
// lacks every quad not added before, and holds every one that was.
func TestQuadSetTakesEachQuadOnce(t *testing.T) {
	var qs quadSet
	var quads [][4]int32
	at := func(k int32) [4]int32 { return quads[k] }
	r := rand.New(rand.NewPCG(1, 2))
	seen := map[[4]int32]bool{}
	repeats := 0
	for range 400000 {
		var q [4]int32
		if len(quads) > 0 && r.IntN(10) == 0 {
			q = quads[r.IntN(len(quads))] // a repeat
		} else {
			q = [4]int32{r.Int32N(5000), r.Int32N(40), r.Int32N(5000), r.Int32N(3)}
		}
		added := qs.add(q, at)
		if added == seen[q] {
			t.Fatalf("quad %v: added %v, seen before %v", q, added, seen[q])
		}
		if added {
			seen[q] = true
			quads = append(quads, q)
		} else {
			repeats++
		}
	}
	if qs.n != len(quads) || len(qs.table) < 1<<19 || repeats < 30000 {
		t.Fatalf("%d quads, set of %d in a table of %d, %d repeats: the test did not grow the table or repeat enough", len(quads), qs.n, len(qs.table), repeats)
	}
}

// compareFlat orders hashes as the flat keys of the nodes' buckets order
// them, bytes the keys escape ('/' and '\') included.
func TestCompareFlatIsTheOrderOfFlatKeys(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	bytesOf := []byte{0, '.', '/', '0', '[', '\\', ']', 0xff}
	hash := func() []byte {
		h := make([]byte, 20)
		for i := range h {
			h[i] = bytesOf[r.IntN(len(bytesOf))]
		}
		return h
	}
	flat := func(h []byte) []byte { return appendFlat(nil, []byte{'n', h[0], h[1]}, h) }
	sign := func(c int) int { return min(max(c, -1), 1) }
	for range 20000 {
		a, b := hash(), hash()
		if got, want := sign(compareFlat(a, b)), sign(bytes.Compare(flat(a), flat(b))); got != want {
			t.Fatalf("compareFlat(%q, %q) = %d, the flat keys compare %d", a, b, got, want)
		}
	}
}
