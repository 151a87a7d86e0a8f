package graph_test

import (
	"context"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

const id schema.Namespace = "https://example.org/id/"

var (
	hts       = id.IRI("hts")
	nusra     = id.IRI("nusra")
	aq        = id.IRI("aq")
	isg       = id.IRI("is")
	coalition = id.IRI("coalition")
	turkey    = id.IRI("turkey")
	russia    = id.IRI("russia")
	assadGov  = id.IRI("assad-gov")
	jolani    = id.IRI("jolani")
	idlib     = id.IRI("idlib")
	daraa     = id.IRI("daraa")
	report    = id.IRI("report")
	ministry  = id.IRI("mod")
)

func claimID(n string) schema.IRI { return id.IRI("claim/" + n) }

// fixture is a small graph in memory: a handful of actors and claims shaped like
// the Syria dataset, built through the public API.
func fixture(t testing.TB) *graph.Graph { return fixtureAt(t, "") }

// fixtureAt is fixture on the store at location.
func fixtureAt(t testing.TB, location string) *graph.Graph {
	t.Helper()
	ctx := context.Background()
	g, err := graph.Open(ctx, location, graph.TestBackends)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { g.Close() })
	reported := graph.Day(2024, 12, 7)
	err = g.Write(ctx, func(tx *graph.Tx) error {
		for _, e := range []graph.Entity{
			{ID: hts, Kinds: []schema.Kind{schema.ArmedGroup}, Name: "Hayat Tahrir al-Sham", Aliases: []graph.Alias{{Name: "HTS"}}},
			{ID: nusra, Kinds: []schema.Kind{schema.ArmedGroup}, Name: "al-Nusra Front"},
			{ID: aq, Kinds: []schema.Kind{schema.ArmedGroup}, Name: "Al-Qaeda"},
			{ID: isg, Kinds: []schema.Kind{schema.ArmedGroup}, Name: "Islamic State group"},
			{ID: coalition, Kinds: []schema.Kind{schema.Coalition}, Name: "Rebel coalition"},
			{ID: turkey, Kinds: []schema.Kind{schema.State}, Name: "Turkey", Aliases: []graph.Alias{{Name: "Türkiye", Lang: "tr"}}},
			{ID: russia, Kinds: []schema.Kind{schema.State}, Name: "Russia"},
			{ID: assadGov, Kinds: []schema.Kind{schema.Government}, Name: "Assad government"},
			{ID: jolani, Kinds: []schema.Kind{schema.Person}, Name: "Abu Mohammed al-Jolani", Aliases: []graph.Alias{{Name: "al-Joulani"}, {Name: "al-Jolani"}}},
			{ID: idlib, Kinds: []schema.Kind{schema.Region}, Name: "Idlib province"},
			{ID: daraa, Kinds: []schema.Kind{schema.City}, Name: "Daraa", Aliases: []graph.Alias{{Name: "Derraa"}}},
			{ID: report, Kinds: []schema.Kind{schema.Report}, Name: "The report"},
			{ID: ministry, Kinds: []schema.Kind{schema.GovernmentBody}, Name: "Ministry of Defense"},
		} {
			if err := tx.AddEntity(e); err != nil {
				return err
			}
		}
		claims := []graph.Claim{
			{ID: claimID("backs"), Reported: reported},
			{ID: claimID("russia"), Reported: reported},
			{ID: claimID("former-name"), Reported: reported, Note: "inferred"},
			{ID: claimID("former-branch"), Reported: reported},
			{ID: claimID("idlib"), Reported: reported, ValidFrom: graph.Year(2020)},
			{ID: claimID("daraa"), Reported: reported, ValidFrom: graph.Day(2024, 12, 6)},
			{ID: claimID("enemies"), Reported: reported},
			{ID: claimID("leads"), Reported: reported},
			{ID: claimID("withdrawal"), Reported: graph.Day(2024, 12, 6)},
			{ID: claimID("denial"), Reported: reported, Source: graph.Entity{ID: ministry}, Stance: graph.Denied, Quote: "unfounded"},
			{ID: claimID("founded"), Reported: reported},
			{ID: claimID("members"), Reported: reported, ValidFrom: graph.Year(2018), ValidUntil: graph.Year(2018)},
		}
		for _, c := range claims {
			if c.Source.ID == "" {
				c.Source = graph.Entity{ID: report}
			}
			if err := tx.AddClaim(c); err != nil {
				return err
			}
		}
		for _, f := range []graph.Fact{
			{turkey, schema.Backs, coalition, claimID("backs")},
			{russia, schema.Backs, assadGov, claimID("russia")},
			{hts, schema.FormerlyKnownAs, nusra, claimID("former-name")},
			{hts, schema.FormerlyBranchOf, aq, claimID("former-branch")},
			{hts, schema.Controls, idlib, claimID("idlib")},
			{coalition, schema.Controls, daraa, claimID("daraa")},
			{hts, schema.EnemyOf, isg, claimID("enemies")},
			{hts, schema.Leads, coalition, claimID("leads")},
			{jolani, schema.Leads, hts, claimID("leads")},
			{coalition, schema.SeeksToOverthrow, assadGov, claimID("leads")},
			{assadGov, schema.WithdrewFrom, daraa, claimID("withdrawal")},
			{assadGov, schema.WithdrewFrom, daraa, claimID("denial")},
		} {
			if err := tx.Assert(f); err != nil {
				return err
			}
		}
		if err := tx.AssertAttribute(graph.AttributeFact{Subject: hts, Attribute: schema.Founded, Value: graph.Year(2017), Claim: claimID("founded")}); err != nil {
			return err
		}
		return tx.AssertAttribute(graph.AttributeFact{Subject: hts, Attribute: schema.MembersEstimate, Value: graph.IntRange{Low: 12000, High: 15000}, Claim: claimID("members")})
	})
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func names(es []graph.Entity) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.Name
	}
	return out
}

func edgeNames(g *graph.Graph, es []graph.Edge) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.Subject.Name + " " + g.Vocabulary().RelationName(e.Relation) + " " + e.Object.Name
	}
	return out
}

func quadCount(t testing.TB, g *graph.Graph) int64 {
	t.Helper()
	n, err := g.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}
