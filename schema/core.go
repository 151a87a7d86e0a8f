package schema

import "sync"

// Standard IRIs the library writes. They are full IRIs, never the short
// "rdf:type" form, so that any RDF tool reads an export.
const (
	Type          IRI = IRI(RDF + "type")
	Label         IRI = IRI(RDFS + "label")
	Name          IRI = IRI(SchemaOrg + "name")
	AltName       IRI = IRI(SchemaOrg + "alternateName")
	Description   IRI = IRI(SchemaOrg + "description")
	SameAs        IRI = IRI(OWL + "sameAs")
	EquivClass    IRI = IRI(OWL + "equivalentClass")
	EquivProperty IRI = IRI(OWL + "equivalentProperty")
	XSDString     IRI = IRI(XSD + "string")
	XSDInteger    IRI = IRI(XSD + "integer")
	XSDDecimal    IRI = IRI(XSD + "decimal")
	XSDYear       IRI = IRI(XSD + "gYear")
	XSDYearMonth  IRI = IRI(XSD + "gYearMonth")
	XSDDate       IRI = IRI(XSD + "date")
	RangeType     IRI = IRI(NS + "integerRange") // lexical form "LOW..HIGH", e.g. "12000..15000"
)

// Terms of the claim model: a claim is a node whose quads say who said what, when.
const (
	ClaimKind  Kind = Kind(NS + "Claim")
	Source     IRI  = IRI(NS + "source")     // the entity that reported the claim
	Via        IRI  = IRI(NS + "via")        // the medium it was said through (an outlet, a platform)
	Stance     IRI  = IRI(NS + "stance")     // Asserted or Denied
	Asserted   IRI  = IRI(NS + "Asserted")   // the source says the quads hold
	Denied     IRI  = IRI(NS + "Denied")     // the source says they do not
	Retracted  IRI  = IRI(NS + "Retracted")  // the source withdraws a claim of its own (Retracts names it)
	Retracts   IRI  = IRI(NS + "retracts")   // a retracting claim -> the claim it withdraws
	Reported   IRI  = IRI(NS + "reported")   // when it was said
	ValidFrom  IRI  = IRI(NS + "validFrom")  // when it starts to hold in the world
	ValidUntil IRI  = IRI(NS + "validUntil") // when it stops holding
	Quote      IRI  = IRI(NS + "quote")
	Note       IRI  = IRI(NS + "note")
	Confidence IRI  = IRI(NS + "confidence") // xsd:decimal in [0, 1]
	SameEntity IRI  = IRI(NS + "sameAs")     // entity -> entity, labelled by a claim: the two are one actor recorded twice (a merge)
	Merges     IRI  = IRI(NS + "merges")     // the node that lists every merge claim, so a store finds its merges by index
	MergedBy   IRI  = IRI(NS + "mergedBy")   // Merges -> a claim that labels SameEntity facts
	SubjectOf  IRI  = IRI(NS + "subjectOf")  // entity -> a claim with quads about it; lets a claim find its quads by index without growing the claim
	NameKey    IRI  = IRI(NS + "nameKey")    // a name folded for case- and accent-blind lookup
)

// Core kinds.
const (
	Actor          Kind = Kind(NS + "Actor")
	Organization   Kind = Kind(NS + "Organization")
	ArmedGroup     Kind = Kind(NS + "ArmedGroup")
	Coalition      Kind = Kind(NS + "Coalition")
	GovernmentBody Kind = Kind(NS + "GovernmentBody")
	Government     Kind = Kind(NS + "Government")
	ArmedForces    Kind = Kind(NS + "ArmedForces")
	MediaOutlet    Kind = Kind(NS + "MediaOutlet")
	ResearchCentre Kind = Kind(NS + "ResearchCentre")
	Platform       Kind = Kind(NS + "Platform")
	State          Kind = Kind(NS + "State")
	Person         Kind = Kind(NS + "Person")
	Population     Kind = Kind(NS + "Population")
	Place          Kind = Kind(NS + "Place")
	Country        Kind = Kind(NS + "Country")
	Region         Kind = Kind(NS + "Region")
	City           Kind = Kind(NS + "City")
	Document       Kind = Kind(NS + "Document")
	Report         Kind = Kind(NS + "Report")
)

// Core relations.
const (
	Backs               Relation = Relation(NS + "backs")
	Opposes             Relation = Relation(NS + "opposes")
	SeeksToOverthrow    Relation = Relation(NS + "seeksToOverthrow")
	AlliedWith          Relation = Relation(NS + "alliedWith")
	EnemyOf             Relation = Relation(NS + "enemyOf")
	ReachesOutTo        Relation = Relation(NS + "reachesOutTo")
	Leads               Relation = Relation(NS + "leads")
	FormerlyLed         Relation = Relation(NS + "formerlyLed")
	CommanderOf         Relation = Relation(NS + "commanderOf")
	WorksFor            Relation = Relation(NS + "worksFor")
	MemberOf            Relation = Relation(NS + "memberOf")
	PartOf              Relation = Relation(NS + "partOf")
	BranchOf            Relation = Relation(NS + "branchOf")
	FormerlyBranchOf    Relation = Relation(NS + "formerlyBranchOf")
	FormerlyKnownAs     Relation = Relation(NS + "formerlyKnownAs")
	SuccessorOf         Relation = Relation(NS + "successorOf")
	DesignatesTerrorist Relation = Relation(NS + "designatesTerrorist")
	HeadOfState         Relation = Relation(NS + "headOfState")
	Controls            Relation = Relation(NS + "controls")
	Captured            Relation = Relation(NS + "captured")
	AdvancingTowards    Relation = Relation(NS + "advancingTowards")
	Encircles           Relation = Relation(NS + "encircles")
	WithdrewFrom        Relation = Relation(NS + "withdrewFrom")
	FledTo              Relation = Relation(NS + "fledTo")
	LocatedIn           Relation = Relation(NS + "locatedIn")
)

// Core attributes.
const (
	Founded          Attribute = Attribute(NS + "founded")
	MembersEstimate  Attribute = Attribute(NS + "membersEstimate")
	AlternateName    Attribute = Attribute(AltName)
	Ideology         Attribute = Attribute(NS + "ideology")
	Aim              Attribute = Attribute(NS + "aim")
	Directive        Attribute = Attribute(NS + "directive")
	Activity         Attribute = Attribute(NS + "activity")
	Characterization Attribute = Attribute(NS + "characterization")
)

func wd(p string) IRI { return IRI(Wikidata + Namespace(p)) }
func so(p string) IRI { return IRI(SchemaOrg + Namespace(p)) }

// CoreTerms returns the definitions of the core vocabulary, for a program that
// wants to build its own vocabulary from part of them.
func CoreTerms() Terms {
	return Terms{
		Kinds: []KindDef{
			{Kind: Actor, Name: "Actor", Speaks: true, Doc: "Anyone who acts: a state, an organization, a person, a population."},
			{Kind: Organization, Name: "Organization", Parent: Actor, Doc: "An organized group of people.", Equivalent: []IRI{so("Organization")}},
			{Kind: ArmedGroup, Name: "ArmedGroup", Parent: Organization, Doc: "A non-state armed group: a rebel movement, a militia, an insurgency."},
			{Kind: Coalition, Name: "Coalition", Parent: Organization, Doc: "An alliance of organizations acting together."},
			{Kind: GovernmentBody, Name: "GovernmentBody", Parent: Organization, Doc: "An organ of a state: a ministry, an agency.", Equivalent: []IRI{so("GovernmentOrganization")}},
			{Kind: Government, Name: "Government", Parent: GovernmentBody, Doc: "The government or regime of a state."},
			{Kind: ArmedForces, Name: "ArmedForces", Parent: GovernmentBody, Doc: "A state's army or other armed forces."},
			{Kind: MediaOutlet, Name: "MediaOutlet", Parent: Organization, Doc: "A newspaper, broadcaster or news site.", Equivalent: []IRI{so("NewsMediaOrganization")}},
			{Kind: ResearchCentre, Name: "ResearchCentre", Parent: Organization, Doc: "A think tank or research institute.", Equivalent: []IRI{so("ResearchOrganization")}},
			{Kind: Platform, Name: "Platform", Parent: Organization, Doc: "A service through which statements are published: a messaging app, a social network."},
			{Kind: State, Name: "State", Parent: Actor, Doc: "A sovereign state, as an actor."},
			{Kind: Person, Name: "Person", Parent: Actor, Doc: "A human being.", Equivalent: []IRI{so("Person")}},
			{Kind: Population, Name: "Population", Parent: Actor, Doc: "A people or community acting or acted upon as a group."},
			{Kind: Place, Name: "Place", Doc: "A location.", Equivalent: []IRI{so("Place")}},
			{Kind: Country, Name: "Country", Parent: Place, Doc: "The territory of a state.", Equivalent: []IRI{so("Country")}},
			{Kind: Region, Name: "Region", Parent: Place, Doc: "A province, governorate or other area.", Equivalent: []IRI{so("AdministrativeArea")}},
			{Kind: City, Name: "City", Parent: Place, Doc: "A city or town.", Equivalent: []IRI{so("City")}},
			{Kind: Document, Name: "Document", Speaks: true, Doc: "A written work that reports claims."},
			{Kind: Report, Name: "Report", Parent: Document, Doc: "A news report or study."},
			{Kind: ClaimKind, Name: "Claim", Doc: "A claim: who said which quads hold (or not), when, and when they hold."},
		},
		Relations: []RelationDef{
			{Relation: Backs, Name: "backs", Inverse: "backed by", Domain: Actor, Range: Actor, Doc: "The subject supports the object politically, financially or militarily."},
			{Relation: Opposes, Name: "opposes", Inverse: "opposed by", Domain: Actor, Range: Actor, Doc: "The subject acts against the object."},
			{Relation: SeeksToOverthrow, Name: "seeksToOverthrow", Inverse: "target of an overthrow by", Domain: Actor, Range: Actor, Doc: "The subject aims to remove the object from power."},
			{Relation: AlliedWith, Name: "alliedWith", Inverse: "allied with", Domain: Actor, Range: Actor, Symmetric: true, Doc: "The two act as allies."},
			{Relation: EnemyOf, Name: "enemyOf", Inverse: "enemy of", Domain: Actor, Range: Actor, Symmetric: true, Doc: "The two are declared enemies."},
			{Relation: ReachesOutTo, Name: "reachesOutTo", Inverse: "approached by", Domain: Actor, Range: Actor, Doc: "The subject moves closer to the object."},
			{Relation: Leads, Name: "leads", Inverse: "led by", Domain: Actor, Range: Organization, Doc: "The subject leads the object."},
			{Relation: FormerlyLed, Name: "formerlyLed", Inverse: "formerly led by", Domain: Actor, Range: Organization, Past: true, Doc: "The subject led the object in the past."},
			{Relation: CommanderOf, Name: "commanderOf", Inverse: "commanded by", Domain: Person, Range: Organization, Doc: "The subject is a (senior) commander of the object."},
			{Relation: WorksFor, Name: "worksFor", Inverse: "employs", Domain: Person, Range: Organization, Doc: "The subject works for the object.", Equivalent: []IRI{so("worksFor")}},
			{Relation: MemberOf, Name: "memberOf", Inverse: "has member", Domain: Actor, Range: Organization, Doc: "The subject is a member of the object (a coalition, an alliance).", Equivalent: []IRI{wd("P463"), so("memberOf")}},
			{Relation: PartOf, Name: "partOf", Inverse: "has part", Domain: Actor, Range: Actor, Doc: "The subject is an organ or component of the object.", Equivalent: []IRI{wd("P361")}},
			{Relation: BranchOf, Name: "branchOf", Inverse: "has branch", Domain: Organization, Range: Organization, Doc: "The subject is a branch or affiliate of the object."},
			{Relation: FormerlyBranchOf, Name: "formerlyBranchOf", Inverse: "formerly had branch", Domain: Organization, Range: Organization, Past: true, Doc: "The subject was a branch of the object in the past."},
			{Relation: FormerlyKnownAs, Name: "formerlyKnownAs", Inverse: "later known as", Domain: Organization, Range: Organization, Transitive: true, Past: true, Doc: "The subject is the same organization as the object under a later name."},
			{Relation: SuccessorOf, Name: "successorOf", Inverse: "succeeded by", Domain: Organization, Range: Organization, Transitive: true, Doc: "The subject replaced the object.", Equivalent: []IRI{wd("P1365")}},
			{Relation: DesignatesTerrorist, Name: "designatesTerrorist", Inverse: "designated a terrorist by", Domain: Actor, Range: Actor, Doc: "The subject classifies the object as a terrorist or terrorist organization."},
			{Relation: HeadOfState, Name: "headOfState", Inverse: "has head of state", Domain: Person, Range: State, Exclusive: OneSubject, Doc: "The subject is the object's head of state."},
			{Relation: Controls, Name: "controls", Inverse: "controlled by", Domain: Actor, Range: Place, Exclusive: OneSubject, Doc: "The subject holds the object (territory)."},
			{Relation: Captured, Name: "captured", Inverse: "captured by", Domain: Actor, Range: Place, Time: Eventive, Starts: Controls, Doc: "The subject took the object by force."},
			{Relation: AdvancingTowards, Name: "advancingTowards", Inverse: "approached by", Domain: Actor, Range: Place, Doc: "The subject's forces are advancing on the object."},
			{Relation: Encircles, Name: "encircles", Inverse: "encircled by", Domain: Actor, Range: Place, Doc: "The subject's forces are surrounding the object."},
			{Relation: WithdrewFrom, Name: "withdrewFrom", Inverse: "abandoned by", Domain: Actor, Range: Place, Time: Eventive, Ends: Controls, Doc: "The subject's forces left the object."},
			{Relation: FledTo, Name: "fledTo", Inverse: "refuge of", Domain: Actor, Range: Place, Time: Eventive, Doc: "Members of the subject fled to the object."},
			{Relation: LocatedIn, Name: "locatedIn", Inverse: "contains", Domain: Place, Range: Place, Doc: "The subject lies within the object.", Equivalent: []IRI{so("containedInPlace")}},
		},
		Attributes: []AttributeDef{
			{Attribute: Founded, Name: "founded", Domain: Organization, Datatype: Date, Doc: "When the organization was founded.", Equivalent: []IRI{wd("P571"), so("foundingDate")}},
			{Attribute: MembersEstimate, Name: "membersEstimate", Domain: Organization, Datatype: IntegerRange, Doc: "An estimate of the number of members, with lower and upper bounds."},
			{Attribute: AlternateName, Name: "alternateName", Domain: Actor, Datatype: Text, Doc: "Another name, when a claim gives it (aliases without evidence go on the entity)."},
			{Attribute: Ideology, Name: "ideology", Domain: Actor, Datatype: Text, Doc: "A political or religious orientation."},
			{Attribute: Aim, Name: "aim", Domain: Actor, Datatype: Text, Doc: "Something the actor seeks."},
			{Attribute: Directive, Name: "directive", Domain: Organization, Datatype: Text, Doc: "An order the organization gave its members."},
			{Attribute: Activity, Name: "activity", Domain: Actor, Datatype: Text, Doc: "What the actor is doing (a campaign, an offensive)."},
			{Attribute: Characterization, Name: "characterization", Domain: Actor, Datatype: Text, Doc: "How a source describes the actor."},
		},
	}
}

var core = sync.OnceValue(func() *Vocabulary {
	v, err := new(Vocabulary).Extend(CoreTerms())
	if err != nil {
		panic("schema: the core vocabulary is inconsistent: " + err.Error()) // a bug in this file, caught by its tests
	}
	return v
})

// Core returns the built-in vocabulary. It is the same immutable value at every call.
func Core() *Vocabulary { return core() }
