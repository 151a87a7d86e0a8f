package synth_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/synth"
	"github.com/actorgraph/actorgraph/schema"
)

func TestGenerateIsDeterministic(t *testing.T) {
	a, b := synth.Generate(500, 7), synth.Generate(500, 7)
	if !reflect.DeepEqual(a, b) {
		t.Error("the same seed gave two graphs")
	}
	if reflect.DeepEqual(a, synth.Generate(500, 8)) {
		t.Error("two seeds gave the same graph")
	}
}

func TestGeneratedGraphLoadsAndHasItsChains(t *testing.T) {
	ctx := context.Background()
	g, err := graph.Open(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	const n = 1000
	if err := synth.Load(ctx, g, synth.Generate(n, 1)); err != nil {
		t.Fatal(err)
	}
	quads, err := g.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if per := float64(quads) / n; per < synth.QuadsPerActor-1 || per > synth.QuadsPerActor+1 {
		t.Errorf("%.1f quads a group, want about %d", per, synth.QuadsPerActor)
	}
	steps, err := g.Lineage(ctx, synth.Actor(6))
	if err != nil || len(steps) != synth.ChainLength-1 {
		t.Errorf("lineage of a chain's first group: %d steps, %v", len(steps), err)
	}
	es, err := g.Edges(ctx, schema.Backs, graph.From(synth.Actor(3)))
	if err != nil || len(es) != 1 {
		t.Errorf("a group backs %d groups, %v; want 1", len(es), err)
	}
}
