package site

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strings"
	"time"

	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/inbox"
	"github.com/plansite/plansite/internal/keyhash"
	"github.com/plansite/plansite/internal/pages"
	"github.com/plansite/plansite/internal/progress"
	"github.com/plansite/plansite/internal/workbook"
)

// compute works out what the pages are made of: the figures as of month
// asOf (zero: the latest month with any report) and of each month with a
// report page before it, and what pages keyed by their inputs stand for.
func compute(p *domain.Plan, in inbox.Result, asOf domain.Month, built time.Time) *pages.Data {
	d := &pages.Data{Plan: p, Inbox: in, Names: in.Names(), MonthPrints: fingerprints(in.Reports), Received: map[domain.Month]domain.Date{}, Built: built}
	for _, r := range in.Reports {
		if s := r.Submitted(); s.After(d.Received[r.Month]) {
			d.Received[r.Month] = s
		}
	}
	d.SchemaPrint = keyhash.Of(workbook.SchemaOf(p)).String()
	d.FiguresPrint = figuresPrint(p, in)
	if asOf.IsZero() {
		asOf = progress.LatestMonth(p, in.Reports)
	}
	first := asOf
	for _, r := range in.Reports {
		if r.Month.Before(first) && !r.Month.Before(p.Settings.FirstReportMonth) {
			first = r.Month
		}
	}
	if len(in.Reports) == 0 {
		// No month has a report page.
		d.Result, d.ByMonth = progress.Compute(p, nil, in.Rejected, asOf), map[domain.Month]*progress.Result{}
		return d
	}
	d.Months = domain.MonthsFrom(first, asOf)
	d.ByMonth = progress.Series(p, in.Reports, in.Rejected, d.Months)
	d.Result = d.ByMonth[asOf]
	return d
}

// fingerprints hashes each month's usable reports: what they are (file,
// content, modification time, and the day it counts as handed in, which
// also depends on the time zone), in a fixed order.
func fingerprints(reports []domain.Report) map[domain.Month]string {
	byMonth := map[domain.Month][]string{}
	for _, r := range reports {
		byMonth[r.Month] = append(byMonth[r.Month], r.File+"\x00"+r.Hash+"\x00"+r.ModTime.UTC().Format(time.RFC3339Nano)+"\x00"+r.Submitted().String())
	}
	out := make(map[domain.Month]string, len(byMonth))
	for m, ids := range byMonth {
		sort.Strings(ids)
		sum := sha256.Sum256([]byte(strings.Join(ids, "\n")))
		out[m] = hex.EncodeToString(sum[:])
	}
	return out
}

// figuresPrint hashes what a month's pages and paperwork are made of
// besides its reports and those of the months before (Data.MonthPrints):
// the plan without its texts — a task's description, the file it came
// from and the text of the content's pages, which no month's page, 汇总表
// or 通报 shows (TestCacheKeptAcrossHarmlessEdits checks) — the files that arrived but are not used (they make a submission
// 无效) and every finding (the ranking counts them).
func figuresPrint(p *domain.Plan, in inbox.Result) string {
	plan := *p
	plan.Tasks = make([]domain.Task, len(p.Tasks))
	for i, t := range p.Tasks {
		t.Body, t.Source = "", ""
		plan.Tasks[i] = t
	}
	plan.Pages = make([]domain.Page, len(p.Pages))
	for i, pg := range p.Pages {
		pg.Body = "" // the title stays: the 通报 names the plan by its page's
		plan.Pages[i] = pg
	}
	return keyhash.Of(plan, in.Rejected, in.Findings).String()
}
