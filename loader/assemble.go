package loader

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

// Option configures the loaders.
type Option func(*options)

type options struct {
	lenient  bool
	progress func(Progress)
	base     string
	limits
}

// limits bound what a load may hold in memory; hitting one is an *Error at the
// place it was hit, and the load writes nothing.
type limits struct {
	maxLine    int64 // bytes of one N-Quads line or CSV record
	maxLiteral int64 // bytes of one literal, JSON string, CSV cell or YAML scalar
	maxFile    int64 // bytes of the whole input
	maxRecords int   // statements or rows of one load (one batch)
}

// The default limits. Every export of a graph whose strings are at most
// DefaultMaxLiteralBytes long reads back within them: an N-Quads line escapes
// a literal to at most six times its length (\u0001 for a control character).
const (
	DefaultMaxLineBytes    = 512 << 20
	DefaultMaxLiteralBytes = 64 << 20
	DefaultMaxFileBytes    = 16 << 30
	DefaultMaxRecords      = 50_000_000
)

// MaxLineBytes sets the longest N-Quads line or CSV record a load accepts
// (default DefaultMaxLineBytes); n <= 0 keeps the default.
func MaxLineBytes(n int64) Option {
	return func(o *options) { o.maxLine = positive(n, DefaultMaxLineBytes) }
}

// MaxLiteralBytes sets the longest literal (an N-Quads or JSON-LD string, a
// CSV cell, a YAML scalar) a load accepts (default DefaultMaxLiteralBytes);
// n <= 0 keeps the default.
func MaxLiteralBytes(n int64) Option {
	return func(o *options) { o.maxLiteral = positive(n, DefaultMaxLiteralBytes) }
}

// MaxFileBytes sets the largest input a load reads (default
// DefaultMaxFileBytes); n <= 0 keeps the default.
func MaxFileBytes(n int64) Option {
	return func(o *options) { o.maxFile = positive(n, DefaultMaxFileBytes) }
}

// MaxRecords sets how many statements (N-Quads, JSON-LD) or rows (CSV) one
// load, which is one write batch, may hold (default DefaultMaxRecords); n <= 0
// keeps the default.
func MaxRecords(n int) Option {
	return func(o *options) { o.maxRecords = int(positive(int64(n), DefaultMaxRecords)) }
}

func positive(n, def int64) int64 {
	if n <= 0 {
		return def
	}
	return n
}

// Progress reports how far a load has come.
type Progress struct {
	Records int   // statements or rows read so far
	Bytes   int64 // bytes read so far
	Done    bool  // true once, when the load has been written
}

// Lenient makes the loaders skip statements whose predicate the vocabulary
// does not know, and an export's vocabulary statements about terms it lacks,
// counting them in Stats.Skipped, instead of failing.
func Lenient() Option { return func(o *options) { o.lenient = true } }

// WithProgress makes a load call fn as it reads (about every thousand
// records) and once at the end with Done set.
func WithProgress(fn func(Progress)) Option { return func(o *options) { o.progress = fn } }

// WithBase resolves relative identifiers in CSV tables against base.
func WithBase(base string) Option { return func(o *options) { o.base = base } }

func collectOptions(opts []Option) options {
	o := options{limits: limits{maxLine: DefaultMaxLineBytes, maxLiteral: DefaultMaxLiteralBytes,
		maxFile: DefaultMaxFileBytes, maxRecords: DefaultMaxRecords}}
	for _, fn := range opts {
		fn(&o)
	}
	return o
}

// positioned is a statement with where it was read.
type positioned struct {
	graph.Statement
	at place
}

// assembly turns statements into the typed records the graph writes, so that
// every statement of an RDF file is validated as a YAML dataset is.
type assembly struct {
	vocab    *schema.Vocabulary
	lenient  bool
	skipped  int
	entities map[schema.IRI]*entityRec
	claims   map[schema.IRI]*claimRec
	eorder   []schema.IRI
	corder   []schema.IRI
	facts    []factRec
}

func newAssembly(v *schema.Vocabulary, lenient bool) *assembly {
	return &assembly{vocab: v, lenient: lenient, entities: map[schema.IRI]*entityRec{}, claims: map[schema.IRI]*claimRec{}}
}

func (a *assembly) entity(id schema.IRI, at place) *entityRec {
	e, ok := a.entities[id]
	if !ok {
		e = &entityRec{at: at, entity: graph.Entity{ID: id}}
		a.entities[id] = e
		a.eorder = append(a.eorder, id)
	}
	return e
}

func (a *assembly) claim(id schema.IRI, at place) *claimRec {
	c, ok := a.claims[id]
	if !ok {
		c = &claimRec{at: at, claim: graph.Claim{ID: id}}
		a.claims[id] = c
		a.corder = append(a.corder, id)
	}
	return c
}

// claimPredicates are the predicates whose subject is a claim.
var claimPredicates = map[schema.IRI]bool{
	schema.Source: true, schema.Via: true, schema.Stance: true, schema.Reported: true,
	schema.ValidFrom: true, schema.ValidUntil: true, schema.Quote: true, schema.Note: true, schema.Confidence: true,
	schema.Retracts: true,
}

func syntax(at place, format string, args ...any) error {
	return at.wrap(fmt.Errorf("%s: %w", fmt.Sprintf(format, args...), ErrSyntax))
}

// add takes one statement.
func (a *assembly) add(st positioned) error {
	if st.Claim == schema.VocabularyGraph {
		// The exporter's vocabulary: checked against the target's, not written
		// (the target graph writes its own). Lenient skips terms it lacks.
		switch err := graph.CheckVocabularyStatement(a.vocab, st.Statement); {
		case err == nil:
			return nil
		case a.lenient && errors.Is(err, graph.ErrUnknownTerm):
			a.skipped++
			return nil
		default:
			return st.at.wrap(err)
		}
	}
	at, s, p, o := st.at, st.Subject, st.Predicate, st.Object
	if graph.IsDerived(p) {
		return nil
	}
	if st.Claim != "" {
		return a.fact(st)
	}
	iriObject := func() (schema.IRI, error) {
		if o.IsLiteral() {
			return "", syntax(at, "<%s> takes an IRI, not a literal", p)
		}
		return o.IRI, nil
	}
	text := func() (string, error) {
		if !o.IsLiteral() || (o.Datatype != "" && o.Datatype != schema.XSDString) {
			return "", syntax(at, "<%s> takes a plain string", p)
		}
		return o.Lexical, nil
	}
	switch {
	case p == schema.Type:
		k, err := iriObject()
		if err != nil {
			return err
		}
		if schema.Kind(k) == schema.ClaimKind {
			a.claim(s, at)
			return nil
		}
		e := a.entity(s, at)
		e.entity.Kinds = append(e.entity.Kinds, schema.Kind(k))
	case claimPredicates[p]:
		c := a.claim(s, at)
		switch p {
		case schema.Source, schema.Via:
			id, err := iriObject()
			if err != nil {
				return err
			}
			if p == schema.Source {
				c.claim.Source.ID = id
				c.sourceAt = at
			} else {
				c.claim.Via.ID = id
			}
		case schema.Stance:
			id, err := iriObject()
			if err != nil {
				return err
			}
			switch id {
			case schema.Asserted:
				c.claim.Stance = graph.Asserted
			case schema.Denied:
				c.claim.Stance = graph.Denied
			case schema.Retracted:
				c.claim.Stance = graph.Retracted
			default:
				return syntax(at, "stance %s: want %s, %s or %s", id, schema.Asserted, schema.Denied, schema.Retracted)
			}
		case schema.Retracts:
			id, err := iriObject()
			if err != nil {
				return err
			}
			c.claim.Retracts = id
		case schema.Reported, schema.ValidFrom, schema.ValidUntil:
			v, err := graph.LiteralValue(schema.Date, o)
			if err != nil {
				return syntax(at, "%v", err)
			}
			d := v.(graph.Date)
			switch p {
			case schema.Reported:
				c.claim.Reported = d
			case schema.ValidFrom:
				c.claim.ValidFrom = d
			default:
				c.claim.ValidUntil = d
			}
		case schema.Quote, schema.Note:
			t, err := text()
			if err != nil {
				return err
			}
			if p == schema.Quote {
				c.claim.Quote = t
			} else {
				c.claim.Note = t
			}
		case schema.Confidence:
			f, err := strconv.ParseFloat(o.Lexical, 64)
			if !o.IsLiteral() || o.Datatype != schema.XSDDecimal || err != nil {
				return syntax(at, "confidence %q: want an xsd:decimal", o.Lexical)
			}
			c.claim.Confidence = f
		}
	case p == schema.Name || p == schema.AltName || p == schema.Description:
		if !o.IsLiteral() || o.Datatype != "" {
			return syntax(at, "<%s> takes a plain or language-tagged string", p)
		}
		e := a.entity(s, at)
		switch p {
		case schema.Name:
			if e.entity.Name != "" && e.entity.Name != o.Lexical {
				return syntax(at, "entity %s has two names, %q and %q", s, e.entity.Name, o.Lexical)
			}
			e.entity.Name = o.Lexical
		case schema.AltName:
			e.entity.Aliases = append(e.entity.Aliases, graph.Alias{Name: o.Lexical, Lang: o.Lang})
		default:
			e.entity.Description = o.Lexical
		}
	case p == schema.SameAs:
		id, err := iriObject()
		if err != nil {
			return err
		}
		e := a.entity(s, at)
		e.entity.SameAs = append(e.entity.SameAs, id)
	default:
		if a.lenient {
			a.skipped++
			return nil
		}
		return at.wrap(fmt.Errorf("predicate <%s> is not in the vocabulary (use the lenient option to skip such statements): %w", p, graph.ErrUnknownTerm))
	}
	return nil
}

// fact takes a statement labelled with a claim.
func (a *assembly) fact(st positioned) error {
	at, p, o := st.at, st.Predicate, st.Object
	if p == schema.SameEntity {
		if o.IsLiteral() {
			return syntax(at, "<%s> takes an IRI object, not the literal %q", p, clip(o.Lexical))
		}
		a.facts = append(a.facts, factRec{at: at, rel: &graph.Fact{Subject: st.Subject, Relation: schema.Relation(p), Object: o.IRI, Claim: st.Claim}})
		return nil
	}
	if def, ok := a.vocab.Relation(schema.Relation(p)); ok {
		if o.IsLiteral() {
			return syntax(at, "relation %s takes an IRI object, not the literal %q", def.Name, o.Lexical)
		}
		a.facts = append(a.facts, factRec{at: at, rel: &graph.Fact{Subject: st.Subject, Relation: def.Relation, Object: o.IRI, Claim: st.Claim}})
		return nil
	}
	if def, ok := a.vocab.Attribute(schema.Attribute(p)); ok {
		v, err := graph.LiteralValue(def.Datatype, o)
		if err != nil {
			return syntax(at, "attribute %s: %v", def.Name, err)
		}
		a.facts = append(a.facts, factRec{at: at, attr: &graph.AttributeFact{Subject: st.Subject, Attribute: def.Attribute, Value: v, Claim: st.Claim}})
		return nil
	}
	if a.lenient {
		a.skipped++
		return nil
	}
	return at.wrap(fmt.Errorf("predicate <%s> is not a relation or attribute of the vocabulary (use the lenient option to skip such statements): %w", p, graph.ErrUnknownTerm))
}

// write validates and writes what was assembled, in one batch. It lets go of
// each record once the batch holds it: the batch keeps its own copy, and a
// load of a million claims should not hold two.
func (a *assembly) write(ctx context.Context, g *graph.Graph) (Stats, error) {
	var st Stats
	err := g.Write(ctx, func(tx *graph.Tx) error {
		for i, id := range a.eorder {
			e := a.entities[id]
			if err := tx.AddEntity(e.entity); err != nil {
				return e.at.wrap(err)
			}
			a.entities[id], a.eorder[i] = nil, ""
			st.Entities++
		}
		// Retractions last: each names a claim that must already be in the batch.
		for _, retractions := range []bool{false, true} {
			for i, id := range a.corder {
				c := a.claims[id]
				if c == nil || (c.claim.Stance == graph.Retracted) != retractions {
					continue
				}
				if err := tx.AddClaim(c.claim); err != nil {
					return c.at.wrap(err)
				}
				a.claims[id], a.corder[i] = nil, ""
				st.Claims++
			}
		}
		a.entities, a.claims = nil, nil
		for i := range a.facts {
			if err := assert(tx, a.facts[i]); err != nil {
				return err
			}
			a.facts[i] = factRec{}
			st.Facts++
		}
		return nil
	})
	if err != nil {
		st = Stats{}
	}
	st.Skipped = a.skipped
	return st, err
}

// assertFact writes a fact record: an attribute, a relation, or a merge
// (schema.SameEntity).
func assertFact(tx *graph.Tx, f factRec) error {
	switch {
	case f.attr != nil:
		return tx.AssertAttribute(*f.attr)
	case schema.IRI(f.rel.Relation) == schema.SameEntity:
		return tx.Merge(f.rel.Subject, f.rel.Object, f.rel.Claim)
	}
	return tx.Assert(*f.rel)
}

// assert writes the fact f, placing an error at it.
func assert(tx *graph.Tx, f factRec) error {
	if err := assertFact(tx, f); err != nil {
		return f.at.wrap(err)
	}
	return nil
}

// writeRecords writes entities, then claims, then facts in one batch; an error
// is placed at the record (or the field) that caused it, and leaves g as it was.
func writeRecords(ctx context.Context, g *graph.Graph, entities []entityRec, claims []claimRec, facts []factRec) (Stats, error) {
	var st Stats
	inBatch := make(map[schema.IRI]bool, len(entities))
	for _, e := range entities {
		inBatch[e.entity.ID] = true
	}
	// known reports whether id names an entity of the batch or of g, so that a
	// claim's missing source is reported where the source was given.
	known := func(id schema.IRI) bool { return inBatch[id] || exists(ctx, g, id) }
	err := g.Write(ctx, func(tx *graph.Tx) error {
		for _, e := range entities {
			if err := tx.AddEntity(e.entity); err != nil {
				if e.first != nil && errors.Is(err, graph.ErrConflict) {
					err = fmt.Errorf("entity %s is already defined differently at line %d: %w", e.entity.ID, e.first.line, err)
				}
				return e.at.wrap(err)
			}
			st.Entities++
		}
		// A retraction names a claim that must already be in the batch.
		claims = slices.Concat(
			slices.DeleteFunc(slices.Clone(claims), func(c claimRec) bool { return c.claim.Stance == graph.Retracted }),
			slices.DeleteFunc(slices.Clone(claims), func(c claimRec) bool { return c.claim.Stance != graph.Retracted }))
		for _, c := range claims {
			for _, end := range []struct {
				what string
				id   schema.IRI
				at   place
			}{{"source", c.claim.Source.ID, c.sourceAt}, {"via", c.claim.Via.ID, c.viaAt}} {
				if end.id != "" && end.at.line > 0 && !known(end.id) {
					return end.at.wrap(fmt.Errorf("%s %s is not an entity of the dataset or the graph: %w", end.what, end.id, graph.ErrDangling))
				}
			}
			if err := tx.AddClaim(c.claim); err != nil {
				if c.first != nil && errors.Is(err, graph.ErrConflict) {
					err = fmt.Errorf("claim %s is already defined differently at line %d: %w", c.claim.ID, c.first.line, err)
				}
				return c.at.wrap(err)
			}
			st.Claims++
		}
		for _, f := range facts {
			err := assertFact(tx, f)
			if err != nil {
				if f.hint != "" && errors.Is(err, graph.ErrDangling) {
					err = fmt.Errorf("write ids, not names: did you mean %q? %w", f.hint, err)
				}
				return f.at.wrap(err)
			}
			st.Facts++
		}
		return nil
	})
	if err != nil {
		return Stats{}, err
	}
	return st, nil
}
