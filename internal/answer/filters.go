package answer

import (
	"context"
	"fmt"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

// Filters are the claim filters of a question, as the command line and the
// web view read them: zero values are filters not given.
type Filters struct {
	AsOf, KnownAt graph.Date
	// DuringFrom and DuringUntil are a window of valid time; equal, the
	// period one date names.
	DuringFrom, DuringUntil graph.Date
	Certain                 bool
	Source                  schema.IRI
}

// list returns the filters as graph.Filter values.
func (f Filters) list() []graph.Filter {
	var out []graph.Filter
	if !f.AsOf.IsZero() {
		out = append(out, graph.AsOf(f.AsOf))
	}
	if !f.KnownAt.IsZero() {
		out = append(out, graph.KnownAt(f.KnownAt))
	}
	if !f.DuringFrom.IsZero() {
		if f.DuringFrom == f.DuringUntil {
			out = append(out, graph.DuringPeriod(f.DuringFrom))
		} else {
			out = append(out, graph.During(f.DuringFrom, f.DuringUntil))
		}
	}
	if f.Certain {
		out = append(out, graph.Certainly())
	}
	if f.Source != "" {
		out = append(out, graph.BySource(f.Source))
	}
	return out
}

// Options returns the filters as options of the family O (graph.EdgeOption,
// graph.WalkOption...) for the question named question. A filter that is not
// an O is an error rather than silently dropped: Changes takes no AsOf.
func Options[O any](f Filters, question string) ([]O, error) {
	var out []O
	for _, x := range f.list() {
		o, ok := any(x).(O)
		if !ok {
			return nil, fmt.Errorf("%s: the option %T does not apply", question, x)
		}
		out = append(out, o)
	}
	return out, nil
}

// Query returns q with the filters.
func (f Filters) Query(q graph.Query) graph.Query {
	if fs := f.list(); len(fs) > 0 {
		return q.With(fs...)
	}
	return q
}

// Attributes reads every attribute of e whose domain e is in, with the
// options opts, in the order of the vocabulary's attributes.
func Attributes(ctx context.Context, g *graph.Graph, e graph.Entity, opts ...graph.AttributeOption) ([]graph.AttributeValue, error) {
	v := g.Vocabulary()
	var out []graph.AttributeValue
	for _, a := range v.Attributes() {
		if !e.Is(v, a.Domain) {
			continue
		}
		vs, err := g.Attributes(ctx, e.ID, a.Attribute, opts...)
		if err != nil {
			return nil, err
		}
		out = append(out, vs...)
	}
	return out, nil
}

// EntityResultOf is e with its attribute values vals.
func EntityResultOf(v *schema.Vocabulary, e graph.Entity, vals []graph.AttributeValue) EntityResult {
	res := EntityResult{Entity: EntityOf(v, e), Attributes: []Attribute{}}
	for _, a := range vals {
		res.Attributes = append(res.Attributes, Attribute{Attribute: v.AttributeName(a.Attribute), Value: a.Value.String(), Evidence: EvidenceOf(a.Evidence)})
	}
	return res
}
