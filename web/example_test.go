package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/loader"
	"github.com/actorgraph/actorgraph/web"
)

// The API answers the library's questions with the command line's filters:
// here, who backs the rebel coalition as of 7 December 2024, and on whose word.
func ExampleNewHandler() {
	ctx := context.Background()
	g, err := graph.Open(ctx, "")
	if err != nil {
		log.Fatal(err)
	}
	defer g.Close()
	if _, err := loader.LoadFile(ctx, g, "../examples/syria/syria.yaml"); err != nil {
		log.Fatal(err)
	}
	h := web.NewHandler(g)

	q := url.Values{"relation": {"backs"}, "to": {"https://actorgraph.org/id/syria/coalition"}, "asOf": {"2024-12-07"}}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "http://localhost/api/edges?"+q.Encode(), nil))
	var doc struct {
		Results []struct {
			Subject, Object struct{ Name string }
			Relation        string
			Evidence        []struct {
				Source struct{ Name string }
				Quote  string
			}
		}
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil {
		log.Fatal(err)
	}
	for _, e := range doc.Results {
		fmt.Println(e.Subject.Name, e.Relation, e.Object.Name)
		for _, c := range e.Evidence {
			fmt.Printf("    %s: %q\n", c.Source.Name, c.Quote)
		}
	}

	// A date that does not parse is refused, naming the parameter.
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "http://localhost/api/edges?relation=backs&asOf=2024-13-01", nil))
	fmt.Println(rec.Code, rec.Body.String())
	// Output:
	// Turkey backs Rebel coalition
	//     Report on the Syrian rebel offensive: "a Turkish-backed coalition of rebels"
	// 400 {"error":"edges: parameter asOf=\"2024-13-01\": want a date YYYY, YYYY-MM or YYYY-MM-DD: date 2024-13-01: month 13 is outside 1-12: invalid input"}
}

// By default the view answers loopback hosts only, which keeps out a page of
// another site whose DNS name points at 127.0.0.1; WithHosts adds the names
// under which a server on another interface is reached.
func ExampleWithHosts() {
	g, err := graph.Open(context.Background(), "")
	if err != nil {
		log.Fatal(err)
	}
	defer g.Close()
	h := web.NewHandler(g, web.WithHosts("analysis.example"))
	for _, host := range []string{"127.0.0.1:8080", "analysis.example:8080", "attacker.example"} {
		req := httptest.NewRequest(http.MethodGet, "/api/dates", nil)
		req.Host = host
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		fmt.Println(host, rec.Code)
	}
	// Output:
	// 127.0.0.1:8080 200
	// analysis.example:8080 200
	// attacker.example 421
}

// NewServer bounds the time a client may take to send its request and to
// read the answer.
func ExampleNewServer() {
	srv := web.NewServer("127.0.0.1:8080", http.NotFoundHandler())
	fmt.Println(srv.ReadHeaderTimeout, srv.ReadTimeout, srv.WriteTimeout, srv.IdleTimeout)
	// Output: 5s 10s 30s 1m0s
}
