package bench

import (
	"bytes"
	"context"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/plansite/plansite/internal/demo"
)

// TestBenchReportsEveryFigure runs the whole benchmark on two tiny data
// sets (the real one is make bench) and checks that it measured and
// printed every figure the README promises. It asserts no time.
func TestBenchReportsEveryFigure(t *testing.T) {
	dir := t.TempDir()
	plansite, bench := filepath.Join(dir, "plansite"), filepath.Join(dir, "bench")
	for bin, pkg := range map[string]string{plansite: "../../cmd/plansite", bench: "../../cmd/bench"} {
		if out, err := exec.Command("go", "build", "-o", bin, pkg).CombinedOutput(); err != nil {
			t.Fatalf("go build %s: %v\n%s", pkg, err, out)
		}
	}
	sizes := []demo.Size{{Units: 12, Months: 3, Tasks: 6, Seed: 1}, {Units: 24, Months: 3, Tasks: 6, Seed: 1}}
	var log bytes.Buffer
	figs, err := Run(context.Background(), Options{Sizes: sizes, Plansite: plansite, Self: bench, Dir: dir, Runs: 1, Log: &log})
	if err != nil {
		t.Fatalf("%v\n%s", err, log.String())
	}
	if len(figs) != 2 {
		t.Fatalf("%d results for 2 sizes", len(figs))
	}
	for _, f := range figs {
		if f.Workbooks < 20 || f.Rows <= 0 || f.Floor <= 0 || f.Unzip <= 0 || f.Full <= 0 || f.Reading <= 0 || f.Rebuild <= 0 || f.Pages < 20 || f.OutputBytes <= 0 || f.Largest == "" || f.PageStage <= 0 {
			t.Errorf("%d units: missing figures: %+v", f.Size.Units, f)
		}
		if runtime.GOOS == "linux" && (f.FullRSS <= 0 || f.FloorRSS <= 0 || f.UnzipRSS <= 0 || f.FullCPU <= 0 || f.UnzipCPU <= 0) {
			t.Errorf("%d units: no peak memory: %+v", f.Size.Units, f)
		}
		if !strings.HasPrefix(f.Reparsed, "重新解析 1 个表格，重新生成 ") {
			t.Errorf("%d units: the rebuild after one workbook changed %s; want 1 parsed", f.Size.Units, f.Reparsed)
		}
		if f.Text <= 0 || f.TextParsed != 0 || !strings.HasPrefix(f.TextSaid, "重新解析 0 个表格，重新生成 1 个页面") {
			t.Errorf("%d units: the rebuild after a text changed took %v and %s (%d parsed); want 0 parsed, 1 page", f.Size.Units, f.Text, f.TextSaid, f.TextParsed)
		}
	}
	if figs[1].Workbooks <= figs[0].Workbooks {
		t.Errorf("twice the units gave %d workbooks, against %d", figs[1].Workbooks, figs[0].Workbooks)
	}
	var out bytes.Buffer
	Print(&out, figs)
	for _, want := range []string{"解压下限", "excelize 下限", "完整生成", "读取表格", "完整/解压", "读取/解压", "完整/excelize", "完整/解压（CPU）", "重新生成", "重新/解压", "改文字后", "改文字/解压", "峰值内存", "页面/秒", "输出大小", "最大页面", "每翻一番", "超过 2 MB"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the report has no %s:\n%s", want, out.String())
		}
	}
}
