package pages

import (
	"fmt"
	"strconv"

	"github.com/plansite/plansite/internal/chart"
	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/progress"
)

type problemRow struct {
	ID, Area, Title string
	Href            string
	Units           []unitLink
	Deadline        string
	Progress        string
	Light           light
	Overdue         bool
	Example         bool
	RectifiedOn     string // when it was rectified; "" when it is not
	Late            bool   // rectified after its deadline: 超期整改
	Forecast        string // when it is rectified at its present pace, in words
}

func (b *builder) problemRow(root string, pr progress.ProblemResult) problemRow {
	return problemRow{
		ID: pr.Problem.ID, Area: pr.Problem.Area, Title: pr.Problem.Title,
		Href:     root + "rectification/index.html#" + Anchor(pr.Problem.ID),
		Units:    b.unitLinks(root, pr.Problem.Units),
		Deadline: pr.Problem.Deadline.Label(), Progress: pct(pr.Progress),
		Light: withRisk(rectLight(pr.State, pr.Overdue, pr.Late, pr.RectifiedOn), pr.Forecast), Overdue: pr.Overdue, Example: pr.Problem.Example,
		RectifiedOn: pr.RectifiedOn.Label(), Late: pr.Late, Forecast: forecastText(pr.Forecast),
	}
}

// Anchor is the fragment id of a problem's row on 问题整改.
func Anchor(id string) string { return "p-" + slugish(id) }

// IndicatorAnchor is the fragment id of an indicator's row on 评价周期.
func IndicatorAnchor(id string) string { return "i-" + slugish(id) }

func slugish(s string) string {
	var out []rune
	for _, r := range s {
		if r < 128 && (r == '-' || r == '_' || (r >= '0' && r <= '9') || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z')) {
			out = append(out, r)
		} else {
			out = append(out, '-')
		}
	}
	return string(out)
}

// subCount is the submissions of a month by state.
type subCount struct {
	Light light
	Count int
	Units []unitLink
}

func (b *builder) submissionCounts(root string, r *progress.Result, m domain.Month) []subCount {
	counts := map[progress.SubmissionState]*subCount{}
	for _, s := range progress.SubmissionStates {
		counts[s] = &subCount{Light: submissionLight(s)}
	}
	for _, s := range r.Submissions {
		if s.Month == m {
			c := counts[s.State]
			c.Count++
			c.Units = append(c.Units, b.unitLink(root, s.Unit))
		}
	}
	var out []subCount
	for _, s := range progress.SubmissionStates {
		out = append(out, *counts[s])
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

func (b *builder) dashboard() {
	r := b.Result
	root := ""
	donut, counts := b.statusDonut("status", r)
	var alerts []taskRow
	for _, t := range progress.Attention(r.Tasks) {
		alerts = append(alerts, b.taskRow(root, t))
	}
	var problems []problemRow
	for _, pr := range r.Problems {
		problems = append(problems, b.problemRow(root, pr))
	}
	cy := r.Readiness[0]
	ready := currentReadiness(cy)
	gaugeColor := statusColor[progress.OnTrack]
	if ready != nil && len(cy.Months) > 0 {
		for _, m := range cy.Months {
			if m.Month == r.AsOf && *ready < m.Target-b.Plan.Settings.LaggingPoints {
				gaugeColor = statusColor[progress.Lagging]
			}
		}
	}
	trend, readyRows := b.readinessTrend("readiness-trend", cy, false)
	subs := b.submissionCounts(root, r, r.AsOf)
	catRows, statusLights := categoryRows(r)
	data := struct {
		AsOf, AsOfDate, Summary string
		Received                string
		DaysLeft                int
		CycleEnd                string
		Legend                  []legendItem
		Donut                   chart.Chart
		Counts                  []countRow
		Categories              chart.Chart
		CatRows                 []catRow
		StatusLights            []light
		Alerts                  []taskRow
		Risks                   []riskRow
		Problems                []problemRow
		Gauge                   chart.Chart
		Readiness               string
		Trend                   chart.Chart
		ReadyRows               []readyRow
		Areas                   []string
		SubDonut                chart.Chart
		Subs                    []subCount
		MonthHref               string
		HasMonth                bool
		Targets                 []targetLine
		Workbook, Bulletin      string // the as-of month's 汇总表 and 通报
	}{
		AsOf: r.AsOf.Label(), AsOfDate: r.AsOfDate.Label(), Summary: CountsText(r), Received: b.ReceivedBy(r.AsOf).Label(),
		DaysLeft: cy.DaysLeft, CycleEnd: cy.End.Label(),
		Legend: statusLegend(b.Plan.Settings), Donut: donut, Counts: counts,
		Categories: b.categoryChart("categories", r), CatRows: catRows, StatusLights: statusLights,
		Alerts: alerts, Risks: b.riskRows(root, r), Problems: problems,
		Gauge:     chart.Gauge("readiness-gauge", "评价准备指数", r.AsOf.Label(), val(ready), gaugeColor),
		Readiness: pct(ready), Trend: trend, ReadyRows: readyRows, Areas: b.Plan.IndicatorAreas(),
		SubDonut: b.submissionDonut("submissions-now", subs), Subs: subs,
		MonthHref: monthHref(root, r.AsOf), HasMonth: len(b.Months) > 0,
		Targets: b.targetLines(root, r), Workbook: root + workbookPath(r.AsOf), Bulletin: root + bulletinPath(r.AsOf),
	}
	b.add("index.html", "home", "home", "总览", data, true)
	b.out[len(b.out)-1].Frame.Generated = b.Built.Format("2006-01-02 15:04")
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
