package e2e

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/plansite/plansite/internal/browser"
	"github.com/plansite/plansite/internal/browser/browsertest"
	"github.com/plansite/plansite/internal/content"
	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/site"
	"github.com/plansite/plansite/internal/workbook"
	"github.com/plansite/plansite/templates"
)

// payloads try every way a text could become code in a reader's browser:
// markup in HTML text and attributes, the end of a script element around
// the chart data, go-echarts' __f__ function markers, a javascript: URL, and
// HTML in ECharts' tooltips. Each sets window.__xss (or opens a dialog)
// when it runs.
var payloads = []string{
	`<script>window.__xss=1</script>`,
	`<img src=x onerror="window.__xss=2">`,
	`__f__function(){window.__xss=3}__f__`,
	`</script><script>window.__xss=4</script>`,
	`javascript:window.__xss=5`,
	`"><svg onload=window.__xss=6>`,
	`'><iframe srcdoc="<script>parent.__xss=7</script>">`,
	`{{.}}<b onmouseover=alert(8)>粗</b>`,
}

func payload(i int) string { return payloads[i%len(payloads)] + "测" }

// TestNoScriptInjection builds the example with payloads in the content
// (a category, an area, a unit, a task title, the plan page) and in a
// workbook (every text cell, the reporter, the file name), opens every page,
// shows every chart's tooltips, and checks that no payload ran.
func TestNoScriptInjection(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	if err := os.CopyFS(dir, os.DirFS(exampleContent)); err != nil {
		t.Fatal(err)
	}
	replace := map[string]string{
		"降低成本行动":      payload(0),
		"就业服务":        payload(1),
		"扩大“免证明”应用领域": payload(2),
		"人才流动":        payload(3),
	}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.Contains(p, string(filepath.Separator)+"inbox"+string(filepath.Separator)) {
			return err
		}
		if ext := filepath.Ext(p); ext != ".yaml" && ext != ".md" {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		s := string(b)
		for from, to := range replace {
			s = strings.ReplaceAll(s, from, strings.ReplaceAll(to, `"`, `\"`))
		}
		if filepath.Base(p) == "units.yaml" {
			s = strings.Replace(s, "\ngroups:", "\n  - {id: xss, name: \""+strings.ReplaceAll(payload(4), `"`, `\"`)+"\", kind: \""+strings.ReplaceAll(payload(5), `"`, `\"`)+"\"}\n\ngroups:", 1)
		}
		if filepath.Base(p) == "1-2.md" {
			s = strings.Replace(s, "cooperators: [", "cooperators: [\""+strings.ReplaceAll(payload(4), `"`, `\"`)+"\", ", 1)
		}
		if filepath.Base(p) == "plan.md" {
			s += "\n\n<script>window.__xss=20</script> [点我](javascript:window.__xss=21) ![图](data:image/svg+xml,<svg onload=alert(22)>)\n"
		}
		return os.WriteFile(p, []byte(s), 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	plan, err := content.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	xss := domain.UnitID("xss")
	m := domain.MustMonth(2023, 12)
	fill := &domain.Report{Unit: xss, Month: m, Reporter: payload(6), Phone: payload(7), FilledOn: m.Day(20)}
	v := 50.0
	for _, task := range plan.Tasks {
		if task.RoleOf(xss) != "" {
			fill.Tasks = append(fill.Tasks, domain.TaskRow{TaskID: task.ID, Progress: &v, State: domain.TaskInProgress, Done: payload(0) + payload(3), Issues: payload(1), Next: payload(2)})
		}
	}
	var buf bytes.Buffer
	if err := workbook.Template(&buf, plan, xss, m, nil, fill); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "inbox", "2023-12", `<img src=x onerror=alert(9)>.xlsx`), buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}

	out := filepath.Join(t.TempDir(), "public")
	if _, err := site.Build(context.Background(), site.Options{Content: dir, Out: out, Templates: templates.FS}); err != nil {
		t.Fatal(err)
	}
	var pages []string
	_ = filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && filepath.Ext(p) == ".html" {
			pages = append(pages, p)
		}
		return err
	})
	b := browsertest.ForTest(t)
	// Show every data item's tooltip of every chart, then report __xss.
	probe := `
		const charts = Array.from(document.querySelectorAll(".chart")).map(el => echarts.getInstanceByDom(el)).filter(Boolean);
		for (const c of charts) {
			const series = c.getOption().series || [];
			series.forEach((s, si) => {
				const n = Array.isArray(s.data) ? s.data.length : 0;
				for (let di = 0; di < n && di < 40; di++) c.dispatchAction({type: "showTip", seriesIndex: si, dataIndex: di});
			});
		}
		return new Promise(r => setTimeout(() => r(String(window.__xss)), 300));`
	seen := 0
	for _, p := range pages {
		rep, err := b.Open("file://"+filepath.ToSlash(p), browser.Options{Script: probe, Timeout: 45 * time.Second})
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		rel, _ := filepath.Rel(out, p)
		if rep.Script != "undefined" || len(rep.Dialogs) > 0 {
			t.Errorf("%s: injected code ran: __xss=%s, dialogs %v", rel, rep.Script, rep.Dialogs)
		}
		if len(rep.Blocked) > 0 {
			t.Errorf("%s: requests to other hosts: %v", rel, rep.Blocked)
		}
		if rep.State != "ready" {
			t.Errorf("%s: charts %s: %v", rel, rep.State, rep.Problems)
		}
		page, _ := os.ReadFile(p)
		if bytes.Contains(page, []byte("测")) {
			seen++
		}
	}
	if seen < 20 {
		t.Errorf("the payloads reached only %d pages; the test is not testing", seen)
	}

	// The search lists the payloads as text, and none runs.
	rep, err := b.Open("file://"+filepath.ToSlash(filepath.Join(out, "index.html")), browser.Options{
		Script: "return " + searchPromise("xss") + `.then(r => new Promise(res => setTimeout(() => res(String(window.__xss) + " " + r), 300)))`, Timeout: 45 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	ran, answer, _ := strings.Cut(rep.Script, " ")
	if ran != "undefined" || len(rep.Dialogs) > 0 {
		t.Errorf("searching xss: injected code ran: __xss=%s, dialogs %v", ran, rep.Dialogs)
	}
	if !strings.Contains(answer, `\u003cscript\u003ewindow.__xss=1`) && !strings.Contains(answer, "<script>window.__xss=1") {
		t.Errorf("searching xss does not show the payload as text: %.300s", answer)
	}
}
