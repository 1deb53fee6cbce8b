package site

import (
	"fmt"
	"strings"

	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/inbox"
	"github.com/plansite/plansite/internal/progress"
)

// siteData is everything the pages are made of.
type siteData struct {
	plan    *domain.Plan
	inbox   inbox.Result
	res     *progress.Result                  // as of the as-of month
	months  []domain.Month                    // months with a report page: the first with any report .. as-of
	byMonth map[domain.Month]*progress.Result // a snapshot per such month
}

func analyse(p *domain.Plan, in inbox.Result, asOf domain.Month) *siteData {
	d := &siteData{plan: p, inbox: in, byMonth: map[domain.Month]*progress.Result{}}
	d.res = progress.Compute(p, in.Reports, asOf)
	first := d.res.AsOf
	for _, r := range in.Reports {
		if r.Month.Before(first) && !r.Month.Before(p.Settings.FirstReportMonth) {
			first = r.Month
		}
	}
	if len(in.Reports) > 0 {
		d.months = domain.MonthsFrom(first, d.res.AsOf)
	}
	for _, m := range d.months {
		if m == d.res.AsOf {
			d.byMonth[m] = d.res
		} else {
			d.byMonth[m] = progress.Compute(p, in.Reports, m)
		}
	}
	return d
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
