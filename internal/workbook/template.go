package workbook

import (
	"fmt"
	"io"
	"math"
	"strings"
	"unicode"

	"github.com/xuri/excelize/v2"

	"github.com/plansite/plansite/internal/domain"
)

// FileName returns the name of unit u's workbook for month m, such as
// 2023-05_就业中心.xlsx: a name every system takes (Windows the strictest)
// and no other unit of p gets, even where a file system does not tell
// upper from lower case. In the unit's name, the characters Windows
// forbids (\ / : * ? " < > |) become their full-width forms (／ ：…, which
// the reader reads back as the unit's name), control characters become
// "_", and a name is cut at 50 characters; when that makes two units' names
// the same, each gets "_" and its id (2023-05_综合＿股_zhg.xlsx). A name
// that starts with the month is never one Windows reserves (CON, AUX, NUL,
// COM1…), and never ends in a dot or a space.
func FileName(p *domain.Plan, u domain.UnitID, m domain.Month) string {
	return FileNamer(p)(u, m)
}

// FileNamer returns FileName for plan p, with the units' file names
// worked out once: for naming many units' files (FileName alone looks at
// every unit of the plan each time).
func FileNamer(p *domain.Plan) func(u domain.UnitID, m domain.Month) string {
	stems := make(map[string]int, len(p.Units))
	for _, o := range p.Units {
		stems[strings.ToUpper(fileStem(o.Name))]++
	}
	return func(u domain.UnitID, m domain.Month) string {
		stem := fileStem(p.UnitName(u))
		n := stems[strings.ToUpper(stem)]
		if _, known := p.Unit(u); known {
			n-- // the unit itself
		}
		if n > 0 {
			stem += "_" + string(u)
		}
		return m.String() + "_" + stem + ".xlsx"
	}
}

// maxStem bounds the unit's part of a file name, in characters: a path
// of the inbox's folders and a long name would pass the 260 characters
// that Excel and older Windows programs open.
const maxStem = 50

func fileStem(name string) string {
	var b strings.Builder
	n := 0
	for _, r := range name {
		if n == maxStem {
			break
		}
		n++
		switch {
		case strings.ContainsRune(`\/:*?"<>|`, r):
			r += 0xFEE0 // the full-width form
		case unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r):
			r = '_'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Template writes unit u's workbook for month m to w: instructions, the
// basic information with unit and month pre-filled, a sheet per kind of
// row with only the unit's rows (a sheet with no row is left out), and the
// items the unit has finished. Every printed page carries the sheet's
// title row and header row and, in its page header, the unit and month.
//
// earlier are the unit's reports of months before m whose data counts, one
// per month, oldest first (progress.Carriers); nil when there are none or
// the inbox is not at hand. From them each item's latest values fill the
// locked reference columns (上月进度, 上月状态 … and, folded, last month's
// texts), which the reader never reads; and the tasks the unit has
// finished (已完成, or 100) and the problems it has closed (已销号) leave
// the sheets for a locked sheet 已完成事项, where their latest report
// stands, unless nothing else would be left to fill in. Without earlier
// there are no reference columns and no 已完成事项.
//
// Pre-filled cells are locked, input cells have drop-down lists and range
// checks; the unit may format cells, rows and columns and insert rows and
// columns. fill, when not nil, supplies the values of the input cells, row
// by row matched on id (for the example inbox and for tests); nil values
// leave the cell blank.
func Template(w io.Writer, p *domain.Plan, u domain.UnitID, m domain.Month, earlier []domain.Report, fill *domain.Report) error {
	if _, ok := p.Unit(u); !ok {
		return fmt.Errorf("unknown unit %q", u)
	}
	f := excelize.NewFile()
	defer f.Close()
	tw := &templateWriter{f: f, p: p, u: u, m: m, fill: fill, earlier: earlier}
	tw.finished = tw.finishedItems()
	if err := tw.styles(); err != nil {
		return err
	}
	steps := []func() error{tw.guide, tw.info}
	for _, s := range dataSheets {
		s := s
		steps = append(steps, func() error { return tw.data(s) })
	}
	steps = append(steps, tw.done)
	for _, step := range steps {
		if err := step(); err != nil {
			return fmt.Errorf("template for %s %s: %w", u, m, err)
		}
	}
	f.SetActiveSheet(0)
	if err := f.DeleteSheet("Sheet1"); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	_, err := f.WriteTo(w)
	return err
}

type templateWriter struct {
	f       *excelize.File
	p       *domain.Plan
	u       domain.UnitID
	m       domain.Month
	fill    *domain.Report
	earlier []domain.Report
	// finished are the items, by sheet name, that go to 已完成事项.
	finished map[string][]item

	header, refHeader, fixed, fixedID, reference, input, inputNum, inputDate, free, heading, note int
}

func (tw *templateWriter) styles() error {
	border := []excelize.Border{
		{Type: "left", Color: "A6A6A6", Style: 1}, {Type: "right", Color: "A6A6A6", Style: 1},
		{Type: "top", Color: "A6A6A6", Style: 1}, {Type: "bottom", Color: "A6A6A6", Style: 1},
	}
	wrap := &excelize.Alignment{WrapText: true, Vertical: "top"}
	locked := &excelize.Protection{Locked: true}
	unlocked := &excelize.Protection{Locked: false}
	grey := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}}
	text := "@"
	date := "yyyy-mm-dd"
	defs := []struct {
		dst   *int
		style excelize.Style
	}{
		{&tw.header, excelize.Style{Border: border, Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DCE6F1"}},
			Alignment: &excelize.Alignment{WrapText: true, Horizontal: "center", Vertical: "center"}, Protection: locked}},
		// The header of last month's columns: grey, so it is not read as one to fill.
		{&tw.refHeader, excelize.Style{Border: border, Font: &excelize.Font{Bold: true, Color: "595959"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E7E6E6"}},
			Alignment: &excelize.Alignment{WrapText: true, Horizontal: "center", Vertical: "center"}, Protection: locked}},
		{&tw.fixed, excelize.Style{Border: border, Alignment: wrap, Fill: grey, Protection: locked}},
		{&tw.fixedID, excelize.Style{Border: border, Alignment: wrap, Fill: grey, Protection: locked, CustomNumFmt: &text}},
		// Last month's word: grey, in a muted ink, so it is not taken for this month's.
		{&tw.reference, excelize.Style{Border: border, Alignment: wrap, Fill: grey, Font: &excelize.Font{Color: "595959"}, Protection: locked, CustomNumFmt: &text}},
		{&tw.input, excelize.Style{Border: border, Alignment: wrap, Protection: unlocked, CustomNumFmt: &text}},
		{&tw.inputNum, excelize.Style{Border: border, Alignment: &excelize.Alignment{Vertical: "top"}, Protection: unlocked}},
		{&tw.inputDate, excelize.Style{Border: border, Alignment: &excelize.Alignment{Vertical: "top"}, Protection: unlocked, CustomNumFmt: &date}},
		// The columns right of a table: the unit's own, free to type in.
		{&tw.free, excelize.Style{Alignment: wrap, Protection: unlocked}},
		{&tw.heading, excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}, Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}}},
		{&tw.note, excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}},
	}
	for _, d := range defs {
		id, err := tw.f.NewStyle(&d.style)
		if err != nil {
			return err
		}
		*d.dst = id
	}
	return nil
}

func (tw *templateWriter) due() domain.Date { return tw.m.Day(tw.p.Settings.DueDay) }

// title is the workbook's title: the plan's, then the month (its year
// named once) — 枣阳市人社局2023年度营商环境重点工作12月进展报送表.
func (tw *templateWriter) title() string {
	return tw.p.Settings.Title + tw.p.Settings.MonthAfterTitle(tw.m) + "进展报送表"
}

// guideWidth is the width of 填报说明's one column: its lines wrap within
// the width of an A4 page in portrait, also where a wider font than
// Excel's stands in for it (LibreOffice without Calibri).
const guideWidth = 70

func (tw *templateWriter) guide() error {
	f, s := tw.f, SheetGuide
	if _, err := f.NewSheet(s); err != nil {
		return err
	}
	unit := tw.p.UnitName(tw.u)
	coord := tw.p.Settings.Coordinator
	if coord == "" {
		coord = "牵头汇总单位"
	}
	lines := []string{
		tw.title(),
		"",
		"填报单位：" + unit,
		"报送月份：" + tw.m.Label(),
		fmt.Sprintf("报送截止：%s（每月%d日前）", tw.due().Label(), tw.p.Settings.DueDay),
		fmt.Sprintf("报送方式：填好后保存为 .xlsx（不要另存为 .xls 或 .et），文件名保持“%s”，放入%s，由%s汇总。", FileName(tw.p, tw.u, tw.m), tw.p.Settings.HandInPlace(), coord),
		"",
		"怎样填：",
		"1. “基本信息”表：填写填报人、联系电话和填报日期；单位和月份已填好，请勿改动。",
		"2. 灰色单元格（编号、名称、承担角色、完成时限等）是预先填好的，已锁定，请勿修改；白色单元格由本单位填写。",
		"3. 完成进度、整改进度、准备程度填 0 到 100 之间的数字（如 80 或 80%），表示截至本月底的累计进度。",
		"4. 推进状态从下拉列表选择：" + stateList(domain.TaskStates) + "。全部完成后进度填 100、状态选“已完成”。",
		"5. 整改状态从下拉列表选择：" + rectList() + "。",
		"6. 日期写成 2023-05-20、2023/5/20 或 2023年5月20日。",
		"7. 量化指标填截至本月底的累计完成数，只填数字。",
		"8. 可以调整行高和列宽、设置字体和颜色，可以插入行；需要写备注时，写在表格右侧的空白列中（可插入列），这些列不会被读取。请不要删除或改写表头，不要删除行。",
	}
	n := 9 // the next point's number
	if tw.hasReferences() {
		lines = append(lines,
			"9. 表头以“上月”开头的灰色列是本单位最近一次报送的内容（如不是上月报的，括号中注明月份），只供对照，不会作为本月数据；本月情况请填在白色单元格中。上月的工作进展、存在问题等文字在表格右侧，不打印。")
		n++
	}
	if done := tw.finishedCount(); done > 0 {
		lines = append(lines, fmt.Sprintf("%d. “%s”表列出本单位已报告完成的任务（或已销号的问题）共 %d 项，本月起不用再填，按最近一次报送的情况计。如某项需要继续填报（情况有变化或需更正），请在相应工作表表格末尾的空白行中填写它的编号、名称和本月情况。", n, SheetDone, done))
	}
	lines = append(lines, "", "填写中有问题，请联系"+coord+"。")
	for i, l := range lines {
		cell := fmt.Sprintf("A%d", i+1)
		if err := f.SetCellStr(s, cell, l); err != nil {
			return err
		}
		st := tw.note
		if i == 0 {
			st = tw.heading
		}
		if err := f.SetCellStyle(s, cell, cell, st); err != nil {
			return err
		}
		if h := textHeight(l, guideWidth, lineHeight); i > 0 && h > lineHeight+3 {
			if err := f.SetRowHeight(s, i+1, h); err != nil {
				return err
			}
		}
	}
	if err := f.SetRowHeight(s, 1, textHeight(lines[0], guideWidth/1.3, 22)); err != nil {
		return err
	}
	if err := f.SetColWidth(s, "A", "A", guideWidth); err != nil {
		return err
	}
	return tw.page(s, "portrait", fmt.Sprintf("$A$1:$A$%d", len(lines)), "")
}

// textHeight is the height in points of a row whose cell of the given
// width (in Excel's units) wraps text, at line points a line, with room
// for the wider characters of the fonts that stand in for Excel's.
func textHeight(text string, width, line float64) float64 {
	return math.Min(line*float64(linesOf(text, width*0.85))+3, 409) // Excel's tallest row
}

func stateList(states []domain.TaskState) string {
	var out []string
	for _, s := range states {
		out = append(out, s.Label())
	}
	return strings.Join(out, "、")
}

func rectList() string {
	var out []string
	for _, s := range domain.RectStates {
		out = append(out, s.Label())
	}
	return strings.Join(out, "、")
}

func (tw *templateWriter) info() error {
	f, s := tw.f, SheetInfo
	if _, err := f.NewSheet(s); err != nil {
		return err
	}
	var reporter, phone string
	var filled domain.Date
	if tw.fill != nil {
		reporter, phone, filled = tw.fill.Reporter, tw.fill.Phone, tw.fill.FilledOn
	}
	rows := []struct {
		label, value string
		input        bool
	}{
		{InfoUnit, tw.p.UnitName(tw.u), false},
		{InfoMonth, tw.m.String(), false},
		{InfoReporter, reporter, true},
		{InfoPhone, phone, true},
		{InfoDate, filled.String(), true},
	}
	for i, r := range rows {
		a, b := fmt.Sprintf("A%d", i+1), fmt.Sprintf("B%d", i+1)
		if err := f.SetCellStr(s, a, r.label); err != nil {
			return err
		}
		if err := f.SetCellStyle(s, a, a, tw.header); err != nil {
			return err
		}
		st := tw.fixedID
		if r.input {
			st = tw.input
		}
		if r.label == InfoDate {
			st = tw.inputDate
		}
		if r.label == InfoDate && r.value != "" {
			if err := f.SetCellValue(s, b, filled.Time()); err != nil {
				return err
			}
		} else if err := f.SetCellStr(s, b, r.value); err != nil {
			return err
		}
		if err := f.SetCellStyle(s, b, b, st); err != nil {
			return err
		}
	}
	dv := excelize.NewDataValidation(true)
	dv.SetSqref("B5")
	if err := dateRange(dv); err != nil {
		return err
	}
	if err := f.AddDataValidation(s, dv); err != nil {
		return err
	}
	if err := f.SetColWidth(s, "A", "A", 14); err != nil {
		return err
	}
	if err := f.SetColWidth(s, "B", "B", 36); err != nil {
		return err
	}
	if err := tw.page(s, "portrait", "$A$1:$B$5", ""); err != nil {
		return err
	}
	return protect(f, s, true)
}

// protect locks the sheet's locked cells, as 填报说明 says: the unit may
// still select and format cells, rows and columns, and, when inserts,
// insert rows and columns (its own notes; the reader finds the columns it
// knows by their labels and passes the others by). No password: a guard,
// not security.
func protect(f *excelize.File, s string, inserts bool) error {
	return f.ProtectSheet(s, &excelize.SheetProtectionOptions{
		SelectLockedCells: true, SelectUnlockedCells: true,
		FormatCells: true, FormatColumns: true, FormatRows: true,
		InsertColumns: inserts, InsertRows: inserts,
	})
}

// page sets sheet s up for printing on A4 in orientation, its area (such
// as "$A$1:$K$9": the table, not the unit's own columns beside it) fitted
// to the width, with the unit and month in the page header and the page
// number in the footer of every page, and rows (such as "$1:$2") repeated
// at the top of every page when not "".
func (tw *templateWriter) page(s, orientation, area, rows string) error {
	f := tw.f
	fit := true
	if err := f.SetSheetProps(s, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	size, wide, tall := 9, 1, 0
	if err := f.SetPageLayout(s, &excelize.PageLayoutOptions{Size: &size, Orientation: &orientation, FitToWidth: &wide, FitToHeight: &tall}); err != nil {
		return err
	}
	esc := func(t string) string { return strings.ReplaceAll(t, "&", "&&") }
	if err := f.SetHeaderFooter(s, &excelize.HeaderFooterOptions{
		OddHeader: "&L" + esc("填报单位："+tw.p.UnitName(tw.u)) + "&C" + esc(tw.m.Label()+" ") + "&A" + "&R" + esc("报送截止："+tw.due().Label()),
		OddFooter: "&C第 &P 页，共 &N 页",
	}); err != nil {
		return err
	}
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area", RefersTo: fmt.Sprintf("'%s'!%s", s, area), Scope: s}); err != nil {
		return err
	}
	if rows == "" {
		return nil
	}
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("'%s'!%s", s, rows), Scope: s})
}

func (tw *templateWriter) validate(s, sqref string, col column) error {
	dv := excelize.NewDataValidation(true)
	dv.SetSqref(sqref)
	switch col.kind {
	case kPercent:
		if err := dv.SetRange(0, 100, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween); err != nil {
			return err
		}
		dv.SetError(excelize.DataValidationErrorStyleStop, "进度有误", "请填写 0 到 100 之间的数字，如 80")
		dv.SetInput(col.labels[0], "填 0 到 100 之间的数字，表示截至本月底的累计进度")
	case kNumber:
		if err := dv.SetRange(-1e12, 1e12, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween); err != nil {
			return err
		}
		dv.SetError(excelize.DataValidationErrorStyleStop, "数值有误", "请只填写数字，如 30")
	case kTaskState:
		var labels []string
		for _, st := range domain.TaskStates {
			labels = append(labels, st.Label())
		}
		if err := dv.SetDropList(labels); err != nil {
			return err
		}
		dv.SetError(excelize.DataValidationErrorStyleStop, "推进状态有误", "请从下拉列表中选择："+strings.Join(labels, "、"))
	case kRectState:
		var labels []string
		for _, st := range domain.RectStates {
			labels = append(labels, st.Label())
		}
		if err := dv.SetDropList(labels); err != nil {
			return err
		}
		dv.SetError(excelize.DataValidationErrorStyleStop, "整改状态有误", "请从下拉列表中选择："+strings.Join(labels, "、"))
	case kDate:
		if err := dateRange(dv); err != nil {
			return err
		}
	default:
		return nil
	}
	return tw.f.AddDataValidation(s, dv)
}

// dateRange makes dv accept dates from 2000-01-01 to 2100-12-31 (Excel
// serials 36526 and 73415).
func dateRange(dv *excelize.DataValidation) error {
	if err := dv.SetRange(36526, 73415, excelize.DataValidationTypeDate, excelize.DataValidationOperatorBetween); err != nil {
		return err
	}
	dv.SetError(excelize.DataValidationErrorStyleStop, "日期有误", "请填写日期，如 2023-05-20")
	return nil
}
