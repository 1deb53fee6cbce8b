package paperwork

import (
	"fmt"
	"io"
	"math"
	"path"
	"strings"

	"github.com/plansite/plansite/internal/docx"
	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/progress"
)

// BulletinTitle is the title of month m's 通报.
func BulletinTitle(p *domain.Plan, m domain.Month) string {
	return fmt.Sprintf("关于%s%s推进情况的通报", p.Settings.Title, p.Settings.MonthAfterTitle(m))
}

// WriteBulletin writes the month's 通报 to w as .docx.
func WriteBulletin(w io.Writer, in Input) error {
	return docx.Write(w, Bulletin(in))
}

// Bulletin is the month's 通报, to edit before printing: the title, the
// summary written from the numbers (tasks by status; the 逾期, 滞后 and
// 未报送 tasks with their lead units and how far behind; the units that
// reported late, invalidly or not at all; the problems' progress; the
// readiness against the target line; the targets), what is asked of the
// units, and the 汇总表's tables in short form as an attachment.
func Bulletin(in Input) docx.Document {
	m := in.month()
	d := docx.Document{Title: BulletinTitle(in.Plan, m)}
	add := func(b ...docx.Block) { d.Blocks = append(d.Blocks, b...) }
	para := func(s docx.Style, format string, args ...any) {
		add(docx.Para(s, fmt.Sprintf(format, args...)))
	}
	add(docx.Para(docx.Title, d.Title), docx.Para(docx.Flush, "各责任单位："))
	para(docx.Body, "为推动%s落实，%s对各单位报送的%s工作进展情况进行了汇总。现将有关情况通报如下。", planName(in.Plan), coordinator(in.Plan), m.Label())

	para(docx.Heading1, "一、总体情况")
	para(docx.Body, "%s", in.overview())

	para(docx.Heading1, "二、需要关注的任务")
	for _, p := range in.attention() {
		add(p)
	}

	para(docx.Heading1, "三、报送情况")
	para(docx.Body, "%s", in.submissionText())

	next := 4
	if len(in.Result.Problems) > 0 {
		para(docx.Heading1, "%s、上年度评价反馈问题整改", chineseNumber(next))
		para(docx.Body, "%s", in.problemText())
		next++
	}
	if len(in.Result.Indicators) > 0 {
		para(docx.Heading1, "%s、评价准备", chineseNumber(next))
		para(docx.Body, "%s", in.readinessText())
		next++
	}
	para(docx.Heading1, "%s、下一步工作要求", chineseNumber(next))
	for i, req := range in.requests() {
		para(docx.Body, "%d. %s", i+1, req)
	}

	para(docx.Body, "附件：%s重点工作推进情况汇总表", m.Label())
	signer := in.Plan.Settings.Organisation
	if signer == "" {
		signer = coordinator(in.Plan)
	}
	add(docx.Para(docx.Signature, signer), docx.Para(docx.Signature, "　　年　　月　　日"))

	add(docx.PageBreak{}, docx.Paragraph{Style: docx.Flush, Runs: []docx.Run{{Text: "附件", Bold: true}}})
	para(docx.Caption, "%s重点工作推进情况汇总表", m.Label())
	for _, t := range in.shortTables() {
		add(docx.Para(docx.Caption, t.caption), t.table)
	}
	return d
}

// planName is the plan as the 通报 names it: the title of the content's
// plan page in 《》 when there is one, else the site's title.
func planName(p *domain.Plan) string {
	for _, pg := range p.Pages {
		if pg.Slug == "plan" && pg.Title != "" {
			return "《" + strings.Trim(pg.Title, "《》") + "》"
		}
	}
	return p.Settings.Title
}

func chineseNumber(n int) string {
	digits := []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}
	if n >= 0 && n <= 10 {
		return digits[n]
	}
	return fmt.Sprint(n)
}

// overview is the opening paragraph: tasks by status, and the targets.
func (in Input) overview() string {
	r := in.Result
	var parts []string
	for _, s := range []progress.Status{progress.Done, progress.OnTrack, progress.DueSoon, progress.Lagging, progress.Overdue, progress.NoReport} {
		if n := r.TaskCounts[s]; n > 0 {
			parts = append(parts, fmt.Sprintf("%s%d项", s.Label(), n))
		}
	}
	text := fmt.Sprintf("截至%s，%d项重点任务", r.AsOfDate.Label(), len(r.Tasks))
	if len(parts) > 0 {
		text += "中，" + strings.Join(parts, "、")
	}
	text += "。"
	if len(r.Targets) > 0 {
		met := 0
		var unmet []string
		for _, t := range r.Targets {
			if t.Met {
				met++
				continue
			}
			unmet = append(unmet, fmt.Sprintf("%s（目标%s%s%s，%s）", t.Target.Name, directionWord(t.Target.Direction), num(t.Target.Value), t.Target.Unit, targetActual(t)))
		}
		text += fmt.Sprintf("%d项量化指标中已达标%d项", len(r.Targets), met)
		if len(unmet) > 0 {
			text += "，尚未达标的有：" + strings.Join(unmet, "；")
		}
		text += "。"
	}
	return text
}

func targetActual(t progress.TargetResult) string {
	if t.Value == nil {
		return "未报送完成数"
	}
	return "累计完成" + num(*t.Value) + t.Target.Unit
}

// attention are the paragraphs on the 逾期, 滞后 and 未报送 tasks, worst
// first, each with its lead units and how far behind it is, then the tasks
// whose leads did not report this month.
func (in Input) attention() []docx.Block {
	var out []docx.Block
	groups := []struct {
		status progress.Status
		head   string
	}{{progress.Overdue, "逾期任务"}, {progress.Lagging, "滞后任务"}, {progress.NoReport, "未报送任务"}}
	list := progress.Attention(in.Result.Tasks)
	n := 0
	for _, g := range groups {
		var items []string
		for _, t := range list {
			if t.Status == g.status {
				items = append(items, in.behind(t))
			}
		}
		if len(items) == 0 {
			continue
		}
		n++
		out = append(out, docx.Para(docx.Heading2, fmt.Sprintf("（%s）%s%d项", chineseNumber(n), g.head, len(items))))
		for i, it := range items {
			out = append(out, docx.Para(docx.Body, fmt.Sprintf("%d. %s", i+1, it)))
		}
	}
	if n == 0 {
		out = append(out, docx.Para(docx.Body, "本月没有逾期、滞后或未报送的任务。"))
	}
	var quiet []string
	for _, t := range in.Result.Tasks {
		if progress.ShowUnreported(t.Status, t.Reported) {
			quiet = append(quiet, fmt.Sprintf("%s %s（%s）", t.Task.ID, t.Task.Title, in.names(t.Task.Leads)))
		}
	}
	if len(quiet) > 0 {
		out = append(out, docx.Para(docx.Body, fmt.Sprintf("另有%d项任务的牵头单位本月未报送进展，状态按其最近一次报送判断：%s。", len(quiet), strings.Join(quiet, "；"))))
	}
	return out
}

// behind says of a task needing attention whose it is and how far behind:
// days past the deadline, points below the expected progress, or never
// reported.
func (in Input) behind(t progress.TaskResult) string {
	asOf := in.Result.AsOfDate
	head := fmt.Sprintf("%s（任务%s；牵头单位：%s；完成时限：%s）", t.Task.Title, t.Task.ID, in.names(t.Task.Leads), t.Task.Deadline.Label())
	switch t.Status {
	case progress.Overdue:
		days := t.Task.Deadline.DaysUntil(asOf)
		when := fmt.Sprintf("已逾期%d天", days)
		if days == 0 {
			when = "已到完成时限"
		}
		return fmt.Sprintf("%s：%s，完成进度%s，尚未完成。", head, when, pct(t.Progress))
	case progress.Lagging:
		if t.Progress != nil && t.Expected-*t.Progress > in.Plan.Settings.LaggingPoints {
			return fmt.Sprintf("%s：完成进度%s，按时间应达到%s，落后%s个百分点。", head, pct(t.Progress), pct(&t.Expected), num(t.Expected-*t.Progress))
		}
		return fmt.Sprintf("%s：牵头单位报告推进滞后，完成进度%s（按时间应达到%s）。", head, pct(t.Progress), pct(&t.Expected))
	}
	return fmt.Sprintf("%s：牵头单位从未报送进展，按时间应达到%s。", head, pct(&t.Expected))
}

// submissionText is the month's submissions: how many units in each
// state, naming the late, invalid and missing ones.
func (in Input) submissionText() string {
	subs := in.monthSubs()
	by := map[progress.SubmissionState][]progress.Submission{}
	for _, s := range subs {
		by[s.State] = append(by[s.State], s)
	}
	due := in.month().Day(in.Plan.Settings.DueDay)
	text := fmt.Sprintf("本月报送截止日为%s，%d个应报送单位中，按时报送%d个", due.Label(), len(subs), len(by[progress.OnTime]))
	var names []string
	for _, s := range by[progress.Late] {
		names = append(names, fmt.Sprintf("%s（%s报送）", in.Plan.UnitName(s.Unit), s.Submitted.Label()))
	}
	text += fmt.Sprintf("，逾期报送%d个", len(names))
	if len(names) > 0 {
		text += "：" + strings.Join(names, "、")
	}
	names = nil
	for _, s := range by[progress.Invalid] {
		var why []string
		for _, r := range s.Rejected {
			why = append(why, fmt.Sprintf("“%s”%s", path.Base(r.File), strings.TrimRight(r.Reason, "。")))
		}
		names = append(names, fmt.Sprintf("%s（%s）", in.Plan.UnitName(s.Unit), strings.Join(why, "；")))
	}
	text += fmt.Sprintf("，无效报送%d个", len(names))
	if len(names) > 0 {
		text += "：" + strings.Join(names, "、")
	}
	names = nil
	for _, s := range by[progress.Missing] {
		names = append(names, in.Plan.UnitName(s.Unit))
	}
	text += fmt.Sprintf("，未报送%d个", len(names))
	if len(names) > 0 {
		text += "：" + strings.Join(names, "、")
	}
	return text + "。"
}

// problemText is the problems' progress: rectified (and late), in
// progress, not started, and the overdue ones with their units.
func (in Input) problemText() string {
	var done, doing, none int
	var late, over []string
	for _, p := range in.Result.Problems {
		switch p.State {
		case domain.RectDone, domain.RectClosed:
			done++
		case domain.RectInProgress:
			doing++
		default:
			none++
		}
		if p.Late {
			late = append(late, fmt.Sprintf("%s %s（%s，%s完成整改，时限%s）", p.Problem.ID, p.Problem.Title, in.names(p.Problem.Units), p.RectifiedOn.Label(), p.Problem.Deadline.Label()))
		}
		if p.Overdue {
			over = append(over, fmt.Sprintf("%s %s（%s，时限%s，%s，进度%s）", p.Problem.ID, p.Problem.Title, in.names(p.Problem.Units), p.Problem.Deadline.Label(), p.State.Label(), pct(p.Progress)))
		}
	}
	text := fmt.Sprintf("%d个问题中，已整改（含已销号）%d个、整改中%d个、未整改%d个。", len(in.Result.Problems), done, doing, none)
	if len(late) > 0 {
		text += fmt.Sprintf("超期整改%d个：%s。", len(late), strings.Join(late, "；"))
	}
	if len(over) > 0 {
		text += fmt.Sprintf("逾期未整改%d个：%s。", len(over), strings.Join(over, "；"))
	} else if done < len(in.Result.Problems) {
		text += "其余问题尚在整改时限内。"
	}
	return text
}

// readinessText is the readiness index against the target line, by area,
// with the lowest indicators and the days left in the cycle.
func (in Input) readinessText() string {
	pt, cy, ok := in.readinessPoint()
	if !ok || pt.Index == nil {
		return "各单位尚未报送评价准备情况。"
	}
	// Compared as shown, to a tenth of a point.
	gap := num(math.Abs(round1(*pt.Index) - round1(pt.Target)))
	against := "与目标线持平"
	if gap != "0" && *pt.Index > pt.Target {
		against = "高于目标线" + gap + "个百分点"
	} else if gap != "0" {
		against = "低于目标线" + gap + "个百分点"
	}
	text := fmt.Sprintf("评价准备指数为%s，按时间进度应达到%s（目标线），%s", pct(pt.Index), pct(&pt.Target), against)
	var areas []string
	for _, a := range in.Plan.IndicatorAreas() {
		areas = append(areas, a+pct(pt.Areas[a]))
	}
	if len(areas) > 0 {
		text += "。分领域：" + strings.Join(areas, "、")
	}
	var low []string
	for _, r := range in.Result.Indicators {
		if r.Readiness == nil || *r.Readiness < pt.Target {
			low = append(low, fmt.Sprintf("%s %s（%s，%s）", r.Indicator.ID, r.Indicator.Title, in.names(r.Indicator.Units), readinessWord(r.Readiness)))
		}
	}
	if len(low) > 0 {
		text += fmt.Sprintf("。低于目标线的指标%d个：%s", len(low), strings.Join(low, "；"))
	}
	text += "。"
	if cy.DaysLeft > 0 {
		text += fmt.Sprintf("距本评价周期结束（%s）还有%d天。", cy.End.Label(), cy.DaysLeft)
	} else {
		text += fmt.Sprintf("本评价周期已于%s结束。", cy.End.Label())
	}
	return text
}

func readinessWord(v *float64) string {
	if v == nil {
		return "未报送"
	}
	return pct(v)
}

// requests are what the 通报 asks of the units, from what the month shows.
func (in Input) requests() []string {
	var out []string
	var behind []domain.UnitID
	for _, t := range in.Result.Tasks {
		if t.Status == progress.Overdue || t.Status == progress.Lagging || t.Status == progress.NoReport {
			behind = appendUnits(behind, t.Task.Leads)
		}
	}
	if len(behind) > 0 {
		out = append(out, fmt.Sprintf("请%s对照完成时限，分析逾期、滞后的原因，明确措施，加快推进，并在下月报送中说明进展。", in.names(behind)))
	}
	var chased []domain.UnitID
	for _, s := range in.chased() {
		chased = appendUnits(chased, []domain.UnitID{s.Unit})
	}
	if len(chased) > 0 {
		out = append(out, fmt.Sprintf("请%s尽快报送（或改正后重新报送）%s进展情况。", in.names(chased), in.month().Label()))
	}
	var over []domain.UnitID
	for _, p := range in.Result.Problems {
		if p.Overdue {
			over = appendUnits(over, p.Problem.Units)
		}
	}
	if len(over) > 0 {
		out = append(out, fmt.Sprintf("请%s加快问题整改，整改完成后及时报送整改情况。", in.names(over)))
	}
	out = append(out, fmt.Sprintf("请各单位于每月%d日前报送当月进展情况，放入%s，由%s汇总。", in.Plan.Settings.DueDay, in.Plan.Settings.HandInPlace(), coordinator(in.Plan)))
	return out
}

func appendUnits(list, add []domain.UnitID) []domain.UnitID {
	for _, u := range add {
		if !domain.HasUnit(list, u) {
			list = append(list, u)
		}
	}
	return list
}

type shortTable struct {
	caption string
	table   docx.Table
}

// shortTables are the 汇总表's tables in short form, for the attachment.
func (in Input) shortTables() []shortTable {
	r := in.Result
	var out []shortTable
	n := 0
	next := func(what string) string { n++; return fmt.Sprintf("表%d  %s", n, what) }

	tasks := docx.Table{Cols: []docx.Col{{Header: "序号", Weight: 2}, {Header: "重点任务", Weight: 10}, {Header: "牵头单位", Weight: 6}, {Header: "完成时限", Weight: 7}, {Header: "进度", Weight: 3}, {Header: "状态", Weight: 4}}}
	for i, t := range r.Tasks {
		tasks.Rows = append(tasks.Rows, []string{fmt.Sprint(i + 1), t.Task.ID + " " + t.Task.Title, in.names(t.Task.Leads), t.Task.Deadline.Label(), pct(round2p(t.Progress)), statusWord(t)})
	}
	out = append(out, shortTable{next("重点任务推进情况"), tasks})

	if len(r.Targets) > 0 {
		tg := docx.Table{Cols: []docx.Col{{Header: "量化指标", Weight: 9}, {Header: "目标", Weight: 5}, {Header: "累计完成", Weight: 4}, {Header: "完成情况", Weight: 3}}}
		for _, t := range r.Targets {
			actual := "—"
			if t.Value != nil {
				actual = num(*t.Value) + t.Target.Unit
			}
			word, _ := targetWord(t)
			tg.Rows = append(tg.Rows, []string{t.TaskID + " " + t.Target.Name, directionWord(t.Target.Direction) + num(t.Target.Value) + t.Target.Unit, actual, word})
		}
		out = append(out, shortTable{next("量化指标完成情况"), tg})
	}

	if len(r.Problems) > 0 {
		pr := docx.Table{Cols: []docx.Col{{Header: "问题", Weight: 9}, {Header: "责任单位", Weight: 6}, {Header: "整改时限", Weight: 7}, {Header: "整改状态", Weight: 5}, {Header: "进度", Weight: 3}}}
		for _, p := range r.Problems {
			state := p.State.Label()
			if p.Overdue {
				state += "（逾期）"
			}
			if p.Late {
				state += "（超期整改）"
			}
			pr.Rows = append(pr.Rows, []string{p.Problem.ID + " " + p.Problem.Title, in.names(p.Problem.Units), p.Problem.Deadline.Label(), state, pct(round2p(p.Progress))})
		}
		out = append(out, shortTable{next("上年度评价反馈问题整改情况"), pr})
	}

	if pt, _, ok := in.readinessPoint(); ok && len(r.Indicators) > 0 {
		rd := docx.Table{Cols: []docx.Col{{Header: "领域", Weight: 5}, {Header: "准备指数", Weight: 3}, {Header: "目标线", Weight: 3}}}
		for _, a := range in.Plan.IndicatorAreas() {
			rd.Rows = append(rd.Rows, []string{a, pct(round2p(pt.Areas[a])), pct(round2p(&pt.Target))})
		}
		rd.Rows = append(rd.Rows, []string{"全部指标", pct(round2p(pt.Index)), pct(round2p(&pt.Target))})
		out = append(out, shortTable{next("评价准备情况"), rd})
	}

	subs := docx.Table{Cols: []docx.Col{{Header: "单位", Weight: 6}, {Header: "本月报送", Weight: 4}, {Header: "报送日期", Weight: 7}, {Header: "说明", Weight: 9}}}
	for _, s := range in.monthSubs() {
		note := ""
		if s.State.Chased() {
			note = chaseWhat(s)
		}
		subs.Rows = append(subs.Rows, []string{in.Plan.UnitName(s.Unit), s.State.Label(), s.Submitted.Label(), note})
	}
	out = append(out, shortTable{next("各单位报送情况"), subs})
	return out
}
