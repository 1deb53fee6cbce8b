package pages

import (
	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/progress"
)

type submissionRow struct {
	Month, Href string
	Light       light
	Submitted   string
	Files       []string
	Carrier     string
	Rejected    []rejectedRow // files not used, with the reason
}

type rejectedRow struct{ File, Reason string }

func (b *builder) submissionRow(root string, s progress.Submission) submissionRow {
	row := submissionRow{Month: s.Month.Label(), Href: b.monthLink(root, s.Month), Light: submissionLight(s.State), Submitted: s.Submitted.Label(), Files: s.Files, Carrier: s.Carrier}
	for _, r := range s.Rejected {
		row.Rejected = append(row.Rejected, rejectedRow{r.File, r.Reason})
	}
	return row
}

type findingRow struct {
	File, Where, Message, Hint string
	Error                      bool
	Month                      string // every month the file names
}

func (b *builder) findingRow(f domain.Finding) findingRow {
	where := f.Sheet
	if f.Cell != "" {
		where += "!" + f.Cell
	}
	if where == "" {
		where = "整个文件"
	}
	_, months := b.Names.Of(f)
	return findingRow{File: f.File, Where: where, Message: f.Message, Hint: f.Hint, Error: f.Severity == domain.Error, Month: monthsLabel(months)}
}

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
	type unitRow struct {
		Name, Href           string
		Aliases              []string
		LeadCount, CoopCount int
		Now                  *light
		Findings             int
		Red                  int
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
	b.add("units/index.html", "units", "units", "责任单位", struct {
		AsOf  string
		Count int
		Kinds []kind
	}{r.AsOf.Label(), len(p.Units), kinds}, false)

	for _, u := range p.Units {
		const root = "../../"
		var groups []string
		for _, g := range p.Groups {
			if domain.HasUnit(g.Members, u.ID) {
				groups = append(groups, g.Name)
			}
		}
		var leads, coops, attention []taskRow
		var led []progress.TaskResult
		for _, t := range tasksOf[u.ID] {
			row := b.taskRow(root, t)
			if t.Task.RoleOf(u.ID) == domain.RoleLead {
				leads = append(leads, row)
				led = append(led, t)
			} else {
				coops = append(coops, row)
			}
		}
		for _, t := range progress.Attention(led) {
			attention = append(attention, b.taskRow(root, t))
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
		data := struct {
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
		}{u.Name, u.Kind, u.Aliases, groups, leads, coops, attention, problems, history, len(subs[u.ID]) > 0, fs, r.AsOf.Label(), statusLegend(p.Settings)}
		b.add("units/"+string(u.ID)+"/index.html", "unit", "units", u.Name, data, false)
	}
}
