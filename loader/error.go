package loader

import (
	"errors"
	"fmt"
)

// ErrSyntax is wrapped by errors for input that is not in the expected form.
var ErrSyntax = errors.New("syntax error")

// Error locates a problem in an input file.
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
		msg += e.Field + ": "
	}
	if e.Text != "" {
		msg += fmt.Sprintf("%q: ", e.Text)
	}
	return msg + e.Err.Error()
}

// Unwrap returns the cause, for errors.Is and errors.As.
func (e *Error) Unwrap() error { return e.Err }
