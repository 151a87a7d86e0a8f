package graph

import (
	"fmt"
	"time"

	"github.com/actorgraph/actorgraph/schema"
)

// Options are typed by what they apply to, so that an option a call would
// ignore does not compile (as go-cmp's options do):
//
//	claim filters  AsOf, KnownAt, BySource,   every read that weighs evidence
//	               MinConfidence
//	edge anchors   From, To                   Edges, Contested
//	denials        WithDenied                 Edges, Attributes
//	walk bounds    Through, MaxDepth          Lineage, Path
//
// Each call takes the interface of the options it honours: Edges takes
// EdgeOption, which Filter, Anchor and DenialOption implement; Lineage takes
// WalkOption, which Filter and WalkBound implement; and so on.

// EdgeOption is an option of [Graph.Edges]: a [Filter], an [Anchor] or
// [WithDenied].
type EdgeOption interface{ edgeOption(*options) }

// ContestedOption is an option of [Graph.Contested]: a [Filter] or an [Anchor].
type ContestedOption interface{ contestedOption(*options) }

// AttributeOption is an option of [Graph.Attributes]: a [Filter] or
// [WithDenied].
type AttributeOption interface{ attributeOption(*options) }

// WalkOption is an option of [Graph.Lineage] and [Graph.Path]: a [Filter] or
// a [WalkBound].
type WalkOption interface{ walkOption(*options) }

// options is what a read was asked for.
type options struct {
	filters
	from, to   schema.IRI
	withDenied bool
	withEnded  bool
	reportTime bool // Changes in report time
	through    []schema.Relation
	maxDepth   int
}

// filters choose the claims that count.
type filters struct {
	asOf    Date
	knownAt Date
	source  schema.IRI
	// during is a window [from, until] of valid time; zero Dates when not asked.
	duringFrom, duringUntil Date
	certain                 bool
	// minConfidence is MinConfidence's bound; hasMinConfidence says it was
	// asked for (MinConfidence(0) is refused, not ignored).
	minConfidence    float64
	hasMinConfidence bool
	keepRetracted    bool // History keeps retracted claims, with their retractions
}

// Filter chooses which claims count as evidence: [AsOf], [KnownAt],
// [BySource], [MinConfidence]. Every read that weighs evidence takes
// filters, and they combine: Edges(ctx, schema.Backs, To(assad), AsOf(d),
// KnownAt(r)).
type Filter struct{ set func(*filters) }

func (f Filter) apply(o *options) {
	if f.set != nil {
		f.set(&o.filters)
	}
}

func (f Filter) edgeOption(o *options)      { f.apply(o) }
func (f Filter) contestedOption(o *options) { f.apply(o) }
func (f Filter) attributeOption(o *options) { f.apply(o) }
func (f Filter) walkOption(o *options)      { f.apply(o) }

// Anchor fixes one end of the edges a read returns: [From] or [To]. The
// entity must be in the graph; a read given an anchor that is not fails with
// ErrNotFound.
type Anchor struct {
	id      schema.IRI
	subject bool
}

func (a Anchor) apply(o *options) {
	if a.subject {
		o.from = a.id
	} else {
		o.to = a.id
	}
}

func (a Anchor) edgeOption(o *options)      { a.apply(o) }
func (a Anchor) contestedOption(o *options) { a.apply(o) }

// EndedOption is the type of [WithEnded].
type EndedOption struct{}

func (EndedOption) edgeOption(o *options) { o.withEnded = true }

// WithEnded also returns, under AsOf or During, the claims of exclusive or
// event-bound states that would hold then but for a successor or an event
// that ended them; each has EndedBy and EndedOn set.
func WithEnded() EndedOption { return EndedOption{} }

// DenialOption is the type of [WithDenied].
type DenialOption struct{}

func (DenialOption) edgeOption(o *options)      { o.withDenied = true }
func (DenialOption) attributeOption(o *options) { o.withDenied = true }

// WalkBound bounds a traversal: [Through] and [MaxDepth].
type WalkBound struct{ set func(*options) }

func (b WalkBound) walkOption(o *options) {
	if b.set != nil {
		b.set(o)
	}
}

// collect applies the options os, each by apply, skipping nil ones.
func collect[O any](os []O, apply func(O, *options)) options {
	var o options
	for _, x := range os {
		if any(x) != nil {
			apply(x, &o)
		}
	}
	return o
}

func collectEdge(os []EdgeOption) options { return collect(os, EdgeOption.edgeOption) }

func collectContested(os []ContestedOption) options {
	return collect(os, ContestedOption.contestedOption)
}

func collectAttribute(os []AttributeOption) options {
	return collect(os, AttributeOption.attributeOption)
}

func collectWalk(os []WalkOption) options { return collect(os, WalkOption.walkOption) }

func collectFilters(fs []Filter) filters {
	var o options
	for _, f := range fs {
		f.apply(&o)
	}
	return o.filters
}

// From keeps edges whose subject is id.
func From(id schema.IRI) Anchor { return Anchor{id: id, subject: true} }

// To keeps edges whose object is id.
func To(id schema.IRI) Anchor { return Anchor{id: id} }

// AsOf keeps the claims that hold in the world during d: a state's claim that
// possibly holds at some instant of the period d names (a day, a month, a
// year), or, with Certainly, certainly holds throughout it; an event's claim
// that happened on or before d. A claim with no ValidFrom is taken to hold
// from its Reported date (the source vouches for the time it speaks of, not
// for the years before); a claim with no ValidUntil holds on. A denial with
// neither date denies at all times.
//
// Dates keep their precision, and so does the question: a claim valid from
// 2020 possibly holds from 1 January 2020 and certainly from 31 December
// 2020; valid until 2018, it possibly holds through 31 December 2018 and
// certainly through 1 January 2018.
func AsOf(d Date) Filter { return Filter{func(f *filters) { f.asOf = d }} }

// During keeps the claims that hold at some instant between the first instant
// of from and the end of until (or, with Certainly, certainly hold at some
// instant of it); an event's claim is kept when the event falls in the window.
// During(d, d) asks about the period d names: During(Year(2024), Year(2024))
// is the whole of 2024; DuringPeriod(Year(2024)) says the same.
func During(from, until Date) Filter {
	return Filter{func(f *filters) { f.duringFrom, f.duringUntil = from, until }}
}

// DuringPeriod is During(d, d): the whole of the year, month or day d names.
func DuringPeriod(d Date) Filter { return During(d, d) }

// Certainly makes AsOf and During keep only what the dates make certain,
// not merely possible: see AsOf.
func Certainly() Filter { return Filter{func(f *filters) { f.certain = true }} }

// KnownAt keeps the claims reported by the end of d (a day, a month, a year),
// and lets a retraction count only from its own reported date: a claim its
// source retracted after d still counts as known at d.
func KnownAt(d Date) Filter { return Filter{func(f *filters) { f.knownAt = d }} }

// BySource keeps the claims made by the source id.
func BySource(id schema.IRI) Filter { return Filter{func(f *filters) { f.source = id }} }

// WithDenied also returns facts that the admitted claims only deny. By default a
// fact is returned when at least one admitted claim asserts it; its Evidence
// holds the admitted denials too.
func WithDenied() DenialOption { return DenialOption{} }

// valid checks the filters' dates: Day(2024, 13, 1) is refused, not read as
// 1 January 2025.
func (f filters) valid(call string) error {
	for _, d := range []struct {
		what string
		d    Date
	}{{"AsOf", f.asOf}, {"KnownAt", f.knownAt}, {"During", f.duringFrom}, {"During", f.duringUntil}} {
		if err := d.d.Valid(); err != nil {
			return fmt.Errorf("graph: %s: %s: %w", call, d.what, err)
		}
	}
	if f.hasMinConfidence && !(f.minConfidence > 0 && f.minConfidence <= 1) {
		return fmt.Errorf("graph: %s: MinConfidence(%v): want a bound in (0, 1]: %w", call, f.minConfidence, ErrInvalid)
	}
	if f.duringFrom.IsZero() != f.duringUntil.IsZero() {
		return fmt.Errorf("graph: %s: During needs both dates: %w", call, ErrInvalid)
	}
	if !f.duringFrom.IsZero() && !f.duringFrom.Start().Before(f.duringUntil.End()) {
		return fmt.Errorf("graph: %s: During(%s, %s) is an empty window: %w", call, f.duringFrom, f.duringUntil, ErrInvalid)
	}
	return nil
}

// untimed returns f without its valid-time filters (AsOf, During,
// Certainly): a slot is read whole, and time applied to it after.
func (f filters) untimed() filters {
	f.asOf, f.duringFrom, f.duringUntil, f.certain = Date{}, Date{}, Date{}, false
	return f
}

// timed reports whether the filters ask about valid time.
func (f filters) timed() bool { return !f.asOf.IsZero() || !f.duringFrom.IsZero() }

// admits reports whether claim c, the evidence of a fact of a relation of
// time semantics t, passes the claim filters. A retraction counts from its
// reported date on: with KnownAt(d), a claim retracted after d still counts;
// with no KnownAt, every retraction counts.
func (f filters) admits(c Claim, t schema.TimeSemantics) bool {
	if f.source != "" && c.Source.ID != f.source {
		return false
	}
	if f.hasMinConfidence && c.Confidence < f.minConfidence {
		return false // a claim that gives no confidence (0) does not reach any bound
	}
	if len(c.Retractions) > 0 && !f.keepRetracted && (f.knownAt.IsZero() || c.Retractions[0].Reported.Start().Before(f.knownAt.End())) {
		return false
	}
	if !f.knownAt.IsZero() && !c.Reported.Start().Before(f.knownAt.End()) {
		return false
	}
	if !f.timed() || c.Stance == Denied && c.ValidFrom.IsZero() && c.ValidUntil.IsZero() {
		return true // a denial with no dates denies at all times
	}
	if t == schema.Eventive {
		return f.admitsEvent(c)
	}
	return f.window(validity(c, f.certain))
}

// admitsEvent is admits's time test for an event's claim: the event happens
// at a time within its ValidFrom's period (its Reported date's when it has
// none), or over the span to its ValidUntil.
func (f filters) admitsEvent(c Claim) bool {
	earliest, _ := validity(c, false)
	latest := latestStart(c)
	end := latest.AddDate(0, 0, 1)
	if !c.ValidUntil.IsZero() {
		end = c.ValidUntil.End()
	}
	happened := earliest // on or before d: possibly
	if f.certain {
		happened = latest
	}
	if !f.asOf.IsZero() && !happened.Before(f.asOf.End()) {
		return false
	}
	if !f.duringFrom.IsZero() {
		ws, we := f.duringFrom.Start(), f.duringUntil.End()
		if f.certain {
			return !earliest.Before(ws) && latest.Before(we)
		}
		return earliest.Before(we) && ws.Before(end)
	}
	return true
}

// forever stands for an open end.
var forever = time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)

// validity returns when c holds in the world: from its ValidFrom (its
// Reported date when it has none) to the end of its ValidUntil, or on without
// one. certain narrows both ends to what the dates' precision makes certain:
// from the last day of ValidFrom's period to the first day of ValidUntil's.
//
// A claim with only a ValidUntil, reported after it, speaks of a past whose
// start it does not give: it possibly holds from any time before, and
// certainly on the first day of ValidUntil's period.
func validity(c Claim, certain bool) (start, end time.Time) {
	if c.ValidFrom.IsZero() && !c.ValidUntil.IsZero() && !c.Reported.Start().Before(c.ValidUntil.End()) {
		if certain {
			return c.ValidUntil.Start(), c.ValidUntil.Start().AddDate(0, 0, 1)
		}
		return time.Time{}, c.ValidUntil.End()
	}
	from := startOf(c)
	start, end = from.Start(), forever
	if !c.ValidUntil.IsZero() {
		end = c.ValidUntil.End()
	}
	if certain {
		start = from.End().AddDate(0, 0, -1)
		if !c.ValidUntil.IsZero() {
			end = c.ValidUntil.Start().AddDate(0, 0, 1)
		}
	}
	return start, end
}

// latestStart returns the last instant at which c's ValidFrom (or Reported
// date) may fall: the first instant of the last day of its period.
func latestStart(c Claim) time.Time { return startOf(c).End().AddDate(0, 0, -1) }

// keeps reports whether a fact with evidence ev is returned.
func (o options) keeps(ev Evidence) bool {
	if len(ev) == 0 {
		return false
	}
	return o.withDenied || ev.Asserted()
}
