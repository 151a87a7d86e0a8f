#!/usr/bin/env bash
# CI: Oxigraph (npm, pinned), knowing nothing of actorgraph, runs SPARQL over
# the Syria dataset's self-describing export (convert -sparql) and must give
# the library's own answers (loader/testdata/sparql-syria.json, kept equal to
# the typed API's by TestSPARQLAnswers): every organisation through
# rdfs:subClassOf, the enemies of HTS in both directions, who controlled what
# on 7 December 2024 by the materialised effective start, the membership
# estimate's bounds as numbers, every claim attributed to France 24 through
# PROV-O, and a claim found by the RDF 1.2 triple term it reifies (N-Quads and
# Turtle) or by its RDF 1.1 reification (Turtle). Then rapper
# must read the N-Quads, Turtle and TriG exports with no complaint.
# Needs Debian's and npm's packages and the Go module proxy.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v rapper >/dev/null || need+=(raptor2-utils)
command -v node >/dev/null || need+=(nodejs)
command -v npm >/dev/null || need+=(npm)
if [ ${#need[@]} -gt 0 ]; then
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "--- the Syria dataset, exported for SPARQL"
go run ./examples/convert -q -sparql -in examples/syria/syria.yaml -out "$tmp/syria.trig" -out "$tmp/syria.ttl" -out "$tmp/syria.nq"
go run ./examples/convert -q -sparql -rdf12 -in examples/syria/syria.yaml -out "$tmp/syria-rdf12.nq" -out "$tmp/syria-rdf12.ttl"
go run ./examples/convert -q -in examples/syria/syria.yaml -out "$tmp/plain.trig" -out "$tmp/plain.ttl"

echo "--- Oxigraph 0.5.11 answers the questions"
mkdir -p "$tmp/js"
npm install --prefix "$tmp/js" --no-audit --no-fund --silent oxigraph@0.5.11 >/dev/null
NODE_PATH="$tmp/js/node_modules" node .ci/sparql.js "$tmp/syria.trig" loader/testdata/sparql-syria.json "$tmp/syria-rdf12.nq" "$tmp/syria.ttl" "$tmp/syria-rdf12.ttl"

echo "--- rapper reads the N-Quads, Turtle and TriG exports"
for f in syria.nq:nquads syria.ttl:turtle syria.trig:trig plain.ttl:turtle plain.trig:trig; do
	file=${f%%:*} syntax=${f##*:}
	rapper -i "$syntax" -c "$tmp/$file" 2>"$tmp/rapper.log" || { cat "$tmp/rapper.log"; exit 1; }
	if grep -qiE "error|warning" "$tmp/rapper.log" || ! grep -q "returned [1-9][0-9]* triples" "$tmp/rapper.log"; then
		cat "$tmp/rapper.log"
		echo "rapper did not read $file cleanly"
		exit 1
	fi
	echo "$file: $(grep -o 'returned [0-9]* triples' "$tmp/rapper.log")"
done

echo "--- rapper reads the adversarial dataset's TriG as its N-Quads, and its Turtle"
mkdir -p "$tmp/adv"
ACTORGRAPH_EXPORTS_DIR="$tmp/adv" go test -count=1 -run '^TestWriteAdversarialExports$' ./loader/ >"$tmp/gotest.log" 2>&1 || { cat "$tmp/gotest.log"; exit 1; }
# rapper's N-Quads reader lowercases language tags and its TriG reader does not: compare them folded.
fold() { sed -E 's/@([A-Za-z0-9-]+) (<[^>]*> )?\.$/@\L\1\E \2./' | sort; }
rapper -q -i trig -o nquads "$tmp/adv/a.trig" 2>"$tmp/rapper.log" | fold >"$tmp/adv/trig.nq"
rapper -q -i nquads -o nquads "$tmp/adv/a.nq" 2>>"$tmp/rapper.log" | fold >"$tmp/adv/nq.nq"
rapper -q -i turtle -o ntriples "$tmp/adv/a.ttl" 2>>"$tmp/rapper.log" >"$tmp/adv/ttl.nt"
if [ -s "$tmp/rapper.log" ]; then
	cat "$tmp/rapper.log"
	echo "rapper complained about the adversarial TriG, N-Quads or Turtle export"
	exit 1
fi
if ! diff -q "$tmp/adv/trig.nq" "$tmp/adv/nq.nq" >/dev/null; then
	diff "$tmp/adv/trig.nq" "$tmp/adv/nq.nq" | head -20
	echo "rapper read the TriG export otherwise than the N-Quads export"
	exit 1
fi
echo "TriG: the $(wc -l <"$tmp/adv/trig.nq") statements of the N-Quads; Turtle: $(wc -l <"$tmp/adv/ttl.nt") triples"
