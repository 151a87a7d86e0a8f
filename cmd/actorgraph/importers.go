package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/importer/acled"
	"github.com/actorgraph/actorgraph/importer/ucdp"
	"github.com/actorgraph/actorgraph/importer/wikidata"
	"github.com/actorgraph/actorgraph/schema"
)

// importer reads a dataset format of the data users hold, named by a prefix
// of -data ("ucdp-ged:FILE") or, where unambiguous, detected from the file's
// first bytes. A new format is one more entry in importers.
type importer struct {
	prefix string
	// terms are what the graph's vocabulary must hold for the load.
	terms func() schema.Terms
	// detect reports whether a file's first bytes are in the format; nil
	// when the format is only taken by its prefix.
	detect func(head []byte) bool
	// load loads r; note, when not "", tells what the load left out.
	load func(ctx context.Context, g *graph.Graph, name string, r io.Reader) (note string, err error)
	// base is the prefix of the IRIs the load writes, against which the
	// tool resolves short ids ("actor/6815").
	base string
	// lineage, when the format has lineage relations of its own, are the
	// relations lineage follows (the core's included) in a graph whose
	// vocabulary has them.
	lineage func() []schema.Relation
}

func importers() []importer {
	ucdpIs := func(layouts ...ucdp.Layout) func([]byte) bool {
		return func(head []byte) bool {
			l := ucdp.Detect(head)
			for _, want := range layouts {
				if l == want {
					return true
				}
			}
			return false
		}
	}
	return []importer{
		{
			prefix: "ucdp-ged", terms: ucdp.Terms, base: string(ucdp.DefaultBase), lineage: ucdp.LineageRelations,
			detect: ucdpIs(ucdp.GED191, ucdp.GED231, ucdp.GEDJSON),
			load: func(ctx context.Context, g *graph.Graph, name string, r io.Reader) (string, error) {
				_, err := ucdp.LoadGED(ctx, g, name, r)
				return "", err
			},
		},
		{
			prefix: "ucdp-actors", terms: ucdp.Terms, base: string(ucdp.DefaultBase), lineage: ucdp.LineageRelations,
			detect: ucdpIs(ucdp.ActorList),
			load: func(ctx context.Context, g *graph.Graph, name string, r io.Reader) (string, error) {
				_, err := ucdp.LoadActors(ctx, g, name, r)
				return "", err
			},
		},
		{
			prefix: "acled", terms: acled.Terms, base: acled.DefaultBase, detect: acledHeader,
			load: func(ctx context.Context, g *graph.Graph, name string, r io.Reader) (string, error) {
				_, err := acled.Load(ctx, g, name, r)
				return "", err
			},
		},
		{
			prefix: "wikidata", terms: wikidata.Terms, base: wikidata.EntityBase, detect: wikidataEntity,
			lineage: func() []schema.Relation {
				return []schema.Relation{schema.FormerlyKnownAs, schema.SuccessorOf, schema.BranchOf, schema.FormerlyBranchOf, wikidata.Replaces}
			},
			load: func(ctx context.Context, g *graph.Graph, name string, r io.Reader) (string, error) {
				st, err := wikidata.Load(ctx, g, name, r)
				if err != nil || len(st.Skipped) == 0 {
					return "", err
				}
				first := st.Skipped[0]
				return fmt.Sprintf("%d items or statements left out; the first, at %d:%d, %s: %v",
					len(st.Skipped), first.Line, first.Column, first.Field, first.Err), nil
			},
		},
	}
}

// acledHeader reports whether a CSV file's first line is an ACLED header:
// it names the columns every ACLED export has.
func acledHeader(head []byte) bool {
	line, _, _ := strings.Cut(string(head), "\n")
	cols := map[string]bool{}
	for _, c := range strings.Split(strings.TrimSpace(strings.TrimPrefix(line, "\ufeff")), ",") {
		cols[strings.Trim(strings.ToLower(c), `" `)] = true
	}
	return cols["event_id_cnty"] && cols["sub_event_type"] && cols["actor1"] && cols["time_precision"]
}

// wikidataItem matches what every Wikidata item's JSON says of itself.
var (
	wikidataItem = regexp.MustCompile(`"type"\s*:\s*"item"`)
	wikidataID   = regexp.MustCompile(`"id"\s*:\s*"Q[1-9][0-9]*"`)
)

// wikidataEntity reports whether a .json file's first bytes are Wikidata
// entity JSON: an item with its id, and no JSON-LD keyword.
func wikidataEntity(head []byte) bool {
	return wikidataItem.Match(head) && wikidataID.Match(head) && !bytes.Contains(head, []byte(`"@`))
}

// importerFor returns the importer a -data value names by its prefix, or
// whose format a .csv or .json file's first bytes show, and the file's path.
// ok is false for a file the tool's own loaders read.
func importerFor(data string) (imp importer, path string, ok bool, err error) {
	all := importers()
	if prefix, rest, found := strings.Cut(data, ":"); found {
		for _, imp := range all {
			if imp.prefix == prefix {
				return imp, rest, true, nil
			}
		}
	}
	switch strings.ToLower(filepath.Ext(data)) {
	case ".csv", ".json":
	default:
		return importer{}, data, false, nil
	}
	f, err := os.Open(data)
	if err != nil {
		return importer{}, data, false, err
	}
	defer f.Close()
	head := make([]byte, 8192)
	n, err := io.ReadFull(f, head)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return importer{}, data, false, fmt.Errorf("-data %s: %w", data, err)
	}
	for _, imp := range all {
		if imp.detect != nil && imp.detect(head[:n]) {
			return imp, data, true, nil
		}
	}
	return importer{}, data, false, nil
}

// importFile loads path with imp, and tells notes what the load left out.
func importFile(ctx context.Context, g *graph.Graph, r *resolver, imp importer, path string, notes io.Writer) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	note, err := imp.load(ctx, g, path, f)
	if err != nil {
		return err
	}
	if note != "" && notes != nil {
		fmt.Fprintf(notes, "actorgraph: -data %s: %s\n", path, note)
	}
	r.addBase(imp.base)
	return nil
}

// lineageThrough returns the option that makes lineage follow, as well as
// the core's, the lineage relations of the importers whose terms v holds; nil
// when v holds none.
func lineageThrough(v *schema.Vocabulary) []graph.WalkOption {
	var rels []schema.Relation
	extra := false
	for _, imp := range importers() {
		if imp.lineage == nil {
			continue
		}
		for _, rel := range imp.lineage() {
			if _, ok := v.Relation(rel); ok && !slices.Contains(rels, rel) {
				rels = append(rels, rel)
				_, core := schema.Core().Relation(rel)
				extra = extra || !core
			}
		}
	}
	if !extra {
		return nil
	}
	return []graph.WalkOption{graph.Through(rels...)}
}
