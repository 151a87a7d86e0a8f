package loader

import (
	"bufio"
	"context"
	"encoding/xml"
	"errors"
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
// the vocabulary by predicate, which on key-value backends scans the store;
// it returns ctx.Err() once ctx is cancelled.
func Network(ctx context.Context, g *graph.Graph, fs ...graph.Filter) ([]graph.Edge, error) {
	opts := []graph.EdgeOption{graph.WithDenied()}
	for _, f := range fs {
		opts = append(opts, f)
	}
	var out []graph.Edge
	for _, d := range g.Vocabulary().Relations() {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		es, err := g.Edges(ctx, d.Relation, opts...)
		if err != nil {
			return nil, err
		}
		out = append(out, es...)
	}
	return out, ctx.Err()
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

// dotString quotes s for DOT as an escString that reads back exactly:
// a backslash and '"' are escaped with a backslash, LF is written \n and CR \r (Graphviz
// draws both as line breaks), and '&' is written &amp; so that Graphviz,
// which turns HTML entities in labels into characters, draws the text as it
// is. Reading a label back: undo &amp;, then the backslash escapes.
func dotString(s string) string {
	return `"` + dotEscaper.Replace(s) + `"`
}

var dotEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", `\r`, "&", "&amp;")

// WriteDOT writes edges as a Graphviz digraph: one node per entity, labelled
// with its name and kinds and shaped by what it is (actors as boxes, places as
// ellipses, documents as notes); one edge per fact, labelled with the
// relation. Contested edges are red and bold, edges that are only denied are
// grey and dashed. Render it with `dot -Tsvg`. Node ids are the entities'
// IRIs, unchanged; labels are escaped as dotString says. It looks at ctx every
// thousand or so nodes and edges and returns ctx.Err() once it is cancelled.
func WriteDOT(ctx context.Context, w io.Writer, v *schema.Vocabulary, edges []graph.Edge) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	b := bufio.NewWriter(w)
	b.WriteString("digraph actorgraph {\n")
	b.WriteString("  graph [rankdir=LR, fontname=\"Helvetica\", overlap=false];\n")
	b.WriteString("  node [fontname=\"Helvetica\", fontsize=10, style=filled, fillcolor=\"#f5f5f5\"];\n")
	b.WriteString("  edge [fontname=\"Helvetica\", fontsize=9];\n")
	for i, n := range nodesOf(edges) {
		if i%checkEvery == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		shape, fill := "box", "#dbe9f6"
		switch {
		case n.Is(v, schema.Place):
			shape, fill = "ellipse", "#e4f2df"
		case n.Is(v, schema.Document):
			shape, fill = "note", "#f6f0d8"
		case n.Is(v, schema.Person):
			fill = "#f3e0ec"
		}
		fmt.Fprintf(b, "  %s [label=%s, shape=%s, fillcolor=%s];\n",
			dotString(string(n.ID)), dotString(n.String()+"\n"+kindLabel(v, n)), shape, dotString(fill))
	}
	for i, e := range edges {
		if i%checkEvery == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		attrs := "label=" + dotString(v.RelationName(e.Relation))
		switch edgeStyle(e) {
		case "contested":
			attrs += `, color="#c0392b", fontcolor="#c0392b", penwidth=2, style=bold`
		case "denied":
			attrs += `, color="#999999", fontcolor="#999999", style=dashed`
		}
		fmt.Fprintf(b, "  %s -> %s [%s];\n", dotString(string(e.Subject.ID)), dotString(string(e.Object.ID)), attrs)
	}
	b.WriteString("}\n")
	return b.Flush()
}

// xmlText returns an error unless s holds only characters XML 1.0 can carry:
// encoding/xml would silently replace the others with U+FFFD, which could
// change an id or make two ids one.
func xmlText(what, s string) error {
	for _, r := range s {
		if !(r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF) {
			return fmt.Errorf("loader: GraphML: %s %q has %U, which XML cannot carry: %w", what, clip(s), r, graph.ErrInvalid)
		}
	}
	return nil
}

// WriteGraphML writes edges as GraphML, for Gephi, yEd or NetworkX: nodes carry
// their name and kinds, edges their relation, its name, their status
// (asserted, contested or denied) and the sources of their claims. Node ids
// are the entities' IRIs, never changed: an id or text that XML cannot carry
// (a control character, which the graph refuses at write) fails the export
// with graph.ErrInvalid. Line breaks and tabs are written as character
// references, so an XML parser reads them back as they are. It looks at ctx
// every thousand or so nodes and edges and returns ctx.Err() once it is
// cancelled.
func WriteGraphML(ctx context.Context, w io.Writer, v *schema.Vocabulary, edges []graph.Edge) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	type data struct {
		Key   string `xml:"key,attr"`
		Value string `xml:",chardata"`
	}
	type node struct {
		XMLName xml.Name `xml:"node"`
		ID      string   `xml:"id,attr"`
		Data    []data   `xml:"data"`
	}
	type edge struct {
		XMLName xml.Name `xml:"edge"`
		ID      string   `xml:"id,attr"`
		Source  string   `xml:"source,attr"`
		Target  string   `xml:"target,attr"`
		Data    []data   `xml:"data"`
	}
	type key struct {
		XMLName xml.Name `xml:"key"`
		ID      string   `xml:"id,attr"`
		For     string   `xml:"for,attr"`
		Name    string   `xml:"attr.name,attr"`
		Type    string   `xml:"attr.type,attr"`
	}
	keys := []key{
		{ID: "name", For: "node", Name: "name", Type: "string"}, {ID: "kinds", For: "node", Name: "kinds", Type: "string"},
		{ID: "relation", For: "edge", Name: "relation", Type: "string"}, {ID: "relationName", For: "edge", Name: "relationName", Type: "string"},
		{ID: "status", For: "edge", Name: "status", Type: "string"}, {ID: "sources", For: "edge", Name: "sources", Type: "string"},
	}
	bw := bufio.NewWriter(w)
	if _, err := bw.WriteString(xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(bw)
	enc.Indent("", "  ")
	root := xml.StartElement{Name: xml.Name{Local: "graphml"}, Attr: []xml.Attr{{Name: xml.Name{Local: "xmlns"}, Value: "http://graphml.graphdrawing.org/xmlns"}}}
	gr := xml.StartElement{Name: xml.Name{Local: "graph"}, Attr: []xml.Attr{
		{Name: xml.Name{Local: "id"}, Value: "actorgraph"}, {Name: xml.Name{Local: "edgedefault"}, Value: "directed"}}}
	if err := enc.EncodeToken(root); err != nil {
		return err
	}
	for _, k := range keys {
		if err := enc.Encode(k); err != nil {
			return err
		}
	}
	if err := enc.EncodeToken(gr); err != nil {
		return err
	}
	for i, n := range nodesOf(edges) {
		if i%checkEvery == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		el := node{ID: string(n.ID), Data: []data{{"name", n.String()}, {"kinds", kindLabel(v, n)}}}
		if err := errors.Join(xmlText("node id", el.ID), xmlText("name of "+el.ID, n.String())); err != nil {
			return err
		}
		if err := enc.Encode(el); err != nil {
			return err
		}
	}
	for i, e := range edges {
		if i%checkEvery == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		sources := strings.Join(e.Evidence.Sources(), "; ")
		if err := errors.Join(xmlText("edge source", string(e.Subject.ID)), xmlText("edge target", string(e.Object.ID)),
			xmlText("edge sources", sources)); err != nil {
			return err
		}
		el := edge{ID: fmt.Sprintf("e%d", i), Source: string(e.Subject.ID), Target: string(e.Object.ID),
			Data: []data{{"relation", string(e.Relation)}, {"relationName", v.RelationName(e.Relation)},
				{"status", edgeStyle(e)}, {"sources", sources}}}
		if err := enc.Encode(el); err != nil {
			return err
		}
	}
	if err := enc.EncodeToken(gr.End()); err != nil {
		return err
	}
	if err := enc.EncodeToken(root.End()); err != nil {
		return err
	}
	if err := enc.Flush(); err != nil {
		return err
	}
	bw.WriteString("\n")
	return bw.Flush()
}
