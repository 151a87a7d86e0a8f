package loader_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/loader"
	"github.com/actorgraph/actorgraph/schema"
)

// pieces are what random text is made of: the characters exports must escape
// (quotes, backslashes, commas, formula starts, markup, line breaks), edge
// white space, astral-plane characters and, for text that is not a name,
// control characters.
var (
	namePieces = []string{"a", "Z", "7", "é", "ß", "ل", "中", " ", "  ", "\t", "\n", "\r\n", "\r", "😀", "𝔸", `"`, "'", "=", "+",
		"-", "@", ",", ";", `\`, "<script>", "]]>", "&amp;", "&", "\u0085", "\u2028", "\u00a0", "\x7f", "#", "%", "{", "}"}
	textPieces = append(append([]string{}, namePieces...), "\x01", "\x1f", "\x0b", "\x1b[31m")
	langTags   = []string{"", "en", "ar-SY", "tr", "zh-Hant-TW", "de-CH-1901", "x-private", "sr-Latn-RS"}
)

func randomText(rng *rand.Rand, pieces []string) string {
	var b strings.Builder
	if rng.IntN(3) == 0 {
		b.WriteString(pieces[rng.IntN(8)+6]) // edge white space (or a letter)
	}
	for range rng.IntN(8) + 1 {
		b.WriteString(pieces[rng.IntN(len(pieces))])
	}
	// A name needs a letter or digit; a formula start is most telling first.
	if rng.IntN(2) == 0 {
		return b.String() + "x"
	}
	return "x" + b.String()
}

func randomDate(rng *rand.Rand, year int) graph.Date {
	switch rng.IntN(3) {
	case 0:
		return graph.Year(year)
	case 1:
		return graph.Month(year, time.Month(rng.IntN(12)+1))
	}
	return graph.Day(year, time.Month(rng.IntN(12)+1), rng.IntN(28)+1)
}

// retractionsAccepted reports whether the graph accepts claims of stance
// Retracted: until it validates them, the generators leave them out.
func retractionsAccepted(t *testing.T) bool {
	g := newGraph(t)
	src := graph.Entity{ID: ns.IRI("src"), Kinds: []schema.Kind{schema.Report}, Name: "S"}
	err := g.Write(ctx, func(tx *graph.Tx) error {
		if err := tx.AddEntity(src); err != nil {
			return err
		}
		c := graph.Claim{ID: ns.IRI("c"), Source: src, Reported: graph.Year(2020)}
		if err := tx.AddClaim(c); err != nil {
			return err
		}
		return tx.AddClaim(graph.Claim{ID: ns.IRI("r"), Source: src, Stance: graph.Retracted, Retracts: c.ID, Reported: graph.Year(2021)})
	})
	return err == nil
}

// randomGraph writes a small random graph into g: states, armed groups,
// people, cities and reports with random names and aliases; claims with every
// kind of metadata; relations and attributes of each datatype.
func randomGraph(t *testing.T, g *graph.Graph, seed uint64, retractions bool) {
	rng := rand.New(rand.NewPCG(seed, 0xfa17))
	kinds := []schema.Kind{schema.State, schema.ArmedGroup, schema.Person, schema.City, schema.Report}
	var byKind = map[schema.Kind][]schema.IRI{}
	var entities []graph.Entity
	for i := range rng.IntN(3) + 5 {
		k := kinds[i%len(kinds)]
		e := graph.Entity{ID: ns.IRI(fmt.Sprintf("g%d/e%d", seed, i)), Kinds: []schema.Kind{k}, Name: randomText(rng, namePieces)}
		for range rng.IntN(3) {
			e.Aliases = append(e.Aliases, graph.Alias{Name: randomText(rng, namePieces), Lang: langTags[rng.IntN(len(langTags))]})
		}
		if rng.IntN(3) == 0 {
			e.Description = randomText(rng, textPieces)
		}
		if rng.IntN(4) == 0 {
			e.SameAs = []schema.IRI{schema.IRI(fmt.Sprintf("http://www.wikidata.org/entity/Q%d", rng.IntN(1e6)))}
		}
		entities = append(entities, e)
		byKind[k] = append(byKind[k], e.ID)
	}
	pick := func(ks ...schema.Kind) schema.IRI {
		var ids []schema.IRI
		for _, k := range ks {
			ids = append(ids, byKind[k]...)
		}
		return ids[rng.IntN(len(ids))]
	}
	err := g.Write(ctx, func(tx *graph.Tx) error {
		for _, e := range entities {
			if err := tx.AddEntity(e); err != nil {
				return err
			}
		}
		var made []graph.Claim
		for i := range rng.IntN(3) + 1 {
			year := 1990 + rng.IntN(35)
			c := graph.Claim{ID: ns.IRI(fmt.Sprintf("g%d/c%d", seed, i)), Source: graph.Entity{ID: pick(schema.Report, schema.State, schema.Person)},
				Stance: graph.Stance(rng.IntN(2)), Reported: randomDate(rng, year+5)}
			if rng.IntN(2) == 0 {
				c.Via = graph.Entity{ID: pick(schema.Report)}
			}
			if rng.IntN(2) == 0 {
				c.ValidFrom = randomDate(rng, year)
			}
			if rng.IntN(3) == 0 {
				c.ValidUntil = randomDate(rng, year+1+rng.IntN(3))
			}
			if rng.IntN(2) == 0 {
				c.Quote = randomText(rng, textPieces)
			}
			if rng.IntN(3) == 0 {
				c.Note = randomText(rng, textPieces)
			}
			if rng.IntN(2) == 0 {
				c.Confidence = float64(rng.IntN(1000)+1) / 1000
			}
			if err := tx.AddClaim(c); err != nil {
				return err
			}
			made = append(made, c)
			for range rng.IntN(3) + 1 {
				var err error
				switch rng.IntN(6) {
				case 0:
					err = tx.Assert(graph.Fact{Subject: pick(schema.State, schema.ArmedGroup, schema.Person), Relation: schema.Backs, Object: pick(schema.State, schema.ArmedGroup), Claim: c.ID})
				case 1:
					err = tx.Assert(graph.Fact{Subject: pick(schema.State, schema.ArmedGroup), Relation: schema.Controls, Object: pick(schema.City), Claim: c.ID})
				case 2:
					err = tx.AssertAttribute(graph.AttributeFact{Subject: pick(schema.State, schema.ArmedGroup, schema.Person), Attribute: schema.Aim, Value: graph.Text(randomText(rng, textPieces)), Claim: c.ID})
				case 3:
					err = tx.AssertAttribute(graph.AttributeFact{Subject: pick(schema.ArmedGroup), Attribute: schema.Founded, Value: randomDate(rng, year), Claim: c.ID})
				case 4:
					lo := int64(rng.IntN(2000) - 1000)
					err = tx.AssertAttribute(graph.AttributeFact{Subject: pick(schema.ArmedGroup), Attribute: schema.MembersEstimate, Value: graph.IntRange{Low: lo, High: lo + int64(rng.IntN(500))}, Claim: c.ID})
				default:
					err = tx.Assert(graph.Fact{Subject: pick(schema.Person), Relation: schema.Leads, Object: pick(schema.ArmedGroup), Claim: c.ID})
				}
				if err != nil {
					return err
				}
			}
		}
		if retractions && rng.IntN(3) == 0 {
			old := made[rng.IntN(len(made))]
			r := graph.Claim{ID: ns.IRI(fmt.Sprintf("g%d/retraction", seed)), Source: graph.Entity{ID: old.Source.ID},
				Stance: graph.Retracted, Retracts: old.ID, Reported: graph.Year(2030)}
			return tx.AddClaim(r)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("graph %d: %v", seed, err)
	}
}

// firstDifference returns "" when b holds the statements x, else the first
// that differs.
func firstDifference(t *testing.T, x []graph.Statement, b *graph.Graph) string {
	y := statements(t, b)
	for i := range max(len(x), len(y)) {
		switch {
		case i >= len(x):
			return "extra " + loader.FormatNQuad(y[i])
		case i >= len(y):
			return "missing " + loader.FormatNQuad(x[i])
		case x[i] != y[i]:
			return loader.FormatNQuad(x[i]) + "\nread back as\n" + loader.FormatNQuad(y[i])
		}
	}
	return ""
}

// csvPrefix is what a claim table does not carry: the entities, and the
// claims without facts (retractions), as N-Quads.
func csvPrefix(t *testing.T, g *graph.Graph) string {
	sts := statements(t, g)
	claims := map[schema.IRI]bool{} // the table holds every claim
	for _, st := range sts {
		if st.Predicate == schema.Type && st.Object.IRI == schema.IRI(schema.ClaimKind) {
			claims[st.Subject] = true
		}
	}
	var b strings.Builder
	for _, st := range sts {
		if st.Claim == "" && !claims[st.Subject] {
			b.WriteString(loader.FormatNQuad(st) + "\n")
		}
	}
	return b.String()
}

// Every format reads back exactly what it wrote, over random graphs whose
// strings hold edge white space, CR LF, control characters, astral-plane
// characters and every character the formats escape.
func TestRandomGraphsRoundTrip(t *testing.T) {
	n := 1000
	if testing.Short() {
		n = 100
	}
	retractions := retractionsAccepted(t)
	if !retractions {
		t.Log("the graph refuses stance Retracted: the random graphs have no retractions")
	}
	formats := []struct {
		name  string
		write func(*bytes.Buffer, *graph.Graph) error
		load  func(*graph.Graph, *graph.Graph, []byte) error
	}{
		{"N-Quads", func(w *bytes.Buffer, g *graph.Graph) error { return loader.WriteNQuads(ctx, w, g) },
			func(_, back *graph.Graph, data []byte) error {
				_, err := loader.LoadNQuads(ctx, back, "g.nq", bytes.NewReader(data))
				return err
			}},
		{"JSON-LD", func(w *bytes.Buffer, g *graph.Graph) error { return loader.WriteJSONLD(ctx, w, g) },
			func(_, back *graph.Graph, data []byte) error {
				_, err := loader.LoadJSONLD(ctx, back, "g.jsonld", bytes.NewReader(data))
				return err
			}},
		{"CSV", func(w *bytes.Buffer, g *graph.Graph) error { return loader.WriteCSV(ctx, w, g) },
			func(g, back *graph.Graph, data []byte) error {
				if _, err := loader.LoadNQuads(ctx, back, "entities.nq", strings.NewReader(csvPrefix(t, g))); err != nil {
					return err
				}
				_, err := loader.LoadCSV(ctx, back, "g.csv", bytes.NewReader(data))
				return err
			}},
	}
	// Two halves, so that a failure says which graphs to look at first.
	for half := range uint64(2) {
		t.Run(fmt.Sprintf("half %d", half), func(t *testing.T) {
			changed := map[string]int{}
			for seed := half; seed < uint64(n); seed += 2 {
				g, err := graph.Open(ctx, "")
				if err != nil {
					t.Fatal(err)
				}
				randomGraph(t, g, seed, retractions)
				stored := statements(t, g)
				for _, f := range formats {
					var out bytes.Buffer
					if err := f.write(&out, g); err != nil {
						t.Fatalf("%s, graph %d: %v", f.name, seed, err)
					}
					back, err := graph.Open(ctx, "")
					if err != nil {
						t.Fatal(err)
					}
					if err := f.load(g, back, out.Bytes()); err != nil {
						t.Errorf("%s, graph %d: reading the export: %v", f.name, seed, err)
						changed[f.name]++
					} else if d := firstDifference(t, stored, back); d != "" {
						if changed[f.name] == 0 {
							t.Errorf("%s, graph %d changed:\n%s", f.name, seed, d)
						}
						changed[f.name]++
					}
					back.Close()
				}
				g.Close()
			}
			for _, f := range formats {
				if changed[f.name] > 0 {
					t.Errorf("%s: %d of %d graphs did not round-trip", f.name, changed[f.name], n/2)
				}
			}
		})
	}
}
