package graph_test

import (
	"context"
	"fmt"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

// town is a graph in which a town changes hands: the army holds it from 2015,
// a militia captures it on 4 March 2023, and a report of 1 May 2023 says the
// army took it back from 20 April.
func town(ctx context.Context) (*graph.Graph, error) {
	const ns schema.Namespace = "https://example.org/town/"
	g, err := graph.Open(ctx, "")
	if err != nil {
		return nil, err
	}
	err = g.Write(ctx, func(tx *graph.Tx) error {
		for _, e := range []graph.Entity{
			{ID: ns.IRI("army"), Kinds: []schema.Kind{schema.ArmedForces}, Name: "The army"},
			{ID: ns.IRI("militia"), Kinds: []schema.Kind{schema.ArmedGroup}, Name: "The militia"},
			{ID: ns.IRI("town"), Kinds: []schema.Kind{schema.City}, Name: "The town"},
			{ID: ns.IRI("paper"), Kinds: []schema.Kind{schema.MediaOutlet}, Name: "The paper"},
		} {
			if err := tx.AddEntity(e); err != nil {
				return err
			}
		}
		for _, x := range []struct {
			claim graph.Claim
			who   string
			rel   schema.Relation
		}{
			{graph.Claim{ID: ns.IRI("c1"), Reported: graph.Day(2020, 1, 10), ValidFrom: graph.Year(2015)}, "army", schema.Controls},
			{graph.Claim{ID: ns.IRI("c2"), Reported: graph.Day(2023, 3, 5), ValidFrom: graph.Day(2023, 3, 4)}, "militia", schema.Captured},
			{graph.Claim{ID: ns.IRI("c3"), Reported: graph.Day(2023, 5, 1), ValidFrom: graph.Day(2023, 4, 20)}, "army", schema.Controls},
		} {
			c := x.claim
			c.Source = graph.Entity{ID: ns.IRI("paper")}
			if err := tx.AddClaim(c); err != nil {
				return err
			}
			if err := tx.Assert(graph.Fact{Subject: ns.IRI(x.who), Relation: x.rel, Object: ns.IRI("town"), Claim: c.ID}); err != nil {
				return err
			}
		}
		return nil
	})
	return g, err
}

// Control of a place is an exclusive state: a capture starts the captor's
// control and ends the others', a later claim supersedes an earlier one from
// its start, and what was known then answers as it did then.
func ExampleAsOf_exclusive() {
	const ns schema.Namespace = "https://example.org/town/"
	ctx := context.Background()
	g, err := town(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer g.Close()
	for _, q := range []struct {
		what string
		opts []graph.EdgeOption
	}{
		{"1 March 2023", []graph.EdgeOption{graph.AsOf(graph.Day(2023, 3, 1))}},
		{"10 April 2023", []graph.EdgeOption{graph.AsOf(graph.Day(2023, 4, 10))}},
		{"1 May 2023", []graph.EdgeOption{graph.AsOf(graph.Day(2023, 5, 1))}},
		{"1 May 2023, as known on 30 April", []graph.EdgeOption{graph.AsOf(graph.Day(2023, 5, 1)), graph.KnownAt(graph.Day(2023, 4, 30))}},
	} {
		es, err := g.Edges(ctx, schema.Controls, append(q.opts, graph.To(ns.IRI("town")))...)
		if err != nil {
			fmt.Println(err)
			return
		}
		for _, e := range es {
			c := e.Evidence[0]
			fmt.Printf("%s: %s (claim %s, derived %v)\n", q.what, e.Subject, c.ID[len(ns):], c.Derived)
		}
	}
	// Output:
	// 1 March 2023: The army (claim c1, derived false)
	// 10 April 2023: The militia (claim c2, derived true)
	// 1 May 2023: The army (claim c3, derived false)
	// 1 May 2023, as known on 30 April: The militia (claim c2, derived true)
}

func ExampleGraph_History() {
	const ns schema.Namespace = "https://example.org/town/"
	ctx := context.Background()
	g, err := town(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer g.Close()
	ivs, err := g.History(ctx, schema.Controls, graph.To(ns.IRI("town")))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, iv := range ivs {
		line := fmt.Sprintf("%s from %s", iv.Subject, iv.From.Format())
		if c := iv.Claim; c.EndedBy != "" {
			line += fmt.Sprintf(", ended on %s by claim %s", c.EndedOn.Format(), c.EndedBy[len(ns):])
		}
		fmt.Println(line)
	}
	// Output:
	// The army from 2015, ended on 4 March 2023 by claim c2
	// The militia from 4 March 2023, ended on 20 April 2023 by claim c3
	// The army from 20 April 2023
}

func ExampleGraph_Changes() {
	ctx := context.Background()
	g, err := town(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer g.Close()
	cs, err := g.Changes(ctx, graph.Month(2023, 3), graph.Month(2023, 4))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range cs {
		fmt.Println(c.On.Format(), c.Kind, c.Subject, g.Vocabulary().RelationName(c.Relation), c.Object)
	}
	// What was learned in May 2023.
	cs, err = g.Changes(ctx, graph.Month(2023, 5), graph.Month(2023, 5), graph.ReportTime())
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range cs {
		fmt.Println(c.On.Format(), c.Kind, c.Subject, g.Vocabulary().RelationName(c.Relation), c.Object)
	}
	// Output:
	// 4 March 2023 began The militia controls The town
	// 4 March 2023 ended The army controls The town
	// 4 March 2023 happened The militia captured The town
	// 20 April 2023 began The army controls The town
	// 20 April 2023 ended The militia controls The town
	// 1 May 2023 reported The army controls The town
}

// A claim dated to a year possibly holds from its first day and certainly
// from its last.
func ExampleCertainly() {
	const ns schema.Namespace = "https://example.org/town/"
	ctx := context.Background()
	g, err := town(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer g.Close()
	for _, d := range []graph.Date{graph.Day(2015, 6, 1), graph.Day(2015, 12, 31)} {
		possibly, _ := g.Edges(ctx, schema.Controls, graph.To(ns.IRI("town")), graph.AsOf(d))
		certainly, _ := g.Edges(ctx, schema.Controls, graph.To(ns.IRI("town")), graph.AsOf(d), graph.Certainly())
		fmt.Printf("%s: possibly %d, certainly %d\n", d.Format(), len(possibly), len(certainly))
	}
	// Output:
	// 1 June 2015: possibly 1, certainly 0
	// 31 December 2015: possibly 1, certainly 1
}

// During keeps what overlaps a window; WithEnded shows, as of a date, what a
// successor or an event cut short, and by what.
func ExampleDuring() {
	const ns schema.Namespace = "https://example.org/town/"
	ctx := context.Background()
	g, err := town(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer g.Close()
	es, _ := g.Edges(ctx, schema.Controls, graph.To(ns.IRI("town")), graph.During(graph.Month(2023, 3), graph.Month(2023, 4)))
	for _, e := range es {
		fmt.Println("March to April 2023:", e.Subject)
	}
	es, _ = g.Edges(ctx, schema.Controls, graph.To(ns.IRI("town")), graph.AsOf(graph.Day(2023, 3, 10)), graph.WithEnded())
	for _, e := range es {
		for _, c := range e.Evidence {
			if c.EndedBy != "" {
				fmt.Printf("10 March 2023: %s, ended on %s by claim %s\n", e.Subject, c.EndedOn.Format(), c.EndedBy[len(ns):])
			} else {
				fmt.Printf("10 March 2023: %s\n", e.Subject)
			}
		}
	}
	// Output:
	// March to April 2023: The army
	// March to April 2023: The militia
	// 10 March 2023: The army, ended on 4 March 2023 by claim c2
	// 10 March 2023: The militia, ended on 20 April 2023 by claim c3
}
