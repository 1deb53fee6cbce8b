package site

import (
	"bytes"
	"context"
	"slices"

	"github.com/plansite/plansite/internal/content"

	"github.com/plansite/plansite/internal/docx"
	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/inbox"
	"github.com/plansite/plansite/internal/keyhash"
	"github.com/plansite/plansite/internal/paperwork"
	"github.com/plansite/plansite/internal/publish"
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

// paperworkInput is what month m's paperwork is made of: its snapshot,
// the submissions of every month up to it, and the findings shown for it.
func (d *siteData) paperworkInput(m domain.Month) paperwork.Input {
	in := paperwork.Input{Plan: d.plan, Result: d.byMonth[m]}
	for _, s := range d.res.Submissions {
		if !s.Month.After(m) {
			in.Submissions = append(in.Submissions, s)
		}
	}
	in.Findings = d.monthFindings(m)
	return in
}

// monthFindings are the findings shown for month m: those of the files
// that name m, or name no month (as check --month lists them).
func (d *siteData) monthFindings(m domain.Month) []domain.Finding {
	var out []domain.Finding
	for _, f := range d.inbox.Findings {
		if _, months := d.namesOf(f); len(months) == 0 || slices.Contains(months, m) {
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
	in := b.paperworkInput(m)
	title := paperwork.WorkbookTitle(b.plan, m)
	b.out = append(b.out,
		page{path: workbookPath(m), key: keyhash.Of(paperworkFormat, title, paperwork.Tables(in)), file: func() ([]byte, error) {
			var buf bytes.Buffer
			err := workbook.WriteTables(&buf, title, paperwork.Tables(b.paperworkInput(m)))
			return buf.Bytes(), err
		}},
		page{path: bulletinPath(m), key: keyhash.Of(paperworkFormat, paperwork.Bulletin(in)), file: func() ([]byte, error) {
			var buf bytes.Buffer
			err := docx.Write(&buf, paperwork.Bulletin(b.paperworkInput(m)))
			return buf.Bytes(), err
		}})
}

// writeMade writes a file that is not a page (p.file set), or links it
// from the previous site when it is made from the same as then.
func writeMade(tx *publish.Tx, p page, m *memo) (written bool, err error) {
	if m != nil && m.reuse(p.path, p.key, tx.Current(p.path)) && tx.Link(p.path, tx.Current(p.path)) == nil {
		return false, nil
	}
	b, err := p.file()
	if err != nil {
		return true, err
	}
	m.made(p.path, p.key, b)
	return true, tx.WriteFile(p.path, b)
}

// Paperwork reads the content and the inbox of o as Build does and
// returns what the paperwork of o.Month is made of (zero: the latest
// month with any report), the same as the site's files of that month are
// made from. Content mistakes come back as a content.Errors; a missing
// inbox as inbox.ErrNoInbox.
func Paperwork(ctx context.Context, o Options) (paperwork.Input, error) {
	plan, err := content.Load(o.Content)
	if err != nil {
		return paperwork.Input{}, err
	}
	dir := plan.Settings.Inbox
	if o.Inbox != "" {
		dir = o.Inbox
	}
	in, err := inbox.Scan(ctx, plan, dir, inbox.OpenCache(o.Cache))
	if err != nil {
		return paperwork.Input{}, err
	}
	d := analyse(plan, in, o.Month, o.Now)
	if _, ok := d.byMonth[d.res.AsOf]; !ok {
		// No report at all: the month's figures as they stand.
		d.byMonth[d.res.AsOf] = d.res
	}
	return d.paperworkInput(d.res.AsOf), nil
}
