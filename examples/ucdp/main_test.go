package main

import (
	"bytes"
	"context"
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

var update = flag.Bool("update", false, "rewrite testdata/output.golden with the program's output")

const (
	golden     = "testdata/output.golden"
	gedFile    = "../../importer/ucdp/testdata/ged231_sample1000_uncertainUCDP.csv"
	actorsFile = "../../importer/ucdp/testdata/ucdp-actor-221.csv"
)

// The program's output is kept in testdata/output.golden; run with -update
// to accept a change.
func TestTheOutputIsTheGoldenText(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), &out, gedFile, actorsFile, graph.Month(2016, 4)); err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(golden, out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if out.String() != string(want) {
		t.Errorf("output differs from %s (go test -run Golden -update to accept):\n%s", golden, out.String())
	}
}

// The README's "Importing real data" section shows the program's output as
// it is.
func TestTheREADMEShowsTheOutput(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	text := string(readme)
	start := strings.Index(text, "## Importing real data")
	if start < 0 {
		t.Fatal(`README.md has no "## Importing real data" section`)
	}
	if !strings.Contains(text[start:], "```text\n"+string(want)+"```") {
		t.Errorf("the README's section does not show %s as it is", golden)
	}
}

func TestAnotherMonthHasItsOwnEvents(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), &out, gedFile, actorsFile, graph.Month(2014, 5)); err != nil {
		t.Fatal(err)
	}
	// Events 292433, 293839 and 398349, each Government of Syria against
	// Syrian insurgents.
	if n := strings.Count(out.String(), ": Government of Syria against Syrian insurgents (state-based violence)\n"); n != 3 {
		t.Errorf("May 2014: %d events, want 3:\n%s", n, out.String())
	}
	out.Reset()
	if err := run(context.Background(), &out, gedFile, actorsFile, graph.Month(2019, 1)); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "in January 2019:\n  no event in the data\n") {
		t.Errorf("January 2019, a month without events in the sample:\n%s", out.String())
	}
}
