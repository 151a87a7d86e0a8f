package graph_test

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

// An edge with many claims (past the size where evidence is sorted by a
// precomputed key) reads back every claim once, in reported-then-ID order,
// with the same evidence in memory and on leveldb (which decodes quads
// through a per-call value cache).
func TestAnEdgeWithManyClaimsReadsEveryClaimInOrder(t *testing.T) {
	ctx := context.Background()
	const n = 300
	var want []graph.Edge
	for _, loc := range []string{"", "leveldb:" + filepath.Join(t.TempDir(), "store")} {
		g, err := graph.Open(ctx, loc, graph.TestBackends)
		if err != nil {
			t.Fatal(err)
		}
		defer g.Close()
		if err := writeOneEdge(ctx, g, n); err != nil {
			t.Fatal(err)
		}
		es, err := g.Edges(ctx, schema.Backs, graph.From(edgeFrom))
		if err != nil || len(es) != 1 {
			t.Fatalf("%q: Edges = %d edges, %v; want 1", loc, len(es), err)
		}
		ev := es[0].Evidence
		if len(ev) != n {
			t.Fatalf("%q: %d claims, want %d", loc, len(ev), n)
		}
		seen := map[schema.IRI]bool{}
		for i, c := range ev {
			if seen[c.ID] || c.Source.Name != "Source" || c.Reported.IsZero() {
				t.Fatalf("%q: claim %d: %+v (repeated, or decoded without its source or date)", loc, i, c)
			}
			seen[c.ID] = true
			if i > 0 {
				p := ev[i-1]
				if c.Reported.Before(p.Reported) || (!p.Reported.Before(c.Reported) && c.ID < p.ID) {
					t.Fatalf("%q: claim %d (%s %s) sorts before claim %d (%s %s)", loc, i, c.Reported, c.ID, i-1, p.Reported, p.ID)
				}
			}
		}
		if want == nil {
			want = es
		} else if !reflect.DeepEqual(es, want) {
			t.Errorf("%q: the edge differs from the in-memory graph's", loc)
		}
	}
}

// A symmetric relation stored both ways under one claim is one edge with that
// claim once.
func TestASymmetricEdgeStoredBothWaysCountsItsClaimOnce(t *testing.T) {
	ctx := context.Background()
	g, err := graph.Open(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	err = g.Write(ctx, func(tx *graph.Tx) error {
		for _, e := range []graph.Entity{
			{ID: edgeFrom, Kinds: []schema.Kind{schema.State}, Name: "From"},
			{ID: edgeTo, Kinds: []schema.Kind{schema.ArmedGroup}, Name: "To"},
			{ID: edgeSource, Kinds: []schema.Kind{schema.MediaOutlet}, Name: "Source"},
		} {
			if err := tx.AddEntity(e); err != nil {
				return err
			}
		}
		c := edgeClaim(1)
		if err := tx.AddClaim(graph.Claim{ID: c, Source: graph.Entity{ID: edgeSource}, Reported: graph.Year(2020)}); err != nil {
			return err
		}
		if err := tx.Assert(graph.Fact{Subject: edgeFrom, Relation: schema.EnemyOf, Object: edgeTo, Claim: c}); err != nil {
			return err
		}
		return tx.Assert(graph.Fact{Subject: edgeTo, Relation: schema.EnemyOf, Object: edgeFrom, Claim: c})
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []struct {
		name string
		es   func() ([]graph.Edge, error)
	}{
		{"from", func() ([]graph.Edge, error) { return g.Edges(ctx, schema.EnemyOf, graph.From(edgeFrom)) }},
		{"all", func() ([]graph.Edge, error) { return g.Edges(ctx, schema.EnemyOf) }},
	} {
		es, err := f.es()
		if err != nil || len(es) != 1 || len(es[0].Evidence) != 1 {
			t.Errorf("%s: Edges = %+v, %v; want one edge with one claim", f.name, es, err)
		}
	}
}
