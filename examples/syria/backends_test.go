package main

import (
	"bytes"
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	_ "github.com/lib/pq" // the driver cayley's postgres backend uses
)

// Every backend must give the answers memory gives. PostgreSQL joins when
// ACTORGRAPH_POSTGRES holds a connection URL to a database the test may empty;
// with ACTORGRAPH_REQUIRE_POSTGRES=1 (as in CI) its absence is a failure.
func backends(t *testing.T) map[string]string {
	t.Helper()
	locs := map[string]string{
		"leveldb": "leveldb:" + filepath.Join(t.TempDir(), "leveldb"),
	}
	if !raceEnabled {
		locs["bolt"] = "bolt:" + filepath.Join(t.TempDir(), "bolt")
	}
	url := os.Getenv("ACTORGRAPH_POSTGRES")
	switch {
	case url != "":
		emptyPostgres(t, url)
		locs["postgres"] = url
	case os.Getenv("ACTORGRAPH_REQUIRE_POSTGRES") == "1":
		t.Error("ACTORGRAPH_REQUIRE_POSTGRES=1 but ACTORGRAPH_POSTGRES is not set")
	default:
		t.Log("PostgreSQL not tested: set ACTORGRAPH_POSTGRES to a database URL")
	}
	return locs
}

// emptyPostgres drops cayley's tables so that each test starts from nothing.
func emptyPostgres(t *testing.T, url string) {
	t.Helper()
	db, err := sql.Open("postgres", url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`DROP TABLE IF EXISTS quads, nodes CASCADE`); err != nil {
		t.Fatalf("emptying the PostgreSQL test database: %v", err)
	}
}

func TestBackendsGiveTheAnswersMemoryGives(t *testing.T) {
	var want bytes.Buffer
	if err := run(ctx, &want, ""); err != nil {
		t.Fatal(err)
	}
	for name, loc := range backends(t) {
		t.Run(name, func(t *testing.T) {
			var got bytes.Buffer
			if err := run(ctx, &got, loc); err != nil {
				t.Fatal(err)
			}
			if got.String() != want.String() {
				t.Errorf("%s answers differ from memory's:\n%s\nmemory:\n%s", name, got.String(), want.String())
			}
			// Loading the dataset again into the persistent store changes nothing.
			var again bytes.Buffer
			if err := run(ctx, &again, loc); err != nil {
				t.Fatal(err)
			}
			if again.String() != want.String() {
				t.Errorf("%s answers changed on the second run", name)
			}
		})
	}
}

func TestEveryClaimOnEveryBackend(t *testing.T) {
	for name, loc := range backends(t) {
		t.Run(name, func(t *testing.T) {
			g, err := open(ctx, loc)
			if err != nil {
				t.Fatal(err)
			}
			defer g.Close()
			checkClaims(t, g)
		})
	}
}
