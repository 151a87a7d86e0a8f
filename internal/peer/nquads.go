package main

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// term is one term of a statement: an IRI, or a literal with its language
// tag or datatype IRI.
type term struct {
	iri     bool
	value   string // the IRI, or the literal's lexical form, unescaped
	lang    string
	dtype   string
	literal bool
}

// statement is one N-Quads line: subject, predicate, object, graph.
type statement struct {
	s, p, o, g term
}

// syntaxError is a malformed line: the column (in bytes, from 1) where the
// parser stopped and what it expected there.
type syntaxError struct {
	col  int
	want string
}

func (e *syntaxError) Error() string { return fmt.Sprintf("%d: expected %s", e.col, e.want) }

// parseLine parses one N-Quads statement. It reads the subset the benchmark
// file uses, strictly: IRIs in angle brackets, literals with the N-Quads
// escapes and an optional language tag or datatype, and a graph IRI. Blank
// nodes are refused: every node of the file is named. ok is false for a blank
// or comment line.
func parseLine(line string) (st statement, ok bool, err error) {
	p := lineParser{s: line}
	p.space()
	if p.i == len(p.s) || p.s[p.i] == '#' {
		return statement{}, false, nil
	}
	if st.s, err = p.iriTerm("a subject IRI"); err != nil {
		return statement{}, false, err
	}
	p.space()
	if st.p, err = p.iriTerm("a predicate IRI"); err != nil {
		return statement{}, false, err
	}
	p.space()
	if p.i < len(p.s) && p.s[p.i] == '"' {
		st.o, err = p.literal()
	} else {
		st.o, err = p.iriTerm("an object IRI or literal")
	}
	if err != nil {
		return statement{}, false, err
	}
	p.space()
	if st.g, err = p.iriTerm("a graph IRI (every statement of the file is in a named graph)"); err != nil {
		return statement{}, false, err
	}
	p.space()
	if p.i == len(p.s) || p.s[p.i] != '.' {
		return statement{}, false, p.fail("'.' ending the statement")
	}
	p.i++
	p.space()
	if p.i < len(p.s) && p.s[p.i] != '#' {
		return statement{}, false, p.fail("the end of the line after '.'")
	}
	return st, true, nil
}

type lineParser struct {
	s string
	i int
}

func (p *lineParser) fail(want string) error { return &syntaxError{col: p.i + 1, want: want} }

func (p *lineParser) space() {
	for p.i < len(p.s) && (p.s[p.i] == ' ' || p.s[p.i] == '\t' || p.s[p.i] == '\r') {
		p.i++
	}
}

func (p *lineParser) iriTerm(want string) (term, error) {
	if p.i == len(p.s) || p.s[p.i] != '<' {
		return term{}, p.fail(want)
	}
	start := p.i + 1
	end := strings.IndexByte(p.s[start:], '>')
	if end < 0 {
		return term{}, p.fail("'>' closing the IRI")
	}
	v := p.s[start : start+end]
	for j := 0; j < len(v); j++ {
		if c := v[j]; c <= ' ' || c == '<' || c == '"' || c == '\\' {
			p.i = start + j
			return term{}, p.fail("an IRI character (no space, control, '<', '\"' or '\\')")
		}
	}
	if !utf8.ValidString(v) {
		p.i = start
		return term{}, p.fail("an IRI in UTF-8")
	}
	p.i = start + end + 1
	return term{iri: true, value: v}, nil
}

func (p *lineParser) literal() (term, error) {
	p.i++ // the opening quote
	var b strings.Builder
	plain := p.i
	for {
		if p.i == len(p.s) {
			return term{}, p.fail("'\"' closing the literal")
		}
		c := p.s[p.i]
		if c == '"' {
			break
		}
		if c == '\n' || c == '\r' {
			return term{}, p.fail("an escaped line break in the literal")
		}
		if c != '\\' {
			p.i++
			continue
		}
		b.WriteString(p.s[plain:p.i])
		if p.i+1 == len(p.s) {
			return term{}, p.fail("an escape after '\\'")
		}
		switch e := p.s[p.i+1]; e {
		case 't', 'b', 'n', 'r', 'f', '"', '\'', '\\':
			b.WriteByte(unescape(e))
			p.i += 2
		case 'u', 'U':
			n := 4
			if e == 'U' {
				n = 8
			}
			if p.i+2+n > len(p.s) {
				return term{}, p.fail(fmt.Sprintf("%d hex digits after \\%c", n, e))
			}
			r, err := strconv.ParseUint(p.s[p.i+2:p.i+2+n], 16, 32)
			if err != nil || !utf8.ValidRune(rune(r)) {
				return term{}, p.fail(fmt.Sprintf("%d hex digits of a Unicode scalar value after \\%c", n, e))
			}
			b.WriteRune(rune(r))
			p.i += 2 + n
		default:
			return term{}, p.fail("one of the escapes \\t \\b \\n \\r \\f \\\" \\' \\\\ \\u \\U")
		}
		plain = p.i
	}
	b.WriteString(p.s[plain:p.i])
	p.i++ // the closing quote
	t := term{literal: true, value: b.String()}
	if !utf8.ValidString(t.value) {
		return term{}, p.fail("a literal in UTF-8")
	}
	switch {
	case p.i < len(p.s) && p.s[p.i] == '@':
		start := p.i + 1
		p.i = start
		for p.i < len(p.s) && (isAlnum(p.s[p.i]) || p.s[p.i] == '-') {
			p.i++
		}
		if p.i == start {
			return term{}, p.fail("a language tag after '@'")
		}
		t.lang = p.s[start:p.i]
	case strings.HasPrefix(p.s[p.i:], "^^"):
		p.i += 2
		dt, err := p.iriTerm("a datatype IRI after '^^'")
		if err != nil {
			return term{}, err
		}
		t.dtype = dt.value
	}
	return t, nil
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// unescape returns the character a one-letter escape stands for.
func unescape(e byte) byte {
	switch e {
	case 't':
		return '\t'
	case 'b':
		return '\b'
	case 'n':
		return '\n'
	case 'r':
		return '\r'
	case 'f':
		return '\f'
	}
	return e // '"', '\'' and '\\' stand for themselves
}
