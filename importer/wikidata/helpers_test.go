package wikidata

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/importer/internal/importtest"
	"github.com/actorgraph/actorgraph/schema"
)

func openGraph(t testing.TB) *graph.Graph {
	return importtest.Graph(t, func() (*schema.Vocabulary, error) { return Vocabulary(schema.Core()) })
}

var read = importtest.ReadFile

// dump returns the three real entities and the two hand-written stubs in the
// dump's format: a JSON array, one compact entity a line.
func dump(t testing.TB) []byte {
	t.Helper()
	var env struct{ Entities map[string]json.RawMessage }
	if err := json.Unmarshal(read(t, "testdata/wbgetentities_Q7747_nomenklatura-fixture.json"), &env); err != nil {
		t.Fatal(err)
	}
	parts := [][]byte{env.Entities["Q7747"], read(t, "testdata/entity_Q646148_wikibase-sdk-testdata.json"), read(t, "testdata/entity_Q2112_wikibase-sdk-testdata.json")}
	parts = append(parts, bytes.Split(bytes.TrimSpace(read(t, "testdata/stubs.json")), []byte("\n"))...)
	var b bytes.Buffer
	b.WriteString("[\n")
	for i, p := range parts {
		if i > 0 {
			b.WriteString(",\n")
		}
		if err := json.Compact(&b, p); err != nil {
			t.Fatal(err)
		}
	}
	b.WriteString("\n]\n")
	return b.Bytes()
}

func id(q string) schema.IRI { return schema.IRI(EntityBase + q) }
