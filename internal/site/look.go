package site

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
	Rank  int // for sorting
}

func statusLight(s progress.Status) light {
	return light{Class: "s-" + string(s), Label: s.Label(), Rank: s.Rank()}
}

func submissionLight(s progress.SubmissionState) light {
	return light{Class: "sub-" + string(s), Label: s.Label()}
}

func rectLight(s domain.RectState, overdue bool) light {
	l := light{Class: "r-" + string(s), Label: s.Label(), Rank: s.Rank()}
	if overdue {
		l.Class, l.Label = "s-overdue", s.Label()+"（逾期）"
	}
	return l
}

// legendItem explains one light.
type legendItem struct {
	Light light
	Text  string
}

// statusLegend explains the task lights with the content's tolerances.
func statusLegend(s domain.Settings) []legendItem {
	text := map[progress.Status]string{
		progress.Overdue:  "已过完成时限仍未完成",
		progress.Lagging:  fmt.Sprintf("牵头单位报“滞后”，或进度落后预期超过 %s 个百分点", num(s.LaggingPoints)),
		progress.DueSoon:  fmt.Sprintf("距完成时限 %d 天以内", s.DueSoonDays),
		progress.NoReport: "本月没有牵头单位报送此任务",
		progress.OnTrack:  "按计划推进",
		progress.Done:     "全部牵头单位报“已完成”或进度 100%",
	}
	var out []legendItem
	for _, st := range progress.Statuses {
		out = append(out, legendItem{statusLight(st), text[st]})
	}
	return out
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
