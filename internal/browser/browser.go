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

	"github.com/chromedp/chromedp"
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
	ctx     context.Context
	cancel  context.CancelFunc
	profile string
}

// Start launches the browser at path. Close it when done.
func Start(ctx context.Context, path string) (*Browser, error) {
	profile, err := os.MkdirTemp("", "plansite-chrome-")
	if err != nil {
		return nil, err
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1366, 768),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
	)
	if runtime.GOOS == "linux" && os.Geteuid() == 0 {
		opts = append(opts, chromedp.NoSandbox)
	}
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	bctx, bcancel := chromedp.NewContext(actx)
	// The first run starts the browser; it must not carry a timeout.
	if err := chromedp.Do(bctx); err != nil {
		bcancel()
		acancel()
		os.RemoveAll(profile)
		return nil, fmt.Errorf("启动浏览器 %s 失败：%w", path, err)
	}
	return &Browser{ctx: bctx, cancel: func() { bcancel(); acancel() }, profile: profile}, nil
}

// Close stops the browser and removes its profile.
func (b *Browser) Close() {
	b.cancel()
	os.RemoveAll(b.profile)
}

// ChartInfo is what a chart element holds once drawn.
type ChartInfo struct {
	ID            string
	Drawn         bool // has an svg or canvas of non-zero size
	Width, Height float64
}

// Report is what a reader would see of a page.
type Report struct {
	Title    string
	H1       string
	Charts   []ChartInfo
	State    string   // the page's data-charts attribute: "ready" or "error"
	Problems []string // console errors and uncaught exceptions
}

// Load opens url in a new tab, waits until the page's charts have finished
// drawing (the page sets data-charts on <html>) or timeout passes, and
// reports what it shows.
func (b *Browser) Load(url string, timeout time.Duration) (Report, error) {
	tab, cancel := chromedp.NewContext(b.ctx)
	defer cancel()
	if err := chromedp.Do(tab); err != nil {
		return Report{}, err
	}
	var (
		mu       sync.Mutex
		problems []string
	)
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
	tctx, tcancel := context.WithTimeout(tab, timeout)
	defer tcancel()
	var rep Report
	if err := chromedp.Do(tctx, chromedp.Navigate(url)); err != nil {
		return rep, fmt.Errorf("open %s: %w", url, err)
	}
	state, err := chromedp.Run(tctx, chromedp.Poll[string](
		`document.readyState === "complete" && document.documentElement.getAttribute("data-charts")`,
		chromedp.WithPollingInterval(50*time.Millisecond)))
	if err != nil {
		mu.Lock()
		defer mu.Unlock()
		return rep, fmt.Errorf("%s: charts did not finish drawing: %w (console: %s)", url, err, strings.Join(problems, "; "))
	}
	rep.State = state
	info, err := chromedp.Run(tctx, chromedp.Evaluate[Report](`(() => {
		const charts = Array.from(document.querySelectorAll(".chart")).map(el => {
			const g = el.querySelector("svg, canvas");
			const r = g ? g.getBoundingClientRect() : {width: 0, height: 0};
			return {ID: el.id, Drawn: !!g && r.width > 0 && r.height > 0, Width: r.width, Height: r.height};
		});
		const h1 = document.querySelector("h1");
		return {Title: document.title, H1: h1 ? h1.textContent.trim() : "", Charts: charts};
	})()`))
	if err != nil {
		return rep, fmt.Errorf("%s: %w", url, err)
	}
	rep.Title, rep.H1, rep.Charts = info.Title, info.H1, info.Charts
	// Give console events already sent a moment to arrive.
	time.Sleep(100 * time.Millisecond)
	mu.Lock()
	rep.Problems = append([]string(nil), problems...)
	mu.Unlock()
	return rep, nil
}
