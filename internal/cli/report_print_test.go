package cli

import (
	"bytes"
	"encoding/json"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/plansite/plansite/internal/browser"
	"github.com/plansite/plansite/internal/browser/browsertest"
)

// reportSummary is what TestMonthlyReportReadsAsADocument takes from
// summary.json to know what the report must say.
type reportSummary struct {
	Tasks []struct {
		ID, Title, Status string
	}
	Targets []struct {
		Name string
	}
	Rectifications []struct {
		ID string
	}
	Submissions []struct {
		Unit, Month string
	}
	Ranking struct {
		Units []struct {
			Unit string
			Rank int
		}
	}
}

// TestMonthlyReportReadsAsADocument prints the example's December report
// as the coordinating section does for a meeting (plansite pdf), renders
// its pages and reads them as a person would: at most five A4 pages, none
// but the last less than a quarter full, no section heading left at the
// foot of a page, every section there with what summary.json says it must
// hold, the title on one line naming its year once, changes in words
// (持平, 提高 … 个百分点, never "+0"), and the day it was printed — not the
// day the site was built — as its printing date.
func TestMonthlyReportReadsAsADocument(t *testing.T) {
	browsertest.ForTest(t).Close() // skips or fails as browser tests do when Chromium is missing
	pdfinfo, pdftotext, pdftoppm := need(t, "pdfinfo"), need(t, "pdftotext"), need(t, "pdftoppm")
	t.Setenv("SOURCE_DATE_EPOCH", "978307200") // built on 2001-01-01
	dir := t.TempDir()
	out, pdf := filepath.Join(dir, "public"), filepath.Join(dir, "r.pdf")
	if code, stdout, stderr := run("pdf", "--content", "../../content", "--out", out, "--month", "2023-12", "-o", pdf); code != 0 || strings.Contains(stderr, "注意") {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	var sum reportSummary
	mustJSON(t, filepath.Join(out, "data", "summary.json"), &sum)

	pages := pageCount(t, pdfinfo, pdf)
	if pages > 5 {
		t.Errorf("the report runs to %d pages; want at most 5", pages)
	}
	prefix := filepath.Join(dir, "page")
	output(t, pdftoppm, "-r", "50", "-gray", "-png", pdf, prefix)
	for i := 1; i < pages; i++ {
		if full := pageFilled(t, pngPage(t, prefix, i, pages)); full < 0.25 {
			t.Errorf("page %d of %d is %.0f%% full; only the last may be less than a quarter full", i, pages, 100*full)
		}
	}

	layout := output(t, pdftotext, "-layout", pdf, "-")
	text := strings.Join(strings.Fields(layout), "")
	title := "《枣阳市人社局2023年度营商环境重点工作12月进展情况》"
	if !strings.Contains(layout, title) {
		t.Errorf("no line holds the whole title %s", title)
	}
	want := []string{"总体情况", "一、重点任务推进情况", "量化指标完成情况", "二、需要关注的任务", "三、与上月相比", "持平", "提高5个百分点",
		"四、上年度评价反馈问题整改", "五、评价准备", "目标线", "六、报送情况", "本月报送情况", "七、单位红黑榜", "红榜", "黑榜", "预计逾期"}
	for _, tk := range sum.Tasks {
		if tk.Status == "overdue" || tk.Status == "lagging" || tk.Status == "no_report" {
			want = append(want, tk.ID+tk.Title)
		}
	}
	for _, tg := range sum.Targets {
		want = append(want, tg.Name)
	}
	for _, p := range sum.Rectifications {
		want = append(want, p.ID)
	}
	last := 0
	for _, u := range sum.Ranking.Units {
		last = max(last, u.Rank)
	}
	for _, u := range sum.Ranking.Units {
		if u.Rank == 1 || u.Rank == last {
			want = append(want, u.Unit)
		}
	}
	for _, w := range want {
		if !strings.Contains(text, strings.Join(strings.Fields(w), "")) {
			t.Errorf("the printed report lacks %q", w)
		}
	}
	if m := regexp.MustCompile(`[+＋-]\d+(\.\d+)? ?个百分点`).FindString(text); m != "" {
		t.Errorf("a change written as a signed number: %q", m)
	}
	d := regexp.MustCompile(`打印日期\s*(\d{4})年(\d+)月(\d+)日`).FindStringSubmatch(layout)
	if d == nil {
		t.Fatal("no 打印日期 on the cover")
	}
	y, _ := strconv.Atoi(d[1])
	mo, _ := strconv.Atoi(d[2])
	day, _ := strconv.Atoi(d[3])
	if printed := time.Date(y, time.Month(mo), day, 12, 0, 0, 0, time.Local); time.Until(printed).Abs() > 36*time.Hour {
		t.Errorf("打印日期 %s: want the day it was printed", d[0])
	}
	if strings.Contains(text, "2001年") {
		t.Error("the report shows the build date (2001)")
	}

	// A heading is never the last thing on its page.
	bbox := output(t, pdftotext, "-bbox", pdf, "-")
	for _, h := range []string{"一、重点任务推进情况", "二、需要关注的任务", "三、与上月相比", "四、上年度评价反馈问题整改", "五、评价准备", "六、报送情况", "七、单位红黑榜"} {
		if !followedOnItsPage(t, bbox, h) {
			t.Errorf("heading %s is the last thing on its page", h)
		}
	}

	// The submissions page prints its matrix with every month in its
	// header; on screen its heat map labels every month and writes a word
	// in every cell.
	subPDF := filepath.Join(dir, "s.pdf")
	if code, stdout, stderr := run("pdf", "--content", "../../content", "--out", out, "--page", "submissions/index.html", "-o", subPDF); code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	subText := strings.Join(strings.Fields(output(t, pdftotext, "-layout", subPDF, "-")), "")
	months, units := map[string]bool{}, map[string]bool{}
	for _, s := range sum.Submissions {
		months[s.Month], units[s.Unit] = true, true
	}
	for m := range months {
		if label := monthLabel(m); !strings.Contains(subText, label) {
			t.Errorf("the printed submissions matrix lacks the month %s", label)
		}
	}
	b := browsertest.ForTest(t)
	rep, err := b.Open("file://"+filepath.ToSlash(filepath.Join(out, "submissions", "index.html")), browser.Options{
		Script: `return JSON.stringify(Array.from(document.querySelectorAll("#submission-matrix svg text")).map(e => e.textContent))`})
	if err != nil {
		t.Fatal(err)
	}
	var drawn []string
	if err := json.Unmarshal([]byte(rep.Script), &drawn); err != nil {
		t.Fatalf("%v: %s", err, rep.Script)
	}
	seen := map[string]int{}
	for _, s := range drawn {
		seen[s]++
	}
	for m := range months {
		label := monthLabel(m)
		if !strings.HasSuffix(m, "-01") && m != firstMonth(months) {
			label = label[strings.Index(label, "年")+len("年"):]
		}
		if seen[label] == 0 {
			t.Errorf("the heat map does not label the month %s (%s)", m, label)
		}
	}
	for u := range units {
		if seen[u] == 0 {
			t.Errorf("the heat map does not name the unit %s", u)
		}
	}
	if cells := seen["按时"] + seen["逾期"] + seen["无效"] + seen["未报"]; cells != len(sum.Submissions) {
		t.Errorf("%d cells of the heat map carry a word; want %d (units × months)", cells, len(sum.Submissions))
	}
}

// TestLongReportTitleWrapsBetweenPhrases: a report's title too long for
// one line breaks between its phrases — the organisation, the year's work,
// the month — never inside a word.
func TestLongReportTitleWrapsBetweenPhrases(t *testing.T) {
	browsertest.ForTest(t).Close()
	pdftotext := need(t, "pdftotext")
	content := copyContent(t)
	yaml := filepath.Join(content, "site.yaml")
	b, err := os.ReadFile(yaml)
	if err != nil {
		t.Fatal(err)
	}
	long := "襄阳市枣阳市人力资源和社会保障局2023年度持续优化营商环境重点工作任务"
	b = regexp.MustCompile(`(?m)^title: .*$`).ReplaceAll(b, []byte("title: "+long))
	if err := os.WriteFile(yaml, b, 0o644); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	pdf := filepath.Join(dir, "r.pdf")
	if code, stdout, stderr := run("pdf", "--content", content, "--out", filepath.Join(dir, "public"), "--month", "2023-11", "-o", pdf); code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	page := output(t, pdftotext, "-layout", "-l", "1", pdf, "-")
	var title []string
	for _, l := range strings.Split(page, "\n") {
		if l = strings.TrimSpace(l); strings.HasPrefix(l, "《") || len(title) > 0 && len(title) < 4 {
			title = append(title, l)
			if strings.HasSuffix(l, "》") {
				break
			}
		}
	}
	phrases := []string{"《襄阳市枣阳市人力资源和社会保障局", "2023年度持续优化营商环境重点工作任务", "11月进展情况》"}
	if len(title) < 2 || !wholePhrases(title, phrases) {
		t.Errorf("the title is laid out as\n%s\nwant lines of whole phrases of %q", strings.Join(title, "\n"), phrases)
	}
}

// wholePhrases reports whether lines are phrases, in order, each line
// one or more whole phrases.
func wholePhrases(lines, phrases []string) bool {
	i := 0
	for _, l := range lines {
		if l == "" {
			return false
		}
		for l != "" {
			if i == len(phrases) || !strings.HasPrefix(l, phrases[i]) {
				return false
			}
			l = strings.TrimSpace(l[len(phrases[i]):])
			i++
		}
	}
	return i == len(phrases)
}

func pageCount(t *testing.T, pdfinfo, pdf string) int {
	t.Helper()
	m := regexp.MustCompile(`Pages:\s+(\d+)`).FindStringSubmatch(output(t, pdfinfo, pdf))
	if m == nil {
		t.Fatalf("pdfinfo gives no page count for %s", pdf)
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// pngPage reads page i of pages rendered by pdftoppm with prefix (which
// pads the page number to the width of the last).
func pngPage(t *testing.T, prefix string, i, pages int) image.Image {
	t.Helper()
	name := prefix + "-" + strings.Repeat("0", len(strconv.Itoa(pages))-len(strconv.Itoa(i))) + strconv.Itoa(i) + ".png"
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// pageFilled is how far down a printed A4 page its ink reaches, as a part
// of the space between the top and bottom margins (16 and 18 mm; the page
// number in the bottom margin is not counted).
func pageFilled(t *testing.T, img image.Image) float64 {
	t.Helper()
	r := img.Bounds()
	top, bottom := r.Min.Y+r.Dy()*16/297, r.Max.Y-r.Dy()*18/297
	lowest := top
	for y := top; y < bottom; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if g, _, _, _ := img.At(x, y).RGBA(); g < 0xD000 {
				lowest = y
				break
			}
		}
	}
	return float64(lowest-top) / float64(bottom-top)
}

// followedOnItsPage reports whether some word in pdftotext -bbox output
// stands below the heading on the heading's page, above its bottom margin.
func followedOnItsPage(t *testing.T, bbox, heading string) bool {
	t.Helper()
	reWord := regexp.MustCompile(`<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>`)
	for _, page := range strings.Split(bbox, "<page ")[1:] {
		words := reWord.FindAllStringSubmatch(page, -1)
		for i, w := range words {
			if len(w[3]) < len("一、") || !strings.HasPrefix(heading, w[3]) && !strings.HasPrefix(w[3], heading) {
				continue
			}
			bottom, _ := strconv.ParseFloat(w[2], 64)
			for _, o := range words[i+1:] {
				y, _ := strconv.ParseFloat(o[1], 64)
				if y > bottom && y < 842-18*72/25.4 {
					return true
				}
			}
			return false
		}
	}
	t.Fatalf("heading %s not found in the PDF", heading)
	return false
}

// monthLabel is "2023年5月" for "2023-05".
func monthLabel(m string) string {
	y, mo, _ := strings.Cut(m, "-")
	n, _ := strconv.Atoi(mo)
	return y + "年" + strconv.Itoa(n) + "月"
}

func firstMonth(months map[string]bool) string {
	first := ""
	for m := range months {
		if first == "" || m < first {
			first = m
		}
	}
	return first
}
