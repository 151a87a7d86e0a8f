package schema

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"sort"
)

// Kind is a kind of entity, named by its IRI. Kinds form a hierarchy recorded in a
// [Vocabulary]: ArmedGroup is an Organization, which is an Actor.
type Kind IRI

// Relation is a relation between two entities, named by its IRI. Its name,
// inverse name, domain and range are recorded in a [Vocabulary].
type Relation IRI

// Attribute is a property whose value is a literal (a year, a number, a text),
// named by its IRI. Its datatype is recorded in a [Vocabulary].
type Attribute IRI

// Datatype is the type of an attribute's values.
type Datatype uint8

// The datatypes an attribute may have.
const (
	Text         Datatype = iota + 1 // a string (xsd:string)
	Integer                          // a whole number (xsd:integer)
	Date                             // a date of year, month or day precision (xsd:gYear, xsd:gYearMonth, xsd:date)
	IntegerRange                     // an estimate with lower and upper bounds (ag:integerRange)
)

// String returns the datatype's name.
func (d Datatype) String() string {
	switch d {
	case Text:
		return "text"
	case Integer:
		return "integer"
	case Date:
		return "date"
	case IntegerRange:
		return "integer range"
	}
	return fmt.Sprintf("Datatype(%d)", uint8(d))
}

// KindDef says what a Kind means.
type KindDef struct {
	Kind   Kind
	Name   string // short name, unique in a vocabulary: "ArmedGroup"
	Parent Kind   // "" for a root kind
	// Speaks says that entities of this kind, and of every kind below it, can
	// be a claim's source or medium: actors, outlets, documents; not places.
	Speaks     bool
	Doc        string
	Equivalent []IRI // classes of other vocabularies that mean the same (owl:equivalentClass); a set, kept sorted
}

// RelationDef says what a Relation means.
type RelationDef struct {
	Relation   Relation
	Name       string // short name, unique in a vocabulary: "backs"
	Inverse    string // how it reads from the object's side: "backed by"
	Domain     Kind   // what the subject must be
	Range      Kind   // what the object must be
	Symmetric  bool   // a r b implies b r a (enemy of, allied with)
	Transitive bool   // a r b and b r c imply a r c (formerly known as)
	Past       bool   // it says what held before, not now (formerly led, formerly branch of)
	// Time says how the relation's facts sit in time: Stative (the zero
	// value) for a state that holds over an interval, Eventive for an event
	// that happens at a date or over a short span.
	Time TimeSemantics
	// Exclusive, for a state, says that one holder at a time fills each slot:
	// OneSubject (each object has one subject at a time: a place one
	// controller) or OneObject (each subject one object at a time).
	Exclusive Exclusivity
	// Starts and Ends, for an event, name the states it starts and ends
	// between its subject and object: captured starts controls, withdrewFrom
	// ends it. An event that starts an exclusive state ends the other holders'
	// by supersession.
	Starts, Ends Relation
	Doc          string
	Equivalent   []IRI // properties of other vocabularies that mean the same (owl:equivalentProperty); a set, kept sorted
}

// TimeSemantics says whether a relation is a state or an event.
type TimeSemantics uint8

// The time semantics a relation may have. The zero value is Stative.
const (
	Stative  TimeSemantics = iota // a state: it holds over an interval (controls, leads, backs)
	Eventive                      // an event: it happens at a date or over a short span (captured, withdrew from)
)

// String returns "state" or "event".
func (t TimeSemantics) String() string {
	switch t {
	case Stative:
		return "state"
	case Eventive:
		return "event"
	}
	return fmt.Sprintf("TimeSemantics(%d)", uint8(t))
}

// Exclusivity says which side of an exclusive state has one holder at a time.
type Exclusivity uint8

// The exclusivities a state may have. The zero value is NotExclusive.
const (
	NotExclusive Exclusivity = iota
	OneSubject               // each object has one subject at a time (a place, one controller)
	OneObject                // each subject has one object at a time
)

// String returns "", "one subject per object" or "one object per subject".
func (e Exclusivity) String() string {
	switch e {
	case NotExclusive:
		return ""
	case OneSubject:
		return "one subject per object"
	case OneObject:
		return "one object per subject"
	}
	return fmt.Sprintf("Exclusivity(%d)", uint8(e))
}

// AttributeDef says what an Attribute means.
type AttributeDef struct {
	Attribute  Attribute
	Name       string // short name, unique in a vocabulary: "founded"
	Domain     Kind   // what the subject must be
	Datatype   Datatype
	Doc        string
	Equivalent []IRI // properties of other vocabularies that mean the same (owl:equivalentProperty); a set, kept sorted
}

// Terms is a set of definitions to add to a vocabulary with [Vocabulary.Extend].
type Terms struct {
	Kinds      []KindDef
	Relations  []RelationDef
	Attributes []AttributeDef
}

// ErrClash is wrapped by the error [Vocabulary.Extend] returns when a term is
// defined twice, or refers to a kind that is not defined.
var ErrClash = errors.New("vocabulary clash")

// Vocabulary is an immutable set of term definitions. The zero value is empty;
// [Core] returns the built-in vocabulary. A Vocabulary is safe for concurrent use.
type Vocabulary struct {
	kinds     map[Kind]KindDef
	relations map[Relation]RelationDef
	attrs     map[Attribute]AttributeDef
	names     map[string]IRI // every short name, of any sort of term
}

// Extend returns a new vocabulary holding v's terms and t's. v is unchanged.
// A term defined again exactly as v defines it is accepted (two extensions may
// share a term). Extend fails, naming the term, when an IRI is already defined
// with another meaning or a short name is already used, when a
// kind's parent or a relation's domain or range is not a defined kind, when the
// kind hierarchy would have a cycle, or when a definition is incomplete.
// Each definition's Equivalent IRIs are kept sorted, without repeats.
func (v *Vocabulary) Extend(t Terms) (*Vocabulary, error) {
	n := &Vocabulary{
		kinds:     make(map[Kind]KindDef, len(v.kinds)+len(t.Kinds)),
		relations: make(map[Relation]RelationDef, len(v.relations)+len(t.Relations)),
		attrs:     make(map[Attribute]AttributeDef, len(v.attrs)+len(t.Attributes)),
		names:     make(map[string]IRI, len(v.names)+len(t.Kinds)+len(t.Relations)+len(t.Attributes)),
	}
	for k, d := range v.kinds {
		n.kinds[k] = d
	}
	for k, d := range v.relations {
		n.relations[k] = d
	}
	for k, d := range v.attrs {
		n.attrs[k] = d
	}
	for k, d := range v.names {
		n.names[k] = d
	}
	var errs []error
	// claim reserves iri and name for a new term. It returns false, and records
	// why when it is a clash, if the term is not to be added; redefining a term
	// exactly as it is (two extensions that share a term) is not a clash.
	claim := func(sort, name string, iri IRI, same bool) bool {
		switch {
		case !IsAbsolute(string(iri)):
			errs = append(errs, fmt.Errorf("schema: %s %q: IRI %q is not absolute: %w", sort, name, iri, ErrClash))
			return false
		case name == "":
			errs = append(errs, fmt.Errorf("schema: %s %s has no name: %w", sort, iri, ErrClash))
			return false
		case same:
			return false
		case n.defined(iri):
			errs = append(errs, fmt.Errorf("schema: %s %q: IRI %s is already defined with another meaning: %w", sort, name, iri, ErrClash))
			return false
		}
		if other, ok := n.names[name]; ok {
			errs = append(errs, fmt.Errorf("schema: %s %q (%s): name already used by %s: %w", sort, name, iri, other, ErrClash))
			return false
		}
		n.names[name] = iri
		return true
	}
	for _, d := range t.Kinds {
		d.Equivalent = iriSet(d.Equivalent)
		old, ok := n.kinds[d.Kind]
		if claim("kind", d.Name, IRI(d.Kind), ok && reflect.DeepEqual(old, d)) {
			n.kinds[d.Kind] = d
		}
	}
	for _, d := range t.Relations {
		d.Equivalent = iriSet(d.Equivalent)
		old, ok := n.relations[d.Relation]
		if claim("relation", d.Name, IRI(d.Relation), ok && reflect.DeepEqual(old, d)) {
			n.relations[d.Relation] = d
		}
	}
	for _, d := range t.Attributes {
		d.Equivalent = iriSet(d.Equivalent)
		old, ok := n.attrs[d.Attribute]
		if claim("attribute", d.Name, IRI(d.Attribute), ok && reflect.DeepEqual(old, d)) {
			n.attrs[d.Attribute] = d
		}
	}
	// References are checked once every new term is in, so that terms may refer
	// to each other in any order.
	for _, d := range t.Kinds {
		if d.Parent == "" {
			continue
		}
		if _, ok := n.kinds[d.Parent]; !ok {
			errs = append(errs, fmt.Errorf("schema: kind %q: parent %s is not a defined kind: %w", d.Name, d.Parent, ErrClash))
			continue
		}
		if n.hasCycle(d.Kind) {
			errs = append(errs, fmt.Errorf("schema: kind %q: parent %s makes a cycle in the kind hierarchy: %w", d.Name, d.Parent, ErrClash))
		}
	}
	for _, d := range t.Relations {
		for _, end := range []struct {
			what string
			k    Kind
		}{{"domain", d.Domain}, {"range", d.Range}} {
			if _, ok := n.kinds[end.k]; !ok {
				errs = append(errs, fmt.Errorf("schema: relation %q: %s %q is not a defined kind: %w", d.Name, end.what, end.k, ErrClash))
			}
		}
		errs = append(errs, n.checkTime(d)...)
	}
	for _, d := range t.Attributes {
		if _, ok := n.kinds[d.Domain]; !ok {
			errs = append(errs, fmt.Errorf("schema: attribute %q: domain %q is not a defined kind: %w", d.Name, d.Domain, ErrClash))
		}
		if d.Datatype < Text || d.Datatype > IntegerRange {
			errs = append(errs, fmt.Errorf("schema: attribute %q: datatype %v is not one of text, integer, date, integer range: %w", d.Name, d.Datatype, ErrClash))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return n, nil
}

// iriSet returns ids sorted, without repeats, in a new slice (nil when
// empty): equivalents are a set, and a definition must read back from RDF,
// which has no order, exactly as it was given.
func iriSet(ids []IRI) []IRI {
	if len(ids) == 0 {
		return nil
	}
	out := slices.Clone(ids)
	slices.Sort(out)
	return slices.Compact(out)
}

// checkTime checks a relation's time semantics: only a state is exclusive;
// only an event starts or ends states, which must be states defined in v
// whose domain and range take the event's subjects and objects.
func (v *Vocabulary) checkTime(d RelationDef) []error {
	var errs []error
	fail := func(format string, args ...any) {
		errs = append(errs, fmt.Errorf("schema: relation %q: "+format+": %w", append(append([]any{d.Name}, args...), ErrClash)...))
	}
	switch {
	case d.Time > Eventive:
		fail("time semantics %v is neither Stative nor Eventive", d.Time)
	case d.Exclusive > OneObject:
		fail("exclusivity %v is not one of NotExclusive, OneSubject, OneObject", d.Exclusive)
	case d.Time == Eventive && d.Exclusive != NotExclusive:
		fail("an event is not exclusive; the state it starts may be")
	case d.Symmetric && d.Exclusive != NotExclusive:
		fail("a symmetric relation has no side to be exclusive on")
	case d.Time == Stative && (d.Starts != "" || d.Ends != ""):
		fail("a state starts and ends no other state; an event does")
	}
	for _, s := range []struct {
		what string
		rel  Relation
	}{{"starts", d.Starts}, {"ends", d.Ends}} {
		if s.rel == "" {
			continue
		}
		st, ok := v.relations[s.rel]
		switch {
		case !ok:
			fail("%s %s, which is not a defined relation", s.what, s.rel)
		case st.Time != Stative:
			fail("%s %s, which is an event, not a state", s.what, st.Name)
		case !v.IsA(d.Domain, st.Domain) || !v.IsA(d.Range, st.Range):
			fail("%s %s, whose domain and range (%s, %s) do not take the event's (%s, %s)",
				s.what, st.Name, v.KindName(st.Domain), v.KindName(st.Range), v.KindName(d.Domain), v.KindName(d.Range))
		}
	}
	return errs
}

func (v *Vocabulary) defined(iri IRI) bool {
	_, k := v.kinds[Kind(iri)]
	_, r := v.relations[Relation(iri)]
	_, a := v.attrs[Attribute(iri)]
	return k || r || a
}

// hasCycle reports whether following parents from k comes back to k.
func (v *Vocabulary) hasCycle(k Kind) bool {
	seen := map[Kind]bool{}
	for cur := k; cur != ""; cur = v.kinds[cur].Parent {
		if seen[cur] {
			return true
		}
		seen[cur] = true
	}
	return false
}

// Kind returns the definition of k, and whether v defines it.
func (v *Vocabulary) Kind(k Kind) (KindDef, bool) {
	d, ok := v.kinds[k]
	d.Equivalent = slices.Clone(d.Equivalent)
	return d, ok
}

// Relation returns the definition of r, and whether v defines it.
func (v *Vocabulary) Relation(r Relation) (RelationDef, bool) {
	d, ok := v.relations[r]
	d.Equivalent = slices.Clone(d.Equivalent)
	return d, ok
}

// Attribute returns the definition of a, and whether v defines it.
func (v *Vocabulary) Attribute(a Attribute) (AttributeDef, bool) {
	d, ok := v.attrs[a]
	d.Equivalent = slices.Clone(d.Equivalent)
	return d, ok
}

// Lookup returns the IRI of the term with the given short name ("backs",
// "ArmedGroup", "founded"), and whether there is one.
func (v *Vocabulary) Lookup(name string) (IRI, bool) {
	iri, ok := v.names[name]
	return iri, ok
}

// IsA reports whether kind k is ancestor or descends from it. Unknown kinds are
// only themselves.
func (v *Vocabulary) IsA(k, ancestor Kind) bool {
	for i := 0; k != "" && i <= len(v.kinds); i++ {
		if k == ancestor {
			return true
		}
		k = v.kinds[k].Parent
	}
	return false
}

// Speaks reports whether entities of kind k can be a claim's source: k or a
// kind above it is declared with Speaks.
func (v *Vocabulary) Speaks(k Kind) bool {
	for i := 0; k != "" && i <= len(v.kinds); i++ {
		d, ok := v.kinds[k]
		if !ok {
			return false
		}
		if d.Speaks {
			return true
		}
		k = d.Parent
	}
	return false
}

// Descendants returns k and every kind below it, sorted.
func (v *Vocabulary) Descendants(k Kind) []Kind {
	var out []Kind
	for c := range v.kinds {
		if v.IsA(c, k) {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		out = []Kind{k}
	}
	slices.Sort(out)
	return out
}

// Kinds returns every kind definition, sorted by IRI.
func (v *Vocabulary) Kinds() []KindDef {
	out := make([]KindDef, 0, len(v.kinds))
	for k := range v.kinds {
		d, _ := v.Kind(k)
		out = append(out, d)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Kind < out[j].Kind })
	return out
}

// Relations returns every relation definition, sorted by IRI.
func (v *Vocabulary) Relations() []RelationDef {
	out := make([]RelationDef, 0, len(v.relations))
	for r := range v.relations {
		d, _ := v.Relation(r)
		out = append(out, d)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Relation < out[j].Relation })
	return out
}

// Attributes returns every attribute definition, sorted by IRI.
func (v *Vocabulary) Attributes() []AttributeDef {
	out := make([]AttributeDef, 0, len(v.attrs))
	for a := range v.attrs {
		d, _ := v.Attribute(a)
		out = append(out, d)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Attribute < out[j].Attribute })
	return out
}

// KindName returns the short name of k, or its IRI when v does not define it.
func (v *Vocabulary) KindName(k Kind) string {
	if d, ok := v.kinds[k]; ok {
		return d.Name
	}
	return string(k)
}

// KindNames returns the short names of ks, in order (IRIs for kinds v does not
// define).
func (v *Vocabulary) KindNames(ks []Kind) []string {
	out := make([]string, len(ks))
	for i, k := range ks {
		out[i] = v.KindName(k)
	}
	return out
}

// RelationName returns the short name of r, or its IRI when v does not define it.
func (v *Vocabulary) RelationName(r Relation) string {
	if d, ok := v.relations[r]; ok {
		return d.Name
	}
	return string(r)
}

// AttributeName returns the short name of a, or its IRI when v does not define it.
func (v *Vocabulary) AttributeName(a Attribute) string {
	if d, ok := v.attrs[a]; ok {
		return d.Name
	}
	return string(a)
}
