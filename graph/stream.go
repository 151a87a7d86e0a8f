package graph

import (
	"context"
	"fmt"
	"iter"
	"slices"

	"github.com/cayleygraph/quad"

	"github.com/actorgraph/actorgraph/schema"
)

// Streams. The calls that can return many results have a streaming form,
// named after the call with Seq, that takes the same options and yields the
// same results as an iter.Seq2[T, error]:
//
//	EdgesSeq       Edges
//	HistorySeq     History
//	ChangesSeq     Changes
//	ContestedSeq   Contested
//	StatementsSeq  Statements
//
// A stream works as Query.Seq does. It first lists the units of its answer
// (the facts' ends, or the subjects of the store) without decoding any claim
// or entity, in one read; then it reads the units a chunk at a time under the
// graph's read lock and yields each chunk's results with the lock released,
// so the loop's body may read and write g. A loop that stops early reads
// nothing more. A cancelled context ends the stream with the context's
// error, before the next result. An error is yielded once, with a zero
// value, and ends the stream. The slice forms read the graph as of one
// moment; a batch that commits while a stream runs may show in the results
// it has not yet yielded, and what it removes is not yielded once removed.
//
// Listing costs little with a read index (in memory, and on leveldb and bolt
// by default), where it is a lookup by predicate or a pass over the index,
// and on PostgreSQL, where it is a lookup by predicate. On a key-value store
// read directly (WithoutReadIndex), a stream without an anchor lists its
// units by a scan of the store, as its slice form reads it: the first result
// then costs about one scan (StatementsSeq's about what Statements costs),
// and the stream saves the decoding and sorting of the rest.

// stream yields the results of a read split into units: list finds the units
// in one read; then each chunk of units is read under the read lock, by read
// appending the unit's results to out, until the chunk has seqChunk results,
// and its results are yielded with the lock released.
func stream[U, T any](ctx context.Context, g *Graph, list func(*reader) ([]U, error), read func(r *reader, u U, out []T) ([]T, error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		var units []U
		err := g.read(ctx, func(r *reader) error {
			var err error
			units, err = list(r)
			return err
		})
		if err != nil {
			yield(zero, err)
			return
		}
		var out []T
		for next := 0; next < len(units); {
			out = out[:0]
			err := g.read(ctx, func(r *reader) error {
				for ; next < len(units) && len(out) < seqChunk; next++ {
					if err := r.ctx.Err(); err != nil {
						return err
					}
					var err error
					if out, err = read(r, units[next], out); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				yield(zero, err)
				return
			}
			for _, t := range out {
				if err := ctx.Err(); err != nil {
					yield(zero, err) // cancelled while the chunk was yielded
					return
				}
				if !yield(t, nil) {
					return
				}
			}
		}
	}
}

// failed is the stream of a call that cannot run: err, once.
func failed[T any](err error) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		yield(zero, err)
	}
}

// unit is a part of a relation's facts that a stream reads on its own, with
// the read's options and one end as anchor: the facts of one subject, or, for
// an exclusive state whose slot is its object (one controller of a place),
// the facts of one object, so that each slot is read once, whole. A unit of
// a symmetric relation read without anchor holds the facts whose other end's
// IRI sorts at or after its anchor's, each fact facing the same way as the
// slice form's.
type unit struct {
	end      schema.IRI // the anchor; empty for a read whose options have their own
	byObject bool       // end is the facts' object
	sym      bool
}

// at returns the options f of the read, with the unit's anchor.
func (u unit) at(f options) options {
	switch {
	case u.end == "":
	case u.byObject:
		f.to = u.end
	default:
		f.from = u.end
	}
	return f
}

// keeps reports whether the fact from s to o, read from the unit's anchor,
// is the unit's.
func (u unit) keeps(s, o schema.IRI) bool { return !u.sym || s <= o }

// units lists the units of the facts of def that f asks for (see unitsOf).
func (r *reader) units(def schema.RelationDef, f options) ([]unit, error) {
	us, err := r.unitsOf([]schema.RelationDef{def}, f)
	if err != nil {
		return nil, err
	}
	return us[0], nil
}

// unitsOf lists the units of the facts of each of defs that f asks for, in
// the order the index holds them. A read with an anchor is one unit, and so
// is a symmetric relation read by slot; otherwise the units are the ends of
// the quads of the relation (and of the events that start it), read by
// predicate. On a key-value store read without a read index that is a scan
// of the store, made once for all of defs.
func (r *reader) unitsOf(defs []schema.RelationDef, f options) ([][]unit, error) {
	out := make([][]unit, len(defs))
	listers := make([]*unitLister, len(defs))
	byPred := map[quad.Value][]*unitLister{}
	var preds []quad.Value
	for i, def := range defs {
		starters, _, slotted := r.slotting(def)
		if f.from != "" || f.to != "" || slotted && def.Symmetric {
			out[i] = []unit{{}}
			continue
		}
		l := &unitLister{byObject: slotted && def.Exclusive == schema.OneSubject, sym: def.Symmetric, seen: map[schema.IRI]bool{}}
		listers[i] = l
		for _, rel := range append([]schema.RelationDef{def}, starters...) {
			p := iri(schema.IRI(rel.Relation))
			if byPred[p] == nil {
				preds = append(preds, p)
			}
			byPred[p] = append(byPred[p], l)
		}
	}
	var err error
	visit := func(q quad.Quad) bool {
		for _, l := range byPred[q.Predicate] {
			if err = l.add(r, q); err != nil {
				return false
			}
		}
		return true
	}
	_, sql := r.quadReader() // PostgreSQL looks a predicate up by its index
	switch {
	case len(preds) == 0:
	case r.g.index != nil || sql || len(preds) == 1:
		for _, p := range preds {
			if e := r.each(quad.Predicate, p, visit); e != nil {
				return nil, e
			}
			if err != nil {
				return nil, err
			}
		}
	default:
		e := r.eachQuad(func(q quad.Quad) error {
			visit(q)
			return err
		})
		if e != nil {
			return nil, e
		}
	}
	for i, l := range listers {
		if l != nil {
			out[i] = l.units
		}
	}
	return out, nil
}

// unitLister lists the units of one relation from the quads of it (and of
// the events that start it) it is shown.
type unitLister struct {
	byObject, sym bool
	seen          map[schema.IRI]bool
	units         []unit
}

// add adds the unit of the fact q, if it is a fact and its unit is new.
func (l *unitLister) add(r *reader, q quad.Quad) error {
	s, ok1 := iriOf(q.Subject)
	o, ok2 := iriOf(q.Object)
	_, ok3 := labelOf(q)
	if !ok1 || !ok2 || !ok3 {
		return nil
	}
	if r.g.merges.Load() {
		var err error
		if s, err = r.canon(s); err != nil {
			return err
		}
		if o, err = r.canon(o); err != nil {
			return err
		}
	}
	key := s
	switch {
	case l.byObject:
		key = o
	case l.sym:
		key = min(s, o)
	}
	if !l.seen[key] {
		l.seen[key] = true
		l.units = append(l.units, unit{end: key, byObject: l.byObject, sym: l.sym})
	}
	return nil
}

// EdgesSeq is the streaming form of [Graph.Edges]: it yields the edges Edges
// returns, with the same evidence, in the order the index holds them, not
// sorted by name (Edges sorts). With From or To, the anchor's edges are
// listed with their claims in one read and decoded a chunk at a time; with
// neither, every edge of rel is listed by predicate, which on key-value
// backends scans the store. A relation read by slot (an exclusive state, or
// one that events start and end) is read a slot at a time, since
// supersession needs every claim of the slot: without anchor, by subject, or
// by object when the object is the slot (a place has one controller), each
// unit's edges sorted as Edges sorts them; with an anchor, in one read.
func (g *Graph) EdgesSeq(ctx context.Context, rel schema.Relation, opts ...EdgeOption) iter.Seq2[Edge, error] {
	def, ok := g.vocab.Relation(rel)
	if !ok {
		return failed[Edge](fmt.Errorf("graph: EdgesSeq: relation %q: %w", rel, ErrUnknownTerm))
	}
	f := collectEdge(opts)
	if err := f.valid("EdgesSeq"); err != nil {
		return failed[Edge](err)
	}
	if _, slotted := g.slotRules()[def.Relation]; !slotted && (f.from != "" || f.to != "") {
		return stream(ctx, g, func(r *reader) ([]labelled, error) {
			if err := r.anchors("EdgesSeq", f); err != nil {
				return nil, err
			}
			return r.triples(def, f)
		}, func(r *reader, t labelled, out []Edge) ([]Edge, error) {
			e, ok, err := r.edgeOf(def, f, t)
			if ok {
				out = append(out, e)
			}
			return out, err
		})
	}
	return stream(ctx, g, func(r *reader) ([]unit, error) {
		if err := r.anchors("EdgesSeq", f); err != nil {
			return nil, err
		}
		return r.units(def, f)
	}, func(r *reader, u unit, out []Edge) ([]Edge, error) {
		es, err := r.edges(def, u.at(f))
		for _, e := range es {
			if u.keeps(e.Subject.ID, e.Object.ID) {
				out = append(out, e)
			}
		}
		return out, err
	})
}

// unitHistory is the history of relation def in unit u of a read with
// options f.
func (r *reader) unitHistory(def schema.RelationDef, f options, u unit) ([]Interval, error) {
	ivs, err := r.history(def, u.at(f))
	if err != nil || !u.sym {
		return ivs, err
	}
	return slices.DeleteFunc(ivs, func(iv Interval) bool { return !u.keeps(iv.Subject.ID, iv.Object.ID) }), nil
}

// HistorySeq is the streaming form of [Graph.History]: it yields the
// intervals History returns a unit at a time, each unit's intervals in the
// order History sorts them (by start, then by subject and object name), the
// units in the order the index holds them. A unit is what History needs to
// see whole before it can say what superseded a claim: without an anchor,
// the facts of one subject, or of one object when the object is the slot (a
// place has one controller); with From or To, the anchor's facts, in one
// read.
func (g *Graph) HistorySeq(ctx context.Context, rel schema.Relation, opts ...HistoryOption) iter.Seq2[Interval, error] {
	def, ok := g.vocab.Relation(rel)
	if !ok {
		return failed[Interval](fmt.Errorf("graph: HistorySeq: relation %q: %w", rel, ErrUnknownTerm))
	}
	f := collect(opts, HistoryOption.historyOption)
	if err := f.valid("HistorySeq"); err != nil {
		return failed[Interval](err)
	}
	return stream(ctx, g, func(r *reader) ([]unit, error) {
		if err := r.anchors("HistorySeq", f); err != nil {
			return nil, err
		}
		return r.units(def, f)
	}, func(r *reader, u unit, out []Interval) ([]Interval, error) {
		ivs, err := r.unitHistory(def, f, u)
		return append(out, ivs...), err
	})
}

// ChangesSeq is the streaming form of [Graph.Changes]: it yields the changes
// Changes returns relation by relation (in the vocabulary's order) and, within
// a relation, a unit at a time as HistorySeq reads them, each unit's changes
// in the order Changes sorts them (by date, then kind). Changes sorts the
// whole answer.
func (g *Graph) ChangesSeq(ctx context.Context, from, until Date, opts ...ChangeOption) iter.Seq2[Change, error] {
	f, in, err := changeWindow(from, until, opts)
	if err != nil {
		return failed[Change](err)
	}
	defs := g.vocab.Relations()
	type relUnit struct {
		def int // in defs
		unit
	}
	return stream(ctx, g, func(r *reader) ([]relUnit, error) {
		if err := r.anchors("ChangesSeq", f); err != nil {
			return nil, err
		}
		all, err := r.unitsOf(defs, f)
		if err != nil {
			return nil, err
		}
		var out []relUnit
		for i, us := range all {
			for _, u := range us {
				out = append(out, relUnit{i, u})
			}
		}
		return out, nil
	}, func(r *reader, u relUnit, out []Change) ([]Change, error) {
		ivs, err := r.unitHistory(defs[u.def], f, u.unit)
		if err != nil {
			return out, err
		}
		n := len(out)
		out = appendChanges(out, defs[u.def], f, in, ivs)
		sortChanges(out[n:])
		return out, nil
	})
}

// StatementsSeq is the streaming form of [Graph.Statements]: it yields the
// same statements in the same order (by subject, predicate, object and
// claim). It lists the subjects of the store in one read (the whole store,
// as Statements reads it, but keeping only each subject's IRI) and sorts
// them; then it reads the statements a subject at a time, by an index
// lookup, and sorts each subject's.
func (g *Graph) StatementsSeq(ctx context.Context) iter.Seq2[Statement, error] {
	return stream(ctx, g, func(r *reader) ([]schema.IRI, error) {
		seen := map[schema.IRI]bool{}
		var subjects []schema.IRI
		err := r.eachQuad(func(q quad.Quad) error {
			s, ok := iriOf(q.Subject)
			if !ok {
				_, err := statementOf(q) // says why
				return err
			}
			if !seen[s] {
				seen[s] = true
				subjects = append(subjects, s)
			}
			return nil
		})
		slices.Sort(subjects)
		return subjects, err
	}, func(r *reader, s schema.IRI, out []Statement) ([]Statement, error) {
		n := len(out)
		var err error
		if e := r.each(quad.Subject, iri(s), func(q quad.Quad) bool {
			var st Statement
			if st, err = statementOf(q); err != nil {
				return false
			}
			if !derived(st.Predicate) {
				out = append(out, st)
			}
			return true
		}); e != nil {
			return out, e
		}
		if err != nil {
			return out, err
		}
		slices.SortFunc(out[n:], CompareStatements)
		return out[:n+len(slices.Compact(out[n:]))], nil
	})
}

// ContestedSeq is the streaming form of [Graph.Contested]: it yields the
// edges Contested returns, not sorted by name (Contested sorts). First come
// the edges a claim denies, found from the denying claims (an index lookup on
// the stance) in one read, each read as it is reached; then the edges of
// rival holders of each exclusive relation, read a slot at a time as EdgesSeq
// reads them (without an anchor, by predicate, which on key-value backends
// scans the store).
func (g *Graph) ContestedSeq(ctx context.Context, opts ...ContestedOption) iter.Seq2[Edge, error] {
	f := collectContested(opts)
	if err := f.valid("ContestedSeq"); err != nil {
		return failed[Edge](err)
	}
	defs := g.vocab.Relations()
	rivalsOf := f
	rivalsOf.withDenied = false
	// A unit is a denied fact, or a unit of an exclusive relation's edges.
	type contestedUnit struct {
		denied *fact
		def    int // in defs
		unit
		shown map[fact]bool // the denied facts whose edges one run has yielded
	}
	return stream(ctx, g, func(r *reader) ([]contestedUnit, error) {
		if err := r.anchors("ContestedSeq", f); err != nil {
			return nil, err
		}
		found, err := r.deniedFacts(f)
		if err != nil {
			return nil, err
		}
		shown := map[fact]bool{}
		var out []contestedUnit
		for i := range found {
			out = append(out, contestedUnit{denied: &found[i], shown: shown})
		}
		var exclusive []int // in defs
		for i, def := range defs {
			if def.Exclusive != schema.NotExclusive {
				exclusive = append(exclusive, i)
			}
		}
		all, err := r.unitsOf(subset(defs, exclusive), rivalsOf)
		if err != nil {
			return nil, err
		}
		for j, us := range all {
			for _, u := range us {
				out = append(out, contestedUnit{def: exclusive[j], unit: u, shown: shown})
			}
		}
		return out, nil
	}, func(r *reader, u contestedUnit, out []Edge) ([]Edge, error) {
		if u.denied != nil {
			es, err := r.deniedEdges(*u.denied, f)
			for _, e := range es {
				u.shown[fact{e.Subject.ID, e.Object.ID, e.Relation}] = true
			}
			return append(out, es...), err
		}
		es, err := r.edges(defs[u.def], u.at(rivalsOf))
		for _, e := range es {
			if len(e.Rivals) > 0 && u.keeps(e.Subject.ID, e.Object.ID) && !u.shown[fact{e.Subject.ID, e.Object.ID, e.Relation}] {
				out = append(out, e)
			}
		}
		return out, err
	})
}

// subset returns the elements of xs at the indexes is.
func subset[T any](xs []T, is []int) []T {
	out := make([]T, len(is))
	for j, i := range is {
		out[j] = xs[i]
	}
	return out
}
