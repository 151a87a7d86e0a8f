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
package loader
