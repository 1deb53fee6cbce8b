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
// content, modification time), in a fixed order.
func fingerprints(reports []domain.Report) map[domain.Month]string {
	byMonth := map[domain.Month][]string{}
	for _, r := range reports {
		byMonth[r.Month] = append(byMonth[r.Month], r.File+"\x00"+r.Hash+"\x00"+r.ModTime.UTC().Format(time.RFC3339Nano))
	}
	out := make(map[domain.Month]string, len(byMonth))
	for m, ids := range byMonth {
		sort.Strings(ids)
		sum := sha256.Sum256([]byte(strings.Join(ids, "\n")))
		out[m] = hex.EncodeToString(sum[:])
	}
	return out
}
