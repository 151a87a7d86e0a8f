package input

import (
	"strings"
	"testing"
)

func TestLinesCountAcrossForgottenBreaks(t *testing.T) {
	text := "ab\ncde\n\nfgh"
	var l Lines
	l.Feed([]byte(text[:5]))
	l.Feed([]byte(text[5:]))
	at := func(off int) string {
		line, col := l.Position(int64(off))
		return string(rune('0'+line)) + ":" + string(rune('0'+col))
	}
	want := map[int]string{0: "1:1", 2: "1:3", 3: "2:1", 5: "2:3", 7: "3:1", 8: "4:1", 10: "4:3"}
	for off, w := range want {
		if got := at(off); got != w {
			t.Errorf("offset %d (%q): %s, want %s", off, text[off:off+1], got, w)
		}
	}
	l.Forget(8)
	for off, w := range want {
		if off >= 8 && at(off) != w {
			t.Errorf("after Forget(8), offset %d: %s, want %s", off, at(off), w)
		}
	}
	if len(l.breaks) != 1 {
		t.Errorf("kept %d breaks, want the one before offset 8", len(l.breaks))
	}
}

func TestCheckNameAndClip(t *testing.T) {
	for s, want := range map[string]string{"HTS": "", "Town B": "", "": "has no letter or digit", "--": "has no letter or digit", "a\tb": "holds the character U+0009", "a\uffffb": "holds the character U+FFFF", "a\xffb": "is not valid UTF-8"} {
		if got := CheckName(s); got != want {
			t.Errorf("CheckName(%q) = %q, want %q", s, got, want)
		}
	}
	long := strings.Repeat("é", 100)
	if c := Clip(long); len(c) > maxText || !strings.HasSuffix(c, "...") || !strings.HasPrefix(long, strings.TrimSuffix(c, "...")) {
		t.Errorf("Clip: %q", c)
	}
}
