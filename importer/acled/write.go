package acled

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/importer/internal/input"
	"github.com/actorgraph/actorgraph/schema"
)

// pending is an entity the load will write, with where it was first named.
type pending struct {
	entity graph.Entity
	at     input.Place
	kinds  map[schema.Kind]bool
	exists bool // the graph holds it already: it keeps the kinds it has
}

// writer turns checked rows into one batch.
type writer struct {
	base, file string
	ents       map[schema.IRI]*pending
	order      []schema.IRI

	entities, claims, facts, attrs int
}

func newWriter(base, file string) *writer {
	return &writer{base: base, file: file, ents: map[schema.IRI]*pending{}}
}

func (w *writer) eventID(ev *event) schema.IRI { return schema.IRI(w.base + "event/" + segment(ev.id)) }
func (w *writer) actorID(name string) schema.IRI {
	return schema.IRI(w.base + "actor/" + segment(name))
}
func (w *writer) sourceID(name string) schema.IRI {
	return schema.IRI(w.base + "source/" + segment(name))
}

// at returns where the cell of field f of ev is.
func (w *writer) at(ev *event, f int) input.Place {
	return input.Place{File: w.file, Line: int(ev.at[f].line), Column: int(ev.at[f].col), Field: columns[f]}
}

// placeIDs returns the ids of the places an event names, in the order of
// ev.places: the country, each administrative area, the location.
func (w *writer) placeIDs(ev *event) []schema.IRI {
	var levels [nFields]string
	for i, f := range ev.placeLevels {
		levels[f] = segment(ev.places[i])
	}
	out := make([]schema.IRI, len(ev.places))
	for i, f := range ev.placeLevels {
		switch f {
		case fCountry:
			out[i] = schema.IRI(w.base + "country/" + levels[fCountry])
		case fLocation:
			out[i] = schema.IRI(w.base + "location/" + strings.Join([]string{levels[fCountry], levels[fAdmin1], levels[fAdmin2], levels[fAdmin3], levels[fLocation]}, "/"))
		default:
			path := []string{levels[fCountry]}
			for l := fAdmin1; l <= f; l++ {
				path = append(path, levels[l])
			}
			out[i] = schema.IRI(w.base + "region/" + strings.Join(path, "/"))
		}
	}
	return out
}

// note names an entity the load writes, with a kind it has.
func (w *writer) note(id schema.IRI, name string, at input.Place, kind schema.Kind) {
	p, ok := w.ents[id]
	if !ok {
		p = &pending{entity: graph.Entity{ID: id, Name: name}, at: at, kinds: map[schema.Kind]bool{}}
		w.ents[id] = p
		w.order = append(w.order, id)
	}
	if kind != "" {
		p.kinds[kind] = true
	}
}

// plan notes the entities of one event.
func (w *writer) plan(ev *event) {
	w.note(w.eventID(ev), ev.id, w.at(ev, fID), Event)
	for i, s := range ev.sides {
		if s.actor == "" {
			continue
		}
		f := [2]int{fActor1, fActor2}[i]
		w.note(w.actorID(s.actor), s.actor, w.at(ev, f), actorTypes[s.typ].kind)
		for _, a := range s.assoc {
			w.note(w.actorID(a), a, w.at(ev, [2]int{fAssoc1, fAssoc2}[i]), "")
		}
	}
	for _, s := range ev.sources {
		w.note(w.sourceID(s), s, w.at(ev, fSource), Source)
	}
	ev.placeIDs = w.placeIDs(ev)
	for i, id := range ev.placeIDs {
		f := ev.placeLevels[i]
		kind := schema.Region
		switch {
		case f == fCountry:
			kind = schema.Country
		case f == fLocation && ev.geo == 1:
			kind = schema.City
		case f == fLocation:
			kind = ""
		}
		w.note(id, ev.places[i], w.at(ev, f), kind)
	}
}

// existing marks the entities the graph holds already: they are not written
// again, so they keep the kinds a load before this one gave them.
func (w *writer) existing(ctx context.Context, g *graph.Graph) error {
	for _, id := range w.order {
		_, err := g.Entity(ctx, id)
		switch {
		case err == nil:
			w.ents[id].exists = true
		case !errors.Is(err, graph.ErrNotFound):
			return err
		}
	}
	return nil
}

// kinds returns the kinds of an entity to write: those its rows give, without
// one that another of them is below, or Actor or Place when the rows give
// none (an actor named only as associated; a location not coded as a town).
func (w *writer) kinds(v *schema.Vocabulary, id schema.IRI, p *pending) []schema.Kind {
	var ks []schema.Kind
	for k := range p.kinds {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	out := ks[:0:0]
	for _, k := range ks {
		below := false
		for _, o := range ks {
			below = below || (o != k && v.IsA(o, k))
		}
		if !below {
			out = append(out, k)
		}
	}
	if len(out) == 0 {
		if strings.HasPrefix(string(id), w.base+"location/") {
			return []schema.Kind{schema.Place}
		}
		return []schema.Kind{schema.Actor}
	}
	return out
}

func (w *writer) write(tx *graph.Tx, v *schema.Vocabulary, events []event) error {
	for _, id := range w.order {
		p := w.ents[id]
		if p.exists {
			continue
		}
		p.entity.Kinds = w.kinds(v, id, p)
		if err := tx.AddEntity(p.entity); err != nil {
			return p.at.Wrap(err)
		}
		w.entities++
	}
	for i := range events {
		if err := w.event(tx, &events[i]); err != nil {
			return err
		}
	}
	return nil
}

func (w *writer) event(tx *graph.Tx, ev *event) error {
	eid := w.eventID(ev)
	places := ev.placeIDs
	for n, src := range ev.sources {
		cid := schema.IRI(fmt.Sprintf("%s#source-%d", eid, n+1))
		c := graph.Claim{ID: cid, Source: graph.Entity{ID: w.sourceID(src)}, Reported: ev.reported,
			ValidFrom: ev.from, ValidUntil: ev.until, Quote: ev.notes, Note: w.claimNote(ev, src)}
		if err := tx.AddClaim(c); err != nil {
			return w.at(ev, fSource).Wrap(err)
		}
		w.claims++
		fact := func(f int, s schema.IRI, r schema.Relation, o schema.IRI) error {
			if s == o {
				return nil
			}
			if err := tx.Assert(graph.Fact{Subject: s, Relation: r, Object: o, Claim: cid}); err != nil {
				return w.at(ev, f).Wrap(err)
			}
			w.facts++
			return nil
		}
		attr := func(f int, s schema.IRI, a schema.Attribute, val graph.Value) error {
			if err := tx.AssertAttribute(graph.AttributeFact{Subject: s, Attribute: a, Value: val, Claim: cid}); err != nil {
				return w.at(ev, f).Wrap(err)
			}
			w.attrs++
			return nil
		}
		var actors [2]schema.IRI
		for i, s := range ev.sides {
			if s.actor == "" {
				continue
			}
			fa, fs, ft := [2]int{fActor1, fActor2}[i], [2]int{fAssoc1, fAssoc2}[i], [2]int{fInter1, fInter2}[i]
			actors[i] = w.actorID(s.actor)
			if err := fact(fa, actors[i], ParticipantIn, eid); err != nil {
				return err
			}
			if err := attr(ft, actors[i], ActorType, graph.Text(actorTypes[s.typ].name)); err != nil {
				return err
			}
			for _, a := range s.assoc {
				if err := fact(fs, w.actorID(a), ParticipantIn, eid); err != nil {
					return err
				}
				if err := fact(fs, w.actorID(a), AssociatedWith, actors[i]); err != nil {
					return err
				}
			}
		}
		location := places[len(places)-1]
		var err error
		switch ev.says {
		case clash, capture:
			if actors[1] != "" {
				err = fact(fSub, actors[0], ClashedWith, actors[1])
			}
			if err == nil && ev.says == capture {
				err = fact(fSub, actors[0], schema.Captured, location)
			}
		case acquire:
			err = fact(fSub, actors[0], Acquired, location)
		case base:
			err = fact(fSub, actors[0], EstablishedBaseIn, location)
		case attack, arrest, agreement:
			if actors[1] != "" {
				err = fact(fSub, actors[0], map[outcome]schema.Relation{attack: Attacked, arrest: Arrested, agreement: AgreedWith}[ev.says], actors[1])
			}
		}
		if err != nil {
			return err
		}
		for i, p := range places {
			if err := fact(ev.placeLevels[i], eid, OccurredIn, p); err != nil {
				return err
			}
		}
		for _, a := range []struct {
			f    int
			attr schema.Attribute
			val  graph.Value
		}{
			{fType, EventType, graph.Text(ev.eventType)},
			{fSub, SubEventType, graph.Text(ev.subType)},
			{fDisorder, DisorderType, graph.Text(ev.disorder)},
			{fInteraction, Interaction, graph.Text(ev.interaction)},
			{fFatalities, Fatalities, graph.Integer(ev.fatalities)},
		} {
			if a.val.String() == "" {
				continue
			}
			if err := attr(a.f, eid, a.attr, a.val); err != nil {
				return err
			}
		}
	}
	return nil
}

// claimNote says what the claim is: which event ACLED coded from which
// source, and how precisely it is dated.
func (w *writer) claimNote(ev *event, src string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "ACLED event %s, coded from %s", ev.id, src)
	if ev.scale != "" {
		fmt.Fprintf(&b, " (source scale: %s)", ev.scale)
	}
	switch ev.prec {
	case 2:
		fmt.Fprintf(&b, "; dated to the week from %s to %s", graph.DateOf(ev.day.AddDate(0, 0, -3)), graph.DateOf(ev.day.AddDate(0, 0, 3)))
	case 3:
		fmt.Fprintf(&b, "; dated to the month of %s", graph.DateOf(ev.day))
	}
	return b.String()
}
