package graph_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

const storedCities = 200

// cityStore builds a leveldb store of storedCities cities, closed with its
// data in table files, and returns its directory.
func cityStore(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "store")
	loc := "leveldb:" + dir
	g, err := graph.Open(ctx, loc, graph.TestBackends)
	if err != nil {
		t.Fatal(err)
	}
	err = g.Write(ctx, func(tx *graph.Tx) error {
		for i := range storedCities {
			if err := tx.AddEntity(graph.Entity{ID: id.IRI(fmt.Sprintf("city/%d", i)), Kinds: []schema.Kind{schema.City}, Name: fmt.Sprintf("City %d", i)}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := g.Close(); err != nil {
		t.Fatal(err)
	}
	// Reopening moves the journal into a table file.
	g, err = graph.Open(ctx, loc, graph.TestBackends)
	if err != nil {
		t.Fatal(err)
	}
	if ms, err := graph.Find(schema.City).All(ctx, g); err != nil || len(ms) != storedCities {
		t.Fatalf("the undamaged store: %d cities, %v", len(ms), err)
	}
	if err := g.Close(); err != nil {
		t.Fatal(err)
	}
	return dir
}

// damagedStore builds a leveldb store of storedCities cities, closed with its
// data in table files, and flips one byte in the middle of the largest file
// pattern matches, or with every > 0 one byte in every every bytes of its first
// nine tenths (the data blocks, before the index and footer).
func damagedStore(t *testing.T, pattern string, every int) string {
	t.Helper()
	dir := cityStore(t)
	loc := "leveldb:" + dir
	files, _ := filepath.Glob(filepath.Join(dir, pattern))
	var target string
	var size int64
	for _, f := range files {
		if st, err := os.Stat(f); err == nil && st.Size() > size {
			target, size = f, st.Size()
		}
	}
	if target == "" {
		t.Fatalf("no %s file in %s", pattern, dir)
	}
	data, err := os.ReadFile(target)
	if err != nil {
		t.Fatal(err)
	}
	if every == 0 {
		data[len(data)/2] ^= 0x40
	}
	for i := every / 2; every > 0 && i < len(data)*9/10; i += every {
		data[i] ^= 0x40
	}
	if err := os.WriteFile(target, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return loc
}

// A flipped byte in a table file or in the MANIFEST makes Open, or the read
// that meets it, fail with ErrCorrupt: never a silently short answer.
func TestStorageCorruptLeveldbIsAnError(t *testing.T) {
	for _, tc := range []struct {
		name    string
		pattern string
		every   int
		opts    []graph.Option
		// mayRead is set when the damage may lie where no read goes: then
		// reads must give whole answers or ErrCorrupt.
		mayRead bool
	}{
		{"a byte of a table, verified at open", "*.ldb", 0, nil, false},
		{"a byte of a table, not verified at open", "*.ldb", 0, []graph.Option{graph.WithoutVerification()}, true},
		{"every block of a table, not verified at open", "*.ldb", 512, []graph.Option{graph.WithoutVerification()}, false},
		{"a byte of the MANIFEST", "MANIFEST-*", 0, nil, false},
		{"a byte of the MANIFEST, not verified at open", "MANIFEST-*", 0, []graph.Option{graph.WithoutVerification()}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			loc := damagedStore(t, tc.pattern, tc.every)
			g, err := graph.Open(ctx, loc, append([]graph.Option{graph.TestBackends}, tc.opts...)...)
			if err != nil {
				if !errors.Is(err, graph.ErrCorrupt) {
					t.Fatalf("Open: %v, want ErrCorrupt", err)
				}
				return
			}
			defer g.Close()
			if tc.opts == nil {
				t.Errorf("Open of a damaged store verified at open succeeded")
			}
			// Some read meets the damage: every one after it fails too.
			ms, err := graph.Find(schema.City).All(ctx, g)
			read := len(ms)
			for i := 0; err == nil && i < storedCities; i++ {
				var e graph.Entity
				e, err = g.Entity(ctx, id.IRI(fmt.Sprintf("city/%d", i)))
				if err == nil && e.Name != fmt.Sprintf("City %d", i) {
					t.Fatalf("city %d read back as %+v", i, e)
				}
			}
			if err == nil && tc.mayRead {
				if read != storedCities {
					t.Errorf("Find(City) on the damaged store: %d of %d cities and no error", read, storedCities)
				}
				return // the damage is where these reads do not go
			}
			if !errors.Is(err, graph.ErrCorrupt) {
				t.Errorf("reading the damaged store: Find(City) gave %d of %d cities, and then error %v; want ErrCorrupt", read, storedCities, err)
			}
			if _, err := g.Stats(ctx); !errors.Is(err, graph.ErrCorrupt) {
				t.Errorf("Stats after the damage was found: %v, want ErrCorrupt", err)
			}
		})
	}
}
