package loader_test

import (
	"bytes"
	"encoding/xml"
	"os/exec"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/loader"
)

func TestDOTExport(t *testing.T) {
	g := syria(t)
	edges, err := loader.Network(ctx, g)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := loader.WriteDOT(ctx, &out, g.Vocabulary(), edges); err != nil {
		t.Fatal(err)
	}
	golden(t, "syria.dot", out.Bytes())
	s := out.String()
	for _, want := range []string{
		`"https://actorgraph.org/id/syria/turkey" -> "https://actorgraph.org/id/syria/coalition" [label="backs"];`,
		`"https://actorgraph.org/id/syria/syrian-army" -> "https://actorgraph.org/id/syria/damascus-countryside" [label="withdrewFrom", color="#c0392b"`,
		`[label="Hayat Tahrir al-Sham\nArmedGroup", shape=box`,
		`[label="Damascus\nCity", shape=ellipse`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("DOT lacks %s", want)
		}
	}
	// Graphviz itself must accept it, where it is installed (CI installs it).
	dot, err := exec.LookPath("dot")
	if err != nil {
		t.Log("dot not installed: the DOT output was not rendered")
		return
	}
	cmd := exec.Command(dot, "-Tsvg")
	cmd.Stdin = bytes.NewReader(out.Bytes())
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	svg, err := cmd.Output()
	if err != nil || stderr.Len() > 0 || !bytes.Contains(svg, []byte("<svg")) {
		t.Errorf("dot -Tsvg: %v\n%s", err, stderr.String())
	}
}

func TestGraphMLExport(t *testing.T) {
	g := syria(t)
	edges, err := loader.Network(ctx, g)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := loader.WriteGraphML(ctx, &out, g.Vocabulary(), edges); err != nil {
		t.Fatal(err)
	}
	golden(t, "syria.graphml", out.Bytes())
	var doc struct {
		Graph struct {
			Nodes []struct {
				ID string `xml:"id,attr"`
			} `xml:"node"`
			Edges []struct {
				Data []struct {
					Key   string `xml:"key,attr"`
					Value string `xml:",chardata"`
				} `xml:"data"`
			} `xml:"edge"`
		} `xml:"graph"`
	}
	if err := xml.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Graph.Edges) != len(edges) {
		t.Errorf("%d edges in GraphML, want %d", len(doc.Graph.Edges), len(edges))
	}
	contested := 0
	for _, e := range doc.Graph.Edges {
		for _, d := range e.Data {
			if d.Key == "status" && d.Value == "contested" {
				contested++
			}
		}
	}
	if contested != 1 {
		t.Errorf("%d contested edges, want 1 (the withdrawal)", contested)
	}
}
