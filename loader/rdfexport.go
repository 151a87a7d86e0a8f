package loader

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

// ExportOption configures what the RDF writers (WriteNQuadsWith, WriteTriG,
// WriteTurtle) write beyond the statements the graph stores. Without any, an
// export holds exactly those statements and its vocabulary. The options exist
// for readers that know nothing of actorgraph, such as a SPARQL engine with no
// reasoner: each materialises what such a reader cannot infer. The loaders
// read every form back to the graph that was exported, skipping what was
// materialised. ExportOption is a type of its own, so that a load's Option
// does not compile where an export is asked for, nor the reverse.
type ExportOption interface{ applyExport(*exportOptions) }

type exportFunc func(*exportOptions)

func (f exportFunc) applyExport(o *exportOptions) { f(o) }

type exportOptions struct {
	ontology, superclasses, symmetric, provenance, effective, quantities, reifiers bool
}

// WithOntology adds to the vocabulary graph the description of the claim
// model's terms and of the ag: terms a vocabulary uses, and each relation's
// time semantics in words (schema.Vocabulary.Ontology).
func WithOntology() ExportOption { return exportFunc(func(o *exportOptions) { o.ontology = true }) }

// WithSuperclasses types each entity with every kind above its kinds as
// well: an ArmedGroup is also written an Organization and an Actor, so that
// "?x a ag:Organization" finds it. A kind the graph stores although another
// of the entity's kinds implies it is marked (schema.StatedKind), so that a
// reader keeps it.
func WithSuperclasses() ExportOption {
	return exportFunc(func(o *exportOptions) { o.superclasses = true })
}

// WithSymmetric writes both directions of every fact of a symmetric relation
// (enemy of, allied with) in the claim that states it. A fact its claim
// states both ways already is marked (an RDF 1.1 reification typed
// schema.BothWays), so that a reader keeps both.
func WithSymmetric() ExportOption { return exportFunc(func(o *exportOptions) { o.symmetric = true }) }

// WithProvenance mirrors each claim's metadata in PROV-O and schema.org
// terms: prov:wasAttributedTo its source, prov:generatedAtTime the start of
// its reported date as an xsd:dateTime, schema:publisher the medium it came
// through (Via).
func WithProvenance() ExportOption { return exportFunc(func(o *exportOptions) { o.provenance = true }) }

// WithEffectiveTimes writes on each claim, as xsd:dateTime values beside its
// dates at their own precision, when it holds: schema.EffectiveStart, the
// start of its ValidFrom or, with no ValidFrom, of its reported date (a
// claim holds from when it was reported unless it says otherwise), and, when
// it has a ValidUntil, schema.EffectiveEnd, the first instant after that
// period. A claim then holds at t when effectiveStart <= t < effectiveEnd,
// which any SPARQL engine compares.
func WithEffectiveTimes() ExportOption {
	return exportFunc(func(o *exportOptions) { o.effective = true })
}

// WithQuantities writes each estimate with bounds (an IntegerRange
// attribute) as a schema:QuantitativeValue node with schema:minValue and
// schema:maxValue as xsd:integer, in the claim that states it, instead of the
// "LOW..HIGH"^^ag:integerRange literal the graph stores. The node's IRI is
// the claim's followed by "/quantity-" and a hash of the fact. The loaders
// read both forms.
func WithQuantities() ExportOption { return exportFunc(func(o *exportOptions) { o.quantities = true }) }

// WithReifiers adds the RDF 1.2 form of the claims, for readers that support
// it: each claim rdf:reifies the triple term of every fact it states,
// "<claim> rdf:reifies <<( s p o )>>", in the default graph. Readers of
// RDF 1.1 (rapper, rdflib before 8) cannot read such an export.
func WithReifiers() ExportOption { return exportFunc(func(o *exportOptions) { o.reifiers = true }) }

// ForSPARQL is every option but WithReifiers: what a SPARQL 1.1 engine that
// knows nothing of actorgraph needs to answer the library's questions.
func ForSPARQL() ExportOption {
	return exportFunc(func(o *exportOptions) {
		o.ontology, o.superclasses, o.symmetric, o.provenance, o.effective, o.quantities = true, true, true, true, true, true
	})
}

func collectExport(opts []ExportOption) exportOptions {
	var o exportOptions
	for _, opt := range opts {
		if opt != nil {
			opt.applyExport(&o)
		}
	}
	return o
}

// rdfStatement is a statement of an export: a graph.Statement, or, when
// triple is set, one whose object is that RDF 1.2 triple term.
type rdfStatement struct {
	graph.Statement
	triple *graph.Statement
}

// claimTimes is what an export needs to know of a claim's metadata.
type claimTimes struct {
	source, via                   schema.IRI
	reported, validFrom, validEnd graph.Date
}

// exportStatements returns what an RDF export of g writes, in two parts:
// the declarations of what it materialises, which a writer puts first so that
// a streaming reader knows them before anything they govern, then every other
// statement sorted by compareRDF.
func exportStatements(ctx context.Context, g *graph.Graph, o exportOptions) (decl, out []rdfStatement, err error) {
	v := g.Vocabulary()
	var stored []graph.Statement
	n := 0
	err = g.Statements(ctx, func(st graph.Statement) error {
		if n++; n%checkEvery == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if err := checkStatement(st); err != nil {
			return err
		}
		stored = append(stored, st)
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	declare := func(what schema.IRI, on bool) {
		if on {
			decl = append(decl, rdfStatement{Statement: graph.Statement{Subject: schema.Export, Predicate: schema.Materialises, Object: graph.Term{IRI: what}}})
		}
	}
	declare(schema.SuperclassTypes, o.superclasses)
	declare(schema.SymmetricMirrors, o.symmetric)
	declare(schema.ProvenanceTerms, o.provenance)
	declare(schema.EffectiveTimes, o.effective)
	declare(schema.Reifiers, o.reifiers)
	add := func(s, p schema.IRI, obj graph.Term, claim schema.IRI) {
		out = append(out, rdfStatement{Statement: graph.Statement{Subject: s, Predicate: p, Object: obj, Claim: claim}})
	}

	kinds := map[schema.IRI][]schema.Kind{}
	claims := map[schema.IRI]*claimTimes{}
	claimOf := func(id schema.IRI) *claimTimes {
		c, ok := claims[id]
		if !ok {
			c = &claimTimes{}
			claims[id] = c
		}
		return c
	}
	stated := map[graph.Statement]bool{} // the labelled facts, to mirror only what is missing
	for _, st := range stored {
		if st.Claim != "" {
			stated[st] = true
		}
	}
	for _, st := range stored {
		obj := st.Object
		switch {
		case st.Claim == schema.VocabularyGraph:
		case st.Claim != "":
			if o.quantities && obj.Datatype == schema.RangeType {
				if d, ok := v.Attribute(schema.Attribute(st.Predicate)); ok && d.Datatype == schema.IntegerRange {
					if val, err := graph.LiteralValue(schema.IntegerRange, obj); err == nil {
						r := val.(graph.IntRange)
						node := quantityIRI(st)
						obj = graph.Term{IRI: node}
						add(node, schema.Type, graph.Term{IRI: schema.QuantitativeType}, st.Claim)
						add(node, schema.MinValue, integerTerm(r.Low), st.Claim)
						add(node, schema.MaxValue, integerTerm(r.High), st.Claim)
					}
				}
			}
			if o.symmetric && !obj.IsLiteral() {
				if d, ok := v.Relation(schema.Relation(st.Predicate)); ok && d.Symmetric {
					m := graph.Statement{Subject: obj.IRI, Predicate: st.Predicate, Object: graph.Term{IRI: st.Subject}, Claim: st.Claim}
					if !stated[m] {
						add(m.Subject, m.Predicate, m.Object, m.Claim)
						if o.reifiers {
							reify(&out, m)
						}
					}
				}
			}
			if o.reifiers {
				reify(&out, graph.Statement{Subject: st.Subject, Predicate: st.Predicate, Object: obj, Claim: st.Claim})
			}
		case st.Predicate == schema.Type && obj.IRI == schema.IRI(schema.ClaimKind):
			claimOf(st.Subject)
		case st.Predicate == schema.Type && !obj.IsLiteral():
			kinds[st.Subject] = append(kinds[st.Subject], schema.Kind(obj.IRI))
		case st.Predicate == schema.Source:
			claimOf(st.Subject).source = obj.IRI
		case st.Predicate == schema.Via:
			claimOf(st.Subject).via = obj.IRI
		case st.Predicate == schema.Reported, st.Predicate == schema.ValidFrom, st.Predicate == schema.ValidUntil:
			d, err := graph.ParseDate(obj.Lexical)
			if err != nil {
				break // the graph stores only valid dates; an export writes what it holds
			}
			c := claimOf(st.Subject)
			*claimDate(st.Predicate, &c.reported, &c.validFrom, &c.validEnd) = d
		}
		out = append(out, rdfStatement{Statement: graph.Statement{Subject: st.Subject, Predicate: st.Predicate, Object: obj, Claim: st.Claim}})
	}
	if o.superclasses {
		for e, ks := range kinds {
			for _, k := range ks {
				for up := parentOf(v, k); up != ""; up = parentOf(v, up) {
					if !slices.Contains(ks, up) {
						add(e, schema.Type, graph.Term{IRI: schema.IRI(up)}, "")
					}
				}
				if impliedKind(v, k, ks) {
					add(e, schema.StatedKind, graph.Term{IRI: schema.IRI(k)}, "") // a reader would take it for a materialised one
				}
			}
		}
	}
	if o.symmetric {
		for st := range stated {
			d, ok := v.Relation(schema.Relation(st.Predicate))
			m := graph.Statement{Subject: st.Object.IRI, Predicate: st.Predicate, Object: graph.Term{IRI: st.Subject}, Claim: st.Claim}
			if ok && d.Symmetric && st.Subject < st.Object.IRI && stated[m] {
				// Both ways stated: a reader would take one for a mirror.
				node := schema.IRI(strings.Replace(string(factIRI(st)), "/fact-", "/both-", 1))
				add(node, schema.Type, graph.Term{IRI: schema.BothWays}, "")
				add(node, schema.StatementSubject, graph.Term{IRI: st.Subject}, "")
				add(node, schema.StatementPred, graph.Term{IRI: st.Predicate}, "")
				add(node, schema.StatementObject, st.Object, "")
				add(node, schema.InClaim, graph.Term{IRI: st.Claim}, "")
			}
		}
	}
	for id, c := range claims {
		if o.provenance {
			if c.source != "" {
				add(id, schema.WasAttributedTo, graph.Term{IRI: c.source}, "")
			}
			if c.via != "" {
				add(id, schema.Publisher, graph.Term{IRI: c.via}, "")
			}
			if !c.reported.IsZero() {
				add(id, schema.GeneratedAtTime, dateTimeTerm(c.reported.Start()), "")
			}
		}
		if o.effective {
			start := c.validFrom
			if start.IsZero() {
				start = c.reported
			}
			if !start.IsZero() {
				add(id, schema.EffectiveStart, dateTimeTerm(start.Start()), "")
			}
			if !c.validEnd.IsZero() {
				add(id, schema.EffectiveEnd, dateTimeTerm(c.validEnd.End()), "")
			}
		}
	}
	if o.ontology {
		for _, t := range v.Ontology() {
			if v.IsOntologyExtra(t) {
				add(t.Subject, t.Predicate, termOfTriple(t), schema.VocabularyGraph)
			}
		}
	}
	slices.SortFunc(out, compareRDF)
	out = slices.CompactFunc(out, func(a, b rdfStatement) bool { return compareRDF(a, b) == 0 })
	return decl, out, nil
}

// reify appends the RDF 1.2 statement by which st's claim reifies st.
func reify(out *[]rdfStatement, st graph.Statement) {
	t := graph.Statement{Subject: st.Subject, Predicate: st.Predicate, Object: st.Object}
	*out = append(*out, rdfStatement{Statement: graph.Statement{Subject: st.Claim, Predicate: schema.Reifies}, triple: &t})
}

// impliedKind reports whether another of kinds is below k.
func impliedKind(v *schema.Vocabulary, k schema.Kind, kinds []schema.Kind) bool {
	return slices.ContainsFunc(kinds, func(o schema.Kind) bool { return o != k && v.IsA(o, k) })
}

func parentOf(v *schema.Vocabulary, k schema.Kind) schema.Kind {
	d, _ := v.Kind(k)
	return d.Parent
}

func compareRDF(a, b rdfStatement) int {
	c := graph.CompareStatements(a.Statement, b.Statement)
	if c != 0 || (a.triple == nil && b.triple == nil) {
		return c
	}
	switch {
	case a.triple == nil:
		return -1
	case b.triple == nil:
		return 1
	}
	return graph.CompareStatements(*a.triple, *b.triple)
}

// quantityIRI names the QuantitativeValue node of an estimate: the claim's
// IRI, then "/quantity-" and 16 hex digits of a hash of the fact, so that the
// same fact gets the same node in every export and two facts of one claim
// get two.
func quantityIRI(st graph.Statement) schema.IRI {
	h := sha256.Sum256([]byte(string(st.Subject) + "\x00" + string(st.Predicate) + "\x00" + st.Object.Lexical))
	return schema.IRI(string(st.Claim) + "/quantity-" + hex.EncodeToString(h[:8]))
}

// factIRI names the RDF 1.1 reification (an rdf:Statement) of a fact in a
// Turtle export: the claim's IRI, then "/fact-" and a hash of the fact.
func factIRI(st graph.Statement) schema.IRI {
	h := sha256.Sum256([]byte(FormatNQuad(graph.Statement{Subject: st.Subject, Predicate: st.Predicate, Object: st.Object})))
	return schema.IRI(string(st.Claim) + "/fact-" + hex.EncodeToString(h[:8]))
}

// claimDate returns which of a claim's dates predicate p (schema.Reported,
// ValidFrom or ValidUntil) sets.
func claimDate(p schema.IRI, reported, validFrom, validEnd *graph.Date) *graph.Date {
	switch p {
	case schema.Reported:
		return reported
	case schema.ValidFrom:
		return validFrom
	}
	return validEnd
}

func integerTerm(n int64) graph.Term { return graph.TermOf(graph.Integer(n)) }

func dateTimeTerm(t time.Time) graph.Term {
	return graph.Term{Lexical: t.UTC().Format("2006-01-02T15:04:05Z"), Datatype: schema.XSDDateTime}
}

func termOfTriple(t schema.Triple) graph.Term {
	if t.IsLiteral() {
		return graph.Term{Lexical: t.Literal, Datatype: t.Datatype}
	}
	return graph.Term{IRI: t.Object}
}

// byGraph orders statements by graph (the default graph first, then the
// vocabulary's, then the claims' by IRI), then as compareRDF does, for the
// writers that group statements by graph.
func byGraph(a, b rdfStatement) int {
	rank := func(s rdfStatement) int {
		switch s.Claim {
		case "":
			return 0
		case schema.VocabularyGraph:
			return 1
		}
		return 2
	}
	return cmp.Or(cmp.Compare(rank(a), rank(b)), strings.Compare(string(a.Claim), string(b.Claim)), compareRDF(a, b))
}
