// Package input holds what the importers share: where a record stands in its
// file, and the errors that place it there.
package input

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/loader"
	"github.com/actorgraph/actorgraph/schema"
)

// Place is where a record stands in an input file.
type Place struct {
	File         string
	Line, Column int
	Field        string
	Text         string
}

// maxText bounds the offending text an error quotes.
const maxText = 120

// Fail returns a *loader.Error at p wrapping loader.ErrSyntax.
func (p Place) Fail(format string, args ...any) *loader.Error {
	return &loader.Error{File: p.File, Line: p.Line, Column: p.Column, Field: p.Field, Text: Clip(p.Text),
		Err: fmt.Errorf("%s: %w", fmt.Sprintf(format, args...), loader.ErrSyntax)}
}

// Wrap places err at p when the input caused it (a write the graph refused
// for what it says); an error of the store (a cancelled context, a database
// gone away) is returned as it is.
func (p Place) Wrap(err error) error {
	if err == nil || !aboutInput(err) {
		return err
	}
	var le *loader.Error
	if errors.As(err, &le) {
		return err
	}
	return &loader.Error{File: p.File, Line: p.Line, Column: p.Column, Field: p.Field, Text: Clip(p.Text), Err: err}
}

var inputErrors = []error{loader.ErrSyntax, graph.ErrInvalid, graph.ErrUnknownTerm, graph.ErrDomain, graph.ErrRange,
	graph.ErrDangling, graph.ErrConflict, graph.ErrNotFound, graph.ErrNotSingular, graph.ErrInUse}

func aboutInput(err error) bool {
	for _, s := range inputErrors {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

// Clip shortens s to about maxText bytes for an error, at a character boundary.
func Clip(s string) string {
	if len(s) <= maxText {
		return s
	}
	i := maxText - 3
	for i > 0 && s[i]&0xC0 == 0x80 {
		i--
	}
	return s[:i] + "..."
}

// CheckName returns why s cannot name an entity, or "" when it can: it must
// be UTF-8 and hold a letter or a digit, and no control character or
// non-character (U+FFFE, U+FFFF) that XML cannot carry. The graph refuses
// such names (this is a little stricter); checking them while reading lets
// a bad row be skipped instead of failing the batch.
func CheckName(s string) string {
	if !utf8.ValidString(s) {
		return "is not valid UTF-8"
	}
	letters := false
	for _, r := range s {
		if unicode.IsControl(r) || r == 0xFFFE || r == 0xFFFF {
			return fmt.Sprintf("holds the character %U", r)
		}
		letters = letters || unicode.IsLetter(r) || unicode.IsDigit(r)
	}
	if !letters {
		return "has no letter or digit"
	}
	return ""
}

// HasTerms reports whether v defines every term of t.
func HasTerms(v *schema.Vocabulary, t schema.Terms) bool {
	for _, d := range t.Kinds {
		if _, ok := v.Kind(d.Kind); !ok {
			return false
		}
	}
	for _, d := range t.Relations {
		if _, ok := v.Relation(d.Relation); !ok {
			return false
		}
	}
	for _, d := range t.Attributes {
		if _, ok := v.Attribute(d.Attribute); !ok {
			return false
		}
	}
	return true
}

// Lines maps byte offsets of an input to lines and columns. It is fed the
// bytes as they are read and may forget the lines before an offset no longer
// asked about, so that a long stream costs memory for its unread part only.
type Lines struct {
	breaks []int64 // offsets of the '\n' bytes seen after base, ascending
	base   int     // the number of line breaks forgotten
	read   int64   // bytes seen
}

// Feed records the bytes b, read next.
func (l *Lines) Feed(b []byte) {
	for i, c := range b {
		if c == '\n' {
			l.breaks = append(l.breaks, l.read+int64(i))
		}
	}
	l.read += int64(len(b))
}

// Len returns the number of bytes seen.
func (l *Lines) Len() int64 { return l.read }

// Forget drops what is known of the lines that end before off.
func (l *Lines) Forget(off int64) {
	// The break just before off is kept: it gives the column of off's line.
	n := sort.Search(len(l.breaks), func(i int) bool { return l.breaks[i] >= off }) - 1
	if n > 0 {
		l.base += n
		l.breaks = append(l.breaks[:0], l.breaks[n:]...)
	}
}

// Position returns the 1-based line and column (in bytes) of offset off.
func (l *Lines) Position(off int64) (line, column int) {
	n := sort.Search(len(l.breaks), func(i int) bool { return l.breaks[i] >= off })
	start := int64(-1) // the offset of the break before off's line; -1 for the first line
	if n > 0 {
		start = l.breaks[n-1]
	}
	return l.base + n + 1, int(off - start)
}

// FieldPath joins the parts of a field's name: "claims", "P31", "[0]".
func FieldPath(parts ...string) string {
	var b strings.Builder
	for _, p := range parts {
		if b.Len() > 0 && !strings.HasPrefix(p, "[") {
			b.WriteByte('.')
		}
		b.WriteString(p)
	}
	return b.String()
}
