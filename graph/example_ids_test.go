package graph_test

import (
	"context"
	"fmt"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

// IDs answers as SPARQL's SELECT DISTINCT does: the matches' IDs, sorted by
// ID, with no entity or evidence decoded for them. Here, the groups some
// state backs; the denied backing does not count.
func ExampleQuery_IDs() {
	ctx := context.Background()
	g, _ := graph.Open(ctx, "")
	defer g.Close()
	const ns schema.Namespace = "https://example.org/id/"
	_ = g.Write(ctx, func(tx *graph.Tx) error {
		for _, e := range []graph.Entity{
			{ID: ns.IRI("turkey"), Kinds: []schema.Kind{schema.State}, Name: "Turkey"},
			{ID: ns.IRI("sna"), Kinds: []schema.Kind{schema.ArmedGroup}, Name: "Syrian National Army"},
			{ID: ns.IRI("hts"), Kinds: []schema.Kind{schema.ArmedGroup}, Name: "Hayat Tahrir al-Sham"},
			{ID: ns.IRI("report"), Kinds: []schema.Kind{schema.Report}, Name: "The report"},
		} {
			_ = tx.AddEntity(e)
		}
		_ = tx.AddClaim(graph.Claim{ID: ns.IRI("c1"), Source: graph.Entity{ID: ns.IRI("report")}, Reported: graph.Day(2024, 12, 7)})
		_ = tx.AddClaim(graph.Claim{ID: ns.IRI("c2"), Source: graph.Entity{ID: ns.IRI("report")}, Reported: graph.Day(2024, 12, 7), Stance: graph.Denied})
		_ = tx.Assert(graph.Fact{Subject: ns.IRI("turkey"), Relation: schema.Backs, Object: ns.IRI("sna"), Claim: ns.IRI("c1")})
		return tx.Assert(graph.Fact{Subject: ns.IRI("turkey"), Relation: schema.Backs, Object: ns.IRI("hts"), Claim: ns.IRI("c2")})
	})
	ids, err := graph.Find(schema.ArmedGroup).WhereSome(schema.Backs.From, graph.Find(schema.State)).IDs(ctx, g)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(ids)
	// Output:
	// [https://example.org/id/sna]
}
