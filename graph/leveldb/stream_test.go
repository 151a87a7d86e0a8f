package leveldb

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"iter"
	"maps"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
	"github.com/syndtr/goleveldb/leveldb"

	"github.com/actorgraph/actorgraph/graph/internal/backend"
)

// canonical returns the contents of the store in dir with every id replaced
// by what it names: a node's value, a quad's four values. Two stores that hold
// the same quads, values and counts, with ids given in different orders, have
// the same canonical contents.
func canonical(t *testing.T, dir string) map[string]string {
	t.Helper()
	db, err := leveldb.OpenFile(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	type entry struct{ bucket, key, value []byte }
	var entries []entry
	it := db.NewIterator(nil, nil)
	for it.Next() {
		parts := unflat(it.Key())
		if len(parts) != 2 {
			t.Fatalf("key %q: %d parts", it.Key(), len(parts))
		}
		entries = append(entries, entry{parts[0], parts[1], bytes.Clone(it.Value())})
	}
	it.Release()
	if err := it.Error(); err != nil {
		t.Fatal(err)
	}
	logs := map[uint64]proto.Primitive{}
	var highest uint64
	for _, e := range entries {
		if string(e.bucket) == "log" && len(e.key) == 8 {
			var p proto.Primitive
			if err := p.Unmarshal(e.value); err != nil {
				t.Fatal(err)
			}
			logs[binary.BigEndian.Uint64(e.key)] = p
			highest = max(highest, p.ID)
		}
	}
	name := func(id uint64) string {
		if id == 0 {
			return "-"
		}
		p, ok := logs[id]
		if !ok {
			t.Fatalf("id %d has no log entry", id)
		}
		if p.Value == nil {
			return fmt.Sprintf("(%d %d %d %d)", p.Subject, p.Predicate, p.Object, p.Label) // a quad named as a node: wrong
		}
		v, err := pquads.UnmarshalValue(p.Value)
		if err != nil {
			t.Fatal(err)
		}
		return quad.StringOf(v)
	}
	quadName := func(id uint64) string {
		p := logs[id]
		return fmt.Sprintf("[%s %s %s %s deleted=%v]", name(p.Subject), name(p.Predicate), name(p.Object), name(p.Label), p.Deleted)
	}
	ids := func(b []byte) []uint64 {
		var out []uint64
		for len(b) > 0 {
			id, n := binary.Uvarint(b)
			if n <= 0 {
				t.Fatalf("bad list %x", b)
			}
			out, b = append(out, id), b[n:]
		}
		return out
	}
	out := map[string]string{}
	for _, e := range entries {
		switch b := string(e.bucket); {
		case b == "log" && len(e.key) == 8:
			p := logs[binary.BigEndian.Uint64(e.key)]
			switch {
			case p.Value != nil:
				out["node "+name(p.ID)] = ""
			case p.Deleted:
				out["deleted "+quadName(p.ID)] += "x"
			default:
				out["quad "+quadName(p.ID)] = ""
			}
		case b == "sp" || b == "ops":
			var key []string
			for k := e.key; len(k) >= 8; k = k[8:] {
				key = append(key, name(binary.BigEndian.Uint64(k)))
			}
			var list []string
			for _, id := range ids(e.value) {
				list = append(list, quadName(id))
			}
			out[b+" "+strings.Join(key, " ")] = strings.Join(list, " ")
		case b[0] == 'v':
			id, _ := binary.Uvarint(e.value)
			out[fmt.Sprintf("v %x", e.key)] = name(id)
		case b == "meta" && string(e.key) == "horizon":
			// The last id given: the highest the log holds (a first load
			// written as a stream skips some ids).
			out["meta horizon"] = fmt.Sprint("the highest id: ", binary.LittleEndian.Uint64(e.value) == highest)
		default: // meta, n
			out[fmt.Sprintf("%s %x", b, e.key)] = fmt.Sprintf("%x", e.value)
		}
	}
	return out
}

// unflat splits a flat key into its parts, as hidalgo's flat keys escape
// them ('/' joins, '\' escapes '/' and '\').
func unflat(k []byte) [][]byte {
	var parts [][]byte
	var cur []byte
	for i := 0; i < len(k); i++ {
		switch c := k[i]; {
		case c == '\\' && i+1 < len(k):
			i++
			cur = append(cur, k[i])
		case c == '/':
			parts, cur = append(parts, cur), nil
		default:
			cur = append(cur, c)
		}
	}
	return append(parts, cur)
}

// testLoad returns a first load of 36k quads, as the terms they name and
// the quads as terms: with repeats, and two values with one hash.
func testLoad() ([]quad.Value, [][4]uint32) {
	terms := []quad.Value{nil}
	term := map[quad.Value]uint32{}
	id := func(v quad.Value) uint32 {
		if v == nil {
			return 0
		}
		if t, ok := term[v]; ok {
			return t
		}
		term[v] = uint32(len(terms))
		terms = append(terms, v)
		return term[v]
	}
	iri := func(s string, i int) quad.IRI { return quad.IRI(fmt.Sprintf("https://example.org/%s/%d", s, i)) }
	var quads [][4]uint32
	add := func(s, p, o, l quad.Value) { quads = append(quads, [4]uint32{id(s), id(p), id(o), id(l)}) }
	for i := range 12000 {
		add(iri("a", i), iri("p", i%3), quad.String(fmt.Sprintf(`A\%d`, i)), iri("claim", i%900))
		add(iri("a", i), iri("p", 9), iri("a", (i*13)%12000), iri("claim", i%900))
		add(iri("a", i%50), iri("p", 8), quad.Int(int64(i%70)), nil)
	}
	add(iri("a", 1), iri("p", 7), quad.Int(5).TypedString(), nil) // the hash of quad.Int(5)
	quads = append(quads, quads[5], quads[20000])                 // repeats
	return terms, quads
}

// seq yields qs.
func seq(qs [][4]uint32) iter.Seq[[4]uint32] {
	return func(yield func([4]uint32) bool) {
		for _, q := range qs {
			if !yield(q) {
				return
			}
		}
	}
}

// openStore opens the store in dir.
func openStore(t *testing.T, dir string) backend.Store {
	t.Helper()
	st, err := Backend{}.Open(context.Background(), "leveldb:"+dir, backend.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// streamOf opens a stream of the store st, which must take one.
func streamOf(t *testing.T, st backend.Store) backend.Stream {
	t.Helper()
	s, err := st.(interface {
		Stream(context.Context) (backend.Stream, error)
	}).Stream(context.Background())
	if err != nil || s == nil {
		t.Fatalf("an empty store gave no stream (%v)", err)
	}
	return s
}

// A first load written as a stream, run by run while its batch is built,
// holds what the same batch written at commit holds: the same quads, values,
// counts, index lists (in the same order) and metadata, with ids given in
// another order. The batch has repeats, two values with one hash and more
// than one run; the ids AddQuads gives hold the bytes flat keys escape (the
// stream's do not), and the stream's runs are split into many tables.
func TestStreamWritesWhatAddQuadsWrites(t *testing.T) {
	defer func(size int) { tableSize = size }(tableSize)
	tableSize = 16 << 10
	ctx := context.Background()
	terms, quads := testLoad()
	runs := [][][4]uint32{quads[:16384], quads[16384:32768], quads[32768:]}
	atOnceDir, streamDir := filepath.Join(t.TempDir(), "once"), filepath.Join(t.TempDir(), "stream")
	atOnce := openStore(t, atOnceDir)
	err := atOnce.(interface {
		AddQuads(context.Context, backend.Additions, sync.Locker, func()) error
	}).AddQuads(ctx, backend.Additions{Terms: terms, Len: len(quads), Quads: seq(quads), Once: true}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := atOnce.Close(); err != nil {
		t.Fatal(err)
	}

	streamed := openStore(t, streamDir)
	s := streamOf(t, streamed)
	for _, r := range runs {
		s.Add(terms, seq(r))
	}
	read := false
	if err := s.Commit(ctx, nil, func() { read = true }); err != nil {
		t.Fatal(err)
	}
	if !read {
		t.Error("Commit did not say when it was done reading the batch")
	}
	// A store that holds quads takes no stream.
	if s, err := streamed.(interface {
		Stream(context.Context) (backend.Stream, error)
	}).Stream(ctx); s != nil || err != nil {
		t.Errorf("a store with quads gave a stream (%v)", err)
	}
	if err := streamed.Close(); err != nil {
		t.Fatal(err)
	}
	if tables := len(tableFiles(t, streamDir)); tables < 20 {
		t.Fatalf("the load is in %d tables: its runs were not split", tables)
	}

	a, b := canonical(t, atOnceDir), canonical(t, streamDir)
	if len(a) < 30000 {
		t.Fatalf("%d keys: the test has too few", len(a))
	}
	distinct := map[[4]uint32]bool{}
	for _, q := range quads {
		distinct[q] = true
	}
	if repeats := len(quads) - len(distinct); repeats < 100 {
		t.Fatalf("%d repeats: the test has too few", repeats)
	}
	if !maps.Equal(a, b) {
		n := 0
		for k, v := range a {
			if b[k] != v && n < 10 {
				t.Errorf("%s: at once %.80q, streamed %.80q", k, v, b[k])
				n++
			}
		}
		for k := range b {
			if _, ok := a[k]; !ok && n < 20 {
				t.Errorf("%s: streamed only", k)
				n++
			}
		}
		t.Fatalf("the streamed store differs (%d keys at once, %d streamed)", len(a), len(b))
	}
}
