package value

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/plansite/plansite/internal/domain"
)

// PercentHint says, in Chinese, how to write a percentage.
const PercentHint = "请填写 0 到 100 之间的数字，如 80 或 80%"

// rePercent is a plain decimal number with an optional sign and an optional
// percent sign after it (spaces allowed before the sign). No exponents,
// grouping commas, hexadecimal, Inf or NaN.
var rePercent = regexp.MustCompile(`^([+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*(%?)$`)

// Reading says how a percentage was read, so that the caller can say so
// when it had to interpret a bare number.
type Reading uint8

const (
	// AsWritten: the value is the points written (80, 80%, or 0.8 in a
	// cell formatted as a percentage).
	AsWritten Reading = iota
	// AsFraction: a bare number between 0 and 1 was read as a fraction
	// (0.8 is 80%), or a bare 1 in a column of fractions as 100%.
	AsFraction
	// AsOnePoint: a bare 1 in a column of points was read as 1%; the unit
	// may have meant 100%.
	AsOnePoint
)

// cleanNumber prepares text that may hold a number: width folded, spaces
// and invisible characters (zero-width space, byte-order mark) trimmed,
// and one leading apostrophe (Excel's mark for "keep as text", when a
// program stored it with the value) dropped.
func cleanNumber(s string) string {
	t := trimSpace(domain.FoldWidth(s))
	for _, q := range []string{"'", "’", "‘"} {
		if r, ok := strings.CutPrefix(t, q); ok {
			return trimSpace(r)
		}
	}
	return t
}

func trimSpace(s string) string {
	return strings.TrimFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff'
	})
}

// ParsePercent reads a percentage written as text exactly as the same
// value stored as a number would be read: 80, 80%, ８０％, 80.5, " 80 % ",
// '80 and 47 % are points; a bare number between 0 and 1 (0.47) is a
// fraction, read as 47 with AsFraction; a bare 1 is 1 with AsOnePoint, or
// 100 with AsFraction when fractions says the rest of its column is
// written as fractions (see PercentFromNumber). A number with a percent
// sign is never a fraction (0.5% is half a point). The result is in
// points, 0 to 100. It returns ErrEmpty for a blank value, a Chinese error
// naming the value for a number outside 0–100 (120, -5, 120%), and a
// Chinese error naming the value for anything that is not a number (八成,
// 百分之八十, 80%%, 8 0).
func ParsePercent(s string, fractions bool) (float64, Reading, error) {
	t := cleanNumber(s)
	if t == "" {
		return 0, AsWritten, ErrEmpty
	}
	m := rePercent.FindStringSubmatch(t)
	if m == nil {
		return 0, AsWritten, fmt.Errorf("无法识别的百分比“%s”", t)
	}
	p, err := strconv.ParseFloat(m[1], 64)
	if err != nil && !math.IsInf(p, 0) {
		// The pattern admits only well-formed decimals; an error other
		// than overflow (reported below as out of range) cannot happen.
		return 0, AsWritten, fmt.Errorf("无法识别的百分比“%s”", t)
	}
	if m[2] == "" && !math.IsInf(p, 0) {
		return PercentFromNumber(p, false, fractions)
	}
	p, err = inPercentRange(p, t)
	return p, AsWritten, err
}

// BareNumber returns the number a text holds when it is a plain decimal
// without a percent sign (" 0.47", "'72", "５５"); ok is false for
// anything else. A caller uses it to tell whether a column of percentages
// is written as fractions.
func BareNumber(s string) (v float64, ok bool) {
	m := rePercent.FindStringSubmatch(cleanNumber(s))
	if m == nil || m[2] != "" {
		return 0, false
	}
	v, err := strconv.ParseFloat(m[1], 64)
	return v, err == nil
}

// PercentFromNumber reads a percentage from a number. When the cell is
// formatted as a percentage (percentFormat), Excel stores 80% as 0.8, so p
// is v×100. Otherwise a value strictly between 0 and 1 is read as a
// fraction (p = v×100, AsFraction), so that the caller can warn that it
// read 0.8 as 80%; exactly 1 is 1 point (AsOnePoint: the unit may have
// meant 100%), or 100 (AsFraction) when fractions says the other values
// of its column are fractions; any other value is taken as points. A
// fraction in (0, 1] is thus never read without a Reading that says so.
// p is rounded to 6 decimal places. It returns a Chinese error naming the
// value when p falls outside 0–100, and a Chinese error when v is NaN or
// infinite.
func PercentFromNumber(v float64, percentFormat, fractions bool) (p float64, r Reading, err error) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, AsWritten, fmt.Errorf("进度“%s”不是有效的数字", formatNumber(v))
	}
	p = v
	switch {
	case percentFormat:
		p = roundPercent(v * 100)
	case v > 0 && v < 1, v == 1 && fractions:
		p = roundPercent(v * 100)
		r = AsFraction
	case v == 1:
		r = AsOnePoint
	}
	if p < 0 || p > 100 || math.IsNaN(p) {
		shown := formatNumber(p)
		if percentFormat {
			shown += "%"
		}
		_, err = inPercentRange(p, shown)
		return 0, AsWritten, err
	}
	if p == 0 {
		p = 0 // no negative zero
	}
	return p, r, nil
}

// inPercentRange returns p when it is within 0–100 (-0 becomes 0), else the
// range error naming shown.
func inPercentRange(p float64, shown string) (float64, error) {
	if math.IsNaN(p) || p < 0 || p > 100 {
		return 0, fmt.Errorf("进度“%s”超出 0–100 的范围", shown)
	}
	if p == 0 {
		p = 0 // no negative zero
	}
	return p, nil
}

// roundPercent rounds p to 6 decimal places, so that 0.07×100 gives 7 and
// not 7.000000000000001. Values too large to round that way are kept.
func roundPercent(p float64) float64 {
	if math.Abs(p) >= 1e9 {
		return p
	}
	return math.Round(p*1e6) / 1e6
}

// formatNumber writes x the shortest way, in plain decimal unless it is huge.
func formatNumber(x float64) string {
	if math.Abs(x) < 1e15 {
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return strconv.FormatFloat(x, 'g', -1, 64)
}
