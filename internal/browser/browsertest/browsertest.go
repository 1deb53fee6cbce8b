// Package browsertest starts the headless browser for tests, and watches a
// page that reloads itself. It is imported by tests only, so that the
// plansite program links no testing code.
package browsertest

import (
	"context"
	"errors"
	"os"
	"runtime"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/plansite/plansite/internal/browser"
)

// ForTest starts the browser for a test. Where none is installed the test is
// skipped on a developer's machine, and fails under CI=true: CI installs
// Debian's chromium, so a missing browser there is a broken set-up, not a
// reason to pass.
func ForTest(tb testing.TB) *browser.Browser {
	tb.Helper()
	b, err := browser.Start(context.Background(), find(tb))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(b.Close)
	return b
}

func find(tb testing.TB) string {
	tb.Helper()
	path, err := browser.Find("")
	if errors.Is(err, browser.ErrNotFound) {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("%v: CI must install Debian's chromium (see .ci/run)", err)
		}
		tb.Skipf("%v; install chromium to run the browser tests (CI always runs them)", err)
	}
	if err != nil {
		tb.Fatal(err)
	}
	return path
}

// WaitFor opens url in a browser of its own, runs trigger, then checks the
// JavaScript expression expr every 100 ms (across reloads of the page)
// until it is true; it returns how long that took after trigger, and
// fails the test after timeout.
func WaitFor(tb testing.TB, url string, trigger func() error, expr string, timeout time.Duration) time.Duration {
	tb.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(find(tb)), chromedp.UserDataDir(tb.TempDir()))
	if runtime.GOOS == "linux" && os.Geteuid() == 0 {
		opts = append(opts, chromedp.NoSandbox)
	}
	actx, acancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer acancel()
	tab, cancel := chromedp.NewContext(actx)
	defer cancel()
	if err := chromedp.Do(tab, chromedp.Navigate(url)); err != nil {
		tb.Fatalf("open %s: %v", url, err)
	}
	if err := trigger(); err != nil {
		tb.Fatal(err)
	}
	start := time.Now()
	for time.Since(start) < timeout {
		ctx, c := context.WithTimeout(tab, time.Second)
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`!!(`+expr+`)`))
		c()
		if err == nil && ok {
			return time.Since(start)
		}
		time.Sleep(100 * time.Millisecond)
	}
	tb.Fatalf("%s: %s not true after %v", url, expr, timeout)
	return 0
}
