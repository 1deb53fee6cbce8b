package pages

import (
	"fmt"
	"html/template"
	"strings"

	"github.com/plansite/plansite/internal/chart"
	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/keyhash"
	"github.com/plansite/plansite/internal/progress"
)

// taskRow is a task as listed on a page, with its light. It is
// keyhash.Keyed, by the key of its fields taken when it is made: a unit's
// page lists its tasks, each with the links to all its units, and keying
// 200 such pages by their fields hashed 18 MB on every build of a
// 6,973-workbook plan (units() makes each row once for all the pages).
// Made by taskRow only and never changed after: its key would not follow.
type taskRow struct {
	taskFields
	key keyhash.Key
}

// Key is the key of the row's fields (keyhash.Keyed).
func (r taskRow) Key() keyhash.Key { return r.key }

type taskFields struct {
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
	f := taskFields{
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
	return taskRow{f, keyhash.Of(f)}
}

// tasksData is the list of the tasks (tasks/index.html), by category,
// with its filters.
type tasksData struct {
	AsOf   string
	Tasks  []taskRow
	Groups []taskGroup
	Legend []legendItem
	Filter taskFilter
}

// taskGroup is the tasks of a category.
type taskGroup struct {
	Name, Heading string
	Tasks         []taskRow
}

func (b *builder) tasks() {
	r := b.Result
	var groups []taskGroup
	var all []taskRow
	for _, c := range b.Plan.Categories {
		g := taskGroup{Name: c.Name, Heading: c.Heading}
		for _, t := range r.Tasks {
			if t.Task.Category == c.Name {
				row := b.taskRow("../", t)
				g.Tasks = append(g.Tasks, row)
				all = append(all, row)
			}
		}
		groups = append(groups, g)
	}
	b.add("tasks/index.html", "tasks", "tasks", "重点任务", tasksData{r.AsOf.Label(), all, groups, statusLegend(b.Plan.Settings), b.taskFilter()}, false)
}

// taskData is a task's page (tasks/<slug>/index.html): its text, its
// progress month by month against the expected, its units, its targets and
// the units' rows of the latest months.
type taskData struct {
	Task     taskRow
	Body     template.HTML
	Chart    chart.Chart
	HasChart bool
	History  []historyRow
	Units    []unitLineRow
	Months   []monthEntries
	Targets  []targetRow
	AsOf     string
	Legend   []legendItem
}

// taskMonthData is the page of a month of a task's rows that did not fit
// on the task's page (tasks/<slug>/<month>/index.html).
type taskMonthData struct {
	Task         taskName
	Month        monthEntries
	Newer, Older string // the pages of the months before and after
}

type taskName struct{ ID, Title string }

type historyRow struct {
	Month, Href        string
	Progress, Expected string
	Light              light
}

type unitLineRow struct {
	Unit     unitLink
	Role     string
	Progress string
	State    string
	Month    string
	This     bool
}

type entryRow struct {
	Unit               unitLink
	Role               string
	Progress, State    string
	Done, Issues, Next string
}

// textRows are the units' rows of one month on a task, shown as the
// table of their texts.
type textRows []entryRow

// textsHead opens the table of textRows.
const textsHead = `<table class="data texts">
  <thead><tr><th scope="col">单位</th><th scope="col">进度 / 状态</th><th scope="col">本月工作进展</th><th scope="col">存在问题</th><th scope="col">下月工作计划</th></tr></thead>
  <tbody>`

// HTML is the table of the rows (templates: {{.Entries.HTML}}), every
// value escaped as html/template escapes text and quoted attributes; a
// link's address is the one unitLink made (root, "units/", an id of
// [a-z0-9_-], "/index.html"), which URL normalization leaves as it is.
// It is written here rather than by a template because it is the bulk of
// the site: at 6,973 workbooks, 72,000 rows of 5 cells, which
// html/template's reflection writes in about 9 µs each and this in 1.5 µs
// (BenchmarkTextsTable); TestTextsTableAsTemplate holds it to the
// template's bytes.
func (rs textRows) HTML() template.HTML {
	n := len(textsHead) + 20
	for _, r := range rs {
		n += 200 + len(r.Unit.Name) + len(r.Unit.Href) + len(r.Role) + len(r.Progress) + len(r.State) + len(r.Done) + len(r.Issues) + len(r.Next)
	}
	var w strings.Builder
	w.Grow(n)
	w.WriteString(textsHead)
	for _, r := range rs {
		if r.Unit.Href != "" {
			w.WriteString(`<tr><td><a class="u" href="`)
			escapeHTML(&w, r.Unit.Href)
			w.WriteString(`">`)
			escapeHTML(&w, r.Unit.Name)
			w.WriteString(`</a>`)
		} else {
			w.WriteString(`<tr><td><span class="u">`)
			escapeHTML(&w, r.Unit.Name)
			w.WriteString(`</span>`)
		}
		w.WriteString(`<br><span class="muted">`)
		escapeHTML(&w, r.Role)
		w.WriteString(`</span></td><td>`)
		escapeHTML(&w, r.Progress)
		w.WriteString(`<br>`)
		escapeHTML(&w, r.State)
		w.WriteString(`</td><td class="text">`)
		escapeHTML(&w, r.Done)
		w.WriteString(`</td><td class="text">`)
		escapeHTML(&w, r.Issues)
		w.WriteString(`</td><td class="text">`)
		escapeHTML(&w, r.Next)
		w.WriteString(`</td></tr>`)
	}
	w.WriteString("</tbody>\n</table>")
	return template.HTML(w.String())
}

// htmlEscaper escapes as html/template does text and quoted attribute
// values (its htmlReplacementTable).
var htmlEscaper = strings.NewReplacer("\x00", "\uFFFD", `"`, "&#34;", "&", "&amp;", "'", "&#39;", "+", "&#43;", "<", "&lt;", ">", "&gt;")

func escapeHTML(w *strings.Builder, s string) {
	if strings.ContainsAny(s, "\x00\"&'+<>") {
		htmlEscaper.WriteString(w, s)
		return
	}
	w.WriteString(s)
}

// monthEntries is one month of the units' rows on a task: on the task
// page (ID is its anchor) or, when the page is full, on a page of its own
// (Href; Entries are then on that page only).
type monthEntries struct {
	Month   string
	ID      string
	Href    string
	Latest  bool
	Count   int // rows
	Entries textRows
}

// TaskPageBudget bounds the month-by-month texts on a task page, in bytes
// (texts plus about 400 bytes of markup per row). The latest month is
// always there in full; earlier months follow, newest first, while they
// fit, and the rest have a page each (tasks/<task>/<month>/index.html), so
// that a task with hundreds of units and years of reports keeps a page that
// opens quickly and prints.
var TaskPageBudget = 256 << 10

type targetRow struct {
	ID, Name, Target, Value string
	Met                     bool
	HasValue                bool
}

func (b *builder) taskPage(t progress.TaskResult) {
	const root = "../../"
	var ms []domain.Month
	prog, exp := []float64{}, []float64{}
	var hist []historyRow
	for _, h := range t.History {
		ms = append(ms, h.Month)
		prog = append(prog, val(h.Progress))
		exp = append(exp, round1(h.Expected))
		hist = append(hist, historyRow{Month: h.Month.Label(), Href: b.monthLink(root, h.Month), Progress: pct(h.Progress), Expected: num(h.Expected) + "%", Light: taskLight(h.Status, h.Reported)})
	}
	lines := []chart.Line{
		{Series: chart.Series{Name: "任务进度", Values: prog, Color: statusColor[t.Status]}, Area: true},
		{Series: chart.Series{Name: "预期进度", Values: exp, Color: "#888888"}, Dashed: true},
	}
	if len(t.Task.Leads) > 1 {
		for i, u := range t.Task.Leads {
			vals := make([]float64, len(t.History))
			for j, h := range t.History {
				vals[j] = val(leadProgress(t.Entries, u, h.Month))
			}
			lines = append(lines, chart.Line{Series: chart.Series{Name: b.Plan.UnitName(u), Values: vals, Color: chart.Palette[(i+2)%len(chart.Palette)]}})
		}
	}
	var progressChart chart.Chart
	if len(ms) > 0 {
		progressChart = chart.Lines("task-progress", "任务进度与预期进度（%）", axisMonths(ms), lines, 100)
	}
	var units []unitLineRow
	for _, l := range t.Units {
		units = append(units, unitLineRow{Unit: b.unitLink(root, l.Unit), Role: l.Role.Label(), Progress: pct(l.Progress), State: stateWord(l.State), Month: l.Month.Label(), This: l.ThisMonth})
	}
	months := b.taskMonths(t)
	var targets []targetRow
	for _, tr := range b.Result.Targets {
		if tr.TaskID == t.Task.ID {
			targets = append(targets, b.targetRow(tr))
		}
	}
	data := taskData{b.taskRow(root, t), template.HTML(t.Task.Body), progressChart, len(ms) > 0, hist, units, months, targets, b.Result.AsOf.Label(), statusLegend(b.Plan.Settings)}
	b.add("tasks/"+t.Task.Slug+"/index.html", "task", "tasks", t.Task.ID+" "+t.Task.Title, data, len(ms) > 0)
}

// taskMonths groups a task's rows by month, newest first, and gives the
// months past TaskPageBudget pages of their own.
func (b *builder) taskMonths(t progress.TaskResult) []monthEntries {
	const root, ownRoot = "../../", "../../../"
	// The rows of each month, newest first: t.Entries[starts[i]:starts[i+1]].
	var (
		ms     []domain.Month
		starts []int
	)
	for i, e := range t.Entries {
		if len(ms) == 0 || ms[len(ms)-1] != e.Month {
			ms = append(ms, e.Month)
			starts = append(starts, i)
		}
	}
	starts = append(starts, len(t.Entries))
	months := make([]monthEntries, len(ms))
	used := 0
	for i, m := range ms {
		rows := t.Entries[starts[i]:starts[i+1]]
		months[i] = monthEntries{Month: m.Label(), ID: "m-" + m.String(), Latest: m == b.Result.AsOf, Count: len(rows)}
		for _, e := range rows {
			used += len(e.Row.Done) + len(e.Row.Issues) + len(e.Row.Next) + 400
		}
		if i == 0 || used <= TaskPageBudget {
			months[i].Entries = make(textRows, len(rows))
			for j, e := range rows {
				months[i].Entries[j] = b.entryRow(root, e)
			}
			continue
		}
		used = TaskPageBudget + 1 // every older month goes to its own page too
		var newer, older string
		if i > 0 {
			newer = "../" + ms[i-1].String() + "/index.html"
			if months[i-1].Href == "" {
				newer = "../index.html#" + months[i-1].ID
			}
		}
		if i+1 < len(ms) {
			older = "../" + ms[i+1].String() + "/index.html"
		}
		months[i].Href = m.String() + "/index.html"
		// The page shows the task's name and the month's rows only, which
		// come from that month's workbooks as read against the schema: it
		// is keyed by them, and made only when they changed.
		label := months[i].Month
		inputs := fmt.Sprint(t.Task.ID, "\x00", t.Task.Title, "\x00", b.MonthPrints[m], "\x00", b.SchemaPrint, "\x00", newer, "\x00", older)
		b.addLazy("tasks/"+t.Task.Slug+"/"+m.String()+"/index.html", "taskmonth", "tasks", t.Task.ID+" "+t.Task.Title+" "+label, inputs, func() any {
			own := monthEntries{Month: label, ID: "m-" + m.String()}
			for _, e := range rows {
				own.Entries = append(own.Entries, b.entryRow(ownRoot, e))
			}
			return taskMonthData{taskName{t.Task.ID, t.Task.Title}, own, newer, older}
		}, false)
	}
	return months
}

func (b *builder) entryRow(root string, e progress.Entry) entryRow {
	return entryRow{Unit: b.unitLink(root, e.Unit), Role: e.Role.Label(), Progress: pct(e.Row.Progress), State: stateWord(e.Row.State), Done: e.Row.Done, Issues: e.Row.Issues, Next: e.Row.Next}
}

// leadProgress is a unit's latest progress on a task as of month m.
func leadProgress(entries []progress.Entry, u domain.UnitID, m domain.Month) *float64 {
	var best *progress.Entry
	for i := range entries {
		e := &entries[i]
		if e.Unit == u && !e.Month.After(m) && e.Row.Progress != nil && (best == nil || e.Month.After(best.Month)) {
			best = e
		}
	}
	if best == nil {
		return nil
	}
	return best.Row.Progress
}

func stateWord(s domain.TaskState) string {
	if s == "" {
		return "—"
	}
	return s.Label()
}

func (b *builder) targetRow(tr progress.TargetResult) targetRow {
	op := "≥"
	if tr.Target.Direction == domain.AtMost {
		op = "≤"
	}
	row := targetRow{ID: tr.Target.ID, Name: tr.Target.Name, Target: op + " " + num(tr.Target.Value) + " " + tr.Target.Unit, Value: "—", Met: tr.Met}
	if tr.Value != nil {
		row.HasValue = true
		row.Value = num(*tr.Value) + " " + tr.Target.Unit
	}
	return row
}

// taskFilter is what the task list can be filtered by (search.js reads
// the rows' data attributes): the units that lead or cooperate on a task,
// in the plan's order; the lights; the categories.
type taskFilter struct {
	Units      []struct{ ID, Name string }
	Statuses   []light
	Categories []string
}

func (b *builder) taskFilter() taskFilter {
	var f taskFilter
	named := map[domain.UnitID]bool{}
	for _, t := range b.Plan.Tasks {
		for _, u := range append(append([]domain.UnitID(nil), t.Leads...), t.Cooperators...) {
			named[u] = true
		}
	}
	for _, u := range b.Plan.Units {
		if named[u.ID] {
			f.Units = append(f.Units, struct{ ID, Name string }{string(u.ID), u.Name})
		}
	}
	for _, s := range progress.Statuses {
		f.Statuses = append(f.Statuses, statusLight(s))
	}
	for _, c := range b.Plan.Categories {
		f.Categories = append(f.Categories, c.Name)
	}
	return f
}

// idList is units' ids separated by spaces, for an HTML attribute.
func idList(ids []domain.UnitID) string {
	var b strings.Builder
	for i, id := range ids {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(string(id))
	}
	return b.String()
}
