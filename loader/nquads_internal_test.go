package loader

import (
	"strings"
	"testing"
)

// A line that parses is written back by FormatNQuad to a line that parses to
// the same statement: the writer and the parser agree on every escape.
func FuzzNQuadLine(f *testing.F) {
	for _, s := range []string{
		`<https://a.example/s> <https://a.example/p> "x\"y\\z\n\u00e9\U0001F600" <https://a.example/g> .`,
		`<https://a.example/s> <https://a.example/p> "2017"^^<http://www.w3.org/2001/XMLSchema#gYear> .`,
		`<https://a.example/s> <https://a.example/p> "Türkiye"@tr .`,
		`<https://a.example/s\u0020x> <https://a.example/p> <https://a.example/o> . # comment`,
		`_:b <https://a.example/p> "x" .`,
		`<https://a.example/s> <https://a.example/p> "x`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		if strings.ContainsAny(line, "\n") {
			return // one line at a time
		}
		st, ok, err := parseNQuad(line)
		if err != nil || !ok {
			return
		}
		again := FormatNQuad(st)
		st2, ok, err := parseNQuad(again)
		if err != nil || !ok {
			t.Fatalf("%q parsed, was written as %q, which does not parse: %v", line, again, err)
		}
		if st2 != st {
			t.Fatalf("%q -> %+v\nwritten %q -> %+v", line, st, again, st2)
		}
	})
}
