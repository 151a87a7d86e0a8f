package postgres

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/cayleygraph/quad"
)

// Subjects reads of each subject asked for what Each reads of it, absent
// subjects and subjects asked for twice included, across statements.
func TestSubjectsReadsAsEach(t *testing.T) {
	st := open(t, Backend{}, primaryOnly(t))
	var quads []quad.Quad
	var subjects []quad.Value
	for i := range subjectsPerRead + 10 { // two statements
		s := quad.IRI(fmt.Sprint("s", i))
		subjects = append(subjects, s)
		quads = append(quads, quad.Quad{Subject: s, Predicate: quad.IRI("value"), Object: values[i%len(values)], Label: quad.IRI("claim")})
		if i%3 == 0 {
			quads = append(quads, quad.Quad{Subject: s, Predicate: quad.IRI("next"), Object: quad.IRI(fmt.Sprint("s", i+1))})
		}
	}
	add(t, st, quads...)
	ask := append(slices.Clone(subjects), quad.IRI("absent"), subjects[0], quad.String("a literal"))
	ctx := context.Background()
	got, err := st.Subjects(ctx, ask)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(subjects)+2 {
		t.Errorf("Subjects read %d subjects, want %d", len(got), len(subjects)+2)
	}
	for _, v := range ask {
		want, err := st.Each(ctx, quad.Subject, v, nil)
		if err != nil {
			t.Fatal(err)
		}
		qs, ok := got[v]
		if !ok || !sameQuads(qs, want) {
			t.Errorf("Subjects' quads of %v = %v (present %v), want %v", v, sorted(qs), ok, sorted(want))
		}
	}
	if n := len(got[subjects[3]]); n != 2 {
		t.Errorf("Subjects read %d quads of s3, want 2", n)
	}
}
