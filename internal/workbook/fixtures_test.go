package workbook

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/plansite/plansite/internal/domain"
)

var update = flag.Bool("update", false, "rewrite testdata fixtures (needs LibreOffice's soffice)")

// TestMakeFixtures rewrites the workbooks of testdata that another program
// than excelize wrote: go test ./internal/workbook -run TestMakeFixtures -update
func TestMakeFixtures(t *testing.T) {
	if !*update {
		t.Skip("fixtures are rewritten only with -update")
	}
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Fatal("soffice not found: apt-get install libreoffice-calc-nogui")
	}
	p := mustPlan(t)
	work := t.TempDir()
	convert := func(src, name string) {
		t.Helper()
		out := filepath.Join(work, "out")
		args := []string{"--headless", "-env:UserInstallation=file://" + filepath.Join(work, "profile")}
		if filepath.Ext(src) == ".csv" {
			args = append(args, "--infilter=CSV:44,34,76,1") // comma, quote, UTF-8, from line 1
		}
		args = append(args, "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out, src)
		cmd := exec.Command(soffice, args...)
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("soffice: %v\n%s", err, b)
		}
		base := strings.TrimSuffix(filepath.Base(src), filepath.Ext(src)) + ".xlsx"
		b, err := os.ReadFile(filepath.Join(out, base))
		must(t, err)
		must(t, os.WriteFile(filepath.Join("testdata", name), b, 0o644))
	}
	// 1. A filled template, opened and saved again by LibreOffice.
	src := filepath.Join(work, "filled.xlsx")
	must(t, os.WriteFile(src, mustTemplate(t, p, jyzx, fillFor(p, jyzx)), 0o644))
	convert(src, "libreoffice-resaved.xlsx")

	// 2. A sheet made by hand in another program: a title row, columns in
	// another order, a blank row, percentages and dates typed as people do
	// (LibreOffice turns "35%" into the number 0.35 shown as a percent).
	var b strings.Builder
	b.WriteString("就业中心2023年6月重点任务进展,,,\n")
	b.WriteString("推进状态,任务编号,完成进度（%）,本月工作进展,重点任务\n")
	for i, it := range itemsFor(p, taskSheet, jyzx) {
		if i == 2 {
			b.WriteString(",,,,\n")
		}
		fmt.Fprintf(&b, "%s,%s,%d%%,%s,%s\n", domain.TaskStates[i%4].Label(), it.id, 10+i*7, "本月推进"+it.id, it.title)
	}
	csv := filepath.Join(work, "重点任务.csv")
	must(t, os.WriteFile(csv, []byte(b.String()), 0o644))
	convert(csv, "libreoffice-from-csv.xlsx")
}
