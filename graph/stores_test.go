package graph_test

import (
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// everyStore returns a fresh location on every backend this run can test:
// memory and leveldb (read through the read index and directly) always, bolt without -race (cayley's bolt trips checkptr
// under it), PostgreSQL when ACTORGRAPH_POSTGRES holds the URL of a database
// the test may empty (with ACTORGRAPH_REQUIRE_POSTGRES=1, as in CI, its
// absence fails the test). Subtests of one test share the PostgreSQL database,
// so each is emptied when it is handed out.
func everyStore(t *testing.T) []struct{ name, location string } {
	t.Helper()
	out := []struct{ name, location string }{
		{"memory", ""},
		{"leveldb", "leveldb:" + filepath.Join(t.TempDir(), "leveldb")},
		// leveldb read from the store, not the read index (see testBackends)
		{"leveldb direct", "direct:" + filepath.Join(t.TempDir(), "direct")},
	}
	if !raceEnabled {
		out = append(out, struct{ name, location string }{"bolt", "bolt:" + filepath.Join(t.TempDir(), "bolt")})
	}
	url := os.Getenv("ACTORGRAPH_POSTGRES")
	switch {
	case url != "":
		out = append(out, struct{ name, location string }{"postgres", url})
	case os.Getenv("ACTORGRAPH_REQUIRE_POSTGRES") == "1":
		t.Error("ACTORGRAPH_REQUIRE_POSTGRES=1 but ACTORGRAPH_POSTGRES is not set")
	}
	return out
}

// fresh empties the PostgreSQL database at location, if it is one, so that a
// subtest starts from nothing; other locations are new directories already.
func fresh(t *testing.T, location string) string {
	t.Helper()
	if !strings.HasPrefix(location, "postgres") {
		return location
	}
	db, err := sql.Open("postgres", location)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`DROP TABLE IF EXISTS quads, nodes CASCADE`); err != nil {
		t.Fatalf("emptying the PostgreSQL test database: %v", err)
	}
	return location
}
