package graph_test

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/synth"
	"github.com/actorgraph/actorgraph/loader"
	"github.com/actorgraph/actorgraph/schema"
)

// syriaAt is the Syria dataset loaded into the store at location, with a
// duplicate of HTS that has facts of its own (a symmetric one, a state read
// by slot) merged into it, so that the streams read through merges too.
func syriaAt(t *testing.T, location string) *graph.Graph {
	t.Helper()
	g, err := graph.Open(ctx, location, graph.TestBackends)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { g.Close() })
	if _, err := loader.LoadFile(ctx, g, "../examples/syria/syria.yaml"); err != nil {
		t.Fatal(err)
	}
	id := syriaNS.IRI
	dup, c, c2, c3, m := id("hts-again"), id("claims/dup-facts"), id("claims/rival"), id("claims/no-rival"), id("claims/dup-merge")
	mustWrite(t, g, func(tx *graph.Tx) error {
		return errors.Join(
			tx.AddEntity(graph.Entity{ID: dup, Kinds: []schema.Kind{schema.ArmedGroup}, Name: "Tahrir al-Sham (again)"}),
			tx.AddClaim(graph.Claim{ID: c, Source: graph.Entity{ID: id("report")}, Reported: graph.Year(2019), ValidFrom: graph.Year(2019)}),
			tx.AddClaim(graph.Claim{ID: c2, Source: graph.Entity{ID: id("report")}, Reported: graph.Year(2019), ValidFrom: graph.Year(2019)}),
			tx.AddClaim(graph.Claim{ID: c3, Source: graph.Entity{ID: id("cnn")}, Stance: graph.Denied, Reported: graph.Year(2020)}),
			tx.AddClaim(graph.Claim{ID: m, Source: graph.Entity{ID: id("report")}, Reported: graph.Year(2024)}),
			tx.Assert(graph.Fact{Subject: id("islamic-state"), Relation: schema.EnemyOf, Object: dup, Claim: c}),
			// assad sorts before hts, islamic-state after it
			tx.Assert(graph.Fact{Subject: dup, Relation: schema.EnemyOf, Object: id("assad"), Claim: c}),
			tx.Assert(graph.Fact{Subject: dup, Relation: schema.Controls, Object: id("idlib"), Claim: c}),
			// a rival holder of idlib from the same start
			tx.Assert(graph.Fact{Subject: id("islamic-state"), Relation: schema.Controls, Object: id("idlib"), Claim: c2}),
			// and a denial of it: the edge is both denied and a rival's
			tx.Assert(graph.Fact{Subject: id("islamic-state"), Relation: schema.Controls, Object: id("idlib"), Claim: c3}),
			tx.Assert(graph.Fact{Subject: id("turkey"), Relation: schema.Backs, Object: dup, Claim: c}),
			tx.Merge(id("hts"), dup, m),
		)
	})
	return g
}

// collectSeq gathers a stream, failing the test at its error.
func collectSeq[T any](t *testing.T, seq iter.Seq2[T, error]) []T {
	t.Helper()
	var out []T
	for v, err := range seq {
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, v)
	}
	return out
}

// sameMultiset reports whether a and b hold the same values, as many times
// each, in any order.
func sameMultiset[T any](a, b []T) bool {
	key := func(x T) string { return fmt.Sprintf("%+v", x) }
	sa, sb := slices.Clone(a), slices.Clone(b)
	for _, s := range [][]T{sa, sb} {
		slices.SortFunc(s, func(x, y T) int { return strings.Compare(key(x), key(y)) })
	}
	return reflect.DeepEqual(sa, sb)
}

// sameAsSlice checks that, with each of opts, the stream seq yields what the
// slice form all returns, and returns how many results it compared.
func sameAsSlice[O, T any](t *testing.T, call string, opts map[string][]O, all func(...O) ([]T, error), seq func(...O) iter.Seq2[T, error]) int {
	t.Helper()
	n := 0
	for name, o := range opts {
		want, err := all(o...)
		if err != nil {
			t.Fatalf("%s, %s: %v", call, name, err)
		}
		got := collectSeq(t, seq(o...))
		if !sameMultiset(got, want) {
			t.Errorf("%s, %s: the stream yielded %d results, the slice form returned %d:\n seq %v\n all %v", call, name, len(got), len(want), got, want)
		}
		n += len(want)
	}
	return n
}

// The streams yield what the slice forms return, on every backend: EdgesSeq
// and HistorySeq for every relation of the vocabulary, without and with
// anchors and filters; ChangesSeq in valid and report time; StatementsSeq in
// the same order as Statements.
func TestStreamsYieldWhatTheSliceFormsReturn(t *testing.T) {
	id := syriaNS.IRI
	dec7, dec6 := graph.Day(2024, 12, 7), graph.Day(2024, 12, 6)
	edgeOpts := map[string][]graph.EdgeOption{
		"every edge":                 nil,
		"as of dec 7":                {graph.AsOf(dec7)},
		"as of dec 7, with ended":    {graph.AsOf(dec7), graph.WithEnded()},
		"known dec 6, with denied":   {graph.KnownAt(dec6), graph.WithDenied()},
		"from hts":                   {graph.From(id("hts"))},
		"to hts":                     {graph.To(id("hts"))},
		"to aleppo, during 2024":     {graph.To(id("aleppo")), graph.DuringPeriod(graph.Year(2024))},
		"from turkey, by the source": {graph.From(id("turkey")), graph.BySource(id("report"))},
	}
	historyOpts := map[string][]graph.HistoryOption{
		"whole":         nil,
		"as of dec 7":   {graph.AsOf(dec7)},
		"known dec 6":   {graph.KnownAt(dec6)},
		"from hts":      {graph.From(id("hts"))},
		"to aleppo":     {graph.To(id("aleppo"))},
		"to idlib 2024": {graph.To(id("idlib")), graph.DuringPeriod(graph.Year(2024))},
	}
	changeOpts := map[string][]graph.ChangeOption{
		"in the world":        nil,
		"in report time":      {graph.ReportTime()},
		"of hts, report time": {graph.ReportTime(), graph.From(id("hts"))},
		"to aleppo":           {graph.To(id("aleppo"))},
	}
	contestedOpts := map[string][]graph.ContestedOption{
		"all":               nil,
		"from hts":          {graph.From(id("hts"))},
		"to idlib":          {graph.To(id("idlib"))},
		"known at dec 6":    {graph.KnownAt(dec6)},
		"as of 2019":        {graph.AsOf(graph.Year(2019))},
		"from the ministry": {graph.From(id("assad-government"))},
	}
	for _, st := range everyStore(t) {
		t.Run(st.name, func(t *testing.T) {
			g := syriaAt(t, fresh(t, st.location))
			edges, intervals := 0, 0
			for _, def := range g.Vocabulary().Relations() {
				rel := def.Relation
				edges += sameAsSlice(t, "Edges "+string(rel), edgeOpts,
					func(o ...graph.EdgeOption) ([]graph.Edge, error) { return g.Edges(ctx, rel, o...) },
					func(o ...graph.EdgeOption) iter.Seq2[graph.Edge, error] { return g.EdgesSeq(ctx, rel, o...) })
				intervals += sameAsSlice(t, "History "+string(rel), historyOpts,
					func(o ...graph.HistoryOption) ([]graph.Interval, error) { return g.History(ctx, rel, o...) },
					func(o ...graph.HistoryOption) iter.Seq2[graph.Interval, error] { return g.HistorySeq(ctx, rel, o...) })
			}
			contested := sameAsSlice(t, "Contested", contestedOpts,
				func(o ...graph.ContestedOption) ([]graph.Edge, error) { return g.Contested(ctx, o...) },
				func(o ...graph.ContestedOption) iter.Seq2[graph.Edge, error] { return g.ContestedSeq(ctx, o...) })
			from, until := graph.Year(2000), graph.Year(2025)
			changes := sameAsSlice(t, "Changes", changeOpts,
				func(o ...graph.ChangeOption) ([]graph.Change, error) { return g.Changes(ctx, from, until, o...) },
				func(o ...graph.ChangeOption) iter.Seq2[graph.Change, error] {
					return g.ChangesSeq(ctx, from, until, o...)
				})
			var want []graph.Statement
			if err := g.Statements(ctx, func(s graph.Statement) error { want = append(want, s); return nil }); err != nil {
				t.Fatal(err)
			}
			got := collectSeq(t, g.StatementsSeq(ctx))
			if !slices.Equal(got, want) {
				t.Errorf("StatementsSeq yielded %d statements, Statements %d (or in another order)", len(got), len(want))
			}
			// The dataset is small but not empty: the comparisons test something.
			if edges < 100 || intervals < 80 || contested < 4 || changes < 50 || len(want) < 500 {
				t.Errorf("compared %d edges, %d intervals, %d contested edges, %d changes, %d statements: too few", edges, intervals, contested, changes, len(want))
			}
		})
	}
}

// streams are one of each streaming form, over the graph of the test.
func streams(g *graph.Graph, ctx context.Context) map[string]iter.Seq2[any, error] {
	return map[string]iter.Seq2[any, error]{
		"EdgesSeq by slot":   anySeq(g.EdgesSeq(ctx, schema.Controls)),
		"EdgesSeq":           anySeq(g.EdgesSeq(ctx, schema.Backs)),
		"EdgesSeq symmetric": anySeq(g.EdgesSeq(ctx, schema.EnemyOf)),
		"HistorySeq":         anySeq(g.HistorySeq(ctx, schema.Backs)),
		"ContestedSeq":       anySeq(g.ContestedSeq(ctx)),
		"ChangesSeq":         anySeq(g.ChangesSeq(ctx, graph.Year(1990), graph.Year(2030))),
		"StatementsSeq":      anySeq(g.StatementsSeq(ctx)),
	}
}

func anySeq[T any](seq iter.Seq2[T, error]) iter.Seq2[any, error] {
	return func(yield func(any, error) bool) {
		for v, err := range seq {
			if !yield(v, err) {
				return
			}
		}
	}
}

// The synthetic graph of about 30k quads: enough results for several chunks.
func synthGraph(t *testing.T) *graph.Graph {
	t.Helper()
	g, err := graph.Open(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { g.Close() })
	if err := synth.Load(ctx, g, synth.Generate(3000, 1)); err != nil {
		t.Fatal(err)
	}
	return g
}

// On a graph with more results than a chunk, the streams yield what the slice
// forms return, and a loop that stops early stops them: the loop runs as
// many times as it asked and no goroutine is left behind.
func TestStreamsStopEarlyOnALargeGraph(t *testing.T) {
	g := synthGraph(t)
	want, err := g.Edges(ctx, schema.Backs)
	if err != nil {
		t.Fatal(err)
	}
	if len(want) < 2000 {
		t.Fatalf("%d backs edges: want more for the test", len(want))
	}
	if got := collectSeq(t, g.EdgesSeq(ctx, schema.Backs)); !sameMultiset(got, want) {
		t.Errorf("EdgesSeq yielded %d edges, Edges returned %d", len(got), len(want))
	}
	wantH, err := g.History(ctx, schema.FormerlyKnownAs)
	if err != nil {
		t.Fatal(err)
	}
	if got := collectSeq(t, g.HistorySeq(ctx, schema.FormerlyKnownAs)); len(wantH) < 1000 || !sameMultiset(got, wantH) {
		t.Errorf("HistorySeq yielded %d intervals, History returned %d", len(got), len(wantH))
	}
	before := runtime.NumGoroutine()
	for name, seq := range streams(g, ctx) {
		total := 0
		for _, err := range seq {
			if err != nil {
				t.Fatal(err)
			}
			total++
		}
		if total < 300 && name != "EdgesSeq by slot" && name != "EdgesSeq symmetric" && name != "ContestedSeq" {
			t.Errorf("%s yielded %d results: the synthetic graph should have more", name, total)
		}
		for _, stop := range []int{1, 300} { // within the first chunk, and in the second
			n := 0
			for _, err := range seq {
				if err != nil {
					t.Fatal(err)
				}
				if n++; n == stop {
					break
				}
			}
			if n != min(stop, total) {
				t.Errorf("%s: the loop ran %d times, want %d", name, n, min(stop, total))
			}
		}
	}
	// A stream starts no goroutine; give any that a read started time to end.
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Errorf("%d goroutines after the streams stopped, %d before", n, before)
	}
}

// The loop's body may write to the graph: the read lock is not held while a
// result is yielded, so the write does not deadlock, and the stream goes on.
func TestStreamsLetTheLoopWrite(t *testing.T) {
	g := syriaGraph(t)
	for name, seq := range streams(g, ctx) {
		t.Run(name, func(t *testing.T) {
			n := 0
			for _, err := range seq {
				if err != nil {
					t.Fatal(err)
				}
				n++
				e := graph.Entity{ID: syriaNS.IRI(fmt.Sprintf("body-%s-%d", strings.ReplaceAll(name, " ", "-"), n)), Kinds: []schema.Kind{schema.GovernmentBody}, Name: "A body"}
				done := make(chan error, 1)
				go func() { done <- g.Write(ctx, func(tx *graph.Tx) error { return tx.AddEntity(e) }) }()
				select {
				case err := <-done:
					if err != nil {
						t.Fatal(err)
					}
				case <-time.After(10 * time.Second):
					t.Fatal("a write in the loop's body did not finish: the stream holds the lock")
				}
				if n == 3 {
					break
				}
			}
			if n == 0 {
				t.Fatal("the stream yielded nothing")
			}
			if _, err := g.Entity(ctx, syriaNS.IRI(fmt.Sprintf("body-%s-1", strings.ReplaceAll(name, " ", "-")))); err != nil {
				t.Errorf("the entity written in the loop: %v", err)
			}
		})
	}
}

// A cancelled context ends a stream with the context's error, once, before
// the next result; a call that cannot run yields its error once.
func TestStreamsYieldTheirErrorOnce(t *testing.T) {
	g := syriaGraph(t)
	for name, seq := range streams(g, ctx) {
		total := 0
		for range seq {
			total++
		}
		t.Run(name+" cancelled in the loop", func(t *testing.T) {
			if total < 2 {
				t.Skipf("%d results: nothing follows the first", total)
			}
			cctx, cancel := context.WithCancel(ctx)
			defer cancel()
			results, errs := 0, 0
			for _, err := range streams(g, cctx)[name] {
				if err != nil {
					errs++
					if !errors.Is(err, context.Canceled) {
						t.Errorf("err = %v, want context.Canceled", err)
					}
					continue
				}
				results++
				cancel()
			}
			if results != 1 || errs != 1 {
				t.Errorf("yielded %d results and %d errors after a cancel in the first loop, want 1 and 1", results, errs)
			}
		})
		t.Run(name+" cancelled before", func(t *testing.T) {
			cctx, cancel := context.WithCancel(ctx)
			cancel()
			var errs []error
			for _, err := range streams(g, cctx)[name] {
				errs = append(errs, err)
			}
			if len(errs) != 1 || !errors.Is(errs[0], context.Canceled) {
				t.Errorf("yielded %v, want context.Canceled once", errs)
			}
		})
	}
	nobody := syriaNS.IRI("nobody")
	bad := map[string]iter.Seq2[any, error]{
		"EdgesSeq from nobody":   anySeq(g.EdgesSeq(ctx, schema.Backs, graph.From(nobody))),
		"EdgesSeq of no term":    anySeq(g.EdgesSeq(ctx, schema.Relation("https://example.org/no"))),
		"EdgesSeq bad date":      anySeq(g.EdgesSeq(ctx, schema.Backs, graph.AsOf(graph.Day(2024, 13, 1)))),
		"HistorySeq to nobody":   anySeq(g.HistorySeq(ctx, schema.Controls, graph.To(nobody))),
		"HistorySeq of no term":  anySeq(g.HistorySeq(ctx, schema.Relation("https://example.org/no"))),
		"ChangesSeq empty":       anySeq(g.ChangesSeq(ctx, graph.Year(2020), graph.Year(2019))),
		"ChangesSeq from nobody": anySeq(g.ChangesSeq(ctx, graph.Year(2019), graph.Year(2020), graph.From(nobody))),
		"ContestedSeq to nobody": anySeq(g.ContestedSeq(ctx, graph.To(nobody))),
	}
	for name, seq := range bad {
		var errs []error
		for _, err := range seq {
			errs = append(errs, err)
		}
		if len(errs) != 1 || !(errors.Is(errs[0], graph.ErrNotFound) || errors.Is(errs[0], graph.ErrUnknownTerm) || errors.Is(errs[0], graph.ErrInvalid)) {
			t.Errorf("%s yielded %v, want one ErrNotFound, ErrUnknownTerm or ErrInvalid", name, errs)
		}
	}
}

// A write in the loop's body that removes a fact the stream has listed but
// not yet reached takes it out of the rest of the stream: each chunk is read
// afresh. Writes across several chunks do not end the stream.
func TestStreamsReadEachChunkAfresh(t *testing.T) {
	g := synthGraph(t)
	want, err := g.Edges(ctx, schema.Backs)
	if err != nil {
		t.Fatal(err)
	}
	last := want[len(want)-1] // sorted by name: Group 999 backs someone
	n, seen := 0, false
	for e, err := range g.EdgesSeq(ctx, schema.Backs) {
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			if e.Subject.ID == last.Subject.ID {
				t.Fatal("the stream starts with the edge the test removes")
			}
			mustWrite(t, g, func(tx *graph.Tx) error { return tx.RemoveClaim(last.Evidence[0].ID) })
		}
		seen = seen || e.Subject.ID == last.Subject.ID
		if n++; n%100 == 0 {
			body := graph.Entity{ID: syriaNS.IRI(fmt.Sprintf("body-%d", n)), Kinds: []schema.Kind{schema.GovernmentBody}, Name: "A body"}
			mustWrite(t, g, func(tx *graph.Tx) error { return tx.AddEntity(body) })
		}
	}
	if seen || n != len(want)-1 {
		t.Errorf("yielded %d edges (the removed one: %t); want the %d others", n, seen, len(want)-1)
	}
}

// A stream takes the options its slice form takes, and no other: for every
// option, the two compile or fail to compile together.
func TestStreamsTakeTheOptionsOfTheirSliceForms(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	options := []string{"graph.From(id)", "graph.To(id)", "graph.AsOf(d)", "graph.KnownAt(d)", "graph.BySource(id)",
		"graph.WithDenied()", "graph.WithEnded()", "graph.ReportTime()", "graph.MaxDepth(2)", "graph.Through(schema.Backs)"}
	calls := []struct{ slice, seq string }{
		{"_, _ = g.Edges(ctx, schema.Backs, %s)", "_ = g.EdgesSeq(ctx, schema.Backs, %s)"},
		{"_, _ = g.History(ctx, schema.Backs, %s)", "_ = g.HistorySeq(ctx, schema.Backs, %s)"},
		{"_, _ = g.Changes(ctx, d, d, %s)", "_ = g.ChangesSeq(ctx, d, d, %s)"},
		{"_, _ = g.Contested(ctx, %s)", "_ = g.ContestedSeq(ctx, %s)"},
	}
	// One program, a call a line: go list and the type check run once.
	var lines []string
	for _, c := range calls {
		for _, o := range options {
			lines = append(lines, fmt.Sprintf(c.slice, o), fmt.Sprintf(c.seq, o))
		}
	}
	lines = append(lines, "_ = g.StatementsSeq(ctx)")
	failed := map[int]bool{} // by line of the body, from 0
	for _, e := range typeCheck(t, strings.Join(lines, "\n")) {
		var line, col int
		if _, err := fmt.Sscanf(e, "p.go:%d:%d:", &line, &col); err != nil {
			t.Fatalf("type error %q: no position", e)
		}
		failed[line-8] = true // the body starts on the program's 8th line
	}
	compiled, refused := 0, 0
	for i := 0; i+1 < len(lines); i += 2 {
		if failed[i] != failed[i+1] {
			t.Errorf("%s compiles: %t; %s compiles: %t", lines[i], !failed[i], lines[i+1], !failed[i+1])
		}
		if failed[i+1] {
			refused++
		} else {
			compiled++
		}
	}
	if failed[len(lines)-1] {
		t.Errorf("%s does not compile", lines[len(lines)-1])
	}
	if compiled == 0 || refused == 0 {
		t.Errorf("%d calls compiled and %d were refused: the options test nothing", compiled, refused)
	}
}
