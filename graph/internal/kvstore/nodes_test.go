package kvstore

import (
	"fmt"
	"slices"
	"testing"

	"github.com/cayleygraph/quad"
)

// A batch read in two halves has the values, counts and quads' places of the
// batch read whole: values first named in either half, in both, and in a
// quad that straddles nothing but repeats one of the other half.
func TestBatchNodesInHalvesIsBatchNodesWhole(t *testing.T) {
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
	qs = append(qs, qs[10], qs[2000]) // repeats, in the second half
	quadAt := func(i int) quad.Quad { return qs[i] }
	wholeNodes, wholeAt := batchNodesIn(len(qs), quadAt, false)
	halfNodes, halfAt := batchNodesIn(len(qs), quadAt, true)
	if len(wholeNodes) < 1500 {
		t.Fatalf("%d values: the test has too few", len(wholeNodes))
	}
	if len(halfNodes) != len(wholeNodes) {
		t.Fatalf("in halves: %d values, whole: %d", len(halfNodes), len(wholeNodes))
	}
	for i := range wholeNodes {
		w, h := wholeNodes[i], halfNodes[i]
		if w.hash != h.hash || w.value != h.value || w.refs != h.refs {
			t.Errorf("value %d: in halves %v (%d quads), whole %v (%d quads)", i, h.value, h.refs, w.value, w.refs)
		}
	}
	if !slices.Equal(halfAt, wholeAt) {
		t.Errorf("the quads' values differ between the batch read in halves and whole")
	}
	for i, a := range wholeAt {
		q := qs[i]
		if wholeNodes[a[0]-1].value != q.Subject || wholeNodes[a[2]-1].value != q.Object ||
			(q.Label == nil) != (a[3] == 0) || (a[3] != 0 && wholeNodes[a[3]-1].value != q.Label) {
			t.Fatalf("quad %d, %v: places %v", i, q, a)
		}
	}
}
