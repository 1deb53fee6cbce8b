package progress

import (
	"sort"

	"github.com/plansite/plansite/internal/domain"
)

// StatusInput is what the task status rule looks at.
type StatusInput struct {
	Deadline, AsOf domain.Date
	Progress       *float64 // the task's progress; nil when no lead reported one
	Expected       float64
	AllLeadsDone   bool // every lead's latest state is 已完成 or its latest progress is 100
	EverReported   bool // some lead has handed in a row for the task in a month up to the as-of month
	LeadLagging    bool // some lead's latest state is 滞后
	LaggingPoints  float64
	DueSoonDays    int
}

// TaskStatus applies the README's rule ("Task status"); the first match
// wins: done · overdue (the deadline is on or before the as-of date)
// · no_report (no lead has ever handed in a row for the task) · lagging (a
// lead's latest state is 滞后, or progress more than LaggingPoints below
// expected, from the latest figures whatever their month) · due_soon
// (deadline 1..DueSoonDays days after the as-of date) · on_track. Whether
// a lead reported this month is not part of the status (TaskPoint.Reported).
func TaskStatus(in StatusInput) Status {
	switch {
	case in.AllLeadsDone:
		return Done
	case !in.Deadline.After(in.AsOf):
		return Overdue
	case !in.EverReported:
		return NoReport
	case in.LeadLagging || (in.Progress != nil && in.Expected-*in.Progress > in.LaggingPoints):
		return Lagging
	}
	if d := in.AsOf.DaysUntil(in.Deadline); d >= 1 && d <= in.DueSoonDays {
		return DueSoon
	}
	return OnTrack
}

// latestProgress is the newest progress given in a row of a month ≤ m.
func latestProgress(es []Entry, m domain.Month) *float64 {
	for i := len(es) - 1; i >= 0; i-- {
		if !es[i].Month.After(m) && es[i].Row.Progress != nil {
			return es[i].Row.Progress
		}
	}
	return nil
}

// latestState is the newest state given in a row of a month ≤ m.
func latestState(es []Entry, m domain.Month) domain.TaskState {
	for i := len(es) - 1; i >= 0; i-- {
		if !es[i].Month.After(m) && es[i].Row.State != "" {
			return es[i].Row.State
		}
	}
	return ""
}

// latestMonth is the newest month ≤ m with a row, zero when none.
func latestMonth(es []Entry, m domain.Month) domain.Month {
	for i := len(es) - 1; i >= 0; i-- {
		if !es[i].Month.After(m) {
			return es[i].Month
		}
	}
	return domain.Month{}
}

func (c *calc) taskAt(t domain.Task, m domain.Month) TaskPoint {
	s := c.p.Settings
	rows := c.taskRows[t.ID]
	in := StatusInput{
		Deadline: t.Deadline, AsOf: m.Last(),
		Expected:      Expected(s.PlanDate, t.Deadline, m.Last()),
		AllLeadsDone:  len(t.Leads) > 0,
		LaggingPoints: s.LaggingPoints, DueSoonDays: s.DueSoonDays,
	}
	var progs []float64
	reported := false
	for _, u := range t.Leads {
		es := rows[u]
		p := latestProgress(es, m)
		st := latestState(es, m)
		if p != nil {
			progs = append(progs, *p)
		}
		if !domain.Finished(st, p) {
			in.AllLeadsDone = false
		}
		if st == domain.TaskLagging {
			in.LeadLagging = true
		}
		switch latestMonth(es, m) {
		case domain.Month{}:
		case m:
			in.EverReported, reported = true, true
		default:
			in.EverReported = true
		}
	}
	in.Progress = mean(progs)
	return TaskPoint{Month: m, Progress: in.Progress, Expected: in.Expected, Status: TaskStatus(in), Reported: reported}
}

func (c *calc) tasks() []TaskResult {
	out := make([]TaskResult, 0, len(c.p.Tasks))
	for _, t := range c.p.Tasks {
		tr := TaskResult{Task: t}
		tr.History = history(c, c.memo.tasks, t.ID, func(m domain.Month) TaskPoint { return c.taskPoint(t, m) })
		now := c.taskPoint(t, c.asOf)
		tr.Progress, tr.Expected, tr.Status, tr.Reported = now.Progress, now.Expected, now.Status, now.Reported
		if c.asOf == c.baseAsOf {
			tr.Units = c.unitLinesAt(t, c.asOf)
		}
		tr.Entries = c.taskEntries(t)
		tr.Forecast = taskForecast(t, tr.Status, tr.History, c.asOf)
		out = append(out, tr)
	}
	return out
}

// unitLinesAt is each unit's latest word on task t as of month m: leads,
// then cooperators, in the plan's order.
func (c *calc) unitLinesAt(t domain.Task, m domain.Month) []UnitLine {
	var out []UnitLine
	rows := c.taskRows[t.ID]
	for _, group := range [][]domain.UnitID{t.Leads, t.Cooperators} {
		for _, u := range group {
			es := rows[u]
			out = append(out, UnitLine{
				Unit: u, Role: t.RoleOf(u),
				Progress:  latestProgress(es, m),
				State:     latestState(es, m),
				Month:     latestMonth(es, m),
				ThisMonth: latestMonth(es, m) == m,
			})
		}
	}
	return out
}

// allEntries is every row on task t in the index, newest month first, then
// in the plan's order of units.
func (c *calc) allEntries(t domain.Task) []Entry {
	rows := c.taskRows[t.ID]
	// The units in the order of the page: leads, cooperators, then any
	// other unit that reported on the task, by id.
	var units []domain.UnitID
	order := unitOrder(t)
	for u := range rows {
		units = append(units, u)
	}
	sort.Slice(units, func(i, j int) bool {
		if ri, rj := rank(order, units[i]), rank(order, units[j]); ri != rj {
			return ri < rj
		}
		return units[i] < units[j]
	})
	// Each unit's rows are oldest month first; walk them all from the end,
	// newest month first, taking every unit's row of that month in order.
	next := make([]int, len(units)) // per unit, its newest row not yet taken
	n := 0
	for i, u := range units {
		next[i] = len(rows[u]) - 1
		n += len(rows[u])
	}
	all := make([]Entry, 0, n)
	for len(all) < n {
		var newest domain.Month
		for i, u := range units {
			if next[i] >= 0 && (newest.IsZero() || rows[u][next[i]].Month.After(newest)) {
				newest = rows[u][next[i]].Month
			}
		}
		for i, u := range units {
			for next[i] >= 0 && rows[u][next[i]].Month == newest {
				e := rows[u][next[i]]
				if e.Role == "" {
					e.Role = t.RoleOf(u)
				}
				all = append(all, e)
				next[i]--
			}
		}
	}
	if n == 0 {
		return nil
	}
	return all
}

// unitOrder numbers a task's units: leads first, then cooperators, then
// any other unit that reported on it.
func unitOrder(t domain.Task) map[domain.UnitID]int {
	o := map[domain.UnitID]int{}
	for i, u := range append(append([]domain.UnitID(nil), t.Leads...), t.Cooperators...) {
		o[u] = i
	}
	return o
}

func rank(order map[domain.UnitID]int, u domain.UnitID) int {
	if r, ok := order[u]; ok {
		return r
	}
	return len(order)
}

func counts(p *domain.Plan, tasks []TaskResult) (map[Status]int, []CategoryCount) {
	total := map[Status]int{}
	for _, s := range Statuses {
		total[s] = 0
	}
	var cats []CategoryCount
	idx := map[string]int{}
	for _, c := range p.Categories {
		idx[c.Name] = len(cats)
		cc := CategoryCount{Name: c.Name, Counts: map[Status]int{}}
		for _, s := range Statuses {
			cc.Counts[s] = 0
		}
		cats = append(cats, cc)
	}
	for _, t := range tasks {
		total[t.Status]++
		if i, ok := idx[t.Task.Category]; ok {
			cats[i].Counts[t.Status]++
			cats[i].Total++
		}
	}
	return total, cats
}

// Attention returns the tasks that need attention (Status.NeedsAttention),
// worst first: overdue, then lagging, then never reported; within each,
// the furthest behind expected progress first (a task with no progress is
// behind by all of its expected progress), then the earliest deadline,
// then the plan's order.
func Attention(tasks []TaskResult) []TaskResult {
	var out []TaskResult
	for _, t := range tasks {
		if t.Status.NeedsAttention() {
			out = append(out, t)
		}
	}
	gap := func(t TaskResult) float64 {
		if t.Progress == nil {
			return t.Expected
		}
		return t.Expected - *t.Progress
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Status != b.Status {
			return a.Status.Rank() < b.Status.Rank()
		}
		if ga, gb := gap(a), gap(b); ga != gb {
			return ga > gb
		}
		return a.Task.Deadline.Before(b.Task.Deadline)
	})
	return out
}
