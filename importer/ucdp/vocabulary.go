package ucdp

import "github.com/actorgraph/actorgraph/schema"

// NS is the namespace of the importer's terms: UCDP's notions that the core
// vocabulary has no word for.
const NS schema.Namespace = "https://actorgraph.org/ns/ucdp#"

// The kinds of entity the importer adds. They are roots: an event, a dyad
// and a conflict are not actors, and do not speak.
const (
	Event    = schema.Kind(NS + "Event")    // a GED event: one day or span of organized violence in one place
	Dyad     = schema.Kind(NS + "Dyad")     // two sides in conflict (UCDP dyad_new_id)
	Conflict = schema.Kind(NS + "Conflict") // a UCDP conflict (conflict_new_id)
)

// The relations of a GED event and of the actor list.
const (
	// SideA and SideB link an event to its two sides (side_a, side_b).
	SideA = schema.Relation(NS + "sideA")
	SideB = schema.Relation(NS + "sideB")
	// StateBased, NonState and OneSided are the event's type of violence
	// (type_of_violence 1, 2 and 3), stated from side A to side B.
	StateBased = schema.Relation(NS + "stateBasedViolence")
	NonState   = schema.Relation(NS + "nonStateViolence")
	OneSided   = schema.Relation(NS + "oneSidedViolence")
	// InDyad links an event to its dyad, DyadSide a dyad to each of its
	// sides, InConflict a dyad to its conflict.
	InDyad     = schema.Relation(NS + "inDyad")
	DyadSide   = schema.Relation(NS + "dyadSide")
	InConflict = schema.Relation(NS + "inConflict")
	// OccurredIn links an event to the country, first- and second-order
	// administrative areas (adm_1, adm_2) it happened in.
	OccurredIn = schema.Relation(NS + "occurredIn")

	// AllianceOf says the subject is the alliance the object entered with
	// other actors, ceasing to exist on its own (actor list Alliance).
	AllianceOf = schema.Relation(NS + "allianceOf")
	// SplinterOf says the subject broke away from the object (Splinter).
	SplinterOf = schema.Relation(NS + "splinterOf")
	// TemporarySplitOf says the subject is a faction of a temporary split
	// in the object (SplitTemp).
	TemporarySplitOf = schema.Relation(NS + "temporarySplitOf")
	// Absorbed says the object joined the subject, a group already in UCDP
	// data, without forming a new actor (JoinGroup).
	Absorbed = schema.Relation(NS + "absorbed")
)

// The attributes of a GED event and of an actor.
const (
	FatalitiesBest  = schema.Attribute(NS + "fatalitiesBest")  // best
	FatalitiesLow   = schema.Attribute(NS + "fatalitiesLow")   // low
	FatalitiesHigh  = schema.Attribute(NS + "fatalitiesHigh")  // high
	DeathsSideA     = schema.Attribute(NS + "deathsSideA")     // deaths_a
	DeathsSideB     = schema.Attribute(NS + "deathsSideB")     // deaths_b
	DeathsCivilians = schema.Attribute(NS + "deathsCivilians") // deaths_civilians
	DeathsUnknown   = schema.Attribute(NS + "deathsUnknown")   // deaths_unknown
	// EstimateFlag says what is inconsistent in the event's fatality
	// estimate as UCDP gives it ("low 5 is above best 3"); the numbers are
	// kept as they are.
	EstimateFlag   = schema.Attribute(NS + "estimateFlag")
	DatePrecision  = schema.Attribute(NS + "datePrecision")  // date_prec, 1 (exact day) to 5 (within a year)
	WherePrecision = schema.Attribute(NS + "wherePrecision") // where_prec, 1 (exact place) to 7 (international waters)
	EventClarity   = schema.Attribute(NS + "eventClarity")   // event_clarity, 1 one event, 2 an aggregate
	CodeStatus     = schema.Attribute(NS + "codeStatus")     // code_status (23.1 on): Clear, or a candidate's status
	RelID          = schema.Attribute(NS + "relid")          // relid (23.1 on): the event's id within its release
	Sources        = schema.Attribute(NS + "numberOfSources")
	WherePlace     = schema.Attribute(NS + "whereCoordinates") // the place name UCDP geocoded
	WhereText      = schema.Attribute(NS + "whereDescription") // how the source describes the place (23.1 on)
	Geometry       = schema.Attribute(NS + "geometry")         // geom_wkt, a WKT point
	// OrganizationLevel is the actor list's Org: 1 a formally organized
	// group, 2 an informally organized one (party supporters), 3 an
	// identity group (ethnic, clan, religious), 4 the government of a state.
	OrganizationLevel = schema.Attribute(NS + "organizationLevel")
)

// LineageRelations are the relations along which an actor's UCDP history
// runs, the core's formerlyKnownAs (name changes) and successorOf, branchOf
// and formerlyBranchOf with the importer's: give them to Lineage as
// graph.Through(ucdp.LineageRelations()...).
func LineageRelations() []schema.Relation {
	return []schema.Relation{schema.FormerlyKnownAs, schema.SuccessorOf, schema.BranchOf, schema.FormerlyBranchOf,
		AllianceOf, SplinterOf, TemporarySplitOf, Absorbed}
}

// Terms returns the definitions of the importer's terms, for a program that
// extends a vocabulary of its own with them.
func Terms() schema.Terms {
	ev := func(r schema.Relation, name, inverse string, domain, rng schema.Kind, doc string) schema.RelationDef {
		return schema.RelationDef{Relation: r, Name: name, Inverse: inverse, Domain: domain, Range: rng, Time: schema.Eventive, Doc: doc}
	}
	st := func(r schema.Relation, name, inverse string, domain, rng schema.Kind, doc string) schema.RelationDef {
		return schema.RelationDef{Relation: r, Name: name, Inverse: inverse, Domain: domain, Range: rng, Doc: doc}
	}
	num := func(a schema.Attribute, name string, domain schema.Kind, doc string) schema.AttributeDef {
		return schema.AttributeDef{Attribute: a, Name: name, Domain: domain, Datatype: schema.Integer, Doc: doc}
	}
	text := func(a schema.Attribute, name string, doc string) schema.AttributeDef {
		return schema.AttributeDef{Attribute: a, Name: name, Domain: Event, Datatype: schema.Text, Doc: doc}
	}
	return schema.Terms{
		Kinds: []schema.KindDef{
			{Kind: Event, Name: "UCDPEvent", Doc: "An event of the UCDP Georeferenced Event Dataset: organized violence on a day or over a span, in one place, with at least one death."},
			{Kind: Dyad, Name: "UCDPDyad", Doc: "A UCDP dyad: two sides in conflict."},
			{Kind: Conflict, Name: "UCDPConflict", Doc: "A UCDP conflict, state-based, non-state or one-sided."},
		},
		Relations: []schema.RelationDef{
			ev(SideA, "ucdpSideA", "side A of", Event, schema.Actor, "The actor is side A of the event."),
			ev(SideB, "ucdpSideB", "side B of", Event, schema.Actor, "The actor is side B of the event."),
			ev(StateBased, "ucdpStateBasedViolence", "state-based violence from", schema.Actor, schema.Actor,
				"Side A used armed force against side B in a state-based conflict, in which at least one side is the government of a state (type_of_violence 1)."),
			ev(NonState, "ucdpNonStateViolence", "non-state violence from", schema.Actor, schema.Actor,
				"Side A used armed force against side B, neither being the government of a state (type_of_violence 2)."),
			ev(OneSided, "ucdpOneSidedViolence", "one-sided violence from", schema.Actor, schema.Actor,
				"Side A, a government or a formally organized group, used armed force against civilians (type_of_violence 3)."),
			ev(InDyad, "ucdpInDyad", "dyad of", Event, Dyad, "The event belongs to the dyad."),
			ev(OccurredIn, "ucdpOccurredIn", "place of", Event, schema.Place, "The event happened in the place (a country or an administrative area)."),
			st(DyadSide, "ucdpDyadSide", "side in", Dyad, schema.Actor, "The actor is one of the dyad's two sides."),
			st(InConflict, "ucdpInConflict", "dyad in", Dyad, Conflict, "The dyad is one of the conflict's."),
			st(AllianceOf, "ucdpAllianceOf", "entered the alliance", schema.Actor, schema.Actor,
				"The subject is a new actor, the alliance the object formed with other actors; the object ceased to exist on its own (UCDP actor list Alliance)."),
			st(SplinterOf, "ucdpSplinterOf", "has splinter", schema.Actor, schema.Actor,
				"The subject was created by breaking away from the object (UCDP actor list Splinter)."),
			st(TemporarySplitOf, "ucdpTemporarySplitOf", "temporarily split into", schema.Actor, schema.Actor,
				"The subject is a faction created by a temporary split in the object (UCDP actor list SplitTemp)."),
			st(Absorbed, "ucdpAbsorbed", "joined", schema.Actor, schema.Actor,
				"The object joined the subject, a group already in UCDP data, without creating a new actor (UCDP actor list JoinGroup)."),
		},
		Attributes: []schema.AttributeDef{
			num(FatalitiesBest, "ucdpFatalitiesBest", Event, "UCDP's best estimate of the event's deaths (best): the sum of deaths_a, deaths_b, deaths_civilians and deaths_unknown."),
			num(FatalitiesLow, "ucdpFatalitiesLow", Event, "UCDP's low estimate of the event's deaths (low)."),
			num(FatalitiesHigh, "ucdpFatalitiesHigh", Event, "UCDP's high estimate of the event's deaths (high)."),
			num(DeathsSideA, "ucdpDeathsSideA", Event, "Deaths of side A (deaths_a)."),
			num(DeathsSideB, "ucdpDeathsSideB", Event, "Deaths of side B (deaths_b)."),
			num(DeathsCivilians, "ucdpDeathsCivilians", Event, "Civilian deaths (deaths_civilians)."),
			num(DeathsUnknown, "ucdpDeathsUnknown", Event, "Deaths of unknown status (deaths_unknown)."),
			text(EstimateFlag, "ucdpEstimateFlag", "What is inconsistent in UCDP's fatality estimate (a low bound above the best estimate, a high bound below it); the codebook allows it for aggregated events."),
			num(DatePrecision, "ucdpDatePrecision", Event, "date_prec: 1 the exact day is known; 2 within 2-6 days; 3 the week; 4 within 8-30 days or the month; 5 within the calendar year."),
			num(WherePrecision, "ucdpWherePrecision", Event, "where_prec: 1 the exact place; 2 within about 25 km; 3 only the second-order area; 4 only the first-order area; 5 a linear feature or fuzzy area; 6 only the country; 7 international waters or airspace."),
			num(EventClarity, "ucdpEventClarity", Event, "event_clarity: 1 a single identifiable event; 2 an aggregate the source reports."),
			num(Sources, "ucdpNumberOfSources", Event, "number_of_sources: how many sources UCDP used (-1 for older data that did not count them)."),
			text(CodeStatus, "ucdpCodeStatus", "code_status: Clear in final releases; a candidate event's status otherwise."),
			text(RelID, "ucdpRelid", "relid: the event's identifier within its release."),
			text(WherePlace, "ucdpWhereCoordinates", "where_coordinates: the name of the place UCDP located the event at."),
			text(WhereText, "ucdpWhereDescription", "where_description: how the source describes the place."),
			text(Geometry, "ucdpGeometry", "geom_wkt: the event's location as a WKT point (longitude latitude)."),
			num(OrganizationLevel, "ucdpOrganizationLevel", schema.Actor, "Org in the UCDP actor list: 1 a formally organized group; 2 an informally organized group of party supporters; 3 an identity group; 4 the government of a state."),
		},
	}
}

// Vocabulary returns the core vocabulary extended with the importer's terms.
// Open the graph a load writes to with it (graph.WithVocabulary), or with
// any vocabulary extended with Terms.
func Vocabulary() (*schema.Vocabulary, error) { return schema.Core().Extend(Terms()) }
