//go:build unix

package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestPDFStoppedBySIGTERM: plansite pdf waiting on a browser that never
// answers, stopped with SIGTERM (as systemd, kill or a scheduler stop it),
// ends as after Ctrl+C: it says it was stopped and exits 1, the browser is stopped,
// and nothing of it is left in the temporary folder.
func TestPDFStoppedBySIGTERM(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	fake, pidFile := filepath.Join(dir, "chromium"), filepath.Join(dir, "pid")
	if err := os.WriteFile(fake, []byte("#!/bin/sh\necho $$ > '"+pidFile+"'\nexec sleep 600\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	tmp, err := os.MkdirTemp("", "t") // short: a browser puts a socket in it
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(tmp)
	cmd := exec.Command(bin, "pdf", "--content", "../../content", "--out", filepath.Join(dir, "public"), "--chrome", fake, "-o", filepath.Join(dir, "report.pdf"))
	cmd.Env = append(os.Environ(), "TMPDIR="+tmp)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var pid int
	for start := time.Now(); pid == 0; time.Sleep(50 * time.Millisecond) {
		if b, err := os.ReadFile(pidFile); err == nil && strings.HasSuffix(string(b), "\n") {
			pid, _ = strconv.Atoi(strings.TrimSpace(string(b)))
		}
		if time.Since(start) > 2*time.Minute {
			cmd.Process.Kill()
			t.Fatalf("pdf never started the browser:\n%s", stderr.String())
		}
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err = <-done:
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("pdf did not stop within 30 s of SIGTERM:\n%s", stderr.String())
	}
	var exit *exec.ExitError
	if !errors.As(err, &exit) || !exit.Exited() || exit.ExitCode() != 1 || !strings.Contains(stderr.String(), "已中断") {
		t.Errorf("pdf ended with %v; want exit status 1 (SIGTERM handled)\n%s", err, stderr.String())
	}
	if syscall.Kill(pid, 0) == nil {
		t.Error("the browser still runs")
	}
	if left, _ := os.ReadDir(tmp); len(left) > 0 {
		t.Errorf("left in the temporary folder: %s", left[0].Name())
	}
	t.Logf("stderr: %s", stderr.String())
}
