// Command peer is actorgraph's driver for the peer benchmark
// (../shared/bench/peers): it loads the benchmark's N-Quads file through the
// library's public API, answers the six questions each as one typed query, and
// prints one JSON line, as the harness's other peers (Oxigraph, Virtuoso)
// do:
//
//	go build -o /tmp/peers/ag-peer ./internal/peer
//	/tmp/peers/ag-peer -store memory /tmp/peers/data/actors-100000.nq
//	ACTORGRAPH_PEER=/tmp/peers/ag-peer python3 run_all.py --peers oxigraph,virtuoso,actorgraph,actorgraph-leveldb
//
// The file's terms are read as an extension vocabulary with the file's own
// IRIs (vocab.go); the mapping of its named graphs onto claims is in load.go.
// Each question is timed as the harness's protocol says (bench_common.js):
// one untimed run that computes the result's digest, then up to WARMUP
// untimed runs, then up to REPS timed runs within BUDGET_S seconds.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/leveldb"
)

func main() {
	store := flag.String("store", "memory", "memory, or leveldb (in a new temporary directory, removed at exit)")
	only := flag.String("questions", "", "comma-separated questions to ask (Q1..Q6); all when empty")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile of the questions (not the load) to this file")
	loadProfile := flag.String("loadprofile", "", "write a CPU profile of the load (not the questions) to this file")
	memProfile := flag.String("memprofile", "", "write an allocation profile, taken after the questions (the load's allocations are in it too), to this file")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: peer [-store memory|leveldb] [-questions Q1,Q6] [-loadprofile F] [-cpuprofile F] [-memprofile F] FILE.nq")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	cfg, err := configFromEnv(os.Getenv)
	if err == nil {
		cfg.store, cfg.cpuProfile, cfg.memProfile, cfg.loadProfile = *store, *cpuProfile, *memProfile, *loadProfile
		cfg.questions, err = pick(*only)
	}
	if err == nil {
		err = run(context.Background(), cfg, flag.Arg(0), os.Stdout, os.Stderr)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "peer:", err)
		os.Exit(1)
	}
}

// config is what a run does: the store, the questions, the timing protocol's
// bounds and the profiles to write.
type config struct {
	store                  string
	questions              []question
	reps, warmup           int
	budget                 time.Duration
	cpuProfile, memProfile string
	loadProfile            string
}

// configFromEnv reads REPS, WARMUP and BUDGET_S as the harness passes them,
// with its defaults.
func configFromEnv(getenv func(string) string) (config, error) {
	c := config{reps: 100, warmup: 5, budget: 30 * time.Second}
	for _, v := range []struct {
		name string
		dst  *int
	}{{"REPS", &c.reps}, {"WARMUP", &c.warmup}} {
		if s := getenv(v.name); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil || n < 0 || (v.name == "REPS" && n < 1) {
				return config{}, fmt.Errorf("environment %s=%q: want a whole number (at least 1 for REPS)", v.name, s)
			}
			*v.dst = n
		}
	}
	if s := getenv("BUDGET_S"); s != "" {
		f, err := strconv.ParseFloat(s, 64)
		if err != nil || !(f > 0) || f > 1e6 {
			return config{}, fmt.Errorf("environment BUDGET_S=%q: want a positive number of seconds", s)
		}
		c.budget = time.Duration(f * float64(time.Second))
	}
	return c, nil
}

// pick returns the questions named in list ("Q1,Q6"), all when list is empty.
func pick(list string) ([]question, error) {
	if list == "" {
		return questions, nil
	}
	var out []question
	for name := range strings.SplitSeq(list, ",") {
		i := slices.IndexFunc(questions, func(q question) bool { return q.name == name })
		if i < 0 {
			return nil, fmt.Errorf("-questions: %q is not one of Q1..Q6", name)
		}
		out = append(out, questions[i])
	}
	return out, nil
}

// result is the JSON line the harness reads (its field names are the harness's).
type result struct {
	Peer        string            `json:"peer"`
	Version     string            `json:"version"`
	File        string            `json:"file"`
	QuadsLoaded int               `json:"quads_loaded"`
	LoadS       float64           `json:"load_s"`
	QuadsPerS   float64           `json:"quads_per_s"`
	Queries     map[string]timing `json:"queries"`
}

type timing struct {
	MedianMs float64 `json:"median_ms"`
	MinMs    float64 `json:"min_ms"`
	FirstMs  float64 `json:"first_ms"`
	N        int     `json:"n"`
	Rows     int     `json:"rows"`
	Sha      string  `json:"sha"`
}

func run(ctx context.Context, cfg config, path string, stdout, stderr io.Writer) (err error) {
	var loc, peer string
	switch cfg.store {
	case "memory":
		peer = "actorgraph"
	case "leveldb":
		peer = "actorgraph-leveldb"
		dir, err := os.MkdirTemp("", "actorgraph-peer-")
		if err != nil {
			return err
		}
		defer func() { err = errors.Join(err, os.RemoveAll(dir)) }()
		loc = "leveldb:" + filepath.Join(dir, "store")
	default:
		return fmt.Errorf("-store %q: want memory or leveldb", cfg.store)
	}
	v, err := Vocabulary()
	if err != nil {
		return err
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()

	stopLoadProfile, err := startCPUProfile(cfg.loadProfile)
	if err != nil {
		return err
	}
	defer stopLoadProfile()
	t0 := time.Now()
	g, err := graph.Open(ctx, loc, graph.WithVocabulary(v), graph.WithBackend(leveldb.Backend{}))
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, g.Close()) }()
	n, err := load(ctx, g, filepath.Base(path), f)
	if err != nil {
		return err
	}
	loadS := time.Since(t0).Seconds()
	fmt.Fprintf(stderr, "loaded %d quads in %.2f s\n", n, loadS)
	if err := stopLoadProfile(); err != nil {
		return err
	}

	stopProfile, err := startCPUProfile(cfg.cpuProfile)
	if err != nil {
		return err
	}
	defer stopProfile()
	res := result{Peer: peer, Version: version(), File: filepath.Base(path), QuadsLoaded: n,
		LoadS: loadS, QuadsPerS: float64(n) / loadS, Queries: map[string]timing{}}
	for _, q := range cfg.questions {
		t, err := cfg.time(ctx, g, q)
		if err != nil {
			return fmt.Errorf("%s: %w", q.name, err)
		}
		fmt.Fprintf(stderr, "  %s: median %.3f ms n=%d rows=%d\n", q.name, t.MedianMs, t.N, t.Rows)
		res.Queries[q.name] = t
	}
	if cfg.memProfile != "" {
		pf, err := os.Create(cfg.memProfile)
		if err != nil {
			return err
		}
		defer pf.Close()
		if err := pprof.Lookup("allocs").WriteTo(pf, 0); err != nil {
			return err
		}
	}
	return json.NewEncoder(stdout).Encode(res)
}

// startCPUProfile starts a CPU profile written to path, none when path is
// empty, and returns the function that stops it and closes its file; a second
// call of that function does nothing.
func startCPUProfile(path string) (stop func() error, err error) {
	if path == "" {
		return func() error { return nil }, nil
	}
	pf, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(pf); err != nil {
		pf.Close()
		return nil, err
	}
	var (
		once     sync.Once
		closeErr error
	)
	return func() error {
		once.Do(func() {
			pprof.StopCPUProfile()
			closeErr = pf.Close()
		})
		return closeErr
	}, nil
}

// slow is the time of a first run past which one timed run is enough
// (bench_common.js's SLOW_S).
const slow = 10 * time.Second

// time runs q as the harness's protocol says and returns its timing and digest.
func (cfg config) time(ctx context.Context, g *graph.Graph, q question) (timing, error) {
	start := time.Now()
	rows, err := q.ask(ctx, g)
	first := time.Since(start)
	if err != nil {
		return timing{}, err
	}
	var t timing
	t.Rows, t.Sha = digest(rows)
	t.FirstMs = ms(first)
	w0 := time.Now()
	for warm := 1; warm < cfg.warmup && first < cfg.budget/4 && time.Since(w0) < cfg.budget/4; warm++ {
		if _, err := q.ask(ctx, g); err != nil {
			return timing{}, err
		}
	}
	minReps := 3
	if first > slow {
		minReps = 1
	}
	var times []float64
	t0 := time.Now()
	for len(times) < cfg.reps {
		a := time.Now()
		if _, err := q.ask(ctx, g); err != nil {
			return timing{}, err
		}
		times = append(times, ms(time.Since(a)))
		if len(times) >= minReps && time.Since(t0) > cfg.budget {
			break
		}
	}
	t.N = len(times)
	t.MedianMs, t.MinMs = median(times), slices.Min(times)
	return t, nil
}

func ms(d time.Duration) float64 { return float64(d.Nanoseconds()) / 1e6 }

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// version names the build: the module's version, or its VCS revision.
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	for _, s := range bi.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			return "git " + s.Value[:12]
		}
	}
	return bi.Main.Version
}
