package graph_test

import (
	"slices"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

// event is a claim with the one fact it is evidence for.
type event struct {
	claim graph.Claim
	fact  graph.Fact
}

// withEvents is the fixture with the claims and facts of evs written in one
// batch (a claim's source defaults to the report).
func withEvents(t *testing.T, evs ...event) *graph.Graph {
	t.Helper()
	g := fixture(t)
	err := g.Write(ctx, func(tx *graph.Tx) error {
		if err := tx.AddEntity(graph.Entity{ID: homs, Kinds: []schema.Kind{schema.City}, Name: "Homs"}); err != nil {
			return err
		}
		for _, e := range evs {
			c := e.claim
			if c.Source.ID == "" {
				c.Source = graph.Entity{ID: report}
			}
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
	return g
}

func holding(subject schema.IRI, rel schema.Relation, place schema.IRI, id string, reported, from graph.Date) event {
	return event{graph.Claim{ID: claimID(id), Reported: reported, ValidFrom: from},
		graph.Fact{Subject: subject, Relation: rel, Object: place}}
}

// homs is a city the fixture says nothing of.
var homs = id.IRI("homs")

// holders returns the names of Homs's controllers under the filters.
func holders(t *testing.T, g *graph.Graph, fs ...graph.EdgeOption) []string {
	t.Helper()
	es, err := g.Edges(ctx, schema.Controls, append(fs, graph.To(homs))...)
	if err != nil {
		t.Fatal(err)
	}
	out := []string{}
	for _, e := range es {
		out = append(out, e.Subject.Name)
	}
	return out
}

var (
	dec = func(d int) graph.Date { return graph.Day(2024, 12, d) }
	gov = "Assad government"
)

func TestALaterHolderSupersedesAnEarlierOneFromItsStart(t *testing.T) {
	g := withEvents(t,
		holding(assadGov, schema.Controls, homs, "gov-daraa", dec(1), graph.Year(2015)),
		holding(coalition, schema.Controls, homs, "rebels-daraa", dec(7), dec(6)),
	)
	for _, tc := range []struct {
		d    graph.Date
		want []string
	}{
		{dec(5), []string{gov}},
		{dec(6), []string{"Rebel coalition"}},
		{dec(7), []string{"Rebel coalition"}},
		{graph.Year(2020), []string{gov}},
		{graph.Month(2024, 12), []string{gov, "Rebel coalition"}}, // each held Daraa in December
	} {
		if got := holders(t, g, graph.AsOf(tc.d)); !slices.Equal(got, tc.want) {
			t.Errorf("holders as of %v = %q, want %q", tc.d, got, tc.want)
		}
	}
	// Certainly in December 2024: nobody held it the whole month.
	if got := holders(t, g, graph.AsOf(graph.Month(2024, 12)), graph.Certainly()); len(got) != 0 {
		t.Errorf("certain holders throughout December = %q", got)
	}
	// What was cut is there on request, with what cut it.
	es, err := g.Edges(ctx, schema.Controls, graph.To(homs), graph.AsOf(dec(7)), graph.WithEnded())
	if err != nil {
		t.Fatal(err)
	}
	var ended *graph.Claim
	for _, e := range es {
		for i, c := range e.Evidence {
			if c.ID == claimID("gov-daraa") {
				ended = &e.Evidence[i]
			}
		}
	}
	if ended == nil || ended.EndedBy != claimID("rebels-daraa") || ended.EndedOn != dec(6) {
		t.Errorf("WithEnded: the government's claim = %+v, want ended by the rebels' on 6 December", ended)
	}
	// From the holder's side too.
	es, err = g.Edges(ctx, schema.Controls, graph.From(assadGov), graph.AsOf(dec(7)))
	if err != nil || len(es) != 0 {
		t.Errorf("what the government controls on 7 December = %v, %v", edgeNames(g, es), err)
	}
}

func TestACaptureStartsControlAndEndsTheOthers(t *testing.T) {
	g := withEvents(t,
		holding(assadGov, schema.Controls, homs, "gov-daraa", dec(1), graph.Year(2015)),
		holding(coalition, schema.Captured, homs, "capture", dec(7), dec(6)),
	)
	for _, tc := range []struct {
		d    graph.Date
		want []string
	}{
		{dec(5), []string{gov}},
		{dec(6), []string{"Rebel coalition"}},
		{dec(7), []string{"Rebel coalition"}},
	} {
		if got := holders(t, g, graph.AsOf(tc.d)); !slices.Equal(got, tc.want) {
			t.Errorf("holders as of %v = %q, want %q", tc.d, got, tc.want)
		}
	}
	es, err := g.Edges(ctx, schema.Controls, graph.To(homs), graph.AsOf(dec(7)))
	if err != nil || len(es) != 1 || len(es[0].Evidence) != 1 || !es[0].Evidence[0].Derived || es[0].Evidence[0].ID != claimID("capture") {
		t.Fatalf("the rebels' control on 7 December = %+v, %v; want the capture's claim, derived", es, err)
	}
	// The event itself: as of a date, the events that happened on or before it.
	for _, tc := range []struct {
		d    graph.Date
		want int
	}{{dec(5), 0}, {dec(6), 1}, {graph.Year(2025), 1}} {
		es, err := g.Edges(ctx, schema.Captured, graph.To(homs), graph.AsOf(tc.d))
		if err != nil || len(es) != tc.want {
			t.Errorf("captures of Daraa as of %v = %d, %v; want %d", tc.d, len(es), err, tc.want)
		}
	}
	if es, _ := g.Edges(ctx, schema.Captured, graph.To(homs), graph.DuringPeriod(graph.Year(2023))); len(es) != 0 {
		t.Error("the capture falls in 2023")
	}
}

func TestTwoHoldersStartingTheSameDayAreRivals(t *testing.T) {
	g := withEvents(t,
		holding(coalition, schema.Controls, homs, "rebels", dec(7), dec(6)),
		holding(hts, schema.Controls, homs, "hts", dec(7), dec(6)),
	)
	es, err := g.Edges(ctx, schema.Controls, graph.To(homs), graph.AsOf(dec(7)))
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 2 {
		t.Fatalf("holders on 7 December = %v, want both", edgeNames(g, es))
	}
	for _, e := range es {
		if len(e.Rivals) != 1 || e.Rivals[0].ID == e.Subject.ID {
			t.Errorf("%s's rivals = %v", e.Subject.Name, e.Rivals)
		}
	}
}

func TestAWithdrawalEndsTheState(t *testing.T) {
	g := withEvents(t,
		holding(assadGov, schema.Controls, homs, "gov-daraa", dec(1), graph.Year(2015)),
		holding(assadGov, schema.WithdrewFrom, homs, "gov-withdrawal", dec(7), dec(6)),
	)
	if got := holders(t, g, graph.AsOf(dec(5))); !slices.Equal(got, []string{gov}) {
		t.Errorf("holders on 5 December = %q", got)
	}
	if got := holders(t, g, graph.AsOf(dec(6))); len(got) != 0 {
		t.Errorf("holders on 6 December, after the withdrawal = %q", got)
	}
}

func TestWhatWasKnownOfACaptureAndOfItsRetraction(t *testing.T) {
	g := withEvents(t,
		holding(assadGov, schema.Controls, homs, "gov-daraa", dec(1), graph.Year(2015)),
		holding(coalition, schema.Captured, homs, "capture", dec(8), dec(6)),
	)
	at := graph.AsOf(dec(7))
	for _, tc := range []struct {
		known graph.Date
		want  []string
	}{{dec(7), []string{gov}}, {dec(8), []string{"Rebel coalition"}}} {
		if got := holders(t, g, at, graph.KnownAt(tc.known)); !slices.Equal(got, tc.want) {
			t.Errorf("holders on 7 December, known on %v = %q, want %q", tc.known, got, tc.want)
		}
	}
	err := g.Write(ctx, func(tx *graph.Tx) error {
		return tx.AddClaim(graph.Claim{ID: claimID("capture-retracted"), Source: graph.Entity{ID: report}, Stance: graph.Retracted,
			Retracts: claimID("capture"), Reported: dec(10)})
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		known graph.Date
		want  []string
	}{{dec(9), []string{"Rebel coalition"}}, {dec(10), []string{gov}}} {
		if got := holders(t, g, at, graph.KnownAt(tc.known)); !slices.Equal(got, tc.want) {
			t.Errorf("after the retraction: holders on 7 December, known on %v = %q, want %q", tc.known, got, tc.want)
		}
	}
}

func TestASuccessorCutsAnOpenEndedClaimEvenWhenItEndsFirst(t *testing.T) {
	g := withEvents(t,
		holding(assadGov, schema.Controls, homs, "gov", dec(1), graph.Year(2015)),
		event{graph.Claim{ID: claimID("rebels"), Reported: dec(7), ValidFrom: graph.Year(2018), ValidUntil: graph.Year(2018)},
			graph.Fact{Subject: coalition, Relation: schema.Controls, Object: homs}},
	)
	for _, tc := range []struct {
		d    graph.Date
		want []string
	}{
		{graph.Year(2017), []string{gov}},
		// The rebels' claim, dated to the year, may have started on 31
		// December 2018: on 1 June the government possibly still held it.
		{graph.Day(2018, 6, 1), []string{gov, "Rebel coalition"}},
		{graph.Year(2019), []string{}}, // the government's open claim ended where its successor began
	} {
		if got := holders(t, g, graph.AsOf(tc.d)); !slices.Equal(got, tc.want) {
			t.Errorf("holders as of %v = %q, want %q", tc.d, got, tc.want)
		}
	}
}

func TestAClaimOfBothTheCaptureAndTheControlIsOneSpell(t *testing.T) {
	c := graph.Claim{ID: claimID("both"), Reported: dec(7), ValidFrom: dec(6)}
	g := withEvents(t,
		event{c, graph.Fact{Subject: coalition, Relation: schema.Captured, Object: homs}},
		event{c, graph.Fact{Subject: coalition, Relation: schema.Controls, Object: homs}},
	)
	ivs, err := g.History(ctx, schema.Controls, graph.To(homs))
	if err != nil {
		t.Fatal(err)
	}
	if len(ivs) != 1 || ivs[0].Claim.Derived {
		t.Errorf("History = %d intervals (%v), want the one stated control", len(ivs), ivs)
	}
}

func TestContestedListsRivalHolders(t *testing.T) {
	g := withEvents(t,
		holding(coalition, schema.Controls, homs, "rebels", dec(7), dec(6)),
		holding(hts, schema.Controls, homs, "hts", dec(7), dec(6)),
	)
	for _, opts := range [][]graph.ContestedOption{nil, {graph.To(homs)}, {graph.From(hts)}} {
		es, err := g.Contested(ctx, opts...)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, e := range es {
			if e.Object.ID == homs {
				n++
				if len(e.Rivals) != 1 {
					t.Errorf("%s's rivals = %v", e.Subject.Name, e.Rivals)
				}
			}
		}
		want := 2
		if len(opts) == 1 && opts[0] == graph.From(hts) {
			want = 1
		}
		if n != want {
			t.Errorf("Contested(%v) lists %d rival holders of Homs, want %d: %v", opts, n, want, edgeNames(g, es))
		}
	}
}

func TestHoldersNamedByOneClaimHoldJointly(t *testing.T) {
	c := graph.Claim{ID: claimID("joint"), Reported: dec(7), ValidFrom: dec(6)}
	g := withEvents(t,
		event{c, graph.Fact{Subject: coalition, Relation: schema.Captured, Object: homs}},
		event{c, graph.Fact{Subject: hts, Relation: schema.Captured, Object: homs}},
	)
	es, err := g.Edges(ctx, schema.Controls, graph.To(homs), graph.AsOf(dec(7)))
	if err != nil || len(es) != 2 {
		t.Fatalf("holders = %v, %v; want both", edgeNames(g, es), err)
	}
	for _, e := range es {
		if len(e.Rivals) != 0 {
			t.Errorf("%s has rivals %v; one claim named them both", e.Subject.Name, e.Rivals)
		}
	}
	if cs, err := g.Contested(ctx, graph.To(homs)); err != nil || len(cs) != 0 {
		t.Errorf("Contested = %v, %v", edgeNames(g, cs), err)
	}
}
