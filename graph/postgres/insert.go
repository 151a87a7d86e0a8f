package postgres

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	graphlog "github.com/cayleygraph/cayley/graph/log"
	csql "github.com/cayleygraph/cayley/graph/sql"
)

// The library's additions: the rows cayley's postgres flavour writes
// (RunTxPostgres), in statements of many rows each. cayley runs one
// statement a node and one a quad, a round trip each: 700-800 quads/s here.

// insertColumns are the columns of cayley's nodes table an insertion fills:
// the reference count, the hash, then every column a value may be stored in.
var insertColumns = []string{"refs", "hash", "value", "value_string", "datatype", "language", "iri", "bnode", "value_int", "value_bool", "value_float", "value_time"}

// Rows a statement: PostgreSQL takes at most 65535 parameters.
const (
	nodesPerInsert = 2000 // 12 parameters a row
	quadsPerInsert = 5000 // 4 parameters a row
)

// insert adds nodes (their reference counts) and quads in tx as cayley does:
// a node's count grows by its increment, or the node is created with it; a
// quad already stored is skipped (cayley's IgnoreDup), its nodes' counts
// grown all the same.
func insert(ctx context.Context, tx *sql.Tx, nodes []graphlog.NodeUpdate, quads []graphlog.QuadUpdate) error {
	for chunk := range slices.Chunk(nodes, nodesPerInsert) {
		args := make([]any, 0, len(chunk)*len(insertColumns))
		for _, n := range chunk {
			if n.RefInc < 0 {
				return fmt.Errorf("postgres: a node's reference count decremented in an addition")
			}
			typ, values, err := csql.NodeValues(csql.NodeHash{ValueHash: n.Hash}, n.Val)
			if err != nil {
				return err
			}
			row := make([]any, len(insertColumns))
			row[0], row[1] = n.RefInc, values[0]
			for i, col := range typ.Columns() {
				row[slices.Index(insertColumns, col)] = values[i+1]
			}
			args = append(args, row...)
		}
		stmt := `INSERT INTO nodes (` + strings.Join(insertColumns, ", ") + `) VALUES ` + placeholders(len(chunk), len(insertColumns)) +
			` ON CONFLICT (hash) DO UPDATE SET refs = nodes.refs + EXCLUDED.refs`
		if _, err := tx.ExecContext(ctx, stmt, args...); err != nil {
			return err
		}
	}
	for chunk := range slices.Chunk(quads, quadsPerInsert) {
		args := make([]any, 0, len(chunk)*4)
		for _, q := range chunk {
			if q.Del {
				return fmt.Errorf("postgres: a quad removed in an addition")
			}
			for _, h := range q.Quad.Dirs() {
				args = append(args, csql.NodeHash{ValueHash: h}.SQLValue())
			}
		}
		stmt := `INSERT INTO quads (subject_hash, predicate_hash, object_hash, label_hash, ts) VALUES ` +
			placeholders(len(chunk), 4, "now()") + ` ON CONFLICT DO NOTHING`
		if _, err := tx.ExecContext(ctx, stmt, args...); err != nil {
			return err
		}
	}
	return nil
}

// placeholders returns rows tuples of cols parameters each, numbered from $1,
// each followed by the expressions extra.
func placeholders(rows, cols int, extra ...string) string {
	var b strings.Builder
	n := 1
	for r := range rows {
		if r > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for c := range cols {
			if c > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "$%d", n)
			n++
		}
		for _, e := range extra {
			b.WriteString(", ")
			b.WriteString(e)
		}
		b.WriteByte(')')
	}
	return b.String()
}
