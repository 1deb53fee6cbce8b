package site

import (
	"fmt"
	"sort"
	"strings"

	"github.com/plansite/plansite/internal/chart"
	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/progress"
)

type problemDetail struct {
	problemRow
	Anchor      string
	Description string
	Measures    []textRow
	History     []light
}

type textRow struct {
	Unit  unitLink
	Month string
	Text  string
}

func (b *builder) rectification() {
	r := b.res
	const root = "../"
	var x []string
	for _, m := range r.Months {
		x = append(x, m.Label())
	}
	var details []problemDetail
	for _, pr := range r.Problems {
		d := problemDetail{problemRow: b.problemRow(root, pr), Anchor: anchor(pr.Problem.ID), Description: pr.Problem.Description}
		for _, m := range pr.Measures {
			d.Measures = append(d.Measures, textRow{Unit: b.unitLink(root, m.Unit), Month: m.Month.Label(), Text: m.Text})
		}
		for _, h := range pr.History {
			d.History = append(d.History, rectLight(h.State, h.Overdue))
		}
		details = append(details, d)
	}
	// Problems by state, month by month, with the overdue ones apart.
	var series []chart.Series
	for _, s := range domain.RectStates {
		vals := make([]float64, len(r.Months))
		for _, pr := range r.Problems {
			for i, h := range pr.History {
				if h.State == s && !h.Overdue {
					vals[i]++
				}
			}
		}
		series = append(series, chart.Series{Name: s.Label(), Values: vals, Color: rectColor[s]})
	}
	over := make([]float64, len(r.Months))
	for _, pr := range r.Problems {
		for i, h := range pr.History {
			if h.Overdue {
				over[i]++
			}
		}
	}
	series = append(series, chart.Series{Name: "逾期未整改", Values: over, Color: overdueColor})
	var ch chart.Chart
	if len(x) > 0 && len(r.Problems) > 0 {
		ch = chart.StackedBar("rect-history", "整改问题状态（个），按月", x, series)
	}
	type seriesRow struct {
		Name  string
		Cells []string
	}
	var table []seriesRow
	for _, s := range series {
		row := seriesRow{Name: s.Name}
		for _, v := range s.Values {
			row.Cells = append(row.Cells, num(v))
		}
		table = append(table, row)
	}
	overdue := 0
	for _, pr := range r.Problems {
		if pr.Overdue {
			overdue++
		}
	}
	b.add("rectification/index.html", "rectification", "rectification", "问题整改", struct {
		AsOf       string
		Problems   []problemDetail
		Months     []string
		Chart      chart.Chart
		HasChart   bool
		Table      []seriesRow
		Overdue    int
		AnyExample bool
	}{r.AsOf.Label(), details, x, ch, ch.ID != "", table, overdue, anyExample(r.Problems)}, ch.ID != "")
}

func anyExample(ps []progress.ProblemResult) bool {
	for _, p := range ps {
		if p.Problem.Example {
			return true
		}
	}
	return false
}

type cycleView struct {
	Title    string
	Current  bool
	DaysLeft int
	End      string
	Chart    chart.Chart
	Rows     []readyRow
	Latest   string
}

type indicatorRow struct {
	ID, Area, Title string
	Units           []unitLink
	Readiness       string
	Value           float64
	Notes           []textRow
}

func (b *builder) cycle() {
	r := b.res
	const root = "../"
	var cycles []cycleView
	for i, cy := range r.Readiness {
		ch, rows := b.readinessTrend(fmt.Sprintf("cycle-%d", i), cy, true)
		cycles = append(cycles, cycleView{
			Title:   fmt.Sprintf("%s至%s评价周期", cy.Start.Label(), cy.End.Label()),
			Current: cy.Current, DaysLeft: cy.DaysLeft, End: cy.End.Label(),
			Chart: ch, Rows: rows, Latest: pct(currentReadiness(cy)),
		})
	}
	var inds []indicatorRow
	for _, in := range r.Indicators {
		row := indicatorRow{ID: in.Indicator.ID, Area: in.Indicator.Area, Title: in.Indicator.Title, Units: b.unitLinks(root, in.Indicator.Units), Readiness: pct(in.Readiness)}
		if in.Readiness != nil {
			row.Value = *in.Readiness
		}
		for _, n := range in.Notes {
			row.Notes = append(row.Notes, textRow{Unit: b.unitLink(root, n.Unit), Month: n.Month.Label(), Text: n.Text})
		}
		inds = append(inds, row)
	}
	lowest := append([]indicatorRow(nil), inds...)
	sort.SliceStable(lowest, func(i, j int) bool { return lowest[i].Value < lowest[j].Value })
	if len(lowest) > 5 {
		lowest = lowest[:5]
	}
	b.add("cycle/index.html", "cycle", "cycle", "评价周期", struct {
		AsOf       string
		Cycles     []cycleView
		Areas      []string
		Indicators []indicatorRow
		Lowest     []indicatorRow
	}{r.AsOf.Label(), cycles, b.plan.Settings.Areas, inds, lowest}, true)
}

func (b *builder) submissions() {
	r := b.res
	const root = "../"
	units := b.plan.Expected()
	months := r.Months
	idx := map[domain.UnitID]int{}
	var rows []string
	for i, u := range units {
		idx[u] = i
		rows = append(rows, b.plan.UnitName(u))
	}
	cells := make([][]int, len(units))
	for i := range cells {
		cells[i] = make([]int, len(months))
	}
	type matrixRow struct {
		Unit          unitLink
		Cells         []submissionRow
		Late, Missing int
	}
	matrix := make([]matrixRow, len(units))
	for i, u := range units {
		matrix[i].Unit = b.unitLink(root, u)
	}
	stateIndex := map[progress.SubmissionState]int{progress.OnTime: 2, progress.Late: 1, progress.Missing: 0}
	for _, s := range r.Submissions {
		i := idx[s.Unit]
		j := s.Month.Since(months[0])
		cells[i][j] = stateIndex[s.State]
		matrix[i].Cells = append(matrix[i].Cells, submissionRow{Month: s.Month.Label(), Light: submissionLight(s.State), Submitted: s.Submitted.Label(), Files: s.Files, Carrier: s.Carrier})
		switch s.State {
		case progress.Late:
			matrix[i].Late++
		case progress.Missing:
			matrix[i].Missing++
		}
	}
	var ch chart.Chart
	if len(units) > 0 && len(months) > 0 {
		ch = chart.Heatmap("submission-matrix", "各单位按月报送情况", monthLabels(months), rows, cells, []chart.Piece{
			{Value: 2, Label: progress.OnTime.Label(), Color: submissionColor[progress.OnTime]},
			{Value: 1, Label: progress.Late.Label(), Color: submissionColor[progress.Late]},
			{Value: 0, Label: progress.Missing.Label(), Color: submissionColor[progress.Missing]},
		})
	}
	counts := b.submissionCounts(root, r, r.AsOf)
	var missing []string
	for _, c := range counts {
		if c.Light.Class == submissionLight(progress.Missing).Class {
			for _, u := range c.Units {
				missing = append(missing, u.Name)
			}
		}
	}
	due := r.AsOf.Day(b.plan.Settings.DueDay)
	chase := ""
	if len(missing) > 0 {
		coord := b.plan.Settings.Coordinator
		if coord == "" {
			coord = "牵头汇总单位"
		}
		chase = fmt.Sprintf("【催报】%s：以下 %d 个单位尚未报送%s进展情况（截止时间 %s）：%s。请于收到通知后尽快将报送表格放入共享文件夹，报%s汇总。",
			b.plan.Settings.Title, len(missing), r.AsOf.Label(), due.Label(), strings.Join(missing, "、"), coord)
	}
	b.add("submissions/index.html", "submissions", "submissions", "报送情况", struct {
		AsOf, Due string
		Months    []string
		Matrix    []matrixRow
		Chart     chart.Chart
		HasChart  bool
		Counts    []subCount
		Chase     string
		Missing   []string
	}{r.AsOf.Label(), due.Label(), monthLabels(months), matrix, ch, ch.ID != "", counts, chase, missing}, ch.ID != "")
}

func (b *builder) findings() {
	const root = "../"
	type fileGroup struct {
		File     string
		Findings []findingRow
	}
	type unitGroup struct {
		Unit   unitLink
		Files  []fileGroup
		Errors int
	}
	var groups []unitGroup
	idx := map[domain.UnitID]int{}
	errs, warns := 0, 0
	for _, f := range b.inbox.Findings {
		i, ok := idx[f.Unit]
		if !ok {
			i = len(groups)
			idx[f.Unit] = i
			u := unitLink{Name: "未能确定单位的文件"}
			if f.Unit != "" {
				u = b.unitLink(root, f.Unit)
			}
			groups = append(groups, unitGroup{Unit: u})
		}
		g := &groups[i]
		if len(g.Files) == 0 || g.Files[len(g.Files)-1].File != f.File {
			g.Files = append(g.Files, fileGroup{File: f.File})
		}
		fg := &g.Files[len(g.Files)-1]
		fg.Findings = append(fg.Findings, b.findingRow(f))
		if f.Severity == domain.Error {
			g.Errors++
			errs++
		} else {
			warns++
		}
	}
	sort.SliceStable(groups, func(i, j int) bool {
		if (groups[i].Unit.Href == "") != (groups[j].Unit.Href == "") {
			return groups[i].Unit.Href == ""
		}
		return groups[i].Errors > groups[j].Errors
	})
	b.add("findings/index.html", "findings", "findings", "数据问题", struct {
		AsOf          string
		Groups        []unitGroup
		Errors, Warns int
		Files         int
		Skipped       any
	}{b.res.AsOf.Label(), groups, errs, warns, b.inbox.Files, b.inbox.Skipped}, false)
}
