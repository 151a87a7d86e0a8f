package answer

import (
	"fmt"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

// Relation returns the relation of v that s names, by short name or IRI.
func Relation(v *schema.Vocabulary, s string) (schema.Relation, error) {
	return term(v, s, "relation", "backs", func(r schema.Relation) bool { _, ok := v.Relation(r); return ok })
}

// Kind returns the kind of v that s names, by short name or IRI.
func Kind(v *schema.Vocabulary, s string) (schema.Kind, error) {
	return term(v, s, "kind", "ArmedGroup", func(k schema.Kind) bool { _, ok := v.Kind(k); return ok })
}

// term returns the term of v that s names, by short name or IRI, when
// defined says it is one of the sort (relation, kind) asked for.
func term[T ~string](v *schema.Vocabulary, s, sort, example string, defined func(T) bool) (T, error) {
	iri := schema.IRI(s)
	if t, ok := v.Lookup(s); ok {
		iri = t
	}
	if defined(T(iri)) {
		return T(iri), nil
	}
	return "", fmt.Errorf("%q is not a %s of the vocabulary (give its short name, such as %s, or its IRI): %w", s, sort, example, graph.ErrUnknownTerm)
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
