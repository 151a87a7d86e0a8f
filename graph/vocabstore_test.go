package graph_test

import (
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	ag "github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

// The rest of examples/extend/vocab.go's terms (an example's main package
// cannot be imported); Militia, Funds and Strength are typed_test.go's.
const (
	journalist  = schema.Kind(research + "Journalist")
	interviewed = schema.Relation(research + "interviewed")
)

func researchTerms() schema.Terms {
	return schema.Terms{
		Kinds: []schema.KindDef{
			{Kind: Militia, Name: "Militia", Parent: schema.ArmedGroup, Doc: "A locally raised armed group."},
			{Kind: journalist, Name: "Journalist", Parent: schema.Person, Doc: "A reporter."},
		},
		Relations: []schema.RelationDef{
			{Relation: Funds, Name: "funds", Inverse: "funded by", Domain: schema.State, Range: Militia, Doc: "The state pays or arms the militia."},
			{Relation: interviewed, Name: "interviewed", Inverse: "interviewed by", Domain: journalist, Range: schema.Person, Doc: "The journalist interviewed the person."},
		},
		Attributes: []schema.AttributeDef{
			{Attribute: Strength, Name: "strength", Domain: Militia, Datatype: schema.Integer, Doc: "Number of fighters."},
		},
	}
}

// extendedVocabulary is the core extended with researchTerms, changed by edit.
func extendedVocabulary(t testing.TB, edit func(*schema.Terms)) *schema.Vocabulary {
	t.Helper()
	terms := researchTerms()
	if edit != nil {
		edit(&terms)
	}
	v, err := schema.Core().Extend(terms)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// vocabularyStatements returns g's statements in the vocabulary graph, as triples.
func vocabularyStatements(t testing.TB, g *ag.Graph) []schema.Triple {
	t.Helper()
	var out []schema.Triple
	err := g.Statements(ctx, func(st ag.Statement) error {
		if st.Claim == schema.VocabularyGraph {
			out = append(out, schema.Triple{Subject: st.Subject, Predicate: st.Predicate, Object: st.Object.IRI, Literal: st.Object.Lexical, Datatype: st.Object.Datatype})
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func addTurkey(tx *ag.Tx) error {
	return tx.AddEntity(ag.Entity{ID: turkey, Kinds: []schema.Kind{schema.State}, Name: "Turkey"})
}

func TestTheFirstCommitStoresTheVocabulary(t *testing.T) {
	v := extendedVocabulary(t, nil)
	g, err := ag.Open(ctx, "", ag.WithVocabulary(v))
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	// A batch that fails, and one that writes nothing, leave the store empty.
	if err := g.Write(ctx, func(tx *ag.Tx) error { addTurkey(tx); return errors.New("no") }); err == nil {
		t.Fatal("the failing batch succeeded")
	}
	if err := g.Write(ctx, func(tx *ag.Tx) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if n := quadCount(t, g); n != 0 {
		t.Errorf("%d quads after batches that committed nothing", n)
	}
	if err := g.Write(ctx, addTurkey); err != nil {
		t.Fatal(err)
	}
	if got, want := vocabularyStatements(t, g), v.Triples(); !slices.Equal(got, want) {
		t.Errorf("the vocabulary graph holds %d statements, want the vocabulary's %d triples", len(got), len(want))
	}
	before := quadCount(t, g)
	if err := g.Write(ctx, func(tx *ag.Tx) error {
		return tx.AddEntity(ag.Entity{ID: russia, Kinds: []schema.Kind{schema.State}, Name: "Russia"})
	}); err != nil {
		t.Fatal(err)
	}
	// An entity of one kind is three quads (its type, its name, the name
	// folded), and the vocabulary is not written again.
	if after := quadCount(t, g); after-before != 3 {
		t.Errorf("the second batch added %d quads, want the entity's 3", after-before)
	}
}

func TestTermsAreNeitherEntitiesNorClaims(t *testing.T) {
	g := fixture(t)
	for _, term := range []schema.IRI{schema.IRI(schema.Actor), schema.IRI(schema.Backs), schema.IRI(schema.Founded), schema.IRI(schema.ClaimKind)} {
		if e, err := g.Entity(ctx, term); !errors.Is(err, ag.ErrNotFound) {
			t.Errorf("Entity(%s) = %+v, %v; want ErrNotFound", term, e, err)
		}
		if c, err := g.Claim(ctx, term); !errors.Is(err, ag.ErrNotFound) {
			t.Errorf("Claim(%s) = %+v, %v; want ErrNotFound", term, c, err)
		}
	}
	if c, err := g.Claim(ctx, schema.VocabularyGraph); !errors.Is(err, ag.ErrNotFound) {
		t.Errorf("the vocabulary graph read as a claim: %+v, %v", c, err)
	}
	if es, err := g.Resolve(ctx, "backs"); err != nil || len(es) != 0 {
		t.Errorf("Resolve(backs) = %v, %v; a term's label is no entity's name", names(es), err)
	}
	ms, err := ag.Find(schema.Actor).All(ctx, g)
	if err != nil || len(ms) == 0 || slices.ContainsFunc(ms, func(m ag.Match) bool { return strings.HasPrefix(string(m.Entity.ID), string(schema.NS)) }) {
		t.Errorf("Find(Actor) = %v, %v", ms, err)
	}
}

func TestWithStoredVocabularyOnANewGraphIsTheCore(t *testing.T) {
	g, err := ag.Open(ctx, "", ag.WithStoredVocabulary())
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	if g.Vocabulary() != schema.Core() {
		t.Error("a new graph opened WithStoredVocabulary does not use the core")
	}
}

// reopenable returns the locations of empty persistent stores: leveldb, bolt
// (not under -race: cayley's bolt trips checkptr) and PostgreSQL when
// ACTORGRAPH_POSTGRES names a database the test may empty.
func reopenable(t *testing.T) map[string]string {
	t.Helper()
	locs := map[string]string{"leveldb": "leveldb:" + filepath.Join(t.TempDir(), "leveldb")}
	if !raceEnabled {
		locs["bolt"] = "bolt:" + filepath.Join(t.TempDir(), "bolt")
	}
	if url := os.Getenv("ACTORGRAPH_POSTGRES"); url != "" {
		db, err := sql.Open("postgres", url)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if _, err := db.Exec(`DROP TABLE IF EXISTS quads, nodes CASCADE`); err != nil {
			t.Fatal(err)
		}
		locs["postgres"] = url
	} else {
		t.Log("PostgreSQL not tested: set ACTORGRAPH_POSTGRES to a database URL")
	}
	return locs
}

func mustOpen(t *testing.T, loc string, opts ...ag.Option) *ag.Graph {
	t.Helper()
	g, err := ag.Open(ctx, loc, append([]ag.Option{ag.TestBackends}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func close1(t *testing.T, g *ag.Graph) {
	t.Helper()
	if err := g.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestAStoreKeepsTheVocabularyItWasWrittenWith(t *testing.T) {
	for backend, loc := range reopenable(t) {
		t.Run(backend, func(t *testing.T) {
			ext := extendedVocabulary(t, nil)
			north := id.IRI("north-brigade")
			g := mustOpen(t, loc, ag.WithVocabulary(ext))
			err := g.Write(ctx, func(tx *ag.Tx) error {
				return tx.AddEntity(ag.Entity{ID: north, Kinds: []schema.Kind{Militia}, Name: "North Brigade"})
			})
			if err != nil {
				t.Fatal(err)
			}
			close1(t, g)

			// The core lacks the extension's terms: Open names every one.
			_, err = ag.Open(ctx, loc, ag.TestBackends)
			if !errors.Is(err, ag.ErrUnknownTerm) || errors.Is(err, ag.ErrConflict) {
				t.Fatalf("Open with the core: %v; want ErrUnknownTerm only", err)
			}
			for _, name := range []string{"Militia", "Journalist", "funds", "interviewed", "strength", string(Funds)} {
				if !strings.Contains(err.Error(), name) {
					t.Errorf("the error does not name %s: %v", name, err)
				}
			}
			if strings.Contains(err.Error(), "ArmedGroup") {
				t.Errorf("the error names a core term: %v", err)
			}

			// With the extension it opens.
			g = mustOpen(t, loc, ag.WithVocabulary(ext))
			if e, err := g.Entity(ctx, north); err != nil || e.Name != "North Brigade" {
				t.Errorf("Entity after reopening: %+v, %v", e, err)
			}
			close1(t, g)

			// With the vocabulary it holds, a program that knows nothing of the
			// extension validates writes of its terms.
			g = mustOpen(t, loc, ag.WithStoredVocabulary())
			v := g.Vocabulary()
			if !reflect.DeepEqual(v.Kinds(), ext.Kinds()) || !reflect.DeepEqual(v.Relations(), ext.Relations()) || !reflect.DeepEqual(v.Attributes(), ext.Attributes()) {
				t.Error("the stored vocabulary is not the one the store was written with")
			}
			err = g.Write(ctx, func(tx *ag.Tx) error {
				if err := addTurkey(tx); err != nil {
					return err
				}
				if err := tx.AddClaim(ag.Claim{ID: claimID("funds"), Source: ag.Entity{ID: turkey}, Reported: ag.Year(2024)}); err != nil {
					return err
				}
				if err := tx.Assert(ag.Fact{Subject: turkey, Relation: Funds, Object: north, Claim: claimID("funds")}); err != nil {
					return err
				}
				return tx.AssertAttribute(ag.AttributeFact{Subject: north, Attribute: Strength, Value: ag.Integer(1200), Claim: claimID("funds")})
			})
			if err != nil {
				t.Fatalf("writing extension terms WithStoredVocabulary: %v", err)
			}
			err = g.Write(ctx, func(tx *ag.Tx) error {
				return tx.Assert(ag.Fact{Subject: north, Relation: Funds, Object: north, Claim: claimID("funds")})
			})
			if !errors.Is(err, ag.ErrDomain) {
				t.Errorf("a Militia funding itself: %v; want ErrDomain from the stored vocabulary", err)
			}
			if es, err := g.Edges(ctx, Funds); err != nil || len(es) != 1 {
				t.Errorf("Edges(funds) = %v, %v", es, err)
			}
			close1(t, g)

			// Both options: the given vocabulary must cover the stored one.
			if _, err := ag.Open(ctx, loc, ag.TestBackends, ag.WithStoredVocabulary(), ag.WithVocabulary(schema.Core())); !errors.Is(err, ag.ErrUnknownTerm) {
				t.Errorf("WithStoredVocabulary and WithVocabulary(core): %v; want ErrUnknownTerm", err)
			}
			wider := extendedVocabulary(t, func(ts *schema.Terms) {
				ts.Kinds = append(ts.Kinds, schema.KindDef{Kind: schema.Kind(research + "Cell"), Name: "Cell", Parent: Militia})
			})
			g = mustOpen(t, loc, ag.WithStoredVocabulary(), ag.WithVocabulary(wider))
			if g.Vocabulary() != wider {
				t.Error("with both options the graph does not use the given vocabulary")
			}
			close1(t, g)
		})
	}
}

func TestOpenRefusesAVocabularyThatMeansOtherwise(t *testing.T) {
	for backend, loc := range reopenable(t) {
		t.Run(backend, func(t *testing.T) {
			g := mustOpen(t, loc, ag.WithVocabulary(extendedVocabulary(t, nil)))
			if err := g.Write(ctx, addTurkey); err != nil {
				t.Fatal(err)
			}
			close1(t, g)
			for _, c := range []struct {
				name string
				edit func(*schema.Terms)
				says string
			}{
				{"another domain", func(ts *schema.Terms) { ts.Relations[0].Domain = schema.Country }, "rdf-schema#domain> <" + string(schema.Country)},
				{"another parent", func(ts *schema.Terms) { ts.Kinds[0].Parent = schema.Organization }, "subClassOf> <" + string(schema.Organization)},
				{"another datatype", func(ts *schema.Terms) { ts.Attributes[0].Datatype = schema.Text }, "XMLSchema#string"},
				{"a flag", func(ts *schema.Terms) { ts.Relations[0].Symmetric = true }, "SymmetricProperty"},
			} {
				t.Run(c.name, func(t *testing.T) {
					_, err := ag.Open(ctx, loc, ag.TestBackends, ag.WithVocabulary(extendedVocabulary(t, c.edit)))
					if !errors.Is(err, ag.ErrConflict) || !strings.Contains(err.Error(), c.says) {
						t.Errorf("Open: %v; want ErrConflict saying %s", err, c.says)
					}
				})
			}
			// A vocabulary that lacks a term and defines another otherwise gets both.
			_, err := ag.Open(ctx, loc, ag.TestBackends, ag.WithVocabulary(extendedVocabulary(t, func(ts *schema.Terms) {
				ts.Relations = ts.Relations[:1]
				ts.Relations[0].Range = journalist
			})))
			if !errors.Is(err, ag.ErrConflict) || !errors.Is(err, ag.ErrUnknownTerm) || !strings.Contains(err.Error(), "interviewed") || !strings.Contains(err.Error(), "funds") {
				t.Errorf("Open: %v; want ErrConflict for funds and ErrUnknownTerm for interviewed", err)
			}
			// The failed Opens released the store.
			close1(t, mustOpen(t, loc, ag.WithVocabulary(extendedVocabulary(t, nil))))
		})
	}
}

// A vocabulary that describes a term otherwise (another doc, name, inverse
// name, equivalents) opens the store, and its first commit replaces the
// stored description.
func TestANewDescriptionReplacesTheStoredOne(t *testing.T) {
	for backend, loc := range reopenable(t) {
		t.Run(backend, func(t *testing.T) {
			g := mustOpen(t, loc, ag.WithVocabulary(extendedVocabulary(t, nil)))
			if err := g.Write(ctx, addTurkey); err != nil {
				t.Fatal(err)
			}
			close1(t, g)
			redescribed := extendedVocabulary(t, func(ts *schema.Terms) {
				ts.Relations[0].Doc = "The state finances the militia."
				ts.Relations[0].Name = "finances"
				ts.Relations[1].Inverse = ""
				ts.Kinds[0].Equivalent = []schema.IRI{"http://www.wikidata.org/entity/Q17149090"}
			})
			g = mustOpen(t, loc, ag.WithVocabulary(redescribed))
			if err := g.Write(ctx, func(tx *ag.Tx) error {
				return tx.AddEntity(ag.Entity{ID: russia, Kinds: []schema.Kind{schema.State}, Name: "Russia"})
			}); err != nil {
				t.Fatal(err)
			}
			if got, want := vocabularyStatements(t, g), redescribed.Triples(); !slices.Equal(got, want) {
				t.Errorf("the vocabulary graph holds %d statements, want the new vocabulary's %d", len(got), len(want))
			}
			close1(t, g)
			g = mustOpen(t, loc, ag.WithStoredVocabulary())
			defer g.Close()
			if d, _ := g.Vocabulary().Relation(Funds); d.Doc != "The state finances the militia." || d.Name != "finances" {
				t.Errorf("stored funds = %+v", d)
			}
			if d, _ := g.Vocabulary().Relation(interviewed); d.Inverse != "" {
				t.Errorf("stored interviewed = %+v", d)
			}
		})
	}
}

// A vocabulary graph that does not decode is a damaged store.
func TestAStoredVocabularyThatDoesNotDecodeIsCorrupt(t *testing.T) {
	loc := "leveldb:" + filepath.Join(t.TempDir(), "store")
	g := mustOpen(t, loc)
	if err := g.Write(ctx, addTurkey); err != nil {
		t.Fatal(err)
	}
	bad := quad.Quad{Subject: quad.IRI(schema.Actor), Predicate: quad.IRI(schema.Label), Object: quad.String("Someone"), Label: quad.IRI(schema.VocabularyGraph)}
	if err := g.QuadStore().ApplyDeltas([]graph.Delta{{Quad: bad, Action: graph.Add}}, graph.IgnoreOpts{}); err != nil {
		t.Fatal(err)
	}
	close1(t, g)
	_, err := ag.Open(ctx, loc, ag.TestBackends)
	if !errors.Is(err, ag.ErrCorrupt) || !strings.Contains(err.Error(), string(schema.Actor)) || !strings.Contains(err.Error(), "two values") {
		t.Errorf("Open: %v; want ErrCorrupt naming Actor's two labels", err)
	}
}

func TestCheckVocabularyStatement(t *testing.T) {
	v := extendedVocabulary(t, nil)
	st := func(s, p schema.IRI, o ag.Term) ag.Statement {
		return ag.Statement{Subject: s, Predicate: p, Object: o, Claim: schema.VocabularyGraph}
	}
	for _, c := range []struct {
		name string
		st   ag.Statement
		want error
	}{
		{"a statement the vocabulary makes", st(schema.IRI(Funds), schema.PropertyDomain, ag.Term{IRI: schema.IRI(schema.State)}), nil},
		{"another doc", st(schema.IRI(Funds), schema.Comment, ag.Term{Lexical: "Money."}), nil},
		{"an unknown term", st(research.IRI("drones"), schema.Type, ag.Term{IRI: schema.ObjectProperty}), ag.ErrUnknownTerm},
		{"another domain", st(schema.IRI(Funds), schema.PropertyDomain, ag.Term{IRI: schema.IRI(schema.Country)}), ag.ErrConflict},
		{"another sort", st(schema.IRI(Funds), schema.Type, ag.Term{IRI: schema.Class}), ag.ErrConflict},
		{"a language tag", st(schema.IRI(Funds), schema.Label, ag.Term{Lexical: "finance", Lang: "fr"}), ag.ErrInvalid},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := ag.CheckVocabularyStatement(v, c.st)
			if c.want == nil && err != nil || c.want != nil && !errors.Is(err, c.want) {
				t.Errorf("CheckVocabularyStatement = %v, want %v", err, c.want)
			}
			if c.want == ag.ErrConflict && !strings.Contains(err.Error(), string(schema.State)) && !strings.Contains(err.Error(), "ObjectProperty") {
				t.Errorf("the error does not say what the vocabulary says: %v", err)
			}
		})
	}
}

// BenchmarkReopen measures what reading and checking the stored vocabulary
// adds to Open on leveldb: a store that holds the core's against one whose
// vocabulary graph was removed (as a store written before stores kept it).
func BenchmarkReopenWithVocabulary(b *testing.B) {
	for _, held := range []bool{true, false} {
		name := "vocabulary-held"
		if !held {
			name = "no-vocabulary"
		}
		b.Run(name, func(b *testing.B) {
			loc := "leveldb:" + filepath.Join(b.TempDir(), "store")
			g, err := ag.Open(ctx, loc, ag.TestBackends)
			if err != nil {
				b.Fatal(err)
			}
			if err := g.Write(ctx, addTurkey); err != nil {
				b.Fatal(err)
			}
			if !held {
				var deltas []graph.Delta
				for _, t := range schema.Core().Triples() {
					q := quad.Quad{Subject: quad.IRI(t.Subject), Predicate: quad.IRI(t.Predicate), Object: quad.IRI(t.Object), Label: quad.IRI(schema.VocabularyGraph)}
					switch {
					case t.IsLiteral() && t.Datatype == "":
						q.Object = quad.String(t.Literal)
					case t.IsLiteral():
						q.Object = quad.TypedString{Value: quad.String(t.Literal), Type: quad.IRI(t.Datatype)}
					}
					deltas = append(deltas, graph.Delta{Quad: q, Action: graph.Delete})
				}
				if err := g.QuadStore().ApplyDeltas(deltas, graph.IgnoreOpts{}); err != nil {
					b.Fatal(err)
				}
			}
			if err := g.Close(); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				g, err := ag.Open(ctx, loc, ag.TestBackends)
				if err != nil {
					b.Fatal(err)
				}
				g.Close()
			}
		})
	}
}

func TestWithVocabularyNilIsInvalid(t *testing.T) {
	for _, opts := range [][]ag.Option{{ag.WithVocabulary(nil)}, {ag.WithStoredVocabulary(), ag.WithVocabulary(nil)}} {
		if _, err := ag.Open(ctx, "", opts...); !errors.Is(err, ag.ErrInvalid) {
			t.Errorf("Open with WithVocabulary(nil): %v; want ErrInvalid", err)
		}
	}
}
