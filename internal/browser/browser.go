package browser

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	neturl "net/url"
)

// EnvChrome names the environment variable that may give the browser's path.
const EnvChrome = "PLANSITE_CHROME"

// ErrNotFound is returned by Find when no Chromium, Chrome or Edge is found.
var ErrNotFound = errors.New("未找到 Chromium 或 Chrome 浏览器")

// Find returns the browser to use: explicit when not empty, else the
// PLANSITE_CHROME environment variable, else the first of the usual names on
// PATH and the usual install places.
func Find(explicit string) (string, error) {
	for _, p := range []string{explicit, os.Getenv(EnvChrome)} {
		if p == "" {
			continue
		}
		if found, err := exec.LookPath(p); err == nil {
			return found, nil
		}
		return "", fmt.Errorf("%w：%s 不存在或不可执行", ErrNotFound, p)
	}
	names := []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome", "microsoft-edge", "msedge"}
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p, nil
		}
	}
	var places []string
	switch runtime.GOOS {
	case "windows":
		for _, env := range []string{"ProgramFiles", "ProgramFiles(x86)", "LocalAppData"} {
			if base := os.Getenv(env); base != "" {
				places = append(places,
					filepath.Join(base, `Google\Chrome\Application\chrome.exe`),
					filepath.Join(base, `Microsoft\Edge\Application\msedge.exe`),
					filepath.Join(base, `Chromium\Application\chrome.exe`))
			}
		}
	case "darwin":
		places = []string{"/Applications/Google Chrome.app/Contents/MacOS/Google Chrome", "/Applications/Chromium.app/Contents/MacOS/Chromium"}
	default:
		places = []string{"/usr/bin/chromium", "/usr/lib/chromium/chromium", "/snap/bin/chromium", "/opt/google/chrome/chrome"}
	}
	for _, p := range places {
		if info, err := os.Stat(p); err == nil && !info.IsDir() {
			return p, nil
		}
	}
	return "", ErrNotFound
}

// Browser is a running headless browser with its own empty profile.
type Browser struct {
	ctx   context.Context
	close func() // stops the browser and removes its profile; at most once
}

// Bounds of talking to the browser. A browser that starts but never
// answers (hung, or a program that is no browser) is given up on after
// StartTimeout; Close waits closeTimeout at most.
var (
	StartTimeout = time.Minute
	closeTimeout = 15 * time.Second
)

// ErrNoAnswer is returned when the browser does not answer in time.
var ErrNoAnswer = errors.New("浏览器没有响应")

// Start launches the browser at path, with a new empty profile in the
// temporary folder and a temporary folder of its own. It fails with
// ErrNoAnswer when the browser has not answered within StartTimeout; the
// browser is stopped then. Close it when done: that stops the browser and
// removes its profile and its temporary files.
func Start(ctx context.Context, path string) (*Browser, error) {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.WindowSize(1366, 768),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
	)
	if runtime.GOOS == "linux" && os.Geteuid() == 0 {
		opts = append(opts, chromedp.NoSandbox)
	}
	// The browser keeps a folder in the temporary folder (org.chromium.…,
	// for the socket that keeps it a single instance) and leaves it there
	// when it is stopped: it goes into a folder of its own, removed with
	// it. Not where that would make the socket's path longer than a
	// socket's path may be (about 100 bytes).
	tmp := ""
	if len(os.TempDir()) < 40 {
		if dir, err := os.MkdirTemp("", "plansite-"); err == nil {
			tmp = dir
			opts = append(opts, chromedp.Env("TMPDIR="+tmp, "TMP="+tmp, "TEMP="+tmp))
		}
	}
	// chromedp makes the profile (no UserDataDir given) and, when the
	// browser has exited, kills what is left of its processes and removes
	// the profile; cancelling the browser's context waits for that.
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	bctx, bcancel := chromedp.NewContext(actx)
	var once sync.Once
	stop := func() {
		once.Do(func() {
			_ = bounded(closeTimeout, func() error { bcancel(); acancel(); return nil }, func() {})
			if tmp != "" {
				removeAll(tmp)
			}
		})
	}
	// The first run starts the browser, and its context is the browser's
	// life: it must not carry a deadline. The wait is bounded here instead.
	if err := bounded(StartTimeout, func() error { return chromedp.Do(bctx) }, stop); err != nil {
		stop()
		return nil, fmt.Errorf("启动浏览器 %s 失败：%w", path, err)
	}
	return &Browser{ctx: bctx, close: stop}, nil
}

// Close stops the browser and removes its profile. It may be called more
// than once.
func (b *Browser) Close() { b.close() }

// removeAll removes dir, trying again for a few seconds: a process of the
// browser that outlives it a moment can still be writing there.
func removeAll(dir string) {
	for start := time.Now(); os.RemoveAll(dir) != nil && time.Since(start) < 5*time.Second; {
		time.Sleep(50 * time.Millisecond)
	}
}

// bounded runs f and returns its error, or ErrNoAnswer when f has not
// returned within d; then it calls stop, which must make f return (by
// cancelling the context f works in), and waits closeTimeout at most for
// that.
func bounded(d time.Duration, f func() error, stop func()) error {
	done := make(chan error, 1)
	go func() { done <- f() }()
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case err := <-done:
		return err
	case <-timer.C:
	}
	stop()
	select {
	case <-done:
	case <-time.After(closeTimeout):
	}
	return fmt.Errorf("%w（%v 内未答复）", ErrNoAnswer, d)
}

// ChartInfo is what a chart element holds once drawn.
type ChartInfo struct {
	ID            string
	Drawn         bool // has an svg or canvas of non-zero size
	Hidden        bool // not laid out at all (display: none), as the stylesheet may print a chart's table in its place
	Width, Height float64
}

// Options say how to open a page.
type Options struct {
	Timeout    time.Duration // for the whole visit; 0 for 30 s
	Width      int64         // viewport; 0 for 1366 × 768
	Height     int64
	Print      bool   // emulate print media (as Ctrl+P lays the page out)
	Screenshot bool   // capture the viewport as PNG once drawn (after Script)
	FullPage   bool   // with Screenshot: the whole page, not only the viewport (JPEG)
	Axe        string // axe-core's source, run in the page when not ""
	PDF        bool   // print the page to PDF once drawn (implies Print)
	// Script, when not "", is run in the page once its charts are drawn;
	// it may return a promise. Its result, as text, is Report.Script.
	Script string
}

// AxeViolation is one accessibility rule an axe-core run found broken.
type AxeViolation struct {
	ID, Impact, Help string
	Nodes            int
}

// Report is what a reader would see of a page.
type Report struct {
	Title      string
	H1         string
	Charts     []ChartInfo
	State      string   // the page's data-charts attribute: "ready" or "error"
	Problems   []string // console errors and uncaught exceptions
	Blocked    []string // requests to another host than the page's own, refused
	Requests   []string // every address the page asked for (file:, http:…), refused ones included, in order
	Links      []string // every <a href> of the page, resolved, without fragment
	Overflow   []string // tables and charts that reach past the right edge of the page
	Screenshot []byte
	Axe        []AxeViolation
	PDF        []byte
	Script     string   // what Options.Script returned
	Dialogs    []string // alert, confirm and prompt dialogs the page opened (dismissed)
}

// Open opens url in a new tab, refuses every request to a host other than
// the local one (file://, 127.0.0.1, localhost), waits until the page's
// charts have finished drawing (the page sets data-charts on <html>) and
// reports what it shows.
func (b *Browser) Open(url string, o Options) (Report, error) {
	if o.Timeout == 0 {
		o.Timeout = 30 * time.Second
	}
	if o.PDF {
		o.Print = true
		if o.Width == 0 {
			// The printable width of A4 portrait at 96 dpi within the
			// stylesheet's 12 mm side margins (186 mm): charts are drawn
			// at the width they are printed.
			o.Width, o.Height = 703, 1123
		}
	}
	if o.Width == 0 {
		o.Width, o.Height = 1366, 768
	}
	tab, cancel := chromedp.NewContext(b.ctx)
	defer cancel()
	if err := bounded(o.Timeout, func() error { return chromedp.Do(tab) }, cancel); err != nil {
		return Report{}, fmt.Errorf("浏览器未能为 %s 打开标签页：%w", url, err)
	}
	var (
		mu       sync.Mutex
		problems []string
		blocked  []string
		requests []string
	)
	sent := chromedp.Events(tab, network.RequestWillBeSent)
	go func() {
		for ev, err := range sent {
			if err != nil {
				return
			}
			mu.Lock()
			requests = append(requests, ev.Request.URL)
			mu.Unlock()
		}
	}()
	console := chromedp.Console(tab)
	go func() {
		for m, err := range console {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.IsException() {
				mu.Lock()
				problems = append(problems, m.String())
				mu.Unlock()
			}
		}
	}()
	tctx, tcancel := context.WithTimeout(tab, o.Timeout)
	defer tcancel()
	var dialogs []string
	opened := chromedp.Events(tab, page.JavascriptDialogOpening)
	go func() {
		for ev, err := range opened {
			if err != nil {
				return
			}
			mu.Lock()
			dialogs = append(dialogs, string(ev.Type)+": "+ev.Message)
			mu.Unlock()
			_, _ = chromedp.Run(tab, func(ctx context.Context, t *chromedp.Target) (struct{}, error) {
				_, err := cdp.Call(ctx, t, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
				return struct{}{}, err
			})
		}
	}()
	paused := chromedp.Events(tab, fetch.RequestPaused)
	go func() {
		for ev, err := range paused {
			if err != nil {
				return
			}
			_, _ = chromedp.Run(tab, func(ctx context.Context, t *chromedp.Target) (struct{}, error) {
				if local(ev.Request.URL) {
					_, err := cdp.Call(ctx, t, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: ev.RequestID})
					return struct{}{}, err
				}
				mu.Lock()
				blocked = append(blocked, ev.Request.URL)
				mu.Unlock()
				_, err := cdp.Call(ctx, t, fetch.FailRequest, fetch.FailRequestParams{RequestID: ev.RequestID, ErrorReason: network.ErrorReasonBlockedByClient})
				return struct{}{}, err
			})
		}
	}()
	setup := func(ctx context.Context, t *chromedp.Target) (struct{}, error) {
		patterns := []*fetch.RequestPattern{{URLPattern: "http*"}, {URLPattern: "ws*"}, {URLPattern: "ftp*"}}
		if _, err := cdp.Call(ctx, t, fetch.Enable, fetch.EnableParams{Patterns: patterns}); err != nil {
			return struct{}{}, err
		}
		if _, err := cdp.Call(ctx, t, network.Enable, network.EnableParams{}); err != nil {
			return struct{}{}, err
		}
		if _, err := cdp.Call(ctx, t, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true}); err != nil {
			return struct{}{}, err
		}
		if o.Print {
			if _, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
				return struct{}{}, err
			}
		}
		return struct{}{}, nil
	}
	if _, err := chromedp.Run(tctx, setup); err != nil {
		return Report{}, fmt.Errorf("浏览器标签页未能准备好：%w", err)
	}
	var rep Report
	if err := chromedp.Do(tctx, chromedp.EmulateViewport(o.Width, o.Height), chromedp.Navigate(url)); err != nil {
		return rep, fmt.Errorf("浏览器未能打开 %s：%w", url, err)
	}
	snapshot := func() {
		mu.Lock()
		defer mu.Unlock()
		rep.Problems = append([]string(nil), problems...)
		rep.Blocked = append([]string(nil), blocked...)
		rep.Requests = append([]string(nil), requests...)
		rep.Dialogs = append([]string(nil), dialogs...)
	}
	state, err := chromedp.Run(tctx, chromedp.Poll[string](
		`document.readyState === "complete" && document.documentElement.getAttribute("data-charts")`,
		chromedp.WithPollingInterval(50*time.Millisecond)))
	if err != nil {
		snapshot()
		return rep, fmt.Errorf("%s 的图表未能画完：%w（浏览器控制台：%s）", url, err, strings.Join(rep.Problems, "；"))
	}
	rep.State = state
	info, err := chromedp.Run(tctx, chromedp.Evaluate[Report](`(() => {
		const charts = Array.from(document.querySelectorAll(".chart")).map(el => {
			const g = el.querySelector("svg, canvas");
			const r = g ? g.getBoundingClientRect() : {width: 0, height: 0};
			return {ID: el.id, Drawn: !!g && r.width > 0 && r.height > 0, Hidden: el.getClientRects().length === 0, Width: r.width, Height: r.height};
		});
		const links = Array.from(document.querySelectorAll("a[href]")).map(a => a.href.split("#")[0]);
		const h1 = document.querySelector("h1");
		const edge = document.documentElement.clientWidth + 1;
		const overflow = Array.from(document.querySelectorAll("main table, main .chart svg, main img, main pre"))
			.filter(el => el.getBoundingClientRect().right > edge)
			.map(el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.caption ? " " + el.caption.textContent.trim() : "") +
				" (" + Math.round(el.getBoundingClientRect().right) + " > " + edge + ")");
		return {Title: document.title, H1: h1 ? h1.textContent.trim() : "", Charts: charts, Links: links, Overflow: overflow};
	})()`))
	if err != nil {
		return rep, fmt.Errorf("%s: %w", url, err)
	}
	rep.Title, rep.H1, rep.Charts, rep.Links, rep.Overflow = info.Title, info.H1, info.Charts, info.Links, info.Overflow
	if o.Axe != "" {
		if rep.Axe, err = runAxe(tctx, o.Axe); err != nil {
			return rep, fmt.Errorf("%s: axe: %w", url, err)
		}
	}
	if o.Script != "" {
		if rep.Script, err = chromedp.Run(tctx, chromedp.Evaluate[string](`Promise.resolve((() => {`+o.Script+`})()).then(String)`, chromedp.EvalAwaitPromise)); err != nil {
			return rep, fmt.Errorf("%s: script: %w", url, err)
		}
	}
	if o.Screenshot {
		shot := chromedp.CaptureScreenshot()
		if o.FullPage {
			shot = chromedp.FullScreenshot(80)
		}
		if rep.Screenshot, err = chromedp.Run(tctx, shot); err != nil {
			return rep, fmt.Errorf("%s: screenshot: %w", url, err)
		}
	}
	if o.PDF {
		if rep.PDF, err = chromedp.Run(tctx, printPDF); err != nil {
			return rep, fmt.Errorf("%s: print to PDF: %w", url, err)
		}
	}
	// A round trip to the page after the checks, so that console events it
	// sent before are in.
	if _, err := chromedp.Run(tctx, chromedp.Evaluate[int](`1`)); err != nil {
		return rep, err
	}
	snapshot()
	return rep, nil
}

// local reports whether a URL is of this machine.
func local(u string) bool {
	p, err := neturl.Parse(u)
	if err != nil {
		return false
	}
	switch p.Scheme {
	case "file", "data", "blob", "about":
		return true
	}
	h := p.Hostname()
	return h == "127.0.0.1" || h == "localhost" || h == "::1"
}

func runAxe(ctx context.Context, src string) ([]AxeViolation, error) {
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[any](src+"\n;true")); err != nil {
		return nil, err
	}
	return chromedp.Run(ctx, chromedp.Evaluate[[]AxeViolation](`axe.run(document, {resultTypes: ["violations"]}).then(r =>
		r.violations.map(v => ({ID: v.id, Impact: v.impact || "", Help: v.help, Nodes: v.nodes.length})))`, chromedp.EvalAwaitPromise))
}

// printPDF prints the page as Chromium's Ctrl+P does, with the page size,
// margins and page-number footer of the page's CSS (@page) and with
// backgrounds, so the lights keep their colours; A4 where CSS says nothing.
func printPDF(ctx context.Context, t *chromedp.Target) ([]byte, error) {
	yes, no := true, false
	a4w, a4h := 8.27, 11.69
	res, err := cdp.Call(ctx, t, page.PrintToPDF, page.PrintToPDFParams{
		PrintBackground:     &yes,
		PreferCSSPageSize:   &yes,
		DisplayHeaderFooter: &no,
		PaperWidth:          a4w,
		PaperHeight:         a4h,
		GenerateTaggedPDF:   &yes,
	})
	if err != nil {
		return nil, err
	}
	return res.Data, nil
}
