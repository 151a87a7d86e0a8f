// Package schema is actorgraph's vocabulary: the kinds of entity (states, armed
// groups, people, places, sources...), the relations between them (backs, opposes,
// formerly known as...) and the attributes they carry (founded, members estimate...).
//
// Terms are typed constants whose value is their full IRI:
//
//	schema.ArmedGroup    // a Kind
//	schema.Backs         // a Relation
//	schema.Founded       // an Attribute
//
// so that a misspelt term does not compile. What a term means (its name, its parent
// kind, a relation's domain and range, an attribute's datatype) is recorded in a
// [Vocabulary]. [Core] returns the built-in one; [Vocabulary.Extend] returns a new
// vocabulary with a project's own terms added, and reports clashes. Vocabularies are
// immutable values: there is no package-level registry, so one program can hold
// several at once.
//
// The package does no I/O and imports nothing of actorgraph's.
package schema
