package pages

import (
	"fmt"
	"math"

	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/progress"
)

// boardSize is how many units the 红榜 and the 黑榜 hold.
const boardSize = 3

// RankingAsOf ranks the units as of month m: the tasks' statuses of m and
// the submissions of the cycle's months up to m (a submission does not
// change with later months, so the as-of result's list serves every m).
func (d *Data) RankingAsOf(m domain.Month) progress.Ranking {
	r := d.ByMonth[m]
	if r == nil {
		r = d.Result
	}
	findings := map[string]int{}
	for _, f := range d.Inbox.Findings {
		findings[f.File]++
	}
	return progress.Rank(d.Plan, &progress.Result{AsOf: r.AsOf, Tasks: r.Tasks, Submissions: d.Result.Submissions}, findings)
}

// rankRow is a unit's line of the ranking, every component shown.
type rankRow struct {
	Place                          string // 1, or 并列 3
	Unit                           unitLink
	Score, Rate                    string
	Months                         int
	OnTime, Late, Invalid, Missing int
	Overdue, Lagging               int
	Files, Unusable, Findings      int
	PerFile                        string
	Tie                            string // how it was ordered after the unit above with the same score
	Board                          string // 红榜, 黑榜 or ""
}

var tieWords = map[progress.TieBreak]string{
	progress.TieOnTime:   "同分：按时报送率较低",
	progress.TieMissed:   "同分：未报或无效的月份较多",
	progress.TieOverdue:  "同分：逾期任务较多",
	progress.TieLagging:  "同分：滞后任务较多",
	progress.TieUnusable: "同分：无效文件较多",
	progress.TieFindings: "同分：每份文件问题较多",
	progress.TieShared:   "各项相同，并列",
}

// rankRows are the lines of a ranking, with links from a page at root,
// and which are on the 红榜 and the 黑榜 (boardOf).
func (b *builder) rankRows(root string, rk progress.Ranking) []rankRow {
	out := make([]rankRow, len(rk.Units))
	board := boardOf(rk.Units)
	for i, u := range rk.Units {
		row := rankRow{
			Place: fmt.Sprint(u.Rank), Unit: b.unitLink(root, u.Unit),
			Score: num(u.Score), Rate: num(u.OnTimeRate) + "%", Months: u.Months,
			OnTime: u.OnTime, Late: u.Late, Invalid: u.Invalid, Missing: u.Missing,
			Overdue: u.Overdue, Lagging: u.Lagging,
			Files: u.Files, Unusable: u.Unusable, Findings: u.Findings, PerFile: "—",
			Tie: tieWords[u.Tie], Board: board[i],
		}
		if u.Tie == progress.TieShared {
			row.Place = "并列 " + row.Place
		}
		if u.Files > 0 {
			row.PerFile = num(u.FindingsPerFile)
		}
		out[i] = row
	}
	return out
}

// boardOf says which of the ranked units (best first) are on the 红榜: the
// first boardSize, and every unit sharing the place of the last of them;
// and on the 黑榜: the last boardSize, and every unit sharing the place of
// the first of them — never a unit that lost no point, nor one on the 红榜.
func boardOf(units []progress.UnitRank) []string {
	out := make([]string, len(units))
	for i := range units {
		if i < boardSize || (i > 0 && out[i-1] == "红榜" && units[i].Tie == progress.TieShared) {
			out[i] = "红榜"
		}
	}
	for i := len(units) - 1; i >= 0 && out[i] == ""; i-- {
		if i >= len(units)-boardSize || units[i+1].Tie == progress.TieShared {
			if math.Round(units[i].Score*100) < 100*100 { // lost a point, as summary.json shows it
				out[i] = "黑榜"
			}
			continue
		}
		break
	}
	return out
}

// boards are the 红榜 and 黑榜 lines of rows, for the monthly report.
func boards(rows []rankRow) (red, black []rankRow) {
	for _, r := range rows {
		switch r.Board {
		case "红榜":
			red = append(red, r)
		case "黑榜":
			black = append(black, r)
		}
	}
	return red, black
}

// rankingText is the rule of the score and of the ties, in words.
func rankingText(rk progress.Ranking) string {
	return fmt.Sprintf("统计 %s至%s各单位的报送，和截至%s其牵头任务的状态。得分 = 按时报送率（%%）− %d × 逾期的牵头任务数 − %d × 滞后的牵头任务数 − %d × 无效文件数 − %d × 每份文件的数据问题数（可为负数）。同分时依次比较：按时报送率高者在前，未报送和无效报送的月份少者在前，逾期任务少者在前，滞后任务少者在前，无效文件少者在前，每份文件问题少者在前；各项都相同则名次并列（标“并列”），按单位名单的顺序列出。前 %d 名（含与第 %d 名并列的）为红榜；最后 %d 名（含与其中最前者并列的，不含未扣分的）为黑榜。",
		rk.From.Label(), rk.To.Label(), rk.To.Label(),
		progress.RankOverduePoints, progress.RankLaggingPoints, progress.RankUnusablePoints, progress.RankFindingPoints, boardSize, boardSize, boardSize)
}

// rankingData is the units' ranking (ranking/index.html): its rule, every
// unit's line, the 红榜 and the 黑榜.
type rankingData struct {
	AsOf, Rule  string
	Rows        []rankRow
	Red, Black  []rankRow
	Units       int
	From, Until string
}

func (b *builder) ranking() {
	if b.Plan.Settings.NoRanking {
		return
	}
	const root = "../"
	rk := b.RankingAsOf(b.Result.AsOf)
	rows := b.rankRows(root, rk)
	red, black := boards(rows)
	b.add("ranking/index.html", "ranking", "ranking", "单位红黑榜", rankingData{b.Result.AsOf.Label(), rankingText(rk), rows, red, black, len(rows), rk.From.Label(), rk.To.Label()}, false)
}

// monthBoards is the ranking's section of month m's report: its rule, the
// 红榜 and the 黑榜; nil when the content has no ranking.
func (b *builder) monthBoards(m domain.Month) *monthBoard {
	if b.Plan.Settings.NoRanking {
		return nil
	}
	rk := b.RankingAsOf(m)
	red, black := boards(b.rankRows("../../", rk))
	return &monthBoard{Rule: rankingText(rk), Red: red, Black: black, Href: "../../ranking/index.html", Latest: m == b.Result.AsOf}
}

type monthBoard struct {
	Rule       string
	Red, Black []rankRow
	Href       string
	Latest     bool // the ranking page is of this month
}
