package e2e

import (
	"context"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/plansite/plansite/internal/browser"
	"github.com/plansite/plansite/internal/browser/browsertest"
	"github.com/plansite/plansite/internal/site"
	"github.com/plansite/plansite/templates"
)

const (
	exampleContent = "../../content"
	axeScript      = "../../node_modules/axe-core/axe.min.js"
	maxTransfer    = 1536 << 10 // bytes a page may take to load, assets included
)

// build builds the example into a temporary folder and lists its pages.
func build(t *testing.T) (out string, pages []string) {
	t.Helper()
	out = filepath.Join(t.TempDir(), "public")
	if _, err := site.Build(context.Background(), site.Options{Content: exampleContent, Out: out, Templates: templates.FS, Now: time.Date(2024, 1, 5, 9, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && filepath.Ext(p) == ".html" {
			rel, _ := filepath.Rel(out, p)
			pages = append(pages, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out, pages
}

// static serves the files of dir as a plain web server does, without Go's
// redirect of …/index.html to …/ (nginx serves index.html as asked); a
// folder is 404, so a link to one is caught.
func static(dir string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := path.Clean("/" + r.URL.Path)
		f, err := os.Open(filepath.Join(dir, filepath.FromSlash(p)))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		defer f.Close()
		info, err := f.Stat()
		if err != nil || info.IsDir() {
			http.NotFound(w, r)
			return
		}
		http.ServeContent(w, r, info.Name(), info.ModTime(), f)
	})
}

// counter serves the site and counts the bytes it sends.
type counter struct {
	h     http.Handler
	bytes atomic.Int64
}

func (c *counter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c.h.ServeHTTP(countingWriter{w, &c.bytes}, r)
}

type countingWriter struct {
	http.ResponseWriter
	n *atomic.Int64
}

func (w countingWriter) Write(b []byte) (int, error) {
	n, err := w.ResponseWriter.Write(b)
	w.n.Add(int64(n))
	return n, err
}

// screenshotDir is where the screenshots of the main pages go; CI prints it.
func screenshotDir(t *testing.T) string {
	dir := os.Getenv("PLANSITE_SCREENSHOTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "plansite-screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// mainPages get a screenshot; axePages an accessibility check.
var (
	mainPages = []string{"index.html", "tasks/index.html", "tasks/3-2/index.html", "units/index.html", "units/jyzx/index.html",
		"rectification/index.html", "cycle/index.html", "submissions/index.html", "months/index.html", "months/2023-08/index.html",
		"findings/index.html", "plan/index.html", "guide/index.html"}
	axePages = []string{"index.html", "tasks/3-2/index.html", "submissions/index.html", "months/2023-08/index.html"}
)

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestEveryPageInBrowser opens every page of the example twice, from the
// folder and from a local server, and checks what a reader would notice.
func TestEveryPageInBrowser(t *testing.T) {
	out, pages := build(t)
	if len(pages) < 50 {
		t.Fatalf("only %d pages built", len(pages))
	}
	axe, err := os.ReadFile(axeScript)
	if err != nil {
		t.Fatalf("axe-core is not installed (make setup runs npm ci): %v", err)
	}
	srv := &counter{h: static(out)}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	b := browsertest.ForTest(t)
	shots := screenshotDir(t)

	for _, mode := range []string{"file", "http"} {
		base := "file://" + filepath.ToSlash(out) + "/"
		if mode == "http" {
			base = ts.URL + "/"
		}
		t.Run(mode, func(t *testing.T) {
			for _, p := range pages {
				opts := browser.Options{Timeout: 45 * time.Second}
				if mode == "http" && contains(axePages, p) {
					opts.Axe = string(axe)
				}
				if mode == "file" && contains(mainPages, p) {
					opts.Screenshot = true
				}
				srv.bytes.Store(0)
				rep, err := b.Open(base+p, opts)
				if err != nil {
					t.Errorf("%s: %v", p, err)
					continue
				}
				checkPage(t, p, rep, false)
				checkLinks(t, p, rep.Links, base, out)
				if mode == "http" {
					if n := srv.bytes.Load(); n > maxTransfer {
						t.Errorf("%s: %d KB transferred; the limit is %d KB", p, n>>10, maxTransfer>>10)
					} else if n == 0 {
						t.Errorf("%s: nothing counted as transferred", p)
					}
				}
				for _, v := range rep.Axe {
					if v.Impact == "critical" || v.Impact == "serious" {
						t.Errorf("%s: accessibility (%s) %s: %s, %d elements", p, v.Impact, v.ID, v.Help, v.Nodes)
					}
				}
				if rep.Screenshot != nil {
					name := strings.ReplaceAll(strings.TrimSuffix(strings.TrimSuffix(p, "index.html"), "/"), "/", "_")
					if name == "" {
						name = "index"
					}
					name += ".png"
					if err := os.WriteFile(filepath.Join(shots, name), rep.Screenshot, 0o644); err != nil {
						t.Error(err)
					}
				}
			}
		})
	}
	t.Logf("screenshots of the main pages (1366×768): %s", shots)
}

// checkPage checks a page as opened: no console error, nothing asked of
// another host, every chart drawn — in print, but for one the stylesheet
// hides so that its table prints in its place.
func checkPage(t *testing.T, p string, rep browser.Report, print bool) {
	t.Helper()
	if len(rep.Problems) > 0 {
		t.Errorf("%s: console errors: %s", p, strings.Join(rep.Problems, " | "))
	}
	if len(rep.Blocked) > 0 {
		t.Errorf("%s: requests to other hosts: %v", p, rep.Blocked)
	}
	if rep.State != "ready" {
		t.Errorf("%s: charts state %q", p, rep.State)
	}
	if rep.H1 == "" {
		t.Errorf("%s: no main heading", p)
	}
	for _, c := range rep.Charts {
		if !c.Drawn && !(print && c.Hidden) {
			t.Errorf("%s: chart %s not drawn (%.0f×%.0f)", p, c.ID, c.Width, c.Height)
		}
	}
}

// checkLinks: every link of the page leads to a file of the site, a page
// or an asset, never to a folder (a listing under file://) or nowhere.
func checkLinks(t *testing.T, p string, links []string, base, out string) {
	t.Helper()
	for _, l := range links {
		if !strings.HasPrefix(l, base) {
			t.Errorf("%s: link %s leaves the site", p, l)
			continue
		}
		rel, err := url.PathUnescape(strings.SplitN(strings.TrimPrefix(l, base), "?", 2)[0])
		if err != nil {
			t.Errorf("%s: link %s: %v", p, l, err)
			continue
		}
		info, err := os.Stat(filepath.Join(out, filepath.FromSlash(path.Clean(rel))))
		switch {
		case err != nil:
			t.Errorf("%s: link to %s goes nowhere", p, rel)
		case info.IsDir():
			t.Errorf("%s: link to %s is a folder", p, rel)
		}
	}
}

// TestLinksFollowedOverHTTP follows every distinct link target once over
// the local server: each answers 200 with a page of the site.
func TestLinksFollowedOverHTTP(t *testing.T) {
	out, pages := build(t)
	ts := httptest.NewServer(static(out))
	defer ts.Close()
	for _, p := range pages {
		resp, err := http.Get(ts.URL + "/" + p)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
			t.Errorf("%s: %d %s", p, resp.StatusCode, resp.Header.Get("Content-Type"))
		}
	}
}

// TestPagesInPrint lays every page out as Ctrl+P does (print media, an A4
// width): charts drawn, nothing reaching past the right edge.
func TestPagesInPrint(t *testing.T) {
	out, pages := build(t)
	b := browsertest.ForTest(t)
	for _, p := range pages {
		// The printable width of A4 portrait with 12 mm margins is 186 mm,
		// 703 px; the submissions matrix prints on A4 landscape, 277 mm.
		width := int64(703)
		if strings.HasPrefix(p, "submissions/") {
			width = 1047
		}
		rep, err := b.Open("file://"+filepath.ToSlash(filepath.Join(out, p)), browser.Options{Print: true, Width: width, Height: 1000, Timeout: 45 * time.Second})
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		checkPage(t, p, rep, true)
		if len(rep.Overflow) > 0 {
			t.Errorf("%s: cut at the right edge of the printed page: %v", p, rep.Overflow)
		}
	}
}
