package site

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
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
