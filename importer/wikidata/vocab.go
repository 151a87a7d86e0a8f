package wikidata

import "github.com/actorgraph/actorgraph/schema"

// NS is the namespace of the importer's own terms.
const NS schema.Namespace = "https://actorgraph.org/ns/wikidata#"

// The Wikidata IRIs the importer mints ids under: an item is EntityBase+QID,
// as in Wikidata's own RDF; a claim is named by its statement
// (StatementBase+QID-UUID); a reference by its hash (ReferenceBase+HASH).
const (
	EntityBase    = "http://www.wikidata.org/entity/"
	StatementBase = "http://www.wikidata.org/entity/statement/"
	ReferenceBase = "http://www.wikidata.org/reference/"
	// Wikidata is the entity that asserts the statements no reference
	// supports, and denies the deprecated ones.
	Wikidata schema.IRI = "https://www.wikidata.org/"
)

// Reference is the kind of a Wikidata reference: the source of the claims
// of the statements it supports.
const Reference = schema.Kind(NS + "Reference")

// Replaces says the subject took the place of the object: a state or an
// organization as its successor (replaces, P1365, and replaced by, P1366, of
// an item), or a person in an office (the same properties as qualifiers of a
// statement, such as position held, P39). Between two organizations the
// importer writes the core's schema.SuccessorOf instead, which Lineage walks.
const Replaces = schema.Relation(NS + "replaces")

// Attributes for the dates of actors and places that are not organizations
// (an organization's inception is the core's schema.Founded).
const (
	Inception        = schema.Attribute(NS + "inception")        // an actor's inception (P571): a state's
	Dissolved        = schema.Attribute(NS + "dissolved")        // an actor's dissolution, abolition or demolition (P576)
	PlaceInception   = schema.Attribute(NS + "placeInception")   // a place's inception (P571): a city's founding
	PlaceDissolution = schema.Attribute(NS + "placeDissolution") // a place's dissolution (P576)
)

// Terms returns the definitions of the importer's terms, to extend a
// vocabulary with.
func Terms() schema.Terms {
	wd := func(p string) []schema.IRI {
		return []schema.IRI{schema.IRI(EntityBase[:len(EntityBase)-len("entity/")] + "prop/direct/" + p)}
	}
	return schema.Terms{
		Kinds: []schema.KindDef{
			{Kind: Reference, Name: "WikidataReference", Parent: schema.Document, Doc: "A reference of Wikidata statements: where they were stated, at which URL, when retrieved."},
		},
		Relations: []schema.RelationDef{
			{Relation: Replaces, Name: "wikidataReplaces", Inverse: "replaced by", Domain: schema.Actor, Range: schema.Actor, Transitive: true,
				Doc: "The subject took the place of the object: as its successor, or in an office.", Equivalent: wd("P1365")},
		},
		Attributes: []schema.AttributeDef{
			{Attribute: Inception, Name: "wikidataInception", Domain: schema.Actor, Datatype: schema.Date, Doc: "When the actor came into being.", Equivalent: wd("P571")},
			{Attribute: Dissolved, Name: "wikidataDissolved", Domain: schema.Actor, Datatype: schema.Date, Doc: "When the actor was dissolved or abolished.", Equivalent: wd("P576")},
			{Attribute: PlaceInception, Name: "wikidataPlaceInception", Domain: schema.Place, Datatype: schema.Date, Doc: "When the place was founded or established.", Equivalent: wd("P571")},
			{Attribute: PlaceDissolution, Name: "wikidataPlaceDissolution", Domain: schema.Place, Datatype: schema.Date, Doc: "When the place was dissolved or abolished.", Equivalent: wd("P576")},
		},
	}
}

// Vocabulary returns base extended with the importer's terms. A graph that
// Wikidata entities are loaded into must be opened with it
// (graph.WithVocabulary).
func Vocabulary(base *schema.Vocabulary) (*schema.Vocabulary, error) {
	return base.Extend(Terms())
}

// Kinds maps Wikidata classes, by QID, to the kinds an item that is an
// instance of one (P31) is given.
type Kinds map[string]schema.Kind

// DefaultKinds returns a new copy of the importer's table of classes, for a
// program to change and give to WithKinds. It maps only direct instances
// (no subclass is followed) of these classes (Q1549591, big city, agrees
// with the Bielefeld sample; the others are Wikidata's long-standing QIDs for
// the classes, not looked up again when the table was written):
//
//	Q5 human                                   Person
//	Q6256 country, Q3624078 sovereign state    State
//	Q7188 government                           Government
//	Q43229 organization, Q7278 political party,
//	Q484652 international organization,
//	Q163740 nonprofit organization             Organization
//	Q515 city, Q1549591 big city,
//	Q1637706 city with millions of inhabitants City
//	Q10864048 first-level administrative
//	country subdivision                        Region
//
// Armed groups are not in it: Wikidata classes them in many ways (armed
// organization, rebel group, militia, terrorist organization), and a program
// that imports them says which classes it means.
func DefaultKinds() Kinds {
	return Kinds{
		"Q5":        schema.Person,
		"Q6256":     schema.State,
		"Q3624078":  schema.State,
		"Q7188":     schema.Government,
		"Q43229":    schema.Organization,
		"Q7278":     schema.Organization,
		"Q484652":   schema.Organization,
		"Q163740":   schema.Organization,
		"Q515":      schema.City,
		"Q1549591":  schema.City,
		"Q1637706":  schema.City,
		"Q10864048": schema.Region,
	}
}
