package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/plansite/plansite/internal/browser"
	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/site"
	"github.com/plansite/plansite/templates"
)

const noBrowser = `未找到 Chromium 或 Chrome 浏览器，无法生成 PDF。
  Debian、统信 UOS、麒麟等 Linux：sudo apt-get install chromium fonts-noto-cjk
  Windows：安装 Chrome 或使用系统自带的 Edge，并用 --chrome 指定其路径，
           如 --chrome "C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe"
  也可以设置环境变量 PLANSITE_CHROME 为浏览器的路径。
不装浏览器也可以：用浏览器打开网站中的页面，按 Ctrl+P 打印，选择“另存为 PDF”。`

func runPDF(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("pdf", "[--month 月份 | --page 页面] [-o 文件] [--chrome 浏览器]\n--all [--dir 目录] [--chrome 浏览器]",
		"先把网站更新到收件文件夹的最新状态（同 build），再用 Chromium、Chrome 或 Edge 浏览器把月度报告打印为 A4 的 PDF，页脚有“第 N 页 共 M 页”。", stdout, stderr)
	contentDir := fs.content()
	inboxDir := fs.inbox()
	out := fs.out()
	monthText := fs.month("打印哪个月的月度报告", "最近一个有报告的月份")
	pagePath := fs.String("page", "", "页面", "打印网站中的其他页面，如 index.html（总览）或 tasks/1-1/index.html", "")
	file := fs.String("o", "", "文件", "PDF 文件名", "“月份_月度报告.pdf”，在当前文件夹")
	all := fs.Bool("all", "每个月的月度报告各打印一个 PDF")
	dir := fs.String("dir", "pdf", "目录", "与 --all 一起用：PDF 放在哪个文件夹", "pdf")
	chrome := fs.String("chrome", "", "浏览器", "浏览器程序的路径，如 C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe", "自动查找 chromium、chrome、msedge，或环境变量 PLANSITE_CHROME")
	if ok, code := fs.parse(args, 0); !ok {
		return code
	}
	if *all && (*pagePath != "" || *monthText != "" || *file != "") {
		fmt.Fprintln(stderr, "--all 不能与 --page、--month、-o 同时使用。")
		return 2
	}
	if *pagePath != "" && *monthText != "" {
		fmt.Fprintln(stderr, "--page 与 --month 只能用一个。")
		return 2
	}
	month, ok := monthFlag(*monthText, stderr)
	if !ok {
		return 2
	}
	path, err := browser.Find(*chrome)
	if err != nil {
		if !errors.Is(err, browser.ErrNotFound) || *chrome != "" {
			fmt.Fprintf(stderr, "%v\n", err)
		}
		fmt.Fprintln(stderr, noBrowser)
		return 1
	}
	// The site is brought up to date first, by the build itself: it tells
	// a changed workbook by its bytes, whatever its modification time (a
	// file copied with its old time, by robocopy, Explorer or unzip), and
	// with its caches reads and renders only what changed.
	if _, err := site.Build(ctx, site.Options{Content: *contentDir, Out: *out, Inbox: *inboxDir, Templates: templates.FS, Log: stdout, Now: buildTime(), Cache: site.CacheDir(*out)}); err != nil {
		return failBuild(stderr, err, *contentDir, *out)
	}
	type job struct{ page, pdf string }
	var jobs []job
	switch {
	case *all:
		months, _ := filepath.Glob(filepath.Join(*out, "months", "*", "index.html"))
		sort.Strings(months)
		for _, m := range months {
			name := filepath.Base(filepath.Dir(m))
			jobs = append(jobs, job{filepath.ToSlash(filepath.Join("months", name, "index.html")), filepath.Join(*dir, name+"_月度报告.pdf")})
		}
		if len(jobs) == 0 {
			fmt.Fprintln(stderr, "网站中还没有月度报告（收件文件夹中没有可用的报送）。")
			return 1
		}
	case *pagePath != "":
		p := strings.TrimPrefix(filepath.ToSlash(*pagePath), "/")
		if strings.HasSuffix(p, "/") || p == "" {
			p += "index.html"
		}
		name := *file
		if name == "" {
			name = strings.ReplaceAll(strings.TrimSuffix(strings.TrimSuffix(p, "index.html"), "/"), "/", "_")
			if name == "" {
				name = "index"
			}
			name += ".pdf"
		}
		jobs = append(jobs, job{p, name})
	default:
		if month.IsZero() {
			months, _ := filepath.Glob(filepath.Join(*out, "months", "*", "index.html"))
			sort.Strings(months)
			if len(months) == 0 {
				fmt.Fprintln(stderr, "网站中还没有月度报告（收件文件夹中没有可用的报送）。可用 --page 打印其他页面。")
				return 1
			}
			month, _ = domain.ParseMonthISO(filepath.Base(filepath.Dir(months[len(months)-1])))
		}
		name := *file
		if name == "" {
			name = month.String() + "_月度报告.pdf"
		}
		jobs = append(jobs, job{"months/" + month.String() + "/index.html", name})
	}
	for _, j := range jobs {
		if _, err := os.Stat(filepath.Join(*out, filepath.FromSlash(j.page))); err != nil {
			fmt.Fprintf(stderr, "网站中没有页面 %s。", j.page)
			if month.IsZero() {
				fmt.Fprintln(stderr)
			} else {
				fmt.Fprintf(stderr, "（%s 没有报送，或不在报送期内。）\n", month.Label())
			}
			return 1
		}
	}
	b, err := browser.Start(ctx, path)
	if err != nil {
		return fail(stderr, err)
	}
	defer b.Close()
	abs, err := filepath.Abs(*out)
	if err != nil {
		return fail(stderr, err)
	}
	for _, j := range jobs {
		url := "file://" + filepath.ToSlash(filepath.Join(abs, filepath.FromSlash(j.page)))
		if !strings.HasPrefix(url, "file:///") {
			url = "file:///" + strings.TrimPrefix(url, "file://") // Windows: file:///C:/…
		}
		rep, err := b.Open(url, browser.Options{PDF: true, Timeout: 2 * time.Minute})
		if err != nil {
			return fail(stderr, err)
		}
		if rep.State != "ready" || len(rep.Problems) > 0 {
			fmt.Fprintf(stderr, "注意：%s 的图表未能全部绘制（%s）。\n", j.page, strings.Join(rep.Problems, "；"))
		}
		if d := filepath.Dir(j.pdf); d != "." {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return fail(stderr, err)
			}
		}
		if err := os.WriteFile(j.pdf, rep.PDF, 0o644); err != nil {
			return fail(stderr, err)
		}
		fmt.Fprintf(stdout, "已生成 %s（%s，%d KB）\n", j.pdf, j.page, len(rep.PDF)>>10)
	}
	return 0
}
