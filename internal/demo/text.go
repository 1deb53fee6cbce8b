package demo

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Phrases of monthly reports. %s is the task's short title.
var (
	doneLead = []string{
		"本月召开%s专题推进会 1 次，细化任务清单 %d 项，明确责任人和完成时限。",
		"围绕%s，本月完成调研走访企业 %d 家，收集意见建议并逐条梳理。",
		"%s工作按计划推进，本月新增办理相关事项 %d 件，群众和企业反映良好。",
		"本月印发%s工作方案，组织业务培训 %d 场，推动各环节落实到位。",
		"对照%s任务要求开展自查，本月整改完善问题 %d 个，工作台账已更新。",
		"%s：本月会同相关单位开展联合督导 %d 次，通报进展并督促落实。",
	}
	doneCoop = []string{
		"配合牵头单位做好%s相关工作，本月报送基础数据 %d 条。",
		"按要求参与%s，本月协助开展宣传咨询 %d 场次。",
		"落实%s配合任务，本月在辖区内走访服务对象 %d 户（家）。",
	}
	issues = []string{
		"无。",
		"部分企业对政策知晓率不高，需加大宣传力度。",
		"基层经办人员力量不足，业务系统操作还不够熟练。",
		"相关数据共享尚未完全打通，部分材料仍需线下核验。",
		"资金拨付流程较长，影响工作进度。",
		"个别镇（街道）推进不平衡，需加强督导。",
	}
	next = []string{
		"下月继续推进%s，确保按时完成。",
		"下月重点做好%s的督导检查和总结提炼。",
		"下月将加大%s宣传力度，扩大政策覆盖面。",
		"下月完善%s工作台账，梳理可推广的经验做法。",
	}
	measures = []string{
		"制定整改方案，明确责任人和时限，已完成材料清单精简。",
		"建立整改台账，实行周调度，逐项销号。",
		"优化办理流程，压缩办理时限，已在窗口试行。",
		"开展专项培训和上门指导，整改措施已全部落实。",
	}
	notes = []string{
		"评价材料正在收集整理中。",
		"佐证材料已基本齐全，正在对照评价题目查漏补缺。",
		"已完成自评，正在准备迎评资料。",
		"数据指标已与上级系统核对一致。",
	}
	reporters = []string{"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴"}
	given     = []string{"敏", "静", "伟", "芳", "磊", "丽", "军", "洋", "勇", "艳"}
)

func pick(r *rand.Rand, list []string) string { return list[r.IntN(len(list))] }

// phrase fills a phrase with a short title and a count.
func phrase(r *rand.Rand, list []string, title string) string {
	p := pick(r, list)
	switch strings.Count(p, "%") {
	case 2:
		return fmt.Sprintf(p, short(title), 1+r.IntN(12))
	case 1:
		return fmt.Sprintf(p, short(title))
	}
	return p
}

// short cuts a task title to its first clause for use inside a sentence.
func short(title string) string {
	t := strings.NewReplacer("“", "", "”", "").Replace(title)
	if r := []rune(t); len(r) > 14 {
		return string(r[:14])
	}
	return t
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
		fmt.Fprintf(&b, bodyParts[i], short(title))
	}
	b.WriteString("\n")
	return b.String()
}
