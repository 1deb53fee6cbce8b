package serve

import (
	"errors"
	"github.com/plansite/plansite/internal/publish"
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestErrorBannerAtTheTop: after a failed rebuild every page shows the
// error first thing in its body, escaped, before the header, and still
// reloads.
func TestErrorBannerAtTheTop(t *testing.T) {
	dir := t.TempDir()
	page := "<!DOCTYPE html><html><head><title>t</title></head>\n<body data-section=\"home\">\n<header>标题</header><main>正文</main><footer>页脚</footer>\n</body></html>"
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	// A folder is served only while it holds a site plansite wrote.
	if err := os.WriteFile(filepath.Join(dir, publish.Marker), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	h := New(dir, "")
	h.Rebuilt(errors.New("site.yaml:1: <b>坏了</b>"))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "http://127.0.0.1/index.html", nil))
	b, _ := io.ReadAll(rec.Body)
	got := string(b)
	body := strings.Index(got, `<body data-section="home">`)
	banner := strings.Index(got, `<div role="alert"`)
	header := strings.Index(got, "<header>")
	if body < 0 || banner != body+len(`<body data-section="home">`) || header < banner {
		t.Errorf("the banner is not at the top of the body:\n%s", got)
	}
	if !strings.Contains(got, "site.yaml:1: &lt;b&gt;坏了&lt;/b&gt;") || strings.Contains(got, "<b>坏了") {
		t.Errorf("the error is not shown escaped:\n%s", got)
	}
	if !strings.Contains(got, "/__plansite/events") || strings.Index(got, "/__plansite/events") < strings.Index(got, "页脚") {
		t.Error("the reload script is not at the end of the page")
	}
	// After a good rebuild, no banner.
	h.Rebuilt(nil)
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "http://127.0.0.1/index.html", nil))
	if b, _ := io.ReadAll(rec.Body); strings.Contains(string(b), `role="alert"`) {
		t.Error("a banner after a good rebuild")
	}
}
