package graph

import (
	"fmt"

	"github.com/actorgraph/actorgraph/schema"
)

// Options are typed by what they apply to, so that an option a call would
// ignore does not compile (as go-cmp's options do):
//
//	claim filters  AsOf, KnownAt, BySource    every read that weighs evidence
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
	through    []schema.Relation
	maxDepth   int
}

// filters choose the claims that count.
type filters struct {
	asOf    Date
	knownAt Date
	source  schema.IRI
}

// Filter chooses which claims count as evidence: [AsOf], [KnownAt],
// [BySource]. Every read that weighs evidence takes filters, and they combine:
// Edges(ctx, schema.Backs, To(assad), AsOf(d), KnownAt(r)).
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

// AsOf keeps the claims that hold in the world at the first instant of d: those
// whose validity period contains it. A claim with no ValidFrom is taken to hold
// from its Reported date (the source vouches for the time it speaks of, not for
// the years before); a claim with no ValidUntil holds on.
func AsOf(d Date) Filter { return Filter{func(f *filters) { f.asOf = d }} }

// KnownAt keeps the claims reported by the first instant of d, and lets a
// retraction count only from its own reported date: a claim its source
// retracted after d still counts as of d.
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
	}{{"AsOf", f.asOf}, {"KnownAt", f.knownAt}} {
		if err := d.d.Valid(); err != nil {
			return fmt.Errorf("graph: %s: %s: %w", call, d.what, err)
		}
	}
	return nil
}

// admits reports whether claim c passes the claim filters. A retraction
// counts from its reported date on: with KnownAt(d), a claim retracted after d
// still counts; with no KnownAt, every retraction counts.
func (f filters) admits(c Claim) bool {
	if f.source != "" && c.Source.ID != f.source {
		return false
	}
	if len(c.Retractions) > 0 && (f.knownAt.IsZero() || !c.Retractions[0].Reported.Start().After(f.knownAt.Start())) {
		return false
	}
	if !f.knownAt.IsZero() && c.Reported.Start().After(f.knownAt.Start()) {
		return false
	}
	if !f.asOf.IsZero() {
		t := f.asOf.Start()
		from := c.ValidFrom
		if from.IsZero() {
			from = c.Reported
		}
		if from.Start().After(t) {
			return false
		}
		if !c.ValidUntil.IsZero() && !t.Before(c.ValidUntil.End()) {
			return false
		}
	}
	return true
}

// keeps reports whether a fact with evidence ev is returned.
func (o options) keeps(ev Evidence) bool {
	if len(ev) == 0 {
		return false
	}
	return o.withDenied || ev.Asserted()
}
