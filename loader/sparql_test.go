package loader_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

// sparqlAnswers are the answers .ci/sparql.sh expects Oxigraph's SPARQL to
// give over the Syria dataset's export (ForSPARQL), knowing nothing of
// actorgraph: they are the library's own answers, computed here.
type sparqlAnswers struct {
	Organizations  []string    `json:"organizations"`  // every entity of a kind below Organization, by name
	EnemiesOfHTS   []string    `json:"enemies_of_hts"` // in either direction of enemyOf
	ControlsOn7Dec [][2]string `json:"controls_on_7_december_2024"`
	MembersBounds  [2]int64    `json:"hts_members_bounds"`
	France24Claims []string    `json:"claims_of_france24"` // the claims whose source is France 24
}

var sparqlFile = filepath.Join("testdata", "sparql-syria.json")

// The answers .ci/sparql.sh checks Oxigraph's against are the library's:
// regenerate them with go test ./loader -run TestSPARQLAnswers -update.
func TestSPARQLAnswers(t *testing.T) {
	g := syria(t)
	var want sparqlAnswers
	name := func(id schema.IRI) string {
		e, err := g.Entity(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return e.Name
	}
	orgs, err := graph.Find(schema.Organization).All(ctx, g)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range orgs {
		want.Organizations = append(want.Organizations, m.Entity.Name)
	}
	hts := schema.IRI(syriaID + "hts")
	enemies, err := g.Edges(ctx, schema.EnemyOf, graph.From(hts))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range enemies {
		other := e.Object.ID
		if other == hts {
			other = e.Subject.ID
		}
		want.EnemiesOfHTS = append(want.EnemiesOfHTS, name(other))
	}
	held, err := g.Edges(ctx, schema.Controls, graph.AsOf(graph.Day(2024, 12, 7)))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range held {
		want.ControlsOn7Dec = append(want.ControlsOn7Dec, [2]string{name(e.Subject.ID), name(e.Object.ID)})
	}
	vs, err := g.Attributes(ctx, hts, schema.MembersEstimate)
	if err != nil || len(vs) != 1 {
		t.Fatalf("the estimate: %v, %v", vs, err)
	}
	r := vs[0].Value.(graph.IntRange)
	want.MembersBounds = [2]int64{r.Low, r.High}
	for _, st := range statements(t, g) {
		if st.Predicate == schema.Type && st.Object.IRI == schema.IRI(schema.ClaimKind) {
			c, err := g.Claim(ctx, st.Subject)
			if err != nil {
				t.Fatal(err)
			}
			if c.Source.ID == syriaID+"france24" {
				want.France24Claims = append(want.France24Claims, string(c.ID))
			}
		}
	}
	for _, s := range [][]string{want.Organizations, want.EnemiesOfHTS, want.France24Claims} {
		slices.Sort(s)
	}
	slices.SortFunc(want.ControlsOn7Dec, func(a, b [2]string) int { return slices.Compare(a[:], b[:]) })
	got, err := json.MarshalIndent(want, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(sparqlFile, append(got, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	have, err := os.ReadFile(sparqlFile)
	if err != nil {
		t.Fatal(err)
	}
	if string(have) != string(got)+"\n" {
		t.Errorf("%s is not the library's answers; regenerate it with go test ./loader -run TestSPARQLAnswers -update\n%s", sparqlFile, got)
	}
}
