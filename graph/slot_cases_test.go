package graph_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

// Year-precision successor: B from 2020 may have started on 31 Dec 2020,
// so A possibly held in mid-2020.
func TestTimeYearSuccessorPossibly(t *testing.T) {
	g := withEvents(t,
		holding(assadGov, schema.Controls, homs, "a", dec(1), graph.Year(2015)),
		holding(coalition, schema.Controls, homs, "b", dec(1), graph.Year(2020)),
	)
	for _, d := range []graph.Date{graph.Year(2020), graph.Month(2020, 6), graph.Day(2020, 6, 1)} {
		got := holders(t, g, graph.AsOf(d))
		if !slices.Equal(got, []string{gov, "Rebel coalition"}) {
			t.Errorf("possibly as of %v = %q, want both", d, got)
		}
	}
	if got := holders(t, g, graph.AsOf(graph.Day(2020, 6, 1)), graph.Certainly()); len(got) != 0 {
		t.Errorf("certainly as of June 2020 = %q, want none", got)
	}
	if got := holders(t, g, graph.AsOf(graph.Year(2019)), graph.Certainly()); !slices.Equal(got, []string{gov}) {
		t.Errorf("certainly as of 2019 = %q", got)
	}
}

// 1b. Same with a year-precision withdrawal.
func TestTimeYearWithdrawalPossibly(t *testing.T) {
	g := withEvents(t,
		holding(assadGov, schema.Controls, homs, "a", dec(1), graph.Year(2015)),
		holding(assadGov, schema.WithdrewFrom, homs, "w", dec(1), graph.Year(2020)),
	)
	if got := holders(t, g, graph.AsOf(graph.Month(2020, 6))); !slices.Equal(got, []string{gov}) {
		t.Errorf("possibly as of June 2020 = %q, want the government (the withdrawal may be in December)", got)
	}
}

func partnerVocab(t *testing.T, ex schema.Exclusivity, sym bool) (*graph.Graph, schema.Relation) {
	rel := schema.Relation(id.IRI("rel/partnerOf"))
	v, err := schema.Core().Extend(schema.Terms{Relations: []schema.RelationDef{{Relation: rel, Name: "partnerOf", Inverse: "partner of",
		Domain: schema.Actor, Range: schema.Actor, Symmetric: sym, Exclusive: ex}}})
	if err != nil {
		t.Fatal(err)
	}
	g, err := graph.Open(ctx, "", graph.WithVocabulary(v))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { g.Close() })
	return g, rel
}

func writeFacts(t *testing.T, g *graph.Graph, ents []schema.IRI, evs ...event) {
	t.Helper()
	err := g.Write(ctx, func(tx *graph.Tx) error {
		if err := tx.AddEntity(graph.Entity{ID: report, Kinds: []schema.Kind{schema.Report}, Name: "The report"}); err != nil {
			return err
		}
		for _, e := range ents {
			if err := tx.AddEntity(graph.Entity{ID: e, Kinds: []schema.Kind{schema.ArmedGroup}, Name: string(e[len(id):])}); err != nil {
				return err
			}
		}
		for _, e := range evs {
			c := e.claim
			c.Source = graph.Entity{ID: report}
			if err := tx.AddClaim(c); err != nil {
				return err
			}
			f := e.fact
			f.Claim = c.ID
			if err := tx.Assert(f); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func pairs(t *testing.T, g *graph.Graph, rel schema.Relation, opts ...graph.EdgeOption) []string {
	t.Helper()
	es, err := g.Edges(ctx, rel, opts...)
	if err != nil {
		t.Fatal(err)
	}
	out := []string{}
	for _, e := range es {
		out = append(out, e.Subject.Name+">"+e.Object.Name)
	}
	return out
}

// A symmetric relation has no side to be exclusive on: the vocabulary refuses it.
func TestTimeSymmetricExclusiveIsRefused(t *testing.T) {
	_, err := schema.Core().Extend(schema.Terms{Relations: []schema.RelationDef{{Relation: schema.Relation(id.IRI("rel/partnerOf")),
		Name: "partnerOf", Domain: schema.Actor, Range: schema.Actor, Symmetric: true, Exclusive: schema.OneSubject}}})
	if !errors.Is(err, schema.ErrClash) {
		t.Errorf("a symmetric exclusive relation: %v, want ErrClash", err)
	}
}

// OneObject: From and To agree.
func TestTimeOneObject(t *testing.T) {
	g, rel := partnerVocab(t, schema.OneObject, false)
	x, a, b := id.IRI("x"), id.IRI("a"), id.IRI("b")
	writeFacts(t, g, []schema.IRI{x, a, b},
		holding(x, rel, a, "c1", dec(1), graph.Year(2015)),
		holding(x, rel, b, "c2", dec(1), graph.Year(2020)),
	)
	for _, tc := range []struct {
		d               graph.Date
		fromX, toA, toB []string
	}{
		{graph.Year(2016), []string{"x>a"}, []string{"x>a"}, []string{}},
		{graph.Year(2021), []string{"x>b"}, []string{}, []string{"x>b"}},
	} {
		at := graph.AsOf(tc.d)
		if got := pairs(t, g, rel, graph.From(x), at); !slices.Equal(got, tc.fromX) {
			t.Errorf("%v From(x) = %q want %q", tc.d, got, tc.fromX)
		}
		if got := pairs(t, g, rel, graph.To(a), at); !slices.Equal(got, tc.toA) {
			t.Errorf("%v To(a) = %q want %q", tc.d, got, tc.toA)
		}
		if got := pairs(t, g, rel, graph.To(b), at); !slices.Equal(got, tc.toB) {
			t.Errorf("%v To(b) = %q want %q", tc.d, got, tc.toB)
		}
	}
}

// Merges: slot edges lose Edge.Recorded.
func TestTimeSlotRecorded(t *testing.T) {
	dup := id.IRI("hts-dup")
	g := withEvents(t, holding(hts, schema.Backs, coalition, "dummy", dec(1), graph.Year(2015)))
	err := g.Write(ctx, func(tx *graph.Tx) error {
		if err := tx.AddEntity(graph.Entity{ID: dup, Kinds: []schema.Kind{schema.ArmedGroup}, Name: "Tahrir al-Sham"}); err != nil {
			return err
		}
		for _, c := range []schema.IRI{claimID("dup-controls"), claimID("dup-backs"), claimID("merge")} {
			if err := tx.AddClaim(graph.Claim{ID: c, Source: graph.Entity{ID: report}, Reported: dec(8)}); err != nil {
				return err
			}
		}
		if err := tx.Assert(graph.Fact{Subject: dup, Relation: schema.Controls, Object: homs, Claim: claimID("dup-controls")}); err != nil {
			return err
		}
		if err := tx.Assert(graph.Fact{Subject: dup, Relation: schema.Backs, Object: coalition, Claim: claimID("dup-backs")}); err != nil {
			return err
		}
		return tx.Merge(hts, dup, claimID("merge"))
	})
	if err != nil {
		t.Fatal(err)
	}
	bs, _ := g.Edges(ctx, schema.Backs, graph.From(hts))
	cs, _ := g.Edges(ctx, schema.Controls, graph.To(homs))
	if len(bs) != 1 || len(cs) != 1 {
		t.Fatalf("backs %v controls %v", edgeNames(g, bs), edgeNames(g, cs))
	}
	t.Logf("backs Recorded=%+v controls Recorded=%+v", bs[0].Recorded, cs[0].Recorded)
	if len(bs[0].Recorded) > 0 && len(cs[0].Recorded) == 0 {
		t.Errorf("controls edge of a merged entity has no Recorded; backs has %+v", bs[0].Recorded)
	}
}

// Withdrawal by X does not end Y; gap; short span event.
func TestTimeWithdrawalOtherHolderAndGap(t *testing.T) {
	g := withEvents(t,
		holding(assadGov, schema.Controls, homs, "a", dec(1), graph.Year(2015)),
		holding(coalition, schema.Captured, homs, "cap", dec(1), graph.Year(2018)),
		holding(assadGov, schema.WithdrewFrom, homs, "w", dec(1), graph.Year(2019)),
	)
	if got := holders(t, g, graph.AsOf(graph.Year(2020))); !slices.Equal(got, []string{"Rebel coalition"}) {
		t.Errorf("2020 = %q", got)
	}
	g2 := withEvents(t,
		event{graph.Claim{ID: claimID("a"), Reported: dec(1), ValidFrom: graph.Year(2015), ValidUntil: graph.Year(2016)},
			graph.Fact{Subject: assadGov, Relation: schema.Controls, Object: homs}},
		holding(coalition, schema.Controls, homs, "b", dec(1), graph.Year(2020)),
	)
	if got := holders(t, g2, graph.AsOf(graph.Year(2017))); len(got) != 0 {
		t.Errorf("gap 2017 = %q", got)
	}
	es, _ := g2.Edges(ctx, schema.Controls, graph.To(homs), graph.AsOf(graph.Year(2017)), graph.WithEnded())
	if len(es) != 0 {
		t.Errorf("WithEnded in the gap = %v", edgeNames(g2, es))
	}
	g3 := withEvents(t,
		event{graph.Claim{ID: claimID("cap"), Reported: dec(9), ValidFrom: dec(6), ValidUntil: dec(8)},
			graph.Fact{Subject: coalition, Relation: schema.Captured, Object: homs}},
	)
	if es, _ := g3.Edges(ctx, schema.Captured, graph.To(homs), graph.DuringPeriod(dec(7))); len(es) != 1 {
		t.Errorf("capture spanning 6-8 Dec, During 7 Dec = %d", len(es))
	}
	if got := holders(t, g3, graph.AsOf(graph.Year(2025))); !slices.Equal(got, []string{"Rebel coalition"}) {
		t.Errorf("control after a spanned capture = %q", got)
	}
}

// Changes: a claim valid until 2018, window Dec 2018 - Jan 2019.
func TestTimeChangesYearUntil(t *testing.T) {
	g := withEvents(t,
		event{graph.Claim{ID: claimID("a"), Reported: dec(1), ValidFrom: graph.Year(2015), ValidUntil: graph.Year(2018)},
			graph.Fact{Subject: assadGov, Relation: schema.Controls, Object: homs}},
	)
	for _, w := range [][2]graph.Date{{graph.Month(2018, 12), graph.Month(2019, 1)}, {graph.Day(2018, 6, 1), graph.Day(2019, 6, 1)}, {graph.Year(2018), graph.Year(2018)}} {
		cs, err := g.Changes(ctx, w[0], w[1], graph.To(homs))
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, c := range cs {
			if c.Kind == graph.Ended {
				n++
			}
		}
		if n != 1 {
			t.Errorf("Changes(%v, %v): %d ended, want 1 (valid until 2018 ends at the end of 2018)", w[0], w[1], n)
		}
	}
}

// History of a retracted claim stating both capture and control.
func TestTimeHistoryRetractedBoth(t *testing.T) {
	c := graph.Claim{ID: claimID("both"), Reported: dec(7), ValidFrom: dec(6)}
	g := withEvents(t,
		event{c, graph.Fact{Subject: coalition, Relation: schema.Captured, Object: homs}},
		event{c, graph.Fact{Subject: coalition, Relation: schema.Controls, Object: homs}},
	)
	if err := g.Write(ctx, func(tx *graph.Tx) error {
		return tx.AddClaim(graph.Claim{ID: claimID("r"), Source: graph.Entity{ID: report}, Stance: graph.Retracted, Retracts: c.ID, Reported: dec(10)})
	}); err != nil {
		t.Fatal(err)
	}
	ivs, err := g.History(ctx, schema.Controls, graph.To(homs))
	if err != nil {
		t.Fatal(err)
	}
	if len(ivs) != 1 {
		t.Errorf("History after retraction = %d intervals, want 1: %+v", len(ivs), ivs)
	}
}
