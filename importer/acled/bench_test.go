package acled

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/importer/internal/importtest"
)

// synthetic returns an ACLED file of n rows made from the fixture's rows,
// each with an event id of its own.
func synthetic(tb testing.TB, n int) []byte {
	tb.Helper()
	f, err := os.Open("testdata/events.csv")
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		tb.Fatal(err)
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(recs[0])
	for i := 0; i < n; i++ {
		r := append([]string(nil), recs[1+i%(len(recs)-1)]...)
		r[0] = fmt.Sprintf("SYR%07d", i)
		w.Write(r)
	}
	w.Flush()
	return b.Bytes()
}

// BenchmarkLoad loads the fixture (17 rows) and a synthetic file of 10,000
// rows made from it into a new in-memory graph; rows/s counts rows read.
func BenchmarkLoad(b *testing.B) {
	fixture, err := os.ReadFile("testdata/events.csv")
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		rows int
		in   []byte
	}{{"fixture", 17, fixture}, {"rows=10000", 10000, synthetic(b, 10000)}} {
		b.Run(c.name, func(b *testing.B) {
			importtest.BenchLoad(b, openGraph, len(c.in), "rows", func(g *graph.Graph) (int, error) {
				_, err := Load(context.Background(), g, "bench.csv", bytes.NewReader(c.in))
				return c.rows, err
			})
		})
	}
}
