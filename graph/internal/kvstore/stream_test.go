package kvstore

import (
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
