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
	fs := newFlags("pdf", "[--month YYYY-MM] [--page 页面] [-o 文件] | --all [--dir 目录]", stderr)
	contentDir := fs.String("content", "content", "内容目录")
	out := fs.String("out", "public", "网站目录（需要时先生成网站）")
	monthText := fs.String("month", "", "打印这个月份的月度报告（默认最近一个月）")
	pagePath := fs.String("page", "", "打印网站中的任意页面，如 tasks/1-1/index.html")
	file := fs.String("o", "", "PDF 文件名（默认为“月份_月度报告.pdf”）")
	all := fs.Bool("all", false, "每个月的月度报告各打印一个 PDF")
	dir := fs.String("dir", "pdf", "与 --all 一起使用：PDF 的输出目录")
	chrome := fs.String("chrome", "", "浏览器程序的路径（默认自动查找 chromium、chrome 或 edge）")
	if ok, code := parse(fs, args); !ok {
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
	if _, err := site.Build(ctx, site.Options{Content: *contentDir, Out: *out, Templates: templates.FS, Log: stdout, Now: buildTime(), Cache: site.CacheDir(*out)}); err != nil {
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
