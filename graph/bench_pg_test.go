package graph_test

import (
	"database/sql"
	"fmt"
	"net/url"
	"strings"
	"testing"

	_ "github.com/lib/pq" // the driver cayley's postgres backend uses
)

// postgresBenchStore returns the URL of an empty database for the benchmark
// graph tagged tag: a database of its own beside the one base names
// (actorgraph_bench_10000...), created if need be, so that graphs of several
// sizes coexist.
func postgresBenchStore(b *testing.B, base, tag string) string {
	b.Helper()
	u, err := url.Parse(base)
	if err != nil {
		b.Fatal(err)
	}
	name := fmt.Sprintf("%s_bench_%s", strings.TrimPrefix(u.Path, "/"), tag)
	admin, err := sql.Open("postgres", base)
	if err != nil {
		b.Fatal(err)
	}
	defer admin.Close()
	var exists bool
	if err := admin.QueryRow(`SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`, name).Scan(&exists); err != nil {
		b.Fatal(err)
	}
	if !exists {
		if _, err := admin.Exec(`CREATE DATABASE "` + name + `"`); err != nil {
			b.Fatal(err)
		}
	}
	u.Path = "/" + name
	db, err := sql.Open("postgres", u.String())
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`DROP TABLE IF EXISTS quads, nodes CASCADE`); err != nil {
		b.Fatal(err)
	}
	return u.String()
}
