package schema

// Constraint restricts the candidates of a query to those linked to a known entity
// by a relation. Build one with [Relation.From] or [Relation.To].
type Constraint struct {
	Relation Relation
	// Other is the known entity at the far end.
	Other IRI
	// Incoming is true when Other is the relation's subject and the candidate its
	// object ([Relation.From]); false when the candidate is the subject ([Relation.To]).
	Incoming bool
	// Sources, when above 1, is how many distinct sources must assert the
	// edge that meets the constraint; 0 or 1 is any. graph.BySources sets it.
	Sources int
}

// From constrains candidates to the objects of r whose subject is subject:
// schema.Backs.From(turkey) matches what Turkey backs.
func (r Relation) From(subject IRI) Constraint {
	return Constraint{Relation: r, Other: subject, Incoming: true}
}

// To constrains candidates to the subjects of r whose object is object:
// schema.Backs.To(coalition) matches who backs the coalition.
func (r Relation) To(object IRI) Constraint {
	return Constraint{Relation: r, Other: object}
}
