package graph_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

func describe(iv graph.Interval) string {
	s := fmt.Sprintf("%s %s %s from %s", iv.Subject.Name, shortName(iv.Relation), iv.Object.Name, iv.From)
	if !iv.Until.IsZero() {
		s += " until " + iv.Until.String()
	}
	c := iv.Claim
	if c.Derived {
		s += " (derived)"
	}
	if c.EndedBy != "" {
		s += " ended " + c.EndedOn.String() + " by " + strings.TrimPrefix(string(c.EndedBy), string(id)+"claim/")
	}
	if len(c.Retractions) > 0 {
		s += " retracted " + c.Retractions[0].Reported.String()
	}
	if c.Stance == graph.Denied {
		s += " (denied)"
	}
	return s
}

func shortName(r schema.Relation) string { return schema.Core().RelationName(r) }

func TestHistoryKeepsWhatEndedAndWhatEndedIt(t *testing.T) {
	g := withEvents(t,
		holding(assadGov, schema.Controls, homs, "gov", dec(1), graph.Year(2015)),
		holding(hts, schema.Captured, homs, "capture", dec(5), dec(4)),
		holding(coalition, schema.Controls, homs, "rebels", dec(7), dec(6)),
		holding(coalition, schema.Controls, homs, "rebels-wrong", dec(7), dec(5)),
	)
	err := g.Write(ctx, func(tx *graph.Tx) error {
		return tx.AddClaim(graph.Claim{ID: claimID("rebels-wrong-retracted"), Source: graph.Entity{ID: report}, Stance: graph.Retracted,
			Retracts: claimID("rebels-wrong"), Reported: dec(8)})
	})
	if err != nil {
		t.Fatal(err)
	}
	ivs, err := g.History(ctx, schema.Controls, graph.To(homs))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, iv := range ivs {
		got = append(got, describe(iv))
	}
	want := []string{
		"Assad government controls Homs from 2015 ended 2024-12-04 by capture",
		"Hayat Tahrir al-Sham controls Homs from 2024-12-04 (derived) ended 2024-12-06 by rebels",
		"Rebel coalition controls Homs from 2024-12-05 retracted 2024-12-08",
		"Rebel coalition controls Homs from 2024-12-06",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("History =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// Known on 7 December, the wrong claim still counted and cut HTS's hold on the 5th.
	ivs, err = g.History(ctx, schema.Controls, graph.To(homs), graph.KnownAt(dec(7)))
	if err != nil {
		t.Fatal(err)
	}
	if len(ivs) != 4 || !strings.Contains(describe(ivs[1]), "ended 2024-12-05 by rebels-wrong") {
		t.Errorf("History known on 7 December: %v", ivs)
	}
}

func TestChangesInTheWorldAndInWhatWasKnown(t *testing.T) {
	g := withEvents(t,
		holding(assadGov, schema.Controls, homs, "gov", dec(1), graph.Year(2015)),
		holding(hts, schema.Captured, homs, "capture", dec(8), dec(6)),
	)
	changes := func(from, until graph.Date, opts ...graph.ChangeOption) []string {
		t.Helper()
		cs, err := g.Changes(ctx, from, until, append(opts, graph.To(homs))...)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, c := range cs {
			out = append(out, c.On.String()+" "+c.Kind.String()+": "+c.Subject.Name+" "+shortName(c.Relation))
		}
		return out
	}
	got := changes(dec(5), dec(7))
	want := []string{
		"2024-12-06 began: Hayat Tahrir al-Sham controls",
		"2024-12-06 ended: Assad government controls",
		"2024-12-06 happened: Hayat Tahrir al-Sham captured",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Changes 5-7 December =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if got := changes(graph.Year(2016), graph.Year(2023)); len(got) != 0 {
		t.Errorf("Changes 2016-2023 = %q", got)
	}
	got = changes(dec(7), dec(8), graph.ReportTime())
	want = []string{
		"2024-12-08 reported: Hayat Tahrir al-Sham captured",
		"2024-12-08 reported: Hayat Tahrir al-Sham controls",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Changes in report time 7-8 December =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if _, err := g.Changes(ctx, dec(5), dec(7), graph.AsOf(dec(6))); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("Changes with AsOf: %v, want ErrInvalid", err)
	}
	if _, err := g.Changes(ctx, dec(7), dec(5)); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("Changes of an empty window: %v, want ErrInvalid", err)
	}
}

func TestLineageStepsCarryTheirDates(t *testing.T) {
	g := fixture(t)
	err := g.Write(ctx, func(tx *graph.Tx) error {
		if err := tx.AddClaim(graph.Claim{ID: claimID("nusra-aq"), Source: graph.Entity{ID: report}, Reported: graph.Day(2024, 12, 7),
			ValidFrom: graph.Year(2012), ValidUntil: graph.Month(2016, 7)}); err != nil {
			return err
		}
		return tx.Assert(graph.Fact{Subject: nusra, Relation: schema.BranchOf, Object: aq, Claim: claimID("nusra-aq")})
	})
	if err != nil {
		t.Fatal(err)
	}
	steps, err := g.Lineage(ctx, nusra)
	if err != nil {
		t.Fatal(err)
	}
	if len(steps) != 1 || steps[0].Since != graph.Year(2012) || steps[0].Until != graph.Month(2016, 7) || !steps[0].Former {
		t.Fatalf("Lineage(nusra) = %+v", steps)
	}
	// Walks honour time for every hop: as of 2020 the branching no longer holds.
	if steps, err := g.Lineage(ctx, nusra, graph.AsOf(graph.Year(2020))); err != nil || len(steps) != 0 {
		t.Errorf("Lineage(nusra) as of 2020 = %v, %v", steps, err)
	}
	if steps, err := g.Lineage(ctx, nusra, graph.DuringPeriod(graph.Year(2014))); err != nil || len(steps) != 1 {
		t.Errorf("Lineage(nusra) during 2014 = %v, %v", steps, err)
	}
}

func TestALineageCutByItsDepthSaysSo(t *testing.T) {
	g := fixture(t)
	// A chain of ten renamings: g0 formerly known as g1, ... g9 as g10.
	err := g.Write(ctx, func(tx *graph.Tx) error {
		for i := 0; i <= 10; i++ {
			if err := tx.AddEntity(graph.Entity{ID: id.IRI(fmt.Sprintf("g%d", i)), Kinds: []schema.Kind{schema.ArmedGroup}, Name: fmt.Sprintf("Group %d", i)}); err != nil {
				return err
			}
		}
		if err := tx.AddClaim(graph.Claim{ID: claimID("chain"), Source: graph.Entity{ID: report}, Reported: graph.Year(2024)}); err != nil {
			return err
		}
		for i := 0; i < 10; i++ {
			if err := tx.Assert(graph.Fact{Subject: id.IRI(fmt.Sprintf("g%d", i)), Relation: schema.FormerlyKnownAs,
				Object: id.IRI(fmt.Sprintf("g%d", i+1)), Claim: claimID("chain")}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	steps, err := g.Lineage(ctx, id.IRI("g0"))
	if err != nil {
		t.Fatal(err)
	}
	if len(steps) != graph.DefaultMaxDepth || !steps[len(steps)-1].Cut {
		t.Fatalf("Lineage of a 10-link chain: %d steps, last cut %v; want %d, cut", len(steps), len(steps) > 0 && steps[len(steps)-1].Cut, graph.DefaultMaxDepth)
	}
	for _, st := range steps[:len(steps)-1] {
		if st.Cut {
			t.Errorf("step %d is marked cut", st.Depth)
		}
	}
	if steps, err := g.Lineage(ctx, id.IRI("g0"), graph.MaxDepth(10)); err != nil || len(steps) != 10 || steps[9].Cut {
		t.Errorf("Lineage with MaxDepth(10): %d steps, %v", len(steps), err)
	}
}
