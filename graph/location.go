package graph

import (
	"context"
	"errors"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// passwordPatterns find a password however an error message shows it: in a
// URL's user information, as a password= parameter of a URL or of a key=value
// string (quoted or not, and as %q would escape it).
var passwordPatterns = []*regexp.Regexp{
	regexp.MustCompile(`(?i)(://[^:/?#@\s]*:)[^\s"]*(@)`),
	regexp.MustCompile(`(?i)(password\s*=\s*)(?:'(?:[^'\\]|\\.)*'?|\\?"(?:[^"\\]|\\.)*\\?"?|[^\s&"]*)()`),
}

// passwordValue finds the value of a password parameter in a location.
var passwordValue = regexp.MustCompile(`(?i)password\s*=\s*('(?:[^'\\]|\\.)*'|[^\s&]*)`)

// secretsIn returns the passwords a location holds, in every form an error
// might quote them: raw, URL-unescaped, and escaped as %q escapes.
func secretsIn(location string) []string {
	var raw []string
	if i := strings.Index(location, "://"); i >= 0 {
		rest := location[i+3:]
		for _, auth := range []string{rest, strings.SplitN(rest, "?", 2)[0]} {
			if at := strings.LastIndex(auth, "@"); at >= 0 {
				if _, pw, ok := strings.Cut(auth[:at], ":"); ok {
					raw = append(raw, pw)
				}
			}
		}
		if u, err := url.Parse(location); err == nil {
			if pw, ok := u.User.Password(); ok {
				raw = append(raw, pw)
			}
			raw = append(raw, u.Query()["password"]...)
		}
	}
	for _, m := range passwordValue.FindAllStringSubmatch(location, -1) {
		v := m[1]
		raw = append(raw, v)
		if strings.HasPrefix(v, "'") && strings.HasSuffix(v, "'") && len(v) >= 2 {
			inner := v[1 : len(v)-1]
			raw = append(raw, inner, strings.NewReplacer(`\'`, `'`, `\\`, `\`).Replace(inner))
		}
	}
	var out []string
	for _, s := range raw {
		forms := []string{s}
		if u, err := url.QueryUnescape(s); err == nil {
			forms = append(forms, u)
		}
		if u, err := url.PathUnescape(s); err == nil {
			forms = append(forms, u)
		}
		for _, f := range forms {
			q := strconv.Quote(f)
			out = append(out, f, q[1:len(q)-1], url.QueryEscape(f), url.PathEscape(f))
		}
	}
	out = slices.DeleteFunc(out, func(s string) bool { return s == "" })
	// Longest first, so that a secret is not half replaced by a part of it.
	slices.SortFunc(out, func(a, b string) int { return len(b) - len(a) })
	return slices.Compact(out)
}

// redacted is an error whose message has had passwords removed. It unwraps to
// the package's sentinels and the context's errors that the original wraps,
// not to the original, whose message holds the password.
type redacted struct {
	msg  string
	errs []error
}

func (e *redacted) Error() string   { return e.msg }
func (e *redacted) Unwrap() []error { return e.errs }

// redactError returns err with every password of location taken out of its
// message.
func redactError(location string, err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	clean := msg
	for _, s := range secretsIn(location) {
		clean = strings.ReplaceAll(clean, s, "xxxxx")
	}
	for _, p := range passwordPatterns {
		clean = p.ReplaceAllString(clean, "${1}xxxxx${2}")
	}
	if clean == msg {
		return err
	}
	r := &redacted{msg: clean}
	for _, s := range []error{ErrBackend, ErrInvalid, ErrLocked, ErrCorrupt, ErrClosed, context.Canceled, context.DeadlineExceeded} {
		if errors.Is(err, s) {
			r.errs = append(r.errs, s)
		}
	}
	return r
}
