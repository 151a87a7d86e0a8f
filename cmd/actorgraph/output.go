package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

// text writes the text output: one answer a line, its evidence indented
// under it. It keeps the first write error.
type text struct {
	w     io.Writer
	short func(schema.IRI) string
	err   error
}

func (t *text) line(indent int, format string, args ...any) {
	if t.err == nil {
		_, t.err = fmt.Fprintf(t.w, strings.Repeat("    ", indent)+format+"\n", args...)
	}
}

// evidence writes one line a claim: its source (and medium), its stance when
// not an assertion, when it was reported and when it holds, its marks, and
// its quote; its note on the line below.
func (t *text) evidence(indent int, ev graph.Evidence) {
	for _, c := range ev {
		var b strings.Builder
		b.WriteString(c.Source.String())
		if c.Via.ID != "" {
			fmt.Fprintf(&b, " via %s", c.Via)
		}
		if c.Stance != graph.Asserted {
			fmt.Fprintf(&b, " (%s)", c.Stance)
		}
		fmt.Fprintf(&b, ", reported %s", c.Reported)
		if v := validity(c); v != "" {
			fmt.Fprintf(&b, ", valid %s", v)
		}
		if c.Confidence != 0 {
			fmt.Fprintf(&b, ", confidence %g", c.Confidence)
		}
		if c.Derived {
			b.WriteString(" [derived]")
		}
		if c.EndedBy != "" {
			fmt.Fprintf(&b, " [ended %s by %s]", c.EndedOn, t.short(c.EndedBy))
		}
		for _, r := range c.Retractions {
			fmt.Fprintf(&b, " [retracted %s by %s]", r.Reported, t.short(r.Claim))
		}
		if c.Quote != "" {
			fmt.Fprintf(&b, ": %q", c.Quote)
		}
		t.line(indent, "%s", b.String())
		if c.Note != "" {
			t.line(indent+1, "note: %s", c.Note)
		}
	}
}

// validity says when a claim holds: "2020..", "..2018", "2020..2021", or ""
// when it gives no dates.
func validity(c graph.Claim) string {
	if c.ValidFrom.IsZero() && c.ValidUntil.IsZero() {
		return ""
	}
	return c.ValidFrom.String() + ".." + c.ValidUntil.String()
}

func (t *text) edge(v *schema.Vocabulary, e graph.Edge) {
	var marks string
	if e.Evidence.Contested() {
		marks += " [contested]"
	} else if !e.Evidence.Asserted() {
		marks += " [denied]"
	}
	for _, r := range e.Rivals {
		marks += fmt.Sprintf(" [rival: %s]", r)
	}
	t.line(0, "%s %s %s%s", e.Subject, v.RelationName(e.Relation), e.Object, marks)
	for _, r := range e.Recorded {
		t.line(1, "recorded as %s -> %s (claim %s)", t.short(r.Subject), t.short(r.Object), t.short(r.Claim))
	}
	t.evidence(1, e.Evidence)
}

func (t *text) step(v *schema.Vocabulary, s graph.Step) {
	arrow := fmt.Sprintf("-> %s ->", v.RelationName(s.Relation))
	if s.Reverse {
		arrow = fmt.Sprintf("<- %s <-", v.RelationName(s.Relation))
	}
	var marks string
	if s.Former {
		marks = " [former]"
	}
	t.line(0, "%s %s %s%s", s.From, arrow, s.To, marks)
	t.evidence(1, s.Evidence)
}

func (t *text) entity(v *schema.Vocabulary, e graph.Entity) {
	t.line(0, "%s (%s) %s", e, strings.Join(v.KindNames(e.Kinds), ", "), e.ID)
}

// interval writes "FROM..UNTIL subject relation object" (prefix before it),
// and its claim under it.
func (t *text) interval(v *schema.Vocabulary, prefix string, in graph.Interval) {
	t.line(0, "%s%s..%s %s %s %s", prefix, in.From, in.Until, in.Subject, v.RelationName(in.Relation), in.Object)
	t.evidence(1, graph.Evidence{in.Claim})
}
