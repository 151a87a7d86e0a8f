package graph_test

import (
	"slices"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

func TestTimeDenialUntilOnly(t *testing.T) {
	g := withEvents(t,
		holding(assadGov, schema.Controls, homs, "a", dec(1), graph.Year(2015)),
		event{graph.Claim{ID: claimID("d"), Reported: dec(1), Stance: graph.Denied, ValidUntil: graph.Year(2018)},
			graph.Fact{Subject: assadGov, Relation: schema.Controls, Object: homs}},
	)
	es, _ := g.Edges(ctx, schema.Controls, graph.To(homs), graph.AsOf(graph.Year(2017)), graph.WithDenied())
	if len(es) != 1 || len(es[0].Evidence) != 2 {
		t.Errorf("as of 2017 a denial valid until 2018 is not evidence: %+v", es)
	}
}

func TestTimeFromToAgree(t *testing.T) {
	joint := graph.Claim{ID: claimID("joint"), Reported: dec(1), ValidFrom: graph.Year(2019)}
	g := withEvents(t,
		holding(assadGov, schema.Controls, homs, "a", dec(1), graph.Year(2015)),
		holding(assadGov, schema.Controls, daraa, "a2", dec(1), graph.Year(2015)),
		holding(coalition, schema.Captured, homs, "cap", dec(1), graph.Year(2018)),
		event{joint, graph.Fact{Subject: hts, Relation: schema.Controls, Object: daraa}},
		event{joint, graph.Fact{Subject: coalition, Relation: schema.Controls, Object: daraa}},
		holding(isg, schema.Controls, daraa, "riv", dec(1), graph.Year(2019)),
		holding(coalition, schema.WithdrewFrom, homs, "w", dec(1), graph.Year(2021)),
	)
	actors := []schema.IRI{assadGov, coalition, hts, isg}
	for _, d := range []graph.Date{graph.Year(2016), graph.Year(2018), graph.Day(2019, 6, 1), graph.Year(2020), graph.Year(2022)} {
		for _, cert := range []bool{false, true} {
			opts := []graph.EdgeOption{graph.AsOf(d)}
			if cert {
				opts = append(opts, graph.Certainly())
			}
			var byFrom, byTo []string
			for _, x := range actors {
				byFrom = append(byFrom, pairs(t, g, schema.Controls, append(opts, graph.From(x))...)...)
			}
			for _, p := range []schema.IRI{homs, daraa, idlib} {
				byTo = append(byTo, pairs(t, g, schema.Controls, append(opts, graph.To(p))...)...)
			}
			all := pairs(t, g, schema.Controls, opts...)
			slices.Sort(byFrom)
			slices.Sort(byTo)
			slices.Sort(all)
			if !slices.Equal(byFrom, byTo) || !slices.Equal(all, byTo) {
				t.Errorf("%v certain=%v: from %q to %q all %q", d, cert, byFrom, byTo, all)
			}
		}
	}
}
