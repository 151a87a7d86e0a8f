package graph

import (
	"fmt"
	"slices"
	"strings"

	"github.com/actorgraph/actorgraph/schema"
)

// Entity is a node of the graph: an actor (a state, a group, a person), a place,
// or a source (an outlet, a report). Its Kinds say which.
type Entity struct {
	ID          schema.IRI
	Kinds       []schema.Kind
	Name        string
	Aliases     []Alias
	SameAs      []schema.IRI // the same entity in other datasets (Wikidata), where verified
	Description string
	// Merged lists, on read, the other entities of the graph that a merge
	// (Tx.Merge) made one with this one, whose ID is the least of them all.
	// It is ignored on write.
	Merged []schema.IRI
}

// Alias is another name of an entity, with its language where known.
type Alias struct {
	Name string
	Lang string // BCP 47 tag, "" where unknown
}

// Is reports whether e has kind k or a kind below it in v.
func (e Entity) Is(v *schema.Vocabulary, k schema.Kind) bool {
	for _, have := range e.Kinds {
		if v.IsA(have, k) {
			return true
		}
	}
	return false
}

// String returns the entity's name, or its ID when it has none.
func (e Entity) String() string {
	if e.Name != "" {
		return e.Name
	}
	return string(e.ID)
}

// Stance is whether a claim's source says its quads hold or not.
type Stance uint8

// Stances. The zero Stance is Asserted.
const (
	Asserted  Stance = iota // the source says it holds
	Denied                  // the source says it does not
	Retracted               // the source withdraws an earlier claim of its own, named by Claim.Retracts
)

// String returns "asserted", "denied" or "retracted".
func (s Stance) String() string {
	switch s {
	case Asserted:
		return "asserted"
	case Denied:
		return "denied"
	case Retracted:
		return "retracted"
	}
	return fmt.Sprintf("Stance(%d)", uint8(s))
}

// Claim is the evidence behind facts: who said it, when, whether they said it
// holds or not, and when it holds in the world. Every fact is labelled with a claim.
type Claim struct {
	ID     schema.IRI
	Source Entity // who said it; on write only Source.ID is read
	Via    Entity // the medium it was said through (CNN, Telegram), if any
	Stance Stance
	// Retracts is, for a claim of stance Retracted, the claim it withdraws: an
	// earlier claim of the same source. It is empty for other stances.
	Retracts schema.IRI
	// Retractions lists, on read, the claims by which the source has withdrawn
	// this claim, earliest first. A read counts the claim only while no
	// retraction is known: with KnownAt(d), until the first retraction
	// reported by d. Retractions is ignored on write.
	Retractions []Retraction
	// Derived is set, on read, on an event's claim given as the evidence of
	// a state the event started: the claim of a capture, as evidence that the
	// captor controls the place.
	Derived bool
	// EndedBy and EndedOn are set, on read, when a reading of time cut the
	// claim's state short: the claim that ended it (a successor's in an
	// exclusive slot, or an event's, such as a withdrawal) and the date from
	// which that claim holds. See WithEnded.
	EndedBy schema.IRI
	EndedOn Date
	// Reported is when it was said. It is required.
	Reported Date
	// ValidFrom and ValidUntil bound when the claim holds in the world; either may
	// be unknown (zero). ValidUntil is inclusive at its precision: "2018" holds
	// through 31 December 2018.
	ValidFrom, ValidUntil Date
	Quote                 string
	Note                  string
	// Confidence in [0, 1]; 0 means not given.
	Confidence float64
}

// Retraction is a claim by which a source withdrew one of its own claims.
type Retraction struct {
	Claim    schema.IRI // the retracting claim
	Reported Date       // when the retraction was reported
}

// Fact says that Subject stands in Relation to Object, on the evidence of Claim.
type Fact struct {
	Subject  schema.IRI
	Relation schema.Relation
	Object   schema.IRI
	Claim    schema.IRI
}

// AttributeFact says that Subject's Attribute has Value, on the evidence of Claim.
type AttributeFact struct {
	Subject   schema.IRI
	Attribute schema.Attribute
	Value     Value
	Claim     schema.IRI
}

// Evidence is the claims behind one fact, asserting and denying, sorted by
// reported date.
type Evidence []Claim

// Asserted reports whether some claim asserts the fact.
func (ev Evidence) Asserted() bool {
	return slices.ContainsFunc(ev, func(c Claim) bool { return c.Stance == Asserted })
}

// Denied reports whether some claim denies the fact.
func (ev Evidence) Denied() bool {
	return slices.ContainsFunc(ev, func(c Claim) bool { return c.Stance == Denied })
}

// Contested reports whether the fact is both asserted and denied.
func (ev Evidence) Contested() bool { return ev.Asserted() && ev.Denied() }

// Sources returns the names of the claims' sources, each once, in order.
func (ev Evidence) Sources() []string {
	var out []string
	for _, c := range ev {
		if n := c.Source.String(); !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

// Edge is a relation between two entities with its evidence.
type Edge struct {
	Subject  Entity
	Relation schema.Relation
	Object   Entity
	Evidence Evidence
	// Recorded lists the facts behind the edge as they were written, when a
	// merge made their subject or object one with another entity; it is nil
	// when no merge is involved.
	Recorded []Recorded
	// Rivals lists, for an exclusive state, the other holders whose claims
	// start at the same instant as one of this edge's: a conflict that
	// supersession cannot settle. (One claim that names several holders
	// from one start says they hold jointly: they are not rivals.)
	Rivals []Entity
}

// AttributeValue is one value of an attribute with its evidence.
type AttributeValue struct {
	Subject   Entity
	Attribute schema.Attribute
	Value     Value
	Evidence  Evidence
}

// Step is one edge of a traversal (a lineage, a path), in the order walked.
type Step struct {
	From, To Entity
	Relation schema.Relation
	// Reverse is true when the step walks the relation from its object to its
	// subject: To --Relation--> From.
	Reverse bool
	// Former is true when the relation describes the past (formerly known as,
	// formerly branch of) or every asserting claim gives an end date.
	Former   bool
	Depth    int // 1 for the first step from the start
	Evidence Evidence
	// Since and Until are when the step's relation held (the renaming, the
	// branching), on its asserting evidence: the earliest start (ValidFrom,
	// or the Reported date), and the latest ValidUntil, zero when some claim
	// gives none (it still holds).
	Since, Until Date
	// Cut is set, in a Lineage, on a step at the walk's depth bound whose
	// To has edges the walk did not follow: the result stops there because
	// of MaxDepth, not because the graph does.
	Cut bool
}

// Match is an entity a query found, with the evidence of the constraints it met.
type Match struct {
	Entity   Entity
	Evidence Evidence
}

func lessFold(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) }
