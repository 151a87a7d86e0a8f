package main

import (
	"context"
	"os"
	"testing"
)

// BenchmarkQuestions asks each question of the peer benchmark on the file
// ACTORGRAPH_PEER_FILE names (a gen.py file, such as the harness's
// data/actors-100000.nq), in memory; on the committed 1000-quad fixture when
// it is unset.
//
//	ACTORGRAPH_PEER_FILE=/tmp/peers/data/actors-100000.nq go test -run X -bench Questions -benchmem ./internal/peer
func BenchmarkQuestions(b *testing.B) {
	path := os.Getenv("ACTORGRAPH_PEER_FILE")
	if path == "" {
		path = fixture
	}
	v, err := Vocabulary()
	if err != nil {
		b.Fatal(err)
	}
	g := openFile(b, v, "", path)
	for _, q := range questions {
		b.Run(q.name, func(b *testing.B) {
			for b.Loop() {
				rows, err := q.ask(context.Background(), g)
				if err != nil || len(rows) == 0 {
					b.Fatalf("%s = %d rows, %v", q.name, len(rows), err)
				}
			}
		})
	}
}
