package ucdp

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/importer/internal/importtest"
	"github.com/actorgraph/actorgraph/loader"
	"github.com/actorgraph/actorgraph/schema"
)

const (
	ged191File  = "testdata/ged191_hdx-fixture_first1000.csv"
	ged231File  = "testdata/ged231_sample1000_uncertainUCDP.csv"
	gedJSONFile = "testdata/ged_api_json_middle_east_2002_NoahStapper.json"
	actorsFile  = "testdata/ucdp-actor-221.csv"
)

// newGraph opens an in-memory graph with the importer's vocabulary.
func newGraph(t testing.TB) *graph.Graph { return importtest.Graph(t, Vocabulary) }

var readFile = importtest.ReadFile

func quads(t testing.TB, g *graph.Graph) int64 {
	t.Helper()
	n, err := g.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// places returns "line:column field" of each error.
func places(errs []*loader.Error) []string {
	var out []string
	for _, e := range errs {
		out = append(out, fmt.Sprintf("%d:%d %s", e.Line, e.Column, e.Field))
	}
	return out
}

// checkPointsAt fails unless each error's line and column point at its
// offending text in input (after an opening quote).
func checkPointsAt(t *testing.T, input []byte, errs []*loader.Error) {
	t.Helper()
	lines := strings.Split(string(input), "\n")
	for _, e := range errs {
		if e.Line < 1 || e.Line > len(lines) || e.Column < 1 || e.Column > len(lines[e.Line-1])+1 {
			t.Errorf("%v: no such place in the input", e)
			continue
		}
		rest := strings.TrimPrefix(lines[e.Line-1][e.Column-1:], `"`)
		if !strings.HasPrefix(rest, e.Text) {
			t.Errorf("%v: the input there is %.40q, not the offending text", e, rest)
		}
	}
}

func TestLoadGEDReadsEachShippedSampleWholeWithExactCounts(t *testing.T) {
	// The counts were checked against an independent count in Python of
	// the same files (distinct side ids, 8 facts an event plus 2 for each
	// administrative area, estimates with low > best or high < best).
	tests := []struct {
		file                     string
		layout                   Layout
		events, actors           int
		facts, attributes, quads int
		flagged                  []string
	}{
		{ged191File, GED191, 1000, 34, 10822, 13003, 41084,
			[]string{"147:274 high", "239:285 high", "280:287 high"}},
		{ged231File, GED231, 1000, 273, 11536, 15998, 51991,
			[]string{"8:622 low", "32:807 low", "135:655 high", "154:808 high", "304:863 low", "386:669 low", "655:947 high",
				"833:568 low", "899:584 low", "955:443 high", "1098:600 low", "1134:670 high", "1138:600 low"}},
		{gedJSONFile, GEDJSON, 386, 15, 4440, 6177, 18890,
			[]string{"379:1674 high", "386:1182 low"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			g := newGraph(t)
			input := readFile(t, tt.file)
			st, err := LoadGED(context.Background(), g, tt.file, bytes.NewReader(input))
			if err != nil {
				t.Fatal(err)
			}
			if st.Layout != tt.layout || st.Rows != tt.events || st.Events != tt.events || st.Claims != tt.events ||
				st.Actors != tt.actors || st.Facts != tt.facts || st.Attributes != tt.attributes || len(st.Rejected) != 0 {
				t.Errorf("stats %+v, want layout %q, %d rows, events and claims, %d actors, %d facts, %d attributes, none rejected",
					st, tt.layout, tt.events, tt.actors, tt.facts, tt.attributes)
			}
			if got := places(st.Flagged); !slices.Equal(got, tt.flagged) {
				t.Errorf("flagged %q, want %q", got, tt.flagged)
			}
			for _, f := range st.Flagged {
				if !errors.Is(f, ErrInconsistent) {
					t.Errorf("flag %v does not wrap ErrInconsistent", f)
				}
			}
			if tt.layout != GEDJSON { // JSON places a value at its key
				checkPointsAt(t, input, st.Flagged)
			}
			if n := quads(t, g); n != int64(tt.quads) {
				t.Errorf("%d quads, want %d", n, tt.quads)
			}
			// Loading the file again adds nothing.
			if _, err := LoadGED(context.Background(), g, tt.file, bytes.NewReader(input)); err != nil {
				t.Fatal(err)
			}
			if n := quads(t, g); n != int64(tt.quads) {
				t.Errorf("a second load: %d quads, want %d", n, tt.quads)
			}
		})
	}
}

func TestLoadGEDKeepsAnEventsSourcesTimeAndEstimate(t *testing.T) {
	ctx := context.Background()
	g := newGraph(t)
	if _, err := LoadGED(ctx, g, ged231File, bytes.NewReader(readFile(t, ged231File))); err != nil {
		t.Fatal(err)
	}
	// Row 8 of the 23.1 sample: an aggregated event whose low bound is
	// above the best estimate.
	r, err := ReadEvent(ctx, g, DefaultBase.Event(236880))
	if err != nil {
		t.Fatal(err)
	}
	want := Estimate{Best: 2, Low: 3, High: 3, Flag: "low 3 is above best 2"}
	if r.Fatalities != want || r.Fatalities.Consistent() {
		t.Errorf("fatalities %+v, want %+v, inconsistent", r.Fatalities, want)
	}
	// The first row: two sources, a day-precision event in Idlib.
	r, err = ReadEvent(ctx, g, DefaultBase.Event(300380))
	if err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprintf("%s | %s %s %s | %s | %s..%s reported %s | %q | %v | %s | prec %d/%d",
		r.Event.Name, r.SideA.Name, g.Vocabulary().RelationName(r.Violence), r.SideB.Name, r.Claim.Source.Name,
		r.Claim.ValidFrom, r.Claim.ValidUntil, r.Claim.Reported, r.Claim.Quote, r.Places, r.Fatalities, r.DatePrecision, r.WherePrecision)
	wantS := `GED event 300380: Government of Syria - Syrian insurgents, 2013-01-03 | Government of Syria ucdpStateBasedViolence Syrian insurgents | ` +
		`Support Kurds in Syria: Thursday 3 January 2013; VDC: Abdul Satar Mustafa Hankosh | 2013-01-03..2013-01-03 reported 2013-01-03 | ` +
		`"Thursday 3 January 2013; Abdul Satar Mustafa Hankosh" | [Syria Idlib governorate Ariha district] | best 2 (low 2, high 2) | prec 1/1`
	if got != wantS {
		t.Errorf("event 300380:\n got %s\nwant %s", got, wantS)
	}
	if r.Claim.Via.ID != "" {
		t.Errorf("two offices, but via %s", r.Claim.Via.ID)
	}
	// Row 3: date_prec 3 over 10-16 May 1989, one office-less source.
	r, err = ReadEvent(ctx, g, DefaultBase.Event(21300))
	if err != nil {
		t.Fatal(err)
	}
	if r.Claim.ValidFrom != graph.Day(1989, 5, 10) || r.Claim.ValidUntil != graph.Day(1989, 5, 16) || r.Claim.Reported != graph.Day(1989, 5, 16) ||
		!strings.Contains(r.Claim.Note, "no source date") || r.Claim.Source.Name != `Reuters 1989-05-17 "ANGOLAN UNITA REBELS BLOW UP POWER LINES DURING PEACE SUMMIT` {
		t.Errorf("event 21300: claim %+v", r.Claim)
	}
}

func TestValidTimeTakesAWholeMonthOrYearAsItsPrecision(t *testing.T) {
	tests := []struct {
		start, end graph.Date
		prec       int64
		from       graph.Date
	}{
		{graph.Day(2014, 5, 1), graph.Day(2014, 5, 31), 4, graph.Month(2014, 5)},
		{graph.Day(2014, 5, 1), graph.Day(2014, 5, 31), 1, graph.Day(2014, 5, 1)},
		{graph.Day(2014, 1, 1), graph.Day(2014, 12, 31), 5, graph.Year(2014)},
		{graph.Day(2014, 1, 1), graph.Day(2014, 12, 31), 4, graph.Day(2014, 1, 1)},
		{graph.Day(2014, 2, 1), graph.Day(2014, 2, 28), 4, graph.Month(2014, 2)},
		{graph.Day(2014, 5, 2), graph.Day(2014, 5, 31), 4, graph.Day(2014, 5, 2)},
	}
	for _, tt := range tests {
		if from, until := validTime(tt.start, tt.end, tt.prec); from != tt.from || (from.Precision() != graph.DayPrecision && until != from) {
			t.Errorf("validTime(%s, %s, %d) = %s, %s; want from %s", tt.start, tt.end, tt.prec, from, until, tt.from)
		}
	}
}

// badRow returns the 19.1 sample's header and first row, on line 2, with
// column col set to value (or, for col "", with a field appended), and
// then the sample's second row.
func badRow(t testing.TB, col, value string) []byte {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(readFile(t, ged191File)))
	header, _ := r.Read()
	row, _ := r.Read()
	second, _ := r.Read()
	if col == "" {
		row = append(row, value)
	} else {
		row[slices.Index(header, col)] = value
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(header)
	w.Write(row)
	w.Write(second)
	w.Flush()
	return b.Bytes()
}

func TestLoadGEDFailsOnABadRowWithItsPlaceAndWritesNothing(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name     string
		input    []byte
		opts     []GEDOption
		actors   bool // load the actor list first
		line     int
		field    string
		sentinel error
		text     string // in the message
	}{
		{"a date that does not parse", badRow(t, "date_start", "2015-13-11"), nil, false, 2, "date_start", loader.ErrSyntax, "month 13"},
		{"an end before the start", badRow(t, "date_end", "2015-05-01"), nil, false, 2, "date_end", loader.ErrSyntax, "before date_start"},
		{"a number that is not one", badRow(t, "best", "many"), nil, false, 2, "best", loader.ErrSyntax, "whole number"},
		{"an unknown type of violence", badRow(t, "type_of_violence", "4"), nil, false, 2, "type_of_violence", loader.ErrSyntax, "from 1 to 3"},
		{"a wrong column count", badRow(t, "", "extra"), nil, false, 2, "row", loader.ErrSyntax, "43 fields, but the header has 42"},
		{"an unknown side id", badRow(t, "side_b_new_id", "999999"), []GEDOption{RequireKnownActors()}, true, 2, "side_b_new_id", ErrUnknownActor, "load the UCDP actor list first"},
		{"a control character in a name", badRow(t, "side_b", "MND\x01AA"), nil, false, 2, "side_b", loader.ErrSyntax, "control character"},
		{"truncated JSON", readFile(t, gedJSONFile)[:2000], nil, false, 2, "", loader.ErrSyntax, "ends early"},
		{"JSON of another shape", []byte(`{"TotalCount": 1, "Result": {"id": 1}}`), nil, false, 1, "Result", ErrLayout, "array of events"},
		{"an event that is not an object", []byte("[\n  1\n]"), nil, false, 2, "[0]", loader.ErrSyntax, "event object"},
		{"a header that is no GED", []byte("claim,subject,relation,object\n"), nil, false, 1, "header", ErrLayout, "no column id, type_of_violence"},
		{"an empty file", nil, nil, false, 1, "", ErrLayout, "empty file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newGraph(t)
			if tt.actors {
				if _, err := LoadActors(ctx, g, actorsFile, bytes.NewReader(readFile(t, actorsFile))); err != nil {
					t.Fatal(err)
				}
			}
			before := quads(t, g)
			st, err := LoadGED(ctx, g, "bad.csv", bytes.NewReader(tt.input), tt.opts...)
			var le *loader.Error
			if !errors.As(err, &le) {
				t.Fatalf("error %v (stats %+v), want a *loader.Error", err, st)
			}
			if le.File != "bad.csv" || le.Line != tt.line || le.Field != tt.field || !errors.Is(err, tt.sentinel) || !strings.Contains(err.Error(), tt.text) {
				t.Errorf("error %v (line %d, field %q), want line %d, field %q, wrapping %v, saying %q", err, le.Line, le.Field, tt.line, tt.field, tt.sentinel, tt.text)
			}
			if le.Field != "" && le.Field != "row" && le.Field != "header" && !strings.HasPrefix(le.Field, "[") && tt.sentinel != ErrLayout {
				checkPointsAt(t, tt.input, []*loader.Error{le})
			}
			if n := quads(t, g); n != before {
				t.Errorf("a failed load changed the graph from %d quads to %d", before, n)
			}
		})
	}
}

func TestMaxRejectedSkipsBadRowsAndListsThem(t *testing.T) {
	ctx := context.Background()
	input := badRow(t, "date_start", "2015-05-32")
	g := newGraph(t)
	st, err := LoadGED(ctx, g, "bad.csv", bytes.NewReader(input), MaxRejected(1))
	if err != nil {
		t.Fatal(err)
	}
	if st.Rows != 2 || st.Events != 1 || len(st.Rejected) != 1 || st.Rejected[0].Line != 2 || st.Rejected[0].Field != "date_start" {
		t.Errorf("stats %+v, want 2 rows, 1 event, line 2 rejected at date_start", st)
	}
	checkPointsAt(t, input, st.Rejected)
	// The same file twice over: the second bad row is one too many.
	twice := append(slices.Clone(input), bytes.SplitN(input, []byte("\n"), 2)[1]...)
	line := bytes.Count(input, []byte("\n")) + 1
	g = newGraph(t)
	if _, err := LoadGED(ctx, g, "bad.csv", bytes.NewReader(twice), MaxRejected(1)); err == nil || !strings.Contains(err.Error(), fmt.Sprintf("bad.csv:%d:", line)) {
		t.Errorf("error %v, want one at line %d", err, line)
	}
	if n := quads(t, g); n != 0 {
		t.Errorf("a failed load wrote %d quads", n)
	}
}

func TestLoadGEDReadsCRLFAndABOM(t *testing.T) {
	input := readFile(t, ged191File)
	crlf := append([]byte("\ufeff"), bytes.ReplaceAll(input, []byte("\n"), []byte("\r\n"))...)
	g := newGraph(t)
	st, err := LoadGED(context.Background(), g, "crlf.csv", bytes.NewReader(crlf))
	if err != nil {
		t.Fatal(err)
	}
	if st.Events != 1000 || st.Facts != 10822 || st.Attributes != 13003 || quads(t, g) != 41084 {
		t.Errorf("CRLF: %+v, %d quads; want what LF gives", st, quads(t, g))
	}
}

func TestLoadGEDRefusesAGraphWithoutItsTerms(t *testing.T) {
	g, err := graph.Open(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	if _, err := LoadGED(context.Background(), g, ged191File, bytes.NewReader(readFile(t, ged191File))); !errors.Is(err, ErrVocabulary) {
		t.Errorf("error %v, want ErrVocabulary", err)
	}
}

func TestMaxLineBytesBoundsALine(t *testing.T) {
	input := badRow(t, "source_original", strings.Repeat("x", 5000))
	g := newGraph(t)
	_, err := LoadGED(context.Background(), g, "long.csv", bytes.NewReader(input), MaxLineBytes(4096))
	var le *loader.Error
	if !errors.As(err, &le) || le.Line != 2 || !strings.Contains(err.Error(), "MaxLineBytes") {
		t.Errorf("error %v, want one at line 2 naming MaxLineBytes", err)
	}
	_, err = LoadGED(context.Background(), g, "many.csv", bytes.NewReader(input), MaxRows(1))
	if !errors.As(err, &le) || le.Line != 3 || !strings.Contains(err.Error(), "MaxRows") {
		t.Errorf("error %v, want one at line 3 naming MaxRows", err)
	}
}

func TestGEDSidesResolveThroughTheActorList(t *testing.T) {
	ctx := context.Background()
	g := newGraph(t)
	if _, err := LoadActors(ctx, g, actorsFile, bytes.NewReader(readFile(t, actorsFile))); err != nil {
		t.Fatal(err)
	}
	input := readFile(t, ged231File)
	st, err := LoadGED(ctx, g, ged231File, bytes.NewReader(input), RequireKnownActors(), MaxRejected(10))
	if err != nil {
		t.Fatal(err)
	}
	// Four sides are newer than the 22.1 actor list (B40, 400 Mawozo...).
	want := []string{"120:135 side_a_new_id", "413:126 side_a_new_id", "699:125 side_a_new_id", "1044:191 side_b_new_id"}
	if got := places(st.Rejected); !slices.Equal(got, want) || st.Events != 996 || st.Actors != 1 {
		t.Errorf("rejected %q, %d events, %d new actors; want %q, 996, 1 (Civilians)", got, st.Events, st.Actors, want)
	}
	checkPointsAt(t, input, st.Rejected)
	// Row 28, side A 7672: a temporary coalition of eight, which the list
	// gives as its members' NSCoalitionID; GED names the side by them.
	r, err := ReadEvent(ctx, g, DefaultBase.Event(301611))
	if err != nil {
		t.Fatal(err)
	}
	members, err := g.Edges(ctx, schema.MemberOf, graph.To(r.SideA.ID))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, m := range members {
		names = append(names, m.Subject.Name)
	}
	slices.SortFunc(names, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) })
	gedName := "Ahfad al Rasoul Brigade, Ahrar al-Sham, al-Farouq Brigades, Ghuraba al-Sham, IS, Jabhat Fateh al-Sham, Jazeera-Euphrates Liberation Front, Liwa al-Fateh"
	if r.SideA.ID != DefaultBase.Actor(7672) || !slices.Contains(r.SideA.Kinds, schema.Coalition) || len(names) != 8 ||
		strings.Join(names, ", ") != gedName || r.SideA.Name != "UCDP coalition 7672" || !slices.Contains(r.SideA.Aliases, graph.Alias{Name: gedName}) {
		t.Errorf("side A %s %v with members %q; want coalition 7672 of %s", r.SideA.ID, r.SideA.Kinds, names, gedName)
	}
	// HTS, as the actor list names it, is the side GED names "HTS".
	e, err := g.ResolveOne(ctx, "Hay’at Tahrir al-Sham")
	if err != nil || e.ID != DefaultBase.Actor(6815) {
		t.Errorf("resolve HTS's full name: %v, %v", e.ID, err)
	}
}

func TestALowAboveBestIsKeptAndFlaggedNotRejected(t *testing.T) {
	ctx := context.Background()
	input := badRow(t, "low", "5") // best is 1
	g := newGraph(t)
	st, err := LoadGED(ctx, g, "low.csv", bytes.NewReader(input))
	if err != nil {
		t.Fatal(err)
	}
	if st.Events != 2 || len(st.Rejected) != 0 || len(st.Flagged) != 1 || st.Flagged[0].Line != 2 || st.Flagged[0].Field != "low" ||
		!errors.Is(st.Flagged[0], ErrInconsistent) {
		t.Fatalf("stats %+v, want 2 events, the low of line 2 flagged", st)
	}
	checkPointsAt(t, input, st.Flagged)
	r, err := ReadEvent(ctx, g, DefaultBase.Event(209980))
	if err != nil {
		t.Fatal(err)
	}
	if want := (Estimate{Best: 1, Low: 5, High: 30, Flag: "low 5 is above best 1"}); r.Fatalities != want {
		t.Errorf("fatalities %+v, want %+v", r.Fatalities, want)
	}
}

func TestLoadGEDReadsAnAPIPage(t *testing.T) {
	events := readFile(t, gedJSONFile)
	first := bytes.TrimSuffix(bytes.SplitN(events, []byte("\n"), 2)[0], []byte(","))
	page := []byte(`{"TotalCount": 386, "TotalPages": 386, "PreviousPageUrl": "", "Result": [` + string(first[1:]) + "\n" +
		`], "NextPageUrl": "https://example.org/next", "Extra": {"a": [1, 2]}}`)
	g := newGraph(t)
	st, err := LoadGED(context.Background(), g, "page.json", bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	if st.Layout != GEDJSON || st.Events != 1 || st.Rows != 1 {
		t.Errorf("stats %+v, want the page's one event", st)
	}
	if _, err := ReadEvent(context.Background(), g, DefaultBase.Event(162002)); err != nil {
		t.Error(err)
	}
	if _, err := LoadGED(context.Background(), newGraph(t), "page.json", bytes.NewReader(append(page, []byte(" []")...))); err == nil ||
		!strings.Contains(err.Error(), "data after the events") {
		t.Errorf("data after the page: %v", err)
	}
}
