package pages

import (
	"github.com/plansite/plansite/internal/chart"
	"github.com/plansite/plansite/internal/progress"
)

// dashboardData is the dashboard's (index.html): the as-of month's
// overview, the tasks that need attention and the readiness gauge.
type dashboardData struct {
	overview
	AsOf, AsOfDate, Summary string
	Received                string
	DaysLeft                int
	CycleEnd                string
	Alerts                  []taskRow
	Gauge                   chart.Chart
	Readiness               string
	MonthHref               string
	HasMonth                bool
}

func (b *builder) dashboard() {
	r := b.Result
	root := ""
	var alerts []taskRow
	for _, t := range progress.Attention(r.Tasks) {
		alerts = append(alerts, b.taskRow(root, t))
	}
	cy := r.Readiness[0]
	ready := currentReadiness(cy)
	gaugeColor := statusColor[progress.OnTrack]
	for _, m := range cy.Months {
		if ready != nil && m.Month == r.AsOf && *ready < m.Target-b.Plan.Settings.LaggingPoints {
			gaugeColor = statusColor[progress.Lagging]
		}
	}
	data := dashboardData{
		overview: b.overview(root, r, r.AsOf, [4]string{"status", "categories", "readiness-trend", "submissions-now"}),
		AsOf:     r.AsOf.Label(), AsOfDate: r.AsOfDate.Label(), Summary: CountsText(r), Received: b.ReceivedBy(r.AsOf).Label(),
		DaysLeft: cy.DaysLeft, CycleEnd: cy.End.Label(), Alerts: alerts,
		Gauge:     chart.Gauge("readiness-gauge", "评价准备指数", r.AsOf.Label(), val(ready), gaugeColor),
		Readiness: pct(ready), MonthHref: monthHref(root, r.AsOf), HasMonth: len(b.Months) > 0,
	}
	b.add("index.html", "home", "home", "总览", data, true)
	b.out[len(b.out)-1].Frame.Generated = b.Built.Format("2006-01-02 15:04")
}
