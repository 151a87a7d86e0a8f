package graph

import (
	"errors"

	"github.com/actorgraph/actorgraph/graph/internal/backend"
)

// Errors that callers branch on, compared with errors.Is. The errors the package
// returns wrap them with the place and the term or entity concerned. Every
// sentinel of the package is in this file.
var (
	// ErrNotFound is returned when the entity, claim or connection asked for
	// does not exist, and wrapped when an option names an entity the graph lacks.
	ErrNotFound = errors.New("not found")
	// ErrUnknownTerm is returned when a kind, relation or attribute is not in the
	// graph's vocabulary, or a store uses terms the vocabulary it is opened with lacks.
	ErrUnknownTerm = errors.New("unknown term")
	// ErrDomain is returned when a fact's subject is not of the kind its relation
	// or attribute requires, or a query constraint could never match because of it.
	ErrDomain = errors.New("subject outside the relation's domain")
	// ErrRange is returned when a fact's object (or value) is not of the kind (or
	// datatype) its relation (or attribute) requires, or a query constraint could
	// never match because of it.
	ErrRange = errors.New("object outside the relation's range")
	// ErrDangling is returned when a fact or claim refers to an entity or claim
	// that is neither in the graph nor earlier in the same batch.
	ErrDangling = errors.New("dangling reference")
	// ErrConflict is returned when an entity or claim is added again with
	// different content, or an IRI already names a thing of the other sort
	// (a claim's IRI used for an entity, or the reverse).
	ErrConflict = errors.New("conflicting definition")
	// ErrInvalid is returned when a value is malformed: a relative IRI, an empty
	// name, an impossible date, a language tag that is not BCP 47.
	ErrInvalid = backend.ErrInvalid
	// ErrNotSingular is returned when a query expected one result and found
	// several, or a struct field that holds one value would take several.
	ErrNotSingular = errors.New("more than one result")
	// ErrClosed is returned by every call on a graph after Close.
	ErrClosed = errors.New("graph is closed")
	// ErrBackend is returned when a location names a backend this build does not
	// support, or is malformed for the backend it names.
	ErrBackend = backend.ErrBackend
	// ErrLocked is returned by Open when the file store is held by another
	// Graph, in this process or another.
	ErrLocked = backend.ErrLocked
	// ErrUnsupportedType is wrapped by the errors Load and Store return for a
	// type they cannot map: not a struct embedding Entity, or a tagged field of
	// a Go type that does not fit its term.
	ErrUnsupportedType = errors.New("unsupported type")
	// ErrTxDone is returned by a Tx's methods once its Write has returned.
	ErrTxDone = errors.New("write batch is done")
	// ErrNestedWrite is returned by Write or Close when they are called from
	// inside a write batch's function, which would otherwise wait for itself.
	ErrNestedWrite = errors.New("write or close called inside a write batch")
	// ErrInUse is returned when a batch removes an entity that facts, claims or
	// other entities still refer to, and the removal does not cascade.
	ErrInUse = errors.New("still referred to")
	// ErrCorrupt is returned when a store's data fail their checksums or do not
	// decode: the store is damaged and its answers cannot be trusted.
	ErrCorrupt = backend.ErrCorrupt
)

// IsNotFound reports whether err wraps ErrNotFound.
func IsNotFound(err error) bool { return errors.Is(err, ErrNotFound) }
