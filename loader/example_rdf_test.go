package loader_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/loader"
	"github.com/actorgraph/actorgraph/schema"
)

// exampleData is a small dataset for the RDF examples: a claim that HTS and
// the Islamic State group are enemies, and an estimate of HTS's members.
const exampleData = `
actorgraph: 1
base: https://example.org/id/
entities:
  - {id: report, kinds: [Report], name: A report}
  - {id: hts, kinds: [ArmedGroup], name: HTS}
  - {id: isis, kinds: [ArmedGroup], name: Islamic State group}
claims:
  - id: c1
    source: report
    reported: 2024-12-07
    validFrom: 2018
    validUntil: 2018
    facts:
      - hts enemyOf isis
      - hts membersEstimate 12000..15000
`

// printOutsideVocabulary prints the TriG text but the vocabulary's named
// graph, which every export carries and is long.
func printOutsideVocabulary(text string) {
	in := false
	sc := bufio.NewScanner(strings.NewReader(text))
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == "ag:vocabulary {":
			in = true
		case in && line == "}":
			in = false
		case !in && !strings.HasPrefix(line, "@prefix") && line != "":
			fmt.Println(line)
		}
	}
}

// exampleGraph returns a graph holding exampleData.
func exampleGraph(ctx context.Context) (*graph.Graph, error) {
	g, err := graph.Open(ctx, "")
	if err != nil {
		return nil, err
	}
	if _, err := loader.LoadYAML(ctx, g, "example.yaml", strings.NewReader(exampleData)); err != nil {
		g.Close()
		return nil, err
	}
	return g, nil
}

func ExampleWriteTriG() {
	ctx := context.Background()
	g, err := exampleGraph(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer g.Close()
	var out bytes.Buffer
	if err := loader.WriteTriG(ctx, &out, g); err != nil {
		fmt.Println(err)
		return
	}
	printOutsideVocabulary(out.String())
	// Output:
	// :c1 a ag:Claim ;
	//     ag:reported "2024-12-07"^^xsd:date ;
	//     ag:source :report ;
	//     ag:stance ag:Asserted ;
	//     ag:validFrom "2018"^^xsd:gYear ;
	//     ag:validUntil "2018"^^xsd:gYear .
	// :hts a ag:ArmedGroup ;
	//     schema:name "HTS" .
	// :isis a ag:ArmedGroup ;
	//     schema:name "Islamic State group" .
	// :report a ag:Report ;
	//     schema:name "A report" .
	// :c1 {
	//     :hts ag:enemyOf :isis ;
	//         ag:membersEstimate "12000..15000"^^ag:integerRange .
	// }
}

// ForSPARQL writes what a SPARQL engine without a reasoner needs: the
// superclasses of each entity's kinds, both directions of a symmetric
// relation, PROV-O, the claim's effective start and end as xsd:dateTime, the
// estimate's bounds as numbers.
func ExampleForSPARQL() {
	ctx := context.Background()
	g, err := exampleGraph(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer g.Close()
	var out bytes.Buffer
	if err := loader.WriteTriG(ctx, &out, g, loader.ForSPARQL()); err != nil {
		fmt.Println(err)
		return
	}
	printOutsideVocabulary(out.String())

	// And it reads back to the same graph.
	back, _ := graph.Open(ctx, "")
	defer back.Close()
	st, err := loader.LoadTriG(ctx, back, "example.trig", &out)
	fmt.Printf("read back: %+v, %v\n", st, err)
	// Output:
	// ag:export ag:materialises ag:superclassTypes,
	//         ag:symmetricMirrors,
	//         ag:provenance,
	//         ag:effectiveTimes .
	// :c1 a ag:Claim ;
	//     prov:generatedAtTime "2024-12-07T00:00:00Z"^^xsd:dateTime ;
	//     prov:wasAttributedTo :report ;
	//     ag:effectiveEnd "2019-01-01T00:00:00Z"^^xsd:dateTime ;
	//     ag:effectiveStart "2018-01-01T00:00:00Z"^^xsd:dateTime ;
	//     ag:reported "2024-12-07"^^xsd:date ;
	//     ag:source :report ;
	//     ag:stance ag:Asserted ;
	//     ag:validFrom "2018"^^xsd:gYear ;
	//     ag:validUntil "2018"^^xsd:gYear .
	// :hts a ag:Actor,
	//         ag:ArmedGroup,
	//         ag:Organization ;
	//     schema:name "HTS" .
	// :isis a ag:Actor,
	//         ag:ArmedGroup,
	//         ag:Organization ;
	//     schema:name "Islamic State group" .
	// :report a ag:Document,
	//         ag:Report ;
	//     schema:name "A report" .
	// :c1 {
	//     <https://example.org/id/c1/quantity-1797c74f1dc4b814> a schema:QuantitativeValue ;
	//         schema:maxValue "15000"^^xsd:integer ;
	//         schema:minValue "12000"^^xsd:integer .
	//     :hts ag:enemyOf :isis ;
	//         ag:membersEstimate <https://example.org/id/c1/quantity-1797c74f1dc4b814> .
	//     :isis ag:enemyOf :hts .
	// }
	// read back: {Entities:3 Claims:1 Facts:2 Skipped:0}, <nil>
}

// Turtle has no named graphs: a fact is the RDF 1.1 reification, or the
// RDF 1.2 reifier, of the claim that states it.
func ExampleLoadTurtle() {
	const ttl = `
@prefix ag: <https://actorgraph.org/ns#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix schema: <https://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix : <https://example.org/id/> .

:report a ag:Report ; schema:name "A report" .
:russia a ag:State ; schema:name "Russia" .
:assad-government a ag:Government ; schema:name "Assad government" .
:c1 a ag:Claim ; ag:source :report ; ag:reported "2024-12-07"^^xsd:date ;
    rdf:reifies <<( :russia ag:backs :assad-government )>> .
`
	ctx := context.Background()
	g, _ := graph.Open(ctx, "")
	defer g.Close()
	if _, err := loader.LoadTurtle(ctx, g, "example.ttl", strings.NewReader(ttl)); err != nil {
		fmt.Println(err)
		return
	}
	es, _ := g.Edges(ctx, schema.Backs)
	for _, e := range es {
		fmt.Println(e.Subject, "backs", e.Object, "according to", e.Evidence.Sources())
	}

	// A fact outside any claim is refused, at its place.
	_, err := loader.LoadTurtle(ctx, g, "bad.ttl", strings.NewReader(ttl+":russia ag:backs :assad-government .\n"))
	fmt.Println(err)
	// Output:
	// Russia backs Assad government according to [A report]
	// bad.ttl:13:18: "<https://example.org/id/russia> <https://actorgraph.org/ns#backs> <https://example.org/id/assad-government> .": a fact of backs outside any claim: in TriG or N-Quads put it in the named graph of its claim; in Turtle reify it (<claim> rdf:reifies <<( s p o )>>, or an rdf:Statement with <https://actorgraph.org/ns#inClaim>): syntax error
}

// The core vocabulary, as docs/vocabulary.ttl holds it: here, one relation.
func ExampleWriteVocabularyTurtle() {
	var out bytes.Buffer
	if err := loader.WriteVocabularyTurtle(&out, schema.Core()); err != nil {
		fmt.Println(err)
		return
	}
	text := out.String()
	start := strings.Index(text, "\nag:captured ")
	end := strings.Index(text[start+1:], "\n\n")
	fmt.Println(text[start+1 : start+1+end])
	// Output:
	// ag:captured a owl:ObjectProperty,
	//         ag:EventRelation ;
	//     rdfs:comment "The subject took the object by force." ;
	//     rdfs:domain ag:Actor ;
	//     rdfs:label "captured" ;
	//     rdfs:range ag:Place ;
	//     ag:inverseName "captured by" ;
	//     ag:starts ag:controls ;
	//     ag:timeSemantics "An event: it happens at the claim's effective start (validFrom, or the reported date) and counts as of that date and after. It starts controls between its subject and object." .
}
