package graph

import (
	"context"
	"strings"

	"github.com/actorgraph/actorgraph/graph/bolt"
	"github.com/actorgraph/actorgraph/graph/internal/backend"
	"github.com/actorgraph/actorgraph/graph/leveldb"
	"github.com/actorgraph/actorgraph/graph/postgres"
)

// testBackends names every backend, for the tests' Opens, and one of the
// tests' own: "direct:DIR" is a leveldb store read without the read index
// (as WithoutReadIndex reads it), so that every test of a file store runs on
// both read paths.
var testBackends = WithBackend(leveldb.Backend{}, bolt.Backend{}, postgres.Backend{}, directLeveldb{}, replicatedPostgres{})

// TestBackends is testBackends for the package's external tests.
var TestBackends = testBackends

type directLeveldb struct{}

func (directLeveldb) Schemes() []string { return []string{"direct"} }

func (directLeveldb) Open(ctx context.Context, location string, o backend.Options) (backend.Store, error) {
	o.Scan = false // the graph does not scan a store that is not exclusive
	st, err := leveldb.Backend{}.Open(ctx, "leveldb:"+strings.TrimPrefix(location, "direct:"), o)
	if err != nil {
		return nil, err
	}
	return notExclusive{st}, nil
}

// notExclusive is a store the graph reads directly.
type notExclusive struct{ backend.Store }

func (notExclusive) Exclusive() bool { return false }

func (s notExclusive) SetTestHook(fn func()) { s.Store.(backend.Hooks).SetTestHook(fn) }
