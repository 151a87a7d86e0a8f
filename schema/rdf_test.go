package schema_test

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/schema"
)

const research schema.Namespace = "https://example.org/research#"

// extended is the core plus the terms of examples/extend/vocab.go, and a few
// more that set every field a definition has.
func extended(t testing.TB) *schema.Vocabulary {
	t.Helper()
	militia, journalist := schema.Kind(research+"Militia"), schema.Kind(research+"Journalist")
	v, err := schema.Core().Extend(schema.Terms{
		Kinds: []schema.KindDef{
			{Kind: militia, Name: "Militia", Parent: schema.ArmedGroup, Doc: "A locally raised armed group."},
			{Kind: journalist, Name: "Journalist", Parent: schema.Person, Doc: "A reporter."},
			{Kind: schema.Kind(research + "Archive"), Name: "Archive", Speaks: true,
				Equivalent: []schema.IRI{"https://schema.org/ArchiveOrganization", "http://www.wikidata.org/entity/Q166118"}},
		},
		Relations: []schema.RelationDef{
			{Relation: schema.Relation(research + "funds"), Name: "funds", Inverse: "funded by", Domain: schema.State, Range: militia,
				Doc: "The state pays or arms the militia."},
			{Relation: schema.Relation(research + "interviewed"), Name: "interviewed", Inverse: "interviewed by", Domain: journalist, Range: schema.Person,
				Doc: "The journalist interviewed the person."},
			{Relation: schema.Relation(research + "formerlyRivalOf"), Name: "formerlyRivalOf", Domain: militia, Range: militia,
				Symmetric: true, Transitive: true, Past: true, Equivalent: []schema.IRI{"https://schema.org/z", "https://schema.org/a"}},
		},
		Attributes: []schema.AttributeDef{
			{Attribute: schema.Attribute(research + "strength"), Name: "strength", Domain: militia, Datatype: schema.Integer, Doc: "Number of fighters."},
			{Attribute: schema.Attribute(research + "disbanded"), Name: "disbanded", Domain: militia, Datatype: schema.Date},
			{Attribute: schema.Attribute(research + "motto"), Name: "motto", Domain: militia, Datatype: schema.Text, Equivalent: []schema.IRI{"https://schema.org/slogan"}},
			{Attribute: schema.Attribute(research + "casualties"), Name: "casualties", Domain: militia, Datatype: schema.IntegerRange},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// sameVocabulary fails the test unless a and b define the same terms alike.
func sameVocabulary(t *testing.T, a, b *schema.Vocabulary) {
	t.Helper()
	if !reflect.DeepEqual(a.Kinds(), b.Kinds()) {
		t.Errorf("kinds differ:\n%+v\n%+v", a.Kinds(), b.Kinds())
	}
	if !reflect.DeepEqual(a.Relations(), b.Relations()) {
		t.Errorf("relations differ:\n%+v\n%+v", a.Relations(), b.Relations())
	}
	if !reflect.DeepEqual(a.Attributes(), b.Attributes()) {
		t.Errorf("attributes differ:\n%+v\n%+v", a.Attributes(), b.Attributes())
	}
}

func TestVocabulariesSurviveTheirRDFInAnyOrder(t *testing.T) {
	for name, v := range map[string]*schema.Vocabulary{"core": schema.Core(), "extended": extended(t)} {
		t.Run(name, func(t *testing.T) {
			ts := v.Triples()
			rng := rand.New(rand.NewPCG(1, 2))
			for range 5 {
				back, err := schema.FromTriples(ts)
				if err != nil {
					t.Fatal(err)
				}
				sameVocabulary(t, v, back)
				if !slices.Equal(back.Triples(), v.Triples()) {
					t.Error("the rebuilt vocabulary writes other triples")
				}
				rng.Shuffle(len(ts), func(i, j int) { ts[i], ts[j] = ts[j], ts[i] })
			}
		})
	}
}

// Random extensions (kinds under random parents, relations and attributes
// with random flags and datatypes) come back exactly.
func TestRandomVocabulariesSurviveTheirRDF(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 9))
	for n := range 50 {
		kinds := []schema.Kind{schema.Actor, schema.Place, schema.Document}
		var terms schema.Terms
		pick := func() schema.Kind { return kinds[rng.IntN(len(kinds))] }
		equiv := func() []schema.IRI {
			var out []schema.IRI
			for i := range rng.IntN(3) {
				out = append(out, schema.IRI(fmt.Sprintf("https://other.example/%d/%d", rng.IntN(100), i)))
			}
			return out
		}
		for i := range 1 + rng.IntN(6) {
			k := schema.Kind(fmt.Sprintf("%sK%d_%d", research, n, i))
			d := schema.KindDef{Kind: k, Name: fmt.Sprintf("K%d", i), Speaks: rng.IntN(2) == 0, Equivalent: equiv()}
			if rng.IntN(4) > 0 {
				d.Parent = pick()
			}
			if rng.IntN(2) == 0 {
				d.Doc = fmt.Sprintf("kind %d, with \"quotes\" and\na newline", i)
			}
			terms.Kinds = append(terms.Kinds, d)
			kinds = append(kinds, k)
		}
		for i := range rng.IntN(6) {
			terms.Relations = append(terms.Relations, schema.RelationDef{
				Relation: schema.Relation(fmt.Sprintf("%sr%d_%d", research, n, i)), Name: fmt.Sprintf("r%d", i),
				Inverse: strings.Repeat("by ", rng.IntN(2)), Domain: pick(), Range: pick(),
				Symmetric: rng.IntN(2) == 0, Transitive: rng.IntN(2) == 0, Past: rng.IntN(2) == 0, Equivalent: equiv(),
			})
		}
		for i := range rng.IntN(6) {
			terms.Attributes = append(terms.Attributes, schema.AttributeDef{
				Attribute: schema.Attribute(fmt.Sprintf("%sa%d_%d", research, n, i)), Name: fmt.Sprintf("a%d", i),
				Domain: pick(), Datatype: schema.Datatype(1 + rng.IntN(4)), Equivalent: equiv(),
			})
		}
		v, err := schema.Core().Extend(terms)
		if err != nil {
			t.Fatalf("vocabulary %d: %v", n, err)
		}
		back, err := schema.FromTriples(v.Triples())
		if err != nil {
			t.Fatalf("vocabulary %d: %v", n, err)
		}
		sameVocabulary(t, v, back)
	}
}

// Every field of every definition reaches the RDF: a field added to KindDef,
// RelationDef or AttributeDef without its line in rdf.go's tables fails here.
func TestEveryDefinitionFieldIsWritten(t *testing.T) {
	alter := func(f reflect.Value) {
		switch f.Type() {
		case reflect.TypeFor[schema.TimeSemantics]():
			f.SetUint(uint64(schema.Eventive))
			return
		case reflect.TypeFor[schema.Exclusivity]():
			f.SetUint(uint64(schema.OneSubject))
			return
		case reflect.TypeFor[schema.Relation]():
			f.SetString(string(schema.Backs)) // a state an event of Actor to Actor may start or end
			return
		}
		switch f.Kind() {
		case reflect.String:
			if f.Type() == reflect.TypeFor[schema.Kind]() {
				f.SetString(string(schema.Place)) // a kind that exists, other than the base's
			} else {
				f.SetString(f.String() + "x")
			}
		case reflect.Bool:
			f.SetBool(!f.Bool())
		case reflect.Uint8:
			f.SetUint(uint64(schema.IntegerRange))
		case reflect.Slice:
			f.Set(reflect.ValueOf([]schema.IRI{"https://other.example/same"}))
		default:
			t.Fatalf("field of kind %v: teach this test to change it", f.Kind())
		}
	}
	bases := []any{
		schema.KindDef{Kind: schema.Kind(research + "T"), Name: "T", Parent: schema.Actor},
		schema.RelationDef{Relation: schema.Relation(research + "t"), Name: "t", Domain: schema.Actor, Range: schema.Actor},
		schema.AttributeDef{Attribute: schema.Attribute(research + "t"), Name: "t", Domain: schema.Actor, Datatype: schema.Text},
	}
	for _, base := range bases {
		typ := reflect.TypeOf(base)
		for i := 1; i < typ.NumField(); i++ { // field 0 is the term's IRI
			t.Run(typ.Name()+"."+typ.Field(i).Name, func(t *testing.T) {
				d := reflect.New(typ).Elem()
				d.Set(reflect.ValueOf(base))
				alter(d.Field(i))
				if f := d.Field(i); f.Type() == reflect.TypeFor[schema.Relation]() {
					d.FieldByName("Time").SetUint(uint64(schema.Eventive)) // only an event starts or ends a state
				}
				var terms schema.Terms
				switch d := d.Interface().(type) {
				case schema.KindDef:
					terms.Kinds = []schema.KindDef{d}
				case schema.RelationDef:
					terms.Relations = []schema.RelationDef{d}
				case schema.AttributeDef:
					terms.Attributes = []schema.AttributeDef{d}
				}
				v, err := schema.Core().Extend(terms)
				if err != nil {
					t.Fatal(err)
				}
				back, err := schema.FromTriples(v.Triples())
				if err != nil {
					t.Fatal(err)
				}
				sameVocabulary(t, v, back)
			})
		}
	}
}

func TestTriplesSayWhatAReasonerNeeds(t *testing.T) {
	ts := schema.Core().Triples()
	for _, want := range []schema.Triple{
		{Subject: schema.IRI(schema.ArmedGroup), Predicate: schema.Type, Object: schema.Class},
		{Subject: schema.IRI(schema.ArmedGroup), Predicate: schema.SubClassOf, Object: schema.IRI(schema.Organization)},
		{Subject: schema.IRI(schema.Backs), Predicate: schema.Type, Object: schema.ObjectProperty},
		{Subject: schema.IRI(schema.Backs), Predicate: schema.Label, Literal: "backs"},
		{Subject: schema.IRI(schema.Backs), Predicate: schema.InverseName, Literal: "backed by"},
		{Subject: schema.IRI(schema.Backs), Predicate: schema.PropertyDomain, Object: schema.IRI(schema.Actor)},
		{Subject: schema.IRI(schema.EnemyOf), Predicate: schema.Type, Object: schema.SymmetricProperty},
		{Subject: schema.IRI(schema.SuccessorOf), Predicate: schema.Type, Object: schema.TransitiveProperty},
		{Subject: schema.IRI(schema.FormerlyLed), Predicate: schema.PastFlag, Literal: "true", Datatype: schema.XSDBoolean},
		{Subject: schema.IRI(schema.Actor), Predicate: schema.SpeaksFlag, Literal: "true", Datatype: schema.XSDBoolean},
		{Subject: schema.IRI(schema.Founded), Predicate: schema.Type, Object: schema.DatatypeProperty},
		{Subject: schema.IRI(schema.Founded), Predicate: schema.PropertyRange, Object: schema.DateType},
		{Subject: schema.IRI(schema.MembersEstimate), Predicate: schema.PropertyRange, Object: schema.RangeType},
		{Subject: schema.IRI(schema.Person), Predicate: schema.EquivClass, Object: "https://schema.org/Person"},
		{Subject: schema.IRI(schema.MemberOf), Predicate: schema.EquivProperty, Object: "https://schema.org/memberOf"},
	} {
		if !slices.Contains(ts, want) {
			t.Errorf("the core's triples lack %s", want)
		}
	}
	if slices.Contains(ts, schema.Triple{Subject: schema.IRI(schema.Backs), Predicate: schema.Type, Object: schema.SymmetricProperty}) {
		t.Error("backs is written as symmetric")
	}
	if got := schema.Core().TermTriples("https://example.org/none"); got != nil {
		t.Errorf("TermTriples of an undefined term = %v, want nil", got)
	}
}

func TestTermTriplesAreTheTermsShareOfTriples(t *testing.T) {
	v := extended(t)
	var mine []schema.Triple
	for _, tr := range v.Triples() {
		if tr.Subject == research.IRI("funds") {
			mine = append(mine, tr)
		}
	}
	if got := v.TermTriples(research.IRI("funds")); !slices.Equal(got, mine) || len(got) < 6 {
		t.Errorf("TermTriples(funds) = %v\nwant %v", got, mine)
	}
}

func TestBadVocabularyTriplesAreNamed(t *testing.T) {
	x := research.IRI("x")
	typed := func(typ schema.IRI, more ...schema.Triple) []schema.Triple {
		return append([]schema.Triple{{Subject: x, Predicate: schema.Type, Object: typ}, {Subject: x, Predicate: schema.Label, Literal: "x"}}, more...)
	}
	domain := schema.Triple{Subject: x, Predicate: schema.PropertyDomain, Object: schema.IRI(schema.Actor)}
	for _, c := range []struct {
		name string
		ts   []schema.Triple
		want string
	}{
		{"no type", []schema.Triple{{Subject: x, Predicate: schema.Label, Literal: "x"}}, "term <" + string(x) + ">: typed []"},
		{"two sorts", typed(schema.Class, schema.Triple{Subject: x, Predicate: schema.Type, Object: schema.ObjectProperty}), "want exactly one of"},
		{"no name", []schema.Triple{{Subject: x, Predicate: schema.Type, Object: schema.Class}}, "kind <" + string(x) + ">: no <" + string(schema.Label) + ">"},
		{"two names", typed(schema.Class, schema.Triple{Subject: x, Predicate: schema.Label, Literal: "y"}), "has two values, x and y"},
		{"a name that is an IRI", []schema.Triple{{Subject: x, Predicate: schema.Type, Object: schema.Class}, {Subject: x, Predicate: schema.Label, Object: "https://n"}}, "takes a plain string"},
		{"a statement of another sort", typed(schema.Class, domain), "is not a statement a vocabulary makes about a kind"},
		{"a symmetric kind", typed(schema.Class, schema.Triple{Subject: x, Predicate: schema.Type, Object: schema.SymmetricProperty}), "not a statement a vocabulary makes about a kind"},
		{"a parent that is a literal", typed(schema.Class, schema.Triple{Subject: x, Predicate: schema.SubClassOf, Literal: "Actor"}), "takes a kind's IRI, not the literal \"Actor\""},
		{"a parent nobody defines", typed(schema.Class, schema.Triple{Subject: x, Predicate: schema.SubClassOf, Object: research.IRI("nope")}), "parent " + string(research) + "nope is not a defined kind"},
		{"a relation without range", typed(schema.ObjectProperty, domain), "relation <" + string(x) + ">: no <" + string(schema.PropertyRange) + ">"},
		{"a flag that is not a boolean", typed(schema.Class, schema.Triple{Subject: x, Predicate: schema.SpeaksFlag, Literal: "yes"}), "takes \"true\" or \"false\""},
		{"an unknown datatype", typed(schema.DatatypeProperty, domain, schema.Triple{Subject: x, Predicate: schema.PropertyRange, Object: schema.XSDDecimal}), "attribute <" + string(x) + ">: <" + string(schema.PropertyRange) + "> of an attribute takes one of"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := schema.FromTriples(c.ts)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v; want it to contain %q", err, c.want)
			}
		})
	}
}

func TestOnlyNamesDocsAndEquivalentsAreDescriptive(t *testing.T) {
	for _, c := range []struct {
		t    schema.Triple
		want bool
	}{
		{schema.Triple{Predicate: schema.Label, Literal: "x"}, true},
		{schema.Triple{Predicate: schema.Comment, Literal: "x"}, true},
		{schema.Triple{Predicate: schema.InverseName, Literal: "x"}, true},
		{schema.Triple{Predicate: schema.EquivClass, Object: "https://x"}, true},
		{schema.Triple{Predicate: schema.EquivProperty, Object: "https://x"}, true},
		{schema.Triple{Predicate: schema.Type, Object: schema.Class}, false},
		{schema.Triple{Predicate: schema.Type, Object: schema.SymmetricProperty}, false},
		{schema.Triple{Predicate: schema.SubClassOf, Object: "https://x"}, false},
		{schema.Triple{Predicate: schema.PropertyDomain, Object: "https://x"}, false},
		{schema.Triple{Predicate: schema.PropertyRange, Object: "https://x"}, false},
		{schema.Triple{Predicate: schema.SpeaksFlag, Literal: "true", Datatype: schema.XSDBoolean}, false},
		{schema.Triple{Predicate: schema.PastFlag, Literal: "true", Datatype: schema.XSDBoolean}, false},
	} {
		if got := schema.IsDescriptive(c.t); got != c.want {
			t.Errorf("IsDescriptive(%s) = %v, want %v", c.t, got, c.want)
		}
	}
}

func TestEquivalentsAreASortedSet(t *testing.T) {
	k := schema.Kind(research + "K")
	v, err := schema.Core().Extend(schema.Terms{Kinds: []schema.KindDef{{Kind: k, Name: "K", Equivalent: []schema.IRI{"https://b", "https://a", "https://b"}}}})
	if err != nil {
		t.Fatal(err)
	}
	d, _ := v.Kind(k)
	if !slices.Equal(d.Equivalent, []schema.IRI{"https://a", "https://b"}) {
		t.Errorf("Equivalent = %v", d.Equivalent)
	}
	// The same definition in another order is the same definition.
	if _, err := v.Extend(schema.Terms{Kinds: []schema.KindDef{{Kind: k, Name: "K", Equivalent: []schema.IRI{"https://a", "https://b"}}}}); err != nil {
		t.Errorf("extending with the same kind, equivalents reordered: %v", err)
	}
}
