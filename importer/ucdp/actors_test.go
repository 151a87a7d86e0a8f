package ucdp

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/loader"
	"github.com/actorgraph/actorgraph/schema"
)

func TestLoadActorsReadsTheWholeListWithExactCounts(t *testing.T) {
	g := newGraph(t)
	input := readFile(t, actorsFile)
	st, err := LoadActors(context.Background(), g, actorsFile, bytes.NewReader(input))
	if err != nil {
		t.Fatal(err)
	}
	// 1,725 actors, 167 coalitions (the distinct ids of OSCoalitionID and
	// NSCoalitionID), 4 actors the list refers to but lacks, 86 earlier
	// names; facts: 86 renamings, 226 splinters, 38 temporary splits, 117
	// alliances, 84 joined groups and 530 coalition memberships (all but
	// the renamings counted in Python from the same file).
	if st.Layout != ActorList || st.Rows != 1725 || st.Actors != 1725+167+4+86 || st.Claims != 1725 ||
		st.Facts != 86+226+38+117+84+530 || st.Attributes != 1725 || len(st.Rejected) != 0 {
		t.Errorf("stats %+v", st)
	}
	want := []string{"1122:114 ActorIdPrev", "1333:453 ActorIdGroup", "1333:453 ActorIdGroup", "1506:165 ActorIdPrev"}
	if got := places(st.Flagged); !slices.Equal(got, want) {
		t.Errorf("flagged %q, want %q", got, want)
	}
	for _, f := range st.Flagged {
		if !errors.Is(f, ErrUnknownActor) {
			t.Errorf("flag %v does not wrap ErrUnknownActor", f)
		}
	}
	checkPointsAt(t, input, st.Flagged)
	if _, err := LoadActors(context.Background(), g, actorsFile, bytes.NewReader(input)); err != nil {
		t.Fatal(err)
	}
	n := quads(t, g)
	if _, err := LoadActors(context.Background(), g, actorsFile, bytes.NewReader(input)); err != nil || quads(t, g) != n {
		t.Errorf("a second load: %v, %d quads, want %d", err, quads(t, g), n)
	}
}

// lineage returns the steps of id's UCDP lineage through rels as "depth
// from relation to".
func lineage(t *testing.T, g *graph.Graph, id schema.IRI, rels ...schema.Relation) []string {
	t.Helper()
	steps, err := g.Lineage(context.Background(), id, graph.Through(rels...))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, s := range steps {
		out = append(out, fmt.Sprintf("%d %s %s %s", s.Depth, s.From.Name, g.Vocabulary().RelationName(s.Relation), s.To.Name))
	}
	return out
}

func TestTheActorListsHistoriesAreLineages(t *testing.T) {
	ctx := context.Background()
	g := newGraph(t)
	if _, err := LoadActors(ctx, g, actorsFile, bytes.NewReader(readFile(t, actorsFile))); err != nil {
		t.Fatal(err)
	}
	// IS: NameOrig, then NewName "TQJBR, ISI, ISIS, IS".
	is := lineage(t, g, DefaultBase.Actor(234), schema.FormerlyKnownAs)
	wantIS := []string{"1 IS formerlyKnownAs ISIS", "2 ISIS formerlyKnownAs ISI", "3 ISI formerlyKnownAs TQJBR", "4 TQJBR formerlyKnownAs Jama’at Al-Tawhid wa Al-Jihad"}
	if !slices.Equal(is, wantIS) {
		t.Errorf("IS:\n%s\nwant\n%s", strings.Join(is, "\n"), strings.Join(wantIS, "\n"))
	}
	// Ahrar al-Sham changed its full name only: no earlier name to walk
	// to, both full names aliases.
	if got := lineage(t, g, DefaultBase.Actor(5554), schema.FormerlyKnownAs); len(got) != 0 {
		t.Errorf("Ahrar al-Sham: %q", got)
	}
	if e, err := g.Entity(ctx, DefaultBase.Actor(5554)); err != nil ||
		!slices.Contains(e.Aliases, graph.Alias{Name: "Harakat Ahrar al-Sham al-Islamiyya"}) {
		t.Errorf("Ahrar al-Sham: %+v, %v", e, err)
	}
	hts := lineage(t, g, DefaultBase.Actor(6815), LineageRelations()...)
	for _, want := range []string{
		"1 HTS ucdpAllianceOf Jabhat Fateh al-Sham",
		"1 HTS ucdpAllianceOf Nour al-Din Zenki",
		"2 Jabhat Fateh al-Sham formerlyKnownAs Jabhat al-Nusra li al-Sham",
		"2 Nour al-Din Zenki ucdpSplinterOf Mujahideen Army",
	} {
		if !slices.Contains(hts, want) {
			t.Errorf("HTS's lineage lacks %q:\n%s", want, strings.Join(hts, "\n"))
		}
	}
	e, err := g.Entity(ctx, DefaultBase.Actor(6815))
	if err != nil {
		t.Fatal(err)
	}
	if e.Name != "HTS" || !slices.Equal(e.Kinds, []schema.Kind{schema.ArmedGroup}) ||
		!slices.Contains(e.Aliases, graph.Alias{Name: "Organization for the Liberation of the Levant", Lang: "en"}) ||
		!slices.Contains(e.Aliases, graph.Alias{Name: "Hay’at Tahrir al-Sham"}) {
		t.Errorf("HTS: %+v", e)
	}
	// Memberships of temporary coalitions, with the list as the source.
	ms, err := g.Edges(ctx, schema.MemberOf, graph.From(DefaultBase.Actor(234)))
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 7 || ms[0].Evidence[0].Source.Name != "UCDP Actor Dataset 22.1" || ms[0].Evidence[0].Reported != graph.Year(2022) {
		t.Errorf("IS is a member of %d coalitions (%v), want 7 (OSCoalitionID 7669, NSCoalitionID 5540, 5565, 5567, 6318, 7672, 7676)", len(ms), ms)
	}
}

func TestLoadActorsFailsOnABadRowWithItsPlace(t *testing.T) {
	header := "\ufeffActorId,NameData,NameOrig,Org,ActorIdPrev,NamePrev,Version\n"
	tests := []struct {
		name, input string
		line, col   int
		field, text string
		sentinel    error
	}{
		{"an Org out of range", header + "7,Group,Group,5,,,22.1\n", 2, 15, "Org", "want 1, 2, 3 or 4", loader.ErrSyntax},
		{"an ActorId that is no number", header + "x7,Group,Group,1,,,22.1\n", 2, 1, "ActorId", "positive whole number", loader.ErrSyntax},
		{"an ActorId twice", header + "7,Group,Group,1,,,22.1\n7,Other,Other,1,,,22.1\n", 3, 1, "ActorId", "listed twice (first at line 2)", loader.ErrSyntax},
		{"a bad id list", header + "7,Group,Group,1,\"6, x\",\"A, B\",22.1\n", 2, 17, "ActorIdPrev", "comma-separated list", loader.ErrSyntax},
		{"a version that is none", header + "7,Group,Group,1,,,latest\n", 2, 19, "Version", "YY.N", loader.ErrSyntax},
		{"a wrong column count", header + "7,Group,Group,1,,22.1\n", 2, 1, "row", "6 fields, but the header has 7", loader.ErrSyntax},
		{"no Org column", "ActorId,NameData,NameOrig,Version\n", 1, 1, "header", "no column Org", ErrLayout},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newGraph(t)
			_, err := LoadActors(context.Background(), g, "actors.csv", strings.NewReader(tt.input))
			var le *loader.Error
			if !errors.As(err, &le) || le.Line != tt.line || le.Column != tt.col || le.Field != tt.field ||
				!strings.Contains(err.Error(), tt.text) || !errors.Is(err, tt.sentinel) {
				t.Errorf("error %v, want one at %d:%d, field %s, saying %q", err, tt.line, tt.col, tt.field, tt.text)
			}
			if n := quads(t, g); n != 0 {
				t.Errorf("a failed load wrote %d quads", n)
			}
		})
	}
}
