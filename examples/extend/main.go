// Command extend shows how another module extends actorgraph's vocabulary: it
// declares its own kinds, a relation and an attribute (vocab.go), loads a
// dataset that uses them, and asks typed questions that mix core and extension
// terms. It imports only actorgraph's public packages.
//
//	go run ./examples/extend
package main

import (
	"bytes"
	"context"
	_ "embed"
	"fmt"
	"io"
	"os"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/loader"
	"github.com/actorgraph/actorgraph/schema"
)

//go:embed extend.yaml
var dataset []byte

const id schema.Namespace = "https://example.org/id/"

// MilitiaProfile is the research group's own view of a militia: the core
// entity plus fields mapped to extension terms.
type MilitiaProfile struct {
	graph.Entity
	Strength int64          `actorgraph:"strength"`
	FundedBy []graph.Entity `actorgraph:"funds,inverse"`
	Leaders  []graph.Entity `actorgraph:"leads,inverse"`
}

func main() {
	if err := run(context.Background(), os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "extend:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, w io.Writer) error {
	v, err := Vocabulary()
	if err != nil {
		return err
	}
	g, err := graph.Open(ctx, "", graph.WithVocabulary(v))
	if err != nil {
		return err
	}
	defer g.Close()
	if _, err := loader.LoadYAML(ctx, g, "extend.yaml", bytes.NewReader(dataset)); err != nil {
		return err
	}

	// Core and extension terms in one question: militias funded by a state that
	// also backs the rebel coalition.
	fmt.Fprintln(w, "Militias funded by a state that backs the rebel coalition:")
	backers, err := graph.Find(schema.State).Where(schema.Backs.To(id.IRI("coalition"))).All(ctx, g)
	if err != nil {
		return err
	}
	for _, state := range backers {
		militias, err := graph.Find(Militia).Where(Funds.From(state.Entity.ID)).All(ctx, g)
		if err != nil {
			return err
		}
		ids := make([]schema.IRI, len(militias))
		for i, m := range militias {
			ids[i] = m.Entity.ID
		}
		// Load the research group's own struct type for the matches.
		profiles, err := graph.Load[MilitiaProfile](ctx, g, ids)
		if err != nil {
			return err
		}
		for _, p := range profiles {
			fmt.Fprintf(w, "  %s: %d fighters, funded by %s", p.Name, p.Strength, p.FundedBy[0].Name)
			for _, l := range p.Leaders {
				fmt.Fprintf(w, ", led by %s", l.Name)
			}
			fmt.Fprintln(w)
		}
	}

	// Funding held from 2023 on: as of 2022 there is none.
	for _, year := range []int{2022, 2024} {
		funded, err := g.Edges(ctx, Funds, graph.From(id.IRI("turkey")), graph.AsOf(graph.Year(year)))
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "Militias Turkey funds as of %d: %d\n", year, len(funded))
	}

	fmt.Fprintln(w, "Interviews:")
	interviews, err := g.Edges(ctx, Interviewed)
	if err != nil {
		return err
	}
	for _, e := range interviews {
		c := e.Evidence[0]
		fmt.Fprintf(w, "  %s %s %s (%s): %q\n", e.Subject, v.RelationName(e.Relation), e.Object, c.Reported.Format(), c.Quote)
	}

	// The extension's domain and range are enforced like the core's: Russia is
	// a state, not a journalist.
	err = g.Write(ctx, func(tx *graph.Tx) error {
		return tx.Assert(graph.Fact{Subject: id.IRI("russia"), Relation: Interviewed,
			Object: id.IRI("commander-a"), Claim: id.IRI("interview")})
	})
	fmt.Fprintln(w, "A wrong-domain write:", err)
	return nil
}
