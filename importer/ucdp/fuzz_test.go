package ucdp

import (
	"bytes"
	"context"
	"slices"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

// checkLoad checks what every load promises on any input: a failed load
// writes nothing, and every row read is written or rejected.
func checkLoad(t *testing.T, g *graph.Graph, st Stats, err error, written int) {
	t.Helper()
	if err != nil {
		if n := quads(t, g); n != 0 {
			t.Fatalf("a failed load (%v) wrote %d quads", err, n)
		}
		return
	}
	if written+len(st.Rejected) != st.Rows {
		t.Fatalf("%d written and %d rejected of %d rows", written, len(st.Rejected), st.Rows)
	}
}

func FuzzLoadGED(f *testing.F) {
	f.Add(badRow(f, "low", "5"))
	f.Add(badRow(f, "", "x"))
	f.Add(badRow(f, "date_start", "2015-02-30"))
	f.Add(readFile(f, gedJSONFile)[:1400])
	f.Add([]byte(`{"Result": [{"id": 1, "side_a_new_id": 2}], "NextPageUrl": ""}`))
	f.Fuzz(func(t *testing.T, input []byte) {
		g := newGraph(t)
		st, err := LoadGED(context.Background(), g, "fuzz", bytes.NewReader(input), MaxRejected(2), MaxLineBytes(1<<16))
		checkLoad(t, g, st, err, st.Events)
	})
}

func FuzzLoadActors(f *testing.F) {
	f.Add([]byte("\ufeffActorId,NameData,NameOrig,Org,ActorIdPrev,NamePrev,NSCoalitionID,NameChange,NewName,Version\n" +
		"7,Group,Old Group,1,8,Parent,\"9, 10\",1,\"Mid, Group\",22.1\n8,Parent,Parent,3,,,9,0,,22.1\n"))
	f.Add(readFile(f, actorsFile)[:4000])
	f.Fuzz(func(t *testing.T, input []byte) {
		g := newGraph(t)
		st, err := LoadActors(context.Background(), g, "fuzz", bytes.NewReader(input), MaxRejected(2), MaxLineBytes(1<<16))
		checkLoad(t, g, st, err, st.Claims)
	})
}

// Every prefix of a sample (cut at every 97th byte of its first 12 kB, or of
// its first ten JSON events) and the sample with a space for the byte there
// keep the load's promises, as the fuzz targets check for what the fuzzer
// makes up (which, on a busy machine, is little).
func TestCutOrCorruptedSamplesKeepTheLoadsPromises(t *testing.T) {
	ctx := context.Background()
	for _, file := range []string{ged231File, gedJSONFile, actorsFile} {
		input := readFile(t, file)
		if file == gedJSONFile { // ten whole events
			lines := bytes.SplitN(input, []byte("\n"), 11)
			input = append(bytes.TrimSuffix(bytes.Join(lines[:10], []byte("\n")), []byte(",")), "\n]"...)
		} else {
			input = input[:12000]
		}
		failed, loaded := 0, 0
		for at := 1; at < len(input); at += 97 {
			for _, in := range [][]byte{input[:at], append(append(slices.Clone(input[:at]), ' '), input[at+1:]...)} {
				g := newGraph(t)
				var st Stats
				var err error
				written := func() int { return st.Events }
				if file == actorsFile {
					st, err = LoadActors(ctx, g, file, bytes.NewReader(in), MaxRejected(1))
					written = func() int { return st.Claims }
				} else {
					st, err = LoadGED(ctx, g, file, bytes.NewReader(in), MaxRejected(1))
				}
				checkLoad(t, g, st, err, written())
				if err != nil {
					failed++
				} else {
					loaded++
				}
				g.Close()
			}
		}
		// Both outcomes happen, so both promises were checked.
		if failed == 0 || loaded == 0 {
			t.Errorf("%s: %d loads failed and %d succeeded; want some of each", file, failed, loaded)
		}
		t.Logf("%s: %d loads failed, %d succeeded", file, failed, loaded)
	}
}
