package graph

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"

	"github.com/cayleygraph/quad"

	cgraph "github.com/cayleygraph/cayley/graph"
	_ "github.com/cayleygraph/cayley/graph/kv/bolt"    // registers "bolt", for QuadStores() users
	_ "github.com/cayleygraph/cayley/graph/kv/leveldb" // registers "leveldb", likewise
	graphlog "github.com/cayleygraph/cayley/graph/log"
	"github.com/cayleygraph/cayley/graph/sql/postgres" // registers "postgres"
)

// durableStore is what a persistent backend adds to cayley's QuadStore: a
// commit that honours its context and leaves the store holding the batch whole
// or not at all, and a record of damage found by reads.
type durableStore interface {
	// apply writes deltas to qs in one transaction, abandoned and rolled back
	// when ctx is done (the error is then ctx.Err()). publish, when not nil, is
	// held exclusively only while the transaction commits; nil means the
	// caller already holds the store exclusively.
	apply(ctx context.Context, qs cgraph.QuadStore, deltas []cgraph.Delta, publish sync.Locker) error
	// concurrentReads reports whether readers may read during apply.
	concurrentReads() bool
	// fresh returns the QuadStore to use after a failed apply, or nil to
	// keep the one there is.
	fresh() (cgraph.QuadStore, error)
	// damage returns an error wrapping ErrCorrupt once a read has found the
	// store damaged, and nil until then.
	damage() error
	// close releases what the store holds besides qs.
	close() error
}

func (st *kvStore) damage() error { return st.db.damage() }

// close has nothing to do: closing cayley's QuadStore closes the database.
func (st *kvStore) close() error { return nil }

// commitDurable is the commit step of Write on a persistent backend. On
// leveldb and PostgreSQL readers go on reading the last committed state while
// the batch is applied, and wait only while its transaction commits; on bolt
// the whole commit is exclusive.
//
// A batch that removes quads is applied with readers held off: a reader could
// put a removed value back into cayley's value cache while the removal runs.
func (g *Graph) commitDurable(ctx context.Context, removals, adds []quad.Quad) error {
	if g.closed { // Close waits for writeMu, which Write holds
		return ErrClosed
	}
	if len(removals)+len(adds) == 0 {
		return nil
	}
	where := fmt.Sprintf("graph: applying batch of %d additions and %d removals", len(adds), len(removals))
	if err := g.store.damage(); err != nil {
		return fmt.Errorf("%s: %w", where, err)
	}
	var publish sync.Locker = &g.mu
	if !g.store.concurrentReads() || len(removals) > 0 {
		g.mu.Lock()
		defer g.mu.Unlock()
		publish = nil
	}
	// Only Write, which holds writeMu, replaces g.qs: it needs no lock to read.
	err := g.store.apply(ctx, g.qs, g.vocabularyDeltas(deltas(removals, adds)), publish)
	if err == nil {
		return nil
	}
	qs, ferr := g.store.fresh()
	if qs != nil {
		if publish != nil {
			publish.Lock()
			defer publish.Unlock()
		}
		g.qs = qs
	}
	return fmt.Errorf("%s: %w", where, errors.Join(err, ferr))
}

// pgStore is cayley's SQL store on PostgreSQL, committed through a connection
// pool of the library's own: cayley's ApplyDeltas takes no context, so the
// library runs the same statements (cayley's exported RunTx) in a transaction
// begun with the commit's context, which database/sql rolls back when the
// context is done.
type pgStore struct {
	db *sql.DB
	// beforeCommit, set only by tests, is called once the batch's statements
	// have run and before its transaction commits.
	beforeCommit func()
}

// openPostgres opens cayley's SQL store on PostgreSQL, creating its tables when
// the database has none (checked first, so that cayley does not log a failed
// CREATE for an existing store). Errors may contain the password: Open
// redacts them.
func openPostgres(ctx context.Context, location string) (*pgStore, cgraph.QuadStore, error) {
	dsn, err := postgresDSN(location)
	if err != nil {
		return nil, nil, err
	}
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return nil, nil, err
	}
	fail := func(err error) (*pgStore, cgraph.QuadStore, error) {
		return nil, nil, errors.Join(err, db.Close())
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
	qs, err := cgraph.NewQuadStore("postgres", dsn, nil)
	if err != nil {
		return fail(err)
	}
	return &pgStore{db: db}, qs, nil
}

// concurrentReads is true: PostgreSQL readers see the last committed state.
func (st *pgStore) concurrentReads() bool { return true }

// damage is nil: PostgreSQL reports its own damage as query errors.
func (st *pgStore) damage() error { return nil }

// fresh keeps the store: cayley's SQL store caches only what follows from the
// values (their hashes), and counts it drops on its next ApplyDeltas.
func (st *pgStore) fresh() (cgraph.QuadStore, error) { return nil, nil }

func (st *pgStore) close() error { return st.db.Close() }

func (st *pgStore) apply(ctx context.Context, qs cgraph.QuadStore, deltas []cgraph.Delta, publish sync.Locker) error {
	opts := cgraph.IgnoreOpts{IgnoreDup: true, IgnoreMissing: true}
	split := graphlog.SplitDeltas(deltas)
	if len(split.QuadDel) != 0 || len(split.DecNode) != 0 {
		// cayley's statements for removals are not exported: its own
		// ApplyDeltas runs them, atomically but deaf to ctx.
		if publish != nil {
			publish.Lock()
			defer publish.Unlock()
		}
		return qs.ApplyDeltas(deltas, opts)
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
	return qs.ApplyDeltas(nil, opts)
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
