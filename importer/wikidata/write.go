package wikidata

import (
	"context"
	"errors"
	"net/url"
	"slices"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/importer/internal/input"
	"github.com/actorgraph/actorgraph/schema"
)

// writer turns the items read into one batch.
type writer struct {
	rd    *reader
	v     *schema.Vocabulary
	ends  map[string][]schema.Kind // the kinds of items named as the far end of a succession and held by the graph
	seen  map[schema.IRI]bool
	stats Stats
}

// resolve finds which items are in the graph already, and the kinds of the
// items successions name that the load does not hold.
func (w *writer) resolve(ctx context.Context, g *graph.Graph) error {
	lookup := func(id schema.IRI) (graph.Entity, bool, error) {
		e, err := g.Entity(ctx, id)
		switch {
		case err == nil:
			return e, e.ID == id, nil
		case errors.Is(err, graph.ErrNotFound):
			return graph.Entity{}, false, nil
		}
		return graph.Entity{}, false, err
	}
	for _, q := range w.rd.order {
		it := w.rd.items[q]
		old, ok, err := lookup(it.entity.ID)
		if err != nil {
			return err
		}
		if ok {
			// The graph keeps the name and kinds it has; the load adds aliases.
			it.exists = true
			if old.Name != it.entity.Name {
				it.entity.Aliases = append(it.entity.Aliases, graph.Alias{Name: it.entity.Name})
			}
			it.entity.Name, it.entity.Kinds, it.entity.Description = old.Name, old.Kinds, ""
		}
		for _, st := range it.stmts {
			if st.object == "" || w.rd.items[st.object] != nil {
				continue
			}
			if _, done := w.ends[st.object]; done {
				continue
			}
			e, ok, err := lookup(schema.IRI(EntityBase + st.object))
			if err != nil {
				return err
			}
			if ok {
				w.ends[st.object] = e.Kinds
			} else {
				w.ends[st.object] = nil
			}
		}
	}
	return nil
}

// kindsOf returns the kinds of an item of the load or the graph, and whether
// it is in either.
func (w *writer) kindsOf(q string) ([]schema.Kind, bool) {
	if it := w.rd.items[q]; it != nil {
		return it.entity.Kinds, true
	}
	ks := w.ends[q]
	return ks, ks != nil
}

func (w *writer) is(ks []schema.Kind, k schema.Kind) bool {
	return slices.ContainsFunc(ks, func(have schema.Kind) bool { return w.v.IsA(have, k) })
}

func (w *writer) skip(st stmt, why error, format string, args ...any) {
	w.stats.Skipped = append(w.stats.Skipped, w.rd.skip(st.at, why, format, args...))
}

func (w *writer) write(tx *graph.Tx) error {
	w.seen = map[schema.IRI]bool{}
	wikidata := graph.Entity{ID: Wikidata, Kinds: []schema.Kind{schema.Document}, Name: "Wikidata",
		SameAs: []schema.IRI{schema.IRI(EntityBase + "Q2013")}}
	if err := w.entity(tx, wikidata, input.Place{File: w.rd.file}); err != nil {
		return err
	}
	for _, q := range w.rd.order {
		it := w.rd.items[q]
		if err := w.entity(tx, it.entity, it.at); err != nil {
			return err
		}
		w.stats.Aliases += len(it.entity.Aliases)
	}
	for _, q := range w.rd.order {
		it := w.rd.items[q]
		for _, st := range it.stmts {
			if err := w.statement(tx, it, st); err != nil {
				return err
			}
		}
	}
	return nil
}

func (w *writer) entity(tx *graph.Tx, e graph.Entity, at input.Place) error {
	if w.seen[e.ID] {
		return nil
	}
	w.seen[e.ID] = true
	if err := tx.AddEntity(e); err != nil {
		return at.Wrap(err)
	}
	w.stats.Entities++
	return nil
}

// fact is what a statement says, once its ends are known.
type fact struct {
	rel        schema.Relation
	subj, obj  schema.IRI
	attr       schema.Attribute
	value      graph.Value
	suffix     string // names the claim apart from the statement's others
	validFrom  graph.Date
	validUntil graph.Date
}

// resolveFact returns the fact a statement gives, or skips it.
func (w *writer) resolveFact(it *item, st stmt) (fact, bool) {
	ks := it.entity.Kinds
	switch st.prop {
	case "P571", "P576":
		f := fact{subj: it.entity.ID, value: st.value}
		switch {
		case st.prop == "P571" && w.is(ks, schema.Organization):
			f.attr = schema.Founded
		case w.is(ks, schema.Actor):
			f.attr = map[string]schema.Attribute{"P571": Inception, "P576": Dissolved}[st.prop]
		case w.is(ks, schema.Place):
			f.attr = map[string]schema.Attribute{"P571": PlaceInception, "P576": PlaceDissolution}[st.prop]
		default:
			w.skip(st, ErrUnsupported, "%s of an item of kinds %v", st.prop, w.v.KindNames(ks))
			return fact{}, false
		}
		return f, true
	}
	oks, ok := w.kindsOf(st.object)
	if !ok {
		w.skip(st, ErrUnresolved, "%s %s", st.prop, st.object)
		return fact{}, false
	}
	subj, obj := it.entity.ID, schema.IRI(EntityBase+st.object)
	if st.prop == "P1366" {
		subj, obj = obj, subj
		ks, oks = oks, ks
	}
	f := fact{subj: subj, obj: obj, rel: Replaces, validFrom: st.from, validUntil: st.until}
	switch {
	case !st.qualifier && w.is(ks, schema.Organization) && w.is(oks, schema.Organization):
		f.rel = schema.SuccessorOf
	case w.is(ks, schema.Actor) && w.is(oks, schema.Actor):
	default:
		w.skip(st, ErrUnsupported, "%s between items of kinds %v and %v, not two actors", st.prop, w.v.KindNames(ks), w.v.KindNames(oks))
		return fact{}, false
	}
	if st.qualifier {
		f.suffix = "/" + st.prop + "-" + st.object
		f.validUntil = graph.Date{}
	}
	return f, true
}

// statement writes one statement's claims and fact: one claim per
// reference, or one by Wikidata when it has none; a deprecated statement is
// denied by Wikidata.
func (w *writer) statement(tx *graph.Tx, it *item, st stmt) error {
	f, ok := w.resolveFact(it, st)
	if !ok {
		return nil
	}
	type source struct {
		id       schema.IRI
		reported graph.Date
		note     string
	}
	var sources []source
	note := ""
	if st.context != "" {
		note = "as a qualifier of " + st.context
	}
	if st.preferred {
		note = strings.TrimPrefix(note+"; preferred rank", "; ")
	}
	refs := slices.DeleteFunc(slices.Clone(st.refs), func(r reference) bool { return r.Hash == "" })
	switch {
	case st.deprecated:
		sources = []source{{id: Wikidata, reported: it.modified, note: strings.TrimPrefix(note+"; deprecated rank: Wikidata holds it wrong", "; ")}}
	case len(refs) == 0:
		sources = []source{{id: Wikidata, reported: it.modified, note: strings.TrimPrefix(note+"; no reference", "; ")}}
	default:
		for _, r := range refs {
			ref, reported := w.reference(r, it)
			if err := w.entity(tx, ref, st.at); err != nil {
				return err
			}
			sources = append(sources, source{id: ref.ID, reported: reported, note: note})
		}
	}
	for i, s := range sources {
		if s.reported.IsZero() {
			return st.at.Fail("neither the reference nor the entity (modified) dates the claim")
		}
		cid := st.claim + f.suffix
		switch {
		case st.deprecated:
			cid += "/deprecated"
		case s.id == Wikidata:
			cid += "/unreferenced"
		default:
			cid += "/ref-" + url.PathEscape(refs[i].Hash)
		}
		c := graph.Claim{ID: schema.IRI(cid), Source: graph.Entity{ID: s.id}, Reported: s.reported,
			ValidFrom: f.validFrom, ValidUntil: f.validUntil, Note: s.note}
		if st.deprecated {
			c.Stance = graph.Denied
		}
		if err := tx.AddClaim(c); err != nil {
			return st.at.Wrap(err)
		}
		w.stats.Claims++
		var err error
		if f.rel != "" {
			err = tx.Assert(graph.Fact{Subject: f.subj, Relation: f.rel, Object: f.obj, Claim: c.ID})
			w.stats.Facts++
		} else {
			err = tx.AssertAttribute(graph.AttributeFact{Subject: f.subj, Attribute: f.attr, Value: f.value, Claim: c.ID})
			w.stats.Attributes++
		}
		if err != nil {
			return st.at.Wrap(err)
		}
	}
	return nil
}

// reference returns the entity a reference is, and the date it reports by:
// its publication date (P577), else its retrieval date (P813), else the
// entity's revision. Its name says what it cites, from its snaks alone, so
// that the same reference (the same hash) is the same entity in every load.
func (w *writer) reference(r reference, it *item) (graph.Entity, graph.Date) {
	props := make([]string, 0, len(r.Snaks))
	for p := range r.Snaks {
		props = append(props, p)
	}
	slices.SortFunc(props, func(a, b string) int { return propNumber(a) - propNumber(b) })
	var parts []string
	var published, retrieved, reported graph.Date
	for _, p := range props {
		for _, s := range r.Snaks[p] {
			switch {
			case p == "P577" || p == "P813":
				d, ok, err := s.date()
				if ok && err == nil && p == "P577" {
					published = d
				} else if ok && err == nil {
					retrieved = d
				}
			case s.item() != "":
				parts = append(parts, p+" "+s.item())
			case s.text() != "" && input.CheckName(s.text()) == "":
				parts = append(parts, p+" "+input.Clip(s.text()))
			}
		}
	}
	switch {
	case !published.IsZero():
		reported = published
	case !retrieved.IsZero():
		reported = retrieved
	default:
		reported = it.modified
	}
	name := "Wikidata reference " + r.Hash
	if len(parts) > 0 {
		name = "Wikidata reference: " + strings.Join(parts, "; ")
	}
	return graph.Entity{ID: schema.IRI(ReferenceBase + url.PathEscape(r.Hash)), Kinds: []schema.Kind{Reference}, Name: name}, reported
}

// propNumber returns the number of a property id, P248 -> 248.
func propNumber(p string) int {
	n := 0
	for _, c := range strings.TrimPrefix(p, "P") {
		if c < '0' || c > '9' {
			return 1 << 30
		}
		n = n*10 + int(c-'0')
		if n > 1<<29 {
			return 1 << 30
		}
	}
	return n
}
