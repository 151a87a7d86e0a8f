package graph_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"testing"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/memstore"
	"github.com/cayleygraph/quad"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/synth"
	"github.com/actorgraph/actorgraph/schema"
)

// The benchmarks run each operation three ways on the same data, so that the
// report is two ratios a row: "typed" (this package), "raw" (cayley calls on
// the same store) and "map" (a plain Go map index of the same facts).
//
// The synthetic graph is internal/synth's (examples/synth writes it as
// N-Quads): armed groups with claims, backing edges and formerly-known-as
// chains of 6. Sizes are counted in quads, about 11 a group.
//
// Stores: memory (10k, 100k, 1M quads), leveldb and bolt (the same), and PostgreSQL
// (10k, 100k) when ACTORGRAPH_POSTGRES names a database the benchmark may empty.
// -short keeps to 100k quads and memory.

func benchActor(i int) schema.IRI { return synth.Actor(i) }

const chain = synth.ChainLength

// mapIndex is the plain Go baseline: the same facts in maps.
type mapIndex struct {
	out    map[schema.IRI][]mapEdge // by subject
	in     map[schema.IRI][]mapEdge // by object
	names  map[schema.IRI]string
	kinds  map[schema.IRI]schema.Kind
	claims map[schema.IRI]mapClaim
}

type mapEdge struct {
	rel          schema.Relation
	other, claim schema.IRI
}

type mapClaim struct {
	source              schema.IRI
	reported, validFrom graph.Date
}

func buildMap(batches []synth.Batch) *mapIndex {
	m := &mapIndex{out: map[schema.IRI][]mapEdge{}, in: map[schema.IRI][]mapEdge{}, names: map[schema.IRI]string{},
		kinds: map[schema.IRI]schema.Kind{}, claims: map[schema.IRI]mapClaim{}}
	m.names[synth.Source.ID] = synth.Source.Name
	for _, b := range batches {
		for _, e := range b.Entities {
			m.names[e.ID], m.kinds[e.ID] = e.Name, e.Kinds[0]
		}
		for _, c := range b.Claims {
			m.claims[c.ID] = mapClaim{c.Source.ID, c.Reported, c.ValidFrom}
		}
		for _, f := range b.Facts {
			m.out[f.Subject] = append(m.out[f.Subject], mapEdge{f.Relation, f.Object, f.Claim})
			m.in[f.Object] = append(m.in[f.Object], mapEdge{f.Relation, f.Subject, f.Claim})
		}
	}
	return m
}

type benchStore struct {
	name  string
	sizes []int
	open  func(b *testing.B, tag string) string // a location for a new, empty store; tag names it where stores need names
}

func benchStores() []benchStore {
	stores := []benchStore{
		{"memory", []int{10_000, 100_000, 1_000_000}, func(*testing.B, string) string { return "" }},
		{"leveldb", []int{10_000, 100_000, 1_000_000}, func(b *testing.B, _ string) string {
			return "leveldb:" + benchDir(b)
		}},
		// leveldb read from the store, without the read index (WithoutReadIndex)
		{"leveldb-direct", []int{10_000, 100_000, 1_000_000}, func(b *testing.B, _ string) string {
			return "direct:" + benchDir(b)
		}},
	}
	if !raceEnabled { // cayley's bolt trips checkptr under -race
		stores = append(stores, benchStore{"bolt", []int{10_000, 100_000, 1_000_000}, func(b *testing.B, _ string) string {
			return "bolt:" + benchDir(b)
		}})
	}
	if url := os.Getenv("ACTORGRAPH_POSTGRES"); url != "" {
		stores = append(stores, benchStore{"postgres", []int{10_000, 100_000}, func(b *testing.B, tag string) string {
			return postgresBenchStore(b, url, tag)
		}})
	}
	return stores
}

// benchRoot holds the file stores the benchmarks make. They are cached for
// the whole run of the test binary (benchGraph), longer than any one
// benchmark's TempDir lives, so TestMain removes the root when the run ends.
var benchRoot struct {
	sync.Mutex
	dir string
}

// benchDir returns a new directory for a file store under benchRoot.
func benchDir(b *testing.B) string {
	b.Helper()
	benchRoot.Lock()
	defer benchRoot.Unlock()
	if benchRoot.dir == "" {
		dir, err := os.MkdirTemp("", "actorgraph-bench-")
		if err != nil {
			b.Fatal(err)
		}
		benchRoot.dir = dir
	}
	dir, err := os.MkdirTemp(benchRoot.dir, "store-")
	if err != nil {
		b.Fatal(err)
	}
	return filepath.Join(dir, "store")
}

func TestMain(m *testing.M) {
	code := m.Run()
	benchMu.Lock()
	for _, d := range benchCache {
		d.g.Close() // a store's files are released before they are removed
	}
	benchMu.Unlock()
	if benchRoot.dir != "" {
		if err := os.RemoveAll(benchRoot.dir); err != nil {
			fmt.Fprintln(os.Stderr, "removing the benchmarks' stores:", err)
		}
	}
	os.Exit(code)
}

type benchData struct {
	n       int
	batches []synth.Batch
	quads   []quad.Quad // what the graph holds, for the raw loads
	g       *graph.Graph
	m       *mapIndex
}

var (
	benchMu    sync.Mutex
	benchCache = map[string]*benchData{}
)

// benchGraph returns the loaded graph of about quads quads on store s, built
// once per run of the test binary.
func benchGraph(b *testing.B, s benchStore, quads int) *benchData {
	b.Helper()
	benchMu.Lock()
	defer benchMu.Unlock()
	key := fmt.Sprint(s.name, quads)
	if d, ok := benchCache[key]; ok {
		return d
	}
	ctx := context.Background()
	d := &benchData{n: quads / synth.QuadsPerActor}
	d.batches = synth.Generate(d.n, 1)
	g, err := graph.Open(ctx, s.open(b, fmt.Sprint(quads)), graph.TestBackends)
	if err != nil {
		b.Fatal(err)
	}
	if err := synth.Load(ctx, g, d.batches); err != nil {
		b.Fatal(err)
	}
	d.g, d.m = g, buildMap(d.batches)
	it := g.QuadStore().QuadsAllIterator()
	for it.Next(ctx) {
		d.quads = append(d.quads, g.QuadStore().Quad(it.Result()))
	}
	it.Close()
	benchCache[key] = d
	return d
}

func forStores(b *testing.B, fn func(b *testing.B, s benchStore, d *benchData)) {
	for _, s := range benchStores() {
		for _, size := range s.sizes {
			if testing.Short() && (size > 100_000 || s.name != "memory") {
				continue
			}
			b.Run(fmt.Sprintf("store=%s/quads=%d", s.name, size), func(b *testing.B) { fn(b, s, benchGraph(b, s, size)) })
		}
	}
}

func heapInUse() uint64 {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// BenchmarkLoad loads the whole graph: typed through Write batches of ~10k
// groups (synth.Load), raw as ApplyDeltas of the same quads in batches of the
// same size. It reports quads/s and, on memory, the heap the loaded store
// holds a quad. On memory, typed+quadstore also builds the memstore that
// Graph.QuadStore hands out.
func BenchmarkLoad(b *testing.B) {
	forStores(b, func(b *testing.B, s benchStore, d *benchData) {
		ctx := context.Background()
		typed := func(b *testing.B, quadStore bool) {
			var heap uint64
			for b.Loop() {
				b.StopTimer()
				before := heapInUse()
				b.StartTimer()
				g, err := graph.Open(ctx, s.open(b, fmt.Sprint("load", len(d.quads))), graph.TestBackends)
				if err != nil {
					b.Fatal(err)
				}
				if err := synth.Load(ctx, g, d.batches); err != nil {
					b.Fatal(err)
				}
				if quadStore {
					g.QuadStore()
				}
				b.StopTimer()
				heap = heapInUse() - before
				g.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(len(d.quads))*float64(b.N)/b.Elapsed().Seconds(), "quads/s")
			if s.name == "memory" {
				b.ReportMetric(float64(heap)/float64(len(d.quads)), "heapB/quad")
			}
		}
		b.Run("typed", func(b *testing.B) { typed(b, false) })
		if s.name == "memory" {
			// In memory, the typed load and then the escape hatch's memstore,
			// built from the graph's quads on the first QuadStore call.
			b.Run("typed+quadstore", func(b *testing.B) { typed(b, true) })
		}
		b.Run("raw", func(b *testing.B) {
			per := len(d.quads)/len(d.batches) + 1
			var heap uint64
			for b.Loop() {
				b.StopTimer()
				before := heapInUse()
				b.StartTimer()
				var qs cgraph.QuadStore = memstore.New()
				if s.name != "memory" {
					g, err := graph.Open(ctx, s.open(b, fmt.Sprint("load", len(d.quads))), graph.TestBackends) // a new empty store of the same backend
					if err != nil {
						b.Fatal(err)
					}
					qs = g.QuadStore()
					defer g.Close()
				}
				for lo := 0; lo < len(d.quads); lo += per {
					hi := min(lo+per, len(d.quads))
					deltas := make([]cgraph.Delta, 0, hi-lo)
					for _, q := range d.quads[lo:hi] {
						deltas = append(deltas, cgraph.Delta{Quad: q, Action: cgraph.Add})
					}
					if err := qs.ApplyDeltas(deltas, cgraph.IgnoreOpts{IgnoreDup: true}); err != nil {
						b.Fatal(err)
					}
				}
				b.StopTimer()
				heap = heapInUse() - before
				runtime.KeepAlive(qs)
				b.StartTimer()
			}
			b.ReportMetric(float64(len(d.quads))*float64(b.N)/b.Elapsed().Seconds(), "quads/s")
			if s.name == "memory" {
				b.ReportMetric(float64(heap)/float64(len(d.quads)), "heapB/quad")
			}
		})
	})
}

// rawOneHop is one hop with evidence in raw cayley calls: the objects of rel
// from subject, each with its name, and the quads of each label's claim.
func rawOneHop(ctx context.Context, qs cgraph.QuadStore, subject quad.Value, rel quad.Value, holds func([]quad.Quad) bool) int {
	n := 0
	it := qs.QuadIterator(quad.Subject, qs.ValueOf(subject))
	defer it.Close()
	for it.Next(ctx) {
		q := qs.Quad(it.Result())
		if q.Predicate != rel {
			continue
		}
		var claim []quad.Quad
		cit := qs.QuadIterator(quad.Subject, qs.ValueOf(q.Label))
		for cit.Next(ctx) {
			claim = append(claim, qs.Quad(cit.Result()))
		}
		cit.Close()
		if holds != nil && !holds(claim) {
			continue
		}
		oit := qs.QuadIterator(quad.Subject, qs.ValueOf(q.Object))
		for oit.Next(ctx) {
			if qs.Quad(oit.Result()).Predicate == quad.IRI(schema.Name) {
				n++
			}
		}
		oit.Close()
	}
	return n
}

// mapOneHop is one hop with evidence on the map index.
func (m *mapIndex) oneHop(subject schema.IRI, rel schema.Relation, asOf graph.Date) int {
	n := 0
	for _, e := range m.out[subject] {
		if e.rel != rel {
			continue
		}
		c := m.claims[e.claim]
		if !asOf.IsZero() && asOf.Before(c.validFrom) {
			continue
		}
		if m.names[e.other] != "" && m.names[c.source] != "" {
			n++
		}
	}
	return n
}

// next walks the benchmark's subjects in a fixed stride, so that runs differ
// in nothing but the code measured.
func next(i *int, n int) int {
	*i += 7919
	return *i % n
}

func BenchmarkOneHop(b *testing.B) {
	ctx := context.Background()
	forStores(b, func(b *testing.B, s benchStore, d *benchData) {
		b.Run("typed", func(b *testing.B) {
			i := 0
			for b.Loop() {
				es, err := d.g.Edges(ctx, schema.Backs, graph.From(benchActor(next(&i, d.n))))
				if err != nil || len(es) != 1 || len(es[0].Evidence) != 1 || es[0].Object.Name == "" {
					b.Fatalf("Edges = %v, %v", es, err)
				}
			}
		})
		b.Run("raw", func(b *testing.B) {
			i, qs := 0, d.g.QuadStore()
			for b.Loop() {
				if rawOneHop(ctx, qs, quad.IRI(benchActor(next(&i, d.n))), quad.IRI(schema.Backs), nil) != 1 {
					b.Fatal("raw one hop found no edge")
				}
			}
		})
		b.Run("map", func(b *testing.B) {
			i := 0
			for b.Loop() {
				if d.m.oneHop(benchActor(next(&i, d.n)), schema.Backs, graph.Date{}) != 1 {
					b.Fatal("map one hop found no edge")
				}
			}
		})
	})
}

func BenchmarkAsOf(b *testing.B) {
	ctx := context.Background()
	at := graph.Year(2010)
	forStores(b, func(b *testing.B, s benchStore, d *benchData) {
		b.Run("typed", func(b *testing.B) {
			i := 0
			for b.Loop() {
				if _, err := d.g.Edges(ctx, schema.Backs, graph.From(benchActor(next(&i, d.n))), graph.AsOf(at)); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("raw", func(b *testing.B) {
			i, qs := 0, d.g.QuadStore()
			holds := func(claim []quad.Quad) bool {
				for _, q := range claim {
					if q.Predicate == quad.IRI(schema.ValidFrom) {
						v, _ := q.Object.(quad.TypedString)
						return string(v.Value) <= "2010"
					}
				}
				return true
			}
			for b.Loop() {
				rawOneHop(ctx, qs, quad.IRI(benchActor(next(&i, d.n))), quad.IRI(schema.Backs), holds)
			}
		})
		b.Run("map", func(b *testing.B) {
			i := 0
			for b.Loop() {
				d.m.oneHop(benchActor(next(&i, d.n)), schema.Backs, at)
			}
		})
	})
}

func chainStart(i *int, n int) int { return next(i, n/chain-1) * chain }

func BenchmarkLineage(b *testing.B) {
	ctx := context.Background()
	forStores(b, func(b *testing.B, s benchStore, d *benchData) {
		b.Run("typed", func(b *testing.B) {
			i := 0
			for b.Loop() {
				steps, err := d.g.Lineage(ctx, benchActor(chainStart(&i, d.n)))
				if err != nil || len(steps) != chain-1 {
					b.Fatalf("Lineage = %d steps, %v", len(steps), err)
				}
			}
		})
		b.Run("raw", func(b *testing.B) {
			i, qs := 0, d.g.QuadStore()
			rel := quad.IRI(schema.FormerlyKnownAs)
			for b.Loop() {
				cur := quad.Value(quad.IRI(benchActor(chainStart(&i, d.n))))
				depth := 0
				for seen := map[quad.Value]bool{}; cur != nil && !seen[cur]; depth++ {
					seen[cur] = true
					var nextV quad.Value
					it := qs.QuadIterator(quad.Subject, qs.ValueOf(cur))
					for it.Next(ctx) {
						if q := qs.Quad(it.Result()); q.Predicate == rel {
							nextV = q.Object
						}
					}
					it.Close()
					cur = nextV
				}
				if depth != chain {
					b.Fatalf("raw lineage visited %d nodes", depth)
				}
			}
		})
		b.Run("map", func(b *testing.B) {
			i := 0
			for b.Loop() {
				cur, depth := benchActor(chainStart(&i, d.n)), 0
				for seen := map[schema.IRI]bool{}; cur != "" && !seen[cur]; depth++ {
					seen[cur] = true
					nextID := schema.IRI("")
					for _, e := range d.m.out[cur] {
						if e.rel == schema.FormerlyKnownAs {
							nextID = e.other
						}
					}
					cur = nextID
				}
				if depth != chain {
					b.Fatalf("map lineage visited %d nodes", depth)
				}
			}
		})
	})
}

func BenchmarkFind(b *testing.B) {
	ctx := context.Background()
	forStores(b, func(b *testing.B, s benchStore, d *benchData) {
		b.Run("typed", func(b *testing.B) {
			i := 0
			for b.Loop() {
				ms, err := graph.Find(schema.ArmedGroup).Where(schema.Backs.From(benchActor(next(&i, d.n)))).All(ctx, d.g)
				if err != nil || len(ms) != 1 {
					b.Fatalf("Find = %v, %v", ms, err)
				}
			}
		})
		b.Run("raw", func(b *testing.B) {
			i, qs := 0, d.g.QuadStore()
			for b.Loop() {
				found := 0
				it := qs.QuadIterator(quad.Subject, qs.ValueOf(quad.IRI(benchActor(next(&i, d.n)))))
				for it.Next(ctx) {
					q := qs.Quad(it.Result())
					if q.Predicate != quad.IRI(schema.Backs) {
						continue
					}
					tit := qs.QuadIterator(quad.Subject, qs.ValueOf(q.Object))
					for tit.Next(ctx) {
						t := qs.Quad(tit.Result())
						if t.Predicate == quad.IRI(schema.Type) && t.Object == quad.IRI(schema.IRI(schema.ArmedGroup)) {
							found++
						}
					}
					tit.Close()
				}
				it.Close()
				if found != 1 {
					b.Fatal("raw find found nothing")
				}
			}
		})
		b.Run("map", func(b *testing.B) {
			i := 0
			for b.Loop() {
				found := 0
				for _, e := range d.m.out[benchActor(next(&i, d.n))] {
					if e.rel == schema.Backs && d.m.kinds[e.other] == schema.ArmedGroup {
						found++
					}
				}
				if found != 1 {
					b.Fatal("map find found nothing")
				}
			}
		})
	})
}

// BenchmarkPath asks for the connection between a group and the group its
// target backs: two hops on backs edges, found by breadth-first search over
// edges in both directions.
func BenchmarkPath(b *testing.B) {
	ctx := context.Background()
	forStores(b, func(b *testing.B, s benchStore, d *benchData) {
		backed := func(id schema.IRI) schema.IRI {
			for _, e := range d.m.out[id] {
				if e.rel == schema.Backs {
					return e.other
				}
			}
			return ""
		}
		ends := func(i *int) (schema.IRI, schema.IRI) {
			a := benchActor(next(i, d.n))
			return a, backed(backed(a))
		}
		b.Run("typed", func(b *testing.B) {
			i := 0
			for b.Loop() {
				a, z := ends(&i)
				steps, err := d.g.Path(ctx, a, z, graph.MaxDepth(3))
				if err != nil || len(steps) > 2 {
					b.Fatalf("Path = %d steps, %v", len(steps), err)
				}
			}
		})
		b.Run("raw", func(b *testing.B) {
			i, qs := 0, d.g.QuadStore()
			for b.Loop() {
				a, z := ends(&i)
				if rawPath(ctx, qs, quad.IRI(a), quad.IRI(z), 3) < 0 {
					b.Fatal("raw path found nothing")
				}
			}
		})
		b.Run("map", func(b *testing.B) {
			i := 0
			for b.Loop() {
				a, z := ends(&i)
				if d.m.path(a, z, 3) < 0 {
					b.Fatal("map path found nothing")
				}
			}
		})
	})
}

// rawPath is a breadth-first search over labelled IRI edges in both
// directions; it returns the length of the path, or -1.
func rawPath(ctx context.Context, qs cgraph.QuadStore, a, z quad.Value, maxDepth int) int {
	if a == z {
		return 0
	}
	seen := map[quad.Value]bool{a: true}
	frontier := []quad.Value{a}
	for depth := 1; depth <= maxDepth; depth++ {
		var nextF []quad.Value
		for _, v := range frontier {
			for _, dir := range []quad.Direction{quad.Subject, quad.Object} {
				it := qs.QuadIterator(dir, qs.ValueOf(v))
				for it.Next(ctx) {
					q := qs.Quad(it.Result())
					if q.Label == nil {
						continue
					}
					other := q.Object
					if dir == quad.Object {
						other = q.Subject
					}
					if _, ok := other.(quad.IRI); !ok || seen[other] {
						continue
					}
					if other == z {
						it.Close()
						return depth
					}
					seen[other] = true
					nextF = append(nextF, other)
				}
				it.Close()
			}
		}
		frontier = nextF
	}
	return -1
}

func (m *mapIndex) path(a, z schema.IRI, maxDepth int) int {
	if a == z {
		return 0
	}
	seen := map[schema.IRI]bool{a: true}
	frontier := []schema.IRI{a}
	for depth := 1; depth <= maxDepth; depth++ {
		var nextF []schema.IRI
		for _, v := range frontier {
			for _, e := range slices.Concat(m.out[v], m.in[v]) {
				if seen[e.other] {
					continue
				}
				if e.other == z {
					return depth
				}
				seen[e.other] = true
				nextF = append(nextF, e.other)
			}
		}
		frontier = nextF
	}
	return -1
}

// BenchmarkSeq asks for every armed group some armed group backs (Q3 of the
// peer benchmark, on the synthetic graph, which has groups only), with All (every
// match, decoded and sorted) and with Seq stopped at the first ten: streaming
// decodes only what the loop reaches.
func BenchmarkSeq(b *testing.B) {
	ctx := context.Background()
	forStores(b, func(b *testing.B, s benchStore, d *benchData) {
		q := graph.Find(schema.ArmedGroup).WhereSome(schema.Backs.From, graph.Find(schema.ArmedGroup))
		b.Run("all", func(b *testing.B) {
			for b.Loop() {
				ms, err := q.All(ctx, d.g)
				if err != nil || len(ms) < 10 {
					b.Fatalf("All = %d matches, %v", len(ms), err)
				}
			}
		})
		b.Run("first10", func(b *testing.B) {
			for b.Loop() {
				n := 0
				for _, err := range q.Seq(ctx, d.g) {
					if err != nil {
						b.Fatal(err)
					}
					if n++; n == 10 {
						break
					}
				}
				if n != 10 {
					b.Fatalf("Seq yielded %d matches", n)
				}
			}
		})
	})
}
