package site

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/plansite/plansite/templates"
)

// TestSearchSegmentsLinked: a rebuild after a workbook of December
// changed makes December's segment of the search index again, under a new
// name, and links every other month's files from the previous site.
func TestSearchSegmentsLinked(t *testing.T) {
	requireECharts(t)
	dir := copyContent(t)
	work := t.TempDir()
	out := filepath.Join(work, "public")
	build := func() {
		t.Helper()
		if _, err := Build(context.Background(), Options{Content: dir, Out: out, Templates: templates.FS, Now: time.Date(2024, 1, 5, 9, 0, 0, 0, time.UTC), Cache: filepath.Join(work, "cache")}); err != nil {
			t.Fatal(err)
		}
	}
	files := func() map[string]os.FileInfo {
		t.Helper()
		entries, err := os.ReadDir(filepath.Join(out, "search"))
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]os.FileInfo{}
		for _, e := range entries {
			info, err := e.Info()
			if err != nil {
				t.Fatal(err)
			}
			m[e.Name()] = info
		}
		return m
	}
	build()
	before := files()
	if len(before) < 9 {
		t.Fatalf("%d search files; want a segment per month", len(before))
	}
	wb := filepath.Join(dir, "inbox", "2023-12", "2023-12_政策法规股.xlsx")
	later := time.Now().Add(time.Hour)
	if err := os.Chtimes(wb, later, later); err != nil {
		t.Fatal(err)
	}
	build()
	after := files()
	linked, made := 0, 0
	for name, info := range after {
		switch {
		case name == "index.js":
		case strings.HasPrefix(name, "2023-12-"):
			if _, ok := before[name]; ok {
				t.Errorf("December's segment %s kept its name after its workbook changed", name)
			}
			made++
		default:
			old, ok := before[name]
			if !ok || !os.SameFile(old, info) {
				t.Errorf("%s: made again, not linked from the previous site", name)
			}
			linked++
		}
	}
	if made == 0 || linked < 7 {
		t.Errorf("%d files of December made, %d linked", made, linked)
	}

	// A file of the index changed by hand (or by a build the memo does not
	// know of) is made again, never linked as it is.
	for _, name := range []string{"index.js", "2023-07-"} {
		var victim string
		for n := range after {
			if strings.HasPrefix(n, name) {
				victim = n
				break
			}
		}
		path := filepath.Join(out, "search", victim)
		good, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte("alert(1)"), 0o644); err != nil {
			t.Fatal(err)
		}
		build()
		if got, err := os.ReadFile(path); err != nil || string(got) != string(good) {
			t.Errorf("%s edited by hand: after a build it holds %.40q (err %v); want the file the build makes", victim, got, err)
		}
	}
}
