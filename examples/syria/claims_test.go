package main

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

var ctx = context.Background()

func load(t *testing.T) *graph.Graph {
	t.Helper()
	g, err := open(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { g.Close() })
	return g
}

// want is one fact of a claim of ../shared/seed/FACTS.md as the dataset must
// carry it.
type want struct {
	item      int // the claim's number in FACTS.md
	claim     string
	subject   string
	relation  schema.Relation  // either a relation and an object...
	object    string           //
	attribute schema.Attribute // ...or an attribute and a value
	value     graph.Value
	source    string
	via       string
	denied    bool
	reported  graph.Date
	validFrom graph.Date
	until     graph.Date
	quote     string // a part of the quote
}

var (
	dec6 = graph.Day(2024, 12, 6)
	dec7 = graph.Day(2024, 12, 7)
)

var facts = []want{
	{item: 1, claim: "c01-hts-leads-coalition", subject: "hts", relation: schema.Leads, object: "coalition", source: "report", reported: dec7, quote: "led by the revolutionary Islamist group"},
	{item: 2, claim: "c02-turkey-backs-coalition", subject: "turkey", relation: schema.Backs, object: "coalition", source: "report", reported: dec7, quote: "Turkish-backed"},
	{item: 3, claim: "c03-offensive-south", subject: "coalition", attribute: schema.Activity, value: graph.Text("moving south, capturing town after town"), source: "report", reported: dec7, validFrom: graph.Day(2024, 11, 27), quote: "Since November 27"},
	{item: 4, claim: "c04-coalition-opposes-assad", subject: "coalition", relation: schema.Opposes, object: "assad", source: "report", reported: dec7, quote: "to overthrow Syrian President Bashar al-Assad"},
	{item: 4, claim: "c04-coalition-opposes-assad", subject: "coalition", relation: schema.SeeksToOverthrow, object: "assad", source: "report", reported: dec7},
	{item: 5, claim: "c05-ghani-commander", subject: "hassan-abdel-ghani", relation: schema.CommanderOf, object: "coalition", source: "report", reported: dec7, quote: "senior rebel coalition commander"},
	{item: 5, claim: "c05-encirclement-of-damascus", subject: "coalition", relation: schema.Encircles, object: "damascus", source: "hassan-abdel-ghani", reported: dec7, validFrom: dec7, quote: "final phase of the encirclement"},
	{item: 6, claim: "c06-assad-president-since-2000", subject: "assad", relation: schema.HeadOfState, object: "syria", source: "report", reported: dec7, validFrom: graph.Year(2000), quote: "in power since 2000"},
	{item: 7, claim: "c07-levant-liberation-organization", subject: "hts", attribute: schema.AlternateName, value: graph.Text("Levant Liberation Organization"), source: "report", reported: dec7, quote: "Levant Liberation Organization"},
	{item: 8, claim: "c08-hts-former-branch-of-al-qaeda", subject: "hts", relation: schema.FormerlyBranchOf, object: "al-qaeda", source: "report", reported: dec7, quote: "former branch of Al-Qaeda"},
	{item: 9, claim: "c09-hts-founded-2017", subject: "hts", attribute: schema.Founded, value: graph.Year(2017), source: "report", reported: dec7, quote: "founded in 2017"},
	{item: 10, claim: "c10-jolani-leads-hts", subject: "jolani", relation: schema.Leads, object: "hts", source: "report", reported: dec7, quote: "led by Abu Mohammed al-Joulani"},
	{item: 11, claim: "c11-jolani-formerly-led-nusra", subject: "jolani", relation: schema.FormerlyLed, object: "nusra", source: "report", reported: dec7, quote: "former leader of the al-Nusra Front"},
	{item: 12, claim: "c12-us-designates-jolani", subject: "united-states", relation: schema.DesignatesTerrorist, object: "jolani", source: "report", reported: dec7, quote: "by Washington"},
	{item: 13, claim: "c13-nasr-islamist", subject: "hts", attribute: schema.Ideology, value: graph.Text("Islamist"), source: "wassim-nasr", via: "franceinfo", reported: dec7, quote: "rigorous and Islamist"},
	{item: 13, claim: "c13-nasr-not-jihadist", subject: "hts", attribute: schema.Ideology, value: graph.Text("jihadist in the sense of Al-Qaeda or the Islamic State group"), source: "wassim-nasr", via: "franceinfo", denied: true, reported: dec7, quote: "not jihadists"},
	{item: 13, claim: "c13-nasr-journalist", subject: "wassim-nasr", relation: schema.WorksFor, object: "franceinfo", source: "report", reported: dec7, quote: "Franceinfo journalist"},
	{item: 13, claim: "c13-nasr-journalist", subject: "wassim-nasr", relation: schema.WorksFor, object: "france24", source: "report", reported: dec7},
	{item: 14, claim: "c14-hts-enemy-of-islamic-state", subject: "islamic-state", relation: schema.EnemyOf, object: "hts", source: "wassim-nasr", via: "franceinfo", reported: dec7, quote: "declared enemies"},
	{item: 14, claim: "c14-hts-enemy-of-islamic-state", subject: "hts", attribute: schema.Characterization, value: graph.Text("its prisons are full of sympathizers of the Islamic State group"), source: "wassim-nasr", via: "franceinfo", reported: dec7, quote: "prisons are full"},
	{item: 15, claim: "c15-hts-seeks-delisting", subject: "hts", attribute: schema.Aim, value: graph.Text("removal from the lists of terrorist organizations"), source: "lemonde", reported: dec7, quote: "removed from the lists"},
	{item: 16, claim: "c16-hts-directives", subject: "hts", attribute: schema.Directive, value: graph.Text("No shooting in the air"), source: "wassim-nasr", via: "france24", reported: dec7, quote: "No shooting in the air"},
	{item: 16, claim: "c16-hts-directives", subject: "hts", attribute: schema.Directive, value: graph.Text("evacuate the city centers"), source: "wassim-nasr", via: "france24", reported: dec7},
	{item: 16, claim: "c16-hts-directives", subject: "hts", attribute: schema.Directive, value: graph.Text("spare public institutions because they belong to the people"), source: "wassim-nasr", via: "france24", reported: dec7},
	{item: 16, claim: "c16-hts-directives", subject: "hts", attribute: schema.Directive, value: graph.Text("do not open private property"), source: "wassim-nasr", via: "france24", reported: dec7},
	{item: 17, claim: "c17-hts-closer-to-kurds", subject: "hts", relation: schema.ReachesOutTo, object: "kurds", source: "lemonde", reported: dec7, quote: "diversity will be our strength, not a weakness"},
	{item: 18, claim: "c18-csis-membership-2018", subject: "hts", attribute: schema.MembersEstimate, value: graph.IntRange{Low: 12000, High: 15000}, source: "csis", reported: dec7, validFrom: graph.Year(2018), until: graph.Year(2018), quote: "between 12,000 and 15,000"},
	{item: 19, claim: "c19-hts-controls-idlib", subject: "hts", relation: schema.Controls, object: "idlib", source: "report", reported: dec7, validFrom: graph.Year(2020), quote: "since 2020"},
	{item: 19, claim: "c19-hts-controls-idlib", subject: "hts", attribute: schema.Characterization, value: graph.Text("runs a sort of mini-state in Idlib, with an administration and an army"), source: "report", reported: dec7, validFrom: graph.Year(2020)},
	{item: 20, claim: "c20-rebels-seized-aleppo", subject: "coalition", relation: schema.Captured, object: "aleppo", source: "report", reported: dec7, quote: "seized Aleppo"},
	{item: 20, claim: "c00-places", subject: "aleppo", relation: schema.LocatedIn, object: "syria", source: "report", reported: dec7, quote: "Syria’s second city"},
	{item: 21, claim: "c21-rebels-advancing-on-homs", subject: "coalition", relation: schema.AdvancingTowards, object: "homs", source: "report", reported: dec7, quote: "advancing towards Homs"},
	{item: 22, claim: "c22-rebels-took-daraa", subject: "coalition", relation: schema.Captured, object: "daraa", source: "report", reported: dec7, validFrom: dec6, quote: "Derraa on Friday"},
	{item: 22, claim: "c22-rebels-took-daraa", subject: "coalition", relation: schema.Controls, object: "daraa", source: "report", reported: dec7, validFrom: dec6},
	{item: 23, claim: "c23-damascus-is-waiting", subject: "coalition", relation: schema.AdvancingTowards, object: "damascus", source: "jolani", via: "telegram", reported: dec7, quote: "Damascus is waiting for you"},
	{item: 24, claim: "c24-all-means-necessary", subject: "coalition", relation: schema.SeeksToOverthrow, object: "assad-government", source: "jolani", via: "cnn", reported: dec6, quote: "all means necessary"},
	{item: 25, claim: "c25-russia-backs-assad", subject: "russia", relation: schema.Backs, object: "assad-government", source: "report", reported: dec7, quote: "Russian-backed"},
	{item: 26, claim: "c26-soldiers-unwilling", subject: "syrian-army", attribute: schema.Characterization, value: graph.Text("its soldiers no longer seem to want to serve the president"), source: "france24", reported: dec7, quote: "no longer seem to want to serve"},
	{item: 27, claim: "c27-soldiers-fled-to-iraq", subject: "syrian-army", relation: schema.FledTo, object: "iraq", source: "france24", reported: dec7, quote: "Nearly 2,000 Syrian soldiers"},
	{item: 28, claim: "c28-reported-withdrawal", subject: "syrian-army", relation: schema.WithdrewFrom, object: "damascus-countryside", source: "withdrawal-reports", reported: dec7},
	{item: 28, claim: "c28-ministry-denies-withdrawal", subject: "syrian-army", relation: schema.WithdrewFrom, object: "damascus-countryside", source: "ministry-of-defense", denied: true, reported: dec7, quote: "are unfounded"},
}

func TestEveryClaimOfTheReportIsInTheDataset(t *testing.T) { checkClaims(t, load(t)) }

// checkClaims checks every fact of the table through the public API.
func checkClaims(t *testing.T, g *graph.Graph) {
	covered := map[int]bool{}
	for _, w := range facts {
		name := w.claim + ": " + w.subject + " " + string(w.relation) + string(w.attribute)
		t.Run(name, func(t *testing.T) {
			var ev graph.Evidence
			if w.relation != "" {
				es, err := g.Edges(ctx, w.relation, graph.From(ID.IRI(w.subject)), graph.To(ID.IRI(w.object)), graph.WithDenied())
				if err != nil {
					t.Fatal(err)
				}
				if len(es) != 1 {
					t.Fatalf("%d edges %s -> %s, want 1", len(es), w.subject, w.object)
				}
				ev = es[0].Evidence
			} else {
				vs, err := g.Attributes(ctx, ID.IRI(w.subject), w.attribute, graph.WithDenied())
				if err != nil {
					t.Fatal(err)
				}
				for _, v := range vs {
					if v.Value == w.value {
						ev = v.Evidence
					}
				}
				if ev == nil {
					t.Fatalf("no value %q among %+v", w.value, vs)
				}
			}
			i := slices.IndexFunc(ev, func(c graph.Claim) bool { return c.ID == ID.IRI(w.claim) })
			if i < 0 {
				t.Fatalf("claim %s is not among the evidence %v", w.claim, ev)
			}
			c := ev[i]
			if c.Source.ID != ID.IRI(w.source) || c.Source.Name == "" {
				t.Errorf("source = %s (%q), want %s", c.Source.ID, c.Source.Name, w.source)
			}
			if w.via != "" && c.Via.ID != ID.IRI(w.via) || w.via == "" && c.Via.ID != "" {
				t.Errorf("via = %q, want %q", c.Via.ID, w.via)
			}
			if (c.Stance == graph.Denied) != w.denied {
				t.Errorf("stance = %v, want denied %v", c.Stance, w.denied)
			}
			if c.Reported != w.reported || c.ValidFrom != w.validFrom || c.ValidUntil != w.until {
				t.Errorf("reported %s, valid %s to %s; want %s, %s to %s", c.Reported, c.ValidFrom, c.ValidUntil, w.reported, w.validFrom, w.until)
			}
			if !strings.Contains(c.Quote, w.quote) {
				t.Errorf("quote %q does not contain %q", c.Quote, w.quote)
			}
		})
		covered[w.item] = true
	}
	for n := 1; n <= 28; n++ {
		if !covered[n] {
			t.Errorf("claim %d of FACTS.md has no check", n)
		}
	}
}

func TestTheDatasetNamesEveryActorPlaceAndSource(t *testing.T) {
	g := load(t)
	for _, name := range []string{
		"Hayat Tahrir al-Sham", "HTS", "Levant Liberation Organization", "rebel coalition", "Al-Qaeda",
		"al-Nusra Front", "Islamic State group", "Syrian Kurds", "Bashar al-Assad", "Assad government",
		"Syrian army", "Syrian Ministry of Defense", "Turkey", "Russia", "Washington", "United States",
		"Abu Mohammed al-Joulani", "al-Jolani", "Hassan Abdel Ghani", "Wassim Nasr",
		"Syria", "Damascus", "Damascus countryside", "Aleppo", "Homs", "Daraa", "Derraa", "Idlib province", "Iraq",
		"the report", "France 24", "Franceinfo", "Le Monde", "The World", "CSIS", "CNN", "Telegram",
	} {
		if _, err := g.ResolveOne(ctx, name); err != nil {
			t.Errorf("ResolveOne(%q): %v", name, err)
		}
	}
}

func TestControlAsOfAndKnownAt(t *testing.T) {
	g := load(t)
	held := func(who string, fs ...graph.EdgeOption) []string {
		es, err := g.Edges(ctx, schema.Controls, append(fs, graph.From(ID.IRI(who)))...)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, e := range es {
			out = append(out, e.Object.Name)
		}
		return out
	}
	tests := []struct {
		name string
		got  []string
		want []string
	}{
		{"HTS holds Idlib in 2021", held("hts", graph.AsOf(graph.Year(2021))), []string{"Idlib province"}},
		{"HTS does not hold Idlib in 2019", held("hts", graph.AsOf(graph.Year(2019))), nil},
		{"the rebels hold Aleppo and Daraa on 7 December", held("coalition", graph.AsOf(dec7)), []string{"Aleppo", "Daraa"}},
		{"the rebels hold neither in 2019", held("coalition", graph.AsOf(graph.Year(2019))), nil},
		{"Daraa is held from 6 December", held("coalition", graph.AsOf(dec6)), []string{"Daraa"}},
		{"Daraa control is not yet known on 5 December", held("coalition", graph.KnownAt(graph.Day(2024, 12, 5))), nil},
		{"it is known on 7 December", held("coalition", graph.KnownAt(dec7)), []string{"Aleppo", "Daraa"}},
	}
	for _, tt := range tests {
		if !slices.Equal(tt.got, tt.want) {
			t.Errorf("%s: got %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}

func TestTheWithdrawalIsContested(t *testing.T) {
	g := load(t)
	es, err := g.Contested(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 1 || es[0].Subject.ID != ID.IRI("syrian-army") || es[0].Object.ID != ID.IRI("damascus-countryside") {
		t.Fatalf("Contested = %+v, want only the withdrawal from the Damascus countryside", es)
	}
	if got := es[0].Evidence.Sources(); !slices.Contains(got, "Syrian Ministry of Defense") {
		t.Errorf("sources %q lack the ministry", got)
	}
}

func TestLineageOfHTS(t *testing.T) {
	g := load(t)
	steps, err := g.Lineage(ctx, hts)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range steps {
		if !s.Former {
			t.Errorf("%s -> %s is not marked former", s.From, s.To)
		}
		got = append(got, s.To.Name)
	}
	slices.Sort(got)
	if !slices.Equal(got, []string{"Al-Qaeda", "al-Nusra Front"}) {
		t.Errorf("Lineage(HTS) reaches %q", got)
	}
}

// The example's answers come from the graph: each line below is produced by a
// query, and the test fails if a query's answer changes.
func TestTheExamplePrintsItsAnswers(t *testing.T) {
	var out bytes.Buffer
	if err := run(ctx, &out, ""); err != nil {
		t.Fatal(err)
	}
	s := out.String()
	for _, line := range []string{
		"  Turkey backs Rebel coalition\n",
		"  Russia backs Assad government\n",
		"  Hayat Tahrir al-Sham -> formerlyBranchOf -> Al-Qaeda [former]\n",
		"  Hayat Tahrir al-Sham -> formerlyKnownAs -> al-Nusra Front [former]\n",
		"  United States designatesTerrorist Abu Mohammed al-Jolani\n",
		"  Hayat Tahrir al-Sham controls Idlib province\n",
		"Who controls what as of 26 November 2024\n  Hayat Tahrir al-Sham controls Idlib province\n      Report on the Syrian rebel offensive, 7 December 2024; holds since 2020",
		"Who controls what as of 7 December 2024\n  Hayat Tahrir al-Sham controls Idlib province\n",
		"  Rebel coalition controls Aleppo\n",
		"  Rebel coalition controls Daraa\n",
		"  27 November 2024: Rebel coalition moving south, capturing town after town\n",
		"  6 December 2024: happened Rebel coalition captured Daraa\n",
		"  by 7 December 2024: happened Rebel coalition captured Aleppo\n",
		"  between 12000 and 15000 members\n      Center for Strategic and International Studies, 7 December 2024; holds in 2018",
		"  Syrian army withdrewFrom Damascus countryside\n      Syrian Ministry of Defense denies it",
		"  Turkey -> backs -> Rebel coalition\n",
		"  Rebel coalition -> opposes -> Bashar al-Assad\n",
		"  \"Derraa\" is Daraa (City)\n",
		"  \"al-Joulani\" is Abu Mohammed al-Jolani (Person)\n",
	} {
		if !strings.Contains(s, line) {
			t.Errorf("output lacks %q", line)
		}
	}
}
