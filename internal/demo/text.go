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
