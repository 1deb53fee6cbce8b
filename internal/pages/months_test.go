package pages

import (
	"slices"
	"testing"
	"time"

	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/progress"
)

// TestReportTitle: the monthly report's title names the year once and is
// cut into the phrases a line may break between.
func TestReportTitle(t *testing.T) {
	cases := []struct {
		title string
		m     domain.Month
		want  []string
	}{
		{"某县医保局2025年度优化营商环境工作", domain.MustMonth(2025, time.March), []string{"《某县医保局", "2025年度优化营商环境工作", "3月进展情况》"}},
		{"某县医保局2025年度优化营商环境工作", domain.MustMonth(2026, time.January), []string{"《某县医保局", "2025年度优化营商环境工作", "2026年1月进展情况》"}},
		{"2024—2025年营商环境三年行动", domain.MustMonth(2025, time.May), []string{"《2024—2025年营商环境三年行动", "5月进展情况》"}},
		{"优化营商环境工作", domain.MustMonth(2025, time.May), []string{"《优化营商环境工作", "2025年5月进展情况》"}},
	}
	for _, tc := range cases {
		if got := reportTitle(domain.Settings{Title: tc.title}, tc.m); !slices.Equal(got, tc.want) {
			t.Errorf("%s, %s: %q; want %q", tc.title, tc.m, got, tc.want)
		}
	}
}

// TestPointsChange: a change of a percentage in a report's words.
func TestPointsChange(t *testing.T) {
	for d, want := range map[float64]string{0: "持平", 0.04: "持平", -0.04: "持平", 12: "提高 12 个百分点", 2.46: "提高 2.5 个百分点", -7.5: "下降 7.5 个百分点"} {
		if got := pointsChange(d); got != want {
			t.Errorf("pointsChange(%v) = %q; want %q", d, got, want)
		}
	}
}

// TestReadinessText: the readiness of a cycle against its target line;
// once the cycle has ended, that it has, and whether the line was reached.
func TestReadinessText(t *testing.T) {
	p := func(v float64) *float64 { return &v }
	start, end := domain.MustDate(2024, time.July, 1), domain.MustDate(2025, time.June, 30)
	months := func(last int, index, target float64) []progress.ReadinessPoint {
		var out []progress.ReadinessPoint
		for i, m := range domain.MonthsFrom(start.Month(), end.Month()) {
			pt := progress.ReadinessPoint{Month: m, Target: float64(i+1) * 100 / 12}
			if i <= last {
				pt.Index = p(index)
				if i == last {
					pt.Target = target
				}
			}
			out = append(out, pt)
		}
		return out
	}
	cases := []struct {
		name string
		cy   progress.Cycle
		want string
	}{
		{"above the line", progress.Cycle{Start: start, End: end, Current: true, DaysLeft: 181, Months: months(5, 62.5, 50)},
			"评价准备指数为 62.5%，按时间进度应达到 50%（目标线），高于目标线 12.5 个百分点；距本评价周期结束（2025年6月30日）还有 181 天。"},
		{"on the line", progress.Cycle{Start: start, End: end, Current: true, DaysLeft: 181, Months: months(5, 50.02, 50)},
			"评价准备指数为 50%，按时间进度应达到 50%（目标线），与目标线持平；距本评价周期结束（2025年6月30日）还有 181 天。"},
		{"ended short of the line", progress.Cycle{Start: start, End: end, Current: true, Months: months(11, 61.7, 100)},
			"本评价周期已于2025年6月30日结束，评价准备指数为 61.7%，未达到 100% 的目标线（差 38.3 个百分点）。"},
		{"ended on the line", progress.Cycle{Start: start, End: end, Current: true, Months: months(11, 100, 100)},
			"本评价周期已于2025年6月30日结束，评价准备指数为 100%，达到 100% 的目标线。"},
		{"nothing reported", progress.Cycle{Start: start, End: end, Current: true, DaysLeft: 300, Months: months(-1, 0, 0)},
			"各单位尚未报送本评价周期的评价准备情况。"},
	}
	for _, tc := range cases {
		if got := readinessText(tc.cy); got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.name, got, tc.want)
		}
	}
}
