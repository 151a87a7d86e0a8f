package main

import (
	"context"
	"fmt"
	"sort"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/query"
	"github.com/cayleygraph/cayley/query/gizmo"
)

// The escape hatch: Graph.Raw hands cayley's own query languages the same
// data, under the graph's read lock. Terms are full IRIs (see package schema).
// Here a Gizmo query asks for the names of what the Syria dataset says Turkey
// and Russia back.
func Example_gizmo() {
	ctx := context.Background()
	g, err := open(ctx, "")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer g.Close()

	const q = `
g.V("<https://actorgraph.org/id/syria/turkey>", "<https://actorgraph.org/id/syria/russia>")
  .Out("<https://actorgraph.org/ns#backs>")
  .Out("<https://schema.org/name>")
  .All()`
	var names []string
	err = g.Raw(ctx, func(qs cgraph.QuadStore) error {
		it, err := gizmo.NewSession(qs).Execute(ctx, q, query.Options{Collation: query.JSON, Limit: 10})
		if err != nil {
			return err
		}
		defer it.Close()
		for it.Next(ctx) {
			names = append(names, fmt.Sprint(it.Result().(map[string]any)["id"]))
		}
		return it.Err()
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	sort.Strings(names)
	fmt.Println(names)
	// Output:
	// [Assad government Rebel coalition]
}
