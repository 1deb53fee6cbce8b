package progress

import (
	"math"
	"sort"
	"strings"
	"time"

	"github.com/plansite/plansite/internal/domain"
)

// ProblemState combines the units' latest word on a problem: the least
// advanced state (a unit that never reported counts as 未整改) and the mean
// progress of the units that reported one. A problem no unit reported on is
// not started with no progress.
func ProblemState(states []domain.RectState, progress []float64, units int) (domain.RectState, *float64) {
	if len(states) == 0 && len(progress) == 0 {
		return domain.RectNotStarted, nil
	}
	p := mean(progress)
	least := domain.RectClosed
	for _, s := range states {
		if s.Rank() < least.Rank() {
			least = s
		}
	}
	if len(states) < units {
		least = domain.RectNotStarted
	}
	return least, p
}

func (c *calc) problemAt(pr domain.Problem, m domain.Month) ProblemPoint {
	var states []domain.RectState
	var progs []float64
	var rectified domain.Date // the latest of the units' rectification days
	reported := false
	for _, u := range pr.Units {
		es := c.problemRows[pr.ID][u]
		var st domain.RectState
		var pg *float64
		for i := len(es) - 1; i >= 0; i-- {
			if es[i].m.After(m) {
				continue
			}
			if st == "" {
				st = es[i].row.State
			}
			if pg == nil {
				pg = es[i].row.Progress
			}
			if es[i].m == m && es[i].row.Progress != nil {
				reported = true
			}
		}
		if st == "" && pg != nil {
			// A progress with no state: started, or done at 100.
			st = domain.RectInProgress
			if *pg >= 100 {
				st = domain.RectDone
			} else if *pg <= 0 {
				st = domain.RectNotStarted
			}
		}
		if st != "" {
			states = append(states, st)
		}
		if pg != nil {
			progs = append(progs, *pg)
		}
		if d := rectifiedOn(es, m); d.After(rectified) {
			rectified = d
		}
	}
	st, p := ProblemState(states, progs, len(pr.Units))
	pt := ProblemPoint{Month: m, State: st, Progress: p, Overdue: ProblemOverdue(pr.Deadline, m.Last(), st), Reported: reported}
	if isRectified(st) {
		pt.RectifiedOn = rectified
		pt.Late = rectified.After(pr.Deadline)
	}
	return pt
}

func isRectified(s domain.RectState) bool { return s == domain.RectDone || s == domain.RectClosed }

// rectifiedOn is the day a unit's rows up to month m say it finished the
// problem: the latest 完成整改时间 of its latest run of 已整改/已销号 rows
// (or 100% with no state), or when it gave none, the submission date of
// the run's first report; zero when its latest word is not rectified.
func rectifiedOn(es []problemEntry, m domain.Month) domain.Date {
	var since, given domain.Date
	done := false
	for _, e := range es {
		if e.m.After(m) {
			break
		}
		st := e.row.State
		if st == "" && e.row.Progress != nil {
			st = domain.RectInProgress
			if *e.row.Progress >= 100 {
				st = domain.RectDone
			}
		}
		switch {
		case st == "":
		case isRectified(st):
			if !done {
				since = e.submitted
			}
			done = true
		default:
			done, since, given = false, domain.Date{}, domain.Date{}
		}
		if done && !e.row.DoneOn.IsZero() {
			given = e.row.DoneOn
		}
	}
	switch {
	case !done:
		return domain.Date{}
	case !given.IsZero():
		return given
	}
	return since
}

// ProblemOverdue reports whether a problem is past its deadline (the
// deadline is on or before the as-of date: the deadline day is over) and
// not yet rectified or closed.
func ProblemOverdue(deadline, asOf domain.Date, s domain.RectState) bool {
	return !deadline.After(asOf) && !isRectified(s)
}

func (c *calc) problems() []ProblemResult {
	var out []ProblemResult
	for _, pr := range c.p.Problems {
		r := ProblemResult{Problem: pr}
		r.History = history(c, c.memo.problems, pr.ID, func(m domain.Month) ProblemPoint { return c.problemPoint(pr, m) })
		now := c.problemPoint(pr, c.asOf)
		r.State, r.Progress, r.Overdue, r.RectifiedOn, r.Late = now.State, now.Progress, now.Overdue, now.RectifiedOn, now.Late
		r.Forecast = problemForecast(pr, now, r.History, c.asOf)
		for _, u := range pr.Units {
			es := c.problemRows[pr.ID][u]
			for i := len(es) - 1; i >= 0; i-- {
				if es[i].m.After(c.asOf) {
					continue
				}
				if es[i].row.Measures != "" {
					r.Measures = append(r.Measures, UnitText{Unit: u, Month: es[i].m, Text: es[i].row.Measures})
					break
				}
			}
		}
		out = append(out, r)
	}
	return out
}

// indicatorAt is an indicator's readiness as of month m: the mean of its
// responsible units' latest figures, nil when none reported one.
func (c *calc) indicatorAt(in domain.Indicator, m domain.Month) *float64 {
	var vs []float64
	rows := c.indicatorRows[in.ID]
	for _, u := range sortedKeys(rows) {
		if !domain.HasUnit(in.Units, u) {
			continue
		}
		es := rows[u]
		for i := len(es) - 1; i >= 0; i-- {
			if !es[i].m.After(m) && es[i].row.Readiness != nil {
				vs = append(vs, *es[i].row.Readiness)
				break
			}
		}
	}
	return mean(vs)
}

func (c *calc) indicators() []IndicatorResult {
	var out []IndicatorResult
	for _, in := range c.p.Indicators {
		r := IndicatorResult{Indicator: in, Readiness: c.indicatorValue(in, c.asOf)}
		for _, u := range in.Units {
			es := c.indicatorRows[in.ID][u]
			for i := len(es) - 1; i >= 0; i-- {
				if !es[i].m.After(c.asOf) && es[i].row.Note != "" {
					r.Notes = append(r.Notes, UnitText{Unit: u, Month: es[i].m, Text: es[i].row.Note})
					break
				}
			}
		}
		out = append(out, r)
	}
	return out
}

// CycleOf returns the evaluation cycle that holds month m: from the first
// day of the start month to the day before it a year later.
func CycleOf(m domain.Month, start time.Month) (domain.Date, domain.Date) {
	first := m.Add(-((int(m.Num()) - int(start) + 12) % 12)) // the latest start month ≤ m
	return first.First(), first.Add(12).First().AddDays(-1)
}

// ReadinessIndex is the mean over all indicators of their readiness, with
// an indicator never reported counting 0; nil for no indicator.
func ReadinessIndex(values []*float64) *float64 {
	if len(values) == 0 {
		return nil
	}
	var vs []float64
	for _, v := range values {
		if v == nil {
			vs = append(vs, 0)
		} else {
			vs = append(vs, *v)
		}
	}
	return mean(vs)
}

func (c *calc) readiness() []Cycle {
	start := c.p.Settings.CycleStart
	if c.firstReady.IsZero() {
		// No readiness report yet: show the cycle of the as-of month, empty.
		return []Cycle{c.cycle(c.asOf, start)}
	}
	var out []Cycle
	for m := c.asOf; ; {
		cy := c.cycle(m, start)
		out = append(out, cy)
		prev := cy.Start.Month().Prev()
		if prev.Before(c.firstReady) {
			break
		}
		m = prev
	}
	return out
}

func (c *calc) cycle(m domain.Month, start time.Month) Cycle {
	from, to := CycleOf(m, start)
	cy := Cycle{Start: from, End: to, Current: !c.asOf.Before(from.Month()) && !c.asOf.After(to.Month())}
	if cy.Current {
		cy.DaysLeft = int(math.Max(0, float64(c.asOf.Last().DaysUntil(to))))
	}
	span := float64(from.DaysUntil(to))
	for _, mm := range domain.MonthsFrom(from.Month(), to.Month()) {
		pt := ReadinessPoint{Month: mm, Target: clamp(100 * float64(from.DaysUntil(mm.Last())) / span)}
		if !c.firstReady.IsZero() && !mm.Before(c.firstReady) && !mm.After(c.asOf) {
			var all []*float64
			byArea := map[string][]*float64{}
			for _, in := range c.p.Indicators {
				v := c.indicatorValue(in, mm)
				all = append(all, v)
				byArea[in.Area] = append(byArea[in.Area], v)
			}
			pt.Index = ReadinessIndex(all)
			pt.Areas = map[string]*float64{}
			for a, vs := range byArea {
				pt.Areas[a] = ReadinessIndex(vs)
			}
		}
		cy.Months = append(cy.Months, pt)
	}
	return cy
}

// TargetValue combines the leads' latest figures for a target: one lead's
// figure as it is; several leads' summed, except for rates (a unit of
// measure with % or /), which are averaged.
func TargetValue(t domain.Target, values []float64) *float64 {
	if len(values) == 0 {
		return nil
	}
	if strings.Contains(t.Unit, "%") || strings.Contains(t.Unit, "/") {
		return mean(values)
	}
	s := 0.0
	for _, v := range values {
		s += v
	}
	return &s
}

// targetAt combines the latest figures of the task's leads as of month m.
func (c *calc) targetAt(task domain.Task, t domain.Target, m domain.Month) *float64 {
	var vs []float64
	for _, u := range sortedKeys(c.targetRows[t.ID]) {
		if !domain.HasUnit(task.Leads, u) {
			continue
		}
		es := c.targetRows[t.ID][u]
		for i := len(es) - 1; i >= 0; i-- {
			if !es[i].m.After(m) && es[i].row.Value != nil {
				vs = append(vs, *es[i].row.Value)
				break
			}
		}
	}
	return TargetValue(t, vs)
}

func (c *calc) targets() []TargetResult {
	var out []TargetResult
	for _, task := range c.p.Tasks {
		for _, t := range task.Targets {
			r := TargetResult{Target: t, TaskID: task.ID, Value: c.targetValue(task, t, c.asOf)}
			r.Met = r.Value != nil && t.Met(*r.Value)
			for _, m := range c.months {
				r.History = append(r.History, TargetPoint{Month: m, Value: c.targetValue(task, t, m)})
			}
			out = append(out, r)
		}
	}
	return out
}

// sortedKeys returns the units of a map in order, so that sums (and so
// the published figures) do not depend on map order.
func sortedKeys[V any](m map[domain.UnitID]V) []domain.UnitID {
	out := make([]domain.UnitID, 0, len(m))
	for u := range m {
		out = append(out, u)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}
