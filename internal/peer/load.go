package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

// reported is the reported date of every claim. The file gives none and the
// library requires one; the generator's validFrom dates all fall before 2025.
var reported = graph.Year(2025)

// maxLine bounds a line of the file; the generator's longest are under 300 bytes.
const maxLine = 1 << 20

const xsdDate = "http://www.w3.org/2001/XMLSchema#date"

// load reads the benchmark file from r into g in one batch, so that a file
// that fails anywhere writes nothing. It returns the number of statements
// read. The file's shape (gen.py): each statement is in a named graph; a
// claim's statements are in claim/K, and its source and validFrom are two
// statements about claim/K in the provenance graph, after the claim's own.
// An rdf:type and ont:name statements make an entity (kinds and names are not
// evidence in the library: the claim they sit in is kept, with no facts); a
// statement of one of the file's relations is a fact of its claim; a claim is
// written once its source and validFrom are known.
func load(ctx context.Context, g *graph.Graph, name string, r io.Reader) (int, error) {
	n := 0
	err := g.Write(ctx, func(tx *graph.Tx) error {
		l := newLoader(g.Vocabulary(), tx, name)
		br := bufio.NewReaderSize(r, 64<<10)
		for line := 1; ; line++ {
			text, err := readLine(br)
			if len(text) == 0 && errors.Is(err, io.EOF) {
				break
			}
			if errors.Is(err, errLong) {
				return fmt.Errorf("%s:%d: line longer than %d bytes", name, line, maxLine)
			} else if err != nil && !errors.Is(err, io.EOF) {
				return fmt.Errorf("%s:%d: %w", name, line, err)
			}
			if line%4096 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			st, ok, err := parseLine(text)
			if err != nil {
				return fmt.Errorf("%s:%d:%w (in %q)", name, line, err, clip(text))
			}
			if !ok {
				continue
			}
			n++
			l.share(&st)
			if err := l.statement(st, line); err != nil {
				return err
			}
		}
		return l.finish()
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}

var errLong = errors.New("line too long")

// readLine returns the next line without its line break.
func readLine(br *bufio.Reader) (string, error) {
	var b []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if len(b)+len(chunk) > maxLine {
			return "", errLong
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			b = append(b, chunk...)
			continue
		}
		if b != nil {
			chunk = append(b, chunk...)
		}
		return strings.TrimSuffix(string(chunk), "\n"), err
	}
}

// clip shortens a line quoted in an error.
func clip(s string) string {
	if len(s) > 120 {
		return s[:120] + "..."
	}
	return s
}

// loader maps the file's statements onto a write batch.
type loader struct {
	v       *schema.Vocabulary
	tx      *graph.Tx
	name    string
	open    map[schema.IRI]*pendingClaim // claims whose provenance is not complete yet
	written map[schema.IRI]bool          // claims added to the batch
	sources map[schema.IRI]bool          // source entities added to the batch
	strs    map[string]string            // recent IRIs and tags (see share)
}

// maxShared bounds loader.strs: past it, share starts again empty. An IRI
// recurs mostly within a few lines (a claim's) or is held by the batch from
// its first mention on, so a small map keeps nearly every line from being
// held.
const maxShared = 1 << 16

// share replaces the IRIs and language tag of st that the batch keeps
// (subject, object, graph), which are parts of its line, by copies of their
// own, one for each recent value: a part keeps its whole line in memory, and
// the batch keeps the values of a million lines. A literal's value is a copy
// already; the predicate and a datatype are compared, and a relation kept
// once (for its first mention) by the batch's dictionary.
func (l *loader) share(st *statement) {
	for _, t := range []*term{&st.s, &st.o, &st.g} {
		if t.iri {
			t.value = l.shared(t.value)
		}
	}
	st.o.lang = l.shared(st.o.lang)
}

func (l *loader) shared(s string) string {
	if s == "" {
		return ""
	}
	if c, ok := l.strs[s]; ok {
		return c
	}
	if len(l.strs) >= maxShared {
		clear(l.strs)
	}
	c := strings.Clone(s)
	l.strs[c] = c
	return c
}

// pendingClaim is a claim read in part.
type pendingClaim struct {
	id         schema.IRI
	line       int // the first line naming it
	source     schema.IRI
	validFrom  graph.Date
	hasFrom    bool
	sourceLine int
	entities   []*pendingEntity
	facts      []pendingFact
}

type pendingEntity struct {
	id    schema.IRI
	line  int
	kinds []schema.Kind
	names []graph.Alias
}

type pendingFact struct {
	graph.Fact
	line int
}

func newLoader(v *schema.Vocabulary, tx *graph.Tx, name string) *loader {
	return &loader{v: v, tx: tx, name: name, open: map[schema.IRI]*pendingClaim{},
		written: map[schema.IRI]bool{}, sources: map[schema.IRI]bool{}, strs: map[string]string{}}
}

func (l *loader) errorf(line int, format string, args ...any) error {
	return fmt.Errorf("%s:%d: "+format, append([]any{l.name, line}, args...)...)
}

func (l *loader) statement(st statement, line int) error {
	if st.s.literal {
		return l.errorf(line, "subject is a literal; want an IRI")
	}
	if schema.IRI(st.g.value) == provenanceGraph {
		return l.provenance(st, line)
	}
	id := schema.IRI(st.g.value)
	pred := schema.IRI(st.p.value)
	if l.written[id] {
		// A statement after its claim's provenance: a fact can still be
		// asserted; an entity is complete once its claim is written.
		if pred == schema.Type || pred == namePredicate {
			return l.errorf(line, "%s of %s comes after the provenance of its claim %s; this reader needs a claim's types and names before its source and validFrom",
				shortPred(pred), st.s.value, id)
		}
		f, err := l.fact(st, line)
		if err != nil {
			return err
		}
		return l.assert(f)
	}
	c := l.claim(id, line)
	switch pred {
	case schema.Type:
		if !st.o.iri {
			return l.errorf(line, "rdf:type of %s is a literal; want the IRI of a kind", st.s.value)
		}
		k := schema.Kind(st.o.value)
		if _, ok := l.v.Kind(k); !ok || k == Source {
			return l.errorf(line, "rdf:type of %s: %s is not one of the file's kinds (State, ArmedGroup, Person, Coalition under %s)",
				st.s.value, st.o.value, ont)
		}
		e := c.entity(schema.IRI(st.s.value), line)
		if !slices.Contains(e.kinds, k) {
			e.kinds = append(e.kinds, k)
		}
	case namePredicate:
		if !st.o.literal || (st.o.dtype != "" && st.o.dtype != string(schema.XSDString)) {
			return l.errorf(line, "ont:name of %s: want a plain or language-tagged literal", st.s.value)
		}
		e := c.entity(schema.IRI(st.s.value), line)
		e.names = append(e.names, graph.Alias{Name: st.o.value, Lang: st.o.lang})
	default:
		f, err := l.fact(st, line)
		if err != nil {
			return err
		}
		c.facts = append(c.facts, f)
	}
	return nil
}

func shortPred(p schema.IRI) string {
	if p == schema.Type {
		return "rdf:type"
	}
	return "ont:name"
}

// fact reads a statement of one of the file's relations.
func (l *loader) fact(st statement, line int) (pendingFact, error) {
	rel := schema.Relation(st.p.value)
	if _, ok := l.v.Relation(rel); !ok || !strings.HasPrefix(st.p.value, string(ont)) {
		return pendingFact{}, l.errorf(line, "predicate %s is not one of the file's relations (backs, opposes, leads, designatesTerrorist, formerlyKnownAs under %s), nor rdf:type or ont:name",
			st.p.value, ont)
	}
	if !st.o.iri {
		return pendingFact{}, l.errorf(line, "object of %s is a literal; want an IRI", st.p.value)
	}
	return pendingFact{Fact: graph.Fact{Subject: schema.IRI(st.s.value), Relation: rel,
		Object: schema.IRI(st.o.value), Claim: schema.IRI(st.g.value)}, line: line}, nil
}

func (l *loader) claim(id schema.IRI, line int) *pendingClaim {
	c, ok := l.open[id]
	if !ok {
		c = &pendingClaim{id: id, line: line}
		l.open[id] = c
	}
	return c
}

func (c *pendingClaim) entity(id schema.IRI, line int) *pendingEntity {
	for _, e := range c.entities {
		if e.id == id {
			return e
		}
	}
	e := &pendingEntity{id: id, line: line}
	c.entities = append(c.entities, e)
	return e
}

// provenance reads a statement of the provenance graph: a claim's source or
// validFrom.
func (l *loader) provenance(st statement, line int) error {
	id := schema.IRI(st.s.value)
	if l.written[id] {
		return l.errorf(line, "claim %s already has its source and validFrom", id)
	}
	c := l.claim(id, line)
	switch schema.IRI(st.p.value) {
	case sourcePredicate:
		if !st.o.iri {
			return l.errorf(line, "ont:source of %s is a literal; want an IRI", id)
		}
		if c.source != "" {
			return l.errorf(line, "claim %s has a second ont:source (the first is on line %d)", id, c.sourceLine)
		}
		c.source, c.sourceLine = schema.IRI(st.o.value), line
	case validFromPredicate:
		if !st.o.literal || st.o.dtype != xsdDate {
			return l.errorf(line, "ont:validFrom of %s: want a literal of type xsd:date", id)
		}
		d, err := graph.ParseDate(st.o.value)
		if err != nil || d.Precision() != graph.DayPrecision {
			return l.errorf(line, "ont:validFrom of %s: %q is not an xsd:date (YYYY-MM-DD)", id, st.o.value)
		}
		if c.hasFrom {
			return l.errorf(line, "claim %s has a second ont:validFrom", id)
		}
		c.validFrom, c.hasFrom = d, true
	default:
		return l.errorf(line, "predicate %s in the provenance graph; want ont:source or ont:validFrom", st.p.value)
	}
	if c.source != "" && c.hasFrom {
		return l.write(c)
	}
	return nil
}

// finish writes the claims whose validFrom never came (it is optional) and
// refuses those with no source.
func (l *loader) finish() error {
	rest := make([]*pendingClaim, 0, len(l.open))
	for _, c := range l.open {
		rest = append(rest, c)
	}
	slices.SortFunc(rest, func(a, b *pendingClaim) int { return a.line - b.line })
	for _, c := range rest {
		if c.source == "" {
			return l.errorf(c.line, "claim %s has no ont:source in %s", c.id, provenanceGraph)
		}
		if err := l.write(c); err != nil {
			return err
		}
	}
	return nil
}

// write adds the claim's source, entities, the claim and its facts.
func (l *loader) write(c *pendingClaim) error {
	delete(l.open, c.id)
	l.written[c.id] = true
	if !l.sources[c.source] {
		l.sources[c.source] = true
		// The file names sources by IRI only; the library wants a name.
		name := strings.TrimPrefix(string(c.source), "https://example.org/")
		if err := l.tx.AddEntity(graph.Entity{ID: c.source, Kinds: []schema.Kind{Source}, Name: name}); err != nil {
			return l.errorf(c.sourceLine, "source %s: %w", c.source, err)
		}
	}
	for _, e := range c.entities {
		if len(e.kinds) == 0 {
			return l.errorf(e.line, "%s has names but no rdf:type in claim %s", e.id, c.id)
		}
		if len(e.names) == 0 {
			return l.errorf(e.line, "%s has no ont:name in claim %s", e.id, c.id)
		}
		// The first name is the entity's name, the others its aliases.
		ent := graph.Entity{ID: e.id, Kinds: e.kinds, Name: e.names[0].Name, Aliases: e.names[1:]}
		if err := l.tx.AddEntity(ent); err != nil {
			return l.errorf(e.line, "%w", err)
		}
	}
	claim := graph.Claim{ID: c.id, Source: graph.Entity{ID: c.source}, Reported: reported, ValidFrom: c.validFrom}
	if err := l.tx.AddClaim(claim); err != nil {
		return l.errorf(c.line, "%w", err)
	}
	for _, f := range c.facts {
		if err := l.assert(f); err != nil {
			return err
		}
	}
	return nil
}

func (l *loader) assert(f pendingFact) error {
	if err := l.tx.Assert(f.Fact); err != nil {
		return l.errorf(f.line, "%w", err)
	}
	return nil
}
