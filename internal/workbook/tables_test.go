package workbook

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/plansite/plansite/internal/domain"
)

// TestWriteTables writes two tables and reads them back as a spreadsheet
// application would: values of the right type, percentages as fractions
// with a % format, dates as date serials with a date format, the header
// frozen and repeated on printed pages, A4 landscape fitted to the width,
// Chinese columns wide enough, and bad sheet names made valid.
func TestWriteTables(t *testing.T) {
	p62, p80, v41 := 62.5, 80.0, 41.06
	long := strings.Repeat("推进就业服务", 30)
	tables := []Table{
		{Sheet: "任务进展汇总", Title: "2023年12月重点任务进展汇总表", Notes: []string{"数据截至2023年12月31日"}, Freeze: 2,
			Cols: []Col{{Header: "序号"}, {Header: "任务编号"}, {Header: "完成时限"}, {Header: "完成进度"}, {Header: "预期"}, {Header: "本月工作进展"}, {Header: "数量"}},
			Rows: [][]Cell{
				{Int(1), Text("1.10"), Date(domain.MustDate(2023, 12, 31)), Percent(&p62), Percent(&p80), Text(long), Number(&v41)},
				{Int(2), Text("=1+1"), Date(domain.Date{}), Percent(nil), Text("—")},
			}},
		{Sheet: "数据/问题[1]", Cols: []Col{{Header: "文件"}}, Rows: [][]Cell{{Text("a.xlsx")}}},
		{Sheet: "数据/问题[1]", Cols: []Col{{Header: "文件"}}},
	}
	var buf bytes.Buffer
	if err := WriteTables(&buf, "汇总表", tables); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got, want := strings.Join(f.GetSheetList(), "|"), "任务进展汇总|数据_问题_1_|数据_问题_1_(2)"; got != want {
		t.Errorf("sheets %q; want %q", got, want)
	}
	s := "任务进展汇总"
	typ := func(cell string) excelize.CellType {
		t.Helper()
		ct, err := f.GetCellType(s, cell)
		if err != nil {
			t.Fatal(err)
		}
		return ct
	}
	raw := func(cell string) string {
		t.Helper()
		v, err := f.GetCellValue(s, cell, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	shown := func(cell string) string {
		t.Helper()
		v, err := f.GetCellValue(s, cell)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	// Row 1 title, row 2 note, row 3 header, rows 4.. data.
	if shown("A1") != "2023年12月重点任务进展汇总表" || shown("A3") != "序号" {
		t.Errorf("title %q, header %q", shown("A1"), shown("A3"))
	}
	for _, c := range []struct{ cell, raw, shown string }{
		{"A4", "1", "1"}, {"D4", "0.625", "62.5%"}, {"E4", "0.8", "80%"}, {"G4", "41.06", "41.06"},
		{"C4", "45291", "2023年12月31日"},
	} {
		if typ(c.cell) == excelize.CellTypeSharedString || typ(c.cell) == excelize.CellTypeInlineString {
			t.Errorf("%s is text; want a number", c.cell)
		}
		if raw(c.cell) != c.raw {
			t.Errorf("%s raw = %q; want %q", c.cell, raw(c.cell), c.raw)
		}
		if got := shown(c.cell); got != c.shown {
			t.Errorf("%s shown = %q; want %q", c.cell, got, c.shown)
		}
	}
	if shown("B4") != "1.10" || shown("B5") != "=1+1" {
		t.Errorf("ids as text: %q %q", shown("B4"), shown("B5"))
	}
	if formula, _ := f.GetCellFormula(s, "B5"); formula != "" {
		t.Errorf("text %q became a formula", formula)
	}
	if shown("C5") != "" || shown("D5") != "" {
		t.Errorf("blanks: %q %q", shown("C5"), shown("D5"))
	}

	panes, err := f.GetPanes(s)
	if err != nil || !panes.Freeze || panes.YSplit != 3 || panes.XSplit != 2 {
		t.Errorf("panes %+v (%v); want frozen below row 3 and right of column B", panes, err)
	}
	layout, err := f.GetPageLayout(s)
	if err != nil || *layout.Size != 9 || *layout.Orientation != "landscape" || *layout.FitToWidth != 1 || *layout.FitToHeight != 0 {
		t.Errorf("page layout %+v (%v); want A4 landscape, one page wide", layout, err)
	}
	names := f.GetDefinedName()
	found := false
	for _, n := range names {
		if n.Name == "_xlnm.Print_Titles" && n.Scope == s && n.RefersTo == "'任务进展汇总'!$1:$3" {
			found = true
		}
	}
	if !found {
		t.Errorf("no print titles for rows 1–3: %+v", names)
	}
	hf, err := f.GetHeaderFooter(s)
	if err != nil || !strings.Contains(hf.OddFooter, "&P") {
		t.Errorf("footer %+v (%v); want page numbers", hf, err)
	}
	// 任务编号 is 4 Chinese characters: at least 8 wide. The long text
	// column stops at MaxWidth and its row is tall enough for its lines.
	if w, _ := f.GetColWidth(s, "B"); w < 8 {
		t.Errorf("column B width %v: 任务编号 does not fit", w)
	}
	if w, _ := f.GetColWidth(s, "F"); w != MaxWidth {
		t.Errorf("column F width %v; want %v", w, float64(MaxWidth))
	}
	if h, _ := f.GetRowHeight(s, 4); h < lineHeight*float64(linesOf(long, MaxWidth)) {
		t.Errorf("row 4 height %v: too short for %d lines", h, linesOf(long, MaxWidth))
	}
}
