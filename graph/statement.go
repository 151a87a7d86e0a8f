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

// Term is the object of a Statement: an IRI, or a literal with its lexical
// form and either a datatype or a language.
type Term struct {
	IRI      schema.IRI // an IRI; empty for a literal
	Lexical  string     // a literal's lexical form
	Datatype schema.IRI // a literal's datatype; empty for a plain or language-tagged string
	Lang     string     // a language-tagged string's language
}

// IsLiteral reports whether t is a literal.
func (t Term) IsLiteral() bool { return t.IRI == "" }

// Statement is one quad of the graph in neutral form, for exporters and
// importers: subject, predicate, object and, for a fact, the claim that labels
// it ("" in the default graph).
type Statement struct {
	Subject   schema.IRI
	Predicate schema.IRI
	Object    Term
	Claim     schema.IRI
}

// derived reports whether a predicate is one the graph writes for its own
// lookups (folded names, claim back-links); exports leave them out and imports
// rebuild them.
func derived(p schema.IRI) bool {
	return p == schema.NameKey || p == schema.SubjectOf || p == schema.MergedBy
}

// IsDerived reports whether statements of predicate p are written by the graph
// for its own lookups: Statements leaves them out, and importers should skip
// them, since writing the entities and facts rebuilds them.
func IsDerived(p schema.IRI) bool { return derived(p) }

// Statements calls fn with every statement of the graph but the derived ones,
// sorted by subject, predicate, object and claim, so that an export is the
// same for the same graph on any backend. It reads the whole store, and stops
// with the context's error soon after ctx is done.
func (g *Graph) Statements(ctx context.Context, fn func(Statement) error) error {
	var all []Statement
	err := g.read(ctx, func(r *reader) error {
		return r.eachQuad(func(q quad.Quad) error {
			st, err := statementOf(q)
			if err == nil && !derived(st.Predicate) {
				all = append(all, st)
			}
			return err
		})
	})
	if err != nil {
		return err
	}
	slices.SortFunc(all, CompareStatements)
	all = slices.Compact(all)
	for _, st := range all {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := fn(st); err != nil {
			return err
		}
	}
	return ctx.Err()
}

// eachQuad calls fn with every quad of the graph, until fn fails; it reads
// the whole store.
func (r *reader) eachQuad(fn func(quad.Quad) error) error {
	if r.g.index == nil {
		return r.g.eachStoredQuad(r.ctx, fn)
	}
	// Decoded one at a time: a copy of every quad of the graph would double
	// what a read of all statements holds.
	m := r.g.index
	for i, e := range m.quads {
		if i%4096 == 0 {
			if err := r.ctx.Err(); err != nil {
				return err
			}
		}
		if e.removed() {
			continue
		}
		if err := fn(m.decode(e)); err != nil {
			return err
		}
	}
	return nil
}

// CompareStatements orders statements by subject, predicate, object and claim.
func CompareStatements(a, b Statement) int {
	return cmpJoin(
		strings.Compare(string(a.Subject), string(b.Subject)),
		strings.Compare(string(a.Predicate), string(b.Predicate)),
		strings.Compare(string(a.Object.IRI), string(b.Object.IRI)),
		strings.Compare(a.Object.Lexical, b.Object.Lexical),
		strings.Compare(string(a.Object.Datatype), string(b.Object.Datatype)),
		strings.Compare(a.Object.Lang, b.Object.Lang),
		strings.Compare(string(a.Claim), string(b.Claim)),
	)
}

func cmpJoin(cs ...int) int {
	for _, c := range cs {
		if c != 0 {
			return c
		}
	}
	return 0
}

var errBlankNode = errors.New("blank nodes are not supported")

func statementOf(q quad.Quad) (Statement, error) {
	s, ok1 := iriOf(q.Subject)
	p, ok2 := iriOf(q.Predicate)
	if !ok1 || !ok2 {
		return Statement{}, fmt.Errorf("graph: quad %v: subject and predicate must be IRIs: %w", q, errBlankNode)
	}
	st := Statement{Subject: s, Predicate: p}
	if q.Label != nil {
		l, ok := iriOf(q.Label)
		if !ok {
			return Statement{}, fmt.Errorf("graph: quad %v: label must be an IRI: %w", q, errBlankNode)
		}
		st.Claim = l
	}
	switch o := q.Object.(type) {
	case quad.IRI:
		st.Object = Term{IRI: schema.IRI(o)}
	case quad.String:
		st.Object = Term{Lexical: string(o)}
	case quad.LangString:
		st.Object = Term{Lexical: string(o.Value), Lang: o.Lang}
	case quad.TypedString:
		st.Object = Term{Lexical: string(o.Value), Datatype: schema.IRI(o.Type)}
		if st.Object.Datatype == schema.XSDString {
			st.Object.Datatype = ""
		}
	default:
		return Statement{}, fmt.Errorf("graph: quad %v: object of type %T: %w", q, q.Object, errBlankNode)
	}
	return st, nil
}

// LiteralValue decodes a literal term as a Value of datatype dt, checking that
// its datatype IRI fits: a plain string for Text, xsd:integer for Integer,
// xsd:gYear, xsd:gYearMonth or xsd:date (matching the lexical form's precision)
// for Date, ag:integerRange for IntegerRange.
func LiteralValue(dt schema.Datatype, t Term) (Value, error) {
	if !t.IsLiteral() {
		return nil, fmt.Errorf("%s is an IRI; want a %v literal", t.IRI, dt)
	}
	want := map[schema.Datatype][]schema.IRI{
		schema.Text:         {""},
		schema.Integer:      {schema.XSDInteger},
		schema.Date:         {schema.XSDYear, schema.XSDYearMonth, schema.XSDDate},
		schema.IntegerRange: {schema.RangeType},
	}[dt]
	if !slices.Contains(want, t.Datatype) {
		got := string(t.Datatype)
		if got == "" {
			got = "a plain string"
		}
		return nil, fmt.Errorf("literal %q has datatype %s; want %v", t.Lexical, got, dt)
	}
	v, err := ParseValue(dt, t.Lexical)
	if err != nil {
		return nil, err
	}
	if d, ok := v.(Date); ok && d.datatypeIRI() != t.Datatype {
		return nil, fmt.Errorf("literal %q does not match its datatype %s", t.Lexical, t.Datatype)
	}
	return v, nil
}

// TermOf returns v as a literal term, as the graph stores it.
func TermOf(v Value) Term {
	st, _ := statementOf(quad.Quad{Subject: quad.IRI("s"), Predicate: quad.IRI("p"), Object: toQuad(v)})
	return st.Object
}
