package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/leveldb"
	"github.com/actorgraph/actorgraph/schema"
)

// The fixture is gen.py's file at its smallest size, made with
//
//	python3 ../shared/bench/peers/gen.py 1000 42 > testdata/actors-1000.nq
//
// and testdata/oxigraph.json holds what Oxigraph answered on it (the command
// is in the file).
const fixture = "testdata/actors-1000.nq"

// answer is a question's rows and digest, as the harness compares them.
type answer struct {
	Rows int    `json:"rows"`
	Sha  string `json:"sha"`
}

func oxigraphAnswers(t *testing.T) map[string]answer {
	t.Helper()
	b, err := os.ReadFile("testdata/oxigraph.json")
	if err != nil {
		t.Fatal(err)
	}
	var f struct{ Queries map[string]answer }
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	if len(f.Queries) != len(questions) {
		t.Fatalf("testdata/oxigraph.json has %d questions, want %d", len(f.Queries), len(questions))
	}
	return f.Queries
}

// plainAnswers answers the six SPARQL queries over the file's statements
// with plain Go: a regular expression for the lines, maps for the joins. It
// shares no code with the driver but digest.
func plainAnswers(t *testing.T, path string) map[string]answer {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	const ex, ont = "https://example.org/", "https://example.org/ont/"
	const rdfType = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
	line := regexp.MustCompile(`^<([^>]*)> <([^>]*)> (?:<([^>]*)>|"((?:[^"\\]|\\.)*)"\S*) <([^>]*)> \.$`)
	type edge struct{ s, o, g string }
	var backs, fka []edge
	kind := map[string]string{}
	validFrom := map[string]string{}
	var sources []string
	for i, l := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
		m := line.FindStringSubmatch(l)
		if m == nil {
			t.Fatalf("%s:%d: not a statement: %q", path, i+1, l)
		}
		s, p, o, lit, g := m[1], m[2], m[3], m[4], m[5]
		switch p {
		case ont + "backs":
			backs = append(backs, edge{s, o, g})
		case ont + "formerlyKnownAs":
			fka = append(fka, edge{s, o, g})
		case rdfType:
			kind[s] = o
		case ont + "source":
			sources = append(sources, o)
		case ont + "validFrom":
			validFrom[s] = lit
		}
	}
	set := func(xs []string) [][]string {
		slices.Sort(xs)
		xs = slices.Compact(xs)
		rows := make([][]string, len(xs))
		for i, x := range xs {
			rows[i] = []string{x}
		}
		return rows
	}
	var q1, q2, q3, q4, q5 []string
	for _, e := range backs {
		if e.s == ex+"actor/0" {
			q1 = append(q1, e.o)
		}
		if e.o == ex+"actor/1" {
			q2 = append(q2, e.s)
			if validFrom[e.g] != "" && validFrom[e.g] <= "2010-01-01" { // ISO dates sort as they fall
				q5 = append(q5, e.s)
			}
		}
		if kind[e.s] == ont+"State" && kind[e.o] == ont+"ArmedGroup" {
			q3 = append(q3, e.o)
		}
	}
	for frontier, seen := []string{ex + "actor/1"}, map[string]bool{}; len(frontier) > 0; {
		var next []string
		for _, a := range frontier {
			for _, e := range fka {
				if e.s == a && !seen[e.o] {
					seen[e.o] = true
					q4 = append(q4, e.o)
					next = append(next, e.o)
				}
			}
		}
		frontier = next
	}
	perSource := map[string]int{}
	for _, s := range sources {
		perSource[s]++
	}
	var q6 [][]string
	for s, n := range perSource {
		q6 = append(q6, []string{s, strconv.Itoa(n)})
	}
	out := map[string]answer{}
	for name, rows := range map[string][][]string{"Q1": set(q1), "Q2": set(q2), "Q3": set(q3), "Q4": set(q4), "Q5": set(q5), "Q6": q6} {
		var a answer
		a.Rows, a.Sha = digest(rows)
		out[name] = a
	}
	return out
}

func loaded(t *testing.T, location, path string) *graph.Graph {
	t.Helper()
	v, err := Vocabulary()
	if err != nil {
		t.Fatal(err)
	}
	return openFile(t, v, location, path)
}

// openFile loads the gen.py file at path into a new graph at location.
func openFile(t testing.TB, v *schema.Vocabulary, location, path string) *graph.Graph {
	t.Helper()
	ctx := context.Background()
	g, err := graph.Open(ctx, location, graph.WithVocabulary(v), graph.WithBackend(leveldb.Backend{}))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { g.Close() })
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := load(ctx, g, filepath.Base(path), f); err != nil {
		t.Fatal(err)
	}
	return g
}

func TestEveryQuestionAnswersAsOxigraphAndPlainGoDo(t *testing.T) {
	ox := oxigraphAnswers(t)
	plain := plainAnswers(t, fixture)
	for name, want := range ox {
		if plain[name] != want {
			// The two references disagree: the plain evaluator is wrong.
			t.Fatalf("%s: plain Go says %+v, Oxigraph %+v", name, plain[name], want)
		}
	}
	for _, store := range []struct{ name, location string }{
		{"memory", ""},
		{"leveldb", "leveldb:" + filepath.Join(t.TempDir(), "store")},
	} {
		t.Run(store.name, func(t *testing.T) {
			g := loaded(t, store.location, fixture)
			for _, q := range questions {
				rows, err := q.ask(context.Background(), g)
				if err != nil {
					t.Fatalf("%s: %v", q.name, err)
				}
				var got answer
				got.Rows, got.Sha = digest(rows)
				if got != ox[q.name] {
					t.Errorf("%s = %+v, want %+v", q.name, got, ox[q.name])
				}
				if got.Rows != len(rows) {
					t.Errorf("%s: %d rows, %d distinct: the query repeats rows", q.name, len(rows), got.Rows)
				}
			}
		})
	}
}

func TestRunPrintsTheHarnessLine(t *testing.T) {
	for _, store := range []string{"memory", "leveldb"} {
		t.Run(store, func(t *testing.T) {
			cfg, err := configFromEnv(env{"REPS": "3", "WARMUP": "1", "BUDGET_S": "5"}.get)
			if err != nil {
				t.Fatal(err)
			}
			cfg.store, cfg.questions = store, questions
			t.Setenv("TMPDIR", t.TempDir()) // the leveldb store's temporary directory
			var out, log bytes.Buffer
			if err := run(context.Background(), cfg, fixture, &out, &log); err != nil {
				t.Fatal(err)
			}
			var res result
			if err := json.Unmarshal(out.Bytes(), &res); err != nil {
				t.Fatalf("stdout is not one JSON object: %v\n%s", err, out.String())
			}
			wantPeer := map[string]string{"memory": "actorgraph", "leveldb": "actorgraph-leveldb"}[store]
			if res.Peer != wantPeer || res.File != "actors-1000.nq" || res.QuadsLoaded != 1000 || !(res.LoadS > 0) || !(res.QuadsPerS > 0) {
				t.Errorf("result = %+v", res)
			}
			ox := oxigraphAnswers(t)
			for name, want := range ox {
				q, ok := res.Queries[name]
				switch {
				case !ok:
					t.Errorf("%s missing", name)
				case q.Rows != want.Rows || q.Sha != want.Sha:
					t.Errorf("%s = %d rows %s, want %+v", name, q.Rows, q.Sha, want)
				case q.N != 3 || !(q.MinMs > 0) || q.MinMs > q.MedianMs || !(q.FirstMs > 0):
					t.Errorf("%s timing = %+v, want 3 timed runs, 0 < min <= median", name, q)
				}
			}
			if store == "leveldb" {
				left, _ := filepath.Glob(filepath.Join(os.Getenv("TMPDIR"), "actorgraph-peer-*"))
				if len(left) > 0 {
					t.Errorf("the leveldb store's directory is left behind: %v", left)
				}
			}
		})
	}
}

type env map[string]string

func (e env) get(k string) string { return e[k] }

func TestTheTimingProtocolIsReadFromTheEnvironment(t *testing.T) {
	cfg, err := configFromEnv(env{}.get)
	if err != nil || cfg.reps != 100 || cfg.warmup != 5 || cfg.budget.Seconds() != 30 {
		t.Errorf("defaults = %+v, %v; want REPS 100, WARMUP 5, BUDGET_S 30", cfg, err)
	}
	for _, bad := range []env{{"REPS": "0"}, {"REPS": "x"}, {"WARMUP": "-1"}, {"BUDGET_S": "0"}, {"BUDGET_S": "NaN"}, {"BUDGET_S": "ten"}} {
		if _, err := configFromEnv(bad.get); err == nil {
			t.Errorf("%v: no error", bad)
		}
	}
	if _, err := pick("Q1,Q7"); err == nil || !strings.Contains(err.Error(), `"Q7"`) {
		t.Errorf("pick(Q1,Q7) = %v, want an error naming Q7", err)
	}
	if qs, err := pick("Q6,Q1"); err != nil || len(qs) != 2 || qs[0].name != "Q6" {
		t.Errorf("pick(Q6,Q1) = %v, %v", qs, err)
	}
}

// A file that fails anywhere writes nothing, and the error names the file,
// the line and what was wrong.
func TestABadFileWritesNothingAndSaysWhere(t *testing.T) {
	const (
		a0    = "<https://example.org/actor/0>"
		a1    = "<https://example.org/actor/1>"
		c0    = "<https://example.org/claim/0>"
		c1    = "<https://example.org/claim/1>"
		prov  = "<https://example.org/graph/provenance>"
		typ   = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
		name  = "<https://example.org/ont/name>"
		src   = "<https://example.org/ont/source>"
		from  = "<https://example.org/ont/validFrom>"
		backs = "<https://example.org/ont/backs>"
		date  = `"2001-02-03"^^<http://www.w3.org/2001/XMLSchema#date>`
	)
	good := []string{
		a0 + " " + typ + " <https://example.org/ont/State> " + c0 + " .",
		a0 + " " + name + ` "Republic of A"@en ` + c0 + " .",
		a1 + " " + typ + " <https://example.org/ont/ArmedGroup> " + c0 + " .",
		a1 + " " + name + ` "B Brigade" ` + c0 + " .",
		c0 + " " + src + " <https://example.org/source/1> " + prov + " .",
		c0 + " " + from + " " + date + " " + prov + " .",
		a0 + " " + backs + " " + a1 + " " + c1 + " .",
		c1 + " " + src + " <https://example.org/source/1> " + prov + " .",
		c1 + " " + from + " " + date + " " + prov + " .",
	}
	with := func(i int, l string) string {
		ls := slices.Clone(good)
		ls[i] = l
		return strings.Join(ls, "\n") + "\n"
	}
	for _, tc := range []struct {
		name, file, want string
	}{
		{"a line that is not a statement", with(6, a0+" "+backs+" "+a1+" ."), "bad.nq:7:93: expected a graph IRI"},
		{"an unterminated literal", with(1, a0+" "+name+` "Republic `+c0+" ."), `bad.nq:2:103: expected '"' closing the literal`},
		{"a bad escape", with(1, a0+" "+name+` "Rep\q" `+c0+" ."), `bad.nq:2:66: expected one of the escapes`},
		{"a blank node", with(6, "_:b "+backs+" "+a1+" "+c1+" ."), "bad.nq:7:1: expected a subject IRI"},
		{"an unknown predicate", with(6, a0+" <https://example.org/ont/funds> "+a1+" "+c1+" ."), "bad.nq:7: predicate https://example.org/ont/funds is not one of the file's relations"},
		{"a core relation", with(6, a0+" <https://actorgraph.org/ns#backs> "+a1+" "+c1+" ."), "bad.nq:7: predicate https://actorgraph.org/ns#backs is not one of the file's relations"},
		{"an unknown kind", with(2, a1+" "+typ+" <https://example.org/ont/Militia> "+c0+" ."), "bad.nq:3: rdf:type of https://example.org/actor/1: https://example.org/ont/Militia is not one of the file's kinds"},
		{"a fact outside the relation's domain", with(6, a0+" <https://example.org/ont/leads> "+a1+" "+c1+" ."), "bad.nq:7: graph: fact https://example.org/actor/0 ontLeads https://example.org/actor/1: subject Republic of A (https://example.org/actor/0) is [ontState], not Person"},
		{"a validFrom that is no date", with(5, c0+" "+from+` "2001-02-30"^^<http://www.w3.org/2001/XMLSchema#date> `+prov+" ."), `bad.nq:6: ont:validFrom of https://example.org/claim/0: "2001-02-30" is not an xsd:date`},
		{"a claim with no source", strings.Join(slices.Delete(slices.Clone(good), 7, 8), "\n") + "\n", "bad.nq:7: claim https://example.org/claim/1 has no ont:source"},
		{"a name after the claim's provenance", strings.Join(append(slices.Clone(good), a0+" "+name+` "Another" `+c0+" ."), "\n") + "\n", "bad.nq:10: ont:name of https://example.org/actor/0 comes after the provenance of its claim"},
		{"an actor with no name", strings.Join(slices.Delete(slices.Clone(good), 3, 4), "\n") + "\n", "bad.nq:3: https://example.org/actor/1 has no ont:name in claim https://example.org/claim/0"},
		{"a fact naming an actor never typed", with(6, a0+" "+backs+" <https://example.org/actor/9> "+c1+" ."), "bad.nq:7: graph: fact"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v, err := Vocabulary()
			if err != nil {
				t.Fatal(err)
			}
			g, err := graph.Open(context.Background(), "", graph.WithVocabulary(v))
			if err != nil {
				t.Fatal(err)
			}
			defer g.Close()
			_, err = load(context.Background(), g, "bad.nq", strings.NewReader(tc.file))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("load = %v\nwant an error containing %q", err, tc.want)
			}
			if n, err := g.Stats(context.Background()); err != nil || n != 0 {
				t.Errorf("after the failed load the graph holds %d quads (%v), want 0", n, err)
			}
		})
	}
	// And the good file loads.
	g := loadString(t, strings.Join(good, "\n")+"\n")
	es, err := g.Edges(context.Background(), Backs, graph.From("https://example.org/actor/0"))
	if err != nil || len(es) != 1 || es[0].Object.Name != "B Brigade" || es[0].Evidence[0].Source.Name != "source/1" {
		t.Errorf("Edges = %+v, %v", es, err)
	}
}

func loadString(t *testing.T, file string) *graph.Graph {
	t.Helper()
	v, err := Vocabulary()
	if err != nil {
		t.Fatal(err)
	}
	g, err := graph.Open(context.Background(), "", graph.WithVocabulary(v))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { g.Close() })
	if _, err := load(context.Background(), g, "good.nq", strings.NewReader(file)); err != nil {
		t.Fatal(err)
	}
	return g
}

func TestACancelledLoadWritesNothing(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	v, _ := Vocabulary()
	g, err := graph.Open(context.Background(), "", graph.WithVocabulary(v))
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	f, err := os.Open(fixture)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := load(ctx, g, fixture, f); !errors.Is(err, context.Canceled) {
		t.Errorf("load with a cancelled context = %v, want context.Canceled", err)
	}
}

func FuzzParseLine(f *testing.F) {
	b, err := os.ReadFile(fixture)
	if err != nil {
		f.Fatal(err)
	}
	for _, l := range strings.Split(string(b), "\n")[:40] {
		f.Add(l)
	}
	f.Add(`<a> <b> "x\u00e9\U0001F600" <g> .`)
	f.Add(`<a> <b> "x\u12" <g> .`)
	f.Fuzz(func(t *testing.T, line string) {
		st, ok, err := parseLine(line)
		if err != nil {
			var se *syntaxError
			if !errors.As(err, &se) || se.col < 1 || se.col > len(line)+1 {
				t.Fatalf("parseLine(%q): error %v has no column within the line", line, err)
			}
			return
		}
		if ok && (!st.s.iri || !st.p.iri || !st.g.iri) {
			t.Fatalf("parseLine(%q) = %+v: subject, predicate and graph must be IRIs", line, st)
		}
	})
}
