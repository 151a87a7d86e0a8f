package graph

import (
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/actorgraph/actorgraph/schema"
)

// ValueTest is a test on an attribute's value, for [Query.WhereAttr]:
// [Before], [After] and [Within] compare dates; [AtLeast], [AtMost] and
// [Overlaps] compare numbers (an [Integer], or an [IntRange] estimate);
// [Equals] compares values of any datatype.
//
// A Date names a period and an IntRange a span of numbers, so a test asks by
// default whether the value possibly passes, for some day of the period or
// some number of the span, as [AsOf] asks whether a claim possibly holds; its
// Certainly method asks whether the value certainly passes, for every day or
// every number. A founding in "2014" is certainly before 2015; one in
// "2015-03" is not before 2015 at all; one in "2015" is possibly before
// June 2015, not certainly.
//
// A test that does not fit the attribute's datatype (Overlaps on a date) is
// ErrInvalid when the query runs, naming the attribute and its datatype.
type ValueTest struct {
	name    string
	accepts []schema.Datatype
	certain bool
	pass    func(v Value, certain bool) bool
	dates   []Date // the dates the test compares with, checked when the query runs
}

// Certainly returns t asking that the value certainly pass: every day of a
// date's period, every number of a range's span. Equals is exact either way.
func (t ValueTest) Certainly() ValueTest {
	t.certain = true
	return t
}

// String returns the test as written: "Before(2015)", "Certainly Overlaps(10000)".
func (t ValueTest) String() string {
	if t.certain {
		return "Certainly " + t.name
	}
	return t.name
}

// dateTest is a test of a date value's period [start, end).
func dateTest(name string, pass func(start, end time.Time, certain bool) bool, dates ...Date) ValueTest {
	return ValueTest{name: name, accepts: []schema.Datatype{schema.Date}, dates: dates,
		pass: func(v Value, certain bool) bool {
			d, ok := v.(Date)
			return ok && !d.IsZero() && pass(d.Start(), d.End(), certain)
		}}
}

// Before passes a date value that falls before the period d names: possibly,
// when its period starts before d's does; certainly, when its period ends
// by then. Before(Year(2015)) passes "2014" certainly, "2015" and "2015-03"
// not at all; Before(Month(2015, 6)) passes "2015" possibly.
func Before(d Date) ValueTest {
	return dateTest("Before("+d.String()+")", func(start, end time.Time, certain bool) bool {
		if certain {
			return !end.After(d.Start())
		}
		return start.Before(d.Start())
	}, d)
}

// After passes a date value that falls after the period d names: possibly,
// when its period ends after d's does; certainly, when it starts after d's
// ends. After(Year(2016)) passes "2017" certainly; After(Month(2017, 6))
// passes "2017" possibly.
func After(d Date) ValueTest {
	return dateTest("After("+d.String()+")", func(start, end time.Time, certain bool) bool {
		if certain {
			return !start.Before(d.End())
		}
		return end.After(d.End())
	}, d)
}

// Within passes a date value that falls between the first instant of from
// and the end of until: possibly, when its period overlaps that window;
// certainly, when its period lies inside it. Within(Year(2014), Year(2017))
// passes "2017" certainly and "2010" not at all; Within(d, d) asks about the
// period d names.
func Within(from, until Date) ValueTest {
	return dateTest("Within("+from.String()+", "+until.String()+")", func(start, end time.Time, certain bool) bool {
		ws, we := from.Start(), until.End()
		if certain {
			return !start.Before(ws) && !end.After(we)
		}
		return start.Before(we) && ws.Before(end)
	}, from, until)
}

// numberTest is a test of a number value as a span [lo, hi]: an Integer is
// a span of one number.
func numberTest(name string, pass func(lo, hi int64, certain bool) bool) ValueTest {
	return ValueTest{name: name, accepts: []schema.Datatype{schema.Integer, schema.IntegerRange},
		pass: func(v Value, certain bool) bool {
			switch v := v.(type) {
			case Integer:
				return pass(int64(v), int64(v), certain)
			case IntRange:
				return pass(v.Low, v.High, certain)
			}
			return false
		}}
}

// AtLeast passes a number of at least n, or an estimate that possibly
// reaches n (its high bound does) or, with Certainly, certainly does (its low
// bound does).
func AtLeast(n int64) ValueTest {
	return numberTest("AtLeast("+strconv.FormatInt(n, 10)+")", func(lo, hi int64, certain bool) bool {
		if certain {
			return lo >= n
		}
		return hi >= n
	})
}

// AtMost passes a number of at most n, or an estimate that possibly stays
// at or below n (its low bound does) or, with Certainly, certainly does (its
// high bound does).
func AtMost(n int64) ValueTest {
	return numberTest("AtMost("+strconv.FormatInt(n, 10)+")", func(lo, hi int64, certain bool) bool {
		if certain {
			return hi <= n
		}
		return lo <= n
	})
}

// Overlaps passes the number n, or an estimate whose span holds n: a
// membership estimate of 8000..12000 overlaps 10000. With Certainly, only an
// estimate of exactly n (n..n) passes.
func Overlaps(n int64) ValueTest {
	return numberTest("Overlaps("+strconv.FormatInt(n, 10)+")", func(lo, hi int64, certain bool) bool {
		if certain {
			return lo == n && hi == n
		}
		return lo <= n && n <= hi
	})
}

// Equals passes a value equal to v, of v's datatype: the same text (case
// and all), number, range, or date at the same precision (Equals(Year(2017))
// passes "2017", not "2017-03"; Within compares periods).
func Equals(v Value) ValueTest {
	t := ValueTest{name: "Equals(<nil>)", pass: func(x Value, _ bool) bool { return x == v }}
	switch d := v.(type) {
	case Text, Integer, IntRange, Date:
		// The library's own values, comparable with ==; any other type
		// (nil included) accepts no datatype, and the query says so.
		t.name = "Equals(" + strconv.Quote(v.String()) + ")"
		t.accepts = []schema.Datatype{v.Datatype()}
		if d, ok := d.(Date); ok {
			t.dates = []Date{d}
		}
	case nil:
	default:
		t.name = fmt.Sprintf("Equals(%T)", v)
	}
	return t
}

// attrConstraint is a constraint of WhereAttr: some value of attr passes
// every test.
type attrConstraint struct {
	attr  schema.Attribute
	tests []ValueTest
}

// WhereAttr adds a constraint on attribute a: a match must have a value of a
// that passes every test (with no test, any value), asserted by a claim that
// passes the query's filters, as a relation constraint's edge is. The claims
// of the values that pass go into the Match's Evidence.
//
//	// organizations certainly founded before 2015
//	graph.Find(schema.Organization).WhereAttr(schema.Founded, graph.Before(graph.Year(2015)).Certainly())
//	// a membership estimate that may be 10,000
//	graph.Find(schema.Organization).WhereAttr(schema.MembersEstimate, graph.Overlaps(10000))
//
// The tests of one call are met by one value; constraints of separate calls
// may be met by different values (two sources giving two founding dates).
// The query's filters choose which claims count: with AsOf(d), a value whose
// claim holds at d; with BySource(s), a value s gives; with MinConfidence(p),
// a value a claim rated p or more gives. The query's Certainly is about when
// those claims hold; a test's own Certainly is about the value. An
// attribute whose domain excludes the query's kind is ErrDomain; a test that
// does not fit its datatype, ErrInvalid. Candidates come from the query's
// relation constraints; without one, from its kind or, when the index holds
// fewer of them, the attribute's values. Each is checked by a lookup from it.
func (q Query) WhereAttr(a schema.Attribute, tests ...ValueTest) Query {
	q.attrs = append(slices.Clone(q.attrs), attrConstraint{attr: a, tests: slices.Clone(tests)})
	return q
}

// prepareAttrs checks q's attribute constraints against the vocabulary.
func prepareAttrs(v *schema.Vocabulary, q Query) error {
	for _, a := range q.attrs {
		def, ok := v.Attribute(a.attr)
		if !ok {
			return fmt.Errorf("graph: Find: WhereAttr: attribute %q: %w", a.attr, ErrUnknownTerm)
		}
		if !v.IsA(q.kind, def.Domain) && !v.IsA(def.Domain, q.kind) {
			return fmt.Errorf("graph: Find(%s): WhereAttr(%s): the attribute's domain is %s, so no %s can match: %w",
				v.KindName(q.kind), def.Name, v.KindName(def.Domain), v.KindName(q.kind), ErrDomain)
		}
		for _, t := range a.tests {
			if t.pass == nil {
				return fmt.Errorf("graph: Find(%s): WhereAttr(%s): a zero ValueTest; make one with Before, AtLeast, Equals...: %w",
					v.KindName(q.kind), def.Name, ErrInvalid)
			}
			if !slices.Contains(t.accepts, def.Datatype) {
				return fmt.Errorf("graph: Find(%s): WhereAttr(%s): %s compares %s values, and %s's values are of datatype %s: %w",
					v.KindName(q.kind), def.Name, t, datatypeNames(t.accepts), def.Name, def.Datatype, ErrInvalid)
			}
			for _, d := range t.dates {
				if d.IsZero() {
					return fmt.Errorf("graph: Find(%s): WhereAttr(%s): %s: an unknown (zero) date: %w", v.KindName(q.kind), def.Name, t, ErrInvalid)
				}
				if err := d.Valid(); err != nil {
					return fmt.Errorf("graph: Find(%s): WhereAttr(%s): %s: %w", v.KindName(q.kind), def.Name, t, err)
				}
			}
			if len(t.dates) == 2 && !t.dates[0].Start().Before(t.dates[1].End()) {
				return fmt.Errorf("graph: Find(%s): WhereAttr(%s): %s is an empty window: %w", v.KindName(q.kind), def.Name, t, ErrInvalid)
			}
		}
	}
	return nil
}

// datatypeNames returns "date" or "integer or integer range", or "no" for an
// Equals(nil).
func datatypeNames(dts []schema.Datatype) string {
	switch len(dts) {
	case 0:
		return "no"
	case 1:
		return dts[0].String()
	}
	return dts[0].String() + " or " + dts[1].String()
}

// attrsMet reports whether id meets every attribute constraint of q, read
// with the options f, and returns the claims of the values that pass.
func (r *reader) attrsMet(q Query, f options, id schema.IRI) (Evidence, bool, error) {
	var ev Evidence
	for _, a := range q.attrs {
		vs, err := r.attrValues(id, a.attr, f)
		if err != nil {
			return nil, false, err
		}
		met := false
		for _, av := range vs {
			if !a.passes(av.Value) {
				continue
			}
			met = true
			ev = append(ev, av.Evidence...)
		}
		if !met {
			return nil, false, nil
		}
	}
	return ev, true, nil
}

// passes reports whether v passes every test of a.
func (a attrConstraint) passes(v Value) bool {
	for _, t := range a.tests {
		if !t.pass(v, t.certain) {
			return false
		}
	}
	return true
}

// attrValues returns the values of attribute attr of subject, recorded
// under any member of its merge class, that the options f keep, each with
// its admitted evidence, in the order first read. Subject is left unset.
func (r *reader) attrValues(subject schema.IRI, attr schema.Attribute, f options) ([]AttributeValue, error) {
	labels := map[quad.Value][]schema.IRI{}
	var order []quad.Value
	err := r.eachMember(subject, func(m schema.IRI) error {
		return r.eachOf(quad.Subject, iri(m), []quad.Value{iri(schema.IRI(attr))}, func(q quad.Quad) bool {
			l, ok := labelOf(q)
			if !ok {
				return true
			}
			if _, seen := labels[q.Object]; !seen {
				order = append(order, q.Object)
			}
			if !slices.Contains(labels[q.Object], l) {
				labels[q.Object] = append(labels[q.Object], l)
			}
			return true
		})
	})
	if err != nil {
		return nil, err
	}
	var out []AttributeValue
	for _, qv := range order {
		v, ok := fromQuad(qv)
		if !ok {
			continue
		}
		ev, err := r.evidence(labels[qv], f.filters, schema.Stative)
		if err != nil {
			return nil, err
		}
		if f.keeps(ev) {
			out = append(out, AttributeValue{Attribute: attr, Value: v, Evidence: ev})
		}
	}
	return out, nil
}

// unconstrained calls add with the candidates of a query without relation
// constraints: the entities of its kind or, when the index says an
// attribute it constrains has fewer quads than the kind has entities, the
// subjects of that attribute's values (a value is an entity's, so the kind
// is checked after). Without an index the sizes are unknown, and the kind
// it is.
func (r *reader) unconstrained(q Query, add func(schema.IRI)) error {
	best, size := -1, 0
	if idx := r.g.index; idx != nil && len(q.attrs) > 0 {
		_, size = idx.kindTerms(r.g.vocab, q.kind)
		for i, a := range q.attrs {
			if n := len(idx.list(quad.Predicate, iri(schema.IRI(a.attr)))); n < size {
				best, size = i, n
			}
		}
	}
	if best < 0 {
		return r.ofKind(q.kind, add)
	}
	var ids []schema.IRI
	err := r.each(quad.Predicate, iri(schema.IRI(q.attrs[best].attr)), func(qd quad.Quad) bool {
		if id, ok := iriOf(qd.Subject); ok && qd.Label != nil {
			ids = append(ids, id)
		}
		return true
	})
	for _, id := range ids {
		if err != nil {
			break
		}
		var c schema.IRI
		if c, err = r.canon(id); err == nil {
			add(c)
		}
	}
	return err
}
