package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/synth"
	"github.com/actorgraph/actorgraph/web"
)

// BenchmarkAPI answers the page's requests over internal/synth's graph in
// memory: the network (every edge, as the page first asks), the dates of
// its sliders, one hop from a known actor, and a lineage.
//
//	go test -run - -bench API -benchmem ./web/
func BenchmarkAPI(b *testing.B) {
	for _, quads := range []int{10_000, 100_000} {
		ctx := context.Background()
		g, err := graph.Open(ctx, "")
		if err != nil {
			b.Fatal(err)
		}
		if err := synth.Load(ctx, g, synth.Generate(quads/synth.QuadsPerActor, 1)); err != nil {
			b.Fatal(err)
		}
		h := web.NewHandler(g)
		actor := url.QueryEscape(string(synth.Actor(7)))
		for _, c := range []struct{ name, target string }{
			{"network", "/api/network?asOf=2024"},
			{"dates", "/api/dates"},
			{"edges from one actor", "/api/edges?relation=backs&from=" + actor + "&asOf=2024"},
			{"lineage", "/api/lineage?id=" + actor},
		} {
			b.Run(fmt.Sprintf("%s/%dk", c.name, quads/1000), func(b *testing.B) {
				for b.Loop() {
					rec := httptest.NewRecorder()
					h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "http://localhost"+c.target, nil))
					if rec.Code != http.StatusOK {
						b.Fatalf("%s: %d %s", c.target, rec.Code, rec.Body.String())
					}
				}
			})
		}
		g.Close()
	}
}
