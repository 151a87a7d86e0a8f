package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cayleygraph/quad"
)

// A server the library reads from: the primary, or a hot standby.
type server struct {
	name string // "primary", "replica 2": never its location, which may hold a password
	db   *sql.DB

	mu    sync.Mutex
	stmts map[readKind]*sql.Stmt

	// reads counts the reads this server answered.
	reads atomic.Int64

	// A standby's state. replayed is the highest WAL position it was seen
	// to have replayed (a standby's replay only moves on). staleAt and
	// staleFor record its last check that found it behind the position
	// staleFor, when a read needed it: it is not checked again for that
	// position for staleWait. downUntil is when a standby that failed is
	// tried again, after a wait that doubles with each failure in a row.
	replayed  atomic.Uint64
	staleAt   atomic.Int64
	staleFor  atomic.Uint64
	downUntil atomic.Int64
	failures  atomic.Int32
}

const (
	// staleWait is how long a standby found behind a writer's commit is not
	// asked again for it. Streaming replication on one network replays a
	// commit in about a millisecond.
	staleWait = 2 * time.Millisecond
	// firstRetry and lastRetry bound the wait before a failed standby is
	// tried again.
	firstRetry = 100 * time.Millisecond
	lastRetry  = 5 * time.Second
	// unknownLSN is the position a writer needs when it could not read the
	// primary's after a commit: no standby reaches it, reads go to the
	// primary until the next commit records one.
	unknownLSN = math.MaxUint64
)

func newServer(name string, db *sql.DB) *server {
	return &server{name: name, db: db, stmts: map[readKind]*sql.Stmt{}}
}

// stmt returns the server's prepared statement for the read k: prepared
// statements cost one round trip a read, where a query with parameters costs
// lib/pq two.
func (s *server) stmt(ctx context.Context, k readKind) (*sql.Stmt, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if st, ok := s.stmts[k]; ok {
		return st, nil
	}
	st, err := s.db.PrepareContext(ctx, k.statement())
	if err != nil {
		return nil, err
	}
	s.stmts[k] = st
	return st, nil
}

// query runs the read k on s and hands its rows to use.
func (s *server) query(ctx context.Context, k readKind, args []any, use func([]quadRow, map[hash]quad.Value) error) error {
	st, err := s.stmt(ctx, k)
	if err != nil {
		return err
	}
	rows, err := st.QueryContext(ctx, args...)
	if err != nil {
		return err
	}
	quads, nodes, err := scan(rows)
	if err = errors.Join(err, rows.Close()); err != nil {
		return err
	}
	s.reads.Add(1)
	return use(quads, nodes)
}

func (s *server) close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var err error
	for _, st := range s.stmts {
		err = errors.Join(err, st.Close())
	}
	return errors.Join(err, s.db.Close())
}

// up reports whether a standby may be read at now.
func (s *server) up(now time.Time) bool { return now.UnixNano() >= s.downUntil.Load() }

// failed puts a standby aside after a failure.
func (s *server) failed(now time.Time) {
	n := s.failures.Add(1)
	wait := firstRetry << min(n-1, 10)
	s.downUntil.Store(now.Add(min(wait, lastRetry)).UnixNano())
}

func (s *server) answered() {
	if s.failures.Load() != 0 {
		s.failures.Store(0)
	}
}

// fresh reports whether the standby s has replayed the WAL up to need. It
// asks the standby only when its last known position is behind need, and not
// again within staleWait of finding it behind the same need.
func (s *server) fresh(ctx context.Context, need uint64, now time.Time) (bool, error) {
	if need == 0 || s.replayed.Load() >= need {
		return true, nil
	}
	if need == unknownLSN {
		return false, nil
	}
	if s.staleFor.Load() >= need && now.UnixNano()-s.staleAt.Load() < int64(staleWait) {
		return false, nil
	}
	var pos sql.NullString
	if err := s.db.QueryRowContext(ctx, `SELECT pg_last_wal_replay_lsn()::text`).Scan(&pos); err != nil {
		return false, err
	}
	if !pos.Valid {
		return false, fmt.Errorf("postgres: %s is not a standby (pg_last_wal_replay_lsn() is null): it may have been promoted", s.name)
	}
	lsn, err := parseLSN(pos.String)
	if err != nil {
		return false, err
	}
	for {
		old := s.replayed.Load()
		if lsn <= old || s.replayed.CompareAndSwap(old, lsn) {
			break
		}
	}
	if lsn >= need {
		return true, nil
	}
	s.staleFor.Store(need)
	s.staleAt.Store(now.UnixNano())
	return false, nil
}

// parseLSN reads a pg_lsn's text, "16/B374D848".
func parseLSN(s string) (uint64, error) {
	hi, lo, ok := strings.Cut(s, "/")
	h, err1 := strconv.ParseUint(hi, 16, 32)
	l, err2 := strconv.ParseUint(lo, 16, 32)
	if !ok || err1 != nil || err2 != nil {
		return 0, fmt.Errorf("postgres: a WAL position %q, want two hexadecimal numbers of 32 bits around a slash", s)
	}
	return h<<32 | l, nil
}

// read runs the read k: on a standby that has replayed this store's last
// commit, taken in turn, or else on the primary, after waiting up to
// replayWait for a standby to replay it. A standby that fails is put aside
// for a while and the read is redone elsewhere: reads fail only when the
// primary fails them (or ctx is done).
func (st *store) read(ctx context.Context, k readKind, args []any, use func([]quadRow, map[hash]quad.Value) error) error {
	if n := len(st.standbys); n > 0 {
		need := st.written.Load()
		first := int(st.turn.Add(1) % uint64(n))
		var deadline time.Time
		for {
			now := time.Now()
			waiting := false
			for i := range n {
				s := st.standbys[(first+i)%n]
				if !s.up(now) {
					continue
				}
				ok, err := s.fresh(ctx, need, now)
				if err == nil && ok {
					if err = s.query(ctx, k, args, use); err == nil {
						s.answered()
						return nil
					}
				}
				if cerr := ctx.Err(); cerr != nil {
					return cerr
				}
				if err != nil {
					s.failed(now)
				} else {
					waiting = true
				}
			}
			if deadline.IsZero() {
				deadline = now.Add(st.replayWait)
			}
			if !waiting || need == unknownLSN || !now.Before(deadline) {
				break
			}
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(min(staleWait, deadline.Sub(now))):
			}
		}
	}
	return st.primary.query(ctx, k, args, use)
}

// recordCommit records the primary's WAL position after a commit of this
// store, which a standby must have replayed before it serves this store's
// reads.
func (st *store) recordCommit(ctx context.Context) {
	if len(st.standbys) == 0 {
		return
	}
	var pos string
	err := st.db.QueryRowContext(context.WithoutCancel(ctx), `SELECT pg_current_wal_lsn()::text`).Scan(&pos)
	lsn, perr := parseLSN(pos)
	if err != nil || perr != nil {
		st.written.Store(unknownLSN)
		return
	}
	st.written.Store(lsn)
}
