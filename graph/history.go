package graph

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/actorgraph/actorgraph/schema"
)

// HistoryOption is an option of [Graph.History]: a [Filter] or an [Anchor].
type HistoryOption interface{ historyOption(*options) }

func (f Filter) historyOption(o *options) { f.apply(o) }
func (a Anchor) historyOption(o *options) { a.apply(o) }

// ChangeOption is an option of [Graph.Changes]: a [Filter] other than the
// valid-time ones (AsOf, During and Certainly are refused: the window is
// Changes' own), an [Anchor], or [ReportTime].
type ChangeOption interface{ changeOption(*options) }

func (f Filter) changeOption(o *options) { f.apply(o) }
func (a Anchor) changeOption(o *options) { a.apply(o) }

// ReportTimeOption is the type of [ReportTime].
type ReportTimeOption struct{}

func (ReportTimeOption) changeOption(o *options) { o.reportTime = true }

// ReportTime makes Changes read the window in report time: what was learned
// between the two dates (claims reported, denials, retractions), instead of
// what began and ended in the world.
func ReportTime() ReportTimeOption { return ReportTimeOption{} }

// Interval is one claim's part in the history of a relation: when, on its
// evidence, the fact holds (a state) or happened (an event), and what ended
// it early.
type Interval struct {
	Subject  Entity
	Relation schema.Relation
	Object   Entity
	// Claim is the evidence. For a state an event started (control after a
	// capture) it is the event's claim, with Derived set; when a successor in
	// an exclusive slot or an ending event cut the state short, EndedBy and
	// EndedOn say by what and from when; Retractions lists the retractions
	// of it, which the history keeps.
	Claim Claim
	// From is when it starts: the claim's ValidFrom, or its Reported date.
	From Date
	// Until is the claim's ValidUntil, zero when it gives none (open-ended, or
	// for an event, within From's period).
	Until Date
}

// History returns the history of relation rel: for every fact of it that
// the anchors allow (From, To; with neither, every fact of rel, which on
// key-value backends scans the store), one Interval a claim, asserting or
// denying, in the order the intervals start, then by subject and object
// name. It is read as the edges are (see slot.go: supersession in exclusive
// slots, states that events start and end), but keeps what AsOf would leave
// out: superseded and ended claims, with what ended them, and retracted
// ones, with their retractions. KnownAt and BySource choose the claims; AsOf
// and During keep the intervals that hold in their window.
func (g *Graph) History(ctx context.Context, rel schema.Relation, opts ...HistoryOption) ([]Interval, error) {
	def, ok := g.vocab.Relation(rel)
	if !ok {
		return nil, fmt.Errorf("graph: History: relation %q: %w", rel, ErrUnknownTerm)
	}
	f := collect(opts, HistoryOption.historyOption)
	if err := f.valid("History"); err != nil {
		return nil, err
	}
	var out []Interval
	err := g.read(ctx, func(r *reader) error {
		if err := r.anchors("History", f); err != nil {
			return err
		}
		var err error
		out, err = r.history(def, f)
		return err
	})
	return out, err
}

// history is History in a read.
func (r *reader) history(def schema.RelationDef, f options) ([]Interval, error) {
	untimed := f.filters.untimed()
	var spells []spell
	denials := map[pair][]Claim{}
	starters, enders, slotted := r.slotting(def)
	if slotted {
		var err error
		if spells, denials, _, _, err = r.spells(def, f, starters, enders); err != nil {
			return nil, err
		}
	} else {
		ts, err := r.triples(def, f)
		if err != nil {
			return nil, err
		}
		for _, t := range ts {
			ev, err := r.evidence(t.labels, untimed, def.Time)
			if err != nil {
				return nil, err
			}
			for _, c := range ev {
				if c.Stance != Asserted {
					denials[t.pair] = append(denials[t.pair], c)
					continue
				}
				start, end := validity(c, false)
				spells = append(spells, spell{pair: t.pair, claim: c, start: start, end: end, cut: end})
			}
		}
	}
	var out []Interval
	add := func(p pair, rel schema.Relation, c Claim) error {
		iv := Interval{Relation: rel, Claim: c, From: startOf(c), Until: c.ValidUntil}
		if c.Derived {
			iv.Until = Date{} // the event's span is not the state's
		}
		var err error
		if iv.Subject, err = r.mustEntity(p.s); err != nil {
			return err
		}
		if iv.Object, err = r.mustEntity(p.o); err != nil {
			return err
		}
		out = append(out, iv)
		return nil
	}
	for _, sp := range spells {
		if admitted, ended := f.admitsSpell(sp, def.Time); !admitted && !ended {
			continue
		}
		if err := add(sp.pair, def.Relation, sp.evidence()); err != nil {
			return nil, err
		}
	}
	for p, ds := range denials {
		for _, c := range ds {
			if f.filters.admits(c, def.Time) {
				if err := add(p, def.Relation, c); err != nil {
					return nil, err
				}
			}
		}
	}
	// Retracted claims no longer count, so they cut nothing; the history
	// keeps them, with their retractions, where they would have held. A
	// claim of both an event and the state it starts is the state's.
	keep := untimed
	keep.keepRetracted = true
	stated := pairClaims{}
	for _, rel := range append([]schema.RelationDef{def}, starters...) {
		ts, err := r.triples(rel, f)
		if err != nil {
			return nil, err
		}
		for _, t := range ts {
			ev, err := r.evidence(t.labels, keep, rel.Time)
			if err != nil {
				return nil, err
			}
			for _, c := range ev {
				if rel.Relation == def.Relation {
					stated.add(t.pair, c.ID)
				} else if stated.has(t.pair, c.ID) {
					continue
				}
				if untimed.admits(c, rel.Time) {
					continue // not retracted: read above
				}
				start, end := validity(c, false)
				if rel.Relation != def.Relation {
					c.Derived, end = true, forever
				}
				if admitted, _ := f.admitsSpell(spell{pair: t.pair, claim: c, derived: c.Derived, start: start, end: end, cut: end}, def.Time); !admitted {
					continue
				}
				if err := add(t.pair, def.Relation, c); err != nil {
					return nil, err
				}
			}
		}
	}
	slices.SortFunc(out, compareIntervals)
	return out, nil
}

func compareIntervals(a, b Interval) int {
	if c := a.From.Start().Compare(b.From.Start()); c != 0 {
		return c
	}
	if c := lessFold(a.Subject.Name, b.Subject.Name); c != 0 {
		return c
	}
	if c := lessFold(a.Object.Name, b.Object.Name); c != 0 {
		return c
	}
	return strings.Compare(string(a.Claim.ID), string(b.Claim.ID))
}

// ChangeKind says what a Change is.
type ChangeKind uint8

// The kinds of change. Began, Ended and Happened are changes in the world
// (valid time); Reported, DeniedThen and RetractedThen are changes in what was
// known (report time, with ReportTime).
const (
	Began         ChangeKind = iota + 1 // a state began
	Ended                               // a state ended: its claim's end, or cut by a successor or an event
	Happened                            // an event happened
	Reported                            // a claim asserting the fact was reported
	DeniedThen                          // a claim denying the fact was reported
	RetractedThen                       // a claim was retracted by its source
)

// String returns the kind's name in lower case: "began", "ended"...
func (k ChangeKind) String() string {
	switch k {
	case Began:
		return "began"
	case Ended:
		return "ended"
	case Happened:
		return "happened"
	case Reported:
		return "reported"
	case DeniedThen:
		return "denied"
	case RetractedThen:
		return "retracted"
	}
	return fmt.Sprintf("ChangeKind(%d)", uint8(k))
}

// Change is one change between two dates: what began, ended or happened in
// the world, or what was reported, denied or retracted.
type Change struct {
	Kind ChangeKind
	On   Date // the date of the change
	Interval
}

// Changes returns what changed between from and until (both included, at
// their precision): by default in the world, the states that began and ended
// and the events that happened then; with ReportTime, what was learned then,
// the claims reported (asserting or denying) and retracted. Changes are
// sorted by date, then by kind (in the order of the ChangeKind constants).
// From and To keep the changes of facts with that subject or object; with
// neither, Changes reads every relation of the vocabulary by
// predicate, which on key-value backends scans the store.
func (g *Graph) Changes(ctx context.Context, from, until Date, opts ...ChangeOption) ([]Change, error) {
	f, in, err := changeWindow(from, until, opts)
	if err != nil {
		return nil, err
	}
	var out []Change
	err = g.read(ctx, func(r *reader) error {
		if err := r.anchors("Changes", f); err != nil {
			return err
		}
		for _, def := range g.vocab.Relations() {
			if err := r.ctx.Err(); err != nil {
				return err
			}
			ivs, err := r.history(def, f)
			if err != nil {
				return err
			}
			out = appendChanges(out, def, f, in, ivs)
		}
		return nil
	})
	sortChanges(out)
	return out, err
}

// changeWindow checks the arguments of Changes and returns its options and
// the test of whether a date is in the window.
func changeWindow(from, until Date, opts []ChangeOption) (options, func(Date) bool, error) {
	f := collect(opts, ChangeOption.changeOption)
	if f.timed() || f.certain {
		return f, nil, fmt.Errorf("graph: Changes: AsOf, During and Certainly do not apply; the window is from and until: %w", ErrInvalid)
	}
	for _, d := range []Date{from, until} {
		if d.IsZero() {
			return f, nil, fmt.Errorf("graph: Changes: the window needs both dates: %w", ErrInvalid)
		}
		if err := d.Valid(); err != nil {
			return f, nil, fmt.Errorf("graph: Changes: %w", err)
		}
	}
	if err := f.valid("Changes"); err != nil {
		return f, nil, err
	}
	ws, we := from.Start(), until.End()
	if !ws.Before(we) {
		return f, nil, fmt.Errorf("graph: Changes(%s, %s) is an empty window: %w", from, until, ErrInvalid)
	}
	// A date is in the window when the period it names overlaps it: a state
	// valid until 2018 ends in a window from December 2018 to January 2019.
	in := func(d Date) bool { return d.Start().Before(we) && ws.Before(d.End()) }
	return f, in, nil
}

// appendChanges appends to out the changes in the window (in) of the
// intervals ivs of relation def.
func appendChanges(out []Change, def schema.RelationDef, f options, in func(Date) bool, ivs []Interval) []Change {
	for _, iv := range ivs {
		c := iv.Claim
		if f.reportTime {
			if in(c.Reported) {
				kind := Reported
				if c.Stance == Denied {
					kind = DeniedThen
				}
				out = append(out, Change{Kind: kind, On: c.Reported, Interval: iv})
			}
			for _, rt := range c.Retractions {
				if in(rt.Reported) {
					out = append(out, Change{Kind: RetractedThen, On: rt.Reported, Interval: iv})
				}
			}
			continue
		}
		if c.Stance != Asserted || retractedNow(c) {
			continue
		}
		if def.Time == schema.Eventive {
			if in(iv.From) {
				out = append(out, Change{Kind: Happened, On: iv.From, Interval: iv})
			}
			continue
		}
		if in(iv.From) {
			out = append(out, Change{Kind: Began, On: iv.From, Interval: iv})
		}
		switch {
		case !c.EndedOn.IsZero():
			if in(c.EndedOn) {
				out = append(out, Change{Kind: Ended, On: c.EndedOn, Interval: iv})
			}
		case !iv.Until.IsZero():
			if in(iv.Until) {
				out = append(out, Change{Kind: Ended, On: iv.Until, Interval: iv})
			}
		}
	}
	return out
}

// sortChanges orders changes as Changes returns them: by date, then kind,
// then as intervals.
func sortChanges(cs []Change) {
	slices.SortStableFunc(cs, func(a, b Change) int {
		if c := a.On.Start().Compare(b.On.Start()); c != 0 {
			return c
		}
		if a.Kind != b.Kind {
			return int(a.Kind) - int(b.Kind)
		}
		return compareIntervals(a.Interval, b.Interval)
	})
}

// retractedNow reports whether c has been retracted (as the graph knows now).
func retractedNow(c Claim) bool { return len(c.Retractions) > 0 }
