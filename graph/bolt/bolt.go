// Package bolt is the bolt backend of package graph: cayley's key-value store
// on bbolt's predecessor boltdb, in one file of a directory the graph holds
// exclusively (a lock file). bolt keeps no checksums of its data, and cayley's
// bolt code trips Go's checkptr under -race; leveldb is the recommended file
// store.
//
//	g, err := graph.Open(ctx, "bolt:"+dir, graph.WithBackend(bolt.Backend{}))
package bolt

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	hbolt "github.com/hidal-go/hidalgo/kv/bolt"

	"github.com/actorgraph/actorgraph/graph/internal/backend"
	"github.com/actorgraph/actorgraph/graph/internal/kvstore"
)

// Backend opens the locations "bolt:DIR": a store in the file DIR/indexes.bolt,
// created on first use. Pass it to graph.WithBackend.
type Backend struct{}

// Schemes returns "bolt".
func (Backend) Schemes() []string { return []string{"bolt"} }

// Open opens the store at location, for package graph.
func (Backend) Open(_ context.Context, location string, o backend.Options) (backend.Store, error) {
	dir, ok := strings.CutPrefix(location, "bolt:")
	if !ok {
		return nil, fmt.Errorf("not a bolt location: %w", backend.ErrBackend)
	}
	return kvstore.Open("bolt", dir, o, func(dir string) (kvstore.Raw, error) {
		kv, err := hbolt.Open(filepath.Join(dir, "indexes.bolt"), nil)
		// A bolt commit is exclusive: its writer grows the mmap, which waits
		// for every open read transaction.
		return kvstore.Raw{KV: kv}, err
	})
}
