package main

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/bolt"
	"github.com/actorgraph/actorgraph/graph/leveldb"
	"github.com/actorgraph/actorgraph/graph/postgres"
	"github.com/actorgraph/actorgraph/schema"
)

// The extended vocabulary survives its RDF form exactly.
func TestTheVocabularySurvivesItsRDF(t *testing.T) {
	v, err := Vocabulary()
	if err != nil {
		t.Fatal(err)
	}
	back, err := schema.FromTriples(v.Triples())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back.Kinds(), v.Kinds()) || !reflect.DeepEqual(back.Relations(), v.Relations()) || !reflect.DeepEqual(back.Attributes(), v.Attributes()) {
		t.Error("the vocabulary read back from its triples differs")
	}
}

// A store written with the extension keeps it: the core alone cannot open it,
// and a program that knows nothing of the extension opens it with the
// vocabulary it holds.
func TestAStoreWrittenWithTheExtensionKeepsIt(t *testing.T) {
	ctx := context.Background()
	v, err := Vocabulary()
	if err != nil {
		t.Fatal(err)
	}
	loc := "leveldb:" + filepath.Join(t.TempDir(), "store")
	g, err := graph.Open(ctx, loc, graph.WithBackend(leveldb.Backend{}, bolt.Backend{}, postgres.Backend{}), graph.WithVocabulary(v))
	if err != nil {
		t.Fatal(err)
	}
	if err := g.Write(ctx, func(tx *graph.Tx) error {
		return tx.AddEntity(graph.Entity{ID: id.IRI("north"), Kinds: []schema.Kind{Militia}, Name: "North Brigade"})
	}); err != nil {
		t.Fatal(err)
	}
	g.Close()
	_, err = graph.Open(ctx, loc, graph.WithBackend(leveldb.Backend{}, bolt.Backend{}, postgres.Backend{}))
	if !errors.Is(err, graph.ErrUnknownTerm) {
		t.Fatalf("Open with the core: %v; want ErrUnknownTerm", err)
	}
	for _, term := range []schema.IRI{schema.IRI(Militia), schema.IRI(Journalist), schema.IRI(Funds), schema.IRI(Interviewed), schema.IRI(Strength)} {
		if !strings.Contains(err.Error(), string(term)) {
			t.Errorf("the error does not name %s: %v", term, err)
		}
	}
	g, err = graph.Open(ctx, loc, graph.WithBackend(leveldb.Backend{}, bolt.Backend{}, postgres.Backend{}), graph.WithStoredVocabulary())
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	err = g.Write(ctx, func(tx *graph.Tx) error {
		return tx.AddEntity(graph.Entity{ID: id.IRI("reporter"), Kinds: []schema.Kind{Journalist}, Name: "Reporter B"})
	})
	if err != nil {
		t.Errorf("writing an extension kind WithStoredVocabulary: %v", err)
	}
}
