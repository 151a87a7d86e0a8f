package ucdp

import "errors"

// ErrLayout is wrapped by the error of a load whose header (or first JSON
// object) is not one of the layouts the importer reads; the error names the
// columns it lacks.
var ErrLayout = errors.New("not a UCDP layout")

// ErrUnknownActor is wrapped by the error of a GED row whose side is no
// actor of the graph, under RequireKnownActors.
var ErrUnknownActor = errors.New("unknown UCDP actor")

// ErrInconsistent is wrapped by the flags of rows whose fatality estimate
// UCDP gives with a low bound above the best estimate, or a high bound below
// it. Such rows are kept as they are; Stats.Flagged lists them.
var ErrInconsistent = errors.New("inconsistent estimate")

// ErrVocabulary is wrapped by the error of a load into a graph whose
// vocabulary lacks the importer's terms (see Vocabulary and Terms).
var ErrVocabulary = errors.New("the graph's vocabulary lacks the UCDP terms")
