package main

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// lineWriter hands each write to a channel, so that a test can wait for the
// line serve prints once it listens.
type lineWriter chan string

func (w lineWriter) Write(b []byte) (int, error) {
	w <- string(b)
	return len(b), nil
}

func TestServeAnswersUntilCancelled(t *testing.T) {
	in, err := parseArgs([]string{"-data", syriaFile, "serve", "-addr", "127.0.0.1:0"})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := make(lineWriter, 4)
	done := make(chan error, 1)
	go func() { done <- execute(ctx, in, out) }()
	var line string
	select {
	case line = <-out:
	case err := <-done:
		t.Fatalf("serve returned before listening: %v", err)
	case <-time.After(30 * time.Second):
		t.Fatal("serve printed nothing in 30 s")
	}
	_, rest, ok := strings.Cut(line, "http://")
	if !ok || !strings.HasPrefix(rest, "127.0.0.1:") {
		t.Fatalf("serve printed %q", line)
	}
	base := "http://" + strings.Fields(rest)[0]

	resp, err := http.Get(base + "api/edges?relation=backs&to=https://actorgraph.org/id/syria/coalition&asOf=2024-12-07")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Results []struct{ Subject struct{ Name string } }
	}
	err = json.NewDecoder(resp.Body).Decode(&doc)
	resp.Body.Close()
	if err != nil || resp.StatusCode != 200 || len(doc.Results) != 1 || doc.Results[0].Subject.Name != "Turkey" {
		t.Errorf("api/edges: status %d, %+v, %v", resp.StatusCode, doc, err)
	}
	resp, err = http.Get(base)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(page), `<script src="static/app.js"`) {
		t.Errorf("the page: %.200s", page)
	}
	resp, err = http.Post(base+"api/edges", "application/json", strings.NewReader("{}"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST: status %d, want 405", resp.StatusCode)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve after cancel: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop within 10 s of its context's cancellation")
	}
	if _, err := http.Get(base + "api/dates"); err == nil {
		t.Error("the server still answers after serve returned")
	}
}

func TestServeRefusesMalformedCommandLines(t *testing.T) {
	for _, args := range [][]string{
		{"serve", "-addr", "8080"},
		{"serve", "-addr"},
		{"serve", "-as-of", "2024"},
		{"serve", "extra"},
	} {
		code, _, errs := ag(t, append([]string{"-data", syriaFile}, args...)...)
		if code != 2 || !strings.Contains(errs, "actorgraph -h") {
			t.Errorf("actorgraph %q: exit %d, stderr %s", args, code, errs)
		}
	}
	// An address that cannot be listened on is an error of the run, exit 1.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	if code, _, errs := ag(t, "serve", "-addr", ln.Addr().String()); code != 1 || !strings.Contains(errs, "serve:") {
		t.Errorf("serve on a taken port: exit %d, stderr %s", code, errs)
	}
}

func TestServeListensOnLoopbackByDefault(t *testing.T) {
	host, _, err := net.SplitHostPort(defaultAddr)
	if ip := net.ParseIP(host); err != nil || ip == nil || !ip.IsLoopback() {
		t.Errorf("the default address %s is not loopback", defaultAddr)
	}
}
