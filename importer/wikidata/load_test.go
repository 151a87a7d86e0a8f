package wikidata

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/loader"
	"github.com/actorgraph/actorgraph/schema"
)

func load(t testing.TB, g *graph.Graph, name string, in []byte, opts ...Option) Stats {
	t.Helper()
	st, err := Load(context.Background(), g, name, bytes.NewReader(in), opts...)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// tally is Stats without the list of what was skipped, to compare.
type tally struct{ Items, Entities, Aliases, Claims, Facts, Attributes int }

func counts(st Stats) tally {
	return tally{st.Items, st.Entities, st.Aliases, st.Claims, st.Facts, st.Attributes}
}

func TestTheRealSamplesInEachEnvelope(t *testing.T) {
	for _, c := range []struct {
		file    string
		want    tally
		skipped int
	}{
		// Bielefeld: 136 labels and 5 aliases make 140 aliases besides its
		// English name; its inception (P571, year precision, one reference)
		// is the only statement the importer reads.
		{"testdata/entity_Q2112_wikibase-sdk-testdata.json", tally{Items: 1, Entities: 3, Aliases: 140, Claims: 1, Attributes: 1}, 0},
		// Henning Christophersen: 22 labels; his one P39 with replaces and
		// replaced by names two people the load does not hold.
		{"testdata/entity_Q646148_wikibase-sdk-testdata.json", tally{Items: 1, Entities: 2, Aliases: 21}, 2},
		// Vladimir Putin, in wbgetentities' envelope: 22 successions in P39
		// qualifiers, none of whose people the load holds.
		{"testdata/wbgetentities_Q7747_nomenklatura-fixture.json", tally{Items: 1, Entities: 2, Aliases: 1}, 22},
	} {
		t.Run(c.file, func(t *testing.T) {
			g := openGraph(t)
			st := load(t, g, c.file, read(t, c.file))
			if counts(st) != c.want || len(st.Skipped) != c.skipped {
				t.Errorf("stats %+v, %d skipped; want %+v, %d skipped", counts(st), len(st.Skipped), c.want, c.skipped)
			}
			for _, s := range st.Skipped {
				if !errors.Is(s, ErrUnresolved) || s.Line < 1 || s.Column < 1 || !strings.Contains(s.Field, ".qualifiers.P136") {
					t.Errorf("skipped %v", s)
				}
			}
		})
	}
}

func TestADump(t *testing.T) {
	g := openGraph(t)
	ctx := context.Background()
	st := load(t, g, "dump.json", dump(t))
	// Putin's P39 qualifiers name Yeltsin and Medvedev 8 times, in 8
	// claims (2 of them referenced); 14 name others, and so do Henning
	// Christophersen's 2. Entities: Wikidata, the five items, three references.
	if want := (tally{Items: 5, Entities: 9, Aliases: 164, Claims: 9, Facts: 8, Attributes: 1}); counts(st) != want || len(st.Skipped) != 16 {
		t.Errorf("stats %+v, %d skipped; want %+v, 16 skipped", counts(st), len(st.Skipped), want)
	}
	if s := st.Skipped[0]; s.File != "dump.json" || s.Line != 2 || s.Column != 13421 || s.Field != "Q7747.claims.P39[2].qualifiers.P1365[0]" {
		t.Errorf("first skipped: %v", s)
	}
	steps, err := g.Lineage(ctx, id("Q7747"), graph.Through(Replaces))
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, s := range steps {
		lines = append(lines, fmt.Sprintf("%s replaces %s since %s (%d claims)", s.From.Name, s.To.Name, s.Since, len(s.Evidence)))
	}
	want := []string{"Vladimir Putin replaces Dmitry Medvedev since 2012-05-07 (2 claims)", "Vladimir Putin replaces Boris Yeltsin since 1999-12-31 (3 claims)"}
	if !slices.Equal(lines, want) {
		t.Errorf("lineage:\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	es, err := g.Edges(ctx, Replaces, graph.To(id("Q7747")))
	if err != nil || len(es) != 1 || es[0].Subject.Name != "Dmitry Medvedev" || es[0].Evidence[0].ValidFrom != graph.Day(2008, 5, 7) ||
		!strings.HasPrefix(es[0].Evidence[0].Note, "as a qualifier of P39 ") {
		t.Errorf("who replaced Putin: %v, %v", es, err)
	}
	bielefeld, err := g.Entity(ctx, id("Q2112"))
	if err != nil {
		t.Fatal(err)
	}
	if bielefeld.Name != "Bielefeld" || !slices.Equal(bielefeld.Kinds, []schema.Kind{schema.City}) ||
		!slices.Contains(bielefeld.Aliases, graph.Alias{Name: "Билефельд", Lang: "ru"}) ||
		!slices.Contains(bielefeld.Aliases, graph.Alias{Name: "Білефэльд", Lang: "be-tarask"}) {
		t.Errorf("Bielefeld: %+v", bielefeld)
	}
	for _, name := range []string{"بيلفلد", "Билефельд", "bielefeld"} {
		if es, err := g.Resolve(ctx, name); err != nil || len(es) != 1 || es[0].ID != id("Q2112") {
			t.Errorf("resolve %q: %v, %v", name, es, err)
		}
	}
	vs, err := g.Attributes(ctx, id("Q2112"), PlaceInception)
	if err != nil || len(vs) != 1 || vs[0].Value != graph.Year(1214) {
		t.Fatalf("Bielefeld's inception: %v, %v", vs, err)
	}
	if src := vs[0].Evidence[0].Source; src.Kinds[0] != Reference || !strings.HasPrefix(src.Name, "Wikidata reference: P143 ") {
		t.Errorf("the inception's source: %+v", src)
	}
}

func TestLineageRanksAndReferences(t *testing.T) {
	g := openGraph(t)
	ctx := context.Background()
	st := load(t, g, "invented.json", read(t, "testdata/invented.json"))
	if want := (tally{Items: 5, Entities: 6, Aliases: 2, Claims: 5, Facts: 2, Attributes: 3}); counts(st) != want {
		t.Errorf("stats %+v, want %+v", counts(st), want)
	}
	var skipped []string
	for _, s := range st.Skipped {
		skipped = append(skipped, fmt.Sprintf("%d:%d %s", s.Line, s.Column, s.Field))
	}
	// The positions were read off the file: each is where the statement's
	// id, or the entity, starts.
	want := []string{"3:1841 Q999999902.claims.P576[0]", "4:799 Q999999903.claims.P571[0]", "4:1092 Q999999903.claims.P1365[0]", "5:1 Q999999904", "6:1 P999999"}
	if !slices.Equal(skipped, want) {
		t.Errorf("skipped %v, want %v", skipped, want)
	}
	for i, why := range []error{ErrUnsupported, ErrUnsupported, ErrUnresolved, ErrNoKind, ErrNoKind} {
		if i < len(st.Skipped) && !errors.Is(st.Skipped[i], why) {
			t.Errorf("skipped[%d] %v, want %v", i, st.Skipped[i], why)
		}
	}
	// replaced by (on A) and replaces (on B) are one successorOf fact, which
	// Lineage walks, dated by the start time qualifier.
	steps, err := g.Lineage(ctx, id("Q999999902"))
	if err != nil || len(steps) != 1 || steps[0].To.Name != "Front A" || steps[0].Relation != schema.SuccessorOf ||
		steps[0].Since != graph.Day(2016, 7, 28) {
		t.Fatalf("lineage of Front B: %+v, %v", steps, err)
	}
	if got := steps[0].Evidence.Sources(); !slices.Equal(got, []string{"Wikidata reference: P854 https://example.org/front-a-renamed", "Wikidata"}) {
		t.Errorf("sources %v", got)
	}
	// A reference's publication date is the claim's report date.
	if c := steps[0].Evidence[0]; c.Reported != graph.Day(2016, 7, 29) {
		t.Errorf("reported %s", c.Reported)
	}
	// The deprecated inception is Wikidata's denial; the preferred one stands.
	vs, err := g.Attributes(ctx, id("Q999999902"), schema.Founded, graph.WithDenied())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, v := range vs {
		for _, c := range v.Evidence {
			got = append(got, fmt.Sprintf("%s %s by %s: %s", v.Value, c.Stance, c.Source.Name, c.Note))
		}
	}
	slices.Sort(got)
	if want := []string{"2015 denied by Wikidata: deprecated rank: Wikidata holds it wrong", "2016 asserted by Wikidata: preferred rank; no reference"}; !slices.Equal(got, want) {
		t.Errorf("Front B's founding: %q, want %q", got, want)
	}
	vs, err = g.Attributes(ctx, id("Q999999901"), schema.Founded)
	if err != nil || len(vs) != 1 || vs[0].Value != graph.Month(2012, 1) || vs[0].Evidence[0].Reported != graph.Day(2020, 3, 4) {
		t.Errorf("Front A's founding (month precision, reported when retrieved): %v, %v", vs, err)
	}
}

func TestOptions(t *testing.T) {
	ctx := context.Background()
	t.Run("WithLanguages", func(t *testing.T) {
		g := openGraph(t)
		load(t, g, "x", read(t, "testdata/entity_Q2112_wikibase-sdk-testdata.json"), WithLanguages("ru", "de"))
		if e, err := g.Entity(ctx, id("Q2112")); err != nil || e.Name != "Билефельд" || !slices.Contains(e.Aliases, graph.Alias{Name: "Bielefeld", Lang: "en"}) {
			t.Errorf("%+v, %v", e, err)
		}
	})
	t.Run("WithKinds", func(t *testing.T) {
		g := openGraph(t)
		k := DefaultKinds()
		k["Q999999998"] = schema.ArmedGroup
		delete(k, "Q43229")
		st := load(t, g, "x", read(t, "testdata/invented.json"), WithKinds(k))
		if st.Items != 5 || len(st.Skipped) != 4 {
			t.Errorf("stats %+v", st)
		}
		if e, err := g.Entity(ctx, id("Q999999904")); err != nil || !slices.Equal(e.Kinds, []schema.Kind{schema.ArmedGroup}) {
			t.Errorf("%+v, %v", e, err)
		}
		if DefaultKinds()["Q43229"] != schema.Organization {
			t.Error("changing the table DefaultKinds returned changed the default")
		}
		k["Q1"] = schema.Kind("https://example.org/NoSuchKind")
		if _, err := Load(ctx, g, "x", strings.NewReader("{}"), WithKinds(k)); !errors.Is(err, graph.ErrUnknownTerm) {
			t.Errorf("a kind the vocabulary lacks: %v", err)
		}
	})
	t.Run("MaxEntities and MaxBytes", func(t *testing.T) {
		g := openGraph(t)
		in := read(t, "testdata/invented.json")
		if _, err := Load(ctx, g, "x", bytes.NewReader(in), MaxEntities(2)); err == nil || !strings.HasPrefix(err.Error(), "x:4:1: more than 2 entities") {
			t.Errorf("MaxEntities: %v", err)
		}
		if _, err := Load(ctx, g, "x", bytes.NewReader(in), MaxBytes(100)); err == nil || !strings.Contains(err.Error(), "MaxBytes") {
			t.Errorf("MaxBytes: %v", err)
		}
		if n, _ := g.Stats(ctx); n != 0 {
			t.Errorf("%d quads after failed loads", n)
		}
	})
	t.Run("a graph without the importer's terms", func(t *testing.T) {
		g, err := graph.Open(ctx, "")
		if err != nil {
			t.Fatal(err)
		}
		defer g.Close()
		if _, err := Load(ctx, g, "x", strings.NewReader("[]")); !errors.Is(err, graph.ErrUnknownTerm) {
			t.Errorf("%v", err)
		}
	})
}

func TestJSONLinesAndLoadingAgain(t *testing.T) {
	g := openGraph(t)
	ctx := context.Background()
	st := load(t, g, "stubs.json", read(t, "testdata/stubs.json"))
	if st.Items != 2 || st.Entities != 3 {
		t.Errorf("JSON lines: %+v", st)
	}
	in := dump(t)
	load(t, g, "dump.json", in)
	quads, _ := g.Stats(ctx)
	st = load(t, g, "dump.json", in)
	if again, _ := g.Stats(ctx); again != quads || st.Claims != 9 {
		t.Errorf("loading again: %d quads, %d before; %+v", again, quads, counts(st))
	}
}

func TestBadInput(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"empty", " \n", "x:1:1: the input is empty"},
		{"not JSON", "nope", "x:1:2: [0]: invalid character 'o' in literal null"},
		{"a number", "[1]", "x:1:2: want an entity object"},
		{"truncated", "[\n{\"id\":\"Q1\",", "x:2:12: [0]: the input ends inside a JSON value"},
		{"an array not closed", "[", "x:1:2: the input ends inside a JSON value"},
		{"more after the array", "[]\n[]", "x:2:1: more after the array"},
		{"no id", "{\"type\":\"item\"}", "x:1:1: an entity with no id"},
		{"a bad item id", "{\"type\":\"item\",\"id\":\"Q1x\"}", "x:1:1: Q1x: an item's id is Q and digits"},
		{"labels of the wrong shape", "[\n{\"id\":\"Q1\",\"labels\":[]}]", "x:2:21: labels: want a JSON map[string]wikidata.langValue here, not array"},
		{"a bad modified", "{\"id\":\"Q5\",\"type\":\"item\",\"modified\":\"yesterday\"}", "x:1:26: Q5.modified: \"yesterday\": want an RFC 3339 time"},
		{"an entity twice", "[\n{\"id\":\"Q1\",\"type\":\"item\"},\n{\"id\":\"Q1\",\"type\":\"item\"}]", "x:3:1: Q1: entity given again; first on line 2"},
		{"no revision", `{"id":"Q1","type":"item","claims":{"P31":[{"mainsnak":{"snaktype":"value","property":"P31","datavalue":{"value":{"id":"Q5"},"type":"wikibase-entityid"}},"rank":"normal"}]}}`, "x:1:1: Q1: an entity with neither lastrevid nor modified"},
	} {
		t.Run(c.name, func(t *testing.T) {
			g := openGraph(t)
			_, err := Load(context.Background(), g, "x", strings.NewReader(c.in))
			var le *loader.Error
			if !errors.As(err, &le) || !errors.Is(err, loader.ErrSyntax) || !strings.HasPrefix(err.Error(), c.want) {
				t.Errorf("error %v, want a *loader.Error starting %q", err, c.want)
			}
			if n, _ := g.Stats(context.Background()); n != 0 {
				t.Errorf("%d quads after a failed load", n)
			}
		})
	}
}

func TestALaterRevisionAddsItsClaims(t *testing.T) {
	g := openGraph(t)
	ctx := context.Background()
	in := read(t, "testdata/invented.json")
	load(t, g, "r10", in)
	before, _ := g.Stats(ctx)
	later := bytes.Replace(in, []byte(`"id":"Q999999902","lastrevid":10`), []byte(`"id":"Q999999902","lastrevid":11`), 1)
	if bytes.Equal(later, in) {
		t.Fatal("the fixture changed: no revision to replace")
	}
	st := load(t, g, "r11", later)
	if after, _ := g.Stats(ctx); after <= before {
		t.Errorf("%d quads after the later revision, %d before", after, before)
	}
	vs, err := g.Attributes(ctx, id("Q999999902"), schema.Founded)
	if err != nil || len(vs) != 1 || len(vs[0].Evidence) != 2 {
		t.Fatalf("Front B's founding, said in two revisions: %v, %v", vs, err)
	}
	if st.Entities != 6 {
		t.Errorf("entities written %d, want 6 (the same items again)", st.Entities)
	}
}

func TestACancelledLoadWritesNothing(t *testing.T) {
	g := openGraph(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Load(ctx, g, "x", bytes.NewReader(read(t, "testdata/invented.json"))); !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
	if n, _ := g.Stats(context.Background()); n != 0 {
		t.Errorf("%d quads", n)
	}
}
