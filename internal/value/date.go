package value

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/plansite/plansite/internal/domain"
)

// ErrEmpty is returned by the parsers for a blank value.
var ErrEmpty = errors.New("空值")

// DateHint says, in Chinese, how to write a date.
const DateHint = "请填写日期，如 2023-05-20、2023/5/20 或 2023年5月20日"

var (
	// A time of day may follow, with fractions of seconds and a time
	// zone as JavaScript and databases write them (ISO 8601).
	reDateNum  = regexp.MustCompile(`^(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})(?:(?:\s*T\s*|\s+)\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:\s*(?:Z|[+-]\d{2}(?::?\d{2})?))?)?$`)
	reDateCN   = regexp.MustCompile(`^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]$`)
	reMonthEnd = regexp.MustCompile(`^(\d{4})\s*年\s*(\d{1,2})\s*月\s*底$`)
	reYearEnd  = regexp.MustCompile(`^(\d{4})\s*年\s*底$`)
	reCompact  = regexp.MustCompile(`^(\d{4})(\d{2})(\d{2})(?:T\d{2}(?::?\d{2}(?::?\d{2}(?:[.,]\d+)?)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$`)
)

// ParseDate reads a date written as 2023-05-20, 2023/5/20, 2023.5.20,
// 20230520 or 2023年5月20日 (full-width digits allowed), and the ISO 8601
// forms other tools write (2023-06-20T00:00:00.000Z,
// 2023-06-20T08:00:00+08:00, 20230620T000000Z). A time of day after the
// date is ignored, and so is a time zone: the date is the one written, as
// a spreadsheet program shows it. It returns ErrEmpty for a blank value and an error
// whose text is a Chinese message for anything else it cannot read,
// including a day that does not exist.
func ParseDate(s string) (domain.Date, error) {
	s = cleanNumber(s)
	if s == "" {
		return domain.Date{}, ErrEmpty
	}
	for _, re := range []*regexp.Regexp{reDateNum, reDateCN, reCompact} {
		if m := re.FindStringSubmatch(s); m != nil {
			return ymd(s, m[1], m[2], m[3])
		}
	}
	return domain.Date{}, fmt.Errorf("无法识别的日期“%s”", s)
}

// ParseDeadline reads a deadline as plans write it: any spelling ParseDate
// takes, optionally followed by 前, 之前 or 以前, and the ends of periods
// 2024年底 (31 December) and 2023年6月底 (the month's last day).
func ParseDeadline(s string) (domain.Date, error) {
	t := strings.TrimSpace(domain.FoldWidth(s))
	for _, suf := range []string{"之前", "以前", "前"} {
		if strings.HasSuffix(t, suf) {
			t = strings.TrimSpace(strings.TrimSuffix(t, suf))
			break
		}
	}
	if m := reYearEnd.FindStringSubmatch(t); m != nil {
		return ymd(s, m[1], "12", "31")
	}
	if m := reMonthEnd.FindStringSubmatch(t); m != nil {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		month, ok := domain.NewMonth(y, time.Month(mo))
		if !ok {
			return domain.Date{}, fmt.Errorf("日期“%s”中的月份不存在", strings.TrimSpace(s))
		}
		return month.Last(), nil
	}
	return ParseDate(t)
}

func ymd(orig, ys, ms, ds string) (domain.Date, error) {
	y, _ := strconv.Atoi(ys)
	m, _ := strconv.Atoi(ms)
	d, _ := strconv.Atoi(ds)
	date, ok := domain.NewDate(y, time.Month(m), d)
	if !ok {
		return domain.Date{}, fmt.Errorf("日期“%s”不存在", strings.TrimSpace(orig))
	}
	return date, nil
}
