package graph_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

func matchNames(ms []graph.Match) []string {
	out := []string{}
	for _, m := range ms {
		out = append(out, m.Entity.Name)
	}
	return out
}

func TestQueriesNest(t *testing.T) {
	g := fixture(t)
	us := id.IRI("us")
	err := g.Write(ctx, func(tx *graph.Tx) error {
		if err := tx.AddEntity(graph.Entity{ID: us, Kinds: []schema.Kind{schema.State}, Name: "United States"}); err != nil {
			return err
		}
		if err := tx.AddClaim(graph.Claim{ID: claimID("designation"), Source: graph.Entity{ID: report}, Reported: graph.Day(2024, 12, 8), ValidFrom: graph.Year(2018)}); err != nil {
			return err
		}
		return tx.Assert(graph.Fact{Subject: us, Relation: schema.DesignatesTerrorist, Object: hts, Claim: claimID("designation")})
	})
	if err != nil {
		t.Fatal(err)
	}
	backedByAState := graph.Find(schema.Organization).WhereSome(schema.Backs.From, graph.Find(schema.State))
	ms, err := backedByAState.All(ctx, g)
	if err != nil {
		t.Fatal(err)
	}
	if got := matchNames(ms); !slices.Equal(got, []string{"Assad government", "Rebel coalition"}) {
		t.Errorf("organizations some state backs = %q", got)
	}
	if len(ms[1].Evidence) != 1 || ms[1].Evidence[0].ID != claimID("backs") {
		t.Errorf("the coalition's evidence = %v", ms[1].Evidence)
	}
	// Two levels: people who lead a group that a state designates a terrorist.
	leaders := graph.Find(schema.Person).WhereSome(schema.Leads.To,
		graph.Find(schema.Organization).WhereSome(schema.DesignatesTerrorist.From, graph.Find(schema.State)))
	for _, tc := range []struct {
		name string
		q    graph.Query
		want []string
	}{
		{"now", leaders, []string{"Abu Mohammed al-Jolani"}},
		// The outer query's filters apply at every level: the designation was not yet reported on 7 December.
		{"known on 7 December", leaders.KnownAt(graph.Day(2024, 12, 7)), []string{}},
		{"known on 8 December", leaders.KnownAt(graph.Day(2024, 12, 8)), []string{"Abu Mohammed al-Jolani"}},
		// A nested query's limit keeps its first matches by name: Russia, which backs only the government.
		{"limited", graph.Find(schema.Organization).WhereSome(schema.Backs.From, graph.Find(schema.State).Limit(1)), []string{"Assad government"}},
	} {
		ms, err := tc.q.All(ctx, g)
		if err != nil {
			t.Fatal(err)
		}
		if got := matchNames(ms); !slices.Equal(got, tc.want) {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
	// A nested query whose kind cannot stand at the relation's other end is refused.
	_, err = graph.Find(schema.Organization).WhereSome(schema.Backs.From, graph.Find(schema.City)).All(ctx, g)
	if !errors.Is(err, graph.ErrDomain) {
		t.Errorf("organizations backed by a city: %v, want ErrDomain", err)
	}
}
