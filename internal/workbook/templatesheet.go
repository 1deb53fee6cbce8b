package workbook

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/plansite/plansite/internal/domain"
)

// The rows of a data sheet in the template: a title row, the header row,
// then one row per item, then (when some items went to 已完成事项) a few
// blank rows in which the unit may take one of them up again.
const (
	titleRow  = 1
	headerRow = 2
	firstRow  = 3
	// spareRows bounds the blank rows left for items taken up again.
	spareRows = 3
	// freeCols is how many columns right of a table are left unlocked for
	// the unit's own notes.
	freeCols = 6
	// inputHeight is the least height of an item's row (points): room for
	// three lines of this month's text.
	inputHeight float64 = 48
)

// slot is one column of a data sheet in the template: a column of the
// sheet or a reference to one.
type slot struct {
	col column
	ref *reference
}

// slots lays out sheet sh: the pre-filled columns, the references shown
// before the input columns when with, the input columns, then the
// references shown after them.
func slots(sh sheet, with bool) []slot {
	var out []slot
	refs := func(after bool) {
		if !with {
			return
		}
		for i, r := range sh.references {
			if r.after == after {
				out = append(out, slot{ref: &sh.references[i]})
			}
		}
	}
	inputs := false
	for _, c := range sh.columns {
		if c.input() && !inputs {
			refs(false)
			inputs = true
		}
		out = append(out, slot{col: c})
	}
	refs(true)
	return out
}

func (s slot) label() string {
	if s.ref != nil {
		return s.ref.label
	}
	return s.col.labels[0]
}

func (s slot) width() float64 {
	if s.ref != nil {
		return s.ref.width
	}
	return s.col.width
}

// printed reports whether the slot is on the printed page: every column
// but the references shown after the input columns.
func (s slot) printed() bool { return s.ref == nil || !s.ref.after }

// data writes one data sheet: a title row, the header row, a row per item
// the unit still reports on, and when some went to 已完成事项 a few blank
// rows to take one up again. A sheet with no item for the unit is left out.
func (tw *templateWriter) data(sh sheet) error {
	items := tw.open(sh)
	if len(items) == 0 && len(tw.finished[sh.name]) == 0 {
		return nil
	}
	f, s := tw.f, sh.name
	if _, err := f.NewSheet(s); err != nil {
		return err
	}
	layout := slots(sh, tw.referenced(sh))
	printed := 0 // the columns on the printed page: up to the last input column
	width := 0.0 // their width
	for c, sl := range layout {
		letter, _ := excelize.ColumnNumberToName(c + 1)
		if err := f.SetCellStr(s, letter+fmt.Sprint(headerRow), sl.label()); err != nil {
			return err
		}
		if err := f.SetColWidth(s, letter, letter, sl.width()); err != nil {
			return err
		}
		if sl.printed() {
			printed = c + 1
			width += sl.width()
		}
	}
	lastPrinted, _ := excelize.ColumnNumberToName(printed)
	// The title: the workbook's, the sheet and the unit, and where the
	// finished items are when some are.
	title := fmt.Sprintf("%s · %s（%s）", tw.title(), sh.name, tw.p.UnitName(tw.u))
	switch n := len(tw.finished[s]); {
	case n > 0 && len(items) == 0:
		title += fmt.Sprintf("　本表各项均已完成，见“%s”表，不用填写", SheetDone)
	case n > 0:
		title += fmt.Sprintf("　另有 %d 项已完成，见“%s”表，不用填写", n, SheetDone)
	}
	if err := tw.titleRowText(s, title, lastPrinted, width); err != nil {
		return err
	}
	for c, sl := range layout {
		cell, _ := excelize.CoordinatesToCellName(c+1, headerRow)
		style := tw.header
		if sl.ref != nil {
			style = tw.refHeader
		}
		if err := f.SetCellStyle(s, cell, cell, style); err != nil {
			return err
		}
	}
	if err := f.SetRowHeight(s, headerRow, 30); err != nil {
		return err
	}
	for r, it := range items {
		row := firstRow + r
		values := tw.values(tw.fill, sh, it)
		height := inputHeight
		for c, sl := range layout {
			cell, _ := excelize.CoordinatesToCellName(c+1, row)
			var text string
			var err error
			if sl.ref != nil {
				text, err = tw.setReference(s, cell, sh, it, *sl.ref)
			} else {
				text, err = tw.setCell(s, cell, sl.col, it, values[sl.col.key])
			}
			if err != nil {
				return err
			}
			height = max(height, textHeight(text, sl.width(), lineHeight))
		}
		if err := f.SetRowHeight(s, row, height); err != nil {
			return err
		}
	}
	lastRow := firstRow + len(items) - 1
	if spare := min(len(tw.finished[s]), spareRows); spare > 0 {
		if err := tw.spare(s, layout, lastRow+1, lastRow+spare); err != nil {
			return err
		}
		lastRow += spare
	}
	for c, sl := range layout {
		if sl.ref != nil {
			continue
		}
		letter, _ := excelize.ColumnNumberToName(c + 1)
		if err := tw.validate(s, fmt.Sprintf("%s%d:%s%d", letter, firstRow, letter, lastRow), sl.col); err != nil {
			return err
		}
	}
	// The unit's own columns: the first few right of the table are unlocked.
	from, _ := excelize.ColumnNumberToName(len(layout) + 1)
	to, _ := excelize.ColumnNumberToName(len(layout) + freeCols)
	if err := f.SetColStyle(s, from+":"+to, tw.free); err != nil {
		return err
	}
	if err := f.SetPanes(s, &excelize.Panes{Freeze: true, YSplit: headerRow, TopLeftCell: fmt.Sprintf("A%d", firstRow), ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if err := tw.page(s, "landscape", fmt.Sprintf("$A$1:$%s$%d", lastPrinted, lastRow), fmt.Sprintf("$%d:$%d", titleRow, headerRow)); err != nil {
		return err
	}
	return protect(f, s, true)
}

// spare writes the blank rows from first to last in which the unit may
// take up an item of 已完成事项 again: every cell open, ids as text, and a
// prompt that says what the rows are for.
func (tw *templateWriter) spare(s string, layout []slot, first, last int) error {
	f := tw.f
	for row := first; row <= last; row++ {
		for c, sl := range layout {
			cell, _ := excelize.CoordinatesToCellName(c+1, row)
			style := tw.input
			switch {
			case sl.ref != nil:
				style = tw.reference
			case sl.col.kind == kPercent || sl.col.kind == kNumber:
				style = tw.inputNum
			case sl.col.kind == kDate:
				style = tw.inputDate
			}
			if err := f.SetCellStyle(s, cell, cell, style); err != nil {
				return err
			}
		}
		if err := f.SetRowHeight(s, row, inputHeight); err != nil {
			return err
		}
	}
	dv := excelize.NewDataValidation(true)
	dv.SetSqref(fmt.Sprintf("A%d:B%d", first, last))
	dv.SetInput("重新填报已完成的事项", fmt.Sprintf("如需继续填报“%s”表中的某项，在此填写它的编号和名称，再填本月情况", SheetDone))
	return f.AddDataValidation(s, dv)
}

// values returns rep's values for a row of item it, as cell values by
// column key; none when rep is nil or has no row for it.
func (tw *templateWriter) values(rep *domain.Report, sh sheet, it item) map[string]any {
	v := map[string]any{}
	if rep == nil {
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
		for _, r := range rep.Tasks {
			if r.TaskID == it.id {
				v["progress"], v["done"], v["issues"], v["next"] = num(r.Progress), r.Done, r.Issues, r.Next
				if r.State != "" {
					v["state"] = r.State.Label()
				}
			}
		}
	case SheetTargets:
		for _, r := range rep.Targets {
			if r.TargetID == it.id {
				v["value"] = num(r.Value)
			}
		}
	case SheetProblems:
		for _, r := range rep.Problems {
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
		for _, r := range rep.Indicators {
			if r.IndicatorID == it.id {
				v["readiness"], v["note"] = num(r.Readiness), r.Note
			}
		}
	}
	return v
}

// latest is the newest value the unit gave for item it in column key
// before the template's month, and the month it gave it in; nil when it
// never did. Column by column, as the rules take a unit's latest report: a
// row that left the progress blank does not hide the progress before it.
func (tw *templateWriter) latest(sh sheet, it item, key string) (any, domain.Month) {
	for i := len(tw.earlier) - 1; i >= 0; i-- {
		rep := &tw.earlier[i]
		if v := tw.values(rep, sh, it)[key]; v != nil && v != "" {
			return v, rep.Month
		}
	}
	return nil, domain.Month{}
}

// referenced reports whether some item of sh that the unit still reports
// on has an earlier value in a column that sh shows references to: else
// the sheet shows none.
func (tw *templateWriter) referenced(sh sheet) bool {
	for _, it := range tw.open(sh) {
		for _, r := range sh.references {
			if v, _ := tw.latest(sh, it, r.of); v != nil {
				return true
			}
		}
	}
	return false
}

func (tw *templateWriter) hasReferences() bool {
	for _, sh := range dataSheets {
		if tw.referenced(sh) {
			return true
		}
	}
	return false
}

// setReference writes item it's latest value of the column ref shows,
// with its month when that is not the month before the template's, and
// returns the text written.
func (tw *templateWriter) setReference(s, cell string, sh sheet, it item, ref reference) (string, error) {
	v, m := tw.latest(sh, it, ref.of)
	kind := sh.col(ref.of).kind
	text := valueText(v, kind)
	if text != "" && m != tw.m.Prev() {
		if kind == kText {
			text = "（" + m.Label() + "）" + text
		} else {
			text += "（" + m.Label() + "）"
		}
	}
	if err := tw.f.SetCellStr(s, cell, text); err != nil {
		return "", err
	}
	return text, tw.f.SetCellStyle(s, cell, cell, tw.reference)
}

// valueText is a value of a column of kind k as the unit reads it: 80%,
// 2023年6月30日, the text.
func valueText(v any, k kind) string {
	switch x := v.(type) {
	case float64:
		if k == kPercent {
			return fmtNum(x) + "%"
		}
		return fmtNum(x)
	case domain.Date:
		return x.Label()
	case string:
		return x
	}
	return ""
}

// setCell writes the cell of column col in item it's row, v being the
// unit's value when filled, and returns the text written.
func (tw *templateWriter) setCell(s, cell string, col column, it item, v any) (string, error) {
	f := tw.f
	style := tw.input
	text := ""
	var err error
	switch col.kind {
	case kID:
		style, text = tw.fixedID, it.id
		err = f.SetCellStr(s, cell, text)
	case kTitle:
		style, text = tw.fixed, it.title
		err = f.SetCellStr(s, cell, text)
	case kRole, kFixed:
		style, text = tw.fixed, it.fixed[col.key]
		err = f.SetCellStr(s, cell, text)
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
			text = t
			err = f.SetCellStr(s, cell, t)
		}
	}
	if err != nil {
		return "", err
	}
	return text, f.SetCellStyle(s, cell, cell, style)
}

// open returns the rows of sheet sh that the unit fills this month: its
// items less those gone to 已完成事项.
func (tw *templateWriter) open(sh sheet) []item {
	var out []item
	for _, it := range itemsFor(tw.p, sh, tw.u) {
		if !tw.isFinished(sh.name, it.id) {
			out = append(out, it)
		}
	}
	return out
}

func (tw *templateWriter) isFinished(sheet, id string) bool {
	for _, it := range tw.finished[sheet] {
		if it.id == id {
			return true
		}
	}
	return false
}

func (tw *templateWriter) finishedCount() int {
	n := 0
	for _, items := range tw.finished {
		n += len(items)
	}
	return n
}

// finishedItems are the items whose latest report before the month says
// the unit is done with them, by sheet: the tasks it has finished (已完成,
// or 100: domain.Finished) with their targets, and the problems it has
// closed (已销号; 已整改 still awaits closing). None when nothing else
// would be left to fill in: a unit hands in a workbook every month.
func (tw *templateWriter) finishedItems() map[string][]item {
	done := map[string][]item{}
	tasks := map[string]bool{}
	for _, it := range itemsFor(tw.p, taskSheet, tw.u) {
		state, _ := tw.latest(taskSheet, it, "state")
		progress, _ := tw.latest(taskSheet, it, "progress")
		if taskFinished(state, progress) {
			done[SheetTasks] = append(done[SheetTasks], it)
			tasks[it.id] = true
		}
	}
	for _, t := range tw.p.Tasks {
		if !tasks[t.ID] {
			continue
		}
		for _, tg := range t.Targets {
			for _, it := range itemsFor(tw.p, targetSheet, tw.u) {
				if it.id == tg.ID {
					done[SheetTargets] = append(done[SheetTargets], it)
				}
			}
		}
	}
	for _, it := range itemsFor(tw.p, problemSheet, tw.u) {
		if state, _ := tw.latest(problemSheet, it, "state"); state == domain.RectClosed.Label() {
			done[SheetProblems] = append(done[SheetProblems], it)
		}
	}
	left := 0
	for _, sh := range dataSheets {
		left += len(itemsFor(tw.p, sh, tw.u)) - len(done[sh.name])
	}
	if left == 0 {
		return nil
	}
	return done
}

// taskFinished reports whether a task row's values of 推进状态 and 完成进度
// (as values returns them; nil when not given) say the unit has finished
// its part (domain.Finished).
func taskFinished(state, progress any) bool {
	var st domain.TaskState
	for _, s := range domain.TaskStates {
		if s.Label() == state {
			st = s
		}
	}
	var p *float64
	if x, ok := progress.(float64); ok {
		p = &x
	}
	return domain.Finished(st, p)
}

// done writes 已完成事项: the items the unit has finished, each with the
// month it reported it finished, its latest report and what that said,
// every cell locked; no sheet when there are none.
func (tw *templateWriter) done() error {
	if tw.finishedCount() == 0 {
		return nil
	}
	f, s := tw.f, SheetDone
	if _, err := f.NewSheet(s); err != nil {
		return err
	}
	cols := []struct {
		label string
		width float64
	}{{"类别", 9}, {"编号", 8}, {"名称", 26}, {"报告完成的月份", 11}, {"最近一次报送", 11}, {"最近一次报送的情况", 64}}
	total := 0.0
	for _, c := range cols {
		total += c.width
	}
	last, _ := excelize.ColumnNumberToName(len(cols))
	if err := tw.titleRowText(s, tw.title()+" · "+SheetDone+"（"+tw.p.UnitName(tw.u)+"）", last, total); err != nil {
		return err
	}
	note := fmt.Sprintf("以下事项本单位已报告完成（整改问题已销号），本月起不用再填写，按最近一次报送的情况计。如某项需要继续填报（情况有变化或需更正），请在“%s”等工作表表格末尾的空白行中填写它的编号、名称和本月情况。",
		SheetTasks)
	if err := f.SetCellStr(s, "A2", note); err != nil {
		return err
	}
	if err := f.MergeCell(s, "A2", last+"2"); err != nil {
		return err
	}
	if err := f.SetCellStyle(s, "A2", "A2", tw.note); err != nil {
		return err
	}
	if err := f.SetRowHeight(s, 2, textHeight(note, total, lineHeight)); err != nil {
		return err
	}
	for c, col := range cols {
		letter, _ := excelize.ColumnNumberToName(c + 1)
		if err := f.SetCellStr(s, letter+"3", col.label); err != nil {
			return err
		}
		if err := f.SetColWidth(s, letter, letter, col.width); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(s, "A3", last+"3", tw.header); err != nil {
		return err
	}
	if err := f.SetRowHeight(s, 3, 30); err != nil {
		return err
	}
	row := 4
	for _, sh := range dataSheets {
		for _, it := range tw.finished[sh.name] {
			when, what := tw.lastWord(sh, it)
			values := []string{doneKind[sh.name], it.id, it.title, tw.finishedSince(sh, it).Label(), when.Label(), what}
			height := lineHeight + 3
			for c, v := range values {
				cell, _ := excelize.CoordinatesToCellName(c+1, row)
				if err := f.SetCellStr(s, cell, v); err != nil {
					return err
				}
				st := tw.fixed
				if c == 1 {
					st = tw.fixedID
				}
				if err := f.SetCellStyle(s, cell, cell, st); err != nil {
					return err
				}
				height = max(height, textHeight(v, cols[c].width, lineHeight))
			}
			if err := f.SetRowHeight(s, row, height); err != nil {
				return err
			}
			row++
		}
	}
	if err := tw.page(s, "landscape", fmt.Sprintf("$A$1:$%s$%d", last, row-1), "$1:$3"); err != nil {
		return err
	}
	return protect(f, s, false) // nothing to add: a unit takes an item up again on its sheet
}

var doneKind = map[string]string{SheetTasks: "重点任务", SheetTargets: "量化指标", SheetProblems: "整改问题"}

// finishedSince is the month from which the unit's reports have said it
// finished item it (a target: its task) without a report since saying
// otherwise; zero when none did.
func (tw *templateWriter) finishedSince(sh sheet, it item) domain.Month {
	if sh.name == SheetTargets {
		for _, t := range tw.p.Tasks {
			for _, tg := range t.Targets {
				if tg.ID == it.id {
					return tw.finishedSince(taskSheet, item{id: t.ID})
				}
			}
		}
		return domain.Month{}
	}
	var since domain.Month
	for _, rep := range tw.earlier {
		v := tw.values(&rep, sh, it)
		var finished bool
		switch sh.name {
		case SheetTasks:
			if v["state"] == nil && v["progress"] == nil {
				continue // a row of texts only: says nothing of being finished
			}
			finished = taskFinished(v["state"], v["progress"])
		case SheetProblems:
			if v["state"] == nil {
				continue
			}
			finished = v["state"] == domain.RectClosed.Label()
		}
		switch {
		case !finished:
			since = domain.Month{}
		case since.IsZero():
			since = rep.Month
		}
	}
	return since
}

// titleRowText writes text as a sheet's title across its columns up to
// last, whose widths add up to width, in a row tall enough for its lines.
func (tw *templateWriter) titleRowText(s, text, last string, width float64) error {
	f := tw.f
	cell := fmt.Sprintf("A%d", titleRow)
	if err := f.SetCellStr(s, cell, text); err != nil {
		return err
	}
	if err := f.MergeCell(s, cell, fmt.Sprintf("%s%d", last, titleRow)); err != nil {
		return err
	}
	if err := f.SetCellStyle(s, cell, cell, tw.heading); err != nil {
		return err
	}
	return f.SetRowHeight(s, titleRow, max(30, textHeight(text, width/headingScale, headingLine)))
}

// A title's characters are headingScale times as wide as the body's, on
// lines of headingLine points.
const (
	headingScale = 1.3
	headingLine  = 22
)

// lastWord is the month of the unit's latest report of item it and what
// that report said, in words: 已完成，进度 100%；本月工作进展：….
func (tw *templateWriter) lastWord(sh sheet, it item) (domain.Month, string) {
	var newest domain.Month
	var parts []string
	for _, c := range sh.columns {
		if !c.input() {
			continue
		}
		v, m := tw.latest(sh, it, c.key)
		if v == nil {
			continue
		}
		if m.After(newest) {
			newest = m
		}
		text := strings.TrimRight(valueText(v, c.kind), "。；; ")
		if c.kind == kTaskState || c.kind == kRectState {
			parts = append(parts, text)
		} else {
			parts = append(parts, strings.TrimSuffix(c.labels[0], "(%)")+"："+text)
		}
	}
	return newest, strings.Join(parts, "；") + "。"
}
