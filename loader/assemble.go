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
	// DefaultMaxRecords bounds what one load holds before it writes: a
	// load keeps every record until its one batch commits, and an N-Quads
	// load into memory peaked at about 540 bytes of resident memory a
	// statement (a million claims, 8.8M statements: 4.7 GB), so ten million
	// records need about 5.5 GB. Raise it with MaxRecords on a machine that
	// has the memory.
	DefaultMaxRecords = 10_000_000
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
// load, which is one write batch, may hold (default DefaultMaxRecords, ten
// million); n <= 0 keeps the default. A load holds all of them until it
// commits: about 540 bytes a statement at peak for an N-Quads load into
// memory (see DefaultMaxRecords).
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
//
// A load holds every record until it writes them in one batch, so the
// records are kept small: a spot instead of a place, a claim's fields
// instead of a graph.Claim (whose Source and Via are whole entities), facts
// by value in one slice, and records found by index rather than by pointer.
type assembly struct {
	vocab    *schema.Vocabulary
	lenient  bool
	skipped  int
	file     string               // the input's name, the same for every record
	entities map[schema.IRI]int32 // index in ents
	claims   map[schema.IRI]int32 // index in cls
	ents     []pendingEntity      // in the order first read
	cls      []pendingClaim
	facts    []pendingFact
	// names is the load's one copy of each IRI it has read (see
	// nqParser.names); write drops it.
	names map[string]string
}

// spot is where a record was read: a place without the file's name, which is
// the load's, or the text of the line, which the records' fields quote
// instead.
type spot struct {
	line, column int
	field        string
}

func (a *assembly) spot(at place) spot {
	a.file = at.file
	return spot{line: at.line, column: at.column, field: at.field}
}

// place returns the place of s, quoting text.
func (a *assembly) place(s spot, text string) place {
	return place{file: a.file, line: s.line, column: s.column, field: s.field, text: clip(text)}
}

// pendingEntity is an entity as the load has read it so far.
type pendingEntity struct {
	at     spot // where it was first named
	entity graph.Entity
}

// pendingClaim is a claim's fields as the load has read them so far.
type pendingClaim struct {
	at                            spot // where it was first named
	id, source, via, retracts     schema.IRI
	stance                        graph.Stance
	reported, validFrom, validEnd graph.Date
	quote, note                   string
	confidence                    float64
}

func (c *pendingClaim) claim() graph.Claim {
	return graph.Claim{ID: c.id, Source: graph.Entity{ID: c.source}, Via: graph.Entity{ID: c.via},
		Stance: c.stance, Retracts: c.retracts, Reported: c.reported, ValidFrom: c.validFrom, ValidUntil: c.validEnd,
		Quote: c.quote, Note: c.note, Confidence: c.confidence}
}

// pendingFact is a statement labelled with a claim: a relation, an attribute
// (with its value decoded), or a merge (predicate schema.SameEntity).
type pendingFact struct {
	at                        spot
	subject, predicate, claim schema.IRI
	object                    schema.IRI  // of a relation or a merge
	value                     graph.Value // of an attribute
}

// statement returns f as the statement it was read from, for an error to quote.
func (f *pendingFact) statement() graph.Statement {
	st := graph.Statement{Subject: f.subject, Predicate: f.predicate, Object: graph.Term{IRI: f.object}, Claim: f.claim}
	if f.value != nil {
		st.Object = graph.TermOf(f.value)
	}
	return st
}

// writeFact writes f, placing an error at it.
func (a *assembly) writeFact(tx *graph.Tx, f *pendingFact) error {
	var err error
	switch {
	case f.value != nil:
		err = tx.AssertAttribute(graph.AttributeFact{Subject: f.subject, Attribute: schema.Attribute(f.predicate), Value: f.value, Claim: f.claim})
	case f.predicate == schema.SameEntity:
		err = tx.Merge(f.subject, f.object, f.claim)
	default:
		err = tx.Assert(graph.Fact{Subject: f.subject, Relation: schema.Relation(f.predicate), Object: f.object, Claim: f.claim})
	}
	if err != nil {
		return a.place(f.at, FormatNQuad(f.statement())).wrap(err)
	}
	return nil
}

func newAssembly(v *schema.Vocabulary, lenient bool) *assembly {
	return &assembly{vocab: v, lenient: lenient, entities: map[schema.IRI]int32{}, claims: map[schema.IRI]int32{}, names: map[string]string{}}
}

func (a *assembly) entity(id schema.IRI, at place) *pendingEntity {
	i, ok := a.entities[id]
	if !ok {
		i = int32(len(a.ents))
		a.entities[id] = i
		a.ents = append(a.ents, pendingEntity{at: a.spot(at), entity: graph.Entity{ID: id}})
	}
	return &a.ents[i]
}

func (a *assembly) claim(id schema.IRI, at place) *pendingClaim {
	i, ok := a.claims[id]
	if !ok {
		i = int32(len(a.cls))
		a.claims[id] = i
		a.cls = append(a.cls, pendingClaim{at: a.spot(at), id: id})
	}
	return &a.cls[i]
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
				c.source = id
			} else {
				c.via = id
			}
		case schema.Stance:
			id, err := iriObject()
			if err != nil {
				return err
			}
			switch id {
			case schema.Asserted:
				c.stance = graph.Asserted
			case schema.Denied:
				c.stance = graph.Denied
			case schema.Retracted:
				c.stance = graph.Retracted
			default:
				return syntax(at, "stance %s: want %s, %s or %s", id, schema.Asserted, schema.Denied, schema.Retracted)
			}
		case schema.Retracts:
			id, err := iriObject()
			if err != nil {
				return err
			}
			c.retracts = id
		case schema.Reported, schema.ValidFrom, schema.ValidUntil:
			v, err := graph.LiteralValue(schema.Date, o)
			if err != nil {
				return syntax(at, "%v", err)
			}
			*claimDate(p, &c.reported, &c.validFrom, &c.validEnd) = v.(graph.Date)
		case schema.Quote, schema.Note:
			t, err := text()
			if err != nil {
				return err
			}
			if p == schema.Quote {
				c.quote = t
			} else {
				c.note = t
			}
		case schema.Confidence:
			f, err := strconv.ParseFloat(o.Lexical, 64)
			if !o.IsLiteral() || o.Datatype != schema.XSDDecimal || err != nil {
				return syntax(at, "confidence %q: want an xsd:decimal", o.Lexical)
			}
			c.confidence = f
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
		a.facts = append(a.facts, pendingFact{at: a.spot(at), subject: st.Subject, predicate: p, object: o.IRI, claim: st.Claim})
		return nil
	}
	if def, ok := a.vocab.Relation(schema.Relation(p)); ok {
		if o.IsLiteral() {
			return syntax(at, "relation %s takes an IRI object, not the literal %q", def.Name, o.Lexical)
		}
		a.facts = append(a.facts, pendingFact{at: a.spot(at), subject: st.Subject, predicate: schema.IRI(def.Relation), object: o.IRI, claim: st.Claim})
		return nil
	}
	if def, ok := a.vocab.Attribute(schema.Attribute(p)); ok {
		v, err := graph.LiteralValue(def.Datatype, o)
		if err != nil {
			return syntax(at, "attribute %s: %v", def.Name, err)
		}
		a.facts = append(a.facts, pendingFact{at: a.spot(at), subject: st.Subject, predicate: schema.IRI(def.Attribute), value: v, claim: st.Claim})
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
	ids := a.ids()
	a.names, a.entities, a.claims = nil, nil, nil
	err := g.Write(ctx, func(tx *graph.Tx) error {
		if err := tx.Prefetch(ids...); err != nil {
			return err
		}
		ids = nil
		for i := range a.ents {
			e := &a.ents[i]
			if err := tx.AddEntity(e.entity); err != nil {
				return a.place(e.at, "<"+string(e.entity.ID)+">").wrap(err)
			}
			*e = pendingEntity{}
			st.Entities++
		}
		a.ents = nil
		// Retractions last: each names a claim that must already be in the batch.
		for _, retractions := range []bool{false, true} {
			for i := range a.cls {
				c := &a.cls[i]
				if c.id == "" || (c.stance == graph.Retracted) != retractions {
					continue
				}
				if err := tx.AddClaim(c.claim()); err != nil {
					return a.place(c.at, "<"+string(c.id)+">").wrap(err)
				}
				*c = pendingClaim{}
				st.Claims++
			}
		}
		a.cls = nil
		for i := range a.facts {
			if err := a.writeFact(tx, &a.facts[i]); err != nil {
				return err
			}
			a.facts[i] = pendingFact{}
			st.Facts++
		}
		a.facts = nil
		return nil
	})
	if err != nil {
		st = Stats{}
	}
	st.Skipped = a.skipped
	return st, err
}

// ids returns the IDs the batch's writes will look up in the graph (see
// graph.Tx.Prefetch): its entities and claims, and the other IDs its claims
// and facts name.
func (a *assembly) ids() []schema.IRI {
	out := make([]schema.IRI, 0, len(a.ents)+len(a.cls))
	for _, e := range a.ents {
		out = append(out, e.entity.ID)
	}
	other := func(id schema.IRI) {
		_, entity := a.entities[id]
		_, claim := a.claims[id]
		if id != "" && !entity && !claim {
			out = append(out, id)
		}
	}
	for _, c := range a.cls {
		out = append(out, c.id)
		other(c.source)
		other(c.via)
		other(c.retracts)
	}
	for _, f := range a.facts {
		other(f.subject)
		other(f.object)
		other(f.claim)
	}
	return out
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
		ids := make([]schema.IRI, 0, len(entities)+3*len(claims))
		for _, e := range entities {
			ids = append(ids, e.entity.ID)
		}
		for _, c := range claims {
			ids = append(ids, c.claim.ID, c.claim.Source.ID, c.claim.Via.ID)
		}
		if err := tx.Prefetch(ids...); err != nil {
			return err
		}
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
