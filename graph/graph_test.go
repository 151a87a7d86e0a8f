package graph_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

var ctx = context.Background()

func TestEntityAndNotFound(t *testing.T) {
	g := fixture(t)
	e, err := g.Entity(ctx, hts)
	if err != nil {
		t.Fatal(err)
	}
	if e.Name != "Hayat Tahrir al-Sham" || !slices.Equal(e.Kinds, []schema.Kind{schema.ArmedGroup}) {
		t.Errorf("Entity(hts) = %+v", e)
	}
	if !e.Is(g.Vocabulary(), schema.Actor) || e.Is(g.Vocabulary(), schema.State) {
		t.Errorf("HTS kind checks wrong: %v", e.Kinds)
	}
	_, err = g.Entity(ctx, id.IRI("nobody"))
	if !graph.IsNotFound(err) {
		t.Errorf("Entity(nobody) error = %v, want ErrNotFound", err)
	}
}

func TestResolveIgnoresCaseAccentsAndPunctuation(t *testing.T) {
	g := fixture(t)
	tests := []struct {
		query string
		want  []string
	}{
		{"al-Joulani", []string{"Abu Mohammed al-Jolani"}},
		{"AL JOLANI", []string{"Abu Mohammed al-Jolani"}},
		{"al-Jōlānī", []string{"Abu Mohammed al-Jolani"}},
		{"Derraa", []string{"Daraa"}},
		{"daraa", []string{"Daraa"}},
		{"turkiye", []string{"Turkey"}},
		{"hts", []string{"Hayat Tahrir al-Sham"}},
		{"Damascus", []string{}},
		{"--", []string{}},
	}
	for _, tt := range tests {
		got, err := g.Resolve(ctx, tt.query)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(names(got), tt.want) {
			t.Errorf("Resolve(%q) = %q, want %q", tt.query, names(got), tt.want)
		}
	}
	if _, err := g.ResolveOne(ctx, "Damascus"); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("ResolveOne(Damascus) error = %v, want ErrNotFound", err)
	}
}

func TestResolveOneReportsAmbiguity(t *testing.T) {
	g := fixture(t)
	err := g.Write(ctx, func(tx *graph.Tx) error {
		return tx.AddEntity(graph.Entity{ID: id.IRI("daraa-gov"), Kinds: []schema.Kind{schema.Region}, Name: "Daraa Governorate", Aliases: []graph.Alias{{Name: "Daraa"}}})
	})
	if err != nil {
		t.Fatal(err)
	}
	_, err = g.ResolveOne(ctx, "daraa")
	if !errors.Is(err, graph.ErrNotSingular) || !strings.Contains(err.Error(), string(daraa)) {
		t.Errorf("ResolveOne(daraa) error = %v, want ErrNotSingular naming both", err)
	}
}

func TestEdgesInEitherDirection(t *testing.T) {
	g := fixture(t)
	tests := []struct {
		name    string
		rel     schema.Relation
		filters []graph.EdgeOption
		want    []string
	}{
		{"who backs the coalition", schema.Backs, []graph.EdgeOption{graph.To(coalition)}, []string{"Turkey backs Rebel coalition"}},
		{"what Russia backs", schema.Backs, []graph.EdgeOption{graph.From(russia)}, []string{"Russia backs Assad government"}},
		{"every backing", schema.Backs, nil, []string{"Russia backs Assad government", "Turkey backs Rebel coalition"}},
		{"both ends known", schema.Backs, []graph.EdgeOption{graph.From(turkey), graph.To(assadGov)}, []string{}},
		{"a symmetric relation from its stored object", schema.EnemyOf, []graph.EdgeOption{graph.From(isg)}, []string{"Islamic State group enemyOf Hayat Tahrir al-Sham"}},
		{"a symmetric relation from its stored subject", schema.EnemyOf, []graph.EdgeOption{graph.From(hts)}, []string{"Hayat Tahrir al-Sham enemyOf Islamic State group"}},
		{"a denied-only filter leaves the contested edge", schema.WithdrewFrom, []graph.EdgeOption{graph.BySource(ministry)}, []string{}},
		{"denials shown when asked", schema.WithdrewFrom, []graph.EdgeOption{graph.BySource(ministry), graph.WithDenied()}, []string{"Assad government withdrewFrom Daraa"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			es, err := g.Edges(ctx, tt.rel, tt.filters...)
			if err != nil {
				t.Fatal(err)
			}
			if got := edgeNames(g, es); !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestEdgesCarryTheirEvidence(t *testing.T) {
	g := fixture(t)
	es, err := g.Edges(ctx, schema.WithdrewFrom, graph.From(assadGov))
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 1 {
		t.Fatalf("got %d edges, want 1", len(es))
	}
	ev := es[0].Evidence
	if len(ev) != 2 || ev[0].ID != claimID("withdrawal") || ev[1].ID != claimID("denial") {
		t.Fatalf("evidence = %+v, want the withdrawal report then the denial", ev)
	}
	if ev[1].Source.Name != "Ministry of Defense" || ev[1].Stance != graph.Denied || ev[1].Quote != "unfounded" {
		t.Errorf("denial = %+v", ev[1])
	}
	if !ev.Contested() || !slices.Equal(ev.Sources(), []string{"The report", "Ministry of Defense"}) {
		t.Errorf("Contested = %v, Sources = %q", ev.Contested(), ev.Sources())
	}
}

func TestAsOfAndKnownAtBoundaries(t *testing.T) {
	g := fixture(t)
	controls := func(who schema.IRI, fs ...graph.EdgeOption) []string {
		t.Helper()
		es, err := g.Edges(ctx, schema.Controls, append(fs, graph.From(who))...)
		if err != nil {
			t.Fatal(err)
		}
		out := []string{}
		for _, e := range es {
			out = append(out, e.Object.Name)
		}
		return out
	}
	tests := []struct {
		name    string
		who     schema.IRI
		filters []graph.EdgeOption
		want    []string
	}{
		{"Idlib is held in 2021", hts, []graph.EdgeOption{graph.AsOf(graph.Year(2021))}, []string{"Idlib province"}},
		{"Idlib is held from the first day of 2020", hts, []graph.EdgeOption{graph.AsOf(graph.Day(2020, 1, 1))}, []string{"Idlib province"}},
		{"Idlib is not held in 2019", hts, []graph.EdgeOption{graph.AsOf(graph.Year(2019))}, []string{}},
		{"Idlib is not held on the last day of 2019", hts, []graph.EdgeOption{graph.AsOf(graph.Day(2019, 12, 31))}, []string{}},
		{"Daraa is held on 6 December", coalition, []graph.EdgeOption{graph.AsOf(graph.Day(2024, 12, 6))}, []string{"Daraa"}},
		{"Daraa is not held on 5 December", coalition, []graph.EdgeOption{graph.AsOf(graph.Day(2024, 12, 5))}, []string{}},
		{"Daraa is known on 7 December", coalition, []graph.EdgeOption{graph.KnownAt(graph.Day(2024, 12, 7))}, []string{"Daraa"}},
		{"Daraa is not yet known on 5 December", coalition, []graph.EdgeOption{graph.KnownAt(graph.Day(2024, 12, 5))}, []string{}},
		{"nor on 6 December", coalition, []graph.EdgeOption{graph.KnownAt(graph.Day(2024, 12, 6))}, []string{}},
		{"the clocks combine", coalition, []graph.EdgeOption{graph.AsOf(graph.Day(2024, 12, 6)), graph.KnownAt(graph.Day(2024, 12, 6))}, []string{}},
		{"the clocks combine and agree", coalition, []graph.EdgeOption{graph.AsOf(graph.Day(2024, 12, 6)), graph.KnownAt(graph.Day(2024, 12, 8))}, []string{"Daraa"}},
	}
	for _, tt := range tests {
		if got := controls(tt.who, tt.filters...); !slices.Equal(got, tt.want) {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestAsOfWithoutValidFromStartsAtTheReport(t *testing.T) {
	g := fixture(t)
	for _, tt := range []struct {
		at   graph.Date
		want int
	}{{graph.Year(2019), 0}, {graph.Day(2024, 12, 6), 0}, {graph.Day(2024, 12, 7), 1}, {graph.Year(2030), 1}} {
		es, err := g.Edges(ctx, schema.Backs, graph.From(turkey), graph.AsOf(tt.at))
		if err != nil {
			t.Fatal(err)
		}
		if len(es) != tt.want {
			t.Errorf("AsOf(%s): %d edges, want %d", tt.at, len(es), tt.want)
		}
	}
}

func TestAttributesKeepPrecisionAndBounds(t *testing.T) {
	g := fixture(t)
	vs, err := g.Attributes(ctx, hts, schema.Founded)
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 1 || vs[0].Value != graph.Year(2017) || vs[0].Value.(graph.Date).Precision() != graph.YearPrecision {
		t.Errorf("founded = %+v", vs)
	}
	vs, err = g.Attributes(ctx, hts, schema.MembersEstimate, graph.AsOf(graph.Month(2018, 6)))
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 1 || vs[0].Value != (graph.IntRange{Low: 12000, High: 15000}) {
		t.Fatalf("members in mid-2018 = %+v", vs)
	}
	vs, err = g.Attributes(ctx, hts, schema.MembersEstimate, graph.AsOf(graph.Year(2019)))
	if err != nil || len(vs) != 0 {
		t.Errorf("members in 2019 = %+v, %v; want none (the estimate is for 2018)", vs, err)
	}
}

func TestContested(t *testing.T) {
	g := fixture(t)
	es, err := g.Contested(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := edgeNames(g, es); !slices.Equal(got, []string{"Assad government withdrewFrom Daraa"}) {
		t.Errorf("Contested = %q", got)
	}
	// Before the denial was reported, nothing was contested.
	es, err = g.Contested(ctx, graph.KnownAt(graph.Day(2024, 12, 6)))
	if err != nil || len(es) != 0 {
		t.Errorf("Contested known at 6 December = %q, %v; want none", edgeNames(g, es), err)
	}
}

func TestLineage(t *testing.T) {
	g := fixture(t)
	steps, err := g.Lineage(ctx, hts)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range steps {
		got = append(got, s.From.Name+" "+g.Vocabulary().RelationName(s.Relation)+" "+s.To.Name)
		if !s.Former || s.Depth != 1 || len(s.Evidence) != 1 {
			t.Errorf("step %s: Former %v, Depth %d, %d claims", got[len(got)-1], s.Former, s.Depth, len(s.Evidence))
		}
	}
	want := []string{"Hayat Tahrir al-Sham formerlyBranchOf Al-Qaeda", "Hayat Tahrir al-Sham formerlyKnownAs al-Nusra Front"}
	if !slices.Equal(got, want) {
		t.Errorf("Lineage(hts) = %q, want %q", got, want)
	}
}

func TestLineageOfACycleTerminates(t *testing.T) {
	g := fixture(t)
	err := g.Write(ctx, func(tx *graph.Tx) error {
		return tx.Assert(graph.Fact{Subject: nusra, Relation: schema.FormerlyKnownAs, Object: hts, Claim: claimID("former-name")})
	})
	if err != nil {
		t.Fatal(err)
	}
	steps, err := g.Lineage(ctx, nusra)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range steps {
		got = append(got, s.To.Name)
	}
	if !slices.Equal(got, []string{"Hayat Tahrir al-Sham", "Al-Qaeda"}) {
		t.Errorf("Lineage(nusra) = %q, want HTS then Al-Qaeda, each once", got)
	}
}

func TestPath(t *testing.T) {
	g := fixture(t)
	steps, err := g.Path(ctx, turkey, assadGov)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range steps {
		got = append(got, s.From.Name+" "+g.Vocabulary().RelationName(s.Relation)+" "+s.To.Name)
	}
	want := []string{"Turkey backs Rebel coalition", "Rebel coalition seeksToOverthrow Assad government"}
	if !slices.Equal(got, want) {
		t.Errorf("Path(turkey, assad) = %q, want %q", got, want)
	}
	// Walking backwards: Jolani leads HTS, which leads the coalition that Turkey backs.
	steps, err = g.Path(ctx, jolani, turkey)
	if err != nil {
		t.Fatal(err)
	}
	if len(steps) != 3 || !steps[2].Reverse || steps[0].Reverse {
		t.Errorf("Path(jolani, turkey) = %+v", steps)
	}
	_, err = g.Path(ctx, turkey, russia, graph.Through(schema.Backs))
	if !graph.IsNotFound(err) {
		t.Errorf("Path through backs only from Turkey to Russia: error %v, want ErrNotFound", err)
	}
	_, err = g.Path(ctx, turkey, assadGov, graph.MaxDepth(1))
	if !graph.IsNotFound(err) {
		t.Errorf("Path within one hop: error %v, want ErrNotFound", err)
	}
}

func TestFind(t *testing.T) {
	g := fixture(t)
	tests := []struct {
		name string
		q    graph.Query
		want []string
	}{
		{"every state", graph.Find(schema.State), []string{"Russia", "Turkey"}},
		{"organizations include subkinds", graph.Find(schema.Organization).Where(schema.Backs.From(turkey)), []string{"Rebel coalition"}},
		{"kind filters the candidates", graph.Find(schema.ArmedGroup).Where(schema.Backs.From(turkey)), nil},
		{"who backs the coalition", graph.Find(schema.Actor).Where(schema.Backs.To(coalition)), []string{"Turkey"}},
		{"constraints intersect", graph.Find(schema.Organization).Where(schema.Leads.From(hts), schema.Backs.From(turkey)), []string{"Rebel coalition"}},
		{"constraints that exclude", graph.Find(schema.Organization).Where(schema.Leads.From(hts), schema.Backs.From(russia)), nil},
		{"AsOf applies to constraints", graph.Find(schema.Actor).Where(schema.Controls.To(idlib)).AsOf(graph.Year(2019)), nil},
		{"AsOf applies to constraints, later", graph.Find(schema.Actor).Where(schema.Controls.To(idlib)).AsOf(graph.Year(2021)), []string{"Hayat Tahrir al-Sham"}},
		{"Limit", graph.Find(schema.State).Limit(1), []string{"Russia"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms, err := tt.q.All(ctx, g)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, m := range ms {
				got = append(got, m.Entity.Name)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
	m, err := graph.Find(schema.Actor).Where(schema.Backs.To(coalition)).Only(ctx, g)
	if err != nil || len(m.Evidence) != 1 || m.Evidence[0].ID != claimID("backs") {
		t.Errorf("Only = %+v, %v; want Turkey with the backing claim", m, err)
	}
	if _, err := graph.Find(schema.State).Only(ctx, g); !errors.Is(err, graph.ErrNotSingular) {
		t.Errorf("Only over two states: %v, want ErrNotSingular", err)
	}
}

func TestQueryMethodsDoNotChangeTheReceiver(t *testing.T) {
	g := fixture(t)
	base := graph.Find(schema.Actor).Where(schema.Backs.To(coalition))
	_ = base.Where(schema.Backs.To(assadGov))
	_ = base.Limit(0).AsOf(graph.Year(1990))
	ms, err := base.All(ctx, g)
	if err != nil || len(ms) != 1 || ms[0].Entity.ID != turkey {
		t.Errorf("base query changed: %+v, %v", ms, err)
	}
}

func TestUnknownTermsAreErrors(t *testing.T) {
	g := fixture(t)
	const undeclared = schema.Relation("https://example.org/ns#funds")
	if _, err := g.Edges(ctx, undeclared); !errors.Is(err, graph.ErrUnknownTerm) {
		t.Errorf("Edges: %v", err)
	}
	if _, err := graph.Find(schema.Kind("https://example.org/ns#Militia")).All(ctx, g); !errors.Is(err, graph.ErrUnknownTerm) {
		t.Errorf("Find: %v", err)
	}
	if _, err := g.Lineage(ctx, hts, graph.Through(undeclared)); !errors.Is(err, graph.ErrUnknownTerm) {
		t.Errorf("Lineage: %v", err)
	}
}

func TestClosedGraph(t *testing.T) {
	g := fixture(t)
	if err := g.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := g.Entity(ctx, hts); !errors.Is(err, graph.ErrClosed) {
		t.Errorf("Entity after Close: %v", err)
	}
	if err := g.Write(ctx, func(tx *graph.Tx) error { return nil }); !errors.Is(err, graph.ErrClosed) {
		t.Errorf("Write after Close: %v", err)
	}
}

func TestOpenRejectsUnknownBackends(t *testing.T) {
	_, err := graph.Open(ctx, "mongo://localhost/x", graph.TestBackends)
	if !errors.Is(err, graph.ErrBackend) {
		t.Errorf("Open(mongo) error = %v, want ErrBackend", err)
	}
	// A backend of the library's own that the program did not name: the
	// error says which package to import.
	for loc, pkg := range map[string]string{
		"leveldb:" + t.TempDir(): "graph/leveldb",
		"bolt:" + t.TempDir():    "graph/bolt",
		"postgresql://h/db":      "graph/postgres",
	} {
		_, err := graph.Open(ctx, loc)
		if !errors.Is(err, graph.ErrBackend) || !strings.Contains(err.Error(), "github.com/actorgraph/actorgraph/"+pkg) {
			t.Errorf("Open(%q) without its backend: %v, want ErrBackend naming %s", loc, err, pkg)
		}
	}
}
