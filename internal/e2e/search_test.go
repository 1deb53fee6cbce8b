package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/plansite/plansite/internal/browser"
	"github.com/plansite/plansite/internal/browser/browsertest"
	"github.com/plansite/plansite/internal/content"
	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/inbox"
	"github.com/plansite/plansite/internal/progress"
	"github.com/plansite/plansite/internal/search"
)

// searchScript types the query into the page's search box, submits it and
// waits for the search to finish, pressing 再显示 until every result is
// shown; it returns the note and the results.
func searchScript(q string) string { return "return " + searchPromise(q) }

// searchPromise is searchScript as an expression: a promise of the JSON.
func searchPromise(q string) string {
	b, _ := json.Marshal(q)
	return `(function () {
	const input = document.getElementById("site-q");
	if (!input || input.form.hidden) return Promise.resolve(JSON.stringify({note: "no search box", results: []}));
	input.focus();
	input.value = ` + string(b) + `;
	input.form.requestSubmit();
	return new Promise((resolve, reject) => {
		const t0 = Date.now();
		let first = "";
		(function poll() {
			const note = document.querySelector(".search-note");
			const more = document.querySelector(".search-more");
			const text = note ? note.textContent : "";
			if (text && !text.startsWith("正在") && more && !more.hidden) {
				first = first || text;
				more.click();
				setTimeout(poll, 50);
			} else if (text && !text.startsWith("正在") && (!more || more.hidden)) {
				resolve(JSON.stringify({note: first || text, last: text, results: Array.from(document.querySelectorAll(".search-item")).map(li => ({
					Tag: li.querySelector(".tag").textContent, Title: li.querySelector("a").textContent, Href: li.querySelector("a").href,
					Meta: (li.querySelector(".search-meta") || {}).textContent || "", Snippet: (li.querySelector(".search-snippet") || {}).textContent || "",
					Marked: (li.querySelector(".search-snippet mark") || {}).textContent || ""}))}));
			} else if (Date.now() - t0 > 20000) {
				reject(new Error("the search did not finish: " + text));
			} else {
				setTimeout(poll, 50);
			}
		})();
	});
})()`
}

type searchResult struct {
	Tag, Title, Href, Meta, Snippet, Marked string
}

type searchAnswer struct {
	Note    string // the first note: 找到 N 条，显示前 M 条
	Last    string // after every result is shown: 找到 N 条
	Results []searchResult
}

// expectedHits works out, from the content and the inbox (not from the
// site), what a search for q must list: the tasks, units, problems and
// indicators whose names hold it, and every text a unit wrote that holds
// it (of the report whose data counts), as "tag|title|meta" lines.
func expectedHits(t *testing.T, q string) []string {
	t.Helper()
	plan, err := content.Load(exampleContent)
	if err != nil {
		t.Fatal(err)
	}
	in, err := inbox.Scan(context.Background(), plan, plan.Settings.Inbox, nil)
	if err != nil {
		t.Fatal(err)
	}
	nq := string(slices.Collect(search.Normalize(q)))
	has := func(ss ...string) bool {
		for _, s := range ss {
			if strings.Contains(string(slices.Collect(search.Normalize(s))), nq) {
				return true
			}
		}
		return false
	}
	var out []string
	for _, task := range plan.Tasks {
		if has(task.ID+task.Title, task.Category) {
			out = append(out, "任务|"+task.ID+" "+task.Title+"|"+task.Category)
		}
	}
	for _, u := range plan.Units {
		if has(u.Name, strings.Join(u.Aliases, "、"), u.Kind) {
			meta := u.Kind
			if len(u.Aliases) > 0 {
				meta += " · 又称" + strings.Join(u.Aliases, "、")
			}
			out = append(out, "单位|"+u.Name+"|"+meta)
		}
	}
	for _, p := range plan.Problems {
		if has(p.ID + p.Title) {
			out = append(out, "整改问题|"+p.ID+" "+p.Title+"|")
		}
	}
	for _, in := range plan.Indicators {
		if has(in.ID + in.Title) {
			out = append(out, "评价指标|"+in.ID+" "+in.Title+"|")
		}
	}
	title := map[string]string{}
	for _, task := range plan.Tasks {
		title[task.ID] = task.ID + " " + task.Title
	}
	for _, p := range plan.Problems {
		title[p.ID] = p.ID + " " + p.Title
	}
	for _, in := range plan.Indicators {
		title[in.ID] = in.ID + " " + in.Title
	}
	for _, r := range progress.Carriers(in.Reports, progress.LatestMonth(plan, in.Reports)) {
		meta := plan.UnitName(r.Unit) + " · " + r.Month.Label()
		hit := func(id string, fields, labels []string) {
			for i, f := range fields {
				if has(f) {
					out = append(out, labels[i]+"|"+title[id]+"|"+meta)
					return
				}
			}
		}
		for _, row := range r.Tasks {
			hit(row.TaskID, []string{row.Done, row.Issues, row.Next}, []string{"本月工作进展", "存在问题", "下月工作计划"})
		}
		for _, row := range r.Problems {
			hit(row.ProblemID, []string{row.Measures}, []string{"整改措施"})
		}
		for _, row := range r.Indicators {
			hit(row.IndicatorID, []string{row.Note}, []string{"情况说明"})
		}
	}
	sort.Strings(out)
	return out
}

// TestSearchFromEveryPage types 零工 into the search box of pages at every
// depth of the site, opened from file://, and checks that the results are
// exactly the tasks, problems and texts that hold it, each with the word
// marked, and that every link leads to a page of the site and an element
// of it; then follows a link to a month of a task page and finds that
// month's texts open. It also searches for a word no text holds, and for
// a single character.
func TestSearchFromEveryPage(t *testing.T) {
	out, pages := build(t)
	want := expectedHits(t, "零工")
	if len(want) < 10 {
		t.Fatalf("only %d texts hold 零工 in the example; the test is not testing", len(want))
	}
	b := browsertest.ForTest(t)
	ids := map[string][]string{} // page → the ids of its elements
	idsOf := func(rel string) []string {
		if v, ok := ids[rel]; ok {
			return v
		}
		page, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(rel)))
		if err != nil {
			return nil
		}
		for _, m := range regexp.MustCompile(` id="([^"]+)"`).FindAllStringSubmatch(string(page), -1) {
			ids[rel] = append(ids[rel], m[1])
		}
		return ids[rel]
	}
	base := "file://" + filepath.ToSlash(out) + "/"
	tried := []string{"index.html", "tasks/index.html", "tasks/3-5/index.html", "units/jyzx/index.html", "months/2023-10/index.html", "plan/index.html", "ranking/index.html", "findings/index.html"}
	for _, p := range tried {
		if !slices.Contains(pages, p) {
			t.Fatalf("no page %s", p)
		}
		rep, err := b.Open(base+p, browser.Options{Script: searchScript("零工"), Timeout: 45 * time.Second})
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		checkPage(t, p, rep, false)
		var a searchAnswer
		if err := json.Unmarshal([]byte(rep.Script), &a); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		var got []string
		for _, r := range a.Results {
			got = append(got, r.Tag+"|"+r.Title+"|"+r.Meta)
			if r.Snippet != "" && r.Marked != "零工" {
				t.Errorf("%s: result %s %s: marked %q, want 零工 (%s)", p, r.Title, r.Meta, r.Marked, r.Snippet)
			}
			// The link leads to a page of the site, and to an element of it.
			u, err := url.Parse(r.Href)
			if err != nil || !strings.HasPrefix(r.Href, base) {
				t.Errorf("%s: link %s leaves the site", p, r.Href)
				continue
			}
			rel := strings.TrimPrefix(u.Path, strings.TrimPrefix(base, "file://"))
			if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(rel))); err != nil {
				t.Errorf("%s: link %s goes nowhere", p, r.Href)
			} else if u.Fragment != "" && !slices.Contains(idsOf(rel), u.Fragment) {
				t.Errorf("%s: link %s: no element #%s on %s", p, r.Href, u.Fragment, rel)
			}
		}
		// Tasks and names first, as the content lists them; then the texts,
		// newest month first.
		sorted := append([]string(nil), got...)
		sort.Strings(sorted)
		if !slices.Equal(sorted, want) {
			t.Errorf("%s: searching 零工 gave %d results, want %d:\n got %q\nwant %q", p, len(got), len(want), sorted, want)
		}
		first := regexp.MustCompile(fmt.Sprintf(`^找到 %d 条，显示前 \d+ 条。$`, len(want)))
		if !first.MatchString(a.Note) || a.Last != fmt.Sprintf("找到 %d 条。", len(want)) {
			t.Errorf("%s: notes %q then %q, want 找到 %d 条，显示前 … 条 then 找到 %d 条。", p, a.Note, a.Last, len(want), len(want))
		}
	}

	// A text's link opens its month on the task page.
	rep, err := b.Open(base+"index.html", browser.Options{Script: searchScript("零工"), Timeout: 45 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	var a searchAnswer
	if err := json.Unmarshal([]byte(rep.Script), &a); err != nil {
		t.Fatal(err)
	}
	july := ""
	for _, r := range a.Results {
		if strings.Contains(r.Href, "/tasks/") && strings.HasSuffix(r.Href, "#m-2023-07") {
			july = r.Href
			break
		}
	}
	if july == "" {
		t.Fatal("no result links to July's texts of a task")
	}
	rep, err = b.Open(july, browser.Options{Script: `const d = document.getElementById(location.hash.slice(1));
		return (d ? d.tagName + " " + d.open : "none") + " " + (d ? Math.round(d.getBoundingClientRect().top) : "");`, Timeout: 45 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if f := strings.Fields(rep.Script); len(f) != 3 || f[0] != "DETAILS" || f[1] != "true" {
		t.Errorf("%s: %s; want July's texts open", july, rep.Script)
	} else if top, _ := strconv.Atoi(f[2]); top < 0 || top > 768 {
		t.Errorf("%s: July's texts at %d px, not in view", july, top)
	}

	for q, note := range map[string]string{"不存在的词语组合": "没有找到", "零": "请至少输入两个字"} {
		rep, err := b.Open(base+"tasks/index.html", browser.Options{Script: searchScript(q), Timeout: 45 * time.Second})
		if err != nil {
			t.Fatal(err)
		}
		var a searchAnswer
		if err := json.Unmarshal([]byte(rep.Script), &a); err != nil {
			t.Fatal(err)
		}
		if len(a.Results) != 0 || !strings.Contains(a.Note, note) {
			t.Errorf("searching %q: %d results, note %q; want none and %q", q, len(a.Results), a.Note, note)
		}
	}
}

// TestTaskListFilters filters the task list by a unit (lead or
// cooperating, then lead only), by status and by 本月未报, and checks the
// rows shown against the plan and summary.json; without script every task
// is listed.
func TestTaskListFilters(t *testing.T) {
	out, _ := build(t)
	plan, err := content.Load(exampleContent)
	if err != nil {
		t.Fatal(err)
	}
	var s struct {
		Tasks []struct {
			ID, Status string
			Reported   bool
		}
	}
	sum, err := os.ReadFile(filepath.Join(out, "data", "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(sum, &s); err != nil {
		t.Fatal(err)
	}
	jyzx := domain.UnitID("jyzx") // 就业中心
	var its, leads, overdue, unreported []string
	for _, task := range plan.Tasks {
		switch task.RoleOf(jyzx) {
		case domain.RoleLead:
			leads = append(leads, task.ID)
			its = append(its, task.ID)
		case domain.RoleCooperate:
			its = append(its, task.ID)
		}
	}
	for _, task := range s.Tasks {
		if task.Status == "overdue" {
			overdue = append(overdue, task.ID)
		}
		if !task.Reported && task.Status != "done" && task.Status != "no_report" {
			unreported = append(unreported, task.ID)
		}
	}
	if len(its) == len(leads) || len(leads) == 0 || len(unreported) == 0 {
		t.Fatalf("the example no longer tells the filters apart: %v %v %v", its, leads, unreported)
	}
	b := browsertest.ForTest(t)
	page := "file://" + filepath.ToSlash(filepath.Join(out, "tasks", "index.html"))
	filter := func(set string) string {
		return `const f = document.getElementById("task-filters");
		if (f.hidden) return "filters hidden";
		` + set + `
		f.dispatchEvent(new Event("change"));
		return JSON.stringify({ids: Array.from(document.querySelectorAll("#all-tasks tbody tr")).filter(r => !r.hidden && r.offsetParent !== null).map(r => r.cells[0].textContent.trim()),
			count: document.getElementById("task-filter-count").textContent});`
	}
	for _, c := range []struct {
		name, set string
		want      []string
	}{
		{"就业中心, lead or cooperating", `f.elements.unit.value = "jyzx";`, its},
		{"就业中心, lead", `f.elements.unit.value = "jyzx"; f.elements.role.value = "lead";`, leads},
		{"逾期", `f.elements.status.value = "s-overdue";`, overdue},
		{"本月未报", `f.elements.unreported.checked = true;`, unreported},
	} {
		rep, err := b.Open(page, browser.Options{Script: filter(c.set), Timeout: 45 * time.Second})
		if err != nil {
			t.Fatal(err)
		}
		var got struct {
			IDs   []string
			Count string
		}
		if err := json.Unmarshal([]byte(rep.Script), &got); err != nil {
			t.Fatalf("%s: %v (%s)", c.name, err, rep.Script)
		}
		if !slices.Equal(got.IDs, c.want) {
			t.Errorf("%s: rows %v, want %v", c.name, got.IDs, c.want)
		}
		if want := fmt.Sprintf("显示 %d / %d 项", len(c.want), len(plan.Tasks)); got.Count != want {
			t.Errorf("%s: %q, want %q", c.name, got.Count, want)
		}
	}
	// A link to tasks/index.html#unit=jyzx opens the list filtered.
	rep, err := b.Open(page+"#unit=jyzx", browser.Options{Script: filter(""), Timeout: 45 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(rep.Script, fmt.Sprintf("显示 %d / %d 项", len(its), len(plan.Tasks))) {
		t.Errorf("tasks/index.html#unit=jyzx: %s", rep.Script)
	}
	// Without script: every task, and no filter form shown.
	html, err := os.ReadFile(filepath.Join(out, "tasks", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	list := string(html)[strings.Index(string(html), `<div id="all-tasks">`):]
	list = list[:strings.Index(list, "</table>")]
	if n := strings.Count(list, "<tr data-leads="); n != len(plan.Tasks) {
		t.Errorf("the list holds %d tasks without script, want %d", n, len(plan.Tasks))
	}
	if !strings.Contains(string(html), `<form id="task-filters" class="filters" data-table="all-tasks" hidden>`) {
		t.Error("the filters are not hidden without script")
	}
}

// TestSearchKeysAgree: the page's script normalizes and hashes text as
// internal/search does, or a query would look in the wrong bucket of a
// segment split in several (the example's are not).
func TestSearchKeysAgree(t *testing.T) {
	out, _ := build(t)
	texts := []string{"零工", "ＡＢ", "1.10", "就业 中心", "a\u200bB", "𠀋𠀌", "驿站\u3000建设", "%／"}
	js, _ := json.Marshal(texts)
	b := browsertest.ForTest(t)
	rep, err := b.Open("file://"+filepath.ToSlash(filepath.Join(out, "index.html")), browser.Options{
		Script: `return JSON.stringify(` + string(js) + `.map(s => plansiteSearch.key(s)))`, Timeout: 45 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	var got []struct {
		Text string
		Hash uint32
	}
	if err := json.Unmarshal([]byte(rep.Script), &got); err != nil {
		t.Fatalf("%v: %s", err, rep.Script)
	}
	for i, s := range texts {
		want := slices.Collect(search.Normalize(s))
		if got[i].Text != string(want) || got[i].Hash != search.Hash(want) {
			t.Errorf("%q: the page has %q %d, internal/search %q %d", s, got[i].Text, got[i].Hash, string(want), search.Hash(want))
		}
	}
}
