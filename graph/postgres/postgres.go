// Package postgres is the PostgreSQL backend of package graph: cayley's SQL
// store, in cayley's own tables (cayley's tools read the store as it is).
//
//	g, err := graph.Open(ctx, "postgres://user@host/db", graph.WithBackend(postgres.Backend{}))
//
// Locations are URLs ("postgres://..." or "postgresql://...") or key=value
// connection strings after "postgres:" ("postgres:host=db dbname=actors").
// Tables are created on first use.
//
// # Reads
//
// The graph reads through SQL of the library's own over cayley's tables: one
// statement a lookup returns a node's quads with their values, and one a hop
// of Edges returns the hop's quads, its claims' and far ends' quads, and the
// quads of the claims' sources. cayley's iterators, which [graph.Graph.Raw]
// hands out, read each value apart. A read names the predicates the store has
// read before by their hashes alone (a graph has few, and every hop returns
// several), and takes their values from memory. [graph.Tx.Prefetch] reads the
// IDs a write batch names in a statement a few thousand, where the batch's
// writes would otherwise read each on its own.
//
// # Writes
//
// A batch of additions is one transaction of multi-row INSERTs into cayley's
// tables, as cayley's own writes would leave them. Its speed is the server's:
// each quad updates the seven indexes of cayley's quads table and passes four
// foreign-key checks (not deferrable: cayley declares them plainly).
//
// # Replicas
//
// With [Backend.Replicas], reads are spread over hot standbys of the primary
// (PostgreSQL streaming replication), taken in turn; writes go to the primary.
// A graph reads its own writes: after each commit it records the primary's WAL
// position (pg_current_wal_lsn()), and reads from a standby only once the
// standby has replayed up to it (pg_last_wal_replay_lsn(), asked only when the
// position last seen is behind), else from the primary. It does not wait for
// a standby. A standby that fails a read (refused, killed mid-read, or
// cancelled by replay) is put aside for a while (0.1 s, doubling up to 5 s
// while it keeps failing) and the read is redone on the next standby or the
// primary: reads fail only when the primary fails them. Writes of other
// processes reach a standby when it has replayed them, as PostgreSQL's
// asynchronous replication does.
package postgres

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	graphlog "github.com/cayleygraph/cayley/graph/log"
	_ "github.com/cayleygraph/cayley/graph/sql/postgres" // registers "postgres" with cayley and lib/pq with database/sql
	"github.com/lib/pq"

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
	// Replicas are the locations of hot standbys of the primary, in the
	// forms Open takes ("postgres://..." or "postgres:KEY=VALUE ..."): reads
	// are spread over them (see the package doc). Each has a pool of its own
	// with the settings above. A standby that cannot be reached at Open does
	// not fail it: it is tried again later.
	Replicas []string
	// ReplayWait is how long a read waits for a standby to replay this
	// graph's last commit before it reads from the primary (0: it does not
	// wait). Waiting keeps reads off the primary right after each write, at
	// the cost of the standbys' replication lag on those reads.
	ReplayWait time.Duration
}

// Schemes returns "postgres" and "postgresql".
func (Backend) Schemes() []string { return []string{"postgres", "postgresql"} }

// Open opens the store at location, for package graph.
func (b Backend) Open(ctx context.Context, location string, _ backend.Options) (backend.Store, error) {
	primary, err := dsn(location)
	if err != nil {
		return nil, err
	}
	replicas := make([]string, len(b.Replicas))
	for i, r := range b.Replicas {
		if scheme, _, _ := strings.Cut(r, ":"); !slices.Contains(b.Schemes(), scheme) {
			err = fmt.Errorf("want a location postgres://... or postgres:KEY=VALUE ...: %w", backend.ErrBackend)
		} else if replicas[i], err = dsn(r); err == nil {
			_, err = pq.NewConnector(replicas[i]) // parses it
		}
		if err != nil {
			return nil, fmt.Errorf("postgres.Backend.Replicas[%d]: %w", i, err)
		}
	}
	return b.open(ctx, primary, replicas)
}

// Locations returns the replicas' locations, whose passwords package graph
// takes out of errors as it does the primary's.
func (b Backend) Locations() []string { return b.Replicas }

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
// library writes the rows cayley writes (see insert) in a transaction begun
// with the commit's context, which database/sql rolls back when the context is
// done. Reads go through the library's statements (see read.go), on the
// primary or the standbys.
type store struct {
	db *sql.DB
	qs cgraph.QuadStore
	// primary reads through db; standbys are the replicas.
	primary  *server
	standbys []*server
	turn     atomic.Uint64 // the standby to try first, round robin
	known    knownValues   // values the reads need not ask for (see read.go)
	// written is the primary's WAL position after this store's last commit
	// (at Open, before any): what a standby must have replayed to serve it.
	written    atomic.Uint64
	replayWait time.Duration
	// beforeCommit, set only by tests, is called once the batch's statements
	// have run and before its transaction commits.
	beforeCommit func()
	// unanalyzed is the number of quads this store has added since it last
	// had PostgreSQL analyze cayley's tables (see analyzeAfterLoad).
	unanalyzed int
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
func (b Backend) open(ctx context.Context, dsn string, replicas []string) (*store, error) {
	db, err := b.pool(dsn)
	if err != nil {
		return nil, err
	}
	st := &store{db: db, primary: newServer("primary", db), replayWait: b.ReplayWait}
	for i, r := range replicas {
		rdb, err := b.pool(r)
		if err != nil {
			return nil, errors.Join(fmt.Errorf("postgres.Backend.Replicas[%d]: %w", i, err), st.closeServers())
		}
		st.standbys = append(st.standbys, newServer(fmt.Sprintf("replica %d", i+1), rdb))
	}
	fail := func(err error) (*store, error) {
		return nil, errors.Join(err, st.closeServers())
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
	st.qs = qs
	st.recordCommit(ctx) // reads see at least what the store held at Open
	return st, nil
}

// pool opens a connection pool with the backend's settings. Its connections
// send the library's parameters with lib/pq's binary_parameters: a hash goes
// as its 20 bytes, and a statement not prepared is parsed, bound and run in
// one round trip instead of two. (Without it, lib/pq v1.1.1 cannot read a
// server_version such as "15.18 (Debian 15.18-0+deb12u1)" and escapes every
// byte of every hash in octal through fmt.Sprintf: a fifth of a load's CPU.)
// cayley's own pool is left as cayley opens it.
func (b Backend) pool(dsn string) (*sql.DB, error) {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		kv, err := pq.ParseURL(dsn)
		if err != nil {
			return nil, err
		}
		dsn = kv
	}
	c, err := pq.NewConnector(dsn + " binary_parameters=yes")
	if err != nil {
		return nil, err
	}
	db := sql.OpenDB(genericPlans{c})
	if b.MaxOpenConns > 0 {
		db.SetMaxOpenConns(b.MaxOpenConns)
	}
	if b.MaxIdleConns > 0 {
		db.SetMaxIdleConns(b.MaxIdleConns)
	}
	return db, nil
}

// genericPlans connects as lib/pq does, and has PostgreSQL plan the
// library's prepared reads once a connection (plan_cache_mode, PostgreSQL 12
// and later; on older servers the SET fails and is ignored). Left to choose, PostgreSQL plans each
// execution anew, as the custom plans of a hop's statement look cheaper than
// its generic plan: 2.9 ms a hop against 0.76 ms with the generic plan.
type genericPlans struct{ *pq.Connector }

// connectionSettings are set on each of the library's connections; one a
// server does not know is left as it is.
//
// enable_seqscan = off keeps a generic plan made from stale statistics off
// whole scans of cayley's tables: every statement of the library looks rows
// up by an index, and a plan made from the statistics of a table that has
// grown since its last ANALYZE (right after a load, until autovacuum analyzes
// it) read the quads table whole for each lateral lookup of a hop: 1.0-1.7 s
// a hop at 100k quads instead of under a millisecond, for minutes on that
// connection (auto_explain showed "Seq Scan on quads" inside the hop's
// lateral joins).
var connectionSettings = []string{
	"SET plan_cache_mode = force_generic_plan",
	"SET enable_seqscan = off",
}

func (c genericPlans) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	ex, ok := conn.(driver.ExecerContext)
	if !ok {
		return conn, nil
	}
	for _, set := range connectionSettings {
		if _, err := ex.ExecContext(ctx, set, nil); err != nil && ctx.Err() != nil {
			return nil, errors.Join(ctx.Err(), conn.Close())
		}
	}
	return conn, nil
}

// closeServers closes the pools of the primary and the standbys.
func (st *store) closeServers() error {
	err := st.primary.close()
	for _, s := range st.standbys {
		err = errors.Join(err, s.close())
	}
	return err
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

func (st *store) Close() error { return errors.Join(st.qs.Close(), st.closeServers()) }

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
		if err := st.qs.ApplyDeltas(deltas, opts); err != nil {
			return err
		}
		st.recordCommit(ctx)
		return nil
	}
	tx, err := st.db.BeginTx(ctx, nil)
	if err != nil {
		return ctxOr(ctx, err)
	}
	if err := insert(ctx, tx, split.IncNode, split.QuadAdd); err != nil {
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
	st.analyzeAfterLoad(ctx, len(split.QuadAdd))
	st.recordCommit(ctx)
	// cayley's store caches its quad count until its own ApplyDeltas runs:
	// an empty one drops the cache.
	return st.qs.ApplyDeltas(nil, opts)
}

// analyzeThreshold is the least number of quads a store adds before it
// looks whether cayley's tables need analyzing.
const analyzeThreshold = 1000

// analyzeAfterLoad has PostgreSQL analyze cayley's tables once this store has
// added, since it last did, at least analyzeThreshold quads and a tenth of
// the quads the planner believes the table holds. Until then the planner
// plans from the statistics of the table before the load, and a table it
// believes empty (a first load) gets plans that cost 0.4 s a hop at 100k
// quads instead of 0.26 ms, until autovacuum's analyze comes by, a minute
// or more later. The batch is committed already, so ctx's end does not stop
// the ANALYZE (it samples a bounded number of rows; it waits for another
// session's lock on the tables, as the batch's own statements do), and an
// ANALYZE that fails leaves the work to autovacuum, as before. The count is
// of the quads handed to Apply, those the store held already among them.
func (st *store) analyzeAfterLoad(ctx context.Context, added int) {
	st.unanalyzed += added
	if st.unanalyzed < analyzeThreshold {
		return
	}
	ctx = context.WithoutCancel(ctx)
	var believed float64
	if err := st.db.QueryRowContext(ctx, `SELECT reltuples FROM pg_class WHERE oid = 'quads'::regclass`).Scan(&believed); err != nil {
		return
	}
	if believed > 0 && float64(st.unanalyzed) < believed/10 {
		return
	}
	if _, err := st.db.ExecContext(ctx, `ANALYZE quads, nodes`); err == nil {
		st.unanalyzed = 0
	}
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
