package ucdp_test

import (
	"context"
	"fmt"
	"log"
	"os"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/importer/ucdp"
)

// Load the UCDP actor list and a GED sample, then read one event back: its
// sides, the source UCDP cites, and the fatality estimate as UCDP gives it,
// here with a low bound above the best estimate, kept and flagged.
func ExampleLoadGED() {
	ctx := context.Background()
	v, err := ucdp.Vocabulary()
	if err != nil {
		log.Fatal(err)
	}
	g, err := graph.Open(ctx, "", graph.WithVocabulary(v))
	if err != nil {
		log.Fatal(err)
	}
	defer g.Close()

	actors, err := os.Open("testdata/ucdp-actor-221.csv")
	if err != nil {
		log.Fatal(err)
	}
	defer actors.Close()
	if _, err := ucdp.LoadActors(ctx, g, "ucdp-actor-221.csv", actors); err != nil {
		log.Fatal(err)
	}

	events, err := os.Open("testdata/ged231_sample1000_uncertainUCDP.csv")
	if err != nil {
		log.Fatal(err)
	}
	defer events.Close()
	st, err := ucdp.LoadGED(ctx, g, "ged231.csv", events, ucdp.RequireKnownActors(), ucdp.MaxRejected(10))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s: %d events, %d rejected, %d flagged\n", st.Layout, st.Events, len(st.Rejected), len(st.Flagged))
	fmt.Println(st.Rejected[0])

	r, err := ucdp.ReadEvent(ctx, g, ucdp.DefaultBase.Event(236880))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s, %s..%s, %v\n", r.Event.Name, r.Claim.ValidFrom, r.Claim.ValidUntil, r.Places)
	fmt.Printf("%s %s %s\n", r.SideA.Name, v.RelationName(r.Violence), r.SideB.Name)
	fmt.Printf("deaths %v\nsource %s, reported %s\n", r.Fatalities, r.Claim.Source.Name, r.Claim.Reported)
	// Output:
	// GED 23.1 CSV: 996 events, 4 rejected, 13 flagged
	// ged231.csv:120:135: side_a_new_id: "8527": side 8527 (Giants Brigade, STC) is not an actor of the graph; load the UCDP actor list first: unknown UCDP actor
	// GED event 236880: Government of Afghanistan - Taleban, 2016-12-29, 2016-12-29..2016-12-30, [Afghanistan Hilmand province]
	// Government of Afghanistan ucdpStateBasedViolence Taleban
	// deaths best 2 (low 3, high 3) [low 3 is above best 2]
	// source Pajhwok News: Scores of insurgents killed, wounded in operations: MoD, reported 2016-12-30
}
