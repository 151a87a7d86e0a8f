package graph_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

func TestAFailedWritePoisonsItsBatch(t *testing.T) {
	g := fixture(t)
	before := quadCount(t, g)
	newcomer := id.IRI("newcomer")
	err := g.Write(ctx, func(tx *graph.Tx) error {
		if err := tx.AddEntity(graph.Entity{ID: newcomer, Kinds: []schema.Kind{schema.State}, Name: "Newcomer"}); err != nil {
			return err
		}
		// The caller ignores the error of a bad write and returns nil.
		_ = tx.Assert(graph.Fact{Subject: idlib, Relation: schema.Backs, Object: hts, Claim: claimID("backs")})
		// Later writes report the batch's failure too.
		if err := tx.AddEntity(graph.Entity{ID: id.IRI("other"), Kinds: []schema.Kind{schema.State}, Name: "Other"}); !errors.Is(err, graph.ErrDomain) {
			t.Errorf("a write after the failed one returned %v, want the batch's ErrDomain", err)
		}
		return nil
	})
	if !errors.Is(err, graph.ErrDomain) {
		t.Fatalf("Write = %v, want the failed write's ErrDomain", err)
	}
	if n := quadCount(t, g); n != before {
		t.Errorf("the store went from %d to %d quads; a poisoned batch writes nothing", before, n)
	}
	if _, err := g.Entity(ctx, newcomer); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("Entity(newcomer) after the poisoned batch: %v, want ErrNotFound", err)
	}
}

func TestATxUsedAfterItsWriteIsDone(t *testing.T) {
	g := fixture(t)
	var kept *graph.Tx
	if err := g.Write(ctx, func(tx *graph.Tx) error { kept = tx; return nil }); err != nil {
		t.Fatal(err)
	}
	calls := map[string]error{
		"AddEntity": kept.AddEntity(graph.Entity{ID: id.IRI("late"), Kinds: []schema.Kind{schema.State}, Name: "Late"}),
		"AddClaim":  kept.AddClaim(graph.Claim{ID: claimID("late"), Source: graph.Entity{ID: report}, Reported: graph.Year(2024)}),
		"Assert":    kept.Assert(graph.Fact{Subject: turkey, Relation: schema.Backs, Object: hts, Claim: claimID("backs")}),
		"AssertAttribute": kept.AssertAttribute(graph.AttributeFact{Subject: hts, Attribute: schema.Founded,
			Value: graph.Year(2017), Claim: claimID("founded")}),
		"RemoveClaim":  kept.RemoveClaim(claimID("backs")),
		"RemoveEntity": kept.RemoveEntity(turkey),
		"Merge":        kept.Merge(hts, nusra, claimID("former-name")),
	}
	for name, err := range calls {
		if !errors.Is(err, graph.ErrTxDone) {
			t.Errorf("%s after Write returned: %v, want ErrTxDone", name, err)
		}
	}
}

func TestWriteOrCloseInsideABatchFailsAtOnce(t *testing.T) {
	g := fixture(t)
	done := make(chan error, 1)
	go func() {
		done <- g.Write(ctx, func(tx *graph.Tx) error {
			if err := g.Write(ctx, func(*graph.Tx) error { return nil }); !errors.Is(err, graph.ErrNestedWrite) {
				t.Errorf("nested Write = %v, want ErrNestedWrite", err)
			}
			if err := g.Close(); !errors.Is(err, graph.ErrNestedWrite) {
				t.Errorf("Close inside a batch = %v, want ErrNestedWrite", err)
			}
			// Reads are fine inside a batch.
			_, err := g.Entity(ctx, hts)
			return err
		})
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(time.Minute):
		t.Fatal("Write inside a batch deadlocked")
	}
	// Another goroutine's Write waits its turn and then runs.
	started := make(chan struct{})
	release := make(chan struct{})
	first := make(chan error, 1)
	go func() {
		first <- g.Write(ctx, func(*graph.Tx) error { close(started); <-release; return nil })
	}()
	<-started
	second := make(chan error, 1)
	go func() { second <- g.Write(ctx, func(*graph.Tx) error { return nil }) }()
	close(release)
	if err := <-first; err != nil {
		t.Fatal(err)
	}
	if err := <-second; err != nil {
		t.Errorf("a concurrent Write from another goroutine: %v", err)
	}
}

func TestAnIRIIsAClaimOrAnEntity(t *testing.T) {
	g := fixture(t)
	for _, tc := range []struct {
		name string
		fn   func(tx *graph.Tx) error
		want error
	}{
		{"a claim with an entity's IRI", func(tx *graph.Tx) error {
			return tx.AddClaim(graph.Claim{ID: hts, Source: graph.Entity{ID: report}, Reported: graph.Year(2024)})
		}, graph.ErrConflict},
		{"an entity with a claim's IRI", func(tx *graph.Tx) error {
			return tx.AddEntity(graph.Entity{ID: claimID("backs"), Kinds: []schema.Kind{schema.State}, Name: "X"})
		}, graph.ErrConflict},
		{"a claim with the IRI of an entity of the same batch", func(tx *graph.Tx) error {
			if err := tx.AddEntity(graph.Entity{ID: id.IRI("fresh"), Kinds: []schema.Kind{schema.State}, Name: "Fresh"}); err != nil {
				return err
			}
			return tx.AddClaim(graph.Claim{ID: id.IRI("fresh"), Source: graph.Entity{ID: report}, Reported: graph.Year(2024)})
		}, graph.ErrConflict},
		{"an entity with the IRI of a claim of the same batch", func(tx *graph.Tx) error {
			if err := tx.AddClaim(graph.Claim{ID: claimID("fresh"), Source: graph.Entity{ID: report}, Reported: graph.Year(2024)}); err != nil {
				return err
			}
			return tx.AddEntity(graph.Entity{ID: claimID("fresh"), Kinds: []schema.Kind{schema.State}, Name: "Fresh"})
		}, graph.ErrConflict},
		{"a place as a source", func(tx *graph.Tx) error {
			return tx.AddClaim(graph.Claim{ID: claimID("idlib-says"), Source: graph.Entity{ID: idlib}, Reported: graph.Year(2024)})
		}, graph.ErrDomain},
		{"a claim as a source", func(tx *graph.Tx) error {
			return tx.AddClaim(graph.Claim{ID: claimID("claim-says"), Source: graph.Entity{ID: claimID("backs")}, Reported: graph.Year(2024)})
		}, graph.ErrDomain},
		{"a place as the medium", func(tx *graph.Tx) error {
			return tx.AddClaim(graph.Claim{ID: claimID("via-daraa"), Source: graph.Entity{ID: report}, Via: graph.Entity{ID: daraa}, Reported: graph.Year(2024)})
		}, graph.ErrDomain},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := g.Write(ctx, tc.fn); !errors.Is(err, tc.want) {
				t.Errorf("err = %v, want %v", err, tc.want)
			}
		})
	}
	// Actors and documents speak.
	err := g.Write(ctx, func(tx *graph.Tx) error {
		for i, src := range []schema.IRI{turkey, ministry, report, jolani} {
			c := graph.Claim{ID: claimID("speaker-" + string(rune('a'+i))), Source: graph.Entity{ID: src}, Reported: graph.Year(2024)}
			if err := tx.AddClaim(c); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Errorf("claims of actors and documents: %v", err)
	}
}

func TestImpossibleDatesAreRefusedEverywhere(t *testing.T) {
	g := fixture(t)
	bad := []graph.Date{graph.Day(2024, 13, 1), graph.Day(2023, 2, 29), graph.Day(2024, 2, 30), graph.Month(2024, 0), graph.Year(0), graph.Day(2024, 4, 31)}
	for _, d := range bad {
		if err := d.Valid(); !errors.Is(err, graph.ErrInvalid) {
			t.Errorf("%v.Valid() = %v, want ErrInvalid", d, err)
		}
		if f := d.Format(); strings.Contains(f, "%!") {
			t.Errorf("Format() = %q", f)
		}
		err := g.Write(ctx, func(tx *graph.Tx) error {
			return tx.AddClaim(graph.Claim{ID: claimID("bad-date"), Source: graph.Entity{ID: report}, Reported: d})
		})
		if !errors.Is(err, graph.ErrInvalid) {
			t.Errorf("a claim reported %v: %v, want ErrInvalid", d, err)
		}
		err = g.Write(ctx, func(tx *graph.Tx) error {
			return tx.AssertAttribute(graph.AttributeFact{Subject: hts, Attribute: schema.Founded, Value: d, Claim: claimID("founded")})
		})
		if !errors.Is(err, graph.ErrInvalid) {
			t.Errorf("founded %v: %v, want ErrInvalid", d, err)
		}
		reads := map[string]error{}
		_, reads["Edges AsOf"] = g.Edges(ctx, schema.Backs, graph.To(coalition), graph.AsOf(d))
		_, reads["Edges KnownAt"] = g.Edges(ctx, schema.Backs, graph.To(coalition), graph.KnownAt(d))
		_, reads["Attributes"] = g.Attributes(ctx, hts, schema.Founded, graph.AsOf(d))
		_, reads["Contested"] = g.Contested(ctx, graph.AsOf(d))
		_, reads["Lineage"] = g.Lineage(ctx, hts, graph.AsOf(d))
		_, reads["Path"] = g.Path(ctx, turkey, hts, graph.KnownAt(d))
		_, reads["Find"] = graph.Find(schema.State).Where(schema.Backs.To(coalition)).AsOf(d).All(ctx, g)
		_, reads["Load"] = graph.Load[struct{ graph.Entity }](ctx, g, []schema.IRI{hts}, graph.AsOf(d))
		for name, err := range reads {
			if !errors.Is(err, graph.ErrInvalid) {
				t.Errorf("%s with %v: %v, want ErrInvalid", name, d, err)
			}
		}
	}
	for _, s := range []string{"2024-13-01", "2023-02-29", "2024", "x"} {
		if _, err := graph.ParseDate(s); err != nil && !errors.Is(err, graph.ErrInvalid) {
			t.Errorf("ParseDate(%q) = %v, which does not wrap ErrInvalid", s, err)
		}
	}
}

func TestAMixedPrecisionIntervalIsAcceptedWhenItHoldsSomewhere(t *testing.T) {
	g := fixture(t)
	for _, tc := range []struct {
		from, until graph.Date
		ok          bool
	}{
		{graph.Month(2024, 6), graph.Day(2024, 6, 10), true},
		{graph.Year(2024), graph.Month(2024, 1), true},
		{graph.Day(2024, 6, 30), graph.Month(2024, 6), true},
		{graph.Day(2024, 7, 1), graph.Month(2024, 6), false},
		{graph.Year(2025), graph.Day(2024, 12, 31), false},
	} {
		err := g.Write(ctx, func(tx *graph.Tx) error {
			return tx.AddClaim(graph.Claim{ID: claimID("interval-" + tc.from.String() + "-" + tc.until.String()),
				Source: graph.Entity{ID: report}, Reported: graph.Year(2024), ValidFrom: tc.from, ValidUntil: tc.until})
		})
		if tc.ok != (err == nil) || (err != nil && !errors.Is(err, graph.ErrInvalid)) {
			t.Errorf("valid from %v until %v: %v (want accepted: %v)", tc.from, tc.until, err, tc.ok)
		}
	}
}

func TestStatementsStopOnCancellation(t *testing.T) {
	g := fixture(t)
	cctx, cancel := context.WithCancel(ctx)
	n := 0
	err := g.Statements(cctx, func(graph.Statement) error {
		n++
		if n == 1 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Statements after cancel = %v, want context.Canceled", err)
	}
	if total := len(statements(t, g)); n >= total {
		t.Errorf("Statements went on to all %d statements after the cancellation", total)
	}
	if err := g.Statements(cctx, func(graph.Statement) error { return nil }); !errors.Is(err, context.Canceled) {
		t.Errorf("Statements with a cancelled context = %v", err)
	}
}

func TestTheLibrarysNamespaceIsNotForEntitiesOrClaims(t *testing.T) {
	g := fixture(t)
	for _, iri := range []schema.IRI{schema.NS.IRI("vocabulary"), schema.Merges, schema.IRI(schema.Backs)} {
		err := g.Write(ctx, func(tx *graph.Tx) error {
			return tx.AddEntity(graph.Entity{ID: iri, Kinds: []schema.Kind{schema.State}, Name: "X"})
		})
		if !errors.Is(err, graph.ErrInvalid) {
			t.Errorf("an entity %s: %v, want ErrInvalid", iri, err)
		}
		err = g.Write(ctx, func(tx *graph.Tx) error {
			return tx.AddClaim(graph.Claim{ID: iri, Source: graph.Entity{ID: report}, Reported: graph.Year(2024)})
		})
		if !errors.Is(err, graph.ErrInvalid) {
			t.Errorf("a claim %s: %v, want ErrInvalid", iri, err)
		}
	}
}

func TestClaimsAreReadAsClaims(t *testing.T) {
	g := fixture(t)
	if _, err := g.Entity(ctx, claimID("backs")); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("Entity(a claim) = %v, want ErrNotFound", err)
	}
	if _, err := g.Claim(ctx, claimID("backs")); err != nil {
		t.Errorf("Claim(a claim) = %v", err)
	}
	if _, err := graph.Find(schema.ClaimKind).All(ctx, g); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("Find(Claim) = %v, want ErrInvalid", err)
	}
	if _, err := g.Edges(ctx, schema.Backs, graph.From(claimID("backs"))); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("Edges From a claim = %v, want ErrNotFound", err)
	}
}

func TestRawHoldsTheReadLock(t *testing.T) {
	g := fixture(t)
	inRaw := make(chan struct{})
	release := make(chan struct{})
	committed := make(chan struct{})
	go func() {
		<-inRaw
		_ = g.Write(ctx, func(tx *graph.Tx) error {
			return tx.AddEntity(graph.Entity{ID: id.IRI("late"), Kinds: []schema.Kind{schema.State}, Name: "Late"})
		})
		close(committed)
	}()
	err := g.Raw(ctx, func(qs cgraph.QuadStore) error {
		before, err := qs.Stats(ctx, true)
		if err != nil {
			return err
		}
		close(inRaw)
		select {
		case <-committed:
			t.Error("a commit ran while Raw's function held the store")
		case <-time.After(200 * time.Millisecond):
		}
		after, err := qs.Stats(ctx, true)
		if err == nil && after.Quads.Size != before.Quads.Size {
			t.Errorf("the store changed under Raw: %d quads, then %d", before.Quads.Size, after.Quads.Size)
		}
		close(release)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	<-release
	select {
	case <-committed:
	case <-time.After(time.Minute):
		t.Fatal("the Write never ran after Raw returned")
	}
	g.Close()
	if err := g.Raw(ctx, func(cgraph.QuadStore) error { return nil }); !errors.Is(err, graph.ErrClosed) {
		t.Errorf("Raw on a closed graph = %v", err)
	}
}
