package graph_test

import (
	"context"
	"fmt"
	"slices"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/loader"
	"github.com/actorgraph/actorgraph/schema"
)

// Seq streams a query's matches: here the states that back a group that
// opposes Bashar al-Assad, in the Syria dataset. The loop may stop at any
// match; nothing more is read.
func ExampleQuery_Seq() {
	ctx := context.Background()
	g, _ := graph.Open(ctx, "")
	defer g.Close()
	if _, err := loader.LoadFile(ctx, g, "../examples/syria/syria.yaml"); err != nil {
		fmt.Println(err)
		return
	}
	assad := schema.Namespace("https://actorgraph.org/id/syria/").IRI("assad")
	q := graph.Find(schema.State).WhereSome(schema.Backs.To,
		graph.Find(schema.Organization).Where(schema.Opposes.To(assad)))
	var found []string
	for m, err := range q.Seq(ctx, g) {
		if err != nil {
			fmt.Println(err)
			return
		}
		found = append(found, fmt.Sprintf("%s, on %d claim(s)", m.Entity.Name, len(m.Evidence)))
	}
	slices.Sort(found) // Seq yields in no set order
	for _, f := range found {
		fmt.Println(f)
	}
	// Output:
	// Turkey, on 1 claim(s)
}
