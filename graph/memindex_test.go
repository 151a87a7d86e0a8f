package graph

import (
	"testing"

	"github.com/cayleygraph/quad"
)

func TestMemIndexKeepsOneCopyOfEachQuad(t *testing.T) {
	m := newMemIndex()
	a := quad.Quad{Subject: quad.IRI("s"), Predicate: quad.IRI("p"), Object: quad.String("o"), Label: quad.IRI("c1")}
	b := a
	b.Label = quad.IRI("c2")
	for _, q := range []quad.Quad{a, b, a, b, a} {
		m.add(q)
	}
	if len(m.quads) != 2 {
		t.Fatalf("%d quads indexed, want 2", len(m.quads))
	}
	if got := m.list(quad.Subject, quad.IRI("s")); len(got) != 2 {
		t.Errorf("by subject: %v", got)
	}
	if got := m.list(quad.Object, quad.String("o")); len(got) != 2 {
		t.Errorf("by object: %v", got)
	}
	if got := m.list(quad.Label, quad.IRI("c1")); got != nil {
		t.Errorf("by label: %v, want none (labels are not indexed)", got)
	}
}
