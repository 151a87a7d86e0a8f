package web_test

import (
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/web"
)

// The README's section on the web view shows the server's real output:
// every "$ curl -s 'URL'" line of its text blocks is asked of the handler
// over the Syria dataset and must answer exactly the line under it.
func TestTheREADMEShowsTheServersOutput(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(readme)
	start := strings.Index(text, "## The web view")
	if start < 0 {
		t.Fatal(`README.md has no "## The web view" section`)
	}
	section := text[start:]
	if end := strings.Index(section[len("## "):], "\n## "); end >= 0 {
		section = section[:end+len("## ")]
	}
	h := web.NewHandler(graphOf(t, "../examples/syria/syria.yaml"))
	lines := strings.Split(section, "\n")
	n := 0
	for i, line := range lines {
		target, ok := strings.CutPrefix(line, "$ curl -s '")
		if !ok {
			continue
		}
		target = strings.TrimSuffix(target, "'")
		if i+1 >= len(lines) {
			t.Fatalf("%s: no output under it", line)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
		if got, want := strings.TrimSuffix(rec.Body.String(), "\n"), lines[i+1]; got != want {
			t.Errorf("%s\n got %s\nwant %s", line, got, want)
		}
		n++
	}
	if n < 3 {
		t.Errorf("the section shows %d requests; want its examples found", n)
	}
}
