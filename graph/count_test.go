package graph_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

func counts(t *testing.T, g *graph.Graph, what graph.Counted, fs ...graph.Filter) string {
	t.Helper()
	cs, err := g.Count(ctx, what, fs...)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, c := range cs {
		key := c.Entity.Name
		switch {
		case c.Relation != "":
			key = schema.Core().RelationName(c.Relation)
		case c.Kind != "":
			key = schema.Core().KindName(c.Kind)
		case key == "":
			key = fmt.Sprint(c.Year)
		}
		out = append(out, fmt.Sprintf("%s=%d", key, c.N))
	}
	return strings.Join(out, " ")
}

func TestCountsAreExact(t *testing.T) {
	g := fixture(t)
	// The fixture: 12 claims, 11 of the report and 1 of the ministry; all reported in 2024.
	for _, tc := range []struct {
		name string
		what graph.Counted
		fs   []graph.Filter
		want string
	}{
		{"claims per source", graph.ClaimsPerSource, nil, "The report=11 Ministry of Defense=1"},
		{"claims per source known on 6 December", graph.ClaimsPerSource, []graph.Filter{graph.KnownAt(graph.Day(2024, 12, 6))}, "The report=1"},
		{"claims per reported year", graph.ClaimsPerReportedYear, nil, "2024=12"},
		{"facts per relation", graph.FactsPerRelation, nil,
			"backs=2 controls=2 leads=2 enemyOf=1 formerlyBranchOf=1 formerlyKnownAs=1 seeksToOverthrow=1 withdrewFrom=1"},
		{"facts per relation as of 2019", graph.FactsPerRelation, []graph.Filter{graph.AsOf(graph.Year(2019))}, ""},
		{"facts per valid year", graph.FactsPerValidYear, nil, "2024=10 2020=1"},
		{"edges per actor", graph.EdgesPerActor, nil,
			// HTS: formerly known as, formerly branch of, controls, enemy of,
			// leads, led by; the coalition: backed by, controls, led by, seeks to overthrow.
			"Hayat Tahrir al-Sham=6 Rebel coalition=4 Assad government=3 Daraa=2 Abu Mohammed al-Jolani=1 al-Nusra Front=1 Al-Qaeda=1 Idlib province=1 Islamic State group=1 Russia=1 Turkey=1"},
		{"entities per kind", graph.EntitiesPerKind, nil,
			"ArmedGroup=4 State=2 City=1 Coalition=1 Government=1 GovernmentBody=1 Person=1 Region=1 Report=1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := counts(t, g, tc.what, tc.fs...); got != tc.want {
				t.Errorf("Count = %q\nwant      %q", got, tc.want)
			}
		})
	}
	if _, err := g.Count(ctx, graph.EntitiesPerKind, graph.AsOf(graph.Year(2020))); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("entities per kind with a filter: %v, want ErrInvalid", err)
	}
	if _, err := g.Count(ctx, graph.Counted(99)); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("Count(99): %v, want ErrInvalid", err)
	}
}

func TestCountsAreTheSameOnEveryBackend(t *testing.T) {
	want := map[graph.Counted]string{}
	mem := fixture(t)
	whats := []graph.Counted{graph.ClaimsPerSource, graph.ClaimsPerReportedYear, graph.FactsPerRelation,
		graph.FactsPerValidYear, graph.EdgesPerActor, graph.EntitiesPerKind}
	for _, w := range whats {
		want[w] = counts(t, mem, w)
	}
	for _, st := range everyStore(t) {
		if st.location == "" {
			continue
		}
		t.Run(st.name, func(t *testing.T) {
			g := fixtureAt(t, fresh(t, st.location))
			for _, w := range whats {
				if got := counts(t, g, w); got != want[w] {
					t.Errorf("Count(%d) = %q, memory says %q", w, got, want[w])
				}
			}
		})
	}
}

// A source merged with another is one source to every read: BySource names
// it by any of its IRIs, in counts as in edges.
func TestCountBySourceFollowsMerges(t *testing.T) {
	for _, st := range everyStore(t) {
		t.Run(st.name, func(t *testing.T) {
			g := fixtureAt(t, fresh(t, st.location))
			wire := id.IRI("wire")
			err := g.Write(ctx, func(tx *graph.Tx) error {
				if err := tx.AddEntity(graph.Entity{ID: wire, Kinds: []schema.Kind{schema.Report}, Name: "The wire"}); err != nil {
					return err
				}
				if err := tx.AddClaim(graph.Claim{ID: claimID("wire"), Source: graph.Entity{ID: wire}, Reported: graph.Year(2024)}); err != nil {
					return err
				}
				if err := tx.Assert(graph.Fact{Subject: russia, Relation: schema.Backs, Object: coalition, Claim: claimID("wire")}); err != nil {
					return err
				}
				if err := tx.AddClaim(graph.Claim{ID: claimID("same-source"), Source: graph.Entity{ID: ministry}, Reported: graph.Year(2024)}); err != nil {
					return err
				}
				return tx.Merge(report, wire, claimID("same-source"))
			})
			if err != nil {
				t.Fatal(err)
			}
			// The report's 11 claims and the wire's 1 are one source's 12,
			// named by either IRI; the ministry's denial and merge claim are 2.
			for _, src := range []schema.IRI{report, wire} {
				for _, what := range []graph.Counted{graph.ClaimsPerSource, graph.ClaimsPerReportedYear} {
					got := counts(t, g, what, graph.BySource(src))
					want := "The report=12"
					if what == graph.ClaimsPerReportedYear {
						want = "2024=12"
					}
					if got != want {
						t.Errorf("Count(%d, BySource(%s)) = %q, want %q", what, src, got, want)
					}
				}
				es, err := g.Edges(ctx, schema.Backs, graph.BySource(src))
				if err != nil {
					t.Fatal(err)
				}
				if got := len(es); got != 3 {
					t.Errorf("Edges(backs, BySource(%s)) = %d edges, want 3", src, got)
				}
			}
			if got, want := counts(t, g, graph.ClaimsPerSource), "The report=12 Ministry of Defense=2"; got != want {
				t.Errorf("Count(ClaimsPerSource) = %q, want %q", got, want)
			}
		})
	}
}
