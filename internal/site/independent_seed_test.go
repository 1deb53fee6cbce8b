package site

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/plansite/plansite/internal/content"
	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/workbook"
)

// TestIndependentSeedPlan checks data/summary.json of the seed's own plan
// (the example content: plan date 2023-04-20, due day 24, cycle from
// September, 20 points, 30 days, 16 tasks, 6 problems due 2023-06-30, 12
// indicators, 25 expected units) on an inbox filled here, not the example
// inbox, against figures worked out by hand from the README's rules, as of
// July 2023 (as-of dates 2023-05-31, 2023-06-30, 2023-07-31). Nothing
// expected below is computed by the code under test; the plan's text (ids,
// names) is the content's.
//
// Day counts (calendar days):
//
//	plan date 2023-04-20 → 05-31: 41, → 06-30: 71, → 07-31: 102;
//	           → 2023-06-30: 71, → 2023-08-31: 133, → 2023-12-31: 255, → 2024-12-31: 621.
//	Expected progress, May / June / July:
//	  due 2023-05-31: 100 / 100 / 100
//	  due 2023-06-30: 57.75 (41/71) / 100 / 100
//	  due 2023-08-31: 30.83 (41/133) / 53.38 (71/133) / 76.69 (102/133)
//	  due 2023-12-31: 16.08 (41/255) / 27.84 (71/255) / 40 (102/255)
//	  due 2024-12-31: 6.60 (41/621) / 11.43 (71/621) / 16.43 (102/621)
//	Days to the deadline: 2023-06-30 is 30 days after 05-31 (due soon);
//	2023-08-31 is 31 days after 07-31 (not due soon).
//
// The inbox, unit by unit (every row of each workbook filled unless said;
// a cooperator's rows do not count):
//
//	就业中心      05 (05-20), 06 (06-25, late; task 1.4 left blank), 07: 初报 07-20
//	              and 更正 07-28 (the later carries; 1.4 left blank again)
//	仲裁院        05 (05-24, the due day), 06 (06-10), 07 (07-25, late) and a blank
//	              template beside it
//	政策法规股    05 (05-15), 06 (06-20), nothing in 07
//	结算中心      05 (05-22), nothing in 06, 07: a text file named .xlsx
//	职业能力建设股 05 (05-23) only
//	信息中心      06: a blank template only
//	人才中心      2023-07/2023-07_人才中心.xlsx whose 基本信息 says 2023-06
//	劳动保障监察大队 06: a .xls file only
//	every other expected unit: nothing
func TestIndependentSeedPlan(t *testing.T) {
	requireECharts(t)
	dir := copyContent(t)
	plan, err := content.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	inbox := filepath.Join(dir, "inbox")
	if err := os.RemoveAll(inbox); err != nil {
		t.Fatal(err)
	}
	writeSeedInbox(t, plan, inbox)
	s := buildSummary(t, dir, domain.MustMonth(2023, time.July))
	c := &indChecker{t: t}
	c.eq("schema", s.Schema, 2)
	c.eq("as_of", s.AsOf, "2023-07")
	c.eq("as_of_date", s.AsOfDate, "2023-07-31")
	c.eq("plan_date", s.PlanDate, "2023-04-20")
	c.eq("settings", fmt.Sprint(s.Settings.DueDay, s.Settings.CycleStartMonth, s.Settings.LaggingPoints, s.Settings.DueSoonDays), "24 9 20 30")
	c.checkSeedTasks(s)
	c.checkSeedRectifications(s)
	c.checkSeedReadiness(s)
	c.checkSeedTargets(s)
	c.checkSeedSubmissions(s, plan)
	c.checkSeedFindings(s)
	t.Logf("%d values checked", c.n)
}

// seedFill is what a unit writes in its workbook: the rows it leads, its
// targets, problems and indicators. Every row of its template must be
// given (or listed in skip); the rows it cooperates on get a cooperator's
// line, which no rule averages in.
type seedFill struct {
	filled   domain.Date
	tasks    map[string]domain.TaskRow // lead rows by task id
	skip     []string                  // lead rows left blank
	targets  map[string]float64
	problems map[string]domain.ProblemRow
	ready    map[string]float64
}

func seedTask(p float64, st domain.TaskState) domain.TaskRow {
	return domain.TaskRow{Progress: indPct(p), State: st, Done: "本月按计划推进"}
}

func seedProblem(st domain.RectState, p float64, doneOn domain.Date) domain.ProblemRow {
	return domain.ProblemRow{State: st, Progress: indPct(p), Measures: "逐项落实整改措施", DoneOn: doneOn}
}

// report turns the fill into the rows of unit u's template, failing when
// a row of the template is neither given nor skipped.
func (f seedFill) report(t *testing.T, p *domain.Plan, u domain.UnitID) *domain.Report {
	t.Helper()
	rep := &domain.Report{Reporter: "李四", Phone: "0710-6111111", FilledOn: f.filled}
	leads, coops := p.TasksOf(u)
	for _, task := range leads {
		row, ok := f.tasks[task.ID]
		switch {
		case ok:
			row.TaskID = task.ID
			rep.Tasks = append(rep.Tasks, row)
		case !slices.Contains(f.skip, task.ID):
			t.Fatalf("%s: the fill gives no row for task %s it leads", u, task.ID)
		}
		for _, tg := range task.Targets {
			v, ok := f.targets[tg.ID]
			if !ok {
				t.Fatalf("%s: the fill gives no figure for target %s", u, tg.ID)
			}
			rep.Targets = append(rep.Targets, domain.TargetRow{TargetID: tg.ID, Value: indPct(v)})
		}
	}
	for _, task := range coops {
		rep.Tasks = append(rep.Tasks, domain.TaskRow{TaskID: task.ID, Progress: indPct(50), State: domain.TaskInProgress, Done: "配合牵头单位推进"})
	}
	for _, pr := range p.Problems {
		if domain.HasUnit(pr.Units, u) {
			row, ok := f.problems[pr.ID]
			if !ok {
				t.Fatalf("%s: the fill gives no row for problem %s", u, pr.ID)
			}
			row.ProblemID = pr.ID
			rep.Problems = append(rep.Problems, row)
		}
	}
	for _, in := range p.Indicators {
		if domain.HasUnit(in.Units, u) {
			v, ok := f.ready[in.ID]
			if !ok {
				t.Fatalf("%s: the fill gives no readiness for indicator %s", u, in.ID)
			}
			rep.Indicators = append(rep.Indicators, domain.IndicatorRow{IndicatorID: in.ID, Readiness: indPct(v), Note: "佐证材料已收集"})
		}
	}
	return rep
}

func seedDay(m time.Month, d int) domain.Date { return domain.MustDate(2023, m, d) }

func writeSeedInbox(t *testing.T, p *domain.Plan, inbox string) {
	t.Helper()
	may, june, july := domain.MustMonth(2023, time.May), domain.MustMonth(2023, time.June), domain.MustMonth(2023, time.July)
	const inProg, done, lagging = domain.TaskInProgress, domain.TaskDone, domain.TaskLagging
	none := domain.Date{}
	files := []struct {
		rel  string
		unit domain.UnitID
		m    domain.Month // 基本信息's month
		fill *seedFill    // nil: a blank template
		raw  []byte       // not a workbook: these bytes
	}{
		// 就业中心: leads 1.4, 1.5 (target 1.5-1), 3.5 (with 就业和劳动关系股), 3.6, 3.7;
		// ZG-01, ZG-02 (with 就业和劳动关系股), ZG-05; E01, E02, E03 (with 结算中心).
		{"2023-05/2023-05_就业中心.xlsx", "jyzx", may, &seedFill{filled: seedDay(time.May, 20),
			tasks:   map[string]domain.TaskRow{"1.4": seedTask(15, inProg), "1.5": seedTask(30, inProg), "3.5": seedTask(40, inProg), "3.6": seedTask(50, inProg), "3.7": seedTask(60, inProg)},
			targets: map[string]float64{"1.5-1": 8},
			problems: map[string]domain.ProblemRow{"ZG-01": seedProblem(domain.RectInProgress, 50, none), "ZG-02": seedProblem(domain.RectInProgress, 40, none),
				"ZG-05": seedProblem(domain.RectDone, 100, seedDay(time.May, 18))},
			ready: map[string]float64{"E01": 30, "E02": 20, "E03": 40}}, nil},
		{"2023-06/2023-06_就业中心.xlsx", "jyzx", june, &seedFill{filled: seedDay(time.June, 25), skip: []string{"1.4"},
			tasks:   map[string]domain.TaskRow{"1.5": seedTask(45, inProg), "3.5": seedTask(55, inProg), "3.6": seedTask(100, done), "3.7": seedTask(65, inProg)},
			targets: map[string]float64{"1.5-1": 18},
			problems: map[string]domain.ProblemRow{"ZG-01": seedProblem(domain.RectDone, 100, none), "ZG-02": seedProblem(domain.RectInProgress, 70, none),
				"ZG-05": seedProblem(domain.RectClosed, 100, none)},
			ready: map[string]float64{"E01": 50, "E02": 40, "E03": 60}}, nil},
		{"2023-07/2023-07_就业中心（初报）.xlsx", "jyzx", july, &seedFill{filled: seedDay(time.July, 20), skip: []string{"1.4"},
			tasks:   map[string]domain.TaskRow{"1.5": seedTask(60, inProg), "3.5": seedTask(70, inProg), "3.6": seedTask(100, done), "3.7": seedTask(68, inProg)},
			targets: map[string]float64{"1.5-1": 25},
			problems: map[string]domain.ProblemRow{"ZG-01": seedProblem(domain.RectClosed, 100, none), "ZG-02": seedProblem(domain.RectInProgress, 90, none),
				"ZG-05": seedProblem(domain.RectClosed, 100, none)},
			ready: map[string]float64{"E01": 65, "E02": 55, "E03": 75}}, nil},
		{"2023-07/2023-07_就业中心.xlsx", "jyzx", july, &seedFill{filled: seedDay(time.July, 28), skip: []string{"1.4"},
			tasks:   map[string]domain.TaskRow{"1.5": seedTask(70, inProg), "3.5": seedTask(75, inProg), "3.6": seedTask(100, done), "3.7": seedTask(70, lagging)},
			targets: map[string]float64{"1.5-1": 31},
			problems: map[string]domain.ProblemRow{"ZG-01": seedProblem(domain.RectClosed, 100, none), "ZG-02": seedProblem(domain.RectDone, 100, seedDay(time.July, 10)),
				"ZG-05": seedProblem(domain.RectClosed, 100, none)},
			ready: map[string]float64{"E01": 70, "E02": 60, "E03": 80}}, nil},

		// 仲裁院: leads 2.1 (target 2.1-1), 3.1 (with 就业和劳动关系股), 3.4; ZG-03; E04.
		{"2023-05/2023-05_仲裁院.xlsx", "zcy", may, &seedFill{filled: seedDay(time.May, 24),
			tasks:    map[string]domain.TaskRow{"2.1": seedTask(90, inProg), "3.1": seedTask(30, inProg), "3.4": seedTask(40, inProg)},
			targets:  map[string]float64{"2.1-1": 80},
			problems: map[string]domain.ProblemRow{"ZG-03": seedProblem(domain.RectInProgress, 60, none)},
			ready:    map[string]float64{"E04": 50}}, nil},
		{"2023-06/2023-06_仲裁院.xlsx", "zcy", june, &seedFill{filled: seedDay(time.June, 10),
			tasks:    map[string]domain.TaskRow{"2.1": seedTask(100, done), "3.1": seedTask(50, inProg), "3.4": seedTask(55, inProg)},
			targets:  map[string]float64{"2.1-1": 96},
			problems: map[string]domain.ProblemRow{"ZG-03": seedProblem(domain.RectInProgress, 80, none)},
			ready:    map[string]float64{"E04": 60}}, nil},
		{"2023-07/2023-07_仲裁院.xlsx", "zcy", july, &seedFill{filled: seedDay(time.July, 25),
			tasks:    map[string]domain.TaskRow{"2.1": seedTask(100, done), "3.1": seedTask(60, inProg), "3.4": seedTask(60, inProg)},
			targets:  map[string]float64{"2.1-1": 97},
			problems: map[string]domain.ProblemRow{"ZG-03": seedProblem(domain.RectDone, 100, seedDay(time.July, 5))},
			ready:    map[string]float64{"E04": 70}}, nil},
		{"2023-07/2023-07_仲裁院（空白）.xlsx", "zcy", july, nil, nil},

		// 政策法规股: leads 1.1, 3.3 (with 信息中心), 4.1, 4.2; E07 (with 信息中心), E08.
		{"2023-05/2023-05_政策法规股.xlsx", "zcfgg", may, &seedFill{filled: seedDay(time.May, 15),
			tasks: map[string]domain.TaskRow{"1.1": seedTask(20, inProg), "3.3": seedTask(30, inProg), "4.1": seedTask(50, inProg), "4.2": seedTask(30, inProg)},
			ready: map[string]float64{"E07": 40, "E08": 30}}, nil},
		{"2023-06/2023-06_政策法规股.xlsx", "zcfgg", june, &seedFill{filled: seedDay(time.June, 20),
			tasks: map[string]domain.TaskRow{"1.1": seedTask(30, inProg), "3.3": seedTask(50, inProg), "4.1": seedTask(100, done), "4.2": seedTask(50, inProg)},
			ready: map[string]float64{"E07": 60, "E08": 50}}, nil},

		// 结算中心: leads 1.2 (target 1.2-1, ≤ 1%); E03 (with 就业中心), E09 (with 工伤中心).
		{"2023-05/2023-05_结算中心.xlsx", "jszx", may, &seedFill{filled: seedDay(time.May, 22),
			tasks:   map[string]domain.TaskRow{"1.2": seedTask(5, inProg)},
			targets: map[string]float64{"1.2-1": 1},
			ready:   map[string]float64{"E03": 20, "E09": 30}}, nil},
		{"2023-07/2023-07_结算中心.xlsx", "jszx", july, nil, []byte("七月进展：详见附件。\n")},

		// 职业能力建设股: leads 1.3 (targets 1.3-1, 1.3-2, 1.3-3); E12 (with 人才中心).
		{"2023-05/2023-05_职业能力建设股.xlsx", "zynljsg", may, &seedFill{filled: seedDay(time.May, 23),
			tasks:   map[string]domain.TaskRow{"1.3": seedTask(10, inProg)},
			targets: map[string]float64{"1.3-1": 3000, "1.3-2": 3500, "1.3-3": 4000},
			ready:   map[string]float64{"E12": 20}}, nil},

		{"2023-06/2023-06_信息中心.xlsx", "xxzx", june, nil, nil},
		// 人才中心: ZG-06; E10, E11, E12. Filed in July's folder, saying June.
		{"2023-07/2023-07_人才中心.xlsx", "rczx", june, &seedFill{filled: seedDay(time.July, 3),
			problems: map[string]domain.ProblemRow{"ZG-06": seedProblem(domain.RectDone, 100, seedDay(time.June, 28))},
			ready:    map[string]float64{"E10": 90, "E11": 90, "E12": 90}}, nil},
		{"2023-06/2023-06_劳动保障监察大队.xls", "jcdd", june, nil, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}},
	}
	for _, f := range files {
		data := f.raw
		if data == nil {
			var fill *domain.Report
			if f.fill != nil {
				fill = f.fill.report(t, p, f.unit)
			}
			var buf bytes.Buffer
			if err := workbook.Template(&buf, p, f.unit, f.m, nil, fill); err != nil {
				t.Fatal(err)
			}
			data = buf.Bytes()
		}
		path := filepath.Join(inbox, filepath.FromSlash(f.rel))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func (c *indChecker) checkTaskWants(s indSummary, ws []taskWant) {
	c.eq("len(tasks)", len(s.Tasks), len(ws))
	for i, w := range ws {
		if i >= len(s.Tasks) {
			break
		}
		g := s.Tasks[i]
		f := "task " + w.id + "."
		c.eq(f+"id", g.ID, w.id)
		c.nump(f+"progress", g.Progress, w.progress)
		c.num(f+"expected", g.Expected, w.expected)
		c.eq(f+"status", g.Status, w.status)
		c.eq(f+"reported", g.Reported, w.reported)
		c.eq(f+"len(history)", len(g.History), len(w.history))
		for j, h := range w.history {
			if j >= len(g.History) {
				break
			}
			gh := g.History[j]
			hf := fmt.Sprintf("%shistory[%s].", f, h.month)
			c.eq(hf+"month", gh.Month, h.month)
			c.nump(hf+"progress", gh.Progress, h.progress)
			c.num(hf+"expected", gh.Expected, h.expected)
			c.eq(hf+"status", gh.Status, h.status)
			c.eq(hf+"reported", gh.Reported, h.reported)
		}
	}
}

func (c *indChecker) checkSeedTasks(s indSummary) {
	p := indPct
	ws := []taskWant{
		// 1.1 政策法规股, due 2023-12-31: June's 30 stands in July (no file):
		// 40 − 30 = 10, not lagging; 153 days left.
		{id: "1.1", progress: p(30), expected: 40, status: "on_track", history: []histWant{
			{"2023-05", p(20), 16.08, "on_track", true}, {"2023-06", p(30), 27.84, "on_track", true}, {"2023-07", p(30), 40, "on_track", false}}},
		// 1.2 结算中心, due 2024-12-31: May's 5 stands (June nothing, July not a workbook).
		{id: "1.2", progress: p(5), expected: 16.43, status: "on_track", history: []histWant{
			{"2023-05", p(5), 6.60, "on_track", true}, {"2023-06", p(5), 11.43, "on_track", false}, {"2023-07", p(5), 16.43, "on_track", false}}}, // 16.43 − 5 = 11.43
		// 1.3 职业能力建设股: May's 10 only; July 40 − 10 = 30 > 20.
		{id: "1.3", progress: p(10), expected: 40, status: "lagging", history: []histWant{
			{"2023-05", p(10), 16.08, "on_track", true}, {"2023-06", p(10), 27.84, "on_track", false}, {"2023-07", p(10), 40, "lagging", false}}}, // June: 17.84 ≤ 20
		// 1.4 就业中心, left blank in June and July: May's 15; July 40 − 15 = 25 > 20.
		{id: "1.4", progress: p(15), expected: 40, status: "lagging", history: []histWant{
			{"2023-05", p(15), 16.08, "on_track", true}, {"2023-06", p(15), 27.84, "on_track", false}, {"2023-07", p(15), 40, "lagging", false}}}, // June: 12.84
		// 1.5 就业中心: July's later file (更正, 70) carries, not 初报's 60.
		{id: "1.5", progress: p(70), expected: 40, status: "on_track", history: []histWant{
			{"2023-05", p(30), 16.08, "on_track", true}, {"2023-06", p(45), 27.84, "on_track", true}, {"2023-07", p(70), 40, "on_track", true}}},
		// 1.6 劳动保障监察大队: its only file is an .xls: never reported.
		{id: "1.6", progress: nil, expected: 40, status: "no_report", history: []histWant{
			{"2023-05", nil, 16.08, "no_report", false}, {"2023-06", nil, 27.84, "no_report", false}, {"2023-07", nil, 40, "no_report", false}}},
		// 2.1 仲裁院, due 2023-05-31: as of May the deadline day is the as-of
		// date: 90, not done, overdue; 100 已完成 from June.
		{id: "2.1", progress: p(100), expected: 100, status: "done", history: []histWant{
			{"2023-05", p(90), 100, "overdue", true}, {"2023-06", p(100), 100, "done", true}, {"2023-07", p(100), 100, "done", true}}},
		// 3.1 就业和劳动关系股 (never) + 仲裁院, due 2023-08-31: 仲裁院's alone.
		{id: "3.1", progress: p(60), expected: 76.69, status: "on_track", history: []histWant{
			{"2023-05", p(30), 30.83, "on_track", true}, {"2023-06", p(50), 53.38, "on_track", true}, {"2023-07", p(60), 76.69, "on_track", true}}}, // 16.69 behind; 31 days left
		// 3.2 劳动保障监察大队: never reported.
		{id: "3.2", progress: nil, expected: 76.69, status: "no_report", history: []histWant{
			{"2023-05", nil, 30.83, "no_report", false}, {"2023-06", nil, 53.38, "no_report", false}, {"2023-07", nil, 76.69, "no_report", false}}},
		// 3.3 政策法规股 + 信息中心 (a blank template in June: never reported):
		// June's 50 stands in July: 76.69 − 50 = 26.69 > 20.
		{id: "3.3", progress: p(50), expected: 76.69, status: "lagging", history: []histWant{
			{"2023-05", p(30), 30.83, "on_track", true}, {"2023-06", p(50), 53.38, "on_track", true}, {"2023-07", p(50), 76.69, "lagging", false}}},
		// 3.4 仲裁院.
		{id: "3.4", progress: p(60), expected: 76.69, status: "on_track", history: []histWant{
			{"2023-05", p(40), 30.83, "on_track", true}, {"2023-06", p(55), 53.38, "on_track", true}, {"2023-07", p(60), 76.69, "on_track", true}}},
		// 3.5 就业和劳动关系股 (never) + 就业中心.
		{id: "3.5", progress: p(75), expected: 76.69, status: "on_track", history: []histWant{
			{"2023-05", p(40), 30.83, "on_track", true}, {"2023-06", p(55), 53.38, "on_track", true}, {"2023-07", p(75), 76.69, "on_track", true}}},
		// 3.6 就业中心: 100 已完成 from June.
		{id: "3.6", progress: p(100), expected: 76.69, status: "done", history: []histWant{
			{"2023-05", p(50), 30.83, "on_track", true}, {"2023-06", p(100), 53.38, "done", true}, {"2023-07", p(100), 76.69, "done", true}}},
		// 3.7 就业中心: July's carrying file says 滞后 (70 is only 6.69 behind).
		{id: "3.7", progress: p(70), expected: 76.69, status: "lagging", history: []histWant{
			{"2023-05", p(60), 30.83, "on_track", true}, {"2023-06", p(65), 53.38, "on_track", true}, {"2023-07", p(70), 76.69, "lagging", true}}},
		// 4.1 政策法规股, due 2023-06-30: 30 days after 05-31, due soon; done in
		// June, and still done in July with no file from its lead.
		{id: "4.1", progress: p(100), expected: 100, status: "done", history: []histWant{
			{"2023-05", p(50), 57.75, "due_soon", true}, {"2023-06", p(100), 100, "done", true}, {"2023-07", p(100), 100, "done", false}}}, // May: 7.75 behind
		// 4.2 政策法规股, due 2023-08-31: June's 50 stands: 26.69 behind in July.
		{id: "4.2", progress: p(50), expected: 76.69, status: "lagging", history: []histWant{
			{"2023-05", p(30), 30.83, "on_track", true}, {"2023-06", p(50), 53.38, "on_track", true}, {"2023-07", p(50), 76.69, "lagging", false}}},
	}
	for i := range ws {
		ws[i].reported = ws[i].history[2].reported
	}
	c.checkTaskWants(s, ws)
	for st, n := range map[string]int{"done": 3, "overdue": 0, "no_report": 2, "lagging": 5, "due_soon": 0, "on_track": 6} {
		c.eq("task_counts."+st, s.TaskCounts[st], n)
	}
	cats := []struct {
		name   string
		total  int
		counts map[string]int
	}{
		{"降低成本行动", 6, map[string]int{"on_track": 3, "lagging": 2, "no_report": 1}},            // 1.1 1.2 1.5; 1.3 1.4; 1.6
		{"复制提升行动", 1, map[string]int{"done": 1}},                                              // 2.1
		{"创新示范行动", 7, map[string]int{"on_track": 3, "no_report": 1, "lagging": 2, "done": 1}}, // 3.1 3.4 3.5; 3.2; 3.3 3.7; 3.6
		{"优化提升行动", 2, map[string]int{"done": 1, "lagging": 1}},                                // 4.1; 4.2
	}
	c.eq("len(categories)", len(s.Categories), len(cats))
	for i, w := range cats {
		if i >= len(s.Categories) {
			break
		}
		g := s.Categories[i]
		c.eq(w.name+".name", g.Name, w.name)
		c.eq(w.name+".total", g.Total, w.total)
		for _, st := range []string{"done", "overdue", "no_report", "lagging", "due_soon", "on_track"} {
			c.eq(w.name+".counts."+st, g.Counts[st], w.counts[st])
		}
	}
}

func (c *indChecker) checkSeedRectifications(s indSummary) {
	// Every deadline is 2023-06-30, before the as-of date 2023-07-31.
	ws := []rectWant{
		// 就业中心: 已整改 in June (its file of 06-25, no 完成整改时间), 已销号 in July.
		{"ZG-01", "closed", indPct(100), false, "2023-06-25", false},
		// 就业和劳动关系股 never reported: counts 未整改, the least advanced;
		// progress the mean of those that gave one (就业中心's 100); overdue.
		{"ZG-02", "not_started", indPct(100), true, "", false},
		// 仲裁院: 已整改 in July, 完成整改时间 07-05: after the deadline.
		{"ZG-03", "rectified", indPct(100), false, "2023-07-05", true},
		// 就业和劳动关系股: never reported.
		{"ZG-04", "not_started", nil, true, "", false},
		// 就业中心: 已整改 in May with 完成整改时间 05-18, then 已销号.
		{"ZG-05", "closed", indPct(100), false, "2023-05-18", false},
		// 人才中心's only file is used for neither month: never reported.
		{"ZG-06", "not_started", nil, true, "", false},
	}
	c.checkRectWants(s, ws)
	for _, g := range s.Rectifications {
		c.eq("rectification "+g.ID+".deadline", g.Deadline, "2023-06-30")
	}
}

// rectWant is a rectification's figures as worked out by hand.
type rectWant struct {
	id, status  string
	progress    *float64
	overdue     bool
	rectifiedOn string // "" for null
	late        bool
}

func (c *indChecker) checkRectWants(s indSummary, ws []rectWant) {
	c.eq("len(rectifications)", len(s.Rectifications), len(ws))
	for i, w := range ws {
		if i >= len(s.Rectifications) {
			break
		}
		g := s.Rectifications[i]
		f := "rectification " + w.id + "."
		c.eq(f+"id", g.ID, w.id)
		c.eq(f+"status", g.Status, w.status)
		c.nump(f+"progress", g.Progress, w.progress)
		c.eq(f+"overdue", g.Overdue, w.overdue)
		on := ""
		if g.RectifiedOn != nil {
			on = *g.RectifiedOn
		}
		c.eq(f+"rectified_on", on, w.rectifiedOn)
		c.eq(f+"late", g.Late, w.late)
	}
}

func (c *indChecker) checkSeedReadiness(s indSummary) {
	r := s.Readiness
	// The cycle holding July 2023: 2022-09-01 … 2023-08-31 (364 days);
	// 2023-07-31 → 08-31: 31 days left.
	c.eq("readiness.cycle_start", r.CycleStart, "2022-09-01")
	c.eq("readiness.cycle_end", r.CycleEnd, "2023-08-31")
	c.eq("readiness.days_left", r.DaysLeft, 31)
	// Latest readiness by indicator (never reported: 0):
	//   May:  E01 30, E02 20, E03 (40 + 20)/2 = 30, E04 50, E07 40, E08 30, E09 30, E12 20
	//   June: E01 50, E02 40, E03 (60 + 20)/2 = 40, E04 60, E07 60, E08 50, E09 30, E12 20
	//   July: E01 70, E02 60, E03 (80 + 20)/2 = 50, E04 70, E07 60, E08 50, E09 30, E12 20
	// (July: 就业中心's later file; 结算中心's 20 and 30 and 职业能力建设股's 20
	// from May stand; 人才中心's file is not used.)
	// Areas: 就业服务 E01–E03, 劳动关系 E04–E06, 政务服务 E07–E09, 人才流动 E10–E12.
	type mw struct {
		month  string
		target float64 // 100 × days from 2022-09-01 to the month's last day / 364
		index  *float64
		areas  []float64 // 就业服务, 劳动关系, 政务服务, 人才流动
	}
	p := indPct
	ws := []mw{
		{"2022-09", 7.97, nil, nil}, {"2022-10", 16.48, nil, nil}, {"2022-11", 24.73, nil, nil}, {"2022-12", 33.24, nil, nil},
		{"2023-01", 41.76, nil, nil}, {"2023-02", 49.45, nil, nil}, {"2023-03", 57.97, nil, nil}, {"2023-04", 66.21, nil, nil},
		{"2023-05", 74.73, p(20.83), []float64{26.67, 16.67, 33.33, 6.67}}, // 250/12; 80/3, 50/3, 100/3, 20/3
		{"2023-06", 82.97, p(29.17), []float64{43.33, 20, 46.67, 6.67}},    // 350/12; 130/3, 60/3, 140/3, 20/3
		{"2023-07", 91.48, p(34.17), []float64{60, 23.33, 46.67, 6.67}},    // 410/12; 180/3, 70/3, 140/3, 20/3
		{"2023-08", 100, nil, nil},                                         // after the as-of month
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
		c.eq(f+"len(areas)", len(g.Areas), 4)
		for j, a := range []string{"就业服务", "劳动关系", "政务服务", "人才流动"} {
			var want *float64
			if w.areas != nil {
				want = &w.areas[j]
			}
			c.nump(f+"areas."+a, g.Areas[a], want)
		}
	}
	want := map[string]*float64{"E01": p(70), "E02": p(60), "E03": p(50), "E04": p(70), "E05": nil, "E06": nil,
		"E07": p(60), "E08": p(50), "E09": p(30), "E10": nil, "E11": nil, "E12": p(20)}
	c.eq("len(indicators)", len(s.Indicators), len(want))
	for _, g := range s.Indicators {
		c.nump("indicator "+g.ID+".readiness", g.Readiness, want[g.ID])
	}
}

func (c *indChecker) checkSeedTargets(s indSummary) {
	type want struct {
		id    string
		value float64
		met   bool
	}
	ws := []want{
		{"1.2-1", 1, true},     // 结算中心 in May: 1 ≤ 1 (%)
		{"1.3-1", 3000, false}, // 职业能力建设股 in May: 3000 < 5000
		{"1.3-2", 3500, true},  // 3500 ≥ 3500
		{"1.3-3", 4000, false}, // 4000 < 5000
		{"1.5-1", 31, true},    // 就业中心's later July file: 31 ≥ 30 (初报 said 25)
		{"2.1-1", 97, true},    // 仲裁院 in July: 97 ≥ 95
	}
	c.eq("len(targets)", len(s.Targets), len(ws))
	for i, w := range ws {
		if i >= len(s.Targets) {
			break
		}
		g := s.Targets[i]
		c.eq("target "+w.id+".id", g.ID, w.id)
		c.nump("target "+w.id+".value", g.Value, indPct(w.value))
		c.eq("target "+w.id+".met", g.Met, w.met)
	}
}

func (c *indChecker) checkSeedSubmissions(s indSummary, p *domain.Plan) {
	type want struct {
		state, submitted string
		files            []string
		rejected         map[string]string // file → a phrase of its reason
	}
	f := func(m, unit string) []string { return []string{m + "/" + m + "_" + unit + ".xlsx"} }
	ws := map[string]want{
		"就业中心 2023-05":     {"on_time", "2023-05-20", f("2023-05", "就业中心"), nil},
		"就业中心 2023-06":     {"late", "2023-06-25", f("2023-06", "就业中心"), nil},
		"就业中心 2023-07":     {"on_time", "2023-07-20", []string{"2023-07/2023-07_就业中心.xlsx", "2023-07/2023-07_就业中心（初报）.xlsx"}, nil}, // the earliest decides
		"仲裁院 2023-05":      {"on_time", "2023-05-24", f("2023-05", "仲裁院"), nil},                                                    // on the due day
		"仲裁院 2023-06":      {"on_time", "2023-06-10", f("2023-06", "仲裁院"), nil},
		"仲裁院 2023-07":      {"late", "2023-07-25", f("2023-07", "仲裁院"), map[string]string{"2023-07/2023-07_仲裁院（空白）.xlsx": "没有填写任何内容"}},
		"政策法规股 2023-05":    {"on_time", "2023-05-15", f("2023-05", "政策法规股"), nil},
		"政策法规股 2023-06":    {"on_time", "2023-06-20", f("2023-06", "政策法规股"), nil},
		"结算中心 2023-05":     {"on_time", "2023-05-22", f("2023-05", "结算中心"), nil},
		"结算中心 2023-07":     {"invalid", "", nil, map[string]string{"2023-07/2023-07_结算中心.xlsx": "不是 Excel 工作簿"}},
		"职业能力建设股 2023-05":  {"on_time", "2023-05-23", f("2023-05", "职业能力建设股"), nil},
		"信息中心 2023-06":     {"invalid", "", nil, map[string]string{"2023-06/2023-06_信息中心.xlsx": "没有填写任何内容"}},
		"人才中心 2023-06":     {"invalid", "", nil, map[string]string{"2023-07/2023-07_人才中心.xlsx": "基本信息中的报送月份是 2023-06，文件名和所在文件夹名中是 2023-07"}},
		"人才中心 2023-07":     {"invalid", "", nil, map[string]string{"2023-07/2023-07_人才中心.xlsx": "基本信息中的报送月份是 2023-06，文件名和所在文件夹名中是 2023-07"}},
		"劳动保障监察大队 2023-06": {"invalid", "", nil, map[string]string{"2023-06/2023-06_劳动保障监察大队.xls": "不是 .xlsx 格式"}},
	}
	// Every other expected unit and month: missing.
	units := p.Expected()
	c.eq("len(expected units)", len(units), 25)
	c.eq("len(submissions)", len(s.Submissions), 25*3)
	for _, g := range s.Submissions {
		k := g.Unit + " " + g.Month
		w, ok := ws[k]
		if !ok {
			w = want{state: "missing"}
		}
		c.eq("submission "+k+".state", g.State, w.state)
		sub := ""
		if g.Submitted != nil {
			sub = *g.Submitted
		}
		c.eq("submission "+k+".submitted", sub, w.submitted)
		files := append([]string{}, g.Files...)
		sort.Strings(files)
		c.eq("submission "+k+".files", strings.Join(files, "|"), strings.Join(w.files, "|"))
		c.eq("submission "+k+".len(rejected)", len(g.Rejected), len(w.rejected))
		for _, r := range g.Rejected {
			phrase, ok := w.rejected[r.File]
			c.eq("submission "+k+".rejected "+r.File+" expected", ok, true)
			c.eq("submission "+k+".rejected "+r.File+" says "+phrase, strings.Contains(r.Reason, phrase) && r.Hint != "", true)
		}
	}
}

func (c *indChecker) checkSeedFindings(s indSummary) {
	// By file: its errors (a phrase of each, in order) and its number of
	// warnings, each one line of the form "N 行未填写：…" per sheet with
	// rows left blank.
	type want struct {
		errors   []string
		warnings int
	}
	ws := map[string]want{
		"2023-06/2023-06_就业中心.xlsx":     {nil, 1}, // 1.4 left blank
		"2023-07/2023-07_就业中心.xlsx":     {nil, 1},
		"2023-07/2023-07_就业中心（初报）.xlsx": {nil, 1},
		"2023-06/2023-06_劳动保障监察大队.xls":  {[]string{"不是 .xlsx 格式（.xls）"}, 0},
		"2023-07/2023-07_结算中心.xlsx":     {[]string{"不是 Excel 工作簿"}, 0},
		"2023-07/2023-07_人才中心.xlsx":     {[]string{"报送月份不一致（基本信息中的报送月份是 2023-06，文件名和所在文件夹名中是 2023-07），无法确定，本文件未计入"}, 0},
		"2023-06/2023-06_信息中心.xlsx":     {[]string{"表格中没有填写任何内容，本文件不算报送"}, 2}, // 重点任务, 评价准备
		"2023-07/2023-07_仲裁院（空白）.xlsx":  {[]string{"表格中没有填写任何内容，本文件不算报送"}, 4}, // 重点任务, 量化指标, 问题整改, 评价准备
	}
	got := map[string]want{}
	for _, f := range s.Findings {
		g := got[f.File]
		if f.Severity == "error" {
			g.errors = append(g.errors, f.Message)
		} else {
			g.warnings++
			if !strings.Contains(f.Message, "行未填写：") {
				c.t.Errorf("%s: warning %q; want only rows left blank", f.File, f.Message)
			}
		}
		got[f.File] = g
	}
	c.eq("files with findings", len(got), len(ws))
	for file, w := range ws {
		g := got[file]
		c.eq(file+" warnings", g.warnings, w.warnings)
		c.eq(file+" len(errors)", len(g.errors), len(w.errors))
		for i, phrase := range w.errors {
			if i < len(g.errors) && !strings.Contains(g.errors[i], phrase) {
				c.t.Errorf("%s: error %q; want it to say %q", file, g.errors[i], phrase)
			}
		}
	}
}
