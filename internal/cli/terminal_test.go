package cli

import (
	"bytes"
	"testing"
)

// TestEscapingAcrossWrites: a character cut between two writes is seen
// whole, so an 8-bit CSI or a right-to-left override split by a buffer
// boundary is escaped all the same; text passes unchanged.
func TestEscapingAcrossWrites(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"就业中心\n\t80%", "就业中心\n\t80%"},
		{"a\x1b[2Jb\a\r", `a\u001b[2Jb\u0007\u000d`},
		{"\u009b1A\u202e反\u2066", `\u009b1A\u202e反\u2066`},
		{"\xff\xfe", `\xff\xfe`},
	} {
		for cut := 0; cut <= len(c.in); cut++ {
			var out bytes.Buffer
			e := newEscaping(&out)
			if n, err := e.Write([]byte(c.in[:cut])); err != nil || n != cut {
				t.Fatalf("Write = %d, %v", n, err)
			}
			if _, err := e.Write([]byte(c.in[cut:])); err != nil {
				t.Fatal(err)
			}
			if out.String() != c.want {
				t.Errorf("%q cut at %d: %q, want %q", c.in, cut, out.String(), c.want)
			}
		}
	}
}
