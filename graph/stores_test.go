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
// absence fails the test), and PostgreSQL read through hot standbys when
// ACTORGRAPH_POSTGRES_REPLICAS holds the URLs of a primary and its standbys,
// space-separated (.ci/postgres-replicas.sh starts them). Subtests of one test share the PostgreSQL database,
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
	switch replicas := os.Getenv("ACTORGRAPH_POSTGRES_REPLICAS"); {
	case len(strings.Fields(replicas)) > 1:
		out = append(out, struct{ name, location string }{"postgres replicas", "replicas:" + replicas})
	case os.Getenv("ACTORGRAPH_REQUIRE_POSTGRES") == "1":
		t.Error("ACTORGRAPH_REQUIRE_POSTGRES=1 but ACTORGRAPH_POSTGRES_REPLICAS does not hold a primary's URL and a standby's")
	}
	return out
}

// fresh empties the PostgreSQL database at location, if it is one, so that a
// subtest starts from nothing; other locations are new directories already.
func fresh(t *testing.T, location string) string {
	t.Helper()
	primary := location
	if urls, ok := strings.CutPrefix(location, "replicas:"); ok {
		primary = strings.Fields(urls)[0]
	} else if !strings.HasPrefix(location, "postgres") {
		return location
	}
	db, err := sql.Open("postgres", primary)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`DROP TABLE IF EXISTS quads, nodes CASCADE`); err != nil {
		t.Fatalf("emptying the PostgreSQL test database: %v", err)
	}
	return location
}
