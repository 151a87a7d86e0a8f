package loader_test

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/loader"
	"github.com/actorgraph/actorgraph/schema"
)

func ExampleLoadYAML() {
	const data = `
actorgraph: 1
base: https://example.org/id/
entities:
  - {id: report, kinds: [Report], name: A report}
  - {id: russia, kinds: [State], name: Russia}
  - {id: assad-government, kinds: [Government], name: Assad government}
claims:
  - id: russia-backs-assad
    source: report
    reported: 2024-12-07
    quote: the Russian-backed Assad regime
    facts:
      - russia backs assad-government
`
	ctx := context.Background()
	g, _ := graph.Open(ctx, "")
	defer g.Close()
	st, err := loader.LoadYAML(ctx, g, "example.yaml", strings.NewReader(data))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d entities, %d claims, %d facts\n", st.Entities, st.Claims, st.Facts)
	es, _ := g.Edges(ctx, schema.Backs, graph.To("https://example.org/id/assad-government"))
	for _, e := range es {
		fmt.Println(e.Subject, "backs", e.Object, "according to", e.Evidence.Sources())
	}

	// A bad line is reported with its place, and nothing is written.
	_, err = loader.LoadYAML(ctx, g, "bad.yaml", strings.NewReader(strings.Replace(data, "russia backs", "russia bakcs", 1)))
	fmt.Println(err)
	// Output:
	// 3 entities, 1 claims, 1 facts
	// Russia backs Assad government according to [A report]
	// bad.yaml:14:9: claims[0].facts[0]: "russia bakcs assad-government": unknown relation or attribute "bakcs": unknown term
}

// An export carries the vocabulary it was written with: reading it first gives
// the vocabulary to open the graph with, so that the extension's terms load.
func ExampleReadNQuadsVocabulary() {
	const data = `<https://example.org/research#Militia> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/2002/07/owl#Class> <https://actorgraph.org/ns#vocabulary> .
<https://example.org/research#Militia> <http://www.w3.org/2000/01/rdf-schema#label> "Militia" <https://actorgraph.org/ns#vocabulary> .
<https://example.org/research#Militia> <http://www.w3.org/2000/01/rdf-schema#subClassOf> <https://actorgraph.org/ns#ArmedGroup> <https://actorgraph.org/ns#vocabulary> .
<https://example.org/research#funds> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/2002/07/owl#ObjectProperty> <https://actorgraph.org/ns#vocabulary> .
<https://example.org/research#funds> <http://www.w3.org/2000/01/rdf-schema#label> "funds" <https://actorgraph.org/ns#vocabulary> .
<https://example.org/research#funds> <http://www.w3.org/2000/01/rdf-schema#domain> <https://actorgraph.org/ns#State> <https://actorgraph.org/ns#vocabulary> .
<https://example.org/research#funds> <http://www.w3.org/2000/01/rdf-schema#range> <https://example.org/research#Militia> <https://actorgraph.org/ns#vocabulary> .
<https://example.org/id/turkey> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://actorgraph.org/ns#State> .
<https://example.org/id/turkey> <https://schema.org/name> "Turkey" .
<https://example.org/id/river-guard> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://example.org/research#Militia> .
<https://example.org/id/river-guard> <https://schema.org/name> "River Guard" .
<https://example.org/id/note> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://actorgraph.org/ns#Report> .
<https://example.org/id/note> <https://schema.org/name> "Research note" .
<https://example.org/id/funding> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://actorgraph.org/ns#Claim> .
<https://example.org/id/funding> <https://actorgraph.org/ns#source> <https://example.org/id/note> .
<https://example.org/id/funding> <https://actorgraph.org/ns#reported> "2024-12-10"^^<http://www.w3.org/2001/XMLSchema#date> .
<https://example.org/id/turkey> <https://example.org/research#funds> <https://example.org/id/river-guard> <https://example.org/id/funding> .
`
	ctx := context.Background()
	v, err := loader.ReadNQuadsVocabulary(ctx, "ext.nq", strings.NewReader(data), schema.Core())
	if err != nil {
		fmt.Println(err)
		return
	}
	funds, _ := v.Lookup("funds")
	fmt.Println("funds is", funds)

	g, _ := graph.Open(ctx, "", graph.WithVocabulary(v))
	defer g.Close()
	if _, err := loader.LoadNQuads(ctx, g, "ext.nq", strings.NewReader(data)); err != nil {
		fmt.Println(err)
		return
	}
	es, _ := g.Edges(ctx, schema.Relation(funds))
	for _, e := range es {
		fmt.Println(e.Subject, "funds", e.Object)
	}

	// A vocabulary that names another term "funds" clashes with this one.
	_, err = loader.ReadNQuadsVocabulary(ctx, "other.nq",
		strings.NewReader(strings.ReplaceAll(data, "research#funds", "other#funds")), v)
	fmt.Println(errors.Is(err, schema.ErrClash))
	// Output:
	// funds is https://example.org/research#funds
	// Turkey funds River Guard
	// true
}
