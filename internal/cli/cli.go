package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/plansite/plansite/internal/content"
	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/site"
	"github.com/plansite/plansite/templates"
)

// Version, Commit and Date are set at link time by make dist
// (-ldflags "-X github.com/plansite/plansite/internal/cli.Version=…").
var (
	Version = "dev"
	Commit  = "unknown"
	Date    = "unknown"
)

const usage = `plansite：把工作方案和各单位每月交来的报送表格，生成可以离线打开、可以打印的工作进度网站。

用法：plansite 命令 [参数]

每月要做的：
  template    为各单位生成本月的报送表格（只含该单位的任务、问题和指标，已预填）
  check       检查收件文件夹中的表格：列出填错的地方、未报送和无效报送的单位，写出催报通知
  build       生成网站（默认读取 content 文件夹，生成到 public 文件夹）
  pdf         把月度报告（或网站中任一页面）打印为 A4 的 PDF
  export      导出某月的汇总表（Excel）或通报（Word，可编辑）
  serve       本机预览网站：文件有变动就重新生成并刷新页面
  watch       同 serve，但不开预览（放在计划任务里，有表格交来就重新生成网站）

开始一个新方案：
  new 目录    新建内容目录：带中文注释的方案设置、单位、任务等样板，改好即可使用

演示和测试：
  demo-inbox  为当前方案生成一套示例报送表格（用于演示和培训）
  demo        生成任意规模的合成方案和报送表格（用于测试和性能测量）

其他：
  version     显示版本
  help 命令   显示该命令的参数（也可以写 plansite 命令 --help）

build、check、export、pdf、serve、watch 通用的参数：
  --content 目录   内容目录。默认：content
  --inbox 目录     收件文件夹。默认：site.yaml 中 inbox 所写的文件夹
  --out 目录       网站输出目录（check、export 不用）。默认：public
  --month 月份     写成 2023-12 的形式。默认：最近有报送的月份

详细的使用说明：docs/使用说明.md，或生成的网站页脚的“使用说明”。
`

// Run runs the command line args (without the program name) and returns
// the process exit code. It never calls os.Exit. What it writes to stdout
// and stderr has its control characters escaped (see escaping).
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	stdout, stderr = newEscaping(stdout), newEscaping(stderr)
	if len(args) == 0 {
		// Not a build, as it was before issue 21: a scheduled task that
		// still runs plansite with no command fails visibly (exit 2)
		// instead of doing something else than its author thinks.
		fmt.Fprint(stderr, "请指定要做什么，如 plansite build。\n\n"+usage)
		if aloneInConsole() {
			// Double-clicked in Explorer: the window would close before
			// anything could be read.
			fmt.Fprint(stderr, "\nplansite 是在命令窗口中使用的程序：在文件夹的地址栏中输入 cmd 并回车，打开命令窗口，再输入上面的命令（详见使用说明）。\n按回车键关闭本窗口。\n")
			waitForEnter()
		}
		return 2
	}
	cmd, rest := args[0], args[1:]
	if run, ok := commands[cmd]; ok {
		return run(ctx, rest, stdout, stderr)
	}
	switch cmd {
	case "version", "--version", "-v":
		fmt.Fprintf(stdout, "plansite %s (commit %s, built %s, %s %s/%s)\n", Version, Commit, Date, runtime.Version(), runtime.GOOS, runtime.GOARCH)
		return 0
	case "help", "--help", "-h":
		if len(rest) > 0 {
			if run, ok := commands[rest[0]]; ok {
				return run(ctx, []string{"--help"}, stdout, stderr)
			}
			fmt.Fprintf(stderr, "没有命令“%s”。\n\n%s", rest[0], usage)
			return 2
		}
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "没有命令“%s”。\n\n%s", cmd, usage)
	return 2
}

// commands are plansite's commands by name (init is another name of new).
var commands = map[string]func(ctx context.Context, args []string, stdout, stderr io.Writer) int{
	"build": runBuild, "check": runCheck, "export": runExport, "template": runTemplate,
	"pdf": runPDF, "serve": runServe, "watch": runWatch, "new": runNew, "init": runNew,
	"demo-inbox": runDemoInbox, "demo": runDemo,
}

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("build", "[--content 目录] [--inbox 目录] [--out 目录] [--month 月份] [--no-cache] [--accept-fewer]",
		"读取内容目录和收件文件夹，生成网站。新网站生成完整后才替换输出目录；出错时原有网站保持不变。", stdout, stderr)
	contentDir := fs.content()
	inboxDir := fs.inbox()
	out := fs.out()
	monthText := fs.month("统计截至哪个月", "最近有报送的月份")
	noCache := fs.Bool("no-cache", "不用缓存，重新读取所有表格、生成所有页面（缓存在输出目录旁的 .plansite-cache 文件夹，可随时删除）")
	acceptFewer := fs.Bool("accept-fewer", "确认收件文件夹确实比上次生成时少了很多报送（例如有意删除了一批文件），照样生成；不加时保留上次的网站并报错")
	if ok, code := fs.parse(args, 0); !ok {
		return code
	}
	month, ok := monthFlag(*monthText, stderr)
	if !ok {
		return 2
	}
	cache := site.CacheDir(*out)
	if *noCache {
		cache = ""
	}
	res, err := site.Build(ctx, site.Options{Content: *contentDir, Out: *out, Templates: templates.FS, Log: stdout, Now: buildTime(), Month: month, Inbox: *inboxDir, Cache: cache, AcceptFewer: *acceptFewer})
	if err != nil {
		return failBuild(stderr, err, *contentDir, *out)
	}
	fmt.Fprintf(stdout, "完成：截至 %s；读取 %d 个表格，%d 处问题；%d 个页面，%d 个文件，用时 %.3f 秒。打开 %s 查看。\n",
		res.AsOf.Label(), res.Workbooks, res.Findings, res.Pages, res.Files, res.Elapsed.Seconds(), filepath.Join(*out, "index.html"))
	return 0
}

// buildTime is the time a build says it was made: SOURCE_DATE_EPOCH
// (seconds since 1970, the convention of reproducible builds) when set,
// so that two builds of the same inputs write the same bytes; else zero,
// for now.
func buildTime() time.Time {
	s, err := strconv.ParseInt(os.Getenv("SOURCE_DATE_EPOCH"), 10, 64)
	if err != nil {
		return time.Time{}
	}
	return time.Unix(s, 0).UTC()
}

// fail prints err for a person and returns exit code 1: the command ran and
// could not do its work (for build: content errors, the old site kept).
func fail(stderr io.Writer, err error) int {
	return report(stderr, err, "，网站未生成（原有网站保持不变）", 1)
}

// failBuild is fail for a build of the site of contentDir into out; when
// the inbox fell far short of the last build's, it says how to accept it.
func failBuild(stderr io.Writer, err error, contentDir, out string) int {
	code := fail(stderr, err)
	acceptHint(stderr, err, contentDir, out)
	return code
}

// acceptHint says, when err is site.ErrFewer, how to accept the smaller
// inbox: once, with build.
func acceptHint(stderr io.Writer, err error, contentDir, out string) {
	if errors.Is(err, site.ErrFewer) {
		fmt.Fprintf(stderr, "如果收件文件夹确实变小了（例如有意删除了一批文件），确认后运行一次：plansite build --content %s --out %s --accept-fewer\n", quoteArg(contentDir), quoteArg(out))
	}
}

// quoteArg quotes a path for a command line when it needs it.
func quoteArg(s string) string {
	if s == "" || strings.ContainsAny(s, " \t\"'") {
		return strconv.Quote(s)
	}
	return s
}

// failContent reports a content folder that a command other than build
// could not load; it returns exit code 2.
func failContent(stderr io.Writer, err error) int {
	return report(stderr, err, "", 2)
}

func report(stderr io.Writer, err error, consequence string, code int) int {
	if errors.Is(err, context.Canceled) {
		fmt.Fprintf(stderr, "已中断%s。\n", consequence)
		return code
	}
	var ce content.Errors
	if !errors.As(err, &ce) {
		fmt.Fprintf(stderr, "错误：%s\n", said(err))
		return code
	}
	fmt.Fprintf(stderr, "内容目录有 %d 处错误%s：\n", len(ce), consequence)
	for _, e := range ce {
		fmt.Fprintf(stderr, "  %s\n", e.Error())
	}
	return code
}

// monthFlag reads a --month value ("" for none); ok is false (and the
// message printed) when it is not a month.
func monthFlag(text string, stderr io.Writer) (m domain.Month, ok bool) {
	if text == "" {
		return m, true
	}
	m, err := domain.ParseMonthISO(text)
	if err != nil {
		fmt.Fprintf(stderr, "月份“%s”有误，请写成 2023-06 的形式。\n", text)
		return m, false
	}
	return m, true
}
