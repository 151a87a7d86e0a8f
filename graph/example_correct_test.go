package graph_test

import (
	"context"
	"fmt"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

// sudan is a small graph for the examples of correcting the record: an outlet
// that reports the RSF holding Wad Madani.
func sudan(ctx context.Context) (*graph.Graph, error) {
	const ns schema.Namespace = "https://example.org/sudan/"
	g, err := graph.Open(ctx, "")
	if err != nil {
		return nil, err
	}
	err = g.Write(ctx, func(tx *graph.Tx) error {
		for _, e := range []graph.Entity{
			{ID: ns.IRI("rsf"), Kinds: []schema.Kind{schema.ArmedGroup}, Name: "Rapid Support Forces"},
			{ID: ns.IRI("rsf-dup"), Kinds: []schema.Kind{schema.ArmedGroup}, Name: "RSF militia"},
			{ID: ns.IRI("saf"), Kinds: []schema.Kind{schema.ArmedForces}, Name: "Sudanese Armed Forces"},
			{ID: ns.IRI("wad-madani"), Kinds: []schema.Kind{schema.City}, Name: "Wad Madani"},
			{ID: ns.IRI("outlet"), Kinds: []schema.Kind{schema.MediaOutlet}, Name: "The outlet"},
		} {
			if err := tx.AddEntity(e); err != nil {
				return err
			}
		}
		for _, c := range []graph.Claim{
			{ID: ns.IRI("c1"), Source: graph.Entity{ID: ns.IRI("outlet")}, Reported: graph.Day(2023, 12, 19), Quote: "the RSF took Wad Madani"},
			{ID: ns.IRI("c2"), Source: graph.Entity{ID: ns.IRI("outlet")}, Reported: graph.Day(2023, 12, 20), Quote: "RSF militia fighters in the city"},
		} {
			if err := tx.AddClaim(c); err != nil {
				return err
			}
		}
		if err := tx.Assert(graph.Fact{Subject: ns.IRI("rsf"), Relation: schema.Controls, Object: ns.IRI("wad-madani"), Claim: ns.IRI("c1")}); err != nil {
			return err
		}
		return tx.Assert(graph.Fact{Subject: ns.IRI("rsf-dup"), Relation: schema.Opposes, Object: ns.IRI("saf"), Claim: ns.IRI("c2")})
	})
	return g, err
}

// A source withdraws a claim of its own with a Retracted claim. From the
// retraction's reported date on the claim no longer counts; asked what was
// known before, the graph still answers with it.
func ExampleTx_AddClaim_retraction() {
	const ns schema.Namespace = "https://example.org/sudan/"
	ctx := context.Background()
	g, err := sudan(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer g.Close()
	err = g.Write(ctx, func(tx *graph.Tx) error {
		return tx.AddClaim(graph.Claim{ID: ns.IRI("c1-retracted"), Source: graph.Entity{ID: ns.IRI("outlet")},
			Stance: graph.Retracted, Retracts: ns.IRI("c1"), Reported: graph.Day(2023, 12, 21),
			Quote: "Correction: the RSF had not entered Wad Madani"})
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, known := range []graph.Date{graph.Day(2023, 12, 20), graph.Day(2023, 12, 21)} {
		es, err := g.Edges(ctx, schema.Controls, graph.To(ns.IRI("wad-madani")), graph.KnownAt(known))
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("known on %s: %d holder(s)\n", known.Format(), len(es))
	}
	c, _ := g.Claim(ctx, ns.IRI("c1"))
	fmt.Println("c1 retracted on", c.Retractions[0].Reported.Format())
	// Output:
	// known on 20 December 2023: 1 holder(s)
	// known on 21 December 2023: 0 holder(s)
	// c1 retracted on 21 December 2023
}

// A record entered wrongly is removed in a batch: a claim with every fact it
// labels, or an entity, which is refused while anything refers to it unless
// the removal cascades.
func ExampleTx_RemoveEntity() {
	const ns schema.Namespace = "https://example.org/sudan/"
	ctx := context.Background()
	g, err := sudan(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer g.Close()
	err = g.Write(ctx, func(tx *graph.Tx) error { return tx.RemoveEntity(ns.IRI("saf")) })
	fmt.Println(err)
	err = g.Write(ctx, func(tx *graph.Tx) error { return tx.RemoveEntity(ns.IRI("saf"), graph.Cascade()) })
	fmt.Println("with Cascade:", err)
	_, err = g.Entity(ctx, ns.IRI("saf"))
	fmt.Println(err)
	err = g.Write(ctx, func(tx *graph.Tx) error { return tx.RemoveClaim(ns.IRI("c1")) })
	fmt.Println("RemoveClaim:", err)
	es, _ := g.Edges(ctx, schema.Controls, graph.To(ns.IRI("wad-madani")))
	fmt.Println("holders of Wad Madani:", len(es))
	// Output:
	// graph: RemoveEntity https://example.org/sudan/saf: 1 facts (<https://example.org/sudan/rsf-dup> <https://actorgraph.org/ns#opposes> <https://example.org/sudan/saf> [<https://example.org/sudan/c2>]) refer to it; remove them first, or remove it with Cascade: still referred to
	// with Cascade: <nil>
	// graph: entity https://example.org/sudan/saf: not found
	// RemoveClaim: <nil>
	// holders of Wad Madani: 0
}

// Two records of one actor are merged by a claim that says who decided it.
// Reads see one entity with both records' names and facts; each edge says on
// which original its facts were recorded. Removing the claim undoes the merge.
func ExampleTx_Merge() {
	const ns schema.Namespace = "https://example.org/sudan/"
	ctx := context.Background()
	g, err := sudan(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer g.Close()
	merge := ns.IRI("merge-rsf")
	err = g.Write(ctx, func(tx *graph.Tx) error {
		if err := tx.AddClaim(graph.Claim{ID: merge, Source: graph.Entity{ID: ns.IRI("outlet")},
			Reported: graph.Day(2024, 1, 5), Note: "the same force; the second record came from another desk"}); err != nil {
			return err
		}
		return tx.Merge(ns.IRI("rsf"), ns.IRI("rsf-dup"), merge)
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	e, _ := g.Entity(ctx, ns.IRI("rsf-dup"))
	fmt.Println(e.Name, e.Aliases, "merged with", e.Merged)
	es, _ := g.Edges(ctx, schema.Opposes, graph.From(ns.IRI("rsf")))
	for _, e := range es {
		fmt.Println(e.Subject, "opposes", e.Object, "recorded as", e.Recorded[0].Subject)
	}
	_ = g.Write(ctx, func(tx *graph.Tx) error { return tx.RemoveClaim(merge) })
	e, _ = g.Entity(ctx, ns.IRI("rsf-dup"))
	fmt.Println("after removing the merge:", e.Name, len(e.Merged))
	// Output:
	// Rapid Support Forces [{RSF militia }] merged with [https://example.org/sudan/rsf-dup]
	// Rapid Support Forces opposes Sudanese Armed Forces recorded as https://example.org/sudan/rsf-dup
	// after removing the merge: RSF militia 0
}
