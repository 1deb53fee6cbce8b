package paperwork

import (
	"testing"
	"time"

	"github.com/plansite/plansite/internal/content"
	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/progress"
)

// TestLeadWords: on a task with two leads, a lead that handed in no row
// for the month is 本月未报送, unless it has reported its part finished:
// its template no longer asks for the task, and the 汇总表 says so.
func TestLeadWords(t *testing.T) {
	p, err := content.Load("../../content")
	if err != nil {
		t.Fatal(err)
	}
	var task domain.Task
	for _, tk := range p.Tasks {
		if len(tk.Leads) == 2 {
			task = tk
			break
		}
	}
	if task.ID == "" {
		t.Fatal("the example has no task with two leads")
	}
	first, second := task.Leads[0], task.Leads[1]
	nov, dec := domain.MustMonth(2023, time.November), domain.MustMonth(2023, time.December)
	row := func(u domain.UnitID, m domain.Month, progress float64, state domain.TaskState, done string) domain.Report {
		return domain.Report{Unit: u, Month: m, File: string(u) + m.String(), Tasks: []domain.TaskRow{{TaskID: task.ID, Role: domain.RoleLead, Progress: &progress, State: state, Done: done}}}
	}
	cases := []struct {
		name    string
		reports []domain.Report
		want    string
	}{
		{"the second lead finished in November", []domain.Report{
			row(first, nov, 60, domain.TaskInProgress, "十一月"), row(second, nov, 100, domain.TaskDone, "完成"),
			row(first, dec, 70, domain.TaskInProgress, "十二月"),
		}, p.UnitName(first) + "：十二月\n" + p.UnitName(second) + "：已完成，本月无需报送"},
		{"the second lead still at work in November", []domain.Report{
			row(first, nov, 60, domain.TaskInProgress, "十一月"), row(second, nov, 90, domain.TaskInProgress, "推进"),
			row(first, dec, 70, domain.TaskInProgress, "十二月"),
		}, p.UnitName(first) + "：十二月\n" + p.UnitName(second) + "：本月未报送"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := Input{Plan: p, Result: progress.Compute(p, c.reports, nil, dec)}
			for _, r := range in.Result.Tasks {
				if r.Task.ID != task.ID {
					continue
				}
				if done, _, _ := in.leadWords(r); done != c.want {
					t.Errorf("本月工作进展 = %q; want %q", done, c.want)
				}
				return
			}
			t.Fatalf("no task %s", task.ID)
		})
	}
}
