package loader

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

// rdfReader stands between an RDF parser and what takes its statements (a
// load's assembly, a vocabulary reader). It leaves out what an export
// materialised (see ExportOption) and turns the other forms a fact may take
// (an RDF 1.1 reification, an RDF 1.2 reifier, an estimate as a
// schema:QuantitativeValue) into the form the graph stores, so that every
// RDF loader reads every export back to the graph that was exported.
//
// What it must see whole (an entity's types, the two directions of a
// symmetric fact, a quantity's bounds, a reification's parts) it holds until
// finish; everything else goes on at once.
type rdfReader struct {
	vocab *schema.Vocabulary
	take  func(positioned) error
	// declared holds what the input says it materialised; started is set
	// at the first statement that is not such a declaration.
	declared map[schema.IRI]bool
	started  bool

	types      map[schema.IRI][]positioned // entity -> its rdf:type statements, when superclass types were materialised
	typeOrder  []schema.IRI
	statedKind map[[2]schema.IRI]bool // (entity, kind) the graph stores though another kind implies it
	bothWays   map[mirrorKey]bool     // symmetric facts their claim states both ways, by the direction whose subject sorts first
	mirrored   []positioned           // facts of symmetric relations, when mirrors were materialised
	estimates  []positioned           // estimates whose value is a quantity node
	quantities map[schema.IRI]*quantity
	reified    map[schema.IRI]*reification
	reifOrder  []schema.IRI
}

// mirrorKey is a fact of a symmetric relation: subject, relation, object, claim.
type mirrorKey struct{ s, p, o, c schema.IRI }

// quantity is what a file says of a schema:QuantitativeValue node.
type quantity struct {
	min, max *graph.Term
	at       place
	used     bool
}

// reification is what a file says of an RDF 1.1 reification (rdf:Statement).
type reification struct {
	subject, predicate, claim *graph.Term
	object                    *graph.Term
	at                        place
	bothWays                  bool // typed schema.BothWays: it marks a fact rather than states one
}

func newRDFReader(v *schema.Vocabulary, take func(positioned) error) *rdfReader {
	return &rdfReader{vocab: v, take: take, declared: map[schema.IRI]bool{}, types: map[schema.IRI][]positioned{},
		statedKind: map[[2]schema.IRI]bool{}, bothWays: map[mirrorKey]bool{}, quantities: map[schema.IRI]*quantity{}, reified: map[schema.IRI]*reification{}}
}

// materialisations are the objects a declaration may name.
var materialisations = []schema.IRI{schema.SuperclassTypes, schema.SymmetricMirrors, schema.ProvenanceTerms, schema.EffectiveTimes, schema.Reifiers}

// mirrorPredicates are the predicates an export writes on a claim beside the
// ag: terms they mirror or derive from, which are the record, each with the
// declaration under which a reader leaves it out.
var mirrorPredicates = map[schema.IRI]schema.IRI{schema.WasAttributedTo: schema.ProvenanceTerms, schema.GeneratedAtTime: schema.ProvenanceTerms,
	schema.Publisher: schema.ProvenanceTerms, schema.EffectiveStart: schema.EffectiveTimes, schema.EffectiveEnd: schema.EffectiveTimes}

// add takes one statement of the input.
func (rr *rdfReader) add(in rdfIn) error { return withText(rr.route(in), in) }

// withText fills in, on an error placed at in, the statement's text, which
// the TriG and Turtle parsers leave empty rather than write every statement
// out for the few that fail.
func withText(err error, in rdfIn) error {
	var le *Error
	if err == nil || in.at.text != "" || !errors.As(err, &le) || le.Text != "" || le.Line != in.at.line || le.Column != in.at.column {
		return err
	}
	le.Text = clip(formatRDFQuad(rdfStatement{Statement: in.Statement, triple: in.triple}))
	return err
}

// route sends one statement on, holds it for finish, or leaves it out.
func (rr *rdfReader) route(in rdfIn) error {
	st, at := in.Statement, in.at
	if st.Subject == schema.Export && st.Predicate == schema.Materialises {
		switch {
		case rr.started:
			return syntax(at, "a declaration of what an export materialises comes before every other statement")
		case st.Claim != "" || !slices.Contains(materialisations, st.Object.IRI):
			return syntax(at, "<%s> takes one of %v, in the default graph", schema.Materialises, materialisations)
		}
		rr.declared[st.Object.IRI] = true
		return nil
	}
	rr.started = true
	if in.triple != nil {
		if st.Predicate != schema.Reifies || st.Claim != "" {
			return syntax(at, "an RDF 1.2 triple term stands only as the object of <%s>, in the default graph", schema.Reifies)
		}
		if rr.declared[schema.Reifiers] {
			return nil // a mirror of the claim's named graph
		}
		t := *in.triple
		return withText(rr.fact(positioned{Statement: graph.Statement{Subject: t.Subject, Predicate: t.Predicate, Object: t.Object, Claim: st.Subject}, at: at}), in)
	}
	o := st.Object
	switch {
	case st.Claim == "" && rr.declared[mirrorPredicates[st.Predicate]]:
		return nil
	case st.Claim == schema.VocabularyGraph:
		if rr.vocab.IsOntologyExtra(schema.Triple{Subject: st.Subject, Predicate: st.Predicate, Object: o.IRI, Literal: o.Lexical, Datatype: o.Datatype}) {
			return nil
		}
		return rr.take(in.positioned)
	case st.Predicate == schema.MinValue, st.Predicate == schema.MaxValue,
		st.Predicate == schema.Type && o.IRI == schema.QuantitativeType:
		q := rr.quantities[st.Subject]
		if q == nil {
			q = &quantity{at: at}
			rr.quantities[st.Subject] = q
		}
		bound := map[schema.IRI]**graph.Term{schema.MinValue: &q.min, schema.MaxValue: &q.max}[st.Predicate]
		switch {
		case bound == nil: // its rdf:type
		case *bound != nil && **bound != o:
			return syntax(at, "quantity <%s> has two <%s>", st.Subject, st.Predicate)
		default:
			*bound = &o
		}
		return nil
	case st.Claim == "" && st.Predicate == schema.StatedKind && rr.declared[schema.SuperclassTypes]:
		rr.statedKind[[2]schema.IRI{st.Subject, o.IRI}] = true
		return nil
	case st.Predicate == schema.StatementSubject, st.Predicate == schema.StatementPred, st.Predicate == schema.StatementObject,
		st.Predicate == schema.InClaim, st.Predicate == schema.Type && (o.IRI == schema.Statement || o.IRI == schema.BothWays):
		if st.Claim != "" {
			return syntax(at, "a reification (rdf:Statement) belongs in the default graph")
		}
		r := rr.reified[st.Subject]
		if r == nil {
			r = &reification{at: at}
			rr.reified[st.Subject] = r
			rr.reifOrder = append(rr.reifOrder, st.Subject)
		}
		part := map[schema.IRI]**graph.Term{schema.StatementSubject: &r.subject, schema.StatementPred: &r.predicate,
			schema.StatementObject: &r.object, schema.InClaim: &r.claim}[st.Predicate]
		if part == nil { // its rdf:type
			r.bothWays = r.bothWays || o.IRI == schema.BothWays
			return nil
		}
		if *part != nil && **part != o {
			return syntax(at, "reification <%s> has two <%s>", st.Subject, st.Predicate)
		}
		*part = &o
		return nil
	case st.Claim != "":
		return rr.fact(in.positioned)
	case st.Predicate == schema.Type && !o.IsLiteral() && o.IRI != schema.IRI(schema.ClaimKind) && rr.declared[schema.SuperclassTypes]:
		if _, ok := rr.types[st.Subject]; !ok {
			rr.typeOrder = append(rr.typeOrder, st.Subject)
		}
		rr.types[st.Subject] = append(rr.types[st.Subject], in.positioned)
		return nil
	}
	_, isRelation := rr.vocab.Relation(schema.Relation(st.Predicate))
	_, isAttribute := rr.vocab.Attribute(schema.Attribute(st.Predicate))
	if isRelation || (isAttribute && st.Predicate != schema.IRI(schema.AlternateName)) { // an alias without a claim is the entity's own
		name := rr.vocab.RelationName(schema.Relation(st.Predicate))
		if !isRelation {
			name = rr.vocab.AttributeName(schema.Attribute(st.Predicate))
		}
		return syntax(at, "a fact of %s outside any claim: in TriG or N-Quads put it in the named graph of its claim; "+
			"in Turtle reify it (<claim> rdf:reifies <<( s p o )>>, or an rdf:Statement with <%s>)", name, schema.InClaim)
	}
	return rr.take(in.positioned)
}

// fact takes a statement labelled with a claim.
func (rr *rdfReader) fact(st positioned) error {
	if d, ok := rr.vocab.Attribute(schema.Attribute(st.Predicate)); ok && d.Datatype == schema.IntegerRange && !st.Object.IsLiteral() {
		rr.estimates = append(rr.estimates, st)
		return nil
	}
	if d, ok := rr.vocab.Relation(schema.Relation(st.Predicate)); ok && d.Symmetric && rr.declared[schema.SymmetricMirrors] {
		rr.mirrored = append(rr.mirrored, st)
		return nil
	}
	return rr.take(st)
}

// finish hands on what add held back, once the whole input is read.
func (rr *rdfReader) finish() error {
	for _, e := range rr.typeOrder {
		sts := rr.types[e]
		kinds := make([]schema.Kind, len(sts))
		for i, st := range sts {
			kinds[i] = schema.Kind(st.Object.IRI)
		}
		for _, st := range sts {
			if impliedKind(rr.vocab, schema.Kind(st.Object.IRI), kinds) && !rr.statedKind[[2]schema.IRI{e, st.Object.IRI}] {
				continue // materialised
			}
			if err := withText(rr.take(st), rdfIn{positioned: st}); err != nil {
				return err
			}
		}
	}
	for _, n := range rr.reifOrder {
		r := rr.reified[n]
		for _, part := range []struct {
			name string
			t    *graph.Term
		}{{"rdf:subject", r.subject}, {"rdf:predicate", r.predicate}, {"rdf:object", r.object}, {"ag:inClaim", r.claim}} {
			if part.t == nil {
				return syntax(r.at, "reification <%s> has no %s", n, part.name)
			}
		}
		for _, t := range []*graph.Term{r.subject, r.predicate, r.claim} {
			if t.IsLiteral() {
				return syntax(r.at, "reification <%s>: subject, predicate and claim are IRIs, not the literal %q", n, clip(t.Lexical))
			}
		}
		st := graph.Statement{Subject: r.subject.IRI, Predicate: r.predicate.IRI, Object: *r.object, Claim: r.claim.IRI}
		if r.bothWays {
			if r.object.IsLiteral() {
				return syntax(r.at, "<%s> marks a fact of a relation, not one whose object is a literal", n)
			}
			rr.bothWays[mirrorKey{st.Subject, st.Predicate, st.Object.IRI, st.Claim}] = true
			continue
		}
		if err := rr.fact(positioned{Statement: st, at: r.at}); err != nil {
			return err
		}
	}
	for _, st := range rr.estimates {
		q := rr.quantities[st.Object.IRI]
		if q == nil || q.min == nil || q.max == nil {
			return syntax(st.at, "the estimate <%s> is not a schema:QuantitativeValue with schema:minValue and schema:maxValue in the file", st.Object.IRI)
		}
		lo, err1 := integerOf(*q.min)
		hi, err2 := integerOf(*q.max)
		if err := cmpOr(err1, err2); err != nil {
			return syntax(q.at, "quantity <%s>: %v", st.Object.IRI, err)
		}
		q.used = true
		// The bounds as the graph stores them; the load refuses lo > hi, placed here.
		st.Object = graph.Term{Lexical: strconv.FormatInt(lo, 10) + ".." + strconv.FormatInt(hi, 10), Datatype: schema.RangeType}
		if err := withText(rr.fact(st), rdfIn{positioned: st}); err != nil {
			return err
		}
	}
	for n, q := range rr.quantities {
		if !q.used {
			return syntax(q.at, "quantity <%s> is the value of no estimate", n)
		}
	}
	stated := map[mirrorKey]bool{}
	for _, st := range rr.mirrored {
		stated[mirrorKey{st.Subject, st.Predicate, st.Object.IRI, st.Claim}] = true
	}
	for _, st := range rr.mirrored {
		// Of a fact found both ways, the mirror is the direction whose
		// subject sorts last, unless the claim states both (BothWays).
		back := mirrorKey{st.Object.IRI, st.Predicate, st.Subject, st.Claim}
		if st.Subject > st.Object.IRI && stated[back] && !rr.bothWays[back] {
			continue
		}
		if err := withText(rr.take(st), rdfIn{positioned: st}); err != nil {
			return err
		}
	}
	return nil
}

func cmpOr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// integerOf reads a bound of a quantity: an xsd:integer literal.
func integerOf(t graph.Term) (int64, error) {
	if !t.IsLiteral() || t.Datatype != schema.XSDInteger {
		var b strings.Builder
		writeTerm(&b, t)
		return 0, fmt.Errorf("a bound is an xsd:integer literal, not %s", clip(b.String()))
	}
	n, err := strconv.ParseInt(t.Lexical, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("bound %q is not a whole number", clip(t.Lexical))
	}
	return n, nil
}

// LoadTriG reads TriG from r into g in one atomic batch, as LoadNQuads reads
// N-Quads: the default graph holds entities and claims' metadata, the named
// graph schema.VocabularyGraph the vocabulary the file was written with
// (checked against g's), and the named graph of each claim its facts. It
// reads an export of WriteTriG back to the graph exported, with any
// ExportOption: what was materialised is left out, estimates written as
// schema:QuantitativeValue nodes are read as the graph stores them, and old
// files' "LOW..HIGH"^^ag:integerRange literals as well. The input is read as
// a stream within the limits (MaxFileBytes, MaxLiteralBytes for a string or
// an IRI, MaxRecords); blank nodes, collections and RDF 1.2 reified triples
// are refused. Errors are *Error values with the line and column.
func LoadTriG(ctx context.Context, g *graph.Graph, name string, r io.Reader, opts ...Option) (Stats, error) {
	return loadTurtle(ctx, g, name, r, true, opts)
}

// LoadTurtle reads Turtle from r into g in one atomic batch, as LoadTriG
// does TriG. Turtle has no named graphs: a fact is read from its
// reification by the claim that states it, in RDF 1.1 form (an
// rdf:Statement with rdf:subject, rdf:predicate, rdf:object and
// schema.InClaim) or RDF 1.2 form ("<claim> rdf:reifies <<( s p o )>>"), as
// WriteTurtle writes them; the statements about the terms the file defines
// (typed owl:Class, owl:ObjectProperty or owl:DatatypeProperty) or g's
// vocabulary defines are its vocabulary, checked against g's. A fact of a
// relation outside any claim is an error that says how to write it. Since a
// term's type may come after what the file says of it, a Turtle file is read
// whole (within the limits) before its statements are checked; TriG is read
// as a stream.
func LoadTurtle(ctx context.Context, g *graph.Graph, name string, r io.Reader, opts ...Option) (Stats, error) {
	return loadTurtle(ctx, g, name, r, false, opts)
}

func loadTurtle(ctx context.Context, g *graph.Graph, name string, r io.Reader, trig bool, opts []Option) (Stats, error) {
	o := collectOptions(opts)
	a := newAssembly(g.Vocabulary(), o.lenient)
	var read Progress
	if err := readRDF(ctx, name, r, trig, a.vocab, o, a.add, &read); err != nil {
		return Stats{}, err
	}
	st, err := a.write(ctx, g)
	if err == nil && o.progress != nil {
		read.Done = true
		o.progress(read)
	}
	return st, err
}

// readRDF parses Turtle or TriG and hands its statements, through an
// rdfReader, to take; read says how much it read.
func readRDF(ctx context.Context, name string, r io.Reader, trig bool, v *schema.Vocabulary, o options, take func(positioned) error, read *Progress) error {
	rr := newRDFReader(v, take)
	var held []rdfIn // Turtle's statements, until its vocabulary's subjects are known
	var p *ttlParser
	p = newTTLParser(name, r, trig, o.limits, func(in rdfIn) error {
		if p.n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if o.progress != nil && p.n%1000 == 0 {
			o.progress(Progress{Records: p.n, Bytes: p.bytes})
		}
		if !trig {
			held = append(held, in)
			return nil
		}
		return rr.add(in)
	})
	if err := p.parse(); err != nil {
		return err
	}
	*read = Progress{Records: p.n, Bytes: p.bytes}
	if !trig {
		vocab := map[schema.IRI]bool{}
		for _, in := range held {
			st := in.Statement
			if st.Predicate == schema.Type && (st.Object.IRI == schema.Class || st.Object.IRI == schema.ObjectProperty || st.Object.IRI == schema.DatatypeProperty) ||
				v.Defines(st.Subject) {
				vocab[st.Subject] = true
			}
		}
		for _, in := range held {
			st := in.Statement
			if vocab[st.Subject] || v.IsOntologyExtra(schema.Triple{Subject: st.Subject, Predicate: st.Predicate, Object: st.Object.IRI, Literal: st.Object.Lexical, Datatype: st.Object.Datatype}) {
				in.Claim = schema.VocabularyGraph
			}
			if err := rr.add(in); err != nil {
				return err
			}
		}
	}
	return rr.finish()
}

// ReadTriGVocabulary is ReadNQuadsVocabulary for TriG: the vocabulary is the
// named graph schema.VocabularyGraph, as WriteTriG writes it.
func ReadTriGVocabulary(ctx context.Context, name string, r io.Reader, base *schema.Vocabulary, opts ...Option) (*schema.Vocabulary, error) {
	return readTurtleVocabulary(ctx, name, r, true, base, opts)
}

// ReadTurtleVocabulary is ReadNQuadsVocabulary for Turtle: the vocabulary is
// what the file says of the terms it types as owl:Class, owl:ObjectProperty
// or owl:DatatypeProperty, and of base's terms. It reads
// docs/vocabulary.ttl, or a project's own vocabulary written with
// WriteVocabularyTurtle.
func ReadTurtleVocabulary(ctx context.Context, name string, r io.Reader, base *schema.Vocabulary, opts ...Option) (*schema.Vocabulary, error) {
	return readTurtleVocabulary(ctx, name, r, false, base, opts)
}

func readTurtleVocabulary(ctx context.Context, name string, r io.Reader, trig bool, base *schema.Vocabulary, opts []Option) (*schema.Vocabulary, error) {
	vr := newVocabularyReader(base)
	if err := readRDF(ctx, name, r, trig, base, collectOptions(opts), vr.add, new(Progress)); err != nil {
		return nil, err
	}
	return vr.vocabulary()
}
