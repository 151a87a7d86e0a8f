// Command synth writes the benchmarks' synthetic actor graph as N-Quads,
// deterministically from a seed, so that other stores and tools can be fed the
// very data the benchmarks measure.
//
//	go run ./examples/synth -quads 100000 -seed 1 > synth.nq
//
// It writes the graph's vocabulary and source as an export of the graph
// writes them, then each batch's statements as it generates them, without
// building the graph: a file of a million claims (11M quads) is written in
// seconds and in the memory of the generated records alone.
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/synth"
	"github.com/actorgraph/actorgraph/loader"
	"github.com/actorgraph/actorgraph/schema"
)

func main() {
	quads := flag.Int("quads", 100_000, "about how many quads to generate")
	seed := flag.Uint64("seed", 1, "the generator's seed: the same seed gives the same graph")
	flag.Parse()
	if err := run(context.Background(), os.Stdout, *quads, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "synth:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, w io.Writer, quads int, seed uint64) error {
	if quads < synth.QuadsPerActor {
		return fmt.Errorf("-quads %d: want at least %d", quads, synth.QuadsPerActor)
	}
	// The vocabulary and the source, as the graph exports them.
	g, err := graph.Open(ctx, "")
	if err != nil {
		return err
	}
	defer g.Close()
	if err := synth.Load(ctx, g, nil); err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	if err := loader.WriteNQuads(ctx, bw, g); err != nil {
		return err
	}
	line := func(st graph.Statement) {
		bw.WriteString(loader.FormatNQuad(st))
		bw.WriteByte('\n')
	}
	iri := func(id schema.IRI) graph.Term { return graph.Term{IRI: id} }
	for _, b := range synth.Generate(quads/synth.QuadsPerActor, seed) {
		for _, e := range b.Entities {
			for _, k := range e.Kinds {
				line(graph.Statement{Subject: e.ID, Predicate: schema.Type, Object: iri(schema.IRI(k))})
			}
			line(graph.Statement{Subject: e.ID, Predicate: schema.Name, Object: graph.Term{Lexical: e.Name}})
		}
		for _, c := range b.Claims {
			line(graph.Statement{Subject: c.ID, Predicate: schema.Type, Object: iri(schema.IRI(schema.ClaimKind))})
			line(graph.Statement{Subject: c.ID, Predicate: schema.Source, Object: iri(c.Source.ID)})
			line(graph.Statement{Subject: c.ID, Predicate: schema.Stance, Object: iri(schema.Asserted)})
			line(graph.Statement{Subject: c.ID, Predicate: schema.Reported, Object: graph.TermOf(c.Reported)})
			line(graph.Statement{Subject: c.ID, Predicate: schema.ValidFrom, Object: graph.TermOf(c.ValidFrom)})
		}
		for _, f := range b.Facts {
			line(graph.Statement{Subject: f.Subject, Predicate: schema.IRI(f.Relation), Object: iri(f.Object), Claim: f.Claim})
		}
	}
	return bw.Flush()
}
