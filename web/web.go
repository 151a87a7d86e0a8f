// Package web serves a read-only view of a graph over HTTP: a JSON API that
// asks the library's questions (resolve, entity, edges, history, changes,
// lineage, path, contested, find) with the claim filters of the command line,
// and one HTML page that draws the actor network as of a date.
//
// It is what `actorgraph serve` runs; a program that holds a *graph.Graph
// mounts the same view in its own server:
//
//	h := web.NewHandler(g)
//	srv := web.NewServer("127.0.0.1:8080", h) // with read, write and idle timeouts
//	err := srv.ListenAndServe()
//
// # The API
//
// Every endpoint is a GET under api/ whose parameters are in the query string;
// a parameter an endpoint does not take is refused, as the command line
// refuses a flag a command does not honour. Answers are the command line's
// -json documents, {"command": NAME, "results": [...]}, with the same
// result shapes; network, dates and vocabulary, which the command line does
// not have, answer one object: {entities, edges, truncated} (each edge
// marked denied, ended and event), {valid, reported} and {kinds,
// relations}. Errors are {"error": MESSAGE} naming the parameter, with
// status 400 (a malformed parameter: a date that does not parse, an id that
// is not an IRI, an unknown relation or kind), 404 (an id that names no
// entity), 405 (any method but GET and HEAD), 413 (a request with a body),
// 414 (a query string over 4 KiB), 421 (a Host header the handler does not
// serve, see WithHosts) or 503 (every slot for a question taken, see
// WithMaxConcurrent, or the request's deadline passed).
//
//	api/vocabulary                       kinds and relations, for legends
//	api/dates                            the valid and reported dates in the data
//	api/network     [filters] [ended]    every edge, denied ones included, and its ends
//	api/resolve     name
//	api/entity      id [filters]
//	api/edges       relation [from] [to] [filters]
//	api/history     relation [from] [to] [filters]
//	api/changes     since until [from] [to] [knownAt] [source] [reportTime]
//	api/lineage     id [filters] [maxDepth]
//	api/path        from to [filters] [maxDepth]
//	api/contested   [from] [to] [filters]
//	api/find        kind [where]... [filters]
//
// The filters are asOf, knownAt, during (D or D..D), certain and source, as
// the command line's -as-of, -known-at, -during, -certain and -source; dates
// are YYYY, YYYY-MM or YYYY-MM-DD. Ids (id, from, to, source, the ID of
// where=RELATION:from|to:ID) are full IRIs: api/resolve turns a name into
// them. Boolean parameters take 1, true, 0 or false.
//
// # Safety
//
// Nothing writes: the handler has no endpoint that changes the graph. It sets
// no CORS header, so a page of another origin cannot read its answers, and by
// default it answers only requests whose Host is a loopback name or address
// (localhost, 127.0.0.1, [::1]), so that a page of another site cannot read
// them through DNS rebinding either. The page treats every string of the
// data as text (it never parses one as HTML) and its Content-Security-Policy
// allows only its own script. Walks are bounded (maxDepth at most
// graph.DefaultMaxDepth), where constraints at most 8, the network at
// 5,000 edges (marked truncated beyond), and every request runs under a
// deadline of 20 seconds. At most eight questions are answered at once (see
// WithMaxConcurrent); one that finds no free slot within two seconds is
// refused with 503 and Retry-After.
package web

import (
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/actorgraph/actorgraph/graph"
)

// Limits of a request. They bound what one request can make the server do.
const (
	maxQueryBytes   = 4 << 10 // the query string
	maxWhere        = 8       // where constraints of one find
	maxNameBytes    = 512     // a name to resolve
	maxNetworkEdges = 5000    // edges of one network answer
	requestTimeout  = 20 * time.Second
	// queueWait is how long a question waits for a free slot (see
	// WithMaxConcurrent) before it is refused with 503 Service Unavailable.
	queueWait = 2 * time.Second
)

// DefaultMaxConcurrent is how many API questions a handler answers at once
// unless WithMaxConcurrent says otherwise.
const DefaultMaxConcurrent = 8

// An Option configures a handler.
type Option func(*config)

type config struct {
	hosts         map[string]bool // nil: loopback hosts only
	maxConcurrent int
}

// WithMaxConcurrent bounds how many API questions the handler answers at
// once (DefaultMaxConcurrent when n <= 0 or without the option). A question
// that finds every slot taken waits up to two seconds for one, then is
// refused with 503 Service Unavailable and a Retry-After header, so that a
// burst of expensive questions (a network over a large graph, a long path)
// queues briefly and then sheds load instead of running all at once. The
// page and its assets are not counted.
func WithMaxConcurrent(n int) Option {
	return func(c *config) { c.maxConcurrent = n }
}

// WithHosts makes the handler answer requests whose Host header (without its
// port) is one of hosts, as well as loopback ones: the names under which the
// server is reached when it listens on another address than loopback.
func WithHosts(hosts ...string) Option {
	return func(c *config) {
		if c.hosts == nil {
			c.hosts = map[string]bool{}
		}
		for _, h := range hosts {
			c.hosts[strings.ToLower(strings.Trim(h, "[]"))] = true
		}
	}
}

// NewHandler returns the handler of the view of g: the page at its root,
// its assets under static/, the API under api/. It uses relative URLs, so it
// may be mounted under a prefix with http.StripPrefix. It is safe for
// concurrent use and never writes to g.
func NewHandler(g *graph.Graph, opts ...Option) http.Handler {
	s := newServer(g, opts...)
	mux := http.NewServeMux()
	mux.HandleFunc("/static/", asset)
	mux.HandleFunc("/{$}", page)
	for name, h := range s.endpoints() {
		mux.Handle("/api/"+name, h)
	}
	return s.guard(mux)
}

// newServer is the server of g as opts configure it.
func newServer(g *graph.Graph, opts ...Option) *server {
	c := config{}
	for _, o := range opts {
		o(&c)
	}
	if c.maxConcurrent <= 0 {
		c.maxConcurrent = DefaultMaxConcurrent
	}
	return &server{g: g, hosts: c.hosts, slots: make(chan struct{}, c.maxConcurrent), wait: queueWait}
}

// NewServer returns an http.Server for h on addr, with timeouts on reading a
// request's header and body, on writing its answer and on idle connections,
// and a bound on header size, so that a slow or hostile client cannot hold
// the server.
func NewServer(addr string, h http.Handler) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      requestTimeout + 10*time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    16 << 10,
	}
}

// guard refuses what the view never serves: another method than GET or HEAD,
// a body, an oversized query string, a foreign Host; and sets the headers
// every answer carries.
func (s *server) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
		switch {
		case !s.allowedHost(r.Host):
			writeError(w, http.StatusMisdirectedRequest, "host %q is not served here", r.Host)
		case r.Method != http.MethodGet && r.Method != http.MethodHead:
			h.Set("Allow", "GET, HEAD")
			writeError(w, http.StatusMethodNotAllowed, "method %s: the view is read-only and takes GET only", r.Method)
		case r.ContentLength != 0 || len(r.TransferEncoding) > 0:
			writeError(w, http.StatusRequestEntityTooLarge, "a request body is not accepted")
		case len(r.URL.RawQuery) > maxQueryBytes:
			writeError(w, http.StatusRequestURITooLong, "query string of %d bytes; at most %d are accepted", len(r.URL.RawQuery), maxQueryBytes)
		default:
			next.ServeHTTP(w, r)
		}
	})
}

func (s *server) allowedHost(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.ToLower(strings.Trim(host, "[]"))
	if s.hosts[host] || host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
