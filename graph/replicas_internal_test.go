package graph

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/actorgraph/actorgraph/graph/internal/backend"
	"github.com/actorgraph/actorgraph/graph/postgres"
)

// replicatedPostgres opens the tests' "replicas:PRIMARY STANDBY..." locations:
// a PostgreSQL primary with the hot standbys after it (space-separated URLs),
// read through the standbys. Reads wait for a standby to replay each commit
// (postgres.Backend.ReplayWait), so that the contract suite reads from the
// standbys and not, right after each write, from the primary.
type replicatedPostgres struct{}

func (replicatedPostgres) Schemes() []string { return []string{"replicas"} }

func (replicatedPostgres) Open(ctx context.Context, location string, o backend.Options) (backend.Store, error) {
	urls := strings.Fields(strings.TrimPrefix(location, "replicas:"))
	if len(urls) < 2 {
		return nil, fmt.Errorf("want replicas:PRIMARY STANDBY..., got %q", location)
	}
	b := postgres.Backend{Replicas: urls[1:], ReplayWait: 5 * time.Second}
	return b.Open(ctx, urls[0], o)
}
