package graph

import (
	"fmt"
	"hash/maphash"
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
	if got := m.list(quad.Label, quad.IRI("c1")); len(got) != 1 || m.quads[got[0]] != a {
		t.Errorf("by label c1: %v, want the one quad it labels", got)
	}
}

// On a hub (one edge with many claims) every list but the label's is long:
// the duplicate check must still find a repeat there, and keep distinct
// labels apart.
func TestMemIndexFindsDuplicatesOnAnEdgeWithManyClaims(t *testing.T) {
	m := newMemIndex()
	s, p, o := quad.IRI("s"), quad.IRI("p"), quad.IRI("o")
	for round := range 2 {
		for i := range 200 {
			m.add(quad.Quad{Subject: s, Predicate: p, Object: o, Label: quad.IRI(fmt.Sprint("c", i))})
		}
		if len(m.quads) != 200 {
			t.Fatalf("round %d: %d quads indexed, want 200", round, len(m.quads))
		}
	}
	m.add(quad.Quad{Subject: s, Predicate: p, Object: o}) // unlabelled: not a repeat of any
	if len(m.quads) != 201 || len(m.list(quad.Label, quad.IRI("c7"))) != 1 {
		t.Errorf("%d quads, %d labelled c7; want 201 and 1", len(m.quads), len(m.list(quad.Label, quad.IRI("c7"))))
	}
}

// batchSeen drops repeats by hash, and keeps apart two quads whose hashes
// collide (simulated here by pointing one's hash at the other).
func TestBatchSeenDropsRepeatsAndSurvivesCollisions(t *testing.T) {
	var b batchSeen
	var quads []quad.Quad
	q1 := quad.Quad{Subject: quad.IRI("s"), Predicate: quad.IRI("p"), Object: quad.String("o")}
	q2 := q1
	q2.Label = quad.IRI("c")
	for _, q := range []quad.Quad{q1, q1} {
		if b.add(quads, q) {
			quads = append(quads, q)
		}
	}
	b.first[maphash.Comparable(b.seed, q2)] = 0 // q2 "collides" with q1
	for _, q := range []quad.Quad{q2, q2, q1} {
		if b.add(quads, q) {
			quads = append(quads, q)
		}
	}
	if len(quads) != 2 || quads[0] != q1 || quads[1] != q2 {
		t.Errorf("kept %v, want q1 then q2", quads)
	}
}
