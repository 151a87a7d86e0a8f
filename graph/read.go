package graph

import (
	"bytes"
	"cmp"
	"context"
	"encoding/binary"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/cayleygraph/quad"

	"github.com/actorgraph/actorgraph/schema"
)

// Entity returns the entity id. It fails with an error wrapping ErrNotFound
// when the graph has no such entity.
func (g *Graph) Entity(ctx context.Context, id schema.IRI) (Entity, error) {
	var e Entity
	err := g.read(ctx, func(r *reader) error {
		var ok bool
		var err error
		e, ok, err = r.view(id)
		if err == nil && !ok {
			err = fmt.Errorf("graph: entity %s: %w", id, ErrNotFound)
		}
		return err
	})
	return e, err
}

// Claim returns the claim id with its source. It fails with an error wrapping
// ErrNotFound when there is no such claim.
func (g *Graph) Claim(ctx context.Context, id schema.IRI) (Claim, error) {
	var c Claim
	err := g.read(ctx, func(r *reader) error {
		var ok bool
		var err error
		c, ok, err = r.claim(id)
		if err == nil && !ok {
			err = fmt.Errorf("graph: claim %s: %w", id, ErrNotFound)
		}
		return err
	})
	return c, err
}

// Resolve returns the entities whose name or one of whose aliases matches name,
// ignoring case, accents, punctuation and spacing: "al joulani" finds an entity
// with the alias "al-Joulani". The result is sorted by name and empty when
// nothing matches.
func (g *Graph) Resolve(ctx context.Context, name string) ([]Entity, error) {
	var out []Entity
	err := g.read(ctx, func(r *reader) error {
		var err error
		out, err = r.resolve(name)
		return err
	})
	return out, err
}

// ResolveOne is Resolve for a name that must denote exactly one entity. It
// fails with ErrNotFound when none matches and ErrNotSingular, naming the
// candidates, when several do.
func (g *Graph) ResolveOne(ctx context.Context, name string) (Entity, error) {
	es, err := g.Resolve(ctx, name)
	switch {
	case err != nil:
		return Entity{}, err
	case len(es) == 0:
		return Entity{}, fmt.Errorf("graph: name %q: %w", name, ErrNotFound)
	case len(es) > 1:
		ids := make([]string, len(es))
		for i, e := range es {
			ids[i] = string(e.ID)
		}
		return Entity{}, fmt.Errorf("graph: name %q matches %s: %w", name, strings.Join(ids, ", "), ErrNotSingular)
	}
	return es[0], nil
}

func (r *reader) resolve(name string) ([]Entity, error) {
	key := foldName(name)
	if key == "" {
		return nil, nil
	}
	var ids []schema.IRI
	err := r.eachOf(quad.Object, quad.String(key), []quad.Value{iri(schema.NameKey)}, func(q quad.Quad) bool {
		if s, ok := iriOf(q.Subject); ok && !slices.Contains(ids, s) {
			ids = append(ids, s)
		}
		return true
	})
	if err != nil {
		return nil, err
	}
	out := make([]Entity, 0, len(ids))
	for _, id := range ids {
		e, ok, err := r.view(id)
		if err != nil {
			return nil, err
		}
		if ok && !slices.ContainsFunc(out, func(x Entity) bool { return x.ID == e.ID }) {
			out = append(out, e)
		}
	}
	sortEntities(out)
	return out, nil
}

// sortEntities orders entities by name (case folded once an entity), then ID.
func sortEntities(es []Entity) {
	if len(es) < 2 {
		return
	}
	type keyed struct {
		name string
		e    Entity
	}
	ks := make([]keyed, len(es))
	for i, e := range es {
		ks[i] = keyed{strings.ToLower(e.Name), e}
	}
	slices.SortFunc(ks, func(a, b keyed) int {
		if c := strings.Compare(a.name, b.name); c != 0 {
			return c
		}
		return strings.Compare(string(a.e.ID), string(b.e.ID))
	})
	for i := range ks {
		es[i] = ks[i].e
	}
}

// Edges returns the edges of relation rel that pass the filters, each with its
// evidence, sorted by subject and object name. Give From or To (or both) to start
// from a known entity; with neither, every edge of rel is read, which on
// key-value backends scans the store. A symmetric relation (enemy of) is read in
// both directions and its edges are turned to face the known end.
func (g *Graph) Edges(ctx context.Context, rel schema.Relation, opts ...EdgeOption) ([]Edge, error) {
	def, ok := g.vocab.Relation(rel)
	if !ok {
		return nil, fmt.Errorf("graph: Edges: relation %q: %w", rel, ErrUnknownTerm)
	}
	f := collectEdge(opts)
	if err := f.valid("Edges"); err != nil {
		return nil, err
	}
	var out []Edge
	err := g.read(ctx, func(r *reader) error {
		var err error
		if out, err = r.edges(def, f); err != nil || len(out) > 0 {
			return err // an edge's ends are entities: the anchors exist
		}
		return r.anchors("Edges", f)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

type pair struct{ s, o schema.IRI }

// triples gathers the labels of the quads of relation def between the ends f
// allows, keyed by (subject, object) as the caller should see them, in the
// order first seen; each pair's labels are sorted, each once. Ends are read
// through merges: an anchor stands for every entity merged with it, and each
// end is shown as its merge class's canonical member.
func (r *reader) triples(def schema.RelationDef, f options) ([]labelled, error) {
	pred := iri(schema.IRI(def.Relation))
	merges := r.g.merges.Load()
	from, to := f.from, f.to
	var err error
	if merges {
		if from, err = r.canon(from); err != nil {
			return nil, err
		}
		if to, err = r.canon(to); err != nil {
			return nil, err
		}
	}
	var out []labelled
	var at map[pair]int // built once out is too long to search
	if n := r.hopSize(def, from, to); n > 0 {
		// In memory a hop's quads are counted cheaply: out and at are
		// allocated once, and each pair's first label comes from one chunk.
		out = make([]labelled, 0, n)
		if n > 32 {
			at = make(map[pair]int, n)
		}
		r.labels.reserve(n)
	}
	var visitErr error
	visit := func(flip bool) func(quad.Quad) bool {
		return func(q quad.Quad) bool {
			s, ok1 := iriOf(q.Subject)
			o, ok2 := iriOf(q.Object)
			l, ok3 := labelOf(q)
			if !ok1 || !ok2 || !ok3 {
				return true
			}
			rec := Recorded{Subject: s, Object: o, Claim: l}
			if merges {
				if s, visitErr = r.canon(s); visitErr != nil {
					return false
				}
				if o, visitErr = r.canon(o); visitErr != nil {
					return false
				}
			}
			if flip {
				s, o = o, s
			}
			if from == "" && to == "" && def.Symmetric && o < s {
				s, o = o, s
			}
			if (from != "" && s != from) || (to != "" && o != to) {
				return true
			}
			k := pair{s, o}
			i := -1
			if at != nil {
				if j, ok := at[k]; ok {
					i = j
				}
			} else {
				i = slices.IndexFunc(out, func(x labelled) bool { return x.pair == k })
			}
			if i < 0 {
				out = append(out, labelled{pair: k, labels: r.labels.take(1)})
				i = len(out) - 1
				if at != nil {
					at[k] = i
				} else if len(out) > 32 {
					at = make(map[pair]int, 2*len(out))
					for j, x := range out {
						at[x.pair] = j
					}
				}
			}
			out[i].labels = append(out[i].labels, l)
			if merges {
				out[i].recorded = append(out[i].recorded, rec)
			}
			return true
		}
	}
	preds := []quad.Value{pred}
	each := func(dir quad.Direction, id schema.IRI, flip bool) error {
		return r.eachMember(id, func(m schema.IRI) error {
			if err := r.eachHop(dir, iri(m), preds, visit(flip)); err != nil {
				return err
			}
			return visitErr
		})
	}
	switch {
	case from != "":
		err = each(quad.Subject, from, false)
		if err == nil && def.Symmetric {
			err = each(quad.Object, from, true)
		}
	case to != "":
		err = each(quad.Object, to, false)
		if err == nil && def.Symmetric {
			err = each(quad.Subject, to, true)
		}
	default:
		err = r.each(quad.Predicate, pred, visit(false))
		if err == nil {
			err = visitErr
		}
	}
	// A label comes twice when a symmetric relation is stored both ways under
	// one claim. Dropping repeats once at the end, not by a search per quad,
	// keeps an edge with n claims at O(n log n) rather than O(n²).
	for i := range out {
		if len(out[i].labels) > 1 {
			slices.Sort(out[i].labels)
			out[i].labels = slices.Compact(out[i].labels)
		}
		if len(out[i].recorded) > 1 {
			slices.SortFunc(out[i].recorded, compareRecorded)
			out[i].recorded = slices.Compact(out[i].recorded)
		}
	}
	return out, err
}

// hopSize returns, in memory, how many quads of relation def the anchor
// from or to has (the members of its merge class too, both ways for a
// symmetric relation): at most the number of pairs a hop finds, counted
// without building a quad. It returns 0 without an anchor, or where
// counting is a second read of the store.
func (r *reader) hopSize(def schema.RelationDef, from, to schema.IRI) int {
	idx := r.g.index
	if idx == nil || (from == "" && to == "") {
		return 0
	}
	id, dir := from, quad.Subject
	if id == "" {
		id, dir = to, quad.Object
	}
	p, ok := idx.term(quad.IRI(def.Relation))
	if !ok {
		return 0
	}
	n := 0
	err := r.eachMember(id, func(m schema.IRI) error {
		if def.Symmetric {
			n += idx.count(quad.Subject, quad.IRI(m), p) + idx.count(quad.Object, quad.IRI(m), p)
		} else {
			n += idx.count(dir, quad.IRI(m), p)
		}
		return nil
	})
	if err != nil {
		return 0 // triples meets the error itself
	}
	return n
}

// labelled is a (subject, object) pair with the claims that label its quads.
type labelled struct {
	pair
	labels   []schema.IRI
	recorded []Recorded // the facts as written, when the graph has merges
}

// evidence returns the admitted claims among labels, the evidence of a fact
// of a relation of time semantics t, sorted.
func (r *reader) evidence(labels []schema.IRI, f filters, t schema.TimeSemantics) (Evidence, error) {
	f, sources, err := r.bySource(f)
	if err != nil {
		return nil, err
	}
	// Each claim is decoded into its place in ev, and dropped from there when
	// f does not admit it.
	ev := Evidence(r.claimed.take(len(labels)))
	for _, l := range labels {
		ev = ev[:len(ev)+1]
		c := &ev[len(ev)-1]
		ok, err := r.claimInto(l, c)
		if err != nil {
			return nil, err
		}
		if !ok || !f.admits(*c, t) || !fromSource(c.Source.ID, sources) {
			*c = Claim{}
			ev = ev[:len(ev)-1]
		}
	}
	if ev = r.claimed.trim(ev); len(ev) == 0 {
		return nil, nil
	}
	if len(ev) < 64 {
		sortEvidence(ev)
		return ev, nil
	}
	// An edge with many claims: sort an index by each claim's reported start,
	// computed once, instead of moving whole Claims and computing two starts
	// a comparison.
	type key struct {
		start int64
		i     int32
	}
	keys := make([]key, len(ev))
	for i, c := range ev {
		keys[i] = key{c.Reported.Start().Unix(), int32(i)}
	}
	slices.SortFunc(keys, func(a, b key) int {
		if a.start != b.start {
			return cmp.Compare(a.start, b.start)
		}
		return strings.Compare(string(ev[a.i].ID), string(ev[b.i].ID))
	})
	sorted := make(Evidence, len(ev))
	for i, k := range keys {
		sorted[i] = ev[k.i]
	}
	return sorted, nil
}

func (r *reader) edges(def schema.RelationDef, f options) ([]Edge, error) {
	if starters, enders, ok := r.slotting(def); ok {
		return r.slotEdges(def, f, starters, enders)
	}
	ts, err := r.triples(def, f)
	if err != nil {
		return nil, err
	}
	// The evidence first, all of it in one chunk: the answer is then
	// allocated at its size (AsOf drops half the edges of a hop).
	n := 0
	for _, t := range ts {
		n += len(t.labels)
	}
	// The room of a claim f drops goes to the next edge's (see evidence), so
	// a chunk of n ends with as much unused room as f drops: past a few
	// thousand claims, the chunks grow with the answer instead.
	r.claimed.reserve(min(n, 1<<12))
	evs := make([]Evidence, len(ts)) // nil: f drops the edge
	kept := 0
	for i, t := range ts {
		ev, err := r.evidence(t.labels, f.filters, def.Time)
		if err != nil {
			return nil, err
		}
		if f.keeps(ev) {
			evs[i] = ev
			kept++
		}
	}
	if kept == 0 {
		return nil, nil
	}
	out := make([]Edge, 0, kept)
	var subject, object lastEnd // a hop's edges share an end
	for i, t := range ts {
		if evs[i] == nil {
			continue
		}
		e, err := r.edgeWith(def, t, evs[i], &subject, &object)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	sortEdges(out)
	return out, nil
}

// edgeOf returns the edge of relation def (not one read by slot) between
// t's ends, with the evidence among t's claims that f admits, and whether f
// keeps it.
func (r *reader) edgeOf(def schema.RelationDef, f options, t labelled) (Edge, bool, error) {
	ev, err := r.evidence(t.labels, f.filters, def.Time)
	if err != nil || !f.keeps(ev) {
		return Edge{}, false, err
	}
	e, err := r.edgeWith(def, t, ev, nil, nil)
	return e, err == nil, err
}

// edgeWith returns the edge of relation def between t's ends with evidence
// ev. subject and object, when not nil, hold the ends of the edge before.
func (r *reader) edgeWith(def schema.RelationDef, t labelled, ev Evidence, subject, object *lastEnd) (Edge, error) {
	e := Edge{Relation: def.Relation, Evidence: ev, Recorded: recordedFor(t, ev)}
	var err error
	if e.Subject, err = r.end(t.s, subject); err != nil {
		return Edge{}, err
	}
	if e.Object, err = r.end(t.o, object); err != nil {
		return Edge{}, err
	}
	return e, nil
}

// lastEnd is the end of the edge an edge read built last.
type lastEnd struct {
	id schema.IRI
	e  Entity
}

// end is mustEntity for an end of an edge; when last holds the same end,
// as the edges of a hop share their anchor, it is copied from there, not
// looked up again.
func (r *reader) end(id schema.IRI, last *lastEnd) (Entity, error) {
	if last != nil && last.id == id && id != "" {
		return r.shown.clone(last.e), nil // slices of its own: the caller's to change
	}
	e, err := r.mustEntity(id)
	if err == nil && last != nil {
		last.id, last.e = id, e
	}
	return e, err
}

// anchors checks that the entities the anchors of a read name exist.
func (r *reader) anchors(call string, f options) error {
	for _, id := range []schema.IRI{f.from, f.to} {
		if id == "" {
			continue
		}
		if _, ok, err := r.view(id); err != nil {
			return err
		} else if !ok {
			return fmt.Errorf("graph: %s: entity %s: %w", call, id, ErrNotFound)
		}
	}
	return nil
}

// recordedFor returns the facts behind t as written, those of admitted
// claims, when a merge changed an end of any; nil otherwise.
func recordedFor(t labelled, ev Evidence) []Recorded {
	var out []Recorded
	changed := false
	for _, rec := range t.recorded {
		if !slices.ContainsFunc(ev, func(c Claim) bool { return c.ID == rec.Claim }) {
			continue
		}
		out = append(out, rec)
		if rec.Subject != t.s && rec.Subject != t.o || rec.Object != t.o && rec.Object != t.s {
			changed = true
		}
	}
	if !changed {
		return nil
	}
	return out // sorted by triples
}

func compareRecorded(a, b Recorded) int {
	return cmpJoin(strings.Compare(string(a.Subject), string(b.Subject)),
		strings.Compare(string(a.Object), string(b.Object)), strings.Compare(string(a.Claim), string(b.Claim)))
}

// sortEdges orders edges by subject and object name (case folded), relation,
// then IDs. It sorts small keys, each name folded once (a run of edges with
// one subject, as a read From it gives, folds the name once), and then moves
// each Edge once: sorting the Edges themselves moved a few hundred bytes a
// swap.
func sortEdges(es []Edge) {
	if len(es) < 2 {
		return
	}
	// A key's names are spans of folded, the names folded one after another,
	// led by their first eight bytes as a number: most comparisons end there.
	type key struct {
		sp, op            uint64
		s0, s1, o0, o1, i int32
	}
	keys := make([]key, len(es))
	folded := make([]byte, 0, 32*len(es))
	for i := range es {
		k := key{i: int32(i)}
		if i > 0 && es[i].Subject.Name == es[i-1].Subject.Name {
			k.s0, k.s1, k.sp = keys[i-1].s0, keys[i-1].s1, keys[i-1].sp
		} else {
			k.s0 = int32(len(folded))
			folded = appendFolded(folded, es[i].Subject.Name)
			k.s1 = int32(len(folded))
			k.sp = prefix(folded[k.s0:k.s1])
		}
		k.o0 = int32(len(folded))
		folded = appendFolded(folded, es[i].Object.Name)
		k.o1 = int32(len(folded))
		k.op = prefix(folded[k.o0:k.o1])
		keys[i] = k
	}
	slices.SortFunc(keys, func(a, b key) int {
		if a.sp != b.sp {
			return cmp.Compare(a.sp, b.sp)
		}
		if a.s0 != b.s0 || a.s1 != b.s1 { // the same span is the same name
			if c := bytes.Compare(folded[a.s0:a.s1], folded[b.s0:b.s1]); c != 0 {
				return c
			}
		}
		if a.op != b.op {
			return cmp.Compare(a.op, b.op)
		}
		if c := bytes.Compare(folded[a.o0:a.o1], folded[b.o0:b.o1]); c != 0 {
			return c
		}
		x, y := &es[a.i], &es[b.i]
		if c := strings.Compare(string(x.Relation), string(y.Relation)); c != 0 {
			return c
		}
		if c := strings.Compare(string(x.Subject.ID), string(y.Subject.ID)); c != 0 {
			return c
		}
		return strings.Compare(string(x.Object.ID), string(y.Object.ID))
	})
	// Position j takes the edge at keys[j].i: follow each cycle of that
	// permutation, moving each edge once.
	for j := range keys {
		if keys[j].i < 0 || int(keys[j].i) == j {
			continue
		}
		held := es[j]
		at := j
		for {
			from := int(keys[at].i)
			keys[at].i = -1
			if from == j {
				es[at] = held
				break
			}
			es[at] = es[from]
			at = from
		}
	}
}

// prefix returns the first eight bytes of b as a big-endian number, padded
// with zeros: where two prefixes differ, they order as their byte strings.
func prefix(b []byte) uint64 {
	var p [8]byte
	copy(p[:], b)
	return binary.BigEndian.Uint64(p[:])
}

// appendFolded appends strings.ToLower(s) to dst, without allocating when s
// is ASCII.
func appendFolded(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return append(dst, strings.ToLower(s)...)
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// Attributes returns the values of attribute attr of subject that pass the
// filters, each with its evidence. It fails with ErrNotFound when subject is
// not an entity of the graph.
func (g *Graph) Attributes(ctx context.Context, subject schema.IRI, attr schema.Attribute, opts ...AttributeOption) ([]AttributeValue, error) {
	if _, ok := g.vocab.Attribute(attr); !ok {
		return nil, fmt.Errorf("graph: Attributes: attribute %q: %w", attr, ErrUnknownTerm)
	}
	f := collectAttribute(opts)
	if err := f.valid("Attributes"); err != nil {
		return nil, err
	}
	var out []AttributeValue
	err := g.read(ctx, func(r *reader) error {
		subj, ok, err := r.view(subject)
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("graph: Attributes: entity %s: %w", subject, ErrNotFound)
		}
		vs, err := r.attrValues(subject, attr, f)
		for i := range vs {
			vs[i].Subject = subj
		}
		out = vs
		return err
	})
	slices.SortFunc(out, func(a, b AttributeValue) int { return strings.Compare(a.Value.String(), b.Value.String()) })
	return out, err
}

// Contested returns the relation edges that one admitted claim asserts and
// another denies, each with all its admitted evidence, and the edges of
// exclusive states whose holders are rivals (claims of two holders of one
// slot that start together: Edge.Rivals names the others). From and To keep
// the edges with that subject or object. It finds the denials from the
// denying claims (an index lookup on the stance), so that part costs in
// proportion to the denials; the rivals it finds by reading each exclusive
// relation from the anchors, or, with neither anchor, by predicate, which on
// key-value backends scans the store.
func (g *Graph) Contested(ctx context.Context, opts ...ContestedOption) ([]Edge, error) {
	f := collectContested(opts)
	if err := f.valid("Contested"); err != nil {
		return nil, err
	}
	var out []Edge
	err := g.read(ctx, func(r *reader) error {
		if err := r.anchors("Contested", f); err != nil {
			return err
		}
		found, err := r.deniedFacts(f)
		if err != nil {
			return err
		}
		shown := map[fact]bool{} // the facts out holds
		for _, t := range found {
			es, err := r.deniedEdges(t, f)
			if err != nil {
				return err
			}
			for _, e := range es {
				shown[fact{e.Subject.ID, e.Object.ID, e.Relation}] = true
			}
			out = append(out, es...)
		}
		// Rival holders of an exclusive slot: claims that start together,
		// which supersession cannot settle.
		for _, def := range g.vocab.Relations() {
			if def.Exclusive == schema.NotExclusive {
				continue
			}
			ff := f
			ff.withDenied = false
			es, err := r.edges(def, ff)
			if err != nil {
				return err
			}
			for _, e := range es {
				if t := (fact{e.Subject.ID, e.Object.ID, e.Relation}); len(e.Rivals) > 0 && !shown[t] {
					shown[t] = true
					out = append(out, e)
				}
			}
		}
		return nil
	})
	sortEdges(out)
	return out, err
}

// fact is a triple of the graph, its ends canonical.
type fact struct {
	s, o schema.IRI
	rel  schema.Relation
}

// deniedFacts returns the relation facts between the anchors of f that a
// claim denies, each once, their ends canonical. It finds them from the
// denying claims (an index lookup on the stance), so it costs in proportion
// to the denials.
func (r *reader) deniedFacts(f options) ([]fact, error) {
	var denials []schema.IRI
	err := r.eachOf(quad.Object, iri(schema.Denied), []quad.Value{iri(schema.Stance)}, func(q quad.Quad) bool {
		if c, ok := iriOf(q.Subject); ok {
			denials = append(denials, c)
		}
		return true
	})
	if err != nil {
		return nil, err
	}
	merges := r.g.merges.Load()
	var found []fact
	seen := map[fact]bool{}
	for _, c := range denials {
		var subjects []schema.IRI
		err := r.eachOf(quad.Object, iri(c), []quad.Value{iri(schema.SubjectOf)}, func(q quad.Quad) bool {
			if s, ok := iriOf(q.Subject); ok {
				subjects = append(subjects, s)
			}
			return true
		})
		if err != nil {
			return nil, err
		}
		for _, s := range subjects {
			var walkErr error
			err := r.each(quad.Subject, iri(s), func(q quad.Quad) bool {
				l, _ := labelOf(q)
				p, _ := iriOf(q.Predicate)
				o, ok := iriOf(q.Object)
				if l != c || !ok {
					return true
				}
				if _, isRel := r.g.vocab.Relation(schema.Relation(p)); isRel {
					t := fact{s, o, schema.Relation(p)}
					if merges {
						var err error
						if t.s, err = r.canon(s); err == nil {
							t.o, err = r.canon(o)
						}
						if err != nil {
							walkErr = err
							return false
						}
					}
					if !seen[t] {
						seen[t] = true
						found = append(found, t)
					}
				}
				return true
			})
			if err == nil {
				err = walkErr
			}
			if err != nil {
				return nil, err
			}
		}
	}
	from, to := f.from, f.to // the found facts' ends are canonical
	if merges {
		var err error
		if from, err = r.canon(from); err != nil {
			return nil, err
		}
		if to, err = r.canon(to); err != nil {
			return nil, err
		}
	}
	return slices.DeleteFunc(found, func(t fact) bool {
		return (from != "" && from != t.s) || (to != "" && to != t.o)
	}), nil
}

// deniedEdges returns the edges of the denied fact t that the admitted
// claims of f contest: one asserts it, another denies it.
func (r *reader) deniedEdges(t fact, f options) ([]Edge, error) {
	def, _ := r.g.vocab.Relation(t.rel)
	f.from, f.to, f.withDenied = t.s, t.o, true
	es, err := r.edges(def, f)
	return slices.DeleteFunc(es, func(e Edge) bool { return !e.Evidence.Contested() }), err
}
