package progress

import (
	"math"

	"github.com/plansite/plansite/internal/domain"
)

// ForecastMonths is how many months, ending with the as-of month, a
// forecast looks back over: the pace is that of the reports of those
// months only, so an old burst of work does not speak for today.
const ForecastMonths = 6

// ForecastKind says what a forecast could tell.
type ForecastKind string

// Forecast kinds.
const (
	ForecastDone    ForecastKind = "done"    // already done: nothing to forecast
	ForecastTooFew  ForecastKind = "too_few" // fewer than two reports in the window
	ForecastStalled ForecastKind = "stalled" // the pace is flat or falling: never at this pace
	ForecastFinish  ForecastKind = "finish"  // reaches 100 % in Finish
)

// ForecastPoint is an item's progress (0–100) as of a month in which its
// units reported it.
type ForecastPoint struct {
	Month    domain.Month
	Progress float64
}

// Forecast is when an item reaches 100 % at its present pace.
type Forecast struct {
	Kind ForecastKind
	// Points are the reports the pace is taken from: those of the months
	// asOf−5 … asOf, oldest first.
	Points []ForecastPoint
	// Pace is the slope of the least-squares line through Points, in
	// percentage points per month; 0 unless Kind is stalled or finish.
	Pace float64
	// Finish is the first month by whose end the item reaches 100 %: the
	// last point's month plus ⌈(100 − its progress) / Pace⌉ months, and
	// never before the month after the as-of month (the item is not done
	// as of it). Zero unless Kind is finish.
	Finish domain.Month
	// Days is from the deadline to the last day of Finish: above 0 after
	// the deadline, 0 or below on or before it. 0 unless Kind is finish.
	Days int
	// Late: at its present pace the item misses its deadline (it finishes
	// after it, or its pace is flat or falling).
	Late bool
	// AtRisk is the mark 预计逾期: Late, for an item that the rule does
	// not yet call late or lagging (a task 正常推进 or 临近到期, a problem
	// being rectified before its deadline).
	AtRisk bool
}

// Project forecasts, as of month asOf, when an item with deadline
// deadline reaches 100 %, from points (its progress in the months its
// units reported it, in any order; points after asOf are ignored). done
// says the item is done already. The method (README, "Forecasts"): take
// the points of the last ForecastMonths months up to asOf; with fewer than
// two, no forecast (too_few); fit a least-squares line, progress against
// the month; a slope of 0 or less is stalled; else the item advances from
// its last reported figure at that slope. AtRisk is left to the caller,
// which knows the item's light.
func Project(points []ForecastPoint, asOf domain.Month, deadline domain.Date, done bool) Forecast {
	if done {
		return Forecast{Kind: ForecastDone}
	}
	first := asOf.Add(1 - ForecastMonths)
	var ps []ForecastPoint
	for _, p := range points {
		if !p.Month.Before(first) && !p.Month.After(asOf) {
			ps = append(ps, p)
		}
	}
	sortPoints(ps)
	f := Forecast{Kind: ForecastTooFew, Points: ps}
	if len(ps) < 2 {
		return f
	}
	f.Pace = slope(ps, first)
	if f.Pace <= 1e-9 {
		f.Kind, f.Pace, f.Late = ForecastStalled, math.Min(f.Pace, 0), true
		return f
	}
	last := ps[len(ps)-1]
	months := 0
	if need := 100 - last.Progress; need > 0 {
		// A tolerance, so that 50 / 10 is 5 months, not 6 by the last bit.
		months = int(math.Ceil(need/f.Pace - 1e-9))
	}
	f.Kind = ForecastFinish
	f.Finish = last.Month.Add(months)
	if !f.Finish.After(asOf) {
		f.Finish = asOf.Next()
	}
	f.Days = deadline.DaysUntil(f.Finish.Last())
	f.Late = f.Days > 0
	return f
}

// slope is the least-squares slope of progress against the month (months
// counted from first).
func slope(ps []ForecastPoint, first domain.Month) float64 {
	n := float64(len(ps))
	var sx, sy float64
	for _, p := range ps {
		sx += float64(p.Month.Since(first))
		sy += p.Progress
	}
	mx, my := sx/n, sy/n
	var sxy, sxx float64
	for _, p := range ps {
		dx := float64(p.Month.Since(first)) - mx
		sxy += dx * (p.Progress - my)
		sxx += dx * dx
	}
	if sxx == 0 {
		return 0
	}
	return sxy / sxx
}

func sortPoints(ps []ForecastPoint) {
	for i := 1; i < len(ps); i++ {
		for j := i; j > 0 && ps[j].Month.Before(ps[j-1].Month); j-- {
			ps[j], ps[j-1] = ps[j-1], ps[j]
		}
	}
}

// taskForecast is the forecast of a task from its history: its progress in
// each month some lead handed in a row for it. A task 正常推进 or 临近到期
// whose forecast is late is at risk (预计逾期).
func taskForecast(t domain.Task, status Status, history []TaskPoint, asOf domain.Month) Forecast {
	var ps []ForecastPoint
	for _, h := range history {
		if h.Reported && h.Progress != nil {
			ps = append(ps, ForecastPoint{h.Month, *h.Progress})
		}
	}
	f := Project(ps, asOf, t.Deadline, status == Done)
	f.AtRisk = f.Late && (status == OnTrack || status == DueSoon)
	return f
}

// problemForecast is the forecast of a prior-year problem from its history:
// its progress in each month some responsible unit reported a progress
// for it. A problem not yet overdue whose forecast is late is at risk.
func problemForecast(pr domain.Problem, now ProblemPoint, history []ProblemPoint, asOf domain.Month) Forecast {
	var ps []ForecastPoint
	for _, h := range history {
		if h.Reported && h.Progress != nil {
			ps = append(ps, ForecastPoint{h.Month, *h.Progress})
		}
	}
	f := Project(ps, asOf, pr.Deadline, isRectified(now.State))
	f.AtRisk = f.Late && !now.Overdue
	return f
}
