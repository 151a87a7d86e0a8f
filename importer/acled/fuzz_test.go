package acled

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/loader"
)

// FuzzLoad checks that no input makes Load panic or hang, that every error
// is a positioned *loader.Error, and that a failed load writes nothing.
func FuzzLoad(f *testing.F) {
	for _, p := range []string{"testdata/events.csv", "testdata/old_layout.csv", "testdata/bad_rows.csv"} {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(strings.Join(columns[:], ",") + "\n\""))
	// An input whose length is odd is loaded with SkipInvalidRows.
	f.Fuzz(func(t *testing.T, data []byte) {
		in, skip := string(data), len(data)%2 == 1
		g := openGraph(t)
		var opts []Option
		if skip {
			opts = append(opts, SkipInvalidRows())
		}
		ctx := context.Background()
		st, err := Load(ctx, g, "fuzz.csv", strings.NewReader(in), opts...)
		quads, _ := g.Stats(ctx)
		g.Close()
		if err != nil {
			var le *loader.Error
			if !errors.As(err, &le) || le.File != "fuzz.csv" {
				t.Fatalf("error %v is not a positioned *loader.Error", err)
			}
			if quads != 0 {
				t.Fatalf("a failed load wrote %d quads", quads)
			}
			return
		}
		if st.Events+len(st.Rejected) != st.Rows || (st.Events > 0 && st.Claims < st.Events) {
			t.Fatalf("stats do not add up: %+v", st)
		}
	})
}
