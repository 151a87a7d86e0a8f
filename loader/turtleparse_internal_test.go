package loader

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"
)

// The TriG parser reads each form of the grammar as Turtle and TriG say.
func TestTriGGrammar(t *testing.T) {
	const doc = `# a comment
@base <https://example.org/base/> .
@prefix ex: <https://example.org/ns#> .
PREFIX : <https://example.org/id/>
prefix xsd: <http://www.w3.org/2001/XMLSchema#>
<rel> ex:p <../up> .
:a ex:p 'single', "double", '''long
line''', """with "quotes" inside""" ;
   ex:q "tab\there \u00E9 \U0001F600"@en-GB, "7"^^xsd:integer, "x"^^<https://example.org/dt> ;;
   ex:n 12, -5, +3, 1.5, 1e10, true, false ;
   a ex:Thing ; .
:b.c ex:p ex:with\-dash, ex:pct%20, :d.e .
GRAPH :g { :a ex:p :b }
:h { :a ex:p :c . :a ex:p :d . }
{ :x ex:p :y }
:r <http://www.w3.org/1999/02/22-rdf-syntax-ns#reifies> <<( :a ex:p "t" )>> .
`
	want := []string{
		`<https://example.org/base/rel> <https://example.org/ns#p> <https://example.org/up> .`,
		`<https://example.org/id/a> <https://example.org/ns#p> "single" .`,
		`<https://example.org/id/a> <https://example.org/ns#p> "double" .`,
		`<https://example.org/id/a> <https://example.org/ns#p> "long\nline" .`,
		`<https://example.org/id/a> <https://example.org/ns#p> "with \"quotes\" inside" .`,
		`<https://example.org/id/a> <https://example.org/ns#q> "tab\there é 😀"@en-GB .`,
		`<https://example.org/id/a> <https://example.org/ns#q> "7"^^<http://www.w3.org/2001/XMLSchema#integer> .`,
		`<https://example.org/id/a> <https://example.org/ns#q> "x"^^<https://example.org/dt> .`,
		`<https://example.org/id/a> <https://example.org/ns#n> "12"^^<http://www.w3.org/2001/XMLSchema#integer> .`,
		`<https://example.org/id/a> <https://example.org/ns#n> "-5"^^<http://www.w3.org/2001/XMLSchema#integer> .`,
		`<https://example.org/id/a> <https://example.org/ns#n> "+3"^^<http://www.w3.org/2001/XMLSchema#integer> .`,
		`<https://example.org/id/a> <https://example.org/ns#n> "1.5"^^<http://www.w3.org/2001/XMLSchema#decimal> .`,
		`<https://example.org/id/a> <https://example.org/ns#n> "1e10"^^<http://www.w3.org/2001/XMLSchema#double> .`,
		`<https://example.org/id/a> <https://example.org/ns#n> "true"^^<http://www.w3.org/2001/XMLSchema#boolean> .`,
		`<https://example.org/id/a> <https://example.org/ns#n> "false"^^<http://www.w3.org/2001/XMLSchema#boolean> .`,
		`<https://example.org/id/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://example.org/ns#Thing> .`,
		`<https://example.org/id/b.c> <https://example.org/ns#p> <https://example.org/ns#with-dash> .`,
		`<https://example.org/id/b.c> <https://example.org/ns#p> <https://example.org/ns#pct%20> .`,
		`<https://example.org/id/b.c> <https://example.org/ns#p> <https://example.org/id/d.e> .`,
		`<https://example.org/id/a> <https://example.org/ns#p> <https://example.org/id/b> <https://example.org/id/g> .`,
		`<https://example.org/id/a> <https://example.org/ns#p> <https://example.org/id/c> <https://example.org/id/h> .`,
		`<https://example.org/id/a> <https://example.org/ns#p> <https://example.org/id/d> <https://example.org/id/h> .`,
		`<https://example.org/id/x> <https://example.org/ns#p> <https://example.org/id/y> .`,
		`<https://example.org/id/r> <http://www.w3.org/1999/02/22-rdf-syntax-ns#reifies> <<( <https://example.org/id/a> <https://example.org/ns#p> "t" )>> .`,
	}
	var got []string
	p := newTTLParser("g.trig", strings.NewReader(doc), true, collectOptions(nil).limits, func(in rdfIn) error {
		got = append(got, formatRDFQuad(rdfStatement{Statement: in.Statement, triple: in.triple}))
		return nil
	})
	if err := p.parse(); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Errorf("read %d statements, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i := range min(len(got), len(want)) {
		if got[i] != want[i] {
			t.Errorf("statement %d:\n got %s\nwant %s", i, got[i], want[i])
		}
	}
}

// FuzzParseTriG runs the TriG and Turtle parser alone, without a graph to
// load into, so that the fuzzer reaches its corners fast: no panic, and
// every failure an *Error with a line and a column.
func FuzzParseTriG(f *testing.F) {
	for _, file := range []string{"testdata/valid.trig", "testdata/valid.ttl", "testdata/syria-sparql.trig"} {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, trig := range []bool{true, false} {
			p := newTTLParser("f", bytes.NewReader(data), trig, collectOptions(nil).limits, func(rdfIn) error { return nil })
			err := p.parse()
			if err == nil {
				continue
			}
			var le *Error
			if !errors.As(err, &le) || le.Line <= 0 || le.Column <= 0 {
				t.Fatalf("error %v is not an *Error with a line and a column", err)
			}
		}
	})
}
