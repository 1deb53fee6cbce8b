package bench

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
)

// Main is the bench command: "bench [flags]" measures; "bench floor DIR"
// (excelize) and "bench unzip DIR" are the floors themselves, run as child
// processes. It returns the exit code:
// 0 when every target holds, 1 when one does not or the run failed, 2 for
// wrong usage.
func Main(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 2 && args[0] == "unzip" {
		files, inflated, err := Unzip(args[1])
		if err != nil {
			fmt.Fprintln(stderr, err)
			return 1
		}
		fmt.Fprintln(stdout, files, inflated)
		return 0
	}
	if len(args) == 2 && args[0] == "floor" {
		files, rows, err := Floor(args[1])
		if err != nil {
			fmt.Fprintln(stderr, err)
			return 1
		}
		fmt.Fprintln(stdout, files, rows)
		return 0
	}
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	sizes := fs.String("sizes", "200x9x60,200x18x60,200x36x60,500x72x60", "数据规模：单位数x月数x任务数，逗号分隔，从小到大（最后一组约 36,000 个表格，一个省一年多的量）")
	plansite := fs.String("plansite", "./plansite", "要测量的 plansite 程序")
	runs := fs.Int("runs", 3, "每项测量的次数（取中位数）")
	seed := fs.Uint64("seed", 1, "合成数据的随机种子")
	dir := fs.String("dir", os.TempDir(), "生成数据的文件夹（测量后删除）")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	list, err := ParseSizes(*sizes, *seed)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	self, err := os.Executable()
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	fmt.Fprintf(stdout, "plansite 性能测量：%s，%d 核，每项 %d 次取中位数\n", runtime.GOARCH, runtime.GOMAXPROCS(0), *runs)
	all, err := Run(ctx, Options{Sizes: list, Plansite: *plansite, Self: self, Dir: *dir, Runs: *runs, Log: stdout})
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	fmt.Fprintln(stdout)
	if !Print(stdout, all) {
		return 1
	}
	return 0
}
