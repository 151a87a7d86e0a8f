package graph

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/actorgraph/actorgraph/schema"
)

// fakeHops is a neighbourhood from a map: node -> nodes it links to.
type fakeHops map[schema.IRI][]schema.IRI

func (f fakeHops) hops(id schema.IRI) ([]hop, error) {
	if id == "broken" {
		return nil, errors.New("store failed")
	}
	var out []hop
	for _, to := range f[id] {
		out = append(out, hop{rel: schema.FormerlyKnownAs, to: to})
	}
	return out, nil
}

func targets(ls []link) []schema.IRI {
	var out []schema.IRI
	for _, l := range ls {
		out = append(out, l.hop.to)
	}
	return out
}

func TestWalkVisitsEachNodeOnceInBreadthFirstOrder(t *testing.T) {
	n := fakeHops{"a": {"b", "c"}, "b": {"d", "a"}, "c": {"d"}, "d": {"a"}}
	ls, err := walk(context.Background(), n, "a", 10, "")
	if err != nil {
		t.Fatal(err)
	}
	if got := targets(ls); !slices.Equal(got, []schema.IRI{"b", "c", "d"}) {
		t.Errorf("walk = %v", got)
	}
	if ls[2].from != "b" || ls[2].depth != 2 {
		t.Errorf("d reached from %s at depth %d, want from b at 2", ls[2].from, ls[2].depth)
	}
}

func TestWalkStopsAtMaxDepth(t *testing.T) {
	chain := fakeHops{}
	ids := []schema.IRI{"n0", "n1", "n2", "n3", "n4", "n5"}
	for i := 0; i+1 < len(ids); i++ {
		chain[ids[i]] = []schema.IRI{ids[i+1]}
	}
	ls, err := walk(context.Background(), chain, "n0", 3, "")
	if err != nil {
		t.Fatal(err)
	}
	if got := targets(ls); !slices.Equal(got, []schema.IRI{"n1", "n2", "n3"}) {
		t.Errorf("walk to depth 3 = %v", got)
	}
}

func TestShortestFindsAShortestWalk(t *testing.T) {
	n := fakeHops{"a": {"b", "c"}, "b": {"e"}, "c": {"d"}, "d": {"e"}, "e": {"f"}}
	ls, err := shortest(context.Background(), n, "a", "f", 10)
	if err != nil {
		t.Fatal(err)
	}
	if got := targets(ls); !slices.Equal(got, []schema.IRI{"b", "e", "f"}) {
		t.Errorf("shortest(a, f) = %v, want b e f", got)
	}
	if ls, _ := shortest(context.Background(), n, "a", "f", 2); ls != nil {
		t.Errorf("shortest within 2 hops = %v, want none", targets(ls))
	}
	if ls, _ := shortest(context.Background(), n, "f", "a", 10); ls != nil {
		t.Errorf("shortest(f, a) = %v, want none: links are one-way here", targets(ls))
	}
	if ls, _ := shortest(context.Background(), n, "a", "a", 10); ls == nil || len(ls) != 0 {
		t.Errorf("shortest(a, a) = %v, want an empty walk", ls)
	}
}

func TestTraversalsPassOnErrorsAndCancellation(t *testing.T) {
	n := fakeHops{"a": {"broken"}}
	if _, err := walk(context.Background(), n, "a", 5, ""); err == nil {
		t.Error("walk swallowed the store's error")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := shortest(ctx, n, "a", "z", 5); !errors.Is(err, context.Canceled) {
		t.Errorf("shortest on a cancelled context: %v", err)
	}
}

func TestFoldName(t *testing.T) {
	for in, want := range map[string]string{
		"Al-Jōlānī": "al jolani", "  HTS ": "hts", "Hay'at Tahrir al-Sham": "hay at tahrir al sham",
		"Türkiye": "turkiye", "هيئة تحرير الشام": "هيية تحرير الشام" /* the hamza is a combining mark too */, "--": "",
	} {
		if got := foldName(in); got != want {
			t.Errorf("foldName(%q) = %q, want %q", in, got, want)
		}
	}
}
