// Package postgres is the PostgreSQL backend of package graph: cayley's SQL
// store, in cayley's own tables (cayley's tools read the store as it is).
//
//	g, err := graph.Open(ctx, "postgres://user@host/db", graph.WithBackend(postgres.Backend{}))
//
// Locations are URLs ("postgres://..." or "postgresql://...") or key=value
// connection strings after "postgres:" ("postgres:host=db dbname=actors").
// Tables are created on first use.
package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"

	cgraph "github.com/cayleygraph/cayley/graph"
	graphlog "github.com/cayleygraph/cayley/graph/log"
	"github.com/cayleygraph/cayley/graph/sql/postgres" // registers "postgres" with cayley and lib/pq with database/sql

	"github.com/actorgraph/actorgraph/graph/internal/backend"
)

// Backend opens PostgreSQL locations. Its zero value uses database/sql's
// default pool (unlimited open connections, two idle ones); pass it to
// graph.WithBackend.
type Backend struct {
	// MaxOpenConns bounds each pool's open connections (0: no bound).
	MaxOpenConns int
	// MaxIdleConns is the number of idle connections each pool keeps (0:
	// database/sql's default of two). Readers beyond it open a connection per
	// query: at 8 concurrent readers the default halves throughput.
	MaxIdleConns int
}

// Schemes returns "postgres" and "postgresql".
func (Backend) Schemes() []string { return []string{"postgres", "postgresql"} }

// Open opens the store at location, for package graph.
func (b Backend) Open(ctx context.Context, location string, _ backend.Options) (backend.Store, error) {
	dsn, err := dsn(location)
	if err != nil {
		return nil, err
	}
	return b.open(ctx, dsn)
}

// dsn returns the connection string lib/pq takes for a postgres location: the
// URL itself, or what follows "postgres:" in the key=value form.
func dsn(location string) (string, error) {
	if strings.HasPrefix(location, "postgres://") || strings.HasPrefix(location, "postgresql://") {
		return location, nil
	}
	_, rest, _ := strings.Cut(location, ":")
	if strings.TrimSpace(rest) == "" {
		return "", fmt.Errorf("no connection string after %q (want postgres://... or postgres:KEY=VALUE ...): %w", location, backend.ErrBackend)
	}
	return rest, nil
}

// store is cayley's SQL store on PostgreSQL, committed through a connection
// pool of the library's own: cayley's ApplyDeltas takes no context, so the
// library runs the same statements (cayley's exported RunTx) in a transaction
// begun with the commit's context, which database/sql rolls back when the
// context is done.
type store struct {
	db *sql.DB
	qs cgraph.QuadStore
	// beforeCommit, set only by tests, is called once the batch's statements
	// have run and before its transaction commits.
	beforeCommit func()
}

func (b Backend) options() cgraph.Options {
	o := cgraph.Options{}
	if b.MaxOpenConns > 0 {
		o["maxopenconnections"] = b.MaxOpenConns
	}
	if b.MaxIdleConns > 0 {
		o["maxidleconnections"] = b.MaxIdleConns
	}
	return o
}

// open opens cayley's SQL store on PostgreSQL, creating its tables when the
// database has none (checked first, so that cayley does not log a failed
// CREATE for an existing store). Errors may contain the password: package
// graph redacts them.
func (b Backend) open(ctx context.Context, dsn string) (*store, error) {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return nil, err
	}
	if b.MaxOpenConns > 0 {
		db.SetMaxOpenConns(b.MaxOpenConns)
	}
	if b.MaxIdleConns > 0 {
		db.SetMaxIdleConns(b.MaxIdleConns)
	}
	fail := func(err error) (*store, error) {
		return nil, errors.Join(err, db.Close())
	}
	// Ping here, where the error is ours to redact: cayley logs the address
	// with the error of a connection that fails.
	if err := db.PingContext(ctx); err != nil {
		return fail(err)
	}
	var table sql.NullString
	if err := db.QueryRowContext(ctx, `SELECT to_regclass('quads')::text`).Scan(&table); err != nil {
		return fail(err)
	}
	if !table.Valid {
		if err := cgraph.InitQuadStore("postgres", dsn, nil); err != nil && !errors.Is(err, cgraph.ErrDatabaseExists) {
			return fail(err)
		}
	}
	qs, err := cgraph.NewQuadStore("postgres", dsn, b.options())
	if err != nil {
		return fail(err)
	}
	return &store{db: db, qs: qs}, nil
}

func (st *store) QuadStore() cgraph.QuadStore { return st.qs }

// ConcurrentReads is true: PostgreSQL readers see the last committed state.
func (st *store) ConcurrentReads() bool { return true }

// Exclusive is false: other processes may write the database.
func (st *store) Exclusive() bool { return false }

// Damage is nil: PostgreSQL reports its own damage as query errors.
func (st *store) Damage() error { return nil }

// SetTestHook makes fn run before each commit's transaction commits.
func (st *store) SetTestHook(fn func()) { st.beforeCommit = fn }

// Quads returns the number of quads in the store.
func (st *store) Quads(ctx context.Context) (int64, error) {
	s, err := st.qs.Stats(ctx, true)
	return s.Quads.Size, err
}

func (st *store) Close() error { return errors.Join(st.qs.Close(), st.db.Close()) }

// Apply commits deltas. cayley's SQL store caches only what follows from the
// values (their hashes), and counts it drops on its next ApplyDeltas: a failed
// Apply keeps the store.
func (st *store) Apply(ctx context.Context, deltas []cgraph.Delta, publish sync.Locker) error {
	opts := cgraph.IgnoreOpts{IgnoreDup: true, IgnoreMissing: true}
	split := graphlog.SplitDeltas(deltas)
	if len(split.QuadDel) != 0 || len(split.DecNode) != 0 {
		// cayley's statements for removals are not exported: its own
		// ApplyDeltas runs them, atomically but deaf to ctx.
		if publish != nil {
			publish.Lock()
			defer publish.Unlock()
		}
		return st.qs.ApplyDeltas(deltas, opts)
	}
	tx, err := st.db.BeginTx(ctx, nil)
	if err != nil {
		return ctxOr(ctx, err)
	}
	if err := postgres.RunTxPostgres(tx, split.IncNode, split.QuadAdd, opts); err != nil {
		return ctxOr(ctx, errors.Join(err, ignoreDone(tx.Rollback())))
	}
	if st.beforeCommit != nil {
		st.beforeCommit()
	}
	if publish != nil {
		publish.Lock()
		defer publish.Unlock()
	}
	if err := tx.Commit(); err != nil {
		return ctxOr(ctx, err)
	}
	// cayley's store caches its quad count until its own ApplyDeltas runs:
	// an empty one drops the cache.
	return st.qs.ApplyDeltas(nil, opts)
}

// ctxOr returns ctx's error when ctx is done (database/sql then reports the
// rolled-back transaction in words of its own), else err.
func ctxOr(ctx context.Context, err error) error {
	if cerr := ctx.Err(); cerr != nil {
		return cerr
	}
	return err
}

// ignoreDone drops the error of rolling back a transaction database/sql has
// already rolled back.
func ignoreDone(err error) error {
	if errors.Is(err, sql.ErrTxDone) {
		return nil
	}
	return err
}
