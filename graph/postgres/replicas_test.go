package postgres

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cayleygraph/quad"
)

func nodeIRI(i int) quad.IRI { return quad.IRI(fmt.Sprintf("node%d", i)) }

func written(i int) quad.Quad {
	return quad.Quad{Subject: nodeIRI(i), Predicate: quad.IRI("p"), Object: quad.Int(i), Label: quad.IRI("claim")}
}

// readsOwn reads node i's quads through st and fails unless they are the one
// written(i).
func readsOwn(t *testing.T, st *store, i int) {
	t.Helper()
	got, err := st.Each(context.Background(), quad.Subject, nodeIRI(i), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0] != written(i) {
		t.Fatalf("read right after writing %v: %v", written(i), got)
	}
}

func standbyReads(st *store) int64 {
	var n int64
	for _, s := range st.standbys {
		n += s.reads.Load()
	}
	return n
}

// A graph reads its own writes through the standbys: right after a commit
// from the primary, or from a standby that has replayed it, never stale.
func TestReadYourWrites(t *testing.T) {
	primary, standbys := replicated(t)
	st := open(t, Backend{Replicas: standbys}, primary)
	const n = 300
	for i := range n {
		add(t, st, written(i))
		readsOwn(t, st, i)
		time.Sleep(time.Duration(rand.IntN(3000)) * time.Microsecond)
		readsOwn(t, st, i)
	}
	t.Logf("%d reads after writes: %d from the primary, %d from standbys", 2*n, st.primary.reads.Load(), standbyReads(st))
	// With replay paused on every standby, none can have a new write: the
	// read after it must go to the primary, and see it.
	for _, u := range standbys {
		replay(t, u, "pause")
		defer replay(t, u, "resume")
	}
	before := st.primary.reads.Load()
	add(t, st, written(n))
	readsOwn(t, st, n)
	if st.primary.reads.Load() == before {
		t.Errorf("with replay paused on every standby, a read after a write did not go to the primary")
	}
}

// replay pauses or resumes WAL replay on the standby at url.
func replay(t *testing.T, url, what string) {
	t.Helper()
	db, err := sql.Open("postgres", url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("SELECT pg_wal_replay_" + what + "()"); err != nil {
		t.Fatalf("pg_wal_replay_%s on a standby: %v", what, err)
	}
}

// With ReplayWait, reads after each write wait for a standby and still see
// the write.
func TestReadYourWritesWaiting(t *testing.T) {
	primary, standbys := replicated(t)
	st := open(t, Backend{Replicas: standbys, ReplayWait: 10 * time.Second}, primary)
	const n = 100
	for i := range n {
		add(t, st, written(i))
		readsOwn(t, st, i)
	}
	if p, s := st.primary.reads.Load(), standbyReads(st); p != 0 || s != n {
		t.Errorf("reads from the primary: %d, from standbys: %d; want 0 and %d", p, s, n)
	}
}

// A standby stopped while readers read from it fails no read: its reads are
// redone elsewhere, and once it is back it serves again.
func TestStandbyKilledMidRead(t *testing.T) {
	primary, standbys := replicated(t)
	ctl := os.Getenv("ACTORGRAPH_POSTGRES_REPLICA_CTL")
	if ctl == "" {
		if os.Getenv("ACTORGRAPH_REQUIRE_POSTGRES") == "1" {
			t.Fatal("ACTORGRAPH_REQUIRE_POSTGRES=1 but ACTORGRAPH_POSTGRES_REPLICA_CTL (the ctl of .ci/postgres-replicas.sh) is not set")
		}
		t.Skip("ACTORGRAPH_POSTGRES_REPLICA_CTL is not set")
	}
	run := func(args ...string) {
		if out, err := exec.Command(ctl, args...).CombinedOutput(); err != nil {
			t.Fatalf("%s %v: %v\n%s", ctl, args, err, out)
		}
	}
	st := open(t, Backend{Replicas: standbys, MaxIdleConns: 8}, primary)
	const n = 50
	for i := range n {
		add(t, st, written(i))
	}
	victim := st.standbys[0] // standby1, the first of ACTORGRAPH_POSTGRES_REPLICAS's standbys
	waitFor(t, 30*time.Second, func() bool {
		ok, err := victim.fresh(context.Background(), st.written.Load(), time.Now())
		return err == nil && ok
	})

	var (
		stop          atomic.Bool
		reads, failed atomic.Int64
		firstErr      atomic.Value
		wg            sync.WaitGroup
	)
	for r := range 4 {
		wg.Go(func() {
			for i := r; !stop.Load(); i++ {
				got, err := st.Each(context.Background(), quad.Subject, nodeIRI(i%n), nil)
				reads.Add(1)
				if err != nil || len(got) != 1 || got[0] != written(i%n) {
					failed.Add(1)
					firstErr.CompareAndSwap(nil, fmt.Sprintf("read %v: %v, %v", nodeIRI(i%n), got, err))
				}
			}
		})
	}
	time.Sleep(300 * time.Millisecond)
	before, atStop := victim.reads.Load(), reads.Load()
	run("standby1", "stop")
	stopped := true
	defer func() {
		if stopped {
			run("standby1", "start")
		}
	}()
	time.Sleep(500 * time.Millisecond)
	during := reads.Load() - atStop
	run("standby1", "start")
	stopped = false
	back := victim.reads.Load()
	waitFor(t, 30*time.Second, func() bool { return victim.reads.Load() > back })
	stop.Store(true)
	wg.Wait()
	t.Logf("%d reads, %d by the stopped standby before it stopped, %d while it was down", reads.Load(), before, during)
	if before == 0 {
		t.Errorf("the standby served no read before it was stopped: the test tested nothing")
	}
	if f := failed.Load(); f != 0 {
		t.Errorf("%d of %d reads failed; the first: %v", f, reads.Load(), firstErr.Load())
	}
}
