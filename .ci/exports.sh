#!/usr/bin/env bash
# CI: an adversarial dataset (quotes, line breaks, <script>, ]]>, formula
# cells, control and astral-plane characters) exported in every format and
# read back by independent tools: rapper (N-Quads), jsonld.js (JSON-LD),
# xmllint (GraphML), dot (DOT) and Python's csv module (CSV). Each must read
# exactly the statements, rows, ids and labels the graph stores; any mismatch
# fails the script. Needs Debian's and npm's packages and the Go module proxy.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v rapper >/dev/null || need+=(raptor2-utils)
command -v xmllint >/dev/null || need+=(libxml2-utils)
command -v dot >/dev/null || need+=(graphviz)
command -v python3 >/dev/null || need+=(python3)
command -v node >/dev/null || need+=(nodejs)
command -v npm >/dev/null || need+=(npm)
if [ ${#need[@]} -gt 0 ]; then
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "--- the adversarial dataset, exported in every format"
ACTORGRAPH_EXPORTS_DIR="$tmp" go test -count=1 -run '^TestWriteAdversarialExports$' ./loader/ >"$tmp/gotest.log" 2>&1 || { cat "$tmp/gotest.log"; exit 1; }
ls "$tmp"

echo "--- rapper reads the N-Quads"
rapper -q -i nquads -o nquads "$tmp/a.nq" >"$tmp/rapper.nq" 2>"$tmp/rapper.log" || { cat "$tmp/rapper.log"; exit 1; }
if [ -s "$tmp/rapper.log" ]; then
	cat "$tmp/rapper.log"
	echo "rapper complained about the N-Quads export"
	exit 1
fi

echo "--- jsonld.js reads the JSON-LD"
mkdir -p "$tmp/js"
npm install --prefix "$tmp/js" --no-audit --no-fund --silent jsonld@8 >/dev/null
NODE_PATH="$tmp/js/node_modules" node -e '
const jsonld = require("jsonld");
const doc = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
jsonld.toRDF(doc, {format: "application/n-quads", safe: true}).then(
  nq => process.stdout.write(nq),
  err => { console.error(err); process.exit(1); });
' "$tmp/a.jsonld" >"$tmp/jsonld.nq"

echo "--- dot reads the DOT; xmllint reads the GraphML"
dot -Tjson "$tmp/a.dot" -o "$tmp/dot.json" 2>"$tmp/dot.log"
if [ -s "$tmp/dot.log" ]; then
	cat "$tmp/dot.log"
	echo "dot complained about the DOT export"
	exit 1
fi
xmllint --noout "$tmp/a.graphml"

echo "--- what each tool read, against what the graph stores"
python3 - "$tmp" <<'PY'
import csv, json, re, subprocess, sys

d = sys.argv[1]
want = json.load(open(f"{d}/want.json", encoding="utf-8"))
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
failures = []

def check(what, got, expected):
    if got != expected:
        failures.append(what)
        print(f"MISMATCH {what}")
        for g, e in zip(got, expected):
            if g != e:
                print(f"  read:   {g!r}\n  stored: {e!r}")
                break
        else:
            print(f"  read {len(got)} items, stored {len(expected)}")
    else:
        print(f"ok {what}: {len(got)} read exactly")

ESC = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}
def unescape(s):
    def rep(m):
        e = m.group(0)
        if e[1] in "uU":
            return chr(int(e[2:], 16))
        return ESC[e[1]]
    return re.sub(r"\\(?:u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", rep, s)

TERM = re.compile(r'\s*(?:<((?:[^>\\]|\\.)*)>|"((?:[^"\\]|\\.)*)"(?:@([A-Za-z0-9-]+)|\^\^<([^>]*)>)?|(_:\S+))')
def statements(path):
    out = []
    for line in open(path, encoding="utf-8", newline="\n"):
        line = line.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        terms, pos = [], 0
        while True:
            m = TERM.match(line, pos)
            if not m:
                break
            terms.append(m)
            pos = m.end()
        if not line[pos:].strip().startswith(".") or len(terms) not in (3, 4):
            raise SystemExit(f"cannot read the line {line!r} of {path}")
        s, p, o = unescape(terms[0].group(1)), unescape(terms[1].group(1)), terms[2]
        g = unescape(terms[3].group(1)) if len(terms) == 4 else ""
        if o.group(1) is not None:
            obj = ["iri", unescape(o.group(1)), ""]
        elif o.group(3):
            obj = ["lang", unescape(o.group(2)), o.group(3)]
        else:
            dt = o.group(4) or ""
            obj = ["literal", unescape(o.group(2)), "" if dt == XSD_STRING else dt]
        out.append([s, p] + obj + [g])
    return sorted(out)

# Language tags are compared ignoring case (BCP 47 says case carries no
# meaning; rapper and jsonld.js write them in lower case).
def langless(sts):
    return sorted([st[:4] + [st[4].lower() if st[2] == "lang" else st[4]] + st[5:] for st in sts])
stored = langless([list(st) for st in want["Statements"]])
check("N-Quads statements (rapper)", langless(statements(f"{d}/rapper.nq")), stored)
check("JSON-LD statements (jsonld.js)", langless(statements(f"{d}/jsonld.nq")), stored)

def uncell(c):
    return c[1:] if c.startswith("'") else c
with open(f"{d}/a.csv", encoding="utf-8", newline="") as f:
    rows = [[uncell(c) for c in row] for row in csv.reader(f)]
check("CSV rows (Python csv)", rows, want["CSV"])
formulas = [c for row in csv.reader(open(f"{d}/a.csv", encoding="utf-8", newline="")) for c in row if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
check("CSV cells a spreadsheet would run", formulas, [])

def undot(s):
    s = s.replace("&amp;", "&")
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "r": "\r"}.get(m.group(1), m.group(1)), s)
dj = json.load(open(f"{d}/dot.json", encoding="utf-8"))
objs = [o for o in dj.get("objects", []) if "name" in o]
check("DOT node ids (dot)", sorted(o["name"] for o in objs), sorted(n["ID"] for n in want["Nodes"]))
check("DOT node labels (dot)", sorted((o["name"], undot(o["label"])) for o in objs), sorted((n["ID"], n["Label"]) for n in want["Nodes"]))
byid = {o["_gvid"]: o["name"] for o in objs}
check("DOT edges (dot)", sorted([byid[e["tail"]], byid[e["head"]], undot(e["label"])] for e in dj.get("edges", [])), sorted(want["Edges"]))

def xpath(expr):
    out = subprocess.run(["xmllint", "--xpath", expr, f"{d}/a.graphml"], capture_output=True, check=True).stdout.decode("utf-8")
    return out[:-1] if out.endswith("\n") else out  # xmllint ends what it prints with a line break
N = "*[local-name()='node']"
count = int(float(xpath(f"count(//{N})")))
got = []
for i in range(1, count + 1):
    got.append((xpath(f"string((//{N})[{i}]/@id)"), xpath(f"string((//{N})[{i}]/*[local-name()='data'][@key='name'])")))
check("GraphML nodes (xmllint)", sorted(got), sorted((n["ID"], n["Name"]) for n in want["Nodes"]))
E = "*[local-name()='edge']"
got = []
for i in range(1, int(float(xpath(f"count(//{E})"))) + 1):
    got.append([xpath(f"string((//{E})[{i}]/@source)"), xpath(f"string((//{E})[{i}]/@target)"),
                xpath(f"string((//{E})[{i}]/*[local-name()='data'][@key='relationName'])")])
check("GraphML edges (xmllint)", sorted(got), sorted(want["Edges"]))

if failures:
    print(f"{len(failures)} export checks failed")
    sys.exit(1)
print("every tool read exactly what the graph stores")
PY
