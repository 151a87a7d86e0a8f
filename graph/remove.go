package graph

import (
	"fmt"
	"slices"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/actorgraph/actorgraph/schema"
)

// RemoveOption is an option of [Tx.RemoveEntity].
type RemoveOption struct{ cascade bool }

// Cascade makes RemoveEntity also remove what refers to the entity: every
// fact whose subject or object it is, and every claim it is the source or
// medium of, with that claim's facts.
func Cascade() RemoveOption { return RemoveOption{cascade: true} }

// RemoveClaim removes the claim id and everything it is the evidence for: its
// metadata and every fact and attribute it labels (a merge it carries is
// undone). This is a curator's deletion of a record entered wrongly; a source
// that withdraws what it said is recorded with a Retracted claim instead, so
// that what was known before stays answerable. The claim must be in the
// committed graph (ErrNotFound), not added by this batch, and no claim that
// stays may retract it (ErrInUse: remove the retraction in the same batch,
// before it). Removing a claim twice in a batch is allowed. In memory, once
// [Graph.QuadStore] has built cayley's memstore, each removed quad costs
// O(quads) there (cayley's RemoveQuad scans); the library's own index removes
// it in time proportional to its subject's and object's quads.
func (tx *Tx) RemoveClaim(id schema.IRI) error { return tx.fail(tx.removeClaim(id)) }

func (tx *Tx) removeClaim(id schema.IRI) error {
	if err := tx.usable(); err != nil {
		return err
	}
	if err := checkIRI("claim", id); err != nil {
		return err
	}
	fail := func(format string, args ...any) error {
		return fmt.Errorf("graph: RemoveClaim %s: "+format, append([]any{id}, args...)...)
	}
	if tx.removedClaims[id] {
		return nil
	}
	if tx.addsClaim(id) {
		return fail("the claim is added by this batch; leave it out instead: %w", ErrInvalid)
	}
	var c Claim
	var ok bool
	var retractions []schema.IRI
	var quads []quad.Quad
	err := tx.lookup(func(r *reader) error {
		var err error
		if c, ok, err = r.claim(id); err != nil || !ok {
			return err
		}
		if err := r.eachOf(quad.Object, iri(id), []quad.Value{iri(schema.Retracts)}, func(q quad.Quad) bool {
			if s, ok := iriOf(q.Subject); ok && !tx.removedClaims[s] {
				retractions = append(retractions, s)
			}
			return true
		}); err != nil {
			return err
		}
		quads, err = r.claimQuads(id)
		return err
	})
	switch {
	case err != nil:
		return err
	case !ok:
		return fail("%w", ErrNotFound)
	case len(retractions) > 0:
		return fail("retracted by %s, which stays; remove the retraction first: %w", joinIRIs(retractions), ErrInUse)
	}
	label := iri(id)
	for q := range tx.added() {
		if q.Label == label || q.Object == label && q.Predicate == iri(schema.Retracts) {
			return fail("this batch writes a fact or a retraction that needs it: %w", ErrInUse)
		}
	}
	for _, q := range quads {
		if q.Predicate == iri(schema.SameEntity) {
			tx.merge = true
		}
	}
	tx.remove(quads...)
	if err := tx.dropStaleNameKeys(quads); err != nil {
		return err
	}
	if tx.removedClaims == nil {
		tx.removedClaims = map[schema.IRI]bool{}
	}
	tx.removedClaims[c.ID] = true
	return nil
}

// claimQuads returns every quad that exists for the claim id: its own, the
// facts it labels, its subjects' back-links to it, and its entry in the list
// of merges.
func (r *reader) claimQuads(id schema.IRI) ([]quad.Quad, error) {
	var out, links []quad.Quad
	keep := func(q quad.Quad) bool { out = append(out, q); return true }
	if err := r.each(quad.Subject, iri(id), keep); err != nil {
		return nil, err
	}
	if err := r.eachOf(quad.Object, iri(id), []quad.Value{iri(schema.SubjectOf), iri(schema.MergedBy)}, func(q quad.Quad) bool {
		links = append(links, q)
		return true
	}); err != nil {
		return nil, err
	}
	label := iri(id)
	for _, l := range links {
		out = append(out, l)
		if l.Predicate != iri(schema.SubjectOf) {
			continue
		}
		if err := r.each(quad.Subject, l.Subject, func(q quad.Quad) bool {
			if q.Label == label {
				out = append(out, q)
			}
			return true
		}); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// RemoveEntity removes the entity id: its kinds, names, aliases, links and
// description. While facts or claims refer to it (facts about it or pointing
// at it, claims it is the source or medium of) it fails with ErrInUse, naming
// a few, unless Cascade is given, which removes them too. The entity must be
// in the committed graph (ErrNotFound) and not added by this batch.
func (tx *Tx) RemoveEntity(id schema.IRI, opts ...RemoveOption) error {
	cascade := false
	for _, o := range opts {
		cascade = cascade || o.cascade
	}
	return tx.fail(tx.removeEntity(id, cascade))
}

func (tx *Tx) removeEntity(id schema.IRI, cascade bool) error {
	if err := tx.usable(); err != nil {
		return err
	}
	if err := checkIRI("entity", id); err != nil {
		return err
	}
	fail := func(format string, args ...any) error {
		return fmt.Errorf("graph: RemoveEntity %s: "+format, append([]any{id}, args...)...)
	}
	if tx.removedEntities[id] {
		return nil
	}
	if tx.addsEntity(id) {
		return fail("the entity is added by this batch; leave it out instead: %w", ErrInvalid)
	}
	node := iri(id)
	for q := range tx.added() {
		if q.Subject == node || q.Object == node {
			return fail("this batch writes a fact or claim that refers to it: %w", ErrInUse)
		}
	}
	var e Entity
	var ok bool
	var own, facts, refs []quad.Quad
	err := tx.lookup(func(r *reader) error {
		var err error
		if e, ok, err = r.entity(id); err != nil || !ok {
			return err
		}
		if err := r.each(quad.Subject, node, func(q quad.Quad) bool {
			if q.Label != nil {
				facts = append(facts, q)
			} else {
				own = append(own, q)
			}
			return true
		}); err != nil {
			return err
		}
		return r.each(quad.Object, node, func(q quad.Quad) bool {
			if q.Label != nil {
				facts = append(facts, q)
			} else {
				refs = append(refs, q)
			}
			return true
		})
	})
	switch {
	case err != nil:
		return err
	case !ok:
		return fail("%w", ErrNotFound)
	case slices.Contains(e.Kinds, schema.ClaimKind):
		return fail("it is a claim; use RemoveClaim: %w", ErrInvalid)
	}
	facts = slices.DeleteFunc(facts, tx.removing.has)
	refs = slices.DeleteFunc(refs, tx.removing.has)
	var claims []schema.IRI // the claims it is the source or medium of
	for _, q := range refs {
		if p := q.Predicate; p == iri(schema.Source) || p == iri(schema.Via) {
			if c, ok := iriOf(q.Subject); ok && !slices.Contains(claims, c) && !tx.removedClaims[c] {
				claims = append(claims, c)
			}
		}
	}
	if !cascade && len(facts)+len(refs) > 0 {
		return fail("%s refer to it; remove them first, or remove it with Cascade: %w", describeRefs(facts, refs), ErrInUse)
	}
	if cascade {
		// A claim goes with the retractions of it, which its source made.
		for i := 0; i < len(claims); i++ {
			err := tx.lookup(func(r *reader) error {
				return r.eachOf(quad.Object, iri(claims[i]), []quad.Value{iri(schema.Retracts)}, func(q quad.Quad) bool {
					if rc, ok := iriOf(q.Subject); ok && !slices.Contains(claims, rc) && !tx.removedClaims[rc] {
						claims = append(claims, rc)
					}
					return true
				})
			})
			if err != nil {
				return err
			}
		}
		// Retractions first: a claim may not be removed while a retraction of it stays.
		var retracting, rest []schema.IRI
		for _, c := range claims {
			cl, _, err := tx.claimExists(c)
			if err != nil {
				return err
			}
			if cl.Stance == Retracted {
				retracting = append(retracting, c)
			} else {
				rest = append(rest, c)
			}
		}
		for _, c := range slices.Concat(retracting, rest) {
			if err := tx.removeClaim(c); err != nil {
				return fail("cascading: %w", err)
			}
		}
		facts = slices.DeleteFunc(facts, tx.removing.has)
		for _, q := range facts {
			if q.Predicate == iri(schema.SameEntity) {
				tx.merge = true
			}
		}
		tx.remove(facts...)
		for _, q := range refs {
			if p := q.Predicate; p != iri(schema.Source) && p != iri(schema.Via) {
				tx.remove(q)
			}
		}
		if err := tx.dropStaleBackLinks(facts); err != nil {
			return err
		}
		if err := tx.dropStaleMergeEntries(facts); err != nil {
			return err
		}
	}
	tx.remove(own...)
	if tx.removedEntities == nil {
		tx.removedEntities = map[schema.IRI]bool{}
	}
	tx.removedEntities[id] = true
	return nil
}

// dropStaleBackLinks removes the back-link from each subject of a removed
// fact to the fact's claim when no other quad of that subject carries the
// claim any more.
func (tx *Tx) dropStaleBackLinks(removed []quad.Quad) error {
	type link struct{ s, c quad.Value }
	seen := map[link]bool{}
	for _, f := range removed {
		l := link{f.Subject, f.Label}
		if seen[l] {
			continue
		}
		seen[l] = true
		still := false
		err := tx.lookup(func(r *reader) error {
			return r.each(quad.Subject, f.Subject, func(q quad.Quad) bool {
				if q.Label == f.Label && !tx.removing[q] {
					still = true
					return false
				}
				return true
			})
		})
		if err != nil {
			return err
		}
		if !still {
			tx.remove(quad.Quad{Subject: f.Subject, Predicate: iri(schema.SubjectOf), Object: f.Label})
		}
	}
	return nil
}

// dropStaleNameKeys removes the folded-name quad of each removed
// alternateName fact, unless a name, alias or alternate name of the entity
// that stays still folds to it.
func (tx *Tx) dropStaleNameKeys(removed []quad.Quad) error {
	for _, f := range removed {
		if f.Label == nil || f.Predicate != iri(schema.AltName) {
			continue
		}
		text, _, ok := textOf(f.Object)
		if !ok {
			continue
		}
		key := foldName(text)
		still := false
		err := tx.lookup(func(r *reader) error {
			return r.each(quad.Subject, f.Subject, func(q quad.Quad) bool {
				if tx.removing[q] || q.Predicate != iri(schema.Name) && q.Predicate != iri(schema.AltName) {
					return true
				}
				if t, _, ok := textOf(q.Object); ok && foldName(t) == key {
					still = true
					return false
				}
				return true
			})
		})
		if err != nil {
			return err
		}
		if !still {
			tx.remove(quad.Quad{Subject: f.Subject, Predicate: iri(schema.NameKey), Object: quad.String(key)})
		}
	}
	return nil
}

// dropStaleMergeEntries removes a claim from the list of merges once the
// batch has removed every merge fact it labels.
func (tx *Tx) dropStaleMergeEntries(removed []quad.Quad) error {
	done := map[quad.Value]bool{}
	for _, f := range removed {
		if f.Predicate != iri(schema.SameEntity) || f.Label == nil || done[f.Label] {
			continue
		}
		done[f.Label] = true
		still := false
		err := tx.lookup(func(r *reader) error {
			var subjects []quad.Value
			if err := r.eachOf(quad.Object, f.Label, []quad.Value{iri(schema.SubjectOf)}, func(q quad.Quad) bool {
				subjects = append(subjects, q.Subject)
				return true
			}); err != nil {
				return err
			}
			for _, s := range subjects {
				if err := r.eachOf(quad.Subject, s, []quad.Value{iri(schema.SameEntity)}, func(q quad.Quad) bool {
					if q.Label == f.Label && !tx.removing[q] {
						still = true
						return false
					}
					return true
				}); err != nil || still {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		if !still {
			tx.remove(quad.Quad{Subject: iri(schema.Merges), Predicate: iri(schema.MergedBy), Object: f.Label})
		}
	}
	return nil
}

// removalSet is the set of quads a batch removes.
type removalSet map[quad.Quad]bool

func (s removalSet) has(q quad.Quad) bool { return s[q] }

// remove adds committed quads to the batch's removals.
func (tx *Tx) remove(qs ...quad.Quad) {
	if tx.removing == nil {
		tx.removing = removalSet{}
	}
	for _, q := range qs {
		if !tx.removing[q] {
			tx.removing[q] = true
			tx.removals = append(tx.removals, q)
		}
	}
}

// describeRefs says briefly what refers to an entity: counts and a few examples.
func describeRefs(facts, refs []quad.Quad) string {
	var parts []string
	if len(facts) > 0 {
		parts = append(parts, fmt.Sprintf("%d facts (%s)", len(facts), examples(facts)))
	}
	if len(refs) > 0 {
		parts = append(parts, fmt.Sprintf("%d claims or links (%s)", len(refs), examples(refs)))
	}
	return strings.Join(parts, " and ")
}

func examples(qs []quad.Quad) string {
	var out []string
	for i, q := range qs {
		if i == 3 {
			out = append(out, "...")
			break
		}
		label := ""
		if q.Label != nil {
			label = " [" + q.Label.String() + "]"
		}
		out = append(out, q.Subject.String()+" "+q.Predicate.String()+" "+q.Object.String()+label)
	}
	return strings.Join(out, "; ")
}

func joinIRIs(ids []schema.IRI) string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = string(id)
	}
	return strings.Join(out, ", ")
}

// Merge records that the entities a and b are one actor recorded twice, on
// the evidence of claim (who decided it, when, why). Reads resolve through
// merges: [Graph.Entity], [Graph.Resolve], [Graph.Edges], [Graph.Lineage],
// [Graph.Path], [Find] and the others see one entity with the union of the
// members' kinds, names and facts, and each [Edge] says on which original
// entities its facts were recorded. Merges chain (a with b, b with c) and may
// form cycles. Removing the claim (RemoveClaim) undoes the merge exactly. The
// two must be entities of the graph or the batch, of related kinds (one of
// a's kinds at or below one of b's, or the reverse), and the claim asserted.
func (tx *Tx) Merge(a, b, claim schema.IRI) error { return tx.fail(tx.mergeEntities(a, b, claim)) }

func (tx *Tx) mergeEntities(a, b, claim schema.IRI) error {
	if err := tx.usable(); err != nil {
		return err
	}
	where := fmt.Sprintf("graph: Merge %s and %s", a, b)
	if a == b {
		return fmt.Errorf("%s: an entity is already itself: %w", where, ErrInvalid)
	}
	var ends [2]Entity
	for i, id := range []schema.IRI{a, b} {
		if err := checkIRI("entity", id); err != nil {
			return fmt.Errorf("%s: %w", where, err)
		}
		e, ok, err := tx.entity(id)
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("%s: %s is not an entity of the graph: %w", where, id, ErrDangling)
		}
		if slices.Contains(e.Kinds, schema.ClaimKind) {
			return fmt.Errorf("%s: %s is a claim: %w", where, id, ErrInvalid)
		}
		ends[i] = e
	}
	v := tx.g.vocab
	related := false
	for _, ka := range ends[0].Kinds {
		for _, kb := range ends[1].Kinds {
			related = related || v.IsA(ka, kb) || v.IsA(kb, ka)
		}
	}
	if !related {
		return fmt.Errorf("%s: %s is %v and %s is %v; entities of unrelated kinds are not one: %w",
			where, ends[0].Name, v.KindNames(ends[0].Kinds), ends[1].Name, v.KindNames(ends[1].Kinds), ErrConflict)
	}
	if err := tx.claimFor(place(where), claim); err != nil {
		return err
	}
	if c, _, err := tx.claimExists(claim); err != nil {
		return err
	} else if c.Stance != Asserted {
		return fmt.Errorf("%s: claim %s is %s; a merge is carried by an asserting claim: %w", where, claim, c.Stance, ErrInvalid)
	}
	tx.add(iri(a), iri(schema.SameEntity), iri(b), iri(claim))
	tx.add(iri(a), iri(schema.SubjectOf), iri(claim), nil)
	tx.add(iri(schema.Merges), iri(schema.MergedBy), iri(claim), nil)
	tx.merge = true
	return nil
}
