package main

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

var ctx = context.Background()

var update = flag.Bool("update", false, "rewrite testdata/output.golden with the program's output")

const golden = "testdata/output.golden"

// The program's output is kept in testdata/output.golden: a change in any
// answer of the graph shows up as a difference. Run with -update to accept one.
func TestTheOutputIsTheGoldenText(t *testing.T) {
	var out bytes.Buffer
	if err := run(ctx, &out, ""); err != nil {
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

// The dataset loads on leveldb, and a leveldb store gives memory's answers,
// the second load into the same store included.
func TestLevelDBGivesTheAnswersMemoryGives(t *testing.T) {
	var want bytes.Buffer
	if err := run(ctx, &want, ""); err != nil {
		t.Fatal(err)
	}
	loc := "leveldb:" + filepath.Join(t.TempDir(), "leveldb")
	for i := range 2 {
		var got bytes.Buffer
		if err := run(ctx, &got, loc); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("run %d: leveldb answers differ from memory's:\n%s", i+1, got.String())
		}
	}
}

func load(t *testing.T) *graph.Graph {
	t.Helper()
	g, err := open(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { g.Close() })
	return g
}

// Who holds each place at a date, asked of the graph directly rather than
// through the program's printing.
func TestControlChangesHands(t *testing.T) {
	g := load(t)
	holder := func(place string, d graph.Date) []string {
		es, err := g.Edges(ctx, schema.Controls, graph.To(ID.IRI(place)), graph.AsOf(d))
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, e := range es {
			out = append(out, e.Subject.Name)
		}
		return out
	}
	for _, tt := range []struct {
		place string
		at    graph.Date
		want  []string
	}{
		{"raqqa", graph.Day(2012, 12, 31), nil},
		{"raqqa", graph.Day(2013, 12, 31), []string{"Syrian rebel groups", "al-Nusra Front"}},
		{"raqqa", graph.Day(2014, 2, 1), []string{"Islamic State group"}},
		{"raqqa", graph.Day(2017, 10, 16), []string{"Islamic State group"}},
		{"raqqa", graph.Day(2017, 10, 18), []string{"Syrian Democratic Forces"}},
		{"mosul", graph.Day(2014, 6, 9), nil},
		{"mosul", graph.Day(2014, 6, 11), []string{"Islamic State group"}},
		{"mosul", graph.Day(2017, 7, 9), []string{"Islamic State group"}},
		{"mosul", graph.Day(2017, 7, 11), []string{"Iraqi security forces"}},
		{"palmyra", graph.Day(2016, 1, 1), []string{"Islamic State group"}},
		{"palmyra", graph.Day(2016, 6, 1), []string{"Syrian army"}},
		{"palmyra", graph.Day(2017, 1, 1), []string{"Islamic State group"}},
		{"palmyra", graph.Day(2018, 1, 1), []string{"Syrian army"}},
		{"baghuz", graph.Day(2019, 3, 24), []string{"Syrian Democratic Forces"}},
	} {
		got := holder(tt.place, tt.at)
		slices.Sort(got)
		slices.Sort(tt.want)
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s as of %s: %q, want %q", tt.place, tt.at, got, tt.want)
		}
	}
}

// Heads of state are exclusive: an open-ended claim ends where the next
// begins, and a gap between two holders is no one.
func TestHeadsOfStateSucceedEachOther(t *testing.T) {
	g := load(t)
	head := func(state string, d graph.Date) string {
		es, err := g.Edges(ctx, schema.HeadOfState, graph.To(ID.IRI(state)), graph.AsOf(d))
		if err != nil {
			t.Fatal(err)
		}
		var ns []string
		for _, e := range es {
			ns = append(ns, e.Subject.Name)
		}
		return strings.Join(ns, ", ")
	}
	for _, tt := range []struct {
		state string
		at    graph.Date
		want  string
	}{
		{"iraq", graph.Day(2014, 7, 23), "Jalal Talabani"},
		{"iraq", graph.Day(2014, 7, 24), "Fuad Masum"},
		{"iraq", graph.Day(2018, 10, 1), "Fuad Masum"},
		{"iraq", graph.Day(2018, 10, 2), "Barham Salih"},
		{"iraq", graph.Day(2022, 10, 13), "Abdul Latif Rashid"},
		{"syria", graph.Day(2024, 12, 8), "Bashar al-Assad"},
		{"syria", graph.Day(2024, 12, 9), ""},
		{"syria", graph.Day(2025, 1, 29), "Abu Mohammed al-Jolani"},
	} {
		if got := head(tt.state, tt.at); got != tt.want {
			t.Errorf("head of %s as of %s: %q, want %q", tt.state, tt.at, got, tt.want)
		}
	}
}

// The dataset keeps to its brief: 30 to 60 claims, each with a quote or a
// note, and a contested merger.
func TestTheDatasetIsDocumented(t *testing.T) {
	g := load(t)
	claims := map[schema.IRI]graph.Claim{}
	err := g.Statements(ctx, func(st graph.Statement) error {
		if st.Claim == "" || st.Claim == schema.VocabularyGraph {
			return nil
		}
		if _, ok := claims[st.Claim]; !ok {
			c, err := g.Claim(ctx, st.Claim)
			if err != nil {
				return err
			}
			claims[st.Claim] = c
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(claims); n < 30 || n > 60 {
		t.Errorf("%d claims with facts, want 30 to 60", n)
	}
	for id, c := range claims {
		if c.Quote == "" && c.Note == "" {
			t.Errorf("claim %s has neither quote nor note", id)
		}
		if c.Source.Name == "" {
			t.Errorf("claim %s has a source without a name", id)
		}
	}
	contested, err := g.Contested(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(contested) != 1 || contested[0].Subject.ID != ID.IRI("nusra") || contested[0].Relation != schema.PartOf {
		t.Errorf("Contested = %v, want al-Nusra Front partOf the group", contested)
	}
}
