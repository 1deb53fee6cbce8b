package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"github.com/plansite/plansite/internal/content"
	"github.com/plansite/plansite/internal/pages"
	"github.com/plansite/plansite/internal/publish"
	"github.com/plansite/plansite/internal/serve"
	"github.com/plansite/plansite/internal/site"
	"github.com/plansite/plansite/internal/watch"
	"github.com/plansite/plansite/templates"
)

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return runLive(ctx, "serve", args, stdout, stderr)
}

func runWatch(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return runLive(ctx, "watch", args, stdout, stderr)
}

// runLive builds the site, then rebuilds it whenever the content folder or
// the inbox changes and stops changing; serve also serves it on loopback
// with live reload. A failed rebuild keeps the last good site.
func runLive(ctx context.Context, cmd string, args []string, stdout, stderr io.Writer) int {
	synopsis := "[--content 目录] [--inbox 目录] [--out 目录] [--month 月份] [--poll 时长]"
	about := "生成网站，然后监视内容目录和收件文件夹：有文件变动、且停止变动约一秒后重新生成网站。重新生成失败时继续使用上一次的网站。按 Ctrl+C 停止。"
	if cmd == "serve" {
		synopsis = "[--addr 地址] " + synopsis
		about = "在本机预览网站（浏览器打开它显示的网址），" + strings.TrimPrefix(about, "生成网站，") + "打开的页面会自动刷新。"
	}
	fs := newFlags(cmd, synopsis, about, stdout, stderr)
	contentDir := fs.content()
	inboxFlag := fs.inbox()
	out := fs.out()
	monthText := fs.month("统计截至哪个月", "最近有报送的月份")
	poll := fs.Duration("poll", 10*time.Second, "每隔多久扫描一次文件夹（网络共享文件夹收不到变动通知，靠它发现新文件）", "10s（10 秒）")
	addr := new(string)
	if cmd == "serve" {
		addr = fs.String("addr", "127.0.0.1:8080", "地址", "预览服务的地址和端口；不是 127.0.0.1 时局域网内其他电脑也能访问", "127.0.0.1:8080（只有本机能访问）")
	}
	if ok, code := fs.parse(args, 0); !ok {
		return code
	}
	month, ok := monthFlag(*monthText, stderr)
	if !ok {
		return 2
	}
	if *poll < 500*time.Millisecond {
		fmt.Fprintln(stderr, "--poll 至少为 500ms（半秒）。")
		return 2
	}
	var h *serve.Handler
	// One builder for every rebuild: it keeps the templates parsed and the
	// parsed workbooks decoded from one build to the next.
	bld := new(site.Builder)
	rebuild := func() site.Result {
		res, err := bld.Build(ctx, site.Options{Content: *contentDir, Out: *out, Inbox: *inboxFlag, Month: month, Templates: templates.FS, Now: buildTime(), Cache: site.CacheDir(*out)})
		if err != nil {
			fmt.Fprintf(stderr, "%s 重新生成失败，继续使用上一次的网站：\n", time.Now().Format("15:04:05"))
			report(stderr, err, "", 1)
			acceptHint(stderr, err, *contentDir, *out)
		} else {
			copying := ""
			if res.Copying > 0 {
				copying = fmt.Sprintf("，%d 个表格仍在复制中（%s 以后再读）", res.Copying, res.Settled.Format("15:04:05"))
			}
			fmt.Fprintf(stdout, "%s 已生成：截至 %s，%d 个表格（重新解析 %d 个），%d 处问题，%d 个页面%s，用时 %.3f 秒\n",
				time.Now().Format("15:04:05"), res.AsOf.Label(), res.Workbooks, res.Parsed, res.Findings, res.Pages, copying, res.Elapsed.Seconds())
		}
		if h != nil {
			h.Rebuilt(err)
		}
		if err == nil {
			_ = publish.Prepare(*out) // for the next rebuild; without, it only takes longer
		}
		// Builds run without collecting garbage (main sets the GC): the
		// garbage of this one is collected now, in the quiet time, and
		// the memory given back to the system.
		debug.FreeOSMemory()
		return res
	}
	if cmd == "serve" {
		h = serve.New(*out, *addr)
	}

	// Watching begins before the first build, so that nothing that
	// changes while it runs is missed: the content folder and the inbox
	// it names. What to watch is known again after each build: the inbox
	// the content names then (the last one known while the content cannot
	// be read).
	inboxDir := *inboxFlag
	if plan, err := content.Load(*contentDir, pages.Reserved()...); err == nil && inboxDir == "" {
		inboxDir = plan.Settings.Inbox
	}
	watched := func(res site.Result) []string {
		if res.Inbox != "" {
			inboxDir = res.Inbox
		}
		if inboxDir == "" {
			return []string{*contentDir}
		}
		return []string{*contentDir, inboxDir}
	}
	w, err := watch.New(watched(site.Result{}), watch.Options{Poll: *poll})
	if err != nil {
		return fail(stderr, err)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	changes := w.Changes(ctx)
	res := rebuild()
	w.SetDirs(watched(res))

	if cmd == "serve" {
		l, err := net.Listen("tcp", *addr)
		if err != nil {
			if errors.Is(err, syscall.EADDRINUSE) {
				fmt.Fprintf(stderr, "无法在 %s 提供预览：这个端口已被占用（也许已有一个 plansite serve 在运行）。可用 --addr 换一个端口，如 --addr 127.0.0.1:8081\n", *addr)
			} else {
				fmt.Fprintf(stderr, "无法在 %s 提供预览：%s\n", *addr, said(err))
			}
			return 1
		}
		if ip, ok := l.Addr().(*net.TCPAddr); ok && !ip.IP.IsLoopback() {
			fmt.Fprintf(stderr, "注意：%s 不是本机回环地址，局域网内的其他电脑也能访问。\n", l.Addr())
		}
		srv := serve.Server(h)
		go func() {
			if err := srv.Serve(l); err != nil && !errors.Is(err, http.ErrServerClosed) {
				fmt.Fprintf(stderr, "预览服务出错：%v\n", err)
				cancel()
			}
		}()
		defer func() {
			sctx, scancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer scancel()
			_ = srv.Shutdown(sctx)
		}()
		fmt.Fprintf(stdout, "预览：http://%s/index.html （文件变动后自动重新生成并刷新页面；按 Ctrl+C 停止）\n", l.Addr())
	} else {
		fmt.Fprintf(stdout, "正在监视 %s，文件变动后自动重新生成 %s（按 Ctrl+C 停止）\n", strings.Join(w.Dirs(), "、"), *out)
	}
	for {
		// A workbook still being copied is read once it has settled.
		var settled <-chan time.Time
		if !res.Settled.IsZero() {
			settled = time.After(time.Until(res.Settled) + 100*time.Millisecond)
		}
		select {
		case _, ok := <-changes:
			if !ok {
				return 0
			}
		case <-settled:
		}
		res = rebuild()
		w.SetDirs(watched(res))
	}
}
