// Command timeline loads the shipped dataset of the war against the Islamic
// State group (isil.yaml: cities that changed hands, the group's leaders, the
// heads of state of Iraq and Syria) and asks the graph how things stood at a
// sequence of dates, every answer with the claims it rests on.
//
//	go run ./examples/timeline
//	go run ./examples/timeline -store leveldb:/tmp/isil   # the same on a file store
package main

import (
	"bytes"
	"context"
	_ "embed"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/bolt"
	"github.com/actorgraph/actorgraph/graph/leveldb"
	"github.com/actorgraph/actorgraph/graph/postgres"
	"github.com/actorgraph/actorgraph/loader"
	"github.com/actorgraph/actorgraph/schema"
)

//go:embed isil.yaml
var dataset []byte

// ID is the namespace of the dataset's entities and claims.
const ID schema.Namespace = "https://actorgraph.org/id/isil/"

var (
	isil  = ID.IRI("isil")
	iraq  = ID.IRI("iraq")
	syria = ID.IRI("syria")
)

// city is a place and the dates at which the program asks who held it.
type city struct {
	id    schema.IRI
	dates []graph.Date
}

// cities are asked about on days between the changes of hands, so that each
// answer falls within one holder's time.
var cities = []city{
	{ID.IRI("raqqa"), []graph.Date{graph.Day(2012, 6, 1), graph.Day(2013, 6, 1), graph.Day(2015, 6, 1), graph.Day(2018, 6, 1)}},
	{ID.IRI("mosul"), []graph.Date{graph.Day(2014, 1, 1), graph.Day(2016, 1, 1), graph.Day(2018, 1, 1)}},
	{ID.IRI("palmyra"), []graph.Date{graph.Day(2015, 7, 1), graph.Day(2016, 7, 1), graph.Day(2017, 1, 1), graph.Day(2017, 7, 1)}},
	{ID.IRI("fallujah"), []graph.Date{graph.Day(2015, 1, 1), graph.Day(2017, 1, 1)}},
	{ID.IRI("ramadi"), []graph.Date{graph.Day(2015, 8, 1), graph.Day(2016, 8, 1)}},
}

func main() {
	store := flag.String("store", "", `where the graph lives: "" (memory), "leveldb:DIR", "bolt:DIR" or a postgres:// URL`)
	flag.Parse()
	if err := run(context.Background(), os.Stdout, *store); err != nil {
		fmt.Fprintln(os.Stderr, "timeline:", err)
		os.Exit(1)
	}
}

// open returns the graph at location ("" for memory) with the dataset loaded.
func open(ctx context.Context, location string) (*graph.Graph, error) {
	g, err := graph.Open(ctx, location, graph.WithBackend(leveldb.Backend{}, bolt.Backend{}, postgres.Backend{}))
	if err != nil {
		return nil, err
	}
	if _, err := loader.LoadYAML(ctx, g, "isil.yaml", bytes.NewReader(dataset)); err != nil {
		g.Close()
		return nil, err
	}
	return g, nil
}

func run(ctx context.Context, w io.Writer, location string) error {
	g, err := open(ctx, location)
	if err != nil {
		return err
	}
	defer g.Close()
	p := printer{w: w, v: g.Vocabulary()}

	p.heading("Who controlled each city")
	for _, c := range cities {
		place, err := g.Entity(ctx, c.id)
		if err != nil {
			return err
		}
		p.line(1, "%s", place)
		for _, d := range c.dates {
			held, err := g.Edges(ctx, schema.Controls, graph.To(c.id), graph.AsOf(d))
			if err != nil {
				return err
			}
			if len(held) == 0 {
				p.line(2, "as of %s: no one, on the evidence of the dataset", d.Format())
				continue
			}
			for _, e := range held {
				rivals := ""
				if len(e.Rivals) > 0 {
					rivals = " (rivals: " + names(e.Rivals) + ")"
				}
				p.line(2, "as of %s: %s%s", d.Format(), e.Subject, rivals)
				p.evidence(e.Evidence)
			}
		}
	}

	p.heading("The history of each city's control")
	for _, c := range cities {
		place, err := g.Entity(ctx, c.id)
		if err != nil {
			return err
		}
		p.line(1, "%s", place)
		hist, err := g.History(ctx, schema.Controls, graph.To(c.id))
		if err != nil {
			return err
		}
		for _, iv := range hist {
			p.interval(iv)
		}
	}

	p.heading("Who led the Islamic State group, and when")
	tenures, err := g.History(ctx, schema.Leads, graph.To(isil))
	if err != nil {
		return err
	}
	for _, iv := range tenures {
		p.interval(iv)
	}

	p.heading("Who led it as of")
	for _, d := range []graph.Date{graph.Day(2008, 1, 1), graph.Day(2015, 1, 1), graph.Day(2021, 1, 1), graph.Day(2023, 1, 1), graph.Day(2024, 1, 1)} {
		leaders, err := g.Edges(ctx, schema.Leads, graph.To(isil), graph.AsOf(d))
		if err != nil {
			return err
		}
		var ls []graph.Entity
		for _, e := range leaders {
			ls = append(ls, e.Subject)
		}
		p.line(1, "%s: %s", d.Format(), orNoOne(names(ls)))
	}

	p.heading("Heads of state as of")
	for _, d := range []graph.Date{graph.Day(2010, 1, 1), graph.Day(2016, 1, 1), graph.Day(2020, 1, 1), graph.Day(2024, 1, 1), graph.Day(2025, 1, 1), graph.Day(2025, 6, 1)} {
		var parts []string
		for _, state := range []schema.IRI{iraq, syria} {
			heads, err := g.Edges(ctx, schema.HeadOfState, graph.To(state), graph.AsOf(d))
			if err != nil {
				return err
			}
			var hs []graph.Entity
			for _, e := range heads {
				hs = append(hs, e.Subject)
			}
			country, err := g.Entity(ctx, state)
			if err != nil {
				return err
			}
			parts = append(parts, country.String()+" "+orNoOne(names(hs)))
		}
		p.line(1, "%s: %s", d.Format(), strings.Join(parts, "; "))
	}

	from, until := graph.Month(2017, 1), graph.Month(2017, 12)
	p.heading("What changed from " + from.Format() + " to " + until.Format())
	changes, err := g.Changes(ctx, from, until)
	if err != nil {
		return err
	}
	for _, c := range changes {
		p.line(1, "%s: %s %s %s %s", c.On.Format(), c.Kind, c.Subject, p.v.RelationName(c.Relation), c.Object)
		p.evidence(graph.Evidence{c.Claim})
	}

	p.heading("Where the group came from")
	steps, err := g.Lineage(ctx, isil)
	if err != nil {
		return err
	}
	for _, s := range steps {
		p.line(1, "%s -> %s -> %s", s.From, p.v.RelationName(s.Relation), s.To)
		p.evidence(s.Evidence)
	}

	p.heading("Contested: al-Nusra Front's merger into the group")
	contested, err := g.Contested(ctx)
	if err != nil {
		return err
	}
	p.edges(contested)

	p.heading("Denied: the group as a branch of al-Qaeda")
	denied, err := g.Edges(ctx, schema.BranchOf, graph.From(isil), graph.WithDenied())
	if err != nil {
		return err
	}
	p.edges(denied)
	return p.err
}

func names(es []graph.Entity) string {
	ns := make([]string, len(es))
	for i, e := range es {
		ns[i] = e.String()
	}
	return strings.Join(ns, ", ")
}

func orNoOne(s string) string {
	if s == "" {
		return "no one on record"
	}
	return s
}

// printer writes answers; it keeps the first write error.
type printer struct {
	w   io.Writer
	v   *schema.Vocabulary
	err error
}

func (p *printer) line(indent int, format string, args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, strings.Repeat("  ", indent)+format+"\n", args...)
	}
}

func (p *printer) heading(s string) { p.line(0, "\n%s", s) }

func (p *printer) edges(es []graph.Edge) {
	for _, e := range es {
		p.line(1, "%s %s %s", e.Subject, p.v.RelationName(e.Relation), e.Object)
		p.evidence(e.Evidence)
	}
}

// interval prints one claim's part in a history: who, from when to when
// (and what cut it short), then the claim.
func (p *printer) interval(iv graph.Interval) {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s", iv.Subject, p.v.RelationName(iv.Relation))
	if iv.Claim.Stance == graph.Denied {
		b.WriteString(" (denied)")
	}
	b.WriteString(", from " + iv.From.Format())
	switch {
	case !iv.Claim.EndedOn.IsZero():
		b.WriteString(" until " + iv.Claim.EndedOn.Format() + " (ended by " + p.claimName(iv.Claim.EndedBy) + ")")
	case !iv.Until.IsZero():
		b.WriteString(" to " + iv.Until.Format())
	}
	p.line(2, "%s", b.String())
	p.evidence(graph.Evidence{iv.Claim})
}

// claimName is a claim's local name within the dataset's namespace.
func (p *printer) claimName(id schema.IRI) string {
	return strings.TrimPrefix(string(id), string(ID))
}

// evidence prints one line per claim: source (and medium), stance, date,
// validity and quote, or the note where there is no quote.
func (p *printer) evidence(ev graph.Evidence) {
	for _, c := range ev {
		var b strings.Builder
		b.WriteString(c.Source.String())
		if c.Via.ID != "" {
			b.WriteString(" via " + c.Via.String())
		}
		if c.Stance == graph.Denied {
			b.WriteString(" denies it")
		}
		b.WriteString(", " + c.Reported.Format())
		if c.Derived {
			b.WriteString(" (a capture)")
		}
		switch {
		case !c.ValidFrom.IsZero() && !c.ValidUntil.IsZero():
			b.WriteString("; holds " + c.ValidFrom.Format() + " to " + c.ValidUntil.Format())
		case !c.ValidFrom.IsZero() && !c.Derived && c.ValidFrom != c.Reported:
			b.WriteString("; holds since " + c.ValidFrom.Format())
		}
		if c.Quote != "" {
			b.WriteString(": \"" + c.Quote + "\"")
		}
		p.line(3, "%s", b.String())
		if c.Quote == "" && c.Note != "" {
			p.line(4, "note: %s", c.Note)
		}
	}
}
