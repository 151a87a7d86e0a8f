package graph_test

import (
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

func TestParseDateKeepsPrecision(t *testing.T) {
	tests := []struct {
		in         string
		want       graph.Date
		start, end string
		human      string
	}{
		{"2017", graph.Year(2017), "2017-01-01", "2018-01-01", "2017"},
		{"2024-12", graph.Month(2024, time.December), "2024-12-01", "2025-01-01", "December 2024"},
		{"2024-12-06", graph.Day(2024, time.December, 6), "2024-12-06", "2024-12-07", "6 December 2024"},
		{"2024-02-29", graph.Day(2024, time.February, 29), "2024-02-29", "2024-03-01", "29 February 2024"},
	}
	for _, tt := range tests {
		d, err := graph.ParseDate(tt.in)
		if err != nil {
			t.Fatalf("ParseDate(%q): %v", tt.in, err)
		}
		if d != tt.want || d.String() != tt.in || d.Format() != tt.human {
			t.Errorf("ParseDate(%q) = %v (%q, %q), want %v", tt.in, d, d.String(), d.Format(), tt.want)
		}
		if got := d.Start().Format(time.DateOnly); got != tt.start {
			t.Errorf("%s starts %s, want %s", tt.in, got, tt.start)
		}
		if got := d.End().Format(time.DateOnly); got != tt.end {
			t.Errorf("%s ends %s, want %s", tt.in, got, tt.end)
		}
	}
}

func TestParseDateRejects(t *testing.T) {
	for _, in := range []string{"", "17", "2017-1", "2017-13", "2023-02-29", "2024-12-32", "20x7", "2024/12/06", "2024-12-0a", "0000", "-2017"} {
		if d, err := graph.ParseDate(in); err == nil {
			t.Errorf("ParseDate(%q) = %v, want an error", in, d)
		}
	}
}

func TestParseValue(t *testing.T) {
	tests := []struct {
		dt   schema.Datatype
		in   string
		want graph.Value
		bad  bool
	}{
		{schema.IntegerRange, "12000..15000", graph.IntRange{Low: 12000, High: 15000}, false},
		{schema.IntegerRange, "15000..12000", nil, true},
		{schema.IntegerRange, "12000", nil, true},
		{schema.Integer, "42", graph.Integer(42), false},
		{schema.Integer, "4.2", nil, true},
		{schema.Date, "2017", graph.Year(2017), false},
		{schema.Text, "anything", graph.Text("anything"), false},
	}
	for _, tt := range tests {
		v, err := graph.ParseValue(tt.dt, tt.in)
		if tt.bad != (err != nil) || (!tt.bad && v != tt.want) {
			t.Errorf("ParseValue(%v, %q) = %v, %v", tt.dt, tt.in, v, err)
		}
	}
}
