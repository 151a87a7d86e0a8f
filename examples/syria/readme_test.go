package main

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// The README quotes the example's output; it must be what the example prints.
func TestTheREADMEShowsTheCurrentOutput(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := run(ctx, &out, ""); err != nil {
		t.Fatal(err)
	}
	want := strings.Trim(out.String(), "\n")
	if !strings.Contains(string(readme), "```text\n"+want+"\n```") {
		t.Error("README.md's \"What the example prints\" differs from go run ./examples/syria; paste the new output in")
	}
}
