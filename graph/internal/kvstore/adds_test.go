package kvstore

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	cgraph "github.com/cayleygraph/cayley/graph"
	ckv "github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/quad"
	"github.com/hidal-go/hidalgo/kv/flat"
	hleveldb "github.com/hidal-go/hidalgo/kv/flat/leveldb"
	"github.com/syndtr/goleveldb/leveldb"

	"github.com/actorgraph/actorgraph/graph/internal/backend"
)

// openTestStore opens a leveldb store in a new directory, as the leveldb
// backend does but with goleveldb's default options.
func openTestStore(t *testing.T) (*Store, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "store")
	st, err := Open("leveldb", dir, backend.Options{}, func(dir string) (Raw, error) {
		db, err := leveldb.OpenFile(dir, nil)
		if err != nil {
			return Raw{}, err
		}
		return Raw{KV: flat.Upgrade(hleveldb.New(db))}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return st, dir
}

// dump returns every key and value of st, the timestamps of cayley's log
// entries set to zero (they are the time of writing).
func dump(t *testing.T, st *Store) map[string]string {
	t.Helper()
	ctx := context.Background()
	tx, err := st.db.Tx(false)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Close()
	out := map[string]string{}
	it := tx.Scan(nil)
	defer it.Close()
	for it.Next(ctx) {
		k, v := it.Key(), it.Val()
		if len(k) == 2 && string(k[0]) == "log" {
			var p proto.Primitive
			if err := p.Unmarshal(v); err != nil {
				t.Fatalf("log entry %x: %v", k[1], err)
			}
			p.Timestamp = 0
			v, err = p.Marshal()
			if err != nil {
				t.Fatal(err)
			}
		}
		var parts []string
		for _, p := range k {
			parts = append(parts, fmt.Sprintf("%x", p))
		}
		out[strings.Join(parts, "/")] = fmt.Sprintf("%x", v)
	}
	if err := it.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// allQuads reads every quad of qs through cayley's own iterator.
func allQuads(t *testing.T, qs cgraph.QuadStore) []string {
	t.Helper()
	ctx := context.Background()
	it := qs.QuadsAllIterator()
	defer it.Close()
	var out []string
	for it.Next(ctx) {
		out = append(out, quadKey(qs.Quad(it.Result())))
	}
	if err := it.Err(); err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

// quadKey writes q with its label (quad.Quad's String leaves it out).
func quadKey(q quad.Quad) string { return fmt.Sprint(q.Subject, q.Predicate, q.Object, q.Label) }

func adds(qs ...quad.Quad) []cgraph.Delta {
	d := make([]cgraph.Delta, len(qs))
	for i, q := range qs {
		d[i] = cgraph.Delta{Quad: q, Action: cgraph.Add}
	}
	return d
}

// The additions Apply writes itself are the keys and values cayley's
// ApplyDeltas writes for the same batches (but for the log's timestamps), and
// cayley's QuadStore reads them back: into an empty store; with quads already
// stored, repeated in the batch, on values already stored (index lists
// extended), on values new to the store; after cayley removed a quad that the
// batch adds again.
func TestAddsWriteWhatCayleyWrites(t *testing.T) {
	ctx := context.Background()
	cayley, _ := openTestStore(t)
	ours, dir := openTestStore(t)
	defer cayley.Close()

	iri := func(s string) quad.IRI { return quad.IRI("https://example.org/" + s) }
	q := func(s, p string, o quad.Value, l string) quad.Quad {
		var label quad.Value
		if l != "" {
			label = iri(l)
		}
		return quad.Quad{Subject: iri(s), Predicate: iri(p), Object: o, Label: label}
	}
	var batch1 []quad.Quad
	for i := range 300 {
		batch1 = append(batch1,
			q(fmt.Sprint("a", i), "name", quad.String(fmt.Sprint("A ", i)), fmt.Sprint("claim/", i%7)),
			q(fmt.Sprint("a", i), "backs", iri(fmt.Sprint("a", (i*13)%300)), fmt.Sprint("claim/", i%7)),
			q(fmt.Sprint("a", i), "since", quad.Int(int64(1990+i%30)), ""),
		)
	}
	batch1 = append(batch1, batch1[5], batch1[17]) // repeated in the batch
	var batch2 []quad.Quad
	for i := range 200 {
		batch2 = append(batch2,
			batch1[i*3], // stored already
			q(fmt.Sprint("a", i), "backs", iri(fmt.Sprint("a", (i*7)%300)), fmt.Sprint("claim/", i%5)), // old values
			q(fmt.Sprint("a", i), "backs", iri(fmt.Sprint("a", (i*13)%300)), "claim/new"),              // a new label
			q(fmt.Sprint("b", i), "name", quad.String(fmt.Sprint("B ", i)), ""),                        // new values
			q(fmt.Sprint("a", i), "name", quad.LangString{Value: "x", Lang: "en"}, ""),
		)
	}
	removed := []cgraph.Delta{{Quad: batch1[0], Action: cgraph.Delete}, {Quad: batch2[1], Action: cgraph.Delete}}
	batch3 := []quad.Quad{batch1[0], batch1[3], batch2[1], q("c", "name", quad.String("C"), "claim/c")}

	opts := cgraph.IgnoreOpts{IgnoreDup: true, IgnoreMissing: true}
	want := map[string]bool{}
	for n, step := range [][]cgraph.Delta{adds(batch1...), adds(batch2...), removed, adds(batch3...), nil} {
		if err := cayley.qs.ApplyDeltas(step, opts); err != nil {
			t.Fatalf("step %d, cayley: %v", n, err)
		}
		if err := ours.Apply(ctx, step, nil); err != nil {
			t.Fatalf("step %d, Apply: %v", n, err)
		}
		for _, d := range step {
			want[quadKey(d.Quad)] = d.Action == cgraph.Add
		}
		a, b := dump(t, cayley), dump(t, ours)
		if len(a) < 10 && n < 4 {
			t.Fatalf("step %d: %d keys", n, len(a))
		}
		for k, v := range a {
			if b[k] != v {
				t.Errorf("step %d: key %s: cayley wrote %s, Apply %q", n, k, v, b[k])
			}
		}
		for k, v := range b {
			if _, ok := a[k]; !ok {
				t.Errorf("step %d: key %s: Apply wrote %s, cayley nothing", n, k, v)
			}
		}
		if t.Failed() {
			t.FailNow()
		}
	}
	var wanted []string
	for s, live := range want {
		if live {
			wanted = append(wanted, s)
		}
	}
	slices.Sort(wanted)
	if err := ours.Close(); err != nil {
		t.Fatal(err)
	}
	// cayley's own QuadStore on the directory, opened anew.
	db, err := leveldb.OpenFile(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	qs, err := ckv.New(flat.Upgrade(hleveldb.New(db)), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer qs.Close()
	if got := allQuads(t, qs); !slices.Equal(got, wanted) {
		t.Errorf("cayley reads %d quads back, want %d", len(got), len(wanted))

	}
	if st, err := qs.Stats(ctx, false); err != nil || st.Quads.Size != int64(len(wanted)) {
		t.Errorf("cayley's Stats: %d quads, %v; want %d", st.Quads.Size, err, len(wanted))
	}
}
