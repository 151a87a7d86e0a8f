package ucdp

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/actorgraph/actorgraph/schema"
)

// Base is the IRI prefix under which a load names what it writes: actors,
// events, dyads, conflicts and places by their UCDP ids.
type Base string

// DefaultBase is the Base a load uses unless given WithBase.
const DefaultBase Base = "https://actorgraph.org/id/ucdp/"

// Actor returns the IRI of the UCDP actor id (ActorId in the actor list,
// side_a_new_id and side_b_new_id in GED; temporary coalitions share the ids).
func (b Base) Actor(id int64) schema.IRI { return b.iri("actor/", id) }

// Event returns the IRI of the GED event id.
func (b Base) Event(id int64) schema.IRI { return b.iri("event/", id) }

// Dyad returns the IRI of the dyad id (dyad_new_id).
func (b Base) Dyad(id int64) schema.IRI { return b.iri("dyad/", id) }

// Conflict returns the IRI of the conflict id (conflict_new_id).
func (b Base) Conflict(id int64) schema.IRI { return b.iri("conflict/", id) }

// Place returns the IRI of a place by the country's id (country_id, its
// Gleditsch and Ward code) and, below the country, the names of its
// first- and second-order administrative areas as GED writes them:
// Place(652, "Aleppo governorate") is Aleppo governorate in Syria.
func (b Base) Place(countryID int64, areas ...string) schema.IRI {
	var s strings.Builder
	s.WriteString(string(b.iri("place/", countryID)))
	for _, a := range areas {
		s.WriteByte('/')
		s.WriteString(url.PathEscape(a))
	}
	return schema.IRI(s.String())
}

func (b Base) iri(kind string, id int64) schema.IRI {
	return schema.IRI(string(b) + kind + strconv.FormatInt(id, 10))
}

// claim returns the IRI of the claim of the entity id: an event's record, an
// actor's row.
func claimOf(id schema.IRI) schema.IRI { return id + "#claim" }
