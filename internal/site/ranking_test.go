package site

import (
	"encoding/json"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/plansite/plansite/internal/domain"
)

// tableRows returns the cells of each body row of the first table after
// marker in page, as text.
func tableRows(t *testing.T, page, marker string) [][]string {
	t.Helper()
	_, rest, ok := strings.Cut(page, marker)
	if !ok {
		t.Fatalf("no %q on the page", marker)
	}
	_, rest, _ = strings.Cut(rest, "<tbody>")
	rest, _, _ = strings.Cut(rest, "</tbody>")
	tags := regexp.MustCompile(`<[^>]*>`)
	var out [][]string
	for _, tr := range strings.Split(rest, "</tr>") {
		var cells []string
		for _, c := range regexp.MustCompile(`(?s)<t[dh][^>]*>(.*?)</t[dh]>`).FindAllStringSubmatch(tr, -1) {
			cells = append(cells, strings.TrimSpace(html.UnescapeString(tags.ReplaceAllString(c[1], ""))))
		}
		if len(cells) > 0 {
			out = append(out, cells)
		}
	}
	return out
}

// TestRankingOnTheExample: the ranking page's figures for three units
// equal those worked out by hand from summary.json, as of December 2023
// (the cycle's months September … December):
//
//	信息中心: submissions September invalid (2023-09/2023-09_信息中心.xlsx,
//	  whose 基本信息 says 2023-08: one error finding), October, November,
//	  December on time: 3 of 4 on time, 75 %; files: that one and the three
//	  of October … December: 4, 1 not usable, 1 finding: 0.25 per file;
//	  leads 3.3, done. 75 − 5 × 1 − 2 × 0.25 = 69.5.
//	就业中心: September and October on time, November late (25th), December
//	  missing: 2 of 4, 50 %; three files, no finding; leads 1.4 (逾期), 1.5,
//	  3.5, 3.6, 3.7 (done). 50 − 10 × 1 = 40.
//	王城镇人社中心: four on time, 100 %; four files, two warnings in the
//	  October one (编号“1.10”, 0.9 as 90 %): 0.5 per file; leads nothing.
//	  100 − 2 × 0.5 = 99.
//
// By score: eleven units at 100 share the first place, then 王城镇人社中心
// (99) is 12th; at the bottom 信息中心 23rd, 就业中心 24th, 职业能力建设股
// (25 %, 1.3 逾期: 15) 25th — the 黑榜.
func TestRankingOnTheExample(t *testing.T) {
	out := mustBuild(t, exampleContent)
	var s struct {
		Submissions []struct {
			Unit, Month, State string
			Files              []string
			Rejected           []struct{ File string }
		}
		Findings []struct{ File, Severity string }
		Tasks    []struct {
			ID, Status string
			Leads      []string
		}
	}
	if err := json.Unmarshal([]byte(read(t, out, "data/summary.json")), &s); err != nil {
		t.Fatal(err)
	}
	// The rows of summary.json the hand computation above reads.
	facts := map[string][]string{}
	for _, sub := range s.Submissions {
		if sub.Month >= "2023-09" {
			f := sub.Month + " " + sub.State + " " + strings.Join(sub.Files, ",")
			for _, r := range sub.Rejected {
				f += " 未用:" + r.File
			}
			facts[sub.Unit] = append(facts[sub.Unit], f)
		}
	}
	for _, task := range s.Tasks {
		for _, l := range task.Leads {
			facts[l] = append(facts[l], "牵头 "+task.ID+" "+task.Status)
		}
	}
	for _, f := range s.Findings {
		for u, fs := range facts {
			for _, x := range fs {
				if strings.Contains(x, f.File) {
					facts[u] = append(facts[u], "问题 "+f.File+" "+f.Severity)
					break
				}
			}
		}
	}
	wantFacts := map[string][]string{
		"信息中心": {"2023-09 invalid  未用:2023-09/2023-09_信息中心.xlsx", "2023-10 on_time 2023-10/2023-10_信息中心.xlsx",
			"2023-11 on_time 2023-11/2023-11_信息中心.xlsx", "2023-12 on_time 2023-12/2023-12_信息中心.xlsx",
			"牵头 3.3 done", "问题 2023-09/2023-09_信息中心.xlsx error"},
		"就业中心": {"2023-09 on_time 2023-09/2023-09_就业中心.xlsx", "2023-10 on_time 2023-10/2023-10_就业中心.xlsx",
			"2023-11 late 2023-11/2023-11_就业中心.xlsx", "2023-12 missing ",
			"牵头 1.4 overdue", "牵头 1.5 done", "牵头 3.5 done", "牵头 3.6 done", "牵头 3.7 done"},
		"王城镇人社中心": {"2023-09 on_time 2023-09/2023-09_王城镇人社中心.xlsx", "2023-10 on_time 2023-10/2023-10_王城镇人社中心.xlsx",
			"2023-11 on_time 2023-11/2023-11_王城镇人社中心.xlsx", "2023-12 on_time 2023-12/2023-12_王城镇人社中心.xlsx",
			"问题 2023-10/2023-10_王城镇人社中心.xlsx warning", "问题 2023-10/2023-10_王城镇人社中心.xlsx warning"},
	}
	for u, want := range wantFacts {
		if got := facts[u]; !slices.Equal(got, want) {
			t.Errorf("summary.json about %s:\n got %q\nwant %q", u, got, want)
		}
	}

	// 名次, 单位, 得分, 按时报送率, 按时/逾期/无效/未报（月）, 逾期, 滞后, 文件,
	// 无效文件, 数据问题, 每份文件问题, 同分说明.
	want := map[string][]string{
		"信息中心":    {"23 黑榜", "信息中心", "69.5", "75%", "3 / 0 / 1 / 0（4）", "0", "0", "4", "1", "1", "0.3", ""},
		"就业中心":    {"24 黑榜", "就业中心", "40", "50%", "2 / 1 / 0 / 1（4）", "1", "0", "3", "0", "0", "0", ""},
		"王城镇人社中心": {"12", "王城镇人社中心", "99", "100%", "4 / 0 / 0 / 0（4）", "0", "0", "4", "0", "2", "0.5", ""},
	}
	page := read(t, out, "ranking/index.html")
	rows := tableRows(t, page, "<h2>全部单位</h2>")
	if len(rows) != 25 {
		t.Errorf("%d units ranked, want the 25 expected units", len(rows))
	}
	seen := 0
	for _, r := range rows {
		if w, ok := want[r[1]]; ok {
			seen++
			if !slices.Equal(r, w) {
				t.Errorf("%s:\n got %q\nwant %q", r[1], r, w)
			}
		}
	}
	if seen != len(want) {
		t.Errorf("%d of the %d units found on the page", seen, len(want))
	}
	// 0.25 per file shows as 0.3 on the page (one decimal) and 0.25 in
	// summary.json; the score uses the exact figure.
	var rk struct {
		Ranking struct {
			Units []struct {
				Unit            string
				Score           float64
				FindingsPerFile float64 `json:"findings_per_file"`
			}
		}
	}
	if err := json.Unmarshal([]byte(read(t, out, "data/summary.json")), &rk); err != nil {
		t.Fatal(err)
	}
	for _, u := range rk.Ranking.Units {
		if u.Unit == "信息中心" && (u.Score != 69.5 || u.FindingsPerFile != 0.25) {
			t.Errorf("summary.json ranking of 信息中心: %v, %v per file; want 69.5, 0.25", u.Score, u.FindingsPerFile)
		}
	}
	// The boards: the 黑榜 holds the last three; the monthly report shows it.
	black := tableRows(t, page, "<h2>黑榜</h2>")
	var names []string
	for _, r := range black {
		names = append(names, r[1])
	}
	if want := []string{"信息中心", "就业中心", "职业能力建设股"}; !slices.Equal(names, want) {
		t.Errorf("黑榜 %v, want %v", names, want)
	}
	report := read(t, out, "months/2023-12/index.html")
	if !strings.Contains(report, "七、单位红黑榜") || len(tableRows(t, report, "<h3>黑榜</h3>")) != 3 {
		t.Error("the December report has no 黑榜 of three units")
	}
	if !strings.Contains(read(t, out, "index.html"), `href="ranking/index.html"`) {
		t.Error("the navigation has no 红黑榜")
	}
}

// TestRankingOff: with ranking: false in site.yaml there is no ranking
// page, no section of the monthly report, no navigation entry and no
// ranking in summary.json.
func TestRankingOff(t *testing.T) {
	dir := writeArchive(t, editFile(independentPlan(t), "site.yaml", func(b []byte) []byte {
		return append(b, "ranking: false\n"...)
	}))
	out := buildAsOf(t, dir, domain.MustMonth(2024, time.June))
	if _, err := os.Stat(filepath.Join(out, "ranking", "index.html")); err == nil {
		t.Error("ranking/index.html written with ranking: false")
	}
	for _, p := range []string{"index.html", "tasks/index.html", "months/2024-06/index.html"} {
		page := read(t, out, p)
		if strings.Contains(page, "ranking/index.html") || strings.Contains(page, "红黑榜") {
			t.Errorf("%s names the ranking with ranking: false", p)
		}
	}
	if strings.Contains(read(t, out, "data/summary.json"), `"ranking"`) {
		t.Error("summary.json has a ranking with ranking: false")
	}
}
