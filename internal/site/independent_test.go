package site

import (
	"encoding/json"
	"fmt"
	"math"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/plansite/plansite/internal/domain"
)

// TestIndependentPlan checks data/summary.json of a plan that has nothing to
// do with the example (testdata/independent, its inbox described in
// testdata/independent.txtar: a 医疗保障局, plan date 2024-03-01, due day
// 15, cycle from July, tolerances 10 points and 14 days)
// against figures worked out by hand from the rules of the README, as of
// June 2024 (as-of date 2024-06-30). Nothing expected below is computed by
// the code under test.
//
// The plan:
//
//	units   ybfwzx 医疗保障服务中心 (alias 医保服务中心), jjjgk 基金监管科,
//	        dybzk 待遇保障科, yyfwglk 医药服务管理科; group 业务科室 = 基金监管科 + 待遇保障科
//	1.1  lead 医保服务中心 (alias)              deadline 2024-09-30   → done
//	1.2  lead 医疗保障服务中心, target ≥50 家    deadline 2024-07-14   → due_soon
//	1.3  lead 医药服务管理科, coop 医疗保障服务中心 deadline 2024-12-31 → lagging (its lead skipped June)
//	2.1  lead 基金监管科                        deadline 2024-05-31   → overdue
//	2.2  leads 业务科室 (two units, one done)    deadline 2024-12-31   → lagging
//	2.3  lead 待遇保障科                        deadline 2024-10-29   → on_track
//	YB-01 医疗保障服务中心, deadline 2024-05-31 → overdue; YB-02 基金监管科 + 待遇保障科,
//	deadline 2024-04-30 → rectified, late. Indicators P01 (医保服务), P02 and P03 (基金监管);
//	P03 never reported.
//
// The inbox (due day 15):
//
//	ybfwzx   03-12, 04-15 (on the due day), 05: 初报 05-10 and 更正 05-20 (latest carries), 06-14
//	jjjgk    03-11, 04-12, 05-14, 06-15 (on the due day)
//	dybzk    03: only a file that is not a workbook (invalid), 04-08, 05-13, 06-16 (late);
//	         in the 2024-06 folder also a file named 2024-06 whose 基本信息 says 2024-05
//	         (used for neither month, listed under both)
//	yyfwglk  03-14, 04-10, 05-15, 06: a blank template (invalid)
//
// Day counts used below (calendar days, 2024 is a leap year):
//
//	2024-03-01 → 03-31: 30, → 04-30: 60, → 05-31: 91, → 06-30: 121,
//	           → 07-14: 135, → 09-30: 213, → 10-29: 242, → 12-31: 305
func TestIndependentPlan(t *testing.T) {
	dir := writeArchive(t, independentPlan(t))
	s := buildSummary(t, dir, domain.MustMonth(2024, time.June))
	c := &indChecker{t: t}
	c.checkHeader(s)
	c.checkTasks(s)
	c.checkCounts(s)
	c.checkRectifications(s)
	c.checkReadiness(s)
	c.checkIndicators(s)
	c.checkTargets(s)
	c.checkSubmissions(s)
	c.checkFindings(s)
	t.Logf("%d values checked", c.n)
}

// buildSummary builds the content folder dir as of month m and reads back
// its data/summary.json.
func buildSummary(t *testing.T, dir string, m domain.Month) indSummary {
	t.Helper()
	return buildSummaryInto(t, dir, filepath.Join(t.TempDir(), "public"), m)
}

// buildSummaryInto is buildSummary into the output folder out.
func buildSummaryInto(t *testing.T, dir, out string, m domain.Month) indSummary {
	t.Helper()
	buildInto(t, dir, out, m)
	var s indSummary
	if err := json.Unmarshal([]byte(read(t, out, "data/summary.json")), &s); err != nil {
		t.Fatal(err)
	}
	return s
}

func indPct(v float64) *float64 { return &v }

// summary.json as read back by this test, with its own types.

type indSummary struct {
	Schema       int    `json:"schema"`
	Title        string `json:"title"`
	Organisation string `json:"organisation"`
	AsOf         string `json:"as_of"`
	AsOfDate     string `json:"as_of_date"`
	PlanDate     string `json:"plan_date"`
	Settings     struct {
		DueDay          int     `json:"due_day"`
		CycleStartMonth int     `json:"cycle_start_month"`
		LaggingPoints   float64 `json:"lagging_points"`
		DueSoonDays     int     `json:"due_soon_days"`
	} `json:"settings"`
	Tasks      []indTask      `json:"tasks"`
	TaskCounts map[string]int `json:"task_counts"`
	Categories []struct {
		Name   string         `json:"name"`
		Total  int            `json:"total"`
		Counts map[string]int `json:"counts"`
	} `json:"categories"`
	Rectifications []struct {
		ID          string   `json:"id"`
		Area        string   `json:"area"`
		Title       string   `json:"title"`
		Units       []string `json:"units"`
		Deadline    string   `json:"deadline"`
		Status      string   `json:"status"`
		Progress    *float64 `json:"progress"`
		Overdue     bool     `json:"overdue"`
		RectifiedOn *string  `json:"rectified_on"`
		Late        bool     `json:"late"`
		Example     bool     `json:"example"`
	} `json:"rectifications"`
	Readiness struct {
		CycleStart string `json:"cycle_start"`
		CycleEnd   string `json:"cycle_end"`
		DaysLeft   int    `json:"days_left"`
		Months     []struct {
			Month  string              `json:"month"`
			Index  *float64            `json:"index"`
			Target float64             `json:"target"`
			Areas  map[string]*float64 `json:"areas"`
		} `json:"months"`
	} `json:"readiness"`
	Indicators []struct {
		ID        string   `json:"id"`
		Area      string   `json:"area"`
		Title     string   `json:"title"`
		Units     []string `json:"units"`
		Readiness *float64 `json:"readiness"`
	} `json:"indicators"`
	Targets []struct {
		ID        string   `json:"id"`
		Task      string   `json:"task"`
		Name      string   `json:"name"`
		Unit      string   `json:"unit"`
		Target    float64  `json:"target"`
		Direction string   `json:"direction"`
		Value     *float64 `json:"value"`
		Met       bool     `json:"met"`
	} `json:"targets"`
	Submissions []struct {
		Unit      string   `json:"unit"`
		Month     string   `json:"month"`
		State     string   `json:"state"`
		Submitted *string  `json:"submitted"`
		Files     []string `json:"files"`
		Rejected  []struct {
			File   string `json:"file"`
			Reason string `json:"reason"`
			Hint   string `json:"hint"`
		} `json:"rejected"`
	} `json:"submissions"`
	Findings []struct {
		File     string `json:"file"`
		Sheet    string `json:"sheet"`
		Cell     string `json:"cell"`
		Severity string `json:"severity"`
		Message  string `json:"message"`
	} `json:"findings"`
}

type indTask struct {
	ID          string   `json:"id"`
	Category    string   `json:"category"`
	Title       string   `json:"title"`
	Leads       []string `json:"leads"`
	Cooperators []string `json:"cooperators"`
	Deadline    string   `json:"deadline"`
	Progress    *float64 `json:"progress"`
	Expected    float64  `json:"expected"`
	Status      string   `json:"status"`
	Reported    bool     `json:"reported"`
	History     []struct {
		Month    string   `json:"month"`
		Progress *float64 `json:"progress"`
		Expected float64  `json:"expected"`
		Status   string   `json:"status"`
		Reported bool     `json:"reported"`
	} `json:"history"`
}

// indChecker compares values and counts them.
type indChecker struct {
	t *testing.T
	n int
}

func (c *indChecker) eq(field string, got, want any) {
	c.t.Helper()
	c.n++
	if fmt.Sprint(got) != fmt.Sprint(want) {
		c.t.Errorf("%s = %v; want %v", field, got, want)
	}
}

func (c *indChecker) num(field string, got, want float64) {
	c.t.Helper()
	c.n++
	if math.Abs(got-want) > 1e-9 {
		c.t.Errorf("%s = %v; want %v", field, got, want)
	}
}

// nump compares a nullable number; want nil means null.
func (c *indChecker) nump(field string, got, want *float64) {
	c.t.Helper()
	c.n++
	switch {
	case got == nil && want == nil:
	case got == nil || want == nil:
		c.t.Errorf("%s = %s; want %s", field, indFmt(got), indFmt(want))
	case math.Abs(*got-*want) > 1e-9:
		c.t.Errorf("%s = %v; want %v", field, *got, *want)
	}
}

func indFmt(p *float64) string {
	if p == nil {
		return "null"
	}
	return fmt.Sprint(*p)
}

func (c *indChecker) list(field string, got, want []string) {
	c.t.Helper()
	c.n++
	if strings.Join(got, "|") != strings.Join(want, "|") || got == nil {
		c.t.Errorf("%s = %q; want %q", field, got, want)
	}
}

func (c *indChecker) checkHeader(s indSummary) {
	c.eq("schema", s.Schema, 2)
	c.eq("title", s.Title, "某区医疗保障局2024年度优化营商环境工作")
	c.eq("organisation", s.Organisation, "某区医疗保障局")
	c.eq("as_of", s.AsOf, "2024-06")
	c.eq("as_of_date", s.AsOfDate, "2024-06-30") // last day of June
	c.eq("plan_date", s.PlanDate, "2024-03-01")
	c.eq("settings.due_day", s.Settings.DueDay, 15)
	c.eq("settings.cycle_start_month", s.Settings.CycleStartMonth, 7)
	c.num("settings.lagging_points", s.Settings.LaggingPoints, 10)
	c.eq("settings.due_soon_days", s.Settings.DueSoonDays, 14)
}

type histWant struct {
	month    string
	progress *float64
	expected float64
	status   string
	reported bool // a lead handed in a row for the task that month
}

type taskWant struct {
	id, category, title string
	leads, coops        []string
	deadline            string
	progress            *float64
	expected            float64
	status              string
	reported            bool
	history             []histWant
}

// Task rules (the README, "How the figures are computed"), tolerances of
// this plan: progress = mean of the leads' latest progress
// (leads with none left out); expected = 100 × (as-of − plan date)/
// (deadline − plan date), clamped; status, first match: done (every lead
// 已完成 or 100) · overdue (deadline on or before the as-of date) ·
// no_report (no lead has ever handed in a row for the task) · lagging (a
// lead's latest state is 滞后, or expected − progress > 10, whatever the
// month of the figures) · due_soon (1 ≤ deadline − as-of ≤ 14 days) ·
// on_track; reported: a lead handed in a row for the task that month.
// History: the same for 2024-03 … 2024-06.
var independentTasks = []taskWant{
	{
		id: "1.1", category: "提升医保服务效能行动", title: "推行医保业务“一窗通办”",
		leads: []string{"医疗保障服务中心"}, coops: []string{}, deadline: "2024-09-30", // lead written by its alias 医保服务中心
		progress: indPct(100), // June: 100 已完成
		expected: 56.81,       // 100 × 121/213 = 56.807…
		status:   "done",      // the only lead's latest state is 已完成 (progress 100)
		reported: true,
		history: []histWant{
			{"2024-03", indPct(30), 14.08, "on_track", true}, // 100 × 30/213 = 14.084…; 30 ≥ 14.08; 183 days left > 14
			{"2024-04", indPct(60), 28.17, "on_track", true}, // 100 × 60/213 = 28.169…; 153 days left
			{"2024-05", indPct(100), 42.72, "done", true},    // 100 × 91/213 = 42.723…; the later (更正) file's 100 已完成 counts, not 初报's 80 推进中
			{"2024-06", indPct(100), 56.81, "done", true},    // 100 × 121/213 = 56.807…
		},
	},
	{
		id: "1.2", category: "提升医保服务效能行动", title: "扩大异地就医直接结算覆盖面",
		leads: []string{"医疗保障服务中心"}, coops: []string{}, deadline: "2024-07-14",
		progress: indPct(85),
		expected: 89.63,      // 100 × 121/135 = 89.629…
		status:   "due_soon", // 89.63 − 85 = 4.63 ≤ 10, not lagging; 2024-06-30 → 07-14 = 14 days ≤ 14
		reported: true,
		history: []histWant{
			{"2024-03", indPct(25), 22.22, "on_track", true}, // 100 × 30/135 = 22.222…; 105 days left
			{"2024-04", indPct(45), 44.44, "on_track", true}, // 100 × 60/135 = 44.444…; 75 days left
			{"2024-05", indPct(70), 67.41, "on_track", true}, // 100 × 91/135 = 67.407…; the later file's 70 counts (初报's 50 would be 17.41 behind: lagging); 44 days left
			{"2024-06", indPct(85), 89.63, "due_soon", true}, // as above
		},
	},
	{
		id: "1.3", category: "提升医保服务效能行动", title: "推广医保电子凭证全流程应用",
		leads: []string{"医药服务管理科"}, coops: []string{"医疗保障服务中心"}, deadline: "2024-12-31", // 2024年底
		progress: indPct(25), // the lead's latest: May's 25; the cooperator's 90 is never averaged in
		expected: 39.67,      // 100 × 121/305 = 39.672…
		status:   "lagging",  // the lead handed in nothing usable for June (a blank template): May's 25 is 39.67 − 25 = 14.67 > 10 behind
		reported: false,
		history: []histWant{
			{"2024-03", indPct(10), 9.84, "on_track", true},  // 100 × 30/305 = 9.836…
			{"2024-04", indPct(20), 19.67, "on_track", true}, // 100 × 60/305 = 19.672…
			{"2024-05", indPct(25), 29.84, "on_track", true}, // 100 × 91/305 = 29.836…; 29.84 − 25 = 4.84 ≤ 10
			{"2024-06", indPct(25), 39.67, "lagging", false},
		},
	},
	{
		id: "2.1", category: "强化基金监管行动", title: "开展定点医药机构专项检查",
		leads: []string{"基金监管科"}, coops: []string{}, deadline: "2024-05-31", // 2024年5月底
		progress: indPct(95),
		expected: 100,       // 100 × 121/91 = 132.97…, clamped to 100
		status:   "overdue", // 2024-05-31 is before 2024-06-30 and 95 is not done
		reported: true,
		history: []histWant{
			{"2024-03", indPct(30), 32.97, "on_track", true}, // 100 × 30/91 = 32.967…; 32.97 − 30 = 2.97 ≤ 10; 61 days left
			{"2024-04", indPct(50), 65.93, "lagging", true},  // 100 × 60/91 = 65.934…; 65.93 − 50 = 15.93 > 10
			{"2024-05", indPct(95), 100, "overdue", true},    // 100 × 91/91 = 100; the deadline is the as-of date: its day is over, 95 is not done
			{"2024-06", indPct(95), 100, "overdue", true},
		},
	},
	{
		id: "2.2", category: "强化基金监管行动", title: "建立医保智能监控规则库",
		leads: []string{"基金监管科", "待遇保障科"}, coops: []string{}, deadline: "2024-12-31", // leads: the group 业务科室
		progress: indPct(60), // (100 + 20)/2
		expected: 39.67,      // 100 × 121/305 = 39.672…
		status:   "lagging",  // 基金监管科 is done but 待遇保障科 is not (not done); 待遇保障科 says 滞后 (progress 60 is ahead of 39.67)
		reported: true,       // the 2024-05 file in the 2024-06 folder (99%) is used for neither month
		history: []histWant{
			{"2024-03", indPct(20), 9.84, "on_track", true},    // only 基金监管科 ever reported: 20 (待遇保障科 left out); 9.836…
			{"2024-04", indPct(35), 19.67, "on_track", true},   // (60 + 10)/2 = 35
			{"2024-05", indPct(57.5), 29.84, "on_track", true}, // (100 + 15)/2 = 57.5; one lead done is not all done
			{"2024-06", indPct(60), 39.67, "lagging", true},
		},
	},
	{
		id: "2.3", category: "强化基金监管行动", title: "落实医疗保障待遇清单制度",
		leads: []string{"待遇保障科"}, coops: []string{}, deadline: "2024-10-29",
		progress: indPct(40),
		expected: 50,         // 100 × 121/242 = 50 exactly
		status:   "on_track", // 50 − 40 = 10 exactly: not more than 10, not lagging; 121 days left > 14
		reported: true,
		history: []histWant{
			{"2024-03", nil, 12.40, "no_report", false},      // 100 × 30/242 = 12.396…; the lead's only March file is not a workbook: never reported yet
			{"2024-04", indPct(15), 24.79, "on_track", true}, // 100 × 60/242 = 24.793…; 24.79 − 15 = 9.79 ≤ 10; 182 days left
			{"2024-05", indPct(30), 37.60, "on_track", true}, // 100 × 91/242 = 37.603…; 7.60 behind
			{"2024-06", indPct(40), 50, "on_track", true},
		},
	},
}

func (c *indChecker) checkTasks(s indSummary) {
	c.checkTaskWants(s, independentTasks)
	for i, w := range independentTasks {
		if i >= len(s.Tasks) {
			break
		}
		g := s.Tasks[i]
		f := "task " + w.id + "."
		c.eq(f+"category", g.Category, w.category)
		c.eq(f+"title", g.Title, w.title)
		c.list(f+"leads", g.Leads, w.leads)
		c.list(f+"cooperators", g.Cooperators, w.coops)
		c.eq(f+"deadline", g.Deadline, w.deadline)
	}
}

func (c *indChecker) checkCounts(s indSummary) {
	// See the tasks above: 1.3 and 2.2 lagging, no task never reported.
	for st, n := range map[string]int{"done": 1, "overdue": 1, "no_report": 0, "lagging": 2, "due_soon": 1, "on_track": 1} {
		c.eq("task_counts."+st, s.TaskCounts[st], n)
	}
	c.eq("len(task_counts)", len(s.TaskCounts), 6)
	type catWant struct {
		name   string
		counts map[string]int
	}
	want := []catWant{
		// 1.1 done, 1.2 due_soon, 1.3 lagging
		{"提升医保服务效能行动", map[string]int{"done": 1, "due_soon": 1, "no_report": 0, "overdue": 0, "lagging": 1, "on_track": 0}},
		// 2.1 overdue, 2.2 lagging, 2.3 on_track
		{"强化基金监管行动", map[string]int{"done": 0, "due_soon": 0, "no_report": 0, "overdue": 1, "lagging": 1, "on_track": 1}},
	}
	c.eq("len(categories)", len(s.Categories), len(want))
	for i, w := range want {
		if i >= len(s.Categories) {
			break
		}
		g := s.Categories[i]
		c.eq(fmt.Sprintf("categories[%d].name", i), g.Name, w.name)
		c.eq(w.name+".total", g.Total, 3)
		for st, n := range w.counts {
			c.eq(w.name+".counts."+st, g.Counts[st], n)
		}
	}
}

func (c *indChecker) checkRectifications(s indSummary) {
	type who struct {
		area, title string
		units       []string
		deadline    string
	}
	ws := []rectWant{
		// The only unit's latest (June): 整改中 80. Deadline 2024-05-31 is
		// before 2024-06-30 and 整改中 is not 已整改/已销号: overdue.
		{"YB-01", "in_progress", indPct(80), true, "", false},
		// Latest: 基金监管科 已销号 100, 待遇保障科 已整改 100 (June, its
		// file late but counted). Least advanced: 已整改 = rectified; mean
		// progress (100 + 100)/2 = 100; past its deadline 2024-04-30 but
		// rectified: not overdue. No 完成整改时间 given: 基金监管科 rectified
		// from its April report (填报日期 04-12), 待遇保障科 from its May
		// report (05-13); the later, 05-13, is after 04-30: 超期整改.
		{"YB-02", "rectified", indPct(100), false, "2024-05-13", true},
	}
	whos := []who{
		{"医保服务", "门诊慢特病待遇认定办理时间长", []string{"医疗保障服务中心"}, "2024-05-31"},
		{"基金监管", "违规使用医保基金问题查处不及时", []string{"基金监管科", "待遇保障科"}, "2024-04-30"},
	}
	c.checkRectWants(s, ws)
	for i, w := range whos {
		if i >= len(s.Rectifications) {
			break
		}
		g := s.Rectifications[i]
		f := "rectification " + g.ID + "."
		c.eq(f+"area", g.Area, w.area)
		c.eq(f+"title", g.Title, w.title)
		c.list(f+"units", g.Units, w.units)
		c.eq(f+"deadline", g.Deadline, w.deadline)
		c.eq(f+"example", g.Example, false)
	}
}

func (c *indChecker) checkReadiness(s indSummary) {
	r := s.Readiness
	// cycle_start_month 7: the cycle holding June 2024 is 2023-07-01 … 2024-06-30.
	c.eq("readiness.cycle_start", r.CycleStart, "2023-07-01")
	c.eq("readiness.cycle_end", r.CycleEnd, "2024-06-30")
	c.eq("readiness.days_left", r.DaysLeft, 0) // 2024-06-30 → 2024-06-30
	// target: the straight line from 0 at the cycle's start to 100 at its
	// end, 100 × (month's last day − 2023-07-01)/365 (2023-07-01 →
	// 2024-06-30 = 365 days).
	// index: mean over P01, P02, P03 of the latest readiness (P03 never
	// reported: 0); null before 2024-04, the first month with a readiness
	// figure (March's rows carry only notes).
	type mw struct {
		month  string
		target float64
		index  *float64
		areas  map[string]*float64 // nil: both areas null
	}
	ws := []mw{
		{"2023-07", 8.22, nil, nil},  // 30/365 = 8.219…%
		{"2023-08", 16.71, nil, nil}, // 61/365 = 16.712…%
		{"2023-09", 24.93, nil, nil}, // 91/365 = 24.931…%
		{"2023-10", 33.42, nil, nil}, // 122/365 = 33.424…%
		{"2023-11", 41.64, nil, nil}, // 152/365 = 41.643…%
		{"2023-12", 50.14, nil, nil}, // 183/365 = 50.136…%
		{"2024-01", 58.63, nil, nil}, // 214/365 = 58.630…%
		{"2024-02", 66.58, nil, nil}, // 243/365 = 66.575…% (29 February)
		{"2024-03", 75.07, nil, nil}, // 274/365 = 75.068…%; reports, but no readiness figure yet
		// P01 40, P02 20, P03 0: (40 + 20 + 0)/3 = 20; 医保服务 = P01 = 40; 基金监管 = (20 + 0)/2 = 10
		{"2024-04", 83.29, indPct(20), map[string]*float64{"医保服务": indPct(40), "基金监管": indPct(10)}}, // 304/365 = 83.287…%
		// P01 60 (the later May file, not 初报's 50), P02 20 (May row had no figure: April's stands), P03 0:
		// 80/3 = 26.666… → 26.67; 医保服务 60; 基金监管 (20 + 0)/2 = 10
		{"2024-05", 91.78, indPct(26.67), map[string]*float64{"医保服务": indPct(60), "基金监管": indPct(10)}}, // 335/365 = 91.780…%
		// P01 75, P02 50, P03 0: 125/3 = 41.666… → 41.67; 医保服务 75; 基金监管 (50 + 0)/2 = 25
		{"2024-06", 100, indPct(41.67), map[string]*float64{"医保服务": indPct(75), "基金监管": indPct(25)}}, // 365/365
	}
	c.eq("len(readiness.months)", len(r.Months), len(ws))
	for i, w := range ws {
		if i >= len(r.Months) {
			break
		}
		g := r.Months[i]
		f := "readiness[" + w.month + "]."
		c.eq(f+"month", g.Month, w.month)
		c.num(f+"target", g.Target, w.target)
		c.nump(f+"index", g.Index, w.index)
		for _, a := range []string{"医保服务", "基金监管"} {
			var want *float64
			if w.areas != nil {
				want = w.areas[a]
			}
			v, ok := g.Areas[a]
			if !ok {
				c.t.Errorf("%sareas lacks %s", f, a)
			}
			c.nump(f+"areas."+a, v, want)
		}
	}
}

func (c *indChecker) checkIndicators(s indSummary) {
	type want struct {
		id, area, title string
		units           []string
		readiness       *float64
	}
	ws := []want{
		{"P01", "医保服务", "医保服务便利度", []string{"医疗保障服务中心"}, indPct(75)}, // June: 75
		{"P02", "基金监管", "基金监管效能", []string{"基金监管科"}, indPct(50)},     // June: 50
		{"P03", "基金监管", "待遇保障公平性", []string{"待遇保障科"}, nil},           // never a figure: null
	}
	c.eq("len(indicators)", len(s.Indicators), len(ws))
	for i, w := range ws {
		if i >= len(s.Indicators) {
			break
		}
		g := s.Indicators[i]
		f := "indicator " + w.id + "."
		c.eq(f+"id", g.ID, w.id)
		c.eq(f+"area", g.Area, w.area)
		c.eq(f+"title", g.Title, w.title)
		c.list(f+"units", g.Units, w.units)
		c.nump(f+"readiness", g.Readiness, w.readiness)
	}
}

func (c *indChecker) checkTargets(s indSummary) {
	c.eq("len(targets)", len(s.Targets), 1)
	if len(s.Targets) == 0 {
		return
	}
	g := s.Targets[0]
	c.eq("target.id", g.ID, "1.2-1")
	c.eq("target.task", g.Task, "1.2")
	c.eq("target.name", g.Name, "异地就医直接结算定点医药机构")
	c.eq("target.unit", g.Unit, "家")
	c.num("target.target", g.Target, 50)
	c.eq("target.direction", g.Direction, ">=")
	c.nump("target.value", g.Value, indPct(52)) // the only lead's latest cumulative figure (June)
	c.eq("target.met", g.Met, true)             // 52 ≥ 50
}

func (c *indChecker) checkSubmissions(s indSummary) {
	// Every unit is named in the plan, so all four are expected, for each
	// month from 2024-03 to 2024-06: 4 × 4 = 16. Due on the 15th;
	// on_time when the earliest file's 填报日期 ≤ the 15th.
	type want struct {
		state     string
		submitted string // "" for null
		files     []string
		rejected  map[string]string // file → a phrase of its reason
	}
	f := func(m, unit string) string { return m + "/" + m + "_" + unit + ".xlsx" }
	// The files that arrived but cannot be used, and a phrase of the
	// reason each is listed with.
	notWorkbook := map[string]string{"2024-03/2024-03_待遇保障科.xlsx": "不是 Excel 工作簿"}
	blank := map[string]string{"2024-06/2024-06_医药服务管理科.xlsx": "没有填写任何内容"}
	mayInJune := map[string]string{"2024-06/2024-06_待遇保障科（补报）.xlsx": "基本信息中的报送月份是 2024-05，文件名和所在文件夹名中是 2024-06"}
	ws := map[string]want{
		"医疗保障服务中心 2024-03": {"on_time", "2024-03-12", []string{f("2024-03", "医疗保障服务中心")}, nil},
		"医疗保障服务中心 2024-04": {"on_time", "2024-04-15", []string{f("2024-04", "医疗保障服务中心")}, nil}, // on the due day
		// Two files: the earliest (初报, 05-10) decides on time and is the
		// submitted date; both are listed.
		"医疗保障服务中心 2024-05": {"on_time", "2024-05-10", []string{"2024-05/2024-05_医疗保障服务中心（初报）.xlsx", f("2024-05", "医疗保障服务中心")}, nil},
		"医疗保障服务中心 2024-06": {"on_time", "2024-06-14", []string{f("2024-06", "医疗保障服务中心")}, nil},
		"基金监管科 2024-03":    {"on_time", "2024-03-11", []string{f("2024-03", "基金监管科")}, nil},
		"基金监管科 2024-04":    {"on_time", "2024-04-12", []string{f("2024-04", "基金监管科")}, nil},
		"基金监管科 2024-05":    {"on_time", "2024-05-14", []string{f("2024-05", "基金监管科")}, nil},
		"基金监管科 2024-06":    {"on_time", "2024-06-15", []string{f("2024-06", "基金监管科")}, nil}, // on the due day
		// Only a file that is not a workbook: files arrived, none usable.
		"待遇保障科 2024-03": {"invalid", "", nil, notWorkbook},
		"待遇保障科 2024-04": {"on_time", "2024-04-08", []string{f("2024-04", "待遇保障科")}, nil},
		// The file in the June folder that says May in 基本信息 names both
		// months: listed under each, used for neither.
		"待遇保障科 2024-05":   {"on_time", "2024-05-13", []string{f("2024-05", "待遇保障科")}, mayInJune},
		"待遇保障科 2024-06":   {"late", "2024-06-16", []string{f("2024-06", "待遇保障科")}, mayInJune}, // 16 > 15
		"医药服务管理科 2024-03": {"on_time", "2024-03-14", []string{f("2024-03", "医药服务管理科")}, nil},
		"医药服务管理科 2024-04": {"on_time", "2024-04-10", []string{f("2024-04", "医药服务管理科")}, nil},
		"医药服务管理科 2024-05": {"on_time", "2024-05-15", []string{f("2024-05", "医药服务管理科")}, nil},
		"医药服务管理科 2024-06": {"invalid", "", nil, blank}, // a blank template is not a report
	}
	c.eq("len(submissions)", len(s.Submissions), len(ws))
	seen := map[string]bool{}
	for _, g := range s.Submissions {
		k := g.Unit + " " + g.Month
		w, ok := ws[k]
		if !ok || seen[k] {
			c.t.Errorf("unexpected or repeated submission %s", k)
			continue
		}
		seen[k] = true
		c.eq("submission "+k+".state", g.State, w.state)
		sub := ""
		if g.Submitted != nil {
			sub = *g.Submitted
		}
		c.eq("submission "+k+".submitted", sub, w.submitted)
		// Every file stays listed; the order is not part of the rule.
		files := append([]string{}, g.Files...)
		sort.Strings(files)
		wf := append([]string{}, w.files...)
		sort.Strings(wf)
		c.list("submission "+k+".files", files, wf)
		if g.Files == nil {
			c.t.Errorf("submission %s.files is null; want a list", k)
		}
		c.eq("submission "+k+".len(rejected)", len(g.Rejected), len(w.rejected))
		for _, r := range g.Rejected {
			phrase, ok := w.rejected[r.File]
			c.eq("submission "+k+".rejected "+r.File+" expected", ok, true)
			c.eq("submission "+k+".rejected "+r.File+" reason has "+phrase, strings.Contains(r.Reason, phrase), true)
			c.eq("submission "+k+".rejected "+r.File+" says what to do", r.Hint != "", true)
		}
		if g.Rejected == nil {
			c.t.Errorf("submission %s.rejected is null; want a list", k)
		}
	}
	for k := range ws {
		if !seen[k] {
			c.t.Errorf("no submission %s", k)
		}
	}
}

// checkFindings: the files that cannot be used are each named, with an
// error that says why; the blank template's unfilled rows are one warning.
func (c *indChecker) checkFindings(s indSummary) {
	type want struct{ file, where, severity, phrase string }
	ws := []want{
		{"2024-03/2024-03_待遇保障科.xlsx", "", "error", "不是 Excel 工作簿"},
		{"2024-06/2024-06_医药服务管理科.xlsx", "重点任务!A3", "warning", "1 行未填写：1.3"},
		{"2024-06/2024-06_医药服务管理科.xlsx", "", "error", "没有填写任何内容，本文件不算报送"},
		{"2024-06/2024-06_待遇保障科（补报）.xlsx", "基本信息!B2", "error", "报送月份不一致（基本信息中的报送月份是 2024-05，文件名和所在文件夹名中是 2024-06），无法确定，本文件未计入"},
	}
	c.eq("len(findings)", len(s.Findings), len(ws))
	for i, w := range ws {
		if i >= len(s.Findings) {
			break
		}
		g := s.Findings[i]
		where := ""
		if g.Sheet != "" {
			where = g.Sheet + "!" + g.Cell
		}
		f := fmt.Sprintf("findings[%d].", i)
		c.eq(f+"file", g.File, w.file)
		c.eq(f+"where", where, w.where)
		c.eq(f+"severity", g.Severity, w.severity)
		if !strings.Contains(g.Message, w.phrase) {
			c.t.Errorf("%smessage = %q; want it to say %q", f, g.Message, w.phrase)
		}
	}
}
