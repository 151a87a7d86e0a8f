package loader

import (
	"errors"
	"fmt"
	"unicode/utf8"
)

// ErrSyntax is wrapped by errors for input that is not in the expected form.
var ErrSyntax = errors.New("syntax error")

// Error locates a problem in an input file. Text is at most a bounded
// excerpt of the offending text (about 120 bytes), and the message Error
// returns is bounded too, so that a huge bad input does not make a huge error.
type Error struct {
	File   string // the name the input was given, "" if none
	Line   int    // 1-based; 0 when unknown
	Column int    // 1-based; 0 when unknown
	Field  string // the field concerned: "claims[3].facts[1]"
	Text   string // the offending text, if any
	Err    error  // what was wrong; wraps ErrSyntax or a graph sentinel
}

// Error returns "file:line:column: field: "text": what was wrong".
func (e *Error) Error() string {
	pos := e.File
	if pos == "" {
		pos = "<input>"
	}
	if e.Line > 0 {
		pos += fmt.Sprintf(":%d", e.Line)
		if e.Column > 0 {
			pos += fmt.Sprintf(":%d", e.Column)
		}
	}
	msg := pos + ": "
	if e.Field != "" {
		msg += clip(e.Field) + ": "
	}
	if e.Text != "" {
		msg += fmt.Sprintf("%q: ", clip(e.Text))
	}
	cause := "<nil>"
	if e.Err != nil {
		cause = e.Err.Error()
	}
	return msg + clipTo(cause, maxMessageBytes)
}

// maxMessageBytes bounds the cause's part of an error message: causes quote
// values (a name, a term) that may be as long as the input allows.
const maxMessageBytes = 2048

// clip shortens text for an error.
func clip(s string) string { return clipTo(s, 120) }

// clipTo shortens s to at most about n bytes, cutting at a character boundary
// and marking the cut.
func clipTo(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := n - 3
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "..."
}

// Unwrap returns the cause, for errors.Is and errors.As.
func (e *Error) Unwrap() error { return e.Err }
