package main

import (
	"fmt"
	"testing"
	"unsafe"
)

// within reports whether s's bytes lie inside line's.
func within(s, line string) bool {
	p, lo := uintptr(unsafe.Pointer(unsafe.StringData(s))), uintptr(unsafe.Pointer(unsafe.StringData(line)))
	return p >= lo && p < lo+uintptr(len(line))
}

// The loader keeps no part of a line: each IRI and tag the batch keeps is a
// copy, one for each value however many lines name it, and the map of
// recent values stays bounded.
func TestShareKeepsNoPartOfALineAndOneCopyOfAValue(t *testing.T) {
	l := newLoader(nil, nil, "f.nq")
	read := func(line string) statement {
		st, ok, err := parseLine(line)
		if err != nil || !ok {
			t.Fatalf("parseLine(%q) = %v, %v", line, ok, err)
		}
		l.share(&st)
		for _, s := range []string{st.s.value, st.o.value, st.g.value, st.o.lang} {
			if s != "" && within(s, line) {
				t.Errorf("%q is still a part of its line %q", s, line)
			}
		}
		return st
	}
	a := read(`<https://e/a> <https://e/name> "A"@en <https://e/claim/1> .`)
	b := read(`<https://e/a> <https://e/name> "B"@en <https://e/claim/1> .`)
	if unsafe.StringData(a.s.value) != unsafe.StringData(b.s.value) || unsafe.StringData(a.o.lang) != unsafe.StringData(b.o.lang) {
		t.Error("two lines naming the same IRI and tag hold two copies")
	}
	if a.o.value != "A" || b.o.value != "B" || a.g.value != "https://e/claim/1" {
		t.Errorf("shared statements read %+v and %+v", a, b)
	}
	for i := range maxShared + 10 {
		l.shared(fmt.Sprint("https://e/", i))
	}
	if len(l.strs) > maxShared {
		t.Errorf("%d recent values kept, want at most %d", len(l.strs), maxShared)
	}
}
