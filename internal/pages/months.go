package pages

import (
	"fmt"
	"math"
	"regexp"
	"strings"

	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/progress"
)

type alertRow struct {
	taskRow
	Words []entryRow // the leads' own words of the month
}

type changeRow struct {
	Task     taskRow
	From, To light
	Delta    string
}

// monthsData is the list of the monthly reports (months/index.html),
// newest first, with each month's figures.
type monthsData struct {
	AsOf   string
	Months []monthRow
}

type monthRow struct {
	Month, Href, Summary  string
	Ready                 string
	OnTime, Late, Invalid int
	Missing               int
}

func (b *builder) monthPages() {
	var list []monthRow
	for i := len(b.Months) - 1; i >= 0; i-- {
		m := b.Months[i]
		r := b.ByMonth[m]
		row := monthRow{Month: m.Label(), Href: m.String() + "/index.html", Summary: CountsText(r), Ready: pct(currentReadiness(r.Readiness[0]))}
		for _, s := range r.Submissions {
			if s.Month != m {
				continue
			}
			switch s.State {
			case progress.OnTime:
				row.OnTime++
			case progress.Late:
				row.Late++
			case progress.Invalid:
				row.Invalid++
			default:
				row.Missing++
			}
		}
		list = append(list, row)
	}
	b.add("months/index.html", "months", "months", "月度报告", monthsData{b.Result.AsOf.Label(), list}, false)
}

// monthData is a month's report (months/<month>/index.html): the
// month's overview, what changed since the month before, and the units'
// own words on the tasks that need attention.
type monthData struct {
	overview
	TitleParts               []string // phrases the title may wrap between
	Month, AsOfDate, Summary string
	Organisation, Received   string
	Prev, Next               string
	Alerts                   []alertRow
	Changes                  []changeRow
	HasPrev                  bool
	ReadinessText            string
	Chase                    string // the month's 催报 page
	Boards                   *monthBoard
}

// monthPage adds month m's report, made only when what it is made of
// (monthInputs) changed since the last build.
func (b *builder) monthPage(m domain.Month) {
	b.addLazy("months/"+m.String()+"/index.html", "month", "months", m.Label()+"进展情况", b.monthInputs(m), func() any { return b.monthData(m) }, true)
}

func (b *builder) monthData(m domain.Month) monthData {
	const root = "../../"
	r := b.ByMonth[m]
	prev := b.ByMonth[m.Prev()]
	var alerts []alertRow
	for _, t := range progress.Attention(r.Tasks) {
		a := alertRow{taskRow: b.taskRow(root, t)}
		for _, e := range t.Entries {
			if e.Month == m && e.Role == domain.RoleLead {
				a.Words = append(a.Words, b.entryRow(root, e))
			}
		}
		alerts = append(alerts, a)
	}
	var changes []changeRow
	if prev != nil {
		for i, t := range r.Tasks {
			p := prev.Tasks[i]
			if p.Status == t.Status && equalP(p.Progress, t.Progress) {
				continue
			}
			delta := ""
			if p.Progress != nil && t.Progress != nil {
				delta = pointsChange(*t.Progress - *p.Progress)
			}
			changes = append(changes, changeRow{Task: b.taskRow(root, t), From: withRisk(taskLight(p.Status, p.Reported), p.Forecast), To: withRisk(taskLight(t.Status, t.Reported), t.Forecast), Delta: delta})
		}
	}
	o := b.overview(root, r, m, [4]string{"m-status", "m-categories", "m-readiness", "m-submissions"})
	return monthData{
		overview: o, TitleParts: reportTitle(b.Plan.Settings, m),
		Month: m.Label(), AsOfDate: m.Last().Label(), Summary: b.monthSummary(r, m, o.Subs), Organisation: b.Plan.Settings.Organisation, Received: b.Received[m].Label(),
		Prev: b.monthLink(root, m.Prev()), Next: b.monthLink(root, m.Next()),
		Alerts: alerts, Changes: changes, HasPrev: prev != nil, ReadinessText: readinessText(r.Readiness[0]),
		Chase: chaseHref(root, m), Boards: b.monthBoards(m),
	}
}

// reportTitle is the title of month m's report as the phrases a line may
// break between (and within only when one is longer than the line): the
// plan's title cut before each year it names (the organisation, then the
// year's work) and the month's part, 《枣阳市人社局 / 2023年度营商环境重点工作
// / 12月进展情况》.
func reportTitle(s domain.Settings, m domain.Month) []string {
	var out []string
	from := 0
	for _, at := range yearInTitle.FindAllStringIndex(s.Title, -1) {
		if at[0] > from {
			out = append(out, s.Title[from:at[0]])
			from = at[0]
		}
	}
	out = append(out, s.Title[from:], s.MonthAfterTitle(m)+"进展情况》")
	out[0] = "《" + out[0]
	return out
}

// yearInTitle is a year as titles name it: 2023年, 2023年度, 2024—2025年.
var yearInTitle = regexp.MustCompile(`(\d{4}[—－-])?\d{4}年`)

func equalP(a, b *float64) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

// monthSummary writes the report's opening paragraph from the numbers.
func (b *builder) monthSummary(r *progress.Result, m domain.Month, subs []subCount) string {
	var parts []string
	parts = append(parts, fmt.Sprintf("截至%s，%s。", m.Last().Label(), CountsText(r)))
	if n := len(r.Problems); n > 0 {
		done, over := 0, 0
		for _, p := range r.Problems {
			if p.State == domain.RectDone || p.State == domain.RectClosed {
				done++
			}
			if p.Overdue {
				over++
			}
		}
		s := fmt.Sprintf("%d 个上年度评价反馈问题中已整改（含销号）%d 个", n, done)
		if over > 0 {
			s += fmt.Sprintf("，逾期未整改 %d 个", over)
		}
		parts = append(parts, s+"。")
	}
	if currentReadiness(r.Readiness[0]) != nil {
		parts = append(parts, readinessText(r.Readiness[0]))
	}
	var subParts []string
	for _, s := range subs {
		subParts = append(subParts, fmt.Sprintf("%s %d 个", s.Light.Label, s.Count))
	}
	parts = append(parts, fmt.Sprintf("本月应报送单位中%s。", strings.Join(subParts, "、")))
	return strings.Join(parts, "")
}

// pointsChange says how a percentage moved, in the words of a report:
// 提高 5 个百分点, 下降 2.5 个百分点, or 持平 when it moved by less than
// the tenth of a point the report shows.
func pointsChange(d float64) string {
	switch n := num(math.Abs(d)); {
	case n == "0":
		return "持平"
	case d > 0:
		return "提高 " + n + " 个百分点"
	default:
		return "下降 " + n + " 个百分点"
	}
}

// readinessText says where cycle cy's readiness stands in its latest month
// with a report: the index against the target line of that month (the
// straight line from 0 to 100 over the cycle), and the days left; once the
// cycle has ended, that it has and whether the index reached the line.
// "" when nothing has been reported in the cycle.
func readinessText(cy progress.Cycle) string {
	var pt *progress.ReadinessPoint
	for i := range cy.Months {
		if cy.Months[i].Index != nil {
			pt = &cy.Months[i]
		}
	}
	if pt == nil {
		return "各单位尚未报送本评价周期的评价准备情况。"
	}
	// Compared as shown, to a tenth: 61.3% is 38.7 points short of 100%.
	v, target := round1(*pt.Index), round1(pt.Target)
	against := "与目标线持平"
	if n := num(math.Abs(v - target)); n != "0" && v > target {
		against = "高于目标线 " + n + " 个百分点"
	} else if n != "0" {
		against = "低于目标线 " + n + " 个百分点"
	}
	if cy.DaysLeft == 0 {
		s := fmt.Sprintf("本评价周期已于%s结束，评价准备指数为 %s，", cy.End.Label(), pct(pt.Index))
		if v >= target || num(target-v) == "0" {
			return s + fmt.Sprintf("达到 %s 的目标线。", pct(&target))
		}
		return s + fmt.Sprintf("未达到 %s 的目标线（差 %s 个百分点）。", pct(&target), num(target-v))
	}
	return fmt.Sprintf("评价准备指数为 %s，按时间进度应达到 %s（目标线），%s；距本评价周期结束（%s）还有 %d 天。", pct(pt.Index), pct(&target), against, cy.End.Label(), cy.DaysLeft)
}
