package demo

import (
	"fmt"
	"html"
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/plansite/plansite/internal/domain"
)

// The words of the monthly reports. A unit writes about a task what its
// stage calls for — a plan and its launch, then the measures under way,
// then the summing-up, then keeping the result — in the task's own words:
// its title whole (never cut mid-phrase) and the actions its description
// names. A phrase list is gone through in a turn that differs from one
// month to the next, so that no item's sentence comes back word for word
// the month after. Placeholders: {S} the task's subject, {M} and {M2} an
// action of its description (this month's and next month's), {L} the lead
// units, {C} the coordinating section, {P} the progress this month, {D}
// when the task was done, {T} a target's name, {N} a small count, {K} a
// larger one. Figures stand next to the words, as official documents
// write them (报送基础数据12条).

// stage is where a unit stands on a task, read from its progress.
type stage int

const (
	notStarted stage = iota // 0 %
	starting                // below 30 %: the plan, the launch
	underway                // 30 % to 80 %: the measures
	finishing               // 80 % to 99 %: checking, summing up
	justDone                // 100 %, first month
	keptDone                // 100 %, the months after
)

func stageOf(progress float64, doneBefore bool) stage {
	switch {
	case progress >= 100 && doneBefore:
		return keptDone
	case progress >= 100:
		return justDone
	case progress >= 80:
		return finishing
	case progress >= 30:
		return underway
	case progress > 0:
		return starting
	}
	return notStarted
}

// Words of a lead unit, by stage.
var (
	leadDone = map[stage][]string{
		notStarted: {
			"本月对照方案梳理{S}工作任务，开展前期调研，研究起草实施方案。",
			"{S}尚未正式启动，本月与相关单位对接{N}次，研究制定工作方案。",
		},
		starting: { // in this order, one a month, then underway's words
			"本月研究制定{S}工作方案，明确责任分工、时间节点和工作标准。",
			"本月印发{S}工作方案，召开工作部署会，细化任务清单{N}项。",
			"成立{S}工作专班，建立推进台账，逐项明确责任人和完成时限。",
		},
		underway: {
			"{S}工作有序推进，本月召开专题推进会{N}次，协调解决具体问题{N}个。",
			"围绕{S}，本月走访企业和服务对象{K}家（户），收集意见建议并逐条梳理。",
			"本月开展{S}督导检查{N}次，督促各环节落实到位，完成进度达到{P}%。",
			"本月就{S}组织业务培训{N}场，培训经办人员{K}人次。",
		},
		finishing: {
			"{S}主体工作基本完成，本月对照任务清单查漏补缺，整理佐证材料{N}份。",
			"本月开展{S}工作自查评估，梳理经验做法{N}条，形成工作总结初稿。",
			"{S}进入收尾阶段，本月对剩余{N}项事项逐项销账，完成进度达到{P}%。",
		},
		justDone: {
			"本月{S}各项任务全部完成，已形成工作总结报{C}。",
			"{S}已按要求全部完成，本月完成资料归档并报{C}备案。",
		},
		keptDone: {
			"{S}已于{D}完成，本月做好常态化运行，未发现新问题。",
			"本月对{S}开展“回头看”，各项措施运行平稳。",
			"持续巩固{S}工作成果，本月跟踪问效，运行情况良好。",
		},
	}
	// leadAction: the underway sentence when the description names actions.
	leadAction = []string{
		"本月重点{M}，召开专题推进会{N}次，协调解决具体问题。",
		"{M}方面，本月走访企业和服务对象{K}家（户），收集意见建议{N}条。",
		"按照方案要求{M}，本月开展督导检查{N}次，完成进度达到{P}%。",
		"本月围绕{M}开展业务培训{N}场，培训经办人员{K}人次。",
	}
	leadNext = map[stage][]string{
		notStarted: {"下月印发{S}工作方案，召开部署会议。", "下月完成{S}方案起草并征求相关单位意见。"},
		starting:   {"下月印发工作方案，召开部署会议，推动{S}全面启动。", "下月按方案分解任务，推动{S}各项措施落地。", "下月完善{S}工作台账，逐项跟踪推进。"},
		underway:   {"下月继续推进{S}，加强督导调度。", "下月对{S}开展阶段性评估，查找短板弱项。", "下月加大{S}宣传力度，扩大政策知晓面。"},
		finishing:  {"下月完成{S}工作总结，做好验收准备。", "下月对剩余事项逐项销账，确保按期完成。", "下月整理归档{S}佐证材料，形成总结报告。"},
		justDone:   {"下月做好{S}常态化运行和跟踪问效。", "下月总结提炼{S}经验做法，形成长效机制。"},
		keptDone:   {"下月适时开展“回头看”，巩固工作成果。", "下月做好日常运行，及时处理群众反映的问题。", "下月继续跟踪问效，防止问题反弹。"},
	}
	leadNextAction = []string{"下月重点{M2}，确保按时序推进。", "下月继续{M2}，按月调度进展。"}

	coopDone = map[stage][]string{
		notStarted: {
			"已与{L}对接，明确本单位联络人，待方案印发后开展配合工作。",
			"本月梳理本单位承担的{S}配合事项，等待{L}统一部署。",
		},
		starting: { // in this order, then underway's words
			"按照{L}部署，明确本单位{S}工作联络人，报送基础数据{K}条。",
			"参加{L}组织的{S}工作部署会，梳理本单位配合事项{N}项。",
		},
		underway: {
			"配合{L}推进{S}，本月协助开展宣传咨询{N}场次。",
			"落实{S}配合任务，本月走访服务对象{K}户（家）。",
			"配合{L}做好{S}相关工作，本月报送基础数据{K}条。",
		},
		finishing: {
			"配合{L}做好{S}总结材料报送，本月提供佐证材料{N}份。",
			"对本单位承担的{S}配合事项开展自查，查漏补缺{N}项。",
		},
		justDone: {"本单位承担的{S}配合任务已全部完成，相关材料已报{L}。"},
		keptDone: {
			"配合{L}做好{S}常态化工作，本月无新增事项。",
			"本月配合{L}开展{S}“回头看”，未发现新问题。",
			"按{L}要求持续巩固{S}配合工作成果。",
		},
	}
	coopAction = []string{"配合{L}{M}，本月提供相关材料{N}份。", "按照{L}要求{M}，本月协助办理相关事项{K}件。"}
	coopNext   = map[stage][]string{
		notStarted: {"下月按{L}部署启动本单位配合工作。", "下月明确本单位{S}配合事项和责任人。"},
		starting:   {"下月按{L}部署落实本单位配合事项。", "下月做好{S}基础数据的收集报送。"},
		underway:   {"下月继续配合{L}做好{S}相关工作。", "下月按{L}要求报送{S}相关数据。", "下月加大{S}政策宣传力度。"},
		finishing:  {"下月配合{L}做好{S}验收准备。", "下月报送本单位{S}配合工作总结。"},
		justDone:   {"下月配合{L}做好{S}成果的日常运行。"},
		keptDone:   {"下月按{L}要求做好常态化配合工作。", "下月配合做好{S}成果巩固。", "下月及时报送{L}需要的相关数据。"},
	}

	// What stands in the way, by how the task goes.
	usualIssues = []string{
		"部分企业对政策知晓率不高，宣传还需加强。",
		"基层经办人员业务还不够熟练。",
		"相关数据共享尚未完全打通，部分材料仍需线下核验。",
		"基层推进还不够平衡。",
	}
	startIssues  = []string{"前期调研和方案论证用时较长，尚未正式启动。", "需等待上级配套文件出台后启动。"}
	finishIssues = []string{"个别佐证材料尚需补充完善。", "部分数据还需与相关单位核对。"}
	causes       = []string{"涉及部门多，协调推进较慢", "资金尚未全部到位", "系统对接需上级平台配合，进度不及预期",
		"基层推进不够平衡", "经办人员力量不足", "前期调研用时较长"}
	laggingIssue = []string{"进度滞后于计划，主要原因是{X}。", "较计划进度有差距，主要是{X}。"}
	overdueIssue = []string{"已超过完成时限（{DL}），主要原因是{X}。", "未能在{DL}完成，主要是{X}。"}
	dueNowIssue  = []string{"完成时限（{DL}）将至，剩余工作量较大，主要是{X}。", "按期完成有困难，主要原因是{X}。"}
	laggingNext  = []string{"下月倒排工期、挂图作战，加快推进{S}。", "下月加强调度，每周通报进度，力争赶上计划进度。"}
	overdueNext  = []string{"下月集中力量攻坚，尽快完成剩余工作。", "下月逐项督办未完成事项，力争尽快完成。"}

	// The figure of a target, as the lead writes it beside its words:
	// a count against its goal, a rate, a ceiling or a standard.
	countWords = []string{"截至本月，{T}累计{V}{U}，完成目标的{R}%。", "{T}累计完成{V}{U}（目标{G}{U}）。"}
	rateWords  = []string{"{T}达到{V}%（目标{O}{G}%）。", "截至本月，{T}为{V}%。"}
	limitWords = []string{"{T}为{V}{U}，控制在{G}{U}以内。", "截至本月，{T}保持在{V}{U}。"}
	rateLimit  = []string{"{T}保持在{V}%，符合不超过{G}%的要求。", "截至本月，{T}执行{V}%。"}
	standard   = []string{"{T}按{V}{U}的标准执行。", "截至本月，{T}标准为{V}{U}。"}
)

// Words on a prior-year problem, as it goes from a plan to its measures
// to being closed ({T} the problem's title, {F} the day it was rectified).
var (
	problemPlan = []string{
		"已制定{T}问题整改方案，明确整改目标、措施、责任人和完成时限，建立整改台账。",
		"召开整改工作部署会，制定{T}问题整改方案，细化整改措施{N}项。",
	}
	problemSteps = []string{
		"针对{T}问题，本月召开整改推进会{N}次，逐项对账督办，整改进度达到{P}%。",
		"本月落实{T}问题整改措施{N}项，整改台账同步更新，整改进度达到{P}%。",
		"围绕{T}问题开展专项督查{N}次，督促各环节落实到位，整改进度达到{P}%。",
		"本月就{T}问题组织业务培训{N}场，规范经办标准，整改进度达到{P}%。",
		"针对{T}问题修订完善相关制度{N}项，推动建立长效机制，整改进度达到{P}%。",
	}
	problemRectified = []string{
		"{T}问题整改措施已全部落实，于{F}完成整改，已提交销号申请。",
		"经自查，{T}问题已于{F}整改到位，整改材料已报{C}，申请销号。",
	}
	problemClosed      = []string{"经{C}审核，{T}问题已于本月销号。", "{T}问题整改通过验收，本月已销号。"}
	problemClosedFirst = []string{"{T}问题已于{F}完成整改并销号。"}
)

// Words on an evaluation indicator's readiness ({I} its title).
var indicatorNotes = []struct {
	below float64
	words []string
}{
	{30, []string{"对照{I}评价细则梳理评价要点{N}项，明确佐证材料清单。", "建立{I}迎评资料台账，开始收集佐证材料。"}},
	{60, []string{"{I}佐证材料已收集{K}份，正在分类整理。", "对照{I}评价题目逐项自查，发现短板{N}项，正在补齐。", "与相关单位对接{I}数据口径，核对数据{K}条。"}},
	{90, []string{"已完成{I}自评，正在对照评价题目查漏补缺。", "{I}佐证材料基本齐全，本月补充完善{N}份。", "{I}相关数据已与上级系统核对一致，正在完善说明材料。"}},
	{100, []string{"{I}迎评材料基本备齐，正在做最后核对。", "本月对{I}佐证材料逐项复核，补充{N}份。"}},
	{101, []string{"{I}迎评资料已全部备齐，做好随时迎评准备。", "本月根据新增数据更新{I}佐证材料，材料保持完整。", "{I}材料已归档，本月跟踪评价口径变化，暂无调整。"}},
}

var (
	reporters = []string{"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴"}
	given     = []string{"敏", "静", "伟", "芳", "磊", "丽", "军", "洋", "勇", "艳"}
)

func pick(r *rand.Rand, list []string) string { return list[r.IntN(len(list))] }

// turn picks from list for month index month so that two consecutive
// months never pick the same entry (when the list has two or more): the
// entries are gone through with a step that is not a multiple of the
// list's length, from a start and step that key sets.
func turn(list []string, key uint64, month int) string {
	n := len(list)
	if n == 1 {
		return list[0]
	}
	start, step := int(key%uint64(n)), 1+int(key/uint64(n)%uint64(n-1))
	return list[((start+month*step)%n+n)%n]
}

// doubled undoes a verb said twice where a phrase's verb meets a title
// that starts with it (加快推进 + 推进人才引进改革).
var doubled = strings.NewReplacer("推进推进", "推进", "推动推动", "推动", "开展开展", "开展", "落实落实", "落实",
	"加强加强", "加强", "完善完善", "完善", "推进推动", "推动")

// fill writes the placeholders of s; {N} and {K} get counts from r.
func fill(s string, r *rand.Rand, vals map[string]string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '{')
		j := strings.IndexByte(s[max(i, 0):], '}')
		if i < 0 || j < 0 {
			b.WriteString(s)
			return doubled.Replace(b.String())
		}
		b.WriteString(s[:i])
		name := s[i+1 : i+j]
		switch name {
		case "N":
			b.WriteString(strconv.Itoa(1 + r.IntN(9)))
		case "K":
			b.WriteString(strconv.Itoa(12 + r.IntN(150)))
		default:
			b.WriteString(vals[name])
		}
		s = s[i+j+1:]
	}
}

// subject is what a sentence calls a title by: the whole title, or its
// first clause when the title has several (before the first ，；：), so
// that a name is never cut in the middle of a phrase. Half-width
// punctuation counts as its full-width form.
func subject(title string) string {
	t := strings.TrimSpace(title)
	if i := strings.IndexAny(t, "，；：,;:"); i > 0 {
		if first := strings.TrimSpace(t[:i]); utf8.RuneCountInString(first) >= 4 {
			return first
		}
	}
	return t
}

// quoted is a problem's or indicator's title as a sentence names it: in
// quotation marks, unless it has some of its own.
func quoted(title string) string {
	s := subject(title)
	if strings.ContainsAny(s, "“”\"") {
		return s
	}
	return "“" + s + "”"
}

var (
	reTag     = regexp.MustCompile(`<[^>]*>`)
	reDigit   = regexp.MustCompile(`[0-9０-９%％]`)
	adverbs   = []string{"进一步", "全面", "积极", "深入", "不断", "持续", "大力", "着力", "切实", "逐步", "严格", "及时", "努力", "主动"}
	actionsOf = []string{"推进", "推动", "推行", "推广", "建立", "建设", "建成", "健全", "完善", "加强", "加大", "加快", "开展", "组织",
		"搭建", "落实", "实行", "实施", "实现", "探索", "扩大", "拓展", "优化", "提升", "提高", "深化", "强化", "打造", "整合", "简化",
		"精简", "压缩", "梳理", "制定", "引进", "设置", "畅通", "规范", "降低", "减少", "发挥", "促进", "培育", "聚焦", "集中", "依托",
		"借鉴", "延续", "执行", "改革", "提供", "畅通", "配合", "设立", "编制", "召开", "举办", "建设"}
)

// actions returns the whole clauses of a task's description (HTML) that
// name an action a unit can report on: a clause between two of ，。；！？
// or a line's ends, starting with a verb (after an adverb such as 全面),
// of 5 to 24 characters, with its brackets and quotation marks closed,
// no figure in it (the figures are the targets'), and not cut off from
// the rest of an enumeration (the next clause does not start with 以及,
// 及, 并, 和 or 等). Each clause is whole, so a sentence built on it
// never ends mid-phrase; the list may be empty.
func actions(body string) []string {
	text := html.UnescapeString(reTag.ReplaceAllString(body, "\n"))
	var out []string
	seen := map[string]bool{}
	for _, sentence := range strings.FieldsFunc(text, func(r rune) bool { return strings.ContainsRune("。；！？\n", r) }) {
		parts := strings.Split(sentence, "，")
		for i, p := range parts {
			p = strings.TrimSpace(p)
			n := utf8.RuneCountInString(p)
			if n < 5 || n > 24 || seen[p] || reDigit.MatchString(p) || !closed(p) || !startsWithAction(p) {
				continue
			}
			if strings.ContainsAny(p[len(p)-3:], "的等和及与对在将把、") {
				continue
			}
			if i+1 < len(parts) && hasAnyPrefix(strings.TrimSpace(parts[i+1]), "以及", "及", "并", "和", "等", "与") {
				continue
			}
			seen[p] = true
			out = append(out, p)
		}
	}
	return out
}

func startsWithAction(s string) bool {
	for _, a := range adverbs {
		s = strings.TrimPrefix(s, a)
	}
	return hasAnyPrefix(s, actionsOf...)
}

func hasAnyPrefix(s string, prefixes ...string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// closed says whether every bracket and quotation mark of s is closed.
func closed(s string) bool {
	for _, pair := range [][2]string{{"“", "”"}, {"（", "）"}, {"《", "》"}, {"(", ")"}, {"「", "」"}} {
		if strings.Count(s, pair[0]) != strings.Count(s, pair[1]) {
			return false
		}
	}
	return true
}

// taskSituation is what a unit's words on a task in a month follow from.
type taskSituation struct {
	Task        domain.Task
	Lead        bool
	Leads       string // the lead units' names, for a cooperator
	Coordinator string
	Unit        string  // the unit's name
	Month       int     // months since the first reporting month
	InStage     int     // months the unit has been in this stage before this one
	Progress    float64 // this month's figure
	DoneOn      domain.Month
	DoneBefore  bool // reached 100 before this month
	Lagging     bool
	Overdue     bool            // the deadline was before this month, and not done
	DueNow      bool            // the deadline is in this month, and not done
	Targets     []domain.Target // the lead's targets
	Values      []float64       // their figures this month
	Key         uint64          // keys the turns of this unit and task
	Actions     []string        // actions(Task.Body)
	Rand        *rand.Rand      // the counts
}

// words returns what the unit writes in 本月工作进展, 存在问题 and
// 下月工作计划 for the situation.
func (s taskSituation) words() (done, issues, next string) {
	st := stageOf(s.Progress, s.DoneBefore)
	r := s.Rand
	// The start is told once, in order: a plan, its launch, the means;
	// a long start goes on with the measures.
	inOrder := func(list []string) string { return list[s.InStage] }
	startTold := st == starting && s.InStage >= len(leadDone[starting])
	if !s.Lead {
		startTold = st == starting && s.InStage >= len(coopDone[starting])
	}
	if startTold {
		st = underway
	}
	vals := map[string]string{
		"S": subject(s.Task.Title), "L": s.Leads, "C": reportTo(s.Coordinator, s.Unit), "P": strconv.Itoa(int(s.Progress)),
		"D": s.DoneOn.Label(), "DL": s.Task.DeadlineText, "X": turn(causes, s.Key>>8, s.Month),
	}
	// An action the plan gives "in cooperation with" another office is
	// not one a unit reports as its own.
	acts := withoutPrefix(s.Actions, "配合")
	if len(acts) > 0 {
		i := int(s.Key>>16%uint64(len(acts))) + s.Month
		vals["M"], vals["M2"] = acts[i%len(acts)], acts[(i+1)%len(acts)]
	}
	k := s.Key
	if s.Lead {
		list := leadDone[st]
		if st == underway && len(acts) > 0 && s.Month%2 == 0 {
			list = leadAction
		}
		switch {
		case st == starting:
			done, next = fill(inOrder(list), r, vals), fill(inOrder(leadNext[st]), r, vals)
		default:
			done, next = fill(turn(list, k, s.Month), r, vals), fill(turn(leadNext[st], k>>4, s.Month), r, vals)
			if st == underway && len(acts) > 1 && s.Month%2 == 1 {
				next = fill(turn(leadNextAction, k>>4, s.Month), r, vals)
			}
		}
		done += s.targetWords(r)
	} else {
		list := coopDone[st]
		if st == underway && len(acts) > 0 && s.Month%2 == 1 {
			list = coopAction
		}
		if st == starting {
			done, next = fill(inOrder(list), r, vals), fill(turn(coopNext[st], k>>4, s.Month), r, vals)
		} else {
			done, next = fill(turn(list, k, s.Month), r, vals), fill(turn(coopNext[st], k>>4, s.Month), r, vals)
		}
	}
	issues = "无。"
	switch {
	case st >= justDone:
	case s.Overdue:
		issues = fill(turn(overdueIssue, k>>12, s.Month), r, vals)
		next = fill(turn(overdueNext, k>>12, s.Month), r, vals)
	case s.DueNow:
		issues = fill(turn(dueNowIssue, k>>12, s.Month), r, vals)
		next = fill(turn(overdueNext, k>>12, s.Month), r, vals)
	case s.Lagging:
		issues = fill(turn(laggingIssue, k>>12, s.Month), r, vals)
		next = fill(turn(laggingNext, k>>12, s.Month), r, vals)
	case st == notStarted:
		issues = turn(startIssues, k>>12, s.Month)
	case st == finishing:
		if r.IntN(2) == 0 {
			issues = turn(finishIssues, k>>12, s.Month)
		}
	case r.IntN(5) < 2:
		issues = turn(usualIssues, k>>12, s.Month)
	}
	return done, issues, next
}

// targetWords is the lead's sentence on each of its targets' figures this
// month, in a turn of its own; "" before any figure.
func (s taskSituation) targetWords(r *rand.Rand) string {
	if !s.Lead || s.Progress <= 0 {
		return ""
	}
	var b strings.Builder
	for i, t := range s.Targets {
		v := s.Values[i]
		vals := map[string]string{"T": t.Name, "U": t.Unit, "V": number(v), "G": number(t.Value), "O": "≥"}
		if t.Direction == domain.AtMost {
			vals["O"] = "≤"
		}
		var list []string
		switch {
		case strings.Contains(t.Unit, "/"):
			list = standard
		case t.Unit == "%" && t.Direction == domain.AtMost:
			list = rateLimit
		case t.Unit == "%":
			list = rateWords
		case t.Direction == domain.AtMost:
			list = limitWords
		default:
			list = countWords
			vals["R"] = strconv.Itoa(int(100 * v / t.Value))
		}
		b.WriteString(fill(turn(list, s.Key>>20+uint64(i), s.Month), r, vals))
	}
	return b.String()
}

// number writes a figure as a report does: no trailing zeros.
func number(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func withoutPrefix(list []string, prefix string) []string {
	var out []string
	for _, s := range list {
		if !strings.HasPrefix(s, prefix) {
			out = append(out, s)
		}
	}
	return out
}

// problemWords is what a responsible unit writes in 整改措施 for a
// problem in the month with index month: the plan in the first month, then
// its measures, the day it was rectified, and the month it was closed;
// nothing in the months after that (there is nothing left to do).
// closedFirst says the unit reports the problem closed for the first
// time; rectifiedOn is the day it was rectified.
func problemWords(pr domain.Problem, row domain.ProblemRow, month int, closedFirst bool, reportTo string, key uint64, r *rand.Rand) string {
	vals := map[string]string{"T": quoted(pr.Title), "C": reportTo, "F": monthDay(row.DoneOn)}
	if row.Progress != nil {
		vals["P"] = strconv.Itoa(int(*row.Progress))
	}
	switch row.State {
	case domain.RectClosed:
		if !closedFirst {
			return ""
		}
		if month == 0 {
			return fill(turn(problemClosedFirst, key, month), r, vals)
		}
		return fill(turn(problemClosed, key, month), r, vals)
	case domain.RectDone:
		return fill(turn(problemRectified, key, month), r, vals)
	}
	if month == 0 {
		return fill(turn(problemPlan, key, month), r, vals)
	}
	return fill(turn(problemSteps, key, month), r, vals)
}

// reportTo is whom a unit hands its summaries to: the coordinating
// section, or the leadership when the unit is that section or the content
// names none.
func reportTo(coordinator, unit string) string {
	switch coordinator {
	case "", unit:
		return "局领导"
	}
	return coordinator
}

func monthDay(d domain.Date) string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d月%d日", int(d.MonthNum()), d.Day())
}

// indicatorNote is what a unit writes in 情况说明 for an indicator at
// readiness v in the month with index month.
func indicatorNote(in domain.Indicator, v float64, month int, key uint64, r *rand.Rand) string {
	for _, band := range indicatorNotes {
		if v < band.below {
			return fill(turn(band.words, key, month), r, map[string]string{"I": quoted(in.Title)})
		}
	}
	return ""
}

func person(r *rand.Rand) string { return pick(r, reporters) + pick(r, given) + pick(r, given) }

func phone(r *rand.Rand) string { return fmt.Sprintf("1%d%09d", 3+r.IntN(7), r.IntN(1_000_000_000)) }

// Words of the synthetic plans (synth.go).
var (
	areas      = []string{"就业服务", "劳动关系", "社会保险", "人才服务", "政务服务"}
	categories = [][3]string{
		{"降低成本行动", "以控制成本为核心，开展降低成本行动", "更大力度降低市场主体制度性交易成本、用工成本，打造高效便捷的服务环境。"},
		{"复制提升行动", "以典型经验为基础，开展复制提升行动", "全面借鉴可复制推广的先进改革举措和优秀经验做法，持续提升人社服务水平。"},
		{"创新示范行动", "以试点创建为抓手，开展创新示范行动", "聚焦市场主体所需所盼，加大先行先试力度，形成一批有突破、有成效的改革成果。"},
		{"优化提升行动", "以评价整改为动力，开展优化提升行动", "对照营商环境评价指标逐项梳理，找准症结，细化举措，把整改工作做实做细。"},
	}
	titleVerbs   = []string{"深化", "推进", "优化", "完善", "落实", "健全", "提升", "拓展"}
	titleObjects = []string{"社保经办", "就业创业补贴", "企业用工", "劳动争议调解仲裁", "工伤认定", "职业技能培训", "人才引进",
		"高校毕业生就业", "零工市场", "根治欠薪", "社保卡应用", "人事考试", "职称评审", "失业保险稳岗返还", "创业担保贷款", "劳务品牌"}
	titleAims = []string{"“一网通办”", "标准化建设", "服务质效", "“免申即享”", "流程再造", "数字化改造", "长效机制", "便民服务", "监管机制", "集成改革"}
	bodyParts = []string{
		"围绕%s，全面梳理办事指南和业务流程，精简申请材料，压缩办理时限，推动更多事项网上办、掌上办、就近办。",
		"建立%s工作台账，实行清单化管理、项目化推进，明确责任单位和完成时限，定期调度通报进展情况。",
		"加强部门间数据共享和业务协同，依托省级一体化平台推进%s相关信息互通互认，减少群众和企业重复提交材料。",
		"在部分县（市、区）开展%s试点，及时总结可复制推广的经验做法，逐步在全省范围内推广。",
		"强化%s政策宣传解读，通过线上线下多种渠道提高政策知晓率，确保惠企利民政策应享尽享。",
		"健全%s督导评估机制，将工作成效纳入年度目标考核，对推进不力的单位进行约谈。",
	}
	targetKinds = []struct {
		name, unit string
		value      int
		direction  string
	}{
		{"新增城镇就业", "人", 50000, ">="},
		{"开展补贴性职业技能培训", "人次", 20000, ">="},
		{"举办线上线下招聘活动", "场", 120, ">="},
		{"劳动人事争议仲裁结案率", "%", 95, ">="},
		{"社保业务网上办理率", "%", 90, ">="},
		{"办理时限", "个工作日", 5, "<="},
	}
	problemSubjects = []string{"部分补贴申领", "社保关系转移接续", "劳动争议案件办理", "零工信息发布", "工伤认定", "人才服务事项", "窗口服务", "欠薪线索处置"}
	problemFaults   = []string{"材料多、时间长", "不及时、不精准", "周期偏长", "标准不统一", "线上线下不同步", "覆盖面不足"}
	problemEffects  = []string{"企业和群众反映办事不便", "影响市场主体获得感", "评价得分低于全省平均水平", "群众满意度偏低"}
	indicatorTitles = []string{"公共就业服务便利度", "创业扶持政策落实", "稳岗返还直达快享", "劳动争议调解仲裁效能", "根治欠薪与监察执法",
		"和谐劳动关系公共服务", "社保经办便利度", "社保卡“一卡通”应用", "人才引进与流动便利度", "职业技能评价服务", "政务服务“好差评”", "人社数据共享应用"}
)

// taskTitle makes a task title not yet in used.
func taskTitle(r *rand.Rand, used map[string]bool) string {
	for i := 0; ; i++ {
		t := pick(r, titleVerbs) + pick(r, titleObjects) + pick(r, titleAims)
		if i > 20 {
			t += fmt.Sprintf("（第%d项）", i)
		}
		if !used[t] {
			used[t] = true
			return t
		}
	}
}

// taskBody writes three to five sentences about a task, 150 to 300
// characters as the plans have them.
func taskBody(r *rand.Rand, title string) string {
	var b strings.Builder
	for _, i := range r.Perm(len(bodyParts))[:3+r.IntN(3)] {
		fmt.Fprintf(&b, bodyParts[i], subject(title))
	}
	b.WriteString("\n")
	return b.String()
}
