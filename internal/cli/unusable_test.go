package cli

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"html"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/plansite/plansite/internal/content"
	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/workbook"
)

// unusableInbox writes, for the example plan, an inbox of September 2023
// with the files units hand in that cannot be used, each made from the
// product's own template, and returns the folder. The file of each unit:
//
//	就业中心          a filled workbook, and a blank template beside it
//	仲裁院            a blank template
//	信息中心          2023-09/2023-09_信息中心.xlsx whose 基本信息 says 2023-08
//	人才中心          2023-09/人才中心.xlsx (no month in the name) saying 2023-08
//	工伤中心          2023-09_工伤中心.xlsx (no folder) saying 2023-08
//	结算中心          2023-09/2023-09_结算中心.xlsx filled by 政策法规股 (its 基本信息)
//	劳动保障监察大队  a filled workbook whose every sheet lost its header row
//	职业能力建设股    a text file named .xlsx
func unusableInbox(t *testing.T, p *domain.Plan) string {
	t.Helper()
	dir := t.TempDir()
	sep, aug := domain.MustMonth(2023, time.September), domain.MustMonth(2023, time.August)
	write := func(rel string, data []byte) {
		path := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	template := func(u domain.UnitID, m domain.Month, filled bool) []byte {
		var fill *domain.Report
		if filled {
			fill = &domain.Report{Reporter: "张三", FilledOn: domain.MustDate(2023, time.September, 20)}
			leads, coops := p.TasksOf(u)
			for _, t := range append(leads, coops...) {
				v := 50.0
				fill.Tasks = append(fill.Tasks, domain.TaskRow{TaskID: t.ID, Progress: &v, State: domain.TaskInProgress, Done: "按计划推进"})
			}
		}
		var buf bytes.Buffer
		if err := workbook.Template(&buf, p, u, m, nil, fill); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	write("2023-09/2023-09_就业中心.xlsx", template("jyzx", sep, true))
	write("2023-09/2023-09_就业中心（空白）.xlsx", template("jyzx", sep, false))
	write("2023-09/2023-09_仲裁院.xlsx", template("zcy", sep, false))
	write("2023-09/2023-09_信息中心.xlsx", template("xxzx", aug, true))
	write("2023-09/人才中心.xlsx", template("rczx", aug, true))
	write("2023-09_工伤中心.xlsx", template("gszx", aug, true))
	write("2023-09/2023-09_结算中心.xlsx", template("zcfgg", sep, true))
	write("2023-09/2023-09_劳动保障监察大队.xlsx", withoutFirstRows(t, template("jcdd", sep, true)))
	write("2023-09/2023-09_职业能力建设股.xlsx", []byte("这是一份改了扩展名的文字材料\n"))
	return dir
}

// withoutFirstRows deletes rows 1 and 2 of every sheet of a workbook: each
// data sheet loses its title and header rows (and 基本信息 its 填报单位 and
// 报送月份, which the file's name and folder still give).
func withoutFirstRows(t *testing.T, data []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	firstRow := regexp.MustCompile(`(?s)<row r="[12]"[ >].*?</row>`)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(f.Name, "xl/worksheets/sheet") {
			if !firstRow.Match(b) {
				t.Fatalf("%s has no row 1 or 2", f.Name)
			}
			b = firstRow.ReplaceAll(b, nil)
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(b); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestUnusableFiles: files that arrive but cannot be used — a blank
// template, a file whose every sheet fails, one that is not a workbook, one
// whose 基本信息 says another month than its folder or its name, one filled
// by another unit than its name says — count as 无效报送 (never as handed
// in), keep their unit on the 催报 list with the reason and what to do, and
// are named by check --month for every month they name, with exit code 1.
// A unit with a usable and a blank file for the month has handed in.
func TestUnusableFiles(t *testing.T) {
	p, err := content.Load("../../content")
	if err != nil {
		t.Fatal(err)
	}
	inbox := unusableInbox(t, p)
	unusable := map[string]string{ // unit → its file and a phrase of the reason
		"仲裁院":      "2023-09/2023-09_仲裁院.xlsx：表格中没有填写任何内容",
		"信息中心":     "2023-09/2023-09_信息中心.xlsx：报送月份不一致（基本信息中的报送月份是 2023-08，文件名和所在文件夹名中是 2023-09）",
		"人才中心":     "2023-09/人才中心.xlsx：报送月份不一致（基本信息中的报送月份是 2023-08，所在文件夹名中是 2023-09）",
		"工伤中心":     "2023-09_工伤中心.xlsx：报送月份不一致（基本信息中的报送月份是 2023-08，文件名中是 2023-09）",
		"结算中心":     "2023-09/2023-09_结算中心.xlsx：填报单位不一致（基本信息中的填报单位是“政策法规股”，文件名中是“结算中心”）",
		"政策法规股":    "2023-09/2023-09_结算中心.xlsx：填报单位不一致",
		"劳动保障监察大队": "2023-09/2023-09_劳动保障监察大队.xlsx：没有读到任何填报内容：",
		"职业能力建设股":  "2023-09/2023-09_职业能力建设股.xlsx：这不是 Excel 工作簿文件",
	}

	t.Run("summary.json", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "public")
		if code, _, stderr := run("build", "--content", "../../content", "--inbox", inbox, "--month", "2023-09", "--out", out); code != 0 {
			t.Fatalf("build: exit %d\n%s", code, stderr)
		}
		var s struct {
			Submissions []struct {
				Unit, Month, State string
				Files              []string
				Rejected           []struct{ File, Reason, Hint string }
			}
		}
		mustJSON(t, filepath.Join(out, "data", "summary.json"), &s)
		got := map[string]string{}
		for _, sub := range s.Submissions {
			k := sub.Unit + " " + sub.Month
			got[k] = sub.State
			var rej []string
			for _, r := range sub.Rejected {
				rej = append(rej, r.File+"："+r.Reason)
				if r.Hint == "" || strings.Contains(r.Hint, "plansite") {
					t.Errorf("%s: %s: what to do is %q", k, r.File, r.Hint)
				}
			}
			if sub.Month != "2023-09" {
				continue
			}
			switch phrase, bad := unusable[sub.Unit]; {
			case sub.Unit == "就业中心":
				if sub.State != "on_time" || strings.Join(sub.Files, ",") != "2023-09/2023-09_就业中心.xlsx" || len(rej) != 1 || !strings.Contains(rej[0], "2023-09/2023-09_就业中心（空白）.xlsx：表格中没有填写任何内容") {
					t.Errorf("就业中心 2023-09: %s %q %q; want on_time with its filled file, the blank one listed with its reason", sub.State, sub.Files, rej)
				}
			case bad:
				if sub.State != "invalid" || len(sub.Files) != 0 || len(rej) != 1 || !strings.Contains(rej[0], phrase) {
					t.Errorf("%s 2023-09: %s files %q rejected %q; want invalid with %q", sub.Unit, sub.State, sub.Files, rej, phrase)
				}
			default:
				if sub.State != "missing" || len(rej) != 0 {
					t.Errorf("%s 2023-09: %s %q; want missing", sub.Unit, sub.State, rej)
				}
			}
		}
		// The files saying August are listed under August too, and used
		// for neither month.
		for _, u := range []string{"信息中心", "人才中心", "工伤中心"} {
			if got[u+" 2023-08"] != "invalid" {
				t.Errorf("%s 2023-08: %s; want invalid (its file names August)", u, got[u+" 2023-08"])
			}
		}
		if got["仲裁院 2023-08"] != "missing" {
			t.Errorf("仲裁院 2023-08: %s; want missing", got["仲裁院 2023-08"])
		}

		// 报送情况: the matrix and the 催报 list and notice.
		page := html.UnescapeString(readFile(t, filepath.Join(out, "submissions", "index.html")))
		if !strings.Contains(page, "未报送的单位 16 个，无效报送的单位 8 个") {
			t.Errorf("报送情况 does not count 16 missing and 8 invalid units")
		}
		notice := between(t, page, `<textarea id="chase-text"`, "</textarea>")
		for u, phrase := range unusable {
			file, reason, _ := strings.Cut(phrase, "：")
			if !strings.Contains(notice, u+"：文件“"+file+"”："+reason) {
				t.Errorf("催报 notice lacks %s with %s: %s", u, file, reason)
			}
		}
		for _, want := range []string{"以下 16 个单位尚未报送", "以下 8 个单位报送的2023年9月表格无法使用", "应如何做：请填写本月各项任务的完成进度、推进状态和工作进展后重新报送",
			"应如何做：请确认这是哪个月的报表", "应如何做：请确认这是哪个单位的报表", "应如何做：请恢复模板中的表头行"} {
			if !strings.Contains(notice, want) {
				t.Errorf("催报 notice lacks %q:\n%s", want, notice)
			}
		}
		if strings.Contains(notice, "就业中心") || strings.Contains(notice, "plansite") {
			t.Errorf("催报 notice names 就业中心 (handed in) or a command:\n%s", notice)
		}
		matrix := between(t, page, `<table class="data matrix"`, "</table>")
		for u := range unusable {
			row := between(t, matrix, ">"+u+"</a></th>", "</tr>")
			// The months are 2023-05 … 2023-09: September is the fifth cell.
			cells := strings.Split(row, "<td")
			if len(cells) < 6 || !strings.Contains(cells[5], "无效报送") || !strings.Contains(cells[5], "未计入") {
				t.Errorf("matrix: %s's September cell is not 无效报送 with the file not used: %q", u, cells)
			}
		}
		if row := between(t, matrix, ">就业中心</a></th>", "</tr>"); !strings.Contains(strings.Split(row, "<td")[5], "按时报送") {
			t.Errorf("matrix: 就业中心's September is not 按时报送: %s", row)
		}

		// 数据问题 and the unit pages name each file under each unit it names.
		findings := html.UnescapeString(readFile(t, filepath.Join(out, "findings", "index.html")))
		for u, phrase := range unusable {
			file, _, _ := strings.Cut(phrase, "：")
			if !strings.Contains(findings, file) {
				t.Errorf("数据问题 does not name %s (%s)", file, u)
			}
		}
		if !strings.Contains(findings, "报送月份：2023年8月、2023年9月") {
			t.Error("数据问题 does not show a file saying August under both months")
		}
		for _, id := range []string{"jszx", "zcfgg"} {
			if up := readFile(t, filepath.Join(out, "units", id, "index.html")); !strings.Contains(up, "2023-09_结算中心.xlsx") {
				t.Errorf("unit page %s does not show the file that names both 结算中心 and 政策法规股", id)
			}
		}
	})

	t.Run("check --month", func(t *testing.T) {
		code, stdout, _ := run("check", "--content", "../../content", "--inbox", inbox, "--month", "2023-09")
		if code != 1 {
			t.Errorf("check --month 2023-09: exit %d; want 1", code)
		}
		for u, phrase := range unusable {
			file, _, _ := strings.Cut(phrase, "：")
			if !strings.Contains(stdout, "【"+u+"】") || !strings.Contains(stdout, file) {
				t.Errorf("check --month 2023-09 does not name %s under 【%s】", file, u)
			}
		}
		for _, want := range []string{"2023年9月 无效报送的单位（8 个", "2023年9月 未报送的单位（16 个）", "本文件不算报送"} {
			if !strings.Contains(stdout, want) {
				t.Errorf("check --month 2023-09 lacks %q", want)
			}
		}
		if strings.Contains(stdout, "plansite") {
			t.Errorf("check output for the units names a command:\n%s", stdout)
		}
		// August: the files that say August are named there too.
		code, stdout, _ = run("check", "--content", "../../content", "--inbox", inbox, "--month", "2023-08", "--json")
		var rep struct {
			Errors   int
			Findings []struct{ File string }
			Invalid  []struct {
				Unit  string
				Files []struct{ File, Reason string }
			}
		}
		if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
			t.Fatalf("check --json: %v\n%s", err, stdout)
		}
		var files, units []string
		for _, f := range rep.Findings {
			files = append(files, f.File)
		}
		for _, inv := range rep.Invalid {
			units = append(units, inv.Unit)
		}
		if code != 1 || rep.Errors != 3 || strings.Join(files, ",") != "2023-09/2023-09_信息中心.xlsx,2023-09/人才中心.xlsx,2023-09_工伤中心.xlsx" ||
			strings.Join(units, ",") != "工伤中心,信息中心,人才中心" {
			t.Errorf("check --month 2023-08: exit %d, %d errors, files %q, invalid %q; want 1, 3, the three files saying August and their units", code, rep.Errors, files, units)
		}
	})
}

func mustJSON(t *testing.T, path string, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(readFile(t, path)), v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// between returns the text of s after the first from up to the next to.
func between(t *testing.T, s, from, to string) string {
	t.Helper()
	_, rest, ok := strings.Cut(s, from)
	if !ok {
		t.Fatalf("no %q in the page", from)
	}
	in, _, _ := strings.Cut(rest, to)
	return in
}
