package bench

import (
	"fmt"
	"io"
	"math"
	"strings"
	"text/tabwriter"
)

// Print writes the figures as a table and the targets, checked on the
// largest data set, and reports whether every target holds.
func Print(w io.Writer, all []Figures) bool {
	if len(all) == 0 {
		return false
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "单位×月×任务\t表格数\t解压下限\texcelize 下限\t完整生成\t读取表格\t完整/解压\t读取/解压\t完整/excelize\t重新生成\t重新/解压\t改文字后\t改文字/解压\t峰值内存\t页面数\t页面/秒\t输出大小\t最大页面\t")
	for _, f := range all {
		fmt.Fprintf(tw, "%d×%d×%d\t%d\t%.2f s\t%.2f s\t%.2f s\t%.2f s\t%.2f\t%.2f\t%.2f\t%.3f s\t%.2f\t%.3f s\t%.2f\t%s\t%d\t%.0f\t%s\t%s（%s）\t\n",
			f.Size.Units, f.Size.Months, f.Size.Tasks, f.Workbooks,
			f.Unzip.Seconds(), f.Floor.Seconds(), f.Full.Seconds(), f.Reading.Seconds(),
			f.FullToUnzip(), f.ReadToUnzip(), f.FullToFloor(),
			f.Rebuild.Seconds(), f.RebuildToUnzip(), f.Text.Seconds(), f.TextToUnzip(), mb(max(f.FullRSS, f.RebuildRSS)),
			f.Pages, f.PagesPerSecond(), mb(f.OutputBytes), f.Largest, mb(f.LargestBytes))
	}
	tw.Flush()
	fmt.Fprintln(w)
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "单位×月×任务\t表格数\t解压下限 CPU\t完整生成 CPU\t完整/解压（CPU）\t")
	for _, f := range all {
		fmt.Fprintf(tw, "%d×%d×%d\t%d\t%.2f s\t%.2f s\t%.2f\t\n", f.Size.Units, f.Size.Months, f.Size.Tasks, f.Workbooks, f.UnzipCPU.Seconds(), f.FullCPU.Seconds(), f.CPUFullToUnzip())
	}
	tw.Flush()
	fmt.Fprintln(w, "（CPU：进程所用的处理器时间，用户态加内核态；机器同时运行其他工作时比墙钟时间稳定，仅供参考，目标按墙钟时间检查）")
	fmt.Fprintln(w, "（解压下限：读出每个文件、解压其中每个部件，不解析，每核一个线程；excelize 下限：用 excelize 打开每个表格、读出每个工作表的每一行；完整生成：plansite build --no-cache；读取表格：完整生成中读取报送表格的阶段；重新生成：改动一个表格后 plansite build；改文字后：改动一项任务的说明或一个页面的正文后 plansite build；页面/秒：完整生成的页面阶段）")
	fmt.Fprintln(w)
	big := all[len(all)-1]
	ok := true
	check := func(pass bool, format string, args ...any) {
		mark := "达标"
		if !pass {
			mark, ok = "未达标", false
		}
		fmt.Fprintf(w, "[%s] %s\n", mark, fmt.Sprintf(format, args...))
	}
	fmt.Fprintf(w, "目标（比值在 %d 个以上表格的每一组上，其余在最大的一组 %d 个表格上）：\n", RatioFrom, big.Workbooks)
	for _, f := range all {
		if f.Workbooks < RatioFrom && f != big {
			continue
		}
		check(f.FullToUnzip() <= UnzipRatio, "%d 个表格：完整生成是解压下限的 %.2f 倍（目标 ≤ %.1f 倍）", f.Workbooks, f.FullToUnzip(), UnzipRatio)
		check(f.ReadToUnzip() <= ReadRatio, "%d 个表格：读取表格是解压下限的 %.2f 倍（目标 ≤ %.1f 倍）", f.Workbooks, f.ReadToUnzip(), ReadRatio)
		check(f.FullToFloor() <= FloorRatio, "%d 个表格：完整生成是 excelize 下限的 %.2f 倍（目标 ≤ %.1f 倍）", f.Workbooks, f.FullToFloor(), FloorRatio)
		check(f.RebuildToUnzip() <= RebuildRatio, "%d 个表格：改动一个表格后重新生成 %.3f 秒，是解压下限的 %.2f 倍（目标 ≤ %.2f 倍；%s）", f.Workbooks, f.Rebuild.Seconds(), f.RebuildToUnzip(), RebuildRatio, f.Reparsed)
		check(f.TextToUnzip() <= TextRatio && f.TextParsed == 0, "%d 个表格：改动任务说明或页面正文后重新生成 %.3f 秒，是解压下限的 %.2f 倍（目标 ≤ %.1f 倍，且不重新解析任何表格；%s）", f.Workbooks, f.Text.Seconds(), f.TextToUnzip(), TextRatio, f.TextSaid)
	}
	check(max(big.FullRSS, big.RebuildRSS) <= MaxRSS, "峰值内存 %s（目标 ≤ %s）", mb(max(big.FullRSS, big.RebuildRSS)), mb(MaxRSS))
	for i := 1; i < len(all); i++ {
		a, b := all[i-1], all[i]
		k := float64(b.Workbooks) / float64(a.Workbooks)
		grow := ratio(b.Full, a.Full)
		// Time growth per doubling of the workbooks: grow^(1/log2 k).
		perDoubling := math.Pow(grow, 1/math.Log2(k))
		check(perDoubling <= Doubling, "表格从 %d 增至 %d 个（%.2f 倍），完整生成用时增至 %.2f 倍，即每翻一番 %.2f 倍（目标 ≤ %.1f 倍）", a.Workbooks, b.Workbooks, k, grow, perDoubling, Doubling)
	}
	var biggest []string
	for _, f := range all {
		if f.LargestBytes > 2<<20 {
			biggest = append(biggest, fmt.Sprintf("%s（%s）", f.Largest, mb(f.LargestBytes)))
		}
	}
	check(len(biggest) == 0, "没有超过 2 MB 的页面%s", strings.Join(biggest, "、"))
	return ok
}

func mb(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/(1<<20)) }
