package progress

import (
	"math"
	"sort"

	"github.com/plansite/plansite/internal/domain"
)

// The weights of the ranking's score (README, "Unit ranking"): the
// on-time rate in percent, less these points for each lead task 逾期 or
// 滞后, each file not usable, and each finding per file handed in.
const (
	RankOverduePoints  = 10
	RankLaggingPoints  = 5
	RankUnusablePoints = 5
	RankFindingPoints  = 2
)

// Ranking is the units' ranking (红黑榜) over the reporting months of the
// evaluation cycle of the as-of month, up to it.
type Ranking struct {
	From, To domain.Month
	Units    []UnitRank // best first
}

// UnitRank is one expected unit's record over the ranking's months, its
// score and its place.
type UnitRank struct {
	Unit                           domain.UnitID
	Months                         int // reporting months counted
	OnTime, Late, Invalid, Missing int
	OnTimeRate                     float64 // OnTime / Months, in percent
	Overdue, Lagging               int     // the tasks it leads that are 逾期 / 滞后 as of the as-of month
	Files                          int     // files it handed in for those months, usable or not, each once
	Unusable                       int     // of which not usable
	Findings                       int     // findings in those files
	FindingsPerFile                float64 // Findings / Files; 0 without files
	Score                          float64
	Rank                           int // 1 for the best; units tied on everything share one
	// Tie says how the unit was ordered after the one above it when their
	// scores are equal (to two decimals): TieShared when every component
	// is equal too (they share the rank), else the component that decided.
	Tie TieBreak
}

// TieBreak names what ordered two units of equal score.
type TieBreak string

// The tie-breaks, in the order they are tried.
const (
	TieNone     TieBreak = ""                  // the score differs from the unit above
	TieOnTime   TieBreak = "on_time_rate"      // a lower on-time rate
	TieMissed   TieBreak = "missed_months"     // more months 未报送 or 无效报送
	TieOverdue  TieBreak = "overdue_tasks"     // more lead tasks 逾期
	TieLagging  TieBreak = "lagging_tasks"     // more lead tasks 滞后
	TieUnusable TieBreak = "unusable_files"    // more files not usable
	TieFindings TieBreak = "findings_per_file" // more findings per file
	TieShared   TieBreak = "shared"            // equal in everything: the same rank, in the plan's order
)

// Rank ranks the expected units of plan p as of r.AsOf over the months of
// r.AsOf's evaluation cycle from the first reporting month on. findings
// is the number of findings in each file, by file name (as Submission
// names files). The score: OnTimeRate − 10 × Overdue − 5 × Lagging − 5 ×
// Unusable − 2 × FindingsPerFile, which may fall below 0. Units are
// ordered by score, then by the tie-breaks in the order of TieBreak's
// constants, then in the plan's order.
func Rank(p *domain.Plan, r *Result, findings map[string]int) Ranking {
	from, _ := CycleOf(r.AsOf, p.Settings.CycleStart)
	rk := Ranking{From: from.Month(), To: r.AsOf}
	if rk.From.Before(p.Settings.FirstReportMonth) {
		rk.From = p.Settings.FirstReportMonth
	}
	byUnit := map[domain.UnitID]*UnitRank{}
	files := map[domain.UnitID]map[string]bool{}
	for _, u := range p.Expected() {
		rk.Units = append(rk.Units, UnitRank{Unit: u})
	}
	for i := range rk.Units {
		byUnit[rk.Units[i].Unit] = &rk.Units[i]
		files[rk.Units[i].Unit] = map[string]bool{}
	}
	for _, s := range r.Submissions {
		ur := byUnit[s.Unit]
		if ur == nil || s.Month.Before(rk.From) || s.Month.After(rk.To) {
			continue
		}
		ur.Months++
		switch s.State {
		case OnTime:
			ur.OnTime++
		case Late:
			ur.Late++
		case Invalid:
			ur.Invalid++
		default:
			ur.Missing++
		}
		for _, f := range s.Files {
			if _, ok := files[s.Unit][f]; !ok {
				files[s.Unit][f] = false // usable
			}
		}
		for _, f := range s.Rejected {
			files[s.Unit][f.File] = true
		}
	}
	for _, t := range r.Tasks {
		for _, u := range t.Task.Leads {
			if ur := byUnit[u]; ur != nil {
				switch t.Status {
				case Overdue:
					ur.Overdue++
				case Lagging:
					ur.Lagging++
				}
			}
		}
	}
	for i := range rk.Units {
		ur := &rk.Units[i]
		for f, unusable := range files[ur.Unit] {
			ur.Files++
			ur.Findings += findings[f]
			if unusable {
				ur.Unusable++
			}
		}
		if ur.Months > 0 {
			ur.OnTimeRate = 100 * float64(ur.OnTime) / float64(ur.Months)
		}
		if ur.Files > 0 {
			ur.FindingsPerFile = float64(ur.Findings) / float64(ur.Files)
		}
		ur.Score = ur.OnTimeRate - RankOverduePoints*float64(ur.Overdue) - RankLaggingPoints*float64(ur.Lagging) -
			RankUnusablePoints*float64(ur.Unusable) - RankFindingPoints*ur.FindingsPerFile
	}
	// Stable: units equal in everything stay in the plan's order.
	sort.SliceStable(rk.Units, func(i, j int) bool { return better(rk.Units[i], rk.Units[j]) })
	for i := range rk.Units {
		ur := &rk.Units[i]
		ur.Rank = i + 1
		if i == 0 {
			continue
		}
		prev := rk.Units[i-1]
		if ur.Tie = tieBreak(prev, *ur); ur.Tie == TieShared {
			ur.Rank = prev.Rank
		}
	}
	return rk
}

// better reports whether a ranks before b: a higher score, or an equal
// score and a better component in the order of the tie-breaks.
func better(a, b UnitRank) bool {
	if sa, sb := round2(a.Score), round2(b.Score); sa != sb {
		return sa > sb
	}
	switch {
	case round2(a.OnTimeRate) != round2(b.OnTimeRate):
		return a.OnTimeRate > b.OnTimeRate
	case a.Missing+a.Invalid != b.Missing+b.Invalid:
		return a.Missing+a.Invalid < b.Missing+b.Invalid
	case a.Overdue != b.Overdue:
		return a.Overdue < b.Overdue
	case a.Lagging != b.Lagging:
		return a.Lagging < b.Lagging
	case a.Unusable != b.Unusable:
		return a.Unusable < b.Unusable
	case round2(a.FindingsPerFile) != round2(b.FindingsPerFile):
		return a.FindingsPerFile < b.FindingsPerFile
	}
	return false
}

// tieBreak says how b, ranked after a, was ordered: TieNone when their
// scores differ, else the first component that differs, else TieShared.
func tieBreak(a, b UnitRank) TieBreak {
	switch {
	case round2(a.Score) != round2(b.Score):
		return TieNone
	case round2(a.OnTimeRate) != round2(b.OnTimeRate):
		return TieOnTime
	case a.Missing+a.Invalid != b.Missing+b.Invalid:
		return TieMissed
	case a.Overdue != b.Overdue:
		return TieOverdue
	case a.Lagging != b.Lagging:
		return TieLagging
	case a.Unusable != b.Unusable:
		return TieUnusable
	case round2(a.FindingsPerFile) != round2(b.FindingsPerFile):
		return TieFindings
	}
	return TieShared
}

// round2 keeps two decimals, as summary.json shows the figures: scores
// equal to two decimals are equal.
func round2(v float64) float64 { return math.Round(v*100) / 100 }
