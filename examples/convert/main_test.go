package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/loader"
)

func TestConvertBetweenFormats(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	in := filepath.Join("..", "syria", "syria.yaml")
	outs := []string{"a.nq", "a.trig", "a.ttl", "a.jsonld", "a.csv", "a.dot", "a.graphml"}
	for i := range outs {
		outs[i] = filepath.Join(dir, outs[i])
	}
	var stderr bytes.Buffer
	if err := run(ctx, []string{in}, outs, "", false, true, nil, &stderr); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stderr.String(), "syria.yaml: 32 entities, 34 claims, 51 facts") {
		t.Errorf("stderr: %s", stderr.String())
	}
	for _, o := range outs {
		if fi, err := os.Stat(o); err != nil || fi.Size() == 0 {
			t.Errorf("%s: %v", o, err)
		}
	}
	// Materialised for SPARQL, in RDF 1.2 too, it reads back the same.
	sparql := []string{filepath.Join(dir, "s.trig"), filepath.Join(dir, "s.ttl"), filepath.Join(dir, "s.nq")}
	if err := run(ctx, []string{in}, sparql, "", false, false, nil, &stderr, loader.ForSPARQL(), loader.WithReifiers()); err != nil {
		t.Fatal(err)
	}
	// Back from N-Quads, TriG, Turtle and JSON-LD, with a progress bar, to the same N-Quads.
	first, _ := os.ReadFile(outs[0])
	for _, from := range append(outs[:4:4], sparql...) {
		var stdout bytes.Buffer
		stderr.Reset()
		if err := run(ctx, []string{from}, []string{"-"}, "", false, true, &stdout, &stderr); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(stdout.Bytes(), first) {
			t.Errorf("%s read back differs from the N-Quads export", from)
		}
		if !strings.Contains(stderr.String(), "100% ") {
			t.Errorf("no finished progress bar for %s: %q", from, stderr.String())
		}
	}
	if err := run(ctx, []string{in}, []string{filepath.Join(dir, "a.txt")}, "", false, false, nil, &stderr); err == nil {
		t.Error("an unknown output format was accepted")
	}
}
