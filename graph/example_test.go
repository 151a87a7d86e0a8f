package graph_test

import (
	"context"
	"fmt"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

func Example() {
	const ns schema.Namespace = "https://example.org/id/"
	var (
		turkey    = ns.IRI("turkey")
		coalition = ns.IRI("coalition")
		report    = ns.IRI("report")
		claim     = ns.IRI("claims/turkey-backs-coalition")
	)
	ctx := context.Background()
	g, err := graph.Open(ctx, "")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer g.Close()

	err = g.Write(ctx, func(tx *graph.Tx) error {
		for _, e := range []graph.Entity{
			{ID: turkey, Kinds: []schema.Kind{schema.State}, Name: "Turkey"},
			{ID: coalition, Kinds: []schema.Kind{schema.Coalition}, Name: "Rebel coalition"},
			{ID: report, Kinds: []schema.Kind{schema.Report}, Name: "The report"},
		} {
			if err := tx.AddEntity(e); err != nil {
				return err
			}
		}
		if err := tx.AddClaim(graph.Claim{ID: claim, Source: graph.Entity{ID: report},
			Reported: graph.Day(2024, 12, 7), Quote: "a Turkish-backed coalition of rebels"}); err != nil {
			return err
		}
		return tx.Assert(graph.Fact{Subject: turkey, Relation: schema.Backs, Object: coalition, Claim: claim})
	})
	if err != nil {
		fmt.Println(err)
		return
	}

	es, err := g.Edges(ctx, schema.Backs, graph.To(coalition))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, e := range es {
		c := e.Evidence[0]
		fmt.Printf("%s backs %s (%s, %s: %q)\n", e.Subject, e.Object, c.Source, c.Reported.Format(), c.Quote)
	}

	// A relation used outside its domain is refused, and the batch with it.
	err = g.Write(ctx, func(tx *graph.Tx) error {
		return tx.Assert(graph.Fact{Subject: report, Relation: schema.Backs, Object: coalition, Claim: claim})
	})
	fmt.Println(err)
	// Output:
	// Turkey backs Rebel coalition (The report, 7 December 2024: "a Turkish-backed coalition of rebels")
	// graph: fact https://example.org/id/report backs https://example.org/id/coalition: subject The report (https://example.org/id/report) is [Report], not Actor: subject outside the relation's domain
}

func ExampleFind() {
	ctx := context.Background()
	g, _ := graph.Open(ctx, "")
	defer g.Close()
	const ns schema.Namespace = "https://example.org/id/"
	_ = g.Write(ctx, func(tx *graph.Tx) error {
		_ = tx.AddEntity(graph.Entity{ID: ns.IRI("hts"), Kinds: []schema.Kind{schema.ArmedGroup}, Name: "Hayat Tahrir al-Sham"})
		_ = tx.AddEntity(graph.Entity{ID: ns.IRI("idlib"), Kinds: []schema.Kind{schema.Region}, Name: "Idlib province"})
		_ = tx.AddEntity(graph.Entity{ID: ns.IRI("report"), Kinds: []schema.Kind{schema.Report}, Name: "The report"})
		_ = tx.AddClaim(graph.Claim{ID: ns.IRI("c19"), Source: graph.Entity{ID: ns.IRI("report")},
			Reported: graph.Day(2024, 12, 7), ValidFrom: graph.Year(2020)})
		return tx.Assert(graph.Fact{Subject: ns.IRI("hts"), Relation: schema.Controls, Object: ns.IRI("idlib"), Claim: ns.IRI("c19")})
	})

	holders := graph.Find(schema.Actor).Where(schema.Controls.To(ns.IRI("idlib")))
	for _, year := range []int{2019, 2021} {
		ms, err := holders.AsOf(graph.Year(year)).All(ctx, g)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(year, len(ms), "holder(s)")
		for _, m := range ms {
			fmt.Println(" ", m.Entity, "since", m.Evidence[0].ValidFrom)
		}
	}
	// Output:
	// 2019 0 holder(s)
	// 2021 1 holder(s)
	//   Hayat Tahrir al-Sham since 2020
}
