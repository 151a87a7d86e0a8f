package ucdp

import "testing"

func TestDetectTellsEachShippedSampleByItsFirstBytes(t *testing.T) {
	tests := []struct {
		head []byte
		want Layout
	}{
		{readFile(t, ged191File)[:4096], GED191},
		{readFile(t, ged231File)[:4096], GED231},
		{readFile(t, gedJSONFile)[:4096], GEDJSON},
		{readFile(t, actorsFile)[:4096], ActorList},
		{[]byte("claim,subject,relation,object,source,reported\n"), ""},
		{[]byte(`[{"@id": "https://example.org/x", "https://schema.org/name": "x"}]`), ""},
		{[]byte("actorgraph: 1\nbase: https://example.org/\n"), ""},
		{nil, ""},
	}
	for _, tt := range tests {
		if got := Detect(tt.head); got != tt.want {
			t.Errorf("Detect(%.40q) = %q, want %q", tt.head, got, tt.want)
		}
	}
}
