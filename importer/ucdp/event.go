package ucdp

import (
	"context"
	"fmt"
	"slices"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

// Estimate is a fatality estimate as UCDP gives it: the best estimate with
// its low and high bounds, which for aggregated events may not enclose it
// (Flag then says how).
type Estimate struct {
	Best, Low, High int64
	Flag            string // EstimateFlag's value: "" when Low <= Best <= High
}

// Consistent reports whether the bounds enclose the best estimate.
func (e Estimate) Consistent() bool { return e.Low <= e.Best && e.Best <= e.High }

// String returns "best 3 (low 2, high 5)", and the flag after it when there
// is one.
func (e Estimate) String() string {
	s := fmt.Sprintf("best %d (low %d, high %d)", e.Best, e.Low, e.High)
	if e.Flag != "" {
		s += " [" + e.Flag + "]"
	}
	return s
}

// EventRecord is a GED event as LoadGED wrote it.
type EventRecord struct {
	Event        graph.Entity
	Claim        graph.Claim     // its source, reported date, validity, quote and note
	Violence     schema.Relation // StateBased, NonState or OneSided
	SideA, SideB graph.Entity
	Dyad         graph.Entity
	// Places are the country and the administrative areas the event
	// happened in, widest first.
	Places     []graph.Entity
	Fatalities Estimate
	// DatePrecision and WherePrecision are date_prec and where_prec.
	DatePrecision, WherePrecision int64
}

// ReadEvent returns the GED event id (an IRI LoadGED wrote, Base.Event) with
// what its record says. It fails with graph.ErrNotFound when id is not an
// event of g.
func ReadEvent(ctx context.Context, g *graph.Graph, id schema.IRI) (EventRecord, error) {
	var r EventRecord
	e, err := g.Entity(ctx, id)
	if err != nil {
		return r, err
	}
	if !slices.Contains(e.Kinds, Event) {
		return r, fmt.Errorf("ucdp: %s (%s) is not a UCDP event: %w", id, e.Name, graph.ErrNotFound)
	}
	r.Event = e
	if r.Claim, err = g.Claim(ctx, claimOf(id)); err != nil {
		return r, err
	}
	ends := func(rel schema.Relation) ([]graph.Entity, error) {
		es, err := g.Edges(ctx, rel, graph.From(id))
		var out []graph.Entity
		for _, e := range es {
			out = append(out, e.Object)
		}
		return out, err
	}
	one := func(rel schema.Relation, dst *graph.Entity) error {
		es, err := ends(rel)
		if err != nil {
			return err
		}
		if len(es) != 1 {
			return fmt.Errorf("ucdp: event %s has %d %s, not one: %w", id, len(es), g.Vocabulary().RelationName(rel), graph.ErrCorrupt)
		}
		*dst = es[0]
		return nil
	}
	if err := one(SideA, &r.SideA); err != nil {
		return r, err
	}
	if err := one(SideB, &r.SideB); err != nil {
		return r, err
	}
	if err := one(InDyad, &r.Dyad); err != nil {
		return r, err
	}
	if r.Places, err = ends(OccurredIn); err != nil {
		return r, err
	}
	// Widest first: an area's IRI extends that of the place it lies in.
	depth := func(p graph.Entity) int { return len(p.ID) }
	slices.SortFunc(r.Places, func(a, b graph.Entity) int { return depth(a) - depth(b) })
	for _, rel := range []schema.Relation{StateBased, NonState, OneSided} {
		es, err := g.Edges(ctx, rel, graph.From(r.SideA.ID), graph.To(r.SideB.ID))
		if err != nil {
			return r, err
		}
		for _, e := range es {
			if slices.ContainsFunc(e.Evidence, func(c graph.Claim) bool { return c.ID == r.Claim.ID }) {
				r.Violence = rel
			}
		}
	}
	ints := []struct {
		a   schema.Attribute
		dst *int64
	}{{FatalitiesBest, &r.Fatalities.Best}, {FatalitiesLow, &r.Fatalities.Low}, {FatalitiesHigh, &r.Fatalities.High},
		{DatePrecision, &r.DatePrecision}, {WherePrecision, &r.WherePrecision}}
	for _, it := range ints {
		vs, err := g.Attributes(ctx, id, it.a)
		if err != nil {
			return r, err
		}
		for _, v := range vs {
			if n, ok := v.Value.(graph.Integer); ok {
				*it.dst = int64(n)
			}
		}
	}
	vs, err := g.Attributes(ctx, id, EstimateFlag)
	if err != nil {
		return r, err
	}
	for _, v := range vs {
		r.Fatalities.Flag = v.Value.String()
	}
	return r, nil
}

// EventsIn returns the GED events that happened in place (a country or an
// administrative area, Base.Place) under the filters, such as
// graph.DuringPeriod(graph.Month(2014, 5)), sorted by start and id.
func EventsIn(ctx context.Context, g *graph.Graph, place schema.IRI, filters ...graph.Filter) ([]EventRecord, error) {
	ms, err := graph.Find(Event).Where(OccurredIn.To(place)).With(filters...).All(ctx, g)
	if err != nil {
		return nil, err
	}
	out := make([]EventRecord, 0, len(ms))
	for _, m := range ms {
		r, err := ReadEvent(ctx, g, m.Entity.ID)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b EventRecord) int {
		if c := a.Claim.ValidFrom.Start().Compare(b.Claim.ValidFrom.Start()); c != 0 {
			return c
		}
		return compareNumeric(string(a.Event.ID), string(b.Event.ID))
	})
	return out, nil
}

// compareNumeric orders IRIs that end in numbers by length, then text, so
// that event/99 comes before event/100.
func compareNumeric(a, b string) int {
	if len(a) != len(b) {
		return len(a) - len(b)
	}
	if a < b {
		return -1
	}
	if a > b {
		return 1
	}
	return 0
}
