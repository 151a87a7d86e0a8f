// Runs SPARQL over actorgraph's export of the Syria dataset with Oxigraph,
// which knows nothing of actorgraph: only the export's standard terms
// (rdfs:subClassOf, rdf:type, PROV-O, schema.org, xsd:dateTime) and the
// ag: terms it describes. Compares each answer with the library's own
// (loader/testdata/sparql-syria.json) and fails on any difference.
// Usage: node sparql.js EXPORT.trig EXPECTED.json EXPORT-RDF12.nq EXPORT.ttl EXPORT-RDF12.ttl
"use strict";
const fs = require("fs");
const oxigraph = require("oxigraph");

const [trig, expectedFile, rdf12, ttl, ttl12] = process.argv.slice(2);
const want = JSON.parse(fs.readFileSync(expectedFile, "utf8"));

const store = new oxigraph.Store();
store.load(fs.readFileSync(trig, "utf8"), { format: "application/trig" });

const PREFIXES = `
PREFIX ag: <https://actorgraph.org/ns#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX syria: <https://actorgraph.org/id/syria/>
`;

let failures = 0;
function select(st, q) {
  return st.query(PREFIXES + q).map((row) => row);
}
function check(what, query, got, expected) {
  const g = JSON.stringify(got), e = JSON.stringify(expected);
  console.log(`--- ${what}\n${query.trim()}\n=> ${g}`);
  if (g !== e) {
    console.log(`MISMATCH: the library answers ${e}`);
    failures++;
  }
}
function strings(rows, ...vars) {
  return rows.map((r) => (vars.length === 1 ? r.get(vars[0]).value : vars.map((v) => r.get(v).value)));
}
const sorted = (xs) => xs.slice().sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : JSON.stringify(a) > JSON.stringify(b) ? 1 : 0));

// 1. Every organisation, through the class hierarchy the export declares.
let q = `
SELECT DISTINCT ?name WHERE {
  GRAPH ag:vocabulary { ?kind rdfs:subClassOf* ag:Organization }
  ?org a ?kind ; schema:name ?name .
}`;
check("organisations, through rdfs:subClassOf", q, sorted(strings(select(store, q), "name")), want.organizations);
q = `SELECT DISTINCT ?name WHERE { ?org a ag:Organization ; schema:name ?name . }`;
check("organisations, through the materialised superclasses", q, sorted(strings(select(store, q), "name")), want.organizations);

// 2. The enemies of HTS, whichever way the claim states it.
for (const pattern of ["?enemy ag:enemyOf syria:hts", "syria:hts ag:enemyOf ?enemy"]) {
  q = `SELECT DISTINCT ?name WHERE { GRAPH ?claim { ${pattern} } ?enemy schema:name ?name . }`;
  check(`enemies of HTS (${pattern})`, q, sorted(strings(select(store, q), "name")), want.enemies_of_hts);
}

// 3. Who controlled what on 7 December 2024, by the claims' materialised
// effective start and end (a claim with no validFrom holds from its reported
// date), asserted and not retracted.
q = `
SELECT DISTINCT ?who ?where WHERE {
  ?claim ag:stance ag:Asserted ; ag:effectiveStart ?start .
  FILTER (?start < "2024-12-08T00:00:00Z"^^xsd:dateTime)
  OPTIONAL { ?claim ag:effectiveEnd ?end }
  FILTER (!BOUND(?end) || ?end > "2024-12-07T00:00:00Z"^^xsd:dateTime)
  FILTER NOT EXISTS { ?retraction ag:retracts ?claim }
  GRAPH ?claim { ?x ag:controls ?p }
  ?x schema:name ?who . ?p schema:name ?where .
}`;
check("control on 7 December 2024", q, sorted(strings(select(store, q), "who", "where")), want.controls_on_7_december_2024);

// 4. The membership estimate's bounds, as numbers.
q = `
SELECT ?min ?max WHERE {
  GRAPH ?claim { syria:hts ag:membersEstimate ?q . ?q a schema:QuantitativeValue ; schema:minValue ?min ; schema:maxValue ?max }
  FILTER (isNumeric(?min) && isNumeric(?max) && ?min < ?max)
}`;
check("the estimate of HTS's members", q, select(store, q).map((r) => [Number(r.get("min").value), Number(r.get("max").value)])[0] || null, want.hts_members_bounds);

// 5. Every claim attributed to France 24, through PROV-O.
q = `SELECT ?claim WHERE { ?claim prov:wasAttributedTo syria:france24 }`;
check("claims attributed to France 24 (prov:wasAttributedTo)", q, sorted(strings(select(store, q), "claim")), want.claims_of_france24);

// 6. The same facts in RDF 1.2 form: each claim rdf:reifies its facts' triple terms.
const reifier = `
SELECT ?claim WHERE {
  ?claim rdf:reifies <<( ?a ag:enemyOf syria:hts )>> ; prov:wasAttributedTo ?source .
  ?a schema:name "Islamic State group" .
}`;
const s12 = new oxigraph.Store();
s12.load(fs.readFileSync(rdf12, "utf8"), { format: "application/n-quads" });
check("RDF 1.2 N-Quads: the claim that reifies an enmity of HTS", reifier, strings(select(s12, reifier), "claim"),
  ["https://actorgraph.org/id/syria/c14-hts-enemy-of-islamic-state"]);

// 7. Turtle, which has no named graphs: the same organisations, and each fact
// reified by its claim (RDF 1.1 rdf:Statement, or RDF 1.2 rdf:reifies).
const st = new oxigraph.Store();
st.load(fs.readFileSync(ttl, "utf8"), { format: "text/turtle" });
q = `SELECT DISTINCT ?name WHERE { ?org a ag:Organization ; schema:name ?name . }`;
check("Turtle: organisations", q, sorted(strings(select(st, q), "name")), want.organizations);
q = `
SELECT ?claim WHERE {
  ?fact a rdf:Statement ; rdf:subject ?a ; rdf:predicate ag:enemyOf ; rdf:object syria:hts ; ag:inClaim ?claim .
  ?a schema:name "Islamic State group" .
}`;
check("Turtle (RDF 1.1 reification): the claim of an enmity of HTS", q, strings(select(st, q), "claim"),
  ["https://actorgraph.org/id/syria/c14-hts-enemy-of-islamic-state"]);
const st12 = new oxigraph.Store();
st12.load(fs.readFileSync(ttl12, "utf8"), { format: "text/turtle" });
check("Turtle (RDF 1.2): the claim that reifies an enmity of HTS", reifier, strings(select(st12, reifier), "claim"),
  ["https://actorgraph.org/id/syria/c14-hts-enemy-of-islamic-state"]);

if (failures > 0) {
  console.log(`${failures} SPARQL answers differ from the library's`);
  process.exit(1);
}
console.log("every SPARQL answer is the library's");
