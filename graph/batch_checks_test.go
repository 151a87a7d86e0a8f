package graph_test

import (
	"errors"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

// A batch checks what it adds against what it added before, which it keeps
// in compact form: a claim added again with every field the same is allowed,
// with one field changed it is refused; an entity keeps the description it
// has in the graph, so a second add in the batch with another is refused.
func TestABatchChecksReAddsAgainstWhatItAdded(t *testing.T) {
	full := graph.Claim{ID: claimID("full"), Source: graph.Entity{ID: report}, Via: graph.Entity{ID: ministry},
		Stance: graph.Denied, Reported: graph.Day(2024, 12, 7), ValidFrom: graph.Month(2024, 11), ValidUntil: graph.Year(2025),
		Quote: "a quote", Note: "a note", Confidence: 0.75}
	for _, tc := range []struct {
		name   string
		change func(c *graph.Claim)
		want   error
	}{
		{"the same", func(*graph.Claim) {}, nil},
		{"another quote", func(c *graph.Claim) { c.Quote = "another" }, graph.ErrConflict},
		{"another end of validity", func(c *graph.Claim) { c.ValidUntil = graph.Year(2026) }, graph.ErrConflict},
		{"another medium", func(c *graph.Claim) { c.Via = graph.Entity{} }, graph.ErrConflict},
		{"another confidence", func(c *graph.Claim) { c.Confidence = 0.5 }, graph.ErrConflict},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := fixture(t)
			again := full
			tc.change(&again)
			err := g.Write(ctx, func(tx *graph.Tx) error {
				if err := tx.AddClaim(full); err != nil {
					return err
				}
				return tx.AddClaim(again)
			})
			if !errors.Is(err, tc.want) {
				t.Fatalf("adding the claim again with %s: %v, want %v", tc.name, err, tc.want)
			}
			if c, err := g.Claim(ctx, full.ID); tc.want == nil && (err != nil || c.Quote != full.Quote || c.Via.ID != ministry) {
				t.Errorf("the claim reads back as %+v, %v", c, err)
			}
		})
	}

	g := fixture(t)
	city := id.IRI("aleppo")
	if err := g.Write(ctx, func(tx *graph.Tx) error {
		return tx.AddEntity(graph.Entity{ID: city, Kinds: []schema.Kind{schema.City}, Name: "Aleppo", Description: "in the north"})
	}); err != nil {
		t.Fatal(err)
	}
	err := g.Write(ctx, func(tx *graph.Tx) error {
		if err := tx.AddEntity(graph.Entity{ID: city, Kinds: []schema.Kind{schema.City}, Name: "Aleppo"}); err != nil {
			return err
		}
		return tx.AddEntity(graph.Entity{ID: city, Kinds: []schema.Kind{schema.City}, Name: "Aleppo", Description: "in the south"})
	})
	if !errors.Is(err, graph.ErrConflict) {
		t.Errorf("a second description in the batch of an entity that has one: %v, want ErrConflict", err)
	}
	err = g.Write(ctx, func(tx *graph.Tx) error {
		if err := tx.AddEntity(graph.Entity{ID: city, Kinds: []schema.Kind{schema.City}, Name: "Aleppo"}); err != nil {
			return err
		}
		return tx.AddEntity(graph.Entity{ID: city, Kinds: []schema.Kind{schema.City, schema.Region}, Name: "Aleppo"})
	})
	if !errors.Is(err, graph.ErrConflict) {
		t.Errorf("other kinds in a second add in the batch: %v, want ErrConflict", err)
	}
}
