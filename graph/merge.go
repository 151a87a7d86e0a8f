package graph

import (
	"slices"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/actorgraph/actorgraph/schema"
)

// Recorded is a fact as it was recorded, on the entities it named before a
// merge made them one: an [Edge] between merged entities lists the facts it
// stands for.
type Recorded struct {
	Subject, Object schema.IRI // as written
	Claim           schema.IRI
}

// class returns the entities merged with id, id among them, sorted: the
// first is the one reads show (the canonical member). It returns nil when id
// is merged with nothing. Merges are the SameEntity facts of asserting claims
// that no retraction withdraws; they are followed in both directions, through
// chains and cycles.
func (r *reader) class(id schema.IRI) ([]schema.IRI, error) {
	if !r.g.merges.Load() || id == "" {
		return nil, nil
	}
	if c, ok := r.classes[id]; ok {
		return c, nil
	}
	if idx := r.g.index; idx != nil {
		if c, ok := idx.class(id); ok {
			return c, nil
		}
	}
	seen := map[schema.IRI]bool{id: true}
	queue := []schema.IRI{id}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		var next []quad.Quad
		for _, dir := range []quad.Direction{quad.Subject, quad.Object} {
			if err := r.eachOf(dir, iri(cur), []quad.Value{iri(schema.SameEntity)}, func(q quad.Quad) bool {
				next = append(next, q)
				return true
			}); err != nil {
				return nil, err
			}
		}
		for _, q := range next {
			l, ok := labelOf(q)
			if !ok {
				continue
			}
			// decodeClaim, not claim: claim shows the source through merges,
			// which would come back here when the source is itself merged.
			c, ok, err := r.decodeClaim(l)
			if err != nil {
				return nil, err
			}
			if !ok || c.Stance != Asserted || len(c.Retractions) > 0 {
				continue
			}
			for _, end := range []quad.Value{q.Subject, q.Object} {
				if o, ok := iriOf(end); ok && !seen[o] {
					seen[o] = true
					queue = append(queue, o)
				}
			}
		}
	}
	var members []schema.IRI
	if len(seen) > 1 {
		for m := range seen {
			members = append(members, m)
		}
		slices.Sort(members)
	}
	if r.classes == nil {
		r.classes = map[schema.IRI][]schema.IRI{}
	}
	for _, m := range members {
		r.classes[m] = members
	}
	r.classes[id] = members
	if idx := r.g.index; idx != nil && !r.private {
		idx.keepClass(id, members)
	}
	return members, nil
}

// canon returns the entity reads show for id: the first of its merge class.
func (r *reader) canon(id schema.IRI) (schema.IRI, error) {
	c, err := r.class(id)
	if err != nil || len(c) == 0 {
		return id, err
	}
	return c[0], nil
}

// eachMember calls fn with each entity whose quads stand for id: its merge
// class, or id alone (without allocating, as most reads of most graphs are).
func (r *reader) eachMember(id schema.IRI, fn func(schema.IRI) error) error {
	c, err := r.class(id)
	if err != nil {
		return err
	}
	if len(c) == 0 {
		return fn(id)
	}
	for _, m := range c {
		if err := fn(m); err != nil {
			return err
		}
	}
	return nil
}

// bySource returns f ready for a read of claims when BySource names an actor
// that a merge may have recorded under several IRIs: f without its source
// and the IRIs a claim's source may be (a claim of any of them counts). It
// returns f and nil when there is no source to resolve.
func (r *reader) bySource(f filters) (filters, []schema.IRI, error) {
	if f.source == "" || !r.g.merges.Load() {
		return f, nil, nil
	}
	sources, err := r.members(f.source)
	if err != nil {
		return f, nil, err
	}
	f.source = ""
	return f, sources, nil
}

// fromSource reports whether source, a claim's, is one of sources (nil: any).
func fromSource(source schema.IRI, sources []schema.IRI) bool {
	return sources == nil || slices.Contains(sources, source)
}

// members returns the entities whose quads stand for id: its merge class, or
// id alone.
func (r *reader) members(id schema.IRI) ([]schema.IRI, error) {
	c, err := r.class(id)
	if err != nil || len(c) == 0 {
		return []schema.IRI{id}, err
	}
	return c, nil
}

// view returns id as reads show it: merged with the entities it was merged
// with (the union of their kinds, names and links, under the canonical
// member's ID and name; the other members' names become aliases).
func (r *reader) view(id schema.IRI) (Entity, bool, error) {
	members, err := r.class(id)
	if err != nil {
		return Entity{}, false, err
	}
	if len(members) == 0 {
		e, ok, err := r.entity(id)
		if ok && slices.Contains(e.Kinds, schema.ClaimKind) {
			return Entity{ID: id}, false, nil // a claim is read as a claim (Graph.Claim), not as an entity
		}
		return e, ok, err
	}
	var out Entity
	found := false
	for _, m := range members {
		e, ok, err := r.entity(m)
		if err != nil {
			return Entity{}, false, err
		}
		if !ok {
			continue
		}
		if !found {
			out = e // entity's slices are the caller's: sorted and trimmed below in place
			found = true
			continue
		}
		out.Merged = append(out.Merged, m)
		out.Kinds = append(out.Kinds, e.Kinds...)
		out.Aliases = append(out.Aliases, Alias{Name: e.Name})
		out.Aliases = append(out.Aliases, e.Aliases...)
		out.SameAs = append(out.SameAs, e.SameAs...)
		if out.Description == "" {
			out.Description = e.Description
		}
	}
	if !found {
		return Entity{ID: id}, false, nil
	}
	slices.Sort(out.Kinds)
	out.Kinds = slices.Compact(out.Kinds)
	slices.Sort(out.SameAs)
	out.SameAs = slices.Compact(out.SameAs)
	out.Aliases = slices.DeleteFunc(out.Aliases, func(a Alias) bool { return a.Name == out.Name && a.Lang == "" })
	slices.SortFunc(out.Aliases, func(a, b Alias) int {
		if c := strings.Compare(a.Name, b.Name); c != 0 {
			return c
		}
		return strings.Compare(a.Lang, b.Lang)
	})
	out.Aliases = slices.Compact(out.Aliases)
	return out, true, nil
}
