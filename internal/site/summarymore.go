package site

import (
	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/pages"
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

// summaryRanking is ranking of summary.json (schema 2, added by issue 20;
// absent with site.yaml ranking: false): the units' ranking, best first,
// with every component of the score.
type summaryRanking struct {
	From    domain.Month      `json:"from"`
	To      domain.Month      `json:"to"`
	Weights map[string]int    `json:"weights"`
	Units   []summaryUnitRank `json:"units"`
}

type summaryUnitRank struct {
	Unit            string            `json:"unit"`
	Rank            int               `json:"rank"`
	Score           float64           `json:"score"`
	Months          int               `json:"months"`
	OnTime          int               `json:"on_time"`
	Late            int               `json:"late"`
	Invalid         int               `json:"invalid"`
	Missing         int               `json:"missing"`
	OnTimeRate      float64           `json:"on_time_rate"`
	OverdueTasks    int               `json:"overdue_tasks"`
	LaggingTasks    int               `json:"lagging_tasks"`
	Files           int               `json:"files"`
	UnusableFiles   int               `json:"unusable_files"`
	Findings        int               `json:"findings"`
	FindingsPerFile float64           `json:"findings_per_file"`
	Tie             progress.TieBreak `json:"tie"`
}

func newSummaryRanking(d *pages.Data, rk progress.Ranking) *summaryRanking {
	s := &summaryRanking{From: rk.From, To: rk.To, Units: []summaryUnitRank{}, Weights: map[string]int{
		"overdue_tasks": progress.RankOverduePoints, "lagging_tasks": progress.RankLaggingPoints,
		"unusable_files": progress.RankUnusablePoints, "findings_per_file": progress.RankFindingPoints,
	}}
	for _, u := range rk.Units {
		s.Units = append(s.Units, summaryUnitRank{
			Unit: d.Plan.UnitName(u.Unit), Rank: u.Rank, Score: round2(u.Score), Months: u.Months,
			OnTime: u.OnTime, Late: u.Late, Invalid: u.Invalid, Missing: u.Missing, OnTimeRate: round2(u.OnTimeRate),
			OverdueTasks: u.Overdue, LaggingTasks: u.Lagging, Files: u.Files, UnusableFiles: u.Unusable,
			Findings: u.Findings, FindingsPerFile: round2(u.FindingsPerFile), Tie: u.Tie,
		})
	}
	return s
}
