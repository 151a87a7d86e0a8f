package graph_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

func backers(t *testing.T, g *graph.Graph, fs ...graph.EdgeOption) []string {
	t.Helper()
	es, err := g.Edges(ctx, schema.Backs, append(fs, graph.To(coalition))...)
	if err != nil {
		t.Fatal(err)
	}
	out := []string{}
	for _, e := range es {
		out = append(out, e.Subject.Name)
	}
	return out
}

func TestARetractedClaimCountsUntilItsRetractionIsKnown(t *testing.T) {
	for _, st := range everyStore(t) {
		t.Run(st.name, func(t *testing.T) {
			loc := fresh(t, st.location)
			g := fixtureAt(t, loc)
			retraction := graph.Claim{ID: claimID("retract-backs"), Source: graph.Entity{ID: report},
				Stance: graph.Retracted, Retracts: claimID("backs"), Reported: graph.Day(2024, 12, 10),
				Quote: "An earlier version of this report said Turkey backs the coalition."}
			if err := g.Write(ctx, func(tx *graph.Tx) error { return tx.AddClaim(retraction) }); err != nil {
				t.Fatal(err)
			}
			check := func(g *graph.Graph) {
				t.Helper()
				for _, tc := range []struct {
					name string
					fs   []graph.EdgeOption
					want []string
				}{
					{"now", nil, []string{}},
					{"known on 9 December", []graph.EdgeOption{graph.KnownAt(graph.Day(2024, 12, 9))}, []string{"Turkey"}},
					{"known on 10 December", []graph.EdgeOption{graph.KnownAt(graph.Day(2024, 12, 10))}, []string{}},
					{"as of 8 December, known now", []graph.EdgeOption{graph.AsOf(graph.Day(2024, 12, 8))}, []string{}},
				} {
					if got := backers(t, g, tc.fs...); !slices.Equal(got, tc.want) {
						t.Errorf("%s: backers of the coalition = %q, want %q", tc.name, got, tc.want)
					}
				}
				c, err := g.Claim(ctx, claimID("backs"))
				if err != nil {
					t.Fatal(err)
				}
				if len(c.Retractions) != 1 || c.Retractions[0].Claim != retraction.ID || c.Retractions[0].Reported != retraction.Reported {
					t.Errorf("Claim(backs).Retractions = %+v", c.Retractions)
				}
				r, err := g.Claim(ctx, retraction.ID)
				if err != nil || r.Stance != graph.Retracted || r.Retracts != claimID("backs") {
					t.Errorf("Claim(retraction) = %+v, %v", r, err)
				}
			}
			check(g)
			if loc != "" { // a reopened store knows it holds retractions
				if err := g.Close(); err != nil {
					t.Fatal(err)
				}
				g2, err := graph.Open(ctx, loc, graph.TestBackends)
				if err != nil {
					t.Fatal(err)
				}
				defer g2.Close()
				check(g2)
			}
		})
	}
}

func TestRetractionsAreChecked(t *testing.T) {
	g := fixture(t)
	base := graph.Claim{ID: claimID("r"), Source: graph.Entity{ID: report}, Stance: graph.Retracted,
		Retracts: claimID("backs"), Reported: graph.Day(2024, 12, 10)}
	for _, tc := range []struct {
		name string
		edit func(c *graph.Claim)
		want error
	}{
		{"naming no claim", func(c *graph.Claim) { c.Retracts = "" }, graph.ErrInvalid},
		{"naming a missing claim", func(c *graph.Claim) { c.Retracts = claimID("nothing") }, graph.ErrDangling},
		{"of another source's claim", func(c *graph.Claim) { c.Source = graph.Entity{ID: turkey} }, graph.ErrInvalid},
		{"reported before the claim", func(c *graph.Claim) { c.Reported = graph.Day(2024, 12, 1) }, graph.ErrInvalid},
		{"of itself", func(c *graph.Claim) { c.Retracts = c.ID }, graph.ErrInvalid},
		{"by an asserting claim", func(c *graph.Claim) { c.Stance = graph.Asserted }, graph.ErrInvalid},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := base
			tc.edit(&c)
			if err := g.Write(ctx, func(tx *graph.Tx) error { return tx.AddClaim(c) }); !errors.Is(err, tc.want) {
				t.Errorf("err = %v, want %v", err, tc.want)
			}
		})
	}
	err := g.Write(ctx, func(tx *graph.Tx) error {
		if err := tx.AddClaim(base); err != nil {
			return err
		}
		return tx.Assert(graph.Fact{Subject: russia, Relation: schema.Backs, Object: coalition, Claim: base.ID})
	})
	if !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("a retraction labelling a fact: %v, want ErrInvalid", err)
	}
}

func TestRemovingAClaimRemovesWhatItIsEvidenceFor(t *testing.T) {
	for _, st := range everyStore(t) {
		t.Run(st.name, func(t *testing.T) {
			g := fixtureAt(t, fresh(t, st.location))
			// Read first, so that caches hold what is about to go.
			if got := backers(t, g); !slices.Equal(got, []string{"Turkey"}) {
				t.Fatalf("backers before = %q", got)
			}
			before := statements(t, g)
			if err := g.Write(ctx, func(tx *graph.Tx) error { return tx.RemoveClaim(claimID("backs")) }); err != nil {
				t.Fatal(err)
			}
			if got := backers(t, g); len(got) != 0 {
				t.Errorf("backers after the removal = %q", got)
			}
			if _, err := g.Claim(ctx, claimID("backs")); !errors.Is(err, graph.ErrNotFound) {
				t.Errorf("Claim after removal: %v", err)
			}
			after := statements(t, g)
			var gone []string
			for _, s := range before {
				if !slices.Contains(after, s) {
					gone = append(gone, s)
				}
			}
			for _, s := range after {
				if strings.Contains(s, string(claimID("backs"))+">") || !slices.Contains(before, s) {
					t.Errorf("after removal the graph holds %s", s)
				}
			}
			// Its metadata (type, source, stance, reported) and its one fact.
			if len(gone) != 5 {
				t.Errorf("removal took %d statements, want 5:\n%s", len(gone), strings.Join(gone, "\n"))
			}
			// The entities stay, and the claim's IRI may be used again in a later batch.
			if _, err := g.Entity(ctx, turkey); err != nil {
				t.Error(err)
			}
			err := g.Write(ctx, func(tx *graph.Tx) error {
				if err := tx.AddClaim(graph.Claim{ID: claimID("backs"), Source: graph.Entity{ID: report}, Reported: graph.Day(2024, 12, 7)}); err != nil {
					return err
				}
				return tx.Assert(graph.Fact{Subject: russia, Relation: schema.Backs, Object: coalition, Claim: claimID("backs")})
			})
			if err != nil {
				t.Fatal(err)
			}
			if got := backers(t, g); !slices.Equal(got, []string{"Russia"}) {
				t.Errorf("backers after re-adding = %q", got)
			}
		})
	}
}

func TestRemovingAnEntityInUseNeedsCascade(t *testing.T) {
	for _, st := range everyStore(t) {
		t.Run(st.name, func(t *testing.T) {
			g := fixtureAt(t, fresh(t, st.location))
			n := quadCount(t, g)
			err := g.Write(ctx, func(tx *graph.Tx) error { return tx.RemoveEntity(turkey) })
			if !errors.Is(err, graph.ErrInUse) || !strings.Contains(err.Error(), "1 facts") {
				t.Fatalf("RemoveEntity(turkey) = %v, want ErrInUse naming its fact", err)
			}
			if quadCount(t, g) != n {
				t.Fatal("a refused removal changed the store")
			}
			if err := g.Write(ctx, func(tx *graph.Tx) error { return tx.RemoveEntity(ministry) }); !errors.Is(err, graph.ErrInUse) {
				t.Fatalf("RemoveEntity(ministry), the source of a claim: %v, want ErrInUse", err)
			}
			if err := g.Write(ctx, func(tx *graph.Tx) error { return tx.RemoveEntity(turkey, graph.Cascade()) }); err != nil {
				t.Fatal(err)
			}
			if _, err := g.Entity(ctx, turkey); !errors.Is(err, graph.ErrNotFound) {
				t.Errorf("Entity(turkey) after removal: %v", err)
			}
			if es, err := g.Resolve(ctx, "Türkiye"); err != nil || len(es) != 0 {
				t.Errorf("Resolve(Türkiye) after removal = %v, %v", es, err)
			}
			if got := backers(t, g); len(got) != 0 {
				t.Errorf("backers after removing Turkey = %q", got)
			}
			// The ministry's claim goes with it, and the contested withdrawal is no longer contested.
			if err := g.Write(ctx, func(tx *graph.Tx) error { return tx.RemoveEntity(ministry, graph.Cascade()) }); err != nil {
				t.Fatal(err)
			}
			if _, err := g.Claim(ctx, claimID("denial")); !errors.Is(err, graph.ErrNotFound) {
				t.Errorf("the ministry's claim after a cascading removal: %v", err)
			}
			if c, err := g.Contested(ctx); err != nil || len(c) != 0 {
				t.Errorf("Contested after removing the denier = %v, %v", c, err)
			}
			for _, s := range statements(t, g) {
				if strings.Contains(s, string(turkey)+">") || strings.Contains(s, string(ministry)+">") {
					t.Errorf("after removal the graph holds %s", s)
				}
			}
		})
	}
}

func TestRemovalsAreAtomicAndChecked(t *testing.T) {
	g := fixture(t)
	n := quadCount(t, g)
	for _, tc := range []struct {
		name string
		fn   func(tx *graph.Tx) error
		want error
	}{
		{"a missing claim", func(tx *graph.Tx) error { return tx.RemoveClaim(claimID("nothing")) }, graph.ErrNotFound},
		{"a missing entity", func(tx *graph.Tx) error { return tx.RemoveEntity(id.IRI("nobody")) }, graph.ErrNotFound},
		{"an entity as a claim", func(tx *graph.Tx) error { return tx.RemoveClaim(turkey) }, graph.ErrNotFound},
		{"a claim as an entity", func(tx *graph.Tx) error { return tx.RemoveEntity(claimID("backs")) }, graph.ErrInvalid},
		{"a fact for a claim the batch removes", func(tx *graph.Tx) error {
			if err := tx.RemoveClaim(claimID("backs")); err != nil {
				return err
			}
			return tx.Assert(graph.Fact{Subject: russia, Relation: schema.Backs, Object: coalition, Claim: claimID("backs")})
		}, graph.ErrDangling},
		{"a fact about an entity the batch removes", func(tx *graph.Tx) error {
			if err := tx.RemoveEntity(russia, graph.Cascade()); err != nil {
				return err
			}
			return tx.Assert(graph.Fact{Subject: russia, Relation: schema.Backs, Object: coalition, Claim: claimID("backs")})
		}, graph.ErrDangling},
		{"a later failure undoes a removal", func(tx *graph.Tx) error {
			if err := tx.RemoveClaim(claimID("idlib")); err != nil {
				return err
			}
			return tx.Assert(graph.Fact{Subject: idlib, Relation: schema.Backs, Object: hts, Claim: claimID("backs")})
		}, graph.ErrDomain},
		{"a retracted claim whose retraction stays", func(tx *graph.Tx) error {
			return tx.RemoveClaim(claimID("retracted"))
		}, graph.ErrInUse},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.want == graph.ErrInUse {
				err := g.Write(ctx, func(tx *graph.Tx) error {
					if err := tx.AddClaim(graph.Claim{ID: claimID("retracted"), Source: graph.Entity{ID: report}, Reported: graph.Year(2024)}); err != nil {
						return err
					}
					return tx.AddClaim(graph.Claim{ID: claimID("retraction"), Source: graph.Entity{ID: report}, Stance: graph.Retracted,
						Retracts: claimID("retracted"), Reported: graph.Year(2025)})
				})
				if err != nil {
					t.Fatal(err)
				}
				n = quadCount(t, g)
			}
			if err := g.Write(ctx, tc.fn); !errors.Is(err, tc.want) {
				t.Errorf("err = %v, want %v", err, tc.want)
			}
			if m := quadCount(t, g); m != n {
				t.Errorf("a failed batch changed the store from %d to %d quads", n, m)
			}
		})
	}
	// Both in one batch, retraction first, is fine.
	err := g.Write(ctx, func(tx *graph.Tx) error {
		if err := tx.RemoveClaim(claimID("retraction")); err != nil {
			return err
		}
		return tx.RemoveClaim(claimID("retracted"))
	})
	if err != nil {
		t.Errorf("removing a retraction and its claim: %v", err)
	}
}

func TestAMergeIsAClaimThatReadsResolveThroughAndItsRemovalUndoes(t *testing.T) {
	for _, st := range everyStore(t) {
		t.Run(st.name, func(t *testing.T) {
			g := fixtureAt(t, fresh(t, st.location))
			// A duplicate of HTS, entered from another source, with a fact of its own.
			dup := id.IRI("tahrir")
			merge := claimID("merge-tahrir")
			err := g.Write(ctx, func(tx *graph.Tx) error {
				if err := tx.AddEntity(graph.Entity{ID: dup, Kinds: []schema.Kind{schema.ArmedGroup}, Name: "Tahrir al-Sham"}); err != nil {
					return err
				}
				if err := tx.AddClaim(graph.Claim{ID: claimID("dup-backed"), Source: graph.Entity{ID: report}, Reported: graph.Day(2024, 12, 7)}); err != nil {
					return err
				}
				return tx.Assert(graph.Fact{Subject: turkey, Relation: schema.Backs, Object: dup, Claim: claimID("dup-backed")})
			})
			if err != nil {
				t.Fatal(err)
			}
			before := statements(t, g)
			beforeN := quadCount(t, g)
			if es, _ := g.Edges(ctx, schema.Backs, graph.To(hts)); len(es) != 0 {
				t.Fatalf("before the merge HTS has backers: %v", edgeNames(g, es))
			}
			err = g.Write(ctx, func(tx *graph.Tx) error {
				if err := tx.AddClaim(graph.Claim{ID: merge, Source: graph.Entity{ID: report}, Reported: graph.Day(2024, 12, 8),
					Note: "the same group under a shortened name"}); err != nil {
					return err
				}
				return tx.Merge(hts, dup, merge)
			})
			if err != nil {
				t.Fatal(err)
			}
			for _, asked := range []schema.IRI{hts, dup} {
				e, err := g.Entity(ctx, asked)
				if err != nil {
					t.Fatal(err)
				}
				if e.ID != hts || !slices.Equal(e.Merged, []schema.IRI{dup}) || !slices.ContainsFunc(e.Aliases, func(a graph.Alias) bool { return a.Name == "Tahrir al-Sham" }) {
					t.Errorf("Entity(%s) = %+v, want HTS with the duplicate merged in", asked, e)
				}
				es, err := g.Edges(ctx, schema.Backs, graph.To(asked))
				if err != nil {
					t.Fatal(err)
				}
				if len(es) != 1 || es[0].Subject.ID != turkey || es[0].Object.ID != hts {
					t.Fatalf("Edges(backs, To(%s)) = %v", asked, edgeNames(g, es))
				}
				if want := []graph.Recorded{{Subject: turkey, Object: dup, Claim: claimID("dup-backed")}}; !slices.Equal(es[0].Recorded, want) {
					t.Errorf("Recorded = %+v, want %+v", es[0].Recorded, want)
				}
			}
			if es, err := g.Resolve(ctx, "Tahrir al-Sham"); err != nil || len(es) != 1 || es[0].ID != hts {
				t.Errorf("Resolve(the duplicate's name) = %v, %v", es, err)
			}
			if ms, err := graph.Find(schema.ArmedGroup).Where(schema.Backs.From(turkey)).All(ctx, g); err != nil || len(ms) != 1 || ms[0].Entity.ID != hts {
				t.Errorf("Find(armed groups Turkey backs) = %v, %v", ms, err)
			}
			if steps, err := g.Lineage(ctx, dup); err != nil || len(steps) != 2 {
				t.Errorf("Lineage(the duplicate) = %d steps, %v; want HTS's two", len(steps), err)
			}
			if p, err := g.Path(ctx, dup, jolani); err != nil || len(p) != 1 {
				t.Errorf("Path(duplicate, Jolani) = %v, %v", p, err)
			}
			// Removing the merge's claim undoes it exactly.
			if err := g.Write(ctx, func(tx *graph.Tx) error { return tx.RemoveClaim(merge) }); err != nil {
				t.Fatal(err)
			}
			if after := statements(t, g); !slices.Equal(after, before) || quadCount(t, g) != beforeN {
				t.Errorf("after unmerging, the statements differ from before the merge (%d vs %d quads)", quadCount(t, g), beforeN)
			}
			if e, err := g.Entity(ctx, dup); err != nil || e.ID != dup || len(e.Merged) != 0 {
				t.Errorf("Entity(duplicate) after unmerging = %+v, %v", e, err)
			}
			if es, _ := g.Edges(ctx, schema.Backs, graph.To(hts)); len(es) != 0 {
				t.Errorf("after unmerging HTS has backers: %v", edgeNames(g, es))
			}
		})
	}
}

func TestMergesChainAndCycle(t *testing.T) {
	g := fixture(t)
	a, b, c := id.IRI("a"), id.IRI("b"), id.IRI("c")
	err := g.Write(ctx, func(tx *graph.Tx) error {
		for _, x := range []schema.IRI{c, b, a} {
			if err := tx.AddEntity(graph.Entity{ID: x, Kinds: []schema.Kind{schema.ArmedGroup}, Name: "Group " + string(x[len(x)-1:])}); err != nil {
				return err
			}
		}
		if err := tx.AddClaim(graph.Claim{ID: claimID("m"), Source: graph.Entity{ID: report}, Reported: graph.Year(2024)}); err != nil {
			return err
		}
		for _, m := range [][2]schema.IRI{{c, b}, {b, a}, {a, c}} {
			if err := tx.Merge(m[0], m[1], claimID("m")); err != nil {
				return err
			}
		}
		if err := tx.AddClaim(graph.Claim{ID: claimID("c-backs"), Source: graph.Entity{ID: report}, Reported: graph.Year(2024)}); err != nil {
			return err
		}
		return tx.Assert(graph.Fact{Subject: c, Relation: schema.Backs, Object: coalition, Claim: claimID("c-backs")})
	})
	if err != nil {
		t.Fatal(err)
	}
	e, err := g.Entity(ctx, c)
	if err != nil || e.ID != a || !slices.Equal(e.Merged, []schema.IRI{b, c}) {
		t.Errorf("Entity(c) = %+v, %v", e, err)
	}
	if got := backers(t, g); !slices.Contains(got, "Group a") {
		t.Errorf("backers = %q, want Group a (c as merged)", got)
	}
	// A merge of unrelated kinds is refused.
	err = g.Write(ctx, func(tx *graph.Tx) error { return tx.Merge(hts, idlib, claimID("m")) })
	if !errors.Is(err, graph.ErrConflict) {
		t.Errorf("merging a group and a region: %v, want ErrConflict", err)
	}
}

// statements returns the graph's statements, one string each.
func statements(t *testing.T, g *graph.Graph) []string {
	t.Helper()
	var out []string
	err := g.Statements(context.Background(), func(s graph.Statement) error {
		o := "<" + string(s.Object.IRI) + ">"
		if s.Object.IsLiteral() {
			o = `"` + s.Object.Lexical + `"^^` + string(s.Object.Datatype) + "@" + s.Object.Lang
		}
		out = append(out, "<"+string(s.Subject)+"> <"+string(s.Predicate)+"> "+o+" <"+string(s.Claim)+">")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
