package graph_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

// copyStore copies the leveldb store in dir (a flat directory) to a new
// directory and returns it.
func copyStore(t *testing.T, dir string) string {
	t.Helper()
	to := filepath.Join(t.TempDir(), "store")
	if err := os.Mkdir(to, 0o700); err != nil {
		t.Fatal(err)
	}
	files, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join(dir, f.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(to, f.Name()), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return to
}

// openErr opens the store at loc with opts and closes it, and returns Open's
// error.
func openErr(loc string, opts ...graph.Option) error {
	g, err := graph.Open(ctx, loc, append([]graph.Option{graph.TestBackends}, opts...)...)
	if err != nil {
		return err
	}
	return g.Close()
}

// Verification at Open reads cayley's log once, in the scan that builds the
// read index, and the rest of the store beside it. A byte flipped anywhere in
// a table file fails a verified Open with ErrCorrupt, with the read index and
// without it: in a block of the log (the scan of the read index meets it even
// unverified) and in a block of cayley's indexes, which no read at Open but
// the verification's touches.
func TestStorageVerifiedOpenFindsEveryFlippedByte(t *testing.T) {
	dir := cityStore(t)
	tables, _ := filepath.Glob(filepath.Join(dir, "*.ldb"))
	var sizes []int
	total := 0
	for _, table := range tables {
		st, err := os.Stat(table)
		if err != nil {
			t.Fatal(err)
		}
		sizes = append(sizes, int(st.Size()))
		total += int(st.Size())
	}
	if total == 0 {
		t.Fatalf("no table files in %s", dir)
	}
	inLog, elsewhere := 0, 0
	const flips = 48
	for i := range flips {
		// The flip's place in the tables one after another.
		at, file := total*i/flips, 0
		for at >= sizes[file] {
			at, file = at-sizes[file], file+1
		}
		damaged := copyStore(t, dir)
		table := filepath.Join(damaged, filepath.Base(tables[file]))
		data, err := os.ReadFile(table)
		if err != nil {
			t.Fatal(err)
		}
		data[at] ^= 0x40
		if err := os.WriteFile(table, data, 0o600); err != nil {
			t.Fatal(err)
		}
		dloc := "leveldb:" + damaged
		for _, opts := range [][]graph.Option{nil, {graph.WithoutReadIndex()}} {
			if err := openErr(dloc, opts...); !errors.Is(err, graph.ErrCorrupt) {
				t.Errorf("byte %d of %s flipped, Open (%d options): %v, want ErrCorrupt", at, filepath.Base(table), len(opts), err)
			}
		}
		// Unverified, the read index's scan reads only the log: it finds the
		// flips in the log's blocks and not the others.
		if err := openErr(dloc, graph.WithoutVerification()); errors.Is(err, graph.ErrCorrupt) {
			inLog++
		} else {
			elsewhere++
		}
	}
	if inLog == 0 || elsewhere == 0 {
		t.Errorf("of %d flipped bytes %d were in blocks the log's scan reads and %d elsewhere: want some of each", flips, inLog, elsewhere)
	}
	t.Logf("%d flips: %d found by the log's scan alone, %d only by the rest of the verification", flips, inLog, elsewhere)
}
