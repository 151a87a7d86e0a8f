package ucdp

import (
	"bytes"
	"context"
	"testing"
)

// BenchmarkLoadGED loads each GED sample into a new in-memory graph and
// reports rows a second; the 23.1 sample (1,000 rows, 638 kB) is the
// largest.
func BenchmarkLoadGED(b *testing.B) {
	for _, file := range []string{ged231File, ged191File, gedJSONFile} {
		input := readFile(b, file)
		b.Run(file[len("testdata/"):], func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(input)))
			rows := 0
			for b.Loop() {
				b.StopTimer()
				g := newGraph(b)
				b.StartTimer()
				st, err := LoadGED(context.Background(), g, file, bytes.NewReader(input))
				if err != nil {
					b.Fatal(err)
				}
				rows += st.Rows
				b.StopTimer()
				g.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}

// BenchmarkLoadActors loads the whole UCDP actor list 22.1.
func BenchmarkLoadActors(b *testing.B) {
	input := readFile(b, actorsFile)
	b.ReportAllocs()
	b.SetBytes(int64(len(input)))
	rows := 0
	for b.Loop() {
		b.StopTimer()
		g := newGraph(b)
		b.StartTimer()
		st, err := LoadActors(context.Background(), g, actorsFile, bytes.NewReader(input))
		if err != nil {
			b.Fatal(err)
		}
		rows += st.Rows
		b.StopTimer()
		g.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
}
