package graph_test

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

// askingMore prints what the README's "Asking more" section shows, from the
// queries the section's code asks, on the Syria dataset.
func askingMore(ctx context.Context, g *graph.Graph, w io.Writer) error {
	id := syriaNS.IRI
	print := func(what string, q graph.Query) error {
		ms, err := q.All(ctx, g)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "%s:\n", what)
		for _, m := range ms {
			fmt.Fprintf(w, "  %s %q\n", m.Entity.Name, m.Evidence.Sources())
		}
		if len(ms) == 0 {
			fmt.Fprintln(w, "  none")
		}
		return nil
	}
	for _, step := range []struct {
		what string
		q    graph.Query
	}{
		{"states backing a group that opposes Assad", graph.Find(schema.State).WhereSome(schema.Backs.To,
			graph.Find(schema.Organization).Where(schema.Opposes.To(id("assad"))))},
		{"founded certainly before 2018", graph.Find(schema.Organization).
			WhereAttr(schema.Founded, graph.Before(graph.Year(2018)).Certainly())},
		{"at least 10,000 members in 2018", graph.Find(schema.ArmedGroup).
			WhereAttr(schema.MembersEstimate, graph.AtLeast(10000).Certainly()).AsOf(graph.Year(2018))},
		{"people leading a group founded before 2018", graph.Find(schema.Person).WhereSome(schema.Leads.To,
			graph.Find(schema.Organization).WhereAttr(schema.Founded, graph.Before(graph.Year(2018))))},
		{"formerly al-Nusra Front, at confidence 0.5", graph.Find(schema.Actor).
			Where(schema.FormerlyKnownAs.To(id("nusra"))).With(graph.MinConfidence(0.5))},
		{"formerly al-Nusra Front, at confidence 0.8", graph.Find(schema.Actor).
			Where(schema.FormerlyKnownAs.To(id("nusra"))).With(graph.MinConfidence(0.8))},
		{"backed by a state, on two sources", graph.Find(schema.Organization).
			WhereSome(graph.BySources(2, schema.Backs.From), graph.Find(schema.State))},
	} {
		if err := print(step.what, step.q); err != nil {
			return err
		}
	}
	counts, err := g.Count(ctx, graph.ClaimsPerSource)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "claims per source:")
	for _, c := range counts {
		fmt.Fprintf(w, "  %2d %s\n", c.N, c.Entity.Name)
	}
	// Misuse: a test that does not fit the attribute's datatype.
	_, err = graph.Find(schema.Organization).WhereAttr(schema.Founded, graph.AtLeast(2000)).All(ctx, g)
	fmt.Fprintln(w, err)
	return nil
}

// The README's "Asking more" shows what its queries print on the Syria
// dataset: its text block is askingMore's output, so that it cannot rot.
func TestTheREADMEShowsWhatAskingMorePrints(t *testing.T) {
	g := syriaGraph(t)
	var out strings.Builder
	if err := askingMore(context.Background(), g, &out); err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	section, ok := readmeSection(string(readme), "### Asking more")
	if !ok {
		t.Fatal(`README.md has no "### Asking more" section`)
	}
	if !strings.Contains(section, "```text\n"+out.String()+"```") {
		t.Errorf("README.md's \"Asking more\" does not show what its queries print; paste this in:\n%s", out.String())
	}
}

// readmeSection returns the text of the README section under heading, up to
// the next heading of its level or above.
func readmeSection(readme, heading string) (string, bool) {
	start := strings.Index(readme, "\n"+heading+"\n")
	if start < 0 {
		return "", false
	}
	s := readme[start+1:]
	if end := strings.Index(s[len(heading):], "\n### "); end >= 0 {
		s = s[:len(heading)+end]
	}
	if end := strings.Index(s[len(heading):], "\n## "); end >= 0 {
		s = s[:len(heading)+end]
	}
	return s, true
}
