// Package synth generates the synthetic actor graphs the benchmarks run on,
// deterministically from a seed, so that every store, and any other tool fed
// the same N-Quads, sees the same data.
//
// The graph: n armed groups, each with a name and one claim (from a single
// source, with a reported date and a validFrom year) that labels two facts:
// the group backs another group of its batch, chosen by the seeded generator,
// and it was formerly known as the next group in its chain of ChainLength.
// About 11 quads a group (10.8), derived quads included.
package synth

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

// NS is the namespace of the generated identifiers.
const NS schema.Namespace = "https://bench.example/"

// ChainLength is the length of the formerly-known-as chains: from the first
// group of a chain, a lineage is ChainLength-1 steps deep.
const ChainLength = 6

// BatchActors is how many groups a batch carries: about 10k, a multiple of
// ChainLength so that no chain spans two batches.
const BatchActors = 9_996

// QuadsPerActor is about how many quads a group brings.
const QuadsPerActor = 11

// Source is the entity every claim cites; AddSource writes it.
var Source = graph.Entity{ID: NS.IRI("source"), Kinds: []schema.Kind{schema.MediaOutlet}, Name: "Source"}

// Actor returns the IRI of group i.
func Actor(i int) schema.IRI { return NS.IRI(fmt.Sprintf("a%d", i)) }

// Batch is one write batch of the graph.
type Batch struct {
	Entities []graph.Entity
	Claims   []graph.Claim
	Facts    []graph.Fact
}

// Generate returns the batches of a graph of n groups. The same n and seed
// give the same graph.
func Generate(n int, seed uint64) []Batch {
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	var out []Batch
	for lo := 0; lo < n; lo += BatchActors {
		hi := min(lo+BatchActors, n)
		var b Batch
		for i := lo; i < hi; i++ {
			b.Entities = append(b.Entities, graph.Entity{ID: Actor(i), Kinds: []schema.Kind{schema.ArmedGroup}, Name: fmt.Sprintf("Group %d", i)})
			c := NS.IRI(fmt.Sprintf("c%d", i))
			b.Claims = append(b.Claims, graph.Claim{ID: c, Source: graph.Entity{ID: Source.ID},
				Reported: graph.Day(2020+rng.IntN(5), time.Month(1+rng.IntN(12)), 1+rng.IntN(28)), ValidFrom: graph.Year(2000 + rng.IntN(20))})
			b.Facts = append(b.Facts, graph.Fact{Subject: Actor(i), Relation: schema.Backs, Object: Actor(lo + rng.IntN(hi-lo)), Claim: c})
			if i%ChainLength != ChainLength-1 && i+1 < hi {
				b.Facts = append(b.Facts, graph.Fact{Subject: Actor(i), Relation: schema.FormerlyKnownAs, Object: Actor(i + 1), Claim: c})
			}
		}
		out = append(out, b)
	}
	return out
}

// Load writes the source and the batches into g, one Write per batch.
func Load(ctx context.Context, g *graph.Graph, batches []Batch) error {
	err := g.Write(ctx, func(tx *graph.Tx) error { return tx.AddEntity(Source) })
	for _, b := range batches {
		if err != nil {
			return err
		}
		err = g.Write(ctx, func(tx *graph.Tx) error {
			// The batch's IDs, read in a few statements on PostgreSQL
			// rather than a round trip each as the writes name them.
			ids := make([]schema.IRI, 0, len(b.Entities)+len(b.Claims))
			for _, e := range b.Entities {
				ids = append(ids, e.ID)
			}
			for _, c := range b.Claims {
				ids = append(ids, c.ID)
			}
			if err := tx.Prefetch(ids...); err != nil {
				return err
			}
			return Write(tx, b)
		})
	}
	return err
}

// Write adds b's entities, claims and facts to tx, in that order.
func Write(tx *graph.Tx, b Batch) error {
	for _, e := range b.Entities {
		if err := tx.AddEntity(e); err != nil {
			return err
		}
	}
	for _, c := range b.Claims {
		if err := tx.AddClaim(c); err != nil {
			return err
		}
	}
	for _, f := range b.Facts {
		if err := tx.Assert(f); err != nil {
			return err
		}
	}
	return nil
}
