package pages

import (
	"fmt"
	"sort"

	"github.com/plansite/plansite/internal/chart"
)

// cycleData is the page of the evaluation cycles (cycle/index.html):
// each cycle's readiness, and the indicators with the lowest first.
type cycleData struct {
	AsOf       string
	Cycles     []cycleView
	Areas      []string
	Indicators []indicatorRow
	Lowest     []indicatorRow
}

type cycleView struct {
	Title    string
	Current  bool
	DaysLeft int
	End      string
	Chart    chart.Chart
	Rows     []readyRow
	Latest   string
	Standing string // the current cycle's index against its target line, and the days left
}

type indicatorRow struct {
	ID, Area, Title string
	Anchor          string // of its row on 评价周期, for the search's links
	Units           []unitLink
	Readiness       string
	Value           float64
	Notes           []textRow
}

func (b *builder) cycle() {
	r := b.Result
	const root = "../"
	var cycles []cycleView
	for i, cy := range r.Readiness {
		ch, rows := b.readinessTrend(fmt.Sprintf("cycle-%d", i), cy, true)
		cycles = append(cycles, cycleView{
			Title:   fmt.Sprintf("%s至%s评价周期", cy.Start.Label(), cy.End.Label()),
			Current: cy.Current, DaysLeft: cy.DaysLeft, End: cy.End.Label(),
			Chart: ch, Rows: rows, Latest: pct(currentReadiness(cy)), Standing: readinessText(cy),
		})
	}
	var inds []indicatorRow
	for _, in := range r.Indicators {
		row := indicatorRow{ID: in.Indicator.ID, Anchor: IndicatorAnchor(in.Indicator.ID), Area: in.Indicator.Area, Title: in.Indicator.Title, Units: b.unitLinks(root, in.Indicator.Units), Readiness: pct(in.Readiness)}
		if in.Readiness != nil {
			row.Value = *in.Readiness
		}
		for _, n := range in.Notes {
			row.Notes = append(row.Notes, textRow{Unit: b.unitLink(root, n.Unit), Month: n.Month.Label(), Text: n.Text})
		}
		inds = append(inds, row)
	}
	lowest := append([]indicatorRow(nil), inds...)
	sort.SliceStable(lowest, func(i, j int) bool { return lowest[i].Value < lowest[j].Value })
	if len(lowest) > 5 {
		lowest = lowest[:5]
	}
	b.add("cycle/index.html", "cycle", "cycle", "评价周期", cycleData{r.AsOf.Label(), cycles, b.Plan.IndicatorAreas(), inds, lowest}, true)
}

// IndicatorAnchor is the fragment id of an indicator's row on 评价周期.
func IndicatorAnchor(id string) string { return "i-" + slugish(id) }
