package progress

import (
	"fmt"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/plansite/plansite/internal/domain"
)

// The units of the test plans. unitD is named by no task, problem or
// indicator, so it is not expected to report.
const (
	unitA domain.UnitID = "jyzx" // 就业服务中心
	unitB domain.UnitID = "ldjc" // 劳动保障监察大队
	unitC domain.UnitID = "zcfg" // 政策法规股
	unitD domain.UnitID = "bgs"  // 办公室
)

func day(y int, m time.Month, d int) domain.Date { return domain.MustDate(y, m, d) }

func month(y int, m time.Month) domain.Month { return domain.MustMonth(y, m) }

func num(v float64) *float64 { return &v }

// mustPlan returns the test plan, as issued on 2023-04-20 with the seed's
// rules (due day 24, cycle from September, 20 points, 30 days), reporting
// from 2023-05 to 2024-08, after edit has changed it.
//
// Tasks: 1.1 led by A with C cooperating, 1.2 led by A and B; both due
// 2023-12-31.
func mustPlan(tb testing.TB, edit func(p *domain.Plan)) *domain.Plan {
	tb.Helper()
	p := &domain.Plan{
		Settings: domain.Settings{
			Title:            "测试方案",
			PlanDate:         day(2023, time.April, 20),
			DueDay:           24,
			CycleStart:       time.September,
			FirstReportMonth: month(2023, time.May),
			LastReportMonth:  month(2024, time.August),
			LaggingPoints:    20,
			DueSoonDays:      30,
			Areas:            []string{"就业服务", "劳动关系"},
		},
		Categories: []domain.Category{{Name: "降低成本行动"}, {Name: "优化提升行动"}},
		Units: []domain.Unit{
			{ID: unitA, Name: "就业服务中心"},
			{ID: unitB, Name: "劳动保障监察大队", Aliases: []string{"劳动保障劳动保障监察大队"}},
			{ID: unitC, Name: "政策法规股"},
			{ID: unitD, Name: "办公室"},
		},
		Tasks: []domain.Task{
			{ID: "1.1", Slug: "1-1", Category: "降低成本行动", Title: "任务一",
				Leads: []domain.UnitID{unitA}, Cooperators: []domain.UnitID{unitC},
				Deadline: day(2023, time.December, 31)},
			{ID: "1.2", Slug: "1-2", Category: "降低成本行动", Title: "任务二",
				Leads:    []domain.UnitID{unitA, unitB},
				Deadline: day(2023, time.December, 31)},
		},
	}
	if edit != nil {
		edit(p)
	}
	if clashes := p.Index(); len(clashes) > 0 {
		tb.Fatalf("plan names clash: %v", clashes)
	}
	return p
}

// report is unit u's workbook for month m, named 2023-06_<unit>.xlsx and
// with 填报日期 the 20th of m unless an option says otherwise.
func report(u domain.UnitID, m domain.Month, opts ...func(*domain.Report)) domain.Report {
	r := domain.Report{
		File:     fmt.Sprintf("%s_%s.xlsx", m, u),
		Unit:     u,
		Month:    m,
		FilledOn: m.Day(20),
		ModTime:  time.Date(m.Year(), m.Num(), 20, 9, 0, 0, 0, time.Local),
	}
	for _, o := range opts {
		o(&r)
	}
	return r
}

// filledOn sets the 填报日期.
func filledOn(d domain.Date) func(*domain.Report) {
	return func(r *domain.Report) { r.FilledOn = d }
}

// savedAt leaves 填报日期 blank and sets the modification time.
func savedAt(t time.Time) func(*domain.Report) {
	return func(r *domain.Report) { r.FilledOn, r.ModTime = domain.Date{}, t }
}

func named(file string) func(*domain.Report) {
	return func(r *domain.Report) { r.File = file }
}

func taskRow(id string, progress *float64, state domain.TaskState) func(*domain.Report) {
	return func(r *domain.Report) {
		r.Tasks = append(r.Tasks, domain.TaskRow{TaskID: id, Progress: progress, State: state})
	}
}

func problemRow(id string, state domain.RectState, progress *float64) func(*domain.Report) {
	return func(r *domain.Report) {
		r.Problems = append(r.Problems, domain.ProblemRow{ProblemID: id, State: state, Progress: progress})
	}
}

func indicatorRow(id string, readiness float64) func(*domain.Report) {
	return func(r *domain.Report) {
		r.Indicators = append(r.Indicators, domain.IndicatorRow{IndicatorID: id, Readiness: num(readiness)})
	}
}

func targetRow(id string, value float64) func(*domain.Report) {
	return func(r *domain.Report) {
		r.Targets = append(r.Targets, domain.TargetRow{TargetID: id, Value: num(value)})
	}
}

func mustTask(tb testing.TB, res *Result, id string) TaskResult {
	tb.Helper()
	for _, t := range res.Tasks {
		if t.Task.ID == id {
			return t
		}
	}
	tb.Fatalf("no task %s in the result", id)
	return TaskResult{}
}

func mustSubmission(tb testing.TB, res *Result, u domain.UnitID, m domain.Month) Submission {
	tb.Helper()
	for _, s := range res.Submissions {
		if s.Unit == u && s.Month == m {
			return s
		}
	}
	tb.Fatalf("no submission of %s for %s", u, m)
	return Submission{}
}

func mustProblem(tb testing.TB, res *Result, id string) ProblemResult {
	tb.Helper()
	for _, p := range res.Problems {
		if p.Problem.ID == id {
			return p
		}
	}
	tb.Fatalf("no problem %s in the result", id)
	return ProblemResult{}
}

func mustTarget(tb testing.TB, res *Result, id string) TargetResult {
	tb.Helper()
	for _, t := range res.Targets {
		if t.Target.ID == id {
			return t
		}
	}
	tb.Fatalf("no target %s in the result", id)
	return TargetResult{}
}

// mustPoint returns the readiness point of month m in cycle cy.
func mustPoint(tb testing.TB, cy Cycle, m domain.Month) ReadinessPoint {
	tb.Helper()
	for _, pt := range cy.Months {
		if pt.Month == m {
			return pt
		}
	}
	tb.Fatalf("no month %s in the cycle %s..%s", m, cy.Start, cy.End)
	return ReadinessPoint{}
}

// sameNum reports whether a and b are both nil or both within 1e-9.
func sameNum(a, b *float64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return math.Abs(*a-*b) < 1e-9
}

func show(p *float64) string {
	if p == nil {
		return "nil"
	}
	return fmt.Sprintf("%g", *p)
}

// The as-of date of every TaskStatus case is 2023-06-30.
func TestTaskStatus(t *testing.T) {
	asOf := day(2023, time.June, 30)
	base := StatusInput{
		Deadline:      day(2023, time.December, 31),
		AsOf:          asOf,
		Progress:      num(40),
		Expected:      27.8,
		EverReported:  true,
		LaggingPoints: 20,
		DueSoonDays:   30,
	}
	cases := []struct {
		name string
		edit func(in *StatusInput)
		want Status
	}{
		{"every lead done is done", func(in *StatusInput) { in.AllLeadsDone = true }, Done},
		{"done wins over overdue and no report", func(in *StatusInput) {
			in.AllLeadsDone, in.Deadline, in.EverReported = true, day(2023, time.May, 1), false
		}, Done},
		{"deadline the day before the as-of date is overdue", func(in *StatusInput) {
			in.Deadline = day(2023, time.June, 29)
		}, Overdue},
		{"deadline on the as-of date is overdue: the deadline day is over", func(in *StatusInput) {
			in.Deadline = asOf
		}, Overdue},
		{"overdue wins over no report and lagging", func(in *StatusInput) {
			in.Deadline, in.EverReported, in.LeadLagging = asOf, false, true
		}, Overdue},
		{"deadline the day after the as-of date is due soon (1 day)", func(in *StatusInput) {
			in.Deadline = day(2023, time.July, 1)
		}, DueSoon},
		{"no lead ever reported is no report", func(in *StatusInput) { in.EverReported, in.Progress = false, nil }, NoReport},
		{"no report wins over due soon", func(in *StatusInput) {
			in.EverReported, in.Progress, in.Deadline = false, nil, day(2023, time.July, 1)
		}, NoReport},
		{"a lead saying 滞后 is lagging", func(in *StatusInput) { in.LeadLagging = true }, Lagging},
		{"exactly 20 points below expected is not lagging", func(in *StatusInput) {
			in.Expected, in.Progress = 50, num(30)
		}, OnTrack},
		{"20.5 points below expected is lagging", func(in *StatusInput) {
			in.Expected, in.Progress = 50, num(29.5)
		}, Lagging},
		{"reported but no progress at all is not lagging by points", func(in *StatusInput) {
			in.Expected, in.Progress = 90, nil
		}, OnTrack},
		{"lagging wins over due soon", func(in *StatusInput) {
			in.Deadline, in.LeadLagging = day(2023, time.July, 10), true
		}, Lagging},
		{"deadline exactly 30 days away is due soon", func(in *StatusInput) {
			in.Deadline = day(2023, time.July, 30)
		}, DueSoon},
		{"deadline 31 days away is on track", func(in *StatusInput) {
			in.Deadline = day(2023, time.July, 31)
		}, OnTrack},
		{"otherwise on track", nil, OnTrack},
		// Tolerances from the content folder: 15 points, 14 days.
		{"with 15 points, exactly 15 below is not lagging", func(in *StatusInput) {
			in.LaggingPoints, in.Expected, in.Progress = 15, 50, num(35)
		}, OnTrack},
		{"with 15 points, 15.5 below is lagging", func(in *StatusInput) {
			in.LaggingPoints, in.Expected, in.Progress = 15, 50, num(34.5)
		}, Lagging},
		{"with 14 days, a deadline 14 days away is due soon", func(in *StatusInput) {
			in.DueSoonDays, in.Deadline = 14, day(2023, time.July, 14)
		}, DueSoon},
		{"with 14 days, a deadline 15 days away is on track", func(in *StatusInput) {
			in.DueSoonDays, in.Deadline = 14, day(2023, time.July, 15)
		}, OnTrack},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := base
			if tc.edit != nil {
				tc.edit(&in)
			}
			if got := TaskStatus(in); got != tc.want {
				t.Errorf("TaskStatus(%+v) = %s; want %s", in, got, tc.want)
			}
		})
	}
}

// TestTaskStatusFromReports checks the status rule, and whether a lead
// reported this month, on the units' rows as of June 2023 (expected
// progress of a task due 2023-12-31: 27.84; of one due 2023-07-31: 71/102
// = 69.61).
func TestTaskStatusFromReports(t *testing.T) {
	may, june, july := month(2023, time.May), month(2023, time.June), month(2023, time.July)
	p := mustPlan(t, func(p *domain.Plan) {
		for _, x := range []struct {
			id       string
			deadline domain.Date
		}{
			{"1.3", day(2023, time.June, 29)}, // the day before the as-of date
			{"1.4", day(2023, time.June, 30)}, // on the as-of date
			{"1.5", day(2023, time.July, 1)},  // 1 day after
			{"1.6", day(2023, time.July, 30)}, // 30 days after
			{"1.7", day(2023, time.July, 31)}, // 31 days after
		} {
			p.Tasks = append(p.Tasks, domain.Task{ID: x.id, Slug: "t" + x.id, Category: "降低成本行动", Title: "任务" + x.id,
				Leads: []domain.UnitID{unitA}, Deadline: x.deadline})
		}
	})
	cases := []struct {
		name     string
		task     string
		reports  []domain.Report
		want     Status
		reported bool
	}{
		{"a lead saying 已完成 is done", "1.1", []domain.Report{
			report(unitA, june, taskRow("1.1", num(90), domain.TaskDone)),
		}, Done, true},
		{"a lead at 100 is done whatever its state", "1.1", []domain.Report{
			report(unitA, june, taskRow("1.1", num(100), domain.TaskInProgress)),
		}, Done, true},
		{"done in May stays done with no row in June", "1.1", []domain.Report{
			report(unitA, may, taskRow("1.1", num(100), domain.TaskDone)),
			report(unitA, june),
		}, Done, false},
		{"two leads with only one done are not done", "1.2", []domain.Report{
			report(unitA, june, taskRow("1.2", num(100), domain.TaskDone)),
			report(unitB, june, taskRow("1.2", num(50), domain.TaskInProgress)),
		}, OnTrack, true},
		{"two leads, one done by state and one at 100, are done", "1.2", []domain.Report{
			report(unitA, june, taskRow("1.2", num(80), domain.TaskDone)),
			report(unitB, june, taskRow("1.2", num(100), domain.TaskInProgress)),
		}, Done, true},
		{"deadline the day before the as-of date is overdue", "1.3", []domain.Report{
			report(unitA, june, taskRow("1.3", num(90), domain.TaskInProgress)),
		}, Overdue, true},
		{"done wins over overdue", "1.3", []domain.Report{
			report(unitA, june, taskRow("1.3", num(90), domain.TaskDone)),
		}, Done, true},
		{"deadline on the as-of date at 90% is overdue", "1.4", []domain.Report{
			report(unitA, june, taskRow("1.4", num(90), domain.TaskInProgress)),
		}, Overdue, true},
		{"deadline on the as-of date with no row ever is overdue, not no report", "1.4", nil, Overdue, false},
		{"due in 1 day is due soon", "1.5", []domain.Report{
			report(unitA, june, taskRow("1.5", num(90), domain.TaskInProgress)),
		}, DueSoon, true},
		{"due in 30 days is due soon", "1.6", []domain.Report{
			report(unitA, june, taskRow("1.6", num(90), domain.TaskInProgress)),
		}, DueSoon, true},
		{"due in 31 days is on track", "1.7", []domain.Report{
			report(unitA, june, taskRow("1.7", num(90), domain.TaskInProgress)),
		}, OnTrack, true},
		{"a lead that skipped June is judged by May's figures", "1.1", []domain.Report{
			report(unitA, may, taskRow("1.1", num(30), domain.TaskInProgress)),
			report(unitA, june),
		}, OnTrack, false},
		{"a lead that skipped June but is 40 points behind is lagging", "1.7", []domain.Report{
			report(unitA, may, taskRow("1.7", num(29.6), domain.TaskInProgress)), // 69.61 − 29.6 = 40.01
		}, Lagging, false},
		{"a lead whose latest state, in May, is 滞后 is lagging in June", "1.1", []domain.Report{
			report(unitA, may, taskRow("1.1", num(30), domain.TaskLagging)),
		}, Lagging, false},
		{"a lead that never reported is no report", "1.1", nil, NoReport, false},
		{"a cooperator's row is not a lead's report", "1.1", []domain.Report{
			report(unitC, june, taskRow("1.1", num(50), domain.TaskInProgress)),
		}, NoReport, false},
		{"two leads, one skipped June: reported, on track", "1.2", []domain.Report{
			report(unitA, may, taskRow("1.2", num(30), domain.TaskInProgress)),
			report(unitB, june, taskRow("1.2", num(30), domain.TaskInProgress)),
		}, OnTrack, true},
		{"two leads, the one that skipped June said 滞后 in May: lagging", "1.2", []domain.Report{
			report(unitA, may, taskRow("1.2", num(30), domain.TaskLagging)),
			report(unitB, june, taskRow("1.2", num(30), domain.TaskInProgress)),
		}, Lagging, true},
		{"two leads, both skipped June: judged by May, not reported", "1.2", []domain.Report{
			report(unitA, may, taskRow("1.2", num(2), domain.TaskInProgress)),
			report(unitB, may, taskRow("1.2", num(10), domain.TaskInProgress)), // mean 6: 21.84 behind
		}, Lagging, false},
		{"a lead saying 滞后 is lagging", "1.1", []domain.Report{
			report(unitA, june, taskRow("1.1", num(50), domain.TaskLagging)),
		}, Lagging, true},
		{"an earlier 滞后 does not stick", "1.1", []domain.Report{
			report(unitA, may, taskRow("1.1", num(10), domain.TaskLagging)),
			report(unitA, june, taskRow("1.1", num(40), domain.TaskInProgress)),
		}, OnTrack, true},
		{"20.84 points below expected is lagging", "1.1", []domain.Report{
			report(unitA, june, taskRow("1.1", num(7), domain.TaskInProgress)),
		}, Lagging, true},
		{"19.84 points below expected is on track", "1.1", []domain.Report{
			report(unitA, june, taskRow("1.1", num(8), domain.TaskInProgress)),
		}, OnTrack, true},
		{"a report for July is not read as of June", "1.1", []domain.Report{
			report(unitA, june, taskRow("1.1", num(40), domain.TaskInProgress)),
			report(unitA, july, taskRow("1.1", num(100), domain.TaskDone)),
		}, OnTrack, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := Compute(p, tc.reports, nil, june)
			tr := mustTask(t, res, tc.task)
			if tr.Status != tc.want || tr.Reported != tc.reported {
				t.Errorf("task %s: status %s, reported %v; want %s, %v", tc.task, tr.Status, tr.Reported, tc.want, tc.reported)
			}
			if last := tr.History[len(tr.History)-1]; last.Status != tr.Status || last.Reported != tr.Reported {
				t.Errorf("task %s: June's history point %s %v differs from the task's %s %v", tc.task, last.Status, last.Reported, tr.Status, tr.Reported)
			}
		})
	}
}

// TestAttention: the lists of items needing attention hold the overdue,
// lagging and never-reported tasks, worst first.
func TestAttention(t *testing.T) {
	task := func(id string, st Status, progress *float64, expected float64, deadline domain.Date) TaskResult {
		return TaskResult{Task: domain.Task{ID: id, Deadline: deadline}, Status: st, Progress: progress, Expected: expected}
	}
	dec, nov := day(2023, time.December, 31), day(2023, time.November, 30)
	got := Attention([]TaskResult{
		task("on track", OnTrack, num(50), 40, dec),
		task("no report, due Dec", NoReport, nil, 60, dec),
		task("lagging 25 behind", Lagging, num(35), 60, dec),
		task("overdue at 95", Overdue, num(95), 100, nov),
		task("done", Done, num(100), 100, nov),
		task("lagging by its state, ahead", Lagging, num(70), 60, dec),
		task("overdue at 40", Overdue, num(40), 100, dec),
		task("no report, due Nov", NoReport, nil, 60, nov),
		task("overdue, never reported", Overdue, nil, 100, dec),
		task("due soon", DueSoon, num(90), 95, dec),
		task("lagging 40 behind", Lagging, num(20), 60, dec),
	})
	var ids []string
	for _, t := range got {
		ids = append(ids, t.Task.ID)
	}
	want := []string{
		"overdue, never reported", "overdue at 40", "overdue at 95",
		"lagging 40 behind", "lagging 25 behind", "lagging by its state, ahead",
		"no report, due Nov", "no report, due Dec",
	}
	if !slices.Equal(ids, want) {
		t.Errorf("attention = %q;\nwant %q", ids, want)
	}
}

func TestTaskProgress(t *testing.T) {
	may, june, july := month(2023, time.May), month(2023, time.June), month(2023, time.July)
	p := mustPlan(t, nil)
	cases := []struct {
		name    string
		task    string
		reports []domain.Report
		want    *float64
	}{
		{"mean of the leads' latest progress", "1.2", []domain.Report{
			report(unitA, june, taskRow("1.2", num(40), domain.TaskInProgress)),
			report(unitB, june, taskRow("1.2", num(60), domain.TaskInProgress)),
		}, num(50)},
		{"each lead's newest month counts", "1.2", []domain.Report{
			report(unitA, may, taskRow("1.2", num(20), domain.TaskInProgress)),
			report(unitA, june, taskRow("1.2", num(40), domain.TaskInProgress)),
			report(unitB, may, taskRow("1.2", num(60), domain.TaskInProgress)),
		}, num(50)},
		{"a lead that never reported is left out, not counted 0", "1.2", []domain.Report{
			report(unitA, june, taskRow("1.2", num(40), domain.TaskInProgress)),
		}, num(40)},
		{"no lead reported is nil, whatever the cooperator says", "1.1", []domain.Report{
			report(unitC, june, taskRow("1.1", num(90), domain.TaskInProgress)),
		}, nil},
		{"a cooperator's figure is never averaged in", "1.1", []domain.Report{
			report(unitA, june, taskRow("1.1", num(40), domain.TaskInProgress)),
			report(unitC, june, taskRow("1.1", num(100), domain.TaskDone)),
		}, num(40)},
		{"a report for a month after as-of is ignored", "1.1", []domain.Report{
			report(unitA, june, taskRow("1.1", num(40), domain.TaskInProgress)),
			report(unitA, july, taskRow("1.1", num(90), domain.TaskInProgress)),
		}, num(40)},
		{"the latest file of a month carries the data", "1.1", []domain.Report{
			report(unitA, june, named("晚.xlsx"), filledOn(day(2023, time.June, 28)),
				taskRow("1.1", num(70), domain.TaskInProgress)),
			report(unitA, june, named("早.xlsx"), filledOn(day(2023, time.June, 20)),
				taskRow("1.1", num(30), domain.TaskInProgress)),
		}, num(70)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := Compute(p, tc.reports, nil, june)
			if got := mustTask(t, res, tc.task).Progress; !sameNum(got, tc.want) {
				t.Errorf("task %s progress = %s; want %s", tc.task, show(got), show(tc.want))
			}
		})
	}
}

func TestTaskUnitsShowCooperators(t *testing.T) {
	may, june := month(2023, time.May), month(2023, time.June)
	p := mustPlan(t, nil)
	res := Compute(p, []domain.Report{
		report(unitA, may, taskRow("1.1", num(40), domain.TaskInProgress)),
		report(unitC, june, taskRow("1.1", num(100), domain.TaskDone)),
	}, nil, june)
	tr := mustTask(t, res, "1.1")
	if len(tr.Units) != 2 {
		t.Fatalf("units = %+v; want the lead then the cooperator", tr.Units)
	}
	a, c := tr.Units[0], tr.Units[1]
	if a.Unit != unitA || a.Role != domain.RoleLead || !sameNum(a.Progress, num(40)) || a.Month != may || a.ThisMonth {
		t.Errorf("lead line = %+v; want A, lead, 40, May, not this month", a)
	}
	if c.Unit != unitC || c.Role != domain.RoleCooperate || !sameNum(c.Progress, num(100)) || c.State != domain.TaskDone || !c.ThisMonth {
		t.Errorf("cooperator line = %+v; want C, cooperate, 100, done, this month", c)
	}
	if !sameNum(tr.Progress, num(40)) {
		t.Errorf("progress = %s; want 40, the lead's alone", show(tr.Progress))
	}
}

func TestTaskHistory(t *testing.T) {
	may, june, july, aug := month(2023, time.May), month(2023, time.June), month(2023, time.July), month(2023, time.August)
	p := mustPlan(t, nil)
	res := Compute(p, []domain.Report{
		report(unitA, may, taskRow("1.1", num(20), domain.TaskInProgress)),
		report(unitA, july, taskRow("1.1", num(60), domain.TaskInProgress)),
		report(unitA, aug.Next(), taskRow("1.1", num(100), domain.TaskDone)),
	}, nil, aug)
	wantMonths := []domain.Month{may, june, july, aug}
	if !slices.Equal(res.Months, wantMonths) {
		t.Errorf("Months = %v; want %v", res.Months, wantMonths)
	}
	// Each month by the rule of the as-of month: a month the lead skipped
	// is judged by its latest figures, and marked not reported.
	want := []struct {
		m        domain.Month
		progress float64
		status   Status
		reported bool
	}{
		{may, 20, OnTrack, true},
		{june, 20, OnTrack, false}, // 27.84 − 20 = 7.84 behind
		{july, 60, OnTrack, true},
		{aug, 60, OnTrack, false}, // 52.16 expected
	}
	tr := mustTask(t, res, "1.1")
	if len(tr.History) != len(want) {
		t.Fatalf("history has %d points; want one per month from 2023-05 to 2023-08", len(tr.History))
	}
	for i, w := range want {
		pt := tr.History[i]
		t.Run(w.m.String(), func(t *testing.T) {
			exp := Expected(p.Settings.PlanDate, tr.Task.Deadline, w.m.Last())
			if pt.Month != w.m || !sameNum(pt.Progress, num(w.progress)) || pt.Status != w.status || pt.Expected != exp || pt.Reported != w.reported {
				t.Errorf("point = {%s %s %g %s %v}; want {%s %g %g %s %v}",
					pt.Month, show(pt.Progress), pt.Expected, pt.Status, pt.Reported, w.m, w.progress, exp, w.status, w.reported)
			}
		})
	}
	if tr.Status != OnTrack || !sameNum(tr.Progress, num(60)) || tr.Reported {
		t.Errorf("as of August: %s %s reported %v; want on_track 60, not reported", tr.Status, show(tr.Progress), tr.Reported)
	}
}

// TestTaskHistoryByTheSameRule: every month of a task's history is what
// the status rule gives as of that month — no report before the lead's
// first row, lagging by figures of an earlier month, overdue from the
// month whose last day is the deadline — and equals Compute for that month.
func TestTaskHistoryByTheSameRule(t *testing.T) {
	may, june, july, aug := month(2023, time.May), month(2023, time.June), month(2023, time.July), month(2023, time.August)
	p := mustPlan(t, func(p *domain.Plan) {
		// Due 2023-07-31: expected 41/102 = 40.20 in May, 69.61 in June, 100 from July.
		p.Tasks = append(p.Tasks, domain.Task{ID: "2.1", Slug: "2-1", Category: "优化提升行动", Title: "七月底到期",
			Leads: []domain.UnitID{unitA}, Deadline: day(2023, time.July, 31)})
	})
	reports := []domain.Report{
		report(unitA, june, taskRow("2.1", num(45), domain.TaskInProgress)),
		report(unitA, aug, taskRow("2.1", num(100), domain.TaskDone)),
	}
	want := []struct {
		m        domain.Month
		status   Status
		reported bool
	}{
		{may, NoReport, false}, // no row yet
		{june, Lagging, true},  // 69.61 − 45 = 24.61 > 20
		{july, Overdue, false}, // 2023-07-31 is the as-of date: the deadline day is over
		{aug, Done, true},
	}
	res := Compute(p, reports, nil, aug)
	tr := mustTask(t, res, "2.1")
	for i, w := range want {
		pt := tr.History[i]
		if pt.Month != w.m || pt.Status != w.status || pt.Reported != w.reported {
			t.Errorf("%s: %s reported %v; want %s %v", w.m, pt.Status, pt.Reported, w.status, w.reported)
		}
		alone := mustTask(t, Compute(p, reports, nil, w.m), "2.1")
		if alone.Status != pt.Status || alone.Reported != pt.Reported || !sameNum(alone.Progress, pt.Progress) {
			t.Errorf("%s: history point %s %v differs from Compute as of the month: %s %v", w.m, pt.Status, pt.Reported, alone.Status, alone.Reported)
		}
	}
}

func TestExpected(t *testing.T) {
	plan, deadline := day(2023, time.April, 20), day(2023, time.December, 31)
	cases := []struct {
		name string
		asOf domain.Date
		want float64
	}{
		// 2023-04-20 → 2023-06-30 is 71 days, → 2023-12-31 is 255 days.
		{"71 of 255 days", day(2023, time.June, 30), 100 * 71.0 / 255.0},
		{"on the plan date", plan, 0},
		{"before the plan date is clamped to 0", day(2023, time.March, 31), 0},
		{"on the deadline", deadline, 100},
		{"after the deadline is clamped to 100", day(2024, time.January, 31), 100},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := Expected(plan, deadline, tc.asOf); math.Abs(got-tc.want) > 1e-9 {
				t.Errorf("Expected(%s, %s, %s) = %g; want %g", plan, deadline, tc.asOf, got, tc.want)
			}
		})
	}
	if got := Expected(plan, deadline, day(2023, time.June, 30)); math.Abs(got-27.843137254901961) > 1e-9 {
		t.Errorf("Expected as of 2023-06-30 = %.6f; want 27.843137", got)
	}
	res := Compute(mustPlan(t, nil), nil, nil, month(2023, time.June))
	if got := mustTask(t, res, "1.1").Expected; math.Abs(got-27.843137254901961) > 1e-9 {
		t.Errorf("task 1.1 expected as of 2023-06 = %.6f; want 27.843137", got)
	}
}

func TestSubmissions(t *testing.T) {
	june := month(2023, time.June)
	cases := []struct {
		name      string
		dueDay    int
		reports   []domain.Report
		state     SubmissionState
		submitted domain.Date
		files     []string
		carrier   string
	}{
		{"填报日期 on the due day is on time", 24, []domain.Report{
			report(unitA, june, filledOn(day(2023, time.June, 24))),
		}, OnTime, day(2023, time.June, 24), []string{"2023-06_jyzx.xlsx"}, "2023-06_jyzx.xlsx"},
		{"填报日期 the day after the due day is late", 24, []domain.Report{
			report(unitA, june, filledOn(day(2023, time.June, 25))),
		}, Late, day(2023, time.June, 25), []string{"2023-06_jyzx.xlsx"}, "2023-06_jyzx.xlsx"},
		{"填报日期 wins over the modification time", 24, []domain.Report{
			report(unitA, june, func(r *domain.Report) {
				r.FilledOn, r.ModTime = day(2023, time.June, 20), time.Date(2023, time.July, 3, 10, 0, 0, 0, time.Local)
			}),
		}, OnTime, day(2023, time.June, 20), []string{"2023-06_jyzx.xlsx"}, "2023-06_jyzx.xlsx"},
		{"saved at 23:59 on the due day is on time", 24, []domain.Report{
			report(unitA, june, savedAt(time.Date(2023, time.June, 24, 23, 59, 0, 0, time.Local))),
		}, OnTime, day(2023, time.June, 24), []string{"2023-06_jyzx.xlsx"}, "2023-06_jyzx.xlsx"},
		{"saved at 00:01 the day after is late", 24, []domain.Report{
			report(unitA, june, savedAt(time.Date(2023, time.June, 25, 0, 1, 0, 0, time.Local))),
		}, Late, day(2023, time.June, 25), []string{"2023-06_jyzx.xlsx"}, "2023-06_jyzx.xlsx"},
		{"of two files the earliest decides and the latest carries", 24, []domain.Report{
			report(unitA, june, named("b.xlsx"), filledOn(day(2023, time.June, 28))),
			report(unitA, june, named("a.xlsx"), filledOn(day(2023, time.June, 22))),
		}, OnTime, day(2023, time.June, 22), []string{"a.xlsx", "b.xlsx"}, "b.xlsx"},
		{"two files both after the due day are late", 24, []domain.Report{
			report(unitA, june, named("z.xlsx"), filledOn(day(2023, time.June, 25))),
			report(unitA, june, named("y.xlsx"), filledOn(day(2023, time.June, 26))),
		}, Late, day(2023, time.June, 25), []string{"z.xlsx", "y.xlsx"}, "y.xlsx"},
		{"no file is missing", 24, nil, Missing, domain.Date{}, nil, ""},
		{"a file for another month does not count", 24, []domain.Report{
			report(unitA, june.Prev(), filledOn(day(2023, time.June, 20))),
		}, Missing, domain.Date{}, nil, ""},
		{"due day 10: the 10th is on time", 10, []domain.Report{
			report(unitA, june, filledOn(day(2023, time.June, 10))),
		}, OnTime, day(2023, time.June, 10), []string{"2023-06_jyzx.xlsx"}, "2023-06_jyzx.xlsx"},
		{"due day 10: the 11th is late", 10, []domain.Report{
			report(unitA, june, filledOn(day(2023, time.June, 11))),
		}, Late, day(2023, time.June, 11), []string{"2023-06_jyzx.xlsx"}, "2023-06_jyzx.xlsx"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := mustPlan(t, func(p *domain.Plan) { p.Settings.DueDay = tc.dueDay })
			s := mustSubmission(t, Compute(p, tc.reports, nil, june), unitA, june)
			if s.State != tc.state {
				t.Errorf("state = %s; want %s", s.State, tc.state)
			}
			if s.Submitted != tc.submitted {
				t.Errorf("submitted = %s; want %s", s.Submitted, tc.submitted)
			}
			if !slices.Equal(s.Files, tc.files) {
				t.Errorf("files = %q; want %q", s.Files, tc.files)
			}
			if s.Carrier != tc.carrier {
				t.Errorf("carrier = %q; want %q", s.Carrier, tc.carrier)
			}
		})
	}
}

// TestSubmissionsInvalid: files that arrived but cannot be used make the
// month 无效报送 for every unit and month they name, unless a usable file
// is there; they stay listed either way.
func TestSubmissionsInvalid(t *testing.T) {
	may, june, july := month(2023, time.May), month(2023, time.June), month(2023, time.July)
	blank := domain.Rejected{File: "2023-06/2023-06_jyzx.xlsx", Units: []domain.UnitID{unitA}, Months: []domain.Month{june}, Reason: "表格中没有填写任何内容", Hint: "请填写"}
	mismatch := domain.Rejected{File: "2023-06/2023-06_jyzx(2).xlsx", Units: []domain.UnitID{unitA}, Months: []domain.Month{may, june}, Reason: "报送月份不一致"}
	twoUnits := domain.Rejected{File: "2023-06/2023-06_ldjc.xlsx", Units: []domain.UnitID{unitC, unitB}, Months: []domain.Month{june}, Reason: "填报单位不一致"}
	nextMonth := domain.Rejected{File: "2023-07/2023-07_jyzx.xlsx", Units: []domain.UnitID{unitA}, Months: []domain.Month{july}, Reason: "无法读取"}
	type want struct {
		u        domain.UnitID
		m        domain.Month
		state    SubmissionState
		files    []string
		rejected []string
	}
	cases := []struct {
		name     string
		reports  []domain.Report
		rejected []domain.Rejected
		want     []want
	}{
		{"only a blank file is invalid", nil, []domain.Rejected{blank}, []want{
			{unitA, june, Invalid, nil, []string{blank.File}},
		}},
		{"a usable and a blank file: on time, the blank listed", []domain.Report{
			report(unitA, june, named("2023-06/好.xlsx")),
		}, []domain.Rejected{blank}, []want{
			{unitA, june, OnTime, []string{"2023-06/好.xlsx"}, []string{blank.File}},
		}},
		{"a file naming May and June is under both", []domain.Report{
			report(unitA, may, named("2023-05/五月.xlsx"), filledOn(day(2023, time.May, 30))),
		}, []domain.Rejected{mismatch, blank}, []want{
			{unitA, may, Late, []string{"2023-05/五月.xlsx"}, []string{mismatch.File}},
			{unitA, june, Invalid, nil, []string{mismatch.File, blank.File}},
		}},
		{"a file naming two units is invalid for each", nil, []domain.Rejected{twoUnits}, []want{
			{unitB, june, Invalid, nil, []string{twoUnits.File}},
			{unitC, june, Invalid, nil, []string{twoUnits.File}},
			{unitA, june, Missing, nil, nil},
		}},
		{"a file of a month after the as-of month does not count", nil, []domain.Rejected{nextMonth}, []want{
			{unitA, june, Missing, nil, nil},
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := Compute(mustPlan(t, nil), tc.reports, tc.rejected, june)
			for _, w := range tc.want {
				s := mustSubmission(t, res, w.u, w.m)
				var rej []string
				for _, r := range s.Rejected {
					rej = append(rej, r.File)
					if r.Reason == "" {
						t.Errorf("%s %s: %s listed without its reason", w.u, w.m, r.File)
					}
				}
				if s.State != w.state || !slices.Equal(s.Files, w.files) || !slices.Equal(rej, w.rejected) {
					t.Errorf("%s %s: %s files %q rejected %q; want %s %q %q", w.u, w.m, s.State, s.Files, rej, w.state, w.files, w.rejected)
				}
				if !s.State.Chased() != (w.state == OnTime || w.state == Late) {
					t.Errorf("%s %s: %s chased %v", w.u, w.m, s.State, s.State.Chased())
				}
			}
		})
	}
}

func TestSubmissionsCoverExpectedUnits(t *testing.T) {
	may, june := month(2023, time.May), month(2023, time.June)
	reports := []domain.Report{
		report(unitA, june),
		report(unitD, june), // 办公室 is named by nothing
	}
	type cell struct {
		u domain.UnitID
		m domain.Month
		s SubmissionState
	}
	cases := []struct {
		name string
		edit func(p *domain.Plan)
		want []cell
	}{
		{"every unit named in the plan, in the units' order, months from the first", nil, []cell{
			{unitA, may, Missing}, {unitA, june, OnTime},
			{unitB, may, Missing}, {unitB, june, Missing},
			{unitC, may, Missing}, {unitC, june, Missing},
		}},
		{"the content's list of expected units", func(p *domain.Plan) {
			p.Settings.ExpectedUnits = []domain.UnitID{unitB, unitD}
		}, []cell{
			{unitB, may, Missing}, {unitB, june, Missing},
			{unitD, may, Missing}, {unitD, june, OnTime},
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := Compute(mustPlan(t, tc.edit), reports, nil, june)
			var got []cell
			for _, s := range res.Submissions {
				got = append(got, cell{s.Unit, s.Month, s.State})
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("submissions = %v; want %v", got, tc.want)
			}
		})
	}
}

func TestProblems(t *testing.T) {
	may, june, july := month(2023, time.May), month(2023, time.June), month(2023, time.July)
	p := mustPlan(t, func(p *domain.Plan) {
		p.Problems = []domain.Problem{
			{ID: "P1", Area: "就业服务", Title: "一个单位", Units: []domain.UnitID{unitA}, Deadline: day(2023, time.June, 30)},
			{ID: "P2", Area: "劳动关系", Title: "两个单位", Units: []domain.UnitID{unitA, unitB}, Deadline: day(2023, time.June, 30)},
		}
	})
	doneOn := func(d domain.Date) func(*domain.Report) {
		return func(r *domain.Report) { r.Problems[len(r.Problems)-1].DoneOn = d }
	}
	cases := []struct {
		name        string
		problem     string
		asOf        domain.Month
		reports     []domain.Report
		state       domain.RectState
		progress    *float64
		overdue     bool
		rectifiedOn domain.Date
		late        bool
	}{
		{"never reported is not started with no progress", "P1", may, nil,
			domain.RectNotStarted, nil, false, domain.Date{}, false},
		{"never reported in the deadline's month is overdue", "P1", june, nil,
			domain.RectNotStarted, nil, true, domain.Date{}, false},
		{"the unit's latest report", "P1", may, []domain.Report{
			report(unitA, may, problemRow("P1", domain.RectInProgress, num(40))),
			report(unitA, june, problemRow("P1", domain.RectInProgress, num(60))),
		}, domain.RectInProgress, num(40), false, domain.Date{}, false},
		{"two units: the least advanced state and the mean progress", "P2", may, []domain.Report{
			report(unitA, may, problemRow("P2", domain.RectDone, num(100))),
			report(unitB, may, problemRow("P2", domain.RectInProgress, num(50))),
		}, domain.RectInProgress, num(75), false, domain.Date{}, false},
		{"deadline on the as-of date and in progress is overdue", "P1", june, []domain.Report{
			report(unitA, june, problemRow("P1", domain.RectInProgress, num(80))),
		}, domain.RectInProgress, num(80), true, domain.Date{}, false},
		{"deadline before the as-of date and not started is overdue", "P1", july, []domain.Report{
			report(unitA, july, problemRow("P1", domain.RectNotStarted, num(0))),
		}, domain.RectNotStarted, num(0), true, domain.Date{}, false},
		{"rectified by the deadline: on its report's date, not late", "P1", july, []domain.Report{
			report(unitA, may, problemRow("P1", domain.RectInProgress, num(50))),
			report(unitA, june, problemRow("P1", domain.RectDone, num(100))), // 填报日期 06-20
			report(unitA, july, problemRow("P1", domain.RectClosed, num(100))),
		}, domain.RectClosed, num(100), false, day(2023, time.June, 20), false},
		{"rectified after the deadline: not overdue, but 超期整改 on its report's date", "P1", july, []domain.Report{
			report(unitA, june, problemRow("P1", domain.RectInProgress, num(80))),
			report(unitA, july, problemRow("P1", domain.RectDone, num(100))), // 填报日期 07-20
		}, domain.RectDone, num(100), false, day(2023, time.July, 20), true},
		{"完成整改时间 on the deadline day, reported in July: not late", "P1", july, []domain.Report{
			report(unitA, july, problemRow("P1", domain.RectDone, num(100)), doneOn(day(2023, time.June, 30))),
		}, domain.RectDone, num(100), false, day(2023, time.June, 30), false},
		{"完成整改时间 the day after the deadline: late", "P1", july, []domain.Report{
			report(unitA, june, problemRow("P1", domain.RectDone, num(100)), doneOn(day(2023, time.July, 1))),
		}, domain.RectDone, num(100), false, day(2023, time.July, 1), true},
		{"two units: rectified when the last finished", "P2", july, []domain.Report{
			report(unitA, june, problemRow("P2", domain.RectDone, num(100))),
			report(unitB, june, problemRow("P2", domain.RectInProgress, num(70))),
			report(unitB, july, problemRow("P2", domain.RectClosed, num(100)), doneOn(day(2023, time.July, 5))),
		}, domain.RectDone, num(100), false, day(2023, time.July, 5), true},
		{"reopened after being rectified: not rectified, overdue", "P1", july, []domain.Report{
			report(unitA, may, problemRow("P1", domain.RectDone, num(100))),
			report(unitA, july, problemRow("P1", domain.RectInProgress, num(90))),
		}, domain.RectInProgress, num(90), true, domain.Date{}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			pr := mustProblem(t, Compute(p, tc.reports, nil, tc.asOf), tc.problem)
			if pr.State != tc.state || !sameNum(pr.Progress, tc.progress) || pr.Overdue != tc.overdue || pr.RectifiedOn != tc.rectifiedOn || pr.Late != tc.late {
				t.Errorf("problem %s = {%s %s overdue=%v rectified %s late=%v}; want {%s %s overdue=%v rectified %s late=%v}",
					tc.problem, pr.State, show(pr.Progress), pr.Overdue, pr.RectifiedOn, pr.Late, tc.state, show(tc.progress), tc.overdue, tc.rectifiedOn, tc.late)
			}
		})
	}

	t.Run("a unit that never reported makes a two-unit problem not started", func(t *testing.T) {
		pr := mustProblem(t, Compute(p, []domain.Report{
			report(unitA, june, problemRow("P2", domain.RectDone, num(100))),
		}, nil, june), "P2")
		if pr.State != domain.RectNotStarted || !pr.RectifiedOn.IsZero() {
			t.Errorf("state = %s rectified %s; want not_started while B has not reported", pr.State, pr.RectifiedOn)
		}
	})

	t.Run("history follows the months", func(t *testing.T) {
		pr := mustProblem(t, Compute(p, []domain.Report{
			report(unitA, may, problemRow("P1", domain.RectInProgress, num(50))),
			report(unitA, july, problemRow("P1", domain.RectDone, num(100))),
		}, nil, july), "P1")
		want := []ProblemPoint{
			{Month: may, State: domain.RectInProgress, Progress: num(50)},
			{Month: june, State: domain.RectInProgress, Progress: num(50), Overdue: true},
			{Month: july, State: domain.RectDone, Progress: num(100), RectifiedOn: day(2023, time.July, 20), Late: true},
		}
		if len(pr.History) != len(want) {
			t.Fatalf("history = %+v; want %d points", pr.History, len(want))
		}
		for i, w := range want {
			g := pr.History[i]
			if g.Month != w.Month || g.State != w.State || !sameNum(g.Progress, w.Progress) || g.Overdue != w.Overdue || g.RectifiedOn != w.RectifiedOn || g.Late != w.Late {
				t.Errorf("point %d = {%s %s %s %v %s %v}; want {%s %s %s %v %s %v}", i,
					g.Month, g.State, show(g.Progress), g.Overdue, g.RectifiedOn, g.Late, w.Month, w.State, show(w.Progress), w.Overdue, w.RectifiedOn, w.Late)
			}
		}
	})
}

func TestCycleOf(t *testing.T) {
	cases := []struct {
		m          domain.Month
		start      time.Month
		from, upto domain.Date
	}{
		{month(2023, time.August), time.September, day(2022, time.September, 1), day(2023, time.August, 31)},
		{month(2023, time.September), time.September, day(2023, time.September, 1), day(2024, time.August, 31)},
		{month(2024, time.January), time.September, day(2023, time.September, 1), day(2024, time.August, 31)},
		{month(2023, time.June), time.July, day(2022, time.July, 1), day(2023, time.June, 30)},
		{month(2023, time.July), time.July, day(2023, time.July, 1), day(2024, time.June, 30)},
		{month(2023, time.December), time.January, day(2023, time.January, 1), day(2023, time.December, 31)},
	}
	for _, tc := range cases {
		t.Run(fmt.Sprintf("%s from month %d", tc.m, tc.start), func(t *testing.T) {
			from, upto := CycleOf(tc.m, tc.start)
			if from != tc.from || upto != tc.upto {
				t.Errorf("CycleOf(%s, %d) = %s..%s; want %s..%s", tc.m, tc.start, from, upto, tc.from, tc.upto)
			}
		})
	}
}

func TestReadinessIndex(t *testing.T) {
	cases := []struct {
		name   string
		values []*float64
		want   *float64
	}{
		{"never reported counts 0", []*float64{num(90), num(60), nil}, num(50)},
		{"all reported", []*float64{num(90), num(60)}, num(75)},
		{"none reported is 0", []*float64{nil, nil}, num(0)},
		{"no indicator is nil", nil, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := ReadinessIndex(tc.values); !sameNum(got, tc.want) {
				t.Errorf("ReadinessIndex = %s; want %s", show(got), show(tc.want))
			}
		})
	}
}

// TestReadiness follows three indicators over a cycle boundary: I1 and I2
// (就业服务) report 90 and 60 in July 2023, I3 (劳动关系) reports 30 in
// September 2023, the first month of a new cycle; as of October 2023.
func TestReadiness(t *testing.T) {
	june, july, aug := month(2023, time.June), month(2023, time.July), month(2023, time.August)
	sep, oct, nov := month(2023, time.September), month(2023, time.October), month(2023, time.November)
	p := mustPlan(t, func(p *domain.Plan) {
		p.Indicators = []domain.Indicator{
			{ID: "I1", Area: "就业服务", Title: "指标一", Units: []domain.UnitID{unitA}},
			{ID: "I2", Area: "就业服务", Title: "指标二", Units: []domain.UnitID{unitB}},
			{ID: "I3", Area: "劳动关系", Title: "指标三", Units: []domain.UnitID{unitC}},
		}
	})
	reports := []domain.Report{
		report(unitA, july, indicatorRow("I1", 90)),
		report(unitB, july, indicatorRow("I2", 60)),
		report(unitC, sep, indicatorRow("I3", 30)),
		report(unitA, nov, indicatorRow("I1", 100)), // after the as-of month
	}
	res := Compute(p, reports, nil, oct)

	if len(res.Readiness) != 2 {
		t.Fatalf("got %d cycles; want the current one and the one before, with data", len(res.Readiness))
	}
	cur, prev := res.Readiness[0], res.Readiness[1]
	t.Run("the cycle holding the as-of month comes first", func(t *testing.T) {
		if cur.Start != day(2023, time.September, 1) || cur.End != day(2024, time.August, 31) || !cur.Current {
			t.Errorf("first cycle = %s..%s current=%v; want 2023-09-01..2024-08-31 current", cur.Start, cur.End, cur.Current)
		}
		if prev.Start != day(2022, time.September, 1) || prev.End != day(2023, time.August, 31) || prev.Current {
			t.Errorf("second cycle = %s..%s current=%v; want 2022-09-01..2023-08-31 not current", prev.Start, prev.End, prev.Current)
		}
		if len(cur.Months) != 12 || cur.Months[0].Month != sep || cur.Months[11].Month != aug.Add(12) {
			t.Errorf("current cycle months = %d from %s; want 12 from 2023-09 to 2024-08", len(cur.Months), cur.Months[0].Month)
		}
	})
	t.Run("days left from the as-of date to the cycle end", func(t *testing.T) {
		// 2023-10-31 → 2024-08-31: 30+31+31+29+31+30+31+30+31+31 days.
		if cur.DaysLeft != 305 {
			t.Errorf("DaysLeft = %d; want 305", cur.DaysLeft)
		}
		if prev.DaysLeft != 0 {
			t.Errorf("DaysLeft of a past cycle = %d; want 0", prev.DaysLeft)
		}
	})

	type want struct {
		index  *float64
		jiuye  *float64 // 就业服务
		laodng *float64 // 劳动关系
	}
	points := []struct {
		name string
		cy   Cycle
		m    domain.Month
		want want
	}{
		{"before the first readiness report is nil", prev, june, want{}},
		{"first month: never reported counts 0", prev, july, want{num(50), num(75), num(0)}},
		{"a month with no report carries the latest", prev, aug, want{num(50), num(75), num(0)}},
		{"the index carries across the cycle boundary", cur, sep, want{num(60), num(75), num(30)}},
		{"the as-of month", cur, oct, want{num(60), num(75), num(30)}},
		{"after the as-of month is nil, even with a report", cur, nov, want{}},
	}
	for _, pt := range points {
		t.Run(pt.name, func(t *testing.T) {
			got := mustPoint(t, pt.cy, pt.m)
			if !sameNum(got.Index, pt.want.index) {
				t.Errorf("%s index = %s; want %s", pt.m, show(got.Index), show(pt.want.index))
			}
			if !sameNum(got.Areas["就业服务"], pt.want.jiuye) || !sameNum(got.Areas["劳动关系"], pt.want.laodng) {
				t.Errorf("%s areas = 就业服务 %s, 劳动关系 %s; want %s, %s", pt.m,
					show(got.Areas["就业服务"]), show(got.Areas["劳动关系"]), show(pt.want.jiuye), show(pt.want.laodng))
			}
		})
	}

	t.Run("the target line runs from 0 at the cycle start to 100 in the last month", func(t *testing.T) {
		// 2023-09-01 → 2024-08-31 is 365 days; September's point is its last
		// day, 29 days in.
		if got := cur.Months[11].Target; math.Abs(got-100) > 1e-9 {
			t.Errorf("August target = %g; want 100", got)
		}
		if got, want := cur.Months[0].Target, 100*29.0/365.0; math.Abs(got-want) > 1e-9 {
			t.Errorf("September target = %g; want %g (0 on 1 September)", got, want)
		}
		for i := 1; i < len(cur.Months); i++ {
			if cur.Months[i].Target <= cur.Months[i-1].Target {
				t.Errorf("target falls from %s to %s", cur.Months[i-1].Month, cur.Months[i].Month)
			}
		}
	})

	t.Run("indicators carry their latest readiness", func(t *testing.T) {
		want := map[string]*float64{"I1": num(90), "I2": num(60), "I3": num(30)}
		for _, in := range res.Indicators {
			if !sameNum(in.Readiness, want[in.Indicator.ID]) {
				t.Errorf("indicator %s = %s; want %s", in.Indicator.ID, show(in.Readiness), show(want[in.Indicator.ID]))
			}
		}
	})
}

func TestReadinessWithoutReports(t *testing.T) {
	p := mustPlan(t, func(p *domain.Plan) {
		p.Indicators = []domain.Indicator{{ID: "I1", Area: "就业服务", Units: []domain.UnitID{unitA}}}
	})
	res := Compute(p, nil, nil, month(2023, time.June))
	if len(res.Readiness) != 1 {
		t.Fatalf("got %d cycles; want the as-of month's cycle alone", len(res.Readiness))
	}
	cy := res.Readiness[0]
	if cy.Start != day(2022, time.September, 1) || !cy.Current {
		t.Errorf("cycle = %s..%s current=%v; want 2022-09-01..2023-08-31 current", cy.Start, cy.End, cy.Current)
	}
	for _, pt := range cy.Months {
		if pt.Index != nil {
			t.Errorf("%s index = %s; want nil with no readiness report", pt.Month, show(pt.Index))
		}
	}
}

func TestTargets(t *testing.T) {
	may, june, july := month(2023, time.May), month(2023, time.June), month(2023, time.July)
	p := mustPlan(t, func(p *domain.Plan) {
		p.Tasks[1].Targets = []domain.Target{ // 1.2, led by A and B
			{ID: "T1", Name: "招聘活动", Unit: "场", Value: 30, Direction: domain.AtLeast},
			{ID: "T2", Name: "一线调解率", Unit: "%", Value: 95, Direction: domain.AtLeast},
		}
		p.Tasks[0].Targets = []domain.Target{ // 1.1, led by A
			{ID: "T3", Name: "办理时限", Unit: "个工作日", Value: 5, Direction: domain.AtMost},
		}
	})
	cases := []struct {
		name    string
		target  string
		reports []domain.Report
		value   *float64
		met     bool
	}{
		{"never reported is nil and not met", "T1", nil, nil, false},
		{"the latest figure, not a sum over months", "T1", []domain.Report{
			report(unitA, may, targetRow("T1", 20)),
			report(unitA, june, targetRow("T1", 25)),
		}, num(25), false},
		{"counts of several leads are summed", "T1", []domain.Report{
			report(unitA, june, targetRow("T1", 20)),
			report(unitB, may, targetRow("T1", 12)),
		}, num(32), true},
		{"at least: exactly the target is met", "T1", []domain.Report{
			report(unitA, june, targetRow("T1", 30)),
		}, num(30), true},
		{"at least: one below is not met", "T1", []domain.Report{
			report(unitA, june, targetRow("T1", 29)),
		}, num(29), false},
		{"a figure for a month after as-of is ignored", "T1", []domain.Report{
			report(unitA, june, targetRow("T1", 10)),
			report(unitA, july, targetRow("T1", 40)),
		}, num(10), false},
		{"rates of several leads are averaged", "T2", []domain.Report{
			report(unitA, june, targetRow("T2", 96)),
			report(unitB, june, targetRow("T2", 90)),
		}, num(93), false},
		{"averaged rates can meet the target", "T2", []domain.Report{
			report(unitA, june, targetRow("T2", 96)),
			report(unitB, june, targetRow("T2", 98)),
		}, num(97), true},
		{"at most: exactly the target is met", "T3", []domain.Report{
			report(unitA, june, targetRow("T3", 5)),
		}, num(5), true},
		{"at most: below is met", "T3", []domain.Report{
			report(unitA, june, targetRow("T3", 3)),
		}, num(3), true},
		{"at most: above is not met", "T3", []domain.Report{
			report(unitA, june, targetRow("T3", 5.5)),
		}, num(5.5), false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tr := mustTarget(t, Compute(p, tc.reports, nil, june), tc.target)
			if !sameNum(tr.Value, tc.value) || tr.Met != tc.met {
				t.Errorf("target %s = %s met=%v; want %s met=%v", tc.target, show(tr.Value), tr.Met, show(tc.value), tc.met)
			}
		})
	}

	t.Run("history has the figure as of each month", func(t *testing.T) {
		tr := mustTarget(t, Compute(p, []domain.Report{
			report(unitA, may, targetRow("T1", 10)),
			report(unitB, may, targetRow("T1", 5)),
			report(unitA, june, targetRow("T1", 20)),
		}, nil, june), "T1")
		if len(tr.History) != 2 || !sameNum(tr.History[0].Value, num(15)) || !sameNum(tr.History[1].Value, num(25)) {
			t.Errorf("history = %v; want May 15, June 25", tr.History)
		}
		if tr.TaskID != "1.2" {
			t.Errorf("task = %s; want 1.2", tr.TaskID)
		}
	})
}

func TestLatestMonth(t *testing.T) {
	p := mustPlan(t, func(p *domain.Plan) { p.Settings.LastReportMonth = month(2023, time.December) })
	cases := []struct {
		name    string
		reports []domain.Report
		want    domain.Month
	}{
		{"no report is the first reporting month", nil, month(2023, time.May)},
		{"the newest month with a report", []domain.Report{
			report(unitA, month(2023, time.May)),
			report(unitB, month(2023, time.July)),
			report(unitC, month(2023, time.June)),
		}, month(2023, time.July)},
		{"the last reporting month itself", []domain.Report{
			report(unitA, month(2023, time.November)),
			report(unitB, month(2023, time.December)),
		}, month(2023, time.December)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := LatestMonth(p, tc.reports); got != tc.want {
				t.Errorf("LatestMonth = %s; want %s", got, tc.want)
			}
		})
	}

	t.Run("Compute with no month uses it", func(t *testing.T) {
		res := Compute(p, []domain.Report{report(unitA, month(2023, time.July))}, nil, domain.Month{})
		if res.AsOf != month(2023, time.July) || res.AsOfDate != day(2023, time.July, 31) {
			t.Errorf("as of %s (%s); want 2023-07 (2023-07-31)", res.AsOf, res.AsOfDate)
		}
	})
}

// TestSettingsHonoured runs the rules with a content folder's own due day
// (10), cycle start (July) and tolerances (15 points, 14 days), as of June
// 2023.
func TestSettingsHonoured(t *testing.T) {
	may, june := month(2023, time.May), month(2023, time.June)
	p := mustPlan(t, func(p *domain.Plan) {
		p.Settings.DueDay = 10
		p.Settings.CycleStart = time.July
		p.Settings.LaggingPoints = 15
		p.Settings.DueSoonDays = 14
		p.Tasks = append(p.Tasks,
			domain.Task{ID: "2.1", Slug: "2-1", Category: "优化提升行动", Title: "14天后到期",
				Leads: []domain.UnitID{unitC}, Deadline: day(2023, time.July, 14)},
			domain.Task{ID: "2.2", Slug: "2-2", Category: "优化提升行动", Title: "15天后到期",
				Leads: []domain.UnitID{unitC}, Deadline: day(2023, time.July, 15)},
		)
		p.Indicators = []domain.Indicator{{ID: "I1", Area: "就业服务", Units: []domain.UnitID{unitA}}}
	})
	reports := []domain.Report{
		// Expected of 1.1 and 1.2 as of 2023-06-30 is 27.84.
		report(unitA, june, filledOn(day(2023, time.June, 10)),
			taskRow("1.1", num(12.5), domain.TaskInProgress), // 15.34 below
			taskRow("1.2", num(13), domain.TaskInProgress),   // 14.84 below
		),
		report(unitB, june, filledOn(day(2023, time.June, 11))),
		report(unitC, june, filledOn(day(2023, time.June, 5)),
			taskRow("2.1", num(80), domain.TaskInProgress),
			taskRow("2.2", num(80), domain.TaskInProgress),
		),
		report(unitA, may, indicatorRow("I1", 40)),
	}
	res := Compute(p, reports, nil, june)

	t.Run("due day 10", func(t *testing.T) {
		if s := mustSubmission(t, res, unitA, june); s.State != OnTime {
			t.Errorf("filled on the 10th: %s; want on_time", s.State)
		}
		if s := mustSubmission(t, res, unitB, june); s.State != Late {
			t.Errorf("filled on the 11th: %s; want late", s.State)
		}
	})
	statuses := []struct {
		name string
		task string
		want Status
	}{
		{"15.34 points below expected is lagging with 15 points", "1.1", Lagging},
		{"14.84 points below expected is on track with 15 points", "1.2", OnTrack},
		{"14 days away is due soon with 14 days", "2.1", DueSoon},
		{"15 days away is on track with 14 days", "2.2", OnTrack},
	}
	for _, tc := range statuses {
		t.Run(tc.name, func(t *testing.T) {
			if got := mustTask(t, res, tc.task).Status; got != tc.want {
				t.Errorf("task %s = %s; want %s", tc.task, got, tc.want)
			}
		})
	}
	t.Run("cycle from July", func(t *testing.T) {
		if len(res.Readiness) != 1 {
			t.Fatalf("got %d cycles; want 1", len(res.Readiness))
		}
		cy := res.Readiness[0]
		if cy.Start != day(2022, time.July, 1) || cy.End != day(2023, time.June, 30) {
			t.Errorf("cycle = %s..%s; want 2022-07-01..2023-06-30", cy.Start, cy.End)
		}
		if cy.DaysLeft != 0 {
			t.Errorf("DaysLeft on the cycle's last day = %d; want 0", cy.DaysLeft)
		}
		if got := mustPoint(t, cy, june).Index; !sameNum(got, num(40)) {
			t.Errorf("June index = %s; want 40", show(got))
		}
	})
	t.Run("a new cycle from July as of July", func(t *testing.T) {
		res := Compute(p, reports, nil, month(2023, time.July))
		if len(res.Readiness) != 2 {
			t.Fatalf("got %d cycles; want 2", len(res.Readiness))
		}
		cy := res.Readiness[0]
		if cy.Start != day(2023, time.July, 1) || cy.End != day(2024, time.June, 30) || !cy.Current {
			t.Errorf("cycle = %s..%s current=%v; want 2023-07-01..2024-06-30 current", cy.Start, cy.End, cy.Current)
		}
		// 2023-07-31 → 2024-06-30: 31+30+31+30+31+31+29+31+30+31+30 days.
		if cy.DaysLeft != 335 {
			t.Errorf("DaysLeft = %d; want 335", cy.DaysLeft)
		}
		if got := mustPoint(t, cy, month(2023, time.July)).Index; !sameNum(got, num(40)) {
			t.Errorf("July index = %s; want 40, carried from May", show(got))
		}
	})
}
