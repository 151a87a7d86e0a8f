package answer_test

import (
	"errors"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/answer"
	"github.com/actorgraph/actorgraph/schema"
)

func TestSplitWhereReadsRelationsThatAreIRIs(t *testing.T) {
	for _, c := range []struct {
		in         string
		rel        string
		from       bool
		id         string
		wellFormed bool
	}{
		{"backs:to:coalition", "backs", false, "coalition", true},
		{"leads:from:hts", "leads", true, "hts", true},
		{"https://actorgraph.org/ns#backs:to:https://x.example/id/a", "https://actorgraph.org/ns#backs", false, "https://x.example/id/a", true},
		{"backs:from:https://x.example/to:b", "backs", true, "https://x.example/to:b", true},
		{"backs", "", false, "", false},
		{"backs:sideways:x", "", false, "", false},
		{":to:x", "", false, "", false},
		{"backs:to:", "", false, "", false},
	} {
		rel, from, id, ok := answer.SplitWhere(c.in)
		if rel != c.rel || from != c.from || id != c.id || ok != c.wellFormed {
			t.Errorf("SplitWhere(%q) = %q, %v, %q, %v; want %q, %v, %q, %v", c.in, rel, from, id, ok, c.rel, c.from, c.id, c.wellFormed)
		}
	}
}

func TestTermsByShortNameOrIRI(t *testing.T) {
	v := schema.Core()
	if r, err := answer.Relation(v, "backs"); err != nil || r != schema.Backs {
		t.Errorf("backs: %q, %v", r, err)
	}
	if r, err := answer.Relation(v, string(schema.Backs)); err != nil || r != schema.Backs {
		t.Errorf("the IRI of backs: %q, %v", r, err)
	}
	if _, err := answer.Relation(v, "ArmedGroup"); !errors.Is(err, graph.ErrUnknownTerm) {
		t.Errorf("a kind as a relation: %v", err)
	}
	if k, err := answer.Kind(v, "ArmedGroup"); err != nil || k != schema.ArmedGroup {
		t.Errorf("ArmedGroup: %q, %v", k, err)
	}
	if _, err := answer.Kind(v, "backs"); !errors.Is(err, graph.ErrUnknownTerm) {
		t.Errorf("a relation as a kind: %v", err)
	}
}

// walkOnly is a family of options that no Filter is.
type walkOnly interface{ unrelated() }

func TestOptionsRefuseWhatAFamilyDoesNotTake(t *testing.T) {
	f := answer.Filters{AsOf: graph.Year(2024), KnownAt: graph.Day(2024, 12, 7), DuringFrom: graph.Year(2020), DuringUntil: graph.Year(2020)}
	opts, err := answer.Options[graph.EdgeOption](f, "edges")
	if err != nil || len(opts) != 3 {
		t.Errorf("edges: %d options, %v", len(opts), err)
	}
	if _, err := answer.Options[walkOnly](f, "walk"); err == nil {
		t.Error("a family that takes no filter took them")
	}
	if opts, err := answer.Options[walkOnly](answer.Filters{}, "walk"); err != nil || len(opts) != 0 {
		t.Errorf("no filters: %d options, %v", len(opts), err)
	}
}
