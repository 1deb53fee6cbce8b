package workbook

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"

	"github.com/plansite/plansite/internal/domain"
)

// TestKeysAsDefined: labelKey and titleKey, written as one pass for speed,
// give what their definitions on top of domain.NameKey give.
func TestKeysAsDefined(t *testing.T) {
	label := func(s string) string {
		return strings.Map(func(r rune) rune {
			switch r {
			case '(', ')', '%', '*', ':', '[', ']', '【', '】', '：', '〔', '〕':
				return -1
			}
			return r
		}, domain.NameKey(s))
	}
	title := func(s string) string {
		return strings.Map(func(r rune) rune {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				return r
			}
			return -1
		}, domain.NameKey(s))
	}
	inputs := []string{"完成进度（％）", " 任务 编号 ", "*完成进度：", "ＡＢＣ abc", "Ǆǅ İ ẞ", "\u200b编号\ufeff", "a\xffb", "１．１０", "【重点】任务\t\n", "\u00a0\u0085x"}
	pool := []rune("完成进度（）％%*:：[]【】〔〕 \t\u3000\u00a0\u200bＡａAz09０９İǅΣσ.-_、。\xff")
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 5000; i++ {
		var b strings.Builder
		for n := rng.IntN(12); n > 0; n-- {
			b.WriteRune(pool[rng.IntN(len(pool))])
		}
		inputs = append(inputs, b.String())
	}
	for _, in := range inputs {
		if got, want := labelKey(in), label(in); got != want {
			t.Errorf("labelKey(%q) = %q; want %q", in, got, want)
		}
		if got, want := titleKey(in), title(in); got != want {
			t.Errorf("titleKey(%q) = %q; want %q", in, got, want)
		}
	}
}

// TestNoCaseRange: the runes nameKey takes as they are (no case, no
// space) are so for unicode too, and equal keys come out as
// domain.NameKey makes them.
func TestNoCaseRange(t *testing.T) {
	for r := rune(noCaseFrom); r <= noCaseTo; r++ {
		if unicode.ToLower(r) != r || unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' {
			t.Fatalf("U+%04X has a case or is a space", r)
		}
	}
	for _, s := range []string{"完成进度(%)", "ＡＢＣ　牵头单位", "Ⅻ任务 编号", "ぁァ一龥", "ǅ综合"} {
		if got, want := nameKey(s, func(rune) bool { return true }), domain.NameKey(s); got != want {
			t.Errorf("nameKey(%q) = %q; domain.NameKey gives %q", s, got, want)
		}
	}
}
