package pages

import (
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

// rectificationData is the page of the problems to rectify
// (rectification/index.html): each problem with its units' measures, and
// the problems by state month by month.
type rectificationData struct {
	AsOf       string
	Problems   []problemDetail
	Months     []string
	Chart      chart.Chart
	HasChart   bool
	Table      []seriesRow
	Overdue    int
	Late       int
	AnyExample bool
}

// seriesRow is a chart's series as a row of its table.
type seriesRow struct {
	Name  string
	Cells []string
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
	b.add("rectification/index.html", "rectification", "rectification", "问题整改", rectificationData{r.AsOf.Label(), details, x, ch, ch.ID != "", table, overdue, late, anyExample(r.Problems)}, ch.ID != "")
}

func anyExample(ps []progress.ProblemResult) bool {
	for _, p := range ps {
		if p.Problem.Example {
			return true
		}
	}
	return false
}
