package browser_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/plansite/plansite/internal/browser"
	"github.com/plansite/plansite/internal/browser/browsertest"
	"github.com/plansite/plansite/templates"
)

// chartPage writes a page with one chart of the given option JSON, next to the
// site's own script and ECharts, and returns its file:// URL.
func chartPage(t *testing.T, option string) string {
	t.Helper()
	dir := t.TempDir()
	for _, a := range []string{"assets/site.js", "assets/vendor/echarts.min.js"} {
		b, err := fs.ReadFile(templates.FS, a)
		if err != nil {
			t.Fatalf("%s: %v (run make setup)", a, err)
		}
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(a)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, a), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	html := `<!DOCTYPE html><html><head><meta charset="utf-8"><title>t</title></head><body><h1>图</h1>
<div class="chart" id="c" style="width:600px;height:300px" data-chart="c-option"></div>
<script type="application/json" id="c-option">` + option + `</script>
<script src="assets/vendor/echarts.min.js"></script><script src="assets/site.js"></script></body></html>`
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte(html), 0o644); err != nil {
		t.Fatal(err)
	}
	return "file://" + filepath.ToSlash(filepath.Join(dir, "index.html"))
}

func TestLoadSeesADrawnChart(t *testing.T) {
	b := browsertest.ForTest(t)
	rep, err := b.Open(chartPage(t, `{"xAxis":{"data":["a","b"]},"yAxis":{},"series":[{"type":"bar","data":[1,2]}]}`), browser.Options{Timeout: 30 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if rep.State != "ready" || len(rep.Charts) != 1 || !rep.Charts[0].Drawn || len(rep.Problems) > 0 || rep.H1 != "图" {
		t.Errorf("report = %+v; want one drawn chart, ready, no problems", rep)
	}
}

// TestLoadSeesABrokenChart makes sure the checks can fail: an option that
// is not JSON and a series type ECharts does not know are reported.
func TestLoadSeesABrokenChart(t *testing.T) {
	b := browsertest.ForTest(t)
	for name, opt := range map[string]string{
		"not JSON":       `{"series":[`,
		"unknown series": `{"xAxis":{"data":["a"]},"yAxis":{},"series":[{"type":"nosuchchart","data":[1]}]}`,
	} {
		t.Run(name, func(t *testing.T) {
			rep, err := b.Open(chartPage(t, opt), browser.Options{Timeout: 30 * time.Second})
			if err != nil {
				t.Fatal(err)
			}
			if rep.State == "ready" && len(rep.Problems) == 0 && len(rep.Charts) == 1 && rep.Charts[0].Drawn {
				t.Errorf("a broken chart looked fine: %+v", rep)
			}
			if len(rep.Problems) == 0 {
				t.Errorf("no console error reported for a broken chart: %+v", rep)
			} else if !strings.Contains(strings.Join(rep.Problems, "\n"), "rror") {
				t.Logf("problems: %v", rep.Problems)
			}
		})
	}
}

// TestOpenBlocksOtherHosts: a page that reaches for the internet has the
// request refused and recorded.
func TestOpenBlocksOtherHosts(t *testing.T) {
	b := browsertest.ForTest(t)
	url := chartPage(t, `{"xAxis":{"data":["a"]},"yAxis":{},"series":[{"type":"bar","data":[1]}]}`)
	dir := filepath.Dir(strings.TrimPrefix(url, "file://"))
	html := `<!DOCTYPE html><html><head><meta charset="utf-8"><title>t</title></head><body><h1>外</h1><img src="https://cdn.example.com/logo.png" alt="x"><a href="index.html">本站</a><script src="assets/site.js"></script></body></html>`
	if err := os.WriteFile(filepath.Join(dir, "ext.html"), []byte(html), 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err := b.Open("file://"+filepath.ToSlash(filepath.Join(dir, "ext.html")), browser.Options{Timeout: 30 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Blocked) != 1 || !strings.Contains(rep.Blocked[0], "cdn.example.com") {
		t.Errorf("blocked = %v; want the CDN request", rep.Blocked)
	}
	if len(rep.Links) != 1 || !strings.HasSuffix(rep.Links[0], "/index.html") {
		t.Errorf("links = %v", rep.Links)
	}
}

// TestOpenSeesOverflow: a table wider than the page is reported.
func TestOpenSeesOverflow(t *testing.T) {
	b := browsertest.ForTest(t)
	url := chartPage(t, `{"xAxis":{"data":["a"]},"yAxis":{},"series":[{"type":"bar","data":[1]}]}`)
	dir := filepath.Dir(strings.TrimPrefix(url, "file://"))
	html := `<!DOCTYPE html><html><head><meta charset="utf-8"><title>t</title></head><body><main><h1>宽</h1><table style="width:3000px"><caption>太宽的表</caption><tr><td>x</td></tr></table></main><script src="assets/site.js"></script></body></html>`
	if err := os.WriteFile(filepath.Join(dir, "wide.html"), []byte(html), 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err := b.Open("file://"+filepath.ToSlash(filepath.Join(dir, "wide.html")), browser.Options{Print: true, Width: 703, Height: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Overflow) != 1 || !strings.Contains(rep.Overflow[0], "太宽的表") {
		t.Errorf("overflow = %v", rep.Overflow)
	}
}

// TestOpenSeesInjectedCode: the probe the injection test relies on does see
// code that runs, and dialogs.
func TestOpenSeesInjectedCode(t *testing.T) {
	b := browsertest.ForTest(t)
	url := chartPage(t, `{"xAxis":{"data":["a"]},"yAxis":{},"series":[{"type":"bar","data":[1]}]}`)
	dir := filepath.Dir(strings.TrimPrefix(url, "file://"))
	html := `<!DOCTYPE html><html><head><meta charset="utf-8"><title>t</title></head><body><h1>x</h1><img src="missing.png" onerror="window.__xss=2;alert('注入')"><script src="assets/site.js"></script></body></html>`
	if err := os.WriteFile(filepath.Join(dir, "xss.html"), []byte(html), 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err := b.Open("file://"+filepath.ToSlash(filepath.Join(dir, "xss.html")), browser.Options{Script: `return new Promise(r => setTimeout(() => r(String(window.__xss)), 200))`})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Script != "2" || len(rep.Dialogs) != 1 {
		t.Errorf("script %q, dialogs %v; want 2 and one alert", rep.Script, rep.Dialogs)
	}
}
