package cli

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/plansite/plansite/internal/officetest"
)

// exportSummary is the part of summary.json the 汇总表 holds.
type exportSummary struct {
	AsOf  string `json:"as_of"`
	Tasks []struct {
		ID       string   `json:"id"`
		Title    string   `json:"title"`
		Leads    []string `json:"leads"`
		Deadline string   `json:"deadline"`
		Progress *float64 `json:"progress"`
		Expected float64  `json:"expected"`
		Status   string   `json:"status"`
		Reported bool     `json:"reported"`
	} `json:"tasks"`
	Rectifications []struct {
		ID          string   `json:"id"`
		Deadline    string   `json:"deadline"`
		Progress    *float64 `json:"progress"`
		Overdue     bool     `json:"overdue"`
		RectifiedOn *string  `json:"rectified_on"`
		Late        bool     `json:"late"`
	} `json:"rectifications"`
	Readiness struct {
		Months []struct {
			Month  string              `json:"month"`
			Index  *float64            `json:"index"`
			Target float64             `json:"target"`
			Areas  map[string]*float64 `json:"areas"`
		} `json:"months"`
	} `json:"readiness"`
	Indicators []struct {
		ID        string   `json:"id"`
		Readiness *float64 `json:"readiness"`
	} `json:"indicators"`
	Targets []struct {
		ID     string   `json:"id"`
		Target float64  `json:"target"`
		Value  *float64 `json:"value"`
		Met    bool     `json:"met"`
	} `json:"targets"`
	Submissions []struct {
		Unit      string  `json:"unit"`
		Month     string  `json:"month"`
		State     string  `json:"state"`
		Submitted *string `json:"submitted"`
	} `json:"submissions"`
}

// sheetRows is a sheet of the 汇总表 read back as a spreadsheet shows it:
// the header row (found by its first label) and the rows under it, each
// cell's raw value by header. readSheet fails the test unless it has rows
// rows (any number when rows < 0).
type sheetRows struct {
	t      *testing.T
	f      *excelize.File
	sheet  string
	header int // row number
	cols   map[string]int
	rows   [][]string // raw values
}

func readSheet(t *testing.T, f *excelize.File, sheet, first string, rows int) *sheetRows {
	t.Helper()
	raw, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatalf("sheet %s: %v", sheet, err)
	}
	s := &sheetRows{t: t, f: f, sheet: sheet, cols: map[string]int{}}
	for i, r := range raw {
		if len(r) > 0 && r[0] == first {
			s.header = i + 1
			for j, h := range r {
				s.cols[h] = j
			}
			s.rows = raw[i+1:]
			if rows >= 0 && len(s.rows) != rows {
				t.Fatalf("sheet %s has %d rows; want %d", sheet, len(s.rows), rows)
			}
			return s
		}
	}
	t.Fatalf("sheet %s: no header row starting with %s", sheet, first)
	return nil
}

// cell is the raw value of column col in data row i (0-based), "" when blank.
func (s *sheetRows) cell(i int, col string) string {
	s.t.Helper()
	j, ok := s.cols[col]
	if !ok {
		s.t.Fatalf("sheet %s has no column %s", s.sheet, col)
	}
	if i >= len(s.rows) || j >= len(s.rows[i]) {
		return ""
	}
	return s.rows[i][j]
}

// number checks that the cell is a number cell equal to want (nil: blank).
func (s *sheetRows) number(i int, col string, want *float64, scale float64) {
	s.t.Helper()
	ref, _ := excelize.CoordinatesToCellName(s.cols[col]+1, s.header+1+i)
	got := s.cell(i, col)
	if want == nil {
		if got != "" {
			s.t.Errorf("%s!%s (%s) = %q; want blank", s.sheet, ref, col, got)
		}
		return
	}
	typ, _ := s.f.GetCellType(s.sheet, ref)
	if typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
		s.t.Errorf("%s!%s (%s) is text %q; want a number", s.sheet, ref, col, got)
		return
	}
	v, err := strconv.ParseFloat(got, 64)
	if err != nil || math.Abs(v*scale-*want) > 1e-9 {
		s.t.Errorf("%s!%s (%s) = %q (×%v); want %v", s.sheet, ref, col, got, scale, *want)
	}
}

// date checks a date cell against an ISO date (nil or "": blank).
func (s *sheetRows) date(i int, col string, want string) {
	s.t.Helper()
	got := s.cell(i, col)
	if want == "" {
		if got != "" {
			s.t.Errorf("%s row %d %s = %q; want blank", s.sheet, i+1, col, got)
		}
		return
	}
	serial, err := strconv.ParseFloat(got, 64)
	d, _ := time.Parse("2006-01-02", want)
	if err != nil || time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(serial)).Format("2006-01-02") != d.Format("2006-01-02") {
		s.t.Errorf("%s row %d %s = %q; want the date %s", s.sheet, i+1, col, got, want)
	}
}

func (s *sheetRows) text(i int, col, want string) {
	s.t.Helper()
	if got := s.cell(i, col); got != want {
		s.t.Errorf("%s row %d %s = %q; want %q", s.sheet, i+1, col, got, want)
	}
}

var exportStatus = map[string]string{"done": "已完成", "overdue": "逾期", "no_report": "未报送", "lagging": "滞后", "due_soon": "临近到期", "on_track": "正常推进"}

// TestExportMatchesSummary: plansite export --month 2023-12 writes a
// workbook whose every figure equals the site's summary.json for that
// month — read back with excelize as numbers, percentages and dates — and
// which LibreOffice converts to PDF; its 数据问题 sheet lists what check
// --month lists.
func TestExportMatchesSummary(t *testing.T) {
	dir := t.TempDir()
	xlsx := filepath.Join(dir, "汇总.xlsx")
	if code, stdout, stderr := run("export", "--content", "../../content", "--month", "2023-12", "-o", xlsx); code != 0 || !strings.Contains(stdout, xlsx) {
		t.Fatalf("export: exit %d\n%s\n%s", code, stdout, stderr)
	}
	out := filepath.Join(dir, "public")
	if code, _, stderr := run("build", "--content", "../../content", "--out", out, "--month", "2023-12", "--no-cache"); code != 0 {
		t.Fatalf("build: exit %d\n%s", code, stderr)
	}
	var s exportSummary
	b, err := os.ReadFile(filepath.Join(out, "data", "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	site, err := os.ReadFile(filepath.Join(out, "months", "2023-12", "2023-12_汇总表.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	if mine, _ := os.ReadFile(xlsx); string(mine) != string(site) {
		t.Error("export's workbook differs from the site's download of the month")
	}

	f, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), " "); got != "任务进展汇总 量化指标 问题整改 评价准备 报送情况 数据问题" {
		t.Fatalf("sheets: %s", got)
	}

	tasks := readSheet(t, f, "任务进展汇总", "序号", len(s.Tasks))
	unreported := 0
	for i, st := range s.Tasks {
		tasks.text(i, "任务编号", st.ID)
		tasks.text(i, "重点任务", st.Title)
		tasks.text(i, "牵头单位", strings.Join(st.Leads, "、"))
		tasks.date(i, "完成时限", st.Deadline)
		tasks.number(i, "完成进度", st.Progress, 100)
		tasks.number(i, "预期进度", &st.Expected, 100)
		tasks.text(i, "状态", exportStatus[st.Status])
		mark := ""
		if !st.Reported && st.Status != "done" && st.Status != "no_report" {
			mark, unreported = "本月未报", unreported+1
		}
		tasks.text(i, "本月未报", mark)
	}
	if unreported == 0 {
		t.Error("the example has no task marked 本月未报 in December: the test checks nothing there")
	}

	targets := readSheet(t, f, "量化指标", "序号", len(s.Targets))
	for i, tg := range s.Targets {
		targets.text(i, "指标编号", tg.ID)
		targets.number(i, "目标值", &tg.Target, 1)
		targets.number(i, "累计完成值", tg.Value, 1)
		want := map[bool]string{true: "达标", false: "未达标"}[tg.Met]
		if tg.Value == nil {
			want = "未报送"
		}
		targets.text(i, "完成情况", want)
	}

	problems := readSheet(t, f, "问题整改", "序号", len(s.Rectifications))
	late := 0
	for i, p := range s.Rectifications {
		problems.text(i, "问题编号", p.ID)
		problems.date(i, "整改时限", p.Deadline)
		problems.number(i, "整改进度", p.Progress, 100)
		problems.text(i, "逾期", map[bool]string{true: "逾期"}[p.Overdue])
		rectified := ""
		if p.RectifiedOn != nil {
			rectified = *p.RectifiedOn
		}
		problems.date(i, "完成整改时间", rectified)
		problems.text(i, "超期整改", map[bool]string{true: "超期整改"}[p.Late])
		if p.Late {
			late++
		}
	}
	if late == 0 {
		t.Error("no problem marked 超期整改 in the example: the test checks nothing there")
	}

	// 评价准备: each indicator's readiness; each area's and the overall
	// index of the month, against the target line.
	ready := readSheet(t, f, "评价准备", "序号", -1)
	var point *struct {
		Month  string              `json:"month"`
		Index  *float64            `json:"index"`
		Target float64             `json:"target"`
		Areas  map[string]*float64 `json:"areas"`
	}
	for i := range s.Readiness.Months {
		if s.Readiness.Months[i].Month == s.AsOf {
			point = &s.Readiness.Months[i]
		}
	}
	if point == nil || point.Index == nil {
		t.Fatal("summary.json has no readiness for 2023-12")
	}
	byID := map[string]int{}
	areas := map[string]int{}
	total := -1
	for i := range ready.rows {
		if id := ready.cell(i, "指标编号"); id != "" {
			byID[id] = i
		} else if strings.HasSuffix(ready.cell(i, "评价指标"), "领域准备指数") {
			areas[ready.cell(i, "领域")] = i
		} else if ready.cell(i, "评价指标") == "评价准备指数" {
			total = i
		}
	}
	for _, in := range s.Indicators {
		i, ok := byID[in.ID]
		if !ok {
			t.Errorf("indicator %s missing from 评价准备", in.ID)
			continue
		}
		ready.number(i, "准备程度", in.Readiness, 100)
	}
	if len(areas) != len(point.Areas) || total < 0 {
		t.Fatalf("评价准备 has %d area rows (want %d) and total row %d", len(areas), len(point.Areas), total)
	}
	for a, v := range point.Areas {
		ready.number(areas[a], "准备程度", v, 100)
		ready.number(areas[a], "目标线", &point.Target, 100)
	}
	ready.number(total, "准备程度", point.Index, 100)
	ready.number(total, "目标线", &point.Target, 100)

	// 报送情况: the unit × month matrix and the month's dates.
	subs := readSheet(t, f, "报送情况", "序号", -1)
	rowOf := map[string]int{}
	for i := range subs.rows {
		rowOf[subs.cell(i, "单位")] = i
	}
	short := map[string]string{"on_time": "按时", "late": "逾期", "invalid": "无效", "missing": "未报"}
	counts := map[string]map[string]float64{}
	chased := 0
	for _, sub := range s.Submissions {
		i, ok := rowOf[sub.Unit]
		if !ok {
			t.Fatalf("unit %s missing from 报送情况", sub.Unit)
		}
		m, _ := time.Parse("2006-01", sub.Month)
		subs.text(i, fmt.Sprintf("%d年%d月", m.Year(), m.Month()), short[sub.State])
		if counts[sub.Unit] == nil {
			counts[sub.Unit] = map[string]float64{}
		}
		counts[sub.Unit][sub.State]++
		if sub.Month == s.AsOf {
			submitted := ""
			if sub.Submitted != nil {
				submitted = *sub.Submitted
			}
			subs.date(i, "本月报送日期", submitted)
			if sub.State == "missing" || sub.State == "invalid" {
				chased++
				if subs.cell(i, "本月催报事项") == "" {
					t.Errorf("%s is %s in %s but has no 催报 entry", sub.Unit, sub.State, s.AsOf)
				}
			}
		}
	}
	for unit, c := range counts {
		late, invalid, missing := c["late"], c["invalid"], c["missing"]
		subs.number(rowOf[unit], "逾期报送（次）", &late, 1)
		subs.number(rowOf[unit], "无效报送（次）", &invalid, 1)
		subs.number(rowOf[unit], "未报送（次）", &missing, 1)
	}
	if chased == 0 {
		t.Error("no unit to chase in the example's December: the 催报 column is not checked")
	}

	// 数据问题: the findings check --month lists for the month, in order
	// (none in December; September has some).
	checkFindings(t, f, "2023-12")
	sep := filepath.Join(dir, "2023-09.xlsx")
	if code, _, stderr := run("export", "--content", "../../content", "--month", "2023-09", "-o", sep); code != 0 {
		t.Fatalf("export 2023-09: exit %d\n%s", code, stderr)
	}
	fs, err := excelize.OpenFile(sep)
	if err != nil {
		t.Fatal(err)
	}
	defer fs.Close()
	if n := checkFindings(t, fs, "2023-09"); n == 0 {
		t.Error("no finding for September: the 数据问题 sheet is not checked")
	}

	// LibreOffice opens it: every sheet is printed, with its title.
	pdf := officetest.ToPDF(t, xlsx)[0]
	pages, w, h := officetest.Pages(t, pdf)
	if pages < 6 || w < 841 || w > 843 || h < 594 || h > 596 {
		t.Errorf("%d pages of %.0f×%.0f pt; want 6 or more A4 landscape pages", pages, w, h)
	}
	text := officetest.Squeeze(officetest.Text(t, pdf, false))
	for _, want := range []string{"重点任务进展汇总", "量化指标完成情况", "上年度评价反馈问题整改情况", "评价准备情况", "各单位报送情况", "报送表格中发现的问题", "第1页共"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF lacks %q", want)
		}
	}
}

// checkFindings compares the 数据问题 sheet of f with what check --month
// lists for month, and returns how many findings that is.
func checkFindings(t *testing.T, f *excelize.File, month string) int {
	t.Helper()
	var rep checkReport
	_, stdout, _ := run("check", "--content", "../../content", "--month", month, "--json")
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatal(err)
	}
	findings := readSheet(t, f, "数据问题", "序号", -1)
	if len(rep.Findings) == 0 {
		if len(findings.rows) != 1 || !strings.Contains(findings.cell(0, "文件"), "没有发现问题") {
			t.Errorf("%s: no finding, but 数据问题 has %d rows and does not say so", month, len(findings.rows))
		}
		return 0
	}
	if len(findings.rows) != len(rep.Findings) {
		t.Fatalf("%s: 数据问题 has %d rows; check --month lists %d findings", month, len(findings.rows), len(rep.Findings))
	}
	for i, fd := range rep.Findings {
		findings.text(i, "文件", fd.File)
		findings.text(i, "单元格", fd.Cell)
		findings.text(i, "问题", fd.Message)
		findings.text(i, "应如何改", fd.Hint)
	}
	return len(rep.Findings)
}
