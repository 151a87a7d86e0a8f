package schema_test

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/schema"
)

// The README and the package doc publish the core's time semantics as
// TimeTable writes them.
func TestTheTimeTableIsPublished(t *testing.T) {
	table := schema.Core().TimeTable()
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), table) {
		t.Errorf("README.md does not hold the core's time table; put this in it:\n%s", table)
	}
	doc, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	var indented strings.Builder
	for _, line := range strings.SplitAfter(strings.TrimSuffix(table, "\n"), "\n") {
		indented.WriteString("//\t" + line)
	}
	if !strings.Contains(string(doc), indented.String()) {
		t.Errorf("schema/doc.go does not hold the core's time table; put this in it:\n%s", indented.String())
	}
}

func TestTimeSemanticsAreChecked(t *testing.T) {
	const ns schema.Namespace = "https://example.org/t#"
	for _, tc := range []struct {
		name string
		def  schema.RelationDef
	}{
		{"a symmetric exclusive state", schema.RelationDef{Relation: schema.Relation(ns + "r"), Name: "r", Domain: schema.Actor, Range: schema.Actor,
			Symmetric: true, Exclusive: schema.OneSubject}},
		{"an exclusive event", schema.RelationDef{Relation: schema.Relation(ns + "r"), Name: "r", Domain: schema.Actor, Range: schema.Place,
			Time: schema.Eventive, Exclusive: schema.OneSubject}},
		{"a state that starts a state", schema.RelationDef{Relation: schema.Relation(ns + "r"), Name: "r", Domain: schema.Actor, Range: schema.Place,
			Starts: schema.Controls}},
		{"an event that starts an event", schema.RelationDef{Relation: schema.Relation(ns + "r"), Name: "r", Domain: schema.Actor, Range: schema.Place,
			Time: schema.Eventive, Starts: schema.Captured}},
		{"an event that starts an unknown state", schema.RelationDef{Relation: schema.Relation(ns + "r"), Name: "r", Domain: schema.Actor, Range: schema.Place,
			Time: schema.Eventive, Starts: schema.Relation(ns + "nothing")}},
		{"an event whose objects the state does not take", schema.RelationDef{Relation: schema.Relation(ns + "r"), Name: "r", Domain: schema.Actor, Range: schema.Actor,
			Time: schema.Eventive, Ends: schema.Controls}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := schema.Core().Extend(schema.Terms{Relations: []schema.RelationDef{tc.def}}); !errors.Is(err, schema.ErrClash) {
				t.Errorf("Extend = %v, want ErrClash", err)
			}
		})
	}
}

// The held-out users' relations are expressible: a supply is an event, a
// sanction a state, a signature an event that starts a membership.
func TestExtensionsDeclareTimeSemantics(t *testing.T) {
	const ns schema.Namespace = "https://example.org/t#"
	v, err := schema.Core().Extend(schema.Terms{Relations: []schema.RelationDef{
		{Relation: schema.Relation(ns + "supplies"), Name: "supplies", Domain: schema.Actor, Range: schema.Actor, Time: schema.Eventive},
		{Relation: schema.Relation(ns + "sanctions"), Name: "sanctions", Domain: schema.Actor, Range: schema.Actor},
		{Relation: schema.Relation(ns + "signed"), Name: "signed", Domain: schema.Actor, Range: schema.Organization, Time: schema.Eventive, Starts: schema.MemberOf},
	}})
	if err != nil {
		t.Fatal(err)
	}
	back, err := schema.FromTriples(v.Triples())
	if err != nil {
		t.Fatal(err)
	}
	d, _ := back.Relation(schema.Relation(ns + "signed"))
	if d.Time != schema.Eventive || d.Starts != schema.MemberOf {
		t.Errorf("signed after a round trip through RDF = %+v", d)
	}
	if !strings.Contains(v.TimeTable(), "| signed | event |  | memberOf |  |") {
		t.Errorf("the table lacks signed:\n%s", v.TimeTable())
	}
}
