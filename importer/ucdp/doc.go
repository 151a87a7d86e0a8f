// Package ucdp imports the data of the Uppsala Conflict Data Program: the
// Georeferenced Event Dataset (GED) and the UCDP Actor Dataset, into an
// actorgraph graph, keeping what UCDP says about its own precision and
// uncertainty.
//
// Open the graph with the importer's vocabulary, load the actor list, then
// the events:
//
//	v, err := ucdp.Vocabulary() // the core extended with ucdp.Terms()
//	g, err := graph.Open(ctx, "", graph.WithVocabulary(v))
//	_, err = ucdp.LoadActors(ctx, g, "ucdp-actor-221.csv", actors)
//	st, err := ucdp.LoadGED(ctx, g, "ged231.csv", events, ucdp.RequireKnownActors())
//
// [LoadGED] reads GED as CSV in the 19.1 layout and in the 23.1 one (and
// the releases between, which share it), told apart by the header, and as
// the JSON of UCDP's API. Each event is an entity of kind [Event] and a
// claim: the source UCDP cites, the date it was reported, the days (or the
// month or year, as date_prec allows) over which the event happened; side A's
// violence against side B as the relation [StateBased], [NonState] or
// [OneSided]; the event's dyad, conflict and places; the best, low and high
// fatality estimates as UCDP gives them, flagged when the bounds do not
// enclose the best estimate ([EstimateFlag]). [LoadActors] reads the actor
// list: names, name changes as formerlyKnownAs chains, splinters,
// alliances, joined groups ([LineageRelations]) and the temporary
// coalitions that are GED's multi-actor sides.
//
// Both loads are one atomic batch: a load that fails writes nothing, and
// its error is a *loader.Error naming the file, line, column and column name.
// [MaxRejected] lets a load skip bad rows, listed with their places in
// [Stats.Rejected]. Entities are named under a [Base] by their UCDP ids
// ([Base.Actor], [Base.Event], [Base.Place]); [ReadEvent] and [EventsIn]
// read events back as [EventRecord] values.
//
// The importer's terms live in the namespace [NS], with short names that
// begin with "ucdp" (or "UCDP" for kinds) so that they do not clash with
// another extension's.
package ucdp
