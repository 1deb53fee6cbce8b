package pages

import (
	"github.com/plansite/plansite/internal/chart"
	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/progress"
)

type submissionRow struct {
	Month, Href string
	Light       light
	Submitted   string
	Files       []string
	Carrier     string
	Rejected    []rejectedRow // files not used, with the reason
}

type rejectedRow struct{ File, Reason string }

func (b *builder) submissionRow(root string, s progress.Submission) submissionRow {
	row := submissionRow{Month: s.Month.Label(), Href: b.monthLink(root, s.Month), Light: submissionLight(s.State), Submitted: s.Submitted.Label(), Files: s.Files, Carrier: s.Carrier}
	for _, r := range s.Rejected {
		row.Rejected = append(row.Rejected, rejectedRow{r.File, r.Reason})
	}
	return row
}

// submissionsData is the page of the submissions (submissions/index.html):
// every unit's month by month, and the as-of month's 催报.
type submissionsData struct {
	AsOf, Due        string
	Months           []string
	Earlier          bool // months before those of the matrix are left out of it
	Matrix           []matrixRow
	Chart            chart.Chart
	HasChart         bool
	Counts           []subCount
	Chase            []chaseRow
	Missing, Invalid int
	Notice           string
	Notices          []noticeRow
	Others           []unitLink // the other months' 催报 pages, newest first
}

// matrixRow is a unit's submissions, month by month.
type matrixRow struct {
	Unit                   unitLink
	Cells                  []submissionRow
	Late, Invalid, Missing int
}

func (b *builder) submissions() {
	r := b.Result
	const root = "../"
	units := b.Plan.Expected()
	months := progress.RecentMonths(r.Months)
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
	matrix := make([]matrixRow, len(units))
	for i, u := range units {
		matrix[i].Unit = b.unitLink(root, u)
	}
	stateIndex := map[progress.SubmissionState]int{progress.OnTime: 3, progress.Late: 2, progress.Invalid: 1, progress.Missing: 0}
	for _, s := range r.Submissions {
		i := idx[s.Unit]
		j := s.Month.Since(months[0])
		if j < 0 {
			continue // before the matrix's months
		}
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
	var others []unitLink
	for i := len(b.Months) - 1; i >= 0; i-- {
		if m := b.Months[i]; m != r.AsOf {
			others = append(others, unitLink{Name: m.Label(), Href: chaseHref(root, m)})
		}
	}
	b.add("submissions/index.html", "submissions", "submissions", "报送情况", submissionsData{r.AsOf.Label(), c.Due, monthLabels(months), len(months) < len(r.Months), matrix, ch, ch.ID != "", counts, c.Chase, c.Missing, c.Invalid, c.Notice, c.Notices, others}, ch.ID != "")
}
