package loader

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

// CSVColumns are the columns of a claim table, in the order WriteCSV writes
// them. A table read by LoadCSV needs a header naming its columns, in any
// order; subject, relation, object, source and reported are required.
var CSVColumns = []string{"claim", "subject", "relation", "object", "source", "via", "stance", "retracts",
	"reported", "valid_from", "valid_until", "quote", "note", "confidence"}

// WriteCSV writes g's facts as a claim table: one row per fact and claim, with
// the claim's metadata repeated on each of its rows. Entities are written as
// full IRIs; relation and attribute columns as the vocabulary's short names.
// Entity definitions (kinds, names) are not in the table: export them with
// WriteNQuads or keep the dataset that defines them. A retraction, which
// labels no fact, is a row of its own with empty subject, relation and
// object; a merge is a row of relation "sameAs".
//
// The table is RFC 4180 with "\n" between rows. A cell is quoted when it holds
// a comma, a quote, CR or LF, or begins or ends with white space, so that
// LoadCSV, which trims unquoted cells, reads it exactly; line breaks inside a
// cell are written as they are stored (CR LF stays CR LF). A cell that begins
// with '=', '+', '-', '@', TAB or CR, which a spreadsheet would run as a
// formula, is written with a "'" before it (the OWASP rule); so is a cell that
// begins with "'" itself, so that LoadCSV, which removes one leading "'" from
// every cell, reads back exactly what was stored.
func WriteCSV(ctx context.Context, w io.Writer, g *graph.Graph) error {
	v := g.Vocabulary()
	var facts []graph.Statement
	var retractions []schema.IRI // claims without facts, written as rows of their own
	if err := g.Statements(ctx, func(st graph.Statement) error {
		if st.Claim != "" && st.Claim != schema.VocabularyGraph { // the vocabulary is no fact
			facts = append(facts, st)
		}
		if st.Claim == "" && st.Predicate == schema.Stance && st.Object.IRI == schema.Retracted {
			retractions = append(retractions, st.Subject)
		}
		return nil
	}); err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	writeCSVRow(bw, CSVColumns)
	claims := map[schema.IRI]graph.Claim{}
	for i, st := range facts {
		if i%checkEvery == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		c, ok := claims[st.Claim]
		if !ok {
			var err error
			if c, err = g.Claim(ctx, st.Claim); err != nil {
				return err
			}
			claims[st.Claim] = c
		}
		term, object := v.RelationName(schema.Relation(st.Predicate)), string(st.Object.IRI)
		switch {
		case st.Object.IsLiteral():
			term, object = v.AttributeName(schema.Attribute(st.Predicate)), st.Object.Lexical
		case st.Predicate == schema.SameEntity:
			term = "sameAs"
		}
		writeClaimRow(bw, c, string(st.Subject), term, object)
	}
	for _, id := range retractions {
		c, err := g.Claim(ctx, id)
		if err != nil {
			return err
		}
		writeClaimRow(bw, c, "", "", "")
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return bw.Flush()
}

// writeClaimRow writes one row of claim c, for the fact subject term object
// (all three empty for a retraction, which labels no fact).
func writeClaimRow(bw *bufio.Writer, c graph.Claim, subject, term, object string) {
	conf := ""
	if c.Confidence != 0 {
		conf = strconv.FormatFloat(c.Confidence, 'f', -1, 64)
	}
	writeCSVRow(bw, []string{string(c.ID), subject, term, object, string(c.Source.ID), string(c.Via.ID),
		c.Stance.String(), string(c.Retracts), c.Reported.String(), c.ValidFrom.String(), c.ValidUntil.String(), c.Quote, c.Note, conf})
}

// checkEvery is how many records an export writes between looks at its
// context.
const checkEvery = 1024

// writeCSVRow writes one row; bufio.Writer keeps the first error for Flush.
func writeCSVRow(bw *bufio.Writer, cells []string) {
	for i, c := range cells {
		if i > 0 {
			bw.WriteByte(',')
		}
		c = escapeFormula(c)
		if !needsQuotes(c) {
			bw.WriteString(c)
			continue
		}
		bw.WriteByte('"')
		bw.WriteString(strings.ReplaceAll(c, `"`, `""`))
		bw.WriteByte('"')
	}
	bw.WriteByte('\n')
}

// escapeFormula puts "'" before a cell a spreadsheet would run as a formula,
// and before a cell that begins with "'", so that unescapeFormula reverses it.
func escapeFormula(c string) string {
	if c != "" && strings.IndexByte("=+-@\t\r'", c[0]) >= 0 {
		return "'" + c
	}
	return c
}

// unescapeFormula removes the "'" escapeFormula adds.
func unescapeFormula(c string) string { return strings.TrimPrefix(c, "'") }

func needsQuotes(c string) bool {
	if c == "" {
		return false
	}
	if strings.ContainsAny(c, ",\"\r\n") {
		return true
	}
	first, _ := utf8.DecodeRuneInString(c)
	last, _ := utf8.DecodeLastRuneInString(c)
	return unicode.IsSpace(first) || unicode.IsSpace(last)
}

// LoadCSV reads a claim table (see CSVColumns) from r into g, in one atomic
// batch, validated as every load is. The entities it names must be in g
// already. Subject, object, source and via cells may hold a full IRI, an
// identifier relative to WithBase, or a name or alias that resolves to exactly
// one entity (ignoring case and accents): an ambiguous or unknown name is an
// error naming the row and column. The relation cell holds a relation or an
// attribute (whose value the object cell then holds). The stance cell holds
// asserted (the default), denied or retracted; a retracted claim names the
// claim it withdraws in the retracts cell. Rows with the same claim id share
// one claim, and must agree on its metadata; a row without a claim id gets one
// derived from its content, so that loading a table twice adds nothing.
//
// Cells are read as WriteCSV writes them: a quoted cell exactly as it stands
// (white space, CR LF and all), an unquoted one with its edge white space
// trimmed (for tables written by hand); then one leading "'" is removed from
// every cell (the escape WriteCSV puts before formula-like cells). Errors are
// *Error values whose Line and Column are where the offending cell starts,
// and whose Field is its column's name.
func LoadCSV(ctx context.Context, g *graph.Graph, name string, r io.Reader, opts ...Option) (Stats, error) {
	o := collectOptions(opts)
	cr := newCSVReader(name, r, o.limits)
	header, err := cr.read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return Stats{}, &Error{File: name, Line: 1, Column: 1, Err: fmt.Errorf("empty table: want a header row naming %s: %w", strings.Join(CSVColumns, ", "), ErrSyntax)}
		}
		return Stats{}, err
	}
	col := map[string]int{}
	for i, hc := range header {
		h := strings.ToLower(strings.TrimSpace(strings.TrimPrefix(hc.text, "\ufeff")))
		if !slices.Contains(CSVColumns, h) {
			return Stats{}, &Error{File: name, Line: hc.line, Column: hc.column, Text: clip(h), Err: fmt.Errorf("unknown column; want some of %s: %w", strings.Join(CSVColumns, ", "), ErrSyntax)}
		}
		if _, dup := col[h]; dup {
			return Stats{}, &Error{File: name, Line: hc.line, Column: hc.column, Text: h, Err: fmt.Errorf("column given twice: %w", ErrSyntax)}
		}
		col[h] = i
	}
	for _, req := range []string{"subject", "relation", "object", "source", "reported"} {
		if _, ok := col[req]; !ok {
			last := header[len(header)-1]
			return Stats{}, &Error{File: name, Line: last.line, Column: last.column + utf8.RuneCountInString(last.raw),
				Err: fmt.Errorf("no %q column: %w", req, ErrSyntax)}
		}
	}
	v := g.Vocabulary()
	type row struct {
		claimAt place // the claim cell, or the row's first cell
		claim   graph.Claim
		fact    factRec
		subjAt  place
		objAt   place
	}
	var rows []row
	resolved := map[string]schema.IRI{}
	n := 0
	for {
		rec, err := cr.read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return Stats{}, err
		}
		n++
		if n > o.maxRecords {
			return Stats{}, syntax(place{file: name, line: rec[0].line, column: rec[0].column},
				"more than %d rows: the MaxRecords limit", o.maxRecords)
		}
		cell := func(c string) (string, place) {
			i, ok := col[c]
			if !ok || i >= len(rec) {
				// A short row: the missing cell would start after the last one.
				last := rec[len(rec)-1]
				return "", place{file: name, line: last.endLine, column: last.endColumn, field: c}
			}
			return rec[i].text, place{file: name, line: rec[i].line, column: rec[i].column, field: c, text: rec[i].raw}
		}
		entity := func(c string) (schema.IRI, error) {
			s, at := cell(c)
			if s == "" {
				return "", nil
			}
			if id, ok := resolved[s]; ok {
				return id, nil
			}
			var id schema.IRI
			switch {
			case schema.IsAbsolute(s):
				id = schema.IRI(s)
				if !exists(ctx, g, id) {
					return "", at.wrap(fmt.Errorf("%s is not an entity of the graph: %w", clip(s), graph.ErrDangling))
				}
			case o.base != "" && exists(ctx, g, schema.IRI(o.base+s)):
				id = schema.IRI(o.base + s)
			default:
				e, err := g.ResolveOne(ctx, s)
				if err != nil {
					return "", at.wrap(err)
				}
				id = e.ID
			}
			resolved[s] = id
			return id, nil
		}
		// required is entity for a column that must name one.
		required := func(c string) (schema.IRI, error) {
			id, err := entity(c)
			if err == nil && id == "" {
				_, at := cell(c)
				err = syntax(at, "empty %s", c)
			}
			return id, err
		}
		var rw row
		// A retraction labels no fact: its row leaves the fact's cells empty.
		stanceText, _ := cell("stance")
		subjText, _ := cell("subject")
		termText, _ := cell("relation")
		objText, _ := cell("object")
		claimOnly := stanceText == "retracted" && subjText == "" && termText == "" && objText == ""
		var subj schema.IRI
		if !claimOnly {
			if subj, err = required("subject"); err != nil {
				return Stats{}, err
			}
		}
		_, rw.subjAt = cell("subject")
		src, err := required("source")
		if err != nil {
			return Stats{}, err
		}
		via, err := entity("via")
		if err != nil {
			return Stats{}, err
		}
		c := graph.Claim{Source: graph.Entity{ID: src}, Via: graph.Entity{ID: via}}
		switch s, at := cell("stance"); s {
		case "", "asserted":
		case "denied":
			c.Stance = graph.Denied
		case "retracted":
			c.Stance = graph.Retracted
		default:
			return Stats{}, syntax(at, "want asserted, denied or retracted")
		}
		if s, at := cell("retracts"); s != "" {
			id, err := claimIRI(s, o.base)
			if err != nil {
				return Stats{}, syntax(at, "%v", err)
			}
			c.Retracts = id
		}
		for _, d := range []struct {
			col string
			dst *graph.Date
		}{{"reported", &c.Reported}, {"valid_from", &c.ValidFrom}, {"valid_until", &c.ValidUntil}} {
			s, at := cell(d.col)
			if s == "" {
				continue
			}
			if *d.dst, err = graph.ParseDate(s); err != nil {
				return Stats{}, syntax(at, "%v", err)
			}
		}
		c.Quote, _ = cell("quote")
		c.Note, _ = cell("note")
		if s, at := cell("confidence"); s != "" {
			if c.Confidence, err = strconv.ParseFloat(s, 64); err != nil || c.Confidence <= 0 || c.Confidence > 1 {
				return Stats{}, syntax(at, "want a number above 0 and at most 1")
			}
		}
		term, tat := cell("relation")
		object, oat := cell("object")
		rw.objAt = oat
		iri, ok := v.Lookup(term)
		if !ok {
			iri = schema.IRI(term)
		}
		if claimOnly {
			// no fact
		} else if term == "sameAs" || iri == schema.SameEntity {
			obj, err := required("object")
			if err != nil {
				return Stats{}, err
			}
			rw.fact = factRec{at: tat, rel: &graph.Fact{Subject: subj, Relation: schema.Relation(schema.SameEntity), Object: obj}}
		} else if def, ok := v.Relation(schema.Relation(iri)); ok {
			obj, err := required("object")
			if err != nil {
				return Stats{}, err
			}
			rw.fact = factRec{at: tat, rel: &graph.Fact{Subject: subj, Relation: def.Relation, Object: obj}}
		} else if def, ok := v.Attribute(schema.Attribute(iri)); ok {
			val, err := graph.ParseValue(def.Datatype, object)
			if err != nil {
				return Stats{}, syntax(oat, "%s takes %v: %v", def.Name, def.Datatype, err)
			}
			rw.fact = factRec{at: tat, attr: &graph.AttributeFact{Subject: subj, Attribute: def.Attribute, Value: val}}
		} else if o.lenient {
			continue
		} else {
			return Stats{}, tat.wrap(fmt.Errorf("unknown relation or attribute %q: %w", clip(term), graph.ErrUnknownTerm))
		}
		idText, idAt := cell("claim")
		rw.claimAt = idAt
		if _, ok := col["claim"]; !ok {
			rw.claimAt = place{file: name, line: rec[0].line, column: rec[0].column, field: "claim"}
		}
		switch {
		case idText == "":
			raw := make([]string, len(rec))
			for i, rc := range rec {
				raw[i] = rc.raw
			}
			sum := sha256.Sum256([]byte(strings.Join(raw, "\x1f")))
			base := o.base
			if base == "" {
				base = "urn:actorgraph:claim:"
			}
			c.ID = schema.IRI(base + "claim-" + hex.EncodeToString(sum[:8]))
		default:
			if c.ID, err = claimIRI(idText, o.base); err != nil {
				return Stats{}, syntax(idAt, "%v", err)
			}
		}
		rw.claim = c
		rows = append(rows, rw)
		if o.progress != nil && n%1000 == 0 {
			o.progress(Progress{Records: n, Bytes: cr.offset})
		}
		if n%checkEvery == 0 {
			if err := ctx.Err(); err != nil {
				return Stats{}, err
			}
		}
	}
	var st Stats
	claims := map[schema.IRI]place{}
	// A retraction names a claim that must already be in the batch.
	rows = slices.Concat(
		slices.DeleteFunc(slices.Clone(rows), func(rw row) bool { return rw.claim.Stance == graph.Retracted }),
		slices.DeleteFunc(slices.Clone(rows), func(rw row) bool { return rw.claim.Stance != graph.Retracted }))
	err = g.Write(ctx, func(tx *graph.Tx) error {
		for i, rw := range rows {
			rows[i] = row{} // the batch holds its own copy from here
			if prev, seen := claims[rw.claim.ID]; !seen {
				if err := tx.AddClaim(rw.claim); err != nil {
					return rw.claimAt.wrap(err)
				}
				claims[rw.claim.ID] = rw.claimAt
				st.Claims++
			} else if err := tx.AddClaim(rw.claim); err != nil {
				return rw.claimAt.wrap(fmt.Errorf("claim %s differs from its row at line %d: %w", rw.claim.ID, prev.line, err))
			}
			f := rw.fact
			switch {
			case f.attr != nil:
				a := *f.attr
				a.Claim = rw.claim.ID
				f.attr = &a
			case f.rel != nil:
				r := *f.rel
				r.Claim = rw.claim.ID
				f.rel = &r
			default:
				continue // a retraction's row
			}
			err := assertFact(tx, f)
			if err != nil {
				// Place the error at the cell that is wrong.
				switch {
				case errors.Is(err, graph.ErrDomain):
					return rw.subjAt.wrap(err)
				case errors.Is(err, graph.ErrRange):
					return rw.objAt.wrap(err)
				}
				return rw.fact.at.wrap(err)
			}
			st.Facts++
		}
		return nil
	})
	if err != nil {
		return Stats{}, err
	}
	if o.progress != nil {
		o.progress(Progress{Records: n, Bytes: cr.offset, Done: true})
	}
	return st, nil
}

// claimIRI resolves a claim id cell: a full IRI, or an id relative to base.
func claimIRI(s, base string) (schema.IRI, error) {
	switch {
	case schema.IsAbsolute(s):
		return schema.IRI(s), nil
	case base != "":
		return schema.IRI(base + s), nil
	}
	return "", errors.New("claim id is not an absolute IRI; give one, or a base with WithBase")
}

func exists(ctx context.Context, g *graph.Graph, id schema.IRI) bool {
	_, err := g.Entity(ctx, id)
	return err == nil
}

// csvCell is one cell as read: its text (trimmed if unquoted, unescaped), the
// text as it stood, and where it starts and ends.
type csvCell struct {
	text, raw          string
	line, column       int
	endLine, endColumn int // just past the cell
}

// csvReader reads RFC 4180 records, keeping quoted cells exactly (encoding/csv
// turns CR LF inside a quoted cell into LF, and does not say which cells were
// quoted) and bounding what it holds.
type csvReader struct {
	name         string
	r            *bufio.Reader
	lim          limits
	line, column int   // where the next byte stands
	offset       int64 // bytes read
	started      bool
}

func newCSVReader(name string, r io.Reader, lim limits) *csvReader {
	return &csvReader{name: name, r: bufio.NewReader(r), lim: lim, line: 1, column: 1}
}

func (cr *csvReader) fail(line, col int, format string, args ...any) error {
	return &Error{File: cr.name, Line: line, Column: col, Err: fmt.Errorf("%s: %w", fmt.Sprintf(format, args...), ErrSyntax)}
}

// next reads a byte, keeping the position; it returns io.EOF at the end.
func (cr *csvReader) next() (byte, error) {
	c, err := cr.r.ReadByte()
	if err != nil {
		if !errors.Is(err, io.EOF) {
			return 0, &Error{File: cr.name, Line: cr.line, Column: cr.column, Err: err}
		}
		return 0, io.EOF
	}
	cr.offset++
	if cr.offset > cr.lim.maxFile {
		return 0, cr.fail(cr.line, cr.column, "input longer than %d bytes: the MaxFileBytes limit", cr.lim.maxFile)
	}
	switch {
	case c == '\n':
		cr.line, cr.column = cr.line+1, 1
	case utf8.RuneStart(c):
		cr.column++
	}
	return c, nil
}

func (cr *csvReader) peek() (byte, bool) {
	b, err := cr.r.Peek(1)
	return firstByte(b), err == nil
}

func firstByte(b []byte) byte {
	if len(b) == 0 {
		return 0
	}
	return b[0]
}

// read returns the next record; io.EOF at the end. Empty lines are skipped.
func (cr *csvReader) read() ([]csvCell, error) {
	if !cr.started {
		cr.started = true
		if b, err := cr.r.Peek(3); err == nil && string(b) == "\ufeff" {
			cr.r.Discard(3)
			cr.offset += 3
		}
	}
	for {
		c, ok := cr.peek()
		if !ok {
			return nil, io.EOF
		}
		if c == '\n' {
			cr.next()
			continue
		}
		if c == '\r' {
			if b, err := cr.r.Peek(2); err == nil && b[1] == '\n' {
				cr.next()
				cr.next()
				continue
			}
		}
		break
	}
	startLine, startCol, startOff := cr.line, cr.column, cr.offset
	var rec []csvCell
	for {
		cell, end, err := cr.cell()
		if err != nil {
			return nil, err
		}
		if cr.offset-startOff > cr.lim.maxLine {
			return nil, cr.fail(startLine, startCol, "record longer than %d bytes: the MaxLineBytes limit", cr.lim.maxLine)
		}
		rec = append(rec, cell)
		if end {
			return rec, nil
		}
	}
}

// cell reads one cell and the separator after it; end is true when the
// record ends after it.
func (cr *csvReader) cell() (csvCell, bool, error) {
	cell := csvCell{line: cr.line, column: cr.column}
	var b strings.Builder
	grow := func(c byte) error {
		if int64(b.Len()) >= cr.lim.maxLiteral {
			return cr.fail(cell.line, cell.column, "cell longer than %d bytes: the MaxLiteralBytes limit", cr.lim.maxLiteral)
		}
		b.WriteByte(c)
		return nil
	}
	// endOfCell reads the separator: ',' (more cells follow), or a line break
	// or the end of input (the record ends).
	endOfCell := func() (bool, error) {
		cell.endLine, cell.endColumn = cr.line, cr.column
		c, err := cr.next()
		switch {
		case errors.Is(err, io.EOF):
			return true, nil
		case err != nil:
			return false, err
		case c == ',':
			return false, nil
		case c == '\n':
			return true, nil
		}
		// c is '\r', followed by '\n' (the callers make sure).
		cr.next()
		return true, nil
	}
	if c, ok := cr.peek(); ok && c == '"' {
		cr.next()
		for {
			c, err := cr.next()
			if errors.Is(err, io.EOF) {
				return cell, false, cr.fail(cell.line, cell.column, "quoted cell not closed with '\"'")
			}
			if err != nil {
				return cell, false, err
			}
			if c != '"' {
				if err := grow(c); err != nil {
					return cell, false, err
				}
				continue
			}
			if d, ok := cr.peek(); ok && d == '"' {
				cr.next()
				if err := grow('"'); err != nil {
					return cell, false, err
				}
				continue
			}
			break
		}
		d, ok := cr.peek()
		if ok && d != ',' && d != '\n' && !(d == '\r' && cr.crlf()) {
			return cell, false, cr.fail(cr.line, cr.column, "text after the closing quote of a cell; double a quote inside a quoted cell")
		}
		cell.raw = b.String()
		cell.text = unescapeFormula(cell.raw)
		end, err := endOfCell()
		return cell, end, err
	}
	for {
		c, ok := cr.peek()
		if !ok || c == ',' || c == '\n' || (c == '\r' && cr.crlf()) {
			break
		}
		if c == '"' {
			return cell, false, cr.fail(cr.line, cr.column, "a quote inside an unquoted cell; quote the whole cell and double the quote")
		}
		cr.next()
		if err := grow(c); err != nil {
			return cell, false, err
		}
	}
	cell.raw = b.String()
	cell.text = unescapeFormula(strings.TrimSpace(cell.raw))
	end, err := endOfCell()
	return cell, end, err
}

// crlf reports whether the next two bytes are CR LF.
func (cr *csvReader) crlf() bool {
	b, err := cr.r.Peek(2)
	return err == nil && b[0] == '\r' && b[1] == '\n'
}
