package value

import (
	"fmt"
	"regexp"
	"strconv"
	"time"

	"github.com/plansite/plansite/internal/domain"
)

// MonthHint says, in Chinese, how to write a month.
const MonthHint = "请填写月份，如 2023-05 或 2023年5月"

var (
	reMonthNum = regexp.MustCompile(`^(\d{4})\s*[-/.]\s*(\d{1,2})$`)
	reMonthCN  = regexp.MustCompile(`^(\d{4})\s*年\s*(\d{1,2})\s*月份?$`)
	reMonth6   = regexp.MustCompile(`^(\d{4})(\d{2})$`)
)

// ParseMonth reads a month written as 2023-05, 2023/5, 2023.5, 202305 or
// 2023年5月 (also 2023年5月份), full-width digits allowed. A full date
// (2023-05-20) gives its month. It returns ErrEmpty for a blank value and a
// Chinese error for anything else it cannot read, such as 2023-13.
func ParseMonth(s string) (domain.Month, error) {
	t := cleanNumber(s)
	if t == "" {
		return domain.Month{}, ErrEmpty
	}
	for _, re := range []*regexp.Regexp{reMonthNum, reMonthCN, reMonth6} {
		if m := re.FindStringSubmatch(t); m != nil {
			y, _ := strconv.Atoi(m[1])
			mo, _ := strconv.Atoi(m[2])
			month, ok := domain.NewMonth(y, time.Month(mo))
			if !ok {
				return domain.Month{}, fmt.Errorf("月份“%s”不存在", t)
			}
			return month, nil
		}
	}
	if d, err := ParseDate(t); err == nil {
		return d.Month(), nil
	}
	return domain.Month{}, fmt.Errorf("无法识别的月份“%s”", t)
}
