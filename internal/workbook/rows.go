package workbook

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/value"
)

// maxText bounds a text cell kept in a report (characters).
const maxText = 4000

// header is a data sheet's header: its rows and the column of each key
// found.
type header struct {
	top, row int // its first and last row; the data begin below row
	cols     map[string]int
}

// findHeader returns the sheet's header among its first headerMax rows.
// A header may take several rows: group labels merged across the top
// (推进情况 over 完成进度 and 推进状态), the column labels below them, and
// some labels merged down over all of its rows. The header begins at the
// first row that holds a label of the sheet and goes down through every
// row that an area merged down from its rows reaches and every following
// row that holds only labels (and cells merged from above); each column
// takes the label nearest its data, the lowest of its column. It is found
// when it has the id column (or the title column) and at least one other
// label. Title rows above it and extra columns are ignored.
func (r *reader) findHeader(g *grid, s sheet) (header, bool) {
	keys := columnKeys[s.name]
	label := func(row, col int) (string, bool) {
		key, ok := keys[labelKey(g.at(row, col))]
		if !ok {
			return "", false
		}
		// The columns of a label merged across several columns after its
		// first are not the label's.
		if m, merged := g.mergeAt(row, col); merged && m.c1 != col+1 {
			return "", false
		}
		return key, true
	}
	for top := 0; top < len(g.rows) && top < headerMax; top++ {
		hasLabel := false
		for col := range g.rows[top] {
			if _, ok := label(top, col); ok {
				hasLabel = true
				break
			}
		}
		if !hasLabel {
			continue
		}
		bottom := top
		for bottom+1 < len(g.rows) && bottom+1 < headerMax && (g.mergedDown(top, bottom) || labelsOnly(g, bottom+1, label)) {
			bottom++
		}
		h := header{top: top, row: bottom, cols: map[string]int{}}
		at := map[string]string{} // key → the cell of its label
		dup := map[string][]string{}
		width := 0
		for row := top; row <= bottom; row++ {
			width = max(width, g.rowWidth(row))
		}
		for col := 0; col < width; col++ {
			for row := bottom; row >= top; row-- {
				key, ok := label(row, col)
				if !ok {
					continue
				}
				if _, seen := h.cols[key]; seen {
					dup[key] = append(dup[key], cellName(row, col))
				} else {
					h.cols[key], at[key] = col, cellName(row, col)
				}
				break
			}
		}
		_, hasID := h.cols["id"]
		_, hasTitle := h.cols["title"]
		if (hasID || hasTitle) && len(h.cols) >= 2 {
			for key, cells := range dup {
				r.find(g.sheet, cells[0], domain.Warning, "请删除重复的列，或改掉其中一个表头",
					"表头“%s”出现了不止一次（%s 和 %s），只读取了第一列", s.col(key).labels[0], at[key], strings.Join(cells, "、"))
			}
			return h, true
		}
	}
	return header{}, false
}

// mergedDown reports whether an area merged down from the rows top to
// bottom reaches the row below them: a label merged over every row of a
// header.
func (g *grid) mergedDown(top, bottom int) bool {
	for _, m := range g.merges {
		if m.r1-1 >= top && m.r1-1 <= bottom && m.r2-1 > bottom {
			return true
		}
	}
	return false
}

// labelsOnly reports whether row holds at least one label and nothing else
// but cells merged from the row above: a lower row of a header.
func labelsOnly(g *grid, row int, label func(row, col int) (string, bool)) bool {
	found := false
	for col, v := range g.rows[row] {
		if strings.TrimSpace(v) == "" {
			continue
		}
		if _, ok := label(row, col); ok {
			found = true
			continue
		}
		if m, merged := g.mergeAt(row, col); merged && (m.r1-1 < row || m.c1-1 < col) {
			continue
		}
		return false
	}
	return found
}

// cellRef is a cell of a data row.
type cellRef struct {
	raw      string
	row, col int // 0-based; col < 0 when the column is missing
}

func (c cellRef) name() string { return cellName(c.row, c.col) }

func (c cellRef) blank() bool { return strings.TrimSpace(c.raw) == "" }

// rowCells are a data row's cells by column key, in the sheet's order.
type rowCells []keyedRef

type keyedRef struct {
	key string
	cellRef
}

// get returns the cell of column key.
func (rc rowCells) get(key string) cellRef {
	for _, c := range rc {
		if c.key == key {
			return c.cellRef
		}
	}
	return cellRef{col: -1}
}

func (rc rowCells) set(key string, ref cellRef) {
	for i := range rc {
		if rc[i].key == key {
			rc[i].cellRef = ref
		}
	}
}

// sheet reads one data sheet.
func (r *reader) sheet(s sheet, name string) {
	g, err := r.grid(name)
	if err != nil {
		r.find(name, "", domain.Error, "请用 Excel 或 WPS 打开后另存为 .xlsx 再报送；如仍有问题，请用模板重新填报", "无法读取此工作表，此表未读取")
		return
	}
	if g.truncated {
		r.find(name, "", domain.Warning, "请只保留模板中的行和列", "此表超过 %d 行或 %d 列，超出部分未读取", maxRows, maxCols)
	}
	h, ok := r.findHeader(g, s)
	if !ok {
		var labels []string
		for _, c := range s.columns {
			labels = append(labels, c.labels[0])
		}
		r.find(name, "", domain.Error, "请恢复模板中的表头行："+strings.Join(labels, "、"),
			"找不到表头（前 %d 行中没有“%s”等列名），此表未读取", headerMax, s.columns[0].labels[0])
		return
	}
	for _, c := range s.columns {
		if _, ok := h.cols[c.key]; !ok && c.input() {
			r.find(name, cellName(h.row, g.rowWidth(h.row)), domain.Warning, "请恢复模板中的这一列",
				"缺少“%s”列，此列的内容未读取", c.labels[0])
		}
	}
	fractions := map[string]bool{} // percent columns written as fractions
	for _, c := range s.columns {
		if col, ok := h.cols[c.key]; ok && c.kind == kPercent {
			fractions[c.key] = fractionColumn(g, h.row+1, col)
		}
	}
	m := r.matchers[s.name]
	if m == nil {
		m = newMatcher(r.p, s)
	}
	cellsBuf := make(rowCells, 0, len(s.columns)) // one row's cells, row after row
	used := map[string]string{}                   // item id → cell of the row that gave it
	var unfilled []string                         // ids of rows left blank
	var firstUnfilled string
	r.reserve(s, g, h.row+1)
	for row := h.row + 1; row < len(g.rows); row++ {
		if g.blank(row) {
			continue
		}
		cells := cellsBuf[:0]
		for _, c := range s.columns {
			col, ok := h.cols[c.key]
			if !ok {
				cells = append(cells, keyedRef{c.key, cellRef{row: row, col: -1}})
				continue
			}
			cells = append(cells, keyedRef{c.key, cellRef{raw: strings.TrimSpace(g.at(row, col)), row: row, col: col}})
		}
		filled := false
		for _, c := range s.columns {
			ref := cells.get(c.key)
			if !c.input() || ref.col < 0 {
				continue
			}
			switch {
			case g.picture(ref.row, ref.col):
				r.find(name, ref.name(), domain.Warning, "请把“"+c.labels[0]+"”写成文字；照片等材料请另行报送",
					"“%s”是嵌入单元格的图片（=DISPIMG），不能作为文字读取，未计入", c.labels[0])
				cells.set(c.key, cellRef{row: ref.row, col: ref.col})
			case c.kind == kText && errCell(ref.raw):
				r.find(name, ref.name(), domain.Warning, "请把“"+c.labels[0]+"”写成文字；照片等材料请另行报送",
					"“%s”是图片、对象或错误值“%s”，不是文字，未计入", c.labels[0], ref.raw)
				cells.set(c.key, cellRef{row: ref.row, col: ref.col})
			case !ref.blank():
				filled = true
			default:
				if formula := g.formula(ref.row, ref.col); formula != "" {
					r.find(name, ref.name(), domain.Error, "请在 Excel 或 WPS 中打开后保存一次（让公式算出结果），或直接填写数值",
						"“%s”是公式 =%s，但文件中没有它的计算结果，未计入", c.labels[0], clip(formula))
				}
			}
		}
		id, ok := r.matchRow(g, s, m, cells, filled)
		if !ok {
			continue
		}
		idCell := cells.get("id")
		if idCell.col < 0 {
			idCell = cells.get("title")
		}
		if prev, dup := used[id]; dup {
			r.find(name, idCell.name(), domain.Error, "每个编号只填一行；请删除重复的行",
				"编号“%s”在本表中出现了两次（%s 已填写），本行未计入", id, prev)
			continue
		}
		used[id] = idCell.name()
		if !filled {
			if firstUnfilled == "" {
				firstUnfilled = idCell.name()
			}
			unfilled = append(unfilled, id)
			continue
		}
		r.record(g, s, id, idCell, cells, fractions)
	}
	if len(unfilled) > 0 {
		r.find(name, firstUnfilled, domain.Warning, "请填写本月的进度和情况", "%d 行未填写：%s", len(unfilled), strings.Join(unfilled, "、"))
	}
}

// reserve makes room in the report for the rows of sheet s from row on,
// so that a province's hundreds of thousands of rows are not held in
// slices that grew by doubling.
func (r *reader) reserve(s sheet, g *grid, row int) {
	n := 0
	for ; row < len(g.rows); row++ {
		if !g.blank(row) {
			n++
		}
	}
	switch s.name {
	case SheetTasks:
		r.rep.Tasks = slices.Grow(r.rep.Tasks, n)
	case SheetTargets:
		r.rep.Targets = slices.Grow(r.rep.Targets, n)
	case SheetProblems:
		r.rep.Problems = slices.Grow(r.rep.Problems, n)
	case SheetIndicators:
		r.rep.Indicators = slices.Grow(r.rep.Indicators, n)
	}
}

// fractionColumn reports whether the percentages of column col, from row
// on, are written as fractions: some bare number (one not shown as a
// percentage and with no percent sign) is between 0 and 1, and none is
// above 1. In such a column a bare 1 is 100%.
func fractionColumn(g *grid, row, col int) bool {
	fraction := false
	for ; row < len(g.rows); row++ {
		raw := strings.TrimSpace(g.at(row, col))
		if raw == "" {
			continue
		}
		var (
			v    float64
			bare bool
		)
		if g.isNumber(row, col) {
			if pct, _ := g.format(row, col); !pct {
				v, _ = strconv.ParseFloat(raw, 64)
				bare = true
			}
		} else {
			v, bare = value.BareNumber(raw)
		}
		switch {
		case !bare:
		case v > 1:
			return false
		case v > 0 && v < 1:
			fraction = true
		}
	}
	return fraction
}

// record converts one row's cells into the report's record for item id.
func (r *reader) record(g *grid, s sheet, id string, idCell cellRef, cells rowCells, fractions map[string]bool) {
	ref := g.sheet + "!" + idCell.name()
	text := func(key string) string {
		t := strings.TrimSpace(cells.get(key).raw)
		if rs := []rune(t); len(rs) > maxText {
			r.find(g.sheet, cells.get(key).name(), domain.Warning, fmt.Sprintf("请精简到 %d 字以内", maxText), "内容过长，只保留了前 %d 字", maxText)
			t = string(rs[:maxText])
		}
		return t
	}
	switch s.name {
	case SheetTasks:
		row := domain.TaskRow{TaskID: id, Cell: ref, Done: text("done"), Issues: text("issues"), Next: text("next")}
		if t, ok := r.p.Task(id); ok {
			row.Role = t.RoleOf(r.rep.Unit)
			if row.Role == "" {
				r.find(g.sheet, idCell.name(), domain.Warning, "请核对任务编号；本单位的任务见模板",
					"本单位不是任务 %s 的牵头或配合单位，此行仅作参考", id)
			}
		}
		row.Progress = r.percent(g, cells.get("progress"), "完成进度", fractions["progress"])
		row.State = r.taskState(g, cells.get("state"))
		r.rep.Tasks = append(r.rep.Tasks, row)
	case SheetTargets:
		r.rep.Targets = append(r.rep.Targets, domain.TargetRow{TargetID: id, Cell: ref, Value: r.number(g, cells.get("value"), id)})
	case SheetProblems:
		row := domain.ProblemRow{ProblemID: id, Cell: ref, Measures: text("measures")}
		row.Progress = r.percent(g, cells.get("progress"), "整改进度", fractions["progress"])
		row.State = r.rectState(g, cells.get("state"))
		row.DoneOn = r.date(g, cells.get("done_on"), "完成整改时间")
		r.rep.Problems = append(r.rep.Problems, row)
	case SheetIndicators:
		row := domain.IndicatorRow{IndicatorID: id, Cell: ref, Note: text("note")}
		row.Readiness = r.percent(g, cells.get("readiness"), "准备程度", fractions["readiness"])
		r.rep.Indicators = append(r.rep.Indicators, row)
	}
}

// percent reads a percentage cell: a number (as shown: 0.8 in a cell
// formatted as a percentage is 80) or text holding one, read alike (see
// value.ParsePercent); fractions says the cell's column is written as
// fractions. A bare number read as a fraction, or a bare 1, is used with a
// warning that says how it was read.
func (r *reader) percent(g *grid, c cellRef, what string, fractions bool) *float64 {
	if c.col < 0 || c.blank() {
		return nil
	}
	if errCell(c.raw) {
		r.find(g.sheet, c.name(), domain.Error, value.PercentHint, "%s是公式错误值“%s”，未计入", what, c.raw)
		return nil
	}
	var (
		p       float64
		reading value.Reading
		err     error
	)
	if g.isNumber(c.row, c.col) {
		v, _ := strconv.ParseFloat(c.raw, 64)
		pctFmt, _ := g.format(c.row, c.col)
		p, reading, err = value.PercentFromNumber(v, pctFmt, fractions)
	} else {
		p, reading, err = value.ParsePercent(c.raw, fractions)
	}
	if err != nil {
		r.find(g.sheet, c.name(), domain.Error, value.PercentHint, "%s：%v，未计入", what, err)
		return nil
	}
	switch reading {
	case value.AsFraction:
		r.find(g.sheet, c.name(), domain.Warning, "请直接填写百分数，如 80 或 80%", "%s填的是 %s，已按 %s%% 计", what, c.raw, fmtNum(p))
	case value.AsOnePoint:
		r.find(g.sheet, c.name(), domain.Warning, "如指 100%（已完成），请填 100；如指 1%，请填 1%", "%s填的是 %s，已按 1%% 计", what, c.raw)
	}
	return &p
}

func (r *reader) number(g *grid, c cellRef, id string) *float64 {
	if c.col < 0 || c.blank() {
		return nil
	}
	if errCell(c.raw) {
		r.find(g.sheet, c.name(), domain.Error, value.NumberHint, "累计完成值是公式错误值“%s”，未计入", c.raw)
		return nil
	}
	unit := ""
	for _, t := range r.p.Tasks {
		for _, tg := range t.Targets {
			if tg.ID == id {
				unit = tg.Unit
			}
		}
	}
	v, stripped, err := value.ParseQuantity(c.raw, unit)
	if err != nil {
		r.find(g.sheet, c.name(), domain.Error, value.NumberHint, "累计完成值：%v，未计入", err)
		return nil
	}
	_ = stripped
	return &v
}

func (r *reader) taskState(g *grid, c cellRef) domain.TaskState {
	if c.col < 0 || c.blank() {
		return ""
	}
	st, err := value.ParseTaskState(c.raw)
	if err != nil {
		r.find(g.sheet, c.name(), domain.Error, value.TaskStateHint, "推进状态：%v，未计入", err)
		return ""
	}
	return st
}

func (r *reader) rectState(g *grid, c cellRef) domain.RectState {
	if c.col < 0 || c.blank() {
		return ""
	}
	st, err := value.ParseRectState(c.raw)
	if err != nil {
		r.find(g.sheet, c.name(), domain.Error, value.RectStateHint, "整改状态：%v，未计入", err)
		return ""
	}
	return st
}

func (r *reader) date(g *grid, c cellRef, what string) domain.Date {
	if c.col < 0 || c.blank() {
		return domain.Date{}
	}
	d, err := r.dateValue(g, c.row, c.col, c.raw)
	if err == nil {
		err = r.plausible(d)
	}
	if err != nil {
		r.find(g.sheet, c.name(), domain.Error, value.DateHint, "%s：%v，未计入", what, err)
		return domain.Date{}
	}
	return d
}

// plausible checks that a date falls within the plan's years: from a year
// before the plan date to two years after the last reporting month.
func (r *reader) plausible(d domain.Date) error {
	s := r.p.Settings
	from, to := s.PlanDate.AddDays(-366), s.LastReportMonth.Last().AddDays(2*366)
	if d.Before(from) || d.After(to) {
		return fmt.Errorf("日期“%s”不在方案的时间范围内（%s 至 %s）", d, from, to)
	}
	return nil
}

// errCell reports whether raw is an Excel error value such as #DIV/0!.
func errCell(raw string) bool {
	raw = strings.TrimSpace(raw)
	if !strings.HasPrefix(raw, "#") {
		return false
	}
	switch strings.ToUpper(raw) {
	case "#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!", "#SPILL!", "#CALC!", "#GETTING_DATA":
		return true
	}
	return false
}

func fmtNum(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// matcher finds the plan item a row is about, by id and by title.
// A matcher finds a sheet's items by id or title. It is made whole and only
// read after (a Reader makes one per sheet and shares it between the
// workbooks it reads, at once).
type matcher struct {
	items   []item
	byID    map[string]int
	keys    []string       // titleKey of each item
	byTitle map[string]int // titleKey → index; -1 when two items share it
	noun    string
}

func newMatcher(p *domain.Plan, s sheet) *matcher {
	items := allItems(p, s)
	m := &matcher{items: items, byID: make(map[string]int, len(items))}
	switch s.name {
	case SheetTasks:
		m.noun = "任务"
	case SheetTargets:
		m.noun = "指标"
	case SheetProblems:
		m.noun = "问题"
	case SheetIndicators:
		m.noun = "评价指标"
	}
	m.keys = make([]string, len(m.items))
	m.byTitle = make(map[string]int, len(m.items))
	for i, it := range m.items {
		m.byID[value.NormalizeID(it.id)] = i
		k := titleKey(it.title)
		m.keys[i] = k
		if _, dup := m.byTitle[k]; dup {
			m.byTitle[k] = -1
		} else {
			m.byTitle[k] = i
		}
	}
	return m
}

// titleKey compares titles ignoring width, spaces, quotes and punctuation.
func titleKey(s string) string {
	return nameKey(s, func(r rune) bool {
		if r < utf8.RuneSelf {
			return r >= 'a' && r <= 'z' || r >= '0' && r <= '9'
		}
		return unicode.IsLetter(r) || unicode.IsDigit(r)
	})
}

// byTitleText returns the item whose title is title, or that contains it or
// is contained in it when only one does.
func (m *matcher) byTitleText(title string) (int, bool) {
	k := titleKey(title)
	if k == "" {
		return 0, false
	}
	if i, ok := m.byTitle[k]; ok {
		return i, i >= 0
	}
	found := -1
	for i := range m.items {
		ik := m.keys[i]
		if ik != "" && (strings.Contains(ik, k) || strings.Contains(k, ik)) {
			if found >= 0 {
				return 0, false
			}
			found = i
		}
	}
	return found, found >= 0
}

// matchRow decides which item a row is about. It never guesses: when the
// id and the title disagree, or neither names an item, the row is reported
// and left out.
func (r *reader) matchRow(g *grid, s sheet, m *matcher, cells rowCells, filled bool) (string, bool) {
	idc, tc := cells.get("id"), cells.get("title")
	rawID := idc.raw
	var mangled string // how Excel changed the id, when it did
	asDate := ""       // the date it became, as a user sees it
	if idc.col >= 0 && !idc.blank() && g.isNumber(idc.row, idc.col) {
		v, _ := strconv.ParseFloat(rawID, 64)
		if _, isDate := g.format(idc.row, idc.col); isDate {
			mangled = "日期"
			if d, err := r.serialDate(rawID); err == nil {
				asDate = fmt.Sprintf("（%d月%d日）", d.MonthNum(), d.Day())
			}
			rawID = ""
		} else {
			rawID = value.IDFromNumber(v)
			mangled = "数字"
		}
	}
	id := value.NormalizeID(rawID)
	byID, idOK := m.byID[id]
	if idOK && (tc.col < 0 || tc.blank() || titleKey(tc.raw) == m.keys[byID]) {
		// The common case: the id names an item and the title, when
		// there is one, is that item's.
		return m.items[byID].id, true
	}
	byTitle, titleOK := m.byTitleText(tc.raw)
	where := idc
	if where.col < 0 {
		where = tc
	}
	hint := "编号和名称请保持模板原样；编号列请设为文本格式，或使用汇总单位下发的报送表格"
	switch {
	case idOK && (!titleOK || byTitle == byID):
		if tc.col >= 0 && !tc.blank() && !titleOK && titleKey(tc.raw) != "" {
			r.find(g.sheet, tc.name(), domain.Warning, hint, "名称“%s”与方案中%s %s 的名称“%s”不同，已按编号计入", clip(tc.raw), m.noun, m.items[byID].id, m.items[byID].title)
		}
		return m.items[byID].id, true
	case idOK && titleOK && mangled == "数字":
		// 1.10 stored as the number 1.1 is 1.1 by id and 1.10 by title.
		r.find(g.sheet, where.name(), domain.Warning, hint, "编号被 Excel 改成了数字 %s，已按名称对应到%s %s", rawID, m.noun, m.items[byTitle].id)
		return m.items[byTitle].id, true
	case idOK && titleOK:
		r.find(g.sheet, where.name(), domain.Error, hint, "编号 %s 与名称“%s”（属于%s %s）不一致，本行未计入", m.items[byID].id, clip(tc.raw), m.noun, m.items[byTitle].id)
		return "", false
	case titleOK && mangled == "日期":
		r.find(g.sheet, where.name(), domain.Warning, hint, "编号被 Excel 改成了日期%s，已按名称对应到%s %s", asDate, m.noun, m.items[byTitle].id)
		return m.items[byTitle].id, true
	case titleOK && id == "":
		r.find(g.sheet, where.name(), domain.Warning, hint, "缺少编号，已按名称对应到%s %s", m.noun, m.items[byTitle].id)
		return m.items[byTitle].id, true
	case titleOK:
		r.find(g.sheet, where.name(), domain.Warning, hint, "编号“%s”不是方案中的编号，已按名称对应到%s %s", clip(rawID), m.noun, m.items[byTitle].id)
		return m.items[byTitle].id, true
	case mangled == "日期":
		r.find(g.sheet, where.name(), domain.Error, hint, "编号被 Excel 改成了日期%s，名称也无法对应到方案中的%s，本行未计入", asDate, m.noun)
	case id != "":
		r.find(g.sheet, where.name(), domain.Error, hint, "未知的%s编号“%s”，本行未计入", m.noun, clip(rawID))
	case filled:
		r.find(g.sheet, where.name(), domain.Error, hint, "本行缺少编号，名称也无法对应到方案中的%s，未计入", m.noun)
	}
	return "", false
}
