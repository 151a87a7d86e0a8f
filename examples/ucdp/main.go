// Command ucdp loads the Syria rows of a UCDP GED 23.1 sample and the UCDP
// actor list 22.1, and answers two questions from them: which actors fought
// in Aleppo governorate in a given month, with the fatality bounds UCDP gives
// and the sources it cites; and where HTS comes from, through UCDP's actor
// records.
//
//	go run ./examples/ucdp [-month 2016-04] [-ged FILE] [-actors FILE]
package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"slices"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/importer/ucdp"
	"github.com/actorgraph/actorgraph/schema"
)

// Syria's country_id (its Gleditsch and Ward code) and HTS's UCDP actor id.
const (
	syria = 652
	hts   = 6815
)

func main() {
	month := flag.String("month", "2016-04", "the month to ask about, YYYY-MM")
	ged := flag.String("ged", "importer/ucdp/testdata/ged231_sample1000_uncertainUCDP.csv", "a UCDP GED CSV file")
	actors := flag.String("actors", "importer/ucdp/testdata/ucdp-actor-221.csv", "the UCDP actor list CSV")
	flag.Parse()
	m, err := graph.ParseDate(*month)
	if err != nil || m.Precision() != graph.MonthPrecision {
		log.Fatalf("-month %q: want YYYY-MM", *month)
	}
	if err := run(context.Background(), os.Stdout, *ged, *actors, m); err != nil {
		log.Fatal(err)
	}
}

func run(ctx context.Context, w io.Writer, gedFile, actorsFile string, month graph.Date) error {
	v, err := ucdp.Vocabulary()
	if err != nil {
		return err
	}
	g, err := graph.Open(ctx, "", graph.WithVocabulary(v))
	if err != nil {
		return err
	}
	defer g.Close()

	// The actor list first: GED's sides are its actors, and a multi-actor
	// side is one of its temporary coalitions.
	f, err := os.Open(actorsFile)
	if err != nil {
		return err
	}
	st, err := ucdp.LoadActors(ctx, g, actorsFile, f)
	f.Close()
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "%s: %d actors; %d entities with the coalitions and former names; %d facts\n", st.Layout, st.Rows, st.Actors, st.Facts)

	syriaRows, err := countryRows(gedFile, "Syria")
	if err != nil {
		return err
	}
	st, err = ucdp.LoadGED(ctx, g, gedFile, syriaRows, ucdp.RequireKnownActors())
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "%s, Syria rows: %d events, %d with a fatality estimate UCDP's bounds do not enclose\n\n", st.Layout, st.Events, len(st.Flagged))

	aleppo := ucdp.DefaultBase.Place(syria, "Aleppo governorate")
	events, err := ucdp.EventsIn(ctx, g, aleppo, graph.DuringPeriod(month))
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Who fought in Aleppo governorate in %s:\n", month.Format())
	var fighters []string
	for _, r := range events {
		kind := map[schema.Relation]string{ucdp.StateBased: "state-based", ucdp.NonState: "non-state", ucdp.OneSided: "one-sided"}[r.Violence]
		fmt.Fprintf(w, "  %s, %s: %s against %s (%s violence)\n", r.Claim.ValidFrom.Format(), r.Places[len(r.Places)-1].Name, r.SideA.Name, r.SideB.Name, kind)
		fmt.Fprintf(w, "      deaths: %v, where_prec %d, date_prec %d\n", r.Fatalities, r.WherePrecision, r.DatePrecision)
		fmt.Fprintf(w, "      source: %s, reported %s\n", r.Claim.Source.Name, r.Claim.Reported)
		for _, side := range []graph.Entity{r.SideA, r.SideB} {
			if !slices.Contains(side.Kinds, schema.Coalition) {
				fighters = append(fighters, side.Name)
				continue
			}
			members, err := g.Edges(ctx, schema.MemberOf, graph.To(side.ID))
			if err != nil {
				return err
			}
			var names []string
			for _, m := range members {
				names = append(names, m.Subject.Name)
			}
			fighters = append(fighters, names...)
			fmt.Fprintf(w, "      %s, which GED calls %q, has %d members in the actor list: %s\n",
				side.Name, gedName(r, side), len(names), strings.Join(names, ", "))
		}
	}
	slices.Sort(fighters)
	if len(fighters) == 0 {
		fmt.Fprint(w, "  no event in the data\n\n")
	} else {
		fmt.Fprintf(w, "  Actors, with the coalitions' members: %s\n\n", strings.Join(slices.Compact(fighters), ", "))
	}

	steps, err := g.Lineage(ctx, ucdp.DefaultBase.Actor(hts), graph.Through(ucdp.LineageRelations()...), graph.MaxDepth(2))
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "Where HTS comes from, in UCDP's actor records:")
	for _, s := range steps {
		say := map[schema.Relation]string{
			ucdp.AllianceOf: "was formed in an alliance by", schema.FormerlyKnownAs: "was formerly", ucdp.SplinterOf: "broke away from",
			ucdp.TemporarySplitOf: "split for a time from", ucdp.Absorbed: "was joined by",
		}[s.Relation]
		cut := ""
		if s.Cut {
			cut = " ..."
		}
		fmt.Fprintf(w, "  %s%s %s %s%s  (%s)\n", strings.Repeat("  ", s.Depth-1), s.From.Name, say, s.To.Name, cut, s.Evidence[0].Note)
	}
	return nil
}

// gedName returns the name the event's record gives the side: its dyad's
// name is "side A - side B".
func gedName(r ucdp.EventRecord, side graph.Entity) string {
	a, b, ok := strings.Cut(r.Dyad.Name, " - ")
	switch {
	case !ok:
		return r.Dyad.Name
	case side.ID == r.SideA.ID:
		return a
	}
	return b
}

// countryRows returns the header and the rows of a GED CSV file whose
// country is country.
func countryRows(file, country string) (io.Reader, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	col := slices.Index(header, "country")
	if col < 0 {
		return nil, fmt.Errorf("%s: no country column", file)
	}
	var b bytes.Buffer
	out := csv.NewWriter(&b)
	out.Write(header)
	for {
		row, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		if row[col] == country {
			out.Write(row)
		}
	}
	out.Flush()
	return &b, out.Error()
}
