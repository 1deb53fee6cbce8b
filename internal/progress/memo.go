package progress

import (
	"sort"

	"github.com/plansite/plansite/internal/domain"
)

// memo keeps what the month-by-month rules give for each month of the
// calc it was made for, so that the views of Series, which ask for the
// same months again, work each out once.
type memo struct {
	tasks       map[string][]TaskPoint    // task id → one point per month of the calc
	entries     map[string][]Entry        // task id → every row, newest month first
	problems    map[string][]ProblemPoint // problem id → one point per month
	indicators  map[string][]*float64     // indicator id → readiness per month
	targets     map[string][]*float64     // target id → value per month
	submissions map[string][]Submission   // unit id → one per month
}

func newMemo() *memo {
	return &memo{
		tasks: map[string][]TaskPoint{}, entries: map[string][]Entry{}, problems: map[string][]ProblemPoint{},
		indicators: map[string][]*float64{}, targets: map[string][]*float64{}, submissions: map[string][]Submission{},
	}
}

// monthIndex is m's place among the months from the first reporting month,
// and whether the memo covers it (m within the calc's months).
func (c *calc) monthIndex(m domain.Month) (int, bool) {
	i := m.Since(c.p.Settings.FirstReportMonth)
	return i, i >= 0 && i < len(c.months)
}

// remember returns f's value for month m from the memo list of key,
// filling the list for every month of the base calc the first time.
func remember[V any](c *calc, list map[string][]V, key string, m domain.Month, f func(domain.Month) V) V {
	i, ok := c.monthIndex(m)
	if !ok {
		return f(m)
	}
	vs, ok := list[key]
	if !ok {
		base := domain.MonthsFrom(c.p.Settings.FirstReportMonth, c.baseAsOf)
		vs = make([]V, len(base))
		for j, bm := range base {
			vs[j] = f(bm)
		}
		list[key] = vs
	}
	return vs[i]
}

func (c *calc) taskPoint(t domain.Task, m domain.Month) TaskPoint {
	return remember(c, c.memo.tasks, t.ID, m, func(m domain.Month) TaskPoint { return c.taskAt(t, m) })
}

func (c *calc) problemPoint(pr domain.Problem, m domain.Month) ProblemPoint {
	return remember(c, c.memo.problems, pr.ID, m, func(m domain.Month) ProblemPoint { return c.problemAt(pr, m) })
}

func (c *calc) indicatorValue(in domain.Indicator, m domain.Month) *float64 {
	return remember(c, c.memo.indicators, in.ID, m, func(m domain.Month) *float64 { return c.indicatorAt(in, m) })
}

func (c *calc) targetValue(task domain.Task, t domain.Target, m domain.Month) *float64 {
	return remember(c, c.memo.targets, t.ID, m, func(m domain.Month) *float64 { return c.targetAt(task, t, m) })
}

// taskEntries is every row on task t up to the calc's month, newest month
// first: a tail of the base calc's list, which is in the same order.
func (c *calc) taskEntries(t domain.Task) []Entry {
	all, ok := c.memo.entries[t.ID]
	if !ok {
		all = c.allEntries(t)
		c.memo.entries[t.ID] = all
	}
	i := sort.Search(len(all), func(i int) bool { return !all[i].Month.After(c.asOf) })
	if i == len(all) {
		return nil
	}
	return all[i:]
}

// prefill works out every memo list of the base calc, so that its views
// only read the memo and can run side by side.
func (c *calc) prefill() {
	m := c.asOf
	if _, ok := c.monthIndex(m); !ok {
		return // no month to remember
	}
	for _, t := range c.p.Tasks {
		c.taskPoint(t, m)
		c.taskEntries(t)
		for _, tg := range t.Targets {
			c.targetValue(t, tg, m)
		}
	}
	for _, pr := range c.p.Problems {
		c.problemPoint(pr, m)
	}
	for _, in := range c.p.Indicators {
		c.indicatorValue(in, m)
	}
	for _, u := range c.p.Expected() {
		remember(c, c.memo.submissions, string(u), m, func(m domain.Month) Submission { return c.submission(u, m) })
	}
}
