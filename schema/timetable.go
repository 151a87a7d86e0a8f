package schema

import (
	"fmt"
	"slices"
	"strings"
)

// TimeTable returns v's relations' time semantics as a Markdown table, one
// row a relation sorted by short name: whether it is a state or an event, the
// side an exclusive state holds one at a time, the states an event starts and
// ends, and whether it speaks of the past. The README and the package doc
// publish the core's, kept equal to this by a test.
func (v *Vocabulary) TimeTable() string {
	var b strings.Builder
	b.WriteString("| relation | time | exclusive | starts | ends |\n|---|---|---|---|---|\n")
	for _, d := range v.relationsByName() {
		name := d.Name
		if d.Past {
			name += " (past)"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", name, d.Time, d.Exclusive, v.relName(d.Starts), v.relName(d.Ends))
	}
	return b.String()
}

func (v *Vocabulary) relName(r Relation) string {
	if r == "" {
		return ""
	}
	return v.RelationName(r)
}

// relationsByName returns the relation definitions sorted by short name.
func (v *Vocabulary) relationsByName() []RelationDef {
	ds := v.Relations()
	slices.SortFunc(ds, func(a, b RelationDef) int { return strings.Compare(a.Name, b.Name) })
	return ds
}
