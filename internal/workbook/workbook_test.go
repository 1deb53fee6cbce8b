package workbook

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/plansite/plansite/internal/content"
	"github.com/plansite/plansite/internal/domain"
)

var (
	june  = domain.MustMonth(2023, time.June)
	jyzx  = domain.UnitID("jyzx") // 就业中心: tasks, a target, problems, indicators
	zynlj = domain.UnitID("zynljsg")
)

func mustPlan(tb testing.TB) *domain.Plan {
	tb.Helper()
	p, err := content.Load("../../content")
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

func ptr(v float64) *float64 { return &v }

// fillFor returns what a unit might write for every row of its template.
func fillFor(p *domain.Plan, u domain.UnitID) *domain.Report {
	rep := &domain.Report{Unit: u, Month: june, Reporter: "张三", Phone: "0710-6222222", FilledOn: domain.MustDate(2023, time.June, 20)}
	states := domain.TaskStates
	for i, it := range itemsFor(p, taskSheet, u) {
		rep.Tasks = append(rep.Tasks, domain.TaskRow{
			TaskID: it.id, Role: it.role, Progress: ptr(float64(10 + i*7)), State: states[i%len(states)],
			Done: "本月完成" + it.title + "相关工作。\n第二行：<b>不是标签</b>", Issues: "无", Next: "继续推进",
		})
	}
	for i, it := range itemsFor(p, targetSheet, u) {
		rep.Targets = append(rep.Targets, domain.TargetRow{TargetID: it.id, Value: ptr(float64(12 + i))})
	}
	for i, it := range itemsFor(p, problemSheet, u) {
		row := domain.ProblemRow{ProblemID: it.id, State: domain.RectStates[i%4], Progress: ptr(float64(25 * (i%4 + 1))), Measures: "制定整改方案，明确责任人。"}
		if i%2 == 0 {
			row.DoneOn = domain.MustDate(2023, time.June, 15+i)
		}
		rep.Problems = append(rep.Problems, row)
	}
	for i, it := range itemsFor(p, indicatorSheet, u) {
		rep.Indicators = append(rep.Indicators, domain.IndicatorRow{IndicatorID: it.id, Readiness: ptr(float64(40 + 5*i)), Note: "材料已收集"})
	}
	return rep
}

func mustTemplate(tb testing.TB, p *domain.Plan, u domain.UnitID, fill *domain.Report) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if err := Template(&buf, p, u, june, nil, fill); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// at is the cell of column key in the row of the i-th item (from 0) of
// data sheet name in a template made without earlier reports; i = -1 is
// the header's cell.
func at(name, key string, i int) string {
	for _, sh := range dataSheets {
		if sh.name != name {
			continue
		}
		for c, sl := range slots(sh, false) {
			if sl.ref == nil && sl.col.key == key {
				cell, _ := excelize.CoordinatesToCellName(c+1, firstRow+i)
				return cell
			}
		}
	}
	panic("no column " + key + " in " + name)
}

// strip drops what depends on the file rather than on what was filled.
func strip(r domain.Report) domain.Report {
	r.File, r.Hash, r.ModTime = "", "", time.Time{}
	for i := range r.Tasks {
		r.Tasks[i].Cell = ""
	}
	for i := range r.Targets {
		r.Targets[i].Cell = ""
	}
	for i := range r.Problems {
		r.Problems[i].Cell = ""
	}
	for i := range r.Indicators {
		r.Indicators[i].Cell = ""
	}
	return r
}

func assertSame(t *testing.T, got, want domain.Report) {
	t.Helper()
	if g, w := strip(got), strip(*copyReport(&want)); !reflect.DeepEqual(g, w) {
		t.Errorf("read back differs:\n got %s\nwant %s", dump(g), dump(w))
	}
}

func copyReport(r *domain.Report) *domain.Report {
	c := *r
	c.Tasks = append([]domain.TaskRow(nil), r.Tasks...)
	c.Targets = append([]domain.TargetRow(nil), r.Targets...)
	c.Problems = append([]domain.ProblemRow(nil), r.Problems...)
	c.Indicators = append([]domain.IndicatorRow(nil), r.Indicators...)
	return &c
}

func dump(r domain.Report) string {
	var b strings.Builder
	b.WriteString(r.Unit.String() + " " + r.Month.String() + " " + r.Reporter + " " + r.Phone + " " + r.FilledOn.String() + "\n")
	for _, t := range r.Tasks {
		b.WriteString("  task " + t.TaskID + " " + string(t.Role) + " " + pstr(t.Progress) + " " + string(t.State) + " " + t.Done + "|" + t.Issues + "|" + t.Next + "\n")
	}
	for _, t := range r.Targets {
		b.WriteString("  target " + t.TargetID + " " + pstr(t.Value) + "\n")
	}
	for _, p := range r.Problems {
		b.WriteString("  problem " + p.ProblemID + " " + string(p.State) + " " + pstr(p.Progress) + " " + p.DoneOn.String() + " " + p.Measures + "\n")
	}
	for _, in := range r.Indicators {
		b.WriteString("  indicator " + in.IndicatorID + " " + pstr(in.Readiness) + " " + in.Note + "\n")
	}
	return b.String()
}

func pstr(p *float64) string {
	if p == nil {
		return "nil"
	}
	return fmtNum(*p)
}

func errorsOf(fs []domain.Finding) []domain.Finding {
	var out []domain.Finding
	for _, f := range fs {
		if f.Severity == domain.Error {
			out = append(out, f)
		}
	}
	return out
}

func TestRoundTrip(t *testing.T) {
	p := mustPlan(t)
	for _, u := range []domain.UnitID{jyzx, zynlj, "bcjd", "zcfgg"} {
		t.Run(string(u), func(t *testing.T) {
			fill := fillFor(p, u)
			res := NewReader(SchemaOf(p)).ReadBytes(mustTemplate(t, p, u, fill), FileName(p, u, june))
			if !res.Usable || len(res.Findings) > 0 {
				t.Fatalf("usable %v, findings %v", res.Usable, res.Findings)
			}
			assertSame(t, res.Report, *fill)
		})
	}
}

func TestBlankTemplate(t *testing.T) {
	p := mustPlan(t)
	data := mustTemplate(t, p, jyzx, nil)
	// A template handed in with nothing filled in is not a report: it is
	// set aside, with its unit and month (it counts as 无效报送 for them)
	// and one error that says why.
	res := NewReader(SchemaOf(p)).ReadBytes(data, "2023-06/2023-06_就业中心.xlsx")
	if res.Usable || !slices.Equal(res.Units, []domain.UnitID{jyzx}) || !slices.Equal(res.Months, []domain.Month{june}) {
		t.Fatalf("blank template: usable %v, units %v, months %v; want set aside for 就业中心 2023-06", res.Usable, res.Units, res.Months)
	}
	errs := errorsOf(res.Findings)
	if len(res.Report.Tasks) != 0 || len(errs) != 1 || errs[0].Sheet != "" || !strings.Contains(errs[0].Message, "没有填写任何内容") {
		t.Errorf("blank template gave rows %v, errors %v; want no row and one error for the whole file", res.Report.Tasks, errs)
	}
	if !strings.Contains(res.Reason, "没有填写任何内容") || res.Hint == "" || errs[0].Unit != jyzx || errs[0].Month != june {
		t.Errorf("reason %q, hint %q, finding %+v; want the reason, what to do, and the finding on 就业中心 2023-06", res.Reason, res.Hint, errs[0])
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), ","); got != "填报说明,基本信息,重点任务,量化指标,问题整改,评价准备" {
		t.Errorf("sheets = %s", got)
	}
	// 职业能力建设股 has no problem: that sheet is left out.
	g, _ := excelize.OpenReader(bytes.NewReader(mustTemplate(t, p, zynlj, nil)))
	defer g.Close()
	if idx, _ := g.GetSheetIndex(SheetProblems); idx >= 0 {
		t.Error("a sheet with no rows was written")
	}
	// Id column is text; progress has a 0–100 check; state a drop-down.
	st, _ := f.GetCellStyle(SheetTasks, at(SheetTasks, "id", 0))
	style, _ := f.GetStyle(st)
	if style.CustomNumFmt == nil || *style.CustomNumFmt != "@" || style.Protection == nil || !style.Protection.Locked {
		t.Error("id cells are not locked text")
	}
	dvs, _ := f.GetDataValidations(SheetTasks)
	var kinds []string
	for _, dv := range dvs {
		kinds = append(kinds, dv.Type+":"+dv.Sqref)
	}
	if got := strings.Join(kinds, " "); !strings.Contains(got, "decimal:E3:E13") || !strings.Contains(got, "list:F3:F13") {
		t.Errorf("validations = %s", got)
	}
}

// edit applies fn to the workbook in data and returns the saved bytes.
func edit(t *testing.T, data []byte, fn func(f *excelize.File)) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, s := range f.GetSheetList() {
		_ = f.UnprotectSheet(s)
	}
	fn(f)
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestTolerances: what people do to a template still reads back exactly.
func TestTolerances(t *testing.T) {
	p := mustPlan(t)
	fill := fillFor(p, jyzx)
	data := mustTemplate(t, p, jyzx, fill)
	tasks := len(fill.Tasks)
	cases := map[string]func(f *excelize.File){
		"title row and blank rows": func(f *excelize.File) {
			must(t, f.InsertRows(SheetTasks, 1, 2))
			must(t, f.UnmergeCell(SheetTasks, "A3", "I3"))
			must(t, f.SetCellStr(SheetTasks, "A1", "就业中心2023年6月重点任务进展表"))
			must(t, f.MergeCell(SheetTasks, "A1", "I1"))
			must(t, f.InsertRows(SheetTasks, 6, 1))
			must(t, f.InsertRows(SheetIndicators, 1, 1))
		},
		"columns reordered and an extra column": func(f *excelize.File) {
			// Move 推进状态 (F) to the front and add a 备注 column.
			must(t, f.InsertCols(SheetTasks, "A", 1))
			for r := headerRow; r <= headerRow+tasks; r++ {
				v, _ := f.GetCellValue(SheetTasks, cell(t, "G", r))
				must(t, f.SetCellStr(SheetTasks, cell(t, "A", r), v))
				must(t, f.SetCellStr(SheetTasks, cell(t, "G", r), ""))
			}
			must(t, f.SetCellStr(SheetTasks, "G2", "备注"))
			must(t, f.InsertCols(SheetProblems, "B", 2))
		},
		"labels retyped": func(f *excelize.File) {
			must(t, f.SetCellStr(SheetTasks, at(SheetTasks, "progress", -1), "完成进度（％）"))
			must(t, f.SetCellStr(SheetTasks, at(SheetTasks, "id", -1), " 任务 编号 "))
			must(t, f.SetCellStr(SheetTasks, at(SheetTasks, "done", -1), "本月工作进展："))
			must(t, f.SetCellStr(SheetInfo, "A1", "填报单位："))
			must(t, f.SetCellStr(SheetIndicators, at(SheetIndicators, "readiness", -1), "准备程度(%)"))
		},
		"percent as text and as 0.8 formatted": func(f *excelize.File) {
			pct, _ := f.NewStyle(&excelize.Style{NumFmt: 9})
			for i, row := range fill.Tasks {
				c := at(SheetTasks, "progress", i)
				if i%2 == 0 {
					must(t, f.SetCellStr(SheetTasks, c, fmtNum(*row.Progress)+"%"))
				} else {
					must(t, f.SetCellFloat(SheetTasks, c, *row.Progress/100, -1, 64))
					must(t, f.SetCellStyle(SheetTasks, c, c, pct))
				}
			}
			must(t, f.SetCellStr(SheetIndicators, at(SheetIndicators, "readiness", 0), "４０％"))
		},
		"text-typed numbers and full-width digits": func(f *excelize.File) {
			must(t, f.SetCellStr(SheetTasks, at(SheetTasks, "progress", 0), "１０"))
			must(t, f.SetCellStr(SheetTargets, at(SheetTargets, "value", 0), "12"))
		},
		"dates in every spelling": func(f *excelize.File) {
			must(t, f.SetCellStr(SheetInfo, "B5", "2023年6月20日"))
			for i, row := range fill.Problems {
				if row.DoneOn.IsZero() {
					continue
				}
				c := at(SheetProblems, "done_on", i)
				d := row.DoneOn
				spell := []string{d.String(), strings.ReplaceAll(d.String(), "-", "/"), d.Label(), strings.ReplaceAll(d.String(), "-0", ".")}
				must(t, f.SetCellStr(SheetProblems, c, spell[i%len(spell)]))
			}
		},
		"month as a date cell": func(f *excelize.File) {
			must(t, f.SetCellValue(SheetInfo, "B2", time.Date(2023, 6, 1, 0, 0, 0, 0, time.UTC)))
		},
		"merged role cells": func(f *excelize.File) {
			// Two rows with the same role merged: the value belongs to both.
			must(t, f.MergeCell(SheetTasks, at(SheetTasks, "role", 0), at(SheetTasks, "role", 1)))
		},
		"sheets renamed": func(f *excelize.File) {
			must(t, f.SetSheetName(SheetTasks, "重点任务进展"))
			must(t, f.SetSheetName(SheetInfo, "基本信息 "))
		},
	}
	for name, fn := range cases {
		t.Run(name, func(t *testing.T) {
			res := NewReader(SchemaOf(p)).ReadBytes(edit(t, data, fn), "2023-06_就业中心.xlsx")
			if !res.Usable || len(errorsOf(res.Findings)) > 0 {
				t.Fatalf("usable %v, findings %v", res.Usable, res.Findings)
			}
			assertSame(t, res.Report, *fill)
		})
	}
}

func cell(t *testing.T, col string, row int) string {
	t.Helper()
	c, err := excelize.JoinCellName(col, row)
	must(t, err)
	return c
}

// TestBadValues: each mistake gives one finding naming its sheet and cell,
// and the good rows of the same file still count.
func TestBadValues(t *testing.T) {
	p := mustPlan(t)
	fill := fillFor(p, jyzx)
	data := mustTemplate(t, p, jyzx, fill)
	cases := []struct {
		name     string
		edit     func(f *excelize.File)
		sheet    string
		cell     string
		contains string
		lost     int // task rows that must not count
	}{
		{"progress 120%", func(f *excelize.File) { must(t, f.SetCellStr(SheetTasks, at(SheetTasks, "progress", 1), "120%")) }, SheetTasks, at(SheetTasks, "progress", 1), "120", 0},
		{"progress 八成", func(f *excelize.File) { must(t, f.SetCellStr(SheetTasks, at(SheetTasks, "progress", 2), "八成")) }, SheetTasks, at(SheetTasks, "progress", 2), "八成", 0},
		{"unknown state", func(f *excelize.File) { must(t, f.SetCellStr(SheetTasks, at(SheetTasks, "state", 0), "未知状态")) }, SheetTasks, at(SheetTasks, "state", 0), "未知状态", 0},
		{"unknown task id", func(f *excelize.File) {
			must(t, f.SetCellStr(SheetTasks, at(SheetTasks, "id", 3), "9.9"))
			must(t, f.SetCellStr(SheetTasks, at(SheetTasks, "title", 3), "不存在的任务"))
		}, SheetTasks, at(SheetTasks, "id", 3), "9.9", 1},
		{"id and title disagree", func(f *excelize.File) { must(t, f.SetCellStr(SheetTasks, at(SheetTasks, "id", 3), "1.5")) }, SheetTasks, at(SheetTasks, "id", 3), "不一致", 1},
		{"same task twice", func(f *excelize.File) {
			must(t, f.SetCellStr(SheetTasks, at(SheetTasks, "id", 1), "1.1"))
			must(t, f.SetCellStr(SheetTasks, at(SheetTasks, "title", 1), p.Tasks[0].Title))
		}, SheetTasks, at(SheetTasks, "id", 1), "两次", 1},
		{"unknown unit", func(f *excelize.File) { must(t, f.SetCellStr(SheetInfo, "B1", "不存在的中心")) }, SheetInfo, "B1", "不存在的中心", 0},
		{"bad date", func(f *excelize.File) {
			must(t, f.SetCellStr(SheetProblems, at(SheetProblems, "done_on", 0), "2023-02-30"))
		}, SheetProblems, at(SheetProblems, "done_on", 0), "2023-02-30", 0},
		{"error value", func(f *excelize.File) {
			must(t, f.SetCellStr(SheetIndicators, at(SheetIndicators, "readiness", 0), "#DIV/0!"))
		}, SheetIndicators, at(SheetIndicators, "readiness", 0), "#DIV/0!", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := NewReader(SchemaOf(p)).ReadBytes(edit(t, data, c.edit), "2023-06_就业中心.xlsx")
			errs := errorsOf(res.Findings)
			if len(errs) != 1 {
				t.Fatalf("%d errors; want 1: %v", len(errs), res.Findings)
			}
			e := errs[0]
			if e.Sheet != c.sheet || e.Cell != c.cell || !strings.Contains(e.Message, c.contains) || e.Hint == "" {
				t.Errorf("finding = %+v; want %s!%s mentioning %q with a hint", e, c.sheet, c.cell, c.contains)
			}
			if !res.Usable {
				t.Fatal("file set aside for one bad value")
			}
			if got, want := len(res.Report.Tasks), len(fill.Tasks)-c.lost; got != want {
				t.Errorf("%d task rows counted; want %d", got, want)
			}
		})
	}
}

// TestMangledIDs: an id Excel turned into a number or a date is matched by
// the title, with a warning; never put on the wrong task.
func TestMangledIDs(t *testing.T) {
	p := mustPlan(t)
	fill := fillFor(p, jyzx)
	data := mustTemplate(t, p, jyzx, fill)
	// The first row is 1.1, the fourth 1.4: write them as the number 1.1
	// and as a date.
	first, fourth := at(SheetTasks, "id", 0), at(SheetTasks, "id", 3)
	res := NewReader(SchemaOf(p)).ReadBytes(edit(t, data, func(f *excelize.File) {
		must(t, f.SetCellFloat(SheetTasks, first, 1.1, -1, 64))
		st, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
		must(t, f.SetCellValue(SheetTasks, fourth, time.Date(2023, 1, 4, 0, 0, 0, 0, time.UTC)))
		must(t, f.SetCellStyle(SheetTasks, fourth, fourth, st))
	}), "2023-06_就业中心.xlsx")
	if errs := errorsOf(res.Findings); len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	assertSame(t, res.Report, *fill)
	var dateWarn bool
	for _, f := range res.Findings {
		dateWarn = dateWarn || (f.Cell == fourth && strings.Contains(f.Message, "日期"))
	}
	if !dateWarn {
		t.Errorf("no warning for the id turned into a date: %v", res.Findings)
	}

	// A plan with task 1.10: its id stored as the number 1.1 must go to 1.10
	// by title, not to 1.1.
	p2 := mustPlan(t)
	p2.Tasks = append(p2.Tasks, domain.Task{ID: "1.10", Title: "第十项任务", Category: p2.Tasks[0].Category, Leads: []domain.UnitID{jyzx}, Deadline: p2.Tasks[0].Deadline})
	fill2 := fillFor(p2, jyzx)
	data2 := mustTemplate(t, p2, jyzx, fill2)
	res2 := NewReader(SchemaOf(p2)).ReadBytes(edit(t, data2, func(f *excelize.File) {
		rows, _ := f.GetRows(SheetTasks)
		for i, r := range rows {
			if len(r) > 0 && r[0] == "1.10" {
				must(t, f.SetCellFloat(SheetTasks, cell(t, "A", i+1), 1.1, -1, 64))
			}
		}
	}), "x.xlsx")
	if errs := errorsOf(res2.Findings); len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	assertSame(t, res2.Report, *fill2)
}

func TestFileNames(t *testing.T) {
	p := mustPlan(t)
	blank := func(f *excelize.File) {
		must(t, f.SetCellStr(SheetInfo, "B1", ""))
		must(t, f.SetCellStr(SheetInfo, "B2", ""))
	}
	data := edit(t, mustTemplate(t, p, jyzx, fillFor(p, jyzx)), blank)
	for _, name := range []string{"2023-06_就业中心.xlsx", "就业中心2023年6月.xlsx", "sub/2023年06月 就业中心（月报）.xlsx", "公共就业服务中心_2023.6.xlsx"} {
		res := NewReader(SchemaOf(p)).ReadBytes(data, name)
		if !res.Usable || res.Report.Unit != jyzx || res.Report.Month != june {
			t.Errorf("%s: unit %q month %v usable %v %v", name, res.Report.Unit, res.Report.Month, res.Usable, res.Findings)
		}
	}
	if res := NewReader(SchemaOf(p)).ReadBytes(data, "报送表.xlsx"); res.Usable || len(errorsOf(res.Findings)) != 1 {
		t.Errorf("a file with no unit anywhere was used: %+v", res)
	}
}

// TestNamesDisagree: a file whose 基本信息 names another month or unit than
// its file name or its folder's name is used for neither (an error, not a
// guess), and names both, so that it is shown under each.
func TestNamesDisagree(t *testing.T) {
	p := mustPlan(t)
	may, july := domain.MustMonth(2023, time.May), domain.MustMonth(2023, time.July)
	const zcfgg = domain.UnitID("zcfgg")
	good := mustTemplate(t, p, jyzx, fillFor(p, jyzx))
	setInfo := func(unit, month string) []byte {
		return edit(t, good, func(f *excelize.File) {
			must(t, f.SetCellStr(SheetInfo, "B1", unit))
			must(t, f.SetCellStr(SheetInfo, "B2", month))
		})
	}
	cases := []struct {
		name   string
		data   []byte
		rel    string
		units  []domain.UnitID
		months []domain.Month
		cell   string // sheet!cell of the error; "" for the whole file
		says   string // in the reason
	}{
		{"基本信息 says May, the file name June", setInfo("就业中心", "2023-05"), "2023-06_就业中心.xlsx",
			[]domain.UnitID{jyzx}, []domain.Month{may, june}, "基本信息!B2", "文件名中是 2023-06"},
		{"基本信息 says June, the folder July", good, "2023-07/就业中心.xlsx",
			[]domain.UnitID{jyzx}, []domain.Month{june, july}, "基本信息!B2", "所在文件夹名中是 2023-07"},
		{"基本信息 and the file name say June, the folder July", good, "2023年7月/2023-06_就业中心.xlsx",
			[]domain.UnitID{jyzx}, []domain.Month{june, july}, "基本信息!B2", "所在文件夹名中是 2023-07"},
		{"no month in 基本信息, the file name June, the folder July", setInfo("就业中心", ""), "2023/07/2023-06_就业中心.xlsx",
			[]domain.UnitID{jyzx}, []domain.Month{june, july}, "", "文件名中是 2023-06"},
		{"基本信息 says 政策法规股, the file name 就业中心", setInfo("政策法规股", "2023-06"), "2023-06_就业中心.xlsx",
			[]domain.UnitID{zcfgg, jyzx}, []domain.Month{june}, "基本信息!B1", "文件名中是“就业中心”"},
		{"基本信息 says 就业中心, the folder 政策法规股", good, "政策法规股/2023-06.xlsx",
			[]domain.UnitID{jyzx, zcfgg}, []domain.Month{june}, "基本信息!B1", "所在文件夹名中是“政策法规股”"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := NewReader(SchemaOf(p)).ReadBytes(c.data, c.rel)
			if res.Usable {
				t.Fatalf("%s was used as %s %s", c.rel, res.Report.Unit, res.Report.Month)
			}
			if !slices.Equal(res.Units, c.units) || !slices.Equal(res.Months, c.months) {
				t.Errorf("names units %v months %v; want %v %v", res.Units, res.Months, c.units, c.months)
			}
			errs := errorsOf(res.Findings)
			if len(errs) != 1 {
				t.Fatalf("errors %v; want one", errs)
			}
			where := ""
			if errs[0].Sheet != "" {
				where = errs[0].Sheet + "!" + errs[0].Cell
			}
			if where != c.cell || !strings.Contains(errs[0].Message, "本文件未计入") || !strings.Contains(res.Reason, c.says) || res.Hint == "" {
				t.Errorf("error at %q: %s (reason %q, hint %q); want at %q, saying %q", where, errs[0].Message, res.Reason, res.Hint, c.cell, c.says)
			}
		})
	}
	// Names that agree, wherever they are written, are one unit and month.
	for _, rel := range []string{"2023-06/2023-06_就业中心.xlsx", "2023年6月/就业中心/月报.xlsx", "2023/06/2023-06_就业中心.xlsx", "就业中心/2023-06_就业中心.xlsx"} {
		if res := NewReader(SchemaOf(p)).ReadBytes(good, rel); !res.Usable || res.Report.Unit != jyzx || res.Report.Month != june {
			t.Errorf("%s: usable %v as %s %s; want 就业中心 2023-06: %v", rel, res.Usable, res.Report.Unit, res.Report.Month, res.Findings)
		}
	}
}

// TestNothingRead: a file from which no row could be read — every sheet's
// header deleted, or no data sheet at all — is set aside with the reason.
func TestNothingRead(t *testing.T) {
	p := mustPlan(t)
	good := mustTemplate(t, p, jyzx, fillFor(p, jyzx))
	noHeaders := edit(t, good, func(f *excelize.File) {
		for _, s := range []string{SheetTasks, SheetTargets, SheetProblems, SheetIndicators} {
			must(t, f.RemoveRow(s, headerRow))
		}
	})
	noSheets := edit(t, good, func(f *excelize.File) {
		for _, s := range []string{SheetTasks, SheetTargets, SheetProblems, SheetIndicators} {
			must(t, f.DeleteSheet(s))
		}
	})
	for name, data := range map[string][]byte{"every header row deleted": noHeaders, "no data sheet": noSheets} {
		t.Run(name, func(t *testing.T) {
			res := NewReader(SchemaOf(p)).ReadBytes(data, "2023-06/2023-06_就业中心.xlsx")
			if res.Usable || !slices.Equal(res.Units, []domain.UnitID{jyzx}) || !slices.Equal(res.Months, []domain.Month{june}) {
				t.Fatalf("usable %v, units %v, months %v; want set aside, naming 就业中心 2023-06", res.Usable, res.Units, res.Months)
			}
			if !strings.HasPrefix(res.Reason, "没有读到任何填报内容：") || res.Hint == "" {
				t.Errorf("reason %q, hint %q", res.Reason, res.Hint)
			}
		})
	}
}

// TestWrittenByLibreOffice reads workbooks saved by another program than
// excelize (testdata/*.xlsx, made with soffice; see testdata/README.md).
func TestWrittenByLibreOffice(t *testing.T) {
	p := mustPlan(t)
	cases := map[string]*domain.Report{
		"libreoffice-resaved.xlsx":  fillFor(p, jyzx),
		"libreoffice-from-csv.xlsx": handMade(p),
	}
	for name, want := range cases {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", name))
			must(t, err)
			res := NewReader(SchemaOf(p)).ReadBytes(data, "2023-06_就业中心.xlsx")
			if !res.Usable || len(errorsOf(res.Findings)) > 0 {
				t.Fatalf("usable %v, findings %v", res.Usable, res.Findings)
			}
			assertSame(t, res.Report, *want)
		})
	}
}

func TestNotWorkbooks(t *testing.T) {
	p := mustPlan(t)
	good := mustTemplate(t, p, jyzx, fillFor(p, jyzx))
	cases := map[string][]byte{
		"empty":      {},
		"text":       []byte("这不是表格\n"),
		"truncated":  good[:len(good)/2],
		"xls header": append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 600)...),
	}
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			res := NewReader(SchemaOf(p)).ReadBytes(data, "2023-06_就业中心.xlsx")
			if res.Usable || len(res.Findings) != 1 || res.Findings[0].Severity != domain.Error || res.Findings[0].Hint == "" {
				t.Errorf("result = %+v", res)
			}
			t.Log(res.Findings[0].Message)
		})
	}
}

// handMade is what testdata/libreoffice-from-csv.xlsx holds: 就业中心's task
// rows with state, progress and this month's text only.
func handMade(p *domain.Plan) *domain.Report {
	rep := &domain.Report{Unit: jyzx, Month: june}
	for i, it := range itemsFor(p, taskSheet, jyzx) {
		rep.Tasks = append(rep.Tasks, domain.TaskRow{TaskID: it.id, Role: it.role, Progress: ptr(float64(10 + i*7)), State: domain.TaskStates[i%4], Done: "本月推进" + it.id})
	}
	return rep
}

// TestFractionsOfOne: a bare 1 is never taken as 1% or 100% in silence.
// In a column written as fractions (0.3, 0.55…) it is 100%; among points
// (30, 55…) it is 1%; either way with a warning that says so. Text reads
// as the number.
func TestFractionsOfOne(t *testing.T) {
	p := mustPlan(t)
	fill := fillFor(p, jyzx)
	data := mustTemplate(t, p, jyzx, fill)
	second := at(SheetTasks, "progress", 1)
	for _, c := range []struct {
		name      string
		fractions bool
		want      string
	}{{"column of fractions", true, "100"}, {"column of points", false, "1"}} {
		t.Run(c.name, func(t *testing.T) {
			res := NewReader(SchemaOf(p)).ReadBytes(edit(t, data, func(f *excelize.File) {
				for i, row := range fill.Tasks {
					v := *row.Progress
					if c.fractions {
						v /= 100
					}
					must(t, f.SetCellFloat(SheetTasks, at(SheetTasks, "progress", i), v, -1, 64))
				}
				must(t, f.SetCellStr(SheetTasks, second, "1"))
			}), "2023-06_就业中心.xlsx")
			if got := pstr(res.Report.Tasks[1].Progress); got != c.want {
				t.Errorf("1 read as %s; want %s", got, c.want)
			}
			warned := false
			for _, f := range res.Findings {
				warned = warned || (f.Cell == second && f.Severity == domain.Warning && strings.Contains(f.Message, "已按 "+c.want+"% 计"))
			}
			if !warned {
				t.Errorf("no warning for %s: %v", second, res.Findings)
			}
		})
	}
}

// TestFileNamesNeverShared: units whose names become the same file name
// (characters Windows forbids made full-width, upper and lower case, a
// long name cut) each get their id after it; the others keep their name
// alone; FileNamer names as FileName does.
func TestFileNamesNeverShared(t *testing.T) {
	long := strings.Repeat("很长的单位名称", 10)
	p := &domain.Plan{Units: []domain.Unit{
		{ID: "a", Name: "综合:股"}, {ID: "b", Name: "综合：股"},
		{ID: "c", Name: "ABC股"}, {ID: "d", Name: "abc股"},
		{ID: "e", Name: long + "甲"}, {ID: "f", Name: long + "乙"},
		{ID: "g", Name: "就业中心"},
	}}
	p.Index()
	want := map[domain.UnitID]string{
		"a": "2023-06_综合：股_a.xlsx", "b": "2023-06_综合：股_b.xlsx",
		"c": "2023-06_ABC股_c.xlsx", "d": "2023-06_abc股_d.xlsx",
		"g": "2023-06_就业中心.xlsx",
	}
	name := FileNamer(p)
	seen := map[string]domain.UnitID{}
	for _, u := range p.Units {
		got := name(u.ID, june)
		if w, ok := want[u.ID]; ok && got != w {
			t.Errorf("%s: %q; want %q", u.Name, got, w)
		}
		if got != FileName(p, u.ID, june) {
			t.Errorf("%s: FileNamer gives %q, FileName %q", u.Name, got, FileName(p, u.ID, june))
		}
		if other, ok := seen[strings.ToUpper(got)]; ok {
			t.Errorf("%s and %s share the file name %q", other, u.ID, got)
		}
		seen[strings.ToUpper(got)] = u.ID
	}
	if got := name("e", june); !strings.HasSuffix(got, "_e.xlsx") {
		t.Errorf("a long name cut to another's: %q", got)
	}
}
