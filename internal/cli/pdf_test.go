package cli

import (
	"bytes"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/plansite/plansite/internal/browser/browsertest"
)

// need returns the path of a poppler tool; the test is skipped without it
// on a developer's machine and fails under CI=true (CI installs
// poppler-utils).
func need(t *testing.T, tool string) string {
	t.Helper()
	p, err := exec.LookPath(tool)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s not found: CI must install poppler-utils", tool)
		}
		t.Skipf("%s not found: apt-get install poppler-utils (CI always runs this test)", tool)
	}
	return p
}

func output(t *testing.T, name string, args ...string) string {
	t.Helper()
	b, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, b)
	}
	return string(b)
}

// TestMonthlyReportPDF prints the example's June report and reads the PDF
// as a person would: A4 pages, real Chinese text with the title, the status
// words and page numbers, and the status chart drawn.
func TestMonthlyReportPDF(t *testing.T) {
	browsertest.ForTest(t).Close() // skips or fails as browser tests do when Chromium is missing
	pdfinfo, pdftotext, pdftoppm := need(t, "pdfinfo"), need(t, "pdftotext"), need(t, "pdftoppm")
	dir := t.TempDir()
	pdf := filepath.Join(dir, "r.pdf")
	code, stdout, stderr := run("pdf", "--content", "../../content", "--out", filepath.Join(dir, "public"), "--month", "2023-06", "-o", pdf)
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	if strings.Contains(stderr, "注意") {
		t.Errorf("charts not all drawn: %s", stderr)
	}

	info := output(t, pdfinfo, "-f", "1", "-l", "99", pdf)
	pages, _ := strconv.Atoi(regexp.MustCompile(`Pages:\s+(\d+)`).FindStringSubmatch(info)[1])
	sizes := regexp.MustCompile(`Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts`).FindAllStringSubmatch(info, -1)
	if pages < 2 || len(sizes) != pages {
		t.Fatalf("%d pages, %d sizes:\n%s", pages, len(sizes), info)
	}
	for i, s := range sizes {
		w, _ := strconv.ParseFloat(s[1], 64)
		h, _ := strconv.ParseFloat(s[2], 64)
		if w < 594 || w > 596.5 || h < 841 || h > 843 {
			t.Errorf("page %d is %s × %s pt; want A4 595 × 842", i+1, s[1], s[2])
		}
	}

	text := output(t, pdftotext, "-layout", pdf, "-")
	for _, want := range []string{"《枣阳市人社局2023年度营商环境重点工作6月进展情况》", "已完成", "正常推进", "滞后", "重点任务状态（项）", "上年度评价反馈问题整改"} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF text lacks %q", want)
		}
	}
	for i := 1; i <= pages; i++ {
		if !regexp.MustCompile(`第\s*` + strconv.Itoa(i) + `\s*页\s*共\s*` + strconv.Itoa(pages) + `\s*页`).MatchString(text) {
			t.Errorf("no footer 第 %d 页 共 %d 页", i, pages)
		}
	}

	// The status chart: find its caption, then count the ink under it.
	bbox := output(t, pdftotext, "-bbox", pdf, "-")
	page, x, y := captionBox(t, bbox, "重点任务状态（项）")
	prefix := filepath.Join(dir, "page")
	output(t, pdftoppm, "-r", "72", "-f", strconv.Itoa(page), "-l", strconv.Itoa(page), "-png", "-singlefile", pdf, prefix)
	f, err := os.ReadFile(prefix + ".png")
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(f))
	if err != nil {
		t.Fatal(err)
	}
	ink, total := 0, 0
	for py := int(y) + 12; py < int(y)+200 && py < img.Bounds().Max.Y; py++ {
		for px := int(x); px < int(x)+500 && px < img.Bounds().Max.X; px++ {
			r, g, b, _ := img.At(px, py).RGBA()
			total++
			if r < 0xE000 || g < 0xE000 || b < 0xE000 {
				ink++
			}
		}
	}
	if total == 0 || float64(ink)/float64(total) < 0.05 {
		t.Errorf("page %d: the status chart's box below (%.0f, %.0f) is %d/%d inked: the chart is blank", page, x, y, ink, total)
	}
}

// captionBox finds the first word of text in pdftotext -bbox output made of
// the caption's characters, and returns its page and its lower-left corner
// in points (which are pixels at 72 dpi).
func captionBox(t *testing.T, bbox, caption string) (page int, x, y float64) {
	t.Helper()
	rePage := regexp.MustCompile(`<page `)
	reWord := regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>`)
	parts := rePage.Split(bbox, -1)
	for i, part := range parts[1:] {
		for _, m := range reWord.FindAllStringSubmatch(part, -1) {
			if strings.HasPrefix(caption, m[4]) && len(m[4]) >= len("重点任务") {
				x, _ = strconv.ParseFloat(m[1], 64)
				y, _ = strconv.ParseFloat(m[3], 64)
				return i + 1, x, y
			}
		}
	}
	t.Fatalf("caption %q not found in the PDF", caption)
	return 0, 0, 0
}

func TestPDFWithoutBrowser(t *testing.T) {
	code, _, stderr := run("pdf", "--content", "../../content", "--out", filepath.Join(t.TempDir(), "public"), "--chrome", "/nonexistent/chromium")
	if code != 1 {
		t.Errorf("exit %d; want 1", code)
	}
	for _, want := range []string{"未找到 Chromium 或 Chrome", "apt-get install chromium", "Ctrl+P"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("message lacks %q:\n%s", want, stderr)
		}
	}
}
