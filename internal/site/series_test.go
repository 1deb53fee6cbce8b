package site

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/plansite/plansite/internal/content"
	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/inbox"
	"github.com/plansite/plansite/internal/progress"
)

// TestSeriesIsCompute: the monthly snapshots the site is made of, worked
// out together by progress.Series, are exactly what progress.Compute gives
// for each month alone (but for the submissions of other months, which
// Series leaves out of all but the last), and the same without the reports
// of later months; on the example and on the independent plan (other due
// day, cycle and tolerances).
func TestSeriesIsCompute(t *testing.T) {
	example, err := content.Load("../../content")
	if err != nil {
		t.Fatal(err)
	}
	dir := writeArchive(t, independentPlan(t))
	independent, err := content.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]struct {
		plan  *domain.Plan
		inbox string
	}{
		"example":     {example, "../../content/inbox"},
		"independent": {independent, filepath.Join(dir, "inbox")},
	} {
		t.Run(name, func(t *testing.T) {
			in, err := inbox.Scan(context.Background(), c.plan, c.inbox, nil)
			if err != nil {
				t.Fatal(err)
			}
			s := c.plan.Settings
			// From before the first reporting month to after the last.
			months := domain.MonthsFrom(s.FirstReportMonth.Add(-2), s.LastReportMonth.Add(1))
			series := progress.Series(c.plan, in.Reports, in.Rejected, months)
			last := months[len(months)-1]
			for _, m := range months {
				got, want := series[m], progress.Compute(c.plan, in.Reports, in.Rejected, m)
				// A month's figures come from the reports of the months up
				// to it alone: what its pages and paperwork are keyed by
				// (pages.Data.PrintsUpTo).
				var upTo []domain.Report
				for _, r := range in.Reports {
					if !r.Month.After(m) {
						upTo = append(upTo, r)
					}
				}
				if alone := progress.Compute(c.plan, upTo, in.Rejected, m); !reflect.DeepEqual(alone, want) {
					t.Errorf("%s: the reports of later months change the month's figures", m)
				}
				if m != last {
					// Series keeps only the month's own submissions there.
					own := []progress.Submission{}
					for _, s := range want.Submissions {
						if s.Month == m {
							own = append(own, s)
						}
					}
					want.Submissions = own
					// and no unit lines.
					for i := range want.Tasks {
						want.Tasks[i].Units = nil
					}
				}
				if !reflect.DeepEqual(got, want) {
					gv, wv := reflect.ValueOf(*got), reflect.ValueOf(*want)
					for i := 0; i < gv.NumField(); i++ {
						if !reflect.DeepEqual(gv.Field(i).Interface(), wv.Field(i).Interface()) {
							t.Errorf("%s: Series differs from Compute in %s", m, gv.Type().Field(i).Name)
						}
					}
				}
			}
		})
	}
}
