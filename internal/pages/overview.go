package pages

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/plansite/plansite/internal/chart"
	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/progress"
)

// overview is what the dashboard and a month's report both show of a
// month: the tasks by status and by category, those at risk, the
// problems, the current cycle's readiness, the month's submissions and
// the targets, and the month's 汇总表 and 通报.
type overview struct {
	Legend             []legendItem
	Donut              chart.Chart
	Counts             []countRow
	Categories         chart.Chart
	CatRows            []catRow
	StatusLights       []light
	Risks              []riskRow
	Problems           []problemRow
	Trend              chart.Chart
	ReadyRows          []readyRow
	Areas              []string
	SubDonut           chart.Chart
	Subs               []subCount
	Targets            []targetLine
	Workbook, Bulletin string
}

// overview is the overview of r, the result of month m, for a page at
// root; ids name its charts: the statuses, the categories, the readiness
// and the submissions.
func (b *builder) overview(root string, r *progress.Result, m domain.Month, ids [4]string) overview {
	o := overview{
		Legend: statusLegend(b.Plan.Settings), Categories: b.categoryChart(ids[1], r), Risks: b.riskRows(root, r),
		Areas: b.Plan.IndicatorAreas(), Subs: b.submissionCounts(root, r, m), Targets: b.targetLines(root, r),
		Workbook: root + workbookPath(m), Bulletin: root + bulletinPath(m),
	}
	o.Donut, o.Counts = b.statusDonut(ids[0], r)
	o.CatRows, o.StatusLights = categoryRows(r)
	for _, pr := range r.Problems {
		o.Problems = append(o.Problems, b.problemRow(root, pr))
	}
	o.Trend, o.ReadyRows = b.readinessTrend(ids[2], r.Readiness[0], false)
	o.SubDonut = b.submissionDonut(ids[3], o.Subs)
	return o
}

// statusChart is the donut of task statuses and its table rows.
type countRow struct {
	Light light
	Count int
}

func (b *builder) statusDonut(id string, r *progress.Result) (chart.Chart, []countRow) {
	var slices []chart.Slice
	var rows []countRow
	for _, s := range progress.Statuses {
		rows = append(rows, countRow{statusLight(s), r.TaskCounts[s]})
		if n := r.TaskCounts[s]; n > 0 {
			slices = append(slices, chart.Slice{Name: s.Label(), Value: float64(n), Color: statusColor[s]})
		}
	}
	c := chart.Donut(id, "重点任务状态（项）", strconv.Itoa(len(r.Tasks)), "项", slices)
	return c, rows
}

type catRow struct {
	Name   string
	Counts []int
	Total  int
}

// categoryRows is the table of statuses by category, and its header.
func categoryRows(r *progress.Result) ([]catRow, []light) {
	var rows []catRow
	for _, c := range r.Categories {
		row := catRow{Name: c.Name, Total: c.Total}
		for _, s := range progress.Statuses {
			row.Counts = append(row.Counts, c.Counts[s])
		}
		rows = append(rows, row)
	}
	var lights []light
	for _, s := range progress.Statuses {
		lights = append(lights, statusLight(s))
	}
	return rows, lights
}

// categoryChart is completion by category: a stacked bar per category.
func (b *builder) categoryChart(id string, r *progress.Result) chart.Chart {
	var names []string
	for _, c := range r.Categories {
		names = append(names, c.Name)
	}
	var series []chart.Series
	for _, s := range progress.Statuses {
		vals := make([]float64, len(r.Categories))
		for i, c := range r.Categories {
			vals[i] = float64(c.Counts[s])
		}
		series = append(series, chart.Series{Name: s.Label(), Values: vals, Color: statusColor[s]})
	}
	return chart.StackedBar(id, "各类行动的任务状态（项）", names, series)
}

// subCount is the submissions of a month by state.
type subCount struct {
	Light light
	Count int
	Units []unitLink
}

func (b *builder) submissionCounts(root string, r *progress.Result, m domain.Month) []subCount {
	out := make([]subCount, len(progress.SubmissionStates))
	for i, s := range progress.SubmissionStates {
		out[i].Light = submissionLight(s)
	}
	for _, s := range r.Submissions {
		if s.Month == m {
			i := slices.Index(progress.SubmissionStates, s.State)
			out[i].Count++
			out[i].Units = append(out[i].Units, b.unitLink(root, s.Unit))
		}
	}
	return out
}

func (b *builder) submissionDonut(id string, counts []subCount) chart.Chart {
	var slices []chart.Slice
	total := 0
	for i, c := range counts {
		total += c.Count
		if c.Count > 0 {
			slices = append(slices, chart.Slice{Name: c.Light.Label, Value: float64(c.Count), Color: submissionColor[progress.SubmissionStates[i]]})
		}
	}
	return chart.Donut(id, "本月报送情况（个单位）", strconv.Itoa(total), "个单位", slices)
}

type readyRow struct {
	Month         string
	Index, Target string
	Areas         []string
}

// readinessTrend is a cycle's readiness by month against the target line,
// overall and per area.
func (b *builder) readinessTrend(id string, cy progress.Cycle, areas bool) (chart.Chart, []readyRow) {
	var ms []domain.Month
	idx, tgt := make([]float64, len(cy.Months)), make([]float64, len(cy.Months))
	perArea := map[string][]float64{}
	var rows []readyRow
	for i, m := range cy.Months {
		ms = append(ms, m.Month)
		idx[i], tgt[i] = val(m.Index), round1(m.Target)
		row := readyRow{Month: m.Month.Label(), Index: pct(m.Index), Target: num(m.Target) + "%"}
		for _, a := range b.Plan.IndicatorAreas() {
			var v *float64
			if m.Areas != nil {
				v = m.Areas[a]
			}
			perArea[a] = append(perArea[a], val(v))
			row.Areas = append(row.Areas, pct(v))
		}
		rows = append(rows, row)
	}
	lines := []chart.Line{
		{Series: chart.Series{Name: "准备指数", Values: idx, Color: "#1f5fa8"}, Area: true},
		{Series: chart.Series{Name: "目标线", Values: tgt, Color: "#888888"}, Dashed: true},
	}
	if areas {
		for i, a := range b.Plan.IndicatorAreas() {
			lines = append(lines, chart.Line{Series: chart.Series{Name: a, Values: perArea[a], Color: chart.Palette[(i+1)%len(chart.Palette)]}})
		}
	}
	title := fmt.Sprintf("评价准备指数（%s—%s）", cy.Start.Label(), cy.End.Label())
	return chart.Lines(id, title, axisMonths(ms), lines, 100), rows
}

func round1(v float64) float64 { return val(&v) }

// currentReadiness is the latest index of the current cycle.
func currentReadiness(cy progress.Cycle) *float64 {
	var last *float64
	for _, m := range cy.Months {
		if m.Index != nil {
			last = m.Index
		}
	}
	return last
}

// targetLine is a quantitative target against its actual figure, as the
// dashboard and the monthly report list them: with its task, the share of
// the target reached and a light (达标, 未达标, 未报送).
type targetLine struct {
	targetRow
	TaskID, TaskTitle, TaskHref string
	Leads                       []unitLink
	Reached                     string // actual ÷ target, for an at-least target; "" otherwise
	Light                       light
}

// targetLines are r's targets in the plan's order, for a page at root.
func (b *builder) targetLines(root string, r *progress.Result) []targetLine {
	var out []targetLine
	for _, tr := range r.Targets {
		task, ok := b.Plan.Task(tr.TaskID)
		if !ok {
			continue
		}
		l := targetLine{targetRow: b.targetRow(tr), TaskID: task.ID, TaskTitle: task.Title, TaskHref: taskHref(root, task), Leads: b.taskUnits(root, task, false)}
		switch {
		case tr.Value == nil:
			l.Light = light{Class: "s-no_report", Label: "未报送"}
		case tr.Met:
			l.Light = light{Class: "s-done", Label: "达标"}
		default:
			l.Light = light{Class: "s-lagging", Label: "未达标"}
		}
		if tr.Value != nil && tr.Target.Direction != domain.AtMost && tr.Target.Value > 0 {
			v := 100 * *tr.Value / tr.Target.Value
			l.Reached = pct(&v)
		}
		out = append(out, l)
	}
	return out
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
