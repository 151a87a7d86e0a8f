package schema_test

import (
	"fmt"

	"github.com/actorgraph/actorgraph/schema"
)

// A research group adds a kind of armed group and a relation of its own; the core
// vocabulary is left as it was.
func ExampleVocabulary_Extend() {
	const ns schema.Namespace = "https://example.org/research#"
	const (
		Militia = schema.Kind(ns + "Militia")
		Funds   = schema.Relation(ns + "funds")
	)
	v, err := schema.Core().Extend(schema.Terms{
		Kinds: []schema.KindDef{{Kind: Militia, Name: "Militia", Parent: schema.ArmedGroup}},
		Relations: []schema.RelationDef{{Relation: Funds, Name: "funds", Inverse: "funded by",
			Domain: schema.State, Range: Militia}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	d, _ := v.Relation(Funds)
	fmt.Println(d.Name, "/", d.Inverse, ":", v.KindName(d.Domain), "->", v.KindName(d.Range))
	fmt.Println("a militia is an actor:", v.IsA(Militia, schema.Actor))
	_, inCore := schema.Core().Relation(Funds)
	fmt.Println("in core:", inCore)
	// Output:
	// funds / funded by : State -> Militia
	// a militia is an actor: true
	// in core: false
}

// Ontology adds to the stored vocabulary what a reader of an export needs
// to know of the claim model and of each relation's time semantics.
func ExampleVocabulary_Ontology() {
	v := schema.Core()
	for _, t := range v.Ontology() {
		if v.IsOntologyExtra(t) && (t.Subject == schema.IRI(schema.Controls) || t.Subject == schema.Source) {
			fmt.Println(t)
		}
	}
	// Output:
	// <https://actorgraph.org/ns#controls> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://actorgraph.org/ns#StateRelation>
	// <https://actorgraph.org/ns#controls> <https://actorgraph.org/ns#timeSemantics> "A state: it holds from the claim's effective start (validFrom, or the reported date) until its validUntil. Exclusive: each object has one subject at a time; a claim for another subject that starts later supersedes it from its start."
	// <https://actorgraph.org/ns#source> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/2002/07/owl#ObjectProperty>
	// <https://actorgraph.org/ns#source> <http://www.w3.org/2000/01/rdf-schema#comment> "The entity that reported the claim: an actor, an outlet, a document."
	// <https://actorgraph.org/ns#source> <http://www.w3.org/2000/01/rdf-schema#domain> <https://actorgraph.org/ns#Claim>
	// <https://actorgraph.org/ns#source> <http://www.w3.org/2000/01/rdf-schema#label> "source"
	// <https://actorgraph.org/ns#source> <http://www.w3.org/2000/01/rdf-schema#subPropertyOf> <http://www.w3.org/ns/prov#wasAttributedTo>
}
