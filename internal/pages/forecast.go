package pages

import (
	"fmt"
	"strings"

	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/progress"
)

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

// riskRow is a task at risk (预计逾期), with its forecast.
type riskRow struct {
	taskRow
	Pace, Finish string
	Days         int
}

// riskRows lists the tasks of r at risk, in the plan's order, with links
// from a page at root.
func (b *builder) riskRows(root string, r *progress.Result) []riskRow {
	var out []riskRow
	for _, t := range r.Tasks {
		if t.Forecast.AtRisk {
			row := riskRow{taskRow: b.taskRow(root, t), Days: t.Forecast.Days, Finish: "无法完成"}
			row.Pace = signed(t.Forecast.Pace)
			if t.Forecast.Kind == progress.ForecastFinish {
				row.Finish = t.Forecast.Finish.Label()
			}
			out = append(out, row)
		}
	}
	return out
}

// idList is units' ids separated by spaces, for an HTML attribute.
func idList(ids []domain.UnitID) string {
	var b strings.Builder
	for i, id := range ids {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(string(id))
	}
	return b.String()
}
