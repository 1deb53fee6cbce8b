package site

import (
	"html/template"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/plansite/plansite/docs"
	"github.com/plansite/plansite/internal/chart"
	"github.com/plansite/plansite/internal/content"
	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/keyhash"
	"github.com/plansite/plansite/internal/parallel"
	"github.com/plansite/plansite/internal/progress"
	"github.com/plansite/plansite/internal/render"
)

// page is one HTML page to write.
type page struct {
	path     string // within the site, ending in index.html
	template string // template file name without .html
	frame    render.Frame
	// inputs, when data is set, stands for everything the page's data is
	// made of; data makes it, and is called only when the page cannot be
	// linked from the previous site (frame.Data is nil until then).
	inputs string
	data   func() any
	// file, when set, makes a file that is not a page (a month's 汇总表 or
	// 通报) from what key stands for; path is then its name, and the
	// template and frame are unused.
	key  keyhash.Key
	file func() ([]byte, error)
}

// nav is the main navigation; the content's pages follow the built-in
// sections.
func nav(plan *domain.Plan) []render.NavItem {
	items := []render.NavItem{
		{Section: "home", Label: "总览", Path: "index.html"},
		{Section: "tasks", Label: "重点任务", Path: "tasks/index.html"},
		{Section: "units", Label: "责任单位", Path: "units/index.html"},
		{Section: "rectification", Label: "问题整改", Path: "rectification/index.html"},
		{Section: "cycle", Label: "评价周期", Path: "cycle/index.html"},
		{Section: "submissions", Label: "报送情况", Path: "submissions/index.html"},
		{Section: "ranking", Label: "红黑榜", Path: "ranking/index.html"},
		{Section: "months", Label: "月度报告", Path: "months/index.html"},
		{Section: "findings", Label: "数据问题", Path: "findings/index.html"},
	}
	if plan.Settings.NoRanking {
		items = slices.DeleteFunc(items, func(n render.NavItem) bool { return n.Section == "ranking" })
	}
	for _, p := range plan.Pages {
		items = append(items, render.NavItem{Section: "page-" + p.Slug, Label: navLabel(p), Path: p.Slug + "/index.html"})
	}
	return items
}

func navLabel(p domain.Page) string {
	if p.Slug == "plan" {
		return "实施方案"
	}
	if r := []rune(p.Title); len(r) > 8 {
		return string(r[:8]) + "…"
	}
	return p.Title
}

// rootOf returns the relative path from a page at path p to the site root.
func rootOf(p string) string {
	return strings.Repeat("../", strings.Count(p, "/"))
}

type builder struct {
	*siteData
	nav []render.NavItem
	out []page
}

// buildPages makes the data of every page. The sections, each task page
// and each month's report are made side by side, one goroutine per core,
// each into a builder of its own; the pages come out in a fixed order.
func buildPages(d *siteData) []page {
	jobs := []func(b *builder){(*builder).dashboard, (*builder).tasks}
	for _, t := range d.res.Tasks {
		jobs = append(jobs, func(b *builder) { b.taskPage(t) })
	}
	jobs = append(jobs, (*builder).units, (*builder).rectification, (*builder).cycle, (*builder).submissions, (*builder).ranking, (*builder).monthPages)
	for i := len(d.months) - 1; i >= 0; i-- {
		m := d.months[i]
		jobs = append(jobs, func(b *builder) { b.monthPage(m) }, func(b *builder) { b.monthFiles(m) }, func(b *builder) { b.chasePage(m) })
	}
	jobs = append(jobs, (*builder).findings, (*builder).guide)
	for _, p := range d.plan.Pages {
		jobs = append(jobs, func(b *builder) {
			b.add(p.Slug+"/index.html", "page", "page-"+p.Slug, p.Title, struct{ Body template.HTML }{template.HTML(p.Body)}, false)
		})
	}
	nav := nav(d.plan)
	done := make([]*builder, len(jobs))
	parallel.For(len(jobs), 0, func(i int) {
		b := &builder{siteData: d, nav: nav}
		jobs[i](b)
		done[i] = b
	})
	var out []page
	for _, b := range done {
		out = append(out, b.out...)
	}
	return out
}

// guide adds the page of the guide (docs/使用说明.md), which every page's
// footer links to.
func (b *builder) guide() {
	body, err := content.Guide(docs.Guide)
	if err != nil {
		body = "<p>" + template.HTMLEscapeString(err.Error()) + "</p>"
	}
	b.add("guide/index.html", "page", "guide", "使用说明", struct{ Body template.HTML }{template.HTML(body)}, false)
}

func (b *builder) add(path, tmpl, section, title string, data any, charts bool) {
	b.out = append(b.out, page{path: path, template: tmpl, frame: render.Frame{
		Site:      render.SiteInfo{Title: b.plan.Settings.Title, Organisation: b.plan.Settings.Organisation},
		Nav:       b.nav,
		Title:     title,
		Section:   section,
		Root:      rootOf(path),
		AsOf:      b.res.AsOf.Label(),
		HasCharts: charts,
		Data:      data,
	}})
}

// addLazy adds a page whose data is made by data only when needed: when
// the previous site has no page made from the same inputs.
func (b *builder) addLazy(path, tmpl, section, title, inputs string, data func() any, charts bool) {
	b.add(path, tmpl, section, title, nil, charts)
	p := &b.out[len(b.out)-1]
	p.inputs, p.data = inputs, data
}

// unitLink is a unit named on a page, with a link relative to that page.
type unitLink struct {
	Name string
	Href string
}

func (b *builder) unitLink(root string, id domain.UnitID) unitLink {
	if l, ok := b.links.units[root][id]; ok {
		return l
	}
	return linkTo(b.plan, root, id)
}

// linkTo is the link to unit id's page from a page at root; a unit the
// plan does not have is named, without a link.
func linkTo(p *domain.Plan, root string, id domain.UnitID) unitLink {
	if _, ok := p.Unit(id); !ok {
		return unitLink{Name: string(id)}
	}
	return unitLink{Name: p.UnitName(id), Href: root + "units/" + string(id) + "/index.html"}
}

// links are the links to the units' pages from each depth a page is at,
// and each task's leads and cooperators among them, made once per build
// instead of on every row. They are shared: read only.
type links struct {
	units map[string]map[domain.UnitID]unitLink // root → unit
	tasks map[string]map[string][2][]unitLink   // root → task id → leads, cooperators
}

func newLinks(p *domain.Plan) links {
	l := links{units: map[string]map[domain.UnitID]unitLink{}, tasks: map[string]map[string][2][]unitLink{}}
	list := func(root string, ids []domain.UnitID) []unitLink {
		out := make([]unitLink, len(ids))
		for i, id := range ids {
			out[i] = linkTo(p, root, id)
		}
		return out
	}
	for _, root := range []string{"", "../", "../../", "../../../"} {
		l.units[root] = map[domain.UnitID]unitLink{}
		for _, u := range p.Units {
			l.units[root][u.ID] = linkTo(p, root, u.ID)
		}
		l.tasks[root] = map[string][2][]unitLink{}
		for _, t := range p.Tasks {
			l.tasks[root][t.ID] = [2][]unitLink{list(root, t.Leads), list(root, t.Cooperators)}
		}
	}
	return l
}

func (b *builder) unitLinks(root string, ids []domain.UnitID) []unitLink {
	out := make([]unitLink, len(ids))
	for i, id := range ids {
		out[i] = b.unitLink(root, id)
	}
	return out
}

// taskUnits returns the links to a task's leads (or cooperators) from a
// page at root, made once per task and root and shared: read only.
func (b *builder) taskUnits(root string, t domain.Task, coop bool) []unitLink {
	i := 0
	if coop {
		i = 1
	}
	if l, ok := b.links.tasks[root][t.ID]; ok {
		return l[i]
	}
	if coop {
		return b.unitLinks(root, t.Cooperators)
	}
	return b.unitLinks(root, t.Leads)
}

func taskHref(root string, t domain.Task) string { return root + "tasks/" + t.Slug + "/index.html" }

func monthHref(root string, m domain.Month) string {
	return root + "months/" + m.String() + "/index.html"
}

// taskRow is a task as listed on a page, with its light.
type taskRow struct {
	ID, Title, Category string
	Href                string
	Leads, Cooperators  []unitLink
	Deadline            string // ISO, for sorting
	DeadlineText        string
	DeadlineLabel       string
	Progress, Expected  string
	ProgressValue       float64 // for sorting; -1 for none
	Light               light
	Forecast            string // when it reaches 100 % at its present pace, in words
	LeadIDs, CoopIDs    string // the units' ids, space-separated, for the filters of the task list
}

func (b *builder) taskRow(root string, t progress.TaskResult) taskRow {
	pv := -1.0
	if t.Progress != nil {
		pv = *t.Progress
	}
	return taskRow{
		ID: t.Task.ID, Title: t.Task.Title, Category: t.Task.Category,
		Href:          taskHref(root, t.Task),
		Leads:         b.taskUnits(root, t.Task, false),
		Cooperators:   b.taskUnits(root, t.Task, true),
		Deadline:      t.Task.Deadline.String(),
		DeadlineText:  t.Task.DeadlineText,
		DeadlineLabel: t.Task.Deadline.Label(),
		Progress:      pct(t.Progress),
		Expected:      num(t.Expected) + "%",
		ProgressValue: pv,
		Light:         withRisk(taskLight(t.Status, t.Reported), t.Forecast),
		Forecast:      forecastText(t.Forecast),
		LeadIDs:       idList(t.Task.Leads),
		CoopIDs:       idList(t.Task.Cooperators),
	}
}

// statusChart is the donut of task statuses and its table rows.
type countRow struct {
	Light light
	Count int
}

func (b *builder) statusDonut(id string, r *progress.Result) (chart.Chart, []countRow) {
	var slices []chart.Slice
	var rows []countRow
	for _, s := range progress.Statuses {
		rows = append(rows, countRow{statusLight(s), r.TaskCounts[s]})
		if n := r.TaskCounts[s]; n > 0 {
			slices = append(slices, chart.Slice{Name: s.Label(), Value: float64(n), Color: statusColor[s]})
		}
	}
	c := chart.Donut(id, "重点任务状态（项）", strconv.Itoa(len(r.Tasks)), "项", slices)
	return c, rows
}

// axisMonths labels months on a chart's axis, every one of them and each
// short: the year only on the first month and on each January (2023年9月,
// 10月, 11月, 12月, 2024年1月, 2月 …), so that twelve fit the width of A4.
func axisMonths(ms []domain.Month) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.Label()
		if i > 0 && m.Num() != time.January {
			out[i] = strconv.Itoa(int(m.Num())) + "月"
		}
	}
	return out
}

func monthLabels(ms []domain.Month) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.Label()
	}
	return out
}
