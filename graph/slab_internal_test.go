package graph

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/schema"
)

// A slab's slices are each their own part of a chunk: capped at their
// length, so that an append copies rather than runs into the next one.
func TestSlabSlicesDoNotOverlap(t *testing.T) {
	var s slab[int]
	a := s.clone([]int{1, 2})
	b := s.clone([]int{3})
	if cap(a) != 2 || cap(b) != 1 {
		t.Fatalf("caps %d, %d; want 2, 1", cap(a), cap(b))
	}
	a = append(a, 9)
	a[0] = 7
	if !slices.Equal(b, []int{3}) {
		t.Fatalf("appending to and changing a changed b: %v", b)
	}
	if got := s.clone(nil); got != nil {
		t.Fatalf("clone(nil) = %#v, want nil", got)
	}
	if got := s.clone([]int{}); got == nil || len(got) != 0 {
		t.Fatalf("clone([]int{}) = %#v, want an empty slice, not nil", got)
	}
	// Past a chunk, a new one.
	var big []int
	for i := range 3 * maxSlab {
		big = append(big, s.clone([]int{i})...)
	}
	for i, x := range big {
		if x != i {
			t.Fatalf("big[%d] = %d", i, x)
		}
	}
}

// trim gives back what the last take did not use, and only that.
func TestSlabTrimGivesBackTheUnused(t *testing.T) {
	var s slab[int]
	a := append(s.take(4), 1)
	a = s.trim(a)
	b := append(s.take(1), 2)
	if cap(a) != 1 || &a[:1][0] == &b[:1][0] {
		t.Fatalf("a = %v (cap %d), b = %v: overlapping", a, cap(a), b)
	}
	if &b[0] != &s.chunk[1] {
		t.Fatal("trim did not give back a's unused capacity")
	}
	// A slice taken before the last one gives nothing back.
	taken := s.take(3)
	d := append(s.take(1), 4)
	c := s.trim(append(taken, 3))
	e := append(s.take(1), 5)
	if d[0] != 4 || c[0] != 3 || e[0] != 5 || &e[0] == &taken[:3][1] || &e[0] == &taken[:3][2] {
		t.Fatalf("c = %v, d = %v, e = %v: trim gave back a slice's capacity it did not take last", c, d, e)
	}
	if z := s.trim(s.take(0)); len(z) != 0 {
		t.Fatalf("trim(take(0)) = %v", z)
	}
}

// The claim cache keeps each field decodeClaim sets (keptClaim): a field
// added to Claim must be added there too, or a cached read would drop it.
func TestKeptClaimKeepsEveryDecodedField(t *testing.T) {
	var fields []string
	for f := range reflect.TypeFor[Claim]().Fields() {
		fields = append(fields, f.Name)
	}
	want := []string{"ID", "Source", "Via", "Stance", "Retracts", "Retractions", "Derived", "EndedBy", "EndedOn",
		"Reported", "ValidFrom", "ValidUntil", "Quote", "Note", "Confidence"}
	if !slices.Equal(fields, want) {
		t.Fatalf("Claim's fields are %v, not %v: keep the new ones in keptClaim (memindex.go), if decodeClaim sets them, and update this list", fields, want)
	}
	c := Claim{ID: "c", Source: Entity{ID: "s"}, Via: Entity{ID: "v"}, Stance: Retracted, Retracts: "r",
		Retractions: []Retraction{{Claim: "x", Reported: Year(2001)}}, Reported: Year(2000), ValidFrom: Year(1999),
		ValidUntil: Year(2002), Quote: "q", Note: "n", Confidence: 0.5}
	m := newMemIndex()
	m.keepClaim(c.ID, &c, true)
	var got Claim
	if exists, cached := m.claim(c.ID, &got); !exists || !cached || !reflect.DeepEqual(got, c) {
		t.Fatalf("the cache gives back %+v (exists %v, cached %v), want %+v", got, exists, cached, c)
	}
}

// A merged view is built from its members' entities in place: on a backend
// without the read index, where a reader caches what it decodes, building it
// must leave the reader's cached members as decoded.
func TestViewLeavesTheReadersEntitiesAlone(t *testing.T) {
	ctx := context.Background()
	g, err := Open(ctx, "direct:"+filepath.Join(t.TempDir(), "direct"), testBackends)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	a, b := schema.IRI("https://example.org/id/a"), schema.IRI("https://example.org/id/b")
	err = g.Write(ctx, func(tx *Tx) error {
		for _, e := range []Entity{
			{ID: a, Kinds: []schema.Kind{schema.State}, Name: "Alpha", Aliases: []Alias{{Name: "Zulu"}, {Name: "Beta"}, {Name: "Yankee"}}},
			{ID: b, Kinds: []schema.Kind{schema.State}, Name: "Able"},
			{ID: "https://example.org/id/src", Kinds: []schema.Kind{schema.Report}, Name: "Source"},
		} {
			if err := tx.AddEntity(e); err != nil {
				return err
			}
		}
		if err := tx.AddClaim(Claim{ID: "https://example.org/id/m", Source: Entity{ID: "https://example.org/id/src"}, Reported: Year(2024)}); err != nil {
			return err
		}
		return tx.Merge(a, b, "https://example.org/id/m")
	})
	if err != nil {
		t.Fatal(err)
	}
	err = g.read(ctx, func(r *reader) error {
		want, _, err := newReader(ctx, g).decodeEntity(a)
		if err != nil {
			return err
		}
		if _, _, err := r.view(a); err != nil {
			return err
		}
		got, _, err := r.entity(a)
		if err != nil {
			return err
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("after a view of %s the reader's entity has kinds %v, aliases %v; want %v, %v as decoded", a, got.Kinds, got.Aliases, want.Kinds, want.Aliases)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// sortEdges orders as a sort of the Edges themselves by their folded names
// would: names that share their first eight bytes, differ only in case, are
// empty, or are not ASCII included.
func TestSortEdgesOrdersByFoldedNames(t *testing.T) {
	names := []string{"", "a", "A", "ab", "ab\x00c", "Republic of Kanor", "republic of kanorA", "Republic of Kano",
		"Zulu", "zulu", "Élan", "élan", "دولة", "Republic of Kanor"}
	var es []Edge
	n := 0
	for _, s := range names {
		for _, o := range names {
			n++
			es = append(es, Edge{
				Subject:  Entity{ID: schema.IRI(fmt.Sprintf("s%03d", n%7)), Name: s},
				Object:   Entity{ID: schema.IRI(fmt.Sprintf("o%03d", n)), Name: o},
				Relation: schema.Relation(fmt.Sprint("r", n%3)),
			})
		}
	}
	want := slices.Clone(es)
	slices.SortFunc(want, func(a, b Edge) int {
		return cmpJoin(strings.Compare(strings.ToLower(a.Subject.Name), strings.ToLower(b.Subject.Name)),
			strings.Compare(strings.ToLower(a.Object.Name), strings.ToLower(b.Object.Name)),
			strings.Compare(string(a.Relation), string(b.Relation)),
			strings.Compare(string(a.Subject.ID), string(b.Subject.ID)),
			strings.Compare(string(a.Object.ID), string(b.Object.ID)))
	})
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(es), func(i, j int) { es[i], es[j] = es[j], es[i] })
	sortEdges(es)
	if !reflect.DeepEqual(es, want) {
		for i := range es {
			if !reflect.DeepEqual(es[i], want[i]) {
				t.Fatalf("edge %d is %q -> %q, want %q -> %q", i, es[i].Subject.Name, es[i].Object.Name, want[i].Subject.Name, want[i].Object.Name)
			}
		}
	}
}
