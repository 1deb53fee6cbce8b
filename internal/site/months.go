package site

import (
	"fmt"
	"strings"

	"github.com/plansite/plansite/internal/chart"
	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/progress"
)

type alertRow struct {
	taskRow
	Words []entryRow // the leads' own words of the month
}

type changeRow struct {
	Task     taskRow
	From, To light
	Delta    string
}

func (b *builder) monthPages() {
	type monthRow struct {
		Month, Href, Summary  string
		Ready                 string
		OnTime, Late, Invalid int
		Missing               int
	}
	var list []monthRow
	for i := len(b.months) - 1; i >= 0; i-- {
		m := b.months[i]
		r := b.byMonth[m]
		row := monthRow{Month: m.Label(), Href: m.String() + "/index.html", Summary: countsText(r), Ready: pct(currentReadiness(r.Readiness[0]))}
		for _, s := range r.Submissions {
			if s.Month != m {
				continue
			}
			switch s.State {
			case progress.OnTime:
				row.OnTime++
			case progress.Late:
				row.Late++
			case progress.Invalid:
				row.Invalid++
			default:
				row.Missing++
			}
		}
		list = append(list, row)
	}
	b.add("months/index.html", "months", "months", "月度报告", struct {
		AsOf   string
		Months []monthRow
	}{b.res.AsOf.Label(), list}, false)
}

func (b *builder) monthPage(m domain.Month) {
	const root = "../../"
	r := b.byMonth[m]
	prev := b.byMonth[m.Prev()]
	donut, counts := b.statusDonut("m-status", r)
	var alerts []alertRow
	for _, t := range progress.Attention(r.Tasks) {
		a := alertRow{taskRow: b.taskRow(root, t)}
		for _, e := range t.Entries {
			if e.Month == m && e.Role == domain.RoleLead {
				a.Words = append(a.Words, b.entryRow(root, e))
			}
		}
		alerts = append(alerts, a)
	}
	var changes []changeRow
	if prev != nil {
		for i, t := range r.Tasks {
			p := prev.Tasks[i]
			if p.Status == t.Status && equalP(p.Progress, t.Progress) {
				continue
			}
			delta := ""
			if p.Progress != nil && t.Progress != nil {
				delta = fmt.Sprintf("%+.0f 个百分点", *t.Progress-*p.Progress)
			}
			changes = append(changes, changeRow{Task: b.taskRow(root, t), From: withRisk(taskLight(p.Status, p.Reported), p.Forecast), To: withRisk(taskLight(t.Status, t.Reported), t.Forecast), Delta: delta})
		}
	}
	var problems []problemRow
	for _, pr := range r.Problems {
		problems = append(problems, b.problemRow(root, pr))
	}
	cy := r.Readiness[0]
	trend, readyRows := b.readinessTrend("m-readiness", cy, false)
	subs := b.submissionCounts(root, r, m)
	summary := b.monthSummary(r, m, subs)
	catRows, statusLights := categoryRows(r)
	data := struct {
		Title, Month, AsOfDate, Summary string
		Organisation, Received          string
		Prev, Next                      string
		Legend                          []legendItem
		Donut                           chart.Chart
		Counts                          []countRow
		Categories                      chart.Chart
		CatRows                         []catRow
		StatusLights                    []light
		Alerts                          []alertRow
		Risks                           []riskRow
		Changes                         []changeRow
		HasPrev                         bool
		Problems                        []problemRow
		Trend                           chart.Chart
		ReadyRows                       []readyRow
		Areas                           []string
		Readiness                       string
		DaysLeft                        int
		Subs                            []subCount
		SubDonut                        chart.Chart
		Targets                         []targetLine
		Workbook, Bulletin, Chase       string // the month's 汇总表, 通报 and 催报 page
		Boards                          *monthBoard
	}{
		Title: fmt.Sprintf("%s%s进展情况", m.Label(), b.plan.Settings.Title),
		Month: m.Label(), AsOfDate: m.Last().Label(), Summary: summary, Organisation: b.plan.Settings.Organisation, Received: b.received[m].Label(),
		Prev: b.monthLink(root, m.Prev()), Next: b.monthLink(root, m.Next()),
		Legend: statusLegend(b.plan.Settings), Donut: donut, Counts: counts,
		Categories: b.categoryChart("m-categories", r), CatRows: catRows, StatusLights: statusLights,
		Alerts: alerts, Risks: b.riskRows(root, r), Changes: changes, HasPrev: prev != nil, Problems: problems,
		Trend: trend, ReadyRows: readyRows, Areas: b.plan.IndicatorAreas(), Readiness: pct(currentReadiness(cy)), DaysLeft: cy.DaysLeft,
		Subs: subs, SubDonut: b.submissionDonut("m-submissions", subs),
		Targets: b.targetLines(root, r), Workbook: root + workbookPath(m), Bulletin: root + bulletinPath(m), Chase: chaseHref(root, m),
		Boards: b.monthBoards(m),
	}
	b.add("months/"+m.String()+"/index.html", "month", "months", m.Label()+"进展情况", data, true)
}

func equalP(a, b *float64) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

// monthSummary writes the report's opening paragraph from the numbers.
func (b *builder) monthSummary(r *progress.Result, m domain.Month, subs []subCount) string {
	var parts []string
	parts = append(parts, fmt.Sprintf("截至%s，%s。", m.Last().Label(), countsText(r)))
	if n := len(r.Problems); n > 0 {
		done, over := 0, 0
		for _, p := range r.Problems {
			if p.State == domain.RectDone || p.State == domain.RectClosed {
				done++
			}
			if p.Overdue {
				over++
			}
		}
		s := fmt.Sprintf("%d 个上年度评价反馈问题中已整改（含销号）%d 个", n, done)
		if over > 0 {
			s += fmt.Sprintf("，逾期未整改 %d 个", over)
		}
		parts = append(parts, s+"。")
	}
	if v := currentReadiness(r.Readiness[0]); v != nil {
		parts = append(parts, fmt.Sprintf("评价准备指数为 %s，距本评价周期结束还有 %d 天。", pct(v), r.Readiness[0].DaysLeft))
	}
	var subParts []string
	for _, s := range subs {
		subParts = append(subParts, fmt.Sprintf("%s %d 个", s.Light.Label, s.Count))
	}
	parts = append(parts, fmt.Sprintf("本月应报送单位中%s。", strings.Join(subParts, "、")))
	return strings.Join(parts, "")
}
