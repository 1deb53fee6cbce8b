package site

import (
	"encoding/json"
	"math"
	"time"

	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/pages"
	"github.com/plansite/plansite/internal/progress"
)

// The schema of data/summary.json, version 2 (tasks' reported flags, the
// submission state invalid with the files not used, rectifications'
// rectified_on and late). Documented in the README; fields are only ever
// added within a version.
const summarySchema = 2

type summary struct {
	Schema         int                     `json:"schema"`
	Title          string                  `json:"title"`
	Organisation   string                  `json:"organisation"`
	AsOf           domain.Month            `json:"as_of"`
	AsOfDate       domain.Date             `json:"as_of_date"`
	PlanDate       domain.Date             `json:"plan_date"`
	Generated      string                  `json:"generated"`       // when the site was built, RFC 3339
	LatestReceived domain.Date             `json:"latest_received"` // the day the latest usable file up to as_of was handed in
	Settings       summarySettings         `json:"settings"`
	Tasks          []summaryTask           `json:"tasks"`
	TaskCounts     map[progress.Status]int `json:"task_counts"`
	Categories     []summaryCategory       `json:"categories"`
	Rectifications []summaryProblem        `json:"rectifications"`
	Readiness      summaryReadiness        `json:"readiness"`
	Indicators     []summaryIndicator      `json:"indicators"`
	Targets        []summaryTarget         `json:"targets"`
	Submissions    []summarySubmission     `json:"submissions"`
	Findings       []summaryFinding        `json:"findings"`
	Ranking        *summaryRanking         `json:"ranking,omitempty"`
}

type summarySettings struct {
	DueDay          int     `json:"due_day"`
	CycleStartMonth int     `json:"cycle_start_month"`
	LaggingPoints   float64 `json:"lagging_points"`
	DueSoonDays     int     `json:"due_soon_days"`
}

type summaryTask struct {
	ID          string           `json:"id"`
	Category    string           `json:"category"`
	Title       string           `json:"title"`
	Leads       []string         `json:"leads"`
	Cooperators []string         `json:"cooperators"`
	Deadline    domain.Date      `json:"deadline"`
	Progress    *float64         `json:"progress"`
	Expected    float64          `json:"expected"`
	Status      progress.Status  `json:"status"`
	Reported    bool             `json:"reported"`
	History     []summaryHistory `json:"history"`
	Forecast    summaryForecast  `json:"forecast"`
}

type summaryHistory struct {
	Month    domain.Month    `json:"month"`
	Progress *float64        `json:"progress"`
	Expected float64         `json:"expected"`
	Status   progress.Status `json:"status"`
	Reported bool            `json:"reported"`
}

type summaryCategory struct {
	Name   string                  `json:"name"`
	Total  int                     `json:"total"`
	Counts map[progress.Status]int `json:"counts"`
}

type summaryProblem struct {
	ID          string           `json:"id"`
	Area        string           `json:"area"`
	Title       string           `json:"title"`
	Units       []string         `json:"units"`
	Deadline    domain.Date      `json:"deadline"`
	Status      domain.RectState `json:"status"`
	Progress    *float64         `json:"progress"`
	Overdue     bool             `json:"overdue"`
	RectifiedOn domain.Date      `json:"rectified_on"`
	Late        bool             `json:"late"`
	Example     bool             `json:"example"`
	Forecast    summaryForecast  `json:"forecast"`
}

type summaryReadiness struct {
	CycleStart domain.Date         `json:"cycle_start"`
	CycleEnd   domain.Date         `json:"cycle_end"`
	DaysLeft   int                 `json:"days_left"`
	Months     []summaryReadyMonth `json:"months"`
}

type summaryReadyMonth struct {
	Month  domain.Month        `json:"month"`
	Index  *float64            `json:"index"`
	Target float64             `json:"target"`
	Areas  map[string]*float64 `json:"areas"`
}

type summaryIndicator struct {
	ID        string   `json:"id"`
	Area      string   `json:"area"`
	Title     string   `json:"title"`
	Units     []string `json:"units"`
	Readiness *float64 `json:"readiness"`
}

type summaryTarget struct {
	ID        string           `json:"id"`
	Task      string           `json:"task"`
	Name      string           `json:"name"`
	Unit      string           `json:"unit"`
	Target    float64          `json:"target"`
	Direction domain.Direction `json:"direction"`
	Value     *float64         `json:"value"`
	Met       bool             `json:"met"`
}

type summarySubmission struct {
	Unit      string                   `json:"unit"`
	Month     domain.Month             `json:"month"`
	State     progress.SubmissionState `json:"state"`
	Submitted domain.Date              `json:"submitted"`
	Files     []string                 `json:"files"`
	Rejected  []summaryRejected        `json:"rejected"`
}

type summaryRejected struct {
	File   string `json:"file"`
	Reason string `json:"reason"`
	Hint   string `json:"hint"`
}

type summaryFinding struct {
	File     string          `json:"file"`
	Unit     string          `json:"unit"`
	Month    domain.Month    `json:"month"`
	Sheet    string          `json:"sheet"`
	Cell     string          `json:"cell"`
	Severity domain.Severity `json:"severity"`
	Message  string          `json:"message"`
	Hint     string          `json:"hint"`
}

// round2 keeps two decimals, so the file does not change with the last bit
// of a division.
func round2(v float64) float64 { return math.Round(v*100) / 100 }

func round2p(v *float64) *float64 {
	if v == nil {
		return nil
	}
	r := round2(*v)
	return &r
}

func names(p *domain.Plan, ids []domain.UnitID) []string {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		out = append(out, p.UnitName(id))
	}
	return out
}

func summaryJSON(d *pages.Data) ([]byte, error) {
	p, r := d.Plan, d.Result
	s := summary{
		Schema: summarySchema, Title: p.Settings.Title, Organisation: p.Settings.Organisation,
		AsOf: r.AsOf, AsOfDate: r.AsOfDate, PlanDate: p.Settings.PlanDate,
		Generated: d.Built.Format(time.RFC3339), LatestReceived: d.ReceivedBy(r.AsOf),
		Settings:   summarySettings{DueDay: p.Settings.DueDay, CycleStartMonth: int(p.Settings.CycleStart), LaggingPoints: p.Settings.LaggingPoints, DueSoonDays: p.Settings.DueSoonDays},
		TaskCounts: r.TaskCounts,
		Tasks:      []summaryTask{}, Categories: []summaryCategory{}, Rectifications: []summaryProblem{}, Indicators: []summaryIndicator{},
		Targets: []summaryTarget{}, Submissions: []summarySubmission{}, Findings: []summaryFinding{},
	}
	for _, t := range r.Tasks {
		st := summaryTask{ID: t.Task.ID, Category: t.Task.Category, Title: t.Task.Title, Leads: names(p, t.Task.Leads), Cooperators: names(p, t.Task.Cooperators),
			Deadline: t.Task.Deadline, Progress: round2p(t.Progress), Expected: round2(t.Expected), Status: t.Status, Reported: t.Reported, History: []summaryHistory{}, Forecast: newSummaryForecast(t.Forecast)}
		for _, h := range t.History {
			st.History = append(st.History, summaryHistory{Month: h.Month, Progress: round2p(h.Progress), Expected: round2(h.Expected), Status: h.Status, Reported: h.Reported})
		}
		s.Tasks = append(s.Tasks, st)
	}
	for _, c := range r.Categories {
		s.Categories = append(s.Categories, summaryCategory{Name: c.Name, Total: c.Total, Counts: c.Counts})
	}
	for _, pr := range r.Problems {
		s.Rectifications = append(s.Rectifications, summaryProblem{ID: pr.Problem.ID, Area: pr.Problem.Area, Title: pr.Problem.Title, Units: names(p, pr.Problem.Units),
			Deadline: pr.Problem.Deadline, Status: pr.State, Progress: round2p(pr.Progress), Overdue: pr.Overdue,
			RectifiedOn: pr.RectifiedOn, Late: pr.Late, Example: pr.Problem.Example, Forecast: newSummaryForecast(pr.Forecast)})
	}
	if len(r.Readiness) > 0 {
		cy := r.Readiness[0]
		s.Readiness = summaryReadiness{CycleStart: cy.Start, CycleEnd: cy.End, DaysLeft: cy.DaysLeft, Months: []summaryReadyMonth{}}
		for _, m := range cy.Months {
			sm := summaryReadyMonth{Month: m.Month, Index: round2p(m.Index), Target: round2(m.Target), Areas: map[string]*float64{}}
			for _, a := range p.IndicatorAreas() {
				if m.Index != nil {
					sm.Areas[a] = round2p(m.Areas[a])
				} else {
					sm.Areas[a] = nil
				}
			}
			s.Readiness.Months = append(s.Readiness.Months, sm)
		}
	}
	for _, in := range r.Indicators {
		s.Indicators = append(s.Indicators, summaryIndicator{ID: in.Indicator.ID, Area: in.Indicator.Area, Title: in.Indicator.Title, Units: names(p, in.Indicator.Units), Readiness: round2p(in.Readiness)})
	}
	for _, t := range r.Targets {
		s.Targets = append(s.Targets, summaryTarget{ID: t.Target.ID, Task: t.TaskID, Name: t.Target.Name, Unit: t.Target.Unit, Target: t.Target.Value, Direction: t.Target.Direction, Value: round2p(t.Value), Met: t.Met})
	}
	for _, sub := range r.Submissions {
		files := sub.Files
		if files == nil {
			files = []string{}
		}
		rejected := []summaryRejected{}
		for _, r := range sub.Rejected {
			rejected = append(rejected, summaryRejected{File: r.File, Reason: r.Reason, Hint: r.Hint})
		}
		s.Submissions = append(s.Submissions, summarySubmission{Unit: p.UnitName(sub.Unit), Month: sub.Month, State: sub.State, Submitted: sub.Submitted, Files: files, Rejected: rejected})
	}
	for _, f := range d.Inbox.Findings {
		unit := ""
		if f.Unit != "" {
			unit = p.UnitName(f.Unit)
		}
		s.Findings = append(s.Findings, summaryFinding{File: f.File, Unit: unit, Month: f.Month, Sheet: f.Sheet, Cell: f.Cell, Severity: f.Severity, Message: f.Message, Hint: f.Hint})
	}
	if !p.Settings.NoRanking {
		s.Ranking = newSummaryRanking(d, d.RankingAsOf(r.AsOf))
	}
	return json.MarshalIndent(s, "", "  ")
}

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
