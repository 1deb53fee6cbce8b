package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/plansite/plansite/internal/content"
	"github.com/plansite/plansite/internal/domain"
)

// TestSecondPlan builds testdata/second-plan: another bureau's plan (a
// county 医疗保障局: 12 tasks in 3 categories, 4 problems, 6 indicators in
// 2 areas, units with aliases and two groups, due day 20, a July–June
// evaluation cycle, targets, a plan page) written only from the README's
// content reference, with workbooks made by `plansite template` and filled
// as a unit would (testdata/second-plan-fill.py). It checks what the
// bureau's clerk and leadership would notice, as of July 2025.
func TestSecondPlan(t *testing.T) {
	requireECharts(t)
	dir := filepath.Join(t.TempDir(), "content")
	if err := os.CopyFS(dir, os.DirFS("testdata/second-plan")); err != nil {
		t.Fatal(err)
	}
	plan, err := content.Load(dir)
	if err != nil {
		t.Fatalf("the second plan has content errors: %v", err)
	}
	if len(plan.Tasks) != 12 || len(plan.Categories) != 3 || len(plan.Problems) != 4 || len(plan.Indicators) != 6 || len(plan.Units) != 8 {
		t.Errorf("read %d tasks, %d categories, %d problems, %d indicators, %d units; want 12, 3, 4, 6, 8",
			len(plan.Tasks), len(plan.Categories), len(plan.Problems), len(plan.Indicators), len(plan.Units))
	}
	out := filepath.Join(t.TempDir(), "public")
	july := domain.MustMonth(2025, time.July)
	s := buildSummaryInto(t, dir, out, july)
	c := &indChecker{t: t}

	c.eq("settings.due_day", s.Settings.DueDay, 20)
	c.eq("settings.cycle_start_month", s.Settings.CycleStartMonth, 7)
	c.eq("settings.lagging_points", s.Settings.LaggingPoints, 15.0)

	// The July–June cycle: July 2025 opens a new one, whose twelve months
	// run to June 2026; June 2025 closed the last one.
	c.eq("readiness.cycle_start", s.Readiness.CycleStart, "2025-07-01")
	c.eq("readiness.cycle_end", s.Readiness.CycleEnd, "2026-06-30")
	var months []string
	for _, m := range s.Readiness.Months {
		months = append(months, m.Month)
	}
	c.list("readiness.months", months, []string{"2025-07", "2025-08", "2025-09", "2025-10", "2025-11", "2025-12",
		"2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"})
	cycle := read(t, out, "cycle/index.html")
	for _, want := range []string{"2025年7月1日至2026年6月30日", "2024年7月1日至2025年6月30日"} {
		if !strings.Contains(cycle, want) {
			t.Errorf("the 评价周期 page does not show the cycle %s", want)
		}
	}

	// Groups and aliases: 局机关各股室 leads 3.1 (its four members), 各乡镇
	// 医保工作站 and its alias 各医保工作站 cooperate; 医保中心 and 基金股
	// are aliases.
	stations := []string{"城关镇医保工作站", "河口镇医保工作站", "石门乡医保工作站"}
	for _, tk := range s.Tasks {
		switch tk.ID {
		case "3.1":
			c.list("3.1 leads", tk.Leads, []string{"办公室", "待遇保障股", "基金监管股", "医药服务管理股"})
			c.list("3.1 cooperators", tk.Cooperators, stations)
		case "1.1":
			c.list("1.1 leads", tk.Leads, []string{"医疗保障服务中心"})
			c.list("1.1 cooperators", tk.Cooperators, stations)
		case "1.2":
			c.list("1.2 cooperators", tk.Cooperators, append([]string{"医药服务管理股"}, stations...))
		case "2.2":
			c.list("2.2 leads", tk.Leads, []string{"基金监管股"})
		}
	}
	for _, r := range s.Rectifications {
		if r.ID == "YB-02" {
			c.list("YB-02 units", r.Units, stations)
			// 石门乡 rectified on 10 June, after the deadline of 31 May.
			c.eq("YB-02 status", r.Status, "rectified")
			c.eq("YB-02 late", r.Late, true)
		}
	}

	// Statuses as of 31 July: 2.4's deadline is that day and 办公室 is at
	// 90 (overdue); 1.3, 1.5 and 3.1 done.
	c.eq("task_counts", s.TaskCounts, map[string]int{"done": 3, "overdue": 1, "on_track": 8, "lagging": 0, "due_soon": 0, "no_report": 0})
	var names []string
	for _, cat := range s.Categories {
		names = append(names, cat.Name)
	}
	c.list("categories", names, []string{"便民服务", "基金安全", "待遇保障"})

	// Targets: goals as written (8万, a ceiling of 5 days, rates), figures
	// as typed in the workbooks (6.1万, 95.6%).
	type want struct {
		target, value float64
		direction     string
		met           bool
	}
	wants := map[string]want{
		"1.1-1": {60, 47, ">=", false},
		"1.2-1": {75, 71, ">=", false},
		"1.4-1": {80000, 61000, ">=", false},
		"1.5-1": {5, 5, "<=", true},
		"2.1-1": {45, 35, ">=", false},
		"3.1-1": {95, 96, ">=", true},
	}
	for _, tg := range s.Targets {
		w, ok := wants[tg.ID]
		if !ok {
			t.Errorf("summary.json has an unexpected target %s", tg.ID)
			continue
		}
		delete(wants, tg.ID)
		c.num(tg.ID+" target", tg.Target, w.target)
		c.nump(tg.ID+" value", tg.Value, &w.value)
		c.eq(tg.ID+" direction", tg.Direction, w.direction)
		c.eq(tg.ID+" met", tg.Met, w.met)
	}
	for id := range wants {
		t.Errorf("summary.json lacks the target %s", id)
	}

	// The month's submissions and the 催报 page, with the due day 20.
	states := map[string]string{}
	for _, sub := range s.Submissions {
		if sub.Month == "2025-07" {
			states[sub.Unit] = sub.State
		}
	}
	c.eq("July submissions", states, map[string]string{"办公室": "late", "待遇保障股": "on_time", "基金监管股": "on_time",
		"医药服务管理股": "on_time", "医疗保障服务中心": "on_time", "城关镇医保工作站": "missing", "河口镇医保工作站": "on_time",
		"石门乡医保工作站": "invalid"})
	chase := read(t, out, "submissions/index.html")
	for _, want := range []string{"本月截止日 2025年7月20日", "应于2025年7月20日前报送", "【催报】城关镇医保工作站",
		"【催报】石门乡医保工作站", "局内网共享盘的“医保月报”文件夹，由办公室汇总"} {
		if !strings.Contains(chase, want) {
			t.Errorf("the 催报 page lacks %q", want)
		}
	}

	// The only error is the blank template 石门乡 handed in for July.
	var errs []string
	for _, f := range s.Findings {
		if f.Severity == "error" {
			errs = append(errs, f.File)
		}
	}
	c.list("error findings", errs, []string{"2025-07/2025-07_石门乡医保工作站.xlsx"})

	// The plan page is in the navigation as 实施方案.
	if page := read(t, out, "plan/index.html"); !strings.Contains(page, "青山县医疗保障局2025年度重点工作实施方案") {
		t.Error("plan/index.html does not show the plan page")
	}
	if !strings.Contains(read(t, out, "index.html"), `href="plan/index.html"`) {
		t.Error("the dashboard's navigation has no link to the plan page")
	}
	t.Logf("%d values checked", c.n)
}
