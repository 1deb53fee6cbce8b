package value

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/plansite/plansite/internal/domain"
)

// NumberHint says, in Chinese, how to write a number.
const NumberHint = "请填写数字，如 30 或 1234.5"

// reNumber is a decimal number with an optional sign, commas between groups
// of three digits, and an optional 万 (10^4) or 亿 (10^8) after it.
var reNumber = regexp.MustCompile(`^([+-]?)((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)\s*([万亿]?)$`)

// ParseNumber reads a number written as text: 30, 1,234, １２３４, 12.5, -3,
// 1,234.5, and 3.2万 (32000) or 1.5亿 (150000000); stray spaces and a
// leading apostrophe ('30) are ignored. Commas must separate
// groups of three digits. It returns ErrEmpty for a blank value and a
// Chinese error naming the value for anything else it cannot read, including
// a number too large to hold; the result is always finite.
func ParseNumber(s string) (float64, error) {
	t := cleanNumber(s)
	if t == "" {
		return 0, ErrEmpty
	}
	v, ok := parseNumber(t, true)
	if !ok {
		return 0, fmt.Errorf("无法识别的数字“%s”", t)
	}
	return v, nil
}

// parseNumber reads a folded, trimmed number; multipliers says whether 万
// and 亿 are allowed after it.
func parseNumber(t string, multipliers bool) (float64, bool) {
	m := reNumber.FindStringSubmatch(t)
	if m == nil {
		return 0, false
	}
	digits := m[1] + strings.ReplaceAll(m[2], ",", "")
	switch m[3] {
	case "万":
		digits += "e4"
	case "亿":
		digits += "e8"
	}
	if m[3] != "" && !multipliers {
		return 0, false
	}
	// The exponent is applied by ParseFloat itself, so 3.2万 is exactly
	// 32000 and not 3.2×10000 with a rounding error.
	v, err := strconv.ParseFloat(digits, 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, false
	}
	if v == 0 {
		v = 0 // no negative zero
	}
	return v, true
}

// ParseQuantity reads a quantity in a given measuring unit: any spelling
// ParseNumber takes, optionally followed by the unit itself (32场 with unit
// 场 gives 32, 95% with unit % gives 95); stripped says the unit was written.
// Units are compared with width folded and Latin letters in either case.
// When the unit begins with 万 or 亿 (万元, 亿元, 万人), that character after
// the number is read as the unit, not as a multiplier (3.2万 in 万元 is 3.2),
// and no other multiplier is accepted, so a value is never scaled twice. It
// returns ErrEmpty for a blank value and a Chinese error naming the value
// for anything else, such as 32个 when the unit is 场 or a unit with no
// number.
func ParseQuantity(s, unit string) (v float64, stripped bool, err error) {
	t := cleanNumber(s)
	if t == "" {
		return 0, false, ErrEmpty
	}
	u := strings.TrimSpace(domain.FoldWidth(unit))
	num := t
	if u != "" {
		if rest, ok := cutSuffixFold(t, u); ok {
			num, stripped = strings.TrimSpace(rest), true
		} else if mult, _ := utf8.DecodeRuneInString(u); mult == '万' || mult == '亿' {
			if rest, ok := strings.CutSuffix(t, string(mult)); ok {
				num, stripped = strings.TrimSpace(rest), true
			}
		}
	}
	multipliers := true
	if r, _ := utf8.DecodeRuneInString(u); r == '万' || r == '亿' {
		multipliers = false
	}
	v, ok := parseNumber(num, multipliers)
	if !ok {
		return 0, false, fmt.Errorf("无法识别的数字“%s”", t)
	}
	return v, stripped, nil
}

// cutSuffixFold is strings.CutSuffix with the suffix compared without regard
// to case.
func cutSuffixFold(s, suffix string) (string, bool) {
	if len(s) < len(suffix) {
		return s, false
	}
	i := len(s) - len(suffix)
	if !utf8.RuneStart(s[i]) || !strings.EqualFold(s[i:], suffix) {
		return s, false
	}
	return s[:i], true
}
