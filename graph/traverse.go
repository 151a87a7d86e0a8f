package graph

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/actorgraph/actorgraph/schema"
)

// hop is one edge seen from the node it leaves.
type hop struct {
	rel     schema.Relation
	to      schema.IRI
	reverse bool // walked from object to subject
	ev      Evidence
}

// neighbourhood is all the traversals need of a graph: the edges at a node.
// Tests give them a map; Graph gives them the store.
type neighbourhood interface {
	hops(id schema.IRI) ([]hop, error)
}

// link is a hop with the node it left and its depth from the start.
type link struct {
	from  schema.IRI
	hop   hop
	depth int
}

// walk visits, breadth first, every node reachable from start in at most
// maxDepth hops, and returns the hop that first reached each, in the order
// reached. A node is entered once, so cycles end the walk. When stop is not
// empty the walk ends as soon as it reaches stop.
func walk(ctx context.Context, n neighbourhood, start schema.IRI, maxDepth int, stop schema.IRI) ([]link, error) {
	links, _, err := walkCut(ctx, n, start, maxDepth, stop)
	return links, err
}

// walkCut is walk that also returns the nodes at the depth bound from which
// the walk would have gone on: where the bound, not the graph, ended it.
func walkCut(ctx context.Context, n neighbourhood, start schema.IRI, maxDepth int, stop schema.IRI) ([]link, map[schema.IRI]bool, error) {
	seen := map[schema.IRI]bool{start: true}
	frontier := []schema.IRI{start}
	var out []link
	for depth := 1; depth <= maxDepth && len(frontier) > 0; depth++ {
		var next []schema.IRI
		for _, id := range frontier {
			if err := ctx.Err(); err != nil {
				return nil, nil, err
			}
			hs, err := n.hops(id)
			if err != nil {
				return nil, nil, err
			}
			for _, h := range hs {
				if seen[h.to] {
					continue
				}
				seen[h.to] = true
				out = append(out, link{from: id, hop: h, depth: depth})
				if h.to == stop {
					return out, nil, nil
				}
				next = append(next, h.to)
			}
		}
		frontier = next
	}
	var cut map[schema.IRI]bool
	if stop == "" {
		for _, id := range frontier { // the nodes reached at the bound
			if err := ctx.Err(); err != nil {
				return nil, nil, err
			}
			hs, err := n.hops(id)
			if err != nil {
				return nil, nil, err
			}
			if slices.ContainsFunc(hs, func(h hop) bool { return !seen[h.to] }) {
				if cut == nil {
					cut = map[schema.IRI]bool{}
				}
				cut[id] = true
			}
		}
	}
	return out, cut, nil
}

// shortest returns the hops of a shortest walk from a to b of at most maxDepth
// hops, or nil when there is none. Among walks of equal length it returns the
// first in the order the neighbourhood lists hops.
func shortest(ctx context.Context, n neighbourhood, a, b schema.IRI, maxDepth int) ([]link, error) {
	if a == b {
		return []link{}, nil
	}
	links, err := walk(ctx, n, a, maxDepth, b)
	if err != nil || len(links) == 0 || links[len(links)-1].hop.to != b {
		return nil, err
	}
	reached := make(map[schema.IRI]link, len(links))
	for _, l := range links {
		reached[l.hop.to] = l
	}
	path := make([]link, links[len(links)-1].depth)
	for cur := b; cur != a; cur = reached[cur].from {
		l := reached[cur]
		path[l.depth-1] = l
	}
	return path, nil
}

// storeHops is the neighbourhood of the store: the asserted edges of the given
// relations at a node, read by index from the node.
type storeHops struct {
	r        *reader
	rels     map[schema.Relation]schema.RelationDef
	incoming bool // also walk edges backwards
	f        filters
}

func (s storeHops) hops(id schema.IRI) ([]hop, error) {
	type key struct {
		rel     schema.Relation
		to      schema.IRI
		reverse bool
	}
	labels := map[key][]schema.IRI{}
	var order []key
	merges := s.r.g.merges.Load()
	var visitErr error
	visit := func(reverse bool) func(quad.Quad) bool {
		return func(q quad.Quad) bool {
			p, _ := iriOf(q.Predicate)
			def, ok := s.rels[schema.Relation(p)]
			l, hasLabel := labelOf(q)
			if !ok || !hasLabel {
				return true
			}
			end := q.Object
			if reverse {
				end = q.Subject
			}
			to, ok := iriOf(end)
			if ok && merges {
				if to, visitErr = s.r.canon(to); visitErr != nil {
					return false
				}
			}
			if !ok || to == id {
				return true
			}
			k := key{def.Relation, to, reverse && !def.Symmetric}
			if _, ok := labels[k]; !ok {
				order = append(order, k)
			}
			if !slices.Contains(labels[k], l) {
				labels[k] = append(labels[k], l)
			}
			return true
		}
	}
	preds := make([]quad.Value, 0, len(s.rels))
	for rel := range s.rels {
		preds = append(preds, iri(schema.IRI(rel)))
	}
	// id is a merge class's canonical member, or merged with nothing: its
	// hops are those of every member.
	err := s.r.eachMember(id, func(m schema.IRI) error {
		if err := s.r.eachOf(quad.Subject, iri(m), preds, visit(false)); err != nil || visitErr != nil {
			return cmp.Or(err, visitErr)
		}
		if s.incoming {
			if err := s.r.eachOf(quad.Object, iri(m), preds, visit(true)); err != nil {
				return err
			}
		}
		return visitErr
	})
	if err != nil {
		return nil, err
	}
	var out []hop
	for _, k := range order {
		ev, err := s.r.evidence(labels[k], s.f, s.rels[k.rel].Time)
		if err != nil {
			return nil, err
		}
		if ev.Asserted() {
			out = append(out, hop{rel: k.rel, to: k.to, reverse: k.reverse, ev: ev})
		}
	}
	// Backends list quads in different orders; the walk must not depend on it.
	slices.SortFunc(out, func(a, b hop) int {
		if c := strings.Compare(string(a.rel), string(b.rel)); c != 0 {
			return c
		}
		if c := strings.Compare(string(a.to), string(b.to)); c != 0 {
			return c
		}
		if a.reverse == b.reverse {
			return 0
		}
		if a.reverse {
			return 1
		}
		return -1
	})
	return out, nil
}

// steps turns links into Steps with their entities.
func (r *reader) steps(links []link) ([]Step, error) {
	out := make([]Step, 0, len(links))
	for _, l := range links {
		from, err := r.mustEntity(l.from)
		if err != nil {
			return nil, err
		}
		to, err := r.mustEntity(l.hop.to)
		if err != nil {
			return nil, err
		}
		def, _ := r.g.vocab.Relation(l.hop.rel)
		ended := true
		for _, c := range l.hop.ev {
			if c.Stance == Asserted && c.ValidUntil.IsZero() {
				ended = false
			}
		}
		st := Step{From: from, To: to, Relation: l.hop.rel, Reverse: l.hop.reverse,
			Former: def.Past || ended, Depth: l.depth, Evidence: l.hop.ev}
		st.Since, st.Until = stepDates(l.hop.ev)
		out = append(out, st)
	}
	return out, nil
}

// stepDates returns when a fact held on the asserting claims of its
// evidence ev: the earliest start, and the latest ValidUntil, zero when some
// asserting claim gives none. Lineage steps and Count use it.
func stepDates(ev Evidence) (since, until Date) {
	open := false
	for _, c := range ev {
		if c.Stance != Asserted {
			continue
		}
		if s := startOf(c); since.IsZero() || s.Start().Before(since.Start()) {
			since = s
		}
		switch {
		case c.ValidUntil.IsZero():
			open = true
		case until.IsZero() || until.End().Before(c.ValidUntil.End()):
			until = c.ValidUntil
		}
	}
	if open {
		until = Date{}
	}
	return since, until
}

// lineageRelations are the relations Lineage follows by default.
var lineageRelations = []schema.Relation{schema.FormerlyKnownAs, schema.SuccessorOf, schema.BranchOf, schema.FormerlyBranchOf}

// DefaultMaxDepth bounds traversals that are given no MaxDepth.
const DefaultMaxDepth = 8

// Through makes Lineage or Path follow only the given relations.
func Through(rels ...schema.Relation) WalkBound {
	rels = slices.Clone(rels)
	return WalkBound{func(o *options) { o.through = rels }}
}

// MaxDepth bounds Lineage and Path to n hops (DefaultMaxDepth when not given).
func MaxDepth(n int) WalkBound { return WalkBound{func(o *options) { o.maxDepth = n }} }

func (g *Graph) relationSet(where string, rels []schema.Relation) (map[schema.Relation]schema.RelationDef, error) {
	m := make(map[schema.Relation]schema.RelationDef, len(rels))
	for _, rel := range rels {
		def, ok := g.vocab.Relation(rel)
		if !ok {
			return nil, fmt.Errorf("graph: %s: relation %q: %w", where, rel, ErrUnknownTerm)
		}
		m[rel] = def
	}
	return m, nil
}

// Lineage returns where the organization id comes from: the organizations it was
// formerly known as, succeeded, or is or was a branch of, and theirs in turn,
// breadth first (HTS -> al-Nusra Front -> Al-Qaeda). Each entity appears once, so
// a cycle (A formerly B formerly A) ends the walk; MaxDepth bounds it. Filters
// AsOf, KnownAt and BySource choose the claims; Through, the relations followed.
// A step at the depth bound from which the lineage goes on has Cut set: the
// bound, not the graph, ended the walk there.
func (g *Graph) Lineage(ctx context.Context, id schema.IRI, opts ...WalkOption) ([]Step, error) {
	f := collectWalk(opts)
	if err := f.valid("Lineage"); err != nil {
		return nil, err
	}
	rels := f.through
	if rels == nil {
		rels = lineageRelations
	}
	set, err := g.relationSet("Lineage", rels)
	if err != nil {
		return nil, err
	}
	var out []Step
	err = g.read(ctx, func(r *reader) error {
		if _, ok, err := r.entity(id); err != nil {
			return err
		} else if !ok {
			return fmt.Errorf("graph: Lineage: entity %s: %w", id, ErrNotFound)
		}
		start, err := r.canon(id)
		if err != nil {
			return err
		}
		links, cut, err := walkCut(ctx, storeHops{r: r, rels: set, f: f.filters}, start, f.depth(), "")
		if err != nil {
			return err
		}
		if out, err = r.steps(links); err != nil {
			return err
		}
		for i := range out {
			out[i].Cut = cut[links[i].hop.to]
		}
		return nil
	})
	return out, err
}

// Path returns a shortest connection between a and b, walking asserted edges of
// any relation in either direction (Step.Reverse marks those walked backwards),
// at most MaxDepth hops. It fails with ErrNotFound when there is none. Among
// connections of equal length the result is deterministic.
func (g *Graph) Path(ctx context.Context, a, b schema.IRI, opts ...WalkOption) ([]Step, error) {
	f := collectWalk(opts)
	if err := f.valid("Path"); err != nil {
		return nil, err
	}
	rels := f.through
	if rels == nil {
		for _, d := range g.vocab.Relations() {
			rels = append(rels, d.Relation)
		}
	}
	set, err := g.relationSet("Path", rels)
	if err != nil {
		return nil, err
	}
	var out []Step
	err = g.read(ctx, func(r *reader) error {
		for _, id := range []schema.IRI{a, b} {
			if _, ok, err := r.entity(id); err != nil {
				return err
			} else if !ok {
				return fmt.Errorf("graph: Path: entity %s: %w", id, ErrNotFound)
			}
		}
		ca, err := r.canon(a)
		if err != nil {
			return err
		}
		cb, err := r.canon(b)
		if err != nil {
			return err
		}
		links, err := shortest(ctx, storeHops{r: r, rels: set, incoming: true, f: f.filters}, ca, cb, f.depth())
		if err != nil {
			return err
		}
		if links == nil {
			return fmt.Errorf("graph: Path: no connection from %s to %s within %d hops: %w", a, b, f.depth(), ErrNotFound)
		}
		out, err = r.steps(links)
		return err
	})
	return out, err
}

func (f options) depth() int {
	if f.maxDepth > 0 {
		return f.maxDepth
	}
	return DefaultMaxDepth
}
