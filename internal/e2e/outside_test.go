package e2e

import (
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/plansite/plansite/internal/browser"
	"github.com/plansite/plansite/internal/browser/browsertest"
	"github.com/plansite/plansite/internal/serve"
	"github.com/plansite/plansite/internal/site"
	"github.com/plansite/plansite/templates"
)

// outsideMarkdown spells links and images that leave the site the ways
// goldmark decodes (entities, backslash escapes, angle brackets, a
// reference defined below) and a browser reads (\ as /, %2e%2e as ..).
const outsideMarkdown = `

![甲图](http&#x3a;//evil.test/a.png) ![乙图](&sol;&sol;evil.test/b.png) ![丙图](\/\/evil.test/c.png)
![丁图](/\evil.test/d.png) ![戊图](<//evil.test/e.png>) ![己图][远处]
![庚图](../../../../../../../../etc/hostname) ![辛图](%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/hostname)

[远处]: ht&#116;p://evil.test/f.png
`

// TestNothingLoadedFromOutside builds a site whose plan page and task text
// hold such images, opens the pages from file:// and from the preview
// server in Chromium, and checks that every request the page made stayed
// in the site: nothing from another host, nothing from elsewhere on disk.
func TestNothingLoadedFromOutside(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	if err := os.CopyFS(dir, os.DirFS(exampleContent)); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"pages/plan.md", "tasks/1-1.md"} {
		p := filepath.Join(dir, filepath.FromSlash(f))
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, append(b, outsideMarkdown...), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := site.Build(context.Background(), site.Options{Content: dir, Out: out, Templates: templates.FS}); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(serve.New(out, ""))
	defer srv.Close()
	b := browsertest.ForTest(t)
	for _, base := range []string{"file://" + filepath.ToSlash(out) + "/", srv.URL + "/"} {
		for _, page := range []string{"plan/index.html", "tasks/1-1/index.html"} {
			rep, err := b.Open(base+page, browser.Options{Timeout: 45 * time.Second})
			if err != nil {
				t.Fatalf("%s%s: %v", base, page, err)
			}
			if !contains(rep.Requests, base+"assets/site.css") {
				t.Fatalf("%s%s: the page's own stylesheet is not among its requests %v: the test is not seeing requests", base, page, rep.Requests)
			}
			for _, r := range rep.Requests {
				if !strings.HasPrefix(r, base) {
					t.Errorf("%s%s asked for %s, outside the site", base, page, r)
				}
			}
			if len(rep.Blocked) > 0 {
				t.Errorf("%s%s: requests to other hosts: %v", base, page, rep.Blocked)
			}
		}
	}
	page, err := os.ReadFile(filepath.Join(out, "plan", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, alt := range []string{"甲图", "丙图", "己图", "辛图"} {
		if !strings.Contains(string(page), alt) {
			t.Errorf("the plan page lacks the text %s of an image it does not show", alt)
		}
	}
}
