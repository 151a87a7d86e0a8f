package main

import (
	"bytes"
	"database/sql"
	neturl "net/url"
	"os"
	"path/filepath"
	"strings"
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
		// A database of this package's own: go test runs packages in
		// parallel, and graph's tests empty the one the URL names.
		url = ownDatabase(t, url, "syria")
		emptyPostgres(t, url)
		locs["postgres"] = url
	case os.Getenv("ACTORGRAPH_REQUIRE_POSTGRES") == "1":
		t.Error("ACTORGRAPH_REQUIRE_POSTGRES=1 but ACTORGRAPH_POSTGRES is not set")
	default:
		t.Log("PostgreSQL not tested: set ACTORGRAPH_POSTGRES to a database URL")
	}
	return locs
}

// ownDatabase returns url with its database replaced by one named after it
// and suffix, created on first use.
func ownDatabase(t *testing.T, url, suffix string) string {
	t.Helper()
	u, err := neturl.Parse(url)
	if err != nil || len(u.Path) < 2 {
		t.Fatalf("ACTORGRAPH_POSTGRES is not a URL with a database: %v", err)
	}
	name := strings.TrimPrefix(u.Path, "/") + "_" + suffix
	db, err := sql.Open("postgres", url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var exists bool
	if err := db.QueryRow(`SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`, name).Scan(&exists); err != nil {
		t.Fatalf("looking for the test database: %v", err)
	}
	if !exists {
		if _, err := db.Exec(`CREATE DATABASE "` + name + `"`); err != nil && !strings.Contains(err.Error(), "already exists") {
			t.Fatalf("creating the test database: %v", err)
		}
	}
	u.Path = "/" + name
	return u.String()
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
