package loader

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

// Stats counts what a load wrote (counting records, not quads; a record already
// in the graph counts again).
type Stats struct {
	Entities, Claims, Facts int
	Skipped                 int // statements skipped by the Lenient option
}

// LoadFile reads the YAML dataset at path into g. See LoadYAML.
func LoadFile(ctx context.Context, g *graph.Graph, path string) (Stats, error) {
	f, err := os.Open(path)
	if err != nil {
		return Stats{}, err
	}
	defer f.Close()
	return LoadYAML(ctx, g, path, f)
}

// LoadYAML reads a YAML dataset from r into g in one atomic batch: when it
// returns an error, g is as it was. name is used in error positions (a file
// name). Errors are *Error values giving line, column and field; they wrap
// ErrSyntax for malformed input, or the graph's sentinel (graph.ErrDomain,
// graph.ErrUnknownTerm...) for input the vocabulary rejects. A fact written
// with names instead of ids ("Turkey backs Rebel coalition") is refused with
// the ids it meant, found among the dataset's entity names and aliases.
//
// An id defined twice follows the rule of graph.Tx.AddEntity and AddClaim: a
// second definition that agrees with the first (same kinds and name, for an
// entity; the same metadata, for a claim) is accepted, its aliases, links and
// facts added; one that differs fails with graph.ErrConflict, naming the line
// of the first. Of the options, MaxFileBytes and MaxLiteralBytes apply.
func LoadYAML(ctx context.Context, g *graph.Graph, name string, r io.Reader, opts ...Option) (Stats, error) {
	o := collectOptions(opts)
	p := &parser{file: name, vocab: g.Vocabulary(), maxLiteral: o.maxLiteral}
	lr := &limitedReader{r: r, left: o.maxFile}
	ds, err := p.parse(lr)
	if lr.hit {
		return Stats{}, &Error{File: name, Line: 1, Column: 1, Err: fmt.Errorf("input longer than %d bytes: the MaxFileBytes limit: %w", o.maxFile, ErrSyntax)}
	}
	if err != nil {
		return Stats{}, err
	}
	var facts []factRec
	for _, c := range ds.claims {
		facts = append(facts, c.facts...)
	}
	return writeRecords(ctx, g, ds.entities, ds.claims, facts)
}

// place is where a record stands in the input.
type place struct {
	file         string
	line, column int
	field, text  string
}

// wrap places err at at, as an *Error.
//
// Only errors about the input are placed: a syntax error, or a write the
// graph refused for what it says. An error of the store (a database gone
// away, a cancelled context) is returned as it is, since no line of the input
// caused it.
func (at place) wrap(err error) error {
	if !aboutInput(err) {
		return err
	}
	return &Error{File: at.file, Line: at.line, Column: at.column, Field: clip(at.field), Text: clip(at.text), Err: err}
}

// inputErrors are the sentinels of errors that an input's content causes.
var inputErrors = []error{ErrSyntax, graph.ErrInvalid, graph.ErrUnknownTerm, graph.ErrDomain, graph.ErrRange,
	graph.ErrDangling, graph.ErrConflict, graph.ErrNotFound, graph.ErrNotSingular, graph.ErrInUse}

func aboutInput(err error) bool {
	for _, s := range inputErrors {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

type entityRec struct {
	at     place
	entity graph.Entity
	first  *place // where the same id was defined before, if it was
}

// limitedReader reads at most left bytes and remembers whether there were more.
type limitedReader struct {
	r    io.Reader
	left int64
	hit  bool
}

// Read reads from the underlying reader until the limit.
func (l *limitedReader) Read(b []byte) (int, error) {
	if l.left <= 0 {
		var one [1]byte
		if n, _ := l.r.Read(one[:]); n > 0 {
			l.hit = true
		}
		return 0, io.EOF
	}
	if int64(len(b)) > l.left {
		b = b[:l.left]
	}
	n, err := l.r.Read(b)
	l.left -= int64(n)
	return n, err
}

type factRec struct {
	at   place
	rel  *graph.Fact
	attr *graph.AttributeFact
	hint string // the fact with ids for the names it was written with, if it was
}

type claimRec struct {
	at       place
	claim    graph.Claim
	facts    []factRec
	sourceAt place  // where the source was given; zero if unknown
	viaAt    place  // where via was given; zero if unknown
	first    *place // where the same id was defined before, if it was
}

type dataset struct {
	entities []entityRec
	claims   []claimRec
}

type parser struct {
	file       string
	vocab      *schema.Vocabulary
	base       string
	maxLiteral int64
	defined    map[schema.IRI]bool // the entity ids the dataset defines
	names      map[string][]string // folded name or alias -> ids as written
}

func (p *parser) at(n *yaml.Node, field string) place {
	return place{file: p.file, line: n.Line, column: n.Column, field: field}
}

// fail returns an *Error at node n wrapping ErrSyntax.
func (p *parser) fail(n *yaml.Node, field, format string, args ...any) error {
	e := &Error{File: p.file, Line: n.Line, Column: n.Column, Field: field,
		Err: fmt.Errorf("%s: %w", fmt.Sprintf(format, args...), ErrSyntax)}
	if n.Kind == yaml.ScalarNode {
		e.Text = clip(n.Value)
	}
	return e
}

// fields checks that n is a mapping with only the allowed keys, each once, and
// returns key -> value node.
func (p *parser) fields(n *yaml.Node, field string, allowed ...string) (map[string]*yaml.Node, error) {
	if n.Kind != yaml.MappingNode {
		return nil, p.fail(n, field, "want a mapping with keys %s", strings.Join(allowed, ", "))
	}
	out := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			return nil, p.fail(k, field, "want a plain key")
		}
		ok := false
		for _, a := range allowed {
			ok = ok || a == k.Value
		}
		if !ok {
			return nil, p.fail(k, field, "unknown key %q; want one of %s", k.Value, strings.Join(allowed, ", "))
		}
		if _, dup := out[k.Value]; dup {
			return nil, p.fail(k, field, "key %q given twice", k.Value)
		}
		out[k.Value] = v
	}
	return out, nil
}

func (p *parser) scalar(n *yaml.Node, field string) (string, error) {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		return "", p.fail(n, field, "want a single value")
	}
	if p.maxLiteral > 0 && int64(len(n.Value)) > p.maxLiteral {
		return "", p.fail(n, field, "value longer than %d bytes: the MaxLiteralBytes limit", p.maxLiteral)
	}
	return n.Value, nil
}

func (p *parser) list(n *yaml.Node, field string) ([]*yaml.Node, error) {
	if n.Kind != yaml.SequenceNode {
		return nil, p.fail(n, field, "want a list")
	}
	return n.Content, nil
}

// id resolves an identifier against the base.
func (p *parser) id(n *yaml.Node, field string) (schema.IRI, error) {
	s, err := p.scalar(n, field)
	if err != nil {
		return "", err
	}
	if s == "" || strings.ContainsAny(s, " \t\n<>\"{}|\\^`") {
		return "", p.fail(n, field, "want an identifier without spaces")
	}
	if schema.IsAbsolute(s) {
		return schema.IRI(s), nil
	}
	return schema.IRI(p.base + s), nil
}

// cutWord returns the first space-separated word of s and what follows it, trimmed.
func cutWord(s string) (word, rest string) {
	s = strings.TrimSpace(s)
	i := strings.IndexAny(s, " \t\n")
	if i < 0 {
		return s, ""
	}
	return s[:i], strings.TrimSpace(s[i:])
}

// term resolves a short name of the vocabulary to its IRI.
func (p *parser) term(s string) schema.IRI {
	if iri, ok := p.vocab.Lookup(s); ok {
		return iri
	}
	return schema.IRI(s) // a full IRI, or an unknown name the graph will report
}

func (p *parser) date(n *yaml.Node, field string) (graph.Date, error) {
	s, err := p.scalar(n, field)
	if err != nil {
		return graph.Date{}, err
	}
	d, err := graph.ParseDate(s)
	if err != nil {
		return graph.Date{}, p.fail(n, field, "%v", err)
	}
	return d, nil
}

func (p *parser) parse(r io.Reader) (*dataset, error) {
	var doc yaml.Node
	dec := yaml.NewDecoder(r)
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, &Error{File: p.file, Line: 1, Column: 1, Err: fmt.Errorf("empty input: %w", ErrSyntax)}
		}
		return nil, p.yamlError(err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return nil, p.fail(&extra, "", "want one YAML document; found a second")
	} else if !errors.Is(err, io.EOF) {
		return nil, p.yamlError(err)
	}
	root := doc.Content[0]
	top, err := p.fields(root, "", "actorgraph", "base", "entities", "claims")
	if err != nil {
		return nil, err
	}
	if v, ok := top["actorgraph"]; !ok {
		return nil, p.fail(root, "actorgraph", "missing format version: want \"actorgraph: 1\" at the top")
	} else if s, err := p.scalar(v, "actorgraph"); err != nil || s != "1" {
		return nil, p.fail(v, "actorgraph", "unsupported format version; want 1")
	}
	if v, ok := top["base"]; ok {
		if p.base, err = p.scalar(v, "base"); err != nil {
			return nil, err
		}
		if !schema.IsAbsolute(p.base) {
			return nil, p.fail(v, "base", "want an absolute IRI such as https://example.org/id/")
		}
	}
	ds := &dataset{}
	defined := map[schema.IRI]place{}
	p.defined, p.names = map[schema.IRI]bool{}, map[string][]string{}
	if v, ok := top["entities"]; ok {
		items, err := p.list(v, "entities")
		if err != nil {
			return nil, err
		}
		for i, n := range items {
			rec, err := p.entity(n, fmt.Sprintf("entities[%d]", i))
			if err != nil {
				return nil, err
			}
			if prev, dup := defined[rec.entity.ID]; dup {
				rec.first = &prev
			} else {
				defined[rec.entity.ID] = rec.at
			}
			p.defined[rec.entity.ID] = true
			for _, name := range append([]string{rec.entity.Name}, aliasNames(rec.entity.Aliases)...) {
				k := foldWords(name)
				if !slices.Contains(p.names[k], rec.at.text) {
					p.names[k] = append(p.names[k], rec.at.text)
				}
			}
			ds.entities = append(ds.entities, rec)
		}
	}
	claimsAt := map[schema.IRI]place{}
	if v, ok := top["claims"]; ok {
		items, err := p.list(v, "claims")
		if err != nil {
			return nil, err
		}
		for i, n := range items {
			rec, err := p.claim(n, fmt.Sprintf("claims[%d]", i))
			if err != nil {
				return nil, err
			}
			if prev, dup := claimsAt[rec.claim.ID]; dup {
				rec.first = &prev
			} else {
				claimsAt[rec.claim.ID] = rec.at
			}
			ds.claims = append(ds.claims, rec)
		}
	}
	return ds, nil
}

// yamlError turns the YAML library's error, which gives a line in its text,
// into an *Error.
func (p *parser) yamlError(err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	// The YAML library names the line only; column 1 stands for "this line".
	e := &Error{File: p.file, Line: 1, Column: 1}
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if num, text, ok := strings.Cut(rest, ": "); ok {
			if n, err := strconv.Atoi(num); err == nil {
				e.Line, msg = n, text
			}
		}
	}
	e.Err = fmt.Errorf("%s: %w", msg, ErrSyntax)
	return e
}

func (p *parser) entity(n *yaml.Node, field string) (entityRec, error) {
	f, err := p.fields(n, field, "id", "kinds", "name", "aliases", "sameAs", "description")
	if err != nil {
		return entityRec{}, err
	}
	rec := entityRec{at: p.at(n, field)}
	for _, key := range []string{"id", "kinds", "name"} {
		if f[key] == nil {
			return entityRec{}, p.fail(n, field, "missing %q", key)
		}
	}
	e := &rec.entity
	if e.ID, err = p.id(f["id"], field+".id"); err != nil {
		return entityRec{}, err
	}
	rec.at.text = f["id"].Value
	if e.Name, err = p.scalar(f["name"], field+".name"); err != nil {
		return entityRec{}, err
	}
	kinds, err := p.list(f["kinds"], field+".kinds")
	if err != nil {
		return entityRec{}, err
	}
	if len(kinds) == 0 {
		return entityRec{}, p.fail(f["kinds"], field+".kinds", "want at least one kind")
	}
	for i, k := range kinds {
		kf := fmt.Sprintf("%s.kinds[%d]", field, i)
		s, err := p.scalar(k, kf)
		if err != nil {
			return entityRec{}, err
		}
		iri := p.term(s)
		if _, ok := p.vocab.Kind(schema.Kind(iri)); !ok {
			e := p.fail(k, kf, "").(*Error)
			e.Err = fmt.Errorf("unknown kind %q; want a kind of the vocabulary such as ArmedGroup, State, Person, City: %w", clip(s), graph.ErrUnknownTerm)
			return entityRec{}, e
		}
		e.Kinds = append(e.Kinds, schema.Kind(iri))
	}
	if v := f["aliases"]; v != nil {
		items, err := p.list(v, field+".aliases")
		if err != nil {
			return entityRec{}, err
		}
		for i, a := range items {
			af := fmt.Sprintf("%s.aliases[%d]", field, i)
			if a.Kind == yaml.MappingNode {
				af2, err := p.fields(a, af, "name", "lang")
				if err != nil {
					return entityRec{}, err
				}
				if af2["name"] == nil {
					return entityRec{}, p.fail(a, af, "missing \"name\"")
				}
				var al graph.Alias
				if al.Name, err = p.scalar(af2["name"], af+".name"); err != nil {
					return entityRec{}, err
				}
				if l := af2["lang"]; l != nil {
					if al.Lang, err = p.scalar(l, af+".lang"); err != nil {
						return entityRec{}, err
					}
				}
				e.Aliases = append(e.Aliases, al)
				continue
			}
			s, err := p.scalar(a, af)
			if err != nil {
				return entityRec{}, err
			}
			e.Aliases = append(e.Aliases, graph.Alias{Name: s})
		}
	}
	if v := f["sameAs"]; v != nil {
		items, err := p.list(v, field+".sameAs")
		if err != nil {
			return entityRec{}, err
		}
		for i, s := range items {
			sf := fmt.Sprintf("%s.sameAs[%d]", field, i)
			str, err := p.scalar(s, sf)
			if err != nil {
				return entityRec{}, err
			}
			if !schema.IsAbsolute(str) {
				return entityRec{}, p.fail(s, sf, "want an absolute IRI")
			}
			e.SameAs = append(e.SameAs, schema.IRI(str))
		}
	}
	if v := f["description"]; v != nil {
		if e.Description, err = p.scalar(v, field+".description"); err != nil {
			return entityRec{}, err
		}
	}
	return rec, nil
}

func (p *parser) claim(n *yaml.Node, field string) (claimRec, error) {
	f, err := p.fields(n, field, "id", "source", "via", "stance", "retracts", "reported", "validFrom", "validUntil",
		"quote", "note", "confidence", "facts")
	if err != nil {
		return claimRec{}, err
	}
	for _, key := range []string{"id", "source", "reported"} {
		if f[key] == nil {
			return claimRec{}, p.fail(n, field, "missing %q", key)
		}
	}
	rec := claimRec{at: p.at(n, field)}
	c := &rec.claim
	if c.ID, err = p.id(f["id"], field+".id"); err != nil {
		return claimRec{}, err
	}
	rec.at.text = f["id"].Value
	if c.Source.ID, err = p.id(f["source"], field+".source"); err != nil {
		return claimRec{}, err
	}
	rec.sourceAt = p.at(f["source"], field+".source")
	rec.sourceAt.text = f["source"].Value
	if v := f["via"]; v != nil {
		if c.Via.ID, err = p.id(v, field+".via"); err != nil {
			return claimRec{}, err
		}
		rec.viaAt = p.at(v, field+".via")
		rec.viaAt.text = v.Value
	}
	if v := f["stance"]; v != nil {
		switch s, _ := p.scalar(v, field+".stance"); s {
		case "asserted":
			c.Stance = graph.Asserted
		case "denied":
			c.Stance = graph.Denied
		case "retracted":
			c.Stance = graph.Retracted
		default:
			return claimRec{}, p.fail(v, field+".stance", "want asserted, denied or retracted")
		}
	}
	if v := f["retracts"]; v != nil {
		if c.Retracts, err = p.id(v, field+".retracts"); err != nil {
			return claimRec{}, err
		}
	}
	dates := []struct {
		key string
		d   *graph.Date
	}{{"reported", &c.Reported}, {"validFrom", &c.ValidFrom}, {"validUntil", &c.ValidUntil}}
	for _, d := range dates {
		if v := f[d.key]; v != nil {
			if *d.d, err = p.date(v, field+"."+d.key); err != nil {
				return claimRec{}, err
			}
		}
	}
	for key, dst := range map[string]*string{"quote": &c.Quote, "note": &c.Note} {
		if v := f[key]; v != nil {
			if *dst, err = p.scalar(v, field+"."+key); err != nil {
				return claimRec{}, err
			}
		}
	}
	if v := f["confidence"]; v != nil {
		s, err := p.scalar(v, field+".confidence")
		if err != nil {
			return claimRec{}, err
		}
		if c.Confidence, err = strconv.ParseFloat(s, 64); err != nil || c.Confidence <= 0 || c.Confidence > 1 {
			return claimRec{}, p.fail(v, field+".confidence", "want a number above 0 and at most 1")
		}
	}
	// A retraction withdraws a claim; it needs no facts of its own.
	if f["facts"] == nil {
		if c.Stance == graph.Retracted {
			return rec, nil
		}
		return claimRec{}, p.fail(n, field, "missing \"facts\"")
	}
	items, err := p.list(f["facts"], field+".facts")
	if err != nil {
		return claimRec{}, err
	}
	if len(items) == 0 && c.Stance != graph.Retracted {
		return claimRec{}, p.fail(f["facts"], field+".facts", "want at least one fact")
	}
	for i, fn := range items {
		fr, err := p.fact(fn, fmt.Sprintf("%s.facts[%d]", field, i), c.ID)
		if err != nil {
			return claimRec{}, err
		}
		rec.facts = append(rec.facts, fr)
	}
	return rec, nil
}

// fact parses "subject term rest" or a mapping {subject, relation, object} /
// {subject, attribute, value}.
func (p *parser) fact(n *yaml.Node, field string, claim schema.IRI) (factRec, error) {
	var subjN, termN, restN *yaml.Node
	var subj, term, rest string
	switch n.Kind {
	case yaml.ScalarNode:
		var after string
		subj, after = cutWord(n.Value)
		term, rest = cutWord(after)
		if subj == "" || term == "" || rest == "" {
			return factRec{}, p.fail(n, field, "want \"subject relation object\" or \"subject attribute value\"")
		}
		if len(rest) >= 2 && rest[0] == '"' {
			u, err := strconv.Unquote(rest)
			if err != nil {
				return factRec{}, p.fail(n, field, "value %s: bad quoting", rest)
			}
			rest = u
		}
		subjN, termN, restN = n, n, n
	case yaml.MappingNode:
		f, err := p.fields(n, field, "subject", "relation", "object", "attribute", "value")
		if err != nil {
			return factRec{}, err
		}
		subjN = f["subject"]
		if subjN == nil {
			return factRec{}, p.fail(n, field, "missing \"subject\"")
		}
		switch {
		case f["relation"] != nil && f["object"] != nil && f["attribute"] == nil && f["value"] == nil:
			termN, restN = f["relation"], f["object"]
		case f["attribute"] != nil && f["value"] != nil && f["relation"] == nil && f["object"] == nil:
			termN, restN = f["attribute"], f["value"]
		default:
			return factRec{}, p.fail(n, field, "want relation and object, or attribute and value")
		}
		var err1, err2, err3 error
		subj, err1 = p.scalar(subjN, field+".subject")
		term, err2 = p.scalar(termN, field)
		rest, err3 = p.scalar(restN, field)
		if err := errors.Join(err1, err2, err3); err != nil {
			return factRec{}, err
		}
	default:
		return factRec{}, p.fail(n, field, "want \"subject relation object\" or a mapping")
	}
	at := p.at(n, field)
	at.text = strings.Join([]string{subj, term, rest}, " ")
	// hint is, for a fact written as one line with names for ids, the fact
	// with the ids those names stand for.
	hint := ""
	if n.Kind == yaml.ScalarNode {
		hint = p.suggest(n.Value)
	}
	withHint := func(err error) error {
		var e *Error
		if hint != "" && errors.As(err, &e) {
			e.Err = fmt.Errorf("write ids, not names: did you mean %q? %w", hint, e.Err)
		}
		return err
	}
	sid, err := p.id(&yaml.Node{Kind: yaml.ScalarNode, Value: subj, Line: subjN.Line, Column: subjN.Column}, field+".subject")
	if err != nil {
		return factRec{}, withHint(err)
	}
	iri := p.term(term)
	if term == "sameAs" {
		iri = schema.SameEntity // a merge: see graph.Tx.Merge
	}
	if _, ok := p.vocab.Relation(schema.Relation(iri)); ok || iri == schema.SameEntity {
		oid, err := p.id(&yaml.Node{Kind: yaml.ScalarNode, Value: rest, Line: restN.Line, Column: restN.Column}, field+".object")
		if err != nil {
			return factRec{}, withHint(err)
		}
		fr := factRec{at: at, rel: &graph.Fact{Subject: sid, Relation: schema.Relation(iri), Object: oid, Claim: claim}}
		if !p.defined[sid] || !p.defined[oid] {
			fr.hint = hint
		}
		return fr, nil
	}
	if def, ok := p.vocab.Attribute(schema.Attribute(iri)); ok {
		v, err := graph.ParseValue(def.Datatype, rest)
		if err != nil {
			return factRec{}, p.fail(restN, field+".value", "%s takes %v: %v", def.Name, def.Datatype, err)
		}
		return factRec{at: at, attr: &graph.AttributeFact{Subject: sid, Attribute: def.Attribute, Value: v, Claim: claim}}, nil
	}
	e := p.fail(termN, field, "unknown relation or attribute %q", term).(*Error)
	e.Err = fmt.Errorf("unknown relation or attribute %q: %w", clip(term), graph.ErrUnknownTerm)
	return factRec{}, withHint(e)
}

// suggest reads a one-line fact as "subject-name relation object-name", where
// each name is the name or an alias of exactly one entity of the dataset (or
// an id it defines), and returns the fact written with ids; "" when there is
// no such reading.
func (p *parser) suggest(line string) string {
	words := strings.Fields(line)
	if len(words) < 3 || len(words) > 32 {
		return ""
	}
	one := func(ws []string) (string, bool) {
		if ids := p.names[foldWords(strings.Join(ws, " "))]; len(ids) == 1 {
			return ids[0], true
		}
		if len(ws) == 1 && p.defined[schema.IRI(p.base+ws[0])] {
			return ws[0], true
		}
		return "", false
	}
	for i := 1; i < len(words)-1; i++ {
		if _, ok := p.vocab.Relation(schema.Relation(p.term(words[i]))); !ok {
			continue
		}
		s, ok1 := one(words[:i])
		o, ok2 := one(words[i+1:])
		if ok1 && ok2 {
			if got := s + " " + words[i] + " " + o; got != strings.Join(words, " ") {
				return got
			}
		}
	}
	return ""
}

// foldWords folds a name for suggest: lower case, single spaces.
func foldWords(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

func aliasNames(as []graph.Alias) []string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = a.Name
	}
	return out
}
