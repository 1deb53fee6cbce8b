package cli

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"time"

	"github.com/plansite/plansite/internal/content"
	"github.com/plansite/plansite/internal/demo"
)

// ExampleSeed is the seed of the example inbox in the repository.
const ExampleSeed = 2023

func runDemoInbox(_ context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("demo-inbox", "[--content 目录] --out 目录 [--seed N]", stderr)
	contentDir := fs.String("content", "content", "内容目录")
	out := fs.String("out", "", "写入的文件夹（必须为空或不存在）")
	seed := fs.Uint64("seed", ExampleSeed, "随机种子：相同的种子生成相同的文件")
	if ok, code := parse(fs, args); !ok {
		return code
	}
	if *out == "" {
		fmt.Fprintln(stderr, "请用 --out 指定写入的文件夹。")
		return 2
	}
	plan, err := content.Load(*contentDir)
	if err != nil {
		return failContent(stderr, err)
	}
	files, err := demo.Inbox(plan, *seed)
	if err != nil {
		return fail(stderr, err)
	}
	if err := demo.Write(*out, files); err != nil {
		return fail(stderr, err)
	}
	fmt.Fprintf(stdout, "已在 %s 生成 %d 个示例文件。\n", *out, len(files))
	return 0
}

func runDemo(_ context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("demo", "--units N --months M --tasks T --out 目录 [--seed N]", stderr)
	var size demo.Size
	fs.IntVar(&size.Units, "units", 200, "责任单位数")
	fs.IntVar(&size.Months, "months", 36, "报送月数")
	fs.IntVar(&size.Tasks, "tasks", 60, "重点任务数")
	fs.Uint64Var(&size.Seed, "seed", 1, "随机种子：相同的种子和规模生成相同的文件")
	out := fs.String("out", "", "写入的文件夹（必须为空或不存在）；其中生成 content/ 和 content/inbox/")
	if ok, code := parse(fs, args); !ok {
		return code
	}
	if *out == "" {
		fmt.Fprintln(stderr, "请用 --out 指定写入的文件夹。")
		return 2
	}
	if err := size.Check(); err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	start := time.Now()
	n, err := demo.WriteSynthetic(*out, size, runtime.GOMAXPROCS(0))
	if err != nil {
		return fail(stderr, err)
	}
	dir := filepath.Join(*out, "content")
	fmt.Fprintf(stdout, "已在 %s 生成合成方案（%d 个单位，%d 个月，%d 项任务）和 %d 个报送文件（%.1f 秒）。\n生成网站：plansite build --content %s --out %s\n",
		dir, size.Units, size.Months, size.Tasks, n, time.Since(start).Seconds(), dir, filepath.Join(*out, "public"))
	return 0
}
