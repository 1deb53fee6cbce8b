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
	fs := newFlags("demo-inbox", "--out 目录 [--content 目录] [--seed N]",
		"为内容目录中的方案生成一套逼真的示例报送表格：每个应报送单位每月一份，有迟报、漏报、更正和几份常见的填写错误。用于演示和培训，不要放进真正的收件文件夹。", stdout, stderr)
	contentDir := fs.content()
	out := fs.String("out", "", "目录", "写到哪个文件夹（必须是空文件夹或不存在）", "")
	var seed uint64
	fs.Uint64(&seed, "seed", ExampleSeed, "随机数种子：种子相同，生成的文件就相同")
	if ok, code := fs.parse(args, 0); !ok {
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
	files, err := demo.Inbox(plan, seed)
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
	fs := newFlags("demo", "--out 目录 [--units N] [--months N] [--tasks N] [--seed N]",
		"生成一个任意规模的合成方案（content）和它的报送表格（content/inbox），用于测试和性能测量。", stdout, stderr)
	var size demo.Size
	fs.Int(&size.Units, "units", 200, "责任单位数")
	fs.Int(&size.Months, "months", 36, "报送月数")
	fs.Int(&size.Tasks, "tasks", 60, "重点任务数")
	fs.Uint64(&size.Seed, "seed", 1, "随机数种子：种子和规模相同，生成的文件就相同")
	out := fs.String("out", "", "目录", "写到哪个文件夹（必须是空文件夹或不存在）；其中生成 content 和 content/inbox", "")
	if ok, code := fs.parse(args, 0); !ok {
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
