package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/answer"
	"github.com/actorgraph/actorgraph/loader"
	"github.com/actorgraph/actorgraph/schema"
)

func (c *call) entity(ctx context.Context) error {
	e, err := c.r.entity(ctx, c.in.args[0])
	if err != nil {
		return err
	}
	opts, err := answer.Options[graph.AttributeOption](c.Filters, c.in.command)
	if err != nil {
		return err
	}
	vals, err := answer.Attributes(ctx, c.g, e, opts...)
	if err != nil {
		return err
	}
	if c.json() {
		return c.writeJSON([]answer.EntityResult{answer.EntityResultOf(c.v, e, vals)})
	}
	t := c.text()
	t.entity(c.v, e)
	for _, a := range e.Aliases {
		if a.Lang != "" {
			t.line(1, "alias %s (%s)", a.Name, a.Lang)
		} else {
			t.line(1, "alias %s", a.Name)
		}
	}
	for _, s := range e.SameAs {
		t.line(1, "same as %s", s)
	}
	if e.Description != "" {
		t.line(1, "description: %s", e.Description)
	}
	for _, m := range e.Merged {
		t.line(1, "merged with %s", m)
	}
	for _, v := range vals {
		t.line(1, "%s %s", c.v.AttributeName(v.Attribute), v.Value)
		t.evidence(2, v.Evidence)
	}
	return t.err
}

func (c *call) resolve(ctx context.Context) error {
	es, err := c.g.Resolve(ctx, c.in.args[0])
	if err != nil {
		return err
	}
	if c.json() {
		res := []answer.Entity{}
		for _, e := range es {
			res = append(res, answer.EntityOf(c.v, e))
		}
		return c.writeJSON(res)
	}
	t := c.text()
	for _, e := range es {
		t.entity(c.v, e)
	}
	return t.err
}

func (c *call) edges(ctx context.Context) error {
	rel, err := c.r.relation(c.in.args[0])
	if err != nil {
		return err
	}
	opts, err := answer.Options[graph.EdgeOption](c.Filters, c.in.command)
	if err != nil {
		return err
	}
	if opts, err = anchors(ctx, c, opts); err != nil {
		return err
	}
	es, err := c.g.Edges(ctx, rel, opts...)
	if err != nil {
		return err
	}
	return c.writeEdges(es)
}

func (c *call) contested(ctx context.Context) error {
	opts, err := answer.Options[graph.ContestedOption](c.Filters, c.in.command)
	if err != nil {
		return err
	}
	if opts, err = anchors(ctx, c, opts); err != nil {
		return err
	}
	es, err := c.g.Contested(ctx, opts...)
	if err != nil {
		return err
	}
	return c.writeEdges(es)
}

func (c *call) writeEdges(es []graph.Edge) error {
	if c.json() {
		res := []answer.Edge{}
		for _, e := range es {
			res = append(res, answer.EdgeOf(c.v, e))
		}
		return c.writeJSON(res)
	}
	t := c.text()
	for _, e := range es {
		t.edge(c.v, e)
	}
	return t.err
}

func (c *call) lineage(ctx context.Context) error {
	e, err := c.r.entity(ctx, c.in.args[0])
	if err != nil {
		return err
	}
	opts, err := answer.Options[graph.WalkOption](c.Filters, c.in.command)
	if err != nil {
		return err
	}
	steps, err := c.g.Lineage(ctx, e.ID, append(opts, lineageThrough(c.v)...)...)
	if err != nil {
		return err
	}
	return c.writeSteps(steps)
}

func (c *call) path(ctx context.Context) error {
	a, err := c.r.entity(ctx, c.in.args[0])
	if err != nil {
		return err
	}
	b, err := c.r.entity(ctx, c.in.args[1])
	if err != nil {
		return err
	}
	opts, err := answer.Options[graph.WalkOption](c.Filters, c.in.command)
	if err != nil {
		return err
	}
	steps, err := c.g.Path(ctx, a.ID, b.ID, opts...)
	if err != nil {
		return err
	}
	return c.writeSteps(steps)
}

func (c *call) writeSteps(steps []graph.Step) error {
	if c.json() {
		res := []answer.Step{}
		for _, s := range steps {
			res = append(res, answer.StepOf(c.v, s))
		}
		return c.writeJSON(res)
	}
	t := c.text()
	for _, s := range steps {
		t.step(c.v, s)
	}
	return t.err
}

// find runs Find(KIND) with the -where constraints RELATION:from|to:ID:
// "backs:to:coalition" keeps who backs the coalition (Relation.To),
// "backs:from:turkey" what Turkey backs (Relation.From).
func (c *call) find(ctx context.Context) error {
	k, err := c.r.kind(c.in.args[0])
	if err != nil {
		return err
	}
	q := graph.Find(k)
	for _, w := range c.in.values["where"] {
		relName, from, id, ok := answer.SplitWhere(w)
		if !ok {
			return usagef("-where %q: want RELATION:from:ID or RELATION:to:ID", w)
		}
		rel, err := c.r.relation(relName)
		if err != nil {
			return fmt.Errorf("-where %q: %w", w, err)
		}
		e, err := c.r.entity(ctx, id)
		if err != nil {
			return fmt.Errorf("-where %q: %w", w, err)
		}
		if from {
			q = q.Where(rel.From(e.ID))
		} else {
			q = q.Where(rel.To(e.ID))
		}
	}
	q = c.Filters.Query(q)
	ms, err := q.All(ctx, c.g)
	if err != nil {
		return err
	}
	if c.json() {
		res := []answer.Match{}
		for _, m := range ms {
			res = append(res, answer.MatchOf(c.v, m))
		}
		return c.writeJSON(res)
	}
	t := c.text()
	for _, m := range ms {
		t.entity(c.v, m.Entity)
		t.evidence(1, m.Evidence)
	}
	return t.err
}

// stats counts what the graph holds, from its statements (a full read of
// the store): entities and claims by their rdf:type, facts by the relations
// and attributes of the vocabulary, the store's own vocabulary left out.
func (c *call) stats(ctx context.Context) error {
	quads, err := c.g.Stats(ctx)
	if err != nil {
		return err
	}
	s := answer.Stats{Quads: quads, Relations: map[string]int{}}
	entities := map[schema.IRI]bool{}
	err = c.g.Statements(ctx, func(st graph.Statement) error {
		if st.Claim == schema.VocabularyGraph {
			return nil
		}
		switch {
		case st.Predicate == schema.Type && st.Object.IRI == schema.IRI(schema.ClaimKind):
			s.Claims++
		case st.Predicate == schema.Type && st.Claim == "":
			entities[st.Subject] = true
		case st.Claim != "":
			if _, ok := c.v.Relation(schema.Relation(st.Predicate)); ok {
				s.Facts++
				s.Relations[c.v.RelationName(schema.Relation(st.Predicate))]++
			} else if _, ok := c.v.Attribute(schema.Attribute(st.Predicate)); ok {
				s.Attributes++
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	s.Entities = len(entities)
	if c.json() {
		return c.writeJSON([]answer.Stats{s})
	}
	t := c.text()
	t.line(0, "quads %d", s.Quads)
	t.line(0, "entities %d", s.Entities)
	t.line(0, "claims %d", s.Claims)
	t.line(0, "facts %d", s.Facts)
	t.line(0, "attribute values %d", s.Attributes)
	names := make([]string, 0, len(s.Relations))
	for n := range s.Relations {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		t.line(1, "%s %d", n, s.Relations[n])
	}
	return t.err
}

// export writes the graph to -o FILE in the format its extension names.
// The file is written whole or not at all: to a temporary file beside it,
// renamed into place once the export has succeeded.
func (c *call) export(ctx context.Context) (err error) {
	path := c.in.value("o")
	ext := strings.ToLower(filepath.Ext(path))
	var write func(f *os.File) error
	var rdf []loader.ExportOption
	if c.in.has("sparql") {
		rdf = append(rdf, loader.ForSPARQL())
	}
	switch ext {
	case ".nq":
		write = func(f *os.File) error { return loader.WriteNQuadsWith(ctx, f, c.g, rdf...) }
	case ".trig":
		write = func(f *os.File) error { return loader.WriteTriG(ctx, f, c.g, rdf...) }
	case ".ttl":
		write = func(f *os.File) error { return loader.WriteTurtle(ctx, f, c.g, rdf...) }
	case ".jsonld":
		write = func(f *os.File) error { return loader.WriteJSONLD(ctx, f, c.g) }
	case ".csv":
		write = func(f *os.File) error { return loader.WriteCSV(ctx, f, c.g) }
	case ".dot", ".graphml":
		write = func(f *os.File) error {
			es, err := loader.Network(ctx, c.g)
			if err != nil {
				return err
			}
			if ext == ".dot" {
				return loader.WriteDOT(ctx, f, c.v, es)
			}
			return loader.WriteGraphML(ctx, f, c.v, es)
		}
	default:
		return usagef("export -o %s: unknown format %q; want .nq, .trig, .ttl, .jsonld, .csv, .dot or .graphml", path, ext)
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err := write(f); err != nil {
		return fmt.Errorf("export %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return err
	}
	t := c.text()
	t.line(0, "wrote %s", path)
	return t.err
}

func (c *call) history(ctx context.Context) error {
	rel, err := c.r.relation(c.in.args[0])
	if err != nil {
		return err
	}
	opts, err := answer.Options[graph.HistoryOption](c.Filters, c.in.command)
	if err != nil {
		return err
	}
	if opts, err = anchors(ctx, c, opts); err != nil {
		return err
	}
	ins, err := c.g.History(ctx, rel, opts...)
	if err != nil {
		return err
	}
	if c.json() {
		res := []answer.Interval{}
		for _, in := range ins {
			res = append(res, answer.IntervalOf(c.v, in))
		}
		return c.writeJSON(res)
	}
	t := c.text()
	for _, in := range ins {
		t.interval(c.v, "", in)
	}
	return t.err
}

func (c *call) changes(ctx context.Context) error {
	from, err := parseDate("changes D1", c.in.args[0])
	if err != nil {
		return err
	}
	until, err := parseDate("changes D2", c.in.args[1])
	if err != nil {
		return err
	}
	opts, err := answer.Options[graph.ChangeOption](c.Filters, c.in.command)
	if err != nil {
		return err
	}
	if opts, err = anchors(ctx, c, opts); err != nil {
		return err
	}
	if c.in.has("report-time") {
		opts = append(opts, graph.ReportTime())
	}
	chs, err := c.g.Changes(ctx, from, until, opts...)
	if err != nil {
		return err
	}
	if c.json() {
		res := []answer.Change{}
		for _, ch := range chs {
			res = append(res, answer.ChangeOf(c.v, ch))
		}
		return c.writeJSON(res)
	}
	t := c.text()
	for _, ch := range chs {
		t.interval(c.v, fmt.Sprintf("%s %s ", ch.On, ch.Kind), ch.Interval)
	}
	return t.err
}
