package loader

import (
	"context"
	"errors"
	"strings"
	"testing"
	"unsafe"

	"github.com/actorgraph/actorgraph/graph"
)

// A load holds one copy of each IRI and short typed literal however many
// lines name it, and none of the lines' own memory: the strings it keeps
// are its own, and escapes are decoded as before.
func TestParsedIRIsAreHeldOnceAndApartFromTheLine(t *testing.T) {
	names := map[string]string{}
	lines := []string{
		`<https://a.example/s> <https://a.example/p> "2017"^^<http://www.w3.org/2001/XMLSchema#gYear> <https://a.example/c> .`,
		`<https://a.example/s> <https://a.example/p> "2017"^^<http://www.w3.org/2001/XMLSchema#gYear> <https://a.example/c> .`,
		`<https://a.example/\u0073> <https://a.example/p> "a\"b"@tr .`,
	}
	var sts []graph.Statement
	for _, line := range lines {
		st, ok, err := parseNQuadInterned(line, DefaultMaxLiteralBytes, names)
		if err != nil || !ok {
			t.Fatalf("%s: %v", line, err)
		}
		sts = append(sts, st)
		lo, hi := uintptr(unsafe.Pointer(unsafe.StringData(line))), uintptr(unsafe.Pointer(unsafe.StringData(line)))+uintptr(len(line))
		for _, s := range []string{string(st.Subject), string(st.Predicate), st.Object.Lexical, st.Object.Lang, string(st.Object.Datatype), string(st.Claim)} {
			if p := uintptr(unsafe.Pointer(unsafe.StringData(s))); s != "" && p >= lo && p < hi {
				t.Errorf("%q is held in the line's memory", s)
			}
		}
	}
	same := func(what string, a, b string) {
		if a != b || unsafe.StringData(a) != unsafe.StringData(b) {
			t.Errorf("%s: %q and %q are two copies", what, a, b)
		}
	}
	same("subject", string(sts[0].Subject), string(sts[1].Subject))
	same("subject, escaped", string(sts[0].Subject), string(sts[2].Subject))
	same("predicate", string(sts[0].Predicate), string(sts[2].Predicate))
	same("date", sts[0].Object.Lexical, sts[1].Object.Lexical)
	same("claim", string(sts[0].Claim), string(sts[1].Claim))
	if sts[2].Object.Lexical != `a"b` || sts[2].Object.Lang != "tr" {
		t.Errorf("escaped literal read as %+v", sts[2].Object)
	}
}

// A record that the batch refuses is placed at the line it was read from,
// and the error quotes the record (its statement), since the load no longer
// keeps the lines' text.
func TestRefusedFactQuotesItsStatementAtItsLine(t *testing.T) {
	ctx := context.Background()
	g, err := graph.Open(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	in := `<https://a.example/src> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://actorgraph.org/ns#MediaOutlet> .
<https://a.example/src> <https://schema.org/name> "Src" .
<https://a.example/c> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://actorgraph.org/ns#Claim> .
<https://a.example/c> <https://actorgraph.org/ns#source> <https://a.example/src> .
<https://a.example/c> <https://actorgraph.org/ns#reported> "2024-01-02"^^<http://www.w3.org/2001/XMLSchema#date> .
<https://a.example/src> <https://actorgraph.org/ns#backs> <https://a.example/nobody> <https://a.example/c> .
`
	_, err = LoadNQuads(ctx, g, "in.nq", strings.NewReader(in))
	var le *Error
	if !errors.As(err, &le) || !errors.Is(err, graph.ErrDangling) {
		t.Fatalf("got %v, want a placed ErrDangling", err)
	}
	if le.File != "in.nq" || le.Line != 6 || !strings.Contains(le.Text, "<https://a.example/nobody>") {
		t.Errorf("placed at %s:%d quoting %q; want in.nq:6 quoting the fact", le.File, le.Line, le.Text)
	}
	if n, _ := g.Stats(ctx); n != 0 {
		t.Errorf("a failed load wrote %d quads", n)
	}
}
