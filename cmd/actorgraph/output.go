package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

// The JSON document every command writes with -json is
//
//	{"command": NAME, "results": [RESULT...]}
//
// and the shape of a RESULT depends on the command; these types are it.

// jsonRef is an entity named in a result.
type jsonRef struct {
	ID   schema.IRI `json:"id"`
	Name string     `json:"name"`
}

// jsonEntity is an entity in full.
type jsonEntity struct {
	ID          schema.IRI   `json:"id"`
	Name        string       `json:"name"`
	Kinds       []string     `json:"kinds"`
	Aliases     []jsonAlias  `json:"aliases"`
	SameAs      []schema.IRI `json:"sameAs"`
	Description string       `json:"description,omitempty"`
	Merged      []schema.IRI `json:"merged,omitempty"`
}

type jsonAlias struct {
	Name string `json:"name"`
	Lang string `json:"lang,omitempty"`
}

// jsonRecorded is a fact behind an edge as it was recorded, before a merge.
type jsonRecorded struct {
	Subject schema.IRI `json:"subject"`
	Object  schema.IRI `json:"object"`
	Claim   schema.IRI `json:"claim"`
}

// jsonEntityResult is the result of entity: the entity and its attributes.
type jsonEntityResult struct {
	jsonEntity
	Attributes []jsonAttribute `json:"attributes"`
}

type jsonAttribute struct {
	Attribute string      `json:"attribute"`
	Value     string      `json:"value"`
	Evidence  []jsonClaim `json:"evidence"`
}

// jsonClaim is one claim of a fact's evidence. Dates are ISO 8601 at their
// precision, "" when unknown.
type jsonClaim struct {
	ID          schema.IRI       `json:"id"`
	Source      jsonRef          `json:"source"`
	Via         *jsonRef         `json:"via,omitempty"`
	Stance      string           `json:"stance"`
	Reported    string           `json:"reported"`
	ValidFrom   string           `json:"validFrom"`
	ValidUntil  string           `json:"validUntil"`
	Quote       string           `json:"quote,omitempty"`
	Note        string           `json:"note,omitempty"`
	Confidence  float64          `json:"confidence,omitempty"`
	Derived     bool             `json:"derived"`
	EndedBy     schema.IRI       `json:"endedBy,omitempty"`
	EndedOn     string           `json:"endedOn,omitempty"`
	Retractions []jsonRetraction `json:"retractions,omitempty"`
}

type jsonRetraction struct {
	Claim    schema.IRI `json:"claim"`
	Reported string     `json:"reported"`
}

// jsonEdge is the result of edges and contested.
type jsonEdge struct {
	Subject   jsonRef        `json:"subject"`
	Relation  string         `json:"relation"`
	Object    jsonRef        `json:"object"`
	Contested bool           `json:"contested"`
	Evidence  []jsonClaim    `json:"evidence"`
	Rivals    []jsonRef      `json:"rivals,omitempty"`
	Recorded  []jsonRecorded `json:"recorded,omitempty"`
}

// jsonStep is the result of lineage and path.
type jsonStep struct {
	From     jsonRef     `json:"from"`
	Relation string      `json:"relation"`
	To       jsonRef     `json:"to"`
	Reverse  bool        `json:"reverse"`
	Former   bool        `json:"former"`
	Depth    int         `json:"depth"`
	Evidence []jsonClaim `json:"evidence"`
}

// jsonMatch is the result of find.
type jsonMatch struct {
	Entity   jsonEntity  `json:"entity"`
	Evidence []jsonClaim `json:"evidence"`
}

// jsonStats is the result of stats.
type jsonStats struct {
	Quads      int64          `json:"quads"`
	Entities   int            `json:"entities"`
	Claims     int            `json:"claims"`
	Facts      int            `json:"facts"`
	Attributes int            `json:"attributes"`
	Relations  map[string]int `json:"relations"`
}

func ref(e graph.Entity) jsonRef { return jsonRef{ID: e.ID, Name: e.String()} }

func refs(es []graph.Entity) []jsonRef {
	var out []jsonRef
	for _, e := range es {
		out = append(out, ref(e))
	}
	return out
}

func entityJSON(v *schema.Vocabulary, e graph.Entity) jsonEntity {
	j := jsonEntity{ID: e.ID, Name: e.Name, Kinds: v.KindNames(e.Kinds), Aliases: []jsonAlias{},
		SameAs: e.SameAs, Description: e.Description, Merged: e.Merged}
	for _, a := range e.Aliases {
		j.Aliases = append(j.Aliases, jsonAlias{Name: a.Name, Lang: a.Lang})
	}
	if j.SameAs == nil {
		j.SameAs = []schema.IRI{}
	}
	return j
}

func evidenceJSON(ev graph.Evidence) []jsonClaim {
	out := []jsonClaim{}
	for _, c := range ev {
		j := jsonClaim{ID: c.ID, Source: ref(c.Source), Stance: c.Stance.String(),
			Reported: c.Reported.String(), ValidFrom: c.ValidFrom.String(), ValidUntil: c.ValidUntil.String(),
			Quote: c.Quote, Note: c.Note, Confidence: c.Confidence, Derived: c.Derived,
			EndedBy: c.EndedBy, EndedOn: c.EndedOn.String()}
		if c.Via.ID != "" {
			via := ref(c.Via)
			j.Via = &via
		}
		for _, r := range c.Retractions {
			j.Retractions = append(j.Retractions, jsonRetraction{Claim: r.Claim, Reported: r.Reported.String()})
		}
		out = append(out, j)
	}
	return out
}

func edgeJSON(v *schema.Vocabulary, e graph.Edge) jsonEdge {
	j := jsonEdge{Subject: ref(e.Subject), Relation: v.RelationName(e.Relation), Object: ref(e.Object),
		Contested: e.Evidence.Contested(), Evidence: evidenceJSON(e.Evidence), Rivals: refs(e.Rivals)}
	for _, r := range e.Recorded {
		j.Recorded = append(j.Recorded, jsonRecorded{Subject: r.Subject, Object: r.Object, Claim: r.Claim})
	}
	return j
}

func stepJSON(v *schema.Vocabulary, s graph.Step) jsonStep {
	return jsonStep{From: ref(s.From), Relation: v.RelationName(s.Relation), To: ref(s.To),
		Reverse: s.Reverse, Former: s.Former, Depth: s.Depth, Evidence: evidenceJSON(s.Evidence)}
}

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

// jsonInterval is the result of history.
type jsonInterval struct {
	Subject  jsonRef   `json:"subject"`
	Relation string    `json:"relation"`
	Object   jsonRef   `json:"object"`
	From     string    `json:"from"`
	Until    string    `json:"until"`
	Claim    jsonClaim `json:"claim"`
}

// jsonChange is the result of changes.
type jsonChange struct {
	Kind string `json:"kind"`
	On   string `json:"on"`
	jsonInterval
}

func intervalJSON(v *schema.Vocabulary, in graph.Interval) jsonInterval {
	return jsonInterval{Subject: ref(in.Subject), Relation: v.RelationName(in.Relation), Object: ref(in.Object),
		From: in.From.String(), Until: in.Until.String(), Claim: evidenceJSON(graph.Evidence{in.Claim})[0]}
}

// interval writes "FROM..UNTIL subject relation object" (prefix before it),
// and its claim under it.
func (t *text) interval(v *schema.Vocabulary, prefix string, in graph.Interval) {
	t.line(0, "%s%s..%s %s %s %s", prefix, in.From, in.Until, in.Subject, v.RelationName(in.Relation), in.Object)
	t.evidence(1, graph.Evidence{in.Claim})
}
