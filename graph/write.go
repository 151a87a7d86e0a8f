package graph

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"iter"
	"math"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/actorgraph/actorgraph/graph/internal/backend"
	"github.com/actorgraph/actorgraph/schema"
)

// Tx is a write batch. Its methods validate each write against the vocabulary
// and the graph as it will be (the graph plus the batch so far) and return the
// first problem found. A method that returns an error poisons the batch: Write
// then applies nothing and returns that error, even when the batch's function
// returns nil, and every later method returns it again. Nothing reaches the
// store until the batch's function returns. A Tx is only valid inside the
// function given to [Graph.Write], on that function's goroutine; once Write
// has returned, its methods return ErrTxDone.
type Tx struct {
	ctx context.Context
	g   *Graph
	// The batch's quads, as ids of its dictionary, which holds each value
	// they name once (see add); an empty index takes both over at commit.
	dict  dict
	quads batchQuads
	// The entities and claims the batch adds, by the id of their IRI, as
	// much of them as the batch's checks need.
	entities  map[uint32]batchEntity
	claims    map[uint32]batchClaim
	kindSets  [][]schema.Kind   // the distinct sets of kinds of entities
	kindIndex map[string]uint32 // kindSets by their kinds joined
	r         *reader           // reads the committed graph
	empty     bool              // the committed graph holds no quad: r finds nothing
	err       error             // the first write that failed: the batch is poisoned
	done      bool

	// Removals: quads of the committed graph to delete, and the entities and
	// claims the batch removes, which it no longer sees.
	removals        []quad.Quad
	removing        removalSet
	removedEntities map[schema.IRI]bool
	removedClaims   map[schema.IRI]bool
	// retraction and merge are set when the batch writes a retraction or
	// writes or removes a merge.
	retraction, merge bool

	// stream writes a first load into a key-value store while the batch is
	// built, from the first full chunk of quads on (see handOver): handed
	// is the number of chunks it has; noStream is set once the store said no.
	stream   backend.Stream
	handed   int
	noStream bool
	// lastLink is the last back link from a fact's subject to its claim the
	// batch wrote (see assert).
	lastLink encoded
}

// Write runs fn with a new batch and applies the batch atomically when fn
// returns nil and every write of the batch succeeded: either every write of
// the batch is in the graph afterwards, or none is. When fn returns an error,
// Write returns it; when fn returns nil but one of the batch's writes failed,
// Write returns that write's error, wrapped. Write batches run one at a time.
// fn may read from g (it sees the graph without the batch), but calling
// g.Write or g.Close from fn's goroutine returns ErrNestedWrite at once
// (calling them from another goroutine that fn waits for would deadlock).
//
// Cancelling ctx stops the batch, in fn or while it is applied to the store,
// and Write returns ctx's error with none of the batch written: on leveldb,
// bolt and PostgreSQL the store's transaction is rolled back. Only once that
// transaction has begun to commit does the batch go in whole whatever ctx
// does. Readers are never shown part of a batch. On leveldb and PostgreSQL
// they go on reading the graph as it was while a batch is applied, and wait
// only while its transaction commits; in memory and on bolt they wait while
// the batch is applied (bolt cannot grow its file while readers hold it).
func (g *Graph) Write(ctx context.Context, fn func(tx *Tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := g.lockWrite("Write"); err != nil {
		return err
	}
	defer g.writeMu.Unlock()
	tx := &Tx{ctx: ctx, g: g, dict: newDict(),
		entities: map[uint32]batchEntity{}, claims: map[uint32]batchClaim{}, r: newReader(ctx, g)}
	tx.r.private = true
	if _, ok := g.store.(streamer); ok {
		tx.quads.full = tx.handOver
	}
	defer func() {
		if tx.stream != nil {
			tx.stream.Abort() // a batch that did not commit; nothing once it has
		}
	}()
	// A graph that holds no quad need not be asked about each entity and
	// claim a first load adds. Where there is an index (in memory, and on a
	// file store the graph holds exclusively), the index holds what the
	// store holds.
	tx.empty = g.index != nil && g.index.live == 0
	if tx.empty && g.store == nil {
		// The vocabulary's quads commit with the first batch, at its end:
		// numbered first, their predicates keep the index's list of lists
		// by predicate short (it is as long as the highest predicate id).
		for _, q := range g.vocabUpdate.add {
			tx.encode(q)
		}
	}
	g.batch.Store(goroutineID())
	err := func() error {
		// Deferred, so that a panic in fn leaves the batch done too.
		defer func() {
			g.batch.Store(0)
			tx.done = true
		}()
		return fn(tx)
	}()
	tx.quads.full = nil
	if err != nil {
		return err
	}
	if tx.err != nil {
		return fmt.Errorf("graph: write batch not applied: one of its writes failed: %w", tx.err)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if g.closed { // Close waits for writeMu, which Write holds
		return ErrClosed
	}
	if len(tx.removals) > 0 && tx.stream != nil {
		// net may take quads the stream was handed out of the batch (and a
		// batch that removes quads is applied as cayley's deltas anyway).
		tx.stream.Abort()
		tx.stream = nil
	}
	removals := tx.net()
	// What the batch kept for its checks is done with: let it go before the
	// store or the index takes the quads (a million claims' worth).
	tx.entities, tx.claims, tx.kindSets, tx.kindIndex, tx.r = nil, nil, nil, nil, nil
	if tx.quads.n == 0 && len(removals) == 0 {
		return nil
	}
	// The terms the store lacks commit with the batch (vocabstore.go).
	for _, q := range g.vocabularyQuads(nil) {
		tx.quads.append(tx.encode(q))
	}
	removals = g.vocabularyRemovals(removals)
	// Set before the commit, so that no read sees a retraction or merge it
	// does not look for.
	if tx.retraction {
		g.retractions.Store(true)
	}
	if tx.merge {
		g.merges.Store(true)
	}
	if g.store != nil {
		if tx.stream != nil {
			for _, c := range tx.quads.chunks[tx.handed:] {
				tx.stream.Add(tx.dict.terms, chunkQuads(c))
			}
		}
		return g.commitDurable(ctx, removals, &tx.dict, &tx.quads, tx.stream)
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.closed {
		return ErrClosed
	}
	g.index.forgetMerges()
	if g.memstore == nil {
		g.index.removeAll(removals)
		g.index.adoptBatch(&tx.dict, &tx.quads) // the batch is done with both
		return nil
	}
	adds := tx.quads.decodeAll(&tx.dict)
	// In memory, once QuadStore has built a memstore, the memstore and the
	// index take the batch side by side. The memstore cannot refuse a batch of
	// additions with IgnoreDup (it checks only deletions), so the index never
	// holds what the store lacks.
	var wg sync.WaitGroup
	wg.Go(func() {
		g.index.removeAll(removals)
		g.index.addAll(adds)
	})
	err = g.memstore.ApplyDeltas(deltas(removals, adds), cgraph.IgnoreOpts{IgnoreDup: true, IgnoreMissing: true})
	wg.Wait()
	if err != nil {
		return fmt.Errorf("graph: applying batch of %d additions and %d removals: %w", len(adds), len(removals), err)
	}
	return nil
}

// net returns what the batch removes, and leaves in tx.quads what it adds: a
// quad it both removes and adds stays, so it is left out of both.
func (tx *Tx) net() (removals []quad.Quad) {
	if len(tx.removals) == 0 {
		return nil
	}
	readded := map[quad.Quad]bool{}
	tx.quads.filter(func(e encoded) bool {
		q := tx.dict.decode(e)
		if tx.removing[q] {
			readded[q] = true
			return false
		}
		return true
	})
	for _, q := range tx.removals {
		if !readded[q] {
			removals = append(removals, q)
		}
	}
	return removals
}

// lockWrite takes the write lock for call (Write or Close), or fails with
// ErrNestedWrite when the goroutine asking runs a batch's function, which
// holds the lock and would wait for itself.
func (g *Graph) lockWrite(call string) error {
	if g.writeMu.TryLock() {
		return nil
	}
	if b := g.batch.Load(); b != 0 && b == goroutineID() {
		return fmt.Errorf("graph: %s called inside a write batch's function: %w", call, ErrNestedWrite)
	}
	g.writeMu.Lock()
	return nil
}

// goroutineID returns the running goroutine's number, read from the first
// line of its stack trace ("goroutine 18 [running]:"), whose form has not
// changed since Go 1.0. Write uses it only to tell a nested call from another
// goroutine's, which must wait its turn.
func goroutineID() uint64 {
	var buf [64]byte
	b := buf[:runtime.Stack(buf[:], false)]
	b, _ = bytes.CutPrefix(b, []byte("goroutine "))
	if i := bytes.IndexByte(b, ' '); i > 0 {
		b = b[:i]
	}
	id, _ := strconv.ParseUint(string(b), 10, 64)
	return id
}

// deltas returns the deltas that delete removals and add adds.
func deltas(removals, adds []quad.Quad) []cgraph.Delta {
	out := make([]cgraph.Delta, 0, len(removals)+len(adds))
	for _, q := range removals {
		out = append(out, cgraph.Delta{Quad: q, Action: cgraph.Delete})
	}
	for _, q := range adds {
		out = append(out, cgraph.Delta{Quad: q, Action: cgraph.Add})
	}
	return out
}

func (tx *Tx) add(s, p, o, label quad.Value) {
	// A batch names its predicates, entities, claims and dates many times
	// over, each time in a new box (16 or 32 bytes): the batch's dictionary
	// keeps one boxed value of each and the quad names it by its id (16 bytes
	// a quad where four interface values take 64), so the rest can go.
	tx.addIDs(tx.encode(quad.Quad{Subject: s, Predicate: p, Object: o, Label: label}))
}

// streamer is a store that can write a first load while its batch is built
// (leveldb, which writes it as tables of its own); Stream returns nil when
// it cannot write this one.
type streamer interface {
	Stream(ctx context.Context) (backend.Stream, error)
}

// handOver hands the full chunk c of the batch's quads to the store's stream,
// opening it at the first: a large first load is written to the store's log
// while the batch's function goes on building it, on the other core. The
// stream reads c and the dictionary's terms so far, which no write of the
// batch changes (a chunk is full, and the dictionary only appends). A store
// that holds quads already, or fails to open a stream, takes the batch whole
// at commit instead.
func (tx *Tx) handOver(c []encoded) {
	if tx.noStream {
		return
	}
	if tx.stream == nil {
		s, err := tx.g.store.(streamer).Stream(tx.ctx)
		if err != nil || s == nil {
			tx.noStream = true // the commit meets the error again, if any
			return
		}
		tx.stream = s
	}
	tx.stream.Add(tx.dict.terms, chunkQuads(c))
	tx.handed++
}

// chunkQuads yields the quads of a chunk as their ids.
func chunkQuads(c []encoded) iter.Seq[[4]uint32] {
	return func(yield func([4]uint32) bool) {
		for _, e := range c {
			if !yield(e) {
				return
			}
		}
	}
}

// addIDs is add of the quad e, encoded by the batch's dictionary. A quad the
// batch adds twice is kept twice until the commit, where the index and every
// store take it once (see commitDurable).
func (tx *Tx) addIDs(e encoded) { tx.quads.append(e) }

// encode returns q as ids of the batch's dictionary, interning its values.
func (tx *Tx) encode(q quad.Quad) encoded {
	d := &tx.dict
	return encoded{d.intern(q.Subject), d.intern(q.Predicate), d.intern(q.Object), d.intern(q.Label)}
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

// usable reports whether the batch may take another write: it fails with
// ErrTxDone once Write has returned, with the batch's first error once a write
// has failed, and with the context's error once it is done.
func (tx *Tx) usable() error {
	if tx.done {
		return fmt.Errorf("graph: Tx used after its Write returned: %w", ErrTxDone)
	}
	if tx.err != nil {
		return fmt.Errorf("graph: write batch has already failed: %w", tx.err)
	}
	return tx.ctx.Err()
}

// fail records err as the batch's first error, poisoning it.
func (tx *Tx) fail(err error) error {
	if err != nil && tx.err == nil && !tx.done {
		tx.err = err
	}
	return err
}

// entity returns the entity id as the batch sees it.
func (tx *Tx) entity(id schema.IRI) (e Entity, ok bool, err error) {
	if b, ok := tx.entities[tx.iriTerm(id)]; ok {
		return tx.batchEntityOf(id, b), true, nil
	}
	if tx.removedEntities[id] || tx.empty {
		return Entity{ID: id}, false, nil
	}
	err = tx.lookup(func(r *reader) error {
		e, ok, err = r.entity(id)
		return err
	})
	return e, ok, err
}

func (tx *Tx) claimExists(id schema.IRI) (c Claim, ok bool, err error) {
	if b, ok := tx.claims[tx.iriTerm(id)]; ok {
		return tx.batchClaimOf(id, b), true, nil
	}
	if tx.removedClaims[id] || tx.empty {
		return Claim{ID: id}, false, nil
	}
	err = tx.lookup(func(r *reader) error {
		c, ok, err = r.claim(id)
		return err
	})
	return c, ok, err
}

func checkIRI(what string, id schema.IRI) error {
	if err := checkIRIText(what, string(id)); err != nil {
		return err
	}
	if !schema.IsAbsolute(string(id)) {
		return fmt.Errorf("graph: %s %q is not an absolute IRI: %w", what, clipText(string(id)), ErrInvalid)
	}
	return nil
}

// notReserved refuses IRIs of the library's own namespace (terms, the
// vocabulary graph, the list of merges) as the IDs of entities and claims.
func notReserved(what string, id schema.IRI) error {
	if strings.HasPrefix(string(id), string(schema.NS)) {
		return fmt.Errorf("graph: %s %s is in the namespace %s, which the library keeps for its own terms: %w", what, id, schema.NS, ErrInvalid)
	}
	return nil
}

// AddEntity adds e: its kinds, name, aliases, sameAs links and description.
// Adding an entity that exists is allowed when its kinds and name are the same;
// new aliases and links are merged. Kinds must be in the vocabulary.
func (tx *Tx) AddEntity(e Entity) error { return tx.fail(tx.addEntity(e)) }

func (tx *Tx) addEntity(e Entity) error {
	if err := tx.usable(); err != nil {
		return err
	}
	if err := checkIRI("entity ID", e.ID); err != nil {
		return err
	}
	if err := notReserved("entity ID", e.ID); err != nil {
		return err
	}
	// The text rules are in text.go: names go into DOT and GraphML labels,
	// and a language tag is written bare after '@' in N-Quads.
	if err := checkName("entity "+string(e.ID)+" name", e.Name); err != nil {
		return err
	}
	if err := checkText("entity "+string(e.ID)+" description", e.Description); err != nil {
		return err
	}
	for _, a := range e.Aliases {
		if err := checkName("entity "+string(e.ID)+" alias", a.Name); err != nil {
			return err
		}
		if a.Lang != "" {
			if err := checkLangTag("entity "+string(e.ID)+" alias "+strconv.Quote(clipText(a.Name)), a.Lang); err != nil {
				return err
			}
		}
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
	if tx.addsClaim(e.ID) {
		return fmt.Errorf("graph: entity %s (%s): the IRI names a claim of this batch: %w", e.ID, e.Name, ErrConflict)
	}
	if tx.removedEntities[e.ID] || tx.removedClaims[e.ID] {
		return fmt.Errorf("graph: entity %s (%s): the batch removes it; add it again in a later batch: %w", e.ID, e.Name, ErrConflict)
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
	for _, a := range e.Aliases {
		tx.add(s, iri(schema.AltName), aliasValue(a), nil)
		tx.add(s, iri(schema.NameKey), quad.String(foldName(a.Name)), nil)
	}
	for _, o := range e.SameAs {
		tx.add(s, iri(schema.SameAs), iri(o), nil)
	}
	description := old.Description
	if e.Description != "" {
		tx.add(s, iri(schema.Description), quad.String(e.Description), nil)
		description = e.Description
	}
	// What later checks of the batch read of the entity: its name, kinds and
	// description (its aliases and links are merged, never compared).
	tx.entities[tx.dict.intern(s)] = batchEntity{name: tx.dict.intern(quad.String(e.Name)),
		description: tx.optional(quad.String(description), description == ""), kinds: tx.kindSet(kinds)}
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
func (tx *Tx) AddClaim(c Claim) error { return tx.fail(tx.addClaim(c)) }

func (tx *Tx) addClaim(c Claim) error {
	if err := tx.usable(); err != nil {
		return err
	}
	if err := checkIRI("claim ID", c.ID); err != nil {
		return err
	}
	if err := notReserved("claim ID", c.ID); err != nil {
		return err
	}
	fail := func(format string, args ...any) error {
		return fmt.Errorf("graph: claim %s: "+format, append([]any{c.ID}, args...)...)
	}
	if c.Source.ID == "" {
		return fail("no source: %w", ErrInvalid)
	}
	if err := checkText("claim "+string(c.ID)+" quote", c.Quote); err != nil {
		return err
	}
	if err := checkText("claim "+string(c.ID)+" note", c.Note); err != nil {
		return err
	}
	v := tx.g.vocab
	for _, end := range []struct {
		what string
		id   schema.IRI
	}{{"source", c.Source.ID}, {"via", c.Via.ID}} {
		if end.id == "" {
			continue
		}
		e, ok, err := tx.entity(end.id)
		if err != nil {
			return err
		} else if !ok {
			return fail("%s %s is not an entity of the graph: %w", end.what, end.id, ErrDangling)
		}
		if !slices.ContainsFunc(e.Kinds, v.Speaks) {
			return fail("%s %s (%s) is %v, a kind that cannot speak (the vocabulary declares which kinds can): %w",
				end.what, e.Name, end.id, v.KindNames(e.Kinds), ErrDomain)
		}
	}
	if tx.addsEntity(c.ID) {
		return fail("the IRI names an entity of this batch; a claim needs an IRI of its own: %w", ErrConflict)
	}
	if tx.removedEntities[c.ID] || tx.removedClaims[c.ID] {
		return fail("the batch removes it; add it again in a later batch: %w", ErrConflict)
	}
	if e, ok, err := tx.entity(c.ID); err != nil {
		return err
	} else if ok && !slices.Contains(e.Kinds, schema.ClaimKind) {
		return fail("the IRI names the entity %s; a claim needs an IRI of its own: %w", e.Name, ErrConflict)
	}
	if c.Reported.IsZero() {
		return fail("no reported date: %w", ErrInvalid)
	}
	for _, d := range []struct {
		what string
		d    Date
	}{{"reported", c.Reported}, {"validFrom", c.ValidFrom}, {"validUntil", c.ValidUntil}} {
		if err := d.d.Valid(); err != nil {
			return fail("%s: %w", d.what, err)
		}
	}
	// The interval must hold at some instant under AsOf's rule: from the
	// first instant of ValidFrom to the end of ValidUntil. Mixed precisions
	// are fine (June 2024 to 10 June 2024).
	if !c.ValidFrom.IsZero() && !c.ValidUntil.IsZero() && !c.ValidFrom.Start().Before(c.ValidUntil.End()) {
		return fail("validFrom %s is after validUntil %s: %w", c.ValidFrom, c.ValidUntil, ErrInvalid)
	}
	switch c.Stance {
	case Asserted, Denied:
		if c.Retracts != "" {
			return fail("retracts %s, but its stance is %s; only a Retracted claim retracts: %w", c.Retracts, c.Stance, ErrInvalid)
		}
	case Retracted:
		if err := tx.checkRetraction(c); err != nil {
			return fail("%w", err)
		}
		tx.retraction = true
	default:
		return fail("stance %d is not Asserted, Denied or Retracted: %w", c.Stance, ErrInvalid)
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
	// The batch's record of the claim interns its values, which its quads
	// then name (each date formatted once).
	b := tx.newBatchClaim(c)
	value := func(p schema.IRI, term uint32) {
		if term != 0 {
			tx.add(s, iri(p), tx.dict.terms[term], nil)
		}
	}
	tx.add(s, iri(schema.Type), iri(schema.IRI(schema.ClaimKind)), nil)
	value(schema.Source, b.source)
	value(schema.Via, b.via)
	tx.add(s, iri(schema.Stance), iri(stanceIRI(c.Stance)), nil)
	value(schema.Retracts, b.retracts)
	value(schema.Reported, b.reported)
	value(schema.ValidFrom, b.validFrom)
	value(schema.ValidUntil, b.validUntil)
	value(schema.Quote, b.quote)
	value(schema.Note, b.note)
	if c.Confidence != 0 {
		tx.add(s, iri(schema.Confidence), quad.TypedString{
			Value: quad.String(strconv.FormatFloat(c.Confidence, 'f', -1, 64)), Type: quad.IRI(schema.XSDDecimal)}, nil)
	}
	tx.claims[tx.dict.intern(s)] = b
	return nil
}

// checkRetraction checks a Retracted claim: it names a claim of the graph or
// the batch, of the same source, reported no later than the retraction, and
// not itself a retraction.
func (tx *Tx) checkRetraction(c Claim) error {
	if c.Retracts == "" {
		return fmt.Errorf("its stance is Retracted but it names no claim to retract (Retracts): %w", ErrInvalid)
	}
	if err := checkIRI("retracts", c.Retracts); err != nil {
		return err
	}
	if c.Retracts == c.ID {
		return fmt.Errorf("it retracts itself: %w", ErrInvalid)
	}
	old, ok, err := tx.claimExists(c.Retracts)
	if err != nil {
		return err
	}
	switch {
	case !ok:
		return fmt.Errorf("it retracts %s, which is not a claim of the graph: %w", c.Retracts, ErrDangling)
	case old.Source.ID != c.Source.ID:
		return fmt.Errorf("it retracts %s, a claim of %s; a source retracts only its own claims: %w", c.Retracts, old.Source.ID, ErrInvalid)
	case old.Stance == Retracted:
		return fmt.Errorf("it retracts %s, which is itself a retraction; remove that claim instead: %w", c.Retracts, ErrInvalid)
	case c.Reported.Start().Before(old.Reported.Start()):
		return fmt.Errorf("it is reported %s, before the claim it retracts (%s): %w", c.Reported, old.Reported, ErrInvalid)
	}
	return nil
}

func stanceIRI(s Stance) schema.IRI {
	switch s {
	case Denied:
		return schema.Denied
	case Retracted:
		return schema.Retracted
	}
	return schema.Asserted
}

func sameClaim(a, b Claim) bool {
	return a.Source.ID == b.Source.ID && a.Via.ID == b.Via.ID && a.Stance == b.Stance && a.Retracts == b.Retracts &&
		a.Reported == b.Reported && a.ValidFrom == b.ValidFrom && a.ValidUntil == b.ValidUntil &&
		a.Quote == b.Quote && a.Note == b.Note && a.Confidence == b.Confidence
}

// Assert adds the fact f, labelled with its claim. The relation must be in the
// vocabulary (ErrUnknownTerm), the subject of its domain (ErrDomain), the object
// of its range (ErrRange); subject, object and claim must exist (ErrDangling).
func (tx *Tx) Assert(f Fact) error { return tx.fail(tx.assert(f)) }

func (tx *Tx) assert(f Fact) error {
	if err := tx.usable(); err != nil {
		return err
	}
	v := tx.g.vocab
	def, ok := v.Relation(f.Relation)
	if !ok {
		return fmt.Errorf("graph: fact %s %s %s: relation %q: %w", f.Subject, f.Relation, f.Object, f.Relation, ErrUnknownTerm)
	}
	where := factPlace{f.Subject, def.Name, f.Object}
	s, err := tx.endpoint(where, "subject", f.Subject, def.Domain, ErrDomain)
	if err != nil {
		return err
	}
	o, err := tx.endpoint(where, "object", f.Object, def.Range, ErrRange)
	if err != nil {
		return err
	}
	c, err := tx.claimTerm(where, f.Claim)
	if err != nil {
		return err
	}
	// The checks found the ids of the IRIs the batch has named already.
	d := &tx.dict
	s, o, c = d.known(s, f.Subject), d.known(o, f.Object), d.known(c, f.Claim)
	tx.addIDs(encoded{s, d.internIRI(string(f.Relation)), o, c})
	// A claim's facts mostly share their subject and come one after another:
	// the back link of the last is not written again (the store would drop
	// it at commit; a tenth of the peer file's quads were such repeats).
	if link := (encoded{s, d.internIRI(string(schema.SubjectOf)), c, 0}); link != tx.lastLink {
		tx.addIDs(link)
		tx.lastLink = link
	}
	return nil
}

// AssertAttribute adds the attribute fact f, labelled with its claim. The
// attribute must be in the vocabulary, the subject of its domain and the value
// of its datatype.
func (tx *Tx) AssertAttribute(f AttributeFact) error { return tx.fail(tx.assertAttribute(f)) }

func (tx *Tx) assertAttribute(f AttributeFact) error {
	if err := tx.usable(); err != nil {
		return err
	}
	v := tx.g.vocab
	def, ok := v.Attribute(f.Attribute)
	if !ok {
		return fmt.Errorf("graph: attribute fact %s %s: attribute %q: %w", f.Subject, f.Attribute, f.Attribute, ErrUnknownTerm)
	}
	where := place(fmt.Sprintf("graph: attribute fact %s %s", f.Subject, def.Name))
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
		if err := checkText("text", string(v)); err != nil {
			return err
		}
	}
	return nil
}

// endpoint checks that id is an entity of kind want or a kind below it, and
// returns the id of its IRI in the batch's dictionary (0 when the batch
// has not named it).
func (tx *Tx) endpoint(where fmt.Stringer, what string, id schema.IRI, want schema.Kind, wrongKind error) (uint32, error) {
	t := tx.iriTerm(id)
	var e Entity
	b, ok := tx.entities[t]
	if ok {
		// An entity of the batch had its IRI checked when it was added, and
		// its kinds are what the check reads.
		e = Entity{ID: id, Kinds: tx.kindSets[b.kinds]}
	} else {
		if err := checkIRI(what, id); err != nil {
			return 0, fmt.Errorf("%s: %w", where, err)
		}
		var err error
		if e, ok, err = tx.entity(id); err != nil {
			return 0, err
		}
	}
	if !ok {
		return 0, fmt.Errorf("%s: %s %s is not an entity of the graph: %w", where, what, id, ErrDangling)
	}
	if !e.Is(tx.g.vocab, want) {
		if b, ok := tx.entities[t]; ok {
			e = tx.batchEntityOf(id, b)
		}
		v := tx.g.vocab
		return 0, fmt.Errorf("%s: %s %s (%s) is %v, not %s: %w",
			where, what, e.Name, id, v.KindNames(e.Kinds), v.KindName(want), wrongKind)
	}
	return t, nil
}

// claimFor checks that id is a claim that can label facts.
func (tx *Tx) claimFor(where fmt.Stringer, id schema.IRI) error {
	_, err := tx.claimTerm(where, id)
	return err
}

// claimTerm is claimFor, returning the id of the claim's IRI in the batch's
// dictionary (0 when the batch has not named it).
func (tx *Tx) claimTerm(where fmt.Stringer, id schema.IRI) (uint32, error) {
	t := tx.iriTerm(id)
	if b, ok := tx.claims[t]; ok { // its IRI was checked when it was added
		if b.stance == Retracted {
			return 0, fmt.Errorf("%s: claim %s is a retraction, which labels no facts: %w", where, id, ErrInvalid)
		}
		return t, nil
	}
	if err := checkIRI("claim", id); err != nil {
		return 0, fmt.Errorf("%s: %w", where, err)
	}
	if c, ok, err := tx.claimExists(id); err != nil {
		return 0, err
	} else if !ok {
		return 0, fmt.Errorf("%s: claim %s is not in the graph: %w", where, id, ErrDangling)
	} else if c.Stance == Retracted {
		return 0, fmt.Errorf("%s: claim %s is a retraction, which labels no facts: %w", where, id, ErrInvalid)
	}
	return t, nil
}

// place names what a write is about at the head of its errors.
type place string

func (p place) String() string { return string(p) }

// factPlace is the place of a fact, put in words only for an error: a load
// asserts a million facts, and nearly every one passes.
type factPlace struct {
	subject schema.IRI
	name    string
	object  schema.IRI
}

func (p factPlace) String() string {
	return fmt.Sprintf("graph: fact %s %s %s", p.subject, p.name, p.object)
}
