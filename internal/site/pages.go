package site

import (
	"fmt"
	"html/template"
	"math"
	"strings"
	"time"

	"github.com/plansite/plansite/internal/chart"
	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/render"
)

// page is one HTML page to write.
type page struct {
	path     string // within the site, ending in index.html
	template string // template file name without .html
	frame    render.Frame
}

// nav is the main navigation; pages of the content folder are added after
// the built-in sections.
func nav(plan *domain.Plan) []render.NavItem {
	items := []render.NavItem{
		{Section: "home", Label: "总览", Path: "index.html"},
		{Section: "tasks", Label: "重点任务", Path: "tasks/index.html"},
		{Section: "units", Label: "责任单位", Path: "units/index.html"},
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

// unitLink is a unit named on a page, with a link relative to that page.
type unitLink struct {
	Name string
	Href string
}

// taskRow is a task as listed on a page.
type taskRow struct {
	ID, Title, Category string
	Href                string
	Leads, Cooperators  []unitLink
	Deadline            string
	DeadlineText        string
	DeadlineLabel       string
	Body                template.HTML
	Targets             []targetRow
}

type targetRow struct {
	ID, Name, Text string
}

type builder struct {
	plan *domain.Plan
	now  time.Time
	nav  []render.NavItem
	out  []page
}

func buildPages(plan *domain.Plan, now time.Time) ([]page, error) {
	b := &builder{plan: plan, now: now, nav: nav(plan)}
	if err := b.home(); err != nil {
		return nil, err
	}
	b.tasks()
	b.units()
	for _, p := range plan.Pages {
		b.add(p.Slug+"/index.html", "page", "page-"+p.Slug, p.Title, struct{ Body template.HTML }{template.HTML(p.Body)}, false)
	}
	return b.out, nil
}

func (b *builder) add(path, tmpl, section, title string, data any, charts bool) {
	b.out = append(b.out, page{path: path, template: tmpl, frame: render.Frame{
		Site:      render.SiteInfo{Title: b.plan.Settings.Title, Organisation: b.plan.Settings.Organisation},
		Nav:       b.nav,
		Title:     title,
		Section:   section,
		Root:      rootOf(path),
		Generated: b.now.Format("2006-01-02 15:04"),
		HasCharts: charts,
		Data:      data,
	}})
}

func (b *builder) unitLinks(root string, ids []domain.UnitID) []unitLink {
	out := make([]unitLink, len(ids))
	for i, id := range ids {
		out[i] = unitLink{Name: b.plan.UnitName(id), Href: root + "units/" + string(id) + "/index.html"}
	}
	return out
}

func (b *builder) taskRow(root string, t domain.Task) taskRow {
	row := taskRow{
		ID: t.ID, Title: t.Title, Category: t.Category,
		Href:          root + "tasks/" + t.Slug + "/index.html",
		Leads:         b.unitLinks(root, t.Leads),
		Cooperators:   b.unitLinks(root, t.Cooperators),
		Deadline:      t.Deadline.String(),
		DeadlineText:  t.DeadlineText,
		DeadlineLabel: t.Deadline.Label(),
		Body:          template.HTML(t.Body),
	}
	for _, tg := range t.Targets {
		op := "不少于"
		if tg.Direction == domain.AtMost {
			op = "不超过"
		}
		row.Targets = append(row.Targets, targetRow{ID: tg.ID, Name: tg.Name, Text: fmt.Sprintf("%s %s %s", op, formatNum(tg.Value), tg.Unit)})
	}
	return row
}

func formatNum(v float64) string {
	if v == math.Trunc(v) {
		return fmt.Sprintf("%.0f", v)
	}
	return strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.2f", v), "0"), ".")
}

// home is the dashboard. Before any report is read it shows the plan's
// shape: tasks by category and deadline.
func (b *builder) home() error {
	p := b.plan
	type row struct {
		Label  string
		Counts []int
		Total  int
	}
	var (
		cats     []string
		catIndex = map[string]int{}
		rows     []row
		rowIndex = map[domain.Date]int{}
	)
	for i, c := range p.Categories {
		cats = append(cats, c.Name)
		catIndex[c.Name] = i
	}
	deadlines := sortedDeadlines(p.Tasks)
	for i, d := range deadlines {
		rowIndex[d] = i
		rows = append(rows, row{Label: d.Label(), Counts: make([]int, len(cats))})
	}
	totals := make([]int, len(cats))
	for _, t := range p.Tasks {
		r := &rows[rowIndex[t.Deadline]]
		r.Counts[catIndex[t.Category]]++
		r.Total++
		totals[catIndex[t.Category]]++
	}
	var labels []string
	for _, r := range rows {
		labels = append(labels, r.Label)
	}
	series := make([]chart.Series, len(cats))
	for ci, c := range cats {
		vals := make([]float64, len(rows))
		for ri, r := range rows {
			vals[ri] = float64(r.Counts[ci])
		}
		series[ci] = chart.Series{Name: c, Values: vals}
	}
	ch, err := chart.StackedBar("tasks-by-deadline", "重点任务数量（项），按完成时限和类别", labels, series)
	if err != nil {
		return err
	}
	type card struct {
		Name, Heading string
		Count         int
	}
	var cards []card
	for i, c := range p.Categories {
		cards = append(cards, card{Name: c.Name, Heading: c.Heading, Count: totals[i]})
	}
	data := struct {
		PlanDate       string
		TaskCount      int
		UnitCount      int
		Categories     []string
		Rows           []row
		CategoryTotals []int
		CategoryCards  []card
		Chart          chart.Chart
	}{p.Settings.PlanDate.Label(), len(p.Tasks), len(p.Expected()), cats, rows, totals, cards, ch}
	b.add("index.html", "home", "home", "总览", data, true)
	return nil
}

func sortedDeadlines(tasks []domain.Task) []domain.Date {
	seen := map[domain.Date]bool{}
	var out []domain.Date
	for _, t := range tasks {
		if !seen[t.Deadline] {
			seen[t.Deadline] = true
			out = append(out, t.Deadline)
		}
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].Before(out[j-1]); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

func (b *builder) tasks() {
	p := b.plan
	type group struct {
		Name, Heading string
		Tasks         []taskRow
	}
	var groups []group
	var all []taskRow
	for _, c := range p.Categories {
		g := group{Name: c.Name, Heading: c.Heading}
		for _, t := range p.Tasks {
			if t.Category == c.Name {
				row := b.taskRow("../", t)
				g.Tasks = append(g.Tasks, row)
				all = append(all, row)
			}
		}
		groups = append(groups, g)
	}
	b.add("tasks/index.html", "tasks", "tasks", "重点任务", struct {
		Tasks  []taskRow
		Groups []group
	}{all, groups}, false)
	for _, t := range p.Tasks {
		b.add("tasks/"+t.Slug+"/index.html", "task", "tasks", t.ID+" "+t.Title, b.taskRow("../../", t), false)
	}
}

func (b *builder) units() {
	p := b.plan
	type unitRow struct {
		Name, Href           string
		Aliases              []string
		LeadCount, CoopCount int
	}
	type kind struct {
		Name  string
		Units []unitRow
	}
	var kinds []kind
	kindIndex := map[string]int{}
	for _, u := range p.Units {
		leads, coops := p.TasksOf(u.ID)
		k := u.Kind
		if k == "" {
			k = "其他单位"
		}
		i, ok := kindIndex[k]
		if !ok {
			i = len(kinds)
			kindIndex[k] = i
			kinds = append(kinds, kind{Name: k})
		}
		kinds[i].Units = append(kinds[i].Units, unitRow{
			Name: u.Name, Href: string(u.ID) + "/index.html", Aliases: u.Aliases,
			LeadCount: len(leads), CoopCount: len(coops),
		})
	}
	b.add("units/index.html", "units", "units", "责任单位", struct {
		Units []domain.Unit
		Kinds []kind
	}{p.Units, kinds}, false)

	for _, u := range p.Units {
		leads, coops := p.TasksOf(u.ID)
		var groups []string
		for _, g := range p.Groups {
			for _, m := range g.Members {
				if m == u.ID {
					groups = append(groups, g.Name)
				}
			}
		}
		data := struct {
			Name, Kind        string
			Aliases, Groups   []string
			Leads, Cooperates []taskRow
		}{Name: u.Name, Kind: u.Kind, Aliases: u.Aliases, Groups: groups}
		for _, t := range leads {
			data.Leads = append(data.Leads, b.taskRow("../../", t))
		}
		for _, t := range coops {
			data.Cooperates = append(data.Cooperates, b.taskRow("../../", t))
		}
		b.add("units/"+string(u.ID)+"/index.html", "unit", "units", u.Name, data, false)
	}
}
