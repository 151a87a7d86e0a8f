package answer

import (
	"fmt"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

// Relation returns the relation of v that s names, by short name or IRI.
func Relation(v *schema.Vocabulary, s string) (schema.Relation, error) {
	iri := schema.IRI(s)
	if t, ok := v.Lookup(s); ok {
		iri = t
	}
	if _, ok := v.Relation(schema.Relation(iri)); ok {
		return schema.Relation(iri), nil
	}
	return "", fmt.Errorf("%q is not a relation of the vocabulary (give its short name, such as backs, or its IRI): %w", s, graph.ErrUnknownTerm)
}

// Kind returns the kind of v that s names, by short name or IRI.
func Kind(v *schema.Vocabulary, s string) (schema.Kind, error) {
	iri := schema.IRI(s)
	if t, ok := v.Lookup(s); ok {
		iri = t
	}
	if _, ok := v.Kind(schema.Kind(iri)); ok {
		return schema.Kind(iri), nil
	}
	return "", fmt.Errorf("%q is not a kind of the vocabulary (give its short name, such as ArmedGroup, or its IRI): %w", s, graph.ErrUnknownTerm)
}

// SplitWhere splits a Find constraint written RELATION:from:ID or
// RELATION:to:ID ("backs:to:coalition": who backs the coalition). An IRI
// holds colons, so the relation is everything before the last ":from:" or
// ":to:". It reports false when w has neither form.
func SplitWhere(w string) (rel string, from bool, id string, ok bool) {
	parts := strings.SplitN(w, ":", 3)
	if i := max(strings.LastIndex(w, ":from:"), strings.LastIndex(w, ":to:")); i > 0 {
		dir, rest, _ := strings.Cut(w[i+1:], ":")
		parts = []string{w[:i], dir, rest}
	}
	if len(parts) != 3 || (parts[1] != "from" && parts[1] != "to") || parts[0] == "" || parts[2] == "" {
		return "", false, "", false
	}
	return parts[0], parts[1] == "from", parts[2], true
}
