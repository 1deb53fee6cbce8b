package pages

import (
	"sort"

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

// chasePage is month m's 催报 page: the month's submissions by state, the
// units on the list with why and what to do, and their notices.
func (b *builder) chasePage(m domain.Month) {
	const root = "../../"
	r := b.ByMonth[m]
	b.add("submissions/"+m.String()+"/index.html", "chase", "submissions", m.Label()+"催报", struct {
		monthChase
		Counts []subCount
		Report string
	}{b.chaseOf(root, m), b.submissionCounts(root, r, m), monthHref(root, m)}, false)
}
