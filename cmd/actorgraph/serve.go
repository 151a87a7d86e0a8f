package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/actorgraph/actorgraph/web"
)

// defaultAddr is where serve listens without -addr: loopback only, so that
// the view is not reachable from another machine unless asked.
const defaultAddr = "127.0.0.1:8080"

// serve runs the web view of the graph (package web) on -addr until ctx is
// cancelled or the process is interrupted, then shuts the server down,
// letting the requests under way finish for up to five seconds.
func (c *call) serve(ctx context.Context) error {
	addr := defaultAddr
	if c.in.has("addr") {
		addr = c.in.value("addr")
	}
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return usagef("-addr %q: want HOST:PORT, such as %s: %v", addr, defaultAddr, err)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	// The handler answers loopback hosts and the one it was asked to
	// listen on, which keeps pages of other sites out (DNS rebinding).
	srv := web.NewServer(addr, web.NewHandler(c.g, web.WithHosts(host)))
	t := c.text()
	t.line(0, "serving the graph read-only on http://%s/ (interrupt to stop)", ln.Addr())
	if t.err != nil {
		ln.Close()
		return t.err
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err = srv.Shutdown(shutdown)
	if serr := <-done; !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = serr
	}
	return err
}
