package workbook

import (
	"fmt"
	"io"
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
	stem, clash := fileStem(p.UnitName(u)), false
	key := strings.ToUpper(stem)
	for _, o := range p.Units {
		if o.ID != u && strings.ToUpper(fileStem(o.Name)) == key {
			clash = true
			break
		}
	}
	if clash {
		stem += "_" + string(u)
	}
	return m.String() + "_" + stem + ".xlsx"
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
// basic information with unit and month pre-filled, and a sheet per kind of
// row with only the unit's rows (a sheet with no row is left out).
// Pre-filled cells are locked, input cells have drop-down lists and range
// checks. fill, when not nil, supplies the values of the input cells, row by
// row matched on id (for the example inbox and for tests); nil values leave
// the cell blank.
func Template(w io.Writer, p *domain.Plan, u domain.UnitID, m domain.Month, fill *domain.Report) error {
	if _, ok := p.Unit(u); !ok {
		return fmt.Errorf("unknown unit %q", u)
	}
	f := excelize.NewFile()
	defer f.Close()
	tw := &templateWriter{f: f, p: p, u: u, m: m, fill: fill}
	if err := tw.styles(); err != nil {
		return err
	}
	steps := []func() error{tw.guide, tw.info}
	for _, s := range dataSheets {
		s := s
		steps = append(steps, func() error { return tw.data(s) })
	}
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
	f    *excelize.File
	p    *domain.Plan
	u    domain.UnitID
	m    domain.Month
	fill *domain.Report

	header, fixed, fixedID, input, inputNum, inputDate, title, note int
}

func (tw *templateWriter) styles() error {
	border := []excelize.Border{
		{Type: "left", Color: "A6A6A6", Style: 1}, {Type: "right", Color: "A6A6A6", Style: 1},
		{Type: "top", Color: "A6A6A6", Style: 1}, {Type: "bottom", Color: "A6A6A6", Style: 1},
	}
	wrap := &excelize.Alignment{WrapText: true, Vertical: "top"}
	locked := &excelize.Protection{Locked: true}
	unlocked := &excelize.Protection{Locked: false}
	text := "@"
	date := "yyyy-mm-dd"
	defs := []struct {
		dst   *int
		style excelize.Style
	}{
		{&tw.header, excelize.Style{Border: border, Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DCE6F1"}},
			Alignment: &excelize.Alignment{WrapText: true, Horizontal: "center", Vertical: "center"}, Protection: locked}},
		{&tw.fixed, excelize.Style{Border: border, Alignment: wrap, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}}, Protection: locked}},
		{&tw.fixedID, excelize.Style{Border: border, Alignment: wrap, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}}, Protection: locked, CustomNumFmt: &text}},
		{&tw.input, excelize.Style{Border: border, Alignment: wrap, Protection: unlocked, CustomNumFmt: &text}},
		{&tw.inputNum, excelize.Style{Border: border, Alignment: &excelize.Alignment{Vertical: "top"}, Protection: unlocked}},
		{&tw.inputDate, excelize.Style{Border: border, Alignment: &excelize.Alignment{Vertical: "top"}, Protection: unlocked, CustomNumFmt: &date}},
		{&tw.title, excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}, Alignment: &excelize.Alignment{Vertical: "center"}}},
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
		fmt.Sprintf("%s — %s月度进展报送表", tw.p.Settings.Title, tw.m.Label()),
		"",
		"填报单位：" + unit,
		"报送月份：" + tw.m.Label(),
		fmt.Sprintf("报送截止：%s（每月%d日前）", tw.due().Label(), tw.p.Settings.DueDay),
		fmt.Sprintf("报送方式：填好后保存为 .xlsx（不要另存为 .xls 或 .et），文件名保持“%s”，放入%s，由%s汇总。", FileName(tw.p, tw.u, tw.m), tw.p.Settings.HandInPlace(), coord),
		"",
		"怎样填：",
		"1. “基本信息”表：填写填报人、联系电话和填报日期；单位和月份已填好，请勿改动。",
		"2. 灰色单元格（编号、名称、承担角色等）是预先填好的，已锁定，请勿修改；白色单元格由本单位填写。",
		"3. 完成进度、整改进度、准备程度填 0 到 100 之间的数字（如 80 或 80%），表示截至本月底的累计进度。",
		"4. 推进状态从下拉列表选择：" + stateList(domain.TaskStates) + "。全部完成后进度填 100、状态选“已完成”。",
		"5. 整改状态从下拉列表选择：" + rectList() + "。",
		"6. 日期写成 2023-05-20、2023/5/20 或 2023年5月20日。",
		"7. 量化指标填截至本月底的累计完成数，只填数字。",
		"8. 可以加行高、改列宽、插入说明列；请不要删除或改写表头。",
		"",
		"本表由 plansite 生成。填写中有问题，请联系" + coord + "。",
	}
	for i, l := range lines {
		cell := fmt.Sprintf("A%d", i+1)
		if err := f.SetCellStr(s, cell, l); err != nil {
			return err
		}
		st := tw.note
		if i == 0 {
			st = tw.title
		}
		if err := f.SetCellStyle(s, cell, cell, st); err != nil {
			return err
		}
	}
	return f.SetColWidth(s, "A", "A", 110)
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
	return protect(f, s)
}

func protect(f *excelize.File, s string) error {
	return f.ProtectSheet(s, &excelize.SheetProtectionOptions{
		SelectLockedCells: true, SelectUnlockedCells: true,
		FormatCells: true, FormatColumns: true, FormatRows: true,
	})
}

// data writes one data sheet; a sheet with no row for the unit is left out.
func (tw *templateWriter) data(sh sheet) error {
	items := itemsFor(tw.p, sh, tw.u)
	if len(items) == 0 {
		return nil
	}
	f, s := tw.f, sh.name
	if _, err := f.NewSheet(s); err != nil {
		return err
	}
	for c, col := range sh.columns {
		name, _ := excelize.CoordinatesToCellName(c+1, 1)
		if err := f.SetCellStr(s, name, col.labels[0]); err != nil {
			return err
		}
		letter, _ := excelize.ColumnNumberToName(c + 1)
		if err := f.SetColWidth(s, letter, letter, col.width); err != nil {
			return err
		}
	}
	last, _ := excelize.CoordinatesToCellName(len(sh.columns), 1)
	if err := f.SetCellStyle(s, "A1", last, tw.header); err != nil {
		return err
	}
	if err := f.SetRowHeight(s, 1, 30); err != nil {
		return err
	}
	for r, it := range items {
		row := r + 2
		values := tw.values(sh, it)
		for c, col := range sh.columns {
			cell, _ := excelize.CoordinatesToCellName(c+1, row)
			if err := tw.setCell(s, cell, col, it, values[col.key]); err != nil {
				return err
			}
		}
		if err := f.SetRowHeight(s, row, 48); err != nil {
			return err
		}
	}
	lastRow := len(items) + 1
	for c, col := range sh.columns {
		letter, _ := excelize.ColumnNumberToName(c + 1)
		sqref := fmt.Sprintf("%s2:%s%d", letter, letter, lastRow)
		if err := tw.validate(s, sqref, col); err != nil {
			return err
		}
	}
	if err := f.SetPanes(s, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	fitPage := true
	if err := f.SetSheetProps(s, &excelize.SheetPropsOptions{FitToPage: &fitPage}); err != nil {
		return err
	}
	size, landscape, fit, tall := 9, "landscape", 1, 0
	if err := f.SetPageLayout(s, &excelize.PageLayoutOptions{Size: &size, Orientation: &landscape, FitToWidth: &fit, FitToHeight: &tall}); err != nil {
		return err
	}
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("'%s'!$1:$1", s), Scope: s}); err != nil {
		return err
	}
	return protect(f, s)
}

// values returns the fill's values for a row, as cell values by column key.
func (tw *templateWriter) values(sh sheet, it item) map[string]any {
	v := map[string]any{}
	if tw.fill == nil {
		return v
	}
	num := func(p *float64) any {
		if p == nil {
			return nil
		}
		return *p
	}
	switch sh.name {
	case SheetTasks:
		for _, r := range tw.fill.Tasks {
			if r.TaskID == it.id {
				v["progress"], v["done"], v["issues"], v["next"] = num(r.Progress), r.Done, r.Issues, r.Next
				if r.State != "" {
					v["state"] = r.State.Label()
				}
			}
		}
	case SheetTargets:
		for _, r := range tw.fill.Targets {
			if r.TargetID == it.id {
				v["value"] = num(r.Value)
			}
		}
	case SheetProblems:
		for _, r := range tw.fill.Problems {
			if r.ProblemID == it.id {
				v["progress"], v["measures"] = num(r.Progress), r.Measures
				if r.State != "" {
					v["state"] = r.State.Label()
				}
				if !r.DoneOn.IsZero() {
					v["done_on"] = r.DoneOn
				}
			}
		}
	case SheetIndicators:
		for _, r := range tw.fill.Indicators {
			if r.IndicatorID == it.id {
				v["readiness"], v["note"] = num(r.Readiness), r.Note
			}
		}
	}
	return v
}

func (tw *templateWriter) setCell(s, cell string, col column, it item, v any) error {
	f := tw.f
	style := tw.input
	var err error
	switch col.kind {
	case kID:
		style = tw.fixedID
		err = f.SetCellStr(s, cell, it.id)
	case kTitle:
		style = tw.fixed
		err = f.SetCellStr(s, cell, it.title)
	case kRole, kFixed:
		style = tw.fixed
		err = f.SetCellStr(s, cell, it.fixed[col.key])
	case kPercent, kNumber:
		style = tw.inputNum
		if x, ok := v.(float64); ok {
			err = f.SetCellFloat(s, cell, x, -1, 64)
		}
	case kDate:
		style = tw.inputDate
		if d, ok := v.(domain.Date); ok {
			err = f.SetCellValue(s, cell, d.Time())
		}
	default:
		if t, ok := v.(string); ok && t != "" {
			err = f.SetCellStr(s, cell, t)
		}
	}
	if err != nil {
		return err
	}
	return f.SetCellStyle(s, cell, cell, style)
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
