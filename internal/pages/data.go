package pages

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/inbox"
	"github.com/plansite/plansite/internal/keyhash"
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
	// FiguresPrint stands for the rest of what a month's pages and
	// paperwork are made of: the plan but for its texts (descriptions,
	// pages), the files not used and every finding (monthInputs).
	FiguresPrint string

	// Received is the day the latest usable file of each month was
	// handed in (Report.Submitted): the date of a page's data, which,
	// unlike the build time, changes only when the data does.
	Received map[domain.Month]domain.Date
	// Built is when the site is built: shown on the dashboard and in
	// summary.json only, so that the other pages stay the same from day
	// to day.
	Built time.Time
}

// PrintsUpTo stands for the usable reports of every month up to m: the
// months' MonthPrints in order.
func (d *Data) PrintsUpTo(m domain.Month) string {
	var months []domain.Month
	for month := range d.MonthPrints {
		if !month.After(m) {
			months = append(months, month)
		}
	}
	slices.SortFunc(months, func(a, b domain.Month) int { return a.Since(b) })
	var b strings.Builder
	for _, month := range months {
		b.WriteString(month.String() + "=" + d.MonthPrints[month] + "\n")
	}
	return b.String()
}

// monthInputs stands for everything month m's report, 催报 page, 汇总表
// and 通报 are made of: the usable reports of the months up to m
// (progress.Series gives a month's figures from those alone), what they
// were read against, the plan but for its texts, the files not used and
// the findings, and the months the site has (the links to the months
// before and after, the as-of month every page names).
func (d *Data) monthInputs(m domain.Month) string {
	return keyhash.Of("month", m.String(), d.FiguresPrint, d.SchemaPrint, d.PrintsUpTo(m), d.Months[0].String(), d.Result.AsOf.String()).String()
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
