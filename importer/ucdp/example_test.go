package ucdp_test

import (
	"context"
	"fmt"
	"log"
	"os"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/importer/ucdp"
	"github.com/actorgraph/actorgraph/schema"
)

// Load the UCDP actor list and a GED sample, then read one event back: its
// sides, the source UCDP cites, and the fatality estimate as UCDP gives it,
// here with a low bound above the best estimate, kept and flagged.
func ExampleLoadGED() {
	ctx := context.Background()
	g, v := newGraph(ctx) // graph.Open with graph.WithVocabulary(ucdp.Vocabulary())
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

// Load the UCDP actor list and walk where an actor comes from: the names it
// had, the groups it broke away from, the alliances it was formed by.
func ExampleLoadActors() {
	ctx := context.Background()
	g, v := newGraph(ctx)
	defer g.Close()
	f, err := os.Open("testdata/ucdp-actor-221.csv")
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	st, err := ucdp.LoadActors(ctx, g, "ucdp-actor-221.csv", f)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%d rows, %d flagged: %v\n", st.Rows, len(st.Flagged), st.Flagged[0])

	steps, err := g.Lineage(ctx, ucdp.DefaultBase.Actor(234), graph.Through(ucdp.LineageRelations()...), graph.MaxDepth(1))
	if err != nil {
		log.Fatal(err)
	}
	for _, s := range steps {
		fmt.Println(s.From.Name, v.RelationName(s.Relation), s.To.Name)
	}
	// Output:
	// 1725 rows, 4 flagged: ucdp-actor-221.csv:1122:114: ActorIdPrev: "2658": actor 2658 is not in the list; added as "PBCP-ML": unknown UCDP actor
	// IS formerlyKnownAs ISIS
	// IS ucdpAbsorbed BIFM
	// IS ucdpAbsorbed Ansar Bayt al-Maqdis
	// IS ucdpAbsorbed Liwa al-Aqsa
	// IS ucdpAbsorbed Forces of Mullah Abdol Rauf Khadim
	// IS ucdpAbsorbed Maute group
	// IS ucdpAbsorbed al-Harakat al-Islamiyah
	// IS ucdpAbsorbed Ansar al-Sunnah
}

// Detect tells a UCDP file by its first bytes.
func ExampleDetect() {
	fmt.Printf("%q\n", ucdp.Detect([]byte("id,relid,year,active_year,code_status,type_of_violence,conflict_new_id,dyad_new_id,side_a_new_id,side_b_new_id,where_prec,date_prec,best,high,low\n")))
	fmt.Printf("%q\n", ucdp.Detect([]byte("\ufeffActorId,NameData,NameOrig,NameOrigFull,Org,Version\n")))
	fmt.Printf("%q\n", ucdp.Detect([]byte("claim,subject,relation,object,source,reported\n")))
	// Output:
	// "GED 23.1 CSV"
	// "UCDP actor list CSV"
	// ""
}

// A Base names what a load writes by UCDP's ids; places by the country's
// id and the names of its areas as GED writes them.
func ExampleBase() {
	fmt.Println(ucdp.DefaultBase.Actor(6815))
	fmt.Println(ucdp.DefaultBase.Event(300380))
	fmt.Println(ucdp.DefaultBase.Place(652, "Aleppo governorate"))
	fmt.Println(ucdp.Base("https://example.org/ucdp/").Dyad(11973))
	// Output:
	// https://actorgraph.org/id/ucdp/actor/6815
	// https://actorgraph.org/id/ucdp/event/300380
	// https://actorgraph.org/id/ucdp/place/652/Aleppo%20governorate
	// https://example.org/ucdp/dyad/11973
}

// The events in a place over a month, with their sides and estimates.
func ExampleEventsIn() {
	ctx := context.Background()
	g, v := newGraph(ctx)
	defer g.Close()
	f, err := os.Open("testdata/ged231_sample1000_uncertainUCDP.csv")
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	if _, err := ucdp.LoadGED(ctx, g, "ged231.csv", f); err != nil {
		log.Fatal(err)
	}
	aleppo := ucdp.DefaultBase.Place(652, "Aleppo governorate")
	events, err := ucdp.EventsIn(ctx, g, aleppo, graph.DuringPeriod(graph.Month(2016, 9)))
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range events {
		fmt.Printf("%s: %s %s %s, deaths %v\n", r.Claim.ValidFrom, r.SideA.Name, v.RelationName(r.Violence), r.SideB.Name, r.Fatalities)
	}
	// Output:
	// 2016-09-05: Government of Syria ucdpStateBasedViolence IS, deaths best 0 (low 0, high 1)
	// 2016-09-30: Government of Syria ucdpStateBasedViolence Syrian insurgents, deaths best 1 (low 1, high 1)
}

// newGraph opens an in-memory graph with the importer's vocabulary.
func newGraph(ctx context.Context) (*graph.Graph, *schema.Vocabulary) {
	v, err := ucdp.Vocabulary()
	if err != nil {
		log.Fatal(err)
	}
	g, err := graph.Open(ctx, "", graph.WithVocabulary(v))
	if err != nil {
		log.Fatal(err)
	}
	return g, v
}
