package paperwork

import (
	"fmt"
	"path"
	"strings"

	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/progress"
	"github.com/plansite/plansite/internal/workbook"
)

// Notice is the 催报 message for one unit that has handed in nothing
// usable for a month: ready to paste into the office's messaging, in words
// the unit's clerk understands (no command names, no folders of the
// coordinating section's machine).
type Notice struct {
	Unit  domain.UnitID
	Name  string // the unit's name
	State progress.SubmissionState
	Text  string
}

// Chase says what a unit on the 催报 list handed in for the month: nothing
// (Rejected empty: 未报送), or only files that cannot be used (无效报送).
type Chase struct {
	Unit     domain.UnitID
	Rejected []domain.Rejected
}

// Notices are the 催报 messages of the month's chased submissions (the
// missing ones first, then the invalid), one per unit.
func Notices(p *domain.Plan, m domain.Month, subs []progress.Submission) []Notice {
	var out []Notice
	fileName := workbook.FileNamer(p)
	for _, chased := range [][]progress.Submission{filter(subs, m, progress.Missing), filter(subs, m, progress.Invalid)} {
		for _, s := range chased {
			out = append(out, noticeFor(p, m, Chase{Unit: s.Unit, Rejected: s.Rejected}, fileName))
		}
	}
	return out
}

func filter(subs []progress.Submission, m domain.Month, st progress.SubmissionState) []progress.Submission {
	var out []progress.Submission
	for _, s := range subs {
		if s.Month == m && s.State == st {
			out = append(out, s)
		}
	}
	return out
}

// NoticeFor is the 催报 message of month m for one unit: the plan, the
// month, the due date, what is missing or what is wrong with each file it
// handed in and what to do, and where to put the file (the settings'
// submit_to, else 共享文件夹) for the coordinator.
func NoticeFor(p *domain.Plan, m domain.Month, c Chase) Notice {
	return noticeFor(p, m, c, workbook.FileNamer(p))
}

func noticeFor(p *domain.Plan, m domain.Month, c Chase, fileName func(domain.UnitID, domain.Month) string) Notice {
	s := p.Settings
	name := p.UnitName(c.Unit)
	due := m.Day(s.DueDay)
	n := Notice{Unit: c.Unit, Name: name, State: progress.Missing}
	var b strings.Builder
	fmt.Fprintf(&b, "【催报】%s：\n", name)
	if len(c.Rejected) == 0 {
		fmt.Fprintf(&b, "%s%s的进展情况应于%s前报送，目前尚未收到贵单位的报送表格。", s.Title, s.MonthAfterTitle(m), due.Label())
		fmt.Fprintf(&b, "请尽快填写本单位%s的进展报送表（文件名如“%s”），放入%s，由%s汇总。", m.Label(), fileName(c.Unit, m), s.HandInPlace(), coordinator(p))
		n.Text = b.String()
		return n
	}
	n.State = progress.Invalid
	fmt.Fprintf(&b, "%s%s的进展情况应于%s前报送。贵单位交来的表格无法使用，不算报送：\n", s.Title, s.MonthAfterTitle(m), due.Label())
	for i, r := range c.Rejected {
		fmt.Fprintf(&b, "%d. 文件“%s”：%s。", i+1, path.Base(r.File), strings.TrimRight(r.Reason, "。"))
		if h := strings.TrimRight(r.Hint, "。"); h != "" {
			b.WriteString(h + "。")
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "请改正后尽快重新报送，放入%s，由%s汇总。", s.HandInPlace(), coordinator(p))
	n.Text = b.String()
	return n
}

// NoticeFileName is the name of the text file of unit's 催报 notice for
// month m (2023-12_催报_就业中心.txt): valid on Windows whatever the
// unit's name (the characters Windows forbids replaced, no trailing dot or
// space, at most 100 characters).
func NoticeFileName(m domain.Month, unit string) string {
	name := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`\/:*?"<>|`, r) || r < 32 || r == 0x7f {
			return '_'
		}
		return r
	}, unit)
	if r := []rune(name); len(r) > 80 {
		name = string(r[:80])
	}
	name = strings.TrimRight(name, ". ")
	if name == "" {
		name = "_"
	}
	return m.String() + "_催报_" + name + ".txt"
}
