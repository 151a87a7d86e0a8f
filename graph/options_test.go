package graph_test

import (
	"errors"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

// typeCheck type-checks a program's body against the graph and schema
// packages as compiled, and returns the type errors.
func typeCheck(t *testing.T, body string) []string {
	t.Helper()
	out, err := exec.Command("go", "list", "-export", "-f", "{{.ImportPath}}={{.Export}}",
		"github.com/actorgraph/actorgraph/graph", "github.com/actorgraph/actorgraph/schema", "context").Output()
	if err != nil {
		t.Skipf("go list -export: %v", err)
	}
	exports := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		path, file, _ := strings.Cut(line, "=")
		exports[path] = file
	}
	src := `package p
import (
	"context"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)
func f(ctx context.Context, g *graph.Graph, id schema.IRI, d graph.Date) {
` + body + `
}`
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	lookup := func(path string) (io.ReadCloser, error) {
		f, ok := exports[path]
		if !ok {
			return nil, errors.New("no export data for " + path)
		}
		return os.Open(f)
	}
	var errs []string
	conf := types.Config{Importer: importer.ForCompiler(fset, "gc", lookup), Error: func(err error) { errs = append(errs, err.Error()) }}
	_, _ = conf.Check("p", fset, []*ast.File{file}, nil)
	return errs
}

func TestOptionsACallWouldIgnoreDoNotCompile(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	valid := `
	_, _ = g.Edges(ctx, schema.Backs, graph.From(id), graph.To(id), graph.AsOf(d), graph.KnownAt(d), graph.BySource(id), graph.WithDenied())
	_, _ = g.Contested(ctx, graph.From(id), graph.To(id), graph.AsOf(d), graph.BySource(id))
	_, _ = g.Attributes(ctx, id, schema.Founded, graph.AsOf(d), graph.WithDenied())
	_, _ = g.Lineage(ctx, id, graph.AsOf(d), graph.Through(schema.BranchOf), graph.MaxDepth(3))
	_, _ = g.Path(ctx, id, id, graph.KnownAt(d), graph.MaxDepth(3))
	_ = graph.Find(schema.State).With(graph.AsOf(d), graph.BySource(id))
`
	if errs := typeCheck(t, valid); len(errs) > 0 {
		t.Fatalf("the valid uses do not compile: %v", errs)
	}
	for _, tc := range []struct{ name, call string }{
		{"Edges ignores walk bounds", `_, _ = g.Edges(ctx, schema.Backs, graph.MaxDepth(3))`},
		{"Edges ignores Through", `_, _ = g.Edges(ctx, schema.Backs, graph.Through(schema.Backs))`},
		{"Contested always weighs denials", `_, _ = g.Contested(ctx, graph.WithDenied())`},
		{"Contested has no walk", `_, _ = g.Contested(ctx, graph.MaxDepth(2))`},
		{"Attributes has no anchors", `_, _ = g.Attributes(ctx, id, schema.Founded, graph.From(id))`},
		{"Attributes has no walk", `_, _ = g.Attributes(ctx, id, schema.Founded, graph.MaxDepth(1))`},
		{"Lineage has no anchors", `_, _ = g.Lineage(ctx, id, graph.To(id))`},
		{"Lineage walks asserted edges only", `_, _ = g.Lineage(ctx, id, graph.WithDenied())`},
		{"Path has no anchors", `_, _ = g.Path(ctx, id, id, graph.From(id))`},
		{"a query's filters are claim filters", `_ = graph.Find(schema.State).With(graph.From(id))`},
		{"a query has no walk", `_ = graph.Find(schema.State).With(graph.MaxDepth(2))`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if errs := typeCheck(t, tc.call); len(errs) == 0 {
				t.Errorf("%s compiles; it should not", tc.call)
			}
		})
	}
}

func TestAnchorsMustExist(t *testing.T) {
	g := fixture(t)
	missing := schema.IRI("https://example.org/id/nobody")
	for _, tc := range []struct {
		name string
		call func() error
	}{
		{"Edges From", func() error { _, err := g.Edges(ctx, schema.Backs, graph.From(missing)); return err }},
		{"Edges To", func() error { _, err := g.Edges(ctx, schema.Backs, graph.To(missing)); return err }},
		{"Contested From", func() error { _, err := g.Contested(ctx, graph.From(missing)); return err }},
		{"Contested To", func() error { _, err := g.Contested(ctx, graph.To(missing)); return err }},
		{"Attributes", func() error { _, err := g.Attributes(ctx, missing, schema.Founded); return err }},
		{"Lineage", func() error { _, err := g.Lineage(ctx, missing); return err }},
		{"Path", func() error { _, err := g.Path(ctx, missing, hts); return err }},
		{"Find constraint", func() error {
			_, err := graph.Find(schema.State).Where(schema.Backs.To(missing)).All(ctx, g)
			return err
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.call(); !errors.Is(err, graph.ErrNotFound) {
				t.Errorf("err = %v, want ErrNotFound", err)
			}
		})
	}
}

func TestContestedHonoursAnchors(t *testing.T) {
	g := fixture(t)
	// A second contested edge, of another subject and object: Turkey backs
	// HTS, says the report; Turkey denies it.
	err := g.Write(ctx, func(tx *graph.Tx) error {
		for _, c := range []graph.Claim{
			{ID: claimID("turkey-hts"), Source: graph.Entity{ID: report}, Reported: graph.Day(2024, 12, 7)},
			{ID: claimID("turkey-denies"), Source: graph.Entity{ID: turkey}, Stance: graph.Denied, Reported: graph.Day(2024, 12, 8)},
		} {
			if err := tx.AddClaim(c); err != nil {
				return err
			}
			if err := tx.Assert(graph.Fact{Subject: turkey, Relation: schema.Backs, Object: hts, Claim: c.ID}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	all, err := g.Contested(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) < 2 {
		t.Fatalf("the fixture has %d contested edges; the test needs two with different subjects", len(all))
	}
	subject := all[0].Subject.ID
	from, err := g.Contested(ctx, graph.From(subject))
	if err != nil {
		t.Fatal(err)
	}
	if len(from) == 0 || len(from) == len(all) {
		t.Fatalf("Contested(From(%s)) = %d edges of %d", subject, len(from), len(all))
	}
	for _, e := range from {
		if e.Subject.ID != subject {
			t.Errorf("Contested(From(%s)) returned %s %s %s", subject, e.Subject.ID, e.Relation, e.Object.ID)
		}
	}
	object := all[len(all)-1].Object.ID
	to, err := g.Contested(ctx, graph.To(object))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range to {
		if e.Object.ID != object {
			t.Errorf("Contested(To(%s)) returned %s %s %s", object, e.Subject.ID, e.Relation, e.Object.ID)
		}
	}
	if len(to) == 0 {
		t.Errorf("Contested(To(%s)) is empty", object)
	}
}

func TestFindRefusesConstraintsThatCannotMatch(t *testing.T) {
	g := fixture(t)
	for _, tc := range []struct {
		name string
		q    graph.Query
		want error
	}{
		{"no city backs anyone", graph.Find(schema.City).Where(schema.Backs.To(coalition)), graph.ErrDomain},
		{"no city is led", graph.Find(schema.City).Where(schema.Leads.From(jolani)), graph.ErrRange},
		{"a place does not back", graph.Find(schema.Organization).Where(schema.Backs.From(idlib)), graph.ErrDomain},
		{"a place is not controlled by a place", graph.Find(schema.Actor).Where(schema.Controls.To(hts)), graph.ErrRange},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := tc.q.All(ctx, g); !errors.Is(err, tc.want) {
				t.Errorf("err = %v, want %v", err, tc.want)
			}
		})
	}
	// A kind above the relation's end can match: an Actor that backs the coalition.
	if ms, err := graph.Find(schema.Actor).Where(schema.Backs.To(coalition)).All(ctx, g); err != nil || len(ms) == 0 {
		t.Errorf("Find(Actor).Where(backs coalition) = %v, %v", ms, err)
	}
}
