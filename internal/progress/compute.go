package progress

import (
	"hash/fnv"
	"math"
	"sort"
	"sync"

	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/parallel"
)

// Result is where the plan stands as of a month.
type Result struct {
	AsOf     domain.Month
	AsOfDate domain.Date    // last day of AsOf
	Months   []domain.Month // first reporting month .. AsOf

	Tasks      []TaskResult
	TaskCounts map[Status]int
	Categories []CategoryCount

	Problems   []ProblemResult
	Indicators []IndicatorResult
	Readiness  []Cycle // cycles with data, the one holding AsOf first
	Targets    []TargetResult

	Submissions []Submission // expected units × Months, unit-major
}

// CategoryCount is the statuses of one category's tasks.
type CategoryCount struct {
	Name   string
	Counts map[Status]int
	Total  int
}

// TaskResult is a task as of the month.
type TaskResult struct {
	Task     domain.Task
	Progress *float64 // mean of the leads' latest progress; nil when none reported
	Expected float64
	Status   Status
	Reported bool        // some lead handed in a row for the task for the as-of month
	History  []TaskPoint // one per month of Result.Months
	Units    []UnitLine  // leads, then cooperators, in the plan's order (nil in Series' results but the last)
	Entries  []Entry     // every row handed in on the task up to AsOf, newest month first
	Forecast Forecast    // when it reaches 100 % at its present pace
}

// TaskPoint is a task's state as of one month.
type TaskPoint struct {
	Month    domain.Month
	Progress *float64
	Expected float64
	Status   Status
	Reported bool // some lead handed in a row for the task for Month
}

// UnitLine is one unit's latest word on a task.
type UnitLine struct {
	Unit      domain.UnitID
	Role      domain.Role
	Progress  *float64
	State     domain.TaskState
	Month     domain.Month // month of its latest row; zero when it never reported
	ThisMonth bool         // it handed in a row for AsOf
}

// Entry is one unit's row on a task for one month.
type Entry struct {
	Month domain.Month
	Unit  domain.UnitID
	Role  domain.Role
	Row   *domain.TaskRow // the report's own row (shared, never changed): a province's rows are not copied for every task and month
}

// ProblemResult is a prior-year problem as of the month.
type ProblemResult struct {
	Problem     domain.Problem
	State       domain.RectState
	Progress    *float64
	Overdue     bool        // past its deadline (on or before the as-of date) and not rectified
	RectifiedOn domain.Date // when it was rectified (see ProblemPoint); zero when it is not
	Late        bool        // rectified after its deadline: 超期整改
	History     []ProblemPoint
	Measures    []UnitText // each unit's latest measures
	Forecast    Forecast   // when it reaches 100 % at its present pace
}

// ProblemPoint is a problem's state as of one month.
type ProblemPoint struct {
	Month    domain.Month
	State    domain.RectState
	Progress *float64
	Overdue  bool
	// RectifiedOn is, for a problem 已整改 or 已销号, the day its last unit
	// finished: each unit's latest 完成整改时间, or when it gave none, the
	// submission date of its first report of the state; zero otherwise.
	RectifiedOn domain.Date
	Late        bool // RectifiedOn is after the deadline
	Reported    bool // some responsible unit gave a progress for it in Month
}

// UnitText is a unit's text of a given month.
type UnitText struct {
	Unit  domain.UnitID
	Month domain.Month
	Text  string
}

// IndicatorResult is an evaluation indicator's latest readiness.
type IndicatorResult struct {
	Indicator domain.Indicator
	Readiness *float64 // mean of its units' latest; nil when never reported
	Notes     []UnitText
}

// Cycle is one evaluation cycle's readiness by month.
type Cycle struct {
	Start, End domain.Date
	Months     []ReadinessPoint // the 12 months of the cycle
	DaysLeft   int              // from the as-of date to End, 0 when past
	Current    bool             // holds the as-of month
}

// ReadinessPoint is the readiness index of one month: nil before the first
// month with any readiness report and after the as-of month.
type ReadinessPoint struct {
	Month  domain.Month
	Index  *float64
	Areas  map[string]*float64
	Target float64 // the straight line from 0 at the cycle's start to 100 at its end
}

// TargetResult is a quantitative target against its actual figure.
type TargetResult struct {
	Target  domain.Target
	TaskID  string
	Value   *float64 // latest cumulative figure of the leads
	Met     bool
	History []TargetPoint
}

// TargetPoint is a target's figure as of one month.
type TargetPoint struct {
	Month domain.Month
	Value *float64
}

// MatrixMonths is how many months a unit × month matrix of submissions
// shows (the 报送情况 of the site and of a month's 汇总表): a plan's year.
// A roll-up over several years would otherwise grow every month's matrix
// with all the months before it (months² × units cells over a site);
// each unit's page keeps its whole history.
const MatrixMonths = 12

// RecentMonths are the last MatrixMonths of months (all when fewer).
func RecentMonths(months []domain.Month) []domain.Month {
	return months[max(0, len(months)-MatrixMonths):]
}

// Submission is one expected unit's report for one month.
type Submission struct {
	Unit      domain.UnitID
	Month     domain.Month
	State     SubmissionState
	Submitted domain.Date       // of the earliest usable file; zero when none
	Files     []string          // every usable file, earliest first
	Carrier   string            // the usable file whose data counts (the latest)
	Rejected  []domain.Rejected // the files naming this unit and month that are not used, by file
}

// Compute returns where plan p stands as of month asOf, from the usable
// reports of the inbox and the files that arrived but are not used
// (rejected: they count for submissions only). A zero asOf means the
// latest month with any report (the first reporting month when there is
// none).
func Compute(p *domain.Plan, reports []domain.Report, rejected []domain.Rejected, asOf domain.Month) *Result {
	if asOf.IsZero() {
		asOf = LatestMonth(p, reports)
	}
	return newCalc(p, reports, rejected, asOf).result()
}

// Series returns Compute(p, reports, rejected, m) for each month m of months, from
// one index of the reports and with each task's, problem's, indicator's
// and target's month-by-month figures worked out once, so that its time
// grows with the reports and the months, not with their product. Two
// differences: in the result for any month but the last, Submissions holds
// that month's submissions only (the last one's has every month, as
// Compute's), and Tasks[].Units is nil (each unit's latest word on a task
// is shown as of the last month alone; for every month it was a sixth of
// a province build's memory). A zero month is left out. The results share
// slices: treat them as read-only.
func Series(p *domain.Plan, reports []domain.Report, rejected []domain.Rejected, months []domain.Month) map[domain.Month]*Result {
	out := map[domain.Month]*Result{}
	var last domain.Month
	for _, m := range months {
		if !m.IsZero() && m.After(last) {
			last = m
		}
	}
	if last.IsZero() {
		return out
	}
	c := newCalc(p, reports, rejected, last)
	c.prefill()
	// With the memo full, the views only read what they share: one
	// goroutine per core works them out.
	results := make([]*Result, len(months))
	parallel.For(len(months), 0, func(i int) {
		if !months[i].IsZero() {
			results[i] = c.view(months[i]).result()
		}
	})
	for i, m := range months {
		if results[i] != nil {
			out[m] = results[i]
		}
	}
	return out
}

func (c *calc) result() *Result {
	asOf := c.asOf
	res := &Result{AsOf: asOf, AsOfDate: asOf.Last(), Months: c.months}
	res.Submissions = c.submissions()
	res.Tasks = c.tasks()
	res.TaskCounts, res.Categories = counts(c.p, res.Tasks)
	res.Problems = c.problems()
	res.Indicators = c.indicators()
	res.Readiness = c.readiness()
	res.Targets = c.targets()
	return res
}

// view is c as of an earlier month m: the same index and memo, with the
// rows after m left out.
func (c *calc) view(m domain.Month) *calc {
	if m == c.asOf {
		return c
	}
	v := *c
	v.asOf = m
	n := max(0, min(len(c.months), m.Since(c.p.Settings.FirstReportMonth)+1))
	v.months = c.months[:n]
	if n == 0 {
		v.months = nil // as MonthsFrom gives
	}
	if v.firstReady.After(m) {
		v.firstReady = domain.Month{}
	}
	return &v
}

// LatestMonth is the newest month with any report within the reporting
// period, or the first reporting month when there is none.
func LatestMonth(p *domain.Plan, reports []domain.Report) domain.Month {
	m := p.Settings.FirstReportMonth
	for _, r := range reports {
		if r.Month.After(m) && !r.Month.After(p.Settings.LastReportMonth) {
			m = r.Month
		}
	}
	return m
}

type unitMonth struct {
	u domain.UnitID
	m domain.Month
}

// calc holds the reports indexed for the rules.
type calc struct {
	p      *domain.Plan
	asOf   domain.Month
	months []domain.Month
	groups map[unitMonth][]*domain.Report // files of a unit and month, earliest submission first
	// rejected is, for each unit and month, the files naming them that
	// are not used, by file name.
	rejected map[unitMonth][]domain.Rejected

	taskRows      map[string]map[domain.UnitID][]Entry // task → unit → rows, oldest month first
	problemRows   map[string]map[domain.UnitID][]problemEntry
	indicatorRows map[string]map[domain.UnitID][]indicatorEntry
	targetRows    map[string]map[domain.UnitID][]targetEntry
	firstReady    domain.Month // first month with any readiness row
	memo          *memo        // figures by month, shared with the views
	baseAsOf      domain.Month // as-of month of the calc the memo is for
}

type problemEntry struct {
	m         domain.Month
	row       domain.ProblemRow
	submitted domain.Date // of the file the row came from
}

type indicatorEntry struct {
	m   domain.Month
	row domain.IndicatorRow
}

type targetEntry struct {
	m   domain.Month
	row domain.TargetRow
}

func newCalc(p *domain.Plan, reports []domain.Report, rejected []domain.Rejected, asOf domain.Month) *calc {
	c := &calc{
		p: p, asOf: asOf,
		months:        domain.MonthsFrom(p.Settings.FirstReportMonth, asOf),
		groups:        map[unitMonth][]*domain.Report{},
		rejected:      map[unitMonth][]domain.Rejected{},
		taskRows:      map[string]map[domain.UnitID][]Entry{},
		problemRows:   map[string]map[domain.UnitID][]problemEntry{},
		indicatorRows: map[string]map[domain.UnitID][]indicatorEntry{},
		targetRows:    map[string]map[domain.UnitID][]targetEntry{},
		memo:          newMemo(),
		baseAsOf:      asOf,
	}
	for i := range reports {
		r := &reports[i]
		if r.Month.After(asOf) {
			continue
		}
		k := unitMonth{r.Unit, r.Month}
		c.groups[k] = append(c.groups[k], r)
	}
	for _, r := range rejected {
		for _, u := range r.Units {
			for _, m := range r.Months {
				if !m.After(asOf) {
					k := unitMonth{u, m}
					c.rejected[k] = append(c.rejected[k], r)
				}
			}
		}
	}
	for _, g := range c.rejected {
		sort.Slice(g, func(i, j int) bool { return g[i].File < g[j].File })
	}
	carriers := make([]*domain.Report, 0, len(c.groups))
	for _, g := range c.groups {
		if len(g) > 1 {
			sort.SliceStable(g, func(i, j int) bool { return submittedBefore(*g[i], *g[j]) })
		}
		carriers = append(carriers, g[len(g)-1])
	}
	// Index the carriers' rows oldest month first, so that each list is in
	// month order.
	sort.Slice(carriers, func(i, j int) bool {
		if carriers[i].Month != carriers[j].Month {
			return carriers[i].Month.Before(carriers[j].Month)
		}
		return carriers[i].Unit < carriers[j].Unit
	})
	// The task rows, most of the rows, are indexed by two goroutines, each
	// for half of the tasks; the other sheets alongside.
	var wg sync.WaitGroup
	taskParts := [2]map[string]map[domain.UnitID][]Entry{{}, {}}
	for part := range taskParts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rows := taskParts[part]
			for _, r := range carriers {
				for j := range r.Tasks {
					row := &r.Tasks[j]
					if half(row.TaskID) != part {
						continue
					}
					if rows[row.TaskID] == nil {
						rows[row.TaskID] = map[domain.UnitID][]Entry{}
					}
					rows[row.TaskID][r.Unit] = append(rows[row.TaskID][r.Unit], Entry{Month: r.Month, Unit: r.Unit, Role: row.Role, Row: row})
				}
			}
		}()
	}
	for _, r := range carriers {
		for _, row := range r.Problems {
			if c.problemRows[row.ProblemID] == nil {
				c.problemRows[row.ProblemID] = map[domain.UnitID][]problemEntry{}
			}
			c.problemRows[row.ProblemID][r.Unit] = append(c.problemRows[row.ProblemID][r.Unit], problemEntry{r.Month, row, r.Submitted()})
		}
		for _, row := range r.Indicators {
			if c.indicatorRows[row.IndicatorID] == nil {
				c.indicatorRows[row.IndicatorID] = map[domain.UnitID][]indicatorEntry{}
			}
			c.indicatorRows[row.IndicatorID][r.Unit] = append(c.indicatorRows[row.IndicatorID][r.Unit], indicatorEntry{r.Month, row})
			if row.Readiness != nil && (c.firstReady.IsZero() || r.Month.Before(c.firstReady)) {
				c.firstReady = r.Month
			}
		}
		for _, row := range r.Targets {
			if c.targetRows[row.TargetID] == nil {
				c.targetRows[row.TargetID] = map[domain.UnitID][]targetEntry{}
			}
			c.targetRows[row.TargetID][r.Unit] = append(c.targetRows[row.TargetID][r.Unit], targetEntry{r.Month, row})
		}
	}
	wg.Wait()
	for _, part := range taskParts {
		for id, rows := range part {
			c.taskRows[id] = rows
		}
	}
	return c
}

// half splits task ids into two halves of about the same size.
func half(id string) int {
	h := fnv.New32a()
	h.Write([]byte(id))
	return int(h.Sum32() & 1)
}

// submittedBefore orders a unit's files for a month by submission time:
// 填报日期 when valid, else the modification time; then by modification
// time and name, so the order is total.
func submittedBefore(a, b domain.Report) bool {
	sa, sb := a.Submitted(), b.Submitted()
	if sa != sb {
		return sa.Before(sb)
	}
	if !a.ModTime.Equal(b.ModTime) {
		return a.ModTime.Before(b.ModTime)
	}
	return a.File < b.File
}

// Expected is the progress a task should have reached at asOf: the share of
// the time from the plan date to the deadline that has passed, 0 to 100.
func Expected(plan, deadline, asOf domain.Date) float64 {
	total := plan.DaysUntil(deadline)
	if total <= 0 {
		return 100
	}
	return clamp(100 * float64(plan.DaysUntil(asOf)) / float64(total))
}

func clamp(v float64) float64 { return math.Max(0, math.Min(100, v)) }

func mean(vs []float64) *float64 {
	if len(vs) == 0 {
		return nil
	}
	s := 0.0
	for _, v := range vs {
		s += v
	}
	m := s / float64(len(vs))
	return &m
}

func (c *calc) submissions() []Submission {
	units := c.p.Expected()
	months := c.months
	if c.asOf != c.baseAsOf && len(months) > 0 {
		months = months[len(months)-1:] // a view of Series: its own month only
	}
	out := make([]Submission, 0, len(units)*len(months))
	for _, u := range units {
		for _, m := range months {
			out = append(out, remember(c, c.memo.submissions, string(u), m, func(m domain.Month) Submission { return c.submission(u, m) }))
		}
	}
	return out
}

// submission is unit u's report for month m: on time or late by its
// earliest usable file; invalid when files naming u and m arrived but none
// is usable; else missing.
func (c *calc) submission(u domain.UnitID, m domain.Month) Submission {
	s := Submission{Unit: u, Month: m, State: Missing, Rejected: c.rejected[unitMonth{u, m}]}
	if len(s.Rejected) > 0 {
		s.State = Invalid
	}
	if g := c.groups[unitMonth{u, m}]; len(g) > 0 {
		s.Submitted = g[0].Submitted()
		s.State = OnTime
		if s.Submitted.After(m.Day(c.p.Settings.DueDay)) {
			s.State = Late
		}
		for _, r := range g {
			s.Files = append(s.Files, r.File)
		}
		s.Carrier = g[len(g)-1].File
	}
	return s
}
