package site

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/plansite/plansite/internal/content"
	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/pages"
	"github.com/plansite/plansite/internal/progress"
	"github.com/plansite/plansite/templates"
)

const exampleContent = "../../content"

// mustBuild builds the example content into a new temporary folder and
// returns the folder.
func mustBuild(tb testing.TB, contentDir string) string {
	tb.Helper()
	requireECharts(tb)
	out := filepath.Join(tb.TempDir(), "public")
	_, err := Build(context.Background(), Options{
		Content: contentDir, Out: out, Templates: templates.FS,
		Now: time.Date(2023, 7, 1, 9, 0, 0, 0, time.UTC),
	})
	if err != nil {
		tb.Fatalf("Build: %v", err)
	}
	return out
}

func requireECharts(tb testing.TB) {
	tb.Helper()
	if _, err := fs.Stat(templates.FS, "assets/vendor/echarts.min.js"); err != nil {
		tb.Fatal("ECharts is not embedded: run `make setup` (npm ci) before go test")
	}
}

func read(tb testing.TB, dir, rel string) string {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		tb.Fatalf("read %s: %v", rel, err)
	}
	return string(b)
}

func TestBuildWritesEveryPage(t *testing.T) {
	out := mustBuild(t, exampleContent)
	plan, err := content.Load(exampleContent)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"index.html", "plan/index.html", "tasks/index.html", "units/index.html", "assets/site.css", "assets/site.js", "assets/vendor/echarts.min.js"}
	for _, task := range plan.Tasks {
		want = append(want, "tasks/"+task.Slug+"/index.html")
	}
	for _, u := range plan.Units {
		want = append(want, "units/"+string(u.ID)+"/index.html")
	}
	for _, w := range want {
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(w))); err != nil {
			t.Errorf("missing %s", w)
		}
	}
	if n := len(plan.Tasks); n != 16 {
		t.Errorf("%d task pages; want 16", n)
	}

	task := read(t, out, "tasks/1-3/index.html")
	for _, s := range []string{"支持企业开展技能培训", "职业能力建设股", `href="../../units/jyzx/index.html"`, "2023年12月31日前", "新型学徒制培训补贴", "≥ 5000 元/人/年"} {
		if !strings.Contains(task, s) {
			t.Errorf("task page 1.3 lacks %q", s)
		}
	}
	unit := read(t, out, "units/jyzx/index.html")
	for _, s := range []string{"<h1>就业中心</h1>", "牵头的任务（5 项）", `href="../../tasks/1-5/index.html"`, "开展就业服务活动"} {
		if !strings.Contains(unit, s) {
			t.Errorf("unit page 就业中心 lacks %q", s)
		}
	}
	planPage := read(t, out, "plan/index.html")
	if !strings.Contains(planPage, "枣阳人社营商环境工作省内当先进") || !strings.Contains(planPage, `id="一总体工作要求"`) {
		t.Error("plan page lacks the plan's text or its Chinese heading ids")
	}

	// Whatever is at the top of the site is one of its own folders (which
	// no page of the content may take) or a page of the content.
	top, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range top {
		name := strings.TrimSuffix(e.Name(), ".html")
		if !strings.HasPrefix(name, ".") && !slices.Contains(pages.Reserved(), name) && !slices.ContainsFunc(plan.Pages, func(p domain.Page) bool { return p.Slug == name }) {
			t.Errorf("%s at the top of the site is neither reserved nor a page of the content", e.Name())
		}
	}
}

// TestDashboardMatchesSummary: the dashboard's status table, its donut
// and summary.json carry the same numbers.
func TestDashboardMatchesSummary(t *testing.T) {
	out := mustBuild(t, exampleContent)
	var sum struct {
		AsOf       string         `json:"as_of"`
		TaskCounts map[string]int `json:"task_counts"`
	}
	if err := json.Unmarshal([]byte(read(t, out, "data/summary.json")), &sum); err != nil {
		t.Fatal(err)
	}
	home := read(t, out, "index.html")
	total := 0
	for status, n := range sum.TaskCounts {
		total += n
		label := progress.Status(status).Label()
		row := fmt.Sprintf(`<th scope="row"><span class="light s-%s">%s</span></th><td class="num">%d</td>`, status, label, n)
		if !strings.Contains(home, row) {
			t.Errorf("dashboard table lacks %s = %d", label, n)
		}
		opt := regexp.MustCompile(`<script type="application/json" id="status-option">(.*?)</script>`).FindStringSubmatch(home)
		if opt == nil {
			t.Fatal("no status donut")
		}
		if n > 0 && !strings.Contains(opt[1], fmt.Sprintf(`"name":"%s","value":%d`, label, n)) {
			t.Errorf("donut lacks %s = %d", label, n)
		}
	}
	if total != 16 || sum.AsOf != "2023-12" {
		t.Errorf("summary: %d tasks as of %s; want 16 as of 2023-12", total, sum.AsOf)
	}
}

// TestEveryChartHasItsTable: each chart is described by a table of the same
// numbers on the same page.
func TestEveryChartHasItsTable(t *testing.T) {
	out := mustBuild(t, exampleContent)
	reChart := regexp.MustCompile(`aria-describedby="([^"]+)" data-chart="([^"]+)-option"`)
	charts := 0
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) != ".html" {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, m := range reChart.FindAllStringSubmatch(string(b), -1) {
			charts++
			if m[1] != m[2]+"-table" || !strings.Contains(string(b), `id="`+m[1]+`"`) {
				t.Errorf("%s: chart %s has no table %s", p, m[2], m[1])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if charts < 30 {
		t.Errorf("only %d charts in the site", charts)
	}
}

var (
	reRef    = regexp.MustCompile(`(?i)(?:src|href)\s*=\s*["']?([^"'\s>]+)`)
	reCSSURL = regexp.MustCompile(`(?i)url\(\s*["']?([^"')]+)`)
)

// siteRefs returns every src, href and CSS url() of every HTML and CSS file
// of the site, by the file that holds it.
func siteRefs(tb testing.TB, out string) map[string][]string {
	tb.Helper()
	refs := map[string][]string{}
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		ext := filepath.Ext(p)
		if ext != ".html" && ext != ".css" {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		for _, re := range []*regexp.Regexp{reRef, reCSSURL} {
			for _, m := range re.FindAllStringSubmatch(string(b), -1) {
				refs[filepath.ToSlash(rel)] = append(refs[filepath.ToSlash(rel)], m[1])
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return refs
}

func TestNoExternalReferences(t *testing.T) {
	out := mustBuild(t, exampleContent)
	if bad := externalRefs(t, out); len(bad) > 0 {
		t.Errorf("the site must not reach outside itself: %v", bad)
	}
	// The same scan must catch what it is for: a page and a stylesheet
	// that reach out, planted in a site.
	planted := t.TempDir()
	page := `<link rel="stylesheet" href="https://cdn.example.com/a.css"><script src='//cdn.example.com/e.js'></script><a href=index.html>home</a>`
	css := `body { background: url( "http://example.com/bg.png" ) } .x { background: url(img/local.png) }`
	if err := os.WriteFile(filepath.Join(planted, "index.html"), []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(planted, "site.css"), []byte(css), 0o644); err != nil {
		t.Fatal(err)
	}
	got := externalRefs(t, planted)
	want := []string{"index.html: https://cdn.example.com/a.css", "index.html: //cdn.example.com/e.js", "site.css: http://example.com/bg.png"}
	sort.Strings(got)
	sort.Strings(want)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("the scan of a planted site found %q; want %q", got, want)
	}
}

// externalRefs returns the references of the site in out that leave it,
// as "file: reference".
func externalRefs(tb testing.TB, out string) []string {
	var bad []string
	for file, refs := range siteRefs(tb, out) {
		for _, r := range refs {
			u, err := url.Parse(r)
			if err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(r, "//") {
				bad = append(bad, file+": "+r)
			}
		}
	}
	return bad
}

// TestLinksResolve follows every relative link of every page: each must
// name a file of the site (links end in index.html, not in a folder, so
// they work from file://).
func TestLinksResolve(t *testing.T) {
	for _, budget := range []int{pages.TaskPageBudget, 4000} {
		t.Run(fmt.Sprintf("task page budget %d", budget), func(t *testing.T) {
			defer func(b int) { pages.TaskPageBudget = b }(pages.TaskPageBudget)
			pages.TaskPageBudget = budget // 4000: earlier months of tasks on pages of their own
			linksResolve(t, mustBuild(t, exampleContent))
		})
	}
}

// linksResolve checks every link of the site in out: it leads to a file of
// the site (not a folder), and its #fragment to an id on that page.
func linksResolve(t *testing.T, out string) {
	checked, own := 0, 0
	for file, refs := range siteRefs(t, out) {
		if strings.Count(file, "/") == 3 && strings.HasPrefix(file, "tasks/") {
			own++
		}
		for _, r := range refs {
			u, err := url.Parse(r)
			if err != nil || u.Path == "" {
				continue // a fragment on the same page
			}
			target := path.Join(path.Dir(file), u.Path)
			if strings.HasPrefix(target, "../") {
				t.Errorf("%s: link %q leaves the site", file, r)
				continue
			}
			info, err := os.Stat(filepath.Join(out, filepath.FromSlash(target)))
			switch {
			case err != nil:
				t.Errorf("%s: link %q goes nowhere (%s)", file, r, target)
			case info.IsDir():
				t.Errorf("%s: link %q is a folder; under file:// it shows a listing", file, r)
			case u.Fragment != "" && !strings.Contains(read(t, out, target), `id="`+u.Fragment+`"`):
				t.Errorf("%s: link %q: %s has no id %q", file, r, target, u.Fragment)
			}
			checked++
		}
	}
	if checked < 100 {
		t.Errorf("only %d links checked; the scan is not seeing the pages", checked)
	}
	if pages.TaskPageBudget < 10000 && own == 0 {
		t.Error("no month page of a task with a small budget")
	}
}

func TestContentErrorKeepsOldSite(t *testing.T) {
	out := mustBuild(t, exampleContent)
	before := read(t, out, "index.html")
	broken := t.TempDir()
	if err := os.CopyFS(broken, os.DirFS(exampleContent)); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(broken, "units.yaml"), []byte("units: []\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Build(context.Background(), Options{Content: broken, Out: out, Templates: templates.FS})
	if err == nil {
		t.Fatal("build of broken content succeeded")
	}
	if after := read(t, out, "index.html"); after != before {
		t.Error("a failed build changed the published site")
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".public.[no]*")) // .new-…, .old; the .lock file stays
	if len(leftovers) > 0 {
		t.Errorf("a failed build left %v", leftovers)
	}
}

func TestRefusesToReplaceOtherFolder(t *testing.T) {
	requireECharts(t)
	out := t.TempDir()
	if err := os.WriteFile(filepath.Join(out, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Build(context.Background(), Options{Content: exampleContent, Out: out, Templates: templates.FS})
	if err == nil {
		t.Fatal("build replaced a folder it did not write")
	}
	if b, _ := os.ReadFile(filepath.Join(out, "notes.txt")); string(b) != "mine" {
		t.Error("the user's file was touched")
	}
}
