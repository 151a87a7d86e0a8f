package loader

import (
	"bufio"
	"context"
	"io"
	"slices"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

// WriteNQuadsWith is WriteNQuads with export options: the declarations of
// what they materialise (schema.Materialises) come first, then every
// statement, sorted. WithReifiers makes it RDF 1.2 N-Quads (triple terms).
// LoadNQuads reads every form back to the graph that was exported; without
// options the output is WriteNQuads's.
func WriteNQuadsWith(ctx context.Context, w io.Writer, g *graph.Graph, opts ...ExportOption) error {
	decl, out, err := exportStatements(ctx, g, collectExport(opts))
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	for i, st := range slices.Concat(decl, out) {
		if i%checkEvery == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if _, err := bw.WriteString(formatRDFQuad(st) + "\n"); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// formatRDFQuad is FormatNQuad for a statement that may have a triple term.
func formatRDFQuad(st rdfStatement) string {
	if st.triple == nil {
		return FormatNQuad(st.Statement)
	}
	var b strings.Builder
	writeIRI(&b, st.Subject)
	b.WriteByte(' ')
	writeIRI(&b, st.Predicate)
	b.WriteString(" <<( ")
	writeIRI(&b, st.triple.Subject)
	b.WriteByte(' ')
	writeIRI(&b, st.triple.Predicate)
	b.WriteByte(' ')
	writeTerm(&b, st.triple.Object)
	b.WriteString(" )>>")
	if st.Claim != "" {
		b.WriteByte(' ')
		writeIRI(&b, st.Claim)
	}
	b.WriteString(" .")
	return b.String()
}

// WriteTriG writes g as TriG: the prefixes, the declarations of what the
// options materialise, the default graph (entities and claims' metadata),
// the vocabulary in the named graph schema.VocabularyGraph, then each
// claim's facts in the named graph of the claim's IRI. Statements are grouped
// by subject, sorted, with prefixed names where the IRI allows. LoadTriG reads
// it back to the same graph. Options as for WriteNQuadsWith.
func WriteTriG(ctx context.Context, w io.Writer, g *graph.Graph, opts ...ExportOption) error {
	decl, out, err := exportStatements(ctx, g, collectExport(opts))
	if err != nil {
		return err
	}
	slices.SortStableFunc(out, byGraph)
	tw := newTurtleWriter(w, slices.Concat(decl, out))
	tw.block(decl, "")
	for i := 0; i < len(out); {
		j := i
		for j < len(out) && out[j].Claim == out[i].Claim {
			j++
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if out[i].Claim == "" {
			tw.block(out[i:j], "")
		} else {
			tw.text("\n" + tw.iri(out[i].Claim) + " {\n")
			tw.block(out[i:j], "    ")
			tw.text("}\n")
		}
		i = j
	}
	return tw.flush()
}

// WriteTurtle writes g as Turtle, which has no named graphs: the default
// graph and the vocabulary as triples, and each fact as the RDF 1.1
// reification of the claim that states it (an rdf:Statement whose
// rdf:subject, rdf:predicate and rdf:object are the fact's, and whose
// schema.InClaim is the claim), so that no fact is asserted as true outside
// its claim: a denial stays a denial. With WithReifiers the facts are written
// in the RDF 1.2 form instead ("<claim> rdf:reifies <<( s p o )>>").
// LoadTurtle reads both back to the same graph. Options as for WriteNQuadsWith.
func WriteTurtle(ctx context.Context, w io.Writer, g *graph.Graph, opts ...ExportOption) error {
	o := collectExport(opts)
	decl, out, err := exportStatements(ctx, g, o)
	if err != nil {
		return err
	}
	// In Turtle the reifiers are the facts, not a mirror of them.
	decl = slices.DeleteFunc(decl, func(s rdfStatement) bool { return s.Object.IRI == schema.Reifiers })
	var flat []rdfStatement
	for _, st := range out {
		switch {
		case st.Claim == "" || st.Claim == schema.VocabularyGraph:
			st.Claim = ""
			flat = append(flat, st)
		case quantityNode(st.Subject, st.Claim):
			st.Claim = "" // a quantity's own triples say what the node is, not what the claim says
			flat = append(flat, st)
		case !o.reifiers:
			node := factIRI(st.Statement)
			add := func(p schema.IRI, obj graph.Term) {
				flat = append(flat, rdfStatement{Statement: graph.Statement{Subject: node, Predicate: p, Object: obj}})
			}
			add(schema.Type, graph.Term{IRI: schema.Statement})
			add(schema.StatementSubject, graph.Term{IRI: st.Subject})
			add(schema.StatementPred, graph.Term{IRI: st.Predicate})
			add(schema.StatementObject, st.Object)
			add(schema.InClaim, graph.Term{IRI: st.Claim})
		}
	}
	slices.SortFunc(flat, compareRDF)
	flat = slices.CompactFunc(flat, func(a, b rdfStatement) bool { return compareRDF(a, b) == 0 })
	tw := newTurtleWriter(w, slices.Concat(decl, flat))
	tw.block(decl, "")
	for i := 0; i < len(flat); i += checkEvery {
		if err := ctx.Err(); err != nil {
			return err
		}
		tw.block(flat[i:min(i+checkEvery, len(flat))], "")
	}
	return tw.flush()
}

// quantityNode reports whether s names a quantity node of claim c, as
// quantityIRI mints them.
func quantityNode(s, c schema.IRI) bool {
	rest, ok := strings.CutPrefix(string(s), string(c)+"/quantity-")
	return ok && len(rest) == 16
}

// WriteVocabularyTurtle writes v alone as Turtle: its ontology
// (schema.Vocabulary.Ontology), every term with its label, comment, place in
// the kind hierarchy, domain, range, equivalents and time semantics. It is
// what docs/vocabulary.ttl holds for schema.Core(); LoadVocabularyTurtle reads
// it back.
func WriteVocabularyTurtle(w io.Writer, v *schema.Vocabulary) error {
	var sts []rdfStatement
	for _, t := range v.Ontology() {
		sts = append(sts, rdfStatement{Statement: graph.Statement{Subject: t.Subject, Predicate: t.Predicate, Object: termOfTriple(t)}})
	}
	tw := newTurtleWriter(w, sts)
	tw.block(sts, "")
	return tw.flush()
}

// standardPrefixes are the prefixes every Turtle or TriG export declares.
var standardPrefixes = []struct{ name, ns string }{
	{"ag", string(schema.NS)},
	{"owl", string(schema.OWL)},
	{"prov", string(schema.PROV)},
	{"rdf", string(schema.RDF)},
	{"rdfs", string(schema.RDFS)},
	{"schema", string(schema.SchemaOrg)},
	{"wdt", string(schema.Wikidata)},
	{"xsd", string(schema.XSD)},
}

type turtleWriter struct {
	bw       *bufio.Writer
	err      error
	prefixes map[string]string // namespace -> prefix name
}

// newTurtleWriter writes the prefixes: the standard ones, and ":" for the
// namespace most of sts's subjects share, when one is shared by two or more.
func newTurtleWriter(w io.Writer, sts []rdfStatement) *turtleWriter {
	tw := &turtleWriter{bw: bufio.NewWriter(w), prefixes: map[string]string{}}
	for _, p := range standardPrefixes {
		tw.prefixes[p.ns] = p.name
	}
	count := map[string]int{}
	for i, st := range sts {
		if i > 0 && sts[i-1].Subject == st.Subject {
			continue
		}
		if ns, local := splitIRI(string(st.Subject)); ns != "" && tw.prefixes[ns] == "" && validLocal(local) {
			count[ns]++
		}
	}
	best := ""
	for ns, n := range count {
		if n >= 2 && (best == "" || n > count[best] || n == count[best] && ns < best) {
			best = ns
		}
	}
	for _, p := range standardPrefixes {
		tw.text("@prefix " + p.name + ": <" + p.ns + "> .\n")
	}
	if best != "" {
		tw.prefixes[best] = ""
		var b strings.Builder
		writeIRI(&b, schema.IRI(best))
		tw.text("@prefix : " + b.String() + " .\n")
	}
	return tw
}

// splitIRI cuts iri after its last '#' or '/'.
func splitIRI(iri string) (ns, local string) {
	i := strings.LastIndexAny(iri, "#/")
	if i < 0 {
		return "", iri
	}
	return iri[:i+1], iri[i+1:]
}

// validLocal reports whether s can stand as a prefixed name's local part as
// written, in Turtle 1.1 and in older readers alike: a letter or '_', then
// letters, digits, '_', '-' or '.', not ending with '.'.
func validLocal(s string) bool {
	if s == "" || s[len(s)-1] == '.' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case isAlpha(c), c == '_':
		case i > 0 && (c >= '0' && c <= '9' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return true
}

func (tw *turtleWriter) text(s string) {
	if tw.err == nil {
		_, tw.err = tw.bw.WriteString(s)
	}
}

func (tw *turtleWriter) flush() error {
	if tw.err != nil {
		return tw.err
	}
	return tw.bw.Flush()
}

func (tw *turtleWriter) iri(iri schema.IRI) string {
	if iri == schema.Type {
		return "a"
	}
	ns, local := splitIRI(string(iri))
	if p, ok := tw.prefixes[ns]; ok && validLocal(local) {
		return p + ":" + local
	}
	var b strings.Builder
	writeIRI(&b, iri)
	return b.String()
}

// name is iri as a subject or object: "a" stands only as a predicate.
func (tw *turtleWriter) name(iri schema.IRI) string {
	if iri == schema.Type {
		return "rdf:type"
	}
	return tw.iri(iri)
}

func (tw *turtleWriter) term(t graph.Term) string {
	if !t.IsLiteral() {
		return tw.name(t.IRI)
	}
	var b strings.Builder
	writeQuoted(&b, t.Lexical)
	switch {
	case t.Lang != "":
		b.WriteString("@" + t.Lang)
	case t.Datatype != "":
		b.WriteString("^^" + tw.name(t.Datatype))
	}
	return b.String()
}

func (tw *turtleWriter) object(st rdfStatement) string {
	if st.triple == nil {
		return tw.term(st.Object)
	}
	return "<<( " + tw.name(st.triple.Subject) + " " + tw.name(st.triple.Predicate) + " " + tw.term(st.triple.Object) + " )>>"
}

// block writes sts, sorted by subject, one subject a paragraph: predicates
// after ';', objects of one predicate after ','.
func (tw *turtleWriter) block(sts []rdfStatement, indent string) {
	for i := 0; i < len(sts); {
		s := sts[i].Subject
		tw.text("\n" + indent + tw.name(s))
		var pred schema.IRI
		for ; i < len(sts) && sts[i].Subject == s; i++ {
			st := sts[i]
			switch {
			case pred == "":
				tw.text(" " + tw.iri(st.Predicate) + " " + tw.object(st))
			case st.Predicate == pred:
				tw.text(",\n" + indent + "        " + tw.object(st))
			default:
				tw.text(" ;\n" + indent + "    " + tw.iri(st.Predicate) + " " + tw.object(st))
			}
			pred = st.Predicate
		}
		tw.text(" .\n")
	}
}
