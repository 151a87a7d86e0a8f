package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The README's section on the command line shows the tool's real output:
// every "$ actorgraph ..." line of its text blocks is run (from the
// repository's root, as the README's paths are) and must print exactly the
// lines under it, standard output and standard error together.
func TestTheREADMEShowsTheToolsOutput(t *testing.T) {
	if ran := runREADMESection(t, "## The command line"); ran < 5 {
		t.Errorf("ran %d of the README's examples; the section should show at least five", ran)
	}
}

// So does the section on importing real data.
func TestTheREADMEShowsTheImportsOutput(t *testing.T) {
	if ran := runREADMESection(t, "## Importing real data"); ran < 2 {
		t.Errorf("ran %d of the section's examples; it shows at least two", ran)
	}
}

// runREADMESection runs the "$ actorgraph" lines of the README's section
// heading and checks their output; it returns how many it ran.
func runREADMESection(t *testing.T, heading string) int {
	t.Helper()
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(readme)
	start := strings.Index(text, heading)
	if start < 0 {
		t.Fatalf("README.md has no %q section", heading)
	}
	section := text[start:]
	if end := strings.Index(section[len("## "):], "\n## "); end >= 0 {
		section = section[:end+len("## ")]
	}
	type example struct {
		args []string
		want string
	}
	var examples []example
	inBlock := false
	var cur *example
	flush := func() {
		if cur != nil {
			cur.want = strings.TrimRight(cur.want, "\n") + "\n"
			examples = append(examples, *cur)
			cur = nil
		}
	}
	for _, line := range strings.Split(section, "\n") {
		switch {
		case strings.HasPrefix(line, "```"):
			flush()
			inBlock = !inBlock && strings.TrimPrefix(line, "```") != ""
		case inBlock && strings.HasPrefix(line, "$ actorgraph "):
			flush()
			cur = &example{args: strings.Fields(strings.TrimPrefix(line, "$ actorgraph "))}
		case inBlock && cur != nil:
			cur.want += line + "\n"
		}
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	ran := 0
	for _, ex := range examples {
		missing := false
		for i, a := range ex.args {
			if a == "-data" && i+1 < len(ex.args) {
				if _, err := os.Stat(filepath.Join(root, ex.args[i+1])); err != nil {
					missing = true // an example of a file the reader makes, such as bad.yaml
				}
				ex.args[i+1] = filepath.Join(root, ex.args[i+1])
			}
		}
		if missing {
			continue
		}
		var out bytes.Buffer
		run(ex.args, &out, &out)
		got := strings.ReplaceAll(out.String(), root+string(filepath.Separator), "")
		if strings.TrimRight(got, "\n")+"\n" != ex.want {
			t.Errorf("actorgraph %s printed\n%s\nthe README shows\n%s", strings.Join(ex.args, " "), got, ex.want)
		}
		ran++
	}
	return ran
}
