package main

import "github.com/actorgraph/actorgraph/schema"

// The research group's own namespace and terms. They are typed constants, as
// the core's are: a misspelt term does not compile.
const ns schema.Namespace = "https://example.org/research#"

const (
	Militia     = schema.Kind(ns + "Militia")         // a kind of armed group
	Journalist  = schema.Kind(ns + "Journalist")      // a kind of person
	Funds       = schema.Relation(ns + "funds")       // a state funds a militia
	Interviewed = schema.Relation(ns + "interviewed") // a journalist interviewed a person
	Strength    = schema.Attribute(ns + "strength")   // fighters, by estimate
)

// Vocabulary returns the core vocabulary extended with the terms above. Domain
// and range mix core kinds (State, Person) and new ones (Militia, Journalist).
func Vocabulary() (*schema.Vocabulary, error) {
	return schema.Core().Extend(schema.Terms{
		Kinds: []schema.KindDef{
			{Kind: Militia, Name: "Militia", Parent: schema.ArmedGroup, Doc: "A locally raised armed group."},
			{Kind: Journalist, Name: "Journalist", Parent: schema.Person, Doc: "A reporter."},
		},
		Relations: []schema.RelationDef{
			{Relation: Funds, Name: "funds", Inverse: "funded by", Domain: schema.State, Range: Militia,
				Doc: "The state pays or arms the militia."},
			{Relation: Interviewed, Name: "interviewed", Inverse: "interviewed by", Domain: Journalist, Range: schema.Person,
				Doc: "The journalist interviewed the person."},
		},
		Attributes: []schema.AttributeDef{
			{Attribute: Strength, Name: "strength", Domain: Militia, Datatype: schema.Integer, Doc: "Number of fighters."},
		},
	})
}
