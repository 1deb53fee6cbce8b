package pages

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/paperwork"
	"github.com/plansite/plansite/internal/progress"
)

// The 催报 of each month: who has handed in nothing usable, and a notice
// for each of them ready to paste into the office's messaging.

// noticeRow is one unit's 催报 notice on a page.
type noticeRow struct {
	ID    string // of the text box, for its copy button
	Unit  unitLink
	Light light
	Text  string
}

// monthChase is the 催报 of one month, as a page shows it.
type monthChase struct {
	Month, Due       string
	Chase            []chaseRow
	Missing, Invalid int
	Notice           string // every unit in one message
	Notices          []noticeRow
}

// chaseOf is month m's 催报 for a page at root: the units with nothing
// first, then those whose files are unusable.
func (b *builder) chaseOf(root string, m domain.Month) monthChase {
	var subs []progress.Submission
	for _, s := range b.Result.Submissions {
		if s.Month == m {
			subs = append(subs, s)
		}
	}
	var chase []chaseRow
	for _, s := range subs {
		if s.State.Chased() {
			chase = append(chase, chaseRow{Unit: b.unitLink(root, s.Unit), Light: submissionLight(s.State), Files: b.submissionRow(root, s).Rejected, Todo: chaseTodo(s, b.Plan.Settings.HandInPlace())})
		}
	}
	sort.SliceStable(chase, func(i, j int) bool { return len(chase[i].Files) == 0 && len(chase[j].Files) > 0 })
	due := m.Day(b.Plan.Settings.DueDay)
	c := monthChase{Month: m.Label(), Due: due.Label(), Chase: chase, Notice: b.chaseNotice(m, due, chase)}
	for _, row := range chase {
		if len(row.Files) == 0 {
			c.Missing++
		} else {
			c.Invalid++
		}
	}
	for _, n := range paperwork.Notices(b.Plan, m, subs) {
		c.Notices = append(c.Notices, noticeRow{ID: "notice-" + string(n.Unit), Unit: b.unitLink(root, n.Unit), Light: submissionLight(n.State), Text: n.Text})
	}
	return c
}

// chaseHref is the link to month m's 催报 page from a page at root.
func chaseHref(root string, m domain.Month) string {
	return root + "submissions/" + m.String() + "/index.html"
}

// chaseData is a month's 催报 page (submissions/<month>/index.html).
type chaseData struct {
	monthChase
	Counts []subCount
	Report string // the month's report
}

// chasePage is month m's 催报 page: the month's submissions by state, the
// units on the list with why and what to do, and their notices.
func (b *builder) chasePage(m domain.Month) {
	const root = "../../"
	b.addLazy("submissions/"+m.String()+"/index.html", "chase", "submissions", m.Label()+"催报", b.monthInputs(m), func() any {
		return chaseData{b.chaseOf(root, m), b.submissionCounts(root, b.ByMonth[m], m), monthHref(root, m)}
	}, false)
}

// chaseRow is a unit on the 催报 list: what is wrong and what to do.
type chaseRow struct {
	Unit  unitLink
	Light light
	Files []rejectedRow // for 无效报送: each file and why it is not used
	Todo  []string      // what the unit should do, in its clerk's words
}

// chaseTodo says what a unit on the 催报 list should do, in words its
// clerk understands: hand in the month's workbook (at place), or correct
// each file that is not used and hand it in again.
func chaseTodo(s progress.Submission, place string) []string {
	if s.State == progress.Missing {
		return []string{"请填写本月报送表格，放入" + place}
	}
	var todo []string
	for _, r := range s.Rejected {
		if h := strings.TrimRight(r.Hint, "。"); h != "" && !slices.Contains(todo, h) {
			todo = append(todo, h)
		}
	}
	if len(todo) == 0 {
		todo = []string{"请改正后重新报送"}
	}
	return todo
}

// chaseNotice is the 催报 message of month m, ready to copy: the units
// that handed in nothing, then each unit whose files cannot be used, with
// the file, the reason and what to do.
func (b *builder) chaseNotice(m domain.Month, due domain.Date, chase []chaseRow) string {
	if len(chase) == 0 {
		return ""
	}
	var missing []string
	var invalid []chaseRow
	for _, c := range chase {
		if len(c.Files) == 0 {
			missing = append(missing, c.Unit.Name)
		} else {
			invalid = append(invalid, c)
		}
	}
	coord := b.Plan.Settings.Coordinator
	if coord == "" {
		coord = "牵头汇总单位"
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "【催报】%s（%s，截止时间 %s）\n", b.Plan.Settings.Title, m.Label(), due.Label())
	if len(missing) > 0 {
		fmt.Fprintf(&sb, "一、以下 %d 个单位尚未报送%s进展情况：%s。请尽快填写报送表格，放入%s。\n", len(missing), m.Label(), strings.Join(missing, "、"), b.Plan.Settings.HandInPlace())
	}
	if len(invalid) > 0 {
		n := "一"
		if len(missing) > 0 {
			n = "二"
		}
		fmt.Fprintf(&sb, "%s、以下 %d 个单位报送的%s表格无法使用，不算报送，请按说明改正后重新报送：\n", n, len(invalid), m.Label())
		for _, c := range invalid {
			for _, f := range c.Files {
				fmt.Fprintf(&sb, "%s：文件“%s”：%s。\n", c.Unit.Name, f.File, strings.TrimRight(f.Reason, "。"))
			}
			fmt.Fprintf(&sb, "　　应如何做：%s。\n", strings.Join(c.Todo, "；"))
		}
	}
	fmt.Fprintf(&sb, "请报%s汇总。", coord)
	return sb.String()
}
