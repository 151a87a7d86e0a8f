package graph

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/actorgraph/actorgraph/schema"
)

// Load reads the entities ids into values of T, a struct type of the caller's
// that embeds Entity and maps more fields to the vocabulary's attributes and
// relations with struct tags:
//
//	type Militia struct {
//		graph.Entity
//		Strength int64        `actorgraph:"strength"`      // an attribute (short name or IRI)
//		Founded  graph.Date   `actorgraph:"founded"`
//		Allies   []schema.IRI `actorgraph:"alliedWith"`    // a relation's objects
//		Funders  []graph.Entity `actorgraph:"funds,inverse"` // its subjects
//	}
//
// Field types, by the datatype of the attribute: Text, any string kind; Integer,
// any signed integer kind; Date, graph.Date; IntegerRange, graph.IntRange. A
// relation's field is schema.IRI or Entity. Any of these may be a slice, which
// takes every value; a field that is not a slice takes the one value there is
// and fails with ErrNotSingular, naming the field, when there are several.
// Other types (unsigned integers, pointers, maps) fail with ErrUnsupportedType
// naming the field. A value counts when an asserting claim that passes the
// filters (AsOf, KnownAt, BySource) labels it. Load fails with ErrNotFound for an
// id the graph does not hold. It reads each entity as it was recorded, not
// through merges (see Tx.Merge).
func Load[T any](ctx context.Context, g *Graph, ids []schema.IRI, fs ...Filter) ([]T, error) {
	p, err := planOf(reflect.TypeFor[T](), g.vocab)
	if err != nil {
		return nil, err
	}
	f := collectFilters(fs)
	if err := f.valid("Load"); err != nil {
		return nil, err
	}
	out := make([]T, len(ids))
	err = g.read(ctx, func(r *reader) error {
		for i, id := range ids {
			if err := p.load(r, id, f, reflect.ValueOf(&out[i]).Elem()); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Store writes v, a value of a struct type as Load describes, into the batch:
// its embedded Entity with AddEntity, then each tagged field that is not zero as
// facts labelled with claim (an inverse relation field makes the field's
// entities the subjects).
func Store[T any](tx *Tx, v T, claim schema.IRI) error {
	p, err := planOf(reflect.TypeFor[T](), tx.g.vocab)
	if err != nil {
		return err
	}
	rv := reflect.ValueOf(v)
	self := rv.FieldByIndex(p.entity).Interface().(Entity)
	if err := tx.AddEntity(self); err != nil {
		return err
	}
	for _, fp := range p.fields {
		fv := rv.FieldByIndex(fp.index)
		if fv.IsZero() {
			continue
		}
		items := []reflect.Value{fv}
		if fp.slice {
			items = items[:0]
			for i := range fv.Len() {
				items = append(items, fv.Index(i))
			}
		}
		for _, item := range items {
			if err := fp.store(tx, self.ID, item, claim); err != nil {
				return err
			}
		}
	}
	return nil
}

type typePlan struct {
	typ    reflect.Type
	entity []int // index of the embedded Entity
	fields []fieldPlan
}

type fieldPlan struct {
	index   []int
	name    string // the Go field's name, for errors
	slice   bool
	elem    reflect.Type
	attr    schema.AttributeDef
	rel     schema.RelationDef
	isRel   bool
	inverse bool
}

var (
	entityType = reflect.TypeFor[Entity]()
	iriType    = reflect.TypeFor[schema.IRI]()
	dateType   = reflect.TypeFor[Date]()
	rangeType  = reflect.TypeFor[IntRange]()
)

// planOf checks t against the vocabulary once per call and says how each field
// maps.
func planOf(t reflect.Type, v *schema.Vocabulary) (*typePlan, error) {
	if t.Kind() != reflect.Struct {
		return nil, fmt.Errorf("graph: %v is not a struct type: %w", t, ErrUnsupportedType)
	}
	p := &typePlan{typ: t}
	for i := range t.NumField() {
		sf := t.Field(i)
		if sf.Anonymous && sf.Type == entityType {
			p.entity = sf.Index
			continue
		}
		tag, ok := sf.Tag.Lookup("actorgraph")
		if !ok || tag == "-" {
			continue
		}
		where := fmt.Sprintf("graph: %v.%s", t, sf.Name)
		if !sf.IsExported() {
			return nil, fmt.Errorf("%s: tagged field is not exported: %w", where, ErrUnsupportedType)
		}
		term, opt, _ := strings.Cut(tag, ",")
		fp := fieldPlan{index: sf.Index, name: sf.Name, elem: sf.Type}
		switch opt {
		case "":
		case "inverse":
			fp.inverse = true
		default:
			return nil, fmt.Errorf("%s: tag option %q: want none or \"inverse\": %w", where, opt, ErrUnsupportedType)
		}
		if sf.Type.Kind() == reflect.Slice && sf.Type.Elem().Kind() != reflect.Uint8 {
			fp.slice, fp.elem = true, sf.Type.Elem()
		}
		iri, ok := v.Lookup(term)
		if !ok {
			iri = schema.IRI(term)
		}
		if d, ok := v.Relation(schema.Relation(iri)); ok {
			fp.rel, fp.isRel = d, true
			if fp.elem != iriType && fp.elem != entityType {
				return nil, fmt.Errorf("%s: relation %q needs a field of type schema.IRI or graph.Entity (or a slice of them), not %v: %w", where, d.Name, sf.Type, ErrUnsupportedType)
			}
		} else if d, ok := v.Attribute(schema.Attribute(iri)); ok {
			fp.attr = d
			if fp.inverse {
				return nil, fmt.Errorf("%s: attribute %q cannot be inverse: %w", where, d.Name, ErrUnsupportedType)
			}
			if !fits(d.Datatype, fp.elem) {
				return nil, fmt.Errorf("%s: attribute %q has %v values, which do not fit a field of type %v: %w", where, d.Name, d.Datatype, sf.Type, ErrUnsupportedType)
			}
		} else {
			return nil, fmt.Errorf("%s: tag %q names no relation or attribute of the vocabulary: %w", where, term, ErrUnknownTerm)
		}
		p.fields = append(p.fields, fp)
	}
	if p.entity == nil {
		return nil, fmt.Errorf("graph: %v does not embed graph.Entity: %w", t, ErrUnsupportedType)
	}
	return p, nil
}

func fits(dt schema.Datatype, t reflect.Type) bool {
	switch dt {
	case schema.Text:
		return t.Kind() == reflect.String && t != iriType
	case schema.Integer:
		switch t.Kind() {
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			return true
		}
	case schema.Date:
		return t == dateType
	case schema.IntegerRange:
		return t == rangeType
	}
	return false
}

func (p *typePlan) load(r *reader, id schema.IRI, f filters, dst reflect.Value) error {
	e, ok, err := r.entity(id)
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("graph: Load: entity %s: %w", id, ErrNotFound)
	}
	dst.FieldByIndex(p.entity).Set(reflect.ValueOf(e))
	if len(p.fields) == 0 {
		return nil
	}
	// One pass over the entity's quads (and its incoming ones, if a field needs
	// them) collects the labels of every value a field may take.
	type key struct {
		pred    schema.IRI
		inverse bool
		value   quad.Value
	}
	labels := map[key][]schema.IRI{}
	var order []key
	wanted := map[schema.IRI]bool{}
	needIn := false
	for _, fp := range p.fields {
		if fp.isRel {
			wanted[schema.IRI(fp.rel.Relation)] = true
			needIn = needIn || fp.inverse || fp.rel.Symmetric
		} else {
			wanted[schema.IRI(fp.attr.Attribute)] = true
		}
	}
	visit := func(inverse bool) func(quad.Quad) bool {
		return func(q quad.Quad) bool {
			pred, _ := iriOf(q.Predicate)
			l, ok := labelOf(q)
			if !ok || !wanted[pred] {
				return true
			}
			v := q.Object
			if inverse {
				v = q.Subject
			}
			k := key{pred, inverse, v}
			if _, seen := labels[k]; !seen {
				order = append(order, k)
			}
			labels[k] = append(labels[k], l)
			return true
		}
	}
	if err := r.each(quad.Subject, iri(id), visit(false)); err != nil {
		return err
	}
	if needIn {
		if err := r.each(quad.Object, iri(id), visit(true)); err != nil {
			return err
		}
	}
	for _, fp := range p.fields {
		pred := schema.IRI(fp.attr.Attribute)
		if fp.isRel {
			pred = schema.IRI(fp.rel.Relation)
		}
		var values []reflect.Value
		var shown []string
		for _, k := range order {
			if k.pred != pred || (k.inverse != fp.inverse && !(fp.isRel && fp.rel.Symmetric)) {
				continue
			}
			ev, err := r.evidence(labels[k], f, fp.rel.Time) // an attribute is a state: its zero RelationDef says so
			if err != nil {
				return err
			}
			if !ev.Asserted() {
				continue
			}
			v, ok, err := fp.decode(r, k.value)
			if err != nil {
				return err
			}
			if ok && !slices.ContainsFunc(values, func(x reflect.Value) bool { return x.Equal(v) }) {
				values = append(values, v)
				shown = append(shown, k.value.String())
			}
		}
		fv := dst.FieldByIndex(fp.index)
		switch {
		case fp.slice:
			s := reflect.MakeSlice(fv.Type(), 0, len(values))
			fv.Set(reflect.Append(s, values...))
		case len(values) == 1:
			fv.Set(values[0])
		case len(values) > 1:
			return fmt.Errorf("graph: Load %s: field %v.%s takes one value and the graph has %d: %s: %w",
				id, p.typ, fp.name, len(values), strings.Join(shown, ", "), ErrNotSingular)
		}
	}
	return nil
}

// decode turns a stored value into a value of the field's element type.
func (fp fieldPlan) decode(r *reader, v quad.Value) (reflect.Value, bool, error) {
	out := reflect.New(fp.elem).Elem()
	if fp.isRel {
		id, ok := iriOf(v)
		if !ok {
			return out, false, nil
		}
		if fp.elem == iriType {
			out.SetString(string(id))
			return out, true, nil
		}
		e, err := r.mustEntity(id)
		if err != nil {
			return out, false, err
		}
		out.Set(reflect.ValueOf(e))
		return out, true, nil
	}
	val, ok := fromQuad(v)
	if !ok || val.Datatype() != fp.attr.Datatype {
		return out, false, nil
	}
	switch val := val.(type) {
	case Text:
		out.SetString(string(val))
	case Integer:
		if out.OverflowInt(int64(val)) {
			return out, false, fmt.Errorf("graph: Load: field %s: %d overflows %v: %w", fp.name, val, fp.elem, ErrUnsupportedType)
		}
		out.SetInt(int64(val))
	default:
		out.Set(reflect.ValueOf(val))
	}
	return out, true, nil
}

func (fp fieldPlan) store(tx *Tx, self schema.IRI, item reflect.Value, claim schema.IRI) error {
	if fp.isRel {
		var other schema.IRI
		if fp.elem == iriType {
			other = schema.IRI(item.String())
		} else {
			other = item.Interface().(Entity).ID
		}
		f := Fact{Subject: self, Relation: fp.rel.Relation, Object: other, Claim: claim}
		if fp.inverse {
			f.Subject, f.Object = other, self
		}
		return tx.Assert(f)
	}
	var v Value
	switch fp.attr.Datatype {
	case schema.Text:
		v = Text(item.String())
	case schema.Integer:
		v = Integer(item.Int())
	default:
		v = item.Interface().(Value)
	}
	return tx.AssertAttribute(AttributeFact{Subject: self, Attribute: fp.attr.Attribute, Value: v, Claim: claim})
}
