package postgres_test

import (
	"context"
	"fmt"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/postgres"
)

// A graph on a primary and two hot standbys: writes go to the primary, reads
// to a standby that has replayed the graph's last commit. Open checks every
// location before it connects: here the second standby's port is mistyped,
// and the error names it with its password taken out.
func ExampleBackend_replicas() {
	b := postgres.Backend{
		MaxIdleConns: 8, // for 8 concurrent readers: the default keeps 2
		Replicas: []string{
			"postgres://reader:s3cret@standby1/actors",
			"postgres://reader:s3cret@standby2:54o2/actors",
		},
		ReplayWait: 50 * time.Millisecond,
	}
	_, err := graph.Open(context.Background(), "postgres://writer:s3cret@primary/actors", graph.WithBackend(b))
	fmt.Println(err)
	// Output:
	// graph: Open "postgres://writer:xxxxx@primary/actors": postgres.Backend.Replicas[1]: parse "postgres://reader:xxxxx@standby2:54o2/actors": invalid port ":54o2" after host
}
