package loader

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

// rdfIn is a statement read from an RDF file, with where it was read; when
// triple is set, its object is that RDF 1.2 triple term (the object of
// rdf:reifies), and Object is unused.
type rdfIn struct {
	positioned
	triple *graph.Statement
}

// ttlParser reads Turtle, or TriG when trig is set, as a stream: it hands
// each statement to emit as soon as it is read. It reads what actorgraph's
// exports use and what people write by hand (prefixes, base, prefixed names,
// 'a', ';' and ',' lists, every string and number form, language tags,
// datatypes, RDF 1.2 triple terms as objects), and refuses, with the place,
// what the library cannot store: blank nodes, collections, RDF 1.2 reified
// triples and annotations.
type ttlParser struct {
	name     string
	br       *bufio.Reader
	trig     bool
	lim      limits
	line     int // of the next rune, 1-based
	col      int // of the next rune, 1-based, in runes
	bytes    int64
	n        int // statements read
	base     string
	prefixes map[string]string
	names    map[string]string // one copy of each IRI, as nqParser.names
	emit     func(rdfIn) error
}

func newTTLParser(name string, r io.Reader, trig bool, lim limits, emit func(rdfIn) error) *ttlParser {
	return &ttlParser{name: name, br: bufio.NewReaderSize(r, 64*1024), trig: trig, lim: lim, line: 1, col: 1,
		prefixes: map[string]string{}, names: map[string]string{}, emit: emit}
}

// eof is the rune peek returns at the end of the input.
const eof = -1

// pos is a place in the input.
type pos struct{ line, col int }

func (p *ttlParser) here() pos { return pos{p.line, p.col} }

func (p *ttlParser) failAt(at pos, text, format string, args ...any) error {
	return &Error{File: p.name, Line: at.line, Column: at.col, Text: clip(text),
		Err: fmt.Errorf("%s: %w", fmt.Sprintf(format, args...), ErrSyntax)}
}

func (p *ttlParser) fail(format string, args ...any) error {
	return p.failAt(p.here(), "", format, args...)
}

// peek returns the next rune without reading it, eof at the end, or
// utf8.RuneError for bytes that are not UTF-8.
func (p *ttlParser) peek() rune {
	b, _ := p.br.Peek(utf8.UTFMax)
	if len(b) == 0 {
		return eof
	}
	r, _ := utf8.DecodeRune(b)
	return r
}

// peekByte returns the byte k bytes ahead, or 0.
func (p *ttlParser) peekByte(k int) byte {
	b, _ := p.br.Peek(k + 1)
	if len(b) <= k {
		return 0
	}
	return b[k]
}

// next reads one rune.
func (p *ttlParser) next() (rune, error) {
	r, size, err := p.br.ReadRune()
	if err == io.EOF {
		return eof, nil
	}
	if err != nil {
		return eof, &Error{File: p.name, Line: p.line, Column: p.col, Err: err}
	}
	if r == utf8.RuneError && size == 1 {
		return eof, p.fail("input is not valid UTF-8")
	}
	p.bytes += int64(size)
	if p.bytes > p.lim.maxFile {
		return eof, p.fail("input longer than %d bytes: the MaxFileBytes limit", p.lim.maxFile)
	}
	if r == '\n' {
		p.line, p.col = p.line+1, 1
	} else {
		p.col++
	}
	return r, nil
}

// skip reads white space and comments.
func (p *ttlParser) skip() error {
	for {
		switch r := p.peek(); r {
		case ' ', '\t', '\r', '\n':
			if _, err := p.next(); err != nil {
				return err
			}
		case '#':
			for r != '\n' && r != eof {
				if _, err := p.next(); err != nil {
					return err
				}
				r = p.peek()
			}
		default:
			return nil
		}
	}
}

// expect reads the punctuation c, after white space.
func (p *ttlParser) expect(c rune, what string) error {
	if err := p.skip(); err != nil {
		return err
	}
	if p.peek() != c {
		return p.fail("want '%c' %s, not %s", c, what, p.describeNext())
	}
	_, err := p.next()
	return err
}

// describeNext names what comes next, for an error.
func (p *ttlParser) describeNext() string {
	switch r := p.peek(); r {
	case eof:
		return "the end of the input"
	case utf8.RuneError:
		return "bytes that are not UTF-8"
	default:
		return fmt.Sprintf("%q", r)
	}
}

// parse reads the whole document.
func (p *ttlParser) parse() error {
	for {
		if err := p.skip(); err != nil {
			return err
		}
		if p.peek() == eof {
			return nil
		}
		if err := p.statement(); err != nil {
			return err
		}
	}
}

// statement reads a directive, a graph block (TriG) or a set of triples.
func (p *ttlParser) statement() error {
	at := p.here()
	switch {
	case p.peek() == '@':
		word, err := p.word()
		if err != nil {
			return err
		}
		switch word {
		case "@prefix":
			if err := p.prefix(); err != nil {
				return err
			}
		case "@base":
			if err := p.baseDirective(); err != nil {
				return err
			}
		default:
			return p.failAt(at, word, "unknown directive %q; want @prefix or @base", word)
		}
		return p.expect('.', "after a directive")
	case p.peek() == '{':
		if !p.trig {
			return p.failAt(at, "{", "a graph block '{' in Turtle, which has no named graphs; read the file as TriG")
		}
		return p.graphBlock("")
	}
	if w := p.keyword(); w != "" {
		if _, err := p.word(); err != nil {
			return err
		}
		switch w {
		case "PREFIX":
			return p.prefix()
		case "BASE":
			return p.baseDirective()
		default: // GRAPH
			if !p.trig {
				return p.failAt(at, "GRAPH", "GRAPH in Turtle, which has no named graphs; read the file as TriG")
			}
			if err := p.skip(); err != nil {
				return err
			}
			label, _, err := p.iriTerm("graph name")
			if err != nil {
				return err
			}
			return p.graphBlock(label)
		}
	}
	subject, _, err := p.iriTerm("subject")
	if err != nil {
		return err
	}
	if err := p.skip(); err != nil {
		return err
	}
	if p.peek() == '{' {
		if !p.trig {
			return p.failAt(at, "{", "a graph block '{' in Turtle, which has no named graphs; read the file as TriG")
		}
		return p.graphBlock(subject)
	}
	if err := p.predicateObjects(subject, ""); err != nil {
		return err
	}
	return p.expect('.', "at the end of the triples")
}

// keyword returns PREFIX, BASE or GRAPH (in any case) when the next word
// is one, followed by white space or '<'.
func (p *ttlParser) keyword() string {
	b, _ := p.br.Peek(7)
	for _, w := range []string{"PREFIX", "BASE", "GRAPH"} {
		if len(b) > len(w) && strings.EqualFold(string(b[:len(w)]), w) {
			if c := b[len(w)]; c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '<' || c == '#' {
				return w
			}
		}
	}
	return ""
}

// word reads letters, digits and '@', '-', '_'.
func (p *ttlParser) word() (string, error) {
	var b strings.Builder
	for {
		r := p.peek()
		if r != '@' && r != '-' && r != '_' && !(r < utf8.RuneSelf && isAlnum(byte(r))) {
			return b.String(), nil
		}
		if b.Len() > 64 {
			return "", p.fail("word too long")
		}
		if _, err := p.next(); err != nil {
			return "", err
		}
		b.WriteRune(r)
	}
}

func (p *ttlParser) prefix() error {
	if err := p.skip(); err != nil {
		return err
	}
	start := p.here()
	name, err := p.nameToken()
	if err != nil {
		return err
	}
	pfx, local, ok := strings.Cut(name, ":")
	if !ok || local != "" || !validPrefix(pfx) {
		return p.failAt(start, name, "want a prefix name ending in ':' (such as ag:)")
	}
	if err := p.skip(); err != nil {
		return err
	}
	iri, err := p.iriRef("prefix " + pfx + ":")
	if err != nil {
		return err
	}
	p.prefixes[pfx] = iri
	return nil
}

func validPrefix(s string) bool {
	if s == "" {
		return true
	}
	if !isAlpha(s[0]) && s[0] < utf8.RuneSelf || s[len(s)-1] == '.' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < utf8.RuneSelf && !isAlnum(c) && c != '_' && c != '-' && c != '.' {
			return false
		}
	}
	return true
}

func (p *ttlParser) baseDirective() error {
	if err := p.skip(); err != nil {
		return err
	}
	iri, err := p.iriRef("base")
	if err != nil {
		return err
	}
	p.base = iri
	return nil
}

// graphBlock reads '{' triples '}' into the graph label ("" for the default graph).
func (p *ttlParser) graphBlock(label schema.IRI) error {
	if err := p.expect('{', "to open the graph"); err != nil {
		return err
	}
	for {
		if err := p.skip(); err != nil {
			return err
		}
		if p.peek() == '}' {
			_, err := p.next()
			return err
		}
		if p.peek() == eof {
			return p.fail("graph not closed with '}'")
		}
		subject, _, err := p.iriTerm("subject")
		if err != nil {
			return err
		}
		if err := p.predicateObjects(subject, label); err != nil {
			return err
		}
		if err := p.skip(); err != nil {
			return err
		}
		switch p.peek() {
		case '.':
			if _, err := p.next(); err != nil {
				return err
			}
		case '}':
		default:
			return p.fail("want '.' or '}' after the triples, not %s", p.describeNext())
		}
	}
}

// predicateObjects reads verb objects (';' verb objects)* for subject.
func (p *ttlParser) predicateObjects(subject, label schema.IRI) error {
	for {
		if err := p.skip(); err != nil {
			return err
		}
		var pred schema.IRI
		if p.peek() == 'a' && isDelimiter(p.peekByte(1)) {
			if _, err := p.next(); err != nil {
				return err
			}
			pred = schema.Type
		} else {
			var err error
			if pred, _, err = p.iriTerm("predicate"); err != nil {
				return err
			}
		}
		for {
			if err := p.skip(); err != nil {
				return err
			}
			at := p.here()
			obj, triple, err := p.object()
			if err != nil {
				return err
			}
			if err := p.add(subject, pred, obj, triple, label, at); err != nil {
				return err
			}
			if err := p.skip(); err != nil {
				return err
			}
			if p.peek() != ',' {
				break
			}
			if _, err := p.next(); err != nil {
				return err
			}
		}
		if p.peek() != ';' {
			return nil
		}
		for p.peek() == ';' { // ";;" and a final ';' are allowed
			if _, err := p.next(); err != nil {
				return err
			}
			if err := p.skip(); err != nil {
				return err
			}
		}
		if c := p.peek(); c == '.' || c == '}' || c == ']' || c == eof {
			return nil
		}
	}
}

func isDelimiter(c byte) bool {
	return c == 0 || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '<' || c == '"' || c == '\'' || c == '#' || c == '['
}

func (p *ttlParser) add(s, pr schema.IRI, o graph.Term, triple *graph.Statement, label schema.IRI, at pos) error {
	p.n++
	if p.n > p.lim.maxRecords {
		return p.failAt(at, "", "more than %d statements: the MaxRecords limit", p.lim.maxRecords)
	}
	// The text is left for withText to write, on error only.
	return p.emit(rdfIn{positioned: positioned{Statement: graph.Statement{Subject: s, Predicate: pr, Object: o, Claim: label},
		at: place{file: p.name, line: at.line, column: at.col}}, triple: triple})
}

// object reads an object: an IRI, a literal, or an RDF 1.2 triple term.
func (p *ttlParser) object() (graph.Term, *graph.Statement, error) {
	switch c := p.peek(); {
	case c == '"' || c == '\'':
		t, err := p.literal()
		return t, nil, err
	case c == '.' && (p.peekByte(1) < '0' || p.peekByte(1) > '9'), c == ',', c == ';', c == '}', c == eof:
		return graph.Term{}, nil, p.fail("want an object, not %s", p.describeNext())
	case c == '+' || c == '-' || c == '.' || c >= '0' && c <= '9':
		t, err := p.number()
		return t, nil, err
	case c == '<' && p.peekByte(1) == '<':
		if p.peekByte(2) != '(' {
			return graph.Term{}, nil, p.fail("RDF 1.2 reified triples (<< s p o >>) are not supported; write <reifier> rdf:reifies <<( s p o )>>")
		}
		tt, err := p.tripleTerm()
		return graph.Term{}, tt, err
	}
	if b, _ := p.br.Peek(5); isBoolean(b) {
		w, err := p.word()
		return graph.Term{Lexical: w, Datatype: schema.XSDBoolean}, nil, err
	}
	iri, _, err := p.iriTerm("object")
	return graph.Term{IRI: iri}, nil, err
}

func isBoolean(b []byte) bool {
	for _, w := range []string{"true", "false"} {
		if strings.HasPrefix(string(b), w) && (len(b) == len(w) || isDelimiter(b[len(w)]) || strings.ContainsRune(".,;)}", rune(b[len(w)]))) {
			return true
		}
	}
	return false
}

// tripleTerm reads <<( subject predicate object )>>.
func (p *ttlParser) tripleTerm() (*graph.Statement, error) {
	for range 3 {
		if _, err := p.next(); err != nil {
			return nil, err
		}
	}
	var t graph.Statement
	var err error
	if err = p.skip(); err != nil {
		return nil, err
	}
	if t.Subject, _, err = p.iriTerm("subject of a triple term"); err != nil {
		return nil, err
	}
	if err = p.skip(); err != nil {
		return nil, err
	}
	if p.peek() == 'a' && isDelimiter(p.peekByte(1)) {
		if _, err := p.next(); err != nil {
			return nil, err
		}
		t.Predicate = schema.Type
	} else if t.Predicate, _, err = p.iriTerm("predicate of a triple term"); err != nil {
		return nil, err
	}
	if err = p.skip(); err != nil {
		return nil, err
	}
	if p.peek() == '<' && p.peekByte(1) == '<' {
		return nil, p.fail("a triple term inside a triple term is not supported")
	}
	obj, _, err := p.object()
	if err != nil {
		return nil, err
	}
	t.Object = obj
	if err := p.skip(); err != nil {
		return nil, err
	}
	if p.peek() != ')' || p.peekByte(1) != '>' || p.peekByte(2) != '>' {
		return nil, p.fail("want ')>>' to close the triple term, not %s", p.describeNext())
	}
	for range 3 {
		if _, err := p.next(); err != nil {
			return nil, err
		}
	}
	return &t, nil
}

// iriTerm reads an IRI in <angle brackets> or a prefixed name, refusing
// blank nodes and collections with what to write instead.
func (p *ttlParser) iriTerm(what string) (schema.IRI, pos, error) {
	at := p.here()
	switch c := p.peek(); {
	case c == '<':
		if p.peekByte(1) == '<' {
			return "", at, p.fail("%s: an RDF 1.2 triple term stands only as the object of rdf:reifies", what)
		}
		iri, err := p.iriRef(what)
		return schema.IRI(iri), at, err
	case c == '[' || c == '_' && p.peekByte(1) == ':':
		return "", at, p.fail("%s: blank nodes are not supported; name it with an IRI", what)
	case c == '(':
		return "", at, p.fail("%s: collections ( ... ) are not supported", what)
	case c == '{' && p.peekByte(1) == '|', c == '~':
		return "", at, p.fail("%s: RDF 1.2 annotations are not supported", what)
	case c == eof:
		return "", at, p.fail("%s: want an IRI, not the end of the input", what)
	}
	name, err := p.nameToken()
	if err != nil {
		return "", at, err
	}
	pfx, local, ok := strings.Cut(name, ":")
	if !ok {
		if name == "" {
			return "", at, p.failAt(at, "", "%s: want an IRI or a prefixed name, not %s", what, p.describeNext())
		}
		return "", at, p.failAt(at, name, "%s: %q is not an IRI or a prefixed name (prefix:name)", what, name)
	}
	ns, ok := p.prefixes[pfx]
	if !ok {
		return "", at, p.failAt(at, name, "%s: prefix %q is not declared (@prefix %s: <...> .)", what, pfx+":", pfx)
	}
	local, err = unescapeLocal(local)
	if err != nil {
		return "", at, p.failAt(at, name, "%s: %v", what, err)
	}
	iri := ns + local
	if !schema.IsAbsolute(iri) {
		return "", at, p.failAt(at, name, "%s: %s does not make an absolute IRI", what, name)
	}
	return schema.IRI(p.keep(iri)), at, nil
}

func (p *ttlParser) keep(s string) string {
	if v, ok := p.names[s]; ok {
		return v
	}
	p.names[s] = s
	return s
}

// nameToken reads a prefixed name as written: letters, digits and
// "_-.:%\" and every rune beyond ASCII, a final '.' left for the statement.
func (p *ttlParser) nameToken() (string, error) {
	var b strings.Builder
	for {
		r := p.peek()
		ok := r >= utf8.RuneSelf && r != utf8.RuneError || r >= 0 && r < utf8.RuneSelf && (isAlnum(byte(r)) || strings.ContainsRune("_-.:%", r))
		if r == '\\' {
			ok = true
		}
		if !ok {
			break
		}
		if r == '.' {
			if c := p.peekByte(1); c == 0 || !(isAlnum(c) || strings.IndexByte("_-.:%\\", c) >= 0 || c >= utf8.RuneSelf) {
				break // the statement's final dot
			}
		}
		if int64(b.Len()) > p.lim.maxLiteral {
			return "", p.fail("name longer than %d bytes: the MaxLiteralBytes limit", p.lim.maxLiteral)
		}
		if _, err := p.next(); err != nil {
			return "", err
		}
		b.WriteRune(r)
		if r == '\\' { // the escaped character goes with it
			e, err := p.next()
			if err != nil {
				return "", err
			}
			if e == eof {
				return "", p.fail("incomplete escape in a prefixed name")
			}
			b.WriteRune(e)
		}
	}
	return b.String(), nil
}

// unescapeLocal undoes a local name's '\' escapes; %HH stays as written, as
// Turtle says.
func unescapeLocal(s string) (string, error) {
	if !strings.Contains(s, `\`) {
		return s, nil
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' {
			b.WriteByte(s[i])
			continue
		}
		if i+1 >= len(s) || !strings.ContainsRune(`_~.-!$&'()*+,;=/?#@%`, rune(s[i+1])) {
			return "", errors.New("a local name escapes only _~.-!$&'()*+,;=/?#@%")
		}
		b.WriteByte(s[i+1])
		i++
	}
	return b.String(), nil
}

// iriRef reads <...>, resolving a relative IRI against the base.
func (p *ttlParser) iriRef(what string) (string, error) {
	at := p.here()
	if p.peek() != '<' {
		return "", p.fail("%s: want an IRI in <angle brackets>, not %s", what, p.describeNext())
	}
	if _, err := p.next(); err != nil {
		return "", err
	}
	var b strings.Builder
	for {
		r, err := p.next()
		if err != nil {
			return "", err
		}
		switch {
		case r == eof:
			return "", p.failAt(at, b.String(), "%s: IRI not closed with '>'", what)
		case r == '>':
			iri, err := p.resolve(b.String())
			if err != nil {
				return "", p.failAt(at, b.String(), "%s: %v", what, err)
			}
			return p.keep(iri), nil
		case r == '\\':
			u, err := p.uchar()
			if err != nil {
				return "", err
			}
			if u <= ' ' || strings.ContainsRune("<>\"{}|^`\\", u) {
				return "", p.failAt(at, b.String(), "%s: escape of %q, which is not allowed in an IRI", what, u)
			}
			b.WriteRune(u)
		case r <= ' ' || strings.ContainsRune("<\"{}|^`", r):
			return "", p.failAt(at, b.String(), "%s: character %q is not allowed in an IRI", what, r)
		default:
			b.WriteRune(r)
		}
		if int64(b.Len()) > p.lim.maxLiteral {
			return "", p.failAt(at, "", "%s: IRI longer than %d bytes: the MaxLiteralBytes limit", what, p.lim.maxLiteral)
		}
	}
}

// resolve makes ref absolute against the base.
func (p *ttlParser) resolve(ref string) (string, error) {
	if schema.IsAbsolute(ref) {
		return ref, nil
	}
	if p.base == "" {
		return "", fmt.Errorf("<%s> is relative and no @base is declared", ref)
	}
	b, err := url.Parse(p.base)
	if err != nil {
		return "", fmt.Errorf("base <%s>: %v", p.base, err)
	}
	r, err := url.Parse(ref)
	if err != nil {
		return "", fmt.Errorf("<%s>: %v", ref, err)
	}
	abs := b.ResolveReference(r).String()
	if !schema.IsAbsolute(abs) {
		return "", fmt.Errorf("<%s> against base <%s> is not an absolute IRI", ref, p.base)
	}
	return abs, nil
}

// uchar reads the rest of \uXXXX or \UXXXXXXXX, after the backslash.
func (p *ttlParser) uchar() (rune, error) {
	at := p.here()
	k, err := p.next()
	if err != nil {
		return 0, err
	}
	if k != 'u' && k != 'U' {
		return 0, p.failAt(at, string(k), "escape \\%c is not allowed here; want \\u or \\U", k)
	}
	return p.ucharAfter(k)
}

// literal reads a quoted string, short or long, with its language or datatype.
func (p *ttlParser) literal() (graph.Term, error) {
	at := p.here()
	q, err := p.next()
	if err != nil {
		return graph.Term{}, err
	}
	long := p.peek() == q && p.peekByte(1) == byte(q)
	if long {
		p.next()
		p.next()
	}
	var b strings.Builder
	for {
		r, err := p.next()
		if err != nil {
			return graph.Term{}, err
		}
		switch {
		case r == eof:
			return graph.Term{}, p.failAt(at, clip(b.String()), "string not closed with %c", q)
		case r == q && !long:
			return p.literalEnd(b.String(), at)
		case r == q && p.peek() == q && p.peekByte(1) == byte(q):
			// three quotes end a long string; a fourth and fifth belong to it
			for p.peekByte(2) == byte(q) {
				b.WriteRune(q)
				p.next()
			}
			p.next()
			p.next()
			return p.literalEnd(b.String(), at)
		case (r == '\n' || r == '\r') && !long:
			return graph.Term{}, p.failAt(at, clip(b.String()), "line break in a short string; write \\n or use a long string (\"\"\")")
		case r == '\\':
			e, err := p.next()
			if err != nil {
				return graph.Term{}, err
			}
			switch e {
			case 't', 'b', 'n', 'r', 'f', '"', '\'', '\\':
				b.WriteByte(map[rune]byte{'t': '\t', 'b': '\b', 'n': '\n', 'r': '\r', 'f': '\f', '"': '"', '\'': '\'', '\\': '\\'}[e])
			case 'u', 'U':
				v, err := p.ucharAfter(e)
				if err != nil {
					return graph.Term{}, err
				}
				b.WriteRune(v)
			default:
				return graph.Term{}, p.fail("unknown escape \\%c", e)
			}
		default:
			b.WriteRune(r)
		}
		if int64(b.Len()) > p.lim.maxLiteral {
			return graph.Term{}, p.failAt(at, "", "literal longer than %d bytes: the MaxLiteralBytes limit", p.lim.maxLiteral)
		}
	}
}

// ucharAfter reads the hex digits of an escape whose letter k is read.
func (p *ttlParser) ucharAfter(k rune) (rune, error) {
	at := p.here()
	n := 4
	if k == 'U' {
		n = 8
	}
	var hex []rune
	for range n {
		r, err := p.next()
		if err != nil {
			return 0, err
		}
		hex = append(hex, r)
	}
	v, err := strconv.ParseUint(string(hex), 16, 32)
	if err != nil || !utf8.ValidRune(rune(v)) {
		return 0, p.failAt(at, string(hex), "bad escape \\%c%s", k, string(hex))
	}
	return rune(v), nil
}

// literalEnd reads a literal's language tag or datatype, if any.
func (p *ttlParser) literalEnd(lexical string, at pos) (graph.Term, error) {
	t := graph.Term{Lexical: lexical}
	switch {
	case p.peek() == '@':
		p.next()
		tag, err := p.word()
		if err != nil {
			return graph.Term{}, err
		}
		if tag == "" || !isAlpha(tag[0]) {
			return graph.Term{}, p.failAt(at, lexical, "want a language tag after '@'")
		}
		t.Lang = tag
	case p.peek() == '^' && p.peekByte(1) == '^':
		p.next()
		p.next()
		dt, _, err := p.iriTerm("datatype")
		if err != nil {
			return graph.Term{}, err
		}
		if dt != schema.XSDString {
			t.Datatype = dt
		}
	}
	return t, nil
}

// number reads an integer, decimal or double as a typed literal, as written.
func (p *ttlParser) number() (graph.Term, error) {
	at := p.here()
	var b strings.Builder
	for {
		r := p.peek()
		if !(r >= '0' && r <= '9' || r == '+' || r == '-' || r == '.' || r == 'e' || r == 'E') {
			break
		}
		if r == '.' {
			if c := p.peekByte(1); c < '0' || c > '9' {
				break // the statement's dot
			}
		}
		if b.Len() > 64 {
			return graph.Term{}, p.failAt(at, b.String(), "number too long")
		}
		p.next()
		b.WriteRune(r)
	}
	s := b.String()
	dt := schema.XSDInteger
	switch {
	case strings.ContainsAny(s, "eE"):
		dt = schema.IRI(schema.XSD + "double")
		if _, err := strconv.ParseFloat(s, 64); err != nil {
			return graph.Term{}, p.failAt(at, s, "%q is not a number", s)
		}
	case strings.Contains(s, "."):
		dt = schema.XSDDecimal
		if _, err := strconv.ParseFloat(s, 64); err != nil {
			return graph.Term{}, p.failAt(at, s, "%q is not a number", s)
		}
	default:
		digits := strings.TrimLeft(s, "+-")
		if len(s)-len(digits) > 1 || digits == "" || strings.Trim(digits, "0123456789") != "" {
			return graph.Term{}, p.failAt(at, s, "%q is not a number", s)
		}
	}
	return graph.Term{Lexical: s, Datatype: dt}, nil
}

// tripleTerm reads an RDF 1.2 triple term of N-Quads, <<( s p o )>>, at p.i.
func (p *nqParser) tripleTerm() (*graph.Statement, *Error) {
	p.i += 3
	var t graph.Statement
	var err *Error
	p.space()
	if t.Subject, err = p.iri("subject of a triple term"); err != nil {
		return nil, err
	}
	p.space()
	if t.Predicate, err = p.iri("predicate of a triple term"); err != nil {
		return nil, err
	}
	p.space()
	switch {
	case strings.HasPrefix(p.s[p.i:], "<<"):
		return nil, p.fail("a triple term inside a triple term is not supported")
	case p.i < len(p.s) && p.s[p.i] == '"':
		if t.Object, err = p.literal(); err != nil {
			return nil, err
		}
	default:
		iri, err := p.iri("object of a triple term")
		if err != nil {
			return nil, err
		}
		t.Object = graph.Term{IRI: iri}
	}
	p.space()
	if !strings.HasPrefix(p.s[p.i:], ")>>") {
		return nil, p.fail("want ')>>' to close the triple term")
	}
	p.i += 3
	return &t, nil
}
