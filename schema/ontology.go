package schema

import (
	"fmt"
	"slices"
)

// PROV is the namespace of PROV-O, the W3C provenance ontology, whose terms
// an export mirrors claims' metadata in.
const PROV Namespace = "http://www.w3.org/ns/prov#"

// Terms an export may write beside what a graph stores, so that a SPARQL
// engine that knows nothing of actorgraph can answer what the library answers:
// they mirror or derive from stored statements, and a loader reading an export
// back skips them (see the loader's export options).
const (
	// Ontology is the IRI of the vocabulary's description as an OWL
	// ontology (owl:Ontology), the subject of its header.
	Ontology IRI = IRI("https://actorgraph.org/ns")

	// EffectiveStart is, on a claim, the first instant from which it holds in
	// the world as an xsd:dateTime: the start of its ValidFrom period, or of
	// its reported date when it has no ValidFrom (a source vouches for the
	// time it speaks of, not for the years before).
	EffectiveStart IRI = IRI(NS + "effectiveStart")
	// EffectiveEnd is, on a claim with a ValidUntil, the first instant after
	// the period it names, as an xsd:dateTime: a claim holds at t when
	// EffectiveStart <= t < EffectiveEnd.
	EffectiveEnd IRI = IRI(NS + "effectiveEnd")
	// TimeSemanticsNote is an annotation on each relation saying in words how
	// its facts sit in time.
	TimeSemanticsNote IRI = IRI(NS + "timeSemantics")
	// StateRelation is the second type of a relation that is a state (the
	// stored vocabulary writes only EventRelation; the ontology writes both).
	StateRelation IRI = IRI(NS + "StateRelation")
	// InClaim links an RDF 1.1 reification (an rdf:Statement) to the claim
	// that states it: the form a Turtle export gives a fact, as Turtle has no
	// named graphs.
	InClaim IRI = IRI(NS + "inClaim")
	// Materialises, on the subject Export, names what an export wrote beyond
	// the stored statements (SuperclassTypes, SymmetricMirrors,
	// ProvenanceTerms, EffectiveTimes, Reifiers), so that a reader can leave
	// it out. An export writes these declarations before anything else.
	Materialises IRI = IRI(NS + "materialises")
	// Export is the subject of an export's declarations (Materialises).
	Export IRI = IRI(NS + "export")
	// StatedKind marks, in an export that materialises superclasses, a kind
	// the graph stores for an entity although another of its kinds implies
	// it, so that a reader keeps it: entity -> kind.
	StatedKind IRI = IRI(NS + "statedKind")
	// BothWays is the type of an RDF 1.1 reification (with InClaim) that
	// marks, in an export that materialises symmetric mirrors, a symmetric
	// fact its claim states in both directions, so that a reader keeps both.
	BothWays IRI = IRI(NS + "BothWays")

	WasAttributedTo  IRI = IRI(PROV + "wasAttributedTo")        // claim -> its source, mirroring Source
	GeneratedAtTime  IRI = IRI(PROV + "generatedAtTime")        // claim -> the start of its reported date, as xsd:dateTime
	Publisher        IRI = IRI(SchemaOrg + "publisher")         // claim -> the medium it was said through, mirroring Via
	QuantitativeType IRI = IRI(SchemaOrg + "QuantitativeValue") // the type of an estimate's node
	MinValue         IRI = IRI(SchemaOrg + "minValue")          // a quantity's lower bound, xsd:integer
	MaxValue         IRI = IRI(SchemaOrg + "maxValue")          // a quantity's upper bound, xsd:integer
	XSDDateTime      IRI = IRI(XSD + "dateTime")                // the datatype of the effective times
	Reifies          IRI = IRI(RDF + "reifies")                 // RDF 1.2: a reifier -> the triple term it reifies
	Statement        IRI = IRI(RDF + "Statement")               // the type of an RDF 1.1 reification
	StatementSubject IRI = IRI(RDF + "subject")                 // a reification -> its statement's subject
	StatementPred    IRI = IRI(RDF + "predicate")               // a reification -> its statement's predicate
	StatementObject  IRI = IRI(RDF + "object")                  // a reification -> its statement's object
)

// What an export may materialise, the objects of Materialises.
const (
	SuperclassTypes  IRI = IRI(NS + "superclassTypes")  // every kind above an entity's kinds, as rdf:type
	SymmetricMirrors IRI = IRI(NS + "symmetricMirrors") // b r a beside a r b, in the same claim, for a symmetric r
	ProvenanceTerms  IRI = IRI(NS + "provenance")       // PROV-O and schema.org mirrors of claim metadata
	EffectiveTimes   IRI = IRI(NS + "effectiveTimes")   // EffectiveStart and EffectiveEnd on every claim
	Reifiers         IRI = IRI(NS + "reifiers")         // RDF 1.2: each claim rdf:reifies the triple terms of its facts
)

// A model term is a term of actorgraph's claim model or of its vocabulary's
// own description: it is described in the ontology but is not a kind,
// relation or attribute a vocabulary defines.
type modelTerm struct {
	iri, typ          IRI
	label, doc        string
	domain, rng       IRI
	subPropertyOf     IRI
	functionalLiteral bool
}

var modelTerms = []modelTerm{
	// No range: a source is an entity of any kind that speaks (an actor or a
	// document), and RDFS has no union without blank nodes.
	{iri: Source, typ: ObjectProperty, label: "source", domain: IRI(ClaimKind),
		doc: "The entity that reported the claim: an actor, an outlet, a document.", subPropertyOf: WasAttributedTo},
	{iri: Via, typ: ObjectProperty, label: "via", domain: IRI(ClaimKind),
		doc: "The medium the claim was said through: an outlet, a platform."},
	{iri: Stance, typ: ObjectProperty, label: "stance", domain: IRI(ClaimKind),
		doc: "Whether the source says the claim's statements hold (Asserted), do not hold (Denied), or withdraws an earlier claim of its own (Retracted)."},
	{iri: Asserted, typ: IRI(OWL + "NamedIndividual"), label: "Asserted", doc: "The stance of a claim whose source says its statements hold."},
	{iri: Denied, typ: IRI(OWL + "NamedIndividual"), label: "Denied",
		doc: "The stance of a claim whose source says its statements do not hold: with no validity dates at any time, with them only within them."},
	{iri: Retracted, typ: IRI(OWL + "NamedIndividual"), label: "Retracted",
		doc: "The stance of a claim by which its source withdraws an earlier claim of its own (named by retracts), from the retraction's reported date on."},
	{iri: Retracts, typ: ObjectProperty, label: "retracts", domain: IRI(ClaimKind), rng: IRI(ClaimKind),
		doc: "A retracting claim -> the claim it withdraws."},
	{iri: Reported, typ: DatatypeProperty, label: "reported", domain: IRI(ClaimKind), rng: DateType,
		doc: "When the claim was made, at the precision known (xsd:gYear, xsd:gYearMonth or xsd:date)."},
	{iri: ValidFrom, typ: DatatypeProperty, label: "validFrom", domain: IRI(ClaimKind), rng: DateType,
		doc: "When the claim starts to hold in the world, at the precision known. A claim without it holds from its reported date."},
	{iri: ValidUntil, typ: DatatypeProperty, label: "validUntil", domain: IRI(ClaimKind), rng: DateType,
		doc: "When the claim stops holding in the world, inclusive at its precision: 2018 holds through 31 December 2018."},
	{iri: Quote, typ: DatatypeProperty, label: "quote", domain: IRI(ClaimKind), rng: XSDString, doc: "The words of the source the claim rests on."},
	{iri: Note, typ: DatatypeProperty, label: "note", domain: IRI(ClaimKind), rng: XSDString, doc: "A curator's note on how the claim was read."},
	{iri: Confidence, typ: DatatypeProperty, label: "confidence", domain: IRI(ClaimKind), rng: XSDDecimal,
		doc: "How sure the source is, in [0, 1]."},
	{iri: SameEntity, typ: ObjectProperty, label: "sameAs",
		doc: "Two entity records are one actor recorded twice: a merge, stated by the claim whose named graph holds it."},
	{iri: InverseName, typ: IRI(OWL + "AnnotationProperty"), label: "inverseName",
		doc: "A relation's name read from the object's side (\"backed by\")."},
	{iri: SpeaksFlag, typ: IRI(OWL + "AnnotationProperty"), label: "speaks",
		doc: "True on a kind whose entities can be a claim's source or medium."},
	{iri: PastFlag, typ: IRI(OWL + "AnnotationProperty"), label: "past",
		doc: "True on a relation that says what held before, not now."},
	{iri: EventRelation, typ: Class, label: "EventRelation",
		doc: "A relation whose facts are events: they happen at a date or over a short span, and count as of that date and after."},
	{iri: StateRelation, typ: Class, label: "StateRelation",
		doc: "A relation whose facts are states: they hold over an interval, from the claim's validFrom (or reported date) to its validUntil."},
	{iri: Exclusive, typ: IRI(OWL + "AnnotationProperty"), label: "exclusive",
		doc: "On an exclusive state, the side that has one holder at a time; a later claim supersedes an earlier one from its start."},
	{iri: OneSubjectPerObject, typ: IRI(OWL + "NamedIndividual"), label: "OneSubjectPerObject", doc: "Each object has one subject at a time (a place, one controller)."},
	{iri: OneObjectPerSubject, typ: IRI(OWL + "NamedIndividual"), label: "OneObjectPerSubject", doc: "Each subject has one object at a time."},
	{iri: StartsState, typ: IRI(OWL + "AnnotationProperty"), label: "starts", doc: "An event relation -> the state relation it starts between its subject and object."},
	{iri: EndsState, typ: IRI(OWL + "AnnotationProperty"), label: "ends", doc: "An event relation -> the state relation it ends between its subject and object."},
	{iri: TimeSemanticsNote, typ: IRI(OWL + "AnnotationProperty"), label: "timeSemantics", doc: "How a relation's facts sit in time, in words."},
	{iri: DateType, typ: IRI(RDFS + "Datatype"), label: "date",
		doc: "A date at the precision known: an xsd:gYear, an xsd:gYearMonth or an xsd:date."},
	{iri: RangeType, typ: IRI(RDFS + "Datatype"), label: "integerRange",
		doc: "An estimate with bounds, LOW..HIGH (\"12000..15000\"): the form of older exports; exports now write a schema:QuantitativeValue with schema:minValue and schema:maxValue."},
	{iri: EffectiveStart, typ: DatatypeProperty, label: "effectiveStart", domain: IRI(ClaimKind), rng: XSDDateTime, functionalLiteral: true,
		doc: "Materialised: the first instant from which the claim holds, the start of its validFrom or, without one, of its reported date."},
	{iri: EffectiveEnd, typ: DatatypeProperty, label: "effectiveEnd", domain: IRI(ClaimKind), rng: XSDDateTime, functionalLiteral: true,
		doc: "Materialised: the first instant after the claim's validUntil period; the claim holds at t when effectiveStart <= t < effectiveEnd."},
	{iri: InClaim, typ: ObjectProperty, label: "inClaim", domain: Statement, rng: IRI(ClaimKind),
		doc: "An RDF 1.1 reification of a fact -> the claim that states it (the form of facts in Turtle, which has no named graphs)."},
	{iri: StatedKind, typ: ObjectProperty, label: "statedKind",
		doc: "In an export with superclasses materialised: a kind stored for the entity although another of its kinds implies it."},
	{iri: BothWays, typ: Class, label: "BothWays",
		doc: "In an export with symmetric mirrors materialised: the reification of a symmetric fact its claim states in both directions."},
	{iri: Materialises, typ: IRI(OWL + "AnnotationProperty"), label: "materialises",
		doc: "What an export wrote beyond the stored statements, so that a reader can leave it out."},
}

// Ontology returns v as an OWL ontology: the triples [Vocabulary.Triples]
// stores, then a header (owl:Ontology), a description of the claim model's
// terms and of the ag: terms a vocabulary's description uses (labels,
// comments, domains, ranges; ag:source a sub-property of
// prov:wasAttributedTo), and, on each relation, its time semantics in words
// (TimeSemanticsNote) and as a second type (StateRelation or
// EventRelation). It is what an export writes in the vocabulary graph and
// what docs/vocabulary.ttl holds for the core. The extra triples are not
// part of what [FromTriples] reads: [IsOntologyExtra] tells them apart.
func (v *Vocabulary) Ontology() []Triple {
	out := v.Triples()
	add := func(s, p, o IRI) { out = append(out, Triple{Subject: s, Predicate: p, Object: o}) }
	lit := func(s, p IRI, l string) { out = append(out, Triple{Subject: s, Predicate: p, Literal: l}) }
	add(Ontology, Type, IRI(OWL+"Ontology"))
	lit(Ontology, Label, "actorgraph")
	lit(Ontology, Comment, "Political and military actors, their relations, and the claims they rest on: who said what, when, and when it holds.")
	for _, m := range modelTerms {
		if v.defined(m.iri) {
			continue
		}
		add(m.iri, Type, m.typ)
		lit(m.iri, Label, m.label)
		lit(m.iri, Comment, m.doc)
		if m.domain != "" {
			add(m.iri, PropertyDomain, m.domain)
		}
		if m.rng != "" {
			add(m.iri, PropertyRange, m.rng)
		}
		if m.subPropertyOf != "" {
			add(m.iri, IRI(RDFS+"subPropertyOf"), m.subPropertyOf)
		}
		if m.functionalLiteral {
			add(m.iri, Type, IRI(OWL+"FunctionalProperty"))
		}
	}
	for _, d := range v.Relations() {
		s := IRI(d.Relation)
		lit(s, TimeSemanticsNote, timeNote(v, d))
		if d.Time == Stative {
			add(s, Type, StateRelation)
		}
	}
	slices.SortFunc(out, compareTriples)
	return slices.CompactFunc(out, func(a, b Triple) bool { return a == b })
}

// timeNote says in words how d's facts sit in time.
func timeNote(v *Vocabulary, d RelationDef) string {
	s := "A state: it holds from the claim's effective start (validFrom, or the reported date) until its validUntil."
	if d.Time == Eventive {
		s = "An event: it happens at the claim's effective start (validFrom, or the reported date) and counts as of that date and after."
	}
	switch d.Exclusive {
	case OneSubject:
		s += " Exclusive: each object has one subject at a time; a claim for another subject that starts later supersedes it from its start."
	case OneObject:
		s += " Exclusive: each subject has one object at a time; a claim for another object that starts later supersedes it from its start."
	}
	if d.Starts != "" {
		s += fmt.Sprintf(" It starts %s between its subject and object.", v.RelationName(d.Starts))
	}
	if d.Ends != "" {
		s += fmt.Sprintf(" It ends %s between its subject and object.", v.RelationName(d.Ends))
	}
	if d.Past {
		s += " It says what held before, not now."
	}
	return s
}

// IsOntologyExtra reports whether t is one of the triples [Vocabulary.Ontology]
// adds to v's stored ones: the header, a model term's description, a
// relation's time semantics in words or its StateRelation type.
func (v *Vocabulary) IsOntologyExtra(t Triple) bool {
	switch {
	case t.Subject == Ontology:
		return true
	case t.Predicate == TimeSemanticsNote:
		return true
	case t.Predicate == Type && t.Object == StateRelation:
		return true
	}
	if v.defined(t.Subject) {
		return false
	}
	return slices.ContainsFunc(modelTerms, func(m modelTerm) bool { return m.iri == t.Subject })
}

// Defines reports whether v defines term as a kind, a relation or an attribute.
func (v *Vocabulary) Defines(term IRI) bool { return v.defined(term) }
