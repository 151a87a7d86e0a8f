package web_test

import (
	"bytes"
	"context"
	"flag"
	"html"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/web"
)

// update writes the screenshot of the Syria network on 7 December 2024 to
// docs/web-view.png, the picture the README shows:
//
//	go test ./web/ -run TestPageInChromium -update
var update = flag.Bool("update", false, "write docs/web-view.png from the page as Chromium draws it")

// browser returns Debian's chromium, or skips the test when it is not
// installed, unless ACTORGRAPH_REQUIRE_CHROMIUM=1 (as CI sets) makes that a
// failure.
func browser(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("ACTORGRAPH_REQUIRE_CHROMIUM") == "1" {
		t.Fatal("chromium is not installed and ACTORGRAPH_REQUIRE_CHROMIUM=1: install Debian's chromium package")
	}
	t.Skip("chromium is not installed (Debian's chromium package); set ACTORGRAPH_REQUIRE_CHROMIUM=1 to make this a failure")
	return ""
}

// page is one run of headless Chromium against the view.
type page struct {
	t   *testing.T
	bin string
	srv *httptest.Server
}

// run loads the page at the query string query and lets it run (its
// fetches, its clicks) for up to ten seconds of virtual time, then either
// dumps its DOM or, with screenshot set, writes a PNG there.
func (p page) run(query, screenshot string) string {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	args := []string{"--headless", "--disable-gpu", "--no-first-run", "--disable-extensions",
		"--user-data-dir=" + p.t.TempDir(), "--window-size=1400,900", "--hide-scrollbars",
		"--virtual-time-budget=10000"}
	if os.Geteuid() == 0 {
		args = append(args, "--no-sandbox") // Chromium refuses to run as root with its sandbox
	}
	if screenshot != "" {
		args = append(args, "--screenshot="+screenshot)
	} else {
		args = append(args, "--dump-dom")
	}
	args = append(args, p.srv.URL+"/"+query)
	cmd := exec.CommandContext(ctx, p.bin, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		p.t.Fatalf("chromium %s: %v\n%s", query, err, stderr.Bytes())
	}
	if screenshot != "" {
		if fi, err := os.Stat(screenshot); err != nil || fi.Size() < 10000 {
			p.t.Fatalf("chromium %s: no screenshot: %v\n%s", query, err, stderr.Bytes())
		}
		return ""
	}
	dom := stdout.String()
	if !strings.Contains(dom, `data-state="ready"`) {
		p.t.Fatalf("chromium %s: the page did not become ready:\n%.2000s\n%s", query, dom, stderr.Bytes())
	}
	return dom
}

// element is one element of a dumped DOM: its tag, attributes and the text
// up to its next tag.
type element struct {
	tag   string
	attrs map[string]string
}

var (
	tagRE  = regexp.MustCompile(`<([a-zA-Z][a-zA-Z0-9]*)((?:\s+[^\s=>]+(?:="[^"]*")?)*)\s*/?>`)
	attrRE = regexp.MustCompile(`([^\s=>]+)(?:="([^"]*)")?`)
)

func elements(dom, tag string) []element {
	var out []element
	for _, m := range tagRE.FindAllStringSubmatch(dom, -1) {
		if m[1] != tag {
			continue
		}
		e := element{tag: m[1], attrs: map[string]string{}}
		for _, a := range attrRE.FindAllStringSubmatch(m[2], -1) {
			e.attrs[a[1]] = html.UnescapeString(a[2])
		}
		out = append(out, e)
	}
	return out
}

// edges returns the drawn edges of a DOM as "subject relation object" with
// their classes.
func drawnEdges(dom string) map[string]string {
	out := map[string]string{}
	for _, e := range elements(dom, "g") {
		if strings.HasPrefix(e.attrs["class"], "edge") {
			out[e.attrs["data-key"]] = e.attrs["class"]
		}
	}
	return out
}

func key(subject, relation, object string) string { return subject + " " + relation + " " + object }

// textOf returns the text of the first element whose opening tag matches
// open, up to its closing tag, unescaped.
func textOf(t *testing.T, dom, open, closing string) string {
	t.Helper()
	i := strings.Index(dom, open)
	if i < 0 {
		t.Fatalf("no %s in the page:\n%.3000s", open, dom)
	}
	rest := dom[i+len(open):]
	j := strings.Index(rest, closing)
	if j < 0 {
		t.Fatalf("%s is not closed", open)
	}
	return html.UnescapeString(regexp.MustCompile(`<[^>]*>`).ReplaceAllString(rest[:j], " "))
}

func TestPageInChromium(t *testing.T) {
	bin := browser(t)
	p := page{t: t, bin: bin, srv: testServer(t)}

	t.Run("in 2019 HTS holds nothing", func(t *testing.T) {
		p.t = t
		dom := p.run("?asOf=2019", "")
		es := drawnEdges(dom)
		for k := range es {
			if strings.HasPrefix(k, syria+"hts controls ") {
				t.Errorf("2019: drawn %s", k)
			}
		}
		if _, ok := es[key(syria+"assad", "headOfState", syria+"syria")]; !ok {
			t.Errorf("2019: Assad heads Syria is not drawn; drawn: %v", es)
		}
	})
	t.Run("on 7 December 2024 the rebels hold Aleppo and Daraa", func(t *testing.T) {
		p.t = t
		es := drawnEdges(p.run("?asOf=2024-12-07", ""))
		for _, place := range []string{"aleppo", "daraa"} {
			class, ok := es[key(syria+"coalition", "controls", syria+place)]
			if !ok || strings.Contains(class, "ended") || strings.Contains(class, "denied") {
				t.Errorf("the coalition's control of %s: drawn %v, class %q", place, ok, class)
			}
		}
		if class := es[key(syria+"syrian-army", "withdrewFrom", syria+"damascus-countryside")]; !strings.Contains(class, "contested") || !strings.Contains(class, "event") {
			t.Errorf("the withdrawal: class %q, want contested and event", class)
		}
	})
	t.Run("known on 6 December 2024 the rebels hold neither", func(t *testing.T) {
		p.t = t
		es := drawnEdges(p.run("?asOf=2024-12-07&knownAt=2024-12-06", ""))
		for k := range es {
			if strings.HasPrefix(k, syria+"coalition controls ") {
				t.Errorf("known on 6 December: drawn %s", k)
			}
		}
	})
	t.Run("clicking Turkey -> coalition shows the claim and its quote", func(t *testing.T) {
		p.t = t
		edge := key(syria+"turkey", "backs", syria+"coalition")
		dom := p.run("?asOf=2024-12-07&edge="+url.QueryEscape(edge), "")
		if class := drawnEdges(dom)[edge]; !strings.Contains(class, "selected") {
			t.Errorf("the edge's class %q: the click did not select it", class)
		}
		if got := textOf(t, dom, `<h2 class="edge-title">`, "</h2>"); !strings.Contains(got, "Turkey") || !strings.Contains(got, "Rebel coalition") {
			t.Errorf("details title %q", got)
		}
		if got := textOf(t, dom, `<strong class="source">`, "</strong>"); got != "Report on the Syrian rebel offensive" {
			t.Errorf("the claim's source %q", got)
		}
		if got := textOf(t, dom, `<blockquote class="quote">`, "</blockquote>"); got != "a Turkish-backed coalition of rebels" {
			t.Errorf("the claim's quote %q", got)
		}
		if !strings.Contains(textOf(t, dom, `<div class="meta">`, "</div>"), "reported 2024-12-07") {
			t.Errorf("the claim's reported date is not shown")
		}
	})
	t.Run("a hostile name renders as text", func(t *testing.T) {
		p.t = t
		dom := p.run("?asOf=2023-04-01&entity="+url.QueryEscape(town+"militia"), "")
		if got := textOf(t, dom, `<h2 class="entity-name">`, "</h2>"); got != "<script>alert(1)</script>" {
			t.Errorf("the entity's name shows as %q", got)
		}
		if !strings.Contains(dom, "&lt;script&gt;alert(1)&lt;/script&gt;</text>") {
			t.Errorf("the name is not drawn as text in the network")
		}
		if got := textOf(t, dom, `<ul class="aliases">`, "</ul>"); !strings.Contains(got, `<img src=x onerror="document.title='pwned'">`) {
			t.Errorf("the alias shows as %q", got)
		}
		checkNothingRan(t, dom)
	})
	t.Run("a hostile quote and source render as text", func(t *testing.T) {
		p.t = t
		dom := p.run("?asOf=2019&edge="+url.QueryEscape(key(town+"army", "controls", town+"town")), "")
		if got := textOf(t, dom, `<blockquote class="quote">`, "</blockquote>"); got != "</blockquote><script>document.title='pwned'</script>" {
			t.Errorf("the quote shows as %q", got)
		}
		if got := textOf(t, dom, `<strong class="source">`, "</strong>"); got != "<b>The paper</b>" {
			t.Errorf("the source shows as %q", got)
		}
		checkNothingRan(t, dom)
	})
	t.Run("a superseded state is greyed, or hidden", func(t *testing.T) {
		p.t = t
		militia := key(town+"militia", "controls", town+"town")
		if class, ok := drawnEdges(p.run("?asOf=2023-06", ""))[militia]; !ok || !strings.Contains(class, "ended") {
			t.Errorf("June 2023: the militia's control drawn %v, class %q; want it greyed", ok, class)
		}
		if class, ok := drawnEdges(p.run("?asOf=2023-06&ended=0", ""))[militia]; ok {
			t.Errorf("June 2023 with ended=0: the militia's control drawn, class %q", class)
		}
	})
	t.Run("searching a spelling of the report finds Daraa", func(t *testing.T) {
		p.t = t
		dom := p.run("?asOf=2024-12-07&q=Derraa", "")
		if got := textOf(t, dom, `<ul id="results" aria-live="polite">`, "</ul>"); !strings.Contains(got, "Daraa (City)") {
			t.Errorf("results %q", got)
		}
		if got := textOf(t, dom, `<h2 class="entity-name">`, "</h2>"); got != "Daraa" {
			t.Errorf("the one result is not shown: %q", got)
		}
	})
	t.Run("the path view connects Turkey to Assad", func(t *testing.T) {
		p.t = t
		dom := p.run("?asOf=2024-12-07&pathFrom=Turkey&pathTo=Assad", "")
		got := textOf(t, dom, `<ol class="path">`, "</ol>")
		if !strings.Contains(got, "Turkey backs Rebel coalition") || !strings.Contains(got, "Rebel coalition opposes Bashar al-Assad") {
			t.Errorf("the path: %q", got)
		}
		es := drawnEdges(dom)
		for _, k := range []string{key(syria+"turkey", "backs", syria+"coalition"), key(syria+"coalition", "opposes", syria+"assad")} {
			if !strings.Contains(es[k], "onpath") {
				t.Errorf("%s: class %q, want it marked on the path", k, es[k])
			}
		}
	})

	t.Run("screenshots", func(t *testing.T) {
		p.t = t
		dir := t.ArtifactDir()
		// The README's picture is of the Syria dataset alone.
		syriaOnly := page{t: t, bin: bin, srv: httptest.NewServer(web.NewHandler(graphOf(t, "../examples/syria/syria.yaml")))}
		defer syriaOnly.srv.Close()
		shots := []struct {
			name  string
			p     page
			query string
		}{
			{"web-view.png", syriaOnly, "?asOf=2024-12-07&edge=" + url.QueryEscape(key(syria+"turkey", "backs", syria+"coalition"))},
			{"syria-2019.png", syriaOnly, "?asOf=2019"},
			{"hostile-names.png", p, "?asOf=2023-04-01&entity=" + url.QueryEscape(town+"militia")},
		}
		for _, s := range shots {
			path := filepath.Join(dir, s.name)
			s.p.run(s.query, path)
			t.Logf("wrote %s", path)
		}
		if *update {
			b, err := os.ReadFile(filepath.Join(dir, "web-view.png"))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile("../docs/web-view.png", b, 0o644); err != nil {
				t.Fatal(err)
			}
			t.Log("wrote ../docs/web-view.png")
		}
	})
}

// checkNothingRan checks that a hostile string of the data did not become
// markup: the page still has its title and its one script, and no element
// the data names.
func checkNothingRan(t *testing.T, dom string) {
	t.Helper()
	if got := textOf(t, dom, "<title>", "</title>"); got != "actorgraph" {
		t.Errorf("the title is %q: a hostile string ran", got)
	}
	if n := len(elements(dom, "script")); n != 1 {
		t.Errorf("%d script elements, want the page's one", n)
	}
	for _, tag := range []string{"img", "b"} {
		if n := len(elements(dom, tag)); n != 0 {
			t.Errorf("%d %s elements: a hostile string became markup", n, tag)
		}
	}
}
