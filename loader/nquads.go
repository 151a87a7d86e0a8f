package loader

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

// LoadNQuads reads N-Quads from r into g in one atomic batch. It reads the
// input as a stream, one line at a time, keeping only the decoded records, and
// validates every statement against the graph's vocabulary as LoadYAML does:
// claim metadata, entity kinds and names, facts labelled with claims. Errors
// are *Error values with the line and column. Blank nodes are refused (the
// library names everything with IRIs). Statements of an unknown predicate fail
// the load unless the Lenient option is given.
func LoadNQuads(ctx context.Context, g *graph.Graph, name string, r io.Reader, opts ...Option) (Stats, error) {
	o := collectOptions(opts)
	a := newAssembly(g.Vocabulary(), o.lenient)
	rr := newRDFReader(a.vocab, a.add)
	br := bufio.NewReaderSize(r, 64*1024)
	var bytes int64
	n, line := 0, 0
	for {
		raw, err := readLine(br, o.maxLine)
		if len(raw) == 0 && errors.Is(err, io.EOF) {
			break
		}
		line++
		bytes += int64(len(raw))
		if errors.Is(err, errLineTooLong) {
			return Stats{}, &Error{File: name, Line: line, Column: 1, Text: clip(string(raw)),
				Err: fmt.Errorf("line longer than %d bytes: the MaxLineBytes limit: %w", o.maxLine, ErrSyntax)}
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return Stats{}, &Error{File: name, Line: line, Column: 1, Err: err}
		}
		if bytes > o.maxFile {
			return Stats{}, &Error{File: name, Line: line, Column: 1,
				Err: fmt.Errorf("input longer than %d bytes: the MaxFileBytes limit: %w", o.maxFile, ErrSyntax)}
		}
		text := strings.TrimSuffix(string(raw), "\n")
		st, tt, ok, perr := parseNQuadTriple(text, o.maxLiteral, a.names)
		if perr != nil {
			perr.File, perr.Line = name, line
			return Stats{}, perr
		}
		if !ok {
			continue
		}
		n++
		if n > o.maxRecords {
			return Stats{}, &Error{File: name, Line: line, Column: 1,
				Err: fmt.Errorf("more than %d statements: the MaxRecords limit: %w", o.maxRecords, ErrSyntax)}
		}
		if err := rr.add(rdfIn{positioned{Statement: st, at: place{file: name, line: line, column: 1, text: clip(text)}}, tt}); err != nil {
			return Stats{}, err
		}
		if o.progress != nil && n%1000 == 0 {
			o.progress(Progress{Records: n, Bytes: bytes})
		}
		if n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return Stats{}, err
			}
		}
	}
	if err := rr.finish(); err != nil {
		return Stats{}, err
	}
	st, err := a.write(ctx, g)
	if err == nil && o.progress != nil {
		o.progress(Progress{Records: n, Bytes: bytes, Done: true})
	}
	return st, err
}

var errLineTooLong = errors.New("line too long")

// readLine reads up to and including the next '\n', or to the end of input
// (then with io.EOF). A line longer than max is refused with errLineTooLong
// and the first bytes of the line, without reading the rest into memory.
func readLine(br *bufio.Reader, max int64) ([]byte, error) {
	var line []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if int64(len(line)+len(chunk)) > max+1 { // +1: the '\n'
			if len(line) == 0 {
				line = append(line, chunk[:min(len(chunk), 256)]...)
			}
			return line, errLineTooLong
		}
		line = append(line, chunk...)
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		return line, err
	}
}

// nqParser reads one line of N-Quads.
type nqParser struct {
	s          string
	i          int
	maxLiteral int64
	// names holds one copy of each IRI (and short typed literal) the load
	// has read, so that a subject named on ten lines is held once, not ten
	// times, by the records and the batch; nil copies every string.
	names map[string]string
	// triple is the line's object when it is an RDF 1.2 triple term.
	triple *graph.Statement
}

// keep returns a copy of s that does not share the line's memory: the load's
// copy, when it has one already.
func (p *nqParser) keep(s string) string {
	if p.names == nil {
		return strings.Clone(s)
	}
	if v, ok := p.names[s]; ok {
		return v
	}
	v := strings.Clone(s)
	p.names[v] = v
	return v
}

func (p *nqParser) fail(format string, args ...any) *Error {
	col := utf8.RuneCountInString(p.s[:min(p.i, len(p.s))]) + 1
	return &Error{Column: col, Text: clip(p.s), Err: fmt.Errorf("%s: %w", fmt.Sprintf(format, args...), ErrSyntax)}
}

func (p *nqParser) space() {
	for p.i < len(p.s) && (p.s[p.i] == ' ' || p.s[p.i] == '\t') {
		p.i++
	}
}

// parseNQuad parses one line. It returns false for a blank or comment line.
func parseNQuad(line string) (graph.Statement, bool, *Error) {
	return parseNQuadLimited(line, DefaultMaxLiteralBytes)
}

// parseNQuadLimited is parseNQuad refusing literals longer than maxLiteral bytes.
func parseNQuadLimited(line string, maxLiteral int64) (graph.Statement, bool, *Error) {
	return parseNQuadInterned(line, maxLiteral, nil)
}

// parseNQuadInterned is parseNQuadLimited taking its IRIs from names (see
// nqParser.names). It refuses RDF 1.2 triple terms, which parseNQuadTriple
// reads.
func parseNQuadInterned(line string, maxLiteral int64, names map[string]string) (graph.Statement, bool, *Error) {
	st, tt, ok, err := parseNQuadTriple(line, maxLiteral, names)
	if err == nil && tt != nil {
		return graph.Statement{}, false, &Error{Column: 1, Text: clip(line), Err: fmt.Errorf("an RDF 1.2 triple term is not read here: %w", ErrSyntax)}
	}
	return st, ok, err
}

// parseNQuadTriple is parseNQuadInterned reading, as the object, an RDF 1.2
// triple term too, which it returns apart.
func parseNQuadTriple(line string, maxLiteral int64, names map[string]string) (graph.Statement, *graph.Statement, bool, *Error) {
	p := &nqParser{s: strings.TrimSuffix(line, "\r"), maxLiteral: maxLiteral, names: names}
	st, ok, err := p.line()
	return st, p.triple, ok, err
}

// line parses p's line; an RDF 1.2 triple term as the object goes in p.triple.
func (p *nqParser) line() (graph.Statement, bool, *Error) {
	p.space()
	if p.i == len(p.s) || p.s[p.i] == '#' {
		return graph.Statement{}, false, nil
	}
	var st graph.Statement
	var err *Error
	if st.Subject, err = p.iri("subject"); err != nil {
		return st, false, err
	}
	p.space()
	if st.Predicate, err = p.iri("predicate"); err != nil {
		return st, false, err
	}
	p.space()
	if strings.HasPrefix(p.s[p.i:], "<<(") {
		if p.triple, err = p.tripleTerm(); err != nil {
			return st, false, err
		}
	} else if p.i < len(p.s) && p.s[p.i] == '"' {
		if st.Object, err = p.literal(); err != nil {
			return st, false, err
		}
	} else {
		iri, err := p.iri("object")
		if err != nil {
			return st, false, err
		}
		st.Object = graph.Term{IRI: iri}
	}
	p.space()
	if p.i < len(p.s) && p.s[p.i] != '.' {
		if st.Claim, err = p.iri("graph label"); err != nil {
			return st, false, err
		}
		p.space()
	}
	if p.i >= len(p.s) || p.s[p.i] != '.' {
		return st, false, p.fail("want '.' at the end of the statement")
	}
	p.i++
	p.space()
	if p.i < len(p.s) && p.s[p.i] != '#' {
		return st, false, p.fail("unexpected text after '.'")
	}
	return st, true, nil
}

func (p *nqParser) iri(what string) (schema.IRI, *Error) {
	if strings.HasPrefix(p.s[p.i:], "_:") {
		return "", p.fail("%s: blank nodes are not supported; name it with an IRI", what)
	}
	if p.i >= len(p.s) || p.s[p.i] != '<' {
		return "", p.fail("%s: want an IRI in <angle brackets>", what)
	}
	start := p.i
	p.i++
	// Until an escape, the IRI is the line's text as it stands: no copy is
	// made of it but the one kept.
	var b strings.Builder
	escaped := false
	for {
		if p.i >= len(p.s) {
			p.i = start
			return "", p.fail("%s: IRI not closed with '>'", what)
		}
		c := p.s[p.i]
		switch {
		case c == '>':
			iri := p.s[start+1 : p.i]
			if escaped {
				iri = b.String()
			}
			p.i++
			if !utf8.ValidString(iri) {
				p.i = start
				return "", p.fail("%s: IRI is not valid UTF-8", what)
			}
			if !schema.IsAbsolute(iri) {
				p.i = start
				return "", p.fail("%s: <%s> is not an absolute IRI", what, iri)
			}
			return schema.IRI(p.keep(iri)), nil
		case c == '\\':
			if !escaped {
				b.WriteString(p.s[start+1 : p.i])
				escaped = true
			}
			r, err := p.uchar()
			if err != nil {
				return "", err
			}
			b.WriteRune(r)
		case c <= ' ' || strings.IndexByte("<\"{}|^`", c) >= 0:
			return "", p.fail("%s: character %q is not allowed in an IRI", what, c)
		default:
			if escaped {
				b.WriteByte(c)
			}
			p.i++
		}
	}
}

// uchar reads \uXXXX or \UXXXXXXXX at p.i.
func (p *nqParser) uchar() (rune, *Error) {
	if p.i+1 >= len(p.s) {
		return 0, p.fail("incomplete escape")
	}
	n := 0
	switch p.s[p.i+1] {
	case 'u':
		n = 4
	case 'U':
		n = 8
	default:
		return 0, p.fail("escape \\%c is not allowed here; want \\u or \\U", p.s[p.i+1])
	}
	if p.i+2+n > len(p.s) {
		return 0, p.fail("incomplete \\%c escape", p.s[p.i+1])
	}
	v, err := strconv.ParseUint(p.s[p.i+2:p.i+2+n], 16, 32)
	if err != nil || !utf8.ValidRune(rune(v)) {
		return 0, p.fail("bad escape %q", p.s[p.i:p.i+2+n])
	}
	p.i += 2 + n
	return rune(v), nil
}

func (p *nqParser) literal() (graph.Term, *Error) {
	start := p.i
	p.i++ // the opening quote
	// As in iri, the text stands as written until an escape.
	var b strings.Builder
	escaped := false
	size := func() int {
		if escaped {
			return b.Len()
		}
		return p.i - start - 1
	}
	for {
		if p.i >= len(p.s) {
			p.i = start
			return graph.Term{}, p.fail("literal not closed with '\"'")
		}
		if int64(size()) > p.maxLiteral {
			p.i = start
			return graph.Term{}, p.fail("literal longer than %d bytes: the MaxLiteralBytes limit", p.maxLiteral)
		}
		c := p.s[p.i]
		if c == '"' {
			break
		}
		if c == '\n' || c == '\r' {
			return graph.Term{}, p.fail("raw line break in a literal; write \\n")
		}
		if c != '\\' {
			if escaped {
				b.WriteByte(c)
			}
			p.i++
			continue
		}
		if !escaped {
			b.WriteString(p.s[start+1 : p.i])
			escaped = true
		}
		if p.i+1 >= len(p.s) {
			return graph.Term{}, p.fail("incomplete escape")
		}
		switch e := p.s[p.i+1]; e {
		case 't', 'b', 'n', 'r', 'f', '"', '\'', '\\':
			b.WriteByte(map[byte]byte{'t': '\t', 'b': '\b', 'n': '\n', 'r': '\r', 'f': '\f', '"': '"', '\'': '\'', '\\': '\\'}[e])
			p.i += 2
		case 'u', 'U':
			r, err := p.uchar()
			if err != nil {
				return graph.Term{}, err
			}
			b.WriteRune(r)
		default:
			return graph.Term{}, p.fail("unknown escape \\%c", e)
		}
	}
	lexical := p.s[start+1 : p.i]
	if escaped {
		lexical = b.String()
	}
	p.i++ // the closing quote
	if !utf8.ValidString(lexical) {
		p.i = start
		return graph.Term{}, p.fail("literal is not valid UTF-8")
	}
	var t graph.Term
	switch {
	case strings.HasPrefix(p.s[p.i:], "^^"):
		p.i += 2
		dt, err := p.iri("datatype")
		if err != nil {
			return graph.Term{}, err
		}
		if dt != schema.XSDString {
			t.Datatype = dt
		}
	case p.i < len(p.s) && p.s[p.i] == '@':
		p.i++
		j := p.i
		for j < len(p.s) && (isAlnum(p.s[j]) || (p.s[j] == '-' && j > p.i)) {
			j++
		}
		if j == p.i || !isAlpha(p.s[p.i]) {
			return graph.Term{}, p.fail("want a language tag after '@'")
		}
		t.Lang = p.keep(p.s[p.i:j])
		p.i = j
	}
	// Short typed literals (dates, numbers) repeat across a file; names and
	// quotes mostly do not, and are copied without being kept.
	if t.Datatype != "" && len(lexical) <= 64 {
		t.Lexical = p.keep(lexical)
	} else {
		t.Lexical = strings.Clone(lexical)
	}
	return t, nil
}

func isAlpha(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isAlnum(c byte) bool { return isAlpha(c) || c >= '0' && c <= '9' }

// WriteNQuads writes every statement of g as N-Quads, one per line, sorted,
// with full IRIs and the canonical lexical forms the graph stores: typed
// literals name their datatype in full (xsd:gYear, xsd:gYearMonth, xsd:date
// keep a date's precision), strings carry their language tag, and each fact
// carries its claim as the graph label. Reading the output back with
// LoadNQuads gives the same graph.
//
// It looks at ctx every thousand or so statements and returns ctx.Err() once
// it is cancelled. A language tag that is not well-formed BCP 47 (which the
// graph refuses at write, but an older store may hold) fails the export with
// graph.ErrInvalid rather than be written bare after '@'. WriteNQuadsWith
// writes more, for readers without a reasoner.
func WriteNQuads(ctx context.Context, w io.Writer, g *graph.Graph) error {
	bw := bufio.NewWriter(w)
	n := 0
	err := g.Statements(ctx, func(st graph.Statement) error {
		if n++; n%checkEvery == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if err := checkStatement(st); err != nil {
			return err
		}
		_, err := bw.WriteString(FormatNQuad(st) + "\n")
		return err
	})
	if err != nil {
		return err
	}
	return bw.Flush()
}

// FormatNQuad returns st as one line of N-Quads, without the line break.
func FormatNQuad(st graph.Statement) string {
	var b strings.Builder
	writeIRI(&b, st.Subject)
	b.WriteByte(' ')
	writeIRI(&b, st.Predicate)
	b.WriteByte(' ')
	writeTerm(&b, st.Object)
	if st.Claim != "" {
		b.WriteByte(' ')
		writeIRI(&b, st.Claim)
	}
	b.WriteString(" .")
	return b.String()
}

func writeIRI(b *strings.Builder, iri schema.IRI) {
	b.WriteByte('<')
	for _, r := range string(iri) {
		if r <= ' ' || strings.ContainsRune("<>\"{}|^`\\", r) {
			fmt.Fprintf(b, "\\u%04X", r)
			continue
		}
		b.WriteRune(r)
	}
	b.WriteByte('>')
}

func writeTerm(b *strings.Builder, t graph.Term) {
	if !t.IsLiteral() {
		writeIRI(b, t.IRI)
		return
	}
	writeQuoted(b, t.Lexical)
	switch {
	case t.Lang != "":
		b.WriteString("@" + t.Lang)
	case t.Datatype != "":
		b.WriteString("^^")
		writeIRI(b, t.Datatype)
	}
}

// writeQuoted writes s as a quoted string of N-Quads, N-Triples, Turtle and
// TriG: '"', '\\' and line breaks escaped, other control characters as \u.
func writeQuoted(b *strings.Builder, s string) {
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if r < ' ' || r == 0x7f {
				fmt.Fprintf(b, "\\u%04X", r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
}

// checkStatement refuses a statement whose language tag an export cannot
// write safely.
func checkStatement(st graph.Statement) error {
	if l := st.Object.Lang; l != "" && !graph.WellFormedLangTag(l) {
		return fmt.Errorf("loader: statement of %s: language tag %q is not well-formed BCP 47: %w", st.Subject, clip(l), graph.ErrInvalid)
	}
	return nil
}
