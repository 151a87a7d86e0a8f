package schema_test

import (
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/actorgraph/actorgraph/schema"
)

func TestCoreIsConsistent(t *testing.T) {
	v := schema.Core()
	if v != schema.Core() {
		t.Fatal("Core returned two different values")
	}
	for _, r := range v.Relations() {
		if !strings.HasPrefix(string(r.Relation), string(schema.NS)) {
			t.Errorf("relation %q is outside the ag: namespace: %s", r.Name, r.Relation)
		}
		if r.Inverse == "" || r.Doc == "" {
			t.Errorf("relation %q lacks an inverse name or a doc", r.Name)
		}
	}
	for _, k := range v.Kinds() {
		if k.Doc == "" {
			t.Errorf("kind %q has no doc", k.Name)
		}
	}
}

func TestCoreCoversTheDesignRelations(t *testing.T) {
	v := schema.Core()
	for _, name := range []string{"backs", "opposes", "alliedWith", "enemyOf", "leads", "formerlyLed",
		"memberOf", "partOf", "branchOf", "formerlyBranchOf", "formerlyKnownAs", "successorOf",
		"designatesTerrorist", "controls", "captured", "advancingTowards", "headOfState",
		"founded", "membersEstimate"} {
		if _, ok := v.Lookup(name); !ok {
			t.Errorf("core vocabulary has no term %q", name)
		}
	}
}

func TestKindHierarchy(t *testing.T) {
	v := schema.Core()
	tests := []struct {
		k, ancestor schema.Kind
		want        bool
	}{
		{schema.ArmedGroup, schema.Organization, true},
		{schema.ArmedGroup, schema.Actor, true},
		{schema.ArmedGroup, schema.ArmedGroup, true},
		{schema.City, schema.Place, true},
		{schema.City, schema.Actor, false},
		{schema.Actor, schema.Organization, false},
		{schema.Kind("https://example.org/unknown"), schema.Actor, false},
	}
	for _, tt := range tests {
		if got := v.IsA(tt.k, tt.ancestor); got != tt.want {
			t.Errorf("IsA(%s, %s) = %v, want %v", v.KindName(tt.k), v.KindName(tt.ancestor), got, tt.want)
		}
	}
	desc := v.Descendants(schema.Organization)
	for _, want := range []schema.Kind{schema.Organization, schema.ArmedGroup, schema.Government} {
		found := false
		for _, k := range desc {
			found = found || k == want
		}
		if !found {
			t.Errorf("Descendants(Organization) lacks %s", want)
		}
	}
	for _, k := range desc {
		if k == schema.Person {
			t.Error("Descendants(Organization) includes Person")
		}
	}
}

const ext schema.Namespace = "https://example.org/research#"

const (
	militia  = schema.Kind(ext + "Militia")
	funds    = schema.Relation(ext + "funds")
	strength = schema.Attribute(ext + "strength")
)

func TestExtendAddsTermsAndLeavesTheOriginalAlone(t *testing.T) {
	core := schema.Core()
	v, err := core.Extend(schema.Terms{
		Kinds:      []schema.KindDef{{Kind: militia, Name: "Militia", Parent: schema.ArmedGroup}},
		Relations:  []schema.RelationDef{{Relation: funds, Name: "funds", Inverse: "funded by", Domain: schema.State, Range: militia}},
		Attributes: []schema.AttributeDef{{Attribute: strength, Name: "strength", Domain: militia, Datatype: schema.Integer}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if !v.IsA(militia, schema.Actor) {
		t.Error("Militia is not an Actor in the extended vocabulary")
	}
	if _, ok := core.Kind(militia); ok {
		t.Error("extending changed the core vocabulary")
	}
	if d, ok := v.Relation(funds); !ok || d.Range != militia {
		t.Errorf("Relation(funds) = %+v, %v", d, ok)
	}
	if iri, ok := v.Lookup("strength"); !ok || iri != schema.IRI(strength) {
		t.Errorf("Lookup(strength) = %q, %v", iri, ok)
	}
}

func TestExtendReportsClashesByName(t *testing.T) {
	tests := []struct {
		name  string
		terms schema.Terms
		want  string
	}{
		{"an IRI defined twice", schema.Terms{Kinds: []schema.KindDef{{Kind: schema.Kind(schema.Backs), Name: "Backs2"}}}, "already defined with another meaning"},
		{"a kind redefined with another parent", schema.Terms{Kinds: []schema.KindDef{{Kind: schema.ArmedGroup, Name: "ArmedGroup", Parent: schema.Actor}}}, "ArmedGroup"},
		{"a short name used twice", schema.Terms{Relations: []schema.RelationDef{{Relation: funds, Name: "backs", Domain: schema.Actor, Range: schema.Actor}}}, `"backs"`},
		{"an unknown parent", schema.Terms{Kinds: []schema.KindDef{{Kind: militia, Name: "Militia", Parent: "https://example.org/nope"}}}, "parent https://example.org/nope is not a defined kind"},
		{"an unknown range", schema.Terms{Relations: []schema.RelationDef{{Relation: funds, Name: "funds", Domain: schema.State, Range: militia}}}, `range "https://example.org/research#Militia"`},
		{"a relative IRI", schema.Terms{Kinds: []schema.KindDef{{Kind: "Militia", Name: "Militia"}}}, "not absolute"},
		{"a missing datatype", schema.Terms{Attributes: []schema.AttributeDef{{Attribute: strength, Name: "strength", Domain: schema.Actor}}}, `attribute "strength": datatype`},
		{"a cycle in the hierarchy", schema.Terms{Kinds: []schema.KindDef{
			{Kind: militia, Name: "Militia", Parent: schema.Kind(ext + "Band")},
			{Kind: schema.Kind(ext + "Band"), Name: "Band", Parent: militia},
		}}, "cycle"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := schema.Core().Extend(tt.terms)
			if err == nil {
				t.Fatalf("Extend succeeded; want an error mentioning %q", tt.want)
			}
			if v != nil {
				t.Error("Extend returned a vocabulary with its error")
			}
			if !errors.Is(err, schema.ErrClash) {
				t.Errorf("error does not wrap ErrClash: %v", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not mention %q", err, tt.want)
			}
		})
	}
}

func TestExtendAcceptsATermDefinedAgainAlike(t *testing.T) {
	d, _ := schema.Core().Relation(schema.Backs)
	v, err := schema.Core().Extend(schema.Terms{Relations: []schema.RelationDef{d}})
	if err != nil {
		t.Fatalf("redefining backs exactly as it is: %v", err)
	}
	if got, _ := v.Relation(schema.Backs); got.Name != "backs" {
		t.Errorf("backs became %+v", got)
	}
}

func TestTwoVocabulariesCoexist(t *testing.T) {
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			name := "Extra" + string(rune('A'+i))
			k := schema.Kind(ext + schema.Namespace(name))
			v, err := schema.Core().Extend(schema.Terms{Kinds: []schema.KindDef{{Kind: k, Name: name, Parent: schema.Actor}}})
			if err != nil {
				t.Error(err)
				return
			}
			if !v.IsA(k, schema.Actor) {
				t.Errorf("%s is not an Actor", name)
			}
			if _, ok := schema.Core().Kind(k); ok {
				t.Errorf("%s leaked into Core", name)
			}
		}()
	}
	wg.Wait()
}

func TestConstraints(t *testing.T) {
	turkey := schema.IRI("https://example.org/turkey")
	c := schema.Backs.From(turkey)
	if c.Relation != schema.Backs || c.Other != turkey || !c.Incoming {
		t.Errorf("Backs.From = %+v", c)
	}
	c = schema.Backs.To(turkey)
	if c.Incoming {
		t.Errorf("Backs.To = %+v", c)
	}
}

func TestIsAbsolute(t *testing.T) {
	for s, want := range map[string]bool{
		"https://actorgraph.org/ns#x": true, "urn:x:y": true, "hts": false, ":x": false,
		"http:": false, "1http://x": false, "https://x y": false,
	} {
		if got := schema.IsAbsolute(s); got != want {
			t.Errorf("IsAbsolute(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestKindNames(t *testing.T) {
	got := schema.Core().KindNames([]schema.Kind{schema.State, "https://example.org/x"})
	if len(got) != 2 || got[0] != "State" || got[1] != "https://example.org/x" {
		t.Errorf("KindNames = %q", got)
	}
}
