package graph_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

func TestBadWritesRejectTheWholeBatch(t *testing.T) {
	damascus := id.IRI("damascus")
	tests := []struct {
		name string
		// write runs after a valid entity and claim were added in the same batch.
		write func(tx *graph.Tx) error
		want  error
		text  string
	}{
		{"a wrong domain", func(tx *graph.Tx) error {
			return tx.Assert(graph.Fact{Subject: idlib, Relation: schema.Backs, Object: hts, Claim: claimID("new")})
		}, graph.ErrDomain, "subject Idlib province"},
		{"a wrong range", func(tx *graph.Tx) error {
			return tx.Assert(graph.Fact{Subject: jolani, Relation: schema.Leads, Object: damascus, Claim: claimID("new")})
		}, graph.ErrRange, "object Damascus"},
		{"an undeclared relation", func(tx *graph.Tx) error {
			return tx.Assert(graph.Fact{Subject: turkey, Relation: "https://example.org/ns#funds", Object: hts, Claim: claimID("new")})
		}, graph.ErrUnknownTerm, "funds"},
		{"a dangling object", func(tx *graph.Tx) error {
			return tx.Assert(graph.Fact{Subject: turkey, Relation: schema.Backs, Object: id.IRI("ghost"), Claim: claimID("new")})
		}, graph.ErrDangling, "ghost"},
		{"a dangling claim", func(tx *graph.Tx) error {
			return tx.Assert(graph.Fact{Subject: turkey, Relation: schema.Backs, Object: hts, Claim: claimID("ghost")})
		}, graph.ErrDangling, "claim/ghost"},
		{"a value of the wrong datatype", func(tx *graph.Tx) error {
			return tx.AssertAttribute(graph.AttributeFact{Subject: hts, Attribute: schema.Founded, Value: graph.Text("long ago"), Claim: claimID("new")})
		}, graph.ErrRange, "takes date"},
		{"an attribute outside its domain", func(tx *graph.Tx) error {
			return tx.AssertAttribute(graph.AttributeFact{Subject: jolani, Attribute: schema.Founded, Value: graph.Year(2011), Claim: claimID("new")})
		}, graph.ErrDomain, "not Organization"},
		{"an entity redefined with another kind", func(tx *graph.Tx) error {
			return tx.AddEntity(graph.Entity{ID: hts, Kinds: []schema.Kind{schema.State}, Name: "Hayat Tahrir al-Sham"})
		}, graph.ErrConflict, "already"},
		{"an unknown kind", func(tx *graph.Tx) error {
			return tx.AddEntity(graph.Entity{ID: id.IRI("x"), Kinds: []schema.Kind{"https://example.org/ns#Militia"}, Name: "X"})
		}, graph.ErrUnknownTerm, "Militia"},
		{"a relative ID", func(tx *graph.Tx) error {
			return tx.AddEntity(graph.Entity{ID: "hts2", Kinds: []schema.Kind{schema.ArmedGroup}, Name: "X"})
		}, graph.ErrInvalid, "absolute"},
		{"a claim without a reported date", func(tx *graph.Tx) error {
			return tx.AddClaim(graph.Claim{ID: claimID("undated"), Source: graph.Entity{ID: report}})
		}, graph.ErrInvalid, "no reported date"},
		{"a claim with an impossible date", func(tx *graph.Tx) error {
			return tx.AddClaim(graph.Claim{ID: claimID("feb30"), Source: graph.Entity{ID: report}, Reported: graph.Day(2024, 2, 30)})
		}, graph.ErrInvalid, "no day 30"},
		{"a claim that ends before it starts", func(tx *graph.Tx) error {
			return tx.AddClaim(graph.Claim{ID: claimID("backwards"), Source: graph.Entity{ID: report}, Reported: graph.Year(2024),
				ValidFrom: graph.Year(2020), ValidUntil: graph.Year(2019)})
		}, graph.ErrInvalid, "after validUntil"},
		{"a claim from an unknown source", func(tx *graph.Tx) error {
			return tx.AddClaim(graph.Claim{ID: claimID("anon"), Source: graph.Entity{ID: id.IRI("nobody")}, Reported: graph.Year(2024)})
		}, graph.ErrDangling, "source"},
		{"a claim changed", func(tx *graph.Tx) error {
			return tx.AddClaim(graph.Claim{ID: claimID("backs"), Source: graph.Entity{ID: report}, Reported: graph.Year(2023)})
		}, graph.ErrConflict, "claim/backs"},
		{"a name that is not UTF-8", func(tx *graph.Tx) error {
			return tx.AddEntity(graph.Entity{ID: id.IRI("bad"), Kinds: []schema.Kind{schema.City}, Name: "Dam\xffascus"})
		}, graph.ErrInvalid, "UTF-8"},
		{"a text value that is not UTF-8", func(tx *graph.Tx) error {
			return tx.AssertAttribute(graph.AttributeFact{Subject: hts, Attribute: schema.Aim, Value: graph.Text("\xc3"), Claim: claimID("new")})
		}, graph.ErrInvalid, "UTF-8"},
		{"a confidence above one", func(tx *graph.Tx) error {
			return tx.AddClaim(graph.Claim{ID: claimID("sure"), Source: graph.Entity{ID: report}, Reported: graph.Year(2024), Confidence: 1.5})
		}, graph.ErrInvalid, "confidence"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := fixture(t)
			before := quadCount(t, g)
			err := g.Write(ctx, func(tx *graph.Tx) error {
				if err := tx.AddEntity(graph.Entity{ID: damascus, Kinds: []schema.Kind{schema.City}, Name: "Damascus"}); err != nil {
					return err
				}
				if err := tx.AddClaim(graph.Claim{ID: claimID("new"), Source: graph.Entity{ID: report}, Reported: graph.Day(2024, 12, 7)}); err != nil {
					return err
				}
				return tt.write(tx)
			})
			if !errors.Is(err, tt.want) {
				t.Fatalf("error = %v, want %v", err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.text) {
				t.Errorf("error %q does not say %q", err, tt.text)
			}
			if after := quadCount(t, g); after != before {
				t.Errorf("the failed batch changed the graph: %d quads before, %d after", before, after)
			}
			if _, err := g.Entity(ctx, damascus); !graph.IsNotFound(err) {
				t.Errorf("Damascus, added earlier in the failed batch, is in the graph: %v", err)
			}
		})
	}
}

func TestRewritingTheSameDataChangesNothing(t *testing.T) {
	g := fixture(t)
	before := quadCount(t, g)
	err := g.Write(ctx, func(tx *graph.Tx) error {
		if err := tx.AddEntity(graph.Entity{ID: turkey, Kinds: []schema.Kind{schema.State}, Name: "Turkey"}); err != nil {
			return err
		}
		if err := tx.AddClaim(graph.Claim{ID: claimID("backs"), Source: graph.Entity{ID: report}, Reported: graph.Day(2024, 12, 7)}); err != nil {
			return err
		}
		return tx.Assert(graph.Fact{Subject: turkey, Relation: schema.Backs, Object: coalition, Claim: claimID("backs")})
	})
	if err != nil {
		t.Fatal(err)
	}
	if after := quadCount(t, g); after != before {
		t.Errorf("rewriting known data changed the quad count from %d to %d", before, after)
	}
}

func TestAliasesMergeOnReAdd(t *testing.T) {
	g := fixture(t)
	err := g.Write(ctx, func(tx *graph.Tx) error {
		return tx.AddEntity(graph.Entity{ID: turkey, Kinds: []schema.Kind{schema.State}, Name: "Turkey", Aliases: []graph.Alias{{Name: "Ankara"}}})
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := g.ResolveOne(ctx, "ankara")
	if err != nil || got.ID != turkey || len(got.Aliases) != 2 {
		t.Errorf("ResolveOne(ankara) = %+v, %v", got, err)
	}
}

func TestTxIsUnusableAfterWrite(t *testing.T) {
	g := fixture(t)
	var kept *graph.Tx
	if err := g.Write(ctx, func(tx *graph.Tx) error { kept = tx; return nil }); err != nil {
		t.Fatal(err)
	}
	err := kept.AddEntity(graph.Entity{ID: id.IRI("late"), Kinds: []schema.Kind{schema.City}, Name: "Late"})
	if err == nil {
		t.Fatal("a Tx kept after Write accepted a write")
	}
	if _, err := g.Entity(ctx, id.IRI("late")); !graph.IsNotFound(err) {
		t.Errorf("the late write reached the graph: %v", err)
	}
}

func TestWriteReturnsTheFunctionsError(t *testing.T) {
	g := fixture(t)
	before := quadCount(t, g)
	boom := errors.New("boom")
	err := g.Write(ctx, func(tx *graph.Tx) error {
		if err := tx.AddEntity(graph.Entity{ID: id.IRI("x"), Kinds: []schema.Kind{schema.City}, Name: "X"}); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Errorf("Write error = %v, want boom", err)
	}
	if quadCount(t, g) != before {
		t.Error("an aborted batch was applied")
	}
}
