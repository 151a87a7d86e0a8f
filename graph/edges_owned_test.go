package graph_test

import (
	"reflect"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

// ownedFixture is a state backing three groups, each edge on a claim of its
// own; the claim of the first was later retracted, so that a read known at
// the report shows its Retractions. Every entity has kinds, aliases and
// SameAs links: the slices a caller might change.
func ownedFixture(t *testing.T, location string) *graph.Graph {
	t.Helper()
	g, err := graph.Open(ctx, location, graph.TestBackends)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { g.Close() })
	err = g.Write(ctx, func(tx *graph.Tx) error {
		for _, e := range []graph.Entity{
			{ID: turkey, Kinds: []schema.Kind{schema.State}, Name: "Turkey", Aliases: []graph.Alias{{Name: "Türkiye", Lang: "tr"}}, SameAs: []schema.IRI{"http://www.wikidata.org/entity/Q43"}},
			{ID: hts, Kinds: []schema.Kind{schema.ArmedGroup}, Name: "Hayat Tahrir al-Sham", Aliases: []graph.Alias{{Name: "HTS"}}, SameAs: []schema.IRI{"http://www.wikidata.org/entity/Q28806823"}},
			{ID: coalition, Kinds: []schema.Kind{schema.Coalition}, Name: "Rebel coalition", Aliases: []graph.Alias{{Name: "The coalition"}}, SameAs: []schema.IRI{"http://www.wikidata.org/entity/Q1"}},
			{ID: nusra, Kinds: []schema.Kind{schema.ArmedGroup}, Name: "al-Nusra Front", Aliases: []graph.Alias{{Name: "Jabhat al-Nusra"}}, SameAs: []schema.IRI{"http://www.wikidata.org/entity/Q2"}},
			{ID: report, Kinds: []schema.Kind{schema.Report}, Name: "The report", Aliases: []graph.Alias{{Name: "Report"}}},
		} {
			if err := tx.AddEntity(e); err != nil {
				return err
			}
		}
		for _, c := range []graph.Claim{
			{ID: claimID("hts"), Source: graph.Entity{ID: report}, Reported: graph.Day(2020, 1, 1), Note: "first"},
			{ID: claimID("coalition"), Source: graph.Entity{ID: report}, Reported: graph.Day(2020, 1, 2)},
			{ID: claimID("nusra"), Source: graph.Entity{ID: report}, Reported: graph.Day(2020, 1, 3)},
			{ID: claimID("withdrawn"), Source: graph.Entity{ID: report}, Reported: graph.Day(2021, 1, 1), Stance: graph.Retracted, Retracts: claimID("hts")},
		} {
			if err := tx.AddClaim(c); err != nil {
				return err
			}
		}
		for _, o := range []schema.IRI{hts, coalition, nusra} {
			if err := tx.Assert(graph.Fact{Subject: turkey, Relation: schema.Backs, Object: o, Claim: claimID(string(o[len(id):]))}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// A read's answer is the caller's: changing an entity's or a claim's slices
// in it, or appending to them, changes neither another edge of the same
// answer nor the next read's answer (the in-memory index caches decoded
// entities and claims, and a read hands out parts of shared chunks).
func TestEdgesAreTheCallersToChange(t *testing.T) {
	for _, st := range everyStore(t) {
		t.Run(st.name, func(t *testing.T) {
			g := ownedFixture(t, fresh(t, st.location))
			read := func() []graph.Edge {
				t.Helper()
				es, err := g.Edges(ctx, schema.Backs, graph.From(turkey), graph.KnownAt(graph.Day(2020, 6, 1)))
				if err != nil {
					t.Fatal(err)
				}
				if len(es) != 3 {
					t.Fatalf("Edges = %d edges, want 3", len(es))
				}
				return es
			}
			want := read()
			// By name: al-Nusra Front, Hayat Tahrir al-Sham, Rebel coalition.
			if r := want[1].Evidence[0].Retractions; want[1].Object.ID != hts || len(r) != 1 || r[0].Claim != claimID("withdrawn") {
				t.Fatalf("the second edge is to %s, its claim retracted by %v; want %s, retracted by %s", want[1].Object.ID, r, hts, claimID("withdrawn"))
			}
			es := read()
			if !reflect.DeepEqual(es, want) {
				t.Fatalf("a second read differs from the first:\n%+v\n%+v", es, want)
			}
			change := func(x *graph.Entity) {
				x.Kinds[0] = "changed"
				x.Aliases[0].Name = "changed"
				x.Kinds = append(x.Kinds, "appended")
				x.Aliases = append(x.Aliases, graph.Alias{Name: "appended"})
				if len(x.SameAs) > 0 {
					x.SameAs[0] = "changed"
				}
				x.SameAs = append(x.SameAs, "appended")
			}
			// The edges' ends and evidence are each edge's own. (The claims of
			// one answer may share their source's Entity.)
			first, third := es[0], es[2]
			change(&es[1].Subject)
			change(&es[1].Object)
			es[1].Evidence[0].Note = "changed"
			es[1].Evidence[0].Retractions[0].Claim = "changed"
			es[1].Evidence[0].Retractions = append(es[1].Evidence[0].Retractions, graph.Retraction{Claim: "appended"})
			es[1].Evidence = append(es[1].Evidence, graph.Claim{ID: "appended"})
			if !reflect.DeepEqual(es[0], first) || !reflect.DeepEqual(es[2], third) {
				t.Fatalf("changing the second edge changed another:\n%+v\n%+v", es, []graph.Edge{first, es[1], third})
			}
			for i := range es {
				if i != 1 {
					change(&es[i].Subject)
					change(&es[i].Object)
				}
				change(&es[i].Evidence[0].Source)
				es[i].Evidence[0].Note = "changed"
			}
			if got := read(); !reflect.DeepEqual(got, want) {
				t.Fatalf("after the caller changed an answer, the next read is\n%+v\nwant\n%+v", got, want)
			}
			got, err := g.Entity(ctx, turkey)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want[0].Subject) {
				t.Fatalf("Entity = %+v after the caller changed an answer, want %+v", got, want[0].Subject)
			}
		})
	}
}
