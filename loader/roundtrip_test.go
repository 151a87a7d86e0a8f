package loader_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/loader"
	"github.com/actorgraph/actorgraph/schema"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

const syriaYAML = "../examples/syria/syria.yaml"

// syria returns a graph holding the shipped Syria dataset.
func syria(t testing.TB) *graph.Graph {
	t.Helper()
	g, err := graph.Open(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { g.Close() })
	if _, err := loader.LoadFile(ctx, g, syriaYAML); err != nil {
		t.Fatal(err)
	}
	return g
}

func statements(t testing.TB, g *graph.Graph) []graph.Statement {
	t.Helper()
	var out []graph.Statement
	if err := g.Statements(ctx, func(st graph.Statement) error { out = append(out, st); return nil }); err != nil {
		t.Fatal(err)
	}
	return out
}

// sameGraph fails the test unless a and b hold the same statements.
func sameGraph(t *testing.T, a, b *graph.Graph) {
	t.Helper()
	x, y := statements(t, a), statements(t, b)
	if len(x) != len(y) {
		t.Errorf("%d statements, then %d", len(x), len(y))
	}
	for i := range min(len(x), len(y)) {
		if x[i] != y[i] {
			t.Errorf("statement %d differs:\n%s\n%s", i, loader.FormatNQuad(x[i]), loader.FormatNQuad(y[i]))
			return
		}
	}
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (run go test -update after checking the change)", name)
	}
}

func TestNQuadsRoundTrip(t *testing.T) {
	g := syria(t)
	var out bytes.Buffer
	if err := loader.WriteNQuads(ctx, &out, g); err != nil {
		t.Fatal(err)
	}
	golden(t, "syria.nq", out.Bytes())

	back, err := graph.Open(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	defer back.Close()
	if _, err := loader.LoadNQuads(ctx, back, "syria.nq", bytes.NewReader(out.Bytes())); err != nil {
		t.Fatal(err)
	}
	sameGraph(t, g, back)
	var again bytes.Buffer
	if err := loader.WriteNQuads(ctx, &again, back); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out.Bytes(), again.Bytes()) {
		t.Error("the second export differs from the first")
	}
	// The typed answers survive too: dates keep their precision.
	vs, err := back.Attributes(ctx, "https://actorgraph.org/id/syria/hts", "https://actorgraph.org/ns#founded")
	if err != nil || len(vs) != 1 || vs[0].Value != graph.Year(2017) {
		t.Errorf("founded after the round trip: %+v, %v", vs, err)
	}
}

func TestJSONLDRoundTrip(t *testing.T) {
	g := syria(t)
	var out bytes.Buffer
	if err := loader.WriteJSONLD(ctx, &out, g); err != nil {
		t.Fatal(err)
	}
	golden(t, "syria.jsonld", out.Bytes())
	back, err := graph.Open(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	defer back.Close()
	if _, err := loader.LoadJSONLD(ctx, back, "syria.jsonld", bytes.NewReader(out.Bytes())); err != nil {
		t.Fatal(err)
	}
	sameGraph(t, g, back)
}

func TestCSVRoundTrip(t *testing.T) {
	g := syria(t)
	var table, nq bytes.Buffer
	if err := loader.WriteCSV(ctx, &table, g); err != nil {
		t.Fatal(err)
	}
	golden(t, "syria.csv", table.Bytes())
	if err := loader.WriteNQuads(ctx, &nq, g); err != nil {
		t.Fatal(err)
	}
	// The table carries facts and claims; the entities come from elsewhere:
	// here, the entity statements of the N-Quads export.
	var entities bytes.Buffer
	claims := map[string]bool{}
	for _, st := range statements(t, g) {
		if st.Claim != "" && st.Claim != schema.VocabularyGraph { // the vocabulary's statements are no claim's
			claims[string(st.Claim)] = true
		}
	}
	for _, st := range statements(t, g) {
		if st.Claim == "" && !claims[string(st.Subject)] {
			entities.WriteString(loader.FormatNQuad(st) + "\n")
		}
	}
	back, err := graph.Open(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	defer back.Close()
	if _, err := loader.LoadNQuads(ctx, back, "entities.nq", &entities); err != nil {
		t.Fatal(err)
	}
	st, err := loader.LoadCSV(ctx, back, "syria.csv", bytes.NewReader(table.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if st.Claims != len(claims) {
		t.Errorf("%d claims read, want %d", st.Claims, len(claims))
	}
	sameGraph(t, g, back)
}

func TestCSVResolvesNames(t *testing.T) {
	g := syria(t)
	const table = "subject,relation,object,source,reported,quote\n" +
		"al-Joulani,leads,HTS,The World,2024-12-08,a test row\n" +
		"HTS,founded,2017,CSIS,2024-12-08,\n"
	before := len(statements(t, g))
	st, err := loader.LoadCSV(ctx, g, "names.csv", strings.NewReader(table))
	if err != nil {
		t.Fatal(err)
	}
	if st.Claims != 2 || st.Facts != 2 {
		t.Errorf("Stats = %+v", st)
	}
	if after := len(statements(t, g)); after <= before {
		t.Error("nothing was written")
	}
	// Loading the same table again adds nothing: claim ids derive from the rows.
	before = len(statements(t, g))
	if _, err := loader.LoadCSV(ctx, g, "names.csv", strings.NewReader(table)); err != nil {
		t.Fatal(err)
	}
	if after := len(statements(t, g)); after != before {
		t.Errorf("the second load changed the graph: %d statements, then %d", before, after)
	}
}
