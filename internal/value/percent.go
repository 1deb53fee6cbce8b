package value

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/plansite/plansite/internal/domain"
)

// PercentHint says, in Chinese, how to write a percentage.
const PercentHint = "请填写 0 到 100 之间的数字，如 80 或 80%"

// rePercent is a plain decimal number with an optional sign and an optional
// percent sign after it (spaces allowed before the sign). No exponents,
// grouping commas, hexadecimal, Inf or NaN.
var rePercent = regexp.MustCompile(`^([+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*%?$`)

// ParsePercent reads a percentage written as text: 80, 80%, ８０％, 80.5,
// " 80 % ", 80.0%. The result is in points, 0 to 100; text is never read as
// a fraction (0.8 is 0.8 points). It returns ErrEmpty for a blank value, a
// Chinese error naming the value for a number outside 0–100 (120, -5,
// 120%), and a Chinese error naming the value for anything that is not a
// number (八成, 百分之八十, 80%%, 8 0).
func ParsePercent(s string) (float64, error) {
	t := strings.TrimSpace(domain.FoldWidth(s))
	if t == "" {
		return 0, ErrEmpty
	}
	m := rePercent.FindStringSubmatch(t)
	if m == nil {
		return 0, fmt.Errorf("无法识别的百分比“%s”", t)
	}
	p, err := strconv.ParseFloat(m[1], 64)
	if err != nil && !math.IsInf(p, 0) {
		// The pattern admits only well-formed decimals; an error other
		// than overflow (reported below as out of range) cannot happen.
		return 0, fmt.Errorf("无法识别的百分比“%s”", t)
	}
	return inPercentRange(p, t)
}

// PercentFromNumber reads a percentage from a numeric cell. When the cell is
// formatted as a percentage (percentFormat), Excel stores 80% as 0.8, so p is
// v×100. Otherwise a value strictly between 0 and 1 is also read as a
// fraction (p = v×100) and fraction is true, so that the caller can warn that
// it read 0.8 as 80%; any other value is taken as points. p is rounded to 6
// decimal places. It returns a Chinese error naming the value when p falls
// outside 0–100, and a Chinese error when v is NaN or infinite.
func PercentFromNumber(v float64, percentFormat bool) (p float64, fraction bool, err error) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false, fmt.Errorf("进度“%s”不是有效的数字", formatNumber(v))
	}
	p = v
	switch {
	case percentFormat:
		p = roundPercent(v * 100)
	case v > 0 && v < 1:
		p = roundPercent(v * 100)
		fraction = true
	}
	shown := formatNumber(p)
	if percentFormat {
		shown += "%"
	}
	p, err = inPercentRange(p, shown)
	if err != nil {
		return 0, false, err
	}
	return p, fraction, nil
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
