package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const (
	acledEvents   = "../../importer/acled/testdata/events.csv"
	wikidataPutin = "../../importer/wikidata/testdata/wbgetentities_Q7747_nomenklatura-fixture.json"
	wikidataStubs = "../../importer/wikidata/testdata/stubs.json"
)

func TestDataImportsACLEDByPrefixOrByHeader(t *testing.T) {
	for _, args := range [][]string{{"-data", "acled:" + acledEvents}, {"-data", acledEvents}} {
		code, out, errs := ag(t, append(args, "edges", "controls", "--to", "location/Syria/Hama/Hama//Hama", "--as-of", "2024-12-06")...)
		if code != 0 {
			t.Fatalf("%q: exit %d, %s", args, code, errs)
		}
		if !strings.HasPrefix(out, "HTS: Hayat Tahrir al-Sham controls Hama\n    Invented Broadcaster, reported 2024-12-05, valid 2024-12-05.. [derived]") {
			t.Errorf("%q: who held Hama:\n%s", args, out)
		}
	}
}

func TestABadACLEDFileFailsWithItsPlace(t *testing.T) {
	data, err := os.ReadFile(acledEvents)
	if err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(t.TempDir(), "bad.csv")
	if err := os.WriteFile(bad, []byte(strings.Replace(string(data), "2024-11-29,2024,1,", "2024-11-29,2024,7,", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs := ag(t, "-data", "acled:"+bad, "stats")
	if code != 1 || !strings.Contains(errs, "bad.csv:3:27: time_precision: \"7\": want 1 (the day), 2 (the week around it) or 3 (the month)") {
		t.Errorf("exit %d, stderr %s", code, errs)
	}
}

func TestDataImportsWikidataAndLineageFollowsReplaces(t *testing.T) {
	code, out, errs := ag(t, "-data", "wikidata:"+wikidataStubs, "-data", "wikidata:"+wikidataPutin, "lineage", "Vladimir Putin")
	if code != 0 || !strings.HasPrefix(out, "Vladimir Putin -> wikidataReplaces -> Dmitry Medvedev\n") ||
		!strings.Contains(out, "Vladimir Putin -> wikidataReplaces -> Boris Yeltsin\n") {
		t.Errorf("exit %d, %s\n%s", code, errs, out)
	}
	// The successions to people the sample lacks are told, not dropped silently.
	if want := "wbgetentities_Q7747_nomenklatura-fixture.json: 14 items or statements left out; the first, at 1:14484, Q7747.claims.P39[2].qualifiers.P1365[0]: P1365 Q1990789: names an item neither loaded nor in the graph\n"; !strings.HasSuffix(errs, want) {
		t.Errorf("stderr %q, want it to end %q", errs, want)
	}
}

// UCDP's, ACLED's and Wikidata's terms extend one another in one graph.
func TestTheImportersVocabulariesCombine(t *testing.T) {
	code, out, errs := ag(t, "-data", ucdpActors, "-data", acledEvents, "-data", "wikidata:../../importer/wikidata/testdata/invented.json", "stats")
	// ACLED's six captures and the invented items' one succession, on two claims.
	if code != 0 || !strings.Contains(out, "\n    captured 6\n") || !strings.Contains(out, "\n    successorOf 2\n") {
		t.Errorf("exit %d, %s\n%s", code, errs, out)
	}
}
