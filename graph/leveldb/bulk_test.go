package leveldb

import (
	"context"
	"fmt"
	"path/filepath"
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

// dumpDir returns every key and value of the leveldb database in dir, the
// timestamps of cayley's log entries set to zero (they are the time of
// writing).
func dumpDir(t *testing.T, dir string) map[string]string {
	t.Helper()
	db, err := leveldb.OpenFile(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	out := map[string]string{}
	it := db.NewIterator(nil, nil)
	defer it.Release()
	for it.Next() {
		k, v := it.Key(), it.Value()
		if strings.HasPrefix(string(k), "log/") && len(v) > 0 {
			var p proto.Primitive
			if err := p.Unmarshal(v); err != nil {
				t.Fatalf("log entry %q: %v", k, err)
			}
			p.Timestamp = 0
			if v, err = p.Marshal(); err != nil {
				t.Fatal(err)
			}
		}
		out[fmt.Sprintf("%q", k)] = fmt.Sprintf("%x", v)
	}
	if err := it.Error(); err != nil {
		t.Fatal(err)
	}
	return out
}

// The backend writes a batch of additions in its own goleveldb transaction,
// with flat keys it escapes itself: the keys and values are those cayley's
// ApplyDeltas writes through hidalgo, byte for byte, over batches whose ids
// and hashes hold the bytes flat keys escape ('/' and '\'), into an empty
// store and one with quads (stored, removed and added again).
func TestBulkWritesWhatCayleyWrites(t *testing.T) {
	ctx := context.Background()
	cayleyDir, oursDir := filepath.Join(t.TempDir(), "cayley"), filepath.Join(t.TempDir(), "ours")

	db, err := leveldb.OpenFile(cayleyDir, nil)
	if err != nil {
		t.Fatal(err)
	}
	kv := flat.Upgrade(hleveldb.New(db))
	if err := ckv.Init(kv, cgraph.Options{"no_bloom": true}); err != nil {
		t.Fatal(err)
	}
	cayley, err := ckv.New(kv, cgraph.Options{"no_bloom": true})
	if err != nil {
		t.Fatal(err)
	}
	ours, err := Backend{}.Open(ctx, "leveldb:"+oursDir, backend.Options{})
	if err != nil {
		t.Fatal(err)
	}

	iri := func(s string) quad.IRI { return quad.IRI("https://example.org/" + s) }
	q := func(s, p string, o quad.Value, l string) quad.Quad {
		var label quad.Value
		if l != "" {
			label = iri(l)
		}
		return quad.Quad{Subject: iri(s), Predicate: iri(p), Object: o, Label: label}
	}
	adds := func(qs []quad.Quad) []cgraph.Delta {
		d := make([]cgraph.Delta, len(qs))
		for i, q := range qs {
			d[i] = cgraph.Delta{Quad: q, Action: cgraph.Add}
		}
		return d
	}
	var batch1, batch2 []quad.Quad
	for i := range 400 {
		batch1 = append(batch1,
			q(fmt.Sprint("a/", i), "name", quad.String(fmt.Sprintf(`A\%d`, i)), fmt.Sprint("claim/", i%7)),
			q(fmt.Sprint("a/", i), "backs", iri(fmt.Sprint("a/", (i*13)%400)), fmt.Sprint("claim/", i%7)),
		)
	}
	batch1 = append(batch1, batch1[5]) // repeated in the batch
	for i := range 200 {
		batch2 = append(batch2,
			batch1[i*2], // stored already
			q(fmt.Sprint("a/", i), "backs", iri(fmt.Sprint("a/", (i*7)%400)), fmt.Sprint("claim/", i%5)), // old values
			q(fmt.Sprint("b/", i), "since", quad.Int(int64(1990+i%30)), ""),                              // new values
		)
	}
	removed := []cgraph.Delta{{Quad: batch1[0], Action: cgraph.Delete}}
	batch3 := []quad.Quad{batch1[0], batch1[3], q("c", "name", quad.String("C"), "claim/c")}

	for n, step := range [][]cgraph.Delta{adds(batch1), adds(batch2), removed, adds(batch3)} {
		if err := cayley.ApplyDeltas(step, cgraph.IgnoreOpts{IgnoreDup: true, IgnoreMissing: true}); err != nil {
			t.Fatalf("step %d, cayley: %v", n, err)
		}
		if err := ours.Apply(ctx, step, nil); err != nil {
			t.Fatalf("step %d, Apply: %v", n, err)
		}
	}
	if err := cayley.Close(); err != nil {
		t.Fatal(err)
	}
	if err := ours.Close(); err != nil {
		t.Fatal(err)
	}
	a, b := dumpDir(t, cayleyDir), dumpDir(t, oursDir)
	escaped := 0
	for k, v := range a {
		if strings.Contains(k, `\\\\`) {
			escaped++
		}
		if b[k] != v {
			t.Errorf("key %s: cayley wrote %s, the backend %q", k, v, b[k])
		}
	}
	for k, v := range b {
		if _, ok := a[k]; !ok {
			t.Errorf("key %s: the backend wrote %s, cayley nothing", k, v)
		}
	}
	if len(a) < 2000 || escaped < 10 {
		t.Errorf("cayley wrote %d keys, %d with an escape: the test has too few", len(a), escaped)
	}
}
