package progress

import (
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/plansite/plansite/internal/domain"
)

// TestRank: four units over the cycle's months up to October 2023
// (September and October; May's reports and August's file do not count),
// each figure worked out by hand.
func TestRank(t *testing.T) {
	sep, oct := month(2023, time.September), month(2023, time.October)
	p := mustPlan(t, func(p *domain.Plan) {
		p.Settings.ExpectedUnits = []domain.UnitID{unitA, unitB, unitC, unitD}
		p.Tasks = append(p.Tasks,
			domain.Task{ID: "1.3", Slug: "1-3", Category: "降低成本行动", Title: "任务三", Leads: []domain.UnitID{unitC}, Deadline: day(2023, time.September, 30)},
			domain.Task{ID: "1.4", Slug: "1-4", Category: "降低成本行动", Title: "任务四", Leads: []domain.UnitID{unitD}, Deadline: day(2023, time.September, 30)})
	})
	rows := func(vs ...float64) func(*domain.Report) {
		return func(r *domain.Report) {
			r.Tasks = append(r.Tasks, domain.TaskRow{TaskID: "1.1", Progress: num(vs[0]), State: domain.TaskInProgress}, domain.TaskRow{TaskID: "1.2", Progress: num(vs[1]), State: domain.TaskInProgress})
		}
	}
	reports := []domain.Report{
		report(unitA, month(2023, time.May), rows(10, 10)), // before the cycle: not counted
		report(unitA, sep, rows(60, 50)),
		report(unitA, oct, rows(70, 60)),
		report(unitB, sep, filledOn(day(2023, time.September, 28)), taskRow("1.2", num(60), domain.TaskInProgress)), // late
		report(unitB, oct, taskRow("1.2", num(60), domain.TaskInProgress)),
		report(unitD, sep, taskRow("1.4", num(90), domain.TaskInProgress)),
		report(unitD, oct, taskRow("1.4", num(100), domain.TaskDone)),
	}
	rejected := []domain.Rejected{
		{File: "2023-08/a.xlsx", Units: []domain.UnitID{unitA}, Months: []domain.Month{month(2023, time.August)}, Reason: "无法读取"}, // before the cycle
		{File: "2023-10/c.xlsx", Units: []domain.UnitID{unitC}, Months: []domain.Month{oct}, Reason: "无法读取"},
		{File: "2023-10/d-blank.xlsx", Units: []domain.UnitID{unitD}, Months: []domain.Month{oct}, Reason: "没有填写"},
	}
	findings := map[string]int{
		"2023-10_" + string(unitA) + ".xlsx": 2,
		"2023-05_" + string(unitA) + ".xlsx": 4, // before the cycle
		"2023-08/a.xlsx":                     3, // before the cycle
		"2023-10/c.xlsx":                     1,
		"2023-10/d-blank.xlsx":               1,
	}
	rk := Rank(p, Compute(p, reports, rejected, oct), findings)
	if rk.From != sep || rk.To != oct {
		t.Fatalf("ranking over %s … %s, want 2023-09 … 2023-10", rk.From, rk.To)
	}
	// As of 31 October, expected progress of the tasks due 31 December is
	// 76.08: 1.1 at 70 and 1.2 at 60 are on track; 1.3 (C, due 30
	// September, never reported) is 逾期; 1.4 (D) is done.
	want := []string{
		// A: two on time, two files, two findings (May's file is before
		// the cycle): 100 − 2 × 1 = 98.
		"1 jyzx months 2 on time 2 late 0 invalid 0 missing 0 rate 100.00 overdue 0 lagging 0 files 2 unusable 0 findings 2 per file 1.00 score 98.00 tie ",
		// D: two on time; three files (one blank), one finding: 1/3 per
		// file. 100 − 5 × 1 − 2 × 1/3 = 94.33.
		"2 bgs months 2 on time 2 late 0 invalid 0 missing 0 rate 100.00 overdue 0 lagging 0 files 3 unusable 1 findings 1 per file 0.33 score 94.33 tie ",
		// B: September late, October on time: 50.
		"3 ldjc months 2 on time 1 late 1 invalid 0 missing 0 rate 50.00 overdue 0 lagging 0 files 2 unusable 0 findings 0 per file 0.00 score 50.00 tie ",
		// C: September missing, October's only file not usable, one
		// finding in it; leads 1.3, 逾期: 0 − 10 − 5 − 2 × 1 = −17.
		"4 zcfg months 2 on time 0 late 0 invalid 1 missing 1 rate 0.00 overdue 1 lagging 0 files 1 unusable 1 findings 1 per file 1.00 score -17.00 tie ",
	}
	if len(rk.Units) != len(want) {
		t.Fatalf("%d units ranked, want %d", len(rk.Units), len(want))
	}
	for i, u := range rk.Units {
		if got := rankLine(u); got != want[i] {
			t.Errorf("place %d:\n got %s\nwant %s", i+1, got, want[i])
		}
	}
}

func rankLine(u UnitRank) string {
	return fmt.Sprintf("%d %s months %d on time %d late %d invalid %d missing %d rate %.2f overdue %d lagging %d files %d unusable %d findings %d per file %.2f score %.2f tie %s",
		u.Rank, u.Unit, u.Months, u.OnTime, u.Late, u.Invalid, u.Missing, u.OnTimeRate, u.Overdue, u.Lagging, u.Files, u.Unusable, u.Findings, u.FindingsPerFile, u.Score, u.Tie)
}

// TestRankTies: equal scores are ordered by the tie-breaks, visibly; units
// equal in everything share a rank, in the plan's order.
func TestRankTies(t *testing.T) {
	sep := month(2023, time.September)
	e, f, g, h, i := domain.UnitID("e"), domain.UnitID("f"), domain.UnitID("g"), domain.UnitID("h"), domain.UnitID("i")
	p := &domain.Plan{Settings: domain.Settings{CycleStart: time.September, FirstReportMonth: month(2023, time.May), ExpectedUnits: []domain.UnitID{e, f, g, h, i}}}
	r := &Result{AsOf: sep,
		Tasks: []TaskResult{{Task: domain.Task{ID: "1", Leads: []domain.UnitID{e}}, Status: Overdue}},
		Submissions: []Submission{
			{Unit: e, Month: sep, State: OnTime, Files: []string{"e.xlsx"}},
			// F: on time, and two files not usable beside the good one.
			{Unit: f, Month: sep, State: OnTime, Files: []string{"f.xlsx"}, Rejected: []domain.Rejected{{File: "f1.xlsx"}, {File: "f2.xlsx"}}},
			{Unit: g, Month: sep, State: Late, Files: []string{"g.xlsx"}},
			{Unit: h, Month: sep, State: Late, Files: []string{"h.xlsx"}},
			{Unit: i, Month: sep, State: Missing},
		}}
	rk := Rank(p, r, nil)
	// E: 100 − 10 = 90; F: 100 − 5 × 2 = 90, the same score and on-time
	// rate, but no task 逾期: F first, E after it by overdue_tasks. G and
	// H: 0 and equal in everything: rank 3 both, G first (the plan's order).
	// I: missing, 0 too, with the same on-time rate (0) as G and H, but a
	// month not handed in at all: after them, by missed_months.
	want := []string{"1 f 90 ", "2 e 90 overdue_tasks", "3 g 0 ", "3 h 0 shared", "5 i 0 missed_months"}
	if len(rk.Units) != len(want) {
		t.Fatalf("%d units ranked, want %d", len(rk.Units), len(want))
	}
	for i, u := range rk.Units {
		if got := fmt.Sprintf("%d %s %g %s", u.Rank, u.Unit, math.Round(u.Score*100)/100, u.Tie); got != want[i] {
			t.Errorf("place %d: %s, want %s", i+1, got, want[i])
		}
	}
}
