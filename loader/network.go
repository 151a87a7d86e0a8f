package loader

import (
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

// Network returns every relation edge of g, denied ones included, each with
// its evidence: the actor network that WriteDOT and WriteGraphML draw. Pass
// the result of a query instead to draw part of it. It reads every relation of
// the vocabulary by predicate, which on key-value backends scans the store.
func Network(ctx context.Context, g *graph.Graph, fs ...graph.Filter) ([]graph.Edge, error) {
	opts := []graph.EdgeOption{graph.WithDenied()}
	for _, f := range fs {
		opts = append(opts, f)
	}
	var out []graph.Edge
	for _, d := range g.Vocabulary().Relations() {
		es, err := g.Edges(ctx, d.Relation, opts...)
		if err != nil {
			return nil, err
		}
		out = append(out, es...)
	}
	return out, nil
}

// edgeStyle says how an edge is drawn: "asserted", "contested" (asserted by one
// claim, denied by another) or "denied" (only denied).
func edgeStyle(e graph.Edge) string {
	switch {
	case e.Evidence.Contested():
		return "contested"
	case e.Evidence.Denied():
		return "denied"
	}
	return "asserted"
}

// nodesOf returns the entities at either end of the edges, once each, sorted.
func nodesOf(edges []graph.Edge) []graph.Entity {
	seen := map[schema.IRI]bool{}
	var out []graph.Entity
	for _, e := range edges {
		for _, n := range []graph.Entity{e.Subject, e.Object} {
			if !seen[n.ID] {
				seen[n.ID] = true
				out = append(out, n)
			}
		}
	}
	slices.SortFunc(out, func(a, b graph.Entity) int { return strings.Compare(string(a.ID), string(b.ID)) })
	return out
}

func kindLabel(v *schema.Vocabulary, e graph.Entity) string {
	return strings.Join(v.KindNames(e.Kinds), ", ")
}

// dotString quotes s for DOT.
func dotString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s) + `"`
}

// WriteDOT writes edges as a Graphviz digraph: one node per entity, labelled
// with its name and kinds and shaped by what it is (actors as boxes, places as
// ellipses, documents as notes); one edge per fact, labelled with the
// relation. Contested edges are red and bold, edges that are only denied are
// grey and dashed. Render it with `dot -Tsvg`.
func WriteDOT(w io.Writer, v *schema.Vocabulary, edges []graph.Edge) error {
	var b strings.Builder
	b.WriteString("digraph actorgraph {\n")
	b.WriteString("  graph [rankdir=LR, fontname=\"Helvetica\", overlap=false];\n")
	b.WriteString("  node [fontname=\"Helvetica\", fontsize=10, style=filled, fillcolor=\"#f5f5f5\"];\n")
	b.WriteString("  edge [fontname=\"Helvetica\", fontsize=9];\n")
	for _, n := range nodesOf(edges) {
		shape, fill := "box", "#dbe9f6"
		switch {
		case n.Is(v, schema.Place):
			shape, fill = "ellipse", "#e4f2df"
		case n.Is(v, schema.Document):
			shape, fill = "note", "#f6f0d8"
		case n.Is(v, schema.Person):
			fill = "#f3e0ec"
		}
		fmt.Fprintf(&b, "  %s [label=%s, shape=%s, fillcolor=%s];\n",
			dotString(string(n.ID)), dotString(n.String()+"\n"+kindLabel(v, n)), shape, dotString(fill))
	}
	for _, e := range edges {
		attrs := "label=" + dotString(v.RelationName(e.Relation))
		switch edgeStyle(e) {
		case "contested":
			attrs += `, color="#c0392b", fontcolor="#c0392b", penwidth=2, style=bold`
		case "denied":
			attrs += `, color="#999999", fontcolor="#999999", style=dashed`
		}
		fmt.Fprintf(&b, "  %s -> %s [%s];\n", dotString(string(e.Subject.ID)), dotString(string(e.Object.ID)), attrs)
	}
	b.WriteString("}\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteGraphML writes edges as GraphML, for Gephi, yEd or NetworkX: nodes carry
// their name and kinds, edges their relation, its name, their status
// (asserted, contested or denied) and the sources of their claims.
func WriteGraphML(w io.Writer, v *schema.Vocabulary, edges []graph.Edge) error {
	type data struct {
		Key   string `xml:"key,attr"`
		Value string `xml:",chardata"`
	}
	type node struct {
		ID   string `xml:"id,attr"`
		Data []data `xml:"data"`
	}
	type edge struct {
		ID     string `xml:"id,attr"`
		Source string `xml:"source,attr"`
		Target string `xml:"target,attr"`
		Data   []data `xml:"data"`
	}
	type key struct {
		ID   string `xml:"id,attr"`
		For  string `xml:"for,attr"`
		Name string `xml:"attr.name,attr"`
		Type string `xml:"attr.type,attr"`
	}
	type graphEl struct {
		ID          string `xml:"id,attr"`
		EdgeDefault string `xml:"edgedefault,attr"`
		Nodes       []node `xml:"node"`
		Edges       []edge `xml:"edge"`
	}
	type doc struct {
		XMLName xml.Name `xml:"graphml"`
		XMLNS   string   `xml:"xmlns,attr"`
		Keys    []key    `xml:"key"`
		Graph   graphEl  `xml:"graph"`
	}
	d := doc{XMLNS: "http://graphml.graphdrawing.org/xmlns",
		Keys: []key{
			{"name", "node", "name", "string"}, {"kinds", "node", "kinds", "string"},
			{"relation", "edge", "relation", "string"}, {"relationName", "edge", "relationName", "string"},
			{"status", "edge", "status", "string"}, {"sources", "edge", "sources", "string"},
		},
		Graph: graphEl{ID: "actorgraph", EdgeDefault: "directed"}}
	for _, n := range nodesOf(edges) {
		d.Graph.Nodes = append(d.Graph.Nodes, node{ID: string(n.ID), Data: []data{{"name", n.String()}, {"kinds", kindLabel(v, n)}}})
	}
	for i, e := range edges {
		d.Graph.Edges = append(d.Graph.Edges, edge{ID: fmt.Sprintf("e%d", i), Source: string(e.Subject.ID), Target: string(e.Object.ID),
			Data: []data{{"relation", string(e.Relation)}, {"relationName", v.RelationName(e.Relation)},
				{"status", edgeStyle(e)}, {"sources", strings.Join(e.Evidence.Sources(), "; ")}}})
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(d); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
