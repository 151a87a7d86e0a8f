package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/loader"
)

// The same seed writes the same N-Quads, which load back into a graph.
func TestSynthIsDeterministicAndLoads(t *testing.T) {
	ctx := context.Background()
	var a, b, c bytes.Buffer
	for _, out := range []struct {
		w    *bytes.Buffer
		seed uint64
	}{{&a, 5}, {&b, 5}, {&c, 6}} {
		if err := run(ctx, out.w, 3000, out.seed); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("seed 5 wrote two different files")
	}
	if bytes.Equal(a.Bytes(), c.Bytes()) {
		t.Error("seeds 5 and 6 wrote the same file")
	}
	g, err := graph.Open(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	st, err := loader.LoadNQuads(ctx, g, "synth.nq", strings.NewReader(a.String()))
	if err != nil {
		t.Fatal(err)
	}
	if st.Entities != 3000/11+1 {
		t.Errorf("%d entities, want %d groups and the source", st.Entities, 3000/11+1)
	}
	if err := run(ctx, &a, 5, 1); err == nil {
		t.Error("-quads 5 was accepted")
	}
}
