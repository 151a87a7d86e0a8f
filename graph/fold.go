package graph

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// foldName returns the key under which a name is found: accents removed, case
// folded, and runs of punctuation and space made one space, so that "Al-Jolani",
// "al jolani" and "al-Jōlānī" share a key.
func foldName(s string) string {
	var b strings.Builder
	space := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		default:
			space = true
		}
	}
	return b.String()
}
