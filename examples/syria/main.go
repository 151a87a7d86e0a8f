// Command syria loads the shipped Syria dataset (the claims of a news report of
// 7 December 2024 on the rebel offensive) into an in-memory graph and answers
// questions about it, each answer with the sources and dates it rests on.
//
//	go run ./examples/syria
//	go run ./examples/syria -store leveldb:/tmp/syria   # the same on a file store
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

//go:embed syria.yaml
var dataset []byte

// ID is the namespace of the dataset's entities and claims.
const ID schema.Namespace = "https://actorgraph.org/id/syria/"

// The entities the questions start from.
var (
	hts       = ID.IRI("hts")
	coalition = ID.IRI("coalition")
	turkey    = ID.IRI("turkey")
	assad     = ID.IRI("assad")
	us        = ID.IRI("united-states")
)

// reportDay is the day of the report; offensiveStart the day the report
// says the offensive began.
var (
	reportDay      = graph.Day(2024, 12, 7)
	offensiveStart = graph.Day(2024, 11, 27)
)

func main() {
	store := flag.String("store", "", `where the graph lives: "" (memory), "leveldb:DIR", "bolt:DIR" or a postgres:// URL`)
	flag.Parse()
	if err := run(context.Background(), os.Stdout, *store); err != nil {
		fmt.Fprintln(os.Stderr, "syria:", err)
		os.Exit(1)
	}
}

// open returns the graph at location ("" for memory) with the dataset loaded.
// Loading into a store that already holds the dataset changes nothing.
func open(ctx context.Context, location string) (*graph.Graph, error) {
	g, err := graph.Open(ctx, location, graph.WithBackend(leveldb.Backend{}, bolt.Backend{}, postgres.Backend{}))
	if err != nil {
		return nil, err
	}
	if _, err := loader.LoadYAML(ctx, g, "syria.yaml", bytes.NewReader(dataset)); err != nil {
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
	v := g.Vocabulary()
	p := printer{w: w, v: v}

	p.heading("Who backs whom")
	backs, err := g.Edges(ctx, schema.Backs)
	if err != nil {
		return err
	}
	p.edges(backs)

	p.heading("Where HTS comes from (its lineage)")
	steps, err := g.Lineage(ctx, hts)
	if err != nil {
		return err
	}
	for _, s := range steps {
		former := ""
		if s.Former {
			former = " [former]"
		}
		p.line(1, "%s -> %s -> %s%s", s.From, v.RelationName(s.Relation), s.To, former)
		p.evidence(s.Evidence)
	}

	p.heading("Whom the United States designates a terrorist")
	designated, err := g.Edges(ctx, schema.DesignatesTerrorist, graph.From(us))
	if err != nil {
		return err
	}
	p.edges(designated)

	// The control map before the offensive and on the day of the report:
	// every controls edge that holds then, whoever holds it.
	for _, at := range []graph.Date{graph.Day(2024, 11, 26), reportDay} {
		p.heading("Who controls what as of " + at.Format())
		held, err := g.Edges(ctx, schema.Controls, graph.AsOf(at))
		if err != nil {
			return err
		}
		p.edges(held)
		if len(held) == 0 {
			p.line(1, "nothing, on the evidence of the dataset")
		}
	}

	// The offensive's dated events in order, from its launch to the report:
	// the campaign the report dates, then what happened and what began in
	// the world on a date the report gives. A date that is only the report's
	// ("have already seized Aleppo") is a bound: it happened by then.
	p.heading("The offensive, " + offensiveStart.Format() + " to " + reportDay.Format())
	campaigns, err := g.Attributes(ctx, coalition, schema.Activity, graph.During(offensiveStart, reportDay))
	if err != nil {
		return err
	}
	for _, a := range campaigns {
		p.line(1, "%s: %s %s", a.Evidence[0].ValidFrom.Format(), a.Subject, a.Value)
		p.evidence(a.Evidence)
	}
	changes, err := g.Changes(ctx, offensiveStart, reportDay)
	if err != nil {
		return err
	}
	type change struct {
		kind graph.ChangeKind
		s, o schema.IRI
		rel  schema.Relation
	}
	seen := map[change]bool{}
	for _, c := range changes {
		dated := !c.Claim.ValidFrom.IsZero()
		if c.Kind != graph.Happened && !(c.Kind == graph.Began && dated) {
			continue
		}
		k := change{c.Kind, c.Subject.ID, c.Object.ID, c.Relation}
		if seen[k] {
			continue
		}
		seen[k] = true
		when := c.On.Format()
		if !dated {
			when = "by " + when
		}
		p.line(1, "%s: %s %s %s %s", when, c.Kind, c.Subject, v.RelationName(c.Relation), c.Object)
		// An event one source reports and another denies is shown with both.
		ev := graph.Evidence{c.Claim}
		es, err := g.Edges(ctx, c.Relation, graph.From(c.Subject.ID), graph.To(c.Object.ID), graph.WithDenied())
		if err != nil {
			return err
		}
		if len(es) == 1 && es[0].Evidence.Contested() {
			ev = es[0].Evidence
		}
		p.evidence(ev)
	}

	p.heading("How many members HTS has, by estimate")
	estimates, err := g.Attributes(ctx, hts, schema.MembersEstimate)
	if err != nil {
		return err
	}
	for _, e := range estimates {
		r := e.Value.(graph.IntRange)
		p.line(1, "between %d and %d members", r.Low, r.High)
		p.evidence(e.Evidence)
	}

	p.heading("Contested claims")
	contested, err := g.Contested(ctx)
	if err != nil {
		return err
	}
	p.edges(contested)

	p.heading("How Turkey is connected to Assad")
	path, err := g.Path(ctx, turkey, assad)
	if err != nil {
		return err
	}
	for _, s := range path {
		if s.Reverse {
			p.line(1, "%s <- %s <- %s", s.From, v.RelationName(s.Relation), s.To)
		} else {
			p.line(1, "%s -> %s -> %s", s.From, v.RelationName(s.Relation), s.To)
		}
		p.evidence(s.Evidence)
	}

	p.heading("States that back a group seeking to overthrow the Assad government")
	targets, err := g.Edges(ctx, schema.SeeksToOverthrow, graph.To(ID.IRI("assad-government")))
	if err != nil {
		return err
	}
	for _, t := range targets {
		ms, err := graph.Find(schema.State).Where(schema.Backs.To(t.Subject.ID)).All(ctx, g)
		if err != nil {
			return err
		}
		for _, m := range ms {
			p.line(1, "%s, backing %s", m.Entity, t.Subject)
			p.evidence(m.Evidence)
		}
	}

	p.heading("Looking names up as the report spells them")
	for _, name := range []string{"al-Joulani", "Derraa", "The World", "Levant Liberation Organization"} {
		e, err := g.ResolveOne(ctx, name)
		if err != nil {
			return err
		}
		p.line(1, "%q is %s (%s)", name, e, strings.Join(v.KindNames(e.Kinds), ", "))
	}
	return p.err
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

// evidence prints one line per claim: source (and medium), stance, date,
// validity and quote.
func (p *printer) evidence(ev graph.Evidence) {
	for _, c := range ev {
		var b strings.Builder
		b.WriteString(c.Source.String())
		if c.Via.ID != "" {
			b.WriteString(" on " + c.Via.String())
		}
		if c.Stance == graph.Denied {
			b.WriteString(" denies it")
		}
		b.WriteString(", " + c.Reported.Format())
		switch {
		case !c.ValidFrom.IsZero() && !c.ValidUntil.IsZero() && c.ValidFrom == c.ValidUntil:
			b.WriteString("; holds in " + c.ValidFrom.Format())
		case !c.ValidFrom.IsZero() && !c.ValidUntil.IsZero():
			b.WriteString("; holds " + c.ValidFrom.Format() + " to " + c.ValidUntil.Format())
		case !c.ValidFrom.IsZero():
			b.WriteString("; holds since " + c.ValidFrom.Format())
		}
		if c.Quote != "" {
			b.WriteString(": \"" + c.Quote + "\"")
		}
		if c.Confidence != 0 {
			fmt.Fprintf(&b, " (confidence %.1f)", c.Confidence)
		}
		p.line(3, "%s", b.String())
		if c.Quote == "" && c.Note != "" {
			p.line(4, "note: %s", c.Note)
		}
	}
}
