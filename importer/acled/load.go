package acled

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/importer/internal/input"
	"github.com/actorgraph/actorgraph/loader"
	"github.com/actorgraph/actorgraph/schema"
)

// DefaultBase is the IRI the importer's ids are minted under unless WithBase
// gives another.
const DefaultBase = "https://actorgraph.org/id/acled/"

// Default limits.
const (
	DefaultMaxRows  = 10_000_000
	DefaultMaxBytes = 16 << 30
)

// Option configures Load. Options are values of this package only.
type Option interface{ apply(*options) }

type optionFunc func(*options)

func (f optionFunc) apply(o *options) { f(o) }

type options struct {
	base     string
	skip     bool
	maxRows  int
	maxBytes int64
}

// WithBase mints every id under base, an absolute IRI ending in '/' or '#',
// instead of DefaultBase.
func WithBase(base string) Option { return optionFunc(func(o *options) { o.base = base }) }

// SkipInvalidRows makes Load skip a row that is malformed or breaks the
// codebook, and report it in Stats.Rejected, instead of failing the load. A
// row the graph refuses when it is written still fails the whole load.
func SkipInvalidRows() Option { return optionFunc(func(o *options) { o.skip = true }) }

// MaxRows bounds the number of data rows one load reads (DefaultMaxRows).
func MaxRows(n int) Option { return optionFunc(func(o *options) { o.maxRows = n }) }

// MaxBytes bounds the size of the input (DefaultMaxBytes).
func MaxBytes(n int64) Option { return optionFunc(func(o *options) { o.maxBytes = n }) }

// Stats counts what a load read and wrote.
type Stats struct {
	Rows       int // data rows read
	Events     int // events written (rows less those rejected)
	Entities   int // entities written: events, actors, sources, places (each once)
	Claims     int // claims written: one per event and source
	Facts      int // relation facts written
	Attributes int // attribute facts written
	// Rejected lists the rows SkipInvalidRows skipped, in file order, each
	// with its line, column and field and what was wrong.
	Rejected []*loader.Error
}

// The columns the importer reads. Others (latitude, longitude, iso, region,
// tags, population_*) are allowed and ignored.
const (
	fID = iota
	fDate
	fYear
	fPrec
	fDisorder
	fType
	fSub
	fActor1
	fAssoc1
	fInter1
	fActor2
	fAssoc2
	fInter2
	fInteraction
	fCountry
	fAdmin1
	fAdmin2
	fAdmin3
	fLocation
	fGeo
	fSource
	fScale
	fNotes
	fFatalities
	fTimestamp
	nFields
)

var columns = [nFields]string{"event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
	"sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
	"country", "admin1", "admin2", "admin3", "location", "geo_precision", "source", "source_scale", "notes",
	"fatalities", "timestamp"}

// optional are the columns a file may lack: those added in 2023, those
// removed then, and those not every export has.
var optional = map[int]bool{fYear: true, fDisorder: true, fAdmin1: true, fAdmin2: true, fAdmin3: true,
	fGeo: true, fScale: true, fTimestamp: true}

// side is one side of an event: its primary actor, its type, the actors
// associated with it.
type side struct {
	actor string
	typ   int
	assoc []string
}

// pos is where a cell starts.
type pos struct{ line, col int32 }

// event is a row read and checked.
type event struct {
	at          [nFields]pos // where each cell is
	id          string
	day         time.Time // event_date
	from, until graph.Date
	reported    graph.Date
	prec        int
	eventType   string
	subType     string
	says        outcome
	disorder    string
	sides       [2]side
	interaction string
	places      []string // the cells of country, admin1, admin2, admin3, location that are given, in that order
	placeLevels []int    // the field of each of places
	placeIDs    []schema.IRI
	geo         int
	sources     []string
	scale       string
	notes       string
	fatalities  int64
}

// Load reads an ACLED CSV export from r into g in one atomic batch: when it
// returns an error, g is as it was. name is used in error positions.
//
// g's vocabulary must hold the importer's terms (see Vocabulary). Each row is
// an event (an entity of kind Event, with its types, interaction and
// fatalities as attributes) and one claim per source its source cell names
// (split at ';'), whose quote is the row's notes and whose validity is the
// event's date at its time_precision. The claims carry every fact of the row:
// each actor, associated actor and the event, what the sub-event type says
// between them (clashedWith, attacked, captured...), and the places the
// event occurredIn. See the package documentation for the mapping.
//
// Errors are *loader.Error values with the file, line, column and field;
// they wrap loader.ErrSyntax for a malformed row or one that breaks ACLED's
// codebook, or a graph sentinel for a write the graph refused.
func Load(ctx context.Context, g *graph.Graph, name string, r io.Reader, opts ...Option) (Stats, error) {
	o := options{base: DefaultBase, maxRows: DefaultMaxRows, maxBytes: DefaultMaxBytes}
	for _, opt := range opts {
		opt.apply(&o)
	}
	if err := checkBase(o.base); err != nil {
		return Stats{}, err
	}
	if !input.HasTerms(g.Vocabulary(), Terms()) {
		return Stats{}, fmt.Errorf("acled: the graph's vocabulary lacks the importer's terms; open it with graph.WithVocabulary(acled.Vocabulary(...)): %w", graph.ErrUnknownTerm)
	}
	rd := &reader{file: name, opts: o}
	events, stats, err := rd.read(ctx, r)
	if err != nil {
		return Stats{}, err
	}
	w := newWriter(o.base, name)
	for i := range events {
		w.plan(&events[i])
	}
	if err := w.existing(ctx, g); err != nil {
		return Stats{}, err
	}
	err = g.Write(ctx, func(tx *graph.Tx) error { return w.write(tx, g.Vocabulary(), events) })
	if err != nil {
		return Stats{}, err
	}
	stats.Events = len(events)
	stats.Entities, stats.Claims, stats.Facts, stats.Attributes = w.entities, w.claims, w.facts, w.attrs
	return stats, nil
}

func checkBase(base string) error {
	if !schema.IsAbsolute(base) || !(strings.HasSuffix(base, "/") || strings.HasSuffix(base, "#")) {
		return fmt.Errorf("acled: base %q: want an absolute IRI ending in '/' or '#': %w", base, graph.ErrInvalid)
	}
	return nil
}

// reader reads and checks the rows of one file.
type reader struct {
	file string
	opts options
	col  [nFields]int // the index of each column in the header, -1 if absent
	seen map[string]int
}

// limited reads at most n bytes and then fails with errTooLong.
type limited struct {
	r io.Reader
	n int64
}

var errTooLong = errors.New("input too long")

func (l *limited) Read(b []byte) (int, error) {
	if l.n <= 0 {
		var one [1]byte
		if n, _ := l.r.Read(one[:]); n > 0 {
			return 0, errTooLong
		}
		return 0, io.EOF
	}
	if int64(len(b)) > l.n {
		b = b[:l.n]
	}
	n, err := l.r.Read(b)
	l.n -= int64(n)
	return n, err
}

func (rd *reader) place(line, col int, field, text string) input.Place {
	return input.Place{File: rd.file, Line: line, Column: col, Field: field, Text: text}
}

func (rd *reader) read(ctx context.Context, r io.Reader) ([]event, Stats, error) {
	var stats Stats
	cr := csv.NewReader(&limited{r: r, n: rd.opts.maxBytes})
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err == io.EOF {
		return nil, stats, rd.place(1, 1, "header", "").Fail("the input is empty; want a header of ACLED columns")
	}
	if err != nil {
		return nil, stats, rd.csvError(err)
	}
	if err := rd.header(header); err != nil {
		return nil, stats, err
	}
	rd.seen = map[string]int{}
	var events []event
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil && !errors.Is(err, csv.ErrFieldCount) {
			return nil, stats, rd.csvError(err)
		}
		stats.Rows++
		if stats.Rows > rd.opts.maxRows {
			line, _ := cr.FieldPos(0)
			return nil, stats, rd.place(line, 1, "", "").Fail("more than %d rows: the MaxRows limit", rd.opts.maxRows)
		}
		if stats.Rows%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, stats, err
			}
		}
		var ev event
		var bad *loader.Error
		if err != nil {
			line, _ := cr.FieldPos(0)
			bad = rd.place(line, 1, "", "").Fail("%d cells; the header has %d", len(rec), len(header))
		} else {
			bad = rd.row(cr, rec, &ev)
		}
		if bad != nil {
			if !rd.opts.skip {
				return nil, stats, bad
			}
			stats.Rejected = append(stats.Rejected, bad)
			continue
		}
		rd.seen[ev.id] = int(ev.at[fID].line)
		events = append(events, ev)
	}
	return events, stats, nil
}

func (rd *reader) csvError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &loader.Error{File: rd.file, Line: pe.Line, Column: pe.Column, Err: fmt.Errorf("%v: %w", pe.Err, loader.ErrSyntax)}
	}
	if errors.Is(err, errTooLong) {
		return &loader.Error{File: rd.file, Err: fmt.Errorf("input longer than %d bytes: the MaxBytes limit: %w", rd.opts.maxBytes, loader.ErrSyntax)}
	}
	return err
}

func (rd *reader) header(h []string) error {
	for i := range rd.col {
		rd.col[i] = -1
	}
	for i, name := range h {
		name = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(name, "\ufeff")))
		for f, c := range columns {
			if c != name {
				continue
			}
			if rd.col[f] >= 0 {
				return rd.place(1, 0, "header", name).Fail("column %q given twice (columns %d and %d)", name, rd.col[f]+1, i+1)
			}
			rd.col[f] = i
		}
	}
	var missing []string
	for f, c := range rd.col {
		if c < 0 && !optional[f] {
			missing = append(missing, columns[f])
		}
	}
	if len(missing) > 0 {
		return rd.place(1, 1, "header", "").Fail("missing the ACLED column(s) %s", strings.Join(missing, ", "))
	}
	return nil
}

// dateLayouts are the forms of event_date ACLED's exports use.
var dateLayouts = []string{"2006-01-02", "02-01-2006", "2 January 2006", "02 January 2006"}

// row reads one record into ev, or says what is wrong with it.
func (rd *reader) row(cr *csv.Reader, rec []string, ev *event) *loader.Error {
	var cell [nFields]string
	for f, c := range rd.col {
		if c < 0 {
			continue
		}
		line, col := cr.FieldPos(c)
		cell[f] = strings.TrimSpace(rec[c])
		ev.at[f] = pos{int32(line), int32(col)}
	}
	fail := func(f int, format string, args ...any) *loader.Error {
		text := ""
		if rd.col[f] >= 0 {
			text = rec[rd.col[f]]
		}
		return rd.place(int(ev.at[f].line), int(ev.at[f].col), columns[f], text).Fail(format, args...)
	}
	required := func(f int) *loader.Error {
		if cell[f] == "" {
			return fail(f, "empty; every event has one")
		}
		return nil
	}
	for _, f := range []int{fID, fDate, fPrec, fType, fSub, fActor1, fInter1, fCountry, fLocation, fSource, fFatalities} {
		if err := required(f); err != nil {
			return err
		}
	}
	ev.id = cell[fID]
	if first, dup := rd.seen[ev.id]; dup {
		return fail(fID, "event id given again; first on line %d", first)
	}
	if why := input.CheckName(ev.id); why != "" || strings.ContainsRune(ev.id, ' ') {
		return fail(fID, "an event id is letters and digits, with no spaces or control characters")
	}
	var day time.Time
	var err error
	for _, layout := range dateLayouts {
		if day, err = time.Parse(layout, cell[fDate]); err == nil {
			break
		}
	}
	if err != nil {
		return fail(fDate, "want a date as YYYY-MM-DD, DD-MM-YYYY or 2 January 2006")
	}
	if day.Year() < 1 || day.Year() > 9999 {
		return fail(fDate, "year outside 1-9999")
	}
	if cell[fYear] != "" && cell[fYear] != strconv.Itoa(day.Year()) {
		return fail(fYear, "the year of event_date is %d", day.Year())
	}
	prec, err := strconv.Atoi(cell[fPrec])
	if err != nil || prec < 1 || prec > 3 {
		return fail(fPrec, "want 1 (the day), 2 (the week around it) or 3 (the month)")
	}
	ev.prec = prec
	ci := category(cell[fType], cell[fSub])
	if ci < 0 {
		if !eventTypeKnown(cell[fType]) {
			return fail(fType, "not an ACLED event type (Battles, Explosions/Remote violence, Violence against civilians, Protests, Riots, Strategic developments)")
		}
		return fail(fSub, "not a sub-event type of %s in ACLED's codebook", cell[fType])
	}
	ev.eventType, ev.subType, ev.says = categories[ci].event, categories[ci].sub, categories[ci].says
	ev.day = day
	ev.from, ev.until, ev.reported = dating(day, prec, ev.says == capture || ev.says == acquire)
	ev.disorder = cell[fDisorder]
	for i, f := range [2][3]int{{fActor1, fAssoc1, fInter1}, {fActor2, fAssoc2, fInter2}} {
		s := &ev.sides[i]
		s.actor = cell[f[0]]
		s.assoc = splitList(cell[f[1]])
		if s.actor == "" {
			if len(s.assoc) > 0 {
				return fail(f[1], "an associated actor without %s", columns[f[0]])
			}
			if cell[f[2]] != "" && cell[f[2]] != "0" {
				return fail(f[2], "an actor type without %s", columns[f[0]])
			}
			continue
		}
		if why := input.CheckName(s.actor); why != "" {
			return fail(f[0], "an actor's name %s", why)
		}
		for _, a := range s.assoc {
			if why := input.CheckName(a); why != "" {
				return fail(f[1], "the associated actor %q %s", input.Clip(a), why)
			}
		}
		if s.typ = actorType(cell[f[2]]); s.typ == 0 {
			return fail(f[2], "not an ACLED actor type: want 1-8 or its name (State forces, Rebel group, Political militia, Identity militia, Rioters, Protesters, Civilians, External/Other forces)")
		}
	}
	code := interactionCode(ev.sides[0].typ, ev.sides[1].typ)
	switch n, err := strconv.Atoi(cell[fInteraction]); {
	case cell[fInteraction] == "":
		ev.interaction = interactions[code]
	case err == nil:
		label, ok := interactions[n]
		if !ok {
			return fail(fInteraction, "not an interaction code of ACLED's codebook")
		}
		if n != code {
			return fail(fInteraction, "the actor types %d and %d make interaction %d", ev.sides[0].typ, ev.sides[1].typ, code)
		}
		ev.interaction = label
	default:
		if t1, t2, ok := interactionText(cell[fInteraction]); ok && interactionCode(t1, t2) != code {
			return fail(fInteraction, "names the actor types %s and %s; the row's are %s and %s", actorTypes[t1].name, typeName(t2),
				actorTypes[ev.sides[0].typ].name, typeName(ev.sides[1].typ))
		}
		ev.interaction = cell[fInteraction]
	}
	if ev.interaction == "" {
		ev.interaction = fmt.Sprintf("%s-%s", actorTypes[ev.sides[0].typ].name, actorTypes[ev.sides[1].typ].name)
	}
	for _, f := range []int{fCountry, fAdmin1, fAdmin2, fAdmin3, fLocation} {
		if cell[f] == "" {
			continue
		}
		if why := input.CheckName(cell[f]); why != "" {
			return fail(f, "a place's name %s", why)
		}
		ev.places = append(ev.places, cell[f])
		ev.placeLevels = append(ev.placeLevels, f)
	}
	if cell[fGeo] != "" {
		if ev.geo, err = strconv.Atoi(cell[fGeo]); err != nil || ev.geo < 1 || ev.geo > 3 {
			return fail(fGeo, "want 1 (a town), 2 (near a town, part of a region) or 3 (a larger part of a region)")
		}
	}
	ev.sources = splitList(cell[fSource])
	if len(ev.sources) == 0 {
		return fail(fSource, "names no source")
	}
	for _, s := range ev.sources {
		if why := input.CheckName(s); why != "" {
			return fail(fSource, "the source %q %s", input.Clip(s), why)
		}
	}
	ev.scale = cell[fScale]
	ev.notes = cell[fNotes]
	if !utf8.ValidString(ev.notes) || strings.ContainsRune(ev.notes, 0) {
		return fail(fNotes, "want UTF-8 text without NUL")
	}
	if ev.fatalities, err = strconv.ParseInt(cell[fFatalities], 10, 64); err != nil || ev.fatalities < 0 {
		return fail(fFatalities, "want a whole number, 0 or more")
	}
	if cell[fTimestamp] != "" {
		if _, err := strconv.ParseInt(cell[fTimestamp], 10, 64); err != nil {
			return fail(fTimestamp, "want a Unix time in seconds")
		}
	}
	return nil
}

// splitList splits a cell that names several actors or sources at ';', as
// acledR's acled_transform_longer does, dropping empty names and repeats.
func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ";") {
		if p = strings.TrimSpace(p); p != "" && !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	return out
}

// dating returns when an event dated day at ACLED time precision prec
// happened, and the date its sources reported it by. Precision 1 is the day,
// 3 the month. Precision 2 is the week around the day (ACLED codes the middle
// of the week a source names): the month when the week lies in one, so that
// the event possibly happened at any time of it; otherwise the span of its
// first and last days. An event that starts a state (a capture) cannot be
// given a span, as the state would end with it: it starts on the week's
// first day, and its claim's note says so. ACLED gives no report date for a
// source; its sources reported the event by the end of the period.
func dating(day time.Time, prec int, startsState bool) (from, until, reported graph.Date) {
	switch prec {
	case 2:
		first, last := graph.DateOf(day.AddDate(0, 0, -3)), graph.DateOf(day.AddDate(0, 0, 3))
		switch {
		case day.AddDate(0, 0, -3).Month() == day.AddDate(0, 0, 3).Month():
			m := graph.Month(day.Year(), day.Month())
			return m, graph.Date{}, m
		case startsState:
			return first, graph.Date{}, last
		}
		return first, last, last
	case 3:
		m := graph.Month(day.Year(), day.Month())
		return m, graph.Date{}, m
	}
	d := graph.DateOf(day)
	return d, graph.Date{}, d
}

// segment escapes s to be one segment of an IRI's path.
func segment(s string) string { return url.PathEscape(s) }
