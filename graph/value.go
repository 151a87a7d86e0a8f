package graph

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/actorgraph/actorgraph/schema"
)

// Value is the value of an attribute: a [Text], an [Integer], a [Date] or an
// [IntRange].
type Value interface {
	// Datatype returns the schema datatype the value belongs to.
	Datatype() schema.Datatype
	// String returns the value's lexical form.
	String() string
}

// Text is a string value.
type Text string

// Integer is a whole-number value.
type Integer int64

// IntRange is an estimate with inclusive lower and upper bounds: 12000..15000.
type IntRange struct{ Low, High int64 }

// Datatype returns schema.Text.
func (Text) Datatype() schema.Datatype { return schema.Text }

// Datatype returns schema.Integer.
func (Integer) Datatype() schema.Datatype { return schema.Integer }

// Datatype returns schema.Date.
func (Date) Datatype() schema.Datatype { return schema.Date }

// Datatype returns schema.IntegerRange.
func (IntRange) Datatype() schema.Datatype { return schema.IntegerRange }

// String returns the text itself.
func (t Text) String() string { return string(t) }

// String returns the number in decimal.
func (i Integer) String() string { return strconv.FormatInt(int64(i), 10) }

// String returns "LOW..HIGH".
func (r IntRange) String() string {
	return strconv.FormatInt(r.Low, 10) + ".." + strconv.FormatInt(r.High, 10)
}

// ParseValue parses s as a value of datatype dt: a date for schema.Date,
// "LOW..HIGH" for schema.IntegerRange.
func ParseValue(dt schema.Datatype, s string) (Value, error) {
	switch dt {
	case schema.Text:
		return Text(s), nil
	case schema.Integer:
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%q is not a whole number", s)
		}
		return Integer(n), nil
	case schema.Date:
		return ParseDate(s)
	case schema.IntegerRange:
		lo, hi, ok := strings.Cut(s, "..")
		l, err1 := strconv.ParseInt(lo, 10, 64)
		h, err2 := strconv.ParseInt(hi, 10, 64)
		if !ok || err1 != nil || err2 != nil {
			return nil, fmt.Errorf("%q is not a range LOW..HIGH of whole numbers", s)
		}
		r := IntRange{l, h}
		if l > h {
			return nil, fmt.Errorf("range %q: low bound is above high bound", s)
		}
		return r, nil
	}
	return nil, fmt.Errorf("unknown datatype %v", dt)
}

// toQuad returns v as a quad literal with a full datatype IRI and its canonical
// lexical form.
func toQuad(v Value) quad.Value {
	switch v := v.(type) {
	case Text:
		return quad.String(v)
	case Integer:
		return quad.TypedString{Value: quad.String(v.String()), Type: quad.IRI(schema.XSDInteger)}
	case Date:
		return quad.TypedString{Value: quad.String(v.String()), Type: quad.IRI(v.datatypeIRI())}
	case IntRange:
		return quad.TypedString{Value: quad.String(v.String()), Type: quad.IRI(schema.RangeType)}
	}
	return nil
}

// fromQuad decodes a literal written by toQuad. It returns false for anything else.
func fromQuad(q quad.Value) (Value, bool) {
	switch q := q.(type) {
	case quad.String:
		return Text(q), true
	case quad.LangString:
		return Text(q.Value), true
	case quad.TypedString:
		var dt schema.Datatype
		switch schema.IRI(q.Type) {
		case schema.XSDString:
			return Text(q.Value), true
		case schema.XSDInteger:
			dt = schema.Integer
		case schema.XSDYear, schema.XSDYearMonth, schema.XSDDate:
			dt = schema.Date
		case schema.RangeType:
			dt = schema.IntegerRange
		default:
			return nil, false
		}
		v, err := ParseValue(dt, string(q.Value))
		return v, err == nil
	}
	return nil, false
}
