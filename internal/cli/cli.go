package cli

import (
	"context"
	"errors"
	"flag"
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

const usage = `plansite：把工作方案和各单位的月度报送表格生成离线可用、可打印的进度网站。

用法：
  plansite build    [--content 目录] [--out 目录] [--month 月份] [--accept-fewer]
                                                   生成网站（默认读取 content/，输出到 public/）
  plansite check    [--inbox 目录] [--month 月份] [--json] [--notices 目录]
                                                   检查收件文件夹中的报送表格，列出问题、未报送单位和催报通知
  plansite export   [--month 月份] [-o 文件] [--docx]
                                                   输出某月的汇总表（Excel），或加 --docx 输出可编辑的月度通报（Word）
  plansite template --unit 单位 --month 月份 [-o 文件]
  plansite template --all --month 月份 --dir 目录  生成各单位的月度报送表格模板
  plansite pdf      [--month 月份] [--page 页面] [-o 文件] [--all] [--chrome 浏览器]
                                                   用 Chromium 把月度报告或任意页面打印为 A4 PDF
  plansite serve    [--addr 127.0.0.1:8080] [--poll 10s]
                                                   本机预览：内容或收件文件夹变动后自动重新生成并刷新页面
  plansite watch    [--poll 10s]                   同上，但不提供预览服务（用于发布到内网服务器的目录）
  plansite demo-inbox --out 目录 [--seed N]       为当前方案生成一套逼真的示例报送表格（用于演示和培训）
  plansite demo --units N --months M --tasks T --out 目录
                                                  生成任意规模的合成方案和报送表格（用于测试和性能测量）
  plansite version                                显示版本
  plansite help                                   显示本说明

各命令的参数：plansite 命令 --help
`

// Run runs the command line args (without the program name) and returns
// the process exit code. It never calls os.Exit. What it writes to stdout
// and stderr has its control characters escaped (see escaping).
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	stdout, stderr = newEscaping(stdout), newEscaping(stderr)
	if len(args) == 0 {
		args = []string{"build"}
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "build":
		return runBuild(ctx, rest, stdout, stderr)
	case "check":
		return runCheck(ctx, rest, stdout, stderr)
	case "export":
		return runExport(ctx, rest, stdout, stderr)
	case "template":
		return runTemplate(ctx, rest, stdout, stderr)
	case "pdf":
		return runPDF(ctx, rest, stdout, stderr)
	case "serve":
		return runServe(ctx, rest, stdout, stderr)
	case "watch":
		return runWatch(ctx, rest, stdout, stderr)
	case "demo-inbox":
		return runDemoInbox(ctx, rest, stdout, stderr)
	case "demo":
		return runDemo(ctx, rest, stdout, stderr)
	case "version", "--version", "-v":
		fmt.Fprintf(stdout, "plansite %s (commit %s, built %s, %s %s/%s)\n", Version, Commit, Date, runtime.Version(), runtime.GOOS, runtime.GOARCH)
		return 0
	case "help", "--help", "-h":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "未知命令“%s”。\n\n%s", cmd, usage)
	return 2
}

// newFlags returns a flag set that prints its usage in Chinese to stderr.
func newFlags(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "用法：plansite %s %s\n\n参数：\n", name, synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags and reports whether the command should go on; code is
// the exit code when it should not.
func parse(fs *flag.FlagSet, args []string) (ok bool, code int) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return false, 0
		}
		return false, 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "多余的参数：%s\n", strings.Join(fs.Args(), " "))
		fs.Usage()
		return false, 2
	}
	return true, 0
}

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("build", "[--content 目录] [--out 目录] [--month 月份] [--inbox 目录] [--no-cache] [--accept-fewer]", stderr)
	contentDir := fs.String("content", "content", "内容目录（site.yaml、units.yaml、tasks/ 等所在的文件夹）")
	out := fs.String("out", "public", "输出目录（整个替换为新生成的网站）")
	monthText := fs.String("month", "", "统计截至的月份，如 2023-06（默认为最近有报送的月份）")
	inboxDir := fs.String("inbox", "", "收件文件夹（默认为 site.yaml 中的 inbox）")
	acceptFewer := fs.Bool("accept-fewer", false, "确认收件文件夹确实比上次生成时少了很多报送（例如有意删除了一批文件），照样生成；不加时 plansite 保留上次的网站并报错")
	noCache := fs.Bool("no-cache", false, "不使用缓存，重新读取所有表格、生成所有页面（缓存为已解析的表格和页面记录，在输出目录旁的 .plansite-cache，可随时删除）")
	if ok, code := parse(fs, args); !ok {
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
		fmt.Fprintf(stderr, "错误：%v\n", err)
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
