package pages

import (
	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/progress"
)

// unitsData is the list of the units (units/index.html), by kind.
type unitsData struct {
	AsOf  string
	Count int
	Kinds []unitKind
}

type unitKind struct {
	Name  string
	Units []unitRow
}

type unitRow struct {
	Name, Href           string
	Aliases              []string
	LeadCount, CoopCount int
	Now                  *light // the latest submission's
	Findings             int
	Red                  int // tasks it leads that need attention
}

// unitData is a unit's page (units/<id>/index.html): its tasks, problems,
// submissions and findings.
type unitData struct {
	Name, Kind        string
	Aliases, Groups   []string
	Leads, Cooperates []taskRow
	Attention         []taskRow
	Problems          []problemRow
	History           []submissionRow
	Expected          bool
	Findings          []findingRow
	AsOf              string
	Legend            []legendItem
}

// units adds the list of the units and each unit's page.
func (b *builder) units() {
	p, r := b.Plan, b.Result
	findings := map[domain.UnitID][]domain.Finding{} // a file naming two units: under each
	for _, f := range b.Inbox.Findings {
		units, _ := b.Names.Of(f)
		for _, u := range units {
			findings[u] = append(findings[u], f)
		}
	}
	subs := map[domain.UnitID][]progress.Submission{}
	for _, s := range r.Submissions {
		subs[s.Unit] = append(subs[s.Unit], s)
	}
	tasksOf := map[domain.UnitID][]progress.TaskResult{}
	for _, t := range r.Tasks {
		for _, u := range append(append([]domain.UnitID(nil), t.Task.Leads...), t.Task.Cooperators...) {
			tasksOf[u] = append(tasksOf[u], t)
		}
	}
	var kinds []unitKind
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
			kinds = append(kinds, unitKind{Name: k})
		}
		row := unitRow{Name: u.Name, Href: string(u.ID) + "/index.html", Aliases: u.Aliases, LeadCount: len(leads), CoopCount: len(coops), Findings: len(findings[u.ID])}
		if ss := subs[u.ID]; len(ss) > 0 {
			l := submissionLight(ss[len(ss)-1].State)
			row.Now = &l
		}
		for _, t := range tasksOf[u.ID] {
			if t.Task.RoleOf(u.ID) == domain.RoleLead && t.Status.NeedsAttention() {
				row.Red++
			}
		}
		kinds[i].Units = append(kinds[i].Units, row)
	}
	b.add("units/index.html", "units", "units", "责任单位", unitsData{r.AsOf.Label(), len(p.Units), kinds}, false)

	const root = "../../"
	rows := map[string]taskRow{} // by task id: the same on every unit's page
	rowOf := func(t progress.TaskResult) taskRow {
		row, ok := rows[t.Task.ID]
		if !ok {
			row = b.taskRow(root, t)
			rows[t.Task.ID] = row
		}
		return row
	}
	for _, u := range p.Units {
		var groups []string
		for _, g := range p.Groups {
			if domain.HasUnit(g.Members, u.ID) {
				groups = append(groups, g.Name)
			}
		}
		var leads, coops, attention []taskRow
		var led []progress.TaskResult
		for _, t := range tasksOf[u.ID] {
			row := rowOf(t)
			if t.Task.RoleOf(u.ID) == domain.RoleLead {
				leads = append(leads, row)
				led = append(led, t)
			} else {
				coops = append(coops, row)
			}
		}
		for _, t := range progress.Attention(led) {
			attention = append(attention, rowOf(t))
		}
		var problems []problemRow
		for _, pr := range r.Problems {
			if domain.HasUnit(pr.Problem.Units, u.ID) {
				problems = append(problems, b.problemRow(root, pr))
			}
		}
		var history []submissionRow
		for _, s := range subs[u.ID] {
			history = append(history, b.submissionRow(root, s))
		}
		var fs []findingRow
		for _, f := range findings[u.ID] {
			fs = append(fs, b.findingRow(f))
		}
		data := unitData{u.Name, u.Kind, u.Aliases, groups, leads, coops, attention, problems, history, len(subs[u.ID]) > 0, fs, r.AsOf.Label(), statusLegend(p.Settings)}
		b.add("units/"+string(u.ID)+"/index.html", "unit", "units", u.Name, data, false)
	}
}
