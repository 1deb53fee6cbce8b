package pages

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/plansite/plansite/internal/content"
)

const exampleContent = "../../content"

// TestNavSectionsReserved: every entry of the navigation but the
// content's pages leads into a folder of the site that no page of the
// content may take, and the content's pages follow the sections.
func TestNavSectionsReserved(t *testing.T) {
	plan, err := content.Load(exampleContent, Reserved()...)
	if err != nil {
		t.Fatal(err)
	}
	items := nav(plan)
	reserved := Reserved()
	sections := 0
	for i, it := range items {
		folder, _, _ := strings.Cut(strings.TrimSuffix(it.Path, ".html"), "/")
		if slug, ok := strings.CutPrefix(it.Section, "page-"); ok {
			if i < len(items)-len(plan.Pages) || slug != folder || slices.Contains(reserved, slug) {
				t.Errorf("the content's page %s at %d of %d entries, in %s", slug, i, len(items), it.Path)
			}
			continue
		}
		sections++
		if !slices.Contains(reserved, folder) {
			t.Errorf("navigation entry %s (%s) leads into %s, which is not reserved: a page of the content could take it", it.Label, it.Path, folder)
		}
	}
	if sections != 9 {
		t.Errorf("%d sections in the navigation; want 9 (总览 to 数据问题)", sections)
	}
	plan.Settings.NoRanking = true
	for _, it := range nav(plan) {
		if it.Section == "ranking" {
			t.Error("the navigation has 红黑榜 with ranking: false")
		}
	}
}

// TestReservedRefusedByContent: a page of the content that takes the name
// of any folder of the site is refused, naming its file.
func TestReservedRefusedByContent(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	if err := os.CopyFS(dir, os.DirFS(exampleContent)); err != nil {
		t.Fatal(err)
	}
	for i, slug := range Reserved() {
		page := fmt.Sprintf("---\ntitle: 页面 %d\nslug: %s\n---\n正文\n", i, slug)
		if err := os.WriteFile(filepath.Join(dir, "pages", fmt.Sprintf("p%d.md", i)), []byte(page), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, err := content.Load(dir, Reserved()...)
	if err == nil {
		t.Fatal("content with pages named after the site's folders loaded")
	}
	for i, slug := range Reserved() {
		if want := fmt.Sprintf("p%d.md:3: 页面网址名“%s”已被网站占用", i, slug); !strings.Contains(err.Error(), want) {
			t.Errorf("no %q in:\n%v", want, err)
		}
	}
}

// TestReadmeListsReserved: the README's section on pages/*.md names every
// folder a page may not take.
func TestReadmeListsReserved(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, list, _ := strings.Cut(string(b), "the slug may not be one of the\nsite's own folders (")
	list, _, _ = strings.Cut(list, ":")
	var named []string
	for _, f := range strings.Split(list, ",") {
		named = append(named, strings.Trim(f, " \n`"))
	}
	if !slices.Equal(named, Reserved()) {
		t.Errorf("the README names %q; the site's folders are %q", named, Reserved())
	}
}
