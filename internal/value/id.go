package value

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/plansite/plansite/internal/domain"
)

// NormalizeID returns an id as written in a workbook cell in the form plan
// ids are compared in: width folded (１．５ is 1.5), spaces around it trimmed,
// trailing "." "、" and "。" dropped (1.5. and 1.5、 are 1.5), and "。"
// between two digits turned into "." (1。5 is 1.5). Letters keep their case
// (ZG-01 stays ZG-01). It never fails; a blank cell gives "".
func NormalizeID(s string) string {
	t := trimID(domain.FoldWidth(s))
	for {
		u := strings.TrimRight(t, ".、。")
		u = trimID(u)
		if u == t {
			break
		}
		t = u
	}
	if !strings.Contains(t, "。") {
		return t
	}
	rs := []rune(t)
	for i := 1; i+1 < len(rs); i++ {
		if rs[i] == '。' && isASCIIDigit(rs[i-1]) && isASCIIDigit(rs[i+1]) {
			rs[i] = '.'
		}
	}
	return string(rs)
}

// trimID trims spaces and the invisible characters that pasted text brings
// (zero-width space, byte-order mark).
func trimID(s string) string {
	return strings.TrimFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff'
	})
}

func isASCIIDigit(r rune) bool { return r >= '0' && r <= '9' }

// IDFromNumber writes a numeric cell's value as an id, the shortest way: 1.1
// gives "1.1", 2 gives "2". An id that Excel turned into a number may have
// lost digits (1.10 became 1.1), so a caller must confirm the match by other
// means. It never fails: negative zero gives "0", NaN and infinities give
// "NaN", "+Inf" and "-Inf", which match no id.
func IDFromNumber(v float64) string {
	if v == 0 {
		v = 0
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}
