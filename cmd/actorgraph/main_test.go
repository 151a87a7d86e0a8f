package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/answer"
	"github.com/actorgraph/actorgraph/loader"
	"github.com/actorgraph/actorgraph/schema"
)

const (
	syriaFile  = "../../examples/syria/syria.yaml"
	extendFile = "../../examples/extend/extend.yaml"
	syriaBase  = "https://actorgraph.org/id/syria/"
)

// ag runs the command line and returns its exit status and output.
func ag(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errs bytes.Buffer
	code = run(args, &out, &errs)
	return code, out.String(), errs.String()
}

// syria runs a command on the Syria dataset and fails the test unless it
// succeeds.
func syria(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errs := ag(t, append([]string{"-data", syriaFile}, args...)...)
	if code != 0 {
		t.Fatalf("actorgraph %q: exit %d, stderr %s", args, code, errs)
	}
	return out
}

// result is the JSON document of -json.
type result[T any] struct {
	Command string `json:"command"`
	Results []T    `json:"results"`
}

func syriaJSON[T any](t *testing.T, args ...string) []T {
	t.Helper()
	out := syria(t, append(args, "-json")...)
	var r result[T]
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("actorgraph %q -json: %v\n%s", args, err, out)
	}
	if r.Command != args[0] {
		t.Errorf("command = %q, want %q", r.Command, args[0])
	}
	return r.Results
}

func TestEdgesPrintOneAnswerALineWithItsEvidenceUnderIt(t *testing.T) {
	want := "Turkey backs Rebel coalition\n" +
		"    Report on the Syrian rebel offensive, reported 2024-12-07: \"a Turkish-backed coalition of rebels\"\n"
	if got := syria(t, "edges", "backs", "--to", "coalition", "--as-of", "2024-12-07"); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	// Flags before the command, with one dash and with "=", say the same.
	if got := syria(t, "-as-of=2024-12-07", "-to", "Rebel coalition", "edges", "backs"); got != want {
		t.Errorf("flags before the command: got\n%s\nwant\n%s", got, want)
	}
}

func TestEdgesJSONGivesIRIsAndEvidence(t *testing.T) {
	es := syriaJSON[answer.Edge](t, "edges", "backs", "--from", "turkey")
	if len(es) != 1 {
		t.Fatalf("got %d edges, want 1: %+v", len(es), es)
	}
	e := es[0]
	if e.Subject.ID != syriaBase+"turkey" || e.Object.ID != syriaBase+"coalition" || e.Relation != "backs" || e.Contested {
		t.Errorf("edge = %+v", e)
	}
	if len(e.Evidence) != 1 || e.Evidence[0].Quote != "a Turkish-backed coalition of rebels" ||
		e.Evidence[0].Reported != "2024-12-07" || e.Evidence[0].Stance != "asserted" ||
		e.Evidence[0].Source.ID != syriaBase+"report" {
		t.Errorf("evidence = %+v", e.Evidence)
	}
}

func TestClaimFiltersReachTheReads(t *testing.T) {
	count := func(args ...string) int {
		return len(syriaJSON[answer.Edge](t, args...))
	}
	cases := []struct {
		args []string
		want int
	}{
		{[]string{"edges", "controls", "--from", "hts", "--as-of", "2021"}, 1},
		{[]string{"edges", "controls", "--from", "hts", "--as-of", "2019"}, 0},
		{[]string{"edges", "controls", "--from", "hts", "--as-of", "2020-06"}, 1},
		{[]string{"edges", "controls", "--from", "hts", "--as-of", "2020-06", "--certain"}, 0},
		{[]string{"edges", "controls", "--from", "hts", "--during", "2019..2020"}, 1},
		{[]string{"edges", "controls", "--from", "hts", "--during", "2019"}, 0},
		{[]string{"edges", "controls", "--to", "daraa", "--known-at", "2024-12-05"}, 0},
		{[]string{"edges", "controls", "--to", "daraa", "--known-at", "2024-12-07"}, 1},
		{[]string{"edges", "reachesOutTo", "--source", "Le Monde"}, 1},
		{[]string{"edges", "reachesOutTo", "--source", "report"}, 0},
		{[]string{"contested", "--from", "syrian-army"}, 1},
		{[]string{"contested", "--from", "turkey"}, 0},
		{[]string{"contested", "--known-at", "2024-12-06"}, 0},
	}
	for _, c := range cases {
		if got := count(c.args...); got != c.want {
			t.Errorf("%q: %d edges, want %d", c.args, got, c.want)
		}
	}
}

func TestEntityByIDNameAliasAndIRI(t *testing.T) {
	for _, id := range []string{"jolani", "al-Joulani", "ABU MOHAMMED AL-JOLANI", syriaBase + "jolani"} {
		out := syria(t, "entity", id)
		if first := strings.SplitN(out, "\n", 2)[0]; first != "Abu Mohammed al-Jolani (Person) "+syriaBase+"jolani" {
			t.Errorf("entity %q: first line %q", id, first)
		}
	}
	rs := syriaJSON[answer.EntityResult](t, "entity", "Türkiye")
	if len(rs) != 1 || !slices.Contains(rs[0].Aliases, answer.Alias{Name: "Türkiye", Lang: "tr"}) {
		t.Errorf("entity Türkiye = %+v", rs)
	}
	rs = syriaJSON[answer.EntityResult](t, "entity", "HTS")
	if len(rs) != 1 || rs[0].ID != syriaBase+"hts" || !slices.Equal(rs[0].Kinds, []string{"ArmedGroup"}) {
		t.Fatalf("entity HTS = %+v", rs)
	}
	var members []string
	for _, a := range rs[0].Attributes {
		if a.Attribute == "membersEstimate" {
			members = append(members, a.Value)
			if len(a.Evidence) != 1 || a.Evidence[0].ValidFrom != "2018" || a.Evidence[0].Source.Name != "Center for Strategic and International Studies" {
				t.Errorf("membersEstimate evidence = %+v", a.Evidence)
			}
		}
	}
	if !slices.Equal(members, []string{"12000..15000"}) {
		t.Errorf("membersEstimate = %q", members)
	}
}

func TestResolve(t *testing.T) {
	want := "Daraa (City) " + syriaBase + "daraa\n"
	if got := syria(t, "resolve", "Derraa"); got != want {
		t.Errorf("resolve Derraa = %q, want %q", got, want)
	}
	rs := syriaJSON[answer.Entity](t, "resolve", "The World")
	if len(rs) != 1 || rs[0].Name != "Le Monde" {
		t.Errorf("resolve The World = %+v", rs)
	}
	if rs := syriaJSON[answer.Entity](t, "resolve", "nobody at all"); len(rs) != 0 {
		t.Errorf("resolve of an unknown name = %+v", rs)
	}
}

func TestAnAmbiguousNameIsAnErrorListingTheCandidates(t *testing.T) {
	file := filepath.Join(t.TempDir(), "twins.yaml")
	writeFile(t, file, `actorgraph: 1
base: https://example.org/twins/
entities:
  - {id: a, kinds: [ArmedGroup], name: Northern Brigade, aliases: [The Brigade]}
  - {id: b, kinds: [ArmedGroup], name: Southern Brigade, aliases: [the brigade, eastern]}
  - {id: eastern, kinds: [ArmedGroup], name: Eastern Brigade}
`)
	code, out, errs := ag(t, "-data", file, "entity", "The Brigade")
	if code != 1 || out != "" {
		t.Errorf("exit %d, stdout %q; want 1 and nothing", code, out)
	}
	for _, want := range []string{"Northern Brigade (https://example.org/twins/a)", "Southern Brigade (https://example.org/twins/b)", "ambiguous"} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr %q lacks %q", errs, want)
		}
	}
	// resolve lists them rather than fail.
	code, out, _ = ag(t, "-data", file, "resolve", "the brigade")
	if code != 0 || strings.Count(out, "\n") != 2 {
		t.Errorf("resolve: exit %d, %q", code, out)
	}
	// The short id is not ambiguous, and comes before names: "eastern" is
	// the id of the Eastern Brigade and an alias of the Southern.
	if code, out, errs := ag(t, "-data", file, "entity", "b"); code != 0 || !strings.HasPrefix(out, "Southern Brigade") {
		t.Errorf("entity b: exit %d, %q %s", code, out, errs)
	}
	if code, out, errs := ag(t, "-data", file, "entity", "eastern"); code != 0 || !strings.HasPrefix(out, "Eastern Brigade") {
		t.Errorf("entity eastern: exit %d, %q %s", code, out, errs)
	}
}

func TestLineageAndPath(t *testing.T) {
	out := syria(t, "lineage", "hts")
	for _, want := range []string{
		"Hayat Tahrir al-Sham -> formerlyBranchOf -> Al-Qaeda [former]\n",
		"Hayat Tahrir al-Sham -> formerlyKnownAs -> al-Nusra Front [former]\n",
		"    Report on the Syrian rebel offensive, reported 2024-12-07, confidence 0.5\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("lineage lacks %q:\n%s", want, out)
		}
	}
	steps := syriaJSON[answer.Step](t, "path", "Turkey", "Assad")
	var hops []string
	for _, s := range steps {
		hops = append(hops, s.From.Name+" "+s.Relation+" "+s.To.Name)
	}
	if want := []string{"Turkey backs Rebel coalition", "Rebel coalition opposes Bashar al-Assad"}; !slices.Equal(hops, want) {
		t.Errorf("path = %q, want %q", hops, want)
	}
	if code, _, errs := ag(t, "-data", syriaFile, "path", "kurds", "iraq", "--as-of", "2019"); code != 1 || !strings.Contains(errs, "not found") {
		t.Errorf("a path that does not exist: exit %d, %s", code, errs)
	}
}

func TestContestedShowsBothStances(t *testing.T) {
	es := syriaJSON[answer.Edge](t, "contested")
	if len(es) != 1 || !es[0].Contested || es[0].Relation != "withdrewFrom" {
		t.Fatalf("contested = %+v", es)
	}
	var stances []string
	for _, c := range es[0].Evidence {
		stances = append(stances, c.Stance)
	}
	slices.Sort(stances)
	if !slices.Equal(stances, []string{"asserted", "denied"}) {
		t.Errorf("stances = %q", stances)
	}
	if out := syria(t, "contested"); !strings.HasPrefix(out, "Syrian army withdrewFrom Damascus countryside [contested]\n    Syrian Ministry of Defense (denied), reported 2024-12-07: ") {
		t.Errorf("contested text:\n%s", out)
	}
}

func TestFindWithWhere(t *testing.T) {
	ms := syriaJSON[answer.Match](t, "find", "State", "--where", "backs:to:coalition", "--as-of", "2024-12-07")
	if len(ms) != 1 || ms[0].Entity.Name != "Turkey" || len(ms[0].Evidence) != 1 {
		t.Errorf("find State backing the coalition = %+v", ms)
	}
	ms = syriaJSON[answer.Match](t, "find", "Organization", "--where", "leads:from:hts", "--where", string(schema.Backs)+":to:coalition")
	if len(ms) != 0 {
		t.Errorf("HTS leads the coalition, which backs nothing: %+v", ms)
	}
	if out := syria(t, "find", "ArmedGroup", "--where", "leads:to:coalition"); out != "Hayat Tahrir al-Sham (ArmedGroup) "+syriaBase+"hts\n"+
		"    Report on the Syrian rebel offensive, reported 2024-12-07: \"A rebel coalition led by the revolutionary Islamist group Hayat Tahrir al-Sham (HTS)\"\n" {
		t.Errorf("find text:\n%s", out)
	}
}

func TestStatsCountWhatTheLoaderWrote(t *testing.T) {
	ctx := context.Background()
	g, err := graph.Open(ctx, "", backends())
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	st, err := loader.LoadFile(ctx, g, syriaFile)
	if err != nil {
		t.Fatal(err)
	}
	quads, err := g.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ss := syriaJSON[answer.Stats](t, "stats")
	if len(ss) != 1 {
		t.Fatalf("stats = %+v", ss)
	}
	s := ss[0]
	if s.Quads != quads || s.Entities != st.Entities || s.Claims != st.Claims || s.Facts+s.Attributes != st.Facts {
		t.Errorf("stats = %+v; the loader wrote %+v, %d quads", s, st, quads)
	}
	if s.Relations["locatedIn"] != 6 || s.Relations["backs"] != 2 {
		t.Errorf("relations = %v", s.Relations)
	}
	if out := syria(t, "stats"); !strings.Contains(out, "\nentities 32\nclaims 34\n") {
		t.Errorf("stats text:\n%s", out)
	}
}

func TestExportEveryFormatAndReadTheRDFBack(t *testing.T) {
	dir := t.TempDir()
	for _, ext := range []string{".nq", ".trig", ".ttl", ".jsonld", ".csv", ".dot", ".graphml"} {
		file := filepath.Join(dir, "syria"+ext)
		if out := syria(t, "export", "-o", file); out != "wrote "+file+"\n" {
			t.Errorf("export %s printed %q", ext, out)
		}
		b, err := os.ReadFile(file)
		if err != nil || len(b) == 0 {
			t.Fatalf("export %s: %v, %d bytes", ext, err, len(b))
		}
	}
	// The RDF exports load back, and their ids resolve by their last segment
	// (an N-Quads file has no base:).
	want := syria(t, "edges", "controls", "--to", "daraa")
	for _, sparql := range []string{"sparql.trig", "sparql.ttl", "sparql.nq"} {
		if out := syria(t, "export", "-o", filepath.Join(dir, "syria-"+sparql), "--sparql"); !strings.HasPrefix(out, "wrote ") {
			t.Errorf("export -sparql %s printed %q", sparql, out)
		}
	}
	for _, ext := range []string{".nq", ".trig", ".ttl", ".jsonld", "-sparql.trig", "-sparql.ttl", "-sparql.nq"} {
		code, got, errs := ag(t, "-data", filepath.Join(dir, "syria"+ext), "edges", "controls", "--to", "daraa")
		if code != 0 || got != want {
			t.Errorf("from %s: exit %d, %s\ngot\n%s\nwant\n%s", ext, code, errs, got, want)
		}
	}
	code, _, errs := ag(t, "-data", syriaFile, "export", "-o", filepath.Join(dir, "syria.txt"))
	if code != 2 || !strings.Contains(errs, `unknown format ".txt"`) {
		t.Errorf("export .txt: exit %d, %s", code, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "syria.txt")); !os.IsNotExist(err) {
		t.Errorf("export .txt left a file: %v", err)
	}
}

func TestHistoryGivesOneIntervalAClaim(t *testing.T) {
	ins := syriaJSON[answer.Interval](t, "history", "controls", "--to", "Derraa")
	var derived, plain int
	for _, in := range ins {
		if in.Subject.Name != "Rebel coalition" || in.From != "2024-12-06" || in.Until != "" {
			t.Errorf("interval = %+v", in)
		}
		if in.Claim.Derived {
			derived++
		} else {
			plain++
		}
	}
	// The report's one claim says both that the rebels took Daraa and that
	// they control it: one interval, the stated control.
	if derived != 0 || plain != 1 {
		t.Errorf("%d derived, %d plain intervals, want 0 and 1: %+v", derived, plain, ins)
	}
	out := syria(t, "history", "controls", "--from", "hts")
	if !strings.HasPrefix(out, "2020.. Hayat Tahrir al-Sham controls Idlib province\n    Report on the Syrian rebel offensive, reported 2024-12-07, valid 2020..: ") {
		t.Errorf("history text:\n%s", out)
	}
	if ins := syriaJSON[answer.Interval](t, "history", "controls", "--from", "hts", "--as-of", "2019"); len(ins) != 0 {
		t.Errorf("history as of 2019 = %+v", ins)
	}
}

func TestChangesInTheWorldAndInWhatWasKnown(t *testing.T) {
	out := syria(t, "changes", "2024-12-06", "2024-12-06", "--to", "daraa")
	for _, want := range []string{
		"2024-12-06 began 2024-12-06.. Rebel coalition controls Daraa\n",
		"2024-12-06 happened 2024-12-06.. Rebel coalition captured Daraa\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("changes lack %q:\n%s", want, out)
		}
	}
	chs := syriaJSON[answer.Change](t, "changes", "2024-12-07", "2024-12-07", "--report-time", "--to", "damascus-countryside")
	var kinds []string
	for _, ch := range chs {
		kinds = append(kinds, ch.Kind+" "+ch.On+" "+ch.Claim.Source.Name)
	}
	want := []string{"reported 2024-12-07 Reports of a withdrawal from the Damascus countryside", "denied 2024-12-07 Syrian Ministry of Defense"}
	if !slices.Equal(kinds, want) {
		t.Errorf("changes in report time = %q, want %q", kinds, want)
	}
	if chs := syriaJSON[answer.Change](t, "changes", "2024-12-07", "2024-12-07", "--report-time", "--known-at", "2024-12-06"); len(chs) != 0 {
		t.Errorf("nothing reported on 7 December was known on the 6th: %+v", chs)
	}
}

func TestUsageErrorsExit2(t *testing.T) {
	cases := [][]string{
		{},
		{"-data", syriaFile},
		{"-data", syriaFile, "frobnicate"},
		{"-data", syriaFile, "lineage", "hts", "--from", "turkey"},
		{"-data", syriaFile, "changes", "2024", "2024", "--as-of", "2024"},
		{"-data", syriaFile, "resolve", "x", "--as-of", "2024"},
		{"-data", syriaFile, "edges", "backs", "--as-of", "2024-13-01"},
		{"-data", syriaFile, "edges", "backs", "--as-of", "7 December"},
		{"-data", syriaFile, "edges", "backs", "--during", "2024..x"},
		{"-data", syriaFile, "edges", "backs", "--certain"},
		{"-data", syriaFile, "edges"},
		{"-data", syriaFile, "path", "turkey"},
		{"-data", syriaFile, "stats", "extra"},
		{"-data", syriaFile, "export"},
		{"-data", syriaFile, "edges", "backs", "--as-of"},
		{"-data", syriaFile, "edges", "backs", "--json=yes"},
		{"-data", syriaFile, "edges", "backs", "--unknown"},
		{"-data", syriaFile, "find", "State", "--where", "backs-to-coalition"},
		{"-data", syriaFile, "changes", "2024", "December"},
		{"-data", "syria.txt", "stats"},
	}
	for _, args := range cases {
		code, out, errs := ag(t, args...)
		if code != 2 || out != "" || errs == "" {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want 2, nothing, a message", args, code, out, errs)
		}
	}
	if code, out, _ := ag(t, "-h"); code != 0 || !strings.Contains(out, "usage: actorgraph") {
		t.Errorf("-h: exit %d, %q", code, out)
	}
}

func TestOtherErrorsExit1(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"entity", "nobody"}, `"nobody": no entity has this IRI, id, name or alias: not found`},
		{[]string{"edges", "bakcs"}, `"bakcs" is not a relation`},
		{[]string{"edges", "founded"}, `"founded" is not a relation`},
		{[]string{"find", "Militia"}, `"Militia" is not a kind`},
		{[]string{"edges", "backs", "--from", "nobody"}, "-from:"},
		{[]string{"find", "City", "--where", "backs:to:coalition"}, "domain"},
		{[]string{"entity", "https://actorgraph.org/id/syria/nobody"}, "not found"},
	}
	for _, c := range cases {
		code, out, errs := ag(t, append([]string{"-data", syriaFile}, c.args...)...)
		if code != 1 || out != "" || !strings.Contains(errs, c.want) {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want 1 and %q", c.args, code, out, errs, c.want)
		}
	}
}

func TestABadFileGivesTheLoadersPositionedError(t *testing.T) {
	file := filepath.Join(t.TempDir(), "bad.yaml")
	writeFile(t, file, `actorgraph: 1
base: https://example.org/id/
entities:
  - {id: russia, kinds: [State], name: Russia}
  - {id: assad, kinds: [Person], name: Assad}
  - {id: report, kinds: [Report], name: The report}
claims:
  - id: c1
    source: report
    reported: 2024-12-07
    facts:
      - russia bakcs assad
`)
	g, err := graph.Open(context.Background(), "", backends())
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	_, lerr := loader.LoadFile(context.Background(), g, file)
	if lerr == nil || !strings.Contains(lerr.Error(), file+":12:") {
		t.Fatalf("the loader's own error: %v", lerr)
	}
	code, out, errs := ag(t, "-data", file, "stats")
	if code != 1 || out != "" || errs != "actorgraph: "+lerr.Error()+"\n" {
		t.Errorf("exit %d, stdout %q, stderr %q; want 1 and the loader's error %q", code, out, errs, lerr)
	}
}

// extendVocabulary is the vocabulary of examples/extend (a package main,
// which cannot be imported), as a program of that research group defines it.
func extendVocabulary(t *testing.T) *schema.Vocabulary {
	const ns schema.Namespace = "https://example.org/research#"
	v, err := schema.Core().Extend(schema.Terms{
		Kinds: []schema.KindDef{
			{Kind: schema.Kind(ns + "Militia"), Name: "Militia", Parent: schema.ArmedGroup, Doc: "A locally raised armed group."},
			{Kind: schema.Kind(ns + "Journalist"), Name: "Journalist", Parent: schema.Person, Doc: "A reporter."},
		},
		Relations: []schema.RelationDef{
			{Relation: schema.Relation(ns + "funds"), Name: "funds", Inverse: "funded by", Domain: schema.State, Range: schema.Kind(ns + "Militia"),
				Doc: "The state pays or arms the militia."},
			{Relation: schema.Relation(ns + "interviewed"), Name: "interviewed", Inverse: "interviewed by", Domain: schema.Kind(ns + "Journalist"), Range: schema.Person,
				Doc: "The journalist interviewed the person."},
		},
		Attributes: []schema.AttributeDef{
			{Attribute: schema.Attribute(ns + "strength"), Name: "strength", Domain: schema.Kind(ns + "Militia"), Datatype: schema.Integer, Doc: "Number of fighters."},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestAStoreWrittenWithAnExtensionOpensWithItsVocabulary(t *testing.T) {
	ctx := context.Background()
	store := "leveldb:" + filepath.Join(t.TempDir(), "extend")
	g, err := graph.Open(ctx, store, backends(), graph.WithVocabulary(extendVocabulary(t)))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := loader.LoadFile(ctx, g, extendFile); err != nil {
		t.Fatal(err)
	}
	if err := g.Close(); err != nil {
		t.Fatal(err)
	}
	// Without -data the tool knows no base: ids resolve by their last segment.
	code, out, errs := ag(t, "-store", store, "find", "Militia", "--where", "funds:from:turkey", "--as-of", "2024")
	if code != 0 || out != "North Brigade (Militia) https://example.org/id/north-brigade\n"+
		"    Research note 12 (fictional), reported 2024-12-10, valid 2023..\n"+
		"River Guard (Militia) https://example.org/id/river-guard\n"+
		"    Research note 12 (fictional), reported 2024-12-10, valid 2023..\n" {
		t.Errorf("find Militia: exit %d, stderr %s, stdout\n%s", code, errs, out)
	}
	// Loading the dataset again into the store changes nothing, and gives its base.
	code, out, errs = ag(t, "-store", store, "-data", extendFile, "entity", "north-brigade", "--json")
	var r result[answer.EntityResult]
	if code != 0 || json.Unmarshal([]byte(out), &r) != nil || len(r.Results) != 1 {
		t.Fatalf("entity north-brigade: exit %d, %s\n%s", code, errs, out)
	}
	var strength []string
	for _, a := range r.Results[0].Attributes {
		if a.Attribute == "strength" {
			strength = append(strength, a.Value)
		}
	}
	if !slices.Equal(strength, []string{"1200"}) || !slices.Equal(r.Results[0].Kinds, []string{"Militia"}) {
		t.Errorf("north-brigade = %+v", r.Results[0])
	}
}

func writeFile(t *testing.T, name, content string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// exportExtend writes examples/extend's dataset, in a graph of its
// vocabulary, to dir/name; the format is the name's extension.
func exportExtend(t *testing.T, dir, name string) string {
	t.Helper()
	return export(t, extendVocabulary(t), extendFile, dir, name)
}

// exportRival writes a small core dataset in a graph of rivalVocabulary to
// dir/name: the export declares the rival's terms.
func exportRival(t *testing.T, dir, name string) string {
	t.Helper()
	data := filepath.Join(dir, "rival.yaml")
	writeFile(t, data, "actorgraph: 1\nbase: https://example.org/other/\nentities:\n  - {id: chad, kinds: [State], name: Chad}\n")
	return export(t, rivalVocabulary(t), data, dir, name)
}

// export loads the dataset file into a graph of vocabulary v and writes it
// to dir/name; the format is the name's extension.
func export(t *testing.T, v *schema.Vocabulary, file, dir, name string) string {
	t.Helper()
	ctx := context.Background()
	g, err := graph.Open(ctx, "", backends(), graph.WithVocabulary(v))
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	if _, err := loader.LoadFile(ctx, g, file); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	write := loader.WriteNQuads
	switch filepath.Ext(name) {
	case ".jsonld":
		write = loader.WriteJSONLD
	case ".trig":
		write = func(ctx context.Context, w io.Writer, g *graph.Graph) error {
			return loader.WriteTriG(ctx, w, g, loader.WithOntology())
		}
	case ".ttl":
		write = func(ctx context.Context, w io.Writer, g *graph.Graph) error {
			return loader.WriteTurtle(ctx, w, g, loader.ForSPARQL())
		}
	}
	if err := write(ctx, &out, g); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	writeFile(t, path, out.String())
	return path
}

// rivalVocabulary is another group's extension, whose relation of another
// IRI is also called "funds", and whose Militia is a kind of the same name.
func rivalVocabulary(t *testing.T) *schema.Vocabulary {
	const ns schema.Namespace = "https://example.org/other#"
	v, err := schema.Core().Extend(schema.Terms{
		Kinds:     []schema.KindDef{{Kind: schema.Kind(ns + "Militia"), Name: "Militia", Parent: schema.ArmedGroup}},
		Relations: []schema.RelationDef{{Relation: schema.Relation(ns + "funds"), Name: "funds", Domain: schema.State, Range: schema.Kind(ns + "Militia")}},
	})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

const extendFunds = "Turkey funds North Brigade\n" +
	"    Research note 12 (fictional), reported 2024-12-10, valid 2023..\n" +
	"Turkey funds River Guard\n" +
	"    Research note 12 (fictional), reported 2024-12-10, valid 2023..\n" +
	"Russia funds Coast Defence Force\n" +
	"    Research note 12 (fictional), reported 2024-12-10, valid 2023..\n"

func TestAnExportLoadsWithTheVocabularyItDeclares(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"ext.nq", "ext.jsonld", "ext.trig", "ext.ttl"} {
		file := exportExtend(t, dir, name)
		code, out, errs := ag(t, "-data", file, "edges", "funds")
		if code != 0 || !sameLines(out, extendFunds) {
			t.Errorf("-data %s edges funds: exit %d, stderr %s, stdout\n%s", name, code, errs, out)
		}
		// Its terms mix with the core's, and with a core dataset's.
		code, out, errs = ag(t, "-data", syriaFile, "-data", file, "find", "Militia", "--where", "memberOf:to:https://example.org/id/coalition")
		if code != 0 || !strings.HasPrefix(out, "North Brigade (Militia) https://example.org/id/north-brigade\n") {
			t.Errorf("-data syria -data %s find Militia: exit %d, stderr %s, stdout\n%s", name, code, errs, out)
		}
	}
}

// sameLines reports whether a and b hold the same answers, each an answer
// line with the evidence lines under it, in any order.
func sameLines(a, b string) bool {
	answers := func(s string) []string {
		var out []string
		for line := range strings.Lines(s) {
			if strings.HasPrefix(line, " ") && len(out) > 0 {
				out[len(out)-1] += line
			} else {
				out = append(out, line)
			}
		}
		slices.Sort(out)
		return out
	}
	return slices.Equal(answers(a), answers(b))
}

func TestDataFilesWhoseVocabulariesClashExit1(t *testing.T) {
	dir := t.TempDir()
	ext := exportExtend(t, dir, "ext.nq")
	rival := exportRival(t, t.TempDir(), "rival.jsonld")
	code, out, errs := ag(t, "-data", ext, "-data", rival, "edges", "funds")
	if code != 1 || out != "" ||
		!strings.Contains(errs, "actorgraph: -data "+rival+": its vocabulary does not fit that of the store and the -data files before it: "+rival+":") ||
		!strings.Contains(errs, `"Militia"`) || !strings.Contains(errs, "name already used by https://example.org/research#Militia") {
		t.Errorf("exit %d, stdout %q, stderr %s; want 1 and the clash of the two Militias", code, out, errs)
	}
}

func TestDataFilesExtendTheStoresVocabulary(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	ext := exportExtend(t, dir, "ext.nq")
	store := "leveldb:" + filepath.Join(dir, "store")
	if code, _, errs := ag(t, "-store", store, "-data", syriaFile, "stats"); code != 0 {
		t.Fatalf("a core store: exit %d, %s", code, errs)
	}
	code, out, errs := ag(t, "-store", store, "-data", ext, "edges", "funds")
	if code != 0 || !sameLines(out, extendFunds) {
		t.Fatalf("-store -data ext.nq edges funds: exit %d, stderr %s, stdout\n%s", code, errs, out)
	}
	// The store now holds the extension, and opens with it on its own.
	code, out, errs = ag(t, "-store", store, "edges", "backs", "--from", "https://actorgraph.org/id/syria/turkey")
	if code != 0 || !strings.Contains(out, "Turkey backs Rebel coalition\n") {
		t.Errorf("-store edges backs: exit %d, stderr %s, stdout\n%s", code, errs, out)
	}
	g, err := graph.Open(ctx, store, backends(), graph.WithStoredVocabulary())
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	if _, ok := g.Vocabulary().Lookup("funds"); !ok {
		t.Error("the store's vocabulary lacks funds")
	}

	// A store written with the rival extension refuses ext.nq's.
	other := "leveldb:" + filepath.Join(dir, "other")
	if code, _, errs := ag(t, "-store", other, "-data", exportRival(t, dir, "rival.nq"), "stats"); code != 0 {
		t.Fatalf("a rival store: exit %d, %s", code, errs)
	}
	code, out, errs = ag(t, "-store", other, "-data", ext, "stats")
	if code != 1 || out != "" || !strings.Contains(errs, "-data "+ext+": its vocabulary does not fit") {
		t.Errorf("exit %d, stdout %q, stderr %s; want 1 and the clash", code, out, errs)
	}
}
