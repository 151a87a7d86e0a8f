// Command actorgraph asks an actorgraph store or dataset questions from the
// command line: who an entity is, who backs whom as of a date, where a group
// comes from, how two actors are connected, what is contested; and exports it.
//
//	actorgraph [-store LOCATION] [-data FILE]... COMMAND [ARGS] [FLAGS]
//
// Install it with
//
//	go install github.com/actorgraph/actorgraph/cmd/actorgraph@latest
//
// Run it with no arguments, or with -h, for the commands and flags.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/bolt"
	"github.com/actorgraph/actorgraph/graph/leveldb"
	"github.com/actorgraph/actorgraph/graph/postgres"
	"github.com/actorgraph/actorgraph/internal/answer"
	"github.com/actorgraph/actorgraph/loader"
	"github.com/actorgraph/actorgraph/schema"
)

const usage = `usage: actorgraph [-store LOCATION] [-data FILE]... COMMAND [ARGS] [FLAGS]

Commands:
  entity ID                 the entity, its kinds, names and attributes
  resolve NAME              the entities a name or alias denotes
  edges RELATION            the edges of a relation [-from ID] [-to ID]
  history RELATION          every claim's interval of a relation, with what ended it [-from ID] [-to ID]
  changes D1 D2             what began, ended or happened from D1 to D2 [-from ID] [-to ID];
                            with -report-time, what was reported, denied or retracted then
  lineage ID                where an organization comes from
  path ID ID                a shortest connection between two entities
  contested                 edges one source asserts and another denies [-from ID] [-to ID]
  find KIND                 entities of a kind [-where RELATION:from|to:ID]...
  stats                     how much the graph holds
  export -o FILE            write the graph; format from the extension:
                            .nq .trig .ttl .jsonld .csv .dot .graphml; with -sparql,
                            the RDF formats materialise what SPARQL cannot infer
  serve [-addr HOST:PORT]   a read-only web view and JSON API of the graph, on
                            127.0.0.1:8080 by default, until interrupted

Global flags (before or after the command):
  -store LOCATION   the store to open: "" or memory: (the default), leveldb:DIR,
                    bolt:DIR, postgres://... (opened with the vocabulary it holds)
  -data FILE        a file to load into the store first (repeatable; by extension:
                    .yaml .yml dataset, .nq N-Quads, .trig TriG, .ttl Turtle, .jsonld .json
                    JSON-LD, .csv claim table); the vocabularies .nq, .trig, .ttl and .jsonld
                    exports declare extend the store's; ucdp-ged:FILE (GED CSV or API
                    JSON) and ucdp-actors:FILE (the UCDP actor list) import UCDP data,
                    also found by their header in .csv and .json files; load the actor
                    list before the events;
                    acled:FILE imports an ACLED CSV export (also found by its header
                    in a .csv file), wikidata:FILE Wikidata entity JSON (a dump, an
                    entity, wbgetentities' answer); load related items together

Claim filters (entity, edges, history, lineage, path, contested, find;
changes takes -known-at and -source only):
  -as-of D          what holds in the world during D (YYYY, YYYY-MM or YYYY-MM-DD)
  -known-at D       what had been reported by the end of D
  -during D[..D]    what holds at some time in the window (one date: its whole period)
  -certain          with -as-of or -during: only what the dates make certain
  -source ID        only the claims of this source
Output:
  -json             one JSON document: {"command": NAME, "results": [...]}

Flags take one dash or two. A flag the command does not honour is an error.
An ID is a full IRI, a short id of a loaded YAML file (against its base:),
a name or alias, or the last segment of an entity's IRI, tried in that order.
RELATION and KIND are short names (backs, ArmedGroup) or IRIs.

JSON results, by command:
  entity     {id, name, kinds, aliases, sameAs, description, merged, attributes: [{attribute, value, evidence}]}
  resolve    {id, name, kinds, aliases, sameAs, description, merged}
  edges, contested
             {subject: {id, name}, relation, object: {id, name}, contested, evidence, rivals, recorded}
  history    {subject, relation, object, from, until, claim}
  changes    {kind, on, subject, relation, object, from, until, claim}
             (kind: began, ended, happened, reported, denied, retracted)
  lineage, path
             {from, relation, to, reverse, former, depth, evidence}
  find       {entity, evidence}
  stats      {quads, entities, claims, facts, attributes, relations: {NAME: count}}
  evidence is a list of claims:
             {id, source: {id, name}, via, stance, reported, validFrom, validUntil,
              quote, note, confidence, derived, endedBy, endedOn, retractions: [{claim, reported}]}
  Dates are ISO 8601 at their precision, "" when unknown.

Exit status: 0 on success, 2 for a malformed command line, 1 for any other error.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run runs the command line args, writing answers to stdout and errors to
// stderr, and returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	in, err := parseArgs(args)
	if err == nil && in.command == "" {
		fmt.Fprint(stdout, usage)
		return 0
	}
	if err == nil {
		in.notes = stderr
		err = execute(context.Background(), in, stdout)
	}
	if err == nil {
		return 0
	}
	fmt.Fprintln(stderr, "actorgraph:", err)
	var u *usageError
	if errors.As(err, &u) {
		fmt.Fprintln(stderr, "run actorgraph -h for the commands and flags")
		return 2
	}
	return 1
}

func execute(ctx context.Context, in *invocation, stdout io.Writer) (err error) {
	g, err := open(ctx, in.value("store"), in.values["data"])
	if err != nil {
		return err
	}
	defer func() {
		if cerr := g.Close(); err == nil {
			err = cerr
		}
	}()
	r := &resolver{g: g}
	for _, path := range in.values["data"] {
		if err := load(ctx, g, r, path, in.notes); err != nil {
			return err
		}
	}
	c := &call{in: in, g: g, r: r, v: g.Vocabulary(), out: stdout}
	if err := c.readFilters(ctx); err != nil {
		return err
	}
	return c.run(ctx)
}

// open opens the store with the vocabulary it holds (the core for a new one)
// extended with the vocabularies the -data files declare, so that an export
// written with an extension loads: the store's vocabulary is read first, then
// each file's in turn, and the store is opened again with the result when the
// files add terms (Open checks that it covers the stored terms).
func open(ctx context.Context, store string, data []string) (*graph.Graph, error) {
	g, err := graph.Open(ctx, store, backends(), graph.WithStoredVocabulary())
	if err != nil {
		return nil, err
	}
	v, err := dataVocabulary(ctx, g.Vocabulary(), data)
	if err == nil && v == g.Vocabulary() {
		return g, nil
	}
	if cerr := g.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, err
	}
	return graph.Open(ctx, store, backends(), graph.WithVocabulary(v))
}

// dataVocabulary returns base extended with the vocabularies the files
// declare, in their order; base itself when they declare nothing more. Only
// N-Quads, TriG, Turtle and JSON-LD exports carry a vocabulary; a file of an unknown format
// is left to load, which says so.
func dataVocabulary(ctx context.Context, base *schema.Vocabulary, paths []string) (*schema.Vocabulary, error) {
	v := base
	for _, path := range paths {
		if imp, _, ok, err := importerFor(path); err != nil {
			return nil, err
		} else if ok {
			if v, err = v.Extend(imp.terms()); err != nil {
				return nil, fmt.Errorf("-data %s: the %s terms do not fit the vocabulary of the store and the -data files before it: %w", path, imp.prefix, err)
			}
			continue
		}
		var read func(context.Context, string, io.Reader, *schema.Vocabulary, ...loader.Option) (*schema.Vocabulary, error)
		switch strings.ToLower(filepath.Ext(path)) {
		case ".nq", ".nquads":
			read = loader.ReadNQuadsVocabulary
		case ".trig":
			read = loader.ReadTriGVocabulary
		case ".ttl":
			read = loader.ReadTurtleVocabulary
		case ".jsonld", ".json":
			read = loader.ReadJSONLDVocabulary
		default:
			continue
		}
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		v, err = read(ctx, path, f, v)
		f.Close()
		if errors.Is(err, schema.ErrClash) || errors.Is(err, graph.ErrConflict) {
			return nil, fmt.Errorf("-data %s: its vocabulary does not fit that of the store and the -data files before it: %w", path, err)
		}
		if err != nil {
			return nil, err
		}
	}
	return v, nil
}

// load reads a dataset file into g by its extension. A CSV table's relative
// ids are resolved against the base of the YAML files loaded before it. What
// an importer left out is told to notes.
func load(ctx context.Context, g *graph.Graph, r *resolver, path string, notes io.Writer) error {
	if imp, file, ok, err := importerFor(path); err != nil {
		return err
	} else if ok {
		return importFile(ctx, g, r, imp, file, notes)
	}
	ext := strings.ToLower(filepath.Ext(path))
	switch ext {
	case ".yaml", ".yml", ".nq", ".nquads", ".trig", ".ttl", ".jsonld", ".json", ".csv":
	default:
		return usagef("-data %s: unknown format %q; want .yaml, .yml, .nq, .trig, .ttl, .jsonld, .json or .csv", path, ext)
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	switch ext {
	case ".yaml", ".yml":
		if _, err := loader.LoadYAML(ctx, g, path, f); err != nil {
			return err
		}
		base, err := yamlBase(path)
		if err != nil {
			return err
		}
		r.addBase(base)
	case ".nq", ".nquads":
		_, err = loader.LoadNQuads(ctx, g, path, f)
	case ".trig":
		_, err = loader.LoadTriG(ctx, g, path, f)
	case ".ttl":
		_, err = loader.LoadTurtle(ctx, g, path, f)
	case ".jsonld", ".json":
		_, err = loader.LoadJSONLD(ctx, g, path, f)
	case ".csv":
		var opts []loader.Option
		if len(r.bases) > 0 {
			opts = append(opts, loader.WithBase(r.bases[0]))
		}
		_, err = loader.LoadCSV(ctx, g, path, f, opts...)
	}
	return err
}

// call is one command being run.
type call struct {
	in  *invocation
	g   *graph.Graph
	r   *resolver
	v   *schema.Vocabulary
	out io.Writer

	answer.Filters // the claim filters of the command line
}

func (c *call) readFilters(ctx context.Context) error {
	var err error
	if c.in.has("as-of") {
		if c.AsOf, err = parseDate("as-of", c.in.value("as-of")); err != nil {
			return err
		}
	}
	if c.in.has("known-at") {
		if c.KnownAt, err = parseDate("known-at", c.in.value("known-at")); err != nil {
			return err
		}
	}
	if c.in.has("during") {
		s := c.in.value("during")
		from, until, isRange := strings.Cut(s, "..")
		if c.DuringFrom, err = parseDate("during", from); err != nil {
			return err
		}
		c.DuringUntil = c.DuringFrom
		if isRange {
			if c.DuringUntil, err = parseDate("during", until); err != nil {
				return err
			}
		}
	}
	c.Certain = c.in.has("certain")
	if c.Certain && !c.in.has("as-of") && !c.in.has("during") {
		return usagef("-certain needs -as-of or -during")
	}
	if c.in.has("source") {
		e, err := c.r.entity(ctx, c.in.value("source"))
		if err != nil {
			return fmt.Errorf("-source: %w", err)
		}
		c.Source = e.ID
	}
	return nil
}

// anchors returns the -from and -to anchors as options of the family O.
func anchors[O any](ctx context.Context, c *call, opts []O) ([]O, error) {
	for _, name := range []string{"from", "to"} {
		if !c.in.has(name) {
			continue
		}
		e, err := c.r.entity(ctx, c.in.value(name))
		if err != nil {
			return nil, fmt.Errorf("-%s: %w", name, err)
		}
		a := graph.From(e.ID)
		if name == "to" {
			a = graph.To(e.ID)
		}
		o, ok := any(a).(O)
		if !ok {
			return nil, fmt.Errorf("%s: the option -%s does not apply", c.in.command, name)
		}
		opts = append(opts, o)
	}
	return opts, nil
}

func (c *call) run(ctx context.Context) error {
	switch c.in.command {
	case "entity":
		return c.entity(ctx)
	case "resolve":
		return c.resolve(ctx)
	case "edges":
		return c.edges(ctx)
	case "history":
		return c.history(ctx)
	case "changes":
		return c.changes(ctx)
	case "lineage":
		return c.lineage(ctx)
	case "path":
		return c.path(ctx)
	case "contested":
		return c.contested(ctx)
	case "find":
		return c.find(ctx)
	case "stats":
		return c.stats(ctx)
	case "export":
		return c.export(ctx)
	case "serve":
		return c.serve(ctx)
	}
	return usagef("unknown command %q", c.in.command)
}

func (c *call) text() *text { return &text{w: c.out, short: c.r.short} }

func (c *call) json() bool { return c.in.has("json") }

func (c *call) writeJSON(results any) error {
	enc := json.NewEncoder(c.out)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(struct {
		Command string `json:"command"`
		Results any    `json:"results"`
	}{c.in.command, results})
}

// backends are the stores -store can name.
func backends() graph.Option {
	return graph.WithBackend(leveldb.Backend{}, bolt.Backend{}, postgres.Backend{})
}
