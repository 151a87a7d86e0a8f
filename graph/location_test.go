package graph_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

// No error from Open contains the password of a PostgreSQL location, in any
// form of connection string, whether the error is the library's, lib/pq's or a
// URL parser's that quotes the string. Port 1 on loopback refuses connections.
func TestStorageErrorsNeverShowThePassword(t *testing.T) {
	const secret = "s3cr#t/p@ss"
	for _, tc := range []struct{ name, location, secret string }{
		{"URL with user and password", "postgres://actor:s3cret@127.0.0.1:1/db?sslmode=disable", "s3cret"},
		{"URL, escaped password", "postgres://actor:s3cr%23t%2Fp%40ss@127.0.0.1:1/db?sslmode=disable", secret},
		{"URL, password with raw @ and /", "postgres://actor:" + secret + "@127.0.0.1:1/db?sslmode=disable", "s3cr#t"},
		{"URL that does not parse", "postgres://actor:hunter2@127.0.0.1:notaport/db", "hunter2"},
		{"URL, postgresql scheme", "postgresql://actor:hunter2@127.0.0.1:notaport/db", "hunter2"},
		{"URL, password parameter", "postgres://actor@127.0.0.1:1/db?sslmode=disable&password=hunter2", "hunter2"},
		{"URL, password parameter, bad port", "postgres://actor@127.0.0.1:x/db?password=hunter2", "hunter2"},
		{"key=value", "postgres:host=127.0.0.1 port=1 user=actor password=hunter2 sslmode=disable", "hunter2"},
		{"key=value, quoted", "postgres:host=127.0.0.1 port=1 password='a b c' sslmode=disable", "a b c"},
		{"key=value, quoted with an escaped quote", `postgres:host=127.0.0.1 port=1 password='hun\'ter2' sslmode=disable`, "hun'ter2"},
		{"key=value, bad port", "postgres:host=127.0.0.1 port=x password=hunter2", "hunter2"},
		{"key=value, unterminated quote", "postgres:host=127.0.0.1 password='hunter2", "hunter2"},
		{"key=value, bad sslmode", "postgres:host=127.0.0.1 port=1 password=hunter2 sslmode=bogus", "hunter2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g, err := graph.Open(ctx, tc.location, graph.TestBackends)
			if err == nil {
				g.Close()
				t.Fatal("Open succeeded")
			}
			if strings.Contains(err.Error(), tc.secret) {
				t.Errorf("the error shows the password: %v", err)
			}
			if !strings.Contains(err.Error(), "graph: Open") {
				t.Errorf("the error does not say where it comes from: %v", err)
			}
		})
	}
}

// "memory:" with a path is refused; "" and "memory:" are the in-memory graph.
func TestStorageMemoryTakesNoPath(t *testing.T) {
	_, err := graph.Open(ctx, "memory:anything", graph.TestBackends)
	if !errors.Is(err, graph.ErrBackend) || !strings.Contains(err.Error(), "no path") {
		t.Errorf(`Open("memory:anything"): %v, want ErrBackend saying the graph takes no path`, err)
	}
	for _, loc := range []string{"", "memory:"} {
		g, err := graph.Open(ctx, loc, graph.TestBackends)
		if err != nil {
			t.Errorf("Open(%q): %v", loc, err)
			continue
		}
		if g.QuadStore() == nil {
			t.Errorf("Open(%q) has no store", loc)
		}
		g.Close()
	}
}
