// Package acled imports ACLED (Armed Conflict Location & Event Data) CSV
// exports into an actorgraph graph.
//
// ACLED codes political violence and protest events from news and local
// reports: one row an event, with its date and the precision of that date,
// its type and sub-event type, the two actors and the actors associated with
// each, their types and interaction code, the place down to a location, the
// sources, notes and fatalities. [Load] reads the columns of ACLED's current
// export (2023 on) and of the earlier layout (with data_id, iso3, numeric
// inter codes), dates as YYYY-MM-DD, DD-MM-YYYY or "2 January 2006", actor
// types and interactions as codes or text; other columns are ignored.
//
// # The mapping
//
// Each row is an entity of kind [Event] (named by its event_id_cnty) and one
// claim per source its source cell names (sources split at ';', as ACLED's
// own acledR does): the source is the claim's source (an entity of kind
// [Source]), the notes its quote, and the event's date its validity. Every
// claim of a row carries the same facts:
//
//   - actor1, actor2 and each associated actor [ParticipantIn] the event, and
//     each associated actor [AssociatedWith] the primary actor of its side;
//   - the event [OccurredIn] its location and each administrative area and
//     the country above it, so that a query by governorate needs no gazetteer;
//   - what the sub-event type says: Armed clash, actor1 [ClashedWith] actor2;
//     "Non-state actor overtakes territory" and "Government regains
//     territory", actor1 schema.Captured the location (a capture, which starts
//     actor1's control of it and ends the previous holder's), and clashedWith
//     actor2; "Non-violent transfer of territory", actor1 [Acquired] the
//     location (which starts control too); "Headquarters or base
//     established", [EstablishedBaseIn]; explosions, violence against
//     civilians, violent demonstrations and mob violence, actor1 [Attacked]
//     actor2; Arrests, [Arrested]; Agreement, [AgreedWith]. Protests and the
//     other strategic developments say nothing more than who took part;
//   - attributes of the event: [EventType], [SubEventType], [DisorderType],
//     [Interaction] (the codebook's label for a numeric code), [Fatalities];
//     and of each primary actor, its [ActorType] in the event.
//
// ACLED's actor1 and actor2 imply no direction, but in the territorial
// sub-events actor1 is the actor that gains the territory, and in the others
// the one that acts; the mapping relies on that.
//
// Actors are given a kind by their type: State forces an ArmedForces; rebel
// groups, political and identity militias an ArmedGroup; rioters, protesters
// and civilians a Population; external and other forces an Organization. An
// actor named only as an associated actor is an Actor. Locations coded as a
// particular town (geo_precision 1) are a City, others a Place; admin areas a
// Region, countries a Country. An entity the graph already holds is not
// written again: it keeps its kinds.
//
// # Time
//
// time_precision becomes the precision of the claims' dates: 1, the day; 3,
// the month (acledR's codebook table gives 3 as "middle of week or weekend",
// which repeats 2; ACLED's published codebook gives the month). 2 is the week
// around the date (ACLED codes the middle of the week a source names): the
// month when the whole week lies in it (the event possibly happened on any
// day of it); otherwise the first and last days of the week as ValidFrom and
// ValidUntil, except for an event that starts a state (a capture), which
// starts on the week's first day, since its state must not end with the week;
// the claim's note names the week. ACLED gives no date on which its sources
// reported an event: a claim is reported by the end of its dating.
//
// # Ids
//
// Ids are minted under a base (DefaultBase, or [WithBase]): event/ID for an
// event and event/ID#source-N for its claims, actor/NAME, source/NAME,
// country/C, region/C/ADMIN1[/ADMIN2[/ADMIN3]] and location/C/A1/A2/A3/L, each
// part path-escaped, so that the same name is the same entity across loads and
// loading a file again changes nothing. An event loaded again with other
// content (ACLED revises rows) fails with graph.ErrConflict at its row:
// remove its claims first.
//
// # Errors and limits
//
// A load is one atomic batch: when Load returns an error, the graph is as it
// was. A malformed row, or one that breaks the codebook (an unknown event or
// sub-event type, actor type or interaction code, an interaction that does not
// match the actor types, a year that is not the date's, negative fatalities,
// an event id given twice), fails the load with a *loader.Error naming the
// file, line, column and field; with [SkipInvalidRows] it is skipped and
// listed in Stats.Rejected instead. [MaxRows] and [MaxBytes] bound a load.
//
// The graph must be opened with the importer's vocabulary:
//
//	v, err := acled.Vocabulary(schema.Core())
//	g, err := graph.Open(ctx, "", graph.WithVocabulary(v))
//	st, err := acled.Load(ctx, g, "acled.csv", f)
package acled
