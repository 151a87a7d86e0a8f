package wikidata

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"github.com/actorgraph/actorgraph/loader"
)

// FuzzLoad checks that no input makes Load panic or hang, that every error
// is a positioned *loader.Error, and that a failed load writes nothing.
func FuzzLoad(f *testing.F) {
	for _, p := range []string{"testdata/invented.json", "testdata/stubs.json", "testdata/entity_Q646148_wikibase-sdk-testdata.json"} {
		f.Add(read(f, p))
	}
	f.Add([]byte(`{"entities":{"Q1":{"id":"Q1","type":"item","modified":"2020-01-01T00:00:00Z","claims":{"P31":[{"mainsnak":{"snaktype":"value","datavalue":{"type":"wikibase-entityid","value":{"id":"Q5"}}},"rank":"normal"}]}}},"success":1}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		g := openGraph(t)
		ctx := context.Background()
		st, err := Load(ctx, g, "fuzz.json", bytes.NewReader(data))
		quads, _ := g.Stats(ctx)
		g.Close()
		if err != nil {
			var le *loader.Error
			if !errors.As(err, &le) || le.File != "fuzz.json" {
				t.Fatalf("error %v is not a positioned *loader.Error", err)
			}
			if quads != 0 {
				t.Fatalf("a failed load wrote %d quads", quads)
			}
			return
		}
		for _, s := range st.Skipped {
			if s.Line < 1 || s.Column < 1 {
				t.Fatalf("skipped %v has no position", s)
			}
		}
	})
}
