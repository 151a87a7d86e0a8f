package graph

import (
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"math"
	"slices"
	"strconv"
	"sync"
	"unicode/utf8"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/actorgraph/actorgraph/schema"
)

// Tx is a write batch. Its methods validate each write against the vocabulary
// and the graph as it will be (the graph plus the batch so far) and return the
// first problem found; nothing reaches the store until the batch's function
// returns nil. A Tx is only valid inside the function given to [Graph.Write].
type Tx struct {
	ctx      context.Context
	g        *Graph
	quads    []quad.Quad
	seen     batchSeen // the batch's quads, on backends that do not drop repeats
	preds    map[quad.Value]quad.Value
	entities map[schema.IRI]Entity // added in this batch
	claims   map[schema.IRI]Claim  // added in this batch
	r        *reader               // reads the committed graph
	done     bool
}

// Write runs fn with a new batch and applies the batch atomically when fn
// returns nil: either every write of the batch is in the graph afterwards, or,
// when fn or a write fails, none is. Write batches run one at a time; readers
// are blocked only while a batch is applied. fn may read from g (it sees the graph
// without the batch) but must not call g.Write.
func (g *Graph) Write(ctx context.Context, fn func(tx *Tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	g.writeMu.Lock()
	defer g.writeMu.Unlock()
	tx := &Tx{ctx: ctx, g: g, preds: map[quad.Value]quad.Value{},
		entities: map[schema.IRI]Entity{}, claims: map[schema.IRI]Claim{}, r: newReader(ctx, g)}
	tx.r.private = true
	defer func() { tx.done = true }()
	if err := fn(tx); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.closed {
		return ErrClosed
	}
	if len(tx.quads) == 0 {
		return nil
	}
	if g.index != nil && g.qs == nil {
		g.index.adopt(tx.quads) // the batch is done with its quads
		return nil
	}
	// In memory, once QuadStore has built a memstore, the memstore and the
	// index take the batch side by side. The memstore cannot refuse a batch of
	// additions with IgnoreDup (it checks only deletions), so the index never
	// holds what the store lacks.
	var wg sync.WaitGroup
	if g.index != nil {
		wg.Go(func() { g.index.addAll(tx.quads) })
	}
	err := g.qs.ApplyDeltas(additions(tx.quads), cgraph.IgnoreOpts{IgnoreDup: true})
	wg.Wait()
	if err != nil {
		return fmt.Errorf("graph: applying batch of %d quads: %w", len(tx.quads), err)
	}
	return nil
}

// additions returns the deltas that add qs.
func additions(qs []quad.Quad) []cgraph.Delta {
	deltas := make([]cgraph.Delta, len(qs))
	for i, q := range qs {
		deltas[i] = cgraph.Delta{Quad: q, Action: cgraph.Add}
	}
	return deltas
}

func (tx *Tx) add(s, p, o, label quad.Value) {
	// A batch names a handful of predicates many times over: keeping one
	// boxed value of each lets the rest go, 16 bytes a quad.
	if v, ok := tx.preds[p]; ok {
		p = v
	} else {
		tx.preds[p] = p
	}
	q := quad.Quad{Subject: s, Predicate: p, Object: o, Label: label}
	if tx.g.index != nil {
		// In memory both the memstore and the index drop duplicates; the
		// other backends count a quad added twice in one batch twice.
		tx.quads = append(tx.quads, q)
		return
	}
	if tx.seen.add(tx.quads, q) {
		tx.quads = append(tx.quads, q)
	}
}

// batchSeen tells which quads a batch holds already, by a 64-bit hash of each
// quad and the index of the first quad with that hash: 12 bytes a quad where a
// set of quads costs a 64-byte key and its hash table's slack.
type batchSeen struct {
	seed  maphash.Seed
	first map[uint64]int32
	more  map[quad.Quad]bool // quads whose hash another, different quad has
}

// add reports whether q is new to quads, the batch so far, and records it
// as the quad that will be appended at len(quads).
func (b *batchSeen) add(quads []quad.Quad, q quad.Quad) bool {
	if b.first == nil {
		b.seed, b.first = maphash.MakeSeed(), map[uint64]int32{}
	}
	h := maphash.Comparable(b.seed, q)
	i, ok := b.first[h]
	switch {
	case !ok:
		b.first[h] = int32(len(quads))
		return true
	case quads[i] == q || b.more[q]:
		return false
	}
	if b.more == nil {
		b.more = map[quad.Quad]bool{}
	}
	b.more[q] = true
	return true
}

// lookup reads the committed graph. It needs no lock: Write holds writeMu for
// the whole batch, and only a commit, which needs writeMu too, changes the
// store, so the store stands still for the batch's life and readers only read.
// For the same reason tx.r's caches stay true until the batch commits.
func (tx *Tx) lookup(fn func(r *reader) error) error {
	if tx.g.closed {
		return ErrClosed
	}
	return fn(tx.r)
}

func (tx *Tx) usable() error {
	if tx.done {
		return errors.New("graph: Tx used after its Write returned")
	}
	return tx.ctx.Err()
}

// entity returns the entity id as the batch sees it.
func (tx *Tx) entity(id schema.IRI) (e Entity, ok bool, err error) {
	if e, ok := tx.entities[id]; ok {
		return e, true, nil
	}
	err = tx.lookup(func(r *reader) error {
		e, ok, err = r.entity(id)
		return err
	})
	return e, ok, err
}

func (tx *Tx) claimExists(id schema.IRI) (c Claim, ok bool, err error) {
	if c, ok := tx.claims[id]; ok {
		return c, true, nil
	}
	err = tx.lookup(func(r *reader) error {
		c, ok, err = r.claim(id)
		return err
	})
	return c, ok, err
}

// validText reports whether every s is valid UTF-8: the exports write UTF-8,
// and a string that is not would not come back the same.
func validText(ss ...string) bool {
	for _, s := range ss {
		if !utf8.ValidString(s) {
			return false
		}
	}
	return true
}

func checkIRI(what string, id schema.IRI) error {
	if !schema.IsAbsolute(string(id)) || !utf8.ValidString(string(id)) {
		return fmt.Errorf("graph: %s %q is not an absolute IRI: %w", what, id, ErrInvalid)
	}
	return nil
}

// AddEntity adds e: its kinds, name, aliases, sameAs links and description.
// Adding an entity that exists is allowed when its kinds and name are the same;
// new aliases and links are merged. Kinds must be in the vocabulary.
func (tx *Tx) AddEntity(e Entity) error {
	if err := tx.usable(); err != nil {
		return err
	}
	if err := checkIRI("entity ID", e.ID); err != nil {
		return err
	}
	if !validText(e.Name, e.Description) || slices.ContainsFunc(e.Aliases, func(a Alias) bool { return !validText(a.Name, a.Lang) }) {
		return fmt.Errorf("graph: entity %s: a name, alias or description is not valid UTF-8: %w", e.ID, ErrInvalid)
	}
	if e.Name == "" || foldName(e.Name) == "" {
		return fmt.Errorf("graph: entity %s: name %q has no letters or digits: %w", e.ID, e.Name, ErrInvalid)
	}
	if len(e.Kinds) == 0 {
		return fmt.Errorf("graph: entity %s (%s): no kind given: %w", e.ID, e.Name, ErrInvalid)
	}
	v := tx.g.vocab
	for _, k := range e.Kinds {
		if _, ok := v.Kind(k); !ok {
			return fmt.Errorf("graph: entity %s (%s): kind %q: %w", e.ID, e.Name, k, ErrUnknownTerm)
		}
		if k == schema.ClaimKind {
			return fmt.Errorf("graph: entity %s (%s): kind Claim is for claims; use AddClaim: %w", e.ID, e.Name, ErrInvalid)
		}
	}
	for _, a := range e.Aliases {
		if foldName(a.Name) == "" {
			return fmt.Errorf("graph: entity %s (%s): alias %q has no letters or digits: %w", e.ID, e.Name, a.Name, ErrInvalid)
		}
	}
	for _, s := range e.SameAs {
		if err := checkIRI("entity "+string(e.ID)+" sameAs", s); err != nil {
			return err
		}
	}
	old, exists, err := tx.entity(e.ID)
	if err != nil {
		return err
	}
	kinds := slices.Clone(e.Kinds)
	slices.Sort(kinds)
	kinds = slices.Compact(kinds)
	if exists {
		if old.Name != e.Name || !slices.Equal(old.Kinds, kinds) {
			return fmt.Errorf("graph: entity %s is already %q of kinds %v; cannot add it as %q of kinds %v: %w",
				e.ID, old.Name, v.KindNames(old.Kinds), e.Name, v.KindNames(kinds), ErrConflict)
		}
		if old.Description != "" && e.Description != "" && old.Description != e.Description {
			return fmt.Errorf("graph: entity %s (%s) already has another description: %w", e.ID, e.Name, ErrConflict)
		}
	}
	s := iri(e.ID)
	for _, k := range kinds {
		tx.add(s, iri(schema.Type), iri(schema.IRI(k)), nil)
	}
	tx.add(s, iri(schema.Name), quad.String(e.Name), nil)
	tx.add(s, iri(schema.NameKey), quad.String(foldName(e.Name)), nil)
	merged := old
	merged.ID, merged.Name, merged.Kinds = e.ID, e.Name, kinds
	for _, a := range e.Aliases {
		tx.add(s, iri(schema.AltName), aliasValue(a), nil)
		tx.add(s, iri(schema.NameKey), quad.String(foldName(a.Name)), nil)
		if !slices.Contains(merged.Aliases, a) {
			merged.Aliases = append(merged.Aliases, a)
		}
	}
	for _, o := range e.SameAs {
		tx.add(s, iri(schema.SameAs), iri(o), nil)
	}
	if e.Description != "" {
		tx.add(s, iri(schema.Description), quad.String(e.Description), nil)
		merged.Description = e.Description
	}
	tx.entities[e.ID] = merged
	return nil
}

func aliasValue(a Alias) quad.Value {
	if a.Lang != "" {
		return quad.LangString{Value: quad.String(a.Name), Lang: a.Lang}
	}
	return quad.String(a.Name)
}

// AddClaim adds the claim c. Its source (and via, if given) must be entities of
// the graph or the batch; Reported is required; dates must be valid and
// ValidFrom must not come after ValidUntil. Adding a claim again is allowed
// when it is the same.
func (tx *Tx) AddClaim(c Claim) error {
	if err := tx.usable(); err != nil {
		return err
	}
	if err := checkIRI("claim ID", c.ID); err != nil {
		return err
	}
	fail := func(format string, args ...any) error {
		return fmt.Errorf("graph: claim %s: "+format, append([]any{c.ID}, args...)...)
	}
	if c.Source.ID == "" {
		return fail("no source: %w", ErrInvalid)
	}
	if !validText(c.Quote, c.Note) {
		return fail("quote or note is not valid UTF-8: %w", ErrInvalid)
	}
	for _, end := range []struct {
		what string
		id   schema.IRI
	}{{"source", c.Source.ID}, {"via", c.Via.ID}} {
		if end.id == "" {
			continue
		}
		if _, ok, err := tx.entity(end.id); err != nil {
			return err
		} else if !ok {
			return fail("%s %s is not an entity of the graph: %w", end.what, end.id, ErrDangling)
		}
	}
	if c.Reported.IsZero() {
		return fail("no reported date: %w", ErrInvalid)
	}
	for _, d := range []struct {
		what string
		d    Date
	}{{"reported", c.Reported}, {"validFrom", c.ValidFrom}, {"validUntil", c.ValidUntil}} {
		if err := d.d.Valid(); err != nil {
			return fail("%s: %v: %w", d.what, err, ErrInvalid)
		}
	}
	if !c.ValidFrom.IsZero() && !c.ValidUntil.IsZero() && c.ValidUntil.End().Before(c.ValidFrom.End()) {
		return fail("validFrom %s is after validUntil %s: %w", c.ValidFrom, c.ValidUntil, ErrInvalid)
	}
	if c.Stance != Asserted && c.Stance != Denied {
		return fail("stance %d is neither Asserted nor Denied: %w", c.Stance, ErrInvalid)
	}
	if math.IsNaN(c.Confidence) || c.Confidence < 0 || c.Confidence > 1 {
		return fail("confidence %v is outside [0, 1]: %w", c.Confidence, ErrInvalid)
	}
	old, exists, err := tx.claimExists(c.ID)
	if err != nil {
		return err
	}
	if exists && !sameClaim(old, c) {
		return fail("already added with other content: %w", ErrConflict)
	}
	s := iri(c.ID)
	tx.add(s, iri(schema.Type), iri(schema.IRI(schema.ClaimKind)), nil)
	tx.add(s, iri(schema.Source), iri(c.Source.ID), nil)
	if c.Via.ID != "" {
		tx.add(s, iri(schema.Via), iri(c.Via.ID), nil)
	}
	stance := schema.Asserted
	if c.Stance == Denied {
		stance = schema.Denied
	}
	tx.add(s, iri(schema.Stance), iri(stance), nil)
	tx.add(s, iri(schema.Reported), toQuad(c.Reported), nil)
	if !c.ValidFrom.IsZero() {
		tx.add(s, iri(schema.ValidFrom), toQuad(c.ValidFrom), nil)
	}
	if !c.ValidUntil.IsZero() {
		tx.add(s, iri(schema.ValidUntil), toQuad(c.ValidUntil), nil)
	}
	if c.Quote != "" {
		tx.add(s, iri(schema.Quote), quad.String(c.Quote), nil)
	}
	if c.Note != "" {
		tx.add(s, iri(schema.Note), quad.String(c.Note), nil)
	}
	if c.Confidence != 0 {
		tx.add(s, iri(schema.Confidence), quad.TypedString{
			Value: quad.String(strconv.FormatFloat(c.Confidence, 'f', -1, 64)), Type: quad.IRI(schema.XSDDecimal)}, nil)
	}
	tx.claims[c.ID] = c
	return nil
}

func sameClaim(a, b Claim) bool {
	return a.Source.ID == b.Source.ID && a.Via.ID == b.Via.ID && a.Stance == b.Stance &&
		a.Reported == b.Reported && a.ValidFrom == b.ValidFrom && a.ValidUntil == b.ValidUntil &&
		a.Quote == b.Quote && a.Note == b.Note && a.Confidence == b.Confidence
}

// Assert adds the fact f, labelled with its claim. The relation must be in the
// vocabulary (ErrUnknownTerm), the subject of its domain (ErrDomain), the object
// of its range (ErrRange); subject, object and claim must exist (ErrDangling).
func (tx *Tx) Assert(f Fact) error {
	if err := tx.usable(); err != nil {
		return err
	}
	v := tx.g.vocab
	def, ok := v.Relation(f.Relation)
	if !ok {
		return fmt.Errorf("graph: fact %s %s %s: relation %q: %w", f.Subject, f.Relation, f.Object, f.Relation, ErrUnknownTerm)
	}
	where := fmt.Sprintf("graph: fact %s %s %s", f.Subject, def.Name, f.Object)
	if _, err := tx.endpoint(where, "subject", f.Subject, def.Domain, ErrDomain); err != nil {
		return err
	}
	if _, err := tx.endpoint(where, "object", f.Object, def.Range, ErrRange); err != nil {
		return err
	}
	if err := tx.claimFor(where, f.Claim); err != nil {
		return err
	}
	tx.add(iri(f.Subject), iri(schema.IRI(f.Relation)), iri(f.Object), iri(f.Claim))
	tx.add(iri(f.Subject), iri(schema.SubjectOf), iri(f.Claim), nil)
	return nil
}

// AssertAttribute adds the attribute fact f, labelled with its claim. The
// attribute must be in the vocabulary, the subject of its domain and the value
// of its datatype.
func (tx *Tx) AssertAttribute(f AttributeFact) error {
	if err := tx.usable(); err != nil {
		return err
	}
	v := tx.g.vocab
	def, ok := v.Attribute(f.Attribute)
	if !ok {
		return fmt.Errorf("graph: attribute fact %s %s: attribute %q: %w", f.Subject, f.Attribute, f.Attribute, ErrUnknownTerm)
	}
	where := fmt.Sprintf("graph: attribute fact %s %s", f.Subject, def.Name)
	if f.Value == nil {
		return fmt.Errorf("%s: no value: %w", where, ErrInvalid)
	}
	if f.Value.Datatype() != def.Datatype {
		return fmt.Errorf("%s: value %q is %v; the attribute takes %v: %w", where, f.Value, f.Value.Datatype(), def.Datatype, ErrRange)
	}
	if err := validValue(f.Value); err != nil {
		return fmt.Errorf("%s: %v: %w", where, err, ErrInvalid)
	}
	if _, err := tx.endpoint(where, "subject", f.Subject, def.Domain, ErrDomain); err != nil {
		return err
	}
	if err := tx.claimFor(where, f.Claim); err != nil {
		return err
	}
	tx.add(iri(f.Subject), iri(schema.IRI(f.Attribute)), toQuad(f.Value), iri(f.Claim))
	tx.add(iri(f.Subject), iri(schema.SubjectOf), iri(f.Claim), nil)
	if f.Attribute == schema.AlternateName {
		tx.add(iri(f.Subject), iri(schema.NameKey), quad.String(foldName(f.Value.String())), nil)
	}
	return nil
}

func validValue(v Value) error {
	switch v := v.(type) {
	case Date:
		if v.IsZero() {
			return errors.New("unknown date")
		}
		return v.Valid()
	case IntRange:
		if v.Low > v.High {
			return fmt.Errorf("range %s: low bound is above high bound", v)
		}
	case Text:
		if v == "" {
			return errors.New("empty text")
		}
		if !utf8.ValidString(string(v)) {
			return errors.New("text is not valid UTF-8")
		}
	}
	return nil
}

func (tx *Tx) endpoint(where, what string, id schema.IRI, want schema.Kind, wrongKind error) (Entity, error) {
	if err := checkIRI(what, id); err != nil {
		return Entity{}, fmt.Errorf("%s: %w", where, err)
	}
	e, ok, err := tx.entity(id)
	if err != nil {
		return Entity{}, err
	}
	if !ok {
		return Entity{}, fmt.Errorf("%s: %s %s is not an entity of the graph: %w", where, what, id, ErrDangling)
	}
	if !e.Is(tx.g.vocab, want) {
		v := tx.g.vocab
		return Entity{}, fmt.Errorf("%s: %s %s (%s) is %v, not %s: %w",
			where, what, e.Name, id, v.KindNames(e.Kinds), v.KindName(want), wrongKind)
	}
	return e, nil
}

func (tx *Tx) claimFor(where string, id schema.IRI) error {
	if err := checkIRI("claim", id); err != nil {
		return fmt.Errorf("%s: %w", where, err)
	}
	if _, ok, err := tx.claimExists(id); err != nil {
		return err
	} else if !ok {
		return fmt.Errorf("%s: claim %s is not in the graph: %w", where, id, ErrDangling)
	}
	return nil
}
