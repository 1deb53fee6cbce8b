package cli

import (
	"fmt"
	"io"
	"sync"
	"unicode"
	"unicode/utf8"
)

// escaping passes text on to w with the characters that a terminal would
// act on instead of show written as escapes: control characters (ESC, BEL,
// carriage return… but not line feed and tab) and the C1 controls as
// \u001b, \u0007, \u009b; the bidirectional controls that reorder a line
// (U+202E…) as \u202e; a byte that is not UTF-8 as \x9b. Every command's
// output goes through it, so a workbook's cell, a file's name or a content
// file cannot move the cursor, retitle the window or rewrite a line of the
// clerk's terminal (or of a log). The \u escapes are JSON's, so --json
// output stays valid JSON that decodes to the same text.
type escaping struct {
	mu   sync.Mutex // serve writes from several goroutines
	w    io.Writer
	rest []byte // the start of a character cut off at the end of the last Write
}

func newEscaping(w io.Writer) *escaping { return &escaping{w: w} }

func (e *escaping) Write(p []byte) (int, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	b := append(e.rest, p...)
	e.rest = nil
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		switch {
		case r == utf8.RuneError && size <= 1 && !utf8.FullRune(b[i:]):
			e.rest = append([]byte(nil), b[i:]...)
			i = len(b)
			continue
		case r == utf8.RuneError && size <= 1:
			out = fmt.Appendf(out, `\x%02x`, b[i])
		case escaped(r):
			out = fmt.Appendf(out, `\u%04x`, r)
		default:
			out = append(out, b[i:i+size]...)
		}
		i += size
	}
	if _, err := e.w.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}

func escaped(r rune) bool {
	return (unicode.IsControl(r) && r != '\n' && r != '\t') || unicode.Is(unicode.Bidi_Control, r)
}
