package cli

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/plansite/plansite/internal/content"
	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/inbox"
	"github.com/plansite/plansite/internal/officetest"
	"github.com/plansite/plansite/internal/progress"
	"github.com/plansite/plansite/internal/workbook"
)

// templateSheet is a data sheet of a workbook as a clerk reads it: the row
// of column labels (the first row that holds idLabel) and below it, by
// id, each row's values and cells by label.
type templateSheet struct {
	ids    []string
	values map[string]map[string]string
	cells  map[string]map[string]string
}

func readTemplateSheet(t *testing.T, f *excelize.File, sheet, idLabel string) templateSheet {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatalf("%s: %v", sheet, err)
	}
	st := templateSheet{values: map[string]map[string]string{}, cells: map[string]map[string]string{}}
	header := slices.IndexFunc(rows, func(r []string) bool { return slices.Contains(r, idLabel) })
	if header < 0 {
		t.Fatalf("%s: no row with %s", sheet, idLabel)
	}
	labels := rows[header]
	idCol := slices.Index(labels, idLabel)
	for r := header + 1; r < len(rows); r++ {
		if idCol >= len(rows[r]) || rows[r][idCol] == "" {
			continue
		}
		id := rows[r][idCol]
		st.ids = append(st.ids, id)
		st.values[id], st.cells[id] = map[string]string{}, map[string]string{}
		for c, l := range labels {
			if c < len(rows[r]) {
				st.values[id][l] = rows[r][c]
			}
			st.cells[id][l], _ = excelize.CoordinatesToCellName(c+1, r+1)
		}
	}
	return st
}

// TestTemplateAfterMonthsOfReports is the template of a unit with months of
// reports behind it, tried as its clerk would: 就业中心's for 2023-12 from
// the example. It shows November's figures and texts in locked columns
// marked 上月 beside this month's; what 就业中心 has finished (tasks
// 已完成 or at 100, with their targets, and problems 已销号) is listed in a
// locked 已完成事项 and not asked for again; printed by LibreOffice, every
// page carries the unit and the month and each sheet's title, and the
// 报送方式 line stays whole on the first page; filled as 填报说明 says,
// it reads back with no finding, also after LibreOffice or Gnumeric saved
// it again.
func TestTemplateAfterMonthsOfReports(t *testing.T) {
	plan, err := content.Load("../../content")
	if err != nil {
		t.Fatal(err)
	}
	dec, nov := domain.MustMonth(2023, time.December), domain.MustMonth(2023, time.November)
	dir := t.TempDir()
	path := filepath.Join(dir, "2023-12_就业中心.xlsx")
	if code, stdout, stderr := run("template", "--content", "../../content", "--unit", "就业中心", "--month", "2023-12", "-o", path); code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}

	// November's report of 就业中心, as the build reads it: the example's
	// units hand in every row every month, so it is the latest of each.
	scan, err := inbox.Scan(context.Background(), plan, plan.Settings.Inbox, nil)
	if err != nil {
		t.Fatal(err)
	}
	var last *domain.Report
	for _, r := range progress.Carriers(scan.Reports, nov) {
		if r.Unit == "jyzx" && r.Month == nov {
			last = r
		}
	}
	if last == nil {
		t.Fatal("no November report of 就业中心 in the example")
	}
	finished := map[string]bool{}
	for _, r := range last.Tasks {
		if domain.Finished(r.State, r.Progress) {
			finished[r.TaskID] = true
			for _, tk := range plan.Tasks {
				if tk.ID == r.TaskID && tk.RoleOf("jyzx") == domain.RoleLead {
					for _, tg := range tk.Targets {
						finished[tg.ID] = true
					}
				}
			}
		}
	}
	for _, r := range last.Problems {
		if r.State == domain.RectClosed {
			finished[r.ProblemID] = true
		}
	}
	if len(finished) == 0 || len(finished) == len(last.Tasks)+len(last.Targets)+len(last.Problems) {
		t.Fatalf("the example gives 就业中心 %d finished items of %d: the test needs some of each", len(finished), len(last.Tasks)+len(last.Problems))
	}

	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(strings.NewReader(string(data)))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tasks := readTemplateSheet(t, f, workbook.SheetTasks, "任务编号")
	for _, r := range last.Tasks {
		open := slices.Contains(tasks.ids, r.TaskID)
		if open == finished[r.TaskID] {
			t.Errorf("task %s: on 重点任务 %v; finished in November %v", r.TaskID, open, finished[r.TaskID])
		}
		if !open {
			continue
		}
		row := tasks.values[r.TaskID]
		if want := strconv.FormatFloat(*r.Progress, 'f', -1, 64) + "%"; row["上月进度(%)"] != want || row["上月状态"] != r.State.Label() || row["上月工作进展"] != r.Done {
			t.Errorf("task %s: 上月 %q %q %q; want November's %q %q %q", r.TaskID, row["上月进度(%)"], row["上月状态"], row["上月工作进展"], want, r.State.Label(), r.Done)
		}
		if row["完成进度(%)"] != "" || row["推进状态"] != "" || row["本月工作进展"] != "" {
			t.Errorf("task %s: this month's cells pre-filled: %v", r.TaskID, row)
		}
	}
	indicators := readTemplateSheet(t, f, workbook.SheetIndicators, "评价指标编号")
	for _, r := range last.Indicators {
		if want := strconv.FormatFloat(*r.Readiness, 'f', -1, 64) + "%"; indicators.values[r.IndicatorID]["上月准备程度(%)"] != want {
			t.Errorf("indicator %s: 上月准备程度 %q; want %q", r.IndicatorID, indicators.values[r.IndicatorID]["上月准备程度(%)"], want)
		}
	}
	done := readTemplateSheet(t, f, workbook.SheetDone, "编号")
	if got, want := slices.Sorted(slices.Values(done.ids)), slices.Sorted(maps.Keys(finished)); !slices.Equal(got, want) {
		t.Errorf("已完成事项 lists %v; want %v", got, want)
	}
	if prot, err := f.GetSheetProtection(workbook.SheetDone); err != nil || !prot.SelectLockedCells {
		t.Errorf("已完成事项 is not protected: %+v %v", prot, err)
	}
	for _, id := range done.ids {
		for label, cell := range done.cells[id] {
			style, _ := f.GetCellStyle(workbook.SheetDone, cell)
			if st, _ := f.GetStyle(style); st == nil || st.Protection == nil || !st.Protection.Locked {
				t.Errorf("已完成事项 %s %s (%s) is open to input", id, label, cell)
			}
		}
	}

	// Printed.
	pdf := officetest.ToPDF(t, path)[0]
	pages := officetest.PageTexts(officetest.Text(t, pdf, false))
	if n, _, _ := officetest.Pages(t, pdf); n != len(pages) || n < 5 {
		t.Fatalf("%d pages, %d page texts", n, len(pages))
	}
	for i, page := range pages {
		text := officetest.Squeeze(page)
		if !strings.Contains(text, "就业中心") || !strings.Contains(text, "2023年12月") {
			t.Errorf("page %d lacks the unit or the month:\n%s", i+1, page)
		}
		if i > 1 && !strings.Contains(text, "12月进展报送表·") {
			t.Errorf("page %d lacks its sheet's title:\n%s", i+1, page)
		}
	}
	handIn := fmt.Sprintf("报送方式：填好后保存为.xlsx（不要另存为.xls或.et），文件名保持“2023-12_就业中心.xlsx”，放入%s，由%s汇总。", plan.Settings.HandInPlace(), plan.Settings.Coordinator)
	if !strings.Contains(officetest.Squeeze(pages[0]), handIn) {
		t.Errorf("the first page lacks the whole line %s:\n%s", handIn, pages[0])
	}

	// Filled as 填报说明 says: the white cells of every row, 基本信息's
	// three.
	want := map[string]map[string]string{} // id → label → what was typed
	type input struct {
		label string
		value any // as a clerk types it: a number, a date, a text
	}
	fill := func(sheet, idLabel string, values func(i int) []input) {
		st := readTemplateSheet(t, f, sheet, idLabel)
		for i, id := range st.ids {
			want[id] = map[string]string{}
			for _, in := range values(i) {
				if err := f.SetCellValue(sheet, st.cells[id][in.label], in.value); err != nil {
					t.Fatal(err)
				}
				want[id][in.label] = fmt.Sprint(in.value)
			}
		}
	}
	info := map[string]any{"填报人": "王五", "联系电话": "0710-6222222", "填报日期": time.Date(2023, 12, 20, 0, 0, 0, 0, time.UTC)}
	for r := 1; r <= 5; r++ {
		label, _ := f.GetCellValue(workbook.SheetInfo, fmt.Sprintf("A%d", r))
		if v, ok := info[label]; ok {
			if err := f.SetCellValue(workbook.SheetInfo, fmt.Sprintf("B%d", r), v); err != nil {
				t.Fatal(err)
			}
		}
	}
	fill(workbook.SheetTasks, "任务编号", func(i int) []input {
		return []input{{"完成进度(%)", 91 + i}, {"推进状态", "推进中"}, {"本月工作进展", fmt.Sprintf("十二月推进第%d项", i+1)}, {"存在问题", "无"}, {"下月工作计划", "继续推进"}}
	})
	fill(workbook.SheetIndicators, "评价指标编号", func(i int) []input {
		return []input{{"准备程度(%)", 96 + i}, {"情况说明", "迎评材料已齐备"}}
	})
	for _, s := range []string{workbook.SheetTargets, workbook.SheetProblems} {
		if idx, _ := f.GetSheetIndex(s); idx >= 0 && len(readTemplateSheet(t, f, s, map[string]string{workbook.SheetTargets: "指标编号", workbook.SheetProblems: "问题编号"}[s]).ids) > 0 {
			t.Fatalf("%s has rows to fill: the test fills only 重点任务 and 评价准备", s)
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	filled := filepath.Join(dir, "filled", "2023-12_就业中心.xlsx")
	if err := os.MkdirAll(filepath.Dir(filled), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filled, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	lo, gn := officetest.Resave(t, filled)
	reader := workbook.NewReader(workbook.SchemaOf(plan))
	for name, b := range map[string][]byte{"as filled": buf.Bytes(), "saved by LibreOffice": lo, "saved by Gnumeric": gn} {
		res := reader.ReadBytes(b, "2023-12/2023-12_就业中心.xlsx")
		if !res.Usable || len(res.Findings) > 0 || res.Report.Unit != "jyzx" || res.Report.Month != dec || res.Report.Reporter != "王五" {
			t.Errorf("%s: usable %v, unit %s, month %s, reporter %q, findings %v", name, res.Usable, res.Report.Unit, res.Report.Month, res.Report.Reporter, res.Findings)
			continue
		}
		var got []string
		for _, r := range res.Report.Tasks {
			got = append(got, fmt.Sprintf("%s %s %s %s", r.TaskID, strconv.FormatFloat(*r.Progress, 'f', -1, 64), r.State.Label(), r.Done))
		}
		for _, r := range res.Report.Indicators {
			got = append(got, fmt.Sprintf("%s %s %s", r.IndicatorID, strconv.FormatFloat(*r.Readiness, 'f', -1, 64), r.Note))
		}
		var exp []string
		for _, id := range tasks.ids {
			exp = append(exp, fmt.Sprintf("%s %s %s %s", id, want[id]["完成进度(%)"], want[id]["推进状态"], want[id]["本月工作进展"]))
		}
		for _, id := range indicators.ids {
			exp = append(exp, fmt.Sprintf("%s %s %s", id, want[id]["准备程度(%)"], want[id]["情况说明"]))
		}
		if !slices.Equal(got, exp) || len(res.Report.Problems)+len(res.Report.Targets) > 0 {
			t.Errorf("%s: read\n%s\nwant\n%s\n(and no problem or target row: %d)", name, strings.Join(got, "\n"), strings.Join(exp, "\n"), len(res.Report.Problems)+len(res.Report.Targets))
		}
	}
}

// TestTemplateAndTheInbox: template never writes into the inbox, where a
// blank workbook would be read as handed in; without an inbox it says so
// and writes workbooks with nothing of earlier months.
func TestTemplateAndTheInbox(t *testing.T) {
	content := copyContent(t)
	inboxDir := filepath.Join(content, "inbox")
	before := hashTree(t, inboxDir)
	for _, args := range [][]string{
		{"--unit", "就业中心", "-o", filepath.Join(inboxDir, "2023-12", "x.xlsx")},
		{"--all", "--dir", filepath.Join(inboxDir, "2023-12")},
		{"--unit", "就业中心", "--dir", inboxDir},
	} {
		code, _, stderr := run(append([]string{"template", "--content", content, "--month", "2023-12"}, args...)...)
		if code != 2 || !strings.Contains(stderr, "不能写入收件文件夹") {
			t.Errorf("template %v: exit %d, %s; want 2 and a refusal", args, code, stderr)
		}
	}
	if after := hashTree(t, inboxDir); !maps.Equal(after, before) {
		t.Error("the inbox changed")
	}
	path := filepath.Join(t.TempDir(), "t.xlsx")
	code, _, stderr := run("template", "--content", content, "--inbox", filepath.Join(t.TempDir(), "none"), "--unit", "就业中心", "--month", "2023-12", "-o", path)
	if code != 0 || !strings.Contains(stderr, "不存在") {
		t.Fatalf("without an inbox: exit %d, %s", code, stderr)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if idx, _ := f.GetSheetIndex(workbook.SheetDone); idx >= 0 {
		t.Error("已完成事项 written with no earlier report")
	}
	header, _ := f.GetRows(workbook.SheetTasks)
	if len(header) < 2 || slices.ContainsFunc(header[1], func(l string) bool { return strings.HasPrefix(l, "上月") }) {
		t.Errorf("重点任务 header %v; want no 上月 column", header)
	}
}
