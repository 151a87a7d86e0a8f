package loader

import (
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

// CSVColumns are the columns of a claim table, in the order WriteCSV writes
// them. A table read by LoadCSV needs a header naming its columns, in any
// order; subject, relation, object, source and reported are required.
var CSVColumns = []string{"claim", "subject", "relation", "object", "source", "via", "stance",
	"reported", "valid_from", "valid_until", "quote", "note", "confidence"}

// WriteCSV writes g's facts as a claim table: one row per fact and claim, with
// the claim's metadata repeated on each of its rows. Entities are written as
// full IRIs; relation and attribute columns as the vocabulary's short names.
// Entity definitions (kinds, names) are not in the table: export them with
// WriteNQuads or keep the dataset that defines them.
func WriteCSV(ctx context.Context, w io.Writer, g *graph.Graph) error {
	v := g.Vocabulary()
	var facts []graph.Statement
	if err := g.Statements(ctx, func(st graph.Statement) error {
		if st.Claim != "" {
			facts = append(facts, st)
		}
		return nil
	}); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVColumns); err != nil {
		return err
	}
	claims := map[schema.IRI]graph.Claim{}
	for _, st := range facts {
		c, ok := claims[st.Claim]
		if !ok {
			var err error
			if c, err = g.Claim(ctx, st.Claim); err != nil {
				return err
			}
			claims[st.Claim] = c
		}
		term, object := v.RelationName(schema.Relation(st.Predicate)), string(st.Object.IRI)
		if st.Object.IsLiteral() {
			term, object = v.AttributeName(schema.Attribute(st.Predicate)), st.Object.Lexical
		}
		conf := ""
		if c.Confidence != 0 {
			conf = strconv.FormatFloat(c.Confidence, 'f', -1, 64)
		}
		row := []string{string(c.ID), string(st.Subject), term, object, string(c.Source.ID), string(c.Via.ID),
			c.Stance.String(), c.Reported.String(), c.ValidFrom.String(), c.ValidUntil.String(), c.Quote, c.Note, conf}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// LoadCSV reads a claim table (see CSVColumns) from r into g, in one atomic
// batch, validated as every load is. The entities it names must be in g
// already. Subject, object, source and via cells may hold a full IRI, an
// identifier relative to WithBase, or a name or alias that resolves to exactly
// one entity (ignoring case and accents): an ambiguous or unknown name is an
// error naming the row and column. The relation cell holds a relation or an
// attribute (whose value the object cell then holds). Rows with the same claim
// id share one claim, and must agree on its metadata; a row without a claim id
// gets one derived from its content, so that loading a table twice adds
// nothing. Errors are *Error values with line and column.
func LoadCSV(ctx context.Context, g *graph.Graph, name string, r io.Reader, opts ...Option) (Stats, error) {
	o := collectOptions(opts)
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return Stats{}, &Error{File: name, Line: 1, Err: fmt.Errorf("empty table: want a header row naming %s: %w", strings.Join(CSVColumns, ", "), ErrSyntax)}
		}
		return Stats{}, csvError(name, err)
	}
	col := map[string]int{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		if !slices.Contains(CSVColumns, h) {
			line, c := cr.FieldPos(i)
			return Stats{}, &Error{File: name, Line: line, Column: c, Text: h, Err: fmt.Errorf("unknown column; want some of %s: %w", strings.Join(CSVColumns, ", "), ErrSyntax)}
		}
		if _, dup := col[h]; dup {
			line, c := cr.FieldPos(i)
			return Stats{}, &Error{File: name, Line: line, Column: c, Text: h, Err: fmt.Errorf("column given twice: %w", ErrSyntax)}
		}
		col[h] = i
	}
	for _, req := range []string{"subject", "relation", "object", "source", "reported"} {
		if _, ok := col[req]; !ok {
			return Stats{}, &Error{File: name, Line: 1, Err: fmt.Errorf("no %q column: %w", req, ErrSyntax)}
		}
	}
	v := g.Vocabulary()
	type row struct {
		at    place
		claim graph.Claim
		fact  factRec
	}
	var rows []row
	resolved := map[string]schema.IRI{}
	n := 0
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return Stats{}, csvError(name, err)
		}
		n++
		cell := func(c string) (string, place) {
			i, ok := col[c]
			if !ok || i >= len(rec) {
				line, _ := cr.FieldPos(0)
				return "", place{file: name, line: line, field: c}
			}
			line, column := cr.FieldPos(i)
			return strings.TrimSpace(rec[i]), place{file: name, line: line, column: column, field: c, text: rec[i]}
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
		subj, err := required("subject")
		if err != nil {
			return Stats{}, err
		}
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
		default:
			return Stats{}, syntax(at, "want asserted or denied")
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
		iri, ok := v.Lookup(term)
		if !ok {
			iri = schema.IRI(term)
		}
		rw.at = tat
		if def, ok := v.Relation(schema.Relation(iri)); ok {
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
			return Stats{}, tat.wrap(fmt.Errorf("unknown relation or attribute %q: %w", term, graph.ErrUnknownTerm))
		}
		idText, idAt := cell("claim")
		switch {
		case idText == "":
			sum := sha256.Sum256([]byte(strings.Join(rec, "\x1f")))
			base := o.base
			if base == "" {
				base = "urn:actorgraph:claim:"
			}
			c.ID = schema.IRI(base + "claim-" + hex.EncodeToString(sum[:8]))
		case schema.IsAbsolute(idText):
			c.ID = schema.IRI(idText)
		case o.base != "":
			c.ID = schema.IRI(o.base + idText)
		default:
			return Stats{}, syntax(idAt, "claim id is not an absolute IRI; give one, or a base with WithBase")
		}
		rw.claim = c
		rows = append(rows, rw)
		if o.progress != nil && n%1000 == 0 {
			o.progress(Progress{Records: n, Bytes: cr.InputOffset()})
		}
	}
	var st Stats
	claims := map[schema.IRI]place{}
	err = g.Write(ctx, func(tx *graph.Tx) error {
		for i, rw := range rows {
			rows[i] = row{} // the batch holds its own copy from here
			if prev, seen := claims[rw.claim.ID]; !seen {
				if err := tx.AddClaim(rw.claim); err != nil {
					return rw.at.wrap(err)
				}
				claims[rw.claim.ID] = rw.at
				st.Claims++
			} else if err := tx.AddClaim(rw.claim); err != nil {
				return rw.at.wrap(fmt.Errorf("claim %s differs from its row at line %d: %w", rw.claim.ID, prev.line, err))
			}
			var err error
			if rw.fact.attr != nil {
				f := *rw.fact.attr
				f.Claim = rw.claim.ID
				err = tx.AssertAttribute(f)
			} else {
				f := *rw.fact.rel
				f.Claim = rw.claim.ID
				err = tx.Assert(f)
			}
			if err != nil {
				return rw.at.wrap(err)
			}
			st.Facts++
		}
		return nil
	})
	if err != nil {
		return Stats{}, err
	}
	if o.progress != nil {
		o.progress(Progress{Records: n, Bytes: cr.InputOffset(), Done: true})
	}
	return st, nil
}

func exists(ctx context.Context, g *graph.Graph, id schema.IRI) bool {
	_, err := g.Entity(ctx, id)
	return err == nil
}

func csvError(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &Error{File: name, Line: pe.Line, Column: pe.Column, Err: fmt.Errorf("%v: %w", pe.Err, ErrSyntax)}
	}
	return &Error{File: name, Err: err}
}
