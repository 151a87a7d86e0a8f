package graph_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

// An extension as another module would declare it.
const research schema.Namespace = "https://example.org/research#"

const (
	Militia  = schema.Kind(research + "Militia")
	Funds    = schema.Relation(research + "funds")
	Strength = schema.Attribute(research + "strength")
)

func researchVocabulary(t testing.TB) *schema.Vocabulary {
	t.Helper()
	v, err := schema.Core().Extend(schema.Terms{
		Kinds:      []schema.KindDef{{Kind: Militia, Name: "Militia", Parent: schema.ArmedGroup, Doc: "A militia."}},
		Relations:  []schema.RelationDef{{Relation: Funds, Name: "funds", Inverse: "funded by", Domain: schema.State, Range: Militia}},
		Attributes: []schema.AttributeDef{{Attribute: Strength, Name: "strength", Domain: Militia, Datatype: schema.Integer}},
	})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

type MilitiaRecord struct {
	graph.Entity
	Strength int64          `actorgraph:"strength"`
	Founded  graph.Date     `actorgraph:"founded"`
	Funders  []graph.Entity `actorgraph:"funds,inverse"`
	Leads    []schema.IRI   `actorgraph:"leads"`
	Note     string         // untagged: left alone
}

func researchGraph(t testing.TB) (*graph.Graph, schema.IRI) {
	t.Helper()
	g, err := graph.Open(ctx, "", graph.WithVocabulary(researchVocabulary(t)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { g.Close() })
	claim := id.IRI("claims/estimate")
	err = g.Write(ctx, func(tx *graph.Tx) error {
		for _, e := range []graph.Entity{
			{ID: report, Kinds: []schema.Kind{schema.Report}, Name: "The report"},
			{ID: turkey, Kinds: []schema.Kind{schema.State}, Name: "Turkey"},
			{ID: russia, Kinds: []schema.Kind{schema.State}, Name: "Russia"},
			{ID: coalition, Kinds: []schema.Kind{schema.Coalition}, Name: "Rebel coalition"},
		} {
			if err := tx.AddEntity(e); err != nil {
				return err
			}
		}
		if err := tx.AddClaim(graph.Claim{ID: claim, Source: graph.Entity{ID: report}, Reported: graph.Day(2024, 12, 7)}); err != nil {
			return err
		}
		return graph.Store(tx, MilitiaRecord{
			Entity:   graph.Entity{ID: id.IRI("snm"), Kinds: []schema.Kind{Militia}, Name: "Syrian National Army"},
			Strength: 70000,
			Founded:  graph.Year(2017),
			Funders:  []graph.Entity{{ID: turkey}},
			Leads:    []schema.IRI{coalition},
			Note:     "not stored",
		}, claim)
	})
	if err != nil {
		t.Fatal(err)
	}
	return g, claim
}

func TestStoreThenLoadAnExtensionStruct(t *testing.T) {
	g, _ := researchGraph(t)
	ms, err := graph.Load[MilitiaRecord](ctx, g, []schema.IRI{id.IRI("snm")})
	if err != nil {
		t.Fatal(err)
	}
	m := ms[0]
	if m.Name != "Syrian National Army" || m.Strength != 70000 || m.Founded != graph.Year(2017) {
		t.Errorf("loaded %+v", m)
	}
	if len(m.Funders) != 1 || m.Funders[0].Name != "Turkey" {
		t.Errorf("Funders = %+v, want Turkey with its name", m.Funders)
	}
	if !slices.Equal(m.Leads, []schema.IRI{coalition}) || m.Note != "" {
		t.Errorf("Leads = %v, Note = %q", m.Leads, m.Note)
	}
	// The facts Store wrote are ordinary facts: the typed queries see them.
	ms2, err := graph.Find(Militia).Where(Funds.From(turkey)).All(ctx, g)
	if err != nil || len(ms2) != 1 || ms2[0].Entity.ID != id.IRI("snm") {
		t.Errorf("Find(Militia) funded by Turkey = %+v, %v", ms2, err)
	}
}

func TestLoadRefusesToDropValues(t *testing.T) {
	g, claim := researchGraph(t)
	err := g.Write(ctx, func(tx *graph.Tx) error {
		return tx.AssertAttribute(graph.AttributeFact{Subject: id.IRI("snm"), Attribute: Strength, Value: graph.Integer(35000), Claim: claim})
	})
	if err != nil {
		t.Fatal(err)
	}
	_, err = graph.Load[MilitiaRecord](ctx, g, []schema.IRI{id.IRI("snm")})
	if !errors.Is(err, graph.ErrNotSingular) || !strings.Contains(err.Error(), "MilitiaRecord.Strength") {
		t.Errorf("error = %v, want ErrNotSingular naming MilitiaRecord.Strength", err)
	}
	type Estimates struct {
		graph.Entity
		Strength []int32 `actorgraph:"strength"`
	}
	es, err := graph.Load[Estimates](ctx, g, []schema.IRI{id.IRI("snm")})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(es[0].Strength)
	if !slices.Equal(es[0].Strength, []int32{35000, 70000}) {
		t.Errorf("Strength = %v", es[0].Strength)
	}
}

type (
	unsignedField struct {
		graph.Entity
		Strength uint64 `actorgraph:"strength"`
	}
	pointerField struct {
		graph.Entity
		Founded *graph.Date `actorgraph:"founded"`
	}
	noEntity struct {
		Name string `actorgraph:"alternateName"`
	}
	unknownTerm struct {
		graph.Entity
		X string `actorgraph:"fundz"`
	}
	textForRelation struct {
		graph.Entity
		Funders []string `actorgraph:"funds,inverse"`
	}
	badOption struct {
		graph.Entity
		Founded graph.Date `actorgraph:"founded,omitempty"`
	}
)

func TestUnsupportedTypesAreErrorsNamingTheField(t *testing.T) {
	g, _ := researchGraph(t)
	ids := []schema.IRI{id.IRI("snm")}
	tests := []struct {
		name string
		load func() error
		want error
		text string
	}{
		{"an unsigned field", func() error { _, err := graph.Load[unsignedField](ctx, g, ids); return err }, graph.ErrUnsupportedType, "unsignedField.Strength"},
		{"a pointer field", func() error { _, err := graph.Load[pointerField](ctx, g, ids); return err }, graph.ErrUnsupportedType, "pointerField.Founded"},
		{"no embedded Entity", func() error { _, err := graph.Load[noEntity](ctx, g, ids); return err }, graph.ErrUnsupportedType, "does not embed graph.Entity"},
		{"a pointer type", func() error { _, err := graph.Load[*MilitiaRecord](ctx, g, ids); return err }, graph.ErrUnsupportedType, "not a struct"},
		{"an unknown term", func() error { _, err := graph.Load[unknownTerm](ctx, g, ids); return err }, graph.ErrUnknownTerm, `"fundz"`},
		{"text for a relation", func() error { _, err := graph.Load[textForRelation](ctx, g, ids); return err }, graph.ErrUnsupportedType, "textForRelation.Funders"},
		{"an unknown tag option", func() error { _, err := graph.Load[badOption](ctx, g, ids); return err }, graph.ErrUnsupportedType, "omitempty"},
		{"a missing entity", func() error {
			_, err := graph.Load[MilitiaRecord](ctx, g, []schema.IRI{id.IRI("nobody")})
			return err
		}, graph.ErrNotFound, "nobody"},
		{"storing an unsigned field", func() error {
			return g.Write(ctx, func(tx *graph.Tx) error { return graph.Store(tx, unsignedField{}, "") })
		}, graph.ErrUnsupportedType, "unsignedField.Strength"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.load()
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.text) {
				t.Errorf("error = %v, want %v mentioning %q", err, tt.want, tt.text)
			}
		})
	}
}

func TestAnExtensionsWrongDomainIsRejectedByName(t *testing.T) {
	g, claim := researchGraph(t)
	before := quadCount(t, g)
	err := g.Write(ctx, func(tx *graph.Tx) error {
		if err := tx.AddEntity(graph.Entity{ID: id.IRI("militia2"), Kinds: []schema.Kind{Militia}, Name: "Another militia"}); err != nil {
			return err
		}
		// A coalition is not a state: it cannot fund.
		return tx.Assert(graph.Fact{Subject: coalition, Relation: Funds, Object: id.IRI("militia2"), Claim: claim})
	})
	if !errors.Is(err, graph.ErrDomain) || !strings.Contains(err.Error(), " funds ") || !strings.Contains(err.Error(), "not State") {
		t.Errorf("error = %v, want ErrDomain naming funds and State", err)
	}
	if quadCount(t, g) != before {
		t.Error("the rejected batch changed the store")
	}
}

// Two vocabularies in one process, used in parallel: each graph validates
// against its own and neither sees the other's terms.
func TestTwoVocabulariesInParallel(t *testing.T) {
	for i := range 4 {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			t.Parallel()
			ns := schema.Namespace(fmt.Sprintf("https://example.org/ext%d#", i))
			own := schema.Kind(ns + "Thing")
			v, err := schema.Core().Extend(schema.Terms{Kinds: []schema.KindDef{{Kind: own, Name: "Thing", Parent: schema.Actor}}})
			if err != nil {
				t.Fatal(err)
			}
			g, err := graph.Open(ctx, "", graph.WithVocabulary(v))
			if err != nil {
				t.Fatal(err)
			}
			defer g.Close()
			for j := range 20 {
				err := g.Write(ctx, func(tx *graph.Tx) error {
					return tx.AddEntity(graph.Entity{ID: ns.IRI(fmt.Sprint(j)), Kinds: []schema.Kind{own}, Name: fmt.Sprint("thing ", j)})
				})
				if err != nil {
					t.Fatal(err)
				}
			}
			other := schema.Kind(schema.Namespace(fmt.Sprintf("https://example.org/ext%d#", (i+1)%4)) + "Thing")
			err = g.Write(ctx, func(tx *graph.Tx) error {
				return tx.AddEntity(graph.Entity{ID: ns.IRI("x"), Kinds: []schema.Kind{other}, Name: "x"})
			})
			if !errors.Is(err, graph.ErrUnknownTerm) {
				t.Errorf("another vocabulary's kind was accepted: %v", err)
			}
			ms, err := graph.Find(own).All(ctx, g)
			if err != nil || len(ms) != 20 {
				t.Errorf("Find(own) = %d, %v", len(ms), err)
			}
		})
	}
}
