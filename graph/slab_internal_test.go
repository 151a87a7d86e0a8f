package graph

import (
	"slices"
	"testing"
)

// A slab's slices are each their own part of a chunk: capped at their
// length, so that an append copies rather than runs into the next one.
func TestSlabSlicesDoNotOverlap(t *testing.T) {
	var s slab[int]
	a := s.clone([]int{1, 2})
	b := s.clone([]int{3})
	if cap(a) != 2 || cap(b) != 1 {
		t.Fatalf("caps %d, %d; want 2, 1", cap(a), cap(b))
	}
	a = append(a, 9)
	a[0] = 7
	if !slices.Equal(b, []int{3}) {
		t.Fatalf("appending to and changing a changed b: %v", b)
	}
	if got := s.clone(nil); got != nil {
		t.Fatalf("clone(nil) = %#v, want nil", got)
	}
	if got := s.clone([]int{}); got == nil || len(got) != 0 {
		t.Fatalf("clone([]int{}) = %#v, want an empty slice, not nil", got)
	}
	// Past a chunk, a new one.
	var big []int
	for i := range 3 * maxSlab {
		big = append(big, s.clone([]int{i})...)
	}
	for i, x := range big {
		if x != i {
			t.Fatalf("big[%d] = %d", i, x)
		}
	}
}

// trim gives back what the last take did not use, and only that.
func TestSlabTrimGivesBackTheUnused(t *testing.T) {
	var s slab[int]
	a := append(s.take(4), 1)
	a = s.trim(a)
	b := append(s.take(1), 2)
	if cap(a) != 1 || &a[:1][0] == &b[:1][0] {
		t.Fatalf("a = %v (cap %d), b = %v: overlapping", a, cap(a), b)
	}
	if &b[0] != &s.chunk[1] {
		t.Fatal("trim did not give back a's unused capacity")
	}
	// A slice taken before the last one gives nothing back.
	taken := s.take(3)
	d := append(s.take(1), 4)
	c := s.trim(append(taken, 3))
	e := append(s.take(1), 5)
	if d[0] != 4 || c[0] != 3 || e[0] != 5 || &e[0] == &taken[:3][1] || &e[0] == &taken[:3][2] {
		t.Fatalf("c = %v, d = %v, e = %v: trim gave back a slice's capacity it did not take last", c, d, e)
	}
	if z := s.trim(s.take(0)); len(z) != 0 {
		t.Fatalf("trim(take(0)) = %v", z)
	}
}
