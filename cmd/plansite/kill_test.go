//go:build unix

package main

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/plansite/plansite/internal/search"
)

// isSegment reports whether rel is a file of a search segment, named by
// what it is made of (the site's search/index.js lists them).
func isSegment(rel string) bool {
	return strings.HasPrefix(rel, "search/") && rel != "search/index.js"
}

// TestKilledBuildKeepsSite kills `plansite build` with SIGKILL at random
// moments, 100 times, each time while a build publishes a unit's corrected
// workbook; then the unit puts its earlier file back (bytes and time, as a
// copy that keeps the time does), and a build runs to its end. After each
// kill the published site is whole (every file there, every page
// complete); after each completed build it is, byte for byte, the site a
// build without cache makes of the same files, so that no page disagrees
// with summary.json, whatever the caches held when the build was killed.
func TestKilledBuildKeepsSite(t *testing.T) {
	if testing.Short() {
		t.Skip("long: run without -short")
	}
	dir := t.TempDir()
	bin := buildBinary(t)
	contentDir := copyContent(t, dir)
	w := findLead(t, contentDir)
	victim, original := w.path, w.original
	info, err := os.Stat(victim)
	if err != nil {
		t.Fatal(err)
	}
	corrected := func(i int) []byte { return w.corrected(t, float64((int(*w.row.Progress)+7*(i+1))%100)) }
	putBack := func() {
		if err := os.WriteFile(victim, original, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(victim, info.ModTime(), info.ModTime()); err != nil {
			t.Fatal(err)
		}
	}

	ref := filepath.Join(dir, "ref")
	mustRun(t, plansite(bin, "build", "--content", contentDir, "--out", ref, "--no-cache"))
	want := siteFiles(t, ref)
	out := filepath.Join(dir, "public")
	build := func() *exec.Cmd { return plansite(bin, "build", "--content", contentDir, "--out", out) }
	mustRun(t, build())

	// How long a build after a correction takes, to kill within it.
	if err := os.WriteFile(victim, corrected(-1), 0o644); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	mustRun(t, build())
	took := time.Since(start)
	putBack()
	mustRun(t, build())
	sameSite(t, "before the kills", out, want)

	r := rand.New(rand.NewPCG(1, 2))
	kills := 0
	for i := 0; i < 100; i++ {
		if err := os.WriteFile(victim, corrected(i), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := build()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(r.Int64N(int64(took) * 11 / 10)))
		if cmd.Process.Signal(syscall.SIGKILL) == nil {
			kills++
		}
		_ = cmd.Wait()
		got := siteFiles(t, out)
		for rel := range want {
			if isSegment(rel) {
				continue // named by its content: the site's own index lists its segments (below)
			}
			b, ok := got[rel]
			if !ok {
				t.Fatalf("after kill %d: %s is missing", i, rel)
			}
			if strings.HasSuffix(rel, ".html") && !bytes.Contains(b, []byte("</html>")) {
				t.Fatalf("after kill %d: %s is cut short", i, rel)
			}
		}
		segments, err := search.ParseManifest(got["search/index.js"])
		if err != nil {
			t.Fatalf("after kill %d: search/index.js: %v", i, err)
		}
		for _, e := range segments {
			for _, f := range e.Files() {
				if _, ok := got["search/"+f]; !ok {
					t.Fatalf("after kill %d: search/%s, listed by search/index.js, is missing", i, f)
				}
			}
		}
		putBack()
		mustRun(t, build())
		sameSite(t, fmt.Sprintf("after kill %d and the earlier file put back", i), out, want)
	}
	t.Logf("killed %d builds (a build after a correction takes %v); the site stayed whole, and each next build made the site a build without cache makes", kills, took)
}
