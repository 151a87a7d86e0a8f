package wikidata

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/actorgraph/actorgraph/graph"
)

// The parts of Wikidata's entity JSON the importer reads
// (https://doc.wikimedia.org/Wikibase/master/php/docs_topics_json.html).
type entityJSON struct {
	ID           string                 `json:"id"`
	Type         string                 `json:"type"`
	Modified     string                 `json:"modified"`
	LastRevID    int64                  `json:"lastrevid"`
	Labels       map[string]langValue   `json:"labels"`
	Descriptions map[string]langValue   `json:"descriptions"`
	Aliases      map[string][]langValue `json:"aliases"`
	Claims       map[string][]statement `json:"claims"`
	Statements   map[string][]statement `json:"statements"` // the REST API's name for claims
}

type langValue struct {
	Language string `json:"language"`
	Value    string `json:"value"`
}

type statement struct {
	ID         string            `json:"id"`
	Rank       string            `json:"rank"`
	Mainsnak   snak              `json:"mainsnak"`
	Qualifiers map[string][]snak `json:"qualifiers"`
	References []reference       `json:"references"`
}

type snak struct {
	Snaktype  string     `json:"snaktype"`
	Property  string     `json:"property"`
	Datavalue *dataValue `json:"datavalue"`
}

type dataValue struct {
	Type  string          `json:"type"`
	Value json.RawMessage `json:"value"`
}

type reference struct {
	Hash       string            `json:"hash"`
	Snaks      map[string][]snak `json:"snaks"`
	SnaksOrder []string          `json:"snaks-order"`
}

// item returns the QID a snak's value names, or "" when it names no item.
func (s snak) item() string {
	if s.Snaktype != "value" || s.Datavalue == nil || s.Datavalue.Type != "wikibase-entityid" {
		return ""
	}
	var v struct {
		ID         string `json:"id"`
		EntityType string `json:"entity-type"`
		NumericID  int64  `json:"numeric-id"`
	}
	if json.Unmarshal(s.Datavalue.Value, &v) != nil {
		return ""
	}
	if v.ID == "" && v.EntityType == "item" && v.NumericID > 0 {
		v.ID = "Q" + strconv.FormatInt(v.NumericID, 10)
	}
	if !isQID(v.ID) {
		return ""
	}
	return v.ID
}

// text returns a snak's string value (a URL, a title), or "".
func (s snak) text() string {
	if s.Snaktype != "value" || s.Datavalue == nil {
		return ""
	}
	var str string
	if json.Unmarshal(s.Datavalue.Value, &str) == nil {
		return str
	}
	var mono struct {
		Text string `json:"text"`
	}
	if json.Unmarshal(s.Datavalue.Value, &mono) == nil {
		return mono.Text
	}
	return ""
}

// Calendar models Wikidata gives times in.
const (
	gregorian = "http://www.wikidata.org/entity/Q1985727"
	julian    = "http://www.wikidata.org/entity/Q1985786"
)

// date returns a time snak's value as a Date at its precision: 9 the year,
// 10 the month, 11 (and finer) the day. A year-precision time is written
// with zero month and day ("+1214-00-00T00:00:00Z"), which RFC 3339 parsers
// refuse. Ok is false for a snak with no time; err says why a time cannot be
// a Date (coarser than a year, before year 1 or after 9999, a Julian date
// finer than a year).
func (s snak) date() (d graph.Date, ok bool, err error) {
	if s.Snaktype != "value" || s.Datavalue == nil || s.Datavalue.Type != "time" {
		return graph.Date{}, false, nil
	}
	var v struct {
		Time          string `json:"time"`
		Precision     int    `json:"precision"`
		CalendarModel string `json:"calendarmodel"`
	}
	if err := json.Unmarshal(s.Datavalue.Value, &v); err != nil {
		return graph.Date{}, true, fmt.Errorf("a time value is not {time, precision, calendarmodel}")
	}
	d, err = parseTime(v.Time, v.Precision)
	if err == nil && v.CalendarModel == julian && v.Precision > 9 {
		err = fmt.Errorf("time %q is in the Julian calendar; only its year would be kept", v.Time)
	}
	return d, true, err
}

// parseTime parses Wikidata's time form, "+YYYY-MM-DDT00:00:00Z", at a precision.
func parseTime(t string, precision int) (graph.Date, error) {
	if precision < 9 {
		return graph.Date{}, fmt.Errorf("time %q has precision %d, coarser than a year", t, precision)
	}
	if !strings.HasPrefix(t, "+") {
		return graph.Date{}, fmt.Errorf("time %q: want a year after 0, signed +", t)
	}
	date, _, _ := strings.Cut(t[1:], "T")
	parts := strings.Split(date, "-")
	if len(parts) != 3 {
		return graph.Date{}, fmt.Errorf("time %q: want +YYYY-MM-DDThh:mm:ssZ", t)
	}
	var n [3]int
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || v < 0 {
			return graph.Date{}, fmt.Errorf("time %q: want +YYYY-MM-DDThh:mm:ssZ", t)
		}
		n[i] = v
	}
	var d graph.Date
	switch {
	case precision == 9:
		d = graph.Year(n[0])
	case precision == 10:
		d = graph.Month(n[0], timeMonth(n[1]))
	default:
		d = graph.Day(n[0], timeMonth(n[1]), n[2])
	}
	if err := d.Valid(); err != nil {
		return graph.Date{}, fmt.Errorf("time %q at precision %d: %v", t, precision, err)
	}
	return d, nil
}

// isQID reports whether s is an item id: Q and digits.
func isQID(s string) bool {
	if len(s) < 2 || s[0] != 'Q' || s[1] == '0' {
		return false
	}
	for _, c := range s[1:] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return len(s) <= 20
}

func timeMonth(m int) time.Month { return time.Month(m) }
