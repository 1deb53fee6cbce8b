package pages

import (
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/keyhash"
	"github.com/plansite/plansite/internal/parallel"
	"github.com/plansite/plansite/internal/render"
)

// Page is one file of the site to write: an HTML page, or a file that is
// not a page.
type Page struct {
	Path     string // within the site; a page's ends in index.html
	Template string // template file name without .html
	Frame    render.Frame
	// Inputs, when MakeData is set, stands for everything the page's data
	// is made of; MakeData makes it, and is called only when the page
	// cannot be linked from the previous site (Frame.Data is nil until
	// then).
	Inputs   string
	MakeData func() any
	// File, when set, writes to w a file that is not a page (a month's
	// 汇总表 or 通报) made from what Key stands for; Template and Frame
	// are then unused.
	Key  keyhash.Key
	File func(w io.Writer) error
}

// sections are the site's own top-level folders, in the navigation's
// order: those with a label are the navigation, which the content's pages
// follow, and no page of the content may take the name of any (Reserved).
// The dashboard is index.html at the root.
var sections = []struct{ slug, label string }{
	{"index", "总览"},
	{"tasks", "重点任务"},
	{"units", "责任单位"},
	{"rectification", "问题整改"},
	{"cycle", "评价周期"},
	{"submissions", "报送情况"},
	{"ranking", "红黑榜"},
	{"months", "月度报告"},
	{"findings", "数据问题"},
	{"guide", ""},  // the guide, linked from every page's footer
	{"assets", ""}, // stylesheet, scripts, ECharts
	{"data", ""},   // summary.json
	{"search", ""}, // the search index
}

// Reserved are the site's own top-level folders, which no page of the
// content may take as its slug (content.Load).
func Reserved() []string {
	out := make([]string, len(sections))
	for i, s := range sections {
		out[i] = s.slug
	}
	return out
}

// nav is the main navigation: the sections with a label (the ranking only
// when the content has one), then the content's pages.
func nav(plan *domain.Plan) []render.NavItem {
	var items []render.NavItem
	for _, s := range sections {
		switch {
		case s.label == "" || s.slug == "ranking" && plan.Settings.NoRanking:
		case s.slug == "index":
			items = append(items, render.NavItem{Section: "home", Label: s.label, Path: "index.html"})
		default:
			items = append(items, render.NavItem{Section: s.slug, Label: s.label, Path: s.slug + "/index.html"})
		}
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
	*Data
	links links
	nav   []render.NavItem
	out   []Page
}

// Make makes the data of every page of d and hands each page to emit. The
// sections, each task page and each month's report are made side by side,
// one goroutine per core, each into a builder of its own, and a job's
// pages are handed on as soon as it has made them, so that only the pages
// being made and written are in memory at once (at a province's scale the
// data of every page together was a quarter of the build's memory). emit
// is called from several goroutines at once; its first error stops Make,
// which returns it.
func Make(d *Data, emit func(Page) error) error {
	jobs := []func(b *builder){(*builder).dashboard, (*builder).tasks}
	for _, t := range d.Result.Tasks {
		jobs = append(jobs, func(b *builder) { b.taskPage(t) })
	}
	jobs = append(jobs, (*builder).units, (*builder).rectification, (*builder).cycle, (*builder).submissions, (*builder).ranking, (*builder).monthPages)
	for i := len(d.Months) - 1; i >= 0; i-- {
		m := d.Months[i]
		jobs = append(jobs, func(b *builder) { b.monthPage(m) }, func(b *builder) { b.monthFiles(m) }, func(b *builder) { b.chasePage(m) })
	}
	jobs = append(jobs, (*builder).findings, (*builder).guide)
	for _, p := range d.Plan.Pages {
		jobs = append(jobs, func(b *builder) { b.textPage(p) })
	}
	nav, links := nav(d.Plan), newLinks(d.Plan)
	return parallel.ForErr(len(jobs), 0, func(i int) error {
		b := &builder{Data: d, links: links, nav: nav}
		jobs[i](b)
		for k := range b.out {
			if err := emit(b.out[k]); err != nil {
				return err
			}
			// Written: its data (all 500 unit pages' at a province's
			// scale) is no longer held while the others are.
			b.out[k] = Page{}
		}
		return nil
	})
}

func (b *builder) add(path, tmpl, section, title string, data any, charts bool) {
	b.out = append(b.out, Page{Path: path, Template: tmpl, Frame: render.Frame{
		Site:      render.SiteInfo{Title: b.Plan.Settings.Title, Organisation: b.Plan.Settings.Organisation},
		Nav:       b.nav,
		Title:     title,
		Section:   section,
		Root:      rootOf(path),
		AsOf:      b.Result.AsOf.Label(),
		HasCharts: charts,
		Data:      data,
	}})
}

// addLazy adds a page whose data is made by data only when needed: when
// the previous site has no page made from the same inputs.
func (b *builder) addLazy(path, tmpl, section, title, inputs string, data func() any, charts bool) {
	b.add(path, tmpl, section, title, nil, charts)
	p := &b.out[len(b.out)-1]
	p.Inputs, p.MakeData = inputs, data
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
	return linkTo(b.Plan, root, id)
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

// monthLink links to a month's report page when the site has one.
func (b *builder) monthLink(root string, m domain.Month) string {
	if _, ok := b.ByMonth[m]; ok {
		return monthHref(root, m)
	}
	return ""
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
