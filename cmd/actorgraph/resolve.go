package main

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/answer"
	"github.com/actorgraph/actorgraph/schema"
)

// resolver turns the identifiers of the command line into IRIs: entities by
// IRI, short id or name, terms by short name or IRI.
type resolver struct {
	g     *graph.Graph
	bases []string // the base: of each YAML file loaded, in order, each once
}

// yamlBase reads the base: of a YAML dataset, so that its short ids can be
// used on the command line. The file has already been loaded, so it parses.
func yamlBase(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	var head struct {
		Base string `yaml:"base"`
	}
	if err := yaml.Unmarshal(b, &head); err != nil {
		return "", fmt.Errorf("%s: reading its base: %w", path, err)
	}
	return head.Base, nil
}

func (r *resolver) addBase(base string) {
	if base == "" {
		return
	}
	for _, b := range r.bases {
		if b == base {
			return
		}
	}
	r.bases = append(r.bases, base)
}

// entity finds the one entity s denotes, trying in turn:
//  1. s as a full IRI;
//  2. s as a short id, against the base of every YAML file loaded with -data;
//  3. s as a name or alias (Graph.Resolve: case and accents ignored);
//  4. s as the last segment of an entity IRI (after its final '/' or '#'),
//     which serves stores and RDF files, whose base the tool does not know;
//     this lists every entity of the graph.
//
// Several candidates at one step are an error that lists them.
func (r *resolver) entity(ctx context.Context, s string) (graph.Entity, error) {
	if s == "" {
		return graph.Entity{}, usagef("an empty entity id")
	}
	if schema.IsAbsolute(s) {
		return r.g.Entity(ctx, schema.IRI(s))
	}
	var byBase []graph.Entity
	for _, b := range r.bases {
		e, err := r.g.Entity(ctx, schema.IRI(b+s))
		if graph.IsNotFound(err) {
			continue
		}
		if err != nil {
			return graph.Entity{}, err
		}
		byBase = appendEntity(byBase, e)
	}
	if len(byBase) > 0 {
		return one(s, byBase)
	}
	named, err := r.g.Resolve(ctx, s)
	if err != nil {
		return graph.Entity{}, err
	}
	if len(named) > 0 {
		return one(s, named)
	}
	all, err := r.allEntities(ctx)
	if err != nil {
		return graph.Entity{}, err
	}
	var bySuffix []graph.Entity
	for _, e := range all {
		id := string(e.ID)
		if strings.HasSuffix(id, "/"+s) || strings.HasSuffix(id, "#"+s) {
			bySuffix = appendEntity(bySuffix, e)
		}
	}
	if len(bySuffix) == 0 {
		return graph.Entity{}, fmt.Errorf("%q: no entity has this IRI, id, name or alias: %w", s, graph.ErrNotFound)
	}
	return one(s, bySuffix)
}

func appendEntity(es []graph.Entity, e graph.Entity) []graph.Entity {
	for _, x := range es {
		if x.ID == e.ID {
			return es
		}
	}
	return append(es, e)
}

func one(s string, es []graph.Entity) (graph.Entity, error) {
	if len(es) == 1 {
		return es[0], nil
	}
	names := make([]string, len(es))
	for i, e := range es {
		names[i] = fmt.Sprintf("%s (%s)", e, e.ID)
	}
	return graph.Entity{}, fmt.Errorf("%q is ambiguous: %s: %w", s, strings.Join(names, ", "), graph.ErrNotSingular)
}

// allEntities lists every entity of the graph, by its root kinds.
func (r *resolver) allEntities(ctx context.Context) ([]graph.Entity, error) {
	var es []graph.Entity
	seen := map[schema.IRI]bool{}
	for _, k := range r.g.Vocabulary().Kinds() {
		if k.Parent != "" || k.Kind == schema.ClaimKind {
			continue
		}
		ms, err := graph.Find(k.Kind).All(ctx, r.g)
		if err != nil {
			return nil, err
		}
		for _, m := range ms {
			if !seen[m.Entity.ID] {
				seen[m.Entity.ID] = true
				es = append(es, m.Entity)
			}
		}
	}
	sort.Slice(es, func(i, j int) bool { return es[i].ID < es[j].ID })
	return es, nil
}

// relation returns the relation s names, by short name or IRI.
func (r *resolver) relation(s string) (schema.Relation, error) {
	return answer.Relation(r.g.Vocabulary(), s)
}

// kind returns the kind s names, by short name or IRI.
func (r *resolver) kind(s string) (schema.Kind, error) { return answer.Kind(r.g.Vocabulary(), s) }

// short returns iri without the first base it starts with, for text output.
func (r *resolver) short(iri schema.IRI) string {
	for _, b := range r.bases {
		if rest, ok := strings.CutPrefix(string(iri), b); ok && rest != "" {
			return rest
		}
	}
	return string(iri)
}
