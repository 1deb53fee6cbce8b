package workbook

import (
	"unicode"
	"unicode/utf8"
)

// The contract with the units (the README, "The monthly workbook"): the
// sheets and their column labels. The template writes the first label of
// each; the reader takes the label or any synonym, compared by labelKey.

// Sheet names.
const (
	SheetGuide      = "填报说明"
	SheetInfo       = "基本信息"
	SheetTasks      = "重点任务"
	SheetTargets    = "量化指标"
	SheetProblems   = "问题整改"
	SheetIndicators = "评价准备"
	// SheetDone lists the items the unit has finished: written by the
	// template, never read.
	SheetDone = "已完成事项"
)

// Labels of the 基本信息 sheet.
const (
	InfoUnit     = "填报单位"
	InfoMonth    = "报送月份"
	InfoReporter = "填报人"
	InfoPhone    = "联系电话"
	InfoDate     = "填报日期"
)

type kind int

const (
	kText      kind = iota // free text
	kID                    // an item id, stored as text
	kTitle                 // the item's name, pre-filled
	kRole                  // 牵头/配合, pre-filled
	kFixed                 // other pre-filled information
	kPercent               // 0..100
	kNumber                // a plain number
	kTaskState             // 推进状态
	kRectState             // 整改状态
	kDate                  // a date
)

// column is one column of a data sheet.
type column struct {
	key      string   // internal name
	labels   []string // the template's label first, then synonyms
	kind     kind
	width    float64
	required bool // the sheet cannot be read without it
}

// input reports whether the unit fills the column (unlocked in templates).
func (c column) input() bool {
	switch c.kind {
	case kID, kTitle, kRole, kFixed:
		return false
	}
	return true
}

// reference is a locked column of the template that shows what the unit
// last reported in one of its input columns (上月进度, 上月状态, last
// month's texts): for the unit to see, never read. Its label starts with
// 上月 and is no label of any column (TestReferencesNeverRead): a sheet
// whose input columns were deleted does not read them from here.
type reference struct {
	of    string // key of the input column whose latest value it shows
	label string
	width float64
	// after: shown right of the input columns and left out of the printed
	// page (the texts, which are wide); else just before them.
	after bool
}

// sheet is a data sheet: one row per item of the plan that concerns the unit.
type sheet struct {
	name       string
	aliases    []string
	columns    []column
	references []reference
}

func (s sheet) col(key string) column {
	for _, c := range s.columns {
		if c.key == key {
			return c
		}
	}
	panic("workbook: no column " + key + " in sheet " + s.name)
}

var (
	taskSheet = sheet{name: SheetTasks, aliases: []string{"重点任务进展", "任务进展", "重点工作任务", "重点任务推进情况"}, columns: []column{
		{key: "id", labels: []string{"任务编号", "编号", "任务序号"}, kind: kID, width: 8, required: true},
		{key: "title", labels: []string{"重点任务", "任务名称", "重点工作任务", "任务"}, kind: kTitle, width: 24},
		{key: "role", labels: []string{"承担角色", "角色", "牵头/配合", "责任类型"}, kind: kRole, width: 7},
		{key: "deadline", labels: []string{"完成时限", "时限"}, kind: kFixed, width: 13},
		{key: "progress", labels: []string{"完成进度(%)", "完成进度", "进度", "完成比例", "进度(%)", "完成率"}, kind: kPercent, width: 9},
		{key: "state", labels: []string{"推进状态", "状态", "进展状态", "完成情况"}, kind: kTaskState, width: 9},
		{key: "done", labels: []string{"本月工作进展", "本月进展", "工作进展", "本月完成情况", "进展情况"}, kind: kText, width: 34},
		{key: "issues", labels: []string{"存在问题", "问题", "存在的问题", "困难和问题"}, kind: kText, width: 24},
		{key: "next", labels: []string{"下月工作计划", "下月计划", "下步计划", "下一步工作计划"}, kind: kText, width: 24},
	}, references: []reference{
		{of: "progress", label: "上月进度(%)", width: 8},
		{of: "state", label: "上月状态", width: 8},
		{of: "done", label: "上月工作进展", width: 40, after: true},
		{of: "issues", label: "上月存在问题", width: 30, after: true},
		{of: "next", label: "上月所报下月计划", width: 30, after: true},
	}}
	targetSheet = sheet{name: SheetTargets, aliases: []string{"指标完成情况", "量化指标完成情况"}, columns: []column{
		{key: "id", labels: []string{"指标编号", "编号"}, kind: kID, width: 10, required: true},
		{key: "title", labels: []string{"指标名称", "指标", "名称"}, kind: kTitle, width: 30},
		{key: "unit", labels: []string{"计量单位", "单位"}, kind: kFixed, width: 10},
		{key: "target", labels: []string{"目标值", "目标", "全年目标"}, kind: kFixed, width: 10},
		{key: "value", labels: []string{"累计完成值", "累计完成", "完成值", "累计值", "实际完成"}, kind: kNumber, width: 12},
	}, references: []reference{
		{of: "value", label: "上月累计完成值", width: 12},
	}}
	problemSheet = sheet{name: SheetProblems, aliases: []string{"整改问题", "问题整改情况", "整改情况"}, columns: []column{
		{key: "id", labels: []string{"问题编号", "编号"}, kind: kID, width: 10, required: true},
		{key: "title", labels: []string{"问题描述", "问题", "问题名称"}, kind: kTitle, width: 36},
		{key: "deadline", labels: []string{"整改时限", "时限"}, kind: kFixed, width: 15},
		{key: "state", labels: []string{"整改状态", "状态"}, kind: kRectState, width: 11},
		{key: "progress", labels: []string{"整改进度(%)", "整改进度", "进度"}, kind: kPercent, width: 11},
		{key: "measures", labels: []string{"整改措施", "措施", "整改情况"}, kind: kText, width: 40},
		{key: "done_on", labels: []string{"完成整改时间", "完成时间", "整改完成时间", "销号时间"}, kind: kDate, width: 14},
	}, references: []reference{
		{of: "state", label: "上月整改状态", width: 11},
		{of: "progress", label: "上月整改进度(%)", width: 11},
		{of: "measures", label: "上月整改措施", width: 40, after: true},
	}}
	indicatorSheet = sheet{name: SheetIndicators, aliases: []string{"评价指标", "评价准备情况", "指标准备"}, columns: []column{
		{key: "id", labels: []string{"评价指标编号", "指标编号", "编号"}, kind: kID, width: 12, required: true},
		{key: "title", labels: []string{"评价指标", "指标名称", "指标"}, kind: kTitle, width: 30},
		{key: "readiness", labels: []string{"准备程度(%)", "准备程度", "准备进度", "完成程度"}, kind: kPercent, width: 12},
		{key: "note", labels: []string{"情况说明", "说明", "备注"}, kind: kText, width: 50},
	}, references: []reference{
		{of: "readiness", label: "上月准备程度(%)", width: 12},
		{of: "note", label: "上月情况说明", width: 40, after: true},
	}}
	dataSheets = []sheet{taskSheet, targetSheet, problemSheet, indicatorSheet}

	infoLabels = map[string][]string{
		InfoUnit:     {"填报单位", "报送单位", "单位", "单位名称", "责任单位"},
		InfoMonth:    {"报送月份", "月份", "填报月份", "报送期间", "所属月份"},
		InfoReporter: {"填报人", "联系人", "经办人"},
		InfoPhone:    {"联系电话", "电话", "手机"},
		InfoDate:     {"填报日期", "报送日期", "填表日期"},
	}
)

// The labelKeys of the contract's names, computed once: a column's key by
// each of its labels' keys (the first column to claim a label keeps it),
// and 基本信息's labels by each of their synonyms' keys.
var (
	columnKeys = map[string]map[string]string{}
	infoKeys   = map[string]string{}
)

func init() {
	for _, s := range dataSheets {
		keys := map[string]string{}
		for _, c := range s.columns {
			for _, l := range c.labels {
				if _, ok := keys[labelKey(l)]; !ok {
					keys[labelKey(l)] = c.key
				}
			}
		}
		columnKeys[s.name] = keys
	}
	for label, syns := range infoLabels {
		for _, s := range syns {
			infoKeys[labelKey(s)] = label
		}
	}
}

// labelKey is how labels and sheet names are compared: width folded, spaces
// removed, and brackets, per-cent signs, stars and colons dropped, so that
// 完成进度（%）, 完成进度(%) and *完成进度： are one label.
func labelKey(s string) string {
	return nameKey(s, func(r rune) bool {
		switch r {
		case '(', ')', '%', '*', ':', '[', ']', '【', '】', '：', '〔', '〕':
			return false
		}
		return true
	})
}

// Kana and the CJK ideographs, most runes of a label, have no case and no
// spaces: nameKey skips asking unicode about them (TestNoCaseRange).
const noCaseFrom, noCaseTo = 0x3040, 0x9FFF

// nameKey is domain.NameKey(s) (width folded, spaces and invisible
// characters removed, lower case) keeping only the runes keep accepts, in
// one pass: the reader computes one for every label-like cell it meets.
func nameKey(s string, keep func(rune) bool) string {
	var buf [96]byte
	b := buf[:0]
	for _, r := range s {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E:
			r -= 0xFEE0
		case r == 0x3000:
			r = ' '
		}
		if r < utf8.RuneSelf {
			switch {
			case r == ' ' || (r >= '\t' && r <= '\r'):
				continue
			case r >= 'A' && r <= 'Z':
				r += 'a' - 'A'
			}
		} else if r < noCaseFrom || r > noCaseTo {
			if unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' {
				continue
			}
			r = unicode.ToLower(r)
		}
		if keep(r) {
			b = utf8.AppendRune(b, r)
		}
	}
	return string(b)
}
