package wikidata

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/importer/internal/input"
	"github.com/actorgraph/actorgraph/loader"
	"github.com/actorgraph/actorgraph/schema"
)

// Why a record was skipped. Each skipped record is listed in Stats.Skipped as
// a *loader.Error wrapping one of these.
var (
	// ErrNoKind: the item is an instance of no class the Kinds table maps.
	ErrNoKind = errors.New("no instance of (P31) maps to a kind")
	// ErrUnresolved: the statement names an item that is neither in the
	// load nor in the graph.
	ErrUnresolved = errors.New("names an item neither loaded nor in the graph")
	// ErrUnsupported: the statement's value cannot be written: no value or
	// an unknown one, a time coarser than a year, ends that no relation
	// takes.
	ErrUnsupported = errors.New("cannot be written")
)

// Default limits.
const (
	DefaultMaxEntities = 10_000_000
	DefaultMaxBytes    = 64 << 30
)

// Option configures Load. Options are values of this package only.
type Option interface{ apply(*options) }

type optionFunc func(*options)

func (f optionFunc) apply(o *options) { f(o) }

type options struct {
	kinds       Kinds
	langs       []string
	maxEntities int
	maxBytes    int64
}

// WithKinds gives the table of classes that decides items' kinds, in place
// of DefaultKinds. Start from DefaultKinds to extend it.
func WithKinds(k Kinds) Option {
	return optionFunc(func(o *options) { o.kinds = k })
}

// WithLanguages gives the languages, in order of preference, whose label
// becomes an entity's name (default "en"; then "mul", then the first language
// in alphabetical order). Every other label is an alias.
func WithLanguages(langs ...string) Option {
	return optionFunc(func(o *options) { o.langs = slices.Clone(langs) })
}

// MaxEntities bounds the number of entities one load reads (DefaultMaxEntities).
func MaxEntities(n int) Option { return optionFunc(func(o *options) { o.maxEntities = n }) }

// MaxBytes bounds the size of the input (DefaultMaxBytes).
func MaxBytes(n int64) Option { return optionFunc(func(o *options) { o.maxBytes = n }) }

// Stats counts what a load read and wrote.
type Stats struct {
	Items      int // entities read
	Entities   int // entities written: items, references, and Wikidata itself
	Aliases    int // aliases of the items written (labels in other languages and aliases)
	Claims     int
	Facts      int // relation facts
	Attributes int // attribute facts
	// Skipped lists, in input order, the items and statements the load left
	// out, each with its position and why (ErrNoKind, ErrUnresolved,
	// ErrUnsupported).
	Skipped []*loader.Error
}

// Load reads Wikidata entity JSON from r into g in one atomic batch: when it
// returns an error, g is as it was. name is used in error positions.
//
// r holds a dump (a JSON array with one entity a line, as
// latest-all.json is), one entity document, wbgetentities' envelope
// ({"entities": {...}}), or a sequence of those (JSON lines). g's vocabulary
// must hold the importer's terms (see Vocabulary). See the package
// documentation for what is read and how.
//
// Errors are *loader.Error values giving the line, column and field; they
// wrap loader.ErrSyntax for input that is not entity JSON, or a graph
// sentinel for a write the graph refused.
func Load(ctx context.Context, g *graph.Graph, name string, r io.Reader, opts ...Option) (Stats, error) {
	o := options{kinds: DefaultKinds(), langs: []string{"en"}, maxEntities: DefaultMaxEntities, maxBytes: DefaultMaxBytes}
	for _, opt := range opts {
		opt.apply(&o)
	}
	v := g.Vocabulary()
	if !input.HasTerms(v, Terms()) {
		return Stats{}, fmt.Errorf("wikidata: the graph's vocabulary lacks the importer's terms; open it with graph.WithVocabulary(wikidata.Vocabulary(...)): %w", graph.ErrUnknownTerm)
	}
	for qid, k := range o.kinds {
		if _, ok := v.Kind(k); !ok {
			return Stats{}, fmt.Errorf("wikidata: WithKinds: %s maps to %q, which the graph's vocabulary does not define: %w", qid, k, graph.ErrUnknownTerm)
		}
	}
	rd := &reader{file: name, opts: o, items: map[string]*item{}, lineOf: map[string]int{}}
	if err := rd.read(ctx, r); err != nil {
		return Stats{}, err
	}
	w := &writer{rd: rd, v: v, ends: map[string][]schema.Kind{}}
	if err := w.resolve(ctx, g); err != nil {
		return Stats{}, err
	}
	if err := g.Write(ctx, w.write); err != nil {
		return Stats{}, err
	}
	w.stats.Items = len(rd.order) + rd.skippedItems
	w.stats.Skipped = append(rd.skipped, w.stats.Skipped...)
	sort.SliceStable(w.stats.Skipped, func(i, j int) bool {
		a, b := w.stats.Skipped[i], w.stats.Skipped[j]
		return a.Line < b.Line || a.Line == b.Line && a.Column < b.Column
	})
	return w.stats, nil
}

// item is an entity read, with the statements the load writes.
type item struct {
	qid      string
	at       input.Place
	entity   graph.Entity
	rev      string     // the revision its claims are named by
	modified graph.Date // the day of its revision; zero if not given
	stmts    []stmt
	exists   bool // the graph holds it already
}

// stmt is a statement (or a qualifier of one) to write as a fact.
type stmt struct {
	at          input.Place
	claim       string // the claim's IRI, less the part naming its source
	prop        string // P571, P576, P1365, P1366
	qualifier   bool   // P1365 or P1366 as a qualifier of another statement
	object      string // the QID, for a succession
	value       graph.Date
	deprecated  bool
	preferred   bool
	from, until graph.Date
	refs        []reference
	context     string // for a qualifier: the statement it qualifies, "P39 Q218295"
}

// reader reads the entities of one input.
type reader struct {
	file         string
	opts         options
	lines        input.Lines
	items        map[string]*item
	lineOf       map[string]int // the line of every entity read, by id
	order        []string
	skipped      []*loader.Error
	skippedItems int
}

// feeder feeds what it reads to a Lines, so that offsets become lines.
type feeder struct {
	r     io.Reader
	lines *input.Lines
	left  int64
	hit   bool
}

func (f *feeder) Read(b []byte) (int, error) {
	if f.left <= 0 {
		var one [1]byte
		if n, _ := f.r.Read(one[:]); n > 0 {
			f.hit = true
		}
		return 0, io.EOF
	}
	if int64(len(b)) > f.left {
		b = b[:f.left]
	}
	n, err := f.r.Read(b)
	f.lines.Feed(b[:n])
	f.left -= int64(n)
	return n, err
}

func (rd *reader) place(off int64, field, text string) input.Place {
	line, col := rd.lines.Position(off)
	return input.Place{File: rd.file, Line: line, Column: col, Field: field, Text: text}
}

// jsonError places an error of encoding/json at its offset, base being the
// offset of the value the decoder read.
func (rd *reader) jsonError(base int64, field string, err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		// Offset counts the bytes read up to and including the bad one.
		return rd.place(base+max(se.Offset-1, 0), field, "").Fail("%v", se)
	case errors.As(err, &te):
		if te.Field != "" {
			field = input.FieldPath(field, te.Field)
		}
		return rd.place(base+max(te.Offset-1, 0), field, "").Fail("want a JSON %s here, not %s", te.Type, te.Value)
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return rd.place(rd.lines.Len(), field, "").Fail("the input ends inside a JSON value")
	}
	return err
}

func (rd *reader) read(ctx context.Context, r io.Reader) error {
	f := &feeder{r: r, lines: &rd.lines, left: rd.opts.maxBytes}
	br := bufio.NewReaderSize(f, 64<<10)
	tooLong := func() error {
		return &loader.Error{File: rd.file, Err: fmt.Errorf("input longer than %d bytes: the MaxBytes limit: %w", rd.opts.maxBytes, loader.ErrSyntax)}
	}
	var first byte
	for {
		c, err := br.ReadByte()
		if err == io.EOF {
			if f.hit {
				return tooLong()
			}
			return rd.place(0, "", "").Fail("the input is empty; want Wikidata entity JSON")
		}
		if err != nil {
			return err
		}
		if c != ' ' && c != '\t' && c != '\r' && c != '\n' {
			first = c
			br.UnreadByte()
			break
		}
	}
	dec := json.NewDecoder(br)
	dec.UseNumber()
	if first == '[' {
		if _, err := dec.Token(); err != nil {
			return rd.jsonError(0, "", err) // a Decoder's offsets count from the start of the stream
		}
	}
	for n := 0; ; n++ {
		if first == '[' && !dec.More() {
			if _, err := dec.Token(); err != nil {
				return rd.jsonError(0, "", err)
			}
			next := dec.InputOffset() + spaces(dec.Buffered())
			if _, err := dec.Token(); err != io.EOF {
				return rd.place(next, "", "").Fail("more after the array of entities")
			}
			break
		}
		if n%256 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		var raw json.RawMessage
		err := dec.Decode(&raw)
		if f.hit {
			return tooLong()
		}
		if err == io.EOF && first != '[' {
			break
		}
		if err != nil {
			return rd.jsonError(0, fmt.Sprintf("[%d]", n), err)
		}
		start := dec.InputOffset() - int64(len(raw))
		if err := rd.document(raw, start); err != nil {
			return err
		}
		rd.lines.Forget(start)
	}
	if f.hit {
		return tooLong()
	}
	return nil
}

// spaces returns how many bytes of JSON white space (and commas) r starts with.
func spaces(r io.Reader) int64 {
	var n int64
	b := make([]byte, 1)
	for {
		if _, err := r.Read(b); err != nil || !strings.ContainsRune(" \t\r\n,", rune(b[0])) {
			return n
		}
		n++
	}
}

// document reads one top-level value: an entity, or wbgetentities' envelope.
func (rd *reader) document(raw json.RawMessage, start int64) error {
	if len(raw) == 0 || raw[0] != '{' {
		return rd.place(start, "", "").Fail("want an entity object, or an array of them")
	}
	var probe struct {
		Entities json.RawMessage `json:"entities"`
		ID       string          `json:"id"`
	}
	if err := json.Unmarshal(raw, &probe); err != nil {
		return rd.jsonError(start, "", err)
	}
	if probe.Entities == nil || probe.ID != "" {
		return rd.entity(raw, start)
	}
	// The envelope: walk "entities" token by token, to know where each is.
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if _, err := dec.Token(); err != nil {
		return rd.jsonError(start, "", err)
	}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return rd.jsonError(start, "", err)
		}
		if key != "entities" {
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return rd.jsonError(start, fmt.Sprint(key), err)
			}
			continue
		}
		if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
			return rd.place(start+dec.InputOffset(), "entities", "").Fail("want an object of entities by id")
		}
		for dec.More() {
			if _, err := dec.Token(); err != nil {
				return rd.jsonError(start, "entities", err)
			}
			var e json.RawMessage
			if err := dec.Decode(&e); err != nil {
				return rd.jsonError(start, "entities", err)
			}
			if err := rd.entity(e, start+dec.InputOffset()-int64(len(e))); err != nil {
				return err
			}
		}
		if _, err := dec.Token(); err != nil {
			return rd.jsonError(start, "entities", err)
		}
	}
	return nil
}

// entity reads one entity that starts at offset start.
func (rd *reader) entity(raw json.RawMessage, start int64) error {
	if len(rd.order)+rd.skippedItems >= rd.opts.maxEntities {
		return rd.place(start, "", "").Fail("more than %d entities: the MaxEntities limit", rd.opts.maxEntities)
	}
	var e entityJSON
	if err := json.Unmarshal(raw, &e); err != nil {
		return rd.jsonError(start, "", err)
	}
	at := rd.place(start, e.ID, "")
	switch {
	case e.ID == "":
		return at.Fail("an entity with no id")
	case e.Type != "" && e.Type != "item" || !isQID(e.ID):
		if e.Type == "item" {
			return at.Fail("an item's id is Q and digits")
		}
		rd.skippedItems++
		rd.skipped = append(rd.skipped, rd.skip(at, ErrNoKind, "a %s, not an item", cmpOr(e.Type, "entity")))
		return nil
	}
	if line, dup := rd.lineOf[e.ID]; dup {
		return at.Fail("entity given again; first on line %d", line)
	}
	rd.lineOf[e.ID] = at.Line
	if e.Claims == nil {
		e.Claims = e.Statements
	}
	it := &item{qid: e.ID, at: at}
	switch {
	case e.LastRevID > 0:
		it.rev = strconv.FormatInt(e.LastRevID, 10)
	case e.Modified != "":
		it.rev = strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, e.Modified)
	}
	if e.Modified != "" {
		t, err := time.Parse(time.RFC3339, e.Modified)
		if err != nil {
			return rd.place(start+fieldOffset(raw, `"modified"`), e.ID+".modified", e.Modified).Fail("want an RFC 3339 time")
		}
		it.modified = graph.DateOf(t)
	}
	kinds := rd.kinds(e)
	if len(kinds) == 0 {
		rd.skippedItems++
		var classes []string
		for _, s := range e.Claims["P31"] {
			if q := s.Mainsnak.item(); q != "" && s.Rank != "deprecated" {
				classes = append(classes, q)
			}
		}
		rd.skipped = append(rd.skipped, rd.skip(at, ErrNoKind, "instance of %v", classes))
		return nil
	}
	it.entity = graph.Entity{ID: schema.IRI(EntityBase + e.ID), Kinds: kinds}
	rd.names(it, e)
	if it.rev == "" {
		return at.Fail("an entity with neither lastrevid nor modified: its claims could not be named")
	}
	props := make([]string, 0, len(e.Claims))
	for p := range e.Claims {
		props = append(props, p)
	}
	slices.Sort(props)
	offsets := statementOffsets(raw, e.ID)
	for _, p := range props {
		for i, s := range e.Claims[p] {
			rd.statement(it, offsets, start, p, i, s)
		}
	}
	rd.items[e.ID] = it
	rd.order = append(rd.order, e.ID)
	return nil
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// skip returns a skipped record's entry.
func (rd *reader) skip(at input.Place, why error, format string, args ...any) *loader.Error {
	return &loader.Error{File: at.File, Line: at.Line, Column: at.Column, Field: at.Field, Text: at.Text,
		Err: fmt.Errorf("%s: %w", fmt.Sprintf(format, args...), why)}
}

// statementOffsets returns where each statement id of the entity qid
// ("Q2112$5E1B...", "q7747$6C00..." too) stands in raw, found in one pass
// over the '$' bytes.
func statementOffsets(raw []byte, qid string) map[string]int64 {
	out := map[string]int64{}
	for from := 0; ; {
		i := bytes.IndexByte(raw[from:], '$')
		if i < 0 {
			return out
		}
		i += from
		from = i + 1
		q := i - len(qid) - 1 // the opening quote
		if q < 0 || raw[q] != '"' || !strings.EqualFold(string(raw[q+1:i]), qid) {
			continue
		}
		end := bytes.IndexByte(raw[i:], '"')
		if end < 0 {
			return out
		}
		id := string(raw[q+1 : i+end])
		if _, seen := out[id]; !seen {
			out[id] = int64(q)
		}
		from = i + end
	}
}

// fieldOffset returns the offset in raw of the first occurrence of needle, or 0.
func fieldOffset(raw []byte, needle string) int64 {
	if i := bytes.Index(raw, []byte(needle)); i >= 0 {
		return int64(i)
	}
	return 0
}

// kinds returns the kinds an entity's classes map to, without a kind another
// of them is below.
func (rd *reader) kinds(e entityJSON) []schema.Kind {
	var ks []schema.Kind
	for _, s := range e.Claims["P31"] {
		if s.Rank == "deprecated" {
			continue
		}
		if k, ok := rd.opts.kinds[s.Mainsnak.item()]; ok && !slices.Contains(ks, k) {
			ks = append(ks, k)
		}
	}
	slices.Sort(ks)
	return ks
}

// names sets an item's name, description and aliases from its labels and
// aliases in every language.
func (rd *reader) names(it *item, e entityJSON) {
	langs := make([]string, 0, len(e.Labels))
	for l := range e.Labels {
		langs = append(langs, l)
	}
	slices.Sort(langs)
	nameLang := ""
	for _, l := range append(append(slices.Clone(rd.opts.langs), "mul"), langs...) {
		if v, ok := e.Labels[l]; ok && input.CheckName(v.Value) == "" {
			nameLang = l
			break
		}
	}
	if nameLang == "" {
		it.entity.Name = e.ID
	} else {
		it.entity.Name = e.Labels[nameLang].Value
		if d, ok := e.Descriptions[nameLang]; ok && !strings.ContainsRune(d.Value, 0) {
			it.entity.Description = d.Value
		}
	}
	add := func(v, lang string) {
		if input.CheckName(v) != "" {
			return
		}
		if !graph.WellFormedLangTag(lang) {
			lang = ""
		}
		a := graph.Alias{Name: v, Lang: lang}
		if (lang == nameLang && v == it.entity.Name) || slices.Contains(it.entity.Aliases, a) {
			return
		}
		it.entity.Aliases = append(it.entity.Aliases, a)
	}
	for _, l := range langs {
		add(e.Labels[l].Value, l)
	}
	alangs := make([]string, 0, len(e.Aliases))
	for l := range e.Aliases {
		alangs = append(alangs, l)
	}
	slices.Sort(alangs)
	for _, l := range alangs {
		for _, a := range e.Aliases[l] {
			add(a.Value, l)
		}
	}
}

// statement notes the facts one statement gives, or why it gives none.
func (rd *reader) statement(it *item, offsets map[string]int64, start int64, prop string, i int, s statement) {
	field := input.FieldPath(it.qid, "claims", prop, fmt.Sprintf("[%d]", i))
	off := start + offsets[s.ID]
	at := rd.place(off, field, "")
	if s.Rank == "deprecated" && prop != "P571" && prop != "P576" && prop != "P1365" && prop != "P1366" {
		return // a deprecated statement's qualifiers say nothing the importer writes
	}
	base := stmt{at: at, claim: claimIRI(it, s, i), deprecated: s.Rank == "deprecated", preferred: s.Rank == "preferred", refs: s.References}
	skip := func(why error, format string, args ...any) {
		rd.skipped = append(rd.skipped, rd.skip(at, why, format, args...))
	}
	switch prop {
	case "P571", "P576":
		if s.Mainsnak.Snaktype != "value" {
			skip(ErrUnsupported, "%s has %s", prop, s.Mainsnak.Snaktype)
			return
		}
		d, ok, err := s.Mainsnak.date()
		if !ok || err != nil {
			skip(ErrUnsupported, "%s: %v", prop, cmpErr(err, "not a time"))
			return
		}
		st := base
		st.prop, st.value = prop, d
		it.stmts = append(it.stmts, st)
	case "P1365", "P1366":
		q := s.Mainsnak.item()
		if q == "" {
			skip(ErrUnsupported, "%s has %s, not an item", prop, s.Mainsnak.Snaktype)
			return
		}
		st := base
		st.prop, st.object = prop, q
		var err error
		if st.from, st.until, err = validity(s); err != nil {
			skip(ErrUnsupported, "%v", err)
			return
		}
		it.stmts = append(it.stmts, st)
	default:
		for _, qp := range []string{"P1365", "P1366"} {
			for j, qs := range s.Qualifiers[qp] {
				q := qs.item()
				if q == "" {
					skip(ErrUnsupported, "qualifier %s has %s, not an item", qp, qs.Snaktype)
					continue
				}
				st := base
				st.at.Field = input.FieldPath(field, "qualifiers", qp, fmt.Sprintf("[%d]", j))
				st.prop, st.object, st.qualifier = qp, q, true
				st.context = prop
				if v := s.Mainsnak.item(); v != "" {
					st.context += " " + v
				}
				from, until, err := validity(s)
				if err != nil {
					skip(ErrUnsupported, "%v", err)
					continue
				}
				// The succession happens where the subject's term starts
				// (replaces) or ends (replaced by).
				st.from = from
				if qp == "P1366" {
					st.from = until
				}
				it.stmts = append(it.stmts, st)
			}
		}
	}
}

func cmpErr(err error, def string) string {
	if err != nil {
		return err.Error()
	}
	return def
}

// validity returns a statement's start and end time qualifiers (P580, P582).
func validity(s statement) (from, until graph.Date, err error) {
	for _, q := range []struct {
		p string
		d *graph.Date
	}{{"P580", &from}, {"P582", &until}} {
		for _, sn := range s.Qualifiers[q.p] {
			d, ok, derr := sn.date()
			if derr != nil {
				return graph.Date{}, graph.Date{}, fmt.Errorf("qualifier %s: %v", q.p, derr)
			}
			if ok && (q.d.IsZero() || (q.p == "P580" && d.Before(*q.d)) || (q.p == "P582" && q.d.Before(d))) {
				*q.d = d
			}
		}
	}
	if !from.IsZero() && !until.IsZero() && until.End().Before(from.Start()) {
		return graph.Date{}, graph.Date{}, fmt.Errorf("start time %s is after end time %s", from, until)
	}
	return from, until, nil
}

// claimIRI names a statement's claims: the statement's IRI in Wikidata's RDF
// (its id with '$' as '-') and the entity's revision, so that loading a
// later revision adds its claims beside the earlier ones.
func claimIRI(it *item, s statement, i int) string {
	id := s.ID
	if id == "" {
		id = fmt.Sprintf("%s-%d", it.qid, i)
	}
	return StatementBase + url.PathEscape(strings.ReplaceAll(id, "$", "-")) + "#rev" + it.rev
}
