package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/answer"
	"github.com/actorgraph/actorgraph/schema"
)

// server answers the API over one graph.
type server struct {
	g     *graph.Graph
	hosts map[string]bool
	slots chan struct{} // a token per question being answered
	wait  time.Duration // how long a question waits for a slot
}

// acquire takes a slot for a question, waiting up to queueWait or until ctx
// ends (s.wait is queueWait outside tests); release gives it back.
func (s *server) acquire(ctx context.Context) bool {
	select {
	case s.slots <- struct{}{}:
		return true
	default:
	}
	t := time.NewTimer(s.wait)
	defer t.Stop()
	select {
	case s.slots <- struct{}{}:
		return true
	case <-t.C:
	case <-ctx.Done():
	}
	return false
}

func (s *server) release() { <-s.slots }

// endpoint is one API call: the parameters it takes (repeat: those it takes
// more than once) and how it answers.
type endpoint struct {
	s              *server
	name           string
	params, repeat []string
	answer         func(ctx context.Context, r *request) (any, error)
}

func (s *server) endpoints() map[string]endpoint {
	with := func(extra ...string) []string { return append(slices.Clone(filterParams), extra...) }
	es := []endpoint{
		{name: "vocabulary", answer: s.vocabulary},
		{name: "dates", answer: s.dates},
		{name: "network", params: with("ended"), answer: s.network},
		{name: "resolve", params: []string{"name"}, answer: s.resolve},
		{name: "entity", params: with("id"), answer: s.entity},
		{name: "edges", params: with("relation", "from", "to"), answer: s.edges},
		{name: "history", params: with("relation", "from", "to"), answer: s.history},
		{name: "changes", params: []string{"since", "until", "from", "to", "knownAt", "source", "reportTime"}, answer: s.changes},
		{name: "lineage", params: with("id", "maxDepth"), answer: s.lineage},
		{name: "path", params: with("from", "to", "maxDepth"), answer: s.path},
		{name: "contested", params: with("from", "to"), answer: s.contested},
		{name: "find", params: with("kind"), repeat: []string{"where"}, answer: s.find},
	}
	m := map[string]endpoint{}
	for _, e := range es {
		e.s = s
		m[e.name] = e
	}
	return m
}

func (e endpoint) ServeHTTP(w http.ResponseWriter, hr *http.Request) {
	ctx, cancel := context.WithTimeout(hr.Context(), requestTimeout)
	defer cancel()
	if !e.s.acquire(ctx) {
		w.Header().Set("Retry-After", "1")
		writeError(w, http.StatusServiceUnavailable, "%s: the server is answering %d questions already; try again", e.name, cap(e.s.slots))
		return
	}
	defer e.s.release()
	r, err := newRequest(e.s.g, hr, e.params, e.repeat)
	var results any
	if err == nil {
		results, err = e.answer(ctx, r)
	}
	if err != nil {
		writeError(w, statusOf(err), "%s: %v", e.name, err)
		return
	}
	writeJSON(w, http.StatusOK, struct {
		Command string `json:"command"`
		Results any    `json:"results"`
	}{e.name, results})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	// The encoder escapes <, > and & in strings, so that no answer reads as
	// HTML even to a client that sniffs.
	_ = json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, status int, format string, args ...any) {
	writeJSON(w, status, struct {
		Error string `json:"error"`
	}{fmt.Sprintf(format, args...)})
}

// list is the answer of a question that returned xs and err: xs each
// converted by of, or err.
func list[T, J any](s *server, xs []T, err error, of func(*schema.Vocabulary, T) J) (any, error) {
	if err != nil {
		return nil, err
	}
	return answer.List(s.g.Vocabulary(), xs, of), nil
}

// vocabularyAnswer is what the page needs to draw a legend.
type vocabularyAnswer struct {
	Kinds     []kindAnswer     `json:"kinds"`
	Relations []relationAnswer `json:"relations"`
}

type kindAnswer struct {
	Name   string `json:"name"`
	Parent string `json:"parent,omitempty"`
	Root   string `json:"root"`
	Speaks bool   `json:"speaks"`
}

type relationAnswer struct {
	Name      string `json:"name"`
	Inverse   string `json:"inverse,omitempty"`
	Event     bool   `json:"event"`
	Exclusive bool   `json:"exclusive"`
	Past      bool   `json:"past"`
	Symmetric bool   `json:"symmetric"`
	Doc       string `json:"doc,omitempty"`
}

func (s *server) vocabulary(ctx context.Context, r *request) (any, error) {
	v := s.g.Vocabulary()
	out := vocabularyAnswer{Kinds: []kindAnswer{}, Relations: []relationAnswer{}}
	for _, k := range v.Kinds() {
		if k.Kind == schema.ClaimKind {
			continue
		}
		root := k
		for root.Parent != "" {
			p, ok := v.Kind(root.Parent)
			if !ok {
				break
			}
			root = p
		}
		out.Kinds = append(out.Kinds, kindAnswer{Name: k.Name, Parent: v.KindName(k.Parent), Root: root.Name, Speaks: v.Speaks(k.Kind)})
	}
	for _, d := range v.Relations() {
		out.Relations = append(out.Relations, relationAnswer{Name: d.Name, Inverse: d.Inverse, Event: d.Time == schema.Eventive,
			Exclusive: d.Exclusive != schema.NotExclusive, Past: d.Past, Symmetric: d.Symmetric, Doc: d.Doc})
	}
	return out, nil
}

func (s *server) resolve(ctx context.Context, r *request) (any, error) {
	name, err := r.text("name", true)
	if err != nil {
		return nil, err
	}
	if len(name) > maxNameBytes {
		return nil, badf("parameter name: %d bytes; at most %d are accepted", len(name), maxNameBytes)
	}
	es, err := s.g.Resolve(ctx, name)
	return list(s, es, err, answer.EntityOf)
}

func (s *server) entity(ctx context.Context, r *request) (any, error) {
	id, err := r.entity(ctx, "id", true)
	if err != nil {
		return nil, err
	}
	opts, err := filterOptions[graph.AttributeOption](ctx, r, "entity")
	if err != nil {
		return nil, err
	}
	e, err := s.g.Entity(ctx, id)
	if err != nil {
		return nil, err
	}
	vals, err := answer.Attributes(ctx, s.g, e, opts...)
	if err != nil {
		return nil, err
	}
	return []answer.EntityResult{answer.EntityResultOf(s.g.Vocabulary(), e, vals)}, nil
}

// filterOptions reads the claim filters as options of the family O.
func filterOptions[O any](ctx context.Context, r *request, question string) ([]O, error) {
	f, err := r.filters(ctx)
	if err != nil {
		return nil, err
	}
	return answer.Options[O](f, question)
}

// edgeOptions reads the filters and the anchors (from, to) of the questions
// that take both.
func edgeOptions[O any](ctx context.Context, r *request, question string) ([]O, error) {
	opts, err := filterOptions[O](ctx, r, question)
	if err != nil {
		return nil, err
	}
	return anchors(ctx, r, opts)
}

func (s *server) edges(ctx context.Context, r *request) (any, error) {
	rel, err := r.relation("relation")
	if err != nil {
		return nil, err
	}
	opts, err := edgeOptions[graph.EdgeOption](ctx, r, "edges")
	if err != nil {
		return nil, err
	}
	es, err := s.g.Edges(ctx, rel, opts...)
	return list(s, es, err, answer.EdgeOf)
}

func (s *server) contested(ctx context.Context, r *request) (any, error) {
	opts, err := edgeOptions[graph.ContestedOption](ctx, r, "contested")
	if err != nil {
		return nil, err
	}
	es, err := s.g.Contested(ctx, opts...)
	return list(s, es, err, answer.EdgeOf)
}

func (s *server) history(ctx context.Context, r *request) (any, error) {
	rel, err := r.relation("relation")
	if err != nil {
		return nil, err
	}
	opts, err := edgeOptions[graph.HistoryOption](ctx, r, "history")
	if err != nil {
		return nil, err
	}
	ins, err := s.g.History(ctx, rel, opts...)
	return list(s, ins, err, answer.IntervalOf)
}

func (s *server) changes(ctx context.Context, r *request) (any, error) {
	since, err := r.date("since", true)
	if err != nil {
		return nil, err
	}
	until, err := r.date("until", true)
	if err != nil {
		return nil, err
	}
	opts, err := edgeOptions[graph.ChangeOption](ctx, r, "changes")
	if err != nil {
		return nil, err
	}
	reportTime, err := r.flag("reportTime")
	if err != nil {
		return nil, err
	}
	if reportTime {
		opts = append(opts, graph.ReportTime())
	}
	chs, err := s.g.Changes(ctx, since, until, opts...)
	return list(s, chs, err, answer.ChangeOf)
}

// walkOptions reads the filters and the depth bound of lineage and path.
func walkOptions(ctx context.Context, r *request, question string) ([]graph.WalkOption, error) {
	opts, err := filterOptions[graph.WalkOption](ctx, r, question)
	if err != nil {
		return nil, err
	}
	return r.maxDepth(opts)
}

func (s *server) lineage(ctx context.Context, r *request) (any, error) {
	id, err := r.entity(ctx, "id", true)
	if err != nil {
		return nil, err
	}
	opts, err := walkOptions(ctx, r, "lineage")
	if err != nil {
		return nil, err
	}
	steps, err := s.g.Lineage(ctx, id, opts...)
	return list(s, steps, err, answer.StepOf)
}

func (s *server) path(ctx context.Context, r *request) (any, error) {
	from, err := r.entity(ctx, "from", true)
	if err != nil {
		return nil, err
	}
	to, err := r.entity(ctx, "to", true)
	if err != nil {
		return nil, err
	}
	opts, err := walkOptions(ctx, r, "path")
	if err != nil {
		return nil, err
	}
	steps, err := s.g.Path(ctx, from, to, opts...)
	return list(s, steps, err, answer.StepOf)
}

func (s *server) find(ctx context.Context, r *request) (any, error) {
	name, err := r.text("kind", true)
	if err != nil {
		return nil, err
	}
	k, err := answer.Kind(s.g.Vocabulary(), name)
	if err != nil {
		return nil, fmt.Errorf("parameter kind: %w", err)
	}
	q := graph.Find(k)
	where := r.q["where"]
	if len(where) > maxWhere {
		return nil, badf("parameter where given %d times; at most %d constraints are accepted", len(where), maxWhere)
	}
	for _, w := range where {
		relName, from, id, ok := answer.SplitWhere(w)
		if !ok {
			return nil, badf("parameter where=%q: want RELATION:from:ID or RELATION:to:ID", w)
		}
		rel, err := answer.Relation(s.g.Vocabulary(), relName)
		if err != nil {
			return nil, fmt.Errorf("parameter where=%q: %w", w, err)
		}
		iri, err := r.entityIRI(ctx, "where", id)
		if err != nil {
			return nil, err
		}
		if from {
			q = q.Where(rel.From(iri))
		} else {
			q = q.Where(rel.To(iri))
		}
	}
	f, err := r.filters(ctx)
	if err != nil {
		return nil, err
	}
	ms, err := f.Query(q).All(ctx, s.g)
	return list(s, ms, err, answer.MatchOf)
}
