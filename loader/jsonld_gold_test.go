package loader_test

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/piprate/json-gold/ld"

	"github.com/actorgraph/actorgraph/loader"
)

// An independent JSON-LD processor (json-gold) turns the JSON-LD export into
// the same RDF statements as the N-Quads export.
func TestJSONLDMeansWhatTheNQuadsSay(t *testing.T) {
	g := syria(t)
	var js, nq bytes.Buffer
	if err := loader.WriteJSONLD(ctx, &js, g); err != nil {
		t.Fatal(err)
	}
	if err := loader.WriteNQuads(ctx, &nq, g); err != nil {
		t.Fatal(err)
	}
	var doc any
	if err := json.Unmarshal(js.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	opts := ld.NewJsonLdOptions("")
	opts.Format = "application/n-quads"
	out, err := ld.NewJsonLdProcessor().ToRDF(doc, opts)
	if err != nil {
		t.Fatal(err)
	}
	lines := func(s string) []string {
		var ls []string
		for _, l := range strings.Split(strings.TrimSpace(s), "\n") {
			// json-gold writes xsd:string explicitly on plain literals; N-Quads may omit it.
			ls = append(ls, strings.Replace(l, `^^<http://www.w3.org/2001/XMLSchema#string>`, "", 1))
		}
		slices.Sort(ls)
		return ls
	}
	got, want := lines(out.(string)), lines(nq.String())
	if len(got) != len(want) {
		t.Fatalf("json-gold read %d statements; the N-Quads export has %d", len(got), len(want))
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("statement %d differs:\njson-gold: %s\nN-Quads:   %s", i, got[i], want[i])
		}
	}
}

// JSON-LD made by an independent processor (json-gold) from an N-Quads export
// whose estimates are QuantitativeValues reads back to the graph exported.
func TestJSONLDFromOtherToolsReadsQuantities(t *testing.T) {
	g := syria(t)
	var nq bytes.Buffer
	if err := loader.WriteNQuadsWith(ctx, &nq, g, loader.WithQuantities()); err != nil {
		t.Fatal(err)
	}
	opts := ld.NewJsonLdOptions("")
	opts.Format = "application/n-quads"
	doc, err := ld.NewJsonLdProcessor().FromRDF(nq.String(), opts)
	if err != nil {
		t.Fatal(err)
	}
	js, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(js, []byte(`"https://schema.org/minValue"`)) {
		t.Fatal("the JSON-LD has no schema:minValue")
	}
	back := newGraph(t)
	if _, err := loader.LoadJSONLD(ctx, back, "gold.jsonld", bytes.NewReader(js)); err != nil {
		t.Fatal(err)
	}
	sameGraph(t, g, back)
}
