package graph

import "github.com/actorgraph/actorgraph/schema"

// Filter narrows a read: which end of an edge is known, and which claims count.
// Filters combine: Edges(ctx, schema.Backs, To(assad), AsOf(d), KnownAt(r)).
type Filter func(*filters)

type filters struct {
	from, to   schema.IRI
	asOf       Date
	knownAt    Date
	withDenied bool
	source     schema.IRI
	through    []schema.Relation
	maxDepth   int
}

func collect(fs []Filter) filters {
	var f filters
	for _, fn := range fs {
		if fn != nil {
			fn(&f)
		}
	}
	return f
}

// From keeps edges whose subject is id.
func From(id schema.IRI) Filter { return func(f *filters) { f.from = id } }

// To keeps edges whose object is id.
func To(id schema.IRI) Filter { return func(f *filters) { f.to = id } }

// AsOf keeps the claims that hold in the world at the first instant of d: those
// whose validity period contains it. A claim with no ValidFrom is taken to hold
// from its Reported date (the source vouches for the time it speaks of, not for
// the years before); a claim with no ValidUntil holds on.
func AsOf(d Date) Filter { return func(f *filters) { f.asOf = d } }

// KnownAt keeps the claims reported by the first instant of d.
func KnownAt(d Date) Filter { return func(f *filters) { f.knownAt = d } }

// BySource keeps the claims made by the source id.
func BySource(id schema.IRI) Filter { return func(f *filters) { f.source = id } }

// WithDenied also returns facts that the admitted claims only deny. By default a
// fact is returned when at least one admitted claim asserts it; its Evidence
// holds the admitted denials too.
func WithDenied() Filter { return func(f *filters) { f.withDenied = true } }

// admits reports whether claim c passes the claim filters.
func (f filters) admits(c Claim) bool {
	if f.source != "" && c.Source.ID != f.source {
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
func (f filters) keeps(ev Evidence) bool {
	if len(ev) == 0 {
		return false
	}
	return f.withDenied || ev.Asserted()
}
