package progress

import (
	"sort"

	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/parallel"
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

// prefill works out every memo list of the base calc, one goroutine per
// core, so that its views only read the memo and can run side by side.
func (c *calc) prefill() {
	if _, ok := c.monthIndex(c.asOf); !ok {
		return // no month to remember
	}
	base := domain.MonthsFrom(c.p.Settings.FirstReportMonth, c.baseAsOf)
	type taskLists struct {
		points  []TaskPoint
		entries []Entry
		targets [][]*float64
	}
	tasks := make([]taskLists, len(c.p.Tasks))
	problems := make([][]ProblemPoint, len(c.p.Problems))
	indicators := make([][]*float64, len(c.p.Indicators))
	units := c.p.Expected()
	subs := make([][]Submission, len(units))
	nt, np, ni := len(tasks), len(problems), len(indicators)
	parallel.For(nt+np+ni+len(units), 0, func(i int) {
		switch {
		case i < nt:
			t := c.p.Tasks[i]
			tl := &tasks[i]
			tl.points = fill(base, func(m domain.Month) TaskPoint { return c.taskAt(t, m) })
			tl.entries = c.allEntries(t)
			for _, tg := range t.Targets {
				tl.targets = append(tl.targets, fill(base, func(m domain.Month) *float64 { return c.targetAt(t, tg, m) }))
			}
		case i < nt+np:
			pr := c.p.Problems[i-nt]
			problems[i-nt] = fill(base, func(m domain.Month) ProblemPoint { return c.problemAt(pr, m) })
		case i < nt+np+ni:
			in := c.p.Indicators[i-nt-np]
			indicators[i-nt-np] = fill(base, func(m domain.Month) *float64 { return c.indicatorAt(in, m) })
		default:
			u := units[i-nt-np-ni]
			subs[i-nt-np-ni] = fill(base, func(m domain.Month) Submission { return c.submission(u, m) })
		}
	})
	for i, t := range c.p.Tasks {
		c.memo.tasks[t.ID] = tasks[i].points
		c.memo.entries[t.ID] = tasks[i].entries
		for j, tg := range t.Targets {
			c.memo.targets[tg.ID] = tasks[i].targets[j]
		}
	}
	for i, pr := range c.p.Problems {
		c.memo.problems[pr.ID] = problems[i]
	}
	for i, in := range c.p.Indicators {
		c.memo.indicators[in.ID] = indicators[i]
	}
	for i, u := range units {
		c.memo.submissions[string(u)] = subs[i]
	}
}

// history is f of each month of the calc: the first months of the memo
// list of key when there is one (shared, not copied: the views of Series
// would otherwise copy histories in time that grows with the square of the
// months), else worked out.
func history[V any](c *calc, list map[string][]V, key string, f func(domain.Month) V) []V {
	if len(c.months) == 0 {
		return nil
	}
	if vs, ok := list[key]; ok && len(vs) >= len(c.months) {
		return vs[:len(c.months):len(c.months)]
	}
	out := make([]V, 0, len(c.months))
	for _, m := range c.months {
		out = append(out, f(m))
	}
	return out
}

// fill returns f of each month.
func fill[V any](months []domain.Month, f func(domain.Month) V) []V {
	out := make([]V, len(months))
	for i, m := range months {
		out[i] = f(m)
	}
	return out
}
