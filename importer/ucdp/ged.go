package ucdp

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/loader"
	"github.com/actorgraph/actorgraph/schema"
)

// Layout is the shape of a UCDP file, detected from its header or its first
// byte.
type Layout string

// The layouts the importer reads.
const (
	GED191    Layout = "GED 19.1 CSV"        // 42 columns, gwnoa/gwnob beside the sides, no relid
	GED231    Layout = "GED 23.1 CSV"        // relid, code_status and the *_dset_id columns (20.1 on)
	GEDJSON   Layout = "GED API JSON"        // the objects of ucdpapi.pcr.uu.se's gedevents
	ActorList Layout = "UCDP actor list CSV" // the UCDP Actor Dataset
)

// The GED columns the importer reads, by slot.
const (
	cID = iota
	cRelID
	cCodeStatus
	cViolence
	cConflictID
	cConflictName
	cDyadID
	cDyadName
	cSideAID
	cSideA
	cSideBID
	cSideB
	cGWNoA
	cGWNoB
	cSources
	cArticle
	cOffice
	cSourceDate
	cHeadline
	cOriginal
	cWherePrec
	cWhereCoordinates
	cWhereDescription
	cAdm1
	cAdm2
	cGeometry
	cCountry
	cCountryID
	cClarity
	cDatePrec
	cDateStart
	cDateEnd
	cDeathsA
	cDeathsB
	cDeathsCivilians
	cDeathsUnknown
	cLow
	cBest
	cHigh
	gedColumnCount
)

// gedColumns are the GED columns by slot.
var gedColumns = [gedColumnCount]string{
	"id", "relid", "code_status", "type_of_violence", "conflict_new_id", "conflict_name", "dyad_new_id", "dyad_name",
	"side_a_new_id", "side_a", "side_b_new_id", "side_b", "gwnoa", "gwnob", "number_of_sources", "source_article",
	"source_office", "source_date", "source_headline", "source_original", "where_prec", "where_coordinates",
	"where_description", "adm_1", "adm_2", "geom_wkt", "country", "country_id", "event_clarity", "date_prec",
	"date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "low", "best", "high",
}

// optionalGED are the columns of some layouts only.
var optionalGED = []int{cRelID, cCodeStatus, cGWNoA, cGWNoB, cWhereDescription}

// Stats reports what a load read and wrote.
type Stats struct {
	Layout Layout
	Rows   int // records read (CSV rows, JSON objects), rejected ones included
	// Events is the GED events written; Actors the actor entities the load
	// added (sides, coalitions, an actor list's actors and their former
	// names), not counting those the graph had.
	Events, Actors    int
	Claims            int
	Facts, Attributes int
	// Rejected lists the rows MaxRejected let the load skip, each with its
	// place and what was wrong.
	Rejected []*loader.Error
	// Flagged lists what was kept but is doubtful, with its place: a
	// fatality estimate whose low bound is above the best estimate (wraps
	// ErrInconsistent), an actor the actor list refers to but does not list
	// (wraps ErrUnknownActor).
	Flagged []*loader.Error
}

// LoadGED reads UCDP GED events from r into g, in one atomic batch: a load
// that fails writes nothing. The layout is detected: JSON (an array of the
// API's event objects, or an API page with its "Result") when the first
// byte that is not white space is '[' or '{', otherwise CSV, whose header
// tells 19.1 from 23.1 and later (columns are read by name; columns the
// importer does not use are ignored, as are the unknown keys of JSON).
//
// Each event is an entity of kind Event and a claim, named under the Base:
//   - the claim's source is the report UCDP cites (a schema.Report named by
//     source_office and source_headline, or by source_article when older
//     data gives no office), through the outlet when all its sources are
//     of one office;
//     reported on the earliest source_date (the default 1753-01-01 ignored;
//     with none, on date_end, as the claim's note says); its quote the
//     headline; its note the event's ids, source_article and source_original;
//   - it holds from date_start to date_end, as day dates, or as the month or
//     year they span whole when date_prec (4 or 5) says only that is known;
//   - its facts: the event's SideA and SideB, side A's violence against side
//     B as StateBased, NonState or OneSided (type_of_violence), the event's
//     dyad (InDyad) and the dyad's sides and conflict, the country and
//     administrative areas it OccurredIn (adm_2 locatedIn adm_1 locatedIn
//     the country);
//   - its attributes: best, low and high fatalities as they are (a low above
//     best is kept, given an EstimateFlag and listed in Stats.Flagged), the
//     deaths by side, date_prec, where_prec, event_clarity and the rest the
//     vocabulary lists.
//
// Sides are actors keyed by their UCDP ids. A side the graph holds already
// (as LoadActors writes the actor list: a temporary coalition, such as 7672,
// is there as the coalition its members belong to) is used as it is, the
// GED's name added as an alias when it differs; a new side is added with a
// kind read from the row: Civilians (id 1) a Population, a side with a
// Gleditsch and Ward code or named "Government of ..." a Government, a
// comma-separated list of names a Coalition, any other an ArmedGroup. Load
// the actor list first for UCDP's own kinds: a kind once written is kept.
//
// Rows are read one at a time into the batch. A bad row (a value that does
// not parse, a wrong number of fields, dates out of order, an unknown side
// under RequireKnownActors) fails the load with a *loader.Error giving the
// file, line, column (in JSON, that of the value's key) and column name, unless
// MaxRejected lets it be skipped. g's vocabulary must hold the importer's
// Terms (ErrVocabulary). Loading the same file again adds nothing; an event
// is one claim, so two GED releases that code an event differently load
// into one graph only under Bases of their own (WithBase).
func LoadGED(ctx context.Context, g *graph.Graph, name string, r io.Reader, opts ...GEDOption) (Stats, error) {
	o := gedOptions(opts)
	if err := checkVocabulary(g); err != nil {
		return Stats{}, err
	}
	br := bufio.NewReader(r)
	first, err := firstByte(br)
	if err != nil {
		return Stats{}, err
	}
	var src source
	var st Stats
	if first == '[' || first == '{' {
		src = newJSONSource(name, br, gedColumns[:], o)
		st.Layout = GEDJSON
	} else {
		cs, header, err := newCSVSource(name, br, gedColumns[:], o)
		if err != nil {
			return Stats{}, err
		}
		if st.Layout, err = gedLayout(name, header, cs); err != nil {
			return Stats{}, err
		}
		src = cs
	}
	l := &load{ctx: ctx, g: g, o: o, st: &st, known: map[schema.IRI]*graph.Entity{}}
	err = g.Write(ctx, func(tx *graph.Tx) error {
		l.tx = tx
		for {
			rec, err := src.next()
			if errors.Is(err, io.EOF) {
				return nil
			}
			var re *rowError
			if errors.As(err, &re) {
				st.Rows++
				if err := l.reject(re.err); err != nil {
					return err
				}
				continue
			}
			if err != nil {
				return err
			}
			st.Rows++
			if st.Rows%1024 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			ev, perr := parseEvent(rec, o.base)
			if perr == nil && o.knownActors {
				perr = l.checkKnown(rec, ev)
			}
			if perr != nil {
				if err := l.reject(perr); err != nil {
					return err
				}
				continue
			}
			if err := l.write(ev); err != nil {
				return &loader.Error{File: name, Line: rec.line, Column: rec.col, Field: fmt.Sprintf("event %d", ev.id), Err: err}
			}
		}
	})
	if err != nil {
		return Stats{}, err
	}
	return st, nil
}

// firstByte returns the first byte of r that is not white space (or a BOM),
// leaving it unread.
func firstByte(br *bufio.Reader) (byte, error) {
	for {
		b, err := br.Peek(1)
		if errors.Is(err, io.EOF) {
			return 0, nil
		}
		if err != nil {
			return 0, err
		}
		switch {
		case b[0] == ' ' || b[0] == '\t' || b[0] == '\r' || b[0] == '\n':
			br.Discard(1)
		case b[0] == 0xEF:
			if bom, _ := br.Peek(3); string(bom) == "\ufeff" {
				br.Discard(3)
				continue
			}
			return b[0], nil
		default:
			return b[0], nil
		}
	}
}

// gedLayout checks that header has the columns every GED layout has and
// tells which layout it is.
func gedLayout(file string, header []string, cs *csvSource) (Layout, error) {
	have := map[int]bool{}
	for _, s := range cs.slots {
		if s >= 0 {
			have[s] = true
		}
	}
	var missing []string
	for c := range gedColumnCount {
		if !have[c] && !slices.Contains(optionalGED, c) {
			missing = append(missing, gedColumns[c])
		}
	}
	if len(missing) > 0 {
		return "", &loader.Error{File: file, Line: 1, Column: 1, Field: "header",
			Text: strings.Join(header, ","), Err: fmt.Errorf("no column %s: %w", strings.Join(missing, ", "), ErrLayout)}
	}
	if have[cRelID] {
		return GED231, nil
	}
	return GED191, nil
}

func checkVocabulary(g *graph.Graph) error {
	v := g.Vocabulary()
	for _, k := range Terms().Kinds {
		if _, ok := v.Kind(k.Kind); !ok {
			return fmt.Errorf("ucdp: kind %s: open the graph with ucdp.Vocabulary(), or a vocabulary extended with ucdp.Terms(): %w", k.Kind, ErrVocabulary)
		}
	}
	return nil
}

// side is one side of an event as the row gives it.
type side struct {
	id     int64
	iri    schema.IRI
	name   string
	gwno   string
	column int // the id's slot, for errors
}

// event is a parsed GED row, ready to write.
type event struct {
	id                  int64
	iri                 schema.IRI
	violence            schema.Relation
	a, b                side
	dyad, conflict      schema.IRI
	dyadName, conflName string
	country, adm1, adm2 schema.IRI
	countryName         string
	adm1Name, adm2Name  string
	claim               graph.Claim
	report              graph.Entity
	outlet              graph.Entity
	attrs               []graph.AttributeFact
	flags               []*loader.Error
}

// parseEvent reads and checks one row.
func parseEvent(rec *record, base Base) (*event, *loader.Error) {
	var perr *loader.Error
	num := func(c int, lo, hi int64) int64 {
		if perr != nil {
			return 0
		}
		f := rec.get(c)
		n, err := strconv.ParseInt(strings.TrimSpace(f.text), 10, 64)
		switch {
		case err != nil:
			perr = rec.errf(c, "want a whole number")
		case n < lo || n > hi:
			perr = rec.errf(c, "want a number from %d to %d", lo, hi)
		}
		return n
	}
	text := func(c int) string {
		s := strings.TrimSpace(rec.get(c).text)
		if perr == nil && !validText(s) {
			perr = rec.errf(c, "not valid UTF-8, or holds a control character")
		}
		return s
	}
	const maxID = 1<<53 - 1
	ev := &event{}
	ev.id = num(cID, 1, maxID)
	violence := num(cViolence, 1, 3)
	conflictID := num(cConflictID, 1, maxID)
	dyadID := num(cDyadID, 1, maxID)
	ev.a = side{id: num(cSideAID, 1, maxID), name: text(cSideA), gwno: text(cGWNoA), column: cSideAID}
	ev.b = side{id: num(cSideBID, 1, maxID), name: text(cSideB), gwno: text(cGWNoB), column: cSideBID}
	countryID := num(cCountryID, 0, maxID)
	datePrec := num(cDatePrec, 1, 5)
	wherePrec := num(cWherePrec, 1, 7)
	clarity := num(cClarity, 1, 2)
	sources := num(cSources, -1, maxID)
	var deaths [4]int64
	for i, c := range []int{cDeathsA, cDeathsB, cDeathsCivilians, cDeathsUnknown} {
		deaths[i] = num(c, 0, maxID)
	}
	low, best, high := num(cLow, 0, maxID), num(cBest, 0, maxID), num(cHigh, 0, maxID)
	ev.dyadName, ev.conflName = text(cDyadName), text(cConflictName)
	ev.countryName, ev.adm1Name, ev.adm2Name = text(cCountry), text(cAdm1), text(cAdm2)
	article, office, srcDate, headline, original := text(cArticle), text(cOffice), text(cSourceDate), text(cHeadline), text(cOriginal)
	whereCoord, whereDesc, geometry := text(cWhereCoordinates), text(cWhereDescription), text(cGeometry)
	relid, status := text(cRelID), text(cCodeStatus)
	if perr != nil {
		return nil, perr
	}
	ev.violence = []schema.Relation{1: StateBased, 2: NonState, 3: OneSided}[violence]
	for _, s := range []*side{&ev.a, &ev.b} {
		if !hasLetter(s.name) {
			return nil, rec.errf(s.column+1, "want the side's name")
		}
	}
	if !hasLetter(ev.countryName) {
		return nil, rec.errf(cCountry, "want the country's name")
	}
	start, err := gedDay(rec.get(cDateStart).text)
	if err != nil {
		return nil, rec.errf(cDateStart, "%v", err)
	}
	end, err := gedDay(rec.get(cDateEnd).text)
	if err != nil {
		return nil, rec.errf(cDateEnd, "%v", err)
	}
	if end.Before(start) {
		return nil, rec.errf(cDateEnd, "date_end is before date_start %s", start)
	}

	ev.iri = base.Event(ev.id)
	ev.a.iri, ev.b.iri = base.Actor(ev.a.id), base.Actor(ev.b.id)
	ev.dyad, ev.conflict = base.Dyad(dyadID), base.Conflict(conflictID)
	if !hasLetter(ev.dyadName) {
		ev.dyadName = fmt.Sprintf("UCDP dyad %d", dyadID)
	}
	if !hasLetter(ev.conflName) {
		ev.conflName = fmt.Sprintf("UCDP conflict %d", conflictID)
	}
	ev.country = base.Place(countryID)
	if hasLetter(ev.adm1Name) {
		ev.adm1 = base.Place(countryID, ev.adm1Name)
		if hasLetter(ev.adm2Name) {
			ev.adm2 = base.Place(countryID, ev.adm1Name, ev.adm2Name)
		}
	}

	// The claim: the report UCDP cites, dated by its earliest source date.
	c := graph.Claim{ID: claimOf(ev.iri)}
	c.ValidFrom, c.ValidUntil = validTime(start, end, datePrec)
	var notes []string
	note := fmt.Sprintf("UCDP GED event %d", ev.id)
	if relid != "" {
		note += " (" + relid + ")"
	}
	notes = append(notes, note+".")
	for _, d := range strings.Split(srcDate, ";") {
		d = strings.TrimSpace(d)
		if d == "" || strings.HasPrefix(d, "1753-01-01") {
			continue
		}
		day, err := gedDay(d)
		if err != nil {
			return nil, rec.errf(cSourceDate, "%v", err)
		}
		if c.Reported.IsZero() || day.Before(c.Reported) {
			c.Reported = day
		}
	}
	if c.Reported.IsZero() {
		c.Reported = end
		notes = append(notes, "The row gives no source date: reported on the event's end date.")
	}
	offices := splitList(office, ";")
	headlines := splitList(headline, ";")
	reportName := ""
	switch {
	case len(headlines) > 0 && len(headlines) == len(offices):
		parts := make([]string, len(offices))
		for i := range offices {
			parts[i] = offices[i] + ": " + headlines[i]
		}
		reportName = strings.Join(parts, "; ")
	case len(offices) > 0 && len(headlines) > 0:
		reportName = strings.Join(offices, "; ") + ": " + strings.Join(headlines, "; ")
	case len(offices) > 0:
		reportName = strings.Join(offices, "; ")
	case hasLetter(article):
		reportName = article
	case hasLetter(original):
		reportName = original
	}
	if hasLetter(reportName) {
		sum := sha256.Sum256([]byte(office + "\x1f" + srcDate + "\x1f" + headline + "\x1f" + article + "\x1f" + original))
		ev.report = graph.Entity{ID: schema.IRI(string(base) + "source/" + hex.EncodeToString(sum[:8])),
			Kinds: []schema.Kind{schema.Report}, Name: clipName(reportName)}
	} else {
		ev.report = graph.Entity{ID: schema.IRI(string(base) + "ucdp"), Kinds: []schema.Kind{schema.ResearchCentre},
			Name: "Uppsala Conflict Data Program"}
		notes = append(notes, "The row names no source: attributed to UCDP.")
	}
	c.Source = graph.Entity{ID: ev.report.ID}
	if outlets := slices.Compact(slices.Clone(offices)); len(outlets) == 1 && hasLetter(outlets[0]) {
		ev.outlet = graph.Entity{ID: schema.IRI(string(base) + "outlet/" + url.PathEscape(offices[0])),
			Kinds: []schema.Kind{schema.MediaOutlet}, Name: clipName(offices[0])}
		c.Via = graph.Entity{ID: ev.outlet.ID}
	}
	if len(headlines) > 0 {
		c.Quote = strings.Join(headlines, "; ")
	}
	if article != "" {
		notes = append(notes, sentence("source_article: "+article))
	}
	if original != "" {
		notes = append(notes, sentence("source_original: "+original))
	}
	c.Note = strings.Join(notes, " ")
	ev.claim = c

	// The attributes, fatalities as UCDP gives them.
	attr := func(a schema.Attribute, v graph.Value) {
		ev.attrs = append(ev.attrs, graph.AttributeFact{Subject: ev.iri, Attribute: a, Value: v, Claim: c.ID})
	}
	attr(FatalitiesBest, graph.Integer(best))
	attr(FatalitiesLow, graph.Integer(low))
	attr(FatalitiesHigh, graph.Integer(high))
	var flags []string
	if low > best {
		flags = append(flags, fmt.Sprintf("low %d is above best %d", low, best))
		ev.flags = append(ev.flags, rec.errAt(rec.get(cLow), cLow, fmt.Errorf("low %d is above best %d (kept, flagged): %w", low, best, ErrInconsistent)))
	}
	if high < best {
		flags = append(flags, fmt.Sprintf("high %d is below best %d", high, best))
		ev.flags = append(ev.flags, rec.errAt(rec.get(cHigh), cHigh, fmt.Errorf("high %d is below best %d (kept, flagged): %w", high, best, ErrInconsistent)))
	}
	if len(flags) > 0 {
		attr(EstimateFlag, graph.Text(strings.Join(flags, "; ")))
	}
	for i, a := range []schema.Attribute{DeathsSideA, DeathsSideB, DeathsCivilians, DeathsUnknown} {
		attr(a, graph.Integer(deaths[i]))
	}
	attr(DatePrecision, graph.Integer(datePrec))
	attr(WherePrecision, graph.Integer(wherePrec))
	attr(EventClarity, graph.Integer(clarity))
	attr(Sources, graph.Integer(sources))
	for _, t := range []struct {
		a schema.Attribute
		s string
	}{{RelID, relid}, {CodeStatus, status}, {WherePlace, whereCoord}, {WhereText, whereDesc}, {Geometry, geometry}} {
		if t.s != "" {
			attr(t.a, graph.Text(t.s))
		}
	}
	return ev, nil
}

// validTime returns the claim's validity: the days start and end, or the
// month or year they span whole when date_prec says no more is known.
func validTime(start, end graph.Date, prec int64) (from, until graph.Date) {
	s, e := start.Start(), end.Start()
	if prec >= 4 && s.Day() == 1 && e.AddDate(0, 0, 1).Day() == 1 && s.Year() == e.Year() {
		if prec == 5 && s.Month() == time.January && e.Month() == time.December {
			return graph.Year(s.Year()), graph.Year(s.Year())
		}
		if s.Month() == e.Month() {
			m := graph.Month(s.Year(), s.Month())
			return m, m
		}
	}
	return start, end
}

// gedDay parses a GED date: "2013-01-03", or with a time after it as the
// official CSV ("2013-01-03 00:00:00.000") and the API ("2002-03-01T00:00:00")
// write it.
func gedDay(s string) (graph.Date, error) {
	s = strings.TrimSpace(s)
	if len(s) > 10 && (s[10] == ' ' || s[10] == 'T') {
		s = s[:10]
	}
	if len(s) != 10 {
		return graph.Date{}, fmt.Errorf("want a date YYYY-MM-DD, got %q", clipName(s))
	}
	return graph.ParseDate(s)
}

// sentence ends s with a full stop unless it ends with one already.
func sentence(s string) string {
	if strings.HasSuffix(s, ".") {
		return s
	}
	return s + "."
}

func splitList(s, sep string) []string {
	var out []string
	for p := range strings.SplitSeq(s, sep) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func hasLetter(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
}

// validText reports whether s is UTF-8 that names and quotes may hold: no
// control characters but TAB, CR and LF.
func validText(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0x7F || r == 0xFFFE || r == 0xFFFF {
			return false
		}
	}
	return true
}

// clipName bounds a name made from a long source list.
func clipName(s string) string {
	const max = 300
	if len(s) <= max {
		return s
	}
	i := max
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "…"
}

// load is the batch of one LoadGED or LoadActors.
type load struct {
	ctx   context.Context
	g     *graph.Graph
	tx    *graph.Tx
	o     options
	st    *Stats
	known map[schema.IRI]*graph.Entity // entities looked up or added; nil value: absent from the graph
}

// reject counts a bad row, or fails the load when it is one too many.
func (l *load) reject(err *loader.Error) error {
	if len(l.st.Rejected) >= l.o.maxRejected {
		return err
	}
	l.st.Rejected = append(l.st.Rejected, err)
	return nil
}

// lookup returns the entity id as the graph or the batch has it, or nil.
func (l *load) lookup(id schema.IRI) (*graph.Entity, error) {
	if e, ok := l.known[id]; ok {
		return e, nil
	}
	e, err := l.g.Entity(l.ctx, id)
	if errors.Is(err, graph.ErrNotFound) {
		l.known[id] = nil
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	l.known[id] = &e
	return &e, nil
}

// checkKnown rejects a row whose side the graph does not hold.
func (l *load) checkKnown(rec *record, ev *event) *loader.Error {
	for _, s := range []side{ev.a, ev.b} {
		if s.id == 1 {
			continue
		}
		e, err := l.g.Entity(l.ctx, s.iri)
		if err == nil && slices.ContainsFunc(e.Kinds, func(k schema.Kind) bool { return l.g.Vocabulary().IsA(k, schema.Actor) }) {
			continue
		}
		return rec.errAt(rec.get(s.column), s.column, fmt.Errorf("side %d (%s) is not an actor of the graph; load the UCDP actor list first: %w",
			s.id, clipName(s.name), ErrUnknownActor))
	}
	return nil
}

// sideKind is the kind of a side the graph does not have, read from the row.
func sideKind(s side) schema.Kind {
	switch {
	case s.id == 1:
		return schema.Population
	case s.gwno != "" || strings.HasPrefix(s.name, "Government of "):
		return schema.Government
	case strings.Contains(s.name, ", "):
		return schema.Coalition
	}
	return schema.ArmedGroup
}

func (l *load) write(ev *event) error {
	tx := l.tx
	for _, s := range []side{ev.a, ev.b} {
		added, err := l.entity(graph.Entity{ID: s.iri, Kinds: []schema.Kind{sideKind(s)}, Name: s.name})
		if err != nil {
			return err
		}
		if added {
			l.st.Actors++
		}
	}
	ents := []graph.Entity{
		{ID: ev.dyad, Kinds: []schema.Kind{Dyad}, Name: ev.dyadName},
		{ID: ev.conflict, Kinds: []schema.Kind{Conflict}, Name: ev.conflName},
		{ID: ev.country, Kinds: []schema.Kind{schema.Country}, Name: ev.countryName},
		{ID: ev.report.ID, Kinds: ev.report.Kinds, Name: ev.report.Name},
	}
	if ev.adm1 != "" {
		ents = append(ents, graph.Entity{ID: ev.adm1, Kinds: []schema.Kind{schema.Region}, Name: ev.adm1Name})
	}
	if ev.adm2 != "" {
		ents = append(ents, graph.Entity{ID: ev.adm2, Kinds: []schema.Kind{schema.Region}, Name: ev.adm2Name})
	}
	if ev.outlet.ID != "" {
		ents = append(ents, ev.outlet)
	}
	for _, e := range ents {
		if _, err := l.entity(e); err != nil {
			return err
		}
	}
	if err := tx.AddEntity(graph.Entity{ID: ev.iri, Kinds: []schema.Kind{Event},
		Name: fmt.Sprintf("GED event %d: %s, %s", ev.id, ev.dyadName, ev.claim.ValidFrom)}); err != nil {
		return err
	}
	if err := tx.AddClaim(ev.claim); err != nil {
		return err
	}
	c := ev.claim.ID
	facts := []graph.Fact{
		{Subject: ev.iri, Relation: SideA, Object: ev.a.iri},
		{Subject: ev.iri, Relation: SideB, Object: ev.b.iri},
		{Subject: ev.a.iri, Relation: ev.violence, Object: ev.b.iri},
		{Subject: ev.iri, Relation: InDyad, Object: ev.dyad},
		{Subject: ev.dyad, Relation: DyadSide, Object: ev.a.iri},
		{Subject: ev.dyad, Relation: DyadSide, Object: ev.b.iri},
		{Subject: ev.dyad, Relation: InConflict, Object: ev.conflict},
		{Subject: ev.iri, Relation: OccurredIn, Object: ev.country},
	}
	if ev.adm1 != "" {
		facts = append(facts, graph.Fact{Subject: ev.iri, Relation: OccurredIn, Object: ev.adm1},
			graph.Fact{Subject: ev.adm1, Relation: schema.LocatedIn, Object: ev.country})
	}
	if ev.adm2 != "" {
		facts = append(facts, graph.Fact{Subject: ev.iri, Relation: OccurredIn, Object: ev.adm2},
			graph.Fact{Subject: ev.adm2, Relation: schema.LocatedIn, Object: ev.adm1})
	}
	for _, f := range facts {
		f.Claim = c
		if err := tx.Assert(f); err != nil {
			return err
		}
	}
	for _, a := range ev.attrs {
		if err := tx.AssertAttribute(a); err != nil {
			return err
		}
	}
	l.st.Events++
	l.st.Claims++
	l.st.Facts += len(facts)
	l.st.Attributes += len(ev.attrs)
	l.st.Flagged = append(l.st.Flagged, ev.flags...)
	return nil
}
