package postgres

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"sync"

	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
	"github.com/lib/pq"

	"github.com/actorgraph/actorgraph/graph/internal/backend"
)

// The library's reads: one SQL statement a call over cayley's own tables,
// returning the quads asked for and, once each, the nodes they refer to.
// cayley's iterators read the quads' hashes and then each value apart, one
// round trip a value not in its cache.

// A read's rows are of two kinds: a quad (its level, 0 for the quads asked
// for, 1 and 2 for a hop's neighbourhood, and its four hashes) and a node (kind
// nodeRow, its hash, and the columns cayley stores a value in).
const nodeRow = -1

// nodeColumns are the columns of cayley's nodes table a value is read from,
// in the order decodeNode scans them.
const nodeColumns = `value, value_string, datatype, language, iri, bnode, value_int, value_bool, value_float, value_time`

// readKind names one of the read statements: which column the lookup is on,
// whether it filters predicates, and whether it reads a hop's neighbourhood.
type readKind struct {
	dir    quad.Direction
	preds  bool
	around bool
	// many reads the quads of a set of subjects, $1 an array of their
	// hashes (dir Subject, no preds, not around).
	many bool
}

// statement returns the SQL of the read k. Its parameters: $1 the hash of the
// node looked up (the hashes of the subjects, when k.many), then the hashes
// of the predicates (when k.preds), then those of the predicates whose
// objects' quads a hop reads too (when k.around), and last the hashes of the
// values whose node rows the read leaves out (see knownValues).
func (k readKind) statement() string {
	cols := `subject_hash, predicate_hash, object_hash, label_hash`
	// Each lookup by a set of hashes is a lateral join, a lookup in an
	// index a hash, whatever the planner's statistics say (a table loaded
	// since its last ANALYZE looks empty to it, and gets scanned whole).
	bySubject := func(set string) string {
		return fmt.Sprintf("SELECT q.* FROM %s, LATERAL (SELECT %s FROM quads WHERE subject_hash = %s.hash) q", set, cols, set)
	}
	var b strings.Builder
	if k.many {
		fmt.Fprintf(&b, "WITH s AS (SELECT DISTINCT unnest($1::bytea[]) AS hash),\nhop AS (%s)", bySubject("s"))
	} else {
		fmt.Fprintf(&b, "WITH hop AS (SELECT %s FROM quads WHERE %s_hash = $1", cols, k.dir)
	}
	if k.preds {
		b.WriteString(" AND predicate_hash = ANY($2)")
	}
	if !k.many {
		b.WriteString(")")
	}
	if k.around {
		far := "object_hash"
		if k.dir == quad.Object {
			far = "subject_hash"
		}
		follow := 2
		if k.preds {
			follow = 3
		}
		fmt.Fprintf(&b, `,
s1 AS (SELECT $1::bytea AS hash UNION SELECT %s FROM hop UNION SELECT label_hash FROM hop WHERE label_hash IS NOT NULL),
n1 AS (%s),
s2 AS (SELECT object_hash AS hash FROM n1 WHERE predicate_hash = ANY($%d) EXCEPT SELECT hash FROM s1),
n2 AS (%s),
q AS (SELECT 0 AS lvl, * FROM hop UNION ALL SELECT 1, * FROM n1 UNION ALL SELECT 2, * FROM n2)`, far, bySubject("s1"), follow, bySubject("s2"))
	} else {
		b.WriteString(",\nq AS (SELECT 0 AS lvl, * FROM hop)")
	}
	// The last parameter: the hashes of the values the store knows (see
	// knownValues), whose node rows are not read.
	known := 2
	switch {
	case k.many:
	case k.around && k.preds:
		known = 4
	case k.around || k.preds:
		known = 3
	}
	fmt.Fprintf(&b, `,
h AS (SELECT subject_hash AS hash FROM q UNION SELECT predicate_hash FROM q UNION SELECT object_hash FROM q UNION SELECT label_hash FROM q WHERE label_hash IS NOT NULL
  EXCEPT SELECT unnest($%d::bytea[]))
SELECT lvl, %s, NULL::bytea, NULL::text, NULL::text, NULL::text, NULL::boolean, NULL::boolean, NULL::bigint, NULL::boolean, NULL::double precision, NULL::timestamptz FROM q
UNION ALL
SELECT %d, n.* FROM h, LATERAL (SELECT hash, NULL::bytea, NULL::bytea, NULL::bytea, %s FROM nodes WHERE nodes.hash = h.hash LIMIT 1) n`, known, cols, nodeRow, nodeColumns)
	return b.String()
}

// hashOf is the hash cayley keys v by, as its SQL store binds it.
func hashOf(v quad.Value) []byte {
	b, _ := csql.HashOf(v).SQLValue().([]byte)
	return b
}

func hashesOf(vs []quad.Value) pq.ByteaArray {
	out := make(pq.ByteaArray, len(vs))
	for i, v := range vs {
		out[i] = hashOf(v)
	}
	return out
}

type hash [quad.HashSize]byte

// quadRow is a quad as a read returns it: its level and its values' hashes
// (label zero for none).
type quadRow struct {
	level      int
	s, p, o, l hash
	labelled   bool
}

// Each returns the quads whose direction dir is v and, when preds is not
// empty, whose predicate is one of preds, in one statement.
func (st *store) Each(ctx context.Context, dir quad.Direction, v quad.Value, preds []quad.Value) ([]quad.Quad, error) {
	k := readKind{dir: dir, preds: len(preds) > 0}
	args := []any{hashOf(v)}
	if k.preds {
		args = append(args, hashesOf(preds))
	}
	var out []quad.Quad
	err := st.readNodes(ctx, k, args, func(rows []quadRow, nodes map[hash]quad.Value) error {
		out = make([]quad.Quad, 0, len(rows))
		for _, r := range rows {
			q, err := r.quad(nodes)
			if err != nil {
				return err
			}
			out = append(out, q)
		}
		return nil
	})
	return out, err
}

// subjectsPerRead bounds the subjects a read of Subjects asks for: a
// statement's rows are held in memory until it ends.
const subjectsPerRead = 4096

// Subjects returns the quads of each of vs as a subject, in a statement a
// few thousand subjects.
func (st *store) Subjects(ctx context.Context, vs []quad.Value) (map[quad.Value][]quad.Quad, error) {
	out := make(map[quad.Value][]quad.Quad, len(vs))
	for chunk := range slices.Chunk(vs, subjectsPerRead) {
		err := st.readNodes(ctx, readKind{dir: quad.Subject, many: true}, []any{hashesOf(chunk)}, func(rows []quadRow, nodes map[hash]quad.Value) error {
			for _, v := range chunk {
				out[v] = nil
			}
			for _, r := range rows {
				q, err := r.quad(nodes)
				if err != nil {
					return err
				}
				out[q.Subject] = append(out[q.Subject], q)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Around returns what Each returns for dir Subject or Object, and the quads
// of the hop's neighbourhood by subject (see backend.QuadReader), in one
// statement.
func (st *store) Around(ctx context.Context, dir quad.Direction, v quad.Value, preds, follow []quad.Value) ([]quad.Quad, map[quad.Value][]quad.Quad, error) {
	if dir != quad.Subject && dir != quad.Object {
		hop, err := st.Each(ctx, dir, v, preds)
		return hop, nil, err
	}
	k := readKind{dir: dir, preds: len(preds) > 0, around: true}
	args := []any{hashOf(v)}
	if k.preds {
		args = append(args, hashesOf(preds))
	}
	args = append(args, hashesOf(follow))
	var hop []quad.Quad
	var near map[quad.Value][]quad.Quad
	err := st.readNodes(ctx, k, args, func(rows []quadRow, nodes map[hash]quad.Value) error {
		hop, near = nil, map[quad.Value][]quad.Quad{v: nil}
		for _, r := range rows {
			q, err := r.quad(nodes)
			if err != nil {
				return err
			}
			if r.level == 0 {
				hop = append(hop, q)
				// Every far end and label was read, whether it has quads or not.
				far := q.Object
				if dir == quad.Object {
					far = q.Subject
				}
				for _, x := range []quad.Value{far, q.Label} {
					if _, ok := near[x]; x != nil && !ok {
						near[x] = nil
					}
				}
				continue
			}
			near[q.Subject] = append(near[q.Subject], q)
		}
		// So was every object of a followed predicate in the first ring.
		for _, r := range rows {
			if r.level != 1 {
				continue
			}
			p := nodes[r.p]
			for _, f := range follow {
				if p == f {
					if o := nodes[r.o]; o != nil {
						if _, ok := near[o]; !ok {
							near[o] = nil
						}
					}
				}
			}
		}
		return nil
	})
	return hop, near, err
}

// knownValues are the values of the predicates the store's reads have
// returned, by hash. A graph has few predicates, and each read returns quads
// of several, whose node rows the server would otherwise look up and send
// every time (10 of the 56 rows of a typed hop). A hash names one value for
// good (cayley's hash of a value is its SHA-1), so what is kept stays true.
// It only grows, up to maxKnown values.
type knownValues struct {
	mu     sync.RWMutex
	values map[hash]quad.Value
	param  string // the hashes, as the array parameter of the read statements
}

const maxKnown = 128

// readNodes is read with the known values' hashes as the statement's last
// parameter: use gets the rows' values, the known ones included.
func (st *store) readNodes(ctx context.Context, k readKind, args []any, use func([]quadRow, map[hash]quad.Value) error) error {
	kv := &st.known
	kv.mu.RLock()
	param := kv.param
	kv.mu.RUnlock()
	if param == "" {
		param = "{}"
	}
	return st.read(ctx, k, append(args, param), func(rows []quadRow, nodes map[hash]quad.Value) error {
		kv.complete(rows, nodes)
		return use(rows, nodes)
	})
}

// complete adds to nodes the known values the rows refer to, and keeps the
// values of the rows' predicates it did not know.
func (kv *knownValues) complete(rows []quadRow, nodes map[hash]quad.Value) {
	var learnt []hash
	kv.mu.RLock()
	for _, r := range rows {
		for _, h := range []hash{r.s, r.p, r.o, r.l} {
			if _, ok := nodes[h]; !ok {
				if v, ok := kv.values[h]; ok {
					nodes[h] = v
				}
			}
		}
		if _, ok := kv.values[r.p]; !ok && nodes[r.p] != nil && !slices.Contains(learnt, r.p) {
			learnt = append(learnt, r.p)
		}
	}
	kv.mu.RUnlock()
	if len(learnt) == 0 {
		return
	}
	kv.mu.Lock()
	defer kv.mu.Unlock()
	if kv.values == nil {
		kv.values = map[hash]quad.Value{}
	}
	added := false
	for _, h := range learnt {
		if _, ok := kv.values[h]; !ok && len(kv.values) < maxKnown {
			kv.values[h] = nodes[h]
			added = true
		}
	}
	if !added {
		return // full, or another read learnt them first: param is as it was
	}
	hashes := make(pq.ByteaArray, 0, len(kv.values))
	for h := range kv.values {
		hashes = append(hashes, h[:])
	}
	v, _ := hashes.Value() // a ByteaArray of hashes always encodes
	kv.param, _ = v.(string)
}

// quad returns the quad r with its values.
func (r quadRow) quad(nodes map[hash]quad.Value) (quad.Quad, error) {
	q := quad.Quad{Subject: nodes[r.s], Predicate: nodes[r.p], Object: nodes[r.o]}
	if r.labelled {
		q.Label = nodes[r.l]
	}
	if q.Subject == nil || q.Predicate == nil || q.Object == nil || (r.labelled && q.Label == nil) {
		return quad.Quad{}, fmt.Errorf("postgres: a quad refers to a value the nodes table lacks: %w", backend.ErrCorrupt)
	}
	return q, nil
}

// scan reads a read statement's rows.
func scan(rows *sql.Rows) ([]quadRow, map[hash]quad.Value, error) {
	var (
		out        []quadRow
		nodes      = map[hash]quad.Value{}
		level      int
		s, p, o, l []byte
		n          node
	)
	for rows.Next() {
		if err := rows.Scan(&level, &s, &p, &o, &l, &n.data, &n.str, &n.typ, &n.lang, &n.iri, &n.bnode, &n.vint, &n.vbool, &n.vfloat, &n.vtime); err != nil {
			return nil, nil, err
		}
		if level == nodeRow {
			h, err := toHash(s)
			if err != nil {
				return nil, nil, err
			}
			v, err := n.value()
			if err != nil {
				return nil, nil, err
			}
			nodes[h] = v
			continue
		}
		r := quadRow{level: level, labelled: l != nil}
		for _, x := range []struct {
			dst *hash
			src []byte
		}{{&r.s, s}, {&r.p, p}, {&r.o, o}, {&r.l, l}} {
			if x.src == nil {
				continue
			}
			h, err := toHash(x.src)
			if err != nil {
				return nil, nil, err
			}
			*x.dst = h
		}
		out = append(out, r)
	}
	return out, nodes, rows.Err()
}

func toHash(b []byte) (hash, error) {
	var h hash
	if len(b) != len(h) {
		return h, fmt.Errorf("postgres: a hash of %d bytes, want %d: %w", len(b), len(h), backend.ErrCorrupt)
	}
	copy(h[:], b)
	return h, nil
}

// node is a row of cayley's nodes table.
type node struct {
	data   []byte
	str    sql.NullString
	typ    sql.NullString
	lang   sql.NullString
	iri    sql.NullBool
	bnode  sql.NullBool
	vint   sql.NullInt64
	vbool  sql.NullBool
	vfloat sql.NullFloat64
	vtime  sql.NullTime
}

// value decodes n as cayley's SQL store does (QuadStore.NameOf), so that
// both read the same values from the same rows.
func (n *node) value() (quad.Value, error) {
	switch {
	case n.str.Valid:
		switch {
		case n.iri.Bool:
			return quad.IRI(n.str.String), nil
		case n.bnode.Bool:
			return quad.BNode(n.str.String), nil
		case n.lang.Valid:
			return quad.LangString{Value: quad.String(unescapeNullByte(n.str.String)), Lang: n.lang.String}, nil
		case n.typ.Valid:
			return quad.TypedString{Value: quad.String(unescapeNullByte(n.str.String)), Type: quad.IRI(n.typ.String)}, nil
		}
		return quad.String(unescapeNullByte(n.str.String)), nil
	case n.vint.Valid:
		return quad.Int(n.vint.Int64), nil
	case n.vbool.Valid:
		return quad.Bool(n.vbool.Bool), nil
	case n.vfloat.Valid:
		return quad.Float(n.vfloat.Float64), nil
	case n.vtime.Valid:
		return quad.Time(n.vtime.Time), nil
	}
	v, err := pquads.UnmarshalValue(n.data)
	if err != nil {
		return nil, fmt.Errorf("postgres: a value cayley cannot decode: %v: %w", err, backend.ErrCorrupt)
	}
	if v == nil {
		return nil, fmt.Errorf("postgres: a node with no value: %w", backend.ErrCorrupt)
	}
	return v, nil
}

// unescapeNullByte undoes cayley's escaping of NUL in strings (PostgreSQL's
// text holds none).
func unescapeNullByte(s string) string { return strings.ReplaceAll(s, `\x00`, "\u0000") }
