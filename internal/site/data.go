package site

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/inbox"
	"github.com/plansite/plansite/internal/keyhash"
	"github.com/plansite/plansite/internal/progress"
	"github.com/plansite/plansite/internal/workbook"
)

// siteData is everything the pages are made of.
type siteData struct {
	plan    *domain.Plan
	inbox   inbox.Result
	res     *progress.Result                  // as of the as-of month
	months  []domain.Month                    // months with a report page: the first with any report .. as-of
	byMonth map[domain.Month]*progress.Result // a snapshot per such month

	// What pages keyed by their inputs are made of: what the workbooks
	// were read against (the key of the plan's workbook.Schema), and each
	// month's usable reports (file, content hash, modification time).
	schemaPrint string
	monthPrints map[domain.Month]string

	// received is the day the latest usable file of each month was
	// handed in (Report.Submitted): the date of a page's data, which,
	// unlike the build time, changes only when the data does.
	received map[domain.Month]domain.Date
	// built is when the site is built: shown on the dashboard and in
	// summary.json only, so that the other pages stay the same from day
	// to day.
	built time.Time

	links     links       // to the units' pages, made once
	fileNames inbox.Names // where each finding is shown; the files not used
}

func analyse(p *domain.Plan, in inbox.Result, asOf domain.Month, built time.Time) *siteData {
	d := &siteData{plan: p, inbox: in, monthPrints: fingerprints(in.Reports), received: map[domain.Month]domain.Date{}, built: built}
	for _, r := range in.Reports {
		if s := r.Submitted(); s.After(d.received[r.Month]) {
			d.received[r.Month] = s
		}
	}
	d.schemaPrint = keyhash.Of(workbook.SchemaOf(p)).String()
	d.links = newLinks(p)
	d.fileNames = in.Names()
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
		d.res, d.byMonth = progress.Compute(p, nil, in.Rejected, asOf), map[domain.Month]*progress.Result{}
		return d
	}
	d.months = domain.MonthsFrom(first, asOf)
	d.byMonth = progress.Series(p, in.Reports, in.Rejected, d.months)
	d.res = d.byMonth[asOf]
	return d
}

// receivedBy is the day the latest usable file of a month up to m was
// handed in; zero when none was.
func (d *siteData) receivedBy(m domain.Month) domain.Date {
	var last domain.Date
	for month, day := range d.received {
		if !month.After(m) && day.After(last) {
			last = day
		}
	}
	return last
}

// countsText says how many tasks are in each status, in the words of the
// monthly report: 16 项重点任务中已完成 3 项、正常推进 8 项…
func countsText(r *progress.Result) string {
	var parts []string
	order := []progress.Status{progress.Done, progress.OnTrack, progress.DueSoon, progress.Lagging, progress.Overdue, progress.NoReport}
	for _, s := range order {
		if n := r.TaskCounts[s]; n > 0 {
			parts = append(parts, fmt.Sprintf("%s %d 项", s.Label(), n))
		}
	}
	if len(parts) == 0 {
		return fmt.Sprintf("%d 项重点任务", len(r.Tasks))
	}
	return fmt.Sprintf("%d 项重点任务中%s", len(r.Tasks), strings.Join(parts, "、"))
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

// namesOf is the units and months under which finding f is shown.
func (d *siteData) namesOf(f domain.Finding) ([]domain.UnitID, []domain.Month) {
	return d.fileNames.Of(f)
}

// monthsLabel writes months as 2023年8月、2023年9月.
func monthsLabel(ms []domain.Month) string {
	return strings.Join(monthLabels(ms), "、")
}
