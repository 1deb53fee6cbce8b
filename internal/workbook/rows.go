package workbook

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/value"
)

// maxText bounds a text cell kept in a report (characters).
const maxText = 4000

// header is a data sheet's header: the row it is on and the column of each
// key found.
type header struct {
	row  int
	cols map[string]int
}

// findHeader returns the first row, among the first headerMax, that holds
// the sheet's id column (or its title column) and at least one other label.
// Title rows above it and extra columns are ignored.
func (r *reader) findHeader(g *grid, s sheet) (header, bool) {
	keys := map[string]string{}
	for _, c := range s.columns {
		for _, l := range c.labels {
			if _, ok := keys[labelKey(l)]; !ok {
				keys[labelKey(l)] = c.key
			}
		}
	}
	for row := 0; row < len(g.rows) && row < headerMax; row++ {
		h := header{row: row, cols: map[string]int{}}
		dup := map[string][]string{}
		for col := range g.rows[row] {
			key, ok := keys[labelKey(g.at(row, col))]
			if !ok {
				continue
			}
			if _, seen := h.cols[key]; seen {
				dup[key] = append(dup[key], cellName(row, col))
				continue
			}
			h.cols[key] = col
		}
		_, hasID := h.cols["id"]
		_, hasTitle := h.cols["title"]
		if (hasID || hasTitle) && len(h.cols) >= 2 {
			for key, cells := range dup {
				r.find(g.sheet, cells[0], domain.Warning, "请删除重复的列，或改掉其中一个表头",
					"表头“%s”出现了不止一次（%s 和 %s），只读取了第一列", s.col(key).labels[0], cellName(row, h.cols[key]), strings.Join(cells, "、"))
			}
			return h, true
		}
	}
	return header{}, false
}

// cellRef is a cell of a data row.
type cellRef struct {
	raw      string
	row, col int // 0-based; col < 0 when the column is missing
}

func (c cellRef) name() string { return cellName(c.row, c.col) }

func (c cellRef) blank() bool { return strings.TrimSpace(c.raw) == "" }

// sheet reads one data sheet.
func (r *reader) sheet(s sheet, name string) {
	g, err := r.grid(name)
	if err != nil {
		r.find(name, "", domain.Error, "请用模板重新填报", "无法读取此工作表（%v）", err)
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
			r.find(name, cellName(h.row, len(g.rows[h.row])), domain.Warning, "请恢复模板中的这一列",
				"缺少“%s”列，此列的内容未读取", c.labels[0])
		}
	}
	m := newMatcher(r.p, s)
	used := map[string]string{} // item id → cell of the row that gave it
	var unfilled []string       // ids of rows left blank
	var firstUnfilled string
	for row := h.row + 1; row < len(g.rows); row++ {
		if g.blank(row) {
			continue
		}
		cells := map[string]cellRef{}
		for _, c := range s.columns {
			col, ok := h.cols[c.key]
			if !ok {
				cells[c.key] = cellRef{row: row, col: -1}
				continue
			}
			cells[c.key] = cellRef{raw: strings.TrimSpace(g.at(row, col)), row: row, col: col}
		}
		filled := false
		for _, c := range s.columns {
			ref := cells[c.key]
			if !c.input() || ref.col < 0 {
				continue
			}
			if !ref.blank() {
				filled = true
			} else if formula := g.formula(ref.row, ref.col); formula != "" {
				r.find(name, ref.name(), domain.Error, "请在 Excel 或 WPS 中打开后保存一次（让公式算出结果），或直接填写数值",
					"“%s”是公式 =%s，但文件中没有它的计算结果，未计入", c.labels[0], clip(formula))
			}
		}
		id, ok := r.matchRow(g, s, m, cells, filled)
		if !ok {
			continue
		}
		idCell := cells["id"]
		if idCell.col < 0 {
			idCell = cells["title"]
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
		r.record(g, s, id, idCell, cells)
	}
	if len(unfilled) > 0 {
		r.find(name, firstUnfilled, domain.Warning, "请填写本月的进度和情况", "%d 行未填写：%s", len(unfilled), strings.Join(unfilled, "、"))
	}
}

// record converts one row's cells into the report's record for item id.
func (r *reader) record(g *grid, s sheet, id string, idCell cellRef, cells map[string]cellRef) {
	ref := g.sheet + "!" + idCell.name()
	text := func(key string) string {
		t := strings.TrimSpace(cells[key].raw)
		if rs := []rune(t); len(rs) > maxText {
			r.find(g.sheet, cells[key].name(), domain.Warning, fmt.Sprintf("请精简到 %d 字以内", maxText), "内容过长，只保留了前 %d 字", maxText)
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
		row.Progress = r.percent(g, cells["progress"], "完成进度")
		row.State = r.taskState(g, cells["state"])
		r.rep.Tasks = append(r.rep.Tasks, row)
	case SheetTargets:
		r.rep.Targets = append(r.rep.Targets, domain.TargetRow{TargetID: id, Cell: ref, Value: r.number(g, cells["value"], id)})
	case SheetProblems:
		row := domain.ProblemRow{ProblemID: id, Cell: ref, Measures: text("measures")}
		row.Progress = r.percent(g, cells["progress"], "整改进度")
		row.State = r.rectState(g, cells["state"])
		row.DoneOn = r.date(g, cells["done_on"], "完成整改时间")
		r.rep.Problems = append(r.rep.Problems, row)
	case SheetIndicators:
		row := domain.IndicatorRow{IndicatorID: id, Cell: ref, Note: text("note")}
		row.Readiness = r.percent(g, cells["readiness"], "准备程度")
		r.rep.Indicators = append(r.rep.Indicators, row)
	}
}

func (r *reader) percent(g *grid, c cellRef, what string) *float64 {
	if c.col < 0 || c.blank() {
		return nil
	}
	if errCell(c.raw) {
		r.find(g.sheet, c.name(), domain.Error, value.PercentHint, "%s是公式错误值“%s”，未计入", what, c.raw)
		return nil
	}
	if g.isNumber(c.row, c.col) {
		v, _ := strconv.ParseFloat(c.raw, 64)
		pctFmt, _ := g.format(c.row, c.col)
		p, fraction, err := value.PercentFromNumber(v, pctFmt)
		if err != nil {
			r.find(g.sheet, c.name(), domain.Error, value.PercentHint, "%s：%v，未计入", what, err)
			return nil
		}
		if fraction {
			r.find(g.sheet, c.name(), domain.Warning, "请直接填写百分数，如 80 或 80%", "%s填的是 %s，已按 %s%% 计", what, c.raw, fmtNum(p))
		}
		return &p
	}
	p, err := value.ParsePercent(c.raw)
	if err != nil {
		r.find(g.sheet, c.name(), domain.Error, value.PercentHint, "%s：%v，未计入", what, err)
		return nil
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
	switch strings.ToUpper(strings.TrimSpace(raw)) {
	case "#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!", "#SPILL!", "#CALC!", "#GETTING_DATA":
		return true
	}
	return false
}

func fmtNum(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// matcher finds the plan item a row is about, by id and by title.
type matcher struct {
	items   []item
	byID    map[string]int
	byTitle map[string]int // titleKey → index; -1 when two items share it
	noun    string
}

func newMatcher(p *domain.Plan, s sheet) *matcher {
	m := &matcher{items: allItems(p, s), byID: map[string]int{}, byTitle: map[string]int{}}
	m.noun = map[string]string{SheetTasks: "任务", SheetTargets: "指标", SheetProblems: "问题", SheetIndicators: "评价指标"}[s.name]
	for i, it := range m.items {
		m.byID[value.NormalizeID(it.id)] = i
		k := titleKey(it.title)
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
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, domain.NameKey(s))
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
	for i, it := range m.items {
		ik := titleKey(it.title)
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
func (r *reader) matchRow(g *grid, s sheet, m *matcher, cells map[string]cellRef, filled bool) (string, bool) {
	idc, tc := cells["id"], cells["title"]
	rawID := idc.raw
	var mangled string // how Excel changed the id, when it did
	if idc.col >= 0 && !idc.blank() && g.isNumber(idc.row, idc.col) {
		v, _ := strconv.ParseFloat(rawID, 64)
		if _, isDate := g.format(idc.row, idc.col); isDate {
			mangled = "日期"
			rawID = ""
		} else {
			rawID = value.IDFromNumber(v)
			mangled = "数字"
		}
	}
	id := value.NormalizeID(rawID)
	byID, idOK := m.byID[id]
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
		r.find(g.sheet, where.name(), domain.Warning, hint, "编号被 Excel 改成了日期，已按名称对应到%s %s", m.noun, m.items[byTitle].id)
		return m.items[byTitle].id, true
	case titleOK && id == "":
		r.find(g.sheet, where.name(), domain.Warning, hint, "缺少编号，已按名称对应到%s %s", m.noun, m.items[byTitle].id)
		return m.items[byTitle].id, true
	case titleOK:
		r.find(g.sheet, where.name(), domain.Warning, hint, "编号“%s”不是方案中的编号，已按名称对应到%s %s", clip(rawID), m.noun, m.items[byTitle].id)
		return m.items[byTitle].id, true
	case mangled == "日期":
		r.find(g.sheet, where.name(), domain.Error, hint, "编号被 Excel 改成了日期，名称也无法对应到方案中的%s，本行未计入", m.noun)
	case id != "":
		r.find(g.sheet, where.name(), domain.Error, hint, "未知的%s编号“%s”，本行未计入", m.noun, clip(rawID))
	case filled:
		r.find(g.sheet, where.name(), domain.Error, hint, "本行缺少编号，名称也无法对应到方案中的%s，未计入", m.noun)
	}
	return "", false
}
