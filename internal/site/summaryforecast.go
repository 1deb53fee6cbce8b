package site

import (
	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/progress"
)

// summaryForecast is tasks[].forecast and rectifications[].forecast of
// summary.json (schema 2, added by issue 20; README, "Forecasts").
type summaryForecast struct {
	Kind   progress.ForecastKind `json:"kind"`
	Basis  []summaryPoint        `json:"basis"`
	Pace   *float64              `json:"pace"`
	Finish domain.Month          `json:"finish"`
	Days   *int                  `json:"days"`
	Late   bool                  `json:"late"`
	AtRisk bool                  `json:"at_risk"`
}

type summaryPoint struct {
	Month    domain.Month `json:"month"`
	Progress float64      `json:"progress"`
}

func newSummaryForecast(f progress.Forecast) summaryForecast {
	s := summaryForecast{Kind: f.Kind, Basis: []summaryPoint{}, Finish: f.Finish, Late: f.Late, AtRisk: f.AtRisk}
	for _, p := range f.Points {
		s.Basis = append(s.Basis, summaryPoint{p.Month, round2(p.Progress)})
	}
	if f.Kind == progress.ForecastFinish || f.Kind == progress.ForecastStalled {
		s.Pace = round2p(&f.Pace)
	}
	if f.Kind == progress.ForecastFinish {
		d := f.Days
		s.Days = &d
	}
	return s
}
