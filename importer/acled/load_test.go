package acled

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/importer/internal/importtest"
	"github.com/actorgraph/actorgraph/loader"
	"github.com/actorgraph/actorgraph/schema"
)

func openGraph(t testing.TB) *graph.Graph {
	return importtest.Graph(t, func() (*schema.Vocabulary, error) { return Vocabulary(schema.Core()) })
}

func loadFile(t testing.TB, g *graph.Graph, path string, opts ...Option) (Stats, error) {
	t.Helper()
	return Load(context.Background(), g, path, bytes.NewReader(importtest.ReadFile(t, path)), opts...)
}

func id(s string) schema.IRI { return schema.IRI(DefaultBase + s) }

func TestLoadCountsEveryEventClaimAndEntity(t *testing.T) {
	g := openGraph(t)
	st, err := loadFile(t, g, "testdata/events.csv")
	if err != nil {
		t.Fatal(err)
	}
	// 17 rows, two of them with two sources; 17 events, 9 sources, 15
	// actors, Syria, 11 governorates, 12 districts and 15 locations.
	want := Stats{Rows: 17, Events: 17, Entities: 80, Claims: 19, Facts: 143, Attributes: 130}
	if st.Rows != want.Rows || st.Events != want.Events || st.Entities != want.Entities || st.Claims != want.Claims ||
		st.Facts != want.Facts || st.Attributes != want.Attributes || len(st.Rejected) != 0 {
		t.Errorf("stats %+v, want %+v", st, want)
	}
	n, err := g.Count(context.Background(), graph.EntitiesPerKind)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, c := range n {
		d, _ := g.Vocabulary().Kind(c.Kind)
		got[d.Name] = c.N
	}
	// Locations coded as a town (geo_precision 1) are cities; actors named
	// only as associated actors are Actors.
	for kind, count := range map[string]int{"ACLEDEvent": 17, "ACLEDSource": 9, "City": 12, "Place": 3, "Region": 23, "Country": 1,
		"ArmedGroup": 5, "ArmedForces": 2, "Population": 3, "Organization": 3, "Actor": 2} {
		if got[kind] != count {
			t.Errorf("%d entities of kind %s, want %d (all: %v)", got[kind], kind, count, got)
		}
	}
}

func TestCapturesStartControlAndSupersede(t *testing.T) {
	g := openGraph(t)
	if _, err := loadFile(t, g, "testdata/events.csv"); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	dez := id("location/Syria/Deir%20ez%20Zor/Deir%20ez%20Zor//Deir%20ez%20Zor")
	hs, err := g.History(ctx, schema.Controls, graph.To(dez))
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, h := range hs {
		lines = append(lines, fmt.Sprintf("%s from %s derived=%v ended by %s on %s", h.Subject.Name, h.From, h.Claim.Derived, h.Claim.EndedBy, h.Claim.EndedOn))
	}
	want := []string{
		"SDF: Syrian Democratic Forces from 2024-12-06 derived=true ended by " + DefaultBase + "event/SYR900015#source-1 on 2024-12-11",
		"HTS: Hayat Tahrir al-Sham from 2024-12-11 derived=true ended by  on ",
	}
	if !slices.Equal(lines, want) {
		t.Errorf("history of Deir ez Zor:\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	for _, c := range []struct {
		on   graph.Date
		want string
	}{{graph.Day(2024, 12, 5), ""}, {graph.Day(2024, 12, 8), "SDF: Syrian Democratic Forces"}, {graph.Day(2024, 12, 20), "HTS: Hayat Tahrir al-Sham"}} {
		es, err := g.Edges(ctx, schema.Controls, graph.To(dez), graph.AsOf(c.on))
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, e := range es {
			names = append(names, e.Subject.Name)
		}
		if strings.Join(names, ",") != c.want {
			t.Errorf("controller of Deir ez Zor as of %s: %v, want %q", c.on, names, c.want)
		}
	}
	// A non-violent transfer of territory starts control too.
	es, err := g.Edges(ctx, schema.Controls, graph.To(id("location/Syria/Dar%27a/Dar%27a//Dar%27a")), graph.AsOf(graph.Day(2024, 12, 7)))
	if err != nil || len(es) != 1 || es[0].Subject.Name != "Southern Operations Room" {
		t.Errorf("controller of Dar'a: %v, %v", es, err)
	}
}

func TestTimePrecisionBecomesDatePrecision(t *testing.T) {
	g := openGraph(t)
	if _, err := loadFile(t, g, "testdata/events.csv"); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, c := range []struct {
		event, from, until, reported string
	}{
		{"SYR900001", "2024-11-27", "", "2024-11-27"},           // 1: the day
		{"SYR900003", "2024-11-27", "2024-12-03", "2024-12-03"}, // 2: a week across two months, as its span
		{"SYR900016", "2024-12", "", "2024-12"},                 // 2: a week inside December
		{"SYR900017", "2024-12-28", "2025-01-03", "2025-01-03"}, // 2: a week across the new year
		{"SYR900009", "2024-12", "", "2024-12"},                 // 3: the month
	} {
		vs, err := g.Attributes(ctx, id("event/"+c.event), Fatalities)
		if err != nil || len(vs) != 1 {
			t.Fatalf("%s fatalities: %v, %v", c.event, vs, err)
		}
		cl := vs[0].Evidence[0]
		if cl.ValidFrom.String() != c.from || cl.ValidUntil.String() != c.until || cl.Reported.String() != c.reported {
			t.Errorf("%s: valid %s..%s reported %s, want %s..%s reported %s", c.event, cl.ValidFrom, cl.ValidUntil, cl.Reported, c.from, c.until, c.reported)
		}
	}
}

func TestSourcesAreClaimsWithNotesAsQuotes(t *testing.T) {
	g := openGraph(t)
	if _, err := loadFile(t, g, "testdata/events.csv"); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	vs, err := g.Attributes(ctx, id("event/SYR900001"), Fatalities)
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 1 || vs[0].Value != graph.Integer(12) {
		t.Fatalf("fatalities of SYR900001: %v", vs)
	}
	if got := vs[0].Evidence.Sources(); !slices.Equal(got, []string{"Invented News Agency", "Invented Observatory"}) &&
		!slices.Equal(got, []string{"Invented Observatory", "Invented News Agency"}) {
		t.Errorf("sources %v", got)
	}
	c := vs[0].Evidence[0]
	if !strings.HasPrefix(c.Quote, "Invented for the importer's tests: on 27 November 2024, HTS") ||
		!strings.HasPrefix(c.Note, "ACLED event SYR900001, coded from Invented") {
		t.Errorf("quote %q note %q", c.Quote, c.Note)
	}
	es, err := g.Edges(ctx, ClashedWith, graph.From(id("actor/HTS:%20Hayat%20Tahrir%20al-Sham")), graph.AsOf(graph.Day(2024, 11, 27)))
	if err != nil || len(es) != 1 || es[0].Object.Name != "Military Forces of Syria (2000-2024)" || len(es[0].Evidence) != 2 {
		t.Errorf("HTS clashed with, on 27 November: %v, %v", es, err)
	}
	// The associated actor takes part and is associated with its side's actor.
	es, err = g.Edges(ctx, AssociatedWith, graph.From(id("actor/Opposition%20Rebels%20%28Syria%29")))
	if err != nil || len(es) != 1 || es[0].Object.Name != "HTS: Hayat Tahrir al-Sham" {
		t.Errorf("associated with: %v, %v", es, err)
	}
	ms, err := graph.Find(Event).Where(OccurredIn.To(id("region/Syria/Aleppo"))).All(ctx, g)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, m := range ms {
		names = append(names, m.Entity.Name)
	}
	if !slices.Equal(names, []string{"SYR900001", "SYR900002", "SYR900016", "SYR900017"}) {
		t.Errorf("events in Aleppo governorate: %v", names)
	}
	e, err := g.Entity(ctx, id("actor/Civilians%20%28Syria%29"))
	if err != nil || !slices.Equal(e.Kinds, []schema.Kind{schema.Population}) {
		t.Errorf("civilians: %v, %v", e, err)
	}
	e, err = g.Entity(ctx, id("actor/Journalists%20%28Syria%29"))
	if err != nil || !slices.Equal(e.Kinds, []schema.Kind{schema.Actor}) {
		t.Errorf("an actor named only as associated is an Actor: %v, %v", e, err)
	}
}

func TestOldLayoutWithNumericCodes(t *testing.T) {
	g := openGraph(t)
	st, err := loadFile(t, g, "testdata/old_layout.csv")
	if err != nil {
		t.Fatal(err)
	}
	if st.Rows != 3 || st.Events != 3 || st.Claims != 4 {
		t.Errorf("stats %+v", st)
	}
	ctx := context.Background()
	vs, err := g.Attributes(ctx, id("event/SUD900001"), Interaction)
	if err != nil || len(vs) != 1 || vs[0].Value != graph.Text("Military versus Political Militia") {
		t.Errorf("interaction: %v, %v", vs, err)
	}
	vs, err = g.Attributes(ctx, id("event/SUD900002"), Fatalities)
	if err != nil || len(vs) != 1 || vs[0].Evidence[0].ValidFrom != graph.Month(2023, time.April) {
		t.Errorf("SUD900002 (precision 3): %v, %v", vs, err)
	}
	e, err := g.Entity(ctx, id("actor/RSF:%20Rapid%20Support%20Forces"))
	if err != nil || !slices.Equal(e.Kinds, []schema.Kind{schema.ArmedGroup}) {
		t.Errorf("RSF: %v, %v", e, err)
	}
}

// want is a rejected row: where, and the field.
type want struct {
	line, col int
	field     string
}

var badRows = []want{
	{3, 11, "event_date"}, {4, 27, "time_precision"}, {5, 56, "sub_event_type"}, {6, 1, ""},
	{7, 272, "fatalities"}, {8, 1, "event_id_cnty"}, {9, 96, "assoc_actor_2"}, {10, 207, "source"},
	{12, 68, "actor1"}, {13, 98, "interaction"}, {14, 22, "year"}, {15, 83, "inter1"},
}

func TestABadRowFailsTheLoadAndWritesNothing(t *testing.T) {
	g := openGraph(t)
	ctx := context.Background()
	before, _ := g.Stats(ctx)
	_, err := loadFile(t, g, "testdata/bad_rows.csv")
	var le *loader.Error
	if !errors.As(err, &le) || !errors.Is(err, loader.ErrSyntax) {
		t.Fatalf("error %v, want a *loader.Error wrapping ErrSyntax", err)
	}
	if le.File != "testdata/bad_rows.csv" || le.Line != 3 || le.Column != 11 || le.Field != "event_date" || le.Text != "2024-13-01" {
		t.Errorf("error at %s:%d:%d %s %q: %v", le.File, le.Line, le.Column, le.Field, le.Text, err)
	}
	if after, _ := g.Stats(ctx); after != before {
		t.Errorf("%d quads after a failed load, %d before", after, before)
	}
}

func TestSkipInvalidRowsReportsEachWithItsPosition(t *testing.T) {
	g := openGraph(t)
	st, err := loadFile(t, g, "testdata/bad_rows.csv", SkipInvalidRows())
	if err != nil {
		t.Fatal(err)
	}
	if st.Rows != 14 || st.Events != 2 || len(st.Rejected) != len(badRows) {
		t.Errorf("rows %d events %d rejected %d, want 14, 2, %d", st.Rows, st.Events, len(st.Rejected), len(badRows))
	}
	for i, r := range st.Rejected {
		if i >= len(badRows) {
			break
		}
		if w := badRows[i]; r.Line != w.line || r.Column != w.col || r.Field != w.field || !errors.Is(r, loader.ErrSyntax) {
			t.Errorf("rejected[%d] = %v (line %d col %d field %q), want line %d col %d field %q", i, r, r.Line, r.Column, r.Field, w.line, w.col, w.field)
		}
	}
	for _, e := range []string{"SYR910001", "SYR910002"} {
		if _, err := g.Entity(context.Background(), id("event/"+e)); err != nil {
			t.Errorf("good row %s: %v", e, err)
		}
	}
}

func TestBadInput(t *testing.T) {
	header := strings.Join(columns[:], ",")
	for _, c := range []struct {
		name, in, want string
	}{
		{"empty input", "", "x.csv:1:1: header: the input is empty"},
		{"missing columns", "event_id_cnty,event_date\n", "x.csv:1:1: header: missing the ACLED column(s) time_precision, event_type"},
		{"a column twice", header + ",notes\n", `x.csv:1: header: "notes": column "notes" given twice (columns 23 and 26)`},
		{"a bare quote", header + "\nSYR1,\"2024\"x\n", `x.csv:2:11: extraneous or missing " in quoted-field`},
	} {
		t.Run(c.name, func(t *testing.T) {
			g := openGraph(t)
			_, err := Load(context.Background(), g, "x.csv", strings.NewReader(c.in))
			if err == nil || !strings.HasPrefix(err.Error(), c.want) {
				t.Errorf("error %v, want it to start %q", err, c.want)
			}
		})
	}
	t.Run("a graph without the importer's terms", func(t *testing.T) {
		g, err := graph.Open(context.Background(), "")
		if err != nil {
			t.Fatal(err)
		}
		defer g.Close()
		if _, err := Load(context.Background(), g, "x.csv", strings.NewReader(header)); !errors.Is(err, graph.ErrUnknownTerm) {
			t.Errorf("error %v, want ErrUnknownTerm", err)
		}
	})
	t.Run("limits", func(t *testing.T) {
		b, _ := os.ReadFile("testdata/events.csv")
		g := openGraph(t)
		if _, err := Load(context.Background(), g, "x.csv", bytes.NewReader(b), MaxRows(16)); err == nil || !strings.Contains(err.Error(), "x.csv:18:1: more than 16 rows") {
			t.Errorf("MaxRows: %v", err)
		}
		if _, err := Load(context.Background(), g, "x.csv", bytes.NewReader(b), MaxBytes(1000)); err == nil || !strings.Contains(err.Error(), "MaxBytes") {
			t.Errorf("MaxBytes: %v", err)
		}
		if _, err := Load(context.Background(), g, "x.csv", bytes.NewReader(b), WithBase("not an iri")); !errors.Is(err, graph.ErrInvalid) {
			t.Errorf("WithBase: %v", err)
		}
	})
}

func TestLoadingAgainAddsNothingAndAChangedEventConflicts(t *testing.T) {
	g := openGraph(t)
	ctx := context.Background()
	if _, err := loadFile(t, g, "testdata/events.csv"); err != nil {
		t.Fatal(err)
	}
	quads, _ := g.Stats(ctx)
	st, err := loadFile(t, g, "testdata/events.csv")
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := g.Stats(ctx); again != quads || st.Entities != 0 || st.Claims != 19 {
		t.Errorf("loading again: %d quads, %d before; stats %+v", again, quads, st)
	}
	b, _ := os.ReadFile("testdata/events.csv")
	changed := strings.Replace(string(b), "12 fatalities.", "13 fatalities.", 1)
	_, err = Load(ctx, g, "changed.csv", strings.NewReader(changed))
	var le *loader.Error
	if !errors.As(err, &le) || !errors.Is(err, graph.ErrConflict) || le.Line != 2 || le.Field != "source" {
		t.Errorf("a changed event: %v", err)
	}
	if after, _ := g.Stats(ctx); after != quads {
		t.Errorf("%d quads after a failed load, %d before", after, quads)
	}
}

func TestCancelledContextWritesNothing(t *testing.T) {
	g := openGraph(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := loadFile(t, g, "testdata/events.csv"); err != nil {
		t.Fatal(err)
	}
	before, _ := g.Stats(context.Background())
	b, _ := os.ReadFile("testdata/old_layout.csv")
	if _, err := Load(ctx, g, "x.csv", bytes.NewReader(b)); !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
	if after, _ := g.Stats(context.Background()); after != before {
		t.Errorf("%d quads, %d before", after, before)
	}
}

func TestAnInteractionInTextMustNameTheRowsActorTypes(t *testing.T) {
	b, err := os.ReadFile("testdata/events.csv")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(b), "\n")
	// Either order of the two types is the same interaction.
	swapped := strings.Replace(lines[1], "State forces-Rebel group", "Rebel group-State forces", 1)
	if _, err := Load(context.Background(), openGraph(t), "x.csv", strings.NewReader(lines[0]+swapped)); err != nil {
		t.Errorf("the two types in the other order: %v", err)
	}
	wrong := strings.Replace(lines[1], "State forces-Rebel group", "Rebel group-Civilians", 1)
	_, err = Load(context.Background(), openGraph(t), "x.csv", strings.NewReader(lines[0]+wrong))
	if want := `x.csv:2:183: interaction: "Rebel group-Civilians": names the actor types Rebel group and Civilians; the row's are Rebel group and State forces`; err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error %v, want %s", err, want)
	}
}
