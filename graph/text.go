package graph

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The rules for the strings a graph stores, checked at write so that every
// export can carry them and every import reads back exactly what was stored:
//
//   - IRIs (entity, claim, sameAs, source ids) have no control characters,
//     no white space of any script and no bidirectional formatting characters
//     (RFC 3987 section 4.1 excludes them), and none of the two noncharacters
//     U+FFFE and U+FFFF that XML cannot carry (GraphML writes IRIs as ids).
//   - Names and aliases are drawn into DOT and GraphML labels, so they hold any
//     valid UTF-8 that XML 1.0 can carry: edge white space, CR, LF and TAB are
//     kept exactly; NUL, the other C0 controls, U+FFFE and U+FFFF are refused.
//   - Descriptions, like quotes and notes, hold any valid UTF-8 but NUL (which
//     C tools reading the exports take for the end of a string).
//   - Language tags are well-formed BCP 47 (RFC 5646, section 2.1).

// checkIRIText returns an ErrInvalid error naming what when id has a character
// no IRI may hold.
func checkIRIText(what, id string) error {
	if !utf8.ValidString(id) {
		return fmt.Errorf("graph: %s %q is not valid UTF-8: %w", what, clipText(id), ErrInvalid)
	}
	for i, r := range id {
		if unicode.IsControl(r) || unicode.IsSpace(r) || isBidiControl(r) || r == 0xFFFE || r == 0xFFFF {
			return fmt.Errorf("graph: %s %q has %U at byte %d; an IRI holds no control, space or bidi characters: %w",
				what, clipText(id), r, i, ErrInvalid)
		}
	}
	return nil
}

func isBidiControl(r rune) bool {
	return r == 0x061C || r == 0x200E || r == 0x200F || (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069)
}

// checkName returns an ErrInvalid error naming what when s is not text that
// XML 1.0 can carry.
func checkName(what, s string) error {
	if !utf8.ValidString(s) {
		return fmt.Errorf("graph: %s %q is not valid UTF-8: %w", what, clipText(s), ErrInvalid)
	}
	for i, r := range s {
		if (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0xFFFE || r == 0xFFFF {
			return fmt.Errorf("graph: %s %q has %U at byte %d, which XML cannot carry: %w", what, clipText(s), r, i, ErrInvalid)
		}
	}
	return nil
}

// checkText returns an ErrInvalid error naming what when s is not valid UTF-8
// or holds NUL.
func checkText(what, s string) error {
	if !utf8.ValidString(s) {
		return fmt.Errorf("graph: %s %q is not valid UTF-8: %w", what, clipText(s), ErrInvalid)
	}
	if i := strings.IndexByte(s, 0); i >= 0 {
		return fmt.Errorf("graph: %s %q has NUL at byte %d: %w", what, clipText(s), i, ErrInvalid)
	}
	return nil
}

// clipText shortens s for an error message, so that a huge bad value does not
// make a huge error.
func clipText(s string) string {
	const max = 80
	if len(s) <= max {
		return s
	}
	i := max
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "..."
}

// checkLangTag returns an ErrInvalid error naming what when tag is not a
// well-formed BCP 47 language tag.
func checkLangTag(what, tag string) error {
	if !WellFormedLangTag(tag) {
		return fmt.Errorf("graph: %s: language tag %q is not a well-formed BCP 47 tag (such as en, ar-SY, zh-Hant-TW): %w",
			what, clipText(tag), ErrInvalid)
	}
	return nil
}

// grandfathered are the tags RFC 5646 keeps from RFC 3066 although they do not
// follow its grammar, lower-cased.
var grandfathered = map[string]bool{
	"en-gb-oed": true, "i-ami": true, "i-bnn": true, "i-default": true, "i-enochian": true, "i-hak": true,
	"i-klingon": true, "i-lux": true, "i-mingo": true, "i-navajo": true, "i-pwn": true, "i-tao": true,
	"i-tay": true, "i-tsu": true, "sgn-be-fr": true, "sgn-be-nl": true, "sgn-ch-de": true,
	"art-lojban": true, "cel-gaulish": true, "no-bok": true, "no-nyn": true, "zh-guoyu": true,
	"zh-hakka": true, "zh-min": true, "zh-min-nan": true, "zh-xiang": true,
}

// WellFormedLangTag reports whether tag is a well-formed BCP 47 language tag:
// it matches the Language-Tag production of RFC 5646 (section 2.1), case
// ignored. It checks the grammar only, not the registry: "qq-Zzzz" is well
// formed. golang.org/x/text/language is not used: its Parse accepts "en_US",
// which the grammar does not, and refuses the well-formed "en-Latn-Latn".
func WellFormedLangTag(tag string) bool {
	if tag == "" || len(tag) > 256 {
		return false
	}
	lower := strings.ToLower(tag)
	if grandfathered[lower] {
		return true
	}
	subtags := strings.Split(lower, "-")
	for _, s := range subtags {
		if len(s) < 1 || len(s) > 8 || !allOf(s, isAlnumByte) {
			return false
		}
	}
	i := 0
	next := func() string {
		if i < len(subtags) {
			return subtags[i]
		}
		return ""
	}
	if next() == "x" {
		return privateUse(subtags[1:])
	}
	// language = 2*3ALPHA ["-" extlang] / 4ALPHA / 5*8ALPHA
	lang := next()
	if len(lang) < 2 || !allOf(lang, isAlphaByte) {
		return false
	}
	i++
	if len(lang) <= 3 {
		// extlang = 3ALPHA *2("-" 3ALPHA)
		for n := 0; n < 3 && len(next()) == 3 && allOf(next(), isAlphaByte); n++ {
			i++
		}
	}
	// script = 4ALPHA
	if s := next(); len(s) == 4 && allOf(s, isAlphaByte) {
		i++
	}
	// region = 2ALPHA / 3DIGIT
	if s := next(); (len(s) == 2 && allOf(s, isAlphaByte)) || (len(s) == 3 && allOf(s, isDigitByte)) {
		i++
	}
	// variant = 5*8alphanum / (DIGIT 3alphanum)
	for s := next(); len(s) >= 5 || (len(s) == 4 && isDigitByte(s[0])); s = next() {
		i++
	}
	// extension = singleton 1*("-" (2*8alphanum))
	for s := next(); len(s) == 1 && s != "x"; s = next() {
		i++
		n := 0
		for len(next()) >= 2 {
			i++
			n++
		}
		if n == 0 {
			return false
		}
	}
	if next() == "x" {
		return privateUse(subtags[i+1:])
	}
	return i == len(subtags)
}

// privateUse checks the subtags after "x": privateuse = "x" 1*("-" (1*8alphanum)).
func privateUse(rest []string) bool { return len(rest) > 0 }

func allOf(s string, f func(byte) bool) bool {
	for i := 0; i < len(s); i++ {
		if !f(s[i]) {
			return false
		}
	}
	return true
}

func isAlphaByte(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }
func isAlnumByte(c byte) bool { return isAlphaByte(c) || isDigitByte(c) }
