package pages

import (
	"bytes"
	"slices"

	"github.com/plansite/plansite/internal/docx"
	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/keyhash"
	"github.com/plansite/plansite/internal/paperwork"
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
// the submissions of every month up to it, and the findings shown for it.
func (d *Data) PaperworkInput(m domain.Month) paperwork.Input {
	in := paperwork.Input{Plan: d.Plan, Result: d.ByMonth[m]}
	for _, s := range d.Result.Submissions {
		if !s.Month.After(m) {
			in.Submissions = append(in.Submissions, s)
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
// Each is keyed by its content, which costs little to assemble: the file
// itself is written only when the content changed since the last build
// (else linked from the previous site), so a change in one month's
// workbooks writes that month's files (and the months after it) only.
// The content is assembled again when the file is written rather than
// kept until then: a 汇总表 holds the unit × month matrix of every month
// so far, and keeping every month's (months² × units cells) until the
// pages are rendered was most of a province-sized build's memory.
func (b *builder) monthFiles(m domain.Month) {
	in := b.PaperworkInput(m)
	title := paperwork.WorkbookTitle(b.Plan, m)
	b.out = append(b.out,
		Page{Path: workbookPath(m), Key: keyhash.Of(paperworkFormat, title, paperwork.Tables(in)), File: func() ([]byte, error) {
			var buf bytes.Buffer
			err := workbook.WriteTables(&buf, title, paperwork.Tables(b.PaperworkInput(m)))
			return buf.Bytes(), err
		}},
		Page{Path: bulletinPath(m), Key: keyhash.Of(paperworkFormat, paperwork.Bulletin(in)), File: func() ([]byte, error) {
			var buf bytes.Buffer
			err := docx.Write(&buf, paperwork.Bulletin(b.PaperworkInput(m)))
			return buf.Bytes(), err
		}})
}
