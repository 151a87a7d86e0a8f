// Package graph is actorgraph's typed store: entities, the claims that are the
// evidence for every fact, and typed questions over them, on a cayley quad store.
//
// Open a graph, write to it in atomic batches, and read it back as Go values:
//
//	g, err := graph.Open(ctx, "") // in memory
//	defer g.Close()
//
//	err = g.Write(ctx, func(tx *graph.Tx) error {
//		tx.AddEntity(graph.Entity{ID: turkey, Kinds: []schema.Kind{schema.State}, Name: "Turkey"})
//		...
//		tx.AddClaim(graph.Claim{ID: c, Source: graph.Entity{ID: report}, Reported: graph.Day(2024, 12, 7)})
//		return tx.Assert(graph.Fact{Subject: turkey, Relation: schema.Backs, Object: coalition, Claim: c})
//	})
//
//	es, err := g.Edges(ctx, schema.Backs, graph.To(coalition), graph.AsOf(graph.Day(2024, 12, 7)))
//
// # Data model
//
// Every fact is a quad (subject, predicate, object, label) whose label is a
// claim: a node that records who said it (Source, and Via a medium), whether they
// asserted or denied it (Stance), when it was said (Reported), when it holds in
// the world (ValidFrom, ValidUntil, as [Date] values that keep their precision:
// a year, a month or a day), and the Quote. Claim metadata are quads whose
// subject is the claim, so reading a claim is an index lookup on every backend.
//
// # Two clocks
//
// [AsOf] asks what held in the world at a date; [KnownAt] asks what had been
// reported by a date. They combine. A fact is returned when at least one
// claim that passes the filters asserts it; its Evidence lists every passing
// claim, denials included, so Evidence.Contested tells a disputed fact.
//
// # Questions
//
// [Graph.Entity] and [Graph.Resolve] find entities by IRI or by name (ignoring
// case and accents); [Graph.Edges] and [Graph.Attributes] read facts with their
// evidence; [Graph.Lineage] follows formerly-known-as and branch-of chains;
// [Graph.Path] finds the shortest typed connection between two entities;
// [Graph.Contested] lists what one source asserts and another denies; [Find]
// builds composable typed queries, whose constraints reach a known entity,
// another query ([Query.WhereSome]), an attribute's value ([Query.WhereAttr]
// with [Before], [AtLeast], [Overlaps]...) or edges several independent
// sources assert ([BySources]). Errors wrap the sentinels of this package
// ([ErrNotFound], [ErrUnknownTerm], [ErrDomain], [ErrRange]...).
//
// The calls that can return many results stream them too, as an
// iter.Seq2[T, error], with the same options: [Query.Seq], [Graph.EdgesSeq],
// [Graph.HistorySeq], [Graph.ChangesSeq], [Graph.ContestedSeq] and
// [Graph.StatementsSeq] decode a chunk at a time and hold no lock while the
// loop's body runs.
//
// Options are typed by what they apply to, so that one a call would ignore
// does not compile: claim filters ([Filter]: AsOf, KnownAt, BySource,
// MinConfidence) go to
// every read that weighs evidence, anchors ([Anchor]: From, To) to Edges and
// Contested, [WithDenied] to Edges and Attributes, walk bounds ([WalkBound]:
// Through, MaxDepth) to Lineage and Path.
//
// # Writing and correcting
//
// [Graph.Write] runs a batch ([Tx]) and applies it whole or not at all: a
// write that failed poisons the batch even when the batch's function returns
// nil. Sources correct themselves with a claim of stance [Retracted], which
// counts from its reported date on ([KnownAt] before it still sees the
// withdrawn claim). A curator removes what was entered wrongly with
// [Tx.RemoveClaim] and [Tx.RemoveEntity] (refused with ErrInUse while
// anything refers to it, unless [Cascade]), and records that two entities are
// one actor with [Tx.Merge], a fact carried by a claim: every read resolves
// through merges, and removing the claim undoes the merge.
//
// A Graph is safe for concurrent use. [Graph.Raw] is the escape hatch to
// cayley's own query languages over the same data.
//
// # Storage
//
// [Open] takes a location: in memory (the default), a LevelDB or bolt
// directory, or PostgreSQL, each through cayley's backend of that name, which
// lives in a package of its own (graph/leveldb, graph/bolt, graph/postgres)
// that the program names with [WithBackend]. Package graph links no database
// driver. In memory the graph keeps its quads in an index of its own,
// dictionary-encoded (each value held once, a quad as four integer ids), which
// loads about twice as fast as cayley's memstore at a fraction of its heap;
// the memstore is built when [Graph.Raw] is first called, and fed by every
// write after.
//
// A file store is held by one Graph, under a lock file, so the graph keeps
// the same index of the store's quads in memory, built at Open and kept in
// step with every commit after the store has made it durable: reads and
// write validation go at memory speed, and the store is the store of record
// (a process killed mid-commit leaves it holding the batch whole or not at
// all). [WithoutReadIndex] reads from the store instead, for a store larger
// than memory. PostgreSQL, which other processes may write, is read directly.
//
// A store keeps the vocabulary it was written with, extension terms
// included, as RDF (schema's Vocabulary.Triples: rdfs:subClassOf,
// rdfs:domain, rdfs:range, owl:equivalentClass...) in quads labelled
// schema.VocabularyGraph. The first batch a Graph commits writes the terms the
// store lacks, and the new descriptions of terms it describes otherwise (a
// doc, a short name); they count in [Graph.Stats], come out of
// [Graph.Statements] (so an export says what ag:backs means) and are never
// read as entities, claims or facts. Open reads them back by their types
// (`?t rdf:type owl:Class`...), an indexed lookup on every backend, and
// refuses a vocabulary that lacks a stored term (ErrUnknownTerm) or gives it
// another sort, parent, domain, range, datatype or flag (ErrConflict), naming
// the terms; [WithStoredVocabulary] opens a store with the vocabulary it
// holds, so that a generic tool can open any store.
package graph
