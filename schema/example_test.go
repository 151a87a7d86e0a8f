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
