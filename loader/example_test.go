package loader_test

import (
	"context"
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
