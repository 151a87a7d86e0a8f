// Package answer is the JSON shape of the library's answers, shared by the
// command line (actorgraph -json) and the web view (actorgraph serve), so that
// both write one document format: entities, edges with their evidence,
// lineage and path steps, history intervals and changes. It also holds the
// claim filters both read from their input and hand to the graph.
//
// IRIs are full, relations and kinds short names, dates ISO 8601 at their
// precision ("" when unknown). The shapes are documented, by command, in the
// README's section on the command line.
package answer

import (
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

// Ref is an entity named in a result.
type Ref struct {
	ID   schema.IRI `json:"id"`
	Name string     `json:"name"`
}

// Entity is an entity in full.
type Entity struct {
	ID          schema.IRI   `json:"id"`
	Name        string       `json:"name"`
	Kinds       []string     `json:"kinds"`
	Aliases     []Alias      `json:"aliases"`
	SameAs      []schema.IRI `json:"sameAs"`
	Description string       `json:"description,omitempty"`
	Merged      []schema.IRI `json:"merged,omitempty"`
}

// Alias is another name of an entity, with its language tag if any.
type Alias struct {
	Name string `json:"name"`
	Lang string `json:"lang,omitempty"`
}

// Recorded is a fact behind an edge as it was recorded, before a merge.
type Recorded struct {
	Subject schema.IRI `json:"subject"`
	Object  schema.IRI `json:"object"`
	Claim   schema.IRI `json:"claim"`
}

// EntityResult is the result of entity: the entity and its attributes.
type EntityResult struct {
	Entity
	Attributes []Attribute `json:"attributes"`
}

// Attribute is one value of an attribute with its evidence.
type Attribute struct {
	Attribute string  `json:"attribute"`
	Value     string  `json:"value"`
	Evidence  []Claim `json:"evidence"`
}

// Claim is one claim of a fact's evidence.
type Claim struct {
	ID          schema.IRI   `json:"id"`
	Source      Ref          `json:"source"`
	Via         *Ref         `json:"via,omitempty"`
	Stance      string       `json:"stance"`
	Reported    string       `json:"reported"`
	ValidFrom   string       `json:"validFrom"`
	ValidUntil  string       `json:"validUntil"`
	Quote       string       `json:"quote,omitempty"`
	Note        string       `json:"note,omitempty"`
	Confidence  float64      `json:"confidence,omitempty"`
	Derived     bool         `json:"derived"`
	EndedBy     schema.IRI   `json:"endedBy,omitempty"`
	EndedOn     string       `json:"endedOn,omitempty"`
	Retractions []Retraction `json:"retractions,omitempty"`
}

// Retraction is the withdrawal of a claim by its source.
type Retraction struct {
	Claim    schema.IRI `json:"claim"`
	Reported string     `json:"reported"`
}

// Edge is the result of edges and contested.
type Edge struct {
	Subject   Ref        `json:"subject"`
	Relation  string     `json:"relation"`
	Object    Ref        `json:"object"`
	Contested bool       `json:"contested"`
	Evidence  []Claim    `json:"evidence"`
	Rivals    []Ref      `json:"rivals,omitempty"`
	Recorded  []Recorded `json:"recorded,omitempty"`
}

// Step is the result of lineage and path.
type Step struct {
	From     Ref     `json:"from"`
	Relation string  `json:"relation"`
	To       Ref     `json:"to"`
	Reverse  bool    `json:"reverse"`
	Former   bool    `json:"former"`
	Depth    int     `json:"depth"`
	Evidence []Claim `json:"evidence"`
}

// Match is the result of find.
type Match struct {
	Entity   Entity  `json:"entity"`
	Evidence []Claim `json:"evidence"`
}

// Stats is the result of stats.
type Stats struct {
	Quads      int64          `json:"quads"`
	Entities   int            `json:"entities"`
	Claims     int            `json:"claims"`
	Facts      int            `json:"facts"`
	Attributes int            `json:"attributes"`
	Relations  map[string]int `json:"relations"`
}

// Interval is the result of history.
type Interval struct {
	Subject  Ref    `json:"subject"`
	Relation string `json:"relation"`
	Object   Ref    `json:"object"`
	From     string `json:"from"`
	Until    string `json:"until"`
	Claim    Claim  `json:"claim"`
}

// Change is the result of changes; Kind is began, ended, happened,
// reported, denied or retracted.
type Change struct {
	Kind string `json:"kind"`
	On   string `json:"on"`
	Interval
}

// RefOf names e.
func RefOf(e graph.Entity) Ref { return Ref{ID: e.ID, Name: e.String()} }

func refsOf(es []graph.Entity) []Ref {
	var out []Ref
	for _, e := range es {
		out = append(out, RefOf(e))
	}
	return out
}

// EntityOf is e in full, its kinds by their short names in v.
func EntityOf(v *schema.Vocabulary, e graph.Entity) Entity {
	j := Entity{ID: e.ID, Name: e.Name, Kinds: v.KindNames(e.Kinds), Aliases: []Alias{},
		SameAs: e.SameAs, Description: e.Description, Merged: e.Merged}
	for _, a := range e.Aliases {
		j.Aliases = append(j.Aliases, Alias{Name: a.Name, Lang: a.Lang})
	}
	if j.SameAs == nil {
		j.SameAs = []schema.IRI{}
	}
	return j
}

// EvidenceOf is ev, one Claim a claim; an empty list, not null, for none.
func EvidenceOf(ev graph.Evidence) []Claim {
	out := []Claim{}
	for _, c := range ev {
		j := Claim{ID: c.ID, Source: RefOf(c.Source), Stance: c.Stance.String(),
			Reported: c.Reported.String(), ValidFrom: c.ValidFrom.String(), ValidUntil: c.ValidUntil.String(),
			Quote: c.Quote, Note: c.Note, Confidence: c.Confidence, Derived: c.Derived,
			EndedBy: c.EndedBy, EndedOn: c.EndedOn.String()}
		if c.Via.ID != "" {
			via := RefOf(c.Via)
			j.Via = &via
		}
		for _, r := range c.Retractions {
			j.Retractions = append(j.Retractions, Retraction{Claim: r.Claim, Reported: r.Reported.String()})
		}
		out = append(out, j)
	}
	return out
}

// EdgeOf is e, its relation by its short name in v.
func EdgeOf(v *schema.Vocabulary, e graph.Edge) Edge {
	j := Edge{Subject: RefOf(e.Subject), Relation: v.RelationName(e.Relation), Object: RefOf(e.Object),
		Contested: e.Evidence.Contested(), Evidence: EvidenceOf(e.Evidence), Rivals: refsOf(e.Rivals)}
	for _, r := range e.Recorded {
		j.Recorded = append(j.Recorded, Recorded{Subject: r.Subject, Object: r.Object, Claim: r.Claim})
	}
	return j
}

// StepOf is s, its relation by its short name in v.
func StepOf(v *schema.Vocabulary, s graph.Step) Step {
	return Step{From: RefOf(s.From), Relation: v.RelationName(s.Relation), To: RefOf(s.To),
		Reverse: s.Reverse, Former: s.Former, Depth: s.Depth, Evidence: EvidenceOf(s.Evidence)}
}

// MatchOf is m, the entity's kinds by their short names in v.
func MatchOf(v *schema.Vocabulary, m graph.Match) Match {
	return Match{Entity: EntityOf(v, m.Entity), Evidence: EvidenceOf(m.Evidence)}
}

// IntervalOf is in, its relation by its short name in v.
func IntervalOf(v *schema.Vocabulary, in graph.Interval) Interval {
	return Interval{Subject: RefOf(in.Subject), Relation: v.RelationName(in.Relation), Object: RefOf(in.Object),
		From: in.From.String(), Until: in.Until.String(), Claim: EvidenceOf(graph.Evidence{in.Claim})[0]}
}

// ChangeOf is ch, its relation by its short name in v.
func ChangeOf(v *schema.Vocabulary, ch graph.Change) Change {
	return Change{Kind: ch.Kind.String(), On: ch.On.String(), Interval: IntervalOf(v, ch.Interval)}
}

// List converts each of xs by of with the vocabulary v: an empty list, not
// null, for none.
func List[T, J any](v *schema.Vocabulary, xs []T, of func(*schema.Vocabulary, T) J) []J {
	out := make([]J, 0, len(xs))
	for _, x := range xs {
		out = append(out, of(v, x))
	}
	return out
}
