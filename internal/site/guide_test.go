package site

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGuidePage: the built site carries the guide (docs/使用说明.md) as
// guide/index.html, its commands as code and its maintainers' note left
// out, and every page's footer links to it relatively (the site is read
// from file:// too).
func TestGuidePage(t *testing.T) {
	out := mustBuild(t, exampleContent)
	guide := read(t, out, "guide/index.html")
	for _, want := range []string{"<title>使用说明 - ", "<h1>使用说明</h1>", "二、每月的工作", "六、给领导：怎么看网站",
		`<code class="language-cmd">plansite template --all --month 2023-12`, "预计逾期"} {
		if !strings.Contains(guide, want) {
			t.Errorf("the guide page lacks %q", want)
		}
	}
	for _, bad := range []string{"维护者注意", "TestGuide", "plansite 使用说明</h1>"} {
		if strings.Contains(guide, bad) {
			t.Errorf("the guide page shows %q", bad)
		}
	}
	pages := 0
	err := filepath.WalkDir(out, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() != "index.html" {
			return err
		}
		rel, _ := filepath.Rel(out, path)
		rel = filepath.ToSlash(rel)
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		link := `<a href="` + strings.Repeat("../", strings.Count(rel, "/")) + `guide/index.html">使用说明</a>`
		if foot := string(b[strings.LastIndex(string(b), "<footer"):]); !strings.Contains(foot, link) {
			t.Errorf("%s: the footer has no %s", rel, link)
		}
		pages++
		return nil
	})
	if err != nil || pages < 60 {
		t.Fatalf("%d pages: %v", pages, err)
	}
}
