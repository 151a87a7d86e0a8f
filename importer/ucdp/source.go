package ucdp

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/actorgraph/actorgraph/loader"
)

// field is one value of a record with the place it starts at.
type field struct {
	text      string
	line, col int
	present   bool
}

// record is one CSV row or JSON object, its values by column slot.
type record struct {
	file      string
	line, col int     // where the record starts
	end       field   // where it ends, for a value it lacks
	fields    []field // by slot of the source's column list
	names     []string
}

// get returns the value of column c, or an empty field placed at the end of
// the record when the record has none.
func (r *record) get(c int) field {
	if c < len(r.fields) && r.fields[c].present {
		return r.fields[c]
	}
	return field{line: r.end.line, col: r.end.col}
}

// errAt returns a positioned error at f, for column c.
func (r *record) errAt(f field, c int, err error) *loader.Error {
	return &loader.Error{File: r.file, Line: f.line, Column: f.col, Field: r.names[c], Text: f.text, Err: err}
}

// errf returns a syntax error at column c's value.
func (r *record) errf(c int, format string, args ...any) *loader.Error {
	f := r.get(c)
	return r.errAt(f, c, fmt.Errorf(format+": %w", append(args, loader.ErrSyntax)...))
}

// source yields records. next returns io.EOF after the last; an error of
// type *rowError is one bad record, after which the source goes on.
type source interface {
	next() (*record, error)
}

// rowError is a bad record that the source can read past.
type rowError struct{ err *loader.Error }

func (e *rowError) Error() string { return e.err.Error() }
func (e *rowError) Unwrap() error { return e.err }

// lineLimit fails a read once a physical line grows past max bytes, so that
// a file without line breaks cannot make the CSV reader hold it whole; for
// JSON it bounds what passed since mark. It also keeps the newline offsets
// the JSON reader turns into lines and columns, dropping those it has passed.
type lineLimit struct {
	r        io.Reader
	max      int
	run      int   // bytes since the last newline
	read     int64 // bytes read in all
	mark     int64 // JSON: where the current object starts
	keepNL   bool
	newlines []int64 // offsets of newlines not yet passed by pos
	line     int     // lines before lineStart
	start    int64   // offset of the first byte of line
	json     bool
	lines    int // newlines seen in all
}

type errTooLong struct{ line, max int }

func (e *errTooLong) Error() string {
	return fmt.Sprintf("line %d is longer than %d bytes: the MaxLineBytes limit", e.line, e.max)
}

func (l *lineLimit) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	for i, c := range p[:n] {
		if c == '\n' {
			l.run = 0
			l.lines++
			if l.keepNL {
				l.newlines = append(l.newlines, l.read+int64(i))
			}
			continue
		}
		l.run++
		if !l.json && l.run > l.max {
			return i, &errTooLong{line: l.lines + 1, max: l.max}
		}
	}
	l.read += int64(n)
	if l.json && l.read-l.mark > int64(l.max)+4096 { // the decoder reads ahead by a buffer
		return n, fmt.Errorf("a JSON event object is longer than %d bytes: the MaxLineBytes limit", l.max)
	}
	return n, err
}

// pos returns the 1-based line and column (in bytes) of offset off. Offsets
// must be asked for in increasing order.
func (l *lineLimit) pos(off int64) (int, int) {
	for len(l.newlines) > 0 && l.newlines[0] < off {
		l.line++
		l.start = l.newlines[0] + 1
		l.newlines = l.newlines[1:]
	}
	return l.line + 1, int(off-l.start) + 1
}

// csvSource reads CSV records with the positions of their fields.
type csvSource struct {
	file  string
	cr    *csv.Reader
	slots []int // header index -> slot, -1 for a column the importer does not read
	names []string
	width int
	rows  int
	max   int
}

// newCSVSource reads the header and maps its columns to the slots of names.
// It returns the header's column names as read.
func newCSVSource(file string, r io.Reader, names []string, o options) (*csvSource, []string, error) {
	cr := csv.NewReader(&lineLimit{r: r, max: o.maxLineBytes})
	cr.ReuseRecord = true
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, nil, &loader.Error{File: file, Line: 1, Column: 1, Err: fmt.Errorf("empty file: want a header row: %w", ErrLayout)}
	}
	if err != nil {
		return nil, nil, csvError(file, err)
	}
	header = append([]string(nil), header...)
	header[0] = strings.TrimPrefix(header[0], "\ufeff")
	s := &csvSource{file: file, cr: cr, names: names, width: len(header), max: o.maxRows}
	seen := map[string]bool{}
	for i, h := range header {
		h = strings.TrimSpace(h)
		header[i] = h
		slot := -1
		for j, n := range names {
			if strings.EqualFold(n, h) {
				slot = j
			}
		}
		if slot >= 0 && seen[names[slot]] {
			line, col := cr.FieldPos(i)
			return nil, nil, &loader.Error{File: file, Line: line, Column: col, Field: "header", Text: h, Err: fmt.Errorf("column given twice: %w", ErrLayout)}
		}
		if slot >= 0 {
			seen[names[slot]] = true
		}
		s.slots = append(s.slots, slot)
	}
	return s, header, nil
}

func (s *csvSource) next() (*record, error) {
	fields, err := s.cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, io.EOF
	}
	var pe *csv.ParseError
	if err != nil && !(errors.As(err, &pe) && errors.Is(err, csv.ErrFieldCount)) {
		return nil, csvError(s.file, err)
	}
	s.rows++
	if s.rows > s.max {
		line, col := s.cr.FieldPos(0)
		return nil, &loader.Error{File: s.file, Line: line, Column: col, Err: fmt.Errorf("more than %d rows: the MaxRows limit: %w", s.max, loader.ErrSyntax)}
	}
	line, col := s.cr.FieldPos(0)
	rec := &record{file: s.file, line: line, col: col, fields: make([]field, len(s.names)), names: s.names}
	lastLine, lastCol := s.cr.FieldPos(len(fields) - 1)
	rec.end = field{line: lastLine, col: lastCol + len(fields[len(fields)-1])}
	if err != nil { // the wrong number of fields
		return nil, &rowError{&loader.Error{File: s.file, Line: line, Column: col, Field: "row",
			Err: fmt.Errorf("%d fields, but the header has %d: wrong column count: %w", len(fields), s.width, loader.ErrSyntax)}}
	}
	for i, f := range fields {
		if slot := s.slots[i]; slot >= 0 {
			l, c := s.cr.FieldPos(i)
			rec.fields[slot] = field{text: f, line: l, col: c, present: true}
		}
	}
	return rec, nil
}

// csvError places an error of the CSV reader.
func csvError(file string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &loader.Error{File: file, Line: pe.Line, Column: pe.Column, Err: fmt.Errorf("%v: %w", pe.Err, loader.ErrSyntax)}
	}
	var tl *errTooLong
	if errors.As(err, &tl) {
		return &loader.Error{File: file, Line: tl.line, Err: fmt.Errorf("%v: %w", tl, loader.ErrSyntax)}
	}
	return err
}

// jsonSource reads the event objects of UCDP API JSON: an array of events,
// or the API's page, an object whose "Result" holds the array.
type jsonSource struct {
	file  string
	lim   *lineLimit
	dec   *json.Decoder
	names []string
	slot  map[string]int
	rows  int
	max   int
	state int // 0 before the array, 1 in it, 2 after it
	page  bool
}

func newJSONSource(file string, r io.Reader, names []string, o options) *jsonSource {
	lim := &lineLimit{r: r, max: o.maxLineBytes, keepNL: true, json: true}
	dec := json.NewDecoder(bufio.NewReader(lim))
	dec.UseNumber()
	slot := make(map[string]int, len(names))
	for i, n := range names {
		slot[n] = i
	}
	return &jsonSource{file: file, lim: lim, dec: dec, names: names, slot: slot, max: o.maxRows}
}

// errAt places err at byte offset off.
func (s *jsonSource) errAt(off int64, field string, err error) *loader.Error {
	line, col := s.lim.pos(off)
	return &loader.Error{File: s.file, Line: line, Column: col, Field: field, Err: err}
}

// token reads a token, placing a syntax error or an early end.
func (s *jsonSource) token() (json.Token, error) {
	t, err := s.dec.Token()
	if err == nil {
		return t, nil
	}
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		return nil, s.errAt(se.Offset, "", fmt.Errorf("%v: %w", se, loader.ErrSyntax))
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return nil, s.errAt(s.dec.InputOffset(), "", fmt.Errorf("the JSON ends early (truncated?): %w", loader.ErrSyntax))
	}
	return nil, s.errAt(s.dec.InputOffset(), "", fmt.Errorf("%v: %w", err, loader.ErrSyntax))
}

func (s *jsonSource) next() (*record, error) {
	if s.state == 0 {
		if err := s.open(); err != nil {
			return nil, err
		}
		s.state = 1
	}
	if s.state == 2 {
		return nil, io.EOF
	}
	if !s.dec.More() {
		if _, err := s.token(); err != nil { // ']'
			return nil, err
		}
		s.state = 2
		if s.page {
			if err := s.skipRest(); err != nil {
				return nil, err
			}
		}
		if _, err := s.dec.Token(); !errors.Is(err, io.EOF) {
			return nil, s.errAt(s.dec.InputOffset(), "", fmt.Errorf("data after the events: %w", loader.ErrSyntax))
		}
		return nil, io.EOF
	}
	s.rows++
	start := s.dec.InputOffset()
	s.lim.mark = start
	if s.rows > s.max {
		return nil, s.errAt(start, "", fmt.Errorf("more than %d events: the MaxRows limit: %w", s.max, loader.ErrSyntax))
	}
	t, err := s.token()
	if err != nil {
		return nil, err
	}
	if t != json.Delim('{') {
		return nil, s.errAt(s.dec.InputOffset(), fmt.Sprintf("[%d]", s.rows-1), fmt.Errorf("want an event object, got %v: %w", t, loader.ErrSyntax))
	}
	line, col := s.lim.pos(s.dec.InputOffset() - 1)
	rec := &record{file: s.file, line: line, col: col, fields: make([]field, len(s.names)), names: s.names}
	for s.dec.More() {
		kt, err := s.token()
		if err != nil {
			return nil, err
		}
		key, _ := kt.(string)
		keyEnd := s.dec.InputOffset()
		vt, err := s.token()
		if err != nil {
			return nil, err
		}
		slot, known := s.slot[key]
		if !known {
			if d, ok := vt.(json.Delim); ok && (d == '{' || d == '[') {
				if err := s.skip(); err != nil {
					return nil, err
				}
			}
			continue
		}
		// Keys of the GED columns are plain ASCII: the key starts its
		// length and two quotes before its end.
		kl, kc := s.lim.pos(keyEnd - int64(len(key)+2))
		f := field{line: kl, col: kc, present: true}
		switch v := vt.(type) {
		case string:
			f.text = v
		case json.Number:
			f.text = v.String()
		case bool:
			f.text = "0"
			if v {
				f.text = "1"
			}
		case nil:
		default:
			return nil, &rowError{&loader.Error{File: s.file, Line: kl, Column: kc, Field: key,
				Err: fmt.Errorf("want a string, number, boolean or null: %w", loader.ErrSyntax)}}
		}
		rec.fields[slot] = f
	}
	if _, err := s.token(); err != nil { // '}'
		return nil, err
	}
	el, ec := s.lim.pos(s.dec.InputOffset() - 1)
	rec.end = field{line: el, col: ec}
	return rec, nil
}

// open reads up to the first event: '[' of a bare array, or the page
// object's keys up to "Result".
func (s *jsonSource) open() error {
	t, err := s.token()
	if err != nil {
		return err
	}
	switch t {
	case json.Delim('['):
		return nil
	case json.Delim('{'):
		s.page = true
		for s.dec.More() {
			kt, err := s.token()
			if err != nil {
				return err
			}
			if kt == "Result" {
				at := s.dec.InputOffset()
				t, err := s.token()
				if err != nil {
					return err
				}
				if t != json.Delim('[') {
					return s.errAt(at, "Result", fmt.Errorf("want an array of events: %w", ErrLayout))
				}
				return nil
			}
			if err := s.skipValue(); err != nil {
				return err
			}
		}
		return s.errAt(s.dec.InputOffset(), "", fmt.Errorf("an object without a \"Result\" array of events: %w", ErrLayout))
	}
	return s.errAt(s.dec.InputOffset(), "", fmt.Errorf("want an array of GED events or an API page: %w", ErrLayout))
}

// skipValue skips one value; skip skips the rest of an object or array
// whose opening token has been read.
func (s *jsonSource) skipValue() error {
	t, err := s.token()
	if err != nil {
		return err
	}
	if d, ok := t.(json.Delim); ok && (d == '{' || d == '[') {
		return s.skip()
	}
	return nil
}

func (s *jsonSource) skip() error {
	for depth := 1; depth > 0; {
		t, err := s.token()
		if err != nil {
			return err
		}
		switch t {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
	}
	return nil
}

// skipRest reads the page object's keys after "Result".
func (s *jsonSource) skipRest() error {
	for s.dec.More() {
		if _, err := s.token(); err != nil {
			return err
		}
		if err := s.skipValue(); err != nil {
			return err
		}
	}
	_, err := s.token() // '}'
	return err
}
