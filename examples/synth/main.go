// Command synth writes the benchmarks' synthetic actor graph as N-Quads,
// deterministically from a seed, so that other stores and tools can be fed the
// very data the benchmarks measure.
//
//	go run ./examples/synth -quads 100000 -seed 1 > synth.nq
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/synth"
	"github.com/actorgraph/actorgraph/loader"
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
	g, err := graph.Open(ctx, "")
	if err != nil {
		return err
	}
	defer g.Close()
	if err := synth.Load(ctx, g, synth.Generate(quads/synth.QuadsPerActor, seed)); err != nil {
		return err
	}
	return loader.WriteNQuads(ctx, w, g)
}
