package graph

import (
	"slices"
	"strings"
	"time"

	"github.com/actorgraph/actorgraph/schema"
)

// Reading a state in time. A state relation that is exclusive (a place has
// one controller at a time), or that events start or end (a capture starts
// control, a withdrawal ends it), is read a slot at a time: the slot is every
// fact that competes for the same place (for an exclusive state: the same
// object, or subject), with the events that start and end them. Within a slot
// each asserting claim is a spell from its start; a spell ends at its own
// end, at an event that ends it, or, in an exclusive slot, where another
// holder's spell begins (the claim that starts later supersedes the earlier
// from its start; an open-ended claim ends where its successor begins). Two
// holders starting at the same instant are rivals: neither supersedes the
// other, and each edge names the other. Time filters are then applied to the
// spells as cut.

// slotting returns the events that start and end def, and whether reads of
// def go by slot.
func (r *reader) slotting(def schema.RelationDef) (starters, enders []schema.RelationDef, ok bool) {
	rule, ok := r.g.slotRules()[def.Relation]
	return rule.starters, rule.enders, ok
}

// slotRule is how a state relation read by slot is started and ended.
type slotRule struct{ starters, enders []schema.RelationDef }

// slotRulesOf returns the rules of the relations of v read by slot: the
// exclusive states, and the states events start or end. The vocabulary is
// immutable, so a graph works them out once, not at every read.
func slotRulesOf(v *schema.Vocabulary) map[schema.Relation]slotRule {
	defs := v.Relations()
	rules := map[schema.Relation]slotRule{}
	for _, def := range defs {
		if def.Time != schema.Stative {
			continue
		}
		var rule slotRule
		for _, d := range defs {
			if d.Time != schema.Eventive {
				continue
			}
			if d.Starts == def.Relation {
				rule.starters = append(rule.starters, d)
			}
			if d.Ends == def.Relation {
				rule.enders = append(rule.enders, d)
			}
		}
		if def.Exclusive != schema.NotExclusive || len(rule.starters)+len(rule.enders) > 0 {
			rules[def.Relation] = rule
		}
	}
	return rules
}

// spell is one asserting claim's hold on a slot, as cut by the others.
type spell struct {
	pair
	claim      Claim
	derived    bool      // the claim is an event's, which started the state
	start, end time.Time // as the claim says (possibly)
	cut        time.Time // where the spell ends, at or before end: the earliest start of what cut it
	cutLate    time.Time // the latest start of what cut it: where the spell possibly still holds to
	cutBy      Claim     // what cut it, when cut < end
	rivals     []schema.IRI
}

// slotEdges is edges for a relation read by slot (see slotting).
func (r *reader) slotEdges(def schema.RelationDef, f options, starters, enders []schema.RelationDef) ([]Edge, error) {
	spells, denials, order, recorded, err := r.spells(def, f, starters, enders)
	if err != nil {
		return nil, err
	}
	byPair := map[pair][]Claim{}
	rivals := map[pair][]schema.IRI{}
	for _, sp := range spells {
		admitted, ended := f.admitsSpell(sp, def.Time)
		if !admitted && !(ended && f.withEnded) {
			continue
		}
		byPair[sp.pair] = append(byPair[sp.pair], sp.evidence())
		for _, rv := range sp.rivals {
			if !slices.Contains(rivals[sp.pair], rv) {
				rivals[sp.pair] = append(rivals[sp.pair], rv)
			}
		}
	}
	for p, ds := range denials {
		for _, c := range ds {
			if f.filters.admits(c, def.Time) {
				byPair[p] = append(byPair[p], c)
			}
		}
	}
	var out []Edge
	for _, p := range order {
		ev := dedupe(byPair[p])
		sortEvidence(ev)
		if !f.keeps(ev) {
			continue
		}
		e := Edge{Relation: def.Relation, Evidence: ev, Recorded: recordedFor(labelled{pair: p, recorded: recorded[p]}, ev)}
		if e.Subject, err = r.mustEntity(p.s); err != nil {
			return nil, err
		}
		if e.Object, err = r.mustEntity(p.o); err != nil {
			return nil, err
		}
		for _, rv := range rivals[p] {
			re, err := r.mustEntity(rv)
			if err != nil {
				return nil, err
			}
			e.Rivals = append(e.Rivals, re)
		}
		out = append(out, e)
	}
	sortEdges(out)
	return out, nil
}

// evidence returns the spell's claim as evidence: marked Derived for an
// event's, and with EndedBy and EndedOn when it was cut.
func (sp spell) evidence() Claim {
	c := sp.claim
	c.Derived = sp.derived
	if sp.cut.Before(sp.end) {
		c.EndedBy, c.EndedOn = sp.cutBy.ID, startOf(sp.cutBy)
	}
	return c
}

// spells returns the spells of the pairs f asks for (by the relation itself
// and by the events that start it), each read with its whole slot and cut by
// it, with the pairs' denials and the pairs in the order first seen. Claims
// pass f's filters but for time (KnownAt, BySource and retractions apply).
//
// With merges, it also returns each pair's facts as they were recorded (see
// Edge.Recorded), sorted.
func (r *reader) spells(def schema.RelationDef, f options, starters, enders []schema.RelationDef) ([]spell, map[pair][]Claim, []pair, map[pair][]Recorded, error) {
	untimed := f.filters.untimed()
	var wanted []pair
	isWanted := map[pair]bool{}
	var recorded map[pair][]Recorded
	addWanted := func(ts []labelled) {
		for _, t := range ts {
			if !isWanted[t.pair] {
				isWanted[t.pair] = true
				wanted = append(wanted, t.pair)
			}
			if len(t.recorded) > 0 {
				if recorded == nil {
					recorded = map[pair][]Recorded{}
				}
				recorded[t.pair] = append(recorded[t.pair], t.recorded...)
			}
		}
	}
	own, err := r.triples(def, f)
	if err != nil {
		return nil, nil, nil, nil, err
	}
	addWanted(own)
	for _, s := range starters {
		ts, err := r.triples(s, f)
		if err != nil {
			return nil, nil, nil, nil, err
		}
		addWanted(ts)
	}
	for p, rs := range recorded {
		slices.SortFunc(rs, compareRecorded)
		recorded[p] = slices.Compact(rs)
	}
	// The slots: one per object (OneSubject), per subject (OneObject), or per
	// pair for a state that is not exclusive.
	type slotKey struct{ end, other schema.IRI }
	keyOf := func(p pair) slotKey {
		switch def.Exclusive {
		case schema.OneSubject:
			return slotKey{end: p.o}
		case schema.OneObject:
			return slotKey{end: p.s}
		}
		return slotKey{end: p.o, other: p.s}
	}
	var keys []slotKey
	seenKey := map[slotKey]bool{}
	for _, p := range wanted {
		if k := keyOf(p); !seenKey[k] {
			seenKey[k] = true
			keys = append(keys, k)
		}
	}
	var out []spell
	denials := map[pair][]Claim{}
	for _, k := range keys {
		at := options{}
		switch def.Exclusive {
		case schema.OneObject:
			at.from = k.end
		case schema.OneSubject:
			at.to = k.end
		default:
			at.from, at.to = k.other, k.end
		}
		spells, ds, err := r.slot(def, at, untimed, starters, enders)
		if err != nil {
			return nil, nil, nil, nil, err
		}
		// Keep the wanted spells in place: a spell is large, and a read
		// from an anchor has one slot.
		spells = slices.DeleteFunc(spells, func(sp spell) bool { return !isWanted[sp.pair] })
		if out == nil {
			out = spells
		} else {
			out = append(out, spells...)
		}
		for p, cs := range ds {
			if isWanted[p] {
				denials[p] = append(denials[p], cs...)
			}
		}
	}
	return out, denials, wanted, recorded, nil
}

// slot reads one slot: the spells of its asserting claims (of the relation,
// and of the events that start it), cut as the slot's rules say, and the
// denials of each pair. Claims pass f, which has no time filters.
func (r *reader) slot(def schema.RelationDef, at options, f filters, starters, enders []schema.RelationDef) ([]spell, map[pair][]Claim, error) {
	var spells []spell
	denials := map[pair][]Claim{}
	type ending struct {
		pair
		at    time.Time
		claim Claim
	}
	var endings []ending
	read := func(rel schema.RelationDef, fn func(p pair, c Claim)) error {
		ts, err := r.triples(rel, at)
		if err != nil {
			return err
		}
		n := 0
		for _, t := range ts {
			n += len(t.labels)
		}
		spells = slices.Grow(spells, n) // a spell is large: grow once, not by doubling
		for _, t := range ts {
			ev, err := r.evidence(t.labels, f, rel.Time)
			if err != nil {
				return err
			}
			for _, c := range ev {
				fn(t.pair, c)
			}
		}
		return nil
	}
	err := read(def, func(p pair, c Claim) {
		if c.Stance != Asserted {
			denials[p] = append(denials[p], c)
			return
		}
		start, end := validity(c, false)
		spells = append(spells, spell{pair: p, claim: c, start: start, end: end})
	})
	if err != nil {
		return nil, nil, err
	}
	// A claim that says both that X captured P and that X controls P is one
	// spell, the state's.
	stated := pairClaims{}
	for _, sp := range spells {
		stated.add(sp.pair, sp.claim.ID)
	}
	for _, s := range starters {
		if err := read(s, func(p pair, c Claim) {
			if c.Stance == Asserted && !stated.has(p, c.ID) {
				start, _ := validity(c, false)
				spells = append(spells, spell{pair: p, claim: c, derived: true, start: start, end: forever})
			}
		}); err != nil {
			return nil, nil, err
		}
	}
	for _, e := range enders {
		if err := read(e, func(p pair, c Claim) {
			if c.Stance == Asserted {
				start, _ := validity(c, false)
				endings = append(endings, ending{pair: p, at: start, claim: c})
			}
		}); err != nil {
			return nil, nil, err
		}
	}
	slices.SortStableFunc(spells, func(a, b spell) int {
		if c := a.start.Compare(b.start); c != 0 {
			return c
		}
		return strings.Compare(string(a.claim.ID), string(b.claim.ID))
	})
	holder := func(p pair) schema.IRI {
		if def.Exclusive == schema.OneObject {
			return p.o
		}
		return p.s
	}
	ends := map[pair][]ending{}
	for _, e := range endings {
		ends[e.pair] = append(ends[e.pair], e)
	}
	for _, es := range ends {
		slices.SortFunc(es, func(a, b ending) int { return a.at.Compare(b.at) })
	}
	// nextOther[i] is the first spell after i of another holder.
	nextOther := make([]int, len(spells))
	for i := len(spells) - 1; i >= 0; i-- {
		switch {
		case i == len(spells)-1:
			nextOther[i] = len(spells)
		case holder(spells[i+1].pair) != holder(spells[i].pair):
			nextOther[i] = i + 1
		default:
			nextOther[i] = nextOther[i+1]
		}
	}
	cutAt := func(sp *spell, at time.Time, by Claim) {
		sp.cut, sp.cutLate, sp.cutBy = at, latestStart(by), by
		if sp.cutLate.Before(at) {
			sp.cutLate = at
		}
	}
	// spells is sorted by start: a spell's successor is the first spell
	// after it of another holder that starts later, and its rivals are the
	// spells of other holders with the same start, next to it.
	for i := range spells {
		sp := &spells[i]
		sp.cut, sp.cutLate = sp.end, sp.end
		es := ends[sp.pair]
		if k, _ := slices.BinarySearchFunc(es, sp.start, func(e ending, t time.Time) int {
			if e.at.After(t) {
				return 1
			}
			return -1
		}); k < len(es) && es[k].at.Before(sp.cut) {
			cutAt(sp, es[k].at, es[k].claim)
		}
		if def.Exclusive == schema.NotExclusive {
			continue
		}
		// One claim naming several holders from the same start says they
		// hold jointly: they are not rivals, and do not cut each other.
		h := holder(sp.pair)
		for j := i - 1; j >= 0 && spells[j].start.Equal(sp.start); j-- {
			if o := holder(spells[j].pair); o != h && spells[j].claim.ID != sp.claim.ID && !slices.Contains(sp.rivals, o) {
				sp.rivals = append(sp.rivals, o)
			}
		}
		for j := nextOther[i]; j < len(spells); {
			other := &spells[j]
			o := holder(other.pair)
			if o == h {
				j = nextOther[j]
				continue
			}
			if other.start.Equal(sp.start) {
				if other.claim.ID != sp.claim.ID && !slices.Contains(sp.rivals, o) {
					sp.rivals = append(sp.rivals, o)
				}
				j++
				continue
			}
			if other.start.Before(sp.cut) {
				cutAt(sp, other.start, other.claim)
			}
			break
		}
	}
	return spells, denials, nil
}

// pairClaims is a set of claims by pair: the claims that state a pair's
// state, so that a claim that also says the event which started it is read
// once, as the state's.
type pairClaims map[pair]map[schema.IRI]bool

func (s pairClaims) add(p pair, c schema.IRI) {
	if s[p] == nil {
		s[p] = map[schema.IRI]bool{}
	}
	s[p][c] = true
}

func (s pairClaims) has(p pair, c schema.IRI) bool { return s[p][c] }

// admitsSpell reports whether the spell, as cut, passes the time filters,
// and whether it would have passed but for its cut (it was ended).
func (f options) admitsSpell(sp spell, t schema.TimeSemantics) (admitted, ended bool) {
	if !f.timed() {
		return true, false
	}
	var start, end time.Time
	if sp.derived {
		start = sp.start
		if f.certain {
			start = latestStart(sp.claim)
		}
		end = forever
	} else {
		start, end = validity(sp.claim, f.certain)
	}
	whole := f.window(start, end)
	// What cut the spell possibly started only at the end of its date's
	// period (a successor from 2020 may have come on 31 December): the spell
	// possibly holds until then, and certainly only until the first instant.
	cut := sp.cutLate
	if f.certain {
		cut = sp.cut
	}
	if cut.Before(end) {
		end = cut
	}
	held := f.window(start, end)
	return held, whole && !held
}

// window reports whether a state that holds from start to end passes the
// filters' AsOf and During.
func (f filters) window(start, end time.Time) bool {
	if !start.Before(end) {
		return false
	}
	if !f.asOf.IsZero() {
		ws, we := f.asOf.Start(), f.asOf.End()
		if f.certain {
			if start.After(ws) || end.Before(we) {
				return false
			}
		} else if !start.Before(we) || !ws.Before(end) {
			return false
		}
	}
	if !f.duringFrom.IsZero() {
		ws, we := f.duringFrom.Start(), f.duringUntil.End()
		if !start.Before(we) || !ws.Before(end) {
			return false
		}
	}
	return true
}

// startOf returns the date from which c holds: its ValidFrom, or its Reported
// date when it has none.
func startOf(c Claim) Date {
	if c.ValidFrom.IsZero() {
		return c.Reported
	}
	return c.ValidFrom
}
