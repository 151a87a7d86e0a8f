package graph

import (
	"fmt"
	"strconv"
	"time"

	"github.com/actorgraph/actorgraph/schema"
)

// Precision says how much of a Date is known.
type Precision uint8

// The precisions a Date may have. The zero Precision is an unknown date.
const (
	Unknown Precision = iota
	YearPrecision
	MonthPrecision
	DayPrecision
)

// Date is a calendar date known to a year, a month or a day: "2017", "2024-12",
// "2024-12-06". The zero Date is unknown. Dates are UTC calendar dates; a date
// stands for the whole period it names, from [Date.Start] to [Date.End].
type Date struct {
	year  int
	month time.Month
	day   int
	prec  Precision
}

// Year returns the date of year precision y.
func Year(y int) Date { return Date{year: y, prec: YearPrecision} }

// Month returns the date of month precision y-m.
func Month(y int, m time.Month) Date { return Date{year: y, month: m, prec: MonthPrecision} }

// Day returns the date of day precision y-m-d.
func Day(y int, m time.Month, d int) Date {
	return Date{year: y, month: m, day: d, prec: DayPrecision}
}

// DateOf returns the day on which t falls, in UTC.
func DateOf(t time.Time) Date {
	t = t.UTC()
	return Day(t.Year(), t.Month(), t.Day())
}

// ParseDate parses an ISO 8601 calendar date of year, month or day precision:
// "2017", "2024-12" or "2024-12-06". Years have four digits.
func ParseDate(s string) (Date, error) {
	var d Date
	switch len(s) {
	case 4:
		d.prec = YearPrecision
	case 7:
		d.prec = MonthPrecision
	case 10:
		d.prec = DayPrecision
	default:
		return Date{}, fmt.Errorf("date %q: want YYYY, YYYY-MM or YYYY-MM-DD: %w", s, ErrInvalid)
	}
	num := func(part string) (int, bool) {
		for _, c := range part {
			if c < '0' || c > '9' {
				return 0, false
			}
		}
		n, err := strconv.Atoi(part)
		return n, err == nil
	}
	y, ok := num(s[:4])
	if !ok {
		return Date{}, fmt.Errorf("date %q: year %q is not four digits: %w", s, s[:4], ErrInvalid)
	}
	d.year = y
	if d.prec >= MonthPrecision {
		m, ok := num(s[5:7])
		if s[4] != '-' || !ok {
			return Date{}, fmt.Errorf("date %q: want YYYY-MM: %w", s, ErrInvalid)
		}
		d.month = time.Month(m)
	}
	if d.prec == DayPrecision {
		dd, ok := num(s[8:10])
		if s[7] != '-' || !ok {
			return Date{}, fmt.Errorf("date %q: want YYYY-MM-DD: %w", s, ErrInvalid)
		}
		d.day = dd
	}
	if err := d.Valid(); err != nil {
		return Date{}, err
	}
	return d, nil
}

// Valid returns an error wrapping ErrInvalid when d names no real date
// (month 13, 30 February). The zero Date is valid: it is unknown. Year, Month
// and Day do not check their arguments; every write and every read that takes
// a Date does, so Day(2024, 13, 1) is refused wherever it is used.
func (d Date) Valid() error {
	switch d.prec {
	case Unknown:
		return nil
	case YearPrecision, MonthPrecision, DayPrecision:
	default:
		return fmt.Errorf("date: precision %d is not year, month or day: %w", d.prec, ErrInvalid)
	}
	if d.year < 1 || d.year > 9999 {
		return fmt.Errorf("date %s: year %d is outside 1-9999: %w", d, d.year, ErrInvalid)
	}
	if d.prec >= MonthPrecision && (d.month < time.January || d.month > time.December) {
		return fmt.Errorf("date %s: month %d is outside 1-12: %w", d, int(d.month), ErrInvalid)
	}
	if d.prec == DayPrecision {
		if t := d.Start(); t.Day() != d.day || t.Month() != d.month {
			return fmt.Errorf("date %s: there is no day %d in %s %d: %w", d, d.day, d.month, d.year, ErrInvalid)
		}
	}
	return nil
}

// IsZero reports whether d is unknown.
func (d Date) IsZero() bool { return d.prec == Unknown }

// Precision returns how much of d is known.
func (d Date) Precision() Precision { return d.prec }

// Start returns the first instant of the period d names (UTC). A year-precision
// date starts on 1 January. The zero Date returns the zero time.
func (d Date) Start() time.Time {
	switch d.prec {
	case YearPrecision:
		return time.Date(d.year, time.January, 1, 0, 0, 0, 0, time.UTC)
	case MonthPrecision:
		return time.Date(d.year, d.month, 1, 0, 0, 0, 0, time.UTC)
	case DayPrecision:
		return time.Date(d.year, d.month, d.day, 0, 0, 0, 0, time.UTC)
	}
	return time.Time{}
}

// End returns the first instant after the period d names: 1 January 2018 for
// "2017". The zero Date returns the zero time.
func (d Date) End() time.Time {
	switch d.prec {
	case YearPrecision:
		return d.Start().AddDate(1, 0, 0)
	case MonthPrecision:
		return d.Start().AddDate(0, 1, 0)
	case DayPrecision:
		return d.Start().AddDate(0, 0, 1)
	}
	return time.Time{}
}

// String returns d's ISO 8601 form at its precision ("2017", "2024-12",
// "2024-12-06"), or "" for the zero Date.
func (d Date) String() string {
	switch d.prec {
	case YearPrecision:
		return fmt.Sprintf("%04d", d.year)
	case MonthPrecision:
		return fmt.Sprintf("%04d-%02d", d.year, int(d.month))
	case DayPrecision:
		return fmt.Sprintf("%04d-%02d-%02d", d.year, int(d.month), d.day)
	}
	return ""
}

// Format returns d for people: "2017", "December 2024", "6 December 2024",
// or "unknown". A date that is not valid is given in its ISO form, followed by
// "(invalid)".
func (d Date) Format() string {
	if d.Valid() != nil {
		if d.prec > DayPrecision {
			return "unknown (invalid)"
		}
		return d.String() + " (invalid)"
	}
	switch d.prec {
	case YearPrecision:
		return d.String()
	case MonthPrecision:
		return fmt.Sprintf("%s %d", d.month, d.year)
	case DayPrecision:
		return fmt.Sprintf("%d %s %d", d.day, d.month, d.year)
	}
	return "unknown"
}

// Before reports whether d's period starts before e's.
func (d Date) Before(e Date) bool { return d.Start().Before(e.Start()) }

// datatypeIRI returns the XML Schema datatype of d's precision.
func (d Date) datatypeIRI() schema.IRI {
	switch d.prec {
	case YearPrecision:
		return schema.XSDYear
	case MonthPrecision:
		return schema.XSDYearMonth
	}
	return schema.XSDDate
}
