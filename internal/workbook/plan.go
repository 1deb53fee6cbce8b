package workbook

import "github.com/plansite/plansite/internal/domain"

// Schema is everything the reader takes from the plan, and nothing else:
// the units with their names and aliases and the groups (to know a unit
// from 基本信息 or the file name), the plan date and the reporting months
// (to check months and dates), and the id and title of every item a row
// may be about, with each task's leads and cooperators (the row's role)
// and each target's unit of measure. Two plans with equal schemas read
// every workbook alike: a task's description, a page, a deadline or a
// setting the reader does not use may change without any workbook reading
// otherwise. It is a plain value (comparable with keyhash), built by
// SchemaOf; a Reader reads against one.
type Schema struct {
	PlanDate         domain.Date
	FirstReportMonth domain.Month
	LastReportMonth  domain.Month
	Units            []SchemaUnit
	Groups           []domain.Group
	Tasks            []SchemaTask
	Problems         []SchemaItem
	Indicators       []SchemaItem
}

// SchemaUnit is a unit as the reader knows it.
type SchemaUnit struct {
	ID      domain.UnitID
	Name    string
	Aliases []string
}

// SchemaTask is a task as the reader knows it.
type SchemaTask struct {
	ID, Title   string
	Leads       []domain.UnitID
	Cooperators []domain.UnitID
	Targets     []SchemaTarget
}

// SchemaTarget is a quantitative target as the reader knows it.
type SchemaTarget struct {
	ID, Name, Unit string
}

// SchemaItem is a problem or an indicator as the reader knows it.
type SchemaItem struct {
	ID, Title string
}

// SchemaOf returns what the reader takes from plan p.
func SchemaOf(p *domain.Plan) Schema {
	s := Schema{
		PlanDate:         p.Settings.PlanDate,
		FirstReportMonth: p.Settings.FirstReportMonth,
		LastReportMonth:  p.Settings.LastReportMonth,
		Groups:           p.Groups,
	}
	for _, u := range p.Units {
		s.Units = append(s.Units, SchemaUnit{ID: u.ID, Name: u.Name, Aliases: u.Aliases})
	}
	for _, t := range p.Tasks {
		st := SchemaTask{ID: t.ID, Title: t.Title, Leads: t.Leads, Cooperators: t.Cooperators}
		for _, tg := range t.Targets {
			st.Targets = append(st.Targets, SchemaTarget{ID: tg.ID, Name: tg.Name, Unit: tg.Unit})
		}
		s.Tasks = append(s.Tasks, st)
	}
	for _, pr := range p.Problems {
		s.Problems = append(s.Problems, SchemaItem{ID: pr.ID, Title: pr.Title})
	}
	for _, in := range p.Indicators {
		s.Indicators = append(s.Indicators, SchemaItem{ID: in.ID, Title: in.Title})
	}
	return s
}

// plan returns a plan that holds s and nothing more, indexed for the
// lookups of the reader (units by name, tasks by id): the reader reads
// the plan through it only, so that it cannot read what s leaves out.
func (s Schema) plan() *domain.Plan {
	p := &domain.Plan{Groups: s.Groups}
	p.Settings.PlanDate = s.PlanDate
	p.Settings.FirstReportMonth, p.Settings.LastReportMonth = s.FirstReportMonth, s.LastReportMonth
	for _, u := range s.Units {
		p.Units = append(p.Units, domain.Unit{ID: u.ID, Name: u.Name, Aliases: u.Aliases})
	}
	for _, t := range s.Tasks {
		dt := domain.Task{ID: t.ID, Title: t.Title, Leads: t.Leads, Cooperators: t.Cooperators}
		for _, tg := range t.Targets {
			dt.Targets = append(dt.Targets, domain.Target{ID: tg.ID, Name: tg.Name, Unit: tg.Unit})
		}
		p.Tasks = append(p.Tasks, dt)
	}
	for _, it := range s.Problems {
		p.Problems = append(p.Problems, domain.Problem{ID: it.ID, Title: it.Title})
	}
	for _, it := range s.Indicators {
		p.Indicators = append(p.Indicators, domain.Indicator{ID: it.ID, Title: it.Title})
	}
	p.Index()
	return p
}
