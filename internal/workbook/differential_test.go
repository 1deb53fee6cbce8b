package workbook

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"
)

// Every workbook any test of this package reads (round trips, tolerances,
// bad values, the corpus, the LibreOffice fixtures, the fuzz seeds) is read
// twice: by the one-pass reader of sheetxml.go and through excelize's own
// API. TestMain fails the run when the two disagree on anything: report,
// findings or usability.
var (
	diffMu sync.Mutex
	diffs  []string
	reads  int
)

func TestMain(m *testing.M) {
	differential = func(rel string, streamed, excelized Result) {
		diffMu.Lock()
		defer diffMu.Unlock()
		reads++
		if !reflect.DeepEqual(streamed, excelized) {
			diffs = append(diffs, fmt.Sprintf("%s:\n  one pass: %+v\n  excelize: %+v", rel, streamed, excelized))
		}
		for _, f := range append(streamed.Findings, excelized.Findings...) {
			if w := english(f.Message + " " + f.Hint); w != "" {
				diffs = append(diffs, fmt.Sprintf("%s: English %q in a finding: %+v", rel, w, f))
			}
		}
	}
	code := m.Run()
	if len(diffs) > 0 {
		fmt.Fprintf(os.Stderr, "the one-pass reader and excelize disagree on %d of %d workbooks:\n", len(diffs), reads)
		for _, d := range diffs {
			fmt.Fprintln(os.Stderr, d)
		}
		code = 1
	}
	os.Exit(code)
}

// english returns the first English word of a finding's text outside the
// values it quotes (“…”) and the names it may use (Excel, WPS, .xlsx…):
// an internal or library error that reached a user, or a command such as
// “plansite template” (units do not run plansite).
func english(msg string) string {
	var b strings.Builder
	depth := 0
	for _, r := range msg {
		switch {
		case r == '“':
			depth++
		case r == '”' && depth > 0:
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	for _, w := range reWord.FindAllString(b.String(), -1) {
		if !allowedWords[strings.ToLower(w)] {
			return w
		}
	}
	return ""
}

var (
	reWord       = regexp.MustCompile(`[A-Za-z]{3,}`)
	allowedWords = map[string]bool{"excel": true, "wps": true, "xlsx": true, "xls": true, "ods": true, "csv": true, "dispimg": true}
)

func TestEnglish(t *testing.T) {
	for msg, want := range map[string]string{
		"无法读取此工作表（part not in memory）":             "part",
		"无法识别的百分比“abc”":                            "",
		"请用 Excel 或 WPS 打开，另存为“Excel 工作簿（*.xlsx）”": "",
		"读取时出错（runtime error: index out of range）": "runtime",
		"编号列请设为文本格式，或用 plansite template 重新生成表格":   "plansite",
	} {
		if got := english(msg); got != want {
			t.Errorf("english(%q) = %q; want %q", msg, got, want)
		}
	}
}

// TestExampleInboxBothWays reads the example inbox, so that TestMain
// compares the two readers on every workbook of it.
func TestExampleInboxBothWays(t *testing.T) {
	p := mustPlan(t)
	n := 0
	err := filepath.WalkDir("../../content/inbox", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".xlsx") || strings.HasPrefix(d.Name(), "~$") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		// One file of the example says another month in 基本信息 than in
		// its name: set aside. Every other file is usable.
		if res := NewReader(SchemaOf(p)).ReadBytes(data, d.Name()); !res.Usable && !strings.HasPrefix(res.Reason, "报送月份不一致") {
			t.Errorf("%s: not usable: %v", path, res.Findings)
		}
		n++
		return nil
	})
	if err != nil || n < 100 {
		t.Fatalf("read %d workbooks of the example inbox: %v", n, err)
	}
}

// TestOnePassCells: what the one-pass reader must get right beyond the
// template's plain cells: a merged area (its value in every cell), rich
// text, a number in a percent-formatted column, and a formula; TestMain
// compares it with excelize as well.
func TestOnePassCells(t *testing.T) {
	p := mustPlan(t)
	fill := fillFor(p, jyzx)
	data := mustTemplate(t, p, jyzx, fill)
	res := NewReader(SchemaOf(p)).ReadBytes(edit(t, data, func(f *excelize.File) {
		// Progress of the first two rows as one merged cell: both get 45.
		must(t, f.SetCellInt(SheetTasks, at(SheetTasks, "progress", 0), 45))
		must(t, f.MergeCell(SheetTasks, at(SheetTasks, "progress", 0), at(SheetTasks, "progress", 1)))
		// 本月工作进展 of the first row in rich text: two runs make one text.
		must(t, f.SetCellRichText(SheetTasks, at(SheetTasks, "done", 0), []excelize.RichTextRun{{Text: "完成了"}, {Text: "一半", Font: &excelize.Font{Bold: true}}}))
		// The third row's progress as a fraction in a percent format.
		pct, err := f.NewStyle(&excelize.Style{NumFmt: 9})
		must(t, err)
		third := at(SheetTasks, "progress", 2)
		must(t, f.SetCellFloat(SheetTasks, third, 0.3, -1, 64))
		must(t, f.SetCellStyle(SheetTasks, third, third, pct))
	}), "2023-06_就业中心.xlsx")
	if !res.Usable {
		t.Fatalf("not usable: %v", res.Findings)
	}
	rows := res.Report.Tasks
	if len(rows) < 3 {
		t.Fatalf("only %d task rows", len(rows))
	}
	if got := pstr(rows[0].Progress) + " " + pstr(rows[1].Progress) + " " + pstr(rows[2].Progress); got != "45 45 30" {
		t.Errorf("progress of the first three rows = %s; want 45 45 30 (merged 45, then 30%% as a formatted 0.3)", got)
	}
	if rows[0].Done != "完成了一半" {
		t.Errorf("rich text read as %q; want 完成了一半", rows[0].Done)
	}
}
