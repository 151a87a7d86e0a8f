package graph

import "errors"

// Errors that callers branch on, compared with errors.Is. The errors the package
// returns wrap them with the place and the term or entity concerned.
var (
	// ErrNotFound: the entity, claim or connection asked for does not exist.
	ErrNotFound = errors.New("not found")
	// ErrUnknownTerm: a kind, relation or attribute is not in the graph's vocabulary.
	ErrUnknownTerm = errors.New("unknown term")
	// ErrDomain: a fact's subject is not of the kind its relation or attribute requires.
	ErrDomain = errors.New("subject outside the relation's domain")
	// ErrRange: a fact's object (or value) is not of the kind (or datatype) its
	// relation (or attribute) requires.
	ErrRange = errors.New("object outside the relation's range")
	// ErrDangling: a fact or claim refers to an entity or claim that is neither in
	// the graph nor earlier in the same batch.
	ErrDangling = errors.New("dangling reference")
	// ErrConflict: an entity or claim is added again with different content.
	ErrConflict = errors.New("conflicting definition")
	// ErrInvalid: a value is malformed (a relative IRI, an empty name, a bad date).
	ErrInvalid = errors.New("invalid input")
	// ErrNotSingular: a query expected one result and found several.
	ErrNotSingular = errors.New("more than one result")
	// ErrClosed: the graph has been closed.
	ErrClosed = errors.New("graph is closed")
	// ErrBackend: the location names a backend this build does not support.
	ErrBackend = errors.New("unsupported backend")
)

// IsNotFound reports whether err wraps ErrNotFound.
func IsNotFound(err error) bool { return errors.Is(err, ErrNotFound) }
