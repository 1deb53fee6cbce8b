package paperwork

import (
	"fmt"
	"math"
	"strings"

	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/progress"
)

// Input is what a month's paperwork is made of.
type Input struct {
	Plan   *domain.Plan
	Result *progress.Result // as of the month
	// Submissions are every expected unit's for every month the 报送情况
	// shows — progress.RecentMonths of Result.Months, the last of which is
	// the month — unit-major (as Compute gives).
	Submissions []progress.Submission
	// Findings are those shown for the month: of the files that name it,
	// or name no month (as check --month lists them).
	Findings []domain.Finding
}

func (in Input) month() domain.Month { return in.Result.AsOf }

func (in Input) names(ids []domain.UnitID) string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = in.Plan.UnitName(id)
	}
	return strings.Join(out, "、")
}

// monthSubs are the submissions of the month itself.
func (in Input) monthSubs() []progress.Submission {
	var out []progress.Submission
	for _, s := range in.Submissions {
		if s.Month == in.month() {
			out = append(out, s)
		}
	}
	return out
}

// coordinator is the unit that collects the reports, in words.
func coordinator(p *domain.Plan) string {
	if c := p.Settings.Coordinator; c != "" {
		return c
	}
	return "牵头汇总单位"
}

// round2 keeps two decimals, as summary.json does.
func round2(v float64) float64 { return math.Round(v*100) / 100 }

func round1(v float64) float64 { return math.Round(v*10) / 10 }

func round2p(v *float64) *float64 {
	if v == nil {
		return nil
	}
	r := round2(*v)
	return &r
}

// num writes a number with at most one decimal.
func num(v float64) string {
	r := math.Round(v*10) / 10
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.1f", r), "0"), ".")
}

// pct writes a percentage, "—" for none.
func pct(v *float64) string {
	if v == nil {
		return "—"
	}
	return num(*v) + "%"
}

// finished reports whether lead u's latest state and latest progress
// among entries (newest first) say it has finished its part, as the
// template that leaves the task out of its sheet takes them.
func finished(entries []progress.Entry, u domain.UnitID) bool {
	var state domain.TaskState
	var p *float64
	for _, e := range entries {
		if e.Unit != u || e.Role != domain.RoleLead || e.Row == nil {
			continue
		}
		if state == "" {
			state = e.Row.State
		}
		if p == nil {
			p = e.Row.Progress
		}
	}
	return domain.Finished(state, p)
}

// statusWord is a task's light as printed: the status, with 本月未报
// beside it when the site shows that mark.
func statusWord(t progress.TaskResult) string {
	if progress.ShowUnreported(t.Status, t.Reported) {
		return t.Status.Label() + "（本月未报）"
	}
	return t.Status.Label()
}

// leadWords are the leads' own texts of the month on task t: each lead's
// 本月工作进展, 存在问题 and 下月工作计划, the unit's name before each
// when the task has several leads (and, for a lead that handed in no row,
// 本月未报送, or 已完成，本月无需报送 when its latest row says it has
// finished its part: its template no longer asks for the task).
func (in Input) leadWords(t progress.TaskResult) (done, issues, next string) {
	var d, is, nx []string
	several := len(t.Task.Leads) > 1
	for _, u := range t.Task.Leads {
		var row *domain.TaskRow
		for i, e := range t.Entries {
			if e.Month == in.month() && e.Unit == u && e.Role == domain.RoleLead {
				row = t.Entries[i].Row
				break
			}
		}
		name := in.Plan.UnitName(u)
		add := func(list *[]string, text string) {
			switch {
			case !several:
				if text != "" {
					*list = append(*list, text)
				}
			case row == nil && finished(t.Entries, u):
				*list = append(*list, name+"：已完成，本月无需报送")
			case row == nil:
				*list = append(*list, name+"：本月未报送")
			case text != "":
				*list = append(*list, name+"："+text)
			}
		}
		var rd, ri, rn string
		if row != nil {
			rd, ri, rn = row.Done, row.Issues, row.Next
		}
		add(&d, rd)
		add(&is, ri)
		add(&nx, rn)
	}
	return strings.Join(d, "\n"), strings.Join(is, "\n"), strings.Join(nx, "\n")
}
