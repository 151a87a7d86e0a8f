package acled

import "github.com/actorgraph/actorgraph/schema"

// NS is the namespace of the importer's own terms.
const NS schema.Namespace = "https://actorgraph.org/ns/acled#"

// The importer's kinds. An ACLED event is an entity of kind Event, so that
// its fatalities and types have a subject; its actors take part in it.
const (
	Event  = schema.Kind(NS + "Event")  // one row of ACLED: an event at a place on a date
	Source = schema.Kind(NS + "Source") // a source ACLED codes events from: an outlet, an organization, a local partner
)

// The importer's relations. Every one is an event (schema.Eventive): it
// happens on the row's date. Captures use the core's schema.Captured, which
// starts control of the place.
const (
	ParticipantIn     = schema.Relation(NS + "participantIn")     // an actor (actor1, actor2 or an associated actor) took part in an event
	AssociatedWith    = schema.Relation(NS + "associatedWith")    // an associated actor acted with, or identified, the primary actor of its side
	OccurredIn        = schema.Relation(NS + "occurredIn")        // an event happened in a place: its location and each administrative area and country above it
	ClashedWith       = schema.Relation(NS + "clashedWith")       // armed clash between the two actors (symmetric)
	Attacked          = schema.Relation(NS + "attacked")          // actor1 used violence against actor2
	Acquired          = schema.Relation(NS + "acquired")          // actor1 took the location without fighting; starts control
	EstablishedBaseIn = schema.Relation(NS + "establishedBaseIn") // actor1 set up a headquarters or base at the location
	Arrested          = schema.Relation(NS + "arrested")          // actor1 arrested members of actor2
	AgreedWith        = schema.Relation(NS + "agreedWith")        // the two actors made an agreement (symmetric)
)

// The importer's attributes.
const (
	EventType    = schema.Attribute(NS + "eventType")    // "Battles"
	SubEventType = schema.Attribute(NS + "subEventType") // "Armed clash"
	DisorderType = schema.Attribute(NS + "disorderType") // "Political violence"
	Interaction  = schema.Attribute(NS + "interaction")  // "Military versus Rebels" (the codebook's label of a numeric code) or the export's text
	Fatalities   = schema.Attribute(NS + "fatalities")   // the reported number of deaths
	ActorType    = schema.Attribute(NS + "actorType")    // an actor's inter1/inter2 type as the row gives it: "Rebel group"
)

// Terms returns the definitions of the importer's terms, to extend a
// vocabulary with.
func Terms() schema.Terms {
	ev := func(r schema.Relation, name, inverse string, dom, rng schema.Kind, doc string) schema.RelationDef {
		return schema.RelationDef{Relation: r, Name: name, Inverse: inverse, Domain: dom, Range: rng, Time: schema.Eventive, Doc: doc}
	}
	clash := ev(ClashedWith, "acledClashedWith", "clashed with", schema.Actor, schema.Actor,
		"ACLED Battles: the two actors fought each other (actor1 and actor2 imply no direction).")
	clash.Symmetric = true
	agreed := ev(AgreedWith, "acledAgreedWith", "agreed with", schema.Actor, schema.Actor,
		"ACLED Strategic developments / Agreement: the two actors made an agreement.")
	agreed.Symmetric = true
	acquired := ev(Acquired, "acledAcquired", "acquired by", schema.Actor, schema.Place,
		"ACLED Strategic developments / Non-violent transfer of territory: actor1 took the place without fighting.")
	acquired.Starts = schema.Controls
	return schema.Terms{
		Kinds: []schema.KindDef{
			{Kind: Event, Name: "ACLEDEvent", Doc: "An event of the ACLED dataset: a row, at one place on one date."},
			{Kind: Source, Name: "ACLEDSource", Parent: schema.Actor, Doc: "A source ACLED codes events from: an outlet, an organization, a local partner."},
		},
		Relations: []schema.RelationDef{
			ev(ParticipantIn, "acledParticipantIn", "has participant", schema.Actor, Event,
				"The actor is actor1, actor2 or an associated actor of the ACLED event."),
			ev(AssociatedWith, "acledAssociatedWith", "has associated actor", schema.Actor, schema.Actor,
				"In an ACLED event, the associated actor acted with, or identified, the primary actor of its side."),
			ev(OccurredIn, "acledOccurredIn", "scene of", Event, schema.Place,
				"The ACLED event happened in the place: its location, and each administrative area and the country it lies in."),
			clash,
			ev(Attacked, "acledAttacked", "attacked by", schema.Actor, schema.Actor,
				"ACLED Explosions/Remote violence, Violence against civilians, riots: actor1 used violence against actor2."),
			acquired,
			ev(EstablishedBaseIn, "acledEstablishedBaseIn", "base of", schema.Actor, schema.Place,
				"ACLED Strategic developments / Headquarters or base established: actor1 set up a base at the place."),
			ev(Arrested, "acledArrested", "arrested by", schema.Actor, schema.Actor,
				"ACLED Strategic developments / Arrests: actor1 arrested members of actor2."),
			agreed,
		},
		Attributes: []schema.AttributeDef{
			{Attribute: EventType, Name: "acledEventType", Domain: Event, Datatype: schema.Text, Doc: "The ACLED event type: Battles, Protests..."},
			{Attribute: SubEventType, Name: "acledSubEventType", Domain: Event, Datatype: schema.Text, Doc: "The ACLED sub-event type: Armed clash, Air/drone strike..."},
			{Attribute: DisorderType, Name: "acledDisorderType", Domain: Event, Datatype: schema.Text, Doc: "The ACLED disorder type: Political violence, Demonstrations, Strategic developments."},
			{Attribute: Interaction, Name: "acledInteraction", Domain: Event, Datatype: schema.Text, Doc: "The types of the two actors, as the codebook names the interaction code."},
			{Attribute: Fatalities, Name: "acledFatalities", Domain: Event, Datatype: schema.Integer, Doc: "The number of reported fatalities (one figure; ACLED gives no bounds)."},
			{Attribute: ActorType, Name: "acledActorType", Domain: schema.Actor, Datatype: schema.Text, Doc: "The actor's type in the event (inter1, inter2): State forces, Rebel group..."},
		},
	}
}

// Vocabulary returns base extended with the importer's terms. A graph that
// an ACLED file is loaded into must be opened with it (graph.WithVocabulary).
func Vocabulary(base *schema.Vocabulary) (*schema.Vocabulary, error) {
	return base.Extend(Terms())
}
