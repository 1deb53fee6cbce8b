package officetest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Need returns the path of program tool, or skips (fails under CI=true)
// with the Debian package to install.
func Need(tb testing.TB, tool, pkg string) string {
	tb.Helper()
	p, err := exec.LookPath(tool)
	if err != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("%s not found: CI must install %s (see .ci/run)", tool, pkg)
		}
		tb.Skipf("%s not found: apt-get install %s (CI always runs this test)", tool, pkg)
	}
	return p
}

// ToPDF converts files (.xlsx, .docx) to PDF with LibreOffice in a
// profile of its own, and returns the PDFs' paths in the same order. A
// conversion that fails or writes nothing fails the test.
func ToPDF(tb testing.TB, files ...string) []string {
	tb.Helper()
	soffice := Need(tb, "soffice", "libreoffice-calc-nogui libreoffice-writer-nogui")
	dir := tb.TempDir()
	profile := "file://" + filepath.ToSlash(filepath.Join(dir, "profile"))
	out := filepath.Join(dir, "pdf")
	args := append([]string{"-env:UserInstallation=" + profile, "--headless", "--norestore", "--convert-to", "pdf", "--outdir", out}, files...)
	cmd := exec.Command(soffice, args...)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	b, err := cmd.CombinedOutput()
	if err != nil {
		tb.Fatalf("soffice %v: %v\n%s", files, err, b)
	}
	if strings.Contains(strings.ToLower(string(b)), "error") {
		tb.Fatalf("soffice reported an error:\n%s", b)
	}
	var pdfs []string
	for _, f := range files {
		p := filepath.Join(out, strings.TrimSuffix(filepath.Base(f), filepath.Ext(f))+".pdf")
		if info, err := os.Stat(p); err != nil || info.Size() == 0 {
			tb.Fatalf("soffice wrote no PDF for %s (%v):\n%s", f, err, b)
		}
		pdfs = append(pdfs, p)
	}
	return pdfs
}

// Resave opens workbook file in LibreOffice Calc and in Gnumeric and has
// each save it again as .xlsx, as a unit's clerk does in those programs,
// and returns the two files' bytes: LibreOffice's, then Gnumeric's.
func Resave(tb testing.TB, file string) (libreoffice, gnumeric []byte) {
	tb.Helper()
	soffice := Need(tb, "soffice", "libreoffice-calc-nogui")
	ssconvert := Need(tb, "ssconvert", "gnumeric")
	dir := tb.TempDir()
	run := func(name string, args ...string) {
		tb.Helper()
		cmd := exec.Command(name, args...)
		cmd.Env = append(os.Environ(), "HOME="+dir)
		if b, err := cmd.CombinedOutput(); err != nil {
			tb.Fatalf("%s %v: %v\n%s", name, args, err, b)
		}
	}
	read := func(path string) []byte {
		tb.Helper()
		b, err := os.ReadFile(path)
		if err != nil || len(b) == 0 {
			tb.Fatalf("no file written at %s (%v)", path, err)
		}
		return b
	}
	lo := filepath.Join(dir, "libreoffice")
	run(soffice, "-env:UserInstallation=file://"+filepath.ToSlash(filepath.Join(dir, "profile")), "--headless", "--norestore",
		"--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", lo, file)
	gn := filepath.Join(dir, "gnumeric.xlsx")
	run(ssconvert, "--export-type=Gnumeric_Excel:xlsx2", file, gn)
	return read(filepath.Join(lo, strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))+".xlsx")), read(gn)
}

// PageTexts splits the text of a PDF (Text) into its pages.
func PageTexts(text string) []string {
	return strings.Split(strings.TrimSuffix(text, "\f"), "\f")
}

// Text returns the text of a PDF, laid out (pdftotext -layout) when
// layout is set.
func Text(tb testing.TB, pdf string, layout bool) string {
	tb.Helper()
	tool := Need(tb, "pdftotext", "poppler-utils")
	args := []string{pdf, "-"}
	if layout {
		args = append([]string{"-layout"}, args...)
	}
	b, err := exec.Command(tool, args...).CombinedOutput()
	if err != nil {
		tb.Fatalf("pdftotext %s: %v\n%s", pdf, err, b)
	}
	return string(b)
}

// Squeeze removes every space and line break from text: the converters
// space Chinese from digits and Latin letters, and break lines where they
// like, so tests compare text without them.
func Squeeze(text string) string {
	return strings.Join(strings.Fields(text), "")
}

// Pages returns the number of pages of a PDF and the size of its first
// page in points, from pdfinfo.
func Pages(tb testing.TB, pdf string) (pages int, width, height float64) {
	tb.Helper()
	tool := Need(tb, "pdfinfo", "poppler-utils")
	b, err := exec.Command(tool, pdf).CombinedOutput()
	if err != nil {
		tb.Fatalf("pdfinfo %s: %v\n%s", pdf, err, b)
	}
	for _, line := range strings.Split(string(b), "\n") {
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		v = strings.TrimSpace(v)
		switch k {
		case "Pages":
			_, _ = fmt.Sscan(v, &pages)
		case "Page size":
			_, _ = fmt.Sscan(v, &width, new(string), &height)
		}
	}
	return pages, width, height
}
