package paperwork

import (
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/progress"
	"github.com/plansite/plansite/internal/workbook"
)

// The sheets of the 汇总表, in order.
const (
	SheetTasks       = "任务进展汇总"
	SheetTargets     = "量化指标"
	SheetProblems    = "问题整改"
	SheetReadiness   = "评价准备"
	SheetSubmissions = "报送情况"
	SheetFindings    = "数据问题"
)

// Fills of the lights in the tables: light tints of the site's colours,
// so that the word stays readable, printed in colour or not.
var (
	statusFill = map[progress.Status]string{
		progress.Overdue: "F4CCCC", progress.Lagging: "FFF2CC", progress.DueSoon: "DDEBF7",
		progress.OnTrack: "E2EFDA", progress.Done: "EDEDED", progress.NoReport: "D9D9D9",
	}
	submissionFill = map[progress.SubmissionState]string{
		progress.OnTime: "", progress.Late: "FFF2CC", progress.Invalid: "E4D0F0", progress.Missing: "F4CCCC",
	}
)

// WorkbookTitle is the title of month m's 汇总表.
func WorkbookTitle(p *domain.Plan, m domain.Month) string {
	return fmt.Sprintf("%s%s进展情况汇总表", p.Settings.Title, p.Settings.MonthAfterTitle(m))
}

// WriteWorkbook writes the month's 汇总表 to w as .xlsx.
func WriteWorkbook(w io.Writer, in Input) error {
	return workbook.WriteTables(w, WorkbookTitle(in.Plan, in.month()), Tables(in))
}

// Tables are the sheets of the month's 汇总表: 任务进展汇总, 量化指标,
// 问题整改, 评价准备, 报送情况 and 数据问题. Figures are those of
// summary.json for the month (rounded to two decimals), percentages in
// points, dates real dates; a figure with no data is a blank cell.
func Tables(in Input) []workbook.Table {
	asOf := "数据截至" + in.Result.AsOfDate.Label()
	org := in.Plan.Settings.Organisation
	if org != "" {
		asOf = org + " · " + asOf
	}
	return []workbook.Table{in.taskTable(asOf), in.targetTable(asOf), in.problemTable(asOf), in.readinessTable(asOf), in.submissionTable(asOf), in.findingTable(asOf)}
}

func (in Input) title(what string) string {
	return in.Plan.Settings.Title + in.Plan.Settings.MonthAfterTitle(in.month()) + what
}

func (in Input) taskTable(asOf string) workbook.Table {
	s := in.Plan.Settings
	t := workbook.Table{Sheet: SheetTasks, Title: in.title("重点任务进展汇总"), Freeze: 3,
		Notes: []string{asOf + fmt.Sprintf("。状态：逾期＝已到完成时限仍未完成；滞后＝牵头单位报“滞后”或进度落后预期超过 %s 个百分点；临近到期＝距完成时限 1 至 %d 天；未报送＝牵头单位从未报送；本月未报＝牵头单位本月没有报送此任务（状态按其最近一次报送判断）。完成进度为牵头单位最近一次报送进度的平均数，预期进度按方案印发日至完成时限的时间折算。", num(s.LaggingPoints), s.DueSoonDays)},
		Cols: []workbook.Col{{Header: "序号", Width: 5}, {Header: "任务编号", Width: 9}, {Header: "重点任务", Width: 18}, {Header: "牵头单位", Width: 12}, {Header: "配合单位", Width: 22},
			{Header: "完成时限"}, {Header: "完成进度", Width: 9}, {Header: "预期进度", Width: 9}, {Header: "状态", Width: 9},
			{Header: "本月工作进展", Width: 32}, {Header: "存在问题", Width: 20}, {Header: "下月工作计划", Width: 24}, {Header: "本月未报", Width: 9}},
	}
	for i, r := range in.Result.Tasks {
		done, issues, next := in.leadWords(r)
		mark := ""
		if progress.ShowUnreported(r.Status, r.Reported) {
			mark = "本月未报"
		}
		t.Rows = append(t.Rows, []workbook.Cell{
			workbook.Int(i + 1), workbook.Text(r.Task.ID), workbook.Text(r.Task.Title),
			workbook.Text(in.names(r.Task.Leads)), workbook.Text(in.names(r.Task.Cooperators)),
			workbook.Date(r.Task.Deadline), workbook.Percent(round2p(r.Progress)), workbook.Percent(round2p(&r.Expected)),
			workbook.Text(r.Status.Label()).Filled(statusFill[r.Status]),
			workbook.Text(done), workbook.Text(issues), workbook.Text(next), workbook.Text(mark),
		})
	}
	return t
}

func (in Input) targetTable(asOf string) workbook.Table {
	t := workbook.Table{Sheet: SheetTargets, Title: in.title("量化指标完成情况"), Freeze: 3,
		Notes: []string{asOf + "。累计完成值为牵头单位最近一次报送的累计数（几个牵头单位：相加；比率类取平均）。"},
		Cols: []workbook.Col{{Header: "序号"}, {Header: "任务编号"}, {Header: "指标编号"}, {Header: "指标名称", Width: 30}, {Header: "牵头单位", Width: 14},
			{Header: "计量单位"}, {Header: "目标"}, {Header: "目标值"}, {Header: "累计完成值"}, {Header: "完成情况"}},
	}
	for i, r := range in.Result.Targets {
		task, _ := in.Plan.Task(r.TaskID)
		word, fill := targetWord(r)
		t.Rows = append(t.Rows, []workbook.Cell{
			workbook.Int(i + 1), workbook.Text(r.TaskID), workbook.Text(r.Target.ID), workbook.Text(r.Target.Name), workbook.Text(in.names(task.Leads)),
			workbook.Text(r.Target.Unit), workbook.Text(directionWord(r.Target.Direction)), workbook.Number(&r.Target.Value), workbook.Number(round2p(r.Value)),
			workbook.Text(word).Filled(fill),
		})
	}
	return t
}

func directionWord(d domain.Direction) string {
	if d == domain.AtMost {
		return "不超过"
	}
	return "不少于"
}

// targetWord says whether a target is met — 达标, 未达标, or 未报送 when no
// lead reported a figure — and the fill of that word.
func targetWord(r progress.TargetResult) (word, fill string) {
	switch {
	case r.Value == nil:
		return "未报送", "D9D9D9"
	case r.Met:
		return "达标", "E2EFDA"
	}
	return "未达标", "FFF2CC"
}

func (in Input) problemTable(asOf string) workbook.Table {
	t := workbook.Table{Sheet: SheetProblems, Title: in.title("上年度评价反馈问题整改情况"), Freeze: 2,
		Notes: []string{asOf + "。逾期＝已到整改时限仍未整改完成；超期整改＝整改完成的日期晚于整改时限。"},
		Cols: []workbook.Col{{Header: "序号"}, {Header: "问题编号"}, {Header: "领域"}, {Header: "问题", Width: 30}, {Header: "责任单位", Width: 14},
			{Header: "整改时限"}, {Header: "整改状态"}, {Header: "整改进度"}, {Header: "逾期"}, {Header: "完成整改时间"}, {Header: "超期整改"}, {Header: "整改措施", Width: 40}},
	}
	for i, r := range in.Result.Problems {
		overdue, late := "", ""
		fill := ""
		if r.Overdue {
			overdue, fill = "逾期", statusFill[progress.Overdue]
		}
		if r.Late {
			late = "超期整改"
		}
		measures := in.unitTexts(r.Measures, len(r.Problem.Units) > 1)
		title := exampleTitle(r.Problem.Title, r.Problem.Example)
		t.Rows = append(t.Rows, []workbook.Cell{
			workbook.Int(i + 1), workbook.Text(r.Problem.ID), workbook.Text(r.Problem.Area), workbook.Text(title), workbook.Text(in.names(r.Problem.Units)),
			workbook.Date(r.Problem.Deadline), workbook.Text(r.State.Label()).Filled(fill), workbook.Percent(round2p(r.Progress)),
			workbook.Text(overdue), workbook.Date(r.RectifiedOn), workbook.Text(late), workbook.Text(measures),
		})
	}
	return t
}

// unitTexts are the units' latest texts on an item, one a line, each
// after its unit's name when the item has several units.
func (in Input) unitTexts(texts []progress.UnitText, named bool) string {
	var out []string
	for _, x := range texts {
		if named {
			out = append(out, in.Plan.UnitName(x.Unit)+"："+x.Text)
		} else {
			out = append(out, x.Text)
		}
	}
	return strings.Join(out, "\n")
}

// exampleTitle marks the title of an item invented for the example content.
func exampleTitle(title string, example bool) string {
	if example {
		return title + "（示例）"
	}
	return title
}

// readinessPoint is the cycle's figures for the as-of month.
func (in Input) readinessPoint() (progress.ReadinessPoint, progress.Cycle, bool) {
	if len(in.Result.Readiness) == 0 {
		return progress.ReadinessPoint{}, progress.Cycle{}, false
	}
	cy := in.Result.Readiness[0]
	for _, m := range cy.Months {
		if m.Month == in.month() {
			return m, cy, true
		}
	}
	return progress.ReadinessPoint{}, cy, false
}

func (in Input) readinessTable(asOf string) workbook.Table {
	pt, cy, _ := in.readinessPoint()
	note := asOf + "。准备指数为全部评价指标最近一次报送的准备程度的平均数（从未报送的指标按 0 计）；目标线从评价周期第一天的 0 直线上升到最后一天的 100%。"
	if !cy.Start.IsZero() {
		note += fmt.Sprintf("本评价周期：%s至%s。", cy.Start.Label(), cy.End.Label())
	}
	t := workbook.Table{Sheet: SheetReadiness, Title: in.title("评价准备情况"), Freeze: 3, Notes: []string{note},
		Cols: []workbook.Col{{Header: "序号"}, {Header: "领域"}, {Header: "指标编号"}, {Header: "评价指标", Width: 30}, {Header: "责任单位", Width: 14},
			{Header: "准备程度"}, {Header: "目标线"}, {Header: "情况说明", Width: 40}},
	}
	target := round2(pt.Target)
	n := 0
	for _, area := range in.Plan.IndicatorAreas() {
		for _, r := range in.Result.Indicators {
			if r.Indicator.Area != area {
				continue
			}
			n++
			notes := in.unitTexts(r.Notes, len(r.Indicator.Units) > 1)
			title := exampleTitle(r.Indicator.Title, r.Indicator.Example)
			t.Rows = append(t.Rows, []workbook.Cell{workbook.Int(n), workbook.Text(area), workbook.Text(r.Indicator.ID), workbook.Text(title),
				workbook.Text(in.names(r.Indicator.Units)), workbook.Percent(round2p(r.Readiness)), {}, workbook.Text(notes)})
		}
		var v *float64
		if pt.Areas != nil {
			v = round2p(pt.Areas[area])
		}
		sub := []workbook.Cell{{}, workbook.Text(area), {}, workbook.Text(area + "领域准备指数"), {}, workbook.Percent(v), workbook.Percent(&target), {}}
		t.Rows = append(t.Rows, bold(sub))
	}
	total := []workbook.Cell{{}, workbook.Text("全部"), {}, workbook.Text("评价准备指数"), {}, workbook.Percent(round2p(pt.Index)), workbook.Percent(&target), {}}
	t.Rows = append(t.Rows, bold(total))
	return t
}

func bold(row []workbook.Cell) []workbook.Cell {
	for i := range row {
		row[i].Bold = true
		row[i].Fill = "F2F2F2"
	}
	return row
}

func (in Input) submissionTable(asOf string) workbook.Table {
	months := progress.RecentMonths(in.Result.Months)
	due := in.month().Day(in.Plan.Settings.DueDay)
	chased := in.chased()
	note := asOf + fmt.Sprintf("。本月报送截止日%s。按时/逾期以表内“填报日期”为准（未填时以文件保存时间为准）；无效＝交来的表格无法使用，不算报送。", due.Label())
	if len(months) < len(in.Result.Months) {
		note += fmt.Sprintf("表中列出最近 %d 个月，逾期、无效、未报送的次数也按这 %d 个月统计。", len(months), len(months))
	}
	if len(chased) > 0 {
		var names []string
		for _, s := range chased {
			names = append(names, in.Plan.UnitName(s.Unit)+"（"+s.State.Label()+"）")
		}
		note += fmt.Sprintf("本月催报名单（%d 个单位）：%s。", len(chased), strings.Join(names, "、"))
	}
	t := workbook.Table{Sheet: SheetSubmissions, Title: in.title("各单位报送情况"), Freeze: 2, Notes: []string{note}}
	t.Cols = []workbook.Col{{Header: "序号"}, {Header: "单位"}}
	for _, m := range months {
		t.Cols = append(t.Cols, workbook.Col{Header: m.Label()})
	}
	t.Cols = append(t.Cols, workbook.Col{Header: "本月报送日期"}, workbook.Col{Header: "逾期报送（次）"}, workbook.Col{Header: "无效报送（次）"}, workbook.Col{Header: "未报送（次）"}, workbook.Col{Header: "本月催报事项", Width: 50})
	idx := map[domain.UnitID]int{}
	if len(months) == 0 {
		return t
	}
	for _, s := range in.Submissions {
		i, ok := idx[s.Unit]
		if !ok {
			i = len(t.Rows)
			idx[s.Unit] = i
			row := make([]workbook.Cell, len(t.Cols))
			row[0], row[1] = workbook.Int(i+1), workbook.Text(in.Plan.UnitName(s.Unit))
			for j := 3 + len(months); j <= 5+len(months); j++ { // the counts
				row[j] = workbook.Int(0)
			}
			t.Rows = append(t.Rows, row)
		}
		row := t.Rows[i]
		j := s.Month.Since(months[0])
		if j < 0 || j >= len(months) {
			continue
		}
		row[2+j] = workbook.Text(shortState(s.State)).Filled(submissionFill[s.State])
		switch s.State {
		case progress.Late:
			row[3+len(months)].Number++
		case progress.Invalid:
			row[4+len(months)].Number++
		case progress.Missing:
			row[5+len(months)].Number++
		}
		if s.Month == in.month() {
			row[2+len(months)] = workbook.Date(s.Submitted)
			if s.State.Chased() {
				row[6+len(months)] = workbook.Text(chaseWhat(s))
			}
		}
	}
	return t
}

// shortState is a submission's state in a matrix cell.
func shortState(s progress.SubmissionState) string {
	switch s {
	case progress.OnTime:
		return "按时"
	case progress.Late:
		return "逾期"
	case progress.Invalid:
		return "无效"
	}
	return "未报"
}

// chased are the month's units on the 催报 list: those with nothing first.
func (in Input) chased() []progress.Submission {
	var missing, invalid []progress.Submission
	for _, s := range in.monthSubs() {
		switch s.State {
		case progress.Missing:
			missing = append(missing, s)
		case progress.Invalid:
			invalid = append(invalid, s)
		}
	}
	return append(missing, invalid...)
}

// chaseWhat says in a line what a chased unit must do.
func chaseWhat(s progress.Submission) string {
	if s.State == progress.Missing {
		return "未收到本月报送表格，请尽快报送"
	}
	var parts []string
	for _, r := range s.Rejected {
		parts = append(parts, fmt.Sprintf("“%s”：%s", path.Base(r.File), strings.TrimRight(r.Reason, "。")))
	}
	return strings.Join(parts, "；") + "。请改正后重新报送"
}

func (in Input) findingTable(asOf string) workbook.Table {
	t := workbook.Table{Sheet: SheetFindings, Title: in.title("报送表格中发现的问题"), Freeze: 2,
		Notes: []string{asOf + "。列出报送月份为本月（或未写月份）的表格中的问题。错误＝该数值或文件未计入；提醒＝已计入，请核对。"},
		Cols: []workbook.Col{{Header: "序号"}, {Header: "单位", Width: 14}, {Header: "文件", Width: 30}, {Header: "报送月份"}, {Header: "工作表"}, {Header: "单元格"},
			{Header: "类别"}, {Header: "问题", Width: 40}, {Header: "应如何改", Width: 40}},
	}
	for i, f := range in.Findings {
		unit, month := "", ""
		if f.Unit != "" {
			unit = in.Plan.UnitName(f.Unit)
		}
		if !f.Month.IsZero() {
			month = f.Month.String()
		}
		sev, fill := "错误", "F4CCCC"
		if f.Severity == domain.Warning {
			sev, fill = "提醒", "FFF2CC"
		}
		t.Rows = append(t.Rows, []workbook.Cell{workbook.Int(i + 1), workbook.Text(unit), workbook.Text(f.File), workbook.Text(month), workbook.Text(f.Sheet), workbook.Text(f.Cell),
			workbook.Text(sev).Filled(fill), workbook.Text(f.Message), workbook.Text(f.Hint)})
	}
	if len(in.Findings) == 0 {
		t.Rows = append(t.Rows, []workbook.Cell{{}, {}, workbook.Text("本月报送的表格中没有发现问题")})
	}
	return t
}
