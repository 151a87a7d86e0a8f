package graph

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"

	cgraph "github.com/cayleygraph/cayley/graph"
	_ "github.com/cayleygraph/cayley/graph/kv/bolt"      // registers "bolt"
	_ "github.com/cayleygraph/cayley/graph/kv/leveldb"   // registers "leveldb"
	_ "github.com/cayleygraph/cayley/graph/sql/postgres" // registers "postgres"
)

// openFileStore opens (creating on first use) a cayley key-value store in dir,
// after taking an exclusive lock on dir/actorgraph.lock so that a second opener
// gets ErrLocked instead of waiting (bolt would wait forever).
func openFileStore(backend, dir string) (cgraph.QuadStore, func() error, error) {
	if dir == "" {
		return nil, nil, fmt.Errorf("no directory after %q: %w", backend+":", ErrInvalid)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, nil, err
	}
	unlock, err := lockFile(filepath.Join(dir, "actorgraph.lock"))
	if err != nil {
		return nil, nil, err
	}
	// no_bloom: bolt's bloom filters cost ~300 MB at open for a store of a
	// million quads and spare little, since writes are batched.
	opts := cgraph.Options{"no_bloom": true}
	if err := cgraph.InitQuadStore(backend, dir, opts); err != nil && !errors.Is(err, cgraph.ErrDatabaseExists) {
		return nil, nil, errors.Join(err, unlock())
	}
	qs, err := cgraph.NewQuadStore(backend, dir, opts)
	if err != nil {
		return nil, nil, errors.Join(err, unlock())
	}
	return qs, unlock, nil
}

// openPostgres opens cayley's SQL store on PostgreSQL, creating its tables when
// the database has none (checked first, so that cayley does not log a failed
// CREATE for an existing store).
func openPostgres(ctx context.Context, location string) (cgraph.QuadStore, error) {
	db, err := sql.Open("postgres", location)
	if err != nil {
		return nil, err
	}
	var table sql.NullString
	err = db.QueryRowContext(ctx, `SELECT to_regclass('quads')::text`).Scan(&table)
	db.Close()
	if err != nil {
		return nil, err
	}
	if !table.Valid {
		if err := cgraph.InitQuadStore("postgres", location, nil); err != nil && !errors.Is(err, cgraph.ErrDatabaseExists) {
			return nil, err
		}
	}
	return cgraph.NewQuadStore("postgres", location, nil)
}

// redact hides a password in a connection URL, for error messages.
func redact(location string) string {
	u, err := url.Parse(location)
	if err != nil || u.User == nil {
		return location
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}
