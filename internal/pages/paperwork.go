package pages

import (
	"io"
	"slices"
	"sync"

	"github.com/plansite/plansite/internal/docx"
	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/keyhash"
	"github.com/plansite/plansite/internal/paperwork"
	"github.com/plansite/plansite/internal/progress"
	"github.com/plansite/plansite/internal/workbook"
)

// The month's paperwork, written beside its report page.

// workbookPath and bulletinPath are where month m's 汇总表 and 通报 are
// in the site.
func workbookPath(m domain.Month) string {
	return "months/" + m.String() + "/" + m.String() + "_汇总表.xlsx"
}

func bulletinPath(m domain.Month) string {
	return "months/" + m.String() + "/" + m.String() + "_通报.docx"
}

// paperworkFormat names the way the files are made: a change to the
// writers that the tables' content does not show changes it.
const paperworkFormat = "plansite-paperwork 1"

// PaperworkInput is what month m's paperwork is made of: its snapshot,
// the submissions of the months its 报送情况 shows (progress.RecentMonths
// up to m), and the findings shown for it.
func (d *Data) PaperworkInput(m domain.Month) paperwork.Input {
	r := d.ByMonth[m]
	in := paperwork.Input{Plan: d.Plan, Result: r}
	if months := progress.RecentMonths(r.Months); len(months) > 0 {
		shown := func(s progress.Submission) bool { return !s.Month.Before(months[0]) && !s.Month.After(m) }
		n := 0 // counted first: grown by appending, the copies were 0.3 GB of a province build's garbage
		for _, s := range d.Result.Submissions {
			if shown(s) {
				n++
			}
		}
		in.Submissions = make([]progress.Submission, 0, n)
		for _, s := range d.Result.Submissions {
			if shown(s) {
				in.Submissions = append(in.Submissions, s)
			}
		}
	}
	in.Findings = d.monthFindings(m)
	return in
}

// monthFindings are the findings shown for month m: those of the files
// that name m, or name no month (as check --month lists them).
func (d *Data) monthFindings(m domain.Month) []domain.Finding {
	var out []domain.Finding
	for _, f := range d.Inbox.Findings {
		if _, months := d.Names.Of(f); len(months) == 0 || slices.Contains(months, m) {
			out = append(out, f)
		}
	}
	return out
}

// monthFiles adds month m's 汇总表 (.xlsx) and 通报 (.docx) to the site.
// Each is keyed by what it is made of (monthInputs), and assembled and
// written only when that changed since the last build (else linked from
// the previous site): a change in one month's workbooks makes that month's
// files and those of the months after it again; a task's description
// makes none. (Keying them on their assembled tables cost a third of a
// rebuild's processor time at 6,973 workbooks, and holding those tables
// was most of a province build's memory.)
func (b *builder) monthFiles(m domain.Month) {
	title := paperwork.WorkbookTitle(b.Plan, m)
	inputs := keyhash.Of(paperworkFormat, title, b.monthInputs(m))
	// Assembled once for the two, when the first is written.
	input := sync.OnceValue(func() paperwork.Input { return b.PaperworkInput(m) })
	b.out = append(b.out,
		Page{Path: workbookPath(m), Key: keyhash.Of("汇总表", inputs), File: func(w io.Writer) error {
			return workbook.WriteTables(w, title, paperwork.Tables(input()))
		}},
		Page{Path: bulletinPath(m), Key: keyhash.Of("通报", inputs), File: func(w io.Writer) error {
			return docx.Write(w, paperwork.Bulletin(input()))
		}})
}
