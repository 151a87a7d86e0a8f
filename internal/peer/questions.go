package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

// The fixtures gen.py guarantees at every size.
const (
	actor0 = schema.IRI("https://example.org/actor/0") // a State, the likeliest subject of backs
	actor1 = schema.IRI("https://example.org/actor/1") // an ArmedGroup, the likeliest object of backs, a lineage of 5
)

// question is one of the benchmark's questions, asked as one typed query.
// Its answer is the rows of the SPARQL query of the same name
// (../shared/bench/peers/queries), each row its values as strings.
type question struct {
	name string
	ask  func(ctx context.Context, g *graph.Graph) ([][]string, error)
}

var questions = []question{
	{"Q1", func(ctx context.Context, g *graph.Graph) ([][]string, error) {
		// whom actor/0 backs
		es, err := g.Edges(ctx, Backs, graph.From(actor0))
		return objects(es), err
	}},
	{"Q2", func(ctx context.Context, g *graph.Graph) ([][]string, error) {
		// who backs actor/1
		es, err := g.Edges(ctx, Backs, graph.To(actor1))
		return subjects(es), err
	}},
	{"Q3", func(ctx context.Context, g *graph.Graph) ([][]string, error) {
		// every ArmedGroup backed by some State: SELECT DISTINCT ?group, the
		// matches' IDs (All would decode each group and its evidence too)
		ids, err := graph.Find(ArmedGroup).WhereSome(Backs.From, graph.Find(State)).IDs(ctx, g)
		rows := make([][]string, len(ids))
		for i, id := range ids {
			rows[i] = []string{string(id)}
		}
		return rows, err
	}},
	{"Q4", func(ctx context.Context, g *graph.Graph) ([][]string, error) {
		// the formerlyKnownAs chain from actor/1, transitively
		steps, err := g.Lineage(ctx, actor1, graph.Through(FormerlyKnownAs))
		if err != nil {
			return nil, err
		}
		rows := make([][]string, len(steps))
		for i, s := range steps {
			if s.Cut {
				// SPARQL's + has no bound: an answer cut short would not be the same answer.
				return nil, fmt.Errorf("Q4: the lineage of %s goes on past depth %d", actor1, graph.DefaultMaxDepth)
			}
			rows[i] = []string{string(s.To.ID)}
		}
		return rows, nil
	}},
	{"Q5", func(ctx context.Context, g *graph.Graph) ([][]string, error) {
		// who backs actor/1 by a claim valid on 2010-01-01
		es, err := g.Edges(ctx, Backs, graph.To(actor1), graph.AsOf(graph.Day(2010, 1, 1)))
		return subjects(es), err
	}},
	{"Q6", func(ctx context.Context, g *graph.Graph) ([][]string, error) {
		// the number of claims per source
		cs, err := g.Count(ctx, graph.ClaimsPerSource)
		rows := make([][]string, len(cs))
		for i, c := range cs {
			rows[i] = []string{string(c.Entity.ID), strconv.Itoa(c.N)}
		}
		return rows, err
	}},
}

// Edges returns one edge per subject and object, so these are distinct rows
// for a known end.
func objects(es []graph.Edge) [][]string {
	rows := make([][]string, len(es))
	for i, e := range es {
		rows[i] = []string{string(e.Object.ID)}
	}
	return rows
}

func subjects(es []graph.Edge) [][]string {
	rows := make([][]string, len(es))
	for i, e := range es {
		rows[i] = []string{string(e.Subject.ID)}
	}
	return rows
}

// digest returns the number of distinct rows and the harness's digest of
// them: the first 16 hex digits of the SHA-256 of the rows (values joined by
// TAB) sorted and joined by newlines.
func digest(rows [][]string) (int, string) {
	lines := make([]string, len(rows))
	for i, r := range rows {
		lines[i] = strings.Join(r, "\t")
	}
	slices.Sort(lines)
	lines = slices.Compact(lines)
	sum := sha256.Sum256([]byte(strings.Join(lines, "\n")))
	return len(lines), hex.EncodeToString(sum[:])[:16]
}
