package graph

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/actorgraph/actorgraph/schema"
)

// A store keeps the vocabulary it was written with as RDF (schema's
// Vocabulary.Triples), in quads labelled schema.VocabularyGraph. Open reads
// it and checks the vocabulary it is given against it; the first commit of a
// Graph writes what the store lacks. The quads are found from their objects
// (every term is `?t rdf:type owl:Class`, owl:ObjectProperty or
// owl:DatatypeProperty), then from each term: indexed lookups on every
// backend, since key-value stores cannot look quads up by label.

var vocabularyLabel = quad.IRI(schema.VocabularyGraph)

// termTypes are the types every term of a stored vocabulary has one of.
var termTypes = []schema.IRI{schema.Class, schema.ObjectProperty, schema.DatatypeProperty}

// WithStoredVocabulary makes Open use the vocabulary the store holds (the
// one it was written with, extension terms included), so that a program that
// knows nothing of a store's extensions can open, read and write it. A store
// that holds none yet (new, or written before stores kept their vocabulary)
// opens with schema.Core(). With WithVocabulary as well, the given vocabulary
// is used, and must define every stored term as the store does.
func WithStoredVocabulary() Option {
	return func(c *config) { c.stored = true }
}

// vocabularyUpdate is what the store's vocabulary graph lacks: quads to add
// (terms the store lacks, and the new descriptions of terms it describes
// otherwise) and the stored quads those descriptions replace. The first
// commit of a Graph carries it; once it is in the store it is dropped.
type vocabularyUpdate struct {
	add, remove []quad.Quad
}

// openVocabulary reads the store's vocabulary, chooses the graph's (c's, the
// stored one, or the core), checks that it covers the stored one, and notes
// what the first commit must write.
func (g *Graph) openVocabulary(ctx context.Context, c config) error {
	stored, err := g.storedVocabularyQuads(ctx)
	if err != nil {
		return err
	}
	triples := make([]schema.Triple, len(stored))
	for i, q := range stored {
		if triples[i], err = tripleOf(q); err != nil {
			return fmt.Errorf("the store's vocabulary: %w: %w", err, ErrCorrupt)
		}
	}
	held, err := schema.FromTriples(triples)
	if err != nil {
		return fmt.Errorf("the store's vocabulary does not decode: %w: %w", err, ErrCorrupt)
	}
	switch {
	case c.vocab != nil:
		g.vocab = c.vocab
	case c.stored && len(triples) > 0:
		g.vocab = held
	default:
		g.vocab = schema.Core()
	}
	if err := covers(g.vocab, held, triples); err != nil {
		return err
	}
	g.vocabUpdate = updateFor(g.vocab, stored)
	return nil
}

// storedVocabularyQuads returns the quads of the store's vocabulary graph.
func (g *Graph) storedVocabularyQuads(ctx context.Context) ([]quad.Quad, error) {
	if g.index != nil && len(g.index.quads) == 0 {
		return nil, nil // a new graph in memory
	}
	r := newReader(ctx, g)
	var terms []schema.IRI
	for _, typ := range termTypes {
		err := r.eachOf(quad.Object, iri(typ), []quad.Value{iri(schema.Type)}, func(q quad.Quad) bool {
			if s, ok := iriOf(q.Subject); ok && q.Label == vocabularyLabel {
				terms = append(terms, s)
			}
			return true
		})
		if err != nil {
			return nil, err
		}
	}
	slices.Sort(terms)
	terms = slices.Compact(terms)
	var out []quad.Quad
	for _, t := range terms {
		err := r.each(quad.Subject, iri(t), func(q quad.Quad) bool {
			if q.Label == vocabularyLabel {
				out = append(out, q)
			}
			return true
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// covers checks that v defines every term of the stored vocabulary held
// (whose triples are stored) and means by it what the store does: the same
// sort, parent, domain, range, datatype and flags. Names, docs, inverse
// names and equivalents may differ; the first commit rewrites them.
func covers(v, held *schema.Vocabulary, stored []schema.Triple) error {
	byTerm := map[schema.IRI][]schema.Triple{}
	for _, t := range stored {
		byTerm[t.Subject] = append(byTerm[t.Subject], t)
	}
	var missing, conflicts []string
	for _, term := range sortedKeys(byTerm) {
		name := termName(held, term)
		want := v.TermTriples(term)
		if want == nil {
			missing = append(missing, name)
			continue
		}
		if storeSays, vocabSays := meaningDiff(byTerm[term], want); storeSays != nil || vocabSays != nil {
			conflicts = append(conflicts, fmt.Sprintf("%s: the store says %s; the vocabulary says %s",
				name, sayings(storeSays), sayings(vocabSays)))
		}
	}
	var errs []error
	if len(missing) > 0 {
		errs = append(errs, fmt.Errorf("the store holds terms the vocabulary lacks: %s (open with the vocabulary the store was written with, or WithStoredVocabulary): %w",
			strings.Join(missing, ", "), ErrUnknownTerm))
	}
	if len(conflicts) > 0 {
		errs = append(errs, fmt.Errorf("the vocabulary defines terms otherwise than the store: %s: %w", strings.Join(conflicts, "; "), ErrConflict))
	}
	return errors.Join(errs...)
}

// meaningDiff returns the triples that change what a term means (see
// schema.IsDescriptive) which only a, or only b, has.
func meaningDiff(a, b []schema.Triple) (onlyA, onlyB []schema.Triple) {
	meaning := func(ts []schema.Triple) []schema.Triple {
		return slices.DeleteFunc(slices.Clone(ts), schema.IsDescriptive)
	}
	ma, mb := meaning(a), meaning(b)
	for _, t := range ma {
		if !slices.Contains(mb, t) {
			onlyA = append(onlyA, t)
		}
	}
	for _, t := range mb {
		if !slices.Contains(ma, t) {
			onlyB = append(onlyB, t)
		}
	}
	return onlyA, onlyB
}

// sayings writes triples without their common subject: "<p> <o>, <p2> "x"".
func sayings(ts []schema.Triple) string {
	if len(ts) == 0 {
		return "nothing"
	}
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = strings.TrimPrefix(t.String(), "<"+string(t.Subject)+"> ")
	}
	return strings.Join(out, ", ")
}

// termName names a term for an error: its short name and its IRI.
func termName(v *schema.Vocabulary, term schema.IRI) string {
	for _, name := range []string{v.KindName(schema.Kind(term)), v.RelationName(schema.Relation(term)), v.AttributeName(schema.Attribute(term))} {
		if name != string(term) {
			return fmt.Sprintf("%s (%s)", name, term)
		}
	}
	return string(term)
}

func sortedKeys[V any](m map[schema.IRI]V) []schema.IRI {
	out := make([]schema.IRI, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// updateFor returns what the store, holding the vocabulary quads stored,
// lacks to hold v: the quads of v's triples it lacks, and those of its quads
// v's terms no longer have. covers has checked that v defines every stored
// term, so only descriptions are removed.
func updateFor(v *schema.Vocabulary, stored []quad.Quad) vocabularyUpdate {
	var u vocabularyUpdate
	want := map[quad.Quad]bool{}
	for _, t := range v.Triples() {
		q := quadOf(t)
		want[q] = true
		if !slices.Contains(stored, q) {
			u.add = append(u.add, q)
		}
	}
	for _, q := range stored {
		if !want[q] {
			u.remove = append(u.remove, q)
		}
	}
	return u
}

// vocabularyQuads returns batch with the quads the store's vocabulary lacks
// appended, so that they commit with it; the caller holds the write lock.
// They are dropped once a commit has put them in the store.
func (g *Graph) vocabularyQuads(batch []quad.Quad) []quad.Quad {
	u := &g.vocabUpdate
	if len(u.add) == 0 && len(u.remove) == 0 {
		return batch
	}
	if g.vocabularyUpdated() {
		*u = vocabularyUpdate{}
		return batch
	}
	return append(batch, u.add...)
}

// vocabularyRemovals returns removals preceded by the stored descriptions the
// vocabulary replaces, so that both commit together. Only a file or SQL store
// can hold such descriptions: a graph in memory starts empty. Call it after
// vocabularyQuads, which drops an update already committed.
func (g *Graph) vocabularyRemovals(removals []quad.Quad) []quad.Quad {
	if len(g.vocabUpdate.remove) == 0 {
		return removals
	}
	return append(slices.Clip(g.vocabUpdate.remove), removals...)
}

// vocabularyUpdated reports whether a commit has put the pending update in
// the store: a commit is atomic, so one of its quads there (or one of its
// removals gone) means the whole update is. Checking here, rather than after
// the commit, keeps the update for the next batch when a commit fails.
func (g *Graph) vocabularyUpdated() bool {
	u := g.vocabUpdate
	probe, wantThere := quad.Quad{}, true
	if len(u.add) > 0 {
		probe = u.add[0]
	} else {
		probe, wantThere = u.remove[0], false
	}
	found := false
	err := newReader(context.Background(), g).each(quad.Subject, probe.Subject, func(q quad.Quad) bool {
		found = q == probe
		return !found
	})
	// On an error the update goes with the batch again, which adds nothing
	// twice: the batch's own commit will report the store's trouble.
	return err == nil && found == wantThere
}

// quadOf is a vocabulary triple as the store holds it.
func quadOf(t schema.Triple) quad.Quad {
	q := quad.Quad{Subject: iri(t.Subject), Predicate: iri(t.Predicate), Label: vocabularyLabel}
	switch {
	case !t.IsLiteral():
		q.Object = iri(t.Object)
	case t.Datatype == "":
		q.Object = quad.String(t.Literal)
	default:
		q.Object = quad.TypedString{Value: quad.String(t.Literal), Type: quad.IRI(t.Datatype)}
	}
	return q
}

// tripleOf is a stored vocabulary quad as a triple.
func tripleOf(q quad.Quad) (schema.Triple, error) {
	st, err := statementOf(q)
	if err != nil {
		return schema.Triple{}, err
	}
	return tripleOfStatement(st)
}

func tripleOfStatement(st Statement) (schema.Triple, error) {
	if st.Object.Lang != "" {
		return schema.Triple{}, fmt.Errorf("%s <%s>: a vocabulary has no language-tagged literals", st.Subject, st.Predicate)
	}
	return schema.Triple{Subject: st.Subject, Predicate: st.Predicate, Object: st.Object.IRI,
		Literal: st.Object.Lexical, Datatype: st.Object.Datatype}, nil
}

// CheckVocabularyStatement checks a statement of an exported vocabulary (one
// that Statements yields with Claim schema.VocabularyGraph) against v, for
// importers, which write no such statements (the graph writes its own). It
// returns an error wrapping ErrUnknownTerm when v does not define the
// statement's subject, and ErrConflict when the statement says something
// about what the term means (its sort, parent, domain, range, datatype, a
// flag) that v does not say. Statements that only describe a term (a name, a
// doc, an inverse name, an equivalent) may differ from v's.
func CheckVocabularyStatement(v *schema.Vocabulary, st Statement) error {
	t, err := tripleOfStatement(st)
	if err != nil {
		return fmt.Errorf("graph: vocabulary statement %s: %w", err, ErrInvalid)
	}
	want := v.TermTriples(t.Subject)
	switch {
	case want == nil:
		return fmt.Errorf("graph: vocabulary statement about %s: the vocabulary does not define it: %w", t.Subject, ErrUnknownTerm)
	case !schema.IsDescriptive(t) && !slices.Contains(want, t):
		var says []schema.Triple
		for _, w := range want {
			if w.Predicate == t.Predicate && !schema.IsDescriptive(w) {
				says = append(says, w)
			}
		}
		return fmt.Errorf("graph: vocabulary statement %s: the vocabulary says %s: %w", t, sayings(says), ErrConflict)
	}
	return nil
}
