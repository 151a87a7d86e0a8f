package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/schema"
)

// The example's answers come from the graph; the test fails if one changes.
func TestTheExamplePrintsTypedAnswers(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), &out); err != nil {
		t.Fatal(err)
	}
	want := `Militias funded by a state that backs the rebel coalition:
  North Brigade: 1200 fighters, funded by Turkey, led by Commander A
  River Guard: 800 fighters, funded by Turkey
Militias Turkey funds as of 2022: 0
Militias Turkey funds as of 2024: 2
Interviews:
  Reporter B interviewed Commander A (11 December 2024): "We hold the bridge."
`
	if got := out.String(); !strings.HasPrefix(got, want) {
		t.Errorf("output:\n%s\nwant it to start with:\n%s", got, want)
	}
	if !strings.Contains(out.String(), "A wrong-domain write: graph: fact https://example.org/id/russia interviewed") ||
		!strings.Contains(out.String(), "not Journalist: subject outside the relation's domain") {
		t.Errorf("the wrong-domain write was not refused by name:\n%s", out.String())
	}
}

func TestTheVocabularyLeavesCoreAlone(t *testing.T) {
	v, err := Vocabulary()
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := v.Kind(Militia); !ok {
		t.Error("the extension lacks Militia")
	}
	if _, ok := schema.Core().Kind(Militia); ok {
		t.Error("extending put Militia into the core vocabulary")
	}
}
