package ucdp

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strings"
)

// Detect tells from the first bytes of a file (a few kilobytes: the header
// row, or the start of the first JSON object) whether it is UCDP data, and
// which layout: GED191, GED231 or GEDJSON for LoadGED, ActorList for
// LoadActors, "" for anything else. It is for tools that take files without
// being told their format; it reads only what it is given.
func Detect(head []byte) Layout {
	head = bytes.TrimPrefix(head, []byte("\ufeff"))
	trimmed := bytes.TrimLeft(head, " \t\r\n")
	if len(trimmed) > 0 && (trimmed[0] == '[' || trimmed[0] == '{') {
		// The API's keys, in the first object.
		for _, k := range []string{`"dyad_new_id"`, `"side_a_new_id"`, `"date_prec"`, `"best"`} {
			if !bytes.Contains(trimmed, []byte(k)) {
				return ""
			}
		}
		return GEDJSON
	}
	line, _, _ := bytes.Cut(head, []byte("\n"))
	header, err := csv.NewReader(bytes.NewReader(line)).Read()
	if err != nil {
		return ""
	}
	for i := range header {
		header[i] = strings.ToLower(strings.TrimSpace(header[i]))
	}
	has := func(cols ...string) bool {
		for _, c := range cols {
			if !slices.Contains(header, strings.ToLower(c)) {
				return false
			}
		}
		return true
	}
	ged := has("id", "dyad_new_id", "side_a_new_id", "side_b_new_id", "date_prec", "where_prec", "best", "low", "high")
	switch {
	case has("ActorId", "NameData", "NameOrig", "Org"):
		return ActorList
	case ged && has("relid"):
		return GED231
	case ged:
		return GED191
	}
	return ""
}
