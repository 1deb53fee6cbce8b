package site

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/plansite/plansite/internal/domain"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestSummaryGolden compares data/summary.json of the example with
// testdata/summary.golden.json. After an intended change, rewrite it with
// go test ./internal/site -run TestSummaryGolden -update, and read the diff.
func TestSummaryGolden(t *testing.T) {
	out := mustBuild(t, exampleContent)
	golden(t, "summary.golden.json", []byte(read(t, out, "data/summary.json")))
}

// builtAt is the build time a page shows (the dashboard's 网站生成于).
var builtAt = regexp.MustCompile(`网站生成于 \d{4}-\d\d-\d\d \d\d:\d\d`)

// TestPagesGolden compares pages of the independent plan (the dashboard,
// a task with two months of rows and a target, a month's report) with
// testdata/pages/*.golden.html, the build time written as 网站生成于
// (build time). After an intended change, rewrite them with go test
// ./internal/site -run TestPagesGolden -update, and read the diff.
func TestPagesGolden(t *testing.T) {
	out := buildAsOf(t, writeArchive(t, independentPlan(t)), domain.MustMonth(2024, time.June))
	for page, name := range map[string]string{
		"index.html":                "dashboard",
		"tasks/1-2/index.html":      "task",
		"months/2024-06/index.html": "month",
	} {
		t.Run(name, func(t *testing.T) {
			got := builtAt.ReplaceAllString(read(t, out, page), "网站生成于 (build time)")
			golden(t, filepath.Join("pages", name+".golden.html"), []byte(got))
		})
	}
}

// golden compares got with testdata/name, or rewrites that file with got
// under -update; a difference is reported at its first line.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := 0; i < len(gl) && i < len(wl); i++ {
			if gl[i] != wl[i] {
				t.Fatalf("differs from %s at line %d (-update rewrites it):\n got %s\nwant %s", path, i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("differs from %s in length: %d lines, want %d (-update rewrites it)", path, len(gl), len(wl))
	}
}
