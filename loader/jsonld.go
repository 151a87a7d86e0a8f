package loader

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

// WriteJSONLD writes g as expanded JSON-LD: full IRIs as keys, no @context, so
// that any JSON-LD processor reads it without fetching anything. Entities and
// claims are node objects of the default graph; each claim's node also holds,
// under "@graph", the named graph of the facts it labels. Literals are value
// objects with their full datatype IRI or language. Output is sorted and
// stable; LoadJSONLD reads it back to the same graph. It looks at ctx between
// nodes (every thousand or so) and returns ctx.Err() once it is cancelled.
func WriteJSONLD(ctx context.Context, w io.Writer, g *graph.Graph) error {
	type node struct {
		id    schema.IRI
		types []schema.IRI
		props map[schema.IRI][]graph.Term
	}
	nodes := map[schema.IRI]*node{}      // default graph
	named := map[schema.IRI][]*node{}    // claim -> its facts by subject
	namedAt := map[[2]schema.IRI]*node{} // (claim, subject) -> node
	get := func(id schema.IRI) *node {
		n, ok := nodes[id]
		if !ok {
			n = &node{id: id, props: map[schema.IRI][]graph.Term{}}
			nodes[id] = n
		}
		return n
	}
	err := g.Statements(ctx, func(st graph.Statement) error {
		if err := checkStatement(st); err != nil {
			return err
		}
		if st.Claim != "" {
			get(st.Claim) // the named graph hangs on the claim's node
			k := [2]schema.IRI{st.Claim, st.Subject}
			n, ok := namedAt[k]
			if !ok {
				n = &node{id: st.Subject, props: map[schema.IRI][]graph.Term{}}
				namedAt[k] = n
				named[st.Claim] = append(named[st.Claim], n)
			}
			n.props[st.Predicate] = append(n.props[st.Predicate], st.Object)
			return nil
		}
		n := get(st.Subject)
		if st.Predicate == schema.Type && !st.Object.IsLiteral() {
			n.types = append(n.types, st.Object.IRI)
			return nil
		}
		n.props[st.Predicate] = append(n.props[st.Predicate], st.Object)
		return nil
	})
	if err != nil {
		return err
	}
	encode := func(n *node) map[string]any {
		m := map[string]any{"@id": string(n.id)}
		if len(n.types) > 0 {
			m["@type"] = n.types
		}
		for p, ts := range n.props {
			vs := make([]map[string]string, len(ts))
			for i, t := range ts {
				switch {
				case !t.IsLiteral():
					vs[i] = map[string]string{"@id": string(t.IRI)}
				case t.Lang != "":
					vs[i] = map[string]string{"@value": t.Lexical, "@language": t.Lang}
				case t.Datatype != "":
					vs[i] = map[string]string{"@value": t.Lexical, "@type": string(t.Datatype)}
				default:
					vs[i] = map[string]string{"@value": t.Lexical}
				}
			}
			m[string(p)] = vs
		}
		return m
	}
	ids := make([]schema.IRI, 0, len(nodes))
	for id := range nodes {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	// The nodes are written one at a time, so that a cancelled export stops
	// between two of them; the layout is that of one indented document.
	bw := bufio.NewWriter(w)
	if len(ids) == 0 {
		bw.WriteString("{\n  \"@graph\": []\n}\n")
		return bw.Flush()
	}
	bw.WriteString("{\n  \"@graph\": [\n")
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("    ", "  ")
	enc.SetEscapeHTML(false)
	for i, id := range ids {
		if i%checkEvery == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		m := encode(nodes[id])
		if facts := named[id]; len(facts) > 0 {
			sort.Slice(facts, func(i, j int) bool { return facts[i].id < facts[j].id })
			inner := make([]map[string]any, len(facts))
			for i, f := range facts {
				inner[i] = encode(f)
			}
			m["@graph"] = inner
		}
		buf.Reset()
		if err := enc.Encode(m); err != nil {
			return err
		}
		bw.WriteString("    ")
		bw.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
		if i < len(ids)-1 {
			bw.WriteByte(',')
		}
		if _, err := bw.WriteString("\n"); err != nil {
			return err
		}
	}
	bw.WriteString("  ]\n}\n")
	return bw.Flush()
}

// LoadJSONLD reads JSON-LD in expanded form (as WriteJSONLD writes it: full
// IRIs as keys, value objects, claims' facts in named graphs under "@graph")
// from r into g, in one atomic batch, validated as LoadNQuads validates. It
// reads the input as a stream of JSON tokens. Compacted JSON-LD (with an
// @context) is refused with an error that says so: expand it first. Errors are
// *Error values with the line and column of the offending node. Like the other
// RDF loaders, it reads estimates as schema:QuantitativeValue nodes, facts
// reified by their claim, and what an export declares it materialised (see
// ExportOption), when the declarations come first.
func LoadJSONLD(ctx context.Context, g *graph.Graph, name string, r io.Reader, opts ...Option) (Stats, error) {
	o := collectOptions(opts)
	lr := &lineReader{r: r, max: o.maxFile}
	dec := json.NewDecoder(lr)
	dec.UseNumber()
	a := newAssembly(g.Vocabulary(), o.lenient)
	rr := newRDFReader(a.vocab, a.add)
	jp := &jsonParser{name: name, dec: dec, lines: lr, take: func(st positioned) error { return rr.add(rdfIn{positioned: st}) }, o: o, ctx: ctx}
	if err := jp.document(); err != nil {
		return Stats{}, err
	}
	if err := rr.finish(); err != nil {
		return Stats{}, err
	}
	st, err := a.write(ctx, g)
	if err == nil && o.progress != nil {
		o.progress(Progress{Records: jp.n, Bytes: lr.n, Done: true})
	}
	return st, err
}

// lineReader counts bytes and remembers where lines start, so that a decoder
// offset becomes a line and column.
type lineReader struct {
	r        io.Reader
	max      int64 // the MaxFileBytes limit
	n        int64
	breaks   []int64 // offsets of '\n'
	win      []byte  // the last bytes read, from offset winStart
	winStart int64
}

// Read reads from the underlying reader, noting line breaks.
func (l *lineReader) Read(p []byte) (int, error) {
	if l.n >= l.max {
		return 0, fmt.Errorf("input longer than %d bytes: the MaxFileBytes limit", l.max)
	}
	if int64(len(p)) > l.max-l.n+1 {
		p = p[:l.max-l.n+1] // one byte more than the limit, to know there is more
	}
	n, err := l.r.Read(p)
	for i, c := range p[:n] {
		if c == '\n' {
			l.breaks = append(l.breaks, l.n+int64(i))
		}
	}
	l.win = append(l.win, p[:n]...)
	if len(l.win) > 1<<20 { // the decoder reads ahead far less than this
		drop := len(l.win) - 1<<19
		l.win = append(l.win[:0], l.win[drop:]...)
		l.winStart += int64(drop)
	}
	l.n += int64(n)
	if l.n > l.max {
		n -= int(l.n - l.max)
		l.n = l.max
		return n, fmt.Errorf("input longer than %d bytes: the MaxFileBytes limit", l.max)
	}
	return n, err
}

// skipSpace returns the offset of the first byte at or after off that is not
// JSON white space or a separator, as far as the window shows.
func (l *lineReader) skipSpace(off int64) int64 {
	for off >= l.winStart && off < l.winStart+int64(len(l.win)) {
		switch l.win[off-l.winStart] {
		case ' ', '\t', '\n', '\r', ',', ':':
			off++
			continue
		}
		break
	}
	return off
}

func (l *lineReader) position(off int64) (line, col int) {
	i := sort.Search(len(l.breaks), func(i int) bool { return l.breaks[i] >= off })
	start := int64(0)
	if i > 0 {
		start = l.breaks[i-1] + 1
	}
	return i + 1, int(off-start) + 1
}

type jsonParser struct {
	ctx   context.Context
	name  string
	dec   *json.Decoder
	lines *lineReader
	take  func(positioned) error // what the statements read go to: a load's assembly
	o     options
	n     int
}

func (p *jsonParser) at(off int64, field string) place {
	line, col := p.lines.position(off)
	return place{file: p.name, line: line, column: col, field: field}
}

func (p *jsonParser) fail(off int64, field, format string, args ...any) error {
	return syntax(p.at(off, field), format, args...)
}

// token reads the next token, returning where it started (after white space).
func (p *jsonParser) token(field string) (json.Token, int64, error) {
	off := p.dec.InputOffset()
	tok, err := p.dec.Token()
	if err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return nil, se.Offset, p.fail(se.Offset, field, "%v", err)
		}
		if errors.Is(err, io.EOF) {
			return nil, off, p.fail(off, field, "unexpected end of input")
		}
		return nil, off, p.fail(off, field, "%v", err)
	}
	// InputOffset was taken before the white space the token skipped.
	return tok, p.lines.skipSpace(off), nil
}

func (p *jsonParser) document() error {
	tok, off, err := p.token("")
	if err != nil {
		return err
	}
	switch tok {
	case json.Delim('['):
		_, err := p.nodes(false, "")
		return err
	case json.Delim('{'):
	default:
		return p.fail(off, "", "want a JSON-LD document: an object with \"@graph\" or an array of nodes")
	}
	seen := false
	for p.dec.More() {
		key, koff, err := p.key("")
		if err != nil {
			return err
		}
		switch key {
		case "@graph":
			if err := p.expect('[', key); err != nil {
				return err
			}
			if _, err := p.nodes(false, "@graph"); err != nil {
				return err
			}
			seen = true
		case "@context":
			return p.fail(koff, "@context", "compacted JSON-LD is not supported; expand the document (full IRIs as keys) first")
		default:
			return p.fail(koff, key, "unexpected key %q at the top; want \"@graph\"", key)
		}
	}
	if _, _, err := p.token(""); err != nil {
		return err
	}
	if !seen {
		return p.fail(off, "", "no \"@graph\" in the document")
	}
	if _, _, err := p.token(""); err == nil {
		return p.fail(p.dec.InputOffset(), "", "text after the document")
	}
	return nil
}

func (p *jsonParser) key(field string) (string, int64, error) {
	tok, off, err := p.token(field)
	if err != nil {
		return "", off, err
	}
	k, ok := tok.(string)
	if !ok {
		return "", off, p.fail(off, field, "want a key")
	}
	return k, off, nil
}

func (p *jsonParser) expect(d json.Delim, field string) error {
	tok, off, err := p.token(field)
	if err != nil {
		return err
	}
	if tok != d {
		return p.fail(off, field, "want %q", string(d))
	}
	return nil
}

// nodes reads node objects up to the closing ']'. At the top (nested false)
// their statements go to the assembly; inside a claim's "@graph" they are
// returned for the claim to label.
func (p *jsonParser) nodes(nested bool, field string) ([]positioned, error) {
	var out []positioned
	for i := 0; p.dec.More(); i++ {
		f := fmt.Sprintf("%s[%d]", field, i)
		tok, off, err := p.token(f)
		if err != nil {
			return nil, err
		}
		if tok != json.Delim('{') {
			return nil, p.fail(off, f, "want a node object")
		}
		sts, err := p.node(off, nested, f)
		if err != nil {
			return nil, err
		}
		if nested {
			out = append(out, sts...)
			continue
		}
		if err := p.emit(sts); err != nil {
			return nil, err
		}
	}
	_, _, err := p.token(field) // ']'
	return out, err
}

// emit hands statements to p.take.
func (p *jsonParser) emit(sts []positioned) error {
	for _, st := range sts {
		if err := p.take(st); err != nil {
			return err
		}
		p.n++
		if p.n > p.o.maxRecords {
			return syntax(st.at, "more than %d statements: the MaxRecords limit", p.o.maxRecords)
		}
		if p.o.progress != nil && p.n%1000 == 0 {
			p.o.progress(Progress{Records: p.n, Bytes: p.lines.n})
		}
	}
	return p.ctx.Err()
}

// node reads one node object after its '{' and returns its statements; those
// of its "@graph" are labelled with its @id, whatever the order of the keys.
func (p *jsonParser) node(off int64, nested bool, field string) ([]positioned, error) {
	type pending struct {
		pred schema.IRI
		obj  graph.Term
		off  int64
	}
	var id schema.IRI
	var props []pending
	var inner []positioned
	var hasInner bool
	for p.dec.More() {
		key, koff, err := p.key(field)
		if err != nil {
			return nil, err
		}
		kf := field + "[" + key + "]"
		switch key {
		case "@id":
			s, err := p.iriValue(kf)
			if err != nil {
				return nil, err
			}
			id = s
		case "@type":
			tok, toff, err := p.token(kf)
			if err != nil {
				return nil, err
			}
			var types []string
			switch t := tok.(type) {
			case string:
				types = []string{t}
			case json.Delim:
				if t != '[' {
					return nil, p.fail(toff, kf, "want a type IRI or a list of them")
				}
				for p.dec.More() {
					s, err := p.iriValue(kf)
					if err != nil {
						return nil, err
					}
					types = append(types, string(s))
				}
				if _, _, err := p.token(kf); err != nil {
					return nil, err
				}
			default:
				return nil, p.fail(toff, kf, "want a type IRI or a list of them")
			}
			for _, t := range types {
				if !schema.IsAbsolute(t) {
					return nil, p.fail(toff, kf, "type %q is not an absolute IRI", t)
				}
				props = append(props, pending{schema.Type, graph.Term{IRI: schema.IRI(t)}, toff})
			}
		case "@graph":
			if nested {
				return nil, p.fail(koff, kf, "a named graph inside a named graph")
			}
			if err := p.expect('[', kf); err != nil {
				return nil, err
			}
			if inner, err = p.nodes(true, kf); err != nil {
				return nil, err
			}
			hasInner = true
		default:
			if len(key) > 0 && key[0] == '@' {
				return nil, p.fail(koff, kf, "keyword %s is not supported here", key)
			}
			if !schema.IsAbsolute(key) {
				return nil, p.fail(koff, kf, "property %q is not an absolute IRI (expanded JSON-LD uses full IRIs)", key)
			}
			objs, err := p.objects(kf)
			if err != nil {
				return nil, err
			}
			for _, o := range objs {
				props = append(props, pending{schema.IRI(key), o.t, o.off})
			}
		}
	}
	if _, _, err := p.token(field); err != nil { // '}'
		return nil, err
	}
	if id == "" {
		if len(props) == 0 && !hasInner {
			return nil, nil
		}
		return nil, p.fail(off, field, "node without \"@id\" (blank nodes are not supported)")
	}
	out := make([]positioned, 0, len(props)+len(inner))
	for _, pr := range props {
		at := p.at(pr.off, field)
		at.text = string(pr.pred)
		out = append(out, positioned{Statement: graph.Statement{Subject: id, Predicate: pr.pred, Object: pr.obj}, at: at})
	}
	for _, st := range inner {
		st.Claim = id
		out = append(out, st)
	}
	return out, nil
}

func (p *jsonParser) iriValue(field string) (schema.IRI, error) {
	tok, off, err := p.token(field)
	if err != nil {
		return "", err
	}
	s, ok := tok.(string)
	if !ok || !schema.IsAbsolute(s) {
		return "", p.fail(off, field, "want an absolute IRI string")
	}
	return schema.IRI(s), nil
}

type located struct {
	t   graph.Term
	off int64
}

// objects reads a property's value: one value object or node reference, or a
// list of them.
func (p *jsonParser) objects(field string) ([]located, error) {
	tok, off, err := p.token(field)
	if err != nil {
		return nil, err
	}
	if tok == json.Delim('[') {
		var out []located
		for p.dec.More() {
			tok, off, err := p.token(field)
			if err != nil {
				return nil, err
			}
			o, err := p.object(tok, off, field)
			if err != nil {
				return nil, err
			}
			out = append(out, o)
		}
		_, _, err := p.token(field)
		return out, err
	}
	o, err := p.object(tok, off, field)
	return []located{o}, err
}

// object reads {"@id": ...} or {"@value": ..., "@type"|"@language": ...}.
func (p *jsonParser) object(tok json.Token, off int64, field string) (located, error) {
	if tok != json.Delim('{') {
		return located{}, p.fail(off, field, "want a value object {\"@value\": ...} or a node reference {\"@id\": ...}")
	}
	var t graph.Term
	var hasValue bool
	for p.dec.More() {
		key, koff, err := p.key(field)
		if err != nil {
			return located{}, err
		}
		vt, voff, err := p.token(field)
		if err != nil {
			return located{}, err
		}
		var s string
		switch v := vt.(type) {
		case string:
			if int64(len(v)) > p.o.maxLiteral {
				return located{}, p.fail(voff, field, "%s: string longer than %d bytes: the MaxLiteralBytes limit", key, p.o.maxLiteral)
			}
			s = v
		case json.Number:
			s = v.String()
		case bool:
			s = fmt.Sprint(v)
		default:
			return located{}, p.fail(voff, field, "%s: want a string", key)
		}
		switch key {
		case "@id":
			if !schema.IsAbsolute(s) {
				return located{}, p.fail(voff, field, "@id %q is not an absolute IRI (blank nodes are not supported)", s)
			}
			t.IRI = schema.IRI(s)
		case "@value":
			t.Lexical, hasValue = s, true
		case "@type":
			if !schema.IsAbsolute(s) {
				return located{}, p.fail(voff, field, "@type %q is not an absolute IRI", s)
			}
			if schema.IRI(s) != schema.XSDString {
				t.Datatype = schema.IRI(s)
			}
		case "@language":
			t.Lang = s
		default:
			return located{}, p.fail(koff, field, "unexpected key %q in a value", key)
		}
	}
	if _, _, err := p.token(field); err != nil {
		return located{}, err
	}
	switch {
	case t.IRI != "" && (hasValue || t.Datatype != "" || t.Lang != ""):
		return located{}, p.fail(off, field, "a value has both @id and @value")
	case t.IRI == "" && !hasValue:
		return located{}, p.fail(off, field, "a value needs @id or @value")
	case t.Datatype != "" && t.Lang != "":
		return located{}, p.fail(off, field, "a value has both @type and @language")
	}
	return located{t: t, off: off}, nil
}
