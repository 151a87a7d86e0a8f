// Package loader reads datasets into a graph and writes them out.
//
// The dataset format is YAML, written by hand: entities, then claims, each claim
// with the facts it carries, one per line as "subject relation object" or
// "subject attribute value":
//
//	actorgraph: 1
//	base: https://example.org/id/syria/
//	entities:
//	  - {id: turkey, kinds: [State], name: Turkey}
//	  - {id: coalition, kinds: [Coalition], name: Rebel coalition}
//	  - {id: report, kinds: [Report], name: The report of 7 December 2024}
//	claims:
//	  - id: turkey-backs-coalition
//	    source: report
//	    reported: 2024-12-07
//	    facts:
//	      - turkey backs coalition
//
// Identifiers are resolved against base; terms are the vocabulary's short names
// (or full IRIs). A load is atomic: a file with one bad record anywhere writes
// nothing, and the error, an [*Error], names the file, line, column and field.
//
// # RDF
//
// N-Quads ([LoadNQuads], [WriteNQuads]), TriG ([LoadTriG], [WriteTriG]) and
// Turtle ([LoadTurtle], [WriteTurtle]) carry the graph with the vocabulary
// it was written with: facts in the named graph of their claim (in Turtle,
// which has no named graphs, reified by it). [ExportOption] values make an
// export self-describing for a SPARQL engine that knows nothing of
// actorgraph ([ForSPARQL]: superclasses, both directions of symmetric
// relations, PROV-O, effective times as xsd:dateTime, estimates as
// schema:QuantitativeValue; [WithReifiers] for RDF 1.2), and every RDF
// loader reads each form back to the graph that was exported.
package loader
