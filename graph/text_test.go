package graph_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

func TestWellFormedLangTagFollowsRFC5646(t *testing.T) {
	good := []string{
		"en", "tr", "ar-SY", "zh-Hant-TW", "sr-Latn-RS", "de-CH-1901", "sl-rozaj-biske", "zh-yue-HK",
		"hy-Latn-IT-arevela", "en-a-bbb-x-a-ccc", "qaa-Qaaa-QM-x-southern", "x-whatever", "i-klingon",
		"en-GB-oed", "es-419", "de-1996", "EN-us", "ku-Arab", "und", "tlh",
	}
	bad := []string{
		"", "e", "en_US", "en-", "-en", "en--us", "en-us\n<x> <y> <z> .", "en us", "123", "en-a",
		"en-a-b", "x", "x-", "en-x", "en-toolongsubtag", "de-419-DE", "en-Latn-Latn", "ar-SY\r",
		"fr-ça", "en-US-x-", "abcdefghi",
	}
	for _, tag := range good {
		if !graph.WellFormedLangTag(tag) {
			t.Errorf("%q is well formed, but was refused", tag)
		}
	}
	for _, tag := range bad {
		if graph.WellFormedLangTag(tag) {
			t.Errorf("%q is not well formed, but was accepted", tag)
		}
	}
}

func TestBadTextIsRefusedAtWrite(t *testing.T) {
	ctx := context.Background()
	const base = "https://example.org/id/"
	report := graph.Entity{ID: base + "r", Kinds: []schema.Kind{schema.Report}, Name: "R"}
	tests := []struct {
		name string
		e    graph.Entity
	}{
		{"a language tag with a line break", graph.Entity{ID: base + "a", Kinds: []schema.Kind{schema.State}, Name: "A",
			Aliases: []graph.Alias{{Name: "B", Lang: "en\n<https://x.example/s> <https://x.example/p> \"o\" ."}}}},
		{"a language tag with an underscore", graph.Entity{ID: base + "a", Kinds: []schema.Kind{schema.State}, Name: "A",
			Aliases: []graph.Alias{{Name: "B", Lang: "en_US"}}}},
		{"an id with a space", graph.Entity{ID: base + "a b", Kinds: []schema.Kind{schema.State}, Name: "A"}},
		{"an id with a no-break space", graph.Entity{ID: base + "a\u00a0b", Kinds: []schema.Kind{schema.State}, Name: "A"}},
		{"an id with a control character", graph.Entity{ID: base + "a\x01b", Kinds: []schema.Kind{schema.State}, Name: "A"}},
		{"an id with DEL", graph.Entity{ID: base + "a\x7fb", Kinds: []schema.Kind{schema.State}, Name: "A"}},
		{"an id with a bidi override", graph.Entity{ID: base + "a\u202eb", Kinds: []schema.Kind{schema.State}, Name: "A"}},
		{"a sameAs with a line break", graph.Entity{ID: base + "a", Kinds: []schema.Kind{schema.State}, Name: "A",
			SameAs: []schema.IRI{"https://www.wikidata.org/wiki/Q1\n"}}},
		{"a name with NUL", graph.Entity{ID: base + "a", Kinds: []schema.Kind{schema.State}, Name: "A\x00"}},
		{"a name with a control character XML cannot carry", graph.Entity{ID: base + "a", Kinds: []schema.Kind{schema.State}, Name: "A\x1b[31m"}},
		{"an alias with U+FFFF", graph.Entity{ID: base + "a", Kinds: []schema.Kind{schema.State}, Name: "A",
			Aliases: []graph.Alias{{Name: "B\uffff"}}}},
		{"a description with NUL", graph.Entity{ID: base + "a", Kinds: []schema.Kind{schema.State}, Name: "A", Description: "x\x00"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, err := graph.Open(ctx, "")
			if err != nil {
				t.Fatal(err)
			}
			defer g.Close()
			err = g.Write(ctx, func(tx *graph.Tx) error {
				if err := tx.AddEntity(report); err != nil {
					t.Fatal(err)
				}
				return tx.AddEntity(tt.e)
			})
			if !errors.Is(err, graph.ErrInvalid) {
				t.Errorf("error %v, want ErrInvalid", err)
			}
			n := 0
			g.Statements(ctx, func(graph.Statement) error { n++; return nil })
			if n != 0 {
				t.Errorf("the refused batch wrote %d statements", n)
			}
		})
	}
}

func TestTextKeepsEdgeSpaceLineBreaksAndAstralCharacters(t *testing.T) {
	ctx := context.Background()
	g, err := graph.Open(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	e := graph.Entity{ID: "https://example.org/id/a", Kinds: []schema.Kind{schema.State},
		Name: "  Rebel\r\ncoalition\t\U0001F600 ", Aliases: []graph.Alias{{Name: "\x7f\u0085 <b>", Lang: "ar-SY"}},
		Description: "a\x01b\x1fc"}
	if err := g.Write(ctx, func(tx *graph.Tx) error { return tx.AddEntity(e) }); err != nil {
		t.Fatal(err)
	}
	got, err := g.Entity(ctx, e.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != e.Name || len(got.Aliases) != 1 || got.Aliases[0] != e.Aliases[0] || got.Description != e.Description {
		t.Errorf("stored %+v, read back %+v", e, got)
	}
	if strings.Contains(got.Name, "\ufffd") {
		t.Error("the name was changed")
	}
}
