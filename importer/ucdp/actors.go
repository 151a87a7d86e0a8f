package ucdp

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/loader"
	"github.com/actorgraph/actorgraph/schema"
)

// The actor list's columns the importer reads, by slot.
const (
	aID = iota
	aNameData
	aNameOrig
	aNameOrigFull
	aNameOrigFullEng
	aNameChange
	aNewName
	aNewNameFull
	aNewNameFullEng
	aOrg
	aOSCoalitionID
	aNSCoalitionID
	aNamePrev
	aIDPrev
	aNameSplitTemp
	aIDSplitTemp
	aNameAlliance
	aIDAlliance
	aGroupName
	aIDGroup
	aVersion
	actorColumnCount
)

var actorColumns = [actorColumnCount]string{
	"ActorId", "NameData", "NameOrig", "NameOrigFull", "NameOrigFullEng", "NameChange", "NewName",
	"NewNameFullMotherTongue", "NewNameFullEng", "Org", "OSCoalitionID", "NSCoalitionID", "NamePrev", "ActorIdPrev",
	"NameSplitTemp", "ActorIdSplitTemp", "NameAlliance", "ActorIdAlliance", "GroupName", "ActorIdGroup", "Version",
}

// requiredActorColumns are those without which a file is no actor list.
var requiredActorColumns = []int{aID, aNameData, aNameOrig, aOrg, aVersion}

// orgKinds are the kinds of the actor list's Org levels.
var orgKinds = map[int64]schema.Kind{1: schema.ArmedGroup, 2: schema.Organization, 3: schema.Population, 4: schema.Government}

// actorRow is one parsed row of the actor list.
type actorRow struct {
	rec     *record
	id      int64
	iri     schema.IRI
	kind    schema.Kind
	org     int64
	name    string
	aliases []graph.Alias
	former  []graph.Entity // earlier names, oldest first
	version string
	// links to other actors: relation, the other actor, its name as the row
	// gives it, and the column, for errors.
	links []actorLink
}

type actorLink struct {
	rel     schema.Relation
	other   int64
	name    string
	column  int
	reverse bool // the other actor is the subject (Alliance, JoinGroup)
}

// LoadActors reads the UCDP Actor Dataset (its CSV, UTF-8 with or without a
// BOM) from r into g, in one atomic batch: a load that fails writes nothing.
// Each actor is an entity named by its ActorId under the Base (as LoadGED
// names sides), of a kind by its Org (1 ArmedGroup, 2 Organization, 3
// Population, 4 Government), named NameData, with NameOrig, NameOrigFull,
// NameOrigFullEng (tagged "en") and the new names as aliases. Each row is a
// claim of the dataset (a schema.Document "UCDP Actor Dataset 22.1",
// reported in the version's year; the list gives no dates, so its facts hold
// from then as far as AsOf is concerned: ask Lineage without AsOf). Its facts:
//   - a name change (NameChange) as lineage: the actor formerlyKnownAs an
//     entity of each earlier name (NameOrig, then NewName's list but the
//     last), each formerlyKnownAs the one before, for organizations;
//   - Splinter as SplinterOf, SplitTemp as TemporarySplitOf, Alliance as
//     the alliance AllianceOf the actor, JoinGroup as the group Absorbed the
//     actor: give LineageRelations to Lineage to walk them;
//   - each temporary coalition of OSCoalitionID and NSCoalitionID as the
//     actor memberOf the coalition, an entity of kind Coalition named "UCDP
//     coalition N" (GED names the side by some of its members: LoadGED adds
//     that name as an alias), which is the side LoadGED finds for the
//     coalition's id;
//   - Org as OrganizationLevel.
//
// An actor that a row refers to but the list does not hold (the 22.1 list
// refers to four) is added with the name the row gives, as an ArmedGroup,
// and listed in Stats.Flagged. The list is read whole before it is written,
// as rows refer to later rows. Bad rows fail the load with a *loader.Error,
// unless MaxRejected lets them be skipped. An actor the graph holds already
// keeps its name and kinds; the list's names are added as aliases.
func LoadActors(ctx context.Context, g *graph.Graph, name string, r io.Reader, opts ...ActorsOption) (Stats, error) {
	o := actorsOptions(opts)
	if err := checkVocabulary(g); err != nil {
		return Stats{}, err
	}
	cs, header, err := newCSVSource(name, r, actorColumns[:], o)
	if err != nil {
		return Stats{}, err
	}
	var missing []string
	for _, c := range requiredActorColumns {
		if !slices.Contains(cs.slots, c) {
			missing = append(missing, actorColumns[c])
		}
	}
	if len(missing) > 0 {
		return Stats{}, &loader.Error{File: name, Line: 1, Column: 1, Field: "header", Text: strings.Join(header, ","),
			Err: fmt.Errorf("no column %s: %w", strings.Join(missing, ", "), ErrLayout)}
	}
	st := Stats{Layout: ActorList}
	l := &load{ctx: ctx, g: g, o: o, st: &st, known: map[schema.IRI]*graph.Entity{}}
	// The whole list is read first: a row refers to actors of later rows.
	var rows []*actorRow
	byID := map[int64]*actorRow{}
	for {
		rec, err := cs.next()
		if errors.Is(err, io.EOF) {
			break
		}
		var re *rowError
		if errors.As(err, &re) {
			st.Rows++
			if err := l.reject(re.err); err != nil {
				return Stats{}, err
			}
			continue
		}
		if err != nil {
			return Stats{}, err
		}
		st.Rows++
		if st.Rows%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return Stats{}, err
			}
		}
		row, perr := parseActor(rec, o.base)
		if perr == nil && byID[row.id] != nil {
			perr = rec.errf(aID, "ActorId %d is listed twice (first at line %d)", row.id, byID[row.id].rec.line)
		}
		if perr != nil {
			if err := l.reject(perr); err != nil {
				return Stats{}, err
			}
			continue
		}
		rows = append(rows, row)
		byID[row.id] = row
	}
	err = g.Write(ctx, func(tx *graph.Tx) error {
		l.tx = tx
		return l.writeActors(rows, byID)
	})
	if err != nil {
		return Stats{}, err
	}
	return st, nil
}

// parseActor reads and checks one row of the actor list.
func parseActor(rec *record, base Base) (*actorRow, *loader.Error) {
	text := func(c int) (string, *loader.Error) {
		s := strings.TrimSpace(rec.get(c).text)
		if !validText(s) {
			return "", rec.errf(c, "not valid UTF-8, or holds a control character")
		}
		if s == "n/a" {
			s = ""
		}
		return s, nil
	}
	var texts [actorColumnCount]string
	for c := range actorColumnCount {
		s, err := text(c)
		if err != nil {
			return nil, err
		}
		texts[c] = s
	}
	row := &actorRow{rec: rec, version: texts[aVersion]}
	id, err := strconv.ParseInt(texts[aID], 10, 64)
	if err != nil || id < 1 {
		return nil, rec.errf(aID, "want a positive whole number")
	}
	row.id, row.iri = id, base.Actor(id)
	org, err := strconv.ParseInt(texts[aOrg], 10, 64)
	if err != nil || orgKinds[org] == "" {
		return nil, rec.errf(aOrg, "want 1, 2, 3 or 4")
	}
	row.org, row.kind = org, orgKinds[org]
	row.name = texts[aNameData]
	if !hasLetter(row.name) {
		return nil, rec.errf(aNameData, "want the actor's name")
	}
	if _, err := releaseYear(row.version); err != nil {
		return nil, rec.errf(aVersion, "%v", err)
	}
	alias := func(name, lang string) {
		if hasLetter(name) && name != row.name && !slices.ContainsFunc(row.aliases, func(a graph.Alias) bool { return a.Name == name }) {
			row.aliases = append(row.aliases, graph.Alias{Name: name, Lang: lang})
		}
	}
	alias(texts[aNameOrig], "")
	alias(texts[aNameOrigFull], "")
	alias(texts[aNameOrigFullEng], "en")
	newNames := splitList(texts[aNewName], ",")
	full, fullEng := splitList(texts[aNewNameFull], ","), splitList(texts[aNewNameFullEng], ",")
	for _, n := range newNames {
		alias(n, "")
	}
	parallel := len(full) == len(newNames) && len(fullEng) == len(newNames)
	if !parallel { // the lists do not pair up: keep them whole
		alias(texts[aNewNameFull], "")
		alias(texts[aNewNameFullEng], "en")
	}
	for i := range newNames {
		if parallel {
			alias(full[i], "")
			alias(fullEng[i], "en")
		}
	}
	// Name changes: NameOrig, then the new names; the last is the actor's
	// own (NameData) when the list is up to date.
	if texts[aNameChange] == "1" && schema.Core().IsA(row.kind, schema.Organization) {
		names := append([]string{texts[aNameOrig]}, newNames...)
		fulls := [][]string{{texts[aNameOrigFull], texts[aNameOrigFullEng]}}
		for i := range newNames {
			if parallel {
				fulls = append(fulls, []string{full[i], fullEng[i]})
			} else {
				fulls = append(fulls, nil)
			}
		}
		if names[len(names)-1] == row.name {
			names, fulls = names[:len(names)-1], fulls[:len(fulls)-1]
		}
		used := []string{row.name}
		for i, n := range names {
			// A short name kept through a change of the full name (Ahrar
			// al-Sham) is told apart by its full name.
			for _, f := range fulls[i] {
				if slices.Contains(used, n) && hasLetter(f) {
					n = f
				}
			}
			if !hasLetter(n) || slices.Contains(used, n) {
				continue
			}
			used = append(used, n)
			e := graph.Entity{ID: schema.IRI(fmt.Sprintf("%s/name/%d", row.iri, i)), Kinds: []schema.Kind{row.kind}, Name: n}
			for j, f := range fulls[i] {
				if hasLetter(f) && f != n {
					lang := ""
					if j == 1 {
						lang = "en"
					}
					e.Aliases = append(e.Aliases, graph.Alias{Name: f, Lang: lang})
				}
			}
			row.former = append(row.former, e)
		}
	}
	links := []struct {
		rel        schema.Relation
		ids, names int
		reverse    bool
	}{
		{SplinterOf, aIDPrev, aNamePrev, false},
		{TemporarySplitOf, aIDSplitTemp, aNameSplitTemp, false},
		{AllianceOf, aIDAlliance, aNameAlliance, true},
		{Absorbed, aIDGroup, aGroupName, true},
		{schema.MemberOf, aOSCoalitionID, -1, false},
		{schema.MemberOf, aNSCoalitionID, -1, false},
	}
	for _, lk := range links {
		ids := splitList(texts[lk.ids], ",")
		var names []string
		if lk.names >= 0 {
			names = splitList(texts[lk.names], ",")
		}
		for i, s := range ids {
			other, err := strconv.ParseInt(s, 10, 64)
			if err != nil || other < 1 {
				return nil, rec.errf(lk.ids, "want a comma-separated list of actor ids")
			}
			n := ""
			if len(names) == len(ids) {
				n = names[i]
			}
			if lk.names < 0 || !slices.ContainsFunc(row.links, func(l actorLink) bool { return l.rel == lk.rel && l.other == other }) {
				row.links = append(row.links, actorLink{rel: lk.rel, other: other, name: n, column: lk.ids, reverse: lk.reverse})
			}
		}
	}
	return row, nil
}

// releaseYear returns the year of a UCDP version: 2022 for "22.1".
func releaseYear(version string) (int, error) {
	major, minor, ok := strings.Cut(version, ".")
	y, err1 := strconv.Atoi(major)
	_, err2 := strconv.Atoi(minor)
	if !ok || err1 != nil || err2 != nil || y < 0 || y > 99 {
		return 0, fmt.Errorf("want a UCDP version YY.N such as 22.1")
	}
	return 2000 + y, nil
}

func (l *load) writeActors(rows []*actorRow, byID map[int64]*actorRow) error {
	tx := l.tx
	// Entities first: the facts of a row name actors of later rows.
	docs := map[string]schema.IRI{}
	for _, row := range rows {
		if _, ok := docs[row.version]; ok {
			continue
		}
		id := schema.IRI(string(l.o.base) + "actor-list/" + row.version)
		if _, err := l.entity(graph.Entity{ID: id, Kinds: []schema.Kind{schema.Document}, Name: "UCDP Actor Dataset " + row.version}); err != nil {
			return err
		}
		docs[row.version] = id
	}
	add := func(rec *record, e graph.Entity) error {
		added, err := l.entity(e)
		if err != nil {
			return &loader.Error{File: rec.file, Line: rec.line, Column: rec.col, Field: "ActorId", Err: err}
		}
		if added {
			l.st.Actors++
		}
		return nil
	}
	for _, row := range rows {
		if err := add(row.rec, graph.Entity{ID: row.iri, Kinds: []schema.Kind{row.kind}, Name: row.name, Aliases: row.aliases}); err != nil {
			return err
		}
		for _, f := range row.former {
			if err := add(row.rec, f); err != nil {
				return err
			}
		}
	}
	// Coalitions, and the actors rows refer to that the list lacks.
	for _, row := range rows {
		for _, lk := range row.links {
			if byID[lk.other] != nil {
				continue
			}
			e := graph.Entity{ID: l.o.base.Actor(lk.other)}
			if lk.rel == schema.MemberOf {
				e.Kinds, e.Name = []schema.Kind{schema.Coalition}, fmt.Sprintf("UCDP coalition %d", lk.other)
			} else {
				e.Kinds, e.Name = []schema.Kind{schema.ArmedGroup}, lk.name
				if !hasLetter(e.Name) {
					e.Name = fmt.Sprintf("UCDP actor %d", lk.other)
				}
				if old, err := l.lookup(e.ID); err != nil {
					return err
				} else if old == nil {
					f := row.rec.get(lk.column)
					l.st.Flagged = append(l.st.Flagged, row.rec.errAt(f, lk.column,
						fmt.Errorf("actor %d is not in the list; added as %q: %w", lk.other, e.Name, ErrUnknownActor)))
				}
			}
			if err := add(row.rec, e); err != nil {
				return err
			}
		}
	}
	for _, row := range rows {
		year, _ := releaseYear(row.version)
		c := graph.Claim{ID: claimOf(row.iri), Source: graph.Entity{ID: docs[row.version]}, Reported: graph.Year(year),
			Note: fmt.Sprintf("UCDP Actor Dataset %s, ActorId %d.", row.version, row.id)}
		var facts []graph.Fact
		prev := row.iri
		for i := len(row.former) - 1; i >= 0; i-- {
			facts = append(facts, graph.Fact{Subject: prev, Relation: schema.FormerlyKnownAs, Object: row.former[i].ID})
			prev = row.former[i].ID
		}
		for _, lk := range row.links {
			f := graph.Fact{Subject: row.iri, Relation: lk.rel, Object: l.o.base.Actor(lk.other)}
			if lk.reverse {
				f.Subject, f.Object = f.Object, f.Subject
			}
			facts = append(facts, f)
		}
		at := func(err error) error {
			return &loader.Error{File: row.rec.file, Line: row.rec.line, Column: row.rec.col, Field: fmt.Sprintf("actor %d", row.id), Err: err}
		}
		if err := tx.AddClaim(c); err != nil {
			return at(err)
		}
		for _, f := range facts {
			f.Claim = c.ID
			if err := tx.Assert(f); err != nil {
				return at(err)
			}
		}
		if err := tx.AssertAttribute(graph.AttributeFact{Subject: row.iri, Attribute: OrganizationLevel, Value: graph.Integer(row.org), Claim: c.ID}); err != nil {
			return at(err)
		}
		l.st.Claims++
		l.st.Facts += len(facts)
		l.st.Attributes++
	}
	return nil
}

// entity adds e unless the graph or the batch has it; when it does, e's name
// and aliases are added as aliases where they are new, and the name and
// kinds written first stay. It reports whether e is new.
func (l *load) entity(e graph.Entity) (bool, error) {
	old, err := l.lookup(e.ID)
	if err != nil {
		return false, err
	}
	if old == nil {
		if err := l.tx.AddEntity(e); err != nil {
			return false, err
		}
		l.known[e.ID] = &e
		return true, nil
	}
	var more []graph.Alias
	for _, a := range append([]graph.Alias{{Name: e.Name}}, e.Aliases...) {
		if a.Name != old.Name && !slices.ContainsFunc(old.Aliases, func(b graph.Alias) bool { return b.Name == a.Name }) &&
			!slices.ContainsFunc(more, func(b graph.Alias) bool { return b.Name == a.Name }) {
			more = append(more, a)
		}
	}
	if len(more) == 0 {
		return false, nil
	}
	if err := l.tx.AddEntity(graph.Entity{ID: old.ID, Kinds: old.Kinds, Name: old.Name, Aliases: more}); err != nil {
		return false, err
	}
	grown := *old
	grown.Aliases = append(slices.Clone(old.Aliases), more...)
	l.known[e.ID] = &grown
	return false, nil
}
