package graph_test

import (
	"context"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/postgres"
)

// No error of Open contains the password of a replica's location, in any of
// the forms a location takes.
func TestOpenRedactsReplicaPasswords(t *testing.T) {
	// Locations that parse fail Open at the primary, which is not there.
	for replica, want := range map[string]string{
		"postgres://reader:pw-s3cret@standby:54o2/actors":                      "Replicas[1]: parse",
		"postgres://reader:pw-s3cret%zz@standby/actors":                        "Replicas[1]: parse",
		"postgresql://reader:pw-s3cret@standby/actors?sslmode=nonsense&port=x": "connection refused",
		"postgres:host=standby password=pw-s3cret port=x'":                     "connection refused",
		"postgres:host=standby password='pw-s3cret":                            "Replicas[1]: unterminated quoted string",
		"mysql://reader:pw-s3cret@standby/actors":                              "Replicas[1]: want a location",
	} {
		b := postgres.Backend{Replicas: []string{"postgres://reader:other@standby1/actors", replica}}
		_, err := graph.Open(context.Background(), "postgres://u@127.0.0.1:1/db?connect_timeout=1", graph.WithBackend(b))
		if err == nil {
			t.Errorf("Open with replica %q: no error", replica)
			continue
		}
		if strings.Contains(err.Error(), "s3cret") || strings.Contains(err.Error(), "other") {
			t.Errorf("Open with replica %q: the error shows a password: %v", replica, err)
		}
		if !strings.Contains(err.Error(), want) {
			t.Errorf("Open with replica %q: %v; want an error with %q", replica, err, want)
		}
	}
}
