// Command loadmem loads an N-Quads file into a new graph and reports how long
// it took and the most memory the load needed: the peak resident set
// (VmHWM, Linux) and the peak heap in use, sampled while the load runs. It is
// how the 1M-claim load's memory is measured:
//
//	go run ./examples/synth -quads 11000000 > /tmp/big.nq
//	go run ./internal/loadmem -store memory /tmp/big.nq
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"sync"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/bolt"
	"github.com/actorgraph/actorgraph/graph/leveldb"
	"github.com/actorgraph/actorgraph/graph/postgres"
	"github.com/actorgraph/actorgraph/loader"
)

func main() {
	store := flag.String("store", "memory", "memory, or leveldb (in a new temporary directory)")
	heapProfile := flag.String("heapprofile", "", "write a heap profile taken at the peak heap sample to this file")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: loadmem [-store memory|leveldb] file.nq")
		os.Exit(2)
	}
	if err := run(context.Background(), *store, flag.Arg(0), *heapProfile); err != nil {
		fmt.Fprintln(os.Stderr, "loadmem:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, store, path, heapProfile string) error {
	loc := ""
	if store == "leveldb" {
		dir, err := os.MkdirTemp("", "loadmem-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		loc = "leveldb:" + filepath.Join(dir, "store")
	} else if store != "memory" {
		return fmt.Errorf("-store %q: want memory or leveldb", store)
	}
	g, err := graph.Open(ctx, loc, graph.WithBackend(leveldb.Backend{}, bolt.Backend{}, postgres.Backend{}))
	if err != nil {
		return err
	}
	defer g.Close()
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()

	// Sample the heap while the load runs; keep the highest.
	var (
		mu       sync.Mutex
		peakHeap uint64
		stop     = make(chan struct{})
		wg       sync.WaitGroup
	)
	wg.Go(func() {
		t := time.NewTicker(100 * time.Millisecond)
		defer t.Stop()
		for {
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			mu.Lock()
			if ms.HeapInuse > peakHeap {
				peakHeap = ms.HeapInuse
				if heapProfile != "" && ms.HeapInuse > 1<<28 {
					if out, err := os.Create(heapProfile); err == nil {
						pprof.WriteHeapProfile(out)
						out.Close()
					}
				}
			}
			mu.Unlock()
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	})
	start := time.Now()
	st, err := loader.LoadNQuads(ctx, g, filepath.Base(path), bufio.NewReaderSize(f, 1<<20))
	elapsed := time.Since(start)
	close(stop)
	wg.Wait()
	if err != nil {
		return err
	}
	quads, err := g.Stats(ctx)
	if err != nil {
		return err
	}
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	fmt.Printf("store=%s entities=%d claims=%d facts=%d quads=%d time=%.1fs peak_heap_inuse=%dMB heap_after_gc=%dMB vmhwm=%s\n",
		store, st.Entities, st.Claims, st.Facts, quads, elapsed.Seconds(), peakHeap>>20, ms.HeapAlloc>>20, vmHWM())
	return nil
}

// vmHWM returns the process's peak resident set as /proc reports it.
func vmHWM() string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "unknown"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			return strings.Join(strings.Fields(v), "")
		}
	}
	return "unknown"
}
