//go:build unix

package browser

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// silentBrowser writes a program that starts like a browser and never
// answers, and that notes its process id in the file it returns.
func silentBrowser(t *testing.T) (path, pidFile string) {
	t.Helper()
	dir := t.TempDir()
	path, pidFile = filepath.Join(dir, "chromium"), filepath.Join(dir, "pid")
	script := "#!/bin/sh\necho $$ > '" + pidFile + "'\nexec sleep 600\n"
	if err := os.WriteFile(path, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return path, pidFile
}

// alive reports whether the process whose id is in pidFile still runs.
func alive(t *testing.T, pidFile string) bool {
	t.Helper()
	b, err := os.ReadFile(pidFile)
	if err != nil {
		t.Fatalf("the browser never started: %v", err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil {
		t.Fatal(err)
	}
	return syscall.Kill(pid, 0) == nil
}

// emptyTemp points the temporary folder, where the browser's profile goes,
// at a new folder, and returns a check that nothing is left in it.
func emptyTemp(t *testing.T) func() {
	t.Helper()
	tmp, err := os.MkdirTemp("", "t") // short: the browser puts a socket in it
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(tmp) })
	t.Setenv("TMPDIR", tmp)
	return func() {
		t.Helper()
		if left, _ := os.ReadDir(tmp); len(left) > 0 {
			t.Errorf("left in the temporary folder: %s", left[0].Name())
		}
	}
}

// TestStartGivesUpOnASilentBrowser: a browser that starts and never
// answers is given up on after StartTimeout with ErrNoAnswer; it is
// stopped and its profile removed.
func TestStartGivesUpOnASilentBrowser(t *testing.T) {
	defer func(d time.Duration) { StartTimeout = d }(StartTimeout)
	StartTimeout = time.Second
	path, pid := silentBrowser(t)
	clean := emptyTemp(t)
	start := time.Now()
	b, err := Start(context.Background(), path)
	if err == nil {
		b.Close()
		t.Fatal("Start succeeded with a browser that never answers")
	}
	if !errors.Is(err, ErrNoAnswer) || !strings.Contains(err.Error(), path) {
		t.Errorf("error %q; want ErrNoAnswer naming %s", err, path)
	}
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("Start gave up after %v", took)
	}
	if alive(t, pid) {
		t.Error("the browser still runs")
	}
	clean()
}

// TestOpenGivesUpOnAHungBrowser: a browser that stops answering after it
// started (stopped with SIGSTOP here) makes Open fail within its timeout,
// and Close still ends it and removes its profile.
func TestOpenGivesUpOnAHungBrowser(t *testing.T) {
	clean := emptyTemp(t)
	path, err := Find("")
	if err != nil && os.Getenv("CI") != "true" {
		t.Skip(err) // CI installs Chromium: there a missing one fails below
	}
	if err != nil {
		t.Fatal(err)
	}
	b, err := Start(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	proc := chromedp.FromContext(b.ctx).Browser.Process()
	if proc == nil {
		t.Fatal("no browser process")
	}
	if err := proc.Signal(syscall.SIGSTOP); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = b.Open("about:blank", Options{Timeout: 2 * time.Second})
	if err == nil {
		t.Fatal("Open succeeded on a stopped browser")
	}
	if took := time.Since(start); took > 20*time.Second {
		t.Errorf("Open gave up after %v", took)
	}
	start = time.Now()
	b.Close()
	if took := time.Since(start); took > 20*time.Second {
		t.Errorf("Close took %v", took)
	}
	if proc.Signal(syscall.Signal(0)) == nil {
		t.Error("the browser still runs")
	}
	clean()
}
