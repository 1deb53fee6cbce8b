package pages

import (
	"fmt"
	"slices"
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
	r := b.Result
	const root = "../"
	x := axisMonths(r.Months)
	var details []problemDetail
	for _, pr := range r.Problems {
		d := problemDetail{problemRow: b.problemRow(root, pr), Anchor: Anchor(pr.Problem.ID), Description: pr.Problem.Description}
		for _, m := range pr.Measures {
			d.Measures = append(d.Measures, textRow{Unit: b.unitLink(root, m.Unit), Month: m.Month.Label(), Text: m.Text})
		}
		for _, h := range pr.History {
			d.History = append(d.History, rectLight(h.State, h.Overdue, h.Late, domain.Date{}))
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
	overdue, late := 0, 0
	for _, pr := range r.Problems {
		if pr.Overdue {
			overdue++
		}
		if pr.Late {
			late++
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
		Late       int
		AnyExample bool
	}{r.AsOf.Label(), details, x, ch, ch.ID != "", table, overdue, late, anyExample(r.Problems)}, ch.ID != "")
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
	Standing string // the current cycle's index against its target line, and the days left
}

type indicatorRow struct {
	ID, Area, Title string
	Anchor          string // of its row on 评价周期, for the search's links
	Units           []unitLink
	Readiness       string
	Value           float64
	Notes           []textRow
}

func (b *builder) cycle() {
	r := b.Result
	const root = "../"
	var cycles []cycleView
	for i, cy := range r.Readiness {
		ch, rows := b.readinessTrend(fmt.Sprintf("cycle-%d", i), cy, true)
		cycles = append(cycles, cycleView{
			Title:   fmt.Sprintf("%s至%s评价周期", cy.Start.Label(), cy.End.Label()),
			Current: cy.Current, DaysLeft: cy.DaysLeft, End: cy.End.Label(),
			Chart: ch, Rows: rows, Latest: pct(currentReadiness(cy)), Standing: readinessText(cy),
		})
	}
	var inds []indicatorRow
	for _, in := range r.Indicators {
		row := indicatorRow{ID: in.Indicator.ID, Anchor: IndicatorAnchor(in.Indicator.ID), Area: in.Indicator.Area, Title: in.Indicator.Title, Units: b.unitLinks(root, in.Indicator.Units), Readiness: pct(in.Readiness)}
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
	}{r.AsOf.Label(), cycles, b.Plan.IndicatorAreas(), inds, lowest}, true)
}

// chaseRow is a unit on the 催报 list: what is wrong and what to do.
type chaseRow struct {
	Unit  unitLink
	Light light
	Files []rejectedRow // for 无效报送: each file and why it is not used
	Todo  []string      // what the unit should do, in its clerk's words
}

func (b *builder) submissions() {
	r := b.Result
	const root = "../"
	units := b.Plan.Expected()
	months := r.Months
	idx := map[domain.UnitID]int{}
	var rows []string
	for i, u := range units {
		idx[u] = i
		rows = append(rows, b.Plan.UnitName(u))
	}
	cells := make([][]int, len(units))
	for i := range cells {
		cells[i] = make([]int, len(months))
	}
	type matrixRow struct {
		Unit                   unitLink
		Cells                  []submissionRow
		Late, Invalid, Missing int
	}
	matrix := make([]matrixRow, len(units))
	for i, u := range units {
		matrix[i].Unit = b.unitLink(root, u)
	}
	stateIndex := map[progress.SubmissionState]int{progress.OnTime: 3, progress.Late: 2, progress.Invalid: 1, progress.Missing: 0}
	for _, s := range r.Submissions {
		i := idx[s.Unit]
		j := s.Month.Since(months[0])
		cells[i][j] = stateIndex[s.State]
		row := b.submissionRow(root, s)
		row.Href = ""
		matrix[i].Cells = append(matrix[i].Cells, row)
		switch s.State {
		case progress.Late:
			matrix[i].Late++
		case progress.Invalid:
			matrix[i].Invalid++
		case progress.Missing:
			matrix[i].Missing++
		}
	}
	var ch chart.Chart
	if len(units) > 0 && len(months) > 0 {
		ch = chart.Heatmap("submission-matrix", "各单位按月报送情况", axisMonths(months), rows, cells, []chart.Piece{
			{Value: 3, Label: progress.OnTime.Label(), Short: "按时", Color: submissionColor[progress.OnTime]},
			{Value: 2, Label: progress.Late.Label(), Short: "逾期", Color: submissionColor[progress.Late]},
			{Value: 1, Label: progress.Invalid.Label(), Short: "无效", Color: submissionColor[progress.Invalid]},
			{Value: 0, Label: progress.Missing.Label(), Short: "未报", Color: submissionColor[progress.Missing]},
		})
	}
	counts := b.submissionCounts(root, r, r.AsOf)
	c := b.chaseOf(root, r.AsOf)
	var others []unitLink // the other months' 催报 pages, newest first
	for i := len(b.Months) - 1; i >= 0; i-- {
		if m := b.Months[i]; m != r.AsOf {
			others = append(others, unitLink{Name: m.Label(), Href: chaseHref(root, m)})
		}
	}
	b.add("submissions/index.html", "submissions", "submissions", "报送情况", struct {
		AsOf, Due        string
		Months           []string
		Matrix           []matrixRow
		Chart            chart.Chart
		HasChart         bool
		Counts           []subCount
		Chase            []chaseRow
		Missing, Invalid int
		Notice           string
		Notices          []noticeRow
		Others           []unitLink
	}{r.AsOf.Label(), c.Due, monthLabels(months), matrix, ch, ch.ID != "", counts, c.Chase, c.Missing, c.Invalid, c.Notice, c.Notices, others}, ch.ID != "")
}

// chaseTodo says what a unit on the 催报 list should do, in words its
// clerk understands: hand in the month's workbook (at place), or correct
// each file that is not used and hand it in again.
func chaseTodo(s progress.Submission, place string) []string {
	if s.State == progress.Missing {
		return []string{"请填写本月报送表格，放入" + place}
	}
	var todo []string
	for _, r := range s.Rejected {
		if h := strings.TrimRight(r.Hint, "。"); h != "" && !slices.Contains(todo, h) {
			todo = append(todo, h)
		}
	}
	if len(todo) == 0 {
		todo = []string{"请改正后重新报送"}
	}
	return todo
}

// chaseNotice is the 催报 message of month m, ready to copy: the units
// that handed in nothing, then each unit whose files cannot be used, with
// the file, the reason and what to do.
func (b *builder) chaseNotice(m domain.Month, due domain.Date, chase []chaseRow) string {
	if len(chase) == 0 {
		return ""
	}
	var missing []string
	var invalid []chaseRow
	for _, c := range chase {
		if len(c.Files) == 0 {
			missing = append(missing, c.Unit.Name)
		} else {
			invalid = append(invalid, c)
		}
	}
	coord := b.Plan.Settings.Coordinator
	if coord == "" {
		coord = "牵头汇总单位"
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "【催报】%s（%s，截止时间 %s）\n", b.Plan.Settings.Title, m.Label(), due.Label())
	if len(missing) > 0 {
		fmt.Fprintf(&sb, "一、以下 %d 个单位尚未报送%s进展情况：%s。请尽快填写报送表格，放入%s。\n", len(missing), m.Label(), strings.Join(missing, "、"), b.Plan.Settings.HandInPlace())
	}
	if len(invalid) > 0 {
		n := "一"
		if len(missing) > 0 {
			n = "二"
		}
		fmt.Fprintf(&sb, "%s、以下 %d 个单位报送的%s表格无法使用，不算报送，请按说明改正后重新报送：\n", n, len(invalid), m.Label())
		for _, c := range invalid {
			for _, f := range c.Files {
				fmt.Fprintf(&sb, "%s：文件“%s”：%s。\n", c.Unit.Name, f.File, strings.TrimRight(f.Reason, "。"))
			}
			fmt.Fprintf(&sb, "　　应如何做：%s。\n", strings.Join(c.Todo, "；"))
		}
	}
	fmt.Fprintf(&sb, "请报%s汇总。", coord)
	return sb.String()
}

func (b *builder) findings() {
	const root = "../"
	type fileGroup struct {
		File     string
		Months   string // every month the file names
		Rejected string // why the file is not used; "" when it is
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
	for _, f := range b.Inbox.Findings {
		// A file that names two units is shown under each.
		units, months := b.Names.Of(f)
		if len(units) == 0 {
			units = []domain.UnitID{""}
		}
		for _, u := range units {
			i, ok := idx[u]
			if !ok {
				i = len(groups)
				idx[u] = i
				l := unitLink{Name: "未能确定单位的文件"}
				if u != "" {
					l = b.unitLink(root, u)
				}
				groups = append(groups, unitGroup{Unit: l})
			}
			g := &groups[i]
			if len(g.Files) == 0 || g.Files[len(g.Files)-1].File != f.File {
				g.Files = append(g.Files, fileGroup{File: f.File, Months: monthsLabel(months), Rejected: b.Names[f.File].Reason})
			}
			fg := &g.Files[len(g.Files)-1]
			fg.Findings = append(fg.Findings, b.findingRow(f))
			if f.Severity == domain.Error {
				g.Errors++
			}
		}
		if f.Severity == domain.Error {
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
	}{b.Result.AsOf.Label(), groups, errs, warns, b.Inbox.Files, b.Inbox.Skipped}, false)
}
