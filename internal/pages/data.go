package pages

import (
	"fmt"
	"strings"
	"time"

	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/inbox"
	"github.com/plansite/plansite/internal/progress"
)

// Data is everything the pages are made of: the computed results of a
// build (site's compute stage makes it). The pages only read it.
type Data struct {
	Plan    *domain.Plan
	Inbox   inbox.Result
	Names   inbox.Names                       // Inbox.Names(): where each finding is shown; the files not used
	Result  *progress.Result                  // as of the as-of month
	Months  []domain.Month                    // months with a report page: the first with any report .. as-of
	ByMonth map[domain.Month]*progress.Result // a snapshot per such month

	// What pages keyed by their inputs are made of: what the workbooks
	// were read against (the key of the plan's workbook.Schema), and each
	// month's usable reports (file, content hash, modification time).
	SchemaPrint string
	MonthPrints map[domain.Month]string

	// Received is the day the latest usable file of each month was
	// handed in (Report.Submitted): the date of a page's data, which,
	// unlike the build time, changes only when the data does.
	Received map[domain.Month]domain.Date
	// Built is when the site is built: shown on the dashboard and in
	// summary.json only, so that the other pages stay the same from day
	// to day.
	Built time.Time
}

// ReceivedBy is the day the latest usable file of a month up to m was
// handed in; zero when none was.
func (d *Data) ReceivedBy(m domain.Month) domain.Date {
	var last domain.Date
	for month, day := range d.Received {
		if !month.After(m) && day.After(last) {
			last = day
		}
	}
	return last
}

// CountsText says how many tasks are in each status, in the words of the
// monthly report: 16 项重点任务中已完成 3 项、正常推进 8 项…
func CountsText(r *progress.Result) string {
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

// monthsLabel writes months as 2023年8月、2023年9月.
func monthsLabel(ms []domain.Month) string {
	return strings.Join(monthLabels(ms), "、")
}
