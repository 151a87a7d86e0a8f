package schema

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Terms of the vocabulary's own description in RDF ([Vocabulary.Triples]).
// RDFS and OWL say what a reasoner needs (a kind's parent, a relation's domain
// and range, which relations are symmetric or transitive); the ag: terms say
// what those standards have no word for.
const (
	// VocabularyGraph labels the quads that hold a store's vocabulary: the
	// named graph a store, an export and an import keep it in.
	VocabularyGraph IRI = IRI(NS + "vocabulary")

	Comment            IRI = IRI(RDFS + "comment")           // a term's doc
	SubClassOf         IRI = IRI(RDFS + "subClassOf")        // a kind's parent
	PropertyDomain     IRI = IRI(RDFS + "domain")            // what a relation's or attribute's subject must be
	PropertyRange      IRI = IRI(RDFS + "range")             // what a relation's object must be; an attribute's datatype
	Class              IRI = IRI(OWL + "Class")              // the type of a kind
	ObjectProperty     IRI = IRI(OWL + "ObjectProperty")     // the type of a relation
	DatatypeProperty   IRI = IRI(OWL + "DatatypeProperty")   // the type of an attribute
	SymmetricProperty  IRI = IRI(OWL + "SymmetricProperty")  // a second type of a symmetric relation
	TransitiveProperty IRI = IRI(OWL + "TransitiveProperty") // a second type of a transitive relation
	XSDBoolean         IRI = IRI(XSD + "boolean")            // the datatype of the ag: flags

	// InverseName is a relation's name read from the object's side ("backed
	// by"): a literal, since the vocabulary has no inverse property.
	InverseName IRI = IRI(NS + "inverseName")
	SpeaksFlag  IRI = IRI(NS + "speaks") // "true"^^xsd:boolean on a kind whose entities can be a claim's source
	PastFlag    IRI = IRI(NS + "past")   // "true"^^xsd:boolean on a relation that says what held before
	// StateRelation and EventRelation are second types of a relation that say
	// its time semantics (RelationDef.Time); a state is the default, so only
	// EventRelation is written.
	EventRelation IRI = IRI(NS + "EventRelation")
	// Exclusive names, on an exclusive state, which side has one holder at a
	// time: OneSubjectPerObject or OneObjectPerSubject.
	Exclusive           IRI = IRI(NS + "exclusive")
	OneSubjectPerObject IRI = IRI(NS + "OneSubjectPerObject")
	OneObjectPerSubject IRI = IRI(NS + "OneObjectPerSubject")
	StartsState         IRI = IRI(NS + "starts") // an event relation -> the state relation it starts
	EndsState           IRI = IRI(NS + "ends")   // an event relation -> the state relation it ends
	// DateType is the range of a Date attribute: a value is an xsd:gYear, an
	// xsd:gYearMonth or an xsd:date, and RDF has no name for that union
	// without blank nodes.
	DateType IRI = IRI(NS + "date")
)

// Triple is one RDF statement about a term of a vocabulary. Subject and
// Predicate are IRIs; the object is the IRI Object, or, when Object is empty,
// a literal of lexical form Literal and datatype Datatype ("" for a plain
// string).
type Triple struct {
	Subject   IRI
	Predicate IRI
	Object    IRI
	Literal   string
	Datatype  IRI
}

// IsLiteral reports whether t's object is a literal.
func (t Triple) IsLiteral() bool { return t.Object == "" }

// String returns t in N-Triples form, without the final dot.
func (t Triple) String() string {
	if t.IsLiteral() {
		if t.Datatype != "" {
			return fmt.Sprintf("<%s> <%s> %q^^<%s>", t.Subject, t.Predicate, t.Literal, t.Datatype)
		}
		return fmt.Sprintf("<%s> <%s> %q", t.Subject, t.Predicate, t.Literal)
	}
	return fmt.Sprintf("<%s> <%s> <%s>", t.Subject, t.Predicate, t.Object)
}

func compareTriples(a, b Triple) int {
	return cmp.Or(strings.Compare(string(a.Subject), string(b.Subject)),
		strings.Compare(string(a.Predicate), string(b.Predicate)),
		strings.Compare(string(a.Object), string(b.Object)),
		strings.Compare(a.Literal, b.Literal),
		strings.Compare(string(a.Datatype), string(b.Datatype)))
}

// A field maps one field of a definition D to triples and back. Each table
// below lists a definition's fields, one line a field: a new field of
// KindDef, RelationDef or AttributeDef is one more line there, and both
// directions follow from it.
type field[D any] struct {
	pred IRI
	// class is set for a flag written as a second rdf:type: the triple
	// matches only with this object.
	class       IRI
	classes     []IRI // the same, for a choice written as a second rdf:type
	descriptive bool  // it only describes the term; see IsDescriptive
	required    bool
	encode      func(d *D) []Triple // subject left empty
	decode      func(d *D, t Triple) error
}

func (f field[D]) matches(t Triple) bool {
	if t.Predicate != f.pred {
		return false
	}
	switch {
	case f.class != "":
		return t.Object == f.class
	case f.classes != nil:
		return slices.Contains(f.classes, t.Object)
	}
	return true
}

// describes marks f as descriptive: a store and a vocabulary may disagree on it.
func describes[D any](f field[D]) field[D] { f.descriptive = true; return f }

// needed marks f as one every definition has.
func needed[D any](f field[D]) field[D] { f.required = true; return f }

// text is a string field, written as a plain literal when not empty.
func text[D any](pred IRI, get func(*D) *string) field[D] {
	return field[D]{pred: pred,
		encode: func(d *D) []Triple {
			if s := *get(d); s != "" {
				return []Triple{{Predicate: pred, Literal: s}}
			}
			return nil
		},
		decode: func(d *D, t Triple) error {
			if !t.IsLiteral() || t.Datatype != "" && t.Datatype != XSDString {
				return fmt.Errorf("<%s> takes a plain string, not %s", pred, objectOf(t))
			}
			return setOnce(get(d), t.Literal, pred)
		}}
}

// kind is a field naming a kind, written as an IRI when not empty.
func kind[D any](pred IRI, get func(*D) *Kind) field[D] {
	return field[D]{pred: pred,
		encode: func(d *D) []Triple {
			if k := *get(d); k != "" {
				return []Triple{{Predicate: pred, Object: IRI(k)}}
			}
			return nil
		},
		decode: func(d *D, t Triple) error {
			if t.IsLiteral() {
				return fmt.Errorf("<%s> takes a kind's IRI, not the literal %q", pred, t.Literal)
			}
			return setOnce(get(d), Kind(t.Object), pred)
		}}
}

// flag is a boolean field, written as "true"^^xsd:boolean when set.
func flag[D any](pred IRI, get func(*D) *bool) field[D] {
	return field[D]{pred: pred,
		encode: func(d *D) []Triple {
			if *get(d) {
				return []Triple{{Predicate: pred, Literal: "true", Datatype: XSDBoolean}}
			}
			return nil
		},
		decode: func(d *D, t Triple) error {
			if !t.IsLiteral() || t.Datatype != XSDBoolean || t.Literal != "true" && t.Literal != "false" {
				return fmt.Errorf("<%s> takes \"true\" or \"false\" as an xsd:boolean, not %s", pred, objectOf(t))
			}
			return setOnce(get(d), t.Literal == "true", pred)
		}}
}

// class is a boolean field written as a second rdf:type when set.
func class[D any](typ IRI, get func(*D) *bool) field[D] {
	return field[D]{pred: Type, class: typ,
		encode: func(d *D) []Triple {
			if *get(d) {
				return []Triple{{Predicate: Type, Object: typ}}
			}
			return nil
		},
		decode: func(d *D, t Triple) error { *get(d) = true; return nil }}
}

// choice is a field of an enumerated type whose values other than the zero
// one are written as IRIs (values). With pred rdf:type the IRI is a second
// type, and the field matches only triples whose object is one of values.
func choice[D any, T comparable](pred IRI, values map[T]IRI, get func(*D) *T) field[D] {
	f := field[D]{pred: pred,
		encode: func(d *D) []Triple {
			if o, ok := values[*get(d)]; ok {
				return []Triple{{Predicate: pred, Object: o}}
			}
			return nil
		},
		decode: func(d *D, t Triple) error {
			for v, o := range values {
				if !t.IsLiteral() && t.Object == o {
					return setOnce(get(d), v, pred)
				}
			}
			return fmt.Errorf("<%s> takes one of %v, not %s", pred, slices.Sorted(maps.Values(values)), objectOf(t))
		}}
	if pred == Type {
		f.classes = slices.Collect(maps.Values(values))
	}
	return f
}

// relation is a field naming a relation, written as an IRI when not empty.
func relation[D any](pred IRI, get func(*D) *Relation) field[D] {
	return field[D]{pred: pred,
		encode: func(d *D) []Triple {
			if r := *get(d); r != "" {
				return []Triple{{Predicate: pred, Object: IRI(r)}}
			}
			return nil
		},
		decode: func(d *D, t Triple) error {
			if t.IsLiteral() {
				return fmt.Errorf("<%s> takes a relation's IRI, not the literal %q", pred, t.Literal)
			}
			return setOnce(get(d), Relation(t.Object), pred)
		}}
}

// iris is a set of IRIs, one triple each.
func iris[D any](pred IRI, get func(*D) *[]IRI) field[D] {
	return field[D]{pred: pred,
		encode: func(d *D) []Triple {
			var out []Triple
			for _, o := range *get(d) {
				out = append(out, Triple{Predicate: pred, Object: o})
			}
			return out
		},
		decode: func(d *D, t Triple) error {
			if t.IsLiteral() {
				return fmt.Errorf("<%s> takes an IRI, not the literal %q", pred, t.Literal)
			}
			p := get(d)
			if !slices.Contains(*p, t.Object) {
				*p = append(*p, t.Object)
			}
			return nil
		}}
}

// datatypeIRIs are the ranges of attributes of each datatype.
var datatypeIRIs = map[Datatype]IRI{Text: XSDString, Integer: XSDInteger, Date: DateType, IntegerRange: RangeType}

// datatype is an attribute's datatype, written as its rdfs:range.
func datatype[D any](get func(*D) *Datatype) field[D] {
	return field[D]{pred: PropertyRange,
		encode: func(d *D) []Triple {
			if o, ok := datatypeIRIs[*get(d)]; ok {
				return []Triple{{Predicate: PropertyRange, Object: o}}
			}
			return nil
		},
		decode: func(d *D, t Triple) error {
			for dt, o := range datatypeIRIs {
				if !t.IsLiteral() && t.Object == o {
					return setOnce(get(d), dt, PropertyRange)
				}
			}
			return fmt.Errorf("<%s> of an attribute takes one of <%s>, <%s>, <%s>, <%s>, not %s",
				PropertyRange, XSDString, XSDInteger, DateType, RangeType, objectOf(t))
		}}
}

func setOnce[T comparable](p *T, v T, pred IRI) error {
	var zero T
	if *p != zero && *p != v {
		return fmt.Errorf("<%s> has two values, %v and %v", pred, *p, v)
	}
	*p = v
	return nil
}

func objectOf(t Triple) string {
	if t.IsLiteral() {
		if t.Datatype != "" {
			return fmt.Sprintf("%q^^<%s>", t.Literal, t.Datatype)
		}
		return fmt.Sprintf("the literal %q", t.Literal)
	}
	return "<" + string(t.Object) + ">"
}

var kindFields = []field[KindDef]{
	describes(needed(text(Label, func(d *KindDef) *string { return &d.Name }))),
	describes(text(Comment, func(d *KindDef) *string { return &d.Doc })),
	kind(SubClassOf, func(d *KindDef) *Kind { return &d.Parent }),
	flag(SpeaksFlag, func(d *KindDef) *bool { return &d.Speaks }),
	describes(iris(EquivClass, func(d *KindDef) *[]IRI { return &d.Equivalent })),
}

var relationFields = []field[RelationDef]{
	describes(needed(text(Label, func(d *RelationDef) *string { return &d.Name }))),
	describes(text(Comment, func(d *RelationDef) *string { return &d.Doc })),
	describes(text(InverseName, func(d *RelationDef) *string { return &d.Inverse })),
	needed(kind(PropertyDomain, func(d *RelationDef) *Kind { return &d.Domain })),
	needed(kind(PropertyRange, func(d *RelationDef) *Kind { return &d.Range })),
	class(SymmetricProperty, func(d *RelationDef) *bool { return &d.Symmetric }),
	class(TransitiveProperty, func(d *RelationDef) *bool { return &d.Transitive }),
	flag(PastFlag, func(d *RelationDef) *bool { return &d.Past }),
	choice(Type, map[TimeSemantics]IRI{Eventive: EventRelation}, func(d *RelationDef) *TimeSemantics { return &d.Time }),
	choice(Exclusive, map[Exclusivity]IRI{OneSubject: OneSubjectPerObject, OneObject: OneObjectPerSubject},
		func(d *RelationDef) *Exclusivity { return &d.Exclusive }),
	relation(StartsState, func(d *RelationDef) *Relation { return &d.Starts }),
	relation(EndsState, func(d *RelationDef) *Relation { return &d.Ends }),
	describes(iris(EquivProperty, func(d *RelationDef) *[]IRI { return &d.Equivalent })),
}

var attributeFields = []field[AttributeDef]{
	describes(needed(text(Label, func(d *AttributeDef) *string { return &d.Name }))),
	describes(text(Comment, func(d *AttributeDef) *string { return &d.Doc })),
	needed(kind(PropertyDomain, func(d *AttributeDef) *Kind { return &d.Domain })),
	needed(datatype(func(d *AttributeDef) *Datatype { return &d.Datatype })),
	describes(iris(EquivProperty, func(d *AttributeDef) *[]IRI { return &d.Equivalent })),
}

// termTriples returns the triples of one definition: its type, then its fields'.
func termTriples[D any](subject, typ IRI, d D, fields []field[D]) []Triple {
	out := []Triple{{Subject: subject, Predicate: Type, Object: typ}}
	for _, f := range fields {
		for _, t := range f.encode(&d) {
			t.Subject = subject
			out = append(out, t)
		}
	}
	return out
}

// Triples returns the vocabulary as RDF, sorted: every kind an owl:Class,
// every relation an owl:ObjectProperty, every attribute an
// owl:DatatypeProperty, with its short name (rdfs:label), its doc
// (rdfs:comment), its parent (rdfs:subClassOf), domain and range (rdfs:domain,
// rdfs:range: an attribute's range is its datatype), equivalents
// (owl:equivalentClass, owl:equivalentProperty), owl:SymmetricProperty and
// owl:TransitiveProperty as second types, and the ag: terms InverseName,
// SpeaksFlag and PastFlag. [FromTriples] rebuilds the vocabulary from them.
func (v *Vocabulary) Triples() []Triple {
	var out []Triple
	for _, d := range v.Kinds() {
		out = append(out, termTriples(IRI(d.Kind), Class, d, kindFields)...)
	}
	for _, d := range v.Relations() {
		out = append(out, termTriples(IRI(d.Relation), ObjectProperty, d, relationFields)...)
	}
	for _, d := range v.Attributes() {
		out = append(out, termTriples(IRI(d.Attribute), DatatypeProperty, d, attributeFields)...)
	}
	slices.SortFunc(out, compareTriples)
	return out
}

// TermTriples returns the triples of the one term term, sorted, as Triples
// writes them; nil when v does not define it.
func (v *Vocabulary) TermTriples(term IRI) []Triple {
	var out []Triple
	if d, ok := v.Kind(Kind(term)); ok {
		out = termTriples(term, Class, d, kindFields)
	} else if d, ok := v.Relation(Relation(term)); ok {
		out = termTriples(term, ObjectProperty, d, relationFields)
	} else if d, ok := v.Attribute(Attribute(term)); ok {
		out = termTriples(term, DatatypeProperty, d, attributeFields)
	}
	slices.SortFunc(out, compareTriples)
	return out
}

// IsDescriptive reports whether t only describes its term (a short name, a
// doc, an inverse name, an equivalent IRI), so that two definitions that
// differ in such triples admit the same data. Every other triple (the term's
// sort, a parent, a domain, a range, a datatype, a flag) changes what the
// term means.
func IsDescriptive(t Triple) bool {
	return slices.ContainsFunc(kindFields, func(f field[KindDef]) bool { return f.descriptive && f.matches(t) }) ||
		slices.ContainsFunc(relationFields, func(f field[RelationDef]) bool { return f.descriptive && f.matches(t) }) ||
		slices.ContainsFunc(attributeFields, func(f field[AttributeDef]) bool { return f.descriptive && f.matches(t) })
}

// decodeTerm fills d from the triples of one term, skipping its type triple.
func decodeTerm[D any](sort string, term, typ IRI, ts []Triple, d *D, fields []field[D]) error {
	seen := make([]bool, len(fields))
	var errs []error
	for _, t := range ts {
		if t.Predicate == Type && t.Object == typ {
			continue
		}
		i := slices.IndexFunc(fields, func(f field[D]) bool { return f.matches(t) })
		if i < 0 {
			errs = append(errs, fmt.Errorf("schema: %s <%s>: %s is not a statement a vocabulary makes about a %s", sort, term, t, sort))
			continue
		}
		seen[i] = true
		if err := fields[i].decode(d, t); err != nil {
			errs = append(errs, fmt.Errorf("schema: %s <%s>: %w", sort, term, err))
		}
	}
	for i, f := range fields {
		if f.required && !seen[i] {
			errs = append(errs, fmt.Errorf("schema: %s <%s>: no <%s>", sort, term, f.pred))
		}
	}
	return errors.Join(errs...)
}

// TermsFromTriples decodes RDF triples as [Vocabulary.Triples] writes them
// into definitions, in any order. Every subject must be typed as exactly one
// of owl:Class, owl:ObjectProperty and owl:DatatypeProperty. It checks each
// definition alone: that a parent, domain or range is defined is for
// [Vocabulary.Extend] to say. Errors name the term and what is wrong with it.
func TermsFromTriples(ts []Triple) (Terms, error) {
	bySubject := map[IRI][]Triple{}
	for _, t := range ts {
		bySubject[t.Subject] = append(bySubject[t.Subject], t)
	}
	subjects := make([]IRI, 0, len(bySubject))
	for s := range bySubject {
		subjects = append(subjects, s)
	}
	slices.Sort(subjects)
	var terms Terms
	var errs []error
	for _, s := range subjects {
		ts := bySubject[s]
		var types []IRI
		for _, t := range ts {
			if t.Predicate == Type && (t.Object == Class || t.Object == ObjectProperty || t.Object == DatatypeProperty) {
				types = append(types, t.Object)
			}
		}
		if len(types) != 1 {
			errs = append(errs, fmt.Errorf("schema: term <%s>: typed %v; want exactly one of <%s>, <%s>, <%s>",
				s, types, Class, ObjectProperty, DatatypeProperty))
			continue
		}
		var err error
		switch types[0] {
		case Class:
			d := KindDef{Kind: Kind(s)}
			err = decodeTerm("kind", s, Class, ts, &d, kindFields)
			terms.Kinds = append(terms.Kinds, d)
		case ObjectProperty:
			d := RelationDef{Relation: Relation(s)}
			err = decodeTerm("relation", s, ObjectProperty, ts, &d, relationFields)
			terms.Relations = append(terms.Relations, d)
		default:
			d := AttributeDef{Attribute: Attribute(s)}
			err = decodeTerm("attribute", s, DatatypeProperty, ts, &d, attributeFields)
			terms.Attributes = append(terms.Attributes, d)
		}
		if err != nil {
			errs = append(errs, err)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return Terms{}, err
	}
	return terms, nil
}

// FromTriples rebuilds a vocabulary from the triples [Vocabulary.Triples]
// returns: v.Triples() gives back v's definitions exactly. It fails, naming
// the term, when a triple does not decode ([TermsFromTriples]) or the terms do
// not make a vocabulary ([Vocabulary.Extend]: a parent, domain or range that
// is not a defined kind, a short name used twice).
func FromTriples(ts []Triple) (*Vocabulary, error) {
	terms, err := TermsFromTriples(ts)
	if err != nil {
		return nil, err
	}
	return new(Vocabulary).Extend(terms)
}
