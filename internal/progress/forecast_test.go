package progress

import (
	"math"
	"testing"
	"time"

	"github.com/plansite/plansite/internal/domain"
)

// points are the progress figures of consecutive months from first.
func points(first domain.Month, vs ...float64) []ForecastPoint {
	out := make([]ForecastPoint, len(vs))
	for i, v := range vs {
		out[i] = ForecastPoint{first.Add(i), v}
	}
	return out
}

// TestProject: each case is worked out by hand (as of 2023-09, so the
// window is 2023-04 … 2023-09; deadline 2023-12-31 unless said).
func TestProject(t *testing.T) {
	sep := month(2023, time.September)
	dec31 := day(2023, time.December, 31)
	cases := []struct {
		name     string
		points   []ForecastPoint
		asOf     domain.Month
		deadline domain.Date
		done     bool
		want     Forecast // Points left out: checked by count
		n        int      // points used
	}{
		{
			// 30 40 50 60 70 80 in April to September: 10 a month; from 80
			// in September 20 more take 2 months: November, whose last day
			// is 31 days before 31 December.
			name: "steady", points: points(month(2023, time.April), 30, 40, 50, 60, 70, 80), asOf: sep, deadline: dec31,
			want: Forecast{Kind: ForecastFinish, Pace: 10, Finish: month(2023, time.November), Days: -31}, n: 6,
		},
		{
			// 10 20 40 70 in June to September: x = 2..5 (months from
			// April), x̄ = 3.5, ȳ = 35; Σdx·dy = (−1.5)(−25) + (−0.5)(−15)
			// + (0.5)(5) + (1.5)(35) = 100, Σdx² = 5: 20 a month. From 70,
			// 30 more take 1.5 → 2 months: November.
			name: "accelerating", points: points(month(2023, time.June), 10, 20, 40, 70), asOf: sep, deadline: dec31,
			want: Forecast{Kind: ForecastFinish, Pace: 20, Finish: month(2023, time.November), Days: -31}, n: 4,
		},
		{
			// 20 in June, 50 in September, nothing between: 10 a month;
			// 50 more take 5 months: February 2024, 60 days after the
			// deadline (2024 is a leap year: 29 February).
			name: "skipped months", points: []ForecastPoint{{month(2023, time.June), 20}, {sep, 50}}, asOf: sep, deadline: dec31,
			want: Forecast{Kind: ForecastFinish, Pace: 10, Finish: month(2024, time.February), Days: 60, Late: true}, n: 2,
		},
		{
			// 40 40 40: no pace at all.
			name: "stalled", points: points(month(2023, time.July), 40, 40, 40), asOf: sep, deadline: dec31,
			want: Forecast{Kind: ForecastStalled, Late: true}, n: 3,
		},
		{
			// 50 then 45: going backwards counts as stalled, pace −5.
			name: "falling", points: points(month(2023, time.August), 50, 45), asOf: sep, deadline: dec31,
			want: Forecast{Kind: ForecastStalled, Pace: -5, Late: true}, n: 2,
		},
		{
			name: "already done", points: points(month(2023, time.July), 80, 100), asOf: sep, deadline: dec31, done: true,
			want: Forecast{Kind: ForecastDone},
		},
		{
			name: "a single report", points: points(sep, 50), asOf: sep, deadline: dec31,
			want: Forecast{Kind: ForecastTooFew}, n: 1,
		},
		{
			// March is outside the window April … September.
			name: "a report before the window", points: []ForecastPoint{{month(2023, time.March), 0}, {sep, 50}}, asOf: sep, deadline: dec31,
			want: Forecast{Kind: ForecastTooFew}, n: 1,
		},
		{
			// October is after the as-of month.
			name: "a report after the as-of month", points: points(sep, 50, 60), asOf: sep, deadline: dec31,
			want: Forecast{Kind: ForecastTooFew}, n: 1,
		},
		{
			// 80 in July, 90 in August, as of October (not reported since):
			// 10 a month would have finished in September, but the task is
			// not done as of October: November at the earliest.
			name: "finish not before the next month", points: points(month(2023, time.July), 80, 90), asOf: month(2023, time.October), deadline: dec31,
			want: Forecast{Kind: ForecastFinish, Pace: 10, Finish: month(2023, time.November), Days: -31}, n: 2,
		},
		{
			// 20 40 60: 20 a month, 40 more take exactly 2 months (no third
			// from rounding): November, 30 days after a deadline of 31
			// October.
			name: "exact months", points: points(month(2023, time.July), 20, 40, 60), asOf: sep, deadline: day(2023, time.October, 31),
			want: Forecast{Kind: ForecastFinish, Pace: 20, Finish: month(2023, time.November), Days: 30, Late: true}, n: 3,
		},
		{
			// The last day of the finishing month is the deadline: on time.
			name: "finishing on the deadline", points: points(month(2023, time.August), 70, 80), asOf: sep, deadline: day(2023, time.November, 30),
			want: Forecast{Kind: ForecastFinish, Pace: 10, Finish: month(2023, time.November), Days: 0}, n: 2,
		},
		{
			// Given out of order.
			name: "order of the points", points: []ForecastPoint{{sep, 60}, {month(2023, time.August), 50}}, asOf: sep, deadline: dec31,
			want: Forecast{Kind: ForecastFinish, Pace: 10, Finish: month(2024, time.January), Days: 31, Late: true}, n: 2,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Project(c.points, c.asOf, c.deadline, c.done)
			if len(got.Points) != c.n {
				t.Errorf("%d points used, want %d: %v", len(got.Points), c.n, got.Points)
			}
			for i := 1; i < len(got.Points); i++ {
				if !got.Points[i-1].Month.Before(got.Points[i].Month) {
					t.Errorf("points not oldest first: %v", got.Points)
				}
			}
			if got.Kind != c.want.Kind || math.Abs(got.Pace-c.want.Pace) > 1e-9 || got.Finish != c.want.Finish || got.Days != c.want.Days || got.Late != c.want.Late || got.AtRisk {
				t.Errorf("got %s pace %v finish %s days %d late %v at risk %v; want %s pace %v finish %s days %d late %v",
					got.Kind, got.Pace, got.Finish, got.Days, got.Late, got.AtRisk, c.want.Kind, c.want.Pace, c.want.Finish, c.want.Days, c.want.Late)
			}
		})
	}
}

// TestForecastAtRisk: 预计逾期 marks only the tasks the rule does not
// already call late or lagging, and a task's forecast follows its leads'
// reports, month by month.
func TestForecastAtRisk(t *testing.T) {
	p := mustPlan(t, func(p *domain.Plan) {
		p.Tasks = append(p.Tasks, domain.Task{ID: "1.3", Slug: "1-3", Category: "降低成本行动", Title: "任务三",
			Leads: []domain.UnitID{unitC}, Deadline: day(2023, time.August, 31)})
	})
	// As of September 2023 (as-of date 30 September; task 1.1 and 1.2 due
	// 31 December, expected progress 100 × 163 / 255 = 63.9).
	var reports []domain.Report
	// 1.1: A reports 40 45 50 55 in June to September: 5 a month, 45 more
	// take 9 months: June 2024, 182 days after the deadline, while 55 is
	// only 8.9 points behind 63.9: 正常推进, 预计逾期.
	for i, v := range []float64{40, 45, 50, 55} {
		reports = append(reports, report(unitA, month(2023, time.June).Add(i), taskRow("1.1", num(v), domain.TaskInProgress), taskRow("1.2", num(20+20*float64(i)), domain.TaskInProgress)))
	}
	// 1.2: A reports 20 40 60 80 (20 a month); B reports 30 in September
	// only, with the state 滞后. The task's progress: June 20, July 40,
	// August 60, September mean(80, 30) = 55: x = 2..5, ȳ = 43.75,
	// Σdx·dy = (−1.5)(−23.75) + (−0.5)(−3.75) + (0.5)(16.25) + (1.5)(11.25)
	// = 62.5, Σdx² = 5: 12.5 a month; 45 more take 3.6 → 4 months: January
	// 2024, late — but B says 滞后: the task is 滞后 already, not 预计逾期.
	reports = append(reports, report(unitB, month(2023, time.September), taskRow("1.2", num(30), domain.TaskLagging)))
	// 1.3: due in August, 60 and 70 in July and August: 逾期 as of
	// September; 10 a month, 30 more take 3 months: November, 91 days
	// late, but not 预计逾期 (it is 逾期).
	reports = append(reports,
		report(unitC, month(2023, time.July), taskRow("1.3", num(60), domain.TaskInProgress)),
		report(unitC, month(2023, time.August), taskRow("1.3", num(70), domain.TaskInProgress)))
	res := Compute(p, reports, nil, month(2023, time.September))

	t11 := mustTask(t, res, "1.1")
	if t11.Status != OnTrack || t11.Forecast.Kind != ForecastFinish || t11.Forecast.Finish != month(2024, time.June) || !t11.Forecast.Late || !t11.Forecast.AtRisk {
		t.Errorf("1.1: %s, forecast %+v; want on_track, finishing 2024-06, at risk", t11.Status, t11.Forecast)
	}
	if t11.Forecast.Days != 182 {
		t.Errorf("1.1: %d days after the deadline, want 182 (31 December to 30 June)", t11.Forecast.Days)
	}
	t12 := mustTask(t, res, "1.2")
	if t12.Status != Lagging || math.Abs(t12.Forecast.Pace-12.5) > 1e-9 || t12.Forecast.Finish != month(2024, time.January) || !t12.Forecast.Late || t12.Forecast.AtRisk {
		t.Errorf("1.2: %s, forecast %+v; want lagging, 12.5 a month, finishing 2024-01, late, not at risk", t12.Status, t12.Forecast)
	}
	t13 := mustTask(t, res, "1.3")
	if t13.Status != Overdue || t13.Forecast.Finish != month(2023, time.November) || t13.Forecast.Days != 91 || !t13.Forecast.Late || t13.Forecast.AtRisk {
		t.Errorf("1.3: %s, forecast %+v; want overdue, finishing 2023-11 (91 days late), late, not at risk", t13.Status, t13.Forecast)
	}

	// As of July, 1.1 has two reports (40, 45): 5 a month, 55 more take
	// 11 months: June 2024, late and 正常推进 → 预计逾期 already.
	july := Compute(p, reports, nil, month(2023, time.July))
	if f := mustTask(t, july, "1.1").Forecast; f.Finish != month(2024, time.June) || !f.AtRisk {
		t.Errorf("1.1 as of July: %+v, want finishing 2024-06, at risk", f)
	}
	// As of June, one report: no forecast.
	if f := mustTask(t, Compute(p, reports, nil, month(2023, time.June)), "1.1").Forecast; f.Kind != ForecastTooFew || f.AtRisk {
		t.Errorf("1.1 as of June: %+v, want too few reports", f)
	}
	// Series gives each month the same forecast as Compute.
	series := Series(p, reports, nil, []domain.Month{month(2023, time.July), month(2023, time.September)})
	if f := mustTask(t, series[month(2023, time.July)], "1.1").Forecast; f.Finish != month(2024, time.June) {
		t.Errorf("1.1 in the series as of July: %+v", f)
	}
}

// TestProblemForecast: a problem's forecast is taken from the months its
// units gave a progress.
func TestProblemForecast(t *testing.T) {
	p := mustPlan(t, func(p *domain.Plan) {
		p.Problems = []domain.Problem{{ID: "ZG-01", Area: "就业服务", Title: "问题一", Units: []domain.UnitID{unitA}, Deadline: day(2023, time.December, 31)}}
	})
	// 20 in May, 30 in June, then a report without the problem in July, 40
	// in August: the points are May, June and August: x = 0, 1, 3 (from
	// March), x̄ = 4/3, ȳ = 30; Σdx·dy = (−4/3)(−10) + (−1/3)(0) +
	// (5/3)(10) = 30, Σdx² = 16/9 + 1/9 + 25/9 = 42/9: 6.43 a month; 60
	// more take 9.33 → 10 months: June 2024, late; not overdue, so 预计逾期.
	reports := []domain.Report{
		report(unitA, month(2023, time.May), problemRow("ZG-01", domain.RectInProgress, num(20))),
		report(unitA, month(2023, time.June), problemRow("ZG-01", domain.RectInProgress, num(30))),
		report(unitA, month(2023, time.July), taskRow("1.1", num(10), domain.TaskInProgress)),
		report(unitA, month(2023, time.August), problemRow("ZG-01", domain.RectInProgress, num(40))),
	}
	res := Compute(p, reports, nil, month(2023, time.August))
	f := mustProblem(t, res, "ZG-01").Forecast
	if len(f.Points) != 3 || math.Abs(f.Pace-30.0/(42.0/9)) > 1e-9 || f.Finish != month(2024, time.June) || !f.Late || !f.AtRisk {
		t.Errorf("ZG-01: %+v; want 3 points, 6.43 a month, finishing 2024-06, at risk", f)
	}
}
