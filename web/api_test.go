package web_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/answer"
	"github.com/actorgraph/actorgraph/loader"
	"github.com/actorgraph/actorgraph/web"
)

const (
	syria = "https://actorgraph.org/id/syria/"
	town  = "https://example.org/town/"
)

// testGraph is the Syria dataset and testdata/town.yaml, whose names and
// quotes are hostile, in one graph.
func testGraph(t *testing.T) *graph.Graph {
	t.Helper()
	return graphOf(t, "../examples/syria/syria.yaml", "testdata/town.yaml")
}

// graphOf is a graph in memory with the datasets at paths loaded.
func graphOf(t *testing.T, paths ...string) *graph.Graph {
	t.Helper()
	ctx := context.Background()
	g, err := graph.Open(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { g.Close() })
	for _, path := range paths {
		if _, err := loader.LoadFile(ctx, g, path); err != nil {
			t.Fatal(err)
		}
	}
	return g
}

func testServer(t *testing.T, opts ...web.Option) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(web.NewHandler(testGraph(t), opts...))
	t.Cleanup(srv.Close)
	return srv
}

// get requests path of srv and returns the status and the body.
func get(t *testing.T, srv *httptest.Server, path string) (int, []byte) {
	t.Helper()
	resp, err := srv.Client().Get(srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, b
}

// results requests path, wants 200, and decodes the document's results.
func results[T any](t *testing.T, srv *httptest.Server, path string) T {
	t.Helper()
	status, b := get(t, srv, path)
	if status != http.StatusOK {
		t.Fatalf("GET %s: status %d: %s", path, status, b)
	}
	var doc struct {
		Command string `json:"command"`
		Results T      `json:"results"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatalf("GET %s: %v: %s", path, err, b)
	}
	if want := strings.TrimPrefix(strings.SplitN(path, "?", 2)[0], "/api/"); doc.Command != want {
		t.Fatalf("GET %s: command %q, want %q", path, doc.Command, want)
	}
	return doc.Results
}

// q builds a query string from name, value pairs.
func q(kv ...string) string {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Add(kv[i], kv[i+1])
	}
	return "?" + v.Encode()
}

type network struct {
	Entities []answer.Entity `json:"entities"`
	Edges    []struct {
		answer.Edge
		Denied bool `json:"denied"`
		Ended  bool `json:"ended"`
		Event  bool `json:"event"`
	} `json:"edges"`
	Truncated bool `json:"truncated"`
}

// held returns "subject name -> object name" of the controls edges of n
// that are neither denied nor ended.
func held(n network) []string {
	var out []string
	for _, e := range n.Edges {
		if e.Relation == "controls" && !e.Denied && !e.Ended {
			out = append(out, e.Subject.Name+" -> "+e.Object.Name)
		}
	}
	return out
}

func TestNetworkFollowsBothClocks(t *testing.T) {
	srv := testServer(t)
	cases := []struct {
		name, query string
		want        []string
	}{
		{"in 2019 HTS holds nothing and the town is the army's", q("asOf", "2019"),
			[]string{"The army -> The town"}},
		{"on 7 December 2024 the rebels hold Aleppo and Daraa", q("asOf", "2024-12-07"),
			[]string{"Hayat Tahrir al-Sham -> Idlib province", "Rebel coalition -> Aleppo", "Rebel coalition -> Daraa", "The army -> The town"}},
		{"known on 6 December, nothing of the offensive is", q("asOf", "2024-12-07", "knownAt", "2024-12-06"),
			[]string{"The army -> The town"}},
		{"in April 2023 the militia holds the town, as known on 30 April", q("asOf", "2023-04-21", "knownAt", "2023-04-30"),
			[]string{"<script>alert(1)</script> -> The town"}},
		{"known on 1 May the army holds it again from 20 April", q("asOf", "2023-04-21", "knownAt", "2023-05-01"),
			[]string{"The army -> The town"}},
		{"by the paper alone", q("asOf", "2024-12-07", "source", town+"paper"),
			[]string{"The army -> The town"}},
		{"during 2023, both holders", q("during", "2023", "source", town+"paper"),
			[]string{"<script>alert(1)</script> -> The town", "The army -> The town"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			n := results[network](t, srv, "/api/network"+c.query)
			if got := strings.Join(held(n), "; "); got != strings.Join(c.want, "; ") {
				t.Errorf("held:\n got %s\nwant %s", got, strings.Join(c.want, "; "))
			}
			ends := map[string]bool{}
			for _, e := range n.Entities {
				ends[string(e.ID)] = true
			}
			for _, e := range n.Edges {
				if !ends[string(e.Subject.ID)] || !ends[string(e.Object.ID)] {
					t.Errorf("edge %s %s %s: an end is not among the entities", e.Subject.ID, e.Relation, e.Object.ID)
				}
			}
		})
	}
}

func TestNetworkMarksEndedContestedDeniedAndEvents(t *testing.T) {
	srv := testServer(t)
	n := results[network](t, srv, "/api/network"+q("asOf", "2023-06", "ended", "1"))
	var ended, events int
	for _, e := range n.Edges {
		if e.Relation == "controls" && e.Object.ID == town+"town" {
			if want := e.Subject.ID == town+"militia"; e.Ended != want {
				t.Errorf("%s controls the town: ended %v, want %v", e.Subject.Name, e.Ended, want)
			}
		}
		if e.Ended {
			ended++
		}
		if e.Event != (e.Relation == "captured" || e.Relation == "withdrewFrom" || e.Relation == "fledTo") {
			t.Errorf("%s: event %v", e.Relation, e.Event)
		}
		if e.Event {
			events++
		}
	}
	if ended != 1 {
		t.Errorf("%d ended edges in June 2023 with ended=1, want 1 (the militia's control)", ended)
	}
	n = results[network](t, srv, "/api/network"+q("asOf", "2023-06"))
	for _, e := range n.Edges {
		if e.Ended {
			t.Errorf("without ended=1, %s %s %s is returned ended", e.Subject.Name, e.Relation, e.Object.Name)
		}
	}
	n = results[network](t, srv, "/api/network"+q("asOf", "2024-12-07"))
	var contested, denied int
	for _, e := range n.Edges {
		if e.Contested {
			contested++
			if e.Relation != "withdrewFrom" || len(e.Evidence) != 2 {
				t.Errorf("contested: %s %s %s with %d claims", e.Subject.Name, e.Relation, e.Object.Name, len(e.Evidence))
			}
		}
		if e.Denied {
			denied++
		}
	}
	if contested != 1 || events == 0 {
		t.Errorf("7 December 2024: %d contested edges, want 1; June 2023: %d events, want some", contested, events)
	}
	// In 2019 the withdrawal is not yet asserted, but its denial (which gives
	// no dates) denies it at all times.
	n = results[network](t, srv, "/api/network"+q("asOf", "2019"))
	for _, e := range n.Edges {
		if e.Relation == "withdrewFrom" && !e.Denied {
			t.Errorf("2019: the withdrawal is not marked denied")
		}
	}
}

func TestDatesAreTheDataDates(t *testing.T) {
	srv := testServer(t)
	d := results[struct{ Valid, Reported []string }](t, srv, "/api/dates")
	// 2018 and 2024-11-27 are the dates of attribute claims (members, activity).
	for _, want := range []string{"2015", "2018", "2020", "2023-03-04", "2023-04-20", "2024-11-27", "2024-12-06", "2024-12-07"} {
		if !contains(d.Valid, want) {
			t.Errorf("valid dates %v lack %s", d.Valid, want)
		}
	}
	if strings.Join(d.Reported, " ") != "2020-01-10 2023-03-05 2023-05-01 2024-12-06 2024-12-07" {
		t.Errorf("reported dates %v", d.Reported)
	}
	for i := 1; i < len(d.Valid); i++ {
		if d.Valid[i-1] >= d.Valid[i] {
			t.Errorf("valid dates not sorted: %v", d.Valid)
		}
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func TestVocabularyForTheLegend(t *testing.T) {
	srv := testServer(t)
	v := results[struct {
		Kinds []struct {
			Name, Root string
		}
		Relations []struct {
			Name  string
			Event bool
		}
	}](t, srv, "/api/vocabulary")
	roots := map[string]string{}
	for _, k := range v.Kinds {
		roots[k.Name] = k.Root
	}
	if roots["ArmedGroup"] != "Actor" || roots["City"] != "Place" || roots["Report"] != "Document" {
		t.Errorf("roots: ArmedGroup %q, City %q, Report %q", roots["ArmedGroup"], roots["City"], roots["Report"])
	}
	events := map[string]bool{}
	for _, r := range v.Relations {
		events[r.Name] = r.Event
	}
	if !events["captured"] || events["controls"] {
		t.Errorf("captured event %v, controls event %v", events["captured"], events["controls"])
	}
}

func TestQuestions(t *testing.T) {
	srv := testServer(t)
	t.Run("resolve finds a spelling of the report", func(t *testing.T) {
		es := results[[]answer.Entity](t, srv, "/api/resolve"+q("name", "Derraa"))
		if len(es) != 1 || es[0].ID != syria+"daraa" {
			t.Errorf("Derraa: %+v", es)
		}
		if es := results[[]answer.Entity](t, srv, "/api/resolve"+q("name", "nobody at all")); len(es) != 0 {
			t.Errorf("nobody at all: %+v", es)
		}
	})
	t.Run("entity reads names and attributes under the filters", func(t *testing.T) {
		rs := results[[]answer.EntityResult](t, srv, "/api/entity"+q("id", syria+"hts"))
		if len(rs) != 1 || rs[0].Name != "Hayat Tahrir al-Sham" || len(rs[0].Aliases) == 0 || len(rs[0].Attributes) == 0 {
			t.Fatalf("hts: %+v", rs)
		}
		all := len(rs[0].Attributes)
		rs = results[[]answer.EntityResult](t, srv, "/api/entity"+q("id", syria+"hts", "knownAt", "2024-12-06"))
		if len(rs[0].Attributes) != 0 {
			t.Errorf("hts known at 2024-12-06: %d attributes, want 0 (all reported on 7 December); %d without the filter", len(rs[0].Attributes), all)
		}
	})
	t.Run("edges: who backs the coalition", func(t *testing.T) {
		es := results[[]answer.Edge](t, srv, "/api/edges"+q("relation", "backs", "to", syria+"coalition", "asOf", "2024-12-07"))
		if len(es) != 1 || es[0].Subject.Name != "Turkey" || es[0].Evidence[0].Quote != "a Turkish-backed coalition of rebels" {
			t.Errorf("%+v", es)
		}
		if es := results[[]answer.Edge](t, srv, "/api/edges"+q("relation", "backs", "to", syria+"coalition", "asOf", "2019")); len(es) != 0 {
			t.Errorf("as of 2019: %+v", es)
		}
		if es := results[[]answer.Edge](t, srv, "/api/edges"+q("relation", "controls", "from", syria+"hts", "during", "2019..2020")); len(es) != 1 {
			t.Errorf("HTS during 2019..2020: %+v", es)
		}
	})
	t.Run("history of the town keeps the superseded claim", func(t *testing.T) {
		ins := results[[]answer.Interval](t, srv, "/api/history"+q("relation", "controls", "to", town+"town"))
		var got []string
		for _, in := range ins {
			got = append(got, in.From+" "+in.Subject.Name+" ended "+in.Claim.EndedOn)
		}
		want := "2015 The army ended 2023-03-04; 2023-03-04 <script>alert(1)</script> ended 2023-04-20; 2023-04-20 The army ended "
		if strings.Join(got, "; ") != want {
			t.Errorf("history:\n got %s\nwant %s", strings.Join(got, "; "), want)
		}
		if ins := results[[]answer.Interval](t, srv, "/api/history"+q("relation", "controls", "from", syria+"hts", "asOf", "2019")); len(ins) != 0 {
			t.Errorf("HTS in 2019: %+v", ins)
		}
	})
	t.Run("changes in world time and in report time", func(t *testing.T) {
		chs := results[[]answer.Change](t, srv, "/api/changes"+q("since", "2024-12-06", "until", "2024-12-06", "to", syria+"daraa"))
		var got []string
		for _, ch := range chs {
			got = append(got, ch.Kind+" "+ch.Relation)
		}
		if strings.Join(got, ", ") != "began controls, happened captured" {
			t.Errorf("changes at Daraa on 6 December: %v", got)
		}
		chs = results[[]answer.Change](t, srv, "/api/changes"+q("since", "2023-05", "until", "2023-05", "reportTime", "1", "to", town+"town"))
		if len(chs) != 1 || chs[0].Kind != "reported" {
			t.Errorf("reported in May 2023: %+v", chs)
		}
		chs = results[[]answer.Change](t, srv, "/api/changes"+q("since", "2023", "until", "2023", "knownAt", "2023-04-30", "to", town+"town"))
		for _, ch := range chs {
			if ch.On == "2023-04-20" {
				t.Errorf("known on 30 April, a change of 20 April: %+v", ch)
			}
		}
	})
	t.Run("lineage of HTS, bounded", func(t *testing.T) {
		steps := results[[]answer.Step](t, srv, "/api/lineage"+q("id", syria+"hts"))
		if len(steps) != 2 {
			t.Errorf("lineage: %+v", steps)
		}
		if steps := results[[]answer.Step](t, srv, "/api/lineage"+q("id", syria+"hts", "knownAt", "2024-12-06")); len(steps) != 0 {
			t.Errorf("lineage known on 6 December: %+v", steps)
		}
		if steps := results[[]answer.Step](t, srv, "/api/lineage"+q("id", syria+"hts", "maxDepth", "1")); len(steps) != 2 {
			t.Errorf("lineage at depth 1: %+v", steps)
		}
	})
	t.Run("path from Turkey to Assad", func(t *testing.T) {
		steps := results[[]answer.Step](t, srv, "/api/path"+q("from", syria+"turkey", "to", syria+"assad", "asOf", "2024-12-07"))
		if len(steps) != 2 || steps[0].Relation != "backs" || steps[1].Relation != "opposes" {
			t.Errorf("path: %+v", steps)
		}
		if status, b := get(t, srv, "/api/path"+q("from", syria+"turkey", "to", syria+"assad", "asOf", "2019")); status != http.StatusNotFound {
			t.Errorf("path as of 2019: status %d: %s", status, b)
		}
	})
	t.Run("contested, anchored", func(t *testing.T) {
		es := results[[]answer.Edge](t, srv, "/api/contested")
		if len(es) != 1 || es[0].Relation != "withdrewFrom" {
			t.Errorf("contested: %+v", es)
		}
		if es := results[[]answer.Edge](t, srv, "/api/contested"+q("from", syria+"turkey")); len(es) != 0 {
			t.Errorf("contested from Turkey: %+v", es)
		}
		if es := results[[]answer.Edge](t, srv, "/api/contested"+q("knownAt", "2024-12-06")); len(es) != 0 {
			t.Errorf("contested known on 6 December: %+v", es)
		}
	})
	t.Run("find states backing the coalition", func(t *testing.T) {
		ms := results[[]answer.Match](t, srv, "/api/find"+q("kind", "State", "where", "backs:to:"+syria+"coalition", "asOf", "2024-12-07"))
		if len(ms) != 1 || ms[0].Entity.Name != "Turkey" {
			t.Errorf("find: %+v", ms)
		}
		ms = results[[]answer.Match](t, srv, "/api/find"+q("kind", "Organization", "where", "leads:from:"+syria+"hts", "where", "https://actorgraph.org/ns#backs:to:"+syria+"coalition"))
		if len(ms) != 0 {
			t.Errorf("organizations HTS leads and that back the coalition: %+v", ms)
		}
		if ms := results[[]answer.Match](t, srv, "/api/find"+q("kind", "State", "where", "backs:to:"+syria+"coalition", "asOf", "2019")); len(ms) != 0 {
			t.Errorf("find as of 2019: %+v", ms)
		}
	})
}

// TestRefusedInput sends what the API refuses and checks the status and
// that the message names what was wrong.
func TestRefusedInput(t *testing.T) {
	srv := testServer(t)
	long := strings.Repeat("a", 5000)
	nineWheres := []string{"kind", "State"}
	for range 9 {
		nineWheres = append(nineWheres, "where", "backs:to:"+syria+"coalition")
	}
	cases := []struct {
		name, path string
		status     int
		says       string
	}{
		{"a month 13", "/api/edges" + q("relation", "backs", "asOf", "2024-13-01"), 400, `asOf="2024-13-01"`},
		{"30 February", "/api/network" + q("asOf", "2024-02-30"), 400, "asOf"},
		{"a date in words", "/api/entity" + q("id", syria+"hts", "knownAt", "yesterday"), 400, `knownAt="yesterday"`},
		{"a bad window", "/api/network" + q("during", "2024..soon"), 400, "during"},
		{"certain alone", "/api/network" + q("certain", "1"), 400, "certain needs asOf or during"},
		{"a bad boolean", "/api/network" + q("ended", "yes"), 400, `ended="yes"`},
		{"an unknown entity", "/api/entity" + q("id", syria+"nobody"), 404, "not found"},
		{"an unknown anchor", "/api/edges" + q("relation", "backs", "from", syria+"nobody"), 404, "parameter from"},
		{"an unknown source", "/api/network" + q("source", syria+"nobody"), 404, "parameter source"},
		{"an unknown path end", "/api/path" + q("from", syria+"turkey", "to", syria+"nobody"), 404, "parameter to"},
		{"a short id", "/api/lineage" + q("id", "hts"), 400, "full IRI"},
		{"no id", "/api/entity", 400, `"id" is required`},
		{"an unknown relation", "/api/edges" + q("relation", "bakcs"), 400, `"bakcs" is not a relation`},
		{"an unknown kind", "/api/find" + q("kind", "Militia"), 400, `"Militia" is not a kind`},
		{"a malformed where", "/api/find" + q("kind", "State", "where", "backs"), 400, "RELATION:from:ID"},
		{"a where on an unknown entity", "/api/find" + q("kind", "State", "where", "backs:to:"+syria+"nobody"), 404, "parameter where"},
		{"nine wheres", "/api/find" + q(nineWheres...), 400, "at most 8"},
		{"a depth beyond the bound", "/api/lineage" + q("id", syria+"hts", "maxDepth", "100"), 400, "from 1 to 8"},
		{"a depth of zero", "/api/path" + q("from", syria+"turkey", "to", syria+"assad", "maxDepth", "0"), 400, "maxDepth"},
		{"changes without until", "/api/changes" + q("since", "2024"), 400, `"until" is required`},
		{"changes as of a date", "/api/changes" + q("since", "2024", "until", "2024", "asOf", "2024"), 400, `unknown parameter "asOf"`},
		{"an unknown parameter", "/api/network" + q("asof", "2024"), 400, `unknown parameter "asof"`},
		{"a parameter twice", "/api/network" + q("asOf", "2024", "asOf", "2023"), 400, "given 2 times"},
		{"a parameter where none is taken", "/api/dates" + q("x", "1"), 400, "takes none"},
		{"an oversized name", "/api/resolve" + q("name", strings.Repeat("a", 600)), 400, "at most 512"},
		{"an oversized query string", "/api/resolve" + q("name", long), 414, "at most 4096"},
		{"a malformed query string", "/api/network?asOf=%zz", 400, "query string"},
		{"an unknown endpoint", "/api/write", 404, ""},
		{"an asset outside the assets", "/static/..%2fweb.go", 404, ""},
		{"a directory of assets", "/static/", 404, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			status, b := get(t, srv, c.path)
			if status != c.status {
				t.Fatalf("status %d, want %d: %s", status, c.status, b)
			}
			if c.says == "" {
				return
			}
			var doc struct{ Error string }
			if err := json.Unmarshal(b, &doc); err != nil {
				t.Fatalf("%v: %s", err, b)
			}
			if !strings.Contains(doc.Error, c.says) {
				t.Errorf("error %q does not say %q", doc.Error, c.says)
			}
		})
	}
}

func TestReadOnlyAndNoCrossOrigin(t *testing.T) {
	srv := testServer(t)
	for _, m := range []string{http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodPatch, http.MethodOptions} {
		req, _ := http.NewRequest(m, srv.URL+"/api/network", strings.NewReader(""))
		req.Header.Set("Origin", "https://evil.example")
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != "GET, HEAD" {
			t.Errorf("%s: status %d, Allow %q", m, resp.StatusCode, resp.Header.Get("Allow"))
		}
		if h := resp.Header.Get("Access-Control-Allow-Origin"); h != "" {
			t.Errorf("%s: Access-Control-Allow-Origin %q", m, h)
		}
	}
	req, _ := http.NewRequest(http.MethodGet, srv.URL+"/api/dates", strings.NewReader(strings.Repeat("x", 1<<20)))
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("a GET with a 1 MiB body: status %d, want 413", resp.StatusCode)
	}
	for _, path := range []string{"/", "/api/dates", "/static/app.js"} {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+path, nil)
		req.Header.Set("Origin", "https://evil.example")
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s: status %d", path, resp.StatusCode)
		}
		if h := resp.Header.Get("Access-Control-Allow-Origin"); h != "" {
			t.Errorf("GET %s: Access-Control-Allow-Origin %q", path, h)
		}
		if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe") {
			t.Errorf("GET %s: Content-Security-Policy %q", path, csp)
		}
		if resp.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("GET %s: no nosniff", path)
		}
	}
}

// TestForeignHostsAreRefused: a page of another site that a DNS name of its
// own points at 127.0.0.1 sends its name as Host, and is refused.
func TestForeignHostsAreRefused(t *testing.T) {
	for _, c := range []struct {
		host   string
		opts   []web.Option
		status int
	}{
		{"localhost:8080", nil, 200},
		{"127.0.0.1", nil, 200},
		{"127.8.9.10:80", nil, 200},
		{"[::1]:8080", nil, 200},
		{"evil.example", nil, 421},
		{"evil.example:8080", nil, 421},
		{"192.168.1.5:8080", nil, 421},
		{"192.168.1.5:8080", []web.Option{web.WithHosts("192.168.1.5")}, 200},
		{"Analysis.Example:8080", []web.Option{web.WithHosts("analysis.example")}, 200},
		{"evil.example", []web.Option{web.WithHosts("analysis.example")}, 421},
	} {
		srv := testServer(t, c.opts...)
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"/api/dates", nil)
		req.Host = c.host
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != c.status {
			t.Errorf("Host %s (%d options): status %d, want %d", c.host, len(c.opts), resp.StatusCode, c.status)
		}
	}
}

func TestHostileTextIsEscapedInJSON(t *testing.T) {
	srv := testServer(t)
	for _, path := range []string{"/api/network" + q("asOf", "2023-04-01"), "/api/entity" + q("id", town+"militia"), "/api/resolve" + q("name", "<script>alert(1)</script>")} {
		status, b := get(t, srv, path)
		if status != http.StatusOK {
			t.Fatalf("GET %s: %d %s", path, status, b)
		}
		if strings.ContainsAny(string(b), "<>") {
			t.Errorf("GET %s: the answer holds a raw < or >: %.200s", path, b)
		}
		if !strings.Contains(string(b), `\u003cscript\u003ealert(1)\u003c/script\u003e`) {
			t.Errorf("GET %s: the hostile name is not in the answer, escaped: %.300s", path, b)
		}
	}
}

func TestHeadAndAssets(t *testing.T) {
	srv := testServer(t)
	for path, ctype := range map[string]string{"/": "text/html", "/static/app.js": "javascript", "/static/app.css": "text/css"} {
		resp, err := srv.Client().Head(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !strings.Contains(resp.Header.Get("Content-Type"), ctype) {
			t.Errorf("HEAD %s: %d %q", path, resp.StatusCode, resp.Header.Get("Content-Type"))
		}
	}
}

// TestScriptNeverParsesHTML: the page's script builds every element with
// createElement and textContent; none of the calls that parse a string as
// HTML or run it as code appears in it, and the page has no inline script.
func TestScriptNeverParsesHTML(t *testing.T) {
	for _, name := range []string{"assets/app.js", "assets/index.html"} {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		bad := regexp.MustCompile(`innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function|setTimeout\(\s*["']|DOMParser|createContextualFragment|srcdoc`)
		if m := bad.FindAllString(string(b), -1); m != nil {
			t.Errorf("%s uses %v", name, m)
		}
	}
	b, _ := os.ReadFile("assets/index.html")
	if scripts := regexp.MustCompile(`<script[^>]*>`).FindAllString(string(b), -1); len(scripts) != 1 || !strings.Contains(scripts[0], `src="static/app.js"`) {
		t.Errorf("the page's scripts: %v, want the one static/app.js", scripts)
	}
	if regexp.MustCompile(`\son[a-z]+=`).Match(b) {
		t.Errorf("the page has an inline event handler")
	}
}

func TestServerHasTimeouts(t *testing.T) {
	s := web.NewServer("127.0.0.1:0", http.NotFoundHandler())
	if s.ReadHeaderTimeout <= 0 || s.ReadTimeout <= 0 || s.WriteTimeout <= 0 || s.IdleTimeout <= 0 || s.MaxHeaderBytes <= 0 || s.MaxHeaderBytes > 1<<20 {
		t.Errorf("timeouts: header %v, read %v, write %v, idle %v; max header %d",
			s.ReadHeaderTimeout, s.ReadTimeout, s.WriteTimeout, s.IdleTimeout, s.MaxHeaderBytes)
	}
}
