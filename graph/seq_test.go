package graph_test

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/loader"
	"github.com/actorgraph/actorgraph/schema"
)

const syriaNS schema.Namespace = "https://actorgraph.org/id/syria/"

func syriaGraph(t *testing.T) *graph.Graph {
	t.Helper()
	ctx := context.Background()
	g, err := graph.Open(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { g.Close() })
	if _, err := loader.LoadFile(ctx, g, "../examples/syria/syria.yaml"); err != nil {
		t.Fatal(err)
	}
	return g
}

// byName orders matches as All does: by folded name, then ID.
func byName(ms []graph.Match) {
	slices.SortFunc(ms, func(a, b graph.Match) int {
		if c := strings.Compare(strings.ToLower(a.Entity.Name), strings.ToLower(b.Entity.Name)); c != 0 {
			return c
		}
		return strings.Compare(string(a.Entity.ID), string(b.Entity.ID))
	})
}

// Seq yields the matches and evidence All returns, for queries of every shape:
// no constraint, known ends (one, several, incoming, symmetric), nested
// queries two deep, claim filters, and a nested Limit.
func TestSeqYieldsWhatAllReturns(t *testing.T) {
	ctx := context.Background()
	g := syriaGraph(t)
	id := syriaNS.IRI
	dec7, dec6 := graph.Day(2024, 12, 7), graph.Day(2024, 12, 6)
	queries := map[string]graph.Query{
		"every actor":                    graph.Find(schema.Actor),
		"every place, as of dec 7":       graph.Find(schema.Place).AsOf(dec7),
		"backed by turkey":               graph.Find(schema.Organization).Where(schema.Backs.From(id("turkey"))),
		"led by hts, backed by turkey":   graph.Find(schema.Organization).Where(schema.Leads.From(id("hts")), schema.Backs.From(id("turkey"))),
		"who leads the coalition":        graph.Find(schema.Actor).Where(schema.Leads.To(id("coalition"))),
		"enemies of the islamic state":   graph.Find(schema.Actor).Where(schema.EnemyOf.From(id("islamic-state"))),
		"enemies of hts":                 graph.Find(schema.Actor).Where(schema.EnemyOf.To(id("hts"))),
		"holders of aleppo, dec 7":       graph.Find(schema.Actor).Where(schema.Controls.To(id("aleppo"))).AsOf(dec7),
		"holders of aleppo, known dec 6": graph.Find(schema.Actor).Where(schema.Controls.To(id("aleppo"))).KnownAt(dec6),
		"backed by a state":              graph.Find(schema.Actor).WhereSome(schema.Backs.From, graph.Find(schema.State)),
		"states backing a group that opposes assad": graph.Find(schema.State).WhereSome(schema.Backs.To,
			graph.Find(schema.Organization).Where(schema.Opposes.To(id("assad")))),
		"people leading what a state backs": graph.Find(schema.Person).WhereSome(schema.Leads.To,
			graph.Find(schema.Actor).WhereSome(schema.Backs.From, graph.Find(schema.State))),
		"people a state designates": graph.Find(schema.Person).WhereSome(schema.DesignatesTerrorist.From, graph.Find(schema.State)),
		// the coalition, led by HTS, is not led by a person: a nested
		// constraint checked from the candidate must check the far end
		"led by a person, backed by turkey": graph.Find(schema.Organization).
			Where(schema.Backs.From(id("turkey"))).WhereSome(schema.Leads.From, graph.Find(schema.Person)),
		"led by an organisation, backed by turkey": graph.Find(schema.Organization).
			Where(schema.Backs.From(id("turkey"))).WhereSome(schema.Leads.From, graph.Find(schema.Organization)),
		"controlling a place, nested limit 1": graph.Find(schema.Actor).WhereSome(schema.Controls.To, graph.Find(schema.Place).Limit(1)),
		// attribute and evidence constraints (query_attr_test.go has the rest)
		"founded before 2018": graph.Find(schema.Organization).WhereAttr(schema.Founded, graph.Before(graph.Year(2018))),
		"leading a group founded before 2018": graph.Find(schema.Actor).WhereSome(schema.Leads.To,
			graph.Find(schema.Organization).WhereAttr(schema.Founded, graph.Before(graph.Year(2018)))),
		"12000 members as of 2018": graph.Find(schema.Organization).
			WhereAttr(schema.MembersEstimate, graph.AtLeast(12000).Certainly()).AsOf(graph.Year(2018)),
		"led by jolani, founded in 2017": graph.Find(schema.Organization).Where(schema.Leads.From(id("jolani"))).
			WhereAttr(schema.Founded, graph.Equals(graph.Year(2017))),
		"formerly nusra, rated 0.5":        graph.Find(schema.Actor).Where(schema.FormerlyKnownAs.To(id("nusra"))).With(graph.MinConfidence(0.5)),
		"backed by some state, one source": graph.Find(schema.Actor).WhereSome(graph.BySources(1, schema.Backs.From), graph.Find(schema.State)),
		"backed by turkey, two sources":    graph.Find(schema.Actor).Where(graph.BySources(2, schema.Backs.From(id("turkey")))),
	}
	nonEmpty := 0
	for name, q := range queries {
		t.Run(name, func(t *testing.T) {
			want, err := q.All(ctx, g)
			if err != nil {
				t.Fatal(err)
			}
			var got []graph.Match
			for m, err := range q.Seq(ctx, g) {
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, m)
			}
			byName(got)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("Seq yielded %d matches, All returned %d:\n seq %v\n all %v", len(got), len(want), matchNames(got), matchNames(want))
			}
			if len(want) > 0 {
				nonEmpty++
			}
		})
	}
	if nonEmpty < len(queries)-3 { // only "known dec 6", "led by a person" and "two sources" are empty
		t.Errorf("only %d of %d queries have matches: the comparison tests little", nonEmpty, len(queries))
	}
}

// A loop that stops early stops the sequence; Limit ends it; the loop's body
// may write to the graph (the read lock is not held while a match is yielded).
func TestSeqStopsEarlyAndLetsTheLoopWrite(t *testing.T) {
	ctx := context.Background()
	g := syriaGraph(t)
	all, err := graph.Find(schema.Actor).All(ctx, g)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) < 10 {
		t.Fatalf("%d actors: want at least 10 for the test", len(all))
	}
	n := 0
	for _, err := range graph.Find(schema.Actor).Seq(ctx, g) {
		if err != nil {
			t.Fatal(err)
		}
		if n++; n == 3 {
			break
		}
	}
	if n != 3 {
		t.Errorf("the loop ran %d times, want 3", n)
	}
	n = 0
	for _, err := range graph.Find(schema.Actor).Limit(4).Seq(ctx, g) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n != 4 {
		t.Errorf("Limit(4) yielded %d matches", n)
	}
	written := 0
	for m, err := range graph.Find(schema.State).Seq(ctx, g) {
		if err != nil {
			t.Fatal(err)
		}
		err := g.Write(ctx, func(tx *graph.Tx) error {
			return tx.AddEntity(graph.Entity{ID: m.Entity.ID + "-ministry", Kinds: []schema.Kind{schema.GovernmentBody}, Name: m.Entity.Name + " ministry"})
		})
		if err != nil {
			t.Fatal(err)
		}
		written++
	}
	bodies, err := graph.Find(schema.GovernmentBody).All(ctx, g)
	if err != nil {
		t.Fatal(err)
	}
	if written == 0 || !slices.ContainsFunc(bodies, func(m graph.Match) bool { return strings.HasSuffix(string(m.Entity.ID), "-ministry") }) {
		t.Errorf("wrote %d ministries inside the loop; the graph has %d government bodies", written, len(bodies))
	}
}

// A query that cannot run yields its error once; a cancelled context ends the sequence with it.
func TestSeqYieldsItsError(t *testing.T) {
	ctx := context.Background()
	g := syriaGraph(t)
	count := 0
	for _, err := range graph.Find(schema.Actor).Where(schema.Backs.From(syriaNS.IRI("nobody"))).Seq(ctx, g) {
		count++
		if !errors.Is(err, graph.ErrNotFound) {
			t.Errorf("err = %v, want ErrNotFound", err)
		}
	}
	if count != 1 {
		t.Errorf("yielded %d times, want the error once", count)
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	for _, err := range graph.Find(schema.Actor).Seq(cctx, g) {
		if !errors.Is(err, context.Canceled) {
			t.Errorf("err = %v, want context.Canceled", err)
		}
	}
}

// A context cancelled in the loop's body ends the sequence before the next
// match, within the chunk already read: the next value is the error, once.
func TestSeqStopsAtCancelInTheLoop(t *testing.T) {
	g := syriaGraph(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var matches, errs int
	for m, err := range graph.Find(schema.Actor).Seq(ctx, g) {
		if err != nil {
			errs++
			if !errors.Is(err, context.Canceled) {
				t.Errorf("err = %v, want context.Canceled", err)
			}
			continue
		}
		if m.Entity.ID == "" {
			t.Error("a match with no entity")
		}
		matches++
		cancel()
	}
	if matches != 1 || errs != 1 {
		t.Errorf("after a cancel in the first iteration: %d matches and %d errors, want 1 and 1", matches, errs)
	}
}
