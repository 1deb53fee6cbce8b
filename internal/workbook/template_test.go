package workbook

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/plansite/plansite/internal/domain"
)

var september = domain.MustMonth(2023, time.September)

// history is what 就业中心 handed in before September, one report a month
// (oldest first), and what it means for the September template:
//   - 1.1 finished in July (已完成, 100); August's row gives only a text,
//     which says nothing of being finished: finished since July;
//   - 1.5 (with its target 1.5-1) at 100 but still 推进中 in August:
//     finished (100 is finished) since August;
//   - 1.2 已完成 in June, taken up again in July at 60 and not reported in
//     August: open, last reported in July;
//   - 1.3 推进中 at 50 in August: open;
//   - ZG-01 已销号 in July: finished; ZG-02 已整改 in August: open (it
//     awaits closing); ZG-05 已销号 in June, 整改中 in July: open.
func history() []domain.Report {
	rep := func(m time.Month) domain.Report {
		return domain.Report{Unit: jyzx, Month: domain.MustMonth(2023, m)}
	}
	task := func(id string, p *float64, st domain.TaskState, done string) domain.TaskRow {
		return domain.TaskRow{TaskID: id, Progress: p, State: st, Done: done}
	}
	jun, jul, aug := rep(time.June), rep(time.July), rep(time.August)
	jun.Tasks = []domain.TaskRow{task("1.1", ptr(80), domain.TaskInProgress, "六月工作"), task("1.2", ptr(100), domain.TaskDone, "已完成")}
	jun.Problems = []domain.ProblemRow{{ProblemID: "ZG-05", State: domain.RectClosed, Progress: ptr(100)}}
	jul.Tasks = []domain.TaskRow{task("1.1", ptr(100), domain.TaskDone, "全部完成"), task("1.2", ptr(60), domain.TaskInProgress, "发现新情况，继续推进")}
	jul.Problems = []domain.ProblemRow{
		{ProblemID: "ZG-01", State: domain.RectClosed, Progress: ptr(100), Measures: "已销号", DoneOn: domain.MustDate(2023, time.June, 25)},
		{ProblemID: "ZG-05", State: domain.RectInProgress, Progress: ptr(70), Measures: "复查发现反弹"},
	}
	aug.Tasks = []domain.TaskRow{
		task("1.1", nil, "", "巩固成果"),
		task("1.3", ptr(50), domain.TaskInProgress, "八月推进"),
		task("1.5", ptr(100), domain.TaskInProgress, "招聘活动已办满"),
	}
	aug.Targets = []domain.TargetRow{{TargetID: "1.5-1", Value: ptr(33)}}
	aug.Problems = []domain.ProblemRow{{ProblemID: "ZG-02", State: domain.RectDone, Progress: ptr(100)}}
	aug.Indicators = []domain.IndicatorRow{{IndicatorID: "E01", Readiness: ptr(60), Note: "自评完成"}}
	return []domain.Report{jun, jul, aug}
}

func mustOpen(tb testing.TB, data []byte) *excelize.File {
	tb.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { f.Close() })
	return f
}

// table is a data sheet of a template as a person reads it: the header
// row's labels and, by id, each row's cells by label.
type table struct {
	labels []string
	rows   map[string]map[string]string
	ids    []string
	cell   map[string]map[string]string // id → label → A1 name
}

func readTable(t *testing.T, f *excelize.File, sheet string) table {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatalf("%s: %v", sheet, err)
	}
	tb := table{rows: map[string]map[string]string{}, cell: map[string]map[string]string{}}
	if len(rows) < headerRow {
		t.Fatalf("%s has %d rows", sheet, len(rows))
	}
	tb.labels = rows[headerRow-1]
	for r := headerRow; r < len(rows); r++ {
		if len(rows[r]) == 0 || rows[r][0] == "" {
			continue
		}
		id := rows[r][0]
		tb.ids = append(tb.ids, id)
		tb.rows[id], tb.cell[id] = map[string]string{}, map[string]string{}
		for c, l := range tb.labels {
			if c < len(rows[r]) {
				tb.rows[id][l] = rows[r][c]
			}
			tb.cell[id][l], _ = excelize.CoordinatesToCellName(c+1, r+1)
		}
	}
	return tb
}

// TestReferencesNeverRead: the reference columns of last month's figures
// and texts are never read as this month's, whatever happens to the
// columns beside them.
func TestReferencesNeverRead(t *testing.T) {
	for _, s := range dataSheets {
		for _, r := range s.references {
			if !strings.HasPrefix(r.label, "上月") {
				t.Errorf("%s: reference %q does not say it is last month's", s.name, r.label)
			}
			for _, other := range dataSheets {
				if key, ok := columnKeys[other.name][labelKey(r.label)]; ok {
					t.Errorf("reference %q of %s is read as column %s of %s", r.label, s.name, key, other.name)
				}
			}
		}
		if labelKey(s.name) == labelKey(SheetDone) || slices.ContainsFunc(s.aliases, func(a string) bool { return labelKey(a) == labelKey(SheetDone) }) {
			t.Errorf("%s is read as %s", SheetDone, s.name)
		}
	}
	p := mustPlan(t)
	var buf bytes.Buffer
	must(t, Template(&buf, p, jyzx, september, history(), nil))
	blank := buf.Bytes()
	// The blank template shows August's figures, and is still a template
	// handed in with nothing filled in.
	if got := readTable(t, mustOpen(t, blank), SheetTasks).rows["1.3"]["上月进度(%)"]; got != "50%" {
		t.Fatalf("上月进度 of 1.3 = %q; want 50%%", got)
	}
	res := NewReader(SchemaOf(p)).ReadBytes(blank, "2023-09_就业中心.xlsx")
	if res.Usable || len(res.Report.Tasks)+len(res.Report.Problems)+len(res.Report.Indicators) > 0 {
		t.Errorf("blank template with last month's figures read as a report: usable %v, %s", res.Usable, dump(res.Report))
	}
	// With this month's 完成进度 column deleted, the progress is missing,
	// not taken from 上月进度 beside it.
	data := edit(t, blank, func(f *excelize.File) {
		tb := readTable(t, f, SheetTasks)
		col := strings.TrimRight(tb.cell["1.3"]["完成进度(%)"], "0123456789")
		must(t, f.RemoveCol(SheetTasks, col))
		must(t, f.SetCellStr(SheetTasks, tb.cell["1.3"]["推进状态"], "推进中"))
	})
	res = NewReader(SchemaOf(p)).ReadBytes(data, "2023-09_就业中心.xlsx")
	if len(res.Report.Tasks) != 1 || res.Report.Tasks[0].TaskID != "1.3" || res.Report.Tasks[0].Progress != nil {
		t.Errorf("without 完成进度: %s; want 1.3 with no progress", dump(res.Report))
	}
	missing := false
	for _, f := range res.Findings {
		missing = missing || strings.Contains(f.Message, "缺少“完成进度(%)”列")
	}
	if !missing {
		t.Errorf("no finding for the deleted column: %v", res.Findings)
	}
}

// TestFinishedItems: what a unit has finished leaves its sheets for a
// locked 已完成事项 that needs no input; the rest shows last month's word
// beside this month's cells; filled as 填报说明 says, the workbook reads
// back with no finding; and a finished item taken up again in a blank row
// is read.
func TestFinishedItems(t *testing.T) {
	p := mustPlan(t)
	var buf bytes.Buffer
	must(t, Template(&buf, p, jyzx, september, history(), nil))
	blank := buf.Bytes()
	f := mustOpen(t, blank)

	tasks := readTable(t, f, SheetTasks)
	for _, id := range []string{"1.1", "1.5"} {
		if slices.Contains(tasks.ids, id) {
			t.Errorf("finished task %s is still to fill in: %v", id, tasks.ids)
		}
	}
	for _, id := range []string{"1.2", "1.3", "1.4"} {
		if !slices.Contains(tasks.ids, id) {
			t.Errorf("open task %s is missing: %v", id, tasks.ids)
		}
	}
	for id, want := range map[string][2]string{
		"1.2": {"60%（2023年7月）", "推进中（2023年7月）"}, // not reported in August: said with its month
		"1.3": {"50%", "推进中"},
		"1.4": {"", ""},
	} {
		if got := [2]string{tasks.rows[id]["上月进度(%)"], tasks.rows[id]["上月状态"]}; got != want {
			t.Errorf("%s: 上月进度, 上月状态 = %q; want %q", id, got, want)
		}
	}
	if got := tasks.rows["1.2"]["上月工作进展"]; got != "（2023年7月）发现新情况，继续推进" {
		t.Errorf("1.2: 上月工作进展 = %q", got)
	}
	// Every 上月 cell is locked; every cell of this month is open.
	for _, id := range tasks.ids {
		for label, cell := range tasks.cell[id] {
			locked := cellLocked(t, f, SheetTasks, cell)
			if want := !isInput(SheetTasks, label); locked != want {
				t.Errorf("%s %s (%s): locked %v; want %v", id, label, cell, locked, want)
			}
		}
	}
	problems := readTable(t, f, SheetProblems)
	if want := []string{"ZG-02", "ZG-05"}; !slices.Equal(problems.ids, want) {
		t.Errorf("问题整改 rows %v; want %v (ZG-01 is closed)", problems.ids, want)
	}
	if got := problems.rows["ZG-02"]["整改时限"]; got != p.Problems[1].Deadline.Label() {
		t.Errorf("整改时限 of ZG-02 = %q; want %q", got, p.Problems[1].Deadline.Label())
	}
	// 量化指标 held only 1.5-1, which left with its task: the sheet stays,
	// with blank rows to take it up again and a title that says so.
	title, _ := f.GetCellValue(SheetTargets, "A1")
	if targets := readTable(t, f, SheetTargets); len(targets.ids) != 0 || !strings.Contains(title, "本表各项均已完成") {
		t.Errorf("量化指标: rows %v, title %q", targets.ids, title)
	}

	// 已完成事项: the finished items with the month each was reported
	// finished and its last report, every cell locked.
	rows, err := f.GetRows(SheetDone)
	must(t, err)
	var done []string
	for _, r := range rows[3:] {
		done = append(done, strings.Join(r[:5], " "))
	}
	want := []string{
		"重点任务 1.1 扩大“免证明”应用领域 2023年7月 2023年8月",
		"重点任务 1.5 开展就业服务活动 2023年8月 2023年8月",
		"量化指标 1.5-1 线上线下招聘活动 2023年8月 2023年8月",
		"整改问题 ZG-01 " + p.Problems[0].Title + " 2023年7月 2023年7月",
	}
	if !slices.Equal(done, want) {
		t.Errorf("已完成事项:\n%s\nwant\n%s", strings.Join(done, "\n"), strings.Join(want, "\n"))
	}
	if !strings.Contains(rows[3][5], "已完成") || !strings.Contains(rows[3][5], "巩固成果") {
		t.Errorf("1.1's last report in 已完成事项: %q", rows[3][5])
	}
	if prot, err := f.GetSheetProtection(SheetDone); err != nil || !prot.SelectLockedCells || prot.InsertRows {
		t.Errorf("%s not protected against input: %+v, %v", SheetDone, prot, err)
	}
	for r := range rows {
		for c := range rows[r] {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if !cellLocked(t, f, SheetDone, cell) {
				t.Errorf("已完成事项!%s is open to input", cell)
			}
		}
	}

	// Filled as 填报说明 says (this month's cells only), it reads back with
	// no finding, as exactly what was filled: nothing of last month's.
	fill := &domain.Report{Unit: jyzx, Month: september, Reporter: "李四", Phone: "0710-6222222", FilledOn: domain.MustDate(2023, time.September, 20)}
	for i, id := range tasks.ids {
		fill.Tasks = append(fill.Tasks, domain.TaskRow{TaskID: id, Role: p.Tasks[taskIndex(p, id)].RoleOf(jyzx), Progress: ptr(float64(55 + i)), State: domain.TaskInProgress, Done: "九月工作" + id, Issues: "无", Next: "十月计划"})
	}
	fill.Problems = []domain.ProblemRow{{ProblemID: "ZG-02", State: domain.RectClosed, Progress: ptr(100), Measures: "已销号", DoneOn: domain.MustDate(2023, time.September, 10)}, {ProblemID: "ZG-05", State: domain.RectInProgress, Progress: ptr(80), Measures: "整改中"}}
	for _, it := range itemsFor(p, indicatorSheet, jyzx) {
		fill.Indicators = append(fill.Indicators, domain.IndicatorRow{IndicatorID: it.id, Readiness: ptr(70), Note: "九月说明"})
	}
	buf.Reset()
	must(t, Template(&buf, p, jyzx, september, history(), fill))
	res := NewReader(SchemaOf(p)).ReadBytes(buf.Bytes(), "2023-09_就业中心.xlsx")
	if !res.Usable || len(res.Findings) > 0 {
		t.Fatalf("filled as instructed: usable %v, findings %v", res.Usable, res.Findings)
	}
	assertSame(t, res.Report, *fill)

	// 1.5 taken up again in a blank row below the table: read, with no
	// finding.
	again := edit(t, buf.Bytes(), func(f *excelize.File) {
		tb := readTable(t, f, SheetTasks)
		last := tb.cell[tb.ids[len(tb.ids)-1]]
		next := func(label string) string {
			col, row, _ := excelize.CellNameToCoordinates(last[label])
			name, _ := excelize.CoordinatesToCellName(col, row+1)
			return name
		}
		must(t, f.SetCellStr(SheetTasks, next("任务编号"), "1.5"))
		must(t, f.SetCellStr(SheetTasks, next("重点任务"), "开展就业服务活动"))
		must(t, f.SetCellInt(SheetTasks, next("完成进度(%)"), 90))
		must(t, f.SetCellStr(SheetTasks, next("推进状态"), "推进中"))
		must(t, f.SetCellStr(SheetTasks, next("本月工作进展"), "新增招聘任务"))
	})
	res = NewReader(SchemaOf(p)).ReadBytes(again, "2023-09_就业中心.xlsx")
	reopened := slices.IndexFunc(res.Report.Tasks, func(r domain.TaskRow) bool { return r.TaskID == "1.5" })
	if len(res.Findings) > 0 || reopened < 0 || pstr(res.Report.Tasks[reopened].Progress) != "90" || res.Report.Tasks[reopened].State != domain.TaskInProgress {
		t.Errorf("1.5 taken up again: findings %v, report %s", res.Findings, dump(res.Report))
	}
}

// TestNothingLeftToFill: a unit that has finished everything gets every
// row as before (it hands in a workbook every month), and no 已完成事项.
func TestNothingLeftToFill(t *testing.T) {
	p := mustPlan(t)
	u := domain.UnitID("bcjd") // 北城街道人社中心: tasks it cooperates on, nothing else
	rep := domain.Report{Unit: u, Month: domain.MustMonth(2023, time.August)}
	for _, it := range itemsFor(p, taskSheet, u) {
		rep.Tasks = append(rep.Tasks, domain.TaskRow{TaskID: it.id, Progress: ptr(100), State: domain.TaskDone})
	}
	for _, it := range itemsFor(p, problemSheet, u) {
		rep.Problems = append(rep.Problems, domain.ProblemRow{ProblemID: it.id, State: domain.RectClosed})
	}
	if len(itemsFor(p, indicatorSheet, u)) > 0 {
		t.Fatalf("%s has indicators: pick a unit with none", u)
	}
	var buf bytes.Buffer
	must(t, Template(&buf, p, u, september, []domain.Report{rep}, nil))
	f := mustOpen(t, buf.Bytes())
	if idx, _ := f.GetSheetIndex(SheetDone); idx >= 0 {
		t.Errorf("%s written for a unit with nothing else to fill in", SheetDone)
	}
	if got, want := len(readTable(t, f, SheetTasks).ids), len(itemsFor(p, taskSheet, u)); got != want {
		t.Errorf("%d task rows; want all %d", got, want)
	}
}

// TestTemplatePages: every sheet prints on A4 with the unit and month in
// its page header and the page number in its footer; each data sheet
// repeats its title and header rows on every page; the sheets let a unit
// insert columns, as 填报说明 says, and nothing in the workbook sends a
// unit to plansite, which units do not run.
func TestTemplatePages(t *testing.T) {
	p := mustPlan(t)
	var buf bytes.Buffer
	must(t, Template(&buf, p, jyzx, september, history(), nil))
	f := mustOpen(t, buf.Bytes())
	names := map[string]bool{}
	for _, d := range f.GetDefinedName() {
		names[d.Name+" "+d.Scope+" "+d.RefersTo] = true
	}
	guide, err := f.GetCols(SheetGuide)
	must(t, err)
	if text := strings.Join(guide[0], "\n"); !strings.Contains(text, "可插入列") || !strings.Contains(text, "上月") || !strings.Contains(text, SheetDone) {
		t.Errorf("填报说明 does not say what the workbook allows and shows:\n%s", text)
	}
	for _, s := range f.GetSheetList() {
		hf, err := f.GetHeaderFooter(s)
		must(t, err)
		if !strings.Contains(hf.OddHeader, "就业中心") || !strings.Contains(hf.OddHeader, "2023年9月") || !strings.Contains(hf.OddFooter, "&P") {
			t.Errorf("%s: header %q, footer %q", s, hf.OddHeader, hf.OddFooter)
		}
		layout, err := f.GetPageLayout(s)
		must(t, err)
		if layout.Size == nil || *layout.Size != 9 || layout.FitToWidth == nil || *layout.FitToWidth != 1 {
			t.Errorf("%s: not A4 fitted to the width: %+v", s, layout)
		}
		rows, err := f.GetRows(s)
		must(t, err)
		for _, r := range rows {
			for _, v := range r {
				if strings.Contains(strings.ToLower(v), "plansite") {
					t.Errorf("%s: %q", s, v)
				}
			}
		}
		if s == SheetGuide || s == SheetInfo {
			continue
		}
		if !names["_xlnm.Print_Titles "+s+" '"+s+"'!$1:$"+map[bool]string{true: "3", false: "2"}[s == SheetDone]] {
			t.Errorf("%s: title and header rows not repeated on every page: %v", s, names)
		}
		if title := rows[0][0]; !strings.Contains(title, "就业中心") || !strings.Contains(title, "9月") || !strings.Contains(title, s) {
			t.Errorf("%s: title %q", s, title)
		}
		if s == SheetDone {
			continue
		}
		prot, err := f.GetSheetProtection(s)
		must(t, err)
		if !prot.InsertColumns || !prot.InsertRows {
			t.Errorf("%s: protection %+v does not allow inserting columns and rows", s, prot)
		}
	}
}

// TestPreviousVersionTemplate: the templates plansite wrote before issue
// 19 (header in the first row, no title, no 整改时限, no reference
// columns) still read: filled, as what was filled; blank, as a template
// handed in with nothing filled in.
func TestPreviousVersionTemplate(t *testing.T) {
	p := mustPlan(t)
	filled, err := os.ReadFile(filepath.Join("testdata", "template-v1-filled.xlsx"))
	must(t, err)
	res := NewReader(SchemaOf(p)).ReadBytes(filled, "2023-06_就业中心.xlsx")
	if !res.Usable || len(res.Findings) > 0 {
		t.Fatalf("usable %v, findings %v", res.Usable, res.Findings)
	}
	assertSame(t, res.Report, *fillFor(p, jyzx))
	blank, err := os.ReadFile(filepath.Join("testdata", "template-v1-blank.xlsx"))
	must(t, err)
	res = NewReader(SchemaOf(p)).ReadBytes(blank, "2023-06_就业中心.xlsx")
	if res.Usable || !strings.Contains(res.Reason, "没有填写任何内容") {
		t.Errorf("blank: usable %v, reason %q", res.Usable, res.Reason)
	}
}

func taskIndex(p *domain.Plan, id string) int {
	return slices.IndexFunc(p.Tasks, func(t domain.Task) bool { return t.ID == id })
}

// isInput reports whether the column labelled label of sheet is one the
// unit fills.
func isInput(sheet, label string) bool {
	for _, s := range dataSheets {
		if s.name != sheet {
			continue
		}
		for _, c := range s.columns {
			if c.labels[0] == label {
				return c.input()
			}
		}
	}
	return false
}

func cellLocked(t *testing.T, f *excelize.File, sheet, cell string) bool {
	t.Helper()
	id, err := f.GetCellStyle(sheet, cell)
	must(t, err)
	st, err := f.GetStyle(id)
	must(t, err)
	return st.Protection == nil || st.Protection.Locked
}
