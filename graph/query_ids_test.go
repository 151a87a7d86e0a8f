package graph_test

import (
	"context"
	"reflect"
	"slices"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

const idsNS schema.Namespace = "https://example.org/ids/"

// idsFixture is a graph of states backing groups by claims of every kind a
// query weighs: asserted, denied, contested, retracted, dated, of one source
// and of two, to a group and to what is not one, on the store at location.
func idsFixture(t *testing.T, location string) *graph.Graph {
	t.Helper()
	g, err := graph.Open(ctx, fresh(t, location), graph.TestBackends)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { g.Close() })
	n := idsNS.IRI
	err = g.Write(ctx, func(tx *graph.Tx) error {
		entities := []graph.Entity{
			{ID: n("s1"), Kinds: []schema.Kind{schema.State}, Name: "Alpha state"},
			{ID: n("s2"), Kinds: []schema.Kind{schema.State}, Name: "Beta state"},
			{ID: n("s3"), Kinds: []schema.Kind{schema.State}, Name: "Gamma state"},
			{ID: n("gov"), Kinds: []schema.Kind{schema.Government}, Name: "A government"},
			{ID: n("gov2"), Kinds: []schema.Kind{schema.Government}, Name: "Another government"},
			{ID: n("r1"), Kinds: []schema.Kind{schema.Report}, Name: "First report"},
			{ID: n("r2"), Kinds: []schema.Kind{schema.Report}, Name: "Second report"},
		}
		for _, g := range []string{"g1", "g2", "g3", "g4", "g5", "g6", "g7", "g8"} {
			// Named against the order of their IDs: All sorts by name, IDs by ID.
			entities = append(entities, graph.Entity{ID: n(g), Kinds: []schema.Kind{schema.ArmedGroup}, Name: "Group " + string(rune('z'-g[1]+'1'))})
		}
		for _, e := range entities {
			if err := tx.AddEntity(e); err != nil {
				return err
			}
		}
		y2000 := graph.Year(2000)
		for _, c := range []graph.Claim{
			{ID: n("c-a"), Source: graph.Entity{ID: n("r1")}, Reported: y2000},
			{ID: n("c-d"), Source: graph.Entity{ID: n("r1")}, Reported: y2000, Stance: graph.Denied},
			{ID: n("c-r"), Source: graph.Entity{ID: n("r1")}, Reported: y2000},
			{ID: n("c-rr"), Source: graph.Entity{ID: n("r1")}, Reported: graph.Year(2005), Stance: graph.Retracted, Retracts: n("c-r")},
			{ID: n("c-late"), Source: graph.Entity{ID: n("r1")}, Reported: y2000, ValidFrom: graph.Year(2020)},
			{ID: n("c-two1"), Source: graph.Entity{ID: n("r1")}, Reported: y2000},
			{ID: n("c-two2"), Source: graph.Entity{ID: n("r2")}, Reported: y2000},
			{ID: n("c-yes"), Source: graph.Entity{ID: n("r2")}, Reported: y2000},
			{ID: n("c-no"), Source: graph.Entity{ID: n("r1")}, Reported: y2000, Stance: graph.Denied},
			{ID: n("c-founded"), Source: graph.Entity{ID: n("r1")}, Reported: y2000},
		} {
			if err := tx.AddClaim(c); err != nil {
				return err
			}
		}
		for _, f := range []graph.Fact{
			{Subject: n("s1"), Relation: schema.Backs, Object: n("g1"), Claim: n("c-a")},
			{Subject: n("s2"), Relation: schema.Backs, Object: n("g2"), Claim: n("c-d")},    // denied only
			{Subject: n("s3"), Relation: schema.Backs, Object: n("g3"), Claim: n("c-r")},    // retracted in 2005
			{Subject: n("s1"), Relation: schema.Backs, Object: n("g4"), Claim: n("c-late")}, // from 2020
			{Subject: n("s1"), Relation: schema.Backs, Object: n("gov"), Claim: n("c-a")},   // not a group
			{Subject: n("g1"), Relation: schema.Backs, Object: n("g5"), Claim: n("c-a")},    // by a group, not a state
			{Subject: n("s1"), Relation: schema.Backs, Object: n("g6"), Claim: n("c-two1")},
			{Subject: n("s1"), Relation: schema.Backs, Object: n("g6"), Claim: n("c-two2")}, // two sources
			{Subject: n("s2"), Relation: schema.Backs, Object: n("g7"), Claim: n("c-yes")},
			{Subject: n("s2"), Relation: schema.Backs, Object: n("g7"), Claim: n("c-no")}, // contested
			{Subject: n("g1"), Relation: schema.EnemyOf, Object: n("g8"), Claim: n("c-a")},
		} {
			if err := tx.Assert(f); err != nil {
				return err
			}
		}
		// More enemies than g1 and g8 have quads: a query reads their
		// lists, not the relation's.
		for _, p := range [][2]string{{"g2", "g3"}, {"g3", "g4"}, {"g4", "g5"}, {"g5", "g6"}, {"g6", "g7"}, {"g7", "g2"}, {"g2", "g4"}, {"g3", "g5"}} {
			if err := tx.Assert(graph.Fact{Subject: n(p[0]), Relation: schema.EnemyOf, Object: n(p[1]), Claim: n("c-a")}); err != nil {
				return err
			}
		}
		return tx.AssertAttribute(graph.AttributeFact{Subject: n("g1"), Attribute: schema.Founded, Value: graph.Year(2010), Claim: n("c-founded")})
	})
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// idsQueries are query shapes on idsFixture with the IDs they match.
func idsQueries() []struct {
	name string
	q    graph.Query
	want []string
} {
	groups := func() graph.Query { return graph.Find(schema.ArmedGroup) }
	states := func() graph.Query { return graph.Find(schema.State) }
	backedByAState := groups().WhereSome(schema.Backs.From, states())
	return []struct {
		name string
		q    graph.Query
		want []string
	}{
		{"backed by some state", backedByAState, []string{"g1", "g4", "g6", "g7"}},
		{"as of 2010", backedByAState.AsOf(graph.Year(2010)), []string{"g1", "g6", "g7"}},
		{"known before the retraction", backedByAState.KnownAt(graph.Year(2003)), []string{"g1", "g3", "g4", "g6", "g7"}},
		{"per two sources", groups().WhereSome(graph.BySources(2, schema.Backs.From), states()), []string{"g6"}},
		{"per the second report", backedByAState.With(graph.BySource(idsNS.IRI("r2"))), []string{"g6", "g7"}},
		{"rated claims only", groups().WhereSome(schema.Backs.From, states()).With(graph.MinConfidence(1)), []string{}},
		{"backed by the first state by name", groups().WhereSome(schema.Backs.From, states().Limit(1)), []string{"g1", "g4", "g6"}},
		{"backed by a state, and by the first", backedByAState.Where(schema.Backs.From(idsNS.IRI("s1"))), []string{"g1", "g4", "g6"}},
		{"limited", backedByAState.Limit(2), []string{"g6", "g7"}}, // the first two by name (Seq's are any two)
		{"states backing a group some state backs", states().WhereSome(schema.Backs.To, backedByAState), []string{"s1", "s2"}},
		{"backed by a group", groups().WhereSome(schema.Backs.From, groups()), []string{"g5"}},
		{"an enemy of a group the first state backs, read both ways", groups().WhereSome(schema.EnemyOf.To,
			groups().Where(schema.Backs.From(idsNS.IRI("s1")))), []string{"g2", "g3", "g5", "g7", "g8"}},
		{"an enemy of g1, who named it second", groups().Where(schema.EnemyOf.To(idsNS.IRI("g1"))), []string{"g8"}},
		{"an enemy of g8, who named it first", groups().Where(schema.EnemyOf.From(idsNS.IRI("g8"))), []string{"g1"}},
		{"backed by a state, and by the second", backedByAState.Where(schema.Backs.From(idsNS.IRI("s2"))), []string{"g7"}},
		{"backed by the first state, an enemy of what a group backs", groups().Where(schema.Backs.From(idsNS.IRI("s1"))).
			WhereSome(schema.EnemyOf.To, groups().WhereSome(schema.Backs.From, groups())), []string{"g4", "g6"}},
		// Fewer foundings than governments: the query starts from the foundings.
		{"governments founded at all", graph.Find(schema.Government).WhereAttr(schema.Founded), []string{}},
		{"founded at all", groups().WhereAttr(schema.Founded), []string{"g1"}},
		{"states backing a group founded before 2015", states().WhereSome(schema.Backs.To,
			groups().WhereAttr(schema.Founded, graph.Before(graph.Year(2015)))), []string{"s1"}},
		{"every group", groups(), []string{"g1", "g2", "g3", "g4", "g5", "g6", "g7", "g8"}},
	}
}

// IDs are All's matches' IDs, sorted by ID, on every store, for every shape;
// with a merge too, which the index's term ids do not tell.
func TestIDsAreAllsMatchesIDs(t *testing.T) {
	merged := everyStore(t) // new locations, for the merged graph
	for i, s := range everyStore(t) {
		t.Run(s.name, func(t *testing.T) {
			g := idsFixture(t, s.location)
			for _, tc := range idsQueries() {
				var want []schema.IRI
				for _, w := range tc.want {
					want = append(want, idsNS.IRI(w))
				}
				checkIDs(t, g, tc.name, tc.q, want)
			}
		})
		t.Run(s.name+" merged", func(t *testing.T) {
			g := idsFixture(t, merged[i].location)
			err := g.Write(ctx, func(tx *graph.Tx) error {
				if err := tx.AddClaim(graph.Claim{ID: idsNS.IRI("c-same"), Source: graph.Entity{ID: idsNS.IRI("r1")}, Reported: graph.Year(2001)}); err != nil {
					return err
				}
				return tx.Merge(idsNS.IRI("g5"), idsNS.IRI("g2"), idsNS.IRI("c-same"))
			})
			if err != nil {
				t.Fatal(err)
			}
			for _, tc := range idsQueries() {
				checkIDs(t, g, tc.name, tc.q, nil)
			}
		})
	}
}

// checkIDs checks q.IDs against q.All's and, unless want is nil, against
// want; and that Seq yields what All returns (without q's Limit).
func checkIDs(t *testing.T, g *graph.Graph, name string, q graph.Query, want []schema.IRI) {
	t.Helper()
	ids, err := q.IDs(ctx, g)
	if err != nil {
		t.Fatalf("%s: IDs: %v", name, err)
	}
	ms, err := q.All(ctx, g)
	if err != nil {
		t.Fatalf("%s: All: %v", name, err)
	}
	var all []schema.IRI
	for _, m := range ms {
		all = append(all, m.Entity.ID)
	}
	slices.Sort(all)
	if !slices.Equal(ids, all) {
		t.Errorf("%s: IDs = %v, All's = %v", name, ids, all)
	}
	if want != nil && !slices.Equal(ids, want) {
		t.Errorf("%s: IDs = %v, want %v", name, ids, want)
	}
	if !slices.IsSorted(ids) {
		t.Errorf("%s: IDs not sorted: %v", name, ids)
	}
	// Seq yields any Limit matches, not the first by name: compare all.
	whole, err := q.Limit(0).All(ctx, g)
	if err != nil {
		t.Fatalf("%s: All: %v", name, err)
	}
	if seq := seqMatches(t, g, q.Limit(0)); !reflect.DeepEqual(seq, whole) {
		t.Errorf("%s: Seq = %q, All %q", name, matchNames(seq), matchNames(whole))
	}
}

// All's evidence is every claim that met a constraint, whichever way the
// query reads it.
func TestNestedQueriesEvidence(t *testing.T) {
	for _, s := range everyStore(t) {
		t.Run(s.name, func(t *testing.T) {
			g := idsFixture(t, s.location)
			ms, err := graph.Find(schema.ArmedGroup).WhereSome(schema.Backs.From, graph.Find(schema.State)).All(ctx, g)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string][]string{}
			for _, m := range ms {
				for _, c := range m.Evidence {
					got[m.Entity.Name] = append(got[m.Entity.Name], string(c.ID[len(idsNS):]))
				}
			}
			want := map[string][]string{
				"Group z": {"c-a"},              // g1
				"Group w": {"c-late"},           // g4
				"Group u": {"c-two1", "c-two2"}, // g6
				"Group t": {"c-no", "c-yes"},    // g7: the denial is evidence too
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("evidence = %v, want %v", got, want)
			}
			if names := matchNames(ms); !slices.Equal(names, []string{"Group t", "Group u", "Group w", "Group z"}) {
				t.Errorf("All's order = %q, want by name", names)
			}
		})
	}
}

// IDs refuses what All refuses, and stops when its context does.
func TestIDsRefusesWhatAllRefuses(t *testing.T) {
	g := idsFixture(t, "")
	for _, q := range []graph.Query{
		graph.Find(schema.ArmedGroup).WhereSome(schema.Backs.From, graph.Find(schema.City)),
		graph.Find(schema.ArmedGroup).Where(schema.Backs.From(idsNS.IRI("nobody"))),
		graph.Find(schema.ClaimKind),
	} {
		_, errAll := q.All(ctx, g)
		_, errIDs := q.IDs(ctx, g)
		if errAll == nil || errIDs == nil || errAll.Error() != errIDs.Error() {
			t.Errorf("IDs: %v, All: %v", errIDs, errAll)
		}
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := graph.Find(schema.ArmedGroup).WhereSome(schema.Backs.From, graph.Find(schema.State)).IDs(cancelled, g); err == nil {
		t.Error("IDs on a cancelled context: no error")
	}
}
