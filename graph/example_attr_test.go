package graph_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/loader"
	"github.com/actorgraph/actorgraph/schema"
)

// withSyria runs f on the Syria dataset, loaded in memory (see the README's
// tour: graph.Open(ctx, ""), then loader.LoadFile).
func withSyria(f func(ctx context.Context, g *graph.Graph)) {
	ctx := context.Background()
	g, err := graph.Open(ctx, "")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer g.Close()
	if _, err := loader.LoadFile(ctx, g, "../examples/syria/syria.yaml"); err != nil {
		fmt.Println(err)
		return
	}
	f(ctx, g)
}

// show prints the names a query matches and the sources of their evidence,
// or "none".
func show(ctx context.Context, g *graph.Graph, what string, q graph.Query) {
	ms, err := q.All(ctx, g)
	if err != nil {
		fmt.Println(what+":", err)
		return
	}
	var out []string
	for _, m := range ms {
		out = append(out, fmt.Sprintf("%s %q", m.Entity.Name, m.Evidence.Sources()))
	}
	if len(out) == 0 {
		out = []string{"none"}
	}
	fmt.Println(what+":", strings.Join(out, ", "))
}

// WhereAttr constrains an attribute's value. In the Syria dataset the report
// says HTS was founded in 2017, and CSIS estimates its membership in 2018 at
// 12,000 to 15,000. A date is a period: "2017" is possibly before June 2017
// (it may be January), not certainly.
func ExampleQuery_WhereAttr() {
	withSyria(func(ctx context.Context, g *graph.Graph) {
		orgs := graph.Find(schema.Organization)
		show(ctx, g, "founded before 2018", orgs.WhereAttr(schema.Founded, graph.Before(graph.Year(2018))))
		show(ctx, g, "founded before 2017", orgs.WhereAttr(schema.Founded, graph.Before(graph.Year(2017))))
		show(ctx, g, "possibly before June 2017", orgs.WhereAttr(schema.Founded, graph.Before(graph.Month(2017, 6))))
		show(ctx, g, "certainly before June 2017", orgs.WhereAttr(schema.Founded, graph.Before(graph.Month(2017, 6)).Certainly()))
		members := orgs.WhereAttr(schema.MembersEstimate, graph.Overlaps(13000))
		show(ctx, g, "13,000 members in 2018", members.AsOf(graph.Year(2018)))
		show(ctx, g, "13,000 members in 2024", members.AsOf(graph.Year(2024)))
		_, err := graph.Find(schema.Organization).WhereAttr(schema.Founded, graph.AtLeast(2000)).All(ctx, g)
		fmt.Println(err)
	})
	// Output:
	// founded before 2018: Hayat Tahrir al-Sham ["Report on the Syrian rebel offensive"]
	// founded before 2017: none
	// possibly before June 2017: Hayat Tahrir al-Sham ["Report on the Syrian rebel offensive"]
	// certainly before June 2017: none
	// 13,000 members in 2018: Hayat Tahrir al-Sham ["Center for Strategic and International Studies"]
	// 13,000 members in 2024: none
	// graph: Find(Organization): WhereAttr(founded): AtLeast(2000) compares integer or integer range values, and founded's values are of datatype date: invalid input
}

// MinConfidence keeps the claims rated at least that confident. The Syria
// dataset rates its reading of HTS as the former al-Nusra Front at 0.5; an
// unrated claim reaches no bound.
func ExampleMinConfidence() {
	withSyria(func(ctx context.Context, g *graph.Graph) {
		nusra := schema.Namespace("https://actorgraph.org/id/syria/").IRI("nusra")
		formerly := graph.Find(schema.Actor).Where(schema.FormerlyKnownAs.To(nusra))
		show(ctx, g, "at 0.5", formerly.With(graph.MinConfidence(0.5)))
		show(ctx, g, "at 0.8", formerly.With(graph.MinConfidence(0.8)))
		es, _ := g.Edges(ctx, schema.Backs, graph.MinConfidence(0.1))
		fmt.Println("rated backings:", len(es))
	})
	// Output:
	// at 0.5: Hayat Tahrir al-Sham ["Report on the Syrian rebel offensive"]
	// at 0.8: none
	// rated backings: 0
}

// BySources asks for an edge that several independent sources assert. In the
// Syria dataset every backing rests on the one report; a second source's
// claim that Turkey backs the coalition makes two.
func ExampleBySources() {
	withSyria(func(ctx context.Context, g *graph.Graph) {
		id := schema.Namespace("https://actorgraph.org/id/syria/").IRI
		twice := graph.Find(schema.Organization).WhereSome(graph.BySources(2, schema.Backs.From), graph.Find(schema.State))
		show(ctx, g, "backed by a state, on two sources", twice)
		err := g.Write(ctx, func(tx *graph.Tx) error {
			c := id("cnn-turkey-backs-coalition")
			if err := tx.AddClaim(graph.Claim{ID: c, Source: graph.Entity{ID: id("cnn")}, Reported: graph.Day(2024, 12, 8)}); err != nil {
				return err
			}
			return tx.Assert(graph.Fact{Subject: id("turkey"), Relation: schema.Backs, Object: id("coalition"), Claim: c})
		})
		if err != nil {
			fmt.Println(err)
			return
		}
		show(ctx, g, "with CNN's claim", twice)
		show(ctx, g, "known on 7 December", twice.KnownAt(graph.Day(2024, 12, 7)))
	})
	// Output:
	// backed by a state, on two sources: none
	// with CNN's claim: Rebel coalition ["Report on the Syrian rebel offensive" "CNN"]
	// known on 7 December: none
}
