package acled

import (
	"strconv"
	"strings"

	"github.com/actorgraph/actorgraph/schema"
)

// actorTypes are ACLED's actor types (inter1, inter2) by numeric code, with
// the kind an actor of the type is given. The names are the current export's
// text form; older labels (acledR's acled_interaction_codes) are accepted too.
var actorTypes = [...]struct {
	name  string
	old   string
	short string // as the codebook's interaction labels name it
	kind  schema.Kind
}{
	1: {"State forces", "State Forces", "Military", schema.ArmedForces},
	2: {"Rebel group", "Rebel Forces", "Rebels", schema.ArmedGroup},
	3: {"Political militia", "Militia Groups", "Political Militia", schema.ArmedGroup},
	4: {"Identity militia", "Communal / Identity Groups", "Communal Militia", schema.ArmedGroup},
	5: {"Rioters", "Rioters", "Rioters", schema.Population},
	6: {"Protesters", "Protesters", "Protestors", schema.Population},
	7: {"Civilians", "Civilians", "Civilians", schema.Population},
	8: {"External/Other forces", "Foreign / Others", "Other", schema.Organization},
}

// actorType returns the code of an inter1/inter2 cell, numeric or text, or 0.
func actorType(s string) int {
	if n, err := strconv.Atoi(s); err == nil {
		if n >= 1 && n < len(actorTypes) {
			return n
		}
		return 0
	}
	for i, t := range actorTypes {
		if i > 0 && (strings.EqualFold(s, t.name) || strings.EqualFold(s, t.old) ||
			strings.EqualFold(s, t.name+"s") || strings.EqualFold(s, strings.TrimSuffix(t.name, "s"))) {
			return i
		}
	}
	return 0
}

// interactions are the interaction codes of ACLED's codebook (acledR's
// acled_codebook, "interaction"), with their labels as it gives them.
var interactions = map[int]string{
	10: "Sole Military Action", 11: "Military versus Military", 12: "Military versus Rebels",
	13: "Military versus Political Militia", 14: "Military versus Communal Militia", 15: "Military versus Rioters",
	16: "Military versus Protestors", 17: "Military versus Civilians", 18: "Military versus Other",
	20: "Sole Rebel Action", 22: "Rebels versus Rebels", 23: "Rebels versus Political Militia",
	24: "Rebels versus Communal Militia", 25: "Rebels versus Rioters", 26: "Rebels versus Protestors",
	27: "Rebels versus Civilians", 28: "Rebels versus Other",
	30: "Sole Political Militia Action", 33: "Political Militia versus Political Militia",
	34: "Political Militia versus Communal Militia", 35: "Political Militia versus Rioters",
	36: "Political Militia versus Protestors", 37: "Political Militia versus Civilians", 38: "Political Militia versus Other",
	40: "Sole Communal Militia Action", 44: "Communal Militia versus Communal Militia", 45: "Communal Militia versus Rioters",
	46: "Communal Militia versus Protestors", 47: "Communal Militia versus Civilians", 48: "Communal Militia versus Other",
	50: "Sole Rioter Action", 55: "Rioters versus Rioters", 56: "Rioters versus Protestors", 57: "Rioters versus Civilians",
	58: "Rioters versus Other", 60: "Sole Protestor Action", 66: "Protestors versus Protestors",
	67: "Protestors versus Civilians", 68: "Protestors versus Other", 78: "Other Actor versus Civilians", 80: "Sole other Action",
}

// interactionCode returns the interaction code the two actor types make:
// the two codes joined, lowest first; X0 when there is no second actor.
func interactionCode(t1, t2 int) int {
	if t2 == 0 {
		return t1 * 10
	}
	return min(t1, t2)*10 + max(t1, t2)
}

// outcome is what a sub-event type says beyond the actors taking part.
type outcome uint8

const (
	none      outcome = iota
	clash             // actor1 clashedWith actor2
	capture           // actor1 captured the location (and clashed with actor2, if any)
	acquire           // actor1 acquired the location
	base              // actor1 establishedBaseIn the location
	attack            // actor1 attacked actor2
	arrest            // actor1 arrested actor2
	agreement         // actor1 agreedWith actor2
)

// categories are ACLED's event types and their sub-event types
// (acledR's acled_event_categories), with what each says.
var categories = []struct {
	event, sub string
	says       outcome
}{
	{"Battles", "Armed clash", clash},
	{"Battles", "Government regains territory", capture},
	{"Battles", "Non-state actor overtakes territory", capture},
	{"Explosions/Remote violence", "Chemical weapon", attack},
	{"Explosions/Remote violence", "Air/drone strike", attack},
	{"Explosions/Remote violence", "Suicide bomb", attack},
	{"Explosions/Remote violence", "Shelling/artillery/missile attack", attack},
	{"Explosions/Remote violence", "Remote explosive/landmine/IED", attack},
	{"Explosions/Remote violence", "Grenade", attack},
	{"Protests", "Peaceful protest", none},
	{"Protests", "Protest with intervention", none},
	{"Protests", "Excessive force against protesters", none},
	{"Riots", "Violent demonstration", attack},
	{"Riots", "Mob violence", attack},
	{"Strategic developments", "Agreement", agreement},
	{"Strategic developments", "Arrests", arrest},
	{"Strategic developments", "Change to group/activity", none},
	{"Strategic developments", "Disrupted weapons use", none},
	{"Strategic developments", "Headquarters or base established", base},
	{"Strategic developments", "Looting/property destruction", none},
	{"Strategic developments", "Non-violent transfer of territory", acquire},
	{"Strategic developments", "Other", none},
	{"Violence against civilians", "Sexual violence", attack},
	{"Violence against civilians", "Attack", attack},
	{"Violence against civilians", "Abduction/forced disappearance", attack},
}

// category returns the index in categories of an event and sub-event type,
// compared without case and with the codebook's "protestors" spelling, or -1.
func category(event, sub string) int {
	norm := func(s string) string { return strings.ReplaceAll(strings.ToLower(s), "protestors", "protesters") }
	event, sub = norm(event), norm(sub)
	for i, c := range categories {
		if norm(c.event) == event && norm(c.sub) == sub {
			return i
		}
	}
	return -1
}

// eventTypeKnown reports whether event is one of ACLED's event types.
func eventTypeKnown(event string) bool {
	for _, c := range categories {
		if strings.EqualFold(c.event, event) {
			return true
		}
	}
	return false
}

// interactionText reads the text form of an interaction, "State
// forces-Rebel group" or "Rebel group only", into its two actor types (0 for
// none). ok is false for text of another form, which is kept as it is.
func interactionText(s string) (t1, t2 int, ok bool) {
	if a, found := strings.CutSuffix(s, " only"); found {
		t1 = actorType(a)
		return t1, 0, t1 != 0
	}
	a, b, found := strings.Cut(s, "-")
	if !found {
		return 0, 0, false
	}
	t1, t2 = actorType(a), actorType(b)
	return t1, t2, t1 != 0 && t2 != 0
}

// typeName returns the name of actor type t, or "none".
func typeName(t int) string {
	if t == 0 {
		return "none"
	}
	return actorTypes[t].name
}
