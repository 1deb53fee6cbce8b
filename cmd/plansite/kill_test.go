//go:build unix

package main

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// TestKilledBuildKeepsSite kills `plansite build` with SIGKILL at random
// moments, 50 times, and checks after each that the published site is whole:
// every file of a complete build is there and every page is complete.
func TestKilledBuildKeepsSite(t *testing.T) {
	if testing.Short() {
		t.Skip("long: run without -short")
	}
	dir := t.TempDir()
	bin := plansite(t)
	out := filepath.Join(dir, "public")
	build := func() *exec.Cmd {
		return exec.Command(bin, "build", "--content", "../../content", "--out", out)
	}
	if b, err := build().CombinedOutput(); err != nil {
		t.Fatalf("first build: %v\n%s", err, b)
	}
	var want []string
	err := filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(out, p)
			want = append(want, rel)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	cmd := build()
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	took := time.Since(start)
	r := rand.New(rand.NewPCG(1, 2))
	kills := 0
	for i := 0; i < 50; i++ {
		cmd := build()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(r.Int64N(int64(took) * 11 / 10)))
		if cmd.Process.Signal(syscall.SIGKILL) == nil {
			kills++
		}
		_ = cmd.Wait()
		for _, rel := range want {
			b, err := os.ReadFile(filepath.Join(out, rel))
			if err != nil {
				t.Fatalf("after kill %d: %s is missing: %v", i, rel, err)
			}
			if strings.HasSuffix(rel, ".html") && !strings.Contains(string(b), "</html>") {
				t.Fatalf("after kill %d: %s is cut short", i, rel)
			}
		}
	}
	t.Logf("killed %d builds (a build takes %v); the site stayed whole", kills, took)
}

// plansite builds the command into a temporary folder, once for the tests
// of the package, and returns its path.
func plansite(t *testing.T) string {
	t.Helper()
	built.Do(func() {
		dir, err := os.MkdirTemp("", "plansite-bin-")
		if err != nil {
			built.err = err
			return
		}
		built.path = filepath.Join(dir, "plansite")
		if out, err := exec.Command("go", "build", "-o", built.path, ".").CombinedOutput(); err != nil {
			built.err = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if built.err != nil {
		t.Fatal(built.err)
	}
	return built.path
}

var built struct {
	sync.Once
	path string
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if built.path != "" {
		os.RemoveAll(filepath.Dir(built.path))
	}
	os.Exit(code)
}
