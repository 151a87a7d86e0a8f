package postgres

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/actorgraph/actorgraph/graph/internal/backend"
)

// The package's tests run against the servers the graph package's tests use
// (ACTORGRAPH_POSTGRES, ACTORGRAPH_POSTGRES_REPLICAS: see graph's everyStore),
// in a database of their own, as go test runs packages in parallel.
const testDatabase = "actorgraph_postgres_pkg"

// withDatabase returns u with its database set to name.
func withDatabase(t testing.TB, u, name string) string {
	t.Helper()
	p, err := url.Parse(u)
	if err != nil {
		t.Fatal(err)
	}
	p.Path = "/" + name
	return p.String()
}

// createDatabase creates the database name on the server of base if need be,
// and returns its URL.
func createDatabase(t testing.TB, base, name string) string {
	t.Helper()
	admin, err := sql.Open("postgres", base)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	var exists bool
	if err := admin.QueryRow(`SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`, name).Scan(&exists); err != nil {
		t.Fatal(err)
	}
	if !exists {
		if _, err := admin.Exec(`CREATE DATABASE ` + name); err != nil && !strings.Contains(err.Error(), "already exists") {
			t.Fatal(err)
		}
	}
	return withDatabase(t, base, name)
}

// emptyDatabase creates the package's database on the server of base if need
// be, empties it, and returns its URL.
func emptyDatabase(t testing.TB, base string) string {
	t.Helper()
	u := createDatabase(t, base, testDatabase)
	db, err := sql.Open("postgres", u)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`DROP TABLE IF EXISTS quads, nodes CASCADE`); err != nil {
		t.Fatal(err)
	}
	return u
}

// primaryOnly returns the URL of an empty database on ACTORGRAPH_POSTGRES,
// skipping the test without it.
func primaryOnly(t testing.TB) string {
	t.Helper()
	u := os.Getenv("ACTORGRAPH_POSTGRES")
	if u == "" {
		if os.Getenv("ACTORGRAPH_REQUIRE_POSTGRES") == "1" {
			t.Fatal("ACTORGRAPH_REQUIRE_POSTGRES=1 but ACTORGRAPH_POSTGRES is not set")
		}
		t.Skip("ACTORGRAPH_POSTGRES is not set")
	}
	return emptyDatabase(t, u)
}

// replicated returns the URLs of an empty database on the primary of
// ACTORGRAPH_POSTGRES_REPLICAS and of the same database on its standbys,
// once they have it; it skips the test without them.
func replicated(t testing.TB) (string, []string) {
	t.Helper()
	urls := strings.Fields(os.Getenv("ACTORGRAPH_POSTGRES_REPLICAS"))
	if len(urls) < 2 {
		if os.Getenv("ACTORGRAPH_REQUIRE_POSTGRES") == "1" {
			t.Fatal("ACTORGRAPH_REQUIRE_POSTGRES=1 but ACTORGRAPH_POSTGRES_REPLICAS does not hold a primary and a standby")
		}
		t.Skip("ACTORGRAPH_POSTGRES_REPLICAS is not set")
	}
	primary := emptyDatabase(t, urls[0])
	var standbys []string
	for _, s := range urls[1:] {
		u := withDatabase(t, s, testDatabase)
		waitFor(t, 30*time.Second, func() bool {
			db, err := sql.Open("postgres", u)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			return db.Ping() == nil
		})
		standbys = append(standbys, u)
	}
	return primary, standbys
}

func waitFor(t testing.TB, limit time.Duration, ok func() bool) {
	t.Helper()
	for deadline := time.Now().Add(limit); !ok(); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("not so after %v", limit)
		}
	}
}

func open(t testing.TB, b Backend, u string) *store {
	t.Helper()
	st, err := b.Open(context.Background(), u, backend.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := st.Close(); err != nil {
			t.Error(err)
		}
	})
	return st.(*store)
}

func add(t testing.TB, st *store, quads ...quad.Quad) {
	t.Helper()
	deltas := make([]cgraph.Delta, len(quads))
	for i, q := range quads {
		deltas[i] = cgraph.Delta{Quad: q, Action: cgraph.Add}
	}
	if err := st.Apply(context.Background(), deltas, nil); err != nil {
		t.Fatal(err)
	}
}

// every value type cayley's SQL store keeps in a column of its own, and one
// it keeps marshalled (a typed string with a NUL, a time with nanoseconds cut).
var values = []quad.Value{
	quad.IRI("http://example.org/x"),
	quad.BNode("b1"),
	quad.String("plain \x00 with a NUL"), // cayley stores it as \x00, and reads any \x00 back as a NUL
	quad.TypedString{Value: "2024-05", Type: "http://www.w3.org/2001/XMLSchema#gYearMonth"},
	quad.LangString{Value: "Hay'at Tahrir al-Sham", Lang: "en"},
	quad.Int(-42),
	quad.Bool(true),
	quad.Float(0.25),
	quad.Time(time.Date(2024, 5, 6, 7, 8, 9, 123456000, time.UTC)),
}

// cayleyQuads reads the quads of v in direction dir with cayley's iterators.
func cayleyQuads(t *testing.T, qs cgraph.QuadStore, dir quad.Direction, v quad.Value) []quad.Quad {
	t.Helper()
	it := qs.QuadIterator(dir, qs.ValueOf(v))
	defer it.Close()
	var out []quad.Quad
	for it.Next(context.Background()) {
		out = append(out, qs.Quad(it.Result()))
	}
	if err := it.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func sorted(qs []quad.Quad) []string {
	out := make([]string, len(qs))
	for i, q := range qs {
		out[i] = q.String()
	}
	slices.Sort(out)
	return out
}

// sameQuads reports whether a and b hold the same quads (see sameQuad), in
// any order.
func sameQuads(a, b []quad.Quad) bool {
	cmp := func(x, y quad.Quad) int { return strings.Compare(x.String(), y.String()) }
	a, b = slices.Clone(a), slices.Clone(b)
	slices.SortFunc(a, cmp)
	slices.SortFunc(b, cmp)
	return slices.EqualFunc(a, b, sameQuad)
}

// sameQuad compares quads with ==, but times as instants (lib/pq gives each
// time a time zone of its own, the server's).
func sameQuad(a, b quad.Quad) bool {
	if ta, ok := a.Object.(quad.Time); ok {
		tb, ok := b.Object.(quad.Time)
		a.Object, b.Object = nil, nil
		return ok && time.Time(ta).Equal(time.Time(tb)) && a == b
	}
	return a == b
}

// The library's statements read what cayley reads, value for value, in each
// direction, with and without predicates; Around's neighbourhood is what Each
// reads of each of its subjects.
func TestEachReadsAsCayley(t *testing.T) {
	st := open(t, Backend{}, primaryOnly(t))
	s, p, claim, src := quad.IRI("s"), quad.IRI("p"), quad.IRI("claim"), quad.IRI("source")
	var quads []quad.Quad
	for i, v := range values {
		o := quad.Value(quad.IRI("o" + string(rune('a'+i))))
		quads = append(quads,
			quad.Quad{Subject: s, Predicate: p, Object: o, Label: claim},
			quad.Quad{Subject: o, Predicate: quad.IRI("value"), Object: v},
		)
	}
	quads = append(quads,
		quad.Quad{Subject: s, Predicate: quad.IRI("other"), Object: quad.IRI("elsewhere")},
		quad.Quad{Subject: claim, Predicate: quad.IRI("source"), Object: src},
		quad.Quad{Subject: src, Predicate: quad.IRI("name"), Object: quad.String("a source")},
	)
	add(t, st, quads...)
	ctx := context.Background()
	for _, q := range quads {
		for _, dir := range quad.Directions {
			v := q.Get(dir)
			if v == nil {
				continue
			}
			want := cayleyQuads(t, st.qs, dir, v)
			got, err := st.Each(ctx, dir, v, nil)
			if err != nil {
				t.Fatal(err)
			}
			if !sameQuads(got, want) {
				t.Errorf("Each(%v, %v) = %v, want %v", dir, v, sorted(got), sorted(want))
			}
			for _, g := range got {
				if !slices.ContainsFunc(quads, func(w quad.Quad) bool { return sameQuad(w, g) }) {
					t.Errorf("Each(%v, %v) returned %v, which was not written", dir, v, g)
				}
			}
		}
	}
	got, err := st.Each(ctx, quad.Subject, s, []quad.Value{p})
	if err != nil || len(got) != len(values) {
		t.Fatalf("Each(s, [p]) = %d quads, %v; want %d", len(got), err, len(values))
	}
	if got, err := st.Each(ctx, quad.Subject, quad.IRI("nothing"), nil); err != nil || len(got) != 0 {
		t.Errorf("Each(absent) = %v, %v", got, err)
	}

	hop, near, err := st.Around(ctx, quad.Subject, s, []quad.Value{p}, []quad.Value{quad.IRI("source")})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(sorted(hop), sorted(got)) {
		t.Errorf("Around's hop = %v, want %v", sorted(hop), sorted(got))
	}
	if len(near) != len(values)+3 { // s, the objects, the claim, its source
		t.Errorf("Around read %d subjects, want %d", len(near), len(values)+3)
	}
	for x, qs := range near {
		want, err := st.Each(ctx, quad.Subject, x, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(sorted(qs), sorted(want)) {
			t.Errorf("Around's quads of %v = %v, want %v", x, sorted(qs), sorted(want))
		}
	}
	if _, ok := near[src]; !ok {
		t.Errorf("Around did not read the claim's source")
	}
	all, near, err := st.Around(ctx, quad.Object, src, nil, nil)
	if want := cayleyQuads(t, st.qs, quad.Object, src); err != nil || len(want) != 1 || !sameQuads(all, want) {
		t.Errorf("Around(object, source, no predicates) = %v, %v; want %v", sorted(all), err, sorted(want))
	}
	if _, ok := near[claim]; !ok || len(near) != 2 { // the source, and the claim, the far end
		t.Errorf("Around(object, source) read %v, want the source and the claim", near)
	}
}

// The pool settings reach the library's pools and cayley's.
func TestPoolSettings(t *testing.T) {
	b := Backend{MaxOpenConns: 7, MaxIdleConns: 5}
	if o := b.options(); o["maxopenconnections"] != 7 || o["maxidleconnections"] != 5 {
		t.Errorf("cayley's options = %v", o)
	}
	primary, standbys := replicated(t)
	b.Replicas = standbys
	st := open(t, b, primary)
	for _, s := range append([]*server{st.primary}, st.standbys...) {
		if got := s.db.Stats().MaxOpenConnections; got != 7 {
			t.Errorf("%s: MaxOpenConnections = %d, want 7", s.name, got)
		}
	}
}

func TestReplicaLocations(t *testing.T) {
	for _, r := range []string{"mysql://u@h/db", "postgres:", "postgres://u@h:port/db"} {
		_, err := Backend{Replicas: []string{"postgres://a@b/c", r}}.Open(context.Background(), "postgres://u@127.0.0.1:1/db", backend.Options{})
		if err == nil || !strings.Contains(err.Error(), "Replicas[1]") {
			t.Errorf("Replicas[1] = %q: Open error %v, want one naming Replicas[1]", r, err)
		}
	}
}

func TestParseLSN(t *testing.T) {
	for s, want := range map[string]uint64{"0/0": 0, "16/B374D848": 0x16_B374D848, "FFFFFFFF/FFFFFFFF": 1<<64 - 1} {
		if got, err := parseLSN(s); err != nil || got != want {
			t.Errorf("parseLSN(%q) = %x, %v; want %x", s, got, err, want)
		}
	}
	for _, s := range []string{"", "16", "x/1", "1/100000000"} {
		if _, err := parseLSN(s); err == nil {
			t.Errorf("parseLSN(%q) did not fail", s)
		}
	}
}

// A store that adds many quads has PostgreSQL analyze cayley's tables at
// once: until then the planner plans a hop from the statistics of the table
// before the load. A small batch leaves that to autovacuum.
func TestALoadIsAnalyzed(t *testing.T) {
	st := open(t, Backend{}, primaryOnly(t))
	lastAnalyze := func() (analyzed bool) {
		t.Helper()
		if err := st.db.QueryRow(`SELECT last_analyze IS NOT NULL FROM pg_stat_user_tables WHERE relname = 'quads'`).Scan(&analyzed); err != nil {
			t.Fatal(err)
		}
		return analyzed
	}
	quads := func(from, n int) []quad.Quad {
		var qs []quad.Quad
		for i := from; i < from+n; i++ {
			qs = append(qs, quad.Quad{Subject: quad.IRI(fmt.Sprint("s", i)), Predicate: quad.IRI("p"), Object: quad.Int(int64(i))})
		}
		return qs
	}
	add(t, st, quads(0, 10)...)
	if lastAnalyze() {
		t.Fatal("a batch of 10 quads had the tables analyzed")
	}
	add(t, st, quads(10, 2*analyzeThreshold)...)
	// The statistics collector reports the analyze a moment later.
	waitFor(t, 10*time.Second, lastAnalyze)
}
