package postgres

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/lib/pq"
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

// A read names the predicates the store's reads have returned before by
// their hashes only, and gets their values from the store's memory: the
// same quads as the first time.
func TestKnownPredicates(t *testing.T) {
	st := open(t, Backend{}, primaryOnly(t))
	s, p := quad.IRI("s"), quad.IRI("p")
	add(t, st, quad.Quad{Subject: s, Predicate: p, Object: p}, quad.Quad{Subject: p, Predicate: p, Object: quad.String("itself")})
	ctx := context.Background()
	var reads [2][]quad.Quad
	for i := range reads {
		got, err := st.Each(ctx, quad.Subject, s, nil)
		if err != nil {
			t.Fatal(err)
		}
		reads[i] = got
	}
	if v := st.known.values[hash(hashOf(p))]; v != p {
		t.Errorf("the store knows %v for the hash of %v", v, p)
	}
	if len(reads[1]) != 1 || !sameQuads(reads[0], reads[1]) {
		t.Errorf("second read = %v, first %v", sorted(reads[1]), sorted(reads[0]))
	}
	// Known values are left out of every kind of read, and filled in.
	near, err := st.Subjects(ctx, []quad.Value{p})
	if err != nil || len(near[p]) != 1 || near[p][0] != (quad.Quad{Subject: p, Predicate: p, Object: quad.String("itself")}) {
		t.Errorf("Subjects(p) = %v, %v", near, err)
	}
	hop, near, err := st.Around(ctx, quad.Subject, s, []quad.Value{p}, []quad.Value{p})
	if err != nil || !sameQuads(hop, reads[0]) || len(near[p]) != 1 {
		t.Errorf("Around(s) = %v, %v, %v", hop, near, err)
	}
}

// The library's pool reads and writes through a key=value location as
// through a URL (both get lib/pq's binary parameters).
func TestKeyValueLocation(t *testing.T) {
	kv, err := pq.ParseURL(primaryOnly(t))
	if err != nil {
		t.Fatal(err)
	}
	st := open(t, Backend{}, "postgres:"+kv)
	q := quad.Quad{Subject: quad.IRI("s"), Predicate: quad.IRI("p"), Object: quad.String("o \x00 with a NUL"), Label: quad.IRI("claim")}
	add(t, st, q)
	got, err := st.Each(context.Background(), quad.Subject, q.Subject, nil)
	if err != nil || len(got) != 1 || got[0] != q {
		t.Errorf("Each(s) = %v, %v; want %v", got, err, q)
	}
}

// The library's connections plan generically and never scan a table whole
// (see connectionSettings).
func TestConnectionSettings(t *testing.T) {
	st := open(t, Backend{}, primaryOnly(t))
	for setting, want := range map[string]string{"plan_cache_mode": "force_generic_plan", "enable_seqscan": "off"} {
		var got string
		if err := st.db.QueryRowContext(context.Background(), "SHOW "+setting).Scan(&got); err != nil || got != want {
			t.Errorf("SHOW %s = %q, %v; want %q", setting, got, err, want)
		}
	}
}
