package pages

import (
	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/progress"
)

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
