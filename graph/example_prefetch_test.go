package graph_test

import (
	"context"
	"fmt"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

// A load that knows its records before it writes them names their IDs to
// Prefetch first: on PostgreSQL the batch then reads the graph in a statement
// a few thousand IDs, not a round trip for each write. The writes decide as
// they would without it: here the second entity is already in the graph
// under another name.
func ExampleTx_Prefetch() {
	const ns schema.Namespace = "https://example.org/id/"
	ctx := context.Background()
	g, err := graph.Open(ctx, "") // in memory Prefetch does nothing; see graph/postgres
	if err != nil {
		fmt.Println(err)
		return
	}
	defer g.Close()
	err = g.Write(ctx, func(tx *graph.Tx) error {
		return tx.AddEntity(graph.Entity{ID: ns.IRI("hts"), Kinds: []schema.Kind{schema.ArmedGroup}, Name: "Hayat Tahrir al-Sham"})
	})
	if err != nil {
		fmt.Println(err)
		return
	}

	records := []graph.Entity{
		{ID: ns.IRI("sdf"), Kinds: []schema.Kind{schema.ArmedGroup}, Name: "Syrian Democratic Forces"},
		{ID: ns.IRI("hts"), Kinds: []schema.Kind{schema.ArmedGroup}, Name: "HTS"},
	}
	err = g.Write(ctx, func(tx *graph.Tx) error {
		ids := make([]schema.IRI, len(records))
		for i, e := range records {
			ids[i] = e.ID
		}
		if err := tx.Prefetch(ids...); err != nil {
			return err
		}
		for _, e := range records {
			if err := tx.AddEntity(e); err != nil {
				return err
			}
		}
		return nil
	})
	fmt.Println(err)
	// Output:
	// graph: entity https://example.org/id/hts is already "Hayat Tahrir al-Sham" of kinds [ArmedGroup]; cannot add it as "HTS" of kinds [ArmedGroup]: conflicting definition
}
