package acled_test

import (
	"context"
	"fmt"
	"log"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/importer/acled"
	"github.com/actorgraph/actorgraph/schema"
)

// Two invented rows in ACLED's format: an armed group takes a town, and the
// army takes it back a week later.
const rows = `event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,country,admin1,admin2,admin3,location,geo_precision,source,source_scale,notes,fatalities
XYZ1,2024-03-04,2024,1,Political violence,Battles,Non-state actor overtakes territory,Militia A,,Political militia,Military Forces of X,,State forces,State forces-Political militia,Xland,North,,,Town B,1,Paper C; Radio D,National,Militia A took Town B after a day of fighting.,7
XYZ2,2024-03-11,2024,1,Political violence,Battles,Government regains territory,Military Forces of X,,State forces,Militia A,,Political militia,State forces-Political militia,Xland,North,,,Town B,1,Paper C,National,The army retook Town B.,3
`

func ExampleLoad() {
	ctx := context.Background()
	v, err := acled.Vocabulary(schema.Core())
	if err != nil {
		log.Fatal(err)
	}
	g, err := graph.Open(ctx, "", graph.WithVocabulary(v))
	if err != nil {
		log.Fatal(err)
	}
	defer g.Close()
	st, err := acled.Load(ctx, g, "rows.csv", strings.NewReader(rows))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%d events, %d claims, %d entities\n", st.Events, st.Claims, st.Entities)

	town := schema.IRI(acled.DefaultBase + "location/Xland/North///Town%20B")
	hs, err := g.History(ctx, schema.Controls, graph.To(town))
	if err != nil {
		log.Fatal(err)
	}
	for _, h := range hs {
		fmt.Printf("%s holds %s from %s, on the word of %s: %q\n", h.Subject, h.Object, h.From.Format(), h.Claim.Source, h.Claim.Quote)
	}
	fs, err := g.Attributes(ctx, schema.IRI(acled.DefaultBase+"event/XYZ1"), acled.Fatalities)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("fatalities of XYZ1:", fs[0].Value, "according to", fs[0].Evidence.Sources())
	// Output:
	// 2 events, 3 claims, 9 entities
	// Militia A holds Town B from 4 March 2024, on the word of Paper C: "Militia A took Town B after a day of fighting."
	// Militia A holds Town B from 4 March 2024, on the word of Radio D: "Militia A took Town B after a day of fighting."
	// Military Forces of X holds Town B from 11 March 2024, on the word of Paper C: "The army retook Town B."
	// fatalities of XYZ1: 7 according to [Paper C Radio D]
}
