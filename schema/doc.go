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
// # Time
//
// Each relation says how its facts sit in time ([RelationDef.Time]): a state
// holds over an interval, an event happens at a date. An event may start or
// end a state between its subject and object (captured starts controls,
// withdrewFrom ends it), and a state may be exclusive on one side
// ([RelationDef.Exclusive]: a place has one controller at a time, a state one
// head of state). The core's relations, as [Vocabulary.TimeTable] writes them:
//
//	| relation | time | exclusive | starts | ends |
//	|---|---|---|---|---|
//	| advancingTowards | state |  |  |  |
//	| alliedWith | state |  |  |  |
//	| backs | state |  |  |  |
//	| branchOf | state |  |  |  |
//	| captured | event |  | controls |  |
//	| commanderOf | state |  |  |  |
//	| controls | state | one subject per object |  |  |
//	| designatesTerrorist | state |  |  |  |
//	| encircles | state |  |  |  |
//	| enemyOf | state |  |  |  |
//	| fledTo | event |  |  |  |
//	| formerlyBranchOf (past) | state |  |  |  |
//	| formerlyKnownAs (past) | state |  |  |  |
//	| formerlyLed (past) | state |  |  |  |
//	| headOfState | state | one subject per object |  |  |
//	| leads | state |  |  |  |
//	| locatedIn | state |  |  |  |
//	| memberOf | state |  |  |  |
//	| opposes | state |  |  |  |
//	| partOf | state |  |  |  |
//	| reachesOutTo | state |  |  |  |
//	| seeksToOverthrow | state |  |  |  |
//	| successorOf | state |  |  |  |
//	| withdrewFrom | event |  |  | controls |
//	| worksFor | state |  |  |  |
//
// Why: control of a place and a head of state are offices one holder fills at
// a time, and a capture is a dated act that starts control; backing, opposing,
// leading, membership and designation as a terrorist hold until they end (a
// designation is revoked, not repeated), so they are states that may overlap;
// fleeing is a dated act that starts no state the vocabulary names.
//
// The package does no I/O and imports nothing of actorgraph's.
package schema
