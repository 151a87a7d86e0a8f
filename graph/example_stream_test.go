package graph_test

import (
	"context"
	"fmt"
	"slices"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/loader"
	"github.com/actorgraph/actorgraph/schema"
)

// syriaExample opens a graph in memory with the Syria dataset.
func syriaExample(ctx context.Context) (*graph.Graph, error) {
	g, err := graph.Open(ctx, "")
	if err != nil {
		return nil, err
	}
	if _, err := loader.LoadFile(ctx, g, "../examples/syria/syria.yaml"); err != nil {
		g.Close()
		return nil, err
	}
	return g, nil
}

// EdgesSeq streams the edges Edges would return: here the first holder of
// Aleppo on 7 December 2024 the stream reaches. The loop stops there; the
// edges after it are not decoded.
func ExampleGraph_EdgesSeq() {
	ctx := context.Background()
	g, err := syriaExample(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer g.Close()
	aleppo := syriaNS.IRI("aleppo")
	for e, err := range g.EdgesSeq(ctx, schema.Controls, graph.To(aleppo), graph.AsOf(graph.Day(2024, 12, 7))) {
		if err != nil {
			fmt.Println(err)
			return
		}
		c := e.Evidence[0]
		fmt.Printf("%s controls %s (%s, %s)\n", e.Subject.Name, e.Object.Name, c.Source.Name, c.Reported.Format())
		break
	}
	// Output:
	// Rebel coalition controls Aleppo (Report on the Syrian rebel offensive, 7 December 2024)
}

// HistorySeq streams the history of a relation a unit at a time: here of
// control, read a place at a time (a place has one controller, so each
// place's claims are read together), each place's intervals in History's
// order. The units come in the index's order; the lines are sorted here.
func ExampleGraph_HistorySeq() {
	ctx := context.Background()
	g, err := syriaExample(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer g.Close()
	var lines []string
	for iv, err := range g.HistorySeq(ctx, schema.Controls) {
		if err != nil {
			fmt.Println(err)
			return
		}
		lines = append(lines, fmt.Sprintf("%s controls %s from %s", iv.Subject.Name, iv.Object.Name, iv.From.Format()))
	}
	slices.Sort(lines)
	for _, l := range lines {
		fmt.Println(l)
	}
	// Output:
	// Hayat Tahrir al-Sham controls Idlib province from 2020
	// Rebel coalition controls Aleppo from 7 December 2024
	// Rebel coalition controls Daraa from 6 December 2024
}

// ChangesSeq streams what was learned in December 2024, relation by
// relation; here counted by kind.
func ExampleGraph_ChangesSeq() {
	ctx := context.Background()
	g, err := syriaExample(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer g.Close()
	counts := map[graph.ChangeKind]int{}
	for c, err := range g.ChangesSeq(ctx, graph.Month(2024, 12), graph.Month(2024, 12), graph.ReportTime()) {
		if err != nil {
			fmt.Println(err)
			return
		}
		counts[c.Kind]++
	}
	for _, k := range []graph.ChangeKind{graph.Reported, graph.DeniedThen, graph.RetractedThen} {
		fmt.Println(k, counts[k])
	}
	// Output:
	// reported 34
	// denied 1
	// retracted 0
}

// StatementsSeq streams every statement of the graph, in the order
// Statements gives them (by subject, predicate, object and claim): here the
// first three.
func ExampleGraph_StatementsSeq() {
	ctx := context.Background()
	g, err := syriaExample(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer g.Close()
	n := 0
	for st, err := range g.StatementsSeq(ctx) {
		if err != nil {
			fmt.Println(err)
			return
		}
		object := fmt.Sprintf("%q", st.Object.Lexical)
		if !st.Object.IsLiteral() {
			object = string(st.Object.IRI)
		}
		fmt.Println(st.Subject, st.Predicate, object)
		if n++; n == 3 {
			break
		}
	}
	// Output:
	// https://actorgraph.org/id/syria/al-qaeda http://www.w3.org/1999/02/22-rdf-syntax-ns#type https://actorgraph.org/ns#ArmedGroup
	// https://actorgraph.org/id/syria/al-qaeda http://www.w3.org/2002/07/owl#sameAs http://www.wikidata.org/entity/Q34490
	// https://actorgraph.org/id/syria/al-qaeda https://schema.org/name "Al-Qaeda"
}
