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

// A constraint's far end may be another query: here, the groups some state
// backs, and the people who lead one of them.
func ExampleQuery_WhereSome() {
	ctx := context.Background()
	g, _ := graph.Open(ctx, "")
	defer g.Close()
	const ns schema.Namespace = "https://example.org/id/"
	_ = g.Write(ctx, func(tx *graph.Tx) error {
		for _, e := range []graph.Entity{
			{ID: ns.IRI("turkey"), Kinds: []schema.Kind{schema.State}, Name: "Turkey"},
			{ID: ns.IRI("coalition"), Kinds: []schema.Kind{schema.Coalition}, Name: "Rebel coalition"},
			{ID: ns.IRI("hts"), Kinds: []schema.Kind{schema.ArmedGroup}, Name: "Hayat Tahrir al-Sham"},
			{ID: ns.IRI("jolani"), Kinds: []schema.Kind{schema.Person}, Name: "Abu Mohammed al-Jolani"},
			{ID: ns.IRI("report"), Kinds: []schema.Kind{schema.Report}, Name: "The report"},
		} {
			_ = tx.AddEntity(e)
		}
		_ = tx.AddClaim(graph.Claim{ID: ns.IRI("c"), Source: graph.Entity{ID: ns.IRI("report")}, Reported: graph.Day(2024, 12, 7)})
		_ = tx.Assert(graph.Fact{Subject: ns.IRI("turkey"), Relation: schema.Backs, Object: ns.IRI("coalition"), Claim: ns.IRI("c")})
		_ = tx.Assert(graph.Fact{Subject: ns.IRI("hts"), Relation: schema.Leads, Object: ns.IRI("coalition"), Claim: ns.IRI("c")})
		return tx.Assert(graph.Fact{Subject: ns.IRI("jolani"), Relation: schema.Leads, Object: ns.IRI("hts"), Claim: ns.IRI("c")})
	})
	backed := graph.Find(schema.Organization).WhereSome(schema.Backs.From, graph.Find(schema.State))
	ms, _ := backed.All(ctx, g)
	for _, m := range ms {
		fmt.Println("backed by a state:", m.Entity)
	}
	// Leaders of leaders of what a state backs: nested to any depth.
	ms, _ = graph.Find(schema.Person).WhereSome(schema.Leads.To,
		graph.Find(schema.Organization).WhereSome(schema.Leads.To, backed)).All(ctx, g)
	for _, m := range ms {
		fmt.Println("leads a group that leads one:", m.Entity)
	}
	// Output:
	// backed by a state: Rebel coalition
	// leads a group that leads one: Abu Mohammed al-Jolani
}

// Counts are typed: here, claims per source and facts per relation.
func ExampleGraph_Count() {
	ctx := context.Background()
	g, _ := graph.Open(ctx, "")
	defer g.Close()
	const ns schema.Namespace = "https://example.org/id/"
	_ = g.Write(ctx, func(tx *graph.Tx) error {
		for _, e := range []graph.Entity{
			{ID: ns.IRI("turkey"), Kinds: []schema.Kind{schema.State}, Name: "Turkey"},
			{ID: ns.IRI("russia"), Kinds: []schema.Kind{schema.State}, Name: "Russia"},
			{ID: ns.IRI("coalition"), Kinds: []schema.Kind{schema.Coalition}, Name: "Rebel coalition"},
			{ID: ns.IRI("assad"), Kinds: []schema.Kind{schema.Government}, Name: "Assad government"},
			{ID: ns.IRI("report"), Kinds: []schema.Kind{schema.Report}, Name: "The report"},
			{ID: ns.IRI("cnn"), Kinds: []schema.Kind{schema.MediaOutlet}, Name: "CNN"},
		} {
			_ = tx.AddEntity(e)
		}
		_ = tx.AddClaim(graph.Claim{ID: ns.IRI("c1"), Source: graph.Entity{ID: ns.IRI("report")}, Reported: graph.Day(2024, 12, 7)})
		_ = tx.AddClaim(graph.Claim{ID: ns.IRI("c2"), Source: graph.Entity{ID: ns.IRI("report")}, Reported: graph.Day(2024, 12, 7)})
		_ = tx.AddClaim(graph.Claim{ID: ns.IRI("c3"), Source: graph.Entity{ID: ns.IRI("cnn")}, Reported: graph.Day(2024, 12, 8)})
		_ = tx.Assert(graph.Fact{Subject: ns.IRI("turkey"), Relation: schema.Backs, Object: ns.IRI("coalition"), Claim: ns.IRI("c1")})
		_ = tx.Assert(graph.Fact{Subject: ns.IRI("russia"), Relation: schema.Backs, Object: ns.IRI("assad"), Claim: ns.IRI("c2")})
		return tx.Assert(graph.Fact{Subject: ns.IRI("coalition"), Relation: schema.Opposes, Object: ns.IRI("assad"), Claim: ns.IRI("c3")})
	})
	perSource, _ := g.Count(ctx, graph.ClaimsPerSource)
	for _, c := range perSource {
		fmt.Println(c.Entity, c.N)
	}
	perRelation, _ := g.Count(ctx, graph.FactsPerRelation, graph.KnownAt(graph.Day(2024, 12, 7)))
	for _, c := range perRelation {
		fmt.Println(g.Vocabulary().RelationName(c.Relation), c.N, "known on 7 December")
	}
	// Output:
	// The report 2
	// CNN 1
	// backs 2 known on 7 December
}
