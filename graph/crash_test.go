package graph_test

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

const crashBatch = 300 // entities a batch

func crashEntity(batch, i int) schema.IRI { return id.IRI(fmt.Sprintf("crash/%d/%d", batch, i)) }

// startChild runs the test binary's test named test in a child process with
// env added to its environment, and returns it and the lines it prints.
func startChild(t *testing.T, test, env string) (*exec.Cmd, *bufio.Scanner) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^"+test+"$")
	cmd.Env = append(os.Environ(), env)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, bufio.NewScanner(out)
}

// openInChild opens the graph at loc in a child process, which prints the
// error and exits when it cannot.
func openInChild(loc string) *graph.Graph {
	g, err := graph.Open(ctx, loc, graph.TestBackends)
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(2)
	}
	return g
}

// TestCrashWriter is the child process of TestFileStoreSurvivesAKilledWriter:
// it writes batches to the store named in its environment and prints the number
// of each batch once Write has returned, until it is killed.
func TestCrashWriter(t *testing.T) {
	loc := os.Getenv("ACTORGRAPH_CRASH_STORE")
	if loc == "" {
		t.Skip("the child process of TestFileStoreSurvivesAKilledWriter")
	}
	g := openInChild(loc)
	for b := 0; ; b++ {
		err := g.Write(ctx, func(tx *graph.Tx) error {
			for i := range crashBatch {
				if err := tx.AddEntity(graph.Entity{ID: crashEntity(b, i), Kinds: []schema.Kind{schema.City}, Name: fmt.Sprintf("Town %d-%d", b, i)}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			fmt.Println("error:", err)
			os.Exit(2)
		}
		fmt.Println(b)
	}
}

// A writer killed with SIGKILL in the middle of a load leaves a store that
// reopens with exactly the batches whose Write returned, and perhaps the one in
// flight, whole: never part of one.
func TestFileStoreSurvivesAKilledWriter(t *testing.T) {
	if testing.Short() {
		t.Skip("kills a child process; skipped with -short")
	}
	backends := []string{"leveldb"}
	if !raceEnabled {
		backends = append(backends, "bolt")
	}
	for _, backend := range backends {
		for run := range 3 {
			t.Run(fmt.Sprintf("%s/%d", backend, run), func(t *testing.T) {
				loc := backend + ":" + filepath.Join(t.TempDir(), "store")
				cmd, lines := startChild(t, "TestCrashWriter", "ACTORGRAPH_CRASH_STORE="+loc)
				acked := -1
				for lines.Scan() {
					n, err := strconv.Atoi(lines.Text())
					if err != nil {
						cmd.Process.Kill()
						t.Fatalf("child: %s", lines.Text())
					}
					acked = n
					if acked == 3+run*2 {
						break // the child is already writing the next batch
					}
				}
				if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
					t.Fatal(err)
				}
				cmd.Wait()

				g, err := graph.Open(ctx, loc, graph.TestBackends)
				if err != nil {
					t.Fatalf("reopening after the kill: %v", err)
				}
				defer g.Close()
				for b := 0; b <= acked+1; b++ {
					found := 0
					for i := 0; i < crashBatch; i += 37 {
						if _, err := g.Entity(ctx, crashEntity(b, i)); err == nil {
							found++
						} else if !graph.IsNotFound(err) {
							t.Fatal(err)
						}
					}
					whole, none := found == (crashBatch+36)/37, found == 0
					switch {
					case b <= acked && !whole:
						t.Errorf("batch %d was acknowledged but %d of its sampled entities are missing", b, (crashBatch+36)/37-found)
					case b > acked && !whole && !none:
						t.Errorf("batch %d, in flight at the kill, is partly in the store (%d sampled entities)", b, found)
					}
				}
				ms, err := graph.Find(schema.City).All(ctx, g)
				if err != nil {
					t.Fatal(err)
				}
				if n := len(ms); n != (acked+1)*crashBatch && n != (acked+2)*crashBatch {
					t.Errorf("%d cities after acknowledging %d batches of %d: want %d or %d", n, acked+1, crashBatch, (acked+1)*crashBatch, (acked+2)*crashBatch)
				}
			})
		}
	}
}

// TestCrashFirstLoadWriter is the child process of
// TestLeveldbSurvivesAWriterKilledInAStreamedFirstLoad: it writes one large
// first load, prints "streaming" once the batch holds enough quads for the
// store to have begun writing it, and goes on adding until it is killed.
func TestCrashFirstLoadWriter(t *testing.T) {
	loc := os.Getenv("ACTORGRAPH_CRASH_FIRST_LOAD")
	if loc == "" {
		t.Skip("the child process of TestLeveldbSurvivesAWriterKilledInAStreamedFirstLoad")
	}
	g := openInChild(loc)
	err := g.Write(ctx, func(tx *graph.Tx) error {
		for i := 0; ; i++ {
			if err := tx.AddEntity(graph.Entity{ID: crashEntity(0, i), Kinds: []schema.Kind{schema.City}, Name: fmt.Sprintf("Town %d", i)}); err != nil {
				return err
			}
			// Three quads an entity: past 16k quads the stream writes them,
			// a table of the log each 2 MiB.
			if i == 300000 {
				fmt.Println("streaming")
			}
		}
	})
	fmt.Println("error:", err)
	os.Exit(2)
}

// A first load into leveldb is written to the store while its batch is built;
// a writer killed with SIGKILL then leaves a store that reopens empty and
// takes the next load whole.
func TestLeveldbSurvivesAWriterKilledInAStreamedFirstLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("kills a child process; skipped with -short")
	}
	dir := filepath.Join(t.TempDir(), "store")
	loc := "leveldb:" + dir
	cmd, lines := startChild(t, "TestCrashFirstLoadWriter", "ACTORGRAPH_CRASH_FIRST_LOAD="+loc)
	if !lines.Scan() || lines.Text() != "streaming" {
		cmd.Process.Kill()
		t.Fatalf("child: %q", lines.Text())
	}
	time.Sleep(50 * time.Millisecond)
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	// The stream writes the load's tables in a directory of its own, which
	// no MANIFEST names until the commit.
	tables, _ := filepath.Glob(filepath.Join(dir, "first-load-*", "*.ldb"))
	if len(tables) == 0 {
		t.Fatal("no table of the load at the kill: the stream had not written one")
	}

	g, err := graph.Open(ctx, loc, graph.TestBackends)
	if err != nil {
		t.Fatalf("reopening after the kill: %v", err)
	}
	defer g.Close()
	if left, _ := filepath.Glob(filepath.Join(dir, "first-load-*")); len(left) > 0 {
		t.Errorf("the killed load's directory %s is still there after the store was opened", filepath.Base(left[0]))
	}
	if n, err := g.Stats(ctx); err != nil || n != 0 {
		t.Fatalf("after the kill: %d quads (%v), want none", n, err)
	}
	err = g.Write(ctx, func(tx *graph.Tx) error {
		for i := range 20000 {
			if err := tx.AddEntity(graph.Entity{ID: crashEntity(1, i), Kinds: []schema.Kind{schema.City}, Name: fmt.Sprintf("Town %d", i)}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	ms, err := graph.Find(schema.City).All(ctx, g)
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 20000 {
		t.Errorf("%d cities after the next load, want 20000", len(ms))
	}
}
