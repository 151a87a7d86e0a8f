package main

import "github.com/actorgraph/actorgraph/schema"

// The benchmark file's own terms (../shared/bench/peers/gen.py), as an
// extension vocabulary: the file is read with its IRIs as they are, not mapped
// onto the core's. The core would refuse some of it (its leads takes an
// organization as object; the file has people who lead states).
const ont schema.Namespace = "https://example.org/ont/"

// The file's kinds. Each sits below the core kind it names, so a core query
// (Find(schema.State)) sees them too.
const (
	State      = schema.Kind(ont + "State")
	ArmedGroup = schema.Kind(ont + "ArmedGroup")
	Person     = schema.Kind(ont + "Person")
	Coalition  = schema.Kind(ont + "Coalition")
	// Source is the kind of the file's source/S nodes. The file gives them no
	// type; the library needs one that can speak to make them claims' sources.
	Source = schema.Kind(ont + "Source")
)

// The file's relations, with the domains and ranges gen.py draws them from.
const (
	Backs               = schema.Relation(ont + "backs")
	Opposes             = schema.Relation(ont + "opposes")
	Leads               = schema.Relation(ont + "leads")
	DesignatesTerrorist = schema.Relation(ont + "designatesTerrorist")
	FormerlyKnownAs     = schema.Relation(ont + "formerlyKnownAs")
)

// The file's claim terms: every assertion is in a named graph claim/K whose
// source and start of validity are given in the provenance graph.
const (
	namePredicate      = schema.IRI(ont + "name")
	sourcePredicate    = schema.IRI(ont + "source")
	validFromPredicate = schema.IRI(ont + "validFrom")
	provenanceGraph    = schema.IRI("https://example.org/graph/provenance")
)

// Vocabulary returns the core vocabulary extended with the file's terms.
// Short names carry the "ont" prefix, since the core already uses "State",
// "backs" and the rest for its own terms.
func Vocabulary() (*schema.Vocabulary, error) {
	return schema.Core().Extend(schema.Terms{
		Kinds: []schema.KindDef{
			{Kind: State, Name: "ontState", Parent: schema.State, Doc: "A state, as the benchmark file types it."},
			{Kind: ArmedGroup, Name: "ontArmedGroup", Parent: schema.ArmedGroup, Doc: "An armed group, as the benchmark file types it."},
			{Kind: Person, Name: "ontPerson", Parent: schema.Person, Doc: "A person, as the benchmark file types it."},
			{Kind: Coalition, Name: "ontCoalition", Parent: schema.Coalition, Doc: "A coalition, as the benchmark file types it."},
			{Kind: Source, Name: "ontSource", Speaks: true, Doc: "A source of claims, named by the file's provenance graph."},
		},
		Relations: []schema.RelationDef{
			{Relation: Backs, Name: "ontBacks", Inverse: "ont backed by", Domain: schema.Actor, Range: schema.Actor,
				Doc: "The subject backs the object."},
			{Relation: Opposes, Name: "ontOpposes", Inverse: "ont opposed by", Domain: schema.Actor, Range: schema.Actor,
				Doc: "The subject opposes the object."},
			{Relation: Leads, Name: "ontLeads", Inverse: "ont led by", Domain: schema.Person, Range: schema.Actor,
				Doc: "The person leads the object: a group, a coalition or a state."},
			{Relation: DesignatesTerrorist, Name: "ontDesignatesTerrorist", Inverse: "ont designated a terrorist by",
				Domain: schema.State, Range: schema.Actor, Doc: "The state designates the object a terrorist."},
			{Relation: FormerlyKnownAs, Name: "ontFormerlyKnownAs", Inverse: "ont later known as",
				Domain: schema.Organization, Range: schema.Organization, Transitive: true, Past: true,
				Doc: "The subject is the organization the object was, under a later name."},
		},
	})
}
