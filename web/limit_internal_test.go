package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph"
)

// TestConcurrentQuestionsBounded holds every slot of a handler and checks
// that a question then waits, is answered once a slot frees, and is refused
// with 503 and Retry-After when none frees in time.
func TestConcurrentQuestionsBounded(t *testing.T) {
	g, err := graph.Open(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	s := &server{g: g, slots: make(chan struct{}, 2), wait: 200 * time.Millisecond}
	e := s.endpoints()["vocabulary"]
	ask := func() *httptest.ResponseRecorder {
		w := httptest.NewRecorder()
		e.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/api/vocabulary", nil))
		return w
	}
	if w := ask(); w.Code != http.StatusOK {
		t.Fatalf("with free slots: status %d: %s", w.Code, w.Body)
	}
	if len(s.slots) != 0 {
		t.Fatalf("%d slots still held after an answer", len(s.slots))
	}

	s.slots <- struct{}{}
	s.slots <- struct{}{}
	w := ask()
	if w.Code != http.StatusServiceUnavailable || w.Header().Get("Retry-After") == "" ||
		!strings.Contains(w.Body.String(), "answering 2 questions") {
		t.Fatalf("with every slot held: status %d, Retry-After %q: %s", w.Code, w.Header().Get("Retry-After"), w.Body)
	}

	// A slot freed while the question waits lets it through.
	s.wait = 10 * time.Second
	var wg sync.WaitGroup
	wg.Add(1)
	var got *httptest.ResponseRecorder
	go func() { defer wg.Done(); got = ask() }()
	time.Sleep(50 * time.Millisecond)
	s.release()
	wg.Wait()
	if got.Code != http.StatusOK {
		t.Fatalf("after a slot freed: status %d: %s", got.Code, got.Body)
	}
	if len(s.slots) != 1 {
		t.Fatalf("%d slots held, want the 1 still taken", len(s.slots))
	}

	// A question whose request ends while it waits is refused at once.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	w = httptest.NewRecorder()
	s.slots <- struct{}{}
	start := time.Now()
	e.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/api/vocabulary", nil).WithContext(ctx))
	if w.Code != http.StatusServiceUnavailable || time.Since(start) > 5*time.Second {
		t.Fatalf("a cancelled request waiting for a slot: status %d after %v", w.Code, time.Since(start))
	}
}

func TestWithMaxConcurrent(t *testing.T) {
	for _, tc := range []struct{ opt, want int }{{0, DefaultMaxConcurrent}, {-3, DefaultMaxConcurrent}, {1, 1}, {32, 32}} {
		s := newServer(nil, WithMaxConcurrent(tc.opt))
		if cap(s.slots) != tc.want || s.wait != queueWait {
			t.Errorf("WithMaxConcurrent(%d): %d slots, wait %v; want %d, %v", tc.opt, cap(s.slots), s.wait, tc.want, queueWait)
		}
	}
	if s := newServer(nil); cap(s.slots) != DefaultMaxConcurrent {
		t.Errorf("without the option: %d slots, want %d", cap(s.slots), DefaultMaxConcurrent)
	}
}
