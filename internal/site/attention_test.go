package site

import (
	"encoding/json"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/plansite/plansite/internal/domain"
)

// TestAttentionOnTheExample: as of December 2023, the tasks due 2023-12-31
// that are not done are red 逾期 — 1.4 too, although its lead skipped
// December — and every list of items needing attention holds them with
// their lead units, worst first; the light of a task whose lead skipped the
// month carries 本月未报 on every page that shows it.
func TestAttentionOnTheExample(t *testing.T) {
	out := mustBuild(t, exampleContent)
	var s struct {
		AsOf  string `json:"as_of"`
		Tasks []struct {
			ID       string
			Deadline string
			Status   string
			Reported bool
			Leads    []string
		}
	}
	if err := json.Unmarshal([]byte(read(t, out, "data/summary.json")), &s); err != nil {
		t.Fatal(err)
	}
	if s.AsOf != "2023-12" {
		t.Fatalf("as of %s; want 2023-12", s.AsOf)
	}
	leads := map[string][]string{}
	for _, task := range s.Tasks {
		leads[task.ID] = task.Leads
		if task.Deadline <= "2023-12-31" && task.Status != "done" && task.Status != "overdue" {
			t.Errorf("task %s, due %s and not done, is %s; want overdue", task.ID, task.Deadline, task.Status)
		}
		if task.ID == "1.4" && (task.Status != "overdue" || task.Reported) {
			t.Errorf("task 1.4: %s, reported %v; want overdue, not reported in December", task.Status, task.Reported)
		}
	}
	// Worst first: overdue by how far behind (1.4 at 40%, 3.2 and 1.6 at
	// 80% — 3.2 due earlier — and 1.3 at 95%).
	want := []string{"1.4", "3.2", "1.6", "1.3"}
	idsIn := func(page, from, to string) []string {
		t.Helper()
		_, rest, ok := strings.Cut(page, from)
		if !ok {
			t.Fatalf("no %q on the page", from)
		}
		section, _, _ := strings.Cut(rest, to)
		var ids []string
		for _, m := range regexp.MustCompile(`tasks/([0-9-]+)/index.html`).FindAllStringSubmatch(section, -1) {
			id := strings.ReplaceAll(m[1], "-", ".")
			if len(ids) == 0 || ids[len(ids)-1] != id {
				ids = append(ids, id)
			}
		}
		for _, id := range ids {
			for _, u := range leads[id] {
				if !strings.Contains(section, ">"+u+"</a>") {
					t.Errorf("%s: task %s listed without its lead unit %s", from, id, u)
				}
			}
		}
		return ids
	}
	home := read(t, out, "index.html")
	if got := idsIn(home, "<h2>需要关注的任务（逾期、滞后、未报送）</h2>", "</section>"); !reflect.DeepEqual(got, want) {
		t.Errorf("dashboard 需要关注: %q; want %q", got, want)
	}
	month := read(t, out, "months/2023-12/index.html")
	if got := idsIn(month, "<h2>二、需要关注的任务（逾期、滞后、未报送）</h2>", "</section>"); !reflect.DeepEqual(got, want) {
		t.Errorf("monthly report section 二: %q; want %q", got, want)
	}
	unit := read(t, out, "units/jyzx/index.html")
	if got := idsIn(unit, "<h2>需要关注的任务（逾期、滞后、未报送）</h2>", "</section>"); !reflect.DeepEqual(got, []string{"1.4"}) {
		t.Errorf("就业中心's page 需要关注: %q; want 1.4, the one it leads", got)
	}
	units := read(t, out, "units/index.html")
	if !regexp.MustCompile(`>就业中心</a></td><td class="num">5</td><td class="num">\d+</td><td class="num">1</td>`).MatchString(units) {
		t.Error("the unit list does not count 1 task needing attention for 就业中心")
	}

	// 1.4's light is 逾期 with 本月未报 beside it, wherever it is shown.
	mark := `<span class="light s-overdue">逾期</span> <span class="mark">本月未报</span>`
	for _, page := range []string{"index.html", "tasks/index.html", "tasks/1-4/index.html", "units/jyzx/index.html", "months/2023-12/index.html"} {
		if !strings.Contains(read(t, out, page), mark) {
			t.Errorf("%s does not show 1.4 as 逾期 with 本月未报", page)
		}
	}
	// A task its leads reported this month has no mark.
	if task := read(t, out, "tasks/1-3/index.html"); !strings.Contains(task, `<dd><span class="light s-overdue">逾期</span> 进度`) {
		t.Error("task 1.3, reported in December, is not shown as 逾期 without a mark")
	}
}

// TestAreasWithoutSettings: a plan whose site.yaml lists no areas still has
// readiness per area, for every area its indicators name, in the order
// they first name them.
func TestAreasWithoutSettings(t *testing.T) {
	june := domain.MustMonth(2024, time.June)
	with := buildAsOf(t, writeArchive(t, independentPlan(t)), june)
	without := buildAsOf(t, writeArchive(t, editFile(independentPlan(t), "site.yaml", func(b []byte) []byte {
		noAreas := regexp.MustCompile(`(?m)^areas:.*\n`).ReplaceAll(b, nil)
		if len(noAreas) == len(b) {
			t.Fatal("the plan's site.yaml has no areas line")
		}
		return noAreas
	})), june)
	type months struct {
		Readiness struct {
			Months []struct {
				Month string
				Areas map[string]*float64
			}
		}
	}
	var a, b2 months
	for out, v := range map[string]*months{with: &a, without: &b2} {
		if err := json.Unmarshal([]byte(read(t, out, "data/summary.json")), v); err != nil {
			t.Fatal(err)
		}
	}
	if !reflect.DeepEqual(a, b2) || len(b2.Readiness.Months) == 0 {
		t.Errorf("readiness per area without areas in site.yaml differs: %+v; want %+v", b2, a)
	}
	for _, m := range b2.Readiness.Months {
		if len(m.Areas) != 2 {
			t.Errorf("%s: %d areas; want the 2 the indicators name", m.Month, len(m.Areas))
		}
	}
	cycle := read(t, without, "cycle/index.html")
	if !strings.Contains(cycle, `<th scope="col" class="num">准备指数</th><th scope="col" class="num">目标线</th><th scope="col" class="num">医保服务</th><th scope="col" class="num">基金监管</th>`) {
		t.Error("评价周期 has no column per area, in the indicators' order, without areas in site.yaml")
	}
}
