package pages

import (
	"fmt"
	"math"
	"strconv"

	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/progress"
)

// The colours of the lights, one place for pages and charts. The same
// values are in templates/assets/site.css (a test keeps them equal).
var (
	statusColor = map[progress.Status]string{
		progress.Overdue:  "#c62828", // red
		progress.Lagging:  "#e6a700", // yellow
		progress.DueSoon:  "#1e6fd9", // blue
		progress.OnTrack:  "#2e7d32", // green
		progress.Done:     "#6b8f71", // grey-green
		progress.NoReport: "#8a8f96", // grey
	}
	submissionColor = map[progress.SubmissionState]string{
		progress.OnTime:  "#2e7d32",
		progress.Late:    "#e6a700",
		progress.Invalid: "#7b1fa2",
		progress.Missing: "#c62828",
	}
	rectColor = map[domain.RectState]string{
		domain.RectNotStarted: "#8a8f96",
		domain.RectInProgress: "#1e6fd9",
		domain.RectDone:       "#2e7d32",
		domain.RectClosed:     "#6b8f71",
	}
	overdueColor = statusColor[progress.Overdue]
)

// light is a coloured status mark with its word, printed side by side so
// that a black-and-white print still reads.
type light struct {
	Class string // CSS class, e.g. s-overdue
	Label string
	Rank  int    // for sorting
	Note  string // a mark printed beside the light, such as 本月未报
	Risk  string // the mark 预计逾期 beside it (withRisk); "" for none
}

func statusLight(s progress.Status) light {
	return light{Class: "s-" + string(s), Label: s.Label(), Rank: s.Rank()}
}

// unreportedMark is printed beside a task's light when no lead reported the
// task for the month: the light still judges the latest figures.
const unreportedMark = "本月未报"

// taskLight is a task's light as of a month, with 本月未报 beside it when
// no lead handed in a row for the task that month — except beside 已完成
// (nothing is left to report) and 未报送 (which says so already).
func taskLight(s progress.Status, reported bool) light {
	l := statusLight(s)
	if progress.ShowUnreported(s, reported) {
		l.Note = unreportedMark
	}
	return l
}

func submissionLight(s progress.SubmissionState) light {
	return light{Class: "sub-" + string(s), Label: s.Label()}
}

// rectLight is a problem's light; one rectified after its deadline keeps
// the mark 超期整改, with the day it was rectified unless that is zero.
func rectLight(s domain.RectState, overdue, late bool, rectifiedOn domain.Date) light {
	l := light{Class: "r-" + string(s), Label: s.Label(), Rank: s.Rank()}
	if overdue {
		l.Class, l.Label = "s-overdue", s.Label()+"（逾期）"
	}
	if late {
		l.Note = lateMark
		if !rectifiedOn.IsZero() {
			l.Note += "（" + rectifiedOn.Label() + "）"
		}
	}
	return l
}

// lateMark is printed beside a problem rectified after its deadline.
const lateMark = "超期整改"

// legendItem explains one light.
type legendItem struct {
	Light light
	Text  string
}

// statusLegend explains the task lights with the content's tolerances.
func statusLegend(s domain.Settings) []legendItem {
	text := map[progress.Status]string{
		progress.Overdue:  "已到完成时限（含当天）仍未完成",
		progress.Lagging:  fmt.Sprintf("牵头单位最近一次报“滞后”，或最近的进度落后预期超过 %s 个百分点", num(s.LaggingPoints)),
		progress.DueSoon:  fmt.Sprintf("距完成时限 1 至 %d 天", s.DueSoonDays),
		progress.NoReport: "牵头单位从未报送此任务，无从判断",
		progress.OnTrack:  "按计划推进",
		progress.Done:     "全部牵头单位报“已完成”或进度 100%",
	}
	var out []legendItem
	for _, st := range progress.Statuses {
		out = append(out, legendItem{statusLight(st), text[st]})
	}
	out = append(out, legendItem{light{Note: unreportedMark}, "标在灯旁：牵头单位本月没有报送此任务，灯按其最近一次报送的数据判断"})
	return append(out, legendItem{light{Risk: riskMark}, fmt.Sprintf("标在灯旁：尚未逾期或滞后，但按近 %d 个月报送的进度推算，将晚于完成时限完成", progress.ForecastMonths)})
}

// pct formats a percentage: "—" for none, no decimals when whole.
func pct(v *float64) string {
	if v == nil {
		return "—"
	}
	return num(*v) + "%"
}

// num formats a number with at most one decimal.
func num(v float64) string {
	if math.IsNaN(v) {
		return "—"
	}
	r := math.Round(v*10) / 10
	return strconv.FormatFloat(r, 'f', -1, 64)
}

// val returns v for a chart, NaN for none.
func val(v *float64) float64 {
	if v == nil {
		return math.NaN()
	}
	return math.Round(*v*10) / 10
}

// riskMark is printed beside the light of a task (or problem) that the
// rule does not call late or lagging yet but that misses its deadline at
// its present pace (progress.Forecast.AtRisk): a mark, not a light.
const riskMark = "预计逾期"

// withRisk adds the mark 预计逾期 to l when f says the item is at risk.
func withRisk(l light, f progress.Forecast) light {
	if f.AtRisk {
		l.Risk = riskMark
	}
	return l
}

// forecastText says in words what a forecast tells, for a reader who wants
// the reason beside the figure.
func forecastText(f progress.Forecast) string {
	switch f.Kind {
	case progress.ForecastDone:
		return "已完成"
	case progress.ForecastTooFew:
		return fmt.Sprintf("近 %d 个月报送进度少于 2 次，不作预测", progress.ForecastMonths)
	case progress.ForecastStalled:
		return fmt.Sprintf("近 %d 个月报送的 %d 次进度没有增长，按当前进度无法完成", progress.ForecastMonths, len(f.Points))
	}
	when := fmt.Sprintf("按近 %d 个月 %d 次报送的进度（平均每月 %s 个百分点），预计 %s完成", progress.ForecastMonths, len(f.Points), signed(f.Pace), f.Finish.Label())
	switch {
	case f.Days > 0:
		return when + fmt.Sprintf("，比完成时限晚 %d 天", f.Days)
	case f.Days < 0:
		return when + fmt.Sprintf("，比完成时限早 %d 天", -f.Days)
	}
	return when + "，在完成时限当月完成"
}

func signed(v float64) string {
	if v > 0 {
		return "+" + num(v)
	}
	return num(v)
}
