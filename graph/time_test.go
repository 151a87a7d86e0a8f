package graph_test

import (
	"slices"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

// timeline is a graph of one relation between two actors with the claims
// given, each asserting (or denying) that Turkey backs HTS.
func timeline(t *testing.T, claims ...graph.Claim) *graph.Graph {
	t.Helper()
	g := fixture(t)
	err := g.Write(ctx, func(tx *graph.Tx) error {
		for _, c := range claims {
			if c.Source.ID == "" {
				c.Source = graph.Entity{ID: report}
			}
			if err := tx.AddClaim(c); err != nil {
				return err
			}
			if err := tx.Assert(graph.Fact{Subject: turkey, Relation: schema.Backs, Object: hts, Claim: c.ID}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// backed reports whether Turkey backs HTS under the filters.
func backed(t *testing.T, g *graph.Graph, fs ...graph.EdgeOption) bool {
	t.Helper()
	es, err := g.Edges(ctx, schema.Backs, append(fs, graph.From(turkey), graph.To(hts))...)
	if err != nil {
		t.Fatal(err)
	}
	return len(es) == 1
}

func TestPossiblyAndCertainlyFollowThePrecisionOfDates(t *testing.T) {
	g := timeline(t, graph.Claim{ID: claimID("t"), Reported: graph.Day(2024, 1, 1), ValidFrom: graph.Year(2020), ValidUntil: graph.Month(2022, 6)})
	for _, tc := range []struct {
		name     string
		d        graph.Date
		possibly bool
		certain  bool
	}{
		{"the last day of 2019", graph.Day(2019, 12, 31), false, false},
		{"the first day of 2020", graph.Day(2020, 1, 1), true, false},
		{"30 December 2020", graph.Day(2020, 12, 30), true, false},
		{"31 December 2020", graph.Day(2020, 12, 31), true, true},
		{"2021, the whole year", graph.Year(2021), true, true},
		{"2020, the whole year", graph.Year(2020), true, false},
		{"1 June 2022", graph.Day(2022, 6, 1), true, true},
		{"2 June 2022", graph.Day(2022, 6, 2), true, false},
		{"30 June 2022", graph.Day(2022, 6, 30), true, false},
		{"1 July 2022", graph.Day(2022, 7, 1), false, false},
		{"June 2022", graph.Month(2022, 6), true, false},
		{"May 2022", graph.Month(2022, 5), true, true},
	} {
		if got := backed(t, g, graph.AsOf(tc.d)); got != tc.possibly {
			t.Errorf("AsOf(%v) = %v, want %v (possibly)", tc.d, got, tc.possibly)
		}
		if got := backed(t, g, graph.AsOf(tc.d), graph.Certainly()); got != tc.certain {
			t.Errorf("AsOf(%v), Certainly = %v, want %v", tc.d, got, tc.certain)
		}
	}
}

func TestAsOfAYearIsTheWholeYear(t *testing.T) {
	// Valid from March 2024: as of 2024 it possibly holds (not only on 1 January).
	g := timeline(t, graph.Claim{ID: claimID("t"), Reported: graph.Day(2024, 12, 1), ValidFrom: graph.Month(2024, 3)})
	if !backed(t, g, graph.AsOf(graph.Year(2024))) {
		t.Error("a claim valid from March 2024 does not hold as of 2024")
	}
	if backed(t, g, graph.AsOf(graph.Year(2024)), graph.Certainly()) {
		t.Error("a claim valid from March 2024 certainly holds throughout 2024")
	}
}

func TestDuringKeepsWhatOverlapsAWindow(t *testing.T) {
	g := timeline(t, graph.Claim{ID: claimID("t"), Reported: graph.Day(2024, 1, 1), ValidFrom: graph.Day(2021, 3, 1), ValidUntil: graph.Day(2021, 4, 30)})
	for _, tc := range []struct {
		name     string
		f        graph.Filter
		possibly bool
	}{
		{"2021", graph.DuringPeriod(graph.Year(2021)), true},
		{"2020", graph.DuringPeriod(graph.Year(2020)), false},
		{"2022", graph.DuringPeriod(graph.Year(2022)), false},
		{"April 2021", graph.DuringPeriod(graph.Month(2021, 4)), true},
		{"May 2021", graph.DuringPeriod(graph.Month(2021, 5)), false},
		{"2019 to February 2021", graph.During(graph.Year(2019), graph.Month(2021, 2)), false},
		{"2019 to 1 March 2021", graph.During(graph.Year(2019), graph.Day(2021, 3, 1)), true},
		{"30 April 2021 to 2030", graph.During(graph.Day(2021, 4, 30), graph.Year(2030)), true},
	} {
		if got := backed(t, g, tc.f); got != tc.possibly {
			t.Errorf("During %s = %v, want %v", tc.name, got, tc.possibly)
		}
	}
	if _, err := g.Edges(ctx, schema.Backs, graph.During(graph.Year(2022), graph.Year(2021))); err == nil {
		t.Error("During(2022, 2021), an empty window, is accepted")
	}
}

func TestADenialWithoutDatesDeniesAtAllTimes(t *testing.T) {
	for _, tc := range []struct {
		name   string
		denial graph.Claim
		// as of 2019 and 2024, is the edge contested?
		contested2019, contested2024 bool
	}{
		{"no dates", graph.Claim{ID: claimID("deny"), Source: graph.Entity{ID: turkey}, Stance: graph.Denied, Reported: graph.Day(2024, 6, 1)}, true, true},
		{"from 2023", graph.Claim{ID: claimID("deny"), Source: graph.Entity{ID: turkey}, Stance: graph.Denied, Reported: graph.Day(2024, 6, 1), ValidFrom: graph.Year(2023)}, false, true},
		{"within 2019", graph.Claim{ID: claimID("deny"), Source: graph.Entity{ID: turkey}, Stance: graph.Denied, Reported: graph.Day(2024, 6, 1),
			ValidFrom: graph.Year(2019), ValidUntil: graph.Year(2019)}, true, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := timeline(t, graph.Claim{ID: claimID("assert"), Reported: graph.Day(2024, 1, 1), ValidFrom: graph.Year(2015)}, tc.denial)
			for _, y := range []struct {
				year int
				want bool
			}{{2019, tc.contested2019}, {2024, tc.contested2024}} {
				es, err := g.Contested(ctx, graph.AsOf(graph.Year(y.year)), graph.From(turkey))
				if err != nil {
					t.Fatal(err)
				}
				got := slices.ContainsFunc(es, func(e graph.Edge) bool { return e.Object.ID == hts })
				if got != y.want {
					t.Errorf("contested as of %d = %v, want %v", y.year, got, y.want)
				}
			}
		})
	}
}

func TestKnownAtAMonthIsTheEndOfIt(t *testing.T) {
	g := timeline(t, graph.Claim{ID: claimID("t"), Reported: graph.Day(2024, 12, 7)})
	if !backed(t, g, graph.KnownAt(graph.Month(2024, 12))) {
		t.Error("a claim reported on 7 December 2024 is not known in December 2024")
	}
	if backed(t, g, graph.KnownAt(graph.Month(2024, 11))) {
		t.Error("a claim reported on 7 December 2024 is known in November 2024")
	}
	if backed(t, g, graph.KnownAt(graph.Day(2024, 12, 6))) || !backed(t, g, graph.KnownAt(graph.Day(2024, 12, 7))) {
		t.Error("KnownAt around the day of the report")
	}
}
