package web_test

import (
	"bufio"
	"context"
	"crypto/rand"
	"crypto/sha1"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// This file drives Chromium through the DevTools protocol, so that a test
// clicks, types and drags as a reader does: mouse events at the place an
// element is drawn, keys into the search box. The protocol runs over a
// WebSocket; the client below is the little of RFC 6455 that it needs
// (a client's masked text frames, the server's unmasked ones, fragments,
// ping and close), so that the module needs no dependency for a test.

// devtools is a connection to one page of a browser.
type devtools struct {
	conn net.Conn
	r    *bufio.Reader
	id   int
}

// launch starts headless Chromium with its DevTools endpoint on a free
// loopback port and connects to its page.
func launch(t *testing.T, bin string) *devtools {
	t.Helper()
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	args := []string{"--headless", "--disable-gpu", "--no-first-run", "--disable-extensions",
		"--user-data-dir=" + dir, "--window-size=1400,900", "--hide-scrollbars",
		"--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0"}
	if os.Geteuid() == 0 {
		args = append(args, "--no-sandbox")
	}
	cmd := exec.CommandContext(ctx, bin, append(args, "about:blank")...)
	if err := cmd.Start(); err != nil {
		cancel()
		t.Fatal(err)
	}
	// Chromium writes the port it chose, and its own endpoint's path, to
	// DevToolsActivePort in its profile directory.
	var port, browserPath string
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		// Closed through its endpoint, Chromium ends its helper processes
		// too before it exits; killed, it might leave them writing to dir.
		if b, err := dial("ws://127.0.0.1:" + port + browserPath); err == nil {
			_ = b.call("Browser.close", nil, nil)
			b.conn.Close()
		}
		select {
		case <-exited:
		case <-time.After(10 * time.Second):
			cancel()
			<-exited
		}
		cancel()
	})
	for deadline := time.Now().Add(60 * time.Second); port == ""; time.Sleep(100 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("chromium wrote no DevToolsActivePort in 60 s")
		}
		if b, err := os.ReadFile(filepath.Join(dir, "DevToolsActivePort")); err == nil && strings.Count(string(b), "\n") >= 1 {
			port, browserPath, _ = strings.Cut(strings.TrimSpace(string(b)), "\n")
		}
	}
	var targets []struct{ Type, WebSocketDebuggerURL string }
	resp, err := http.Get("http://127.0.0.1:" + port + "/json/list")
	if err != nil {
		t.Fatal(err)
	}
	err = json.NewDecoder(resp.Body).Decode(&targets)
	resp.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	for _, tg := range targets {
		if tg.Type == "page" {
			d, err := dial(tg.WebSocketDebuggerURL)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { d.conn.Close() })
			return d
		}
	}
	t.Fatalf("chromium has no page: %+v", targets)
	return nil
}

const websocketGUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

// dial opens the WebSocket at ws://HOST/PATH.
func dial(ws string) (*devtools, error) {
	u, err := url.Parse(ws)
	if err != nil {
		return nil, err
	}
	conn, err := net.DialTimeout("tcp", u.Host, 10*time.Second)
	if err != nil {
		return nil, err
	}
	nonce := make([]byte, 16)
	_, _ = rand.Read(nonce)
	key := base64.StdEncoding.EncodeToString(nonce)
	_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"+
		"Sec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n\r\n", u.RequestURI(), u.Host, key)
	r := bufio.NewReader(conn)
	resp, err := http.ReadResponse(r, nil)
	if err != nil {
		conn.Close()
		return nil, err
	}
	sum := sha1.Sum([]byte(key + websocketGUID))
	if resp.StatusCode != http.StatusSwitchingProtocols || resp.Header.Get("Sec-WebSocket-Accept") != base64.StdEncoding.EncodeToString(sum[:]) {
		conn.Close()
		return nil, fmt.Errorf("websocket %s: %s", ws, resp.Status)
	}
	return &devtools{conn: conn, r: r}, nil
}

// writeFrame writes one final frame of opcode op, masked as a client must.
func (d *devtools) writeFrame(op byte, payload []byte) error {
	head := []byte{0x80 | op}
	switch n := len(payload); {
	case n < 126:
		head = append(head, 0x80|byte(n))
	case n <= 0xffff:
		head = append(head, 0x80|126)
		head = binary.BigEndian.AppendUint16(head, uint16(n))
	default:
		head = append(head, 0x80|127)
		head = binary.BigEndian.AppendUint64(head, uint64(n))
	}
	mask := make([]byte, 4)
	_, _ = rand.Read(mask)
	head = append(head, mask...)
	masked := make([]byte, len(payload))
	for i, b := range payload {
		masked[i] = b ^ mask[i%4]
	}
	_, err := d.conn.Write(append(head, masked...))
	return err
}

// readMessage reads one whole message, answering pings on the way.
func (d *devtools) readMessage() ([]byte, error) {
	var msg []byte
	for {
		var h [2]byte
		if _, err := io.ReadFull(d.r, h[:]); err != nil {
			return nil, err
		}
		fin, op, n := h[0]&0x80 != 0, h[0]&0x0f, uint64(h[1]&0x7f)
		switch n {
		case 126:
			var b [2]byte
			if _, err := io.ReadFull(d.r, b[:]); err != nil {
				return nil, err
			}
			n = uint64(binary.BigEndian.Uint16(b[:]))
		case 127:
			var b [8]byte
			if _, err := io.ReadFull(d.r, b[:]); err != nil {
				return nil, err
			}
			n = binary.BigEndian.Uint64(b[:])
		}
		if n > 64<<20 {
			return nil, fmt.Errorf("websocket: a frame of %d bytes", n)
		}
		var mask []byte
		if h[1]&0x80 != 0 {
			mask = make([]byte, 4)
			if _, err := io.ReadFull(d.r, mask); err != nil {
				return nil, err
			}
		}
		payload := make([]byte, n)
		if _, err := io.ReadFull(d.r, payload); err != nil {
			return nil, err
		}
		if mask != nil { // a server does not mask; unmask if it did

			for i := range payload {
				payload[i] ^= mask[i%4]
			}
		}
		switch op {
		case 0x0, 0x1, 0x2:
			msg = append(msg, payload...)
			if fin {
				return msg, nil
			}
		case 0x8:
			return nil, errors.New("websocket: closed by the browser")
		case 0x9:
			if err := d.writeFrame(0xA, payload); err != nil {
				return nil, err
			}
		}
	}
}

// call sends a DevTools command and decodes its result into result, skipping
// the events that come before it.
func (d *devtools) call(method string, params any, result any) error {
	d.id++
	b, err := json.Marshal(struct {
		ID     int    `json:"id"`
		Method string `json:"method"`
		Params any    `json:"params,omitempty"`
	}{d.id, method, params})
	if err != nil {
		return err
	}
	_ = d.conn.SetDeadline(time.Now().Add(30 * time.Second))
	if err := d.writeFrame(0x1, b); err != nil {
		return err
	}
	for {
		m, err := d.readMessage()
		if err != nil {
			return fmt.Errorf("%s: %w", method, err)
		}
		var resp struct {
			ID     int             `json:"id"`
			Result json.RawMessage `json:"result"`
			Error  *struct {
				Message string `json:"message"`
			} `json:"error"`
		}
		if err := json.Unmarshal(m, &resp); err != nil {
			return fmt.Errorf("%s: %w", method, err)
		}
		if resp.ID != d.id {
			continue // an event
		}
		if resp.Error != nil {
			return fmt.Errorf("%s: %s", method, resp.Error.Message)
		}
		if result == nil {
			return nil
		}
		return json.Unmarshal(resp.Result, result)
	}
}

// eval evaluates a JavaScript expression in the page and returns its value
// as a string (JSON for anything that is not one).
func (d *devtools) eval(t *testing.T, expr string) string {
	t.Helper()
	var r struct {
		Result struct {
			Value any `json:"value"`
		} `json:"result"`
		ExceptionDetails *struct {
			Text string `json:"text"`
		} `json:"exceptionDetails"`
	}
	if err := d.call("Runtime.evaluate", map[string]any{"expression": expr, "returnByValue": true, "awaitPromise": true}, &r); err != nil {
		t.Fatal(err)
	}
	if r.ExceptionDetails != nil {
		t.Fatalf("%s: %s", expr, r.ExceptionDetails.Text)
	}
	if s, ok := r.Result.Value.(string); ok {
		return s
	}
	b, _ := json.Marshal(r.Result.Value)
	return string(b)
}

// waitFor evaluates expr until it is true, for up to 30 seconds.
func (d *devtools) waitFor(t *testing.T, what, expr string) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); d.eval(t, "!!("+expr+")") != "true"; time.Sleep(100 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("waited 30 s for %s (%s)", what, expr)
		}
	}
}

func (d *devtools) navigate(t *testing.T, u string) {
	t.Helper()
	if err := d.call("Page.navigate", map[string]any{"url": u}, nil); err != nil {
		t.Fatal(err)
	}
	// Navigation replaces the document: wait for the new one's start.
	d.waitFor(t, "the page to be ready", `location.href === `+jsString(u)+` && document.body && document.body.dataset.state === "ready"`)
}

// click presses and releases the left button at the point that the
// expression point (returning {x, y} in the window) names.
func (d *devtools) click(t *testing.T, what, point string) {
	t.Helper()
	var p *struct{ X, Y float64 }
	if err := json.Unmarshal([]byte(d.eval(t, "JSON.stringify("+point+")")), &p); err != nil || p == nil {
		t.Fatalf("%s: no point to click (%v)", what, err)
	}
	for _, typ := range []string{"mouseMoved", "mousePressed", "mouseReleased"} {
		ev := map[string]any{"type": typ, "x": p.X, "y": p.Y, "button": "left", "clickCount": 1}
		if typ == "mouseMoved" {
			ev = map[string]any{"type": typ, "x": p.X, "y": p.Y}
		}
		if err := d.call("Input.dispatchMouseEvent", ev, nil); err != nil {
			t.Fatal(err)
		}
	}
}

func (d *devtools) typeText(t *testing.T, s string) {
	t.Helper()
	if err := d.call("Input.insertText", map[string]any{"text": s}, nil); err != nil {
		t.Fatal(err)
	}
}

func (d *devtools) screenshot(t *testing.T, path string) {
	t.Helper()
	var r struct{ Data string }
	if err := d.call("Page.captureScreenshot", map[string]any{"format": "png"}, &r); err != nil {
		t.Fatal(err)
	}
	b, err := base64.StdEncoding.DecodeString(r.Data)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s", path)
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// The centre of the first element the selector matches, in the window.
func centreOf(selector string) string {
	return `(() => { const r = document.querySelector(` + jsString(selector) + `).getBoundingClientRect(); return {x: r.x + r.width / 2, y: r.y + r.height / 2}; })()`
}

// A point of the line of the edge key, in the window, where the edge is
// what is under the pointer: away from its ends, where entities are drawn,
// and from the labels that cross it, as a reader would pick it.
func alongEdge(key string) string {
	return `(() => {
		const g = [...document.querySelectorAll("#network .edge")].find((x) => x.dataset.key === ` + jsString(key) + `);
		const p = g.querySelector(".line"), m = p.getScreenCTM();
		for (let f = 0.2; f <= 0.8; f += 0.05) {
			const pt = p.getPointAtLength(p.getTotalLength() * f);
			const x = pt.x * m.a + pt.y * m.c + m.e, y = pt.x * m.b + pt.y * m.d + m.f;
			if (g.contains(document.elementFromPoint(x, y))) return {x: x, y: y};
		}
		return null;
	})()`
}

// TestReaderInChromium uses the page with the mouse and the keyboard.
func TestReaderInChromium(t *testing.T) {
	bin := browser(t)
	srv := testServer(t)
	d := launch(t, bin)
	details := `document.getElementById("details").textContent`

	d.navigate(t, srv.URL+"/?asOf=2024-12-07")
	edge := key(syria+"turkey", "backs", syria+"coalition")
	d.click(t, "the edge Turkey -> coalition", alongEdge(edge))
	d.waitFor(t, "the edge's claim", `document.querySelector("#details blockquote.quote")`)
	if got := d.eval(t, details); !strings.Contains(got, "Turkey backs Rebel coalition") || !strings.Contains(got, "Report on the Syrian rebel offensive") ||
		!strings.Contains(got, "a Turkish-backed coalition of rebels") || !strings.Contains(got, "reported 2024-12-07") {
		t.Errorf("after clicking the edge, the details say %q", got)
	}
	if got := d.eval(t, `location.search`); !strings.Contains(got, "edge=") {
		t.Errorf("the address does not keep the selection: %q", got)
	}
	d.screenshot(t, filepath.Join(t.ArtifactDir(), "clicked-edge.png"))

	d.click(t, "Turkey", centreOf(`#network .node[data-id="`+syria+`turkey"] .shape`))
	d.waitFor(t, "Turkey's names", `document.querySelector("#details .entity-name")`)
	if got := d.eval(t, details); !strings.Contains(got, "Turkey") || !strings.Contains(got, "Türkiye (tr)") || !strings.Contains(got, "Turkey backs Rebel coalition") {
		t.Errorf("after clicking Turkey, the details say %q", got)
	}

	// The search box, typed into and submitted with its button.
	d.click(t, "the search box", centreOf("#q"))
	d.typeText(t, "al joulani")
	d.click(t, "Find", centreOf(`#search button`))
	d.waitFor(t, "al-Jolani", `document.querySelector("#details .entity-name") && document.querySelector("#details .entity-name").textContent === "Abu Mohammed al-Jolani"`)

	// The slider's first stop is the earliest valid date of the data.
	d.click(t, "the left end of the as-of slider", `(() => { const r = document.getElementById("asof-slider").getBoundingClientRect(); return {x: r.x + 2, y: r.y + r.height / 2}; })()`)
	d.waitFor(t, "the network as of the first date", `document.getElementById("asof").value === "2000" && document.getElementById("status").textContent.endsWith("entities, as of 2000")`)
	// In 2000 Assad heads Syria; no one controls a place yet (the army's
	// control of the town starts in 2015, HTS's of Idlib in 2020).
	if got := d.eval(t, `[...document.querySelectorAll("#network .edge")].map((g) => g.dataset.relation).sort().join(" ")`); got != "headOfState leads withdrewFrom" {
		t.Errorf("as of 2000, the relations drawn are %q", got)
	}

	// A hostile name, clicked in the network, is text.
	d.navigate(t, srv.URL+"/?asOf=2023-04-01")
	d.click(t, "the hostile militia", centreOf(`#network .node[data-id="`+town+`militia"] .shape`))
	d.waitFor(t, "the militia's names", `document.querySelector("#details .entity-name")`)
	if got := d.eval(t, `document.querySelector("#details .entity-name").textContent`); got != "<script>alert(1)</script>" {
		t.Errorf("the hostile name shows as %q", got)
	}
	if got := d.eval(t, `document.title + " " + document.scripts.length + " " + document.images.length`); got != "actorgraph 1 0" {
		t.Errorf("title, scripts, images: %q", got)
	}
}
