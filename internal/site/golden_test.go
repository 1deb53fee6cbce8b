package site

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestSummaryGolden compares data/summary.json of the example with
// testdata/summary.golden.json. After an intended change, rewrite it with
// go test ./internal/site -run TestSummaryGolden -update, and read the diff.
func TestSummaryGolden(t *testing.T) {
	out := mustBuild(t, exampleContent)
	got := []byte(read(t, out, "data/summary.json"))
	golden := filepath.Join("testdata", "summary.golden.json")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := 0; i < len(gl) && i < len(wl); i++ {
			if gl[i] != wl[i] {
				t.Fatalf("summary.json differs from %s at line %d:\n got %s\nwant %s", golden, i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("summary.json differs from %s in length: %d lines, want %d", golden, len(gl), len(wl))
	}
}

// TestLightColoursMatchCSS: the lights on pages (site.css) and in charts
// (look.go) are the same colours.
func TestLightColoursMatchCSS(t *testing.T) {
	css, err := os.ReadFile(filepath.Join("..", "..", "templates", "assets", "site.css"))
	if err != nil {
		t.Fatal(err)
	}
	vars := map[string]string{}
	for _, m := range regexp.MustCompile(`--((?:s|sub|r)-[a-z_]+):\s*(#[0-9a-fA-F]{6})`).FindAllStringSubmatch(string(css), -1) {
		vars[m[1]] = strings.ToLower(m[2])
	}
	check := func(name, color string) {
		if vars[name] != strings.ToLower(color) {
			t.Errorf("site.css --%s = %q; look.go says %s", name, vars[name], color)
		}
	}
	for s, c := range statusColor {
		check("s-"+string(s), c)
	}
	for s, c := range submissionColor {
		check("sub-"+string(s), c)
	}
	for s, c := range rectColor {
		check("r-"+string(s), c)
	}
}
