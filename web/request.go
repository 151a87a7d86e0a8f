package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/answer"
	"github.com/actorgraph/actorgraph/schema"
)

// filterParams are the claim filters' parameters, taken by every endpoint
// that weighs evidence.
var filterParams = []string{"asOf", "knownAt", "during", "certain", "source"}

// request is the query string of one API call, checked against the
// parameters its endpoint takes.
type request struct {
	g *graph.Graph
	q url.Values
}

// badRequest is a malformed request: it is answered with its status and
// message, which names the parameter.
type badRequest struct {
	status int
	msg    string
}

func (e *badRequest) Error() string { return e.msg }

func badf(format string, args ...any) error {
	return &badRequest{status: http.StatusBadRequest, msg: fmt.Sprintf(format, args...)}
}

// newRequest reads r's query string, refusing a parameter the endpoint does
// not take (params; repeat those it takes more than once) and one given twice.
func newRequest(g *graph.Graph, r *http.Request, params, repeat []string) (*request, error) {
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return nil, badf("query string: %v", err)
	}
	for name, vs := range q {
		switch {
		case !slices.Contains(params, name) && !slices.Contains(repeat, name):
			if len(params)+len(repeat) == 0 {
				return nil, badf("unknown parameter %q: this endpoint takes none", name)
			}
			return nil, badf("unknown parameter %q: this endpoint takes %s", name, strings.Join(append(slices.Clone(params), repeat...), ", "))
		case len(vs) > 1 && !slices.Contains(repeat, name):
			return nil, badf("parameter %q given %d times", name, len(vs))
		}
	}
	return &request{g: g, q: q}, nil
}

func (r *request) has(name string) bool { return r.q.Has(name) }

// text returns parameter name, refusing an empty one when it is required.
func (r *request) text(name string, required bool) (string, error) {
	s := r.q.Get(name)
	if s == "" && required {
		return "", badf("parameter %q is required", name)
	}
	return s, nil
}

// date parses parameter name as YYYY, YYYY-MM or YYYY-MM-DD.
func (r *request) date(name string, required bool) (graph.Date, error) {
	s, err := r.text(name, required)
	if err != nil || s == "" {
		return graph.Date{}, err
	}
	return parseDate(name, s)
}

func parseDate(name, s string) (graph.Date, error) {
	d, err := graph.ParseDate(s)
	if err == nil {
		err = d.Valid()
	}
	if err != nil {
		return graph.Date{}, badf("parameter %s=%q: want a date YYYY, YYYY-MM or YYYY-MM-DD: %v", name, s, err)
	}
	return d, nil
}

// flag parses parameter name as a boolean: 1, true, 0 or false.
func (r *request) flag(name string) (bool, error) {
	s := r.q.Get(name)
	switch s {
	case "", "0", "false":
		return false, nil
	case "1", "true":
		return true, nil
	}
	return false, badf("parameter %s=%q: want 1, true, 0 or false", name, s)
}

// entity returns the entity the IRI in parameter name names: a relative id
// is a 400, an IRI that names no entity a 404.
func (r *request) entity(ctx context.Context, name string, required bool) (schema.IRI, error) {
	s, err := r.text(name, required)
	if err != nil || s == "" {
		return "", err
	}
	return r.entityIRI(ctx, name, s)
}

func (r *request) entityIRI(ctx context.Context, name, s string) (schema.IRI, error) {
	if !schema.IsAbsolute(s) {
		return "", badf("parameter %s=%q: want an entity's full IRI (api/resolve?name= finds it by name)", name, s)
	}
	e, err := r.g.Entity(ctx, schema.IRI(s))
	if err != nil {
		return "", fmt.Errorf("parameter %s: %w", name, err)
	}
	return e.ID, nil
}

// relation returns the relation parameter name names (short name or IRI).
func (r *request) relation(name string) (schema.Relation, error) {
	s, err := r.text(name, true)
	if err != nil {
		return "", err
	}
	rel, err := answer.Relation(r.g.Vocabulary(), s)
	if err != nil {
		return "", fmt.Errorf("parameter %s: %w", name, err)
	}
	return rel, nil
}

// filters reads the claim filters' parameters.
func (r *request) filters(ctx context.Context) (answer.Filters, error) {
	var f answer.Filters
	var err error
	if f.AsOf, err = r.date("asOf", false); err != nil {
		return f, err
	}
	if f.KnownAt, err = r.date("knownAt", false); err != nil {
		return f, err
	}
	if s := r.q.Get("during"); s != "" {
		from, until, isRange := strings.Cut(s, "..")
		if f.DuringFrom, err = parseDate("during", from); err != nil {
			return f, err
		}
		f.DuringUntil = f.DuringFrom
		if isRange {
			if f.DuringUntil, err = parseDate("during", until); err != nil {
				return f, err
			}
		}
	}
	if f.Certain, err = r.flag("certain"); err != nil {
		return f, err
	}
	if f.Certain && !r.has("asOf") && !r.has("during") {
		return f, badf("parameter certain needs asOf or during")
	}
	if f.Source, err = r.entity(ctx, "source", false); err != nil {
		return f, err
	}
	return f, nil
}

// anchors appends the From and To anchors of parameters from and to to opts.
func anchors[O any](ctx context.Context, r *request, opts []O) ([]O, error) {
	for _, name := range []string{"from", "to"} {
		id, err := r.entity(ctx, name, false)
		if err != nil {
			return nil, err
		}
		if id == "" {
			continue
		}
		a := graph.From(id)
		if name == "to" {
			a = graph.To(id)
		}
		o, ok := any(a).(O)
		if !ok {
			return nil, fmt.Errorf("parameter %s: an anchor does not apply here", name)
		}
		opts = append(opts, o)
	}
	return opts, nil
}

// maxDepth appends the MaxDepth of parameter maxDepth, 1 to
// graph.DefaultMaxDepth, to opts.
func (r *request) maxDepth(opts []graph.WalkOption) ([]graph.WalkOption, error) {
	s := r.q.Get("maxDepth")
	if s == "" {
		return opts, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > graph.DefaultMaxDepth {
		return nil, badf("parameter maxDepth=%q: want a whole number from 1 to %d", s, graph.DefaultMaxDepth)
	}
	return append(opts, graph.MaxDepth(n)), nil
}

// statusOf is the HTTP status of an error of the graph: what the request
// named wrongly is the client's, anything else the server's.
func statusOf(err error) int {
	var bad *badRequest
	switch {
	case errors.As(err, &bad):
		return bad.status
	case graph.IsNotFound(err):
		return http.StatusNotFound
	case errors.Is(err, graph.ErrUnknownTerm), errors.Is(err, graph.ErrInvalid),
		errors.Is(err, graph.ErrDomain), errors.Is(err, graph.ErrRange):
		return http.StatusBadRequest
	case errors.Is(err, context.DeadlineExceeded):
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}
