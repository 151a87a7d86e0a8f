package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const (
	ucdpActors = "../../importer/ucdp/testdata/ucdp-actor-221.csv"
	ucdpGED231 = "../../importer/ucdp/testdata/ged231_sample1000_uncertainUCDP.csv"
	ucdpJSON   = "../../importer/ucdp/testdata/ged_api_json_middle_east_2002_NoahStapper.json"
)

func TestDataImportsUCDPByPrefixOrByHeader(t *testing.T) {
	for _, args := range [][]string{
		{"-data", "ucdp-actors:" + ucdpActors, "-data", "ucdp-ged:" + ucdpGED231},
		{"-data", ucdpActors, "-data", ucdpGED231}, // found by their headers
	} {
		code, out, errs := ag(t, append(args, "edges", "ucdpNonStateViolence", "--to", "actor/6815", "--during", "2017")...)
		if code != 0 {
			t.Fatalf("%q: exit %d, %s", args, code, errs)
		}
		if !strings.HasPrefix(out, "IS ucdpNonStateViolence HTS\n    SOHR: Hayyaat Tahrir Al-Sham restores an area it lost") {
			t.Errorf("%q: HTS's non-state violence of 2017:\n%s", args, out)
		}
	}
	// lineage follows the actor list's alliances and splinters.
	code, out, errs := ag(t, "-data", ucdpActors, "lineage", "HTS")
	if code != 0 || !strings.HasPrefix(out, "HTS -> ucdpAllianceOf -> Jabhat Fateh al-Sham\n") ||
		!strings.Contains(out, "Jabhat Fateh al-Sham -> formerlyKnownAs -> Jabhat al-Nusra li al-Sham [former]\n") {
		t.Errorf("lineage HTS: exit %d, %s\n%s", code, errs, out)
	}
	// The API's JSON, found by its keys.
	code, out, errs = ag(t, "-data", ucdpJSON, "stats")
	if code != 0 || !strings.HasPrefix(out, "quads 18890\n") {
		t.Errorf("stats of the API JSON: exit %d, %s\n%s", code, errs, out)
	}
}

func TestABadUCDPFileFailsWithItsPlace(t *testing.T) {
	data, err := os.ReadFile(ucdpGED231)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitN(string(data), "\n", 3)
	bad := filepath.Join(t.TempDir(), "bad.csv")
	row := strings.Replace(lines[1], `"2013-01-03","2013-01-03"`, `"2013-01-03","2013-01-02"`, 1)
	if err := os.WriteFile(bad, []byte(lines[0]+"\n"+row+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs := ag(t, "-data", "ucdp-ged:"+bad, "stats")
	if code != 1 || !strings.Contains(errs, "bad.csv:2:") || !strings.Contains(errs, "date_end: \"2013-01-02\": date_end is before date_start 2013-01-03") {
		t.Errorf("exit %d, stderr %s", code, errs)
	}
}
