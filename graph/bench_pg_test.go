package graph_test

import (
	"database/sql"
	"testing"

	_ "github.com/lib/pq" // the driver cayley's postgres backend uses
)

// emptyPostgresBench drops cayley's tables so that a benchmark store starts
// from nothing.
func emptyPostgresBench(b *testing.B, url string) {
	b.Helper()
	db, err := sql.Open("postgres", url)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`DROP TABLE IF EXISTS quads, nodes CASCADE`); err != nil {
		b.Fatal(err)
	}
}
