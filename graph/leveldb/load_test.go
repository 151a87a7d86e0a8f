package leveldb

import (
	"context"
	"errors"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/syndtr/goleveldb/leveldb"

	"github.com/actorgraph/actorgraph/graph/internal/backend"
)

// copyDir copies the files of the directory from into a new directory to.
func copyDir(t *testing.T, from, to string) {
	t.Helper()
	if err := os.MkdirAll(to, 0o700); err != nil {
		t.Fatal(err)
	}
	ents, err := os.ReadDir(from)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if e.IsDir() {
			continue
		}
		src, err := os.Open(filepath.Join(from, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		dst, err := os.Create(filepath.Join(to, e.Name()))
		if err == nil {
			_, err = io.Copy(dst, src)
			err = errors.Join(err, dst.Close())
		}
		src.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
}

// tableFiles returns the names of the tables in dir.
func tableFiles(t *testing.T, dir string) []string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(dir, "*.ldb"))
	if err != nil {
		t.Fatal(err)
	}
	for i := range names {
		names[i] = filepath.Base(names[i])
	}
	return names
}

// quadsIn returns the number of quads the store in dir holds.
func quadsIn(t *testing.T, dir string) int64 {
	t.Helper()
	st := openStore(t, dir)
	defer st.Close()
	n, err := st.Quads(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// A first load's commit replaces the store's files. A process that dies at
// any step of it (the copy of the directory made at that step is what it
// leaves on disk) leaves a store that opens with none of the load, and no
// file of it, until CURRENT names the load's MANIFEST, and with the whole
// load from then on.
func TestAFirstLoadThatDiesInItsCommitLeavesNoneOrAll(t *testing.T) {
	ctx := context.Background()
	terms, quads := testLoad()
	distinct := map[[4]uint32]bool{}
	for _, q := range quads {
		distinct[q] = true
	}
	errDied := errors.New("died")
	for _, step := range []string{"tables", "manifest", "current"} {
		t.Run(step, func(t *testing.T) {
			dir, died := filepath.Join(t.TempDir(), "store"), filepath.Join(t.TempDir(), "died")
			st := openStore(t, dir)
			before := tableFiles(t, dir)
			installHook = func(s string) error {
				if s != step {
					return nil
				}
				copyDir(t, dir, died)
				return errDied
			}
			defer func() { installHook = nil }()
			s := streamOf(t, st)
			s.Add(terms, seq(quads[:20000]))
			s.Add(terms, seq(quads[20000:]))
			err := s.Commit(ctx, nil, nil)
			if !errors.Is(err, errDied) {
				t.Fatalf("commit: %v, want the step's error", err)
			}
			loaded := slices.DeleteFunc(tableFiles(t, died), func(n string) bool { return slices.Contains(before, n) })
			if len(loaded) == 0 {
				t.Fatal("no table of the load in the store's directory at the step")
			}

			// The store that was left.
			want := int64(0)
			if step == "current" {
				want = int64(len(distinct))
			}
			if n := quadsIn(t, died); n != want {
				t.Errorf("the store left at %q holds %d quads, want %d", step, n, want)
			}
			if want == 0 {
				for _, n := range tableFiles(t, died) {
					if slices.Contains(loaded, n) {
						t.Errorf("the load's table %s is still there once the store left at %q was opened", n, step)
					}
				}
			}

			// The store the commit went on with: as the store left, and
			// damaged once it may hold the load, so that nothing is written
			// on a guess.
			if got := errors.Is(err, backend.ErrCorrupt); got != (step == "current") {
				t.Errorf("commit: %v: ErrCorrupt %v", err, got)
			}
			if damaged := st.Damage() != nil; damaged != (step == "current") {
				t.Errorf("after the commit, the store says it is damaged: %v", damaged)
			}
			if err := st.Close(); err != nil {
				t.Fatal(err)
			}
			if n := quadsIn(t, dir); n != want {
				t.Errorf("the store the commit went on with holds %d quads, want %d", n, want)
			}
			if want > 0 && !maps.Equal(canonical(t, dir), canonical(t, died)) {
				t.Error("the store left at the step differs from the one the commit went on with")
			}
			if want == 0 { // the next load goes in whole
				installHook = nil
				st := openStore(t, dir)
				s := streamOf(t, st)
				s.Add(terms, seq(quads))
				if err := s.Commit(ctx, nil, nil); err != nil {
					t.Fatal(err)
				}
				st.Close()
				if n := quadsIn(t, dir); n != int64(len(distinct)) {
					t.Errorf("the next load: %d quads, want %d", n, len(distinct))
				}
			}
		})
	}
}

// A first load's tables are at the bottom level, where goleveldb does not
// compact them: the store is as it will stay once loaded.
func TestAFirstLoadIsAtTheBottomLevel(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "store")
	terms, quads := testLoad()
	st := openStore(t, dir)
	s := streamOf(t, st)
	s.Add(terms, seq(quads))
	if err := s.Commit(context.Background(), nil, nil); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	db, err := leveldb.OpenFile(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for level := range bottomLevel + 1 {
		n, err := db.GetProperty("leveldb.num-files-at-level" + string(rune('0'+level)))
		if err != nil {
			t.Fatal(err)
		}
		if (n != "0") != (level == bottomLevel) {
			t.Errorf("%s tables at level %d", n, level)
		}
	}
	if left, _ := filepath.Glob(filepath.Join(dir, loadDirPrefix+"*")); len(left) > 0 {
		t.Errorf("the load's directory is left: %v", left)
	}
}
