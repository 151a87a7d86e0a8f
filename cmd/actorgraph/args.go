package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// usageError is a command line that is malformed whatever the data: an unknown
// command or flag, a missing argument, a date that does not parse. It exits 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// flagSpec describes one flag: whether it takes a value, and whether it may
// be given more than once.
type flagSpec struct {
	value, repeat bool
}

// knownFlags returns every flag the tool knows. Each command honours some of
// them (see commands); -store and -data are honoured by all.
func knownFlags() map[string]flagSpec {
	return map[string]flagSpec{
		"store":       {value: true},
		"data":        {value: true, repeat: true},
		"as-of":       {value: true},
		"known-at":    {value: true},
		"during":      {value: true},
		"certain":     {},
		"source":      {value: true},
		"json":        {},
		"from":        {value: true},
		"to":          {value: true},
		"where":       {value: true, repeat: true},
		"report-time": {},
		"o":           {value: true},
		"addr":        {value: true},
		"sparql":      {},
		"h":           {},
		"help":        {},
	}
}

// command is one of the tool's commands: how many positional arguments it
// takes and which command flags it honours.
type command struct {
	args  []string // names of the positional arguments, for messages
	flags []string
}

func commands() map[string]command {
	// The claim filters are honoured by every command that weighs evidence.
	with := func(extra ...string) []string {
		return append([]string{"json", "as-of", "known-at", "during", "certain", "source"}, extra...)
	}
	return map[string]command{
		"entity":  {args: []string{"ID"}, flags: with()},
		"resolve": {args: []string{"NAME"}, flags: []string{"json"}},
		"edges":   {args: []string{"RELATION"}, flags: with("from", "to")},
		"history": {args: []string{"RELATION"}, flags: with("from", "to")},
		// Changes' window is its own: the valid-time filters do not apply.
		"changes":   {args: []string{"D1", "D2"}, flags: []string{"json", "known-at", "source", "from", "to", "report-time"}},
		"lineage":   {args: []string{"ID"}, flags: with()},
		"path":      {args: []string{"ID", "ID"}, flags: with()},
		"contested": {flags: with("from", "to")},
		"find":      {args: []string{"KIND"}, flags: with("where")},
		"stats":     {flags: []string{"json"}},
		"export":    {flags: []string{"o", "sparql"}},
		"serve":     {flags: []string{"addr"}},
	}
}

// invocation is a parsed command line.
type invocation struct {
	command string
	args    []string
	values  map[string][]string // flag name -> values ("" for a boolean)
	// notes is where the tool tells what a -data import left out (the
	// records an importer skipped); nil discards them.
	notes io.Writer
}

func (in *invocation) has(name string) bool { return len(in.values[name]) > 0 }

func (in *invocation) value(name string) string {
	if vs := in.values[name]; len(vs) > 0 {
		return vs[len(vs)-1]
	}
	return ""
}

// parseArgs reads a command line in which flags may come before or after the
// command and its arguments, with one dash or two, as "-name value" or
// "-name=value". "--" ends the flags. It checks the flags against what the
// command honours, so that a flag the command would ignore is an error.
func parseArgs(args []string) (*invocation, error) {
	known := knownFlags()
	in := &invocation{values: map[string][]string{}}
	var positional []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			positional = append(positional, args[i+1:]...)
			break
		}
		if len(a) < 2 || a[0] != '-' {
			positional = append(positional, a)
			continue
		}
		name := strings.TrimPrefix(strings.TrimPrefix(a, "-"), "-")
		val, hasVal := "", false
		if k, v, ok := strings.Cut(name, "="); ok {
			name, val, hasVal = k, v, true
		}
		spec, ok := known[name]
		if !ok {
			return nil, usagef("unknown flag %s", a)
		}
		switch {
		case spec.value && !hasVal:
			if i+1 >= len(args) {
				return nil, usagef("flag -%s needs a value", name)
			}
			i++
			val = args[i]
		case !spec.value && hasVal:
			return nil, usagef("flag -%s takes no value", name)
		}
		if !spec.repeat && in.has(name) {
			return nil, usagef("flag -%s given twice", name)
		}
		in.values[name] = append(in.values[name], val)
	}
	if in.has("h") || in.has("help") {
		return in, nil
	}
	if len(positional) == 0 {
		return nil, usagef("no command given")
	}
	in.command, in.args = positional[0], positional[1:]
	cmd, ok := commands()[in.command]
	if !ok {
		return nil, usagef("unknown command %q", in.command)
	}
	if len(in.args) != len(cmd.args) {
		if len(cmd.args) == 0 {
			return nil, usagef("%s takes no arguments, got %q", in.command, in.args)
		}
		return nil, usagef("%s takes %s, got %d argument(s)", in.command, strings.Join(cmd.args, " "), len(in.args))
	}
	honoured := map[string]bool{"store": true, "data": true}
	for _, f := range cmd.flags {
		honoured[f] = true
	}
	for name := range in.values {
		if !honoured[name] {
			return nil, usagef("%s does not take -%s", in.command, name)
		}
	}
	if in.command == "export" && !in.has("o") {
		return nil, usagef("export needs -o FILE")
	}
	return in, nil
}

// parseDate parses a date of the command line, as a usage error when it does
// not parse.
func parseDate(flag, s string) (graph.Date, error) {
	d, err := graph.ParseDate(s)
	if err != nil {
		return graph.Date{}, usagef("-%s %q: want YYYY, YYYY-MM or YYYY-MM-DD: %v", flag, s, err)
	}
	if err := d.Valid(); err != nil {
		return graph.Date{}, usagef("-%s %q: %v", flag, s, err)
	}
	return d, nil
}
