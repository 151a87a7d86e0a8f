package graph_test

import (
	"errors"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

const ask schema.Namespace = "https://example.org/ask/"

// askFixture is a small graph for attribute and evidence constraints:
//
//	HTS             founded 2017 (report); members 12000..15000 in 2018 (CSIS, 0.8)
//	Nusra           founded 2012-01 (report) and 2011 (CNN)
//	Old Front       founded 2014 (report)
//	Spring Brigade  founded 2015-03 (report); members 8000..10000 (CNN, unrated)
//	Coalition       members 10000..10000 (report, 0.9)
//
//	Turkey backs HTS        report (0.9), CNN (0.6)
//	Turkey backs Coalition  Le Monde, The World (one outlet, merged)
//	Turkey backs Spring     CNN
//	Qatar backs Spring      report (unrated)
//	Qatar backs HTS         Le Monde (0.7)
//	Russia backs Old Front  report (0.9); CNN denies (0.95)
func askFixture(t *testing.T) *graph.Graph { return askFixtureAt(t, "") }

// askFixtureAt is askFixture on the store at location.
func askFixtureAt(t *testing.T, location string) *graph.Graph {
	t.Helper()
	g, err := graph.Open(ctx, fresh(t, location), graph.TestBackends)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { g.Close() })
	day := graph.Day(2024, 12, 7)
	err = g.Write(ctx, func(tx *graph.Tx) error {
		for _, e := range []graph.Entity{
			{ID: ask.IRI("hts"), Kinds: []schema.Kind{schema.ArmedGroup}, Name: "HTS"},
			{ID: ask.IRI("nusra"), Kinds: []schema.Kind{schema.ArmedGroup}, Name: "Nusra"},
			{ID: ask.IRI("old"), Kinds: []schema.Kind{schema.ArmedGroup}, Name: "Old Front"},
			{ID: ask.IRI("spring"), Kinds: []schema.Kind{schema.ArmedGroup}, Name: "Spring Brigade"},
			{ID: ask.IRI("coalition"), Kinds: []schema.Kind{schema.Coalition}, Name: "Coalition"},
			{ID: ask.IRI("turkey"), Kinds: []schema.Kind{schema.State}, Name: "Turkey"},
			{ID: ask.IRI("qatar"), Kinds: []schema.Kind{schema.State}, Name: "Qatar"},
			{ID: ask.IRI("russia"), Kinds: []schema.Kind{schema.State}, Name: "Russia"},
			{ID: ask.IRI("report"), Kinds: []schema.Kind{schema.Report}, Name: "The report"},
			{ID: ask.IRI("cnn"), Kinds: []schema.Kind{schema.MediaOutlet}, Name: "CNN"},
			{ID: ask.IRI("csis"), Kinds: []schema.Kind{schema.ResearchCentre}, Name: "CSIS"},
			{ID: ask.IRI("lemonde"), Kinds: []schema.Kind{schema.MediaOutlet}, Name: "Le Monde"},
			{ID: ask.IRI("world"), Kinds: []schema.Kind{schema.MediaOutlet}, Name: "The World"},
		} {
			if err := tx.AddEntity(e); err != nil {
				return err
			}
		}
		claim := func(name, source string, conf float64, stance graph.Stance) schema.IRI {
			c := ask.IRI("claim/" + name)
			if err := tx.AddClaim(graph.Claim{ID: c, Source: graph.Entity{ID: ask.IRI(source)}, Reported: day, Confidence: conf, Stance: stance}); err != nil {
				t.Error(err)
			}
			return c
		}
		attr := func(subject string, a schema.Attribute, v graph.Value, c schema.IRI) {
			if err := tx.AssertAttribute(graph.AttributeFact{Subject: ask.IRI(subject), Attribute: a, Value: v, Claim: c}); err != nil {
				t.Error(err)
			}
		}
		fact := func(s string, rel schema.Relation, o string, c schema.IRI) {
			if err := tx.Assert(graph.Fact{Subject: ask.IRI(s), Relation: rel, Object: ask.IRI(o), Claim: c}); err != nil {
				t.Error(err)
			}
		}
		attr("hts", schema.Founded, graph.Year(2017), claim("hts-founded", "report", 0, graph.Asserted))
		members := ask.IRI("claim/hts-members")
		if err := tx.AddClaim(graph.Claim{ID: members, Source: graph.Entity{ID: ask.IRI("csis")}, Reported: day,
			ValidFrom: graph.Year(2018), ValidUntil: graph.Year(2018), Confidence: 0.8}); err != nil {
			return err
		}
		attr("hts", schema.MembersEstimate, graph.IntRange{Low: 12000, High: 15000}, members)
		attr("nusra", schema.Founded, graph.Month(2012, 1), claim("nusra-founded-report", "report", 0, graph.Asserted))
		attr("nusra", schema.Founded, graph.Year(2011), claim("nusra-founded-cnn", "cnn", 0, graph.Asserted))
		attr("old", schema.Founded, graph.Year(2014), claim("old-founded", "report", 0, graph.Asserted))
		attr("spring", schema.Founded, graph.Month(2015, 3), claim("spring-founded", "report", 0, graph.Asserted))
		attr("spring", schema.MembersEstimate, graph.IntRange{Low: 8000, High: 10000}, claim("spring-members", "cnn", 0, graph.Asserted))
		attr("coalition", schema.MembersEstimate, graph.IntRange{Low: 10000, High: 10000}, claim("coalition-members", "report", 0.9, graph.Asserted))
		fact("turkey", schema.Backs, "hts", claim("turkey-hts-report", "report", 0.9, graph.Asserted))
		fact("turkey", schema.Backs, "hts", claim("turkey-hts-cnn", "cnn", 0.6, graph.Asserted))
		fact("turkey", schema.Backs, "coalition", claim("turkey-coalition-lemonde", "lemonde", 0, graph.Asserted))
		fact("turkey", schema.Backs, "coalition", claim("turkey-coalition-world", "world", 0, graph.Asserted))
		fact("turkey", schema.Backs, "spring", claim("turkey-spring", "cnn", 0, graph.Asserted))
		fact("qatar", schema.Backs, "spring", claim("qatar-spring", "report", 0, graph.Asserted))
		fact("qatar", schema.Backs, "hts", claim("qatar-hts", "lemonde", 0.7, graph.Asserted))
		fact("russia", schema.Backs, "old", claim("russia-old", "report", 0.9, graph.Asserted))
		fact("russia", schema.Backs, "old", claim("russia-old-denied", "cnn", 0.95, graph.Denied))
		return tx.Merge(ask.IRI("lemonde"), ask.IRI("world"), claim("one-outlet", "report", 0, graph.Asserted))
	})
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// claimNames returns the local names of the claims of ev, as the fixture names them.
func claimNames(ev graph.Evidence) []string {
	out := []string{}
	for _, c := range ev {
		out = append(out, strings.TrimPrefix(string(c.ID), string(ask.IRI("claim/"))))
	}
	slices.Sort(out)
	return out
}

// askQueries are the shapes of attribute and evidence constraints, each
// with the names it must match.
func askQueries() []struct {
	name string
	q    graph.Query
	want []string
} {
	o := func() graph.Query { return graph.Find(schema.Organization) }
	turkey := ask.IRI("turkey")
	return []struct {
		name string
		q    graph.Query
		want []string
	}{
		// Dates are periods: possibly by default, certainly on asking.
		{"founded before 2015", o().WhereAttr(schema.Founded, graph.Before(graph.Year(2015))), []string{"Nusra", "Old Front"}},
		{"founded certainly before 2015", o().WhereAttr(schema.Founded, graph.Before(graph.Year(2015)).Certainly()), []string{"Nusra", "Old Front"}},
		{"founded possibly before June 2014", o().WhereAttr(schema.Founded, graph.Before(graph.Month(2014, 6))), []string{"Nusra", "Old Front"}},
		{"founded certainly before June 2014", o().WhereAttr(schema.Founded, graph.Before(graph.Month(2014, 6)).Certainly()), []string{"Nusra"}},
		{"founded before March 2015", o().WhereAttr(schema.Founded, graph.Before(graph.Month(2015, 3))), []string{"Nusra", "Old Front"}},
		{"founded after 2016", o().WhereAttr(schema.Founded, graph.After(graph.Year(2016)).Certainly()), []string{"HTS"}},
		{"founded possibly after June 2017", o().WhereAttr(schema.Founded, graph.After(graph.Month(2017, 6))), []string{"HTS"}},
		{"founded certainly after June 2017", o().WhereAttr(schema.Founded, graph.After(graph.Month(2017, 6)).Certainly()), []string{}},
		{"founded certainly after 2017", o().WhereAttr(schema.Founded, graph.After(graph.Year(2017)).Certainly()), []string{}},
		{"founded possibly in spring 2017", o().WhereAttr(schema.Founded, graph.Within(graph.Month(2017, 3), graph.Month(2017, 4))), []string{"HTS"}},
		{"founded after 2017", o().WhereAttr(schema.Founded, graph.After(graph.Year(2017))), []string{}},
		{"founded 2015 to 2017", o().WhereAttr(schema.Founded, graph.Within(graph.Year(2015), graph.Year(2017))), []string{"HTS", "Spring Brigade"}},
		{"founded possibly in the first half of 2017", o().WhereAttr(schema.Founded, graph.Within(graph.Month(2017, 1), graph.Month(2017, 6))), []string{"HTS"}},
		{"founded certainly in the first half of 2017", o().WhereAttr(schema.Founded, graph.Within(graph.Month(2017, 1), graph.Month(2017, 6)).Certainly()), []string{}},
		{"founded in 2017", o().WhereAttr(schema.Founded, graph.Equals(graph.Year(2017))), []string{"HTS"}},
		{"founded at all", o().WhereAttr(schema.Founded), []string{"HTS", "Nusra", "Old Front", "Spring Brigade"}},
		// The tests of one call are met by one value; of two calls, by any.
		{"one founding in 2011", o().WhereAttr(schema.Founded, graph.After(graph.Year(2010)), graph.Before(graph.Year(2012))), []string{"Nusra"}},
		{"one founding after 2011 and before 2012", o().WhereAttr(schema.Founded, graph.After(graph.Year(2011)), graph.Before(graph.Year(2012))), []string{}},
		{"foundings after 2011 and before 2012", o().WhereAttr(schema.Founded, graph.After(graph.Year(2011))).WhereAttr(schema.Founded, graph.Before(graph.Year(2012))), []string{"Nusra"}},
		// Estimates are spans of numbers.
		{"members possibly 10000", o().WhereAttr(schema.MembersEstimate, graph.Overlaps(10000)), []string{"Coalition", "Spring Brigade"}},
		{"members certainly 10000", o().WhereAttr(schema.MembersEstimate, graph.Overlaps(10000).Certainly()), []string{"Coalition"}},
		{"members possibly 16000", o().WhereAttr(schema.MembersEstimate, graph.Overlaps(16000)), []string{}},
		{"members possibly 7000", o().WhereAttr(schema.MembersEstimate, graph.Overlaps(7000)), []string{}},
		{"members certainly 12000 or fewer", o().WhereAttr(schema.MembersEstimate, graph.AtMost(12000).Certainly()), []string{"Coalition", "Spring Brigade"}},
		{"members possibly 13000 or more", o().WhereAttr(schema.MembersEstimate, graph.AtLeast(13000)), []string{"HTS"}},
		{"members certainly 13000 or more", o().WhereAttr(schema.MembersEstimate, graph.AtLeast(13000).Certainly()), []string{}},
		{"members certainly 10000 or more", o().WhereAttr(schema.MembersEstimate, graph.AtLeast(10000).Certainly()), []string{"Coalition", "HTS"}},
		{"members possibly 9000 or fewer", o().WhereAttr(schema.MembersEstimate, graph.AtMost(9000)), []string{"Spring Brigade"}},
		{"members certainly 10000 or fewer", o().WhereAttr(schema.MembersEstimate, graph.AtMost(10000).Certainly()), []string{"Coalition", "Spring Brigade"}},
		{"members 8000..12000", o().WhereAttr(schema.MembersEstimate, graph.AtLeast(8000), graph.AtMost(12000)), []string{"Coalition", "HTS", "Spring Brigade"}},
		{"members exactly 12000..15000", o().WhereAttr(schema.MembersEstimate, graph.Equals(graph.IntRange{Low: 12000, High: 15000})), []string{"HTS"}},
		// The query's filters choose the attribute claims that count.
		{"members 12000 or more as of 2018", o().WhereAttr(schema.MembersEstimate, graph.AtLeast(12000)).AsOf(graph.Year(2018)), []string{"HTS"}},
		{"members 12000 or more as of 2024", o().WhereAttr(schema.MembersEstimate, graph.AtLeast(12000)).AsOf(graph.Year(2024)), []string{}},
		{"founded before 2015 says CNN", o().WhereAttr(schema.Founded, graph.Before(graph.Year(2015))).With(graph.BySource(ask.IRI("cnn"))), []string{"Nusra"}},
		{"members 10000 at confidence 0.85", o().WhereAttr(schema.MembersEstimate, graph.Overlaps(10000)).With(graph.MinConfidence(0.85)), []string{"Coalition"}},
		// With relation constraints, nested, and nested in turn.
		{"backed by turkey, 11000 members or more", o().Where(schema.Backs.From(turkey)).WhereAttr(schema.MembersEstimate, graph.AtLeast(11000)), []string{"HTS"}},
		{"states backing a group founded before 2015", graph.Find(schema.State).WhereSome(schema.Backs.To,
			o().WhereAttr(schema.Founded, graph.Before(graph.Year(2015)))), []string{"Russia"}},
		{"states backing a group founded before 2015, per CNN", graph.Find(schema.State).WhereSome(schema.Backs.To,
			o().WhereAttr(schema.Founded, graph.Before(graph.Year(2015)))).With(graph.BySource(ask.IRI("cnn"))), []string{}},
		{"states backing a group of 10000 backed by two sources", graph.Find(schema.State).WhereSome(schema.Backs.To,
			o().WhereAttr(schema.MembersEstimate, graph.AtLeast(10000)).Where(graph.BySources(2, schema.Backs.From(turkey)))), []string{"Qatar", "Turkey"}},
		// Evidence: confidence and independent sources.
		{"backed by turkey", o().Where(schema.Backs.From(turkey)), []string{"Coalition", "HTS", "Spring Brigade"}},
		{"backed by turkey at confidence 0.8", o().Where(schema.Backs.From(turkey)).With(graph.MinConfidence(0.8)), []string{"HTS"}},
		{"backed by turkey per two sources", o().Where(graph.BySources(2, schema.Backs.From(turkey))), []string{"HTS"}},
		{"backed by turkey per one source", o().Where(graph.BySources(1, schema.Backs.From(turkey))), []string{"Coalition", "HTS", "Spring Brigade"}},
		{"backed by turkey per two sources rated 0.8", o().Where(graph.BySources(2, schema.Backs.From(turkey))).With(graph.MinConfidence(0.8)), []string{}},
		{"backed by turkey per three sources", o().Where(graph.BySources(3, schema.Backs.From(turkey))), []string{}},
		{"backed by some state per two sources", o().WhereSome(graph.BySources(2, schema.Backs.From), graph.Find(schema.State)), []string{"HTS"}},
		{"backed by some state", o().WhereSome(schema.Backs.From, graph.Find(schema.State)), []string{"Coalition", "HTS", "Old Front", "Spring Brigade"}},
		{"backed by some state at confidence 0.9", o().WhereSome(schema.Backs.From, graph.Find(schema.State)).With(graph.MinConfidence(0.9)), []string{"HTS", "Old Front"}},
		{"states backing per two sources", graph.Find(schema.State).Where(graph.BySources(2, schema.Backs.To(ask.IRI("hts")))), []string{"Turkey"}},
		{"states backing what two sources say turkey backs", graph.Find(schema.State).WhereSome(schema.Backs.To,
			o().Where(graph.BySources(2, schema.Backs.From(turkey)))), []string{"Qatar", "Turkey"}},
		// Spring's backers are unrated: at 0.5 no state backs it, so none
		// of the states' rated backings counts.
		{"the outer confidence applies at every level", o().WhereSome(schema.Backs.From,
			graph.Find(schema.State).Where(schema.Backs.To(ask.IRI("spring")))).With(graph.MinConfidence(0.5)), []string{}},
		{"without it", o().WhereSome(schema.Backs.From,
			graph.Find(schema.State).Where(schema.Backs.To(ask.IRI("spring")))), []string{"Coalition", "HTS", "Spring Brigade"}},
		{"the nested confidence applies at every level", graph.Find(schema.State).WhereSome(schema.Backs.To,
			o().Where(schema.Backs.From(turkey))).With(graph.MinConfidence(0.8)), []string{"Turkey"}},
	}
}

// Every shape matches exactly what it should, in All, Only and Seq alike, on
// every backend (leveldb read directly plans without the index's sizes).
func TestQueriesConstrainAttributesAndEvidence(t *testing.T) {
	for _, s := range everyStore(t) {
		t.Run(s.name, func(t *testing.T) { testAttributeAndEvidenceQueries(t, askFixtureAt(t, s.location)) })
	}
}

func testAttributeAndEvidenceQueries(t *testing.T, g *graph.Graph) {
	for _, tc := range askQueries() {
		t.Run(tc.name, func(t *testing.T) {
			ms, err := tc.q.All(ctx, g)
			if err != nil {
				t.Fatal(err)
			}
			if got := matchNames(ms); !slices.Equal(got, tc.want) {
				t.Errorf("All = %q, want %q", got, tc.want)
			}
			seq := seqMatches(t, g, tc.q)
			if !reflect.DeepEqual(seq, ms) {
				t.Errorf("Seq = %q with evidence %v, All %q with %v", matchNames(seq), evidenceOf(seq), matchNames(ms), evidenceOf(ms))
			}
			m, err := tc.q.Only(ctx, g)
			switch len(tc.want) {
			case 0:
				if !errors.Is(err, graph.ErrNotFound) {
					t.Errorf("Only: %v, want ErrNotFound", err)
				}
			case 1:
				if err != nil || m.Entity.Name != tc.want[0] {
					t.Errorf("Only = %q, %v", m.Entity.Name, err)
				}
			default:
				if !errors.Is(err, graph.ErrNotSingular) {
					t.Errorf("Only: %v, want ErrNotSingular", err)
				}
			}
		})
	}
}

// seqMatches returns what q.Seq yields, ordered as All orders matches.
func seqMatches(t *testing.T, g *graph.Graph, q graph.Query) []graph.Match {
	t.Helper()
	var out []graph.Match
	for m, err := range q.Seq(ctx, g) {
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, m)
	}
	byName(out)
	return out
}

func evidenceOf(ms []graph.Match) [][]string {
	var out [][]string
	for _, m := range ms {
		out = append(out, claimNames(m.Evidence))
	}
	return out
}

// A match's evidence holds the claims through which it met its constraints,
// attribute and relation alike, and no claim of an edge that fell short of a
// bound.
func TestAConstraintsEvidenceIsTheClaimsThatMetIt(t *testing.T) {
	g := askFixture(t)
	o := graph.Find(schema.Organization)
	turkey := ask.IRI("turkey")
	for _, tc := range []struct {
		name string
		q    graph.Query
		want [][]string
	}{
		{"a founding and a backing, denied too", o.WhereAttr(schema.Founded, graph.Before(graph.Year(2015))).Where(schema.Backs.From(ask.IRI("russia"))),
			[][]string{{"old-founded", "russia-old", "russia-old-denied"}}},
		{"foundings before 2012", o.WhereAttr(schema.Founded, graph.Before(graph.Year(2012))), [][]string{{"nusra-founded-cnn"}}},
		{"foundings before 2013", o.WhereAttr(schema.Founded, graph.Before(graph.Year(2013))), [][]string{{"nusra-founded-cnn", "nusra-founded-report"}}},
		{"per CNN", o.WhereAttr(schema.Founded, graph.Before(graph.Year(2013))).With(graph.BySource(ask.IRI("cnn"))), [][]string{{"nusra-founded-cnn"}}},
		{"backed and counted", o.Where(schema.Backs.From(turkey)).WhereAttr(schema.MembersEstimate, graph.AtLeast(11000)),
			[][]string{{"hts-members", "turkey-hts-cnn", "turkey-hts-report"}}},
		// Qatar's backing of HTS rests on one source: it is not evidence.
		{"two sources of some state", o.WhereSome(graph.BySources(2, schema.Backs.From), graph.Find(schema.State)),
			[][]string{{"turkey-hts-cnn", "turkey-hts-report"}}},
		{"rated backing", o.Where(schema.Backs.From(turkey)).With(graph.MinConfidence(0.8)), [][]string{{"turkey-hts-report"}}},
		// The denial is rated too, so it counts as evidence.
		{"rated and denied", o.Where(schema.Backs.From(ask.IRI("russia"))).With(graph.MinConfidence(0.9)), [][]string{{"russia-old", "russia-old-denied"}}},
	} {
		ms, err := tc.q.All(ctx, g)
		if err != nil {
			t.Fatal(err)
		}
		if got := evidenceOf(ms); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: evidence %v, want %v", tc.name, got, tc.want)
		}
	}
}

// Independent sources are counted after merges: Le Monde and The World are
// one outlet while the merge stands, two once it is undone.
func TestIndependentSourcesAreCountedAfterMerges(t *testing.T) {
	g := askFixture(t)
	q := graph.Find(schema.Organization).Where(graph.BySources(2, schema.Backs.From(ask.IRI("turkey"))))
	ms, err := q.All(ctx, g)
	if err != nil {
		t.Fatal(err)
	}
	if got := matchNames(ms); !slices.Equal(got, []string{"HTS"}) {
		t.Fatalf("merged: %q, want [HTS]", got)
	}
	if err := g.Write(ctx, func(tx *graph.Tx) error { return tx.RemoveClaim(ask.IRI("claim/one-outlet")) }); err != nil {
		t.Fatal(err)
	}
	ms, err = q.All(ctx, g)
	if err != nil {
		t.Fatal(err)
	}
	if got := matchNames(ms); !slices.Equal(got, []string{"Coalition", "HTS"}) {
		t.Errorf("unmerged: %q, want [Coalition HTS]", got)
	}
}

// MinConfidence is a Filter like the others: Edges, Attributes and Count take
// it, and a claim that gives no confidence does not reach any bound.
func TestMinConfidenceFiltersEveryRead(t *testing.T) {
	g := askFixture(t)
	es, err := g.Edges(ctx, schema.Backs, graph.From(ask.IRI("turkey")), graph.MinConfidence(0.5))
	if err != nil {
		t.Fatal(err)
	}
	if got := edgeNames(g, es); !slices.Equal(got, []string{"Turkey backs HTS"}) {
		t.Errorf("Edges at 0.5: %q", got)
	}
	if got := claimNames(es[0].Evidence); !slices.Equal(got, []string{"turkey-hts-cnn", "turkey-hts-report"}) {
		t.Errorf("evidence at 0.5: %q", got)
	}
	es, err = g.Edges(ctx, schema.Backs, graph.MinConfidence(1))
	if err != nil || len(es) != 0 {
		t.Errorf("Edges at 1: %q, %v", edgeNames(g, es), err)
	}
	vs, err := g.Attributes(ctx, ask.IRI("spring"), schema.MembersEstimate, graph.MinConfidence(0.1))
	if err != nil || len(vs) != 0 {
		t.Errorf("an unrated estimate at 0.1: %v, %v", vs, err)
	}
	vs, err = g.Attributes(ctx, ask.IRI("coalition"), schema.MembersEstimate, graph.MinConfidence(0.9))
	if err != nil || len(vs) != 1 {
		t.Errorf("an estimate rated 0.9 at 0.9: %v, %v", vs, err)
	}
	counts, err := g.Count(ctx, graph.ClaimsPerSource, graph.MinConfidence(0.8))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range counts {
		got = append(got, c.Entity.Name+" "+strings.Repeat("|", c.N))
	}
	slices.Sort(got)
	if want := []string{"CNN |", "CSIS |", "The report |||"}; !slices.Equal(got, want) {
		t.Errorf("claims per source at 0.8: %q, want %q", got, want)
	}
}

// Misuse is an error naming what is wrong, never an empty answer.
func TestAttributeAndEvidenceMisuseIsRefused(t *testing.T) {
	g := askFixture(t)
	o := graph.Find(schema.Organization)
	for _, tc := range []struct {
		name    string
		q       graph.Query
		want    error
		mention string
	}{
		{"an attribute outside the kind's domain", graph.Find(schema.State).WhereAttr(schema.Founded), graph.ErrDomain, "founded"},
		{"a number test on a date", o.WhereAttr(schema.Founded, graph.Overlaps(10000)), graph.ErrInvalid, "founded's values are of datatype date"},
		{"a date test on an estimate", o.WhereAttr(schema.MembersEstimate, graph.Before(graph.Year(2015))), graph.ErrInvalid, "integer range"},
		{"a text on a date", o.WhereAttr(schema.Founded, graph.Equals(graph.Text("2017"))), graph.ErrInvalid, "Equals(\"2017\")"},
		{"a nil value", o.WhereAttr(schema.Founded, graph.Equals(nil)), graph.ErrInvalid, "Equals"},
		{"a zero test", o.WhereAttr(schema.Founded, graph.ValueTest{}), graph.ErrInvalid, "zero ValueTest"},
		{"an impossible date", o.WhereAttr(schema.Founded, graph.Before(graph.Day(2024, 13, 1))), graph.ErrInvalid, "Before"},
		{"an unknown date", o.WhereAttr(schema.Founded, graph.After(graph.Date{})), graph.ErrInvalid, "unknown"},
		{"an empty window", o.WhereAttr(schema.Founded, graph.Within(graph.Year(2017), graph.Year(2015))), graph.ErrInvalid, "empty window"},
		{"an unknown attribute", o.WhereAttr(schema.Attribute(ask.IRI("colour"))), graph.ErrUnknownTerm, "colour"},
		{"a nested misuse", graph.Find(schema.State).WhereSome(schema.Backs.To, o.WhereAttr(schema.Founded, graph.AtLeast(3))), graph.ErrInvalid, "founded"},
		{"a confidence of 0", o.With(graph.MinConfidence(0)), graph.ErrInvalid, "MinConfidence(0)"},
		{"a confidence above 1", o.With(graph.MinConfidence(1.5)), graph.ErrInvalid, "MinConfidence(1.5)"},
		{"a confidence that is not a number", o.With(graph.MinConfidence(math.NaN())), graph.ErrInvalid, "MinConfidence(NaN)"},
		{"a negative count of sources", o.Where(graph.BySources(-1, schema.Backs.From(ask.IRI("turkey")))), graph.ErrInvalid, "BySources(-1)"},
		{"a negative count of sources, nested", o.WhereSome(graph.BySources(-2, schema.Backs.From), graph.Find(schema.State)), graph.ErrInvalid, "BySources(-2)"},
	} {
		_, err := tc.q.All(ctx, g)
		if !errors.Is(err, tc.want) || !strings.Contains(fmtErr(err), tc.mention) {
			t.Errorf("%s: All: %v, want %v mentioning %q", tc.name, err, tc.want, tc.mention)
		}
		n := 0
		for _, err := range tc.q.Seq(ctx, g) {
			n++
			if !errors.Is(err, tc.want) {
				t.Errorf("%s: Seq: %v, want %v", tc.name, err, tc.want)
			}
		}
		if n != 1 {
			t.Errorf("%s: Seq yielded %d times, want the error once", tc.name, n)
		}
	}
	if _, err := g.Edges(ctx, schema.Backs, graph.MinConfidence(-0.1)); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("Edges with MinConfidence(-0.1): %v, want ErrInvalid", err)
	}
}

func fmtErr(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// A test reads as written in an error message.
func TestValueTestsReadAsWritten(t *testing.T) {
	for _, tc := range []struct {
		t    graph.ValueTest
		want string
	}{
		{graph.Before(graph.Year(2015)), "Before(2015)"},
		{graph.After(graph.Month(2015, 6)).Certainly(), "Certainly After(2015-06)"},
		{graph.Within(graph.Year(2014), graph.Day(2017, 1, 2)), "Within(2014, 2017-01-02)"},
		{graph.Overlaps(10000), "Overlaps(10000)"},
		{graph.AtLeast(-3).Certainly(), "Certainly AtLeast(-3)"},
		{graph.AtMost(7), "AtMost(7)"},
		{graph.Equals(graph.IntRange{Low: 1, High: 2}), `Equals("1..2")`},
	} {
		if got := tc.t.String(); got != tc.want {
			t.Errorf("%q, want %q", got, tc.want)
		}
	}
}

// An attribute recorded under an entity that a merge made one with another
// is the merged entity's: the query finds it once, under the merged ID,
// with the estimates recorded under both,
// whether it starts from the kind or from the attribute's values.
func TestAttributeConstraintsReadThroughMerges(t *testing.T) {
	for _, s := range everyStore(t) {
		t.Run(s.name, func(t *testing.T) {
			g := askFixtureAt(t, s.location)
			err := g.Write(ctx, func(tx *graph.Tx) error {
				dup, c := ask.IRI("nusra2"), ask.IRI("claim/nusra2")
				if err := tx.AddEntity(graph.Entity{ID: dup, Kinds: []schema.Kind{schema.ArmedGroup}, Name: "Jabhat al-Nusra"}); err != nil {
					return err
				}
				if err := tx.AddClaim(graph.Claim{ID: c, Source: graph.Entity{ID: ask.IRI("cnn")}, Reported: graph.Day(2024, 12, 8)}); err != nil {
					return err
				}
				if err := tx.AssertAttribute(graph.AttributeFact{Subject: dup, Attribute: schema.MembersEstimate, Value: graph.IntRange{Low: 5000, High: 6000}, Claim: c}); err != nil {
					return err
				}
				// one estimate under each ID: the merged entity is found once
				if err := tx.AssertAttribute(graph.AttributeFact{Subject: ask.IRI("nusra"), Attribute: schema.MembersEstimate, Value: graph.IntRange{Low: 4000, High: 5000}, Claim: c}); err != nil {
					return err
				}
				return tx.Merge(ask.IRI("nusra"), dup, c)
			})
			if err != nil {
				t.Fatal(err)
			}
			for _, q := range []graph.Query{
				graph.Find(schema.Organization).WhereAttr(schema.MembersEstimate, graph.AtMost(6000)),
				// the founding is Nusra's own, the estimate its duplicate's
				graph.Find(schema.Organization).WhereAttr(schema.MembersEstimate, graph.AtMost(6000)).WhereAttr(schema.Founded, graph.Before(graph.Year(2012))),
			} {
				ms, err := q.All(ctx, g)
				if err != nil {
					t.Fatal(err)
				}
				if len(ms) != 1 || ms[0].Entity.ID != ask.IRI("nusra") || !slices.Contains(claimNames(ms[0].Evidence), "nusra2") {
					t.Errorf("All = %q with %v, want Nusra once, on the duplicate's estimate", matchNames(ms), evidenceOf(ms))
				}
				seq := seqMatches(t, g, q)
				if !reflect.DeepEqual(seq, ms) {
					t.Errorf("Seq = %q, All = %q", matchNames(seq), matchNames(ms))
				}
			}
		})
	}
}
