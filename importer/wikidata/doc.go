// Package wikidata imports Wikidata entity JSON into an actorgraph graph.
//
// [Load] reads a dump (latest-all.json: a JSON array, one entity a line), a
// single entity document (Special:EntityData), wbgetentities' envelope
// ({"entities": {...}}) or a sequence of those (JSON lines), one entity at a
// time, and writes what it read in one atomic batch.
//
// # What is read
//
//   - The item: its id is Wikidata's own IRI (EntityBase+QID). Its kinds
//     come from its instance of (P31) values through a table of classes
//     ([DefaultKinds], or a program's own with [WithKinds]); an item of no
//     mapped class is skipped and listed in Stats.Skipped ([ErrNoKind]), as
//     are properties and lexemes.
//   - Labels and aliases in every language: the label in the first language
//     of [WithLanguages] (default English; then "mul", then the first
//     language in alphabetical order) is the name, with its description;
//     every other label and every alias is an alias with its language
//     (a Wikimedia code that is not a BCP 47 tag is kept without one).
//   - Inception (P571) and dissolution (P576): schema.Founded for an
//     organization, [Inception] and [Dissolved] for other actors,
//     [PlaceInception] and [PlaceDissolution] for places; dates at their
//     precision (9 the year, written "+1214-00-00T00:00:00Z"; 10 the month;
//     11 the day); a coarser time, or a Julian date finer than a year, is
//     skipped ([ErrUnsupported]).
//   - Replaces (P1365) and replaced by (P1366) of an item: between two
//     organizations schema.SuccessorOf (which graph.Lineage follows), between
//     other actors [Replaces]; with the statement's start and end time
//     qualifiers (P580, P582) as the claim's validity. The same properties as
//     qualifiers of another statement (position held, P39; head of
//     government, P6) say who held the office before or after the item:
//     [Replaces], dated by the statement's start time (replaces) or end time
//     (replaced by), its note naming the statement ("as a qualifier of P39
//     Q218295"). A succession whose other item is neither in the load nor in
//     the graph is skipped ([ErrUnresolved]): load the items together.
//
// Other statements are not read.
//
// # Claims, references and ranks
//
// Each reference of a statement is a source: an entity of kind [Reference]
// (ReferenceBase+hash; named from its snaks, "Wikidata reference: P248
// Q19938912; P854 https://..."), and the statement's fact is written once
// for each reference, labelled by a claim of that source. A claim is reported
// on the reference's publication date (P577), else its retrieval date
// (P813), else the day of the entity's revision (modified). A statement with
// no reference is a claim of Wikidata itself ([Wikidata]).
//
// Ranks: a preferred statement is asserted, its claim's note says so. A
// deprecated statement is a denial by Wikidata (graph.Denied), with no
// reference: Wikidata's community holds it wrong, while its references said
// it, so the denial is Wikidata's and not theirs. graph.Contested and
// graph.WithDenied show it beside what other sources assert; a reader that
// wants the deprecated value skipped simply reads asserted claims, the default.
//
// Claims are named by the statement (StatementBase+id, '$' as '-') and the
// entity's revision, so that loading the same revision again changes nothing
// and a later revision adds its claims beside the earlier ones (graph.KnownAt
// then tells what Wikidata said when). An item the graph holds already keeps
// its name and kinds; its new labels are added as aliases.
//
// # Errors and limits
//
// Input that is not entity JSON (a syntax error, a value of the wrong shape,
// an item id that is not Q and digits, an entity given twice, an entity with
// neither lastrevid nor modified) fails the load with a *loader.Error giving
// the line, column and field ("Q7747.claims.P39[2].qualifiers.P1365[0]");
// nothing is written. Skipped records are *loader.Error values too, at the
// statement's id. [MaxEntities] and [MaxBytes] bound a load.
//
// The graph must be opened with the importer's vocabulary:
//
//	v, err := wikidata.Vocabulary(schema.Core())
//	g, err := graph.Open(ctx, "", graph.WithVocabulary(v))
//	st, err := wikidata.Load(ctx, g, "latest-all.json", f)
package wikidata
