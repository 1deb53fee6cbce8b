package site

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/templates"
)

// forecastWant is a task's forecast worked out by hand.
type forecastWant struct {
	kind   string
	basis  string // the months and figures the pace is taken from
	pace   float64
	finish string
	days   int
	atRisk bool
}

// The example's forecasts, worked out by hand from each task's progress
// month by month (summary.json's history, itself checked by hand
// elsewhere) with the README's method: the reports of the last six months
// up to the as-of month, a least-squares line (x the month from the
// window's first, Σdx² = 17.5 for six months in a row), from the last
// reported figure at that pace, the month by whose end 100 is reached, and
// the days from the deadline to that month's last day. Done tasks have no
// forecast.
var exampleForecasts = map[string]map[string]forecastWant{
	// As of October 2023 (window May … October, every task reported every
	// month): expected progress 76.08 for the tasks due 2023-12-31.
	"2023-10": {
		// 15 30 40 55 70 85: Σdx·y = −37.5 −45 −20 +27.5 +105 +212.5 =
		// 242.5, pace 13.857; 15 more take 1.08 → 2 months: December, the
		// deadline's month.
		"1.1": {kind: "finish", basis: "05:15 06:30 07:40 08:55 09:70 10:85", pace: 13.86, finish: "2023-12", days: 0},
		// 5 10 15 20 25 35: 100 / 17.5 = 5.714; 65 more take 11.4 → 12
		// months: October 2024, 61 days before 2024-12-31.
		"1.2": {kind: "finish", basis: "05:5 06:10 07:15 08:20 09:25 10:35", pace: 5.71, finish: "2024-10", days: -61},
		// 15 25 35 50 60 70: 197.5 / 17.5 = 11.286; 30 more take 2.7 → 3:
		// January 2024, 31 days late; 70 is 6.1 behind 76.08: 正常推进 →
		// 预计逾期.
		"1.3": {kind: "finish", basis: "05:15 06:25 07:35 08:50 09:60 10:70", pace: 11.29, finish: "2024-01", days: 31, atRisk: true},
		// 5 10 20 25 30 35: 107.5 / 17.5 = 6.143; 65 more take 10.6 → 11:
		// September 2024, 274 days late; 滞后 already, so no mark.
		"1.4": {kind: "finish", basis: "05:5 06:10 07:20 08:25 09:30 10:35", pace: 6.14, finish: "2024-09", days: 274},
		// 15 a month; 10 more take 1 month: November, 31 days early.
		"1.5": {kind: "finish", basis: "05:15 06:30 07:45 08:60 09:75 10:90", pace: 15, finish: "2023-11", days: -31},
		// 10 a month; 40 more take 4: February 2024, 60 days late (2024 is
		// a leap year); 60 is 16.1 behind: 正常推进 → 预计逾期.
		"1.6": {kind: "finish", basis: "05:10 06:20 07:30 08:40 09:50 10:60", pace: 10, finish: "2024-02", days: 60, atRisk: true},
		"2.1": {kind: "done"},
		"3.1": {kind: "done"},
		// Due 2023-08-31, 逾期: 10 a month, 35 more take 3.5 → 4: February
		// 2024, 182 days after 31 August.
		"3.2": {kind: "finish", basis: "05:15 06:25 07:35 08:45 09:55 10:65", pace: 10, finish: "2024-02", days: 182},
		"3.3": {kind: "done"}, "3.4": {kind: "done"}, "3.5": {kind: "done"}, "3.6": {kind: "done"}, "3.7": {kind: "done"},
		"4.1": {kind: "done"}, "4.2": {kind: "done"},
	},
	// As of December 2023 (window July … December).
	"2023-12": {
		"1.1": {kind: "done"},
		// 15 20 25 35 40 45: Σdx·y = −37.5 −30 −12.5 +17.5 +60 +112.5 =
		// 110, pace 6.286; 55 more take 8.75 → 9: September 2024, 92 days
		// before 2024-12-31.
		"1.2": {kind: "finish", basis: "07:15 08:20 09:25 10:35 11:40 12:45", pace: 6.29, finish: "2024-09", days: -92},
		// Not reported in November: x = 0 1 2 3 5, x̄ = 2.2, ȳ = 62;
		// Σdx·dy = (−2.2)(−27) + (−1.2)(−12) + (−0.2)(−2) + (0.8)(8) +
		// (2.8)(33) = 173, Σdx² = 14.8: 11.689; 5 more: January 2024, 31
		// days late (逾期 already).
		"1.3": {kind: "finish", basis: "07:35 08:50 09:60 10:70 12:95", pace: 11.69, finish: "2024-01", days: 31},
		// Not reported in December: 20 25 30 35 40 in July … November, 5 a
		// month; 60 more take 12 months from November: November 2024, 335
		// days late.
		"1.4": {kind: "finish", basis: "07:20 08:25 09:30 10:35 11:40", pace: 5, finish: "2024-11", days: 335},
		"1.5": {kind: "done"},
		// 10 a month, 20 more: February 2024, 60 days late.
		"1.6": {kind: "finish", basis: "07:30 08:40 09:50 10:60 11:70 12:80", pace: 10, finish: "2024-02", days: 60},
		"2.1": {kind: "done"},
		"3.1": {kind: "done"},
		// 35 45 55 65 70 80: Σdx·y = −87.5 −67.5 −27.5 +32.5 +105 +200 =
		// 155, pace 8.857; 20 more take 2.26 → 3: March 2024, 213 days
		// after 31 August.
		"3.2": {kind: "finish", basis: "07:35 08:45 09:55 10:65 11:70 12:80", pace: 8.86, finish: "2024-03", days: 213},
		"3.3": {kind: "done"}, "3.4": {kind: "done"}, "3.5": {kind: "done"}, "3.6": {kind: "done"}, "3.7": {kind: "done"},
		"4.1": {kind: "done"}, "4.2": {kind: "done"},
	},
}

type forecastSummary struct {
	Tasks []struct {
		ID       string
		Forecast struct {
			Kind  string
			Basis []struct {
				Month    string
				Progress float64
			}
			Pace   *float64
			Finish *string
			Days   *int
			Late   bool
			AtRisk bool `json:"at_risk"`
		}
	}
}

// TestForecastOnTheExample: every task's forecast in summary.json equals
// the hand computation, as of October and December 2023; the dashboard
// and the monthly report list the tasks marked 预计逾期, and only those.
func TestForecastOnTheExample(t *testing.T) {
	requireECharts(t)
	for asOf, wants := range exampleForecasts {
		t.Run(asOf, func(t *testing.T) {
			m, err := domain.ParseMonthISO(asOf)
			if err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(t.TempDir(), "public")
			if _, err := Build(context.Background(), Options{Content: exampleContent, Out: out, Templates: templates.FS, Month: m, Now: time.Date(2024, 1, 5, 9, 0, 0, 0, time.UTC)}); err != nil {
				t.Fatal(err)
			}
			var s forecastSummary
			if err := json.Unmarshal([]byte(read(t, out, "data/summary.json")), &s); err != nil {
				t.Fatal(err)
			}
			if len(s.Tasks) != len(wants) {
				t.Fatalf("%d tasks, %d worked out by hand", len(s.Tasks), len(wants))
			}
			var atRisk []string
			for _, task := range s.Tasks {
				w, ok := wants[task.ID]
				if !ok {
					t.Errorf("task %s not worked out by hand", task.ID)
					continue
				}
				f := task.Forecast
				var basis []string
				for _, p := range f.Basis {
					basis = append(basis, fmt.Sprintf("%s:%v", p.Month[5:], p.Progress))
				}
				got := fmt.Sprintf("%s [%s]", f.Kind, strings.Join(basis, " "))
				want := fmt.Sprintf("%s [%s]", w.kind, w.basis)
				if f.Pace != nil {
					got += fmt.Sprintf(" pace %.2f", *f.Pace)
				}
				if f.Finish != nil {
					got += " finish " + *f.Finish
				}
				if f.Days != nil {
					got += fmt.Sprintf(" days %d", *f.Days)
				}
				if w.kind == "finish" {
					want += fmt.Sprintf(" pace %.2f finish %s days %d", w.pace, w.finish, w.days)
				}
				got += fmt.Sprintf(" late %v at risk %v", f.Late, f.AtRisk)
				want += fmt.Sprintf(" late %v at risk %v", w.kind == "finish" && w.days > 0, w.atRisk)
				if got != want {
					t.Errorf("task %s:\n got %s\nwant %s", task.ID, got, want)
				}
				if f.Pace != nil && math.Abs(*f.Pace-w.pace) > 0.005 {
					t.Errorf("task %s: pace %v, want %v", task.ID, *f.Pace, w.pace)
				}
				if w.atRisk {
					atRisk = append(atRisk, task.ID)
				}
			}
			// The dashboard's section 预计逾期 and the month's report list
			// exactly the tasks at risk, each marked beside its light.
			ids := func(page, section string) []string {
				t.Helper()
				_, rest, ok := strings.Cut(read(t, out, page), section)
				if !ok {
					t.Fatalf("%s: no %q", page, section)
				}
				rest, _, _ = strings.Cut(rest, "</section>")
				var out []string
				for _, m := range regexp.MustCompile(`<span class="id">([^<]+)</span>`).FindAllStringSubmatch(rest, -1) {
					out = append(out, m[1])
				}
				if len(out) > 0 && strings.Count(rest, `<span class="mark risk">预计逾期</span>`) != len(out) {
					t.Errorf("%s: %d tasks listed, %d marked 预计逾期", page, len(out), strings.Count(rest, "mark risk"))
				}
				return out
			}
			if got := ids("index.html", `<section id="risk">`); !slices.Equal(got, atRisk) {
				t.Errorf("dashboard lists %v as 预计逾期, want %v", got, atRisk)
			}
			report := ids("months/"+asOf+"/index.html", "<h2>二、")
			if !slices.Equal(report, atRisk) {
				t.Errorf("the monthly report lists %v as 预计逾期, want %v", report, atRisk)
			}
			for _, id := range atRisk {
				page := read(t, out, "tasks/"+strings.ReplaceAll(id, ".", "-")+"/index.html")
				if !strings.Contains(page, `<span class="mark risk">预计逾期</span>`) || !strings.Contains(page, "比完成时限晚") {
					t.Errorf("task page %s: no 预计逾期 mark or forecast", id)
				}
			}
		})
	}
}
