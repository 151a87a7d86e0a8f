package schema

import "strings"

// IRI is the identifier of an entity or a claim: an absolute IRI such as
// "https://actorgraph.org/id/syria/hts".
type IRI string

// Namespace is an IRI prefix from which terms and identifiers are minted.
type Namespace string

// IRI returns the namespace followed by local.
func (ns Namespace) IRI(local string) IRI { return IRI(string(ns) + local) }

// Namespaces of the standard vocabularies that actorgraph's terms build on.
const (
	NS        Namespace = "https://actorgraph.org/ns#" // actorgraph's own terms (prefix ag:)
	RDF       Namespace = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
	RDFS      Namespace = "http://www.w3.org/2000/01/rdf-schema#"
	XSD       Namespace = "http://www.w3.org/2001/XMLSchema#"
	OWL       Namespace = "http://www.w3.org/2002/07/owl#"
	SchemaOrg Namespace = "https://schema.org/"
	Wikidata  Namespace = "http://www.wikidata.org/prop/direct/"
)

// IsAbsolute reports whether s looks like an absolute IRI: a scheme of letters,
// digits, '+', '-' or '.', starting with a letter, then ':' and something more.
func IsAbsolute(s string) bool {
	i := strings.IndexByte(s, ':')
	if i <= 0 || i == len(s)-1 {
		return false
	}
	for j, c := range s[:i] {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		case j > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return !strings.ContainsAny(s, " \t\n\r<>\"{}|\\^`")
}
