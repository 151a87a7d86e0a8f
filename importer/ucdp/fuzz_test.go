package ucdp

import (
	"bytes"
	"context"
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
