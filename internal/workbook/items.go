package workbook

import (
	"fmt"
	"strings"

	"github.com/plansite/plansite/internal/domain"
)

// item is one row a unit is asked about: a task, a target, a problem or an
// indicator of the plan.
type item struct {
	id, title string
	fixed     map[string]string // pre-filled columns other than id and title
	role      domain.Role       // for tasks
}

// itemsFor returns the rows of sheet s that concern unit u, in plan order.
func itemsFor(p *domain.Plan, s sheet, u domain.UnitID) []item {
	var out []item
	switch s.name {
	case SheetTasks:
		for _, t := range p.Tasks {
			if r := t.RoleOf(u); r != "" {
				out = append(out, item{id: t.ID, title: t.Title, role: r, fixed: map[string]string{"role": r.Label(), "deadline": t.DeadlineText}})
			}
		}
	case SheetTargets:
		for _, t := range p.Tasks {
			if t.RoleOf(u) != domain.RoleLead {
				continue
			}
			for _, tg := range t.Targets {
				out = append(out, item{id: tg.ID, title: tg.Name, fixed: map[string]string{"unit": tg.Unit, "target": targetText(tg)}})
			}
		}
	case SheetProblems:
		for _, pr := range p.Problems {
			if domain.HasUnit(pr.Units, u) {
				out = append(out, item{id: pr.ID, title: pr.Title, fixed: map[string]string{"deadline": pr.Deadline.Label()}})
			}
		}
	case SheetIndicators:
		for _, in := range p.Indicators {
			if domain.HasUnit(in.Units, u) {
				out = append(out, item{id: in.ID, title: in.Title})
			}
		}
	}
	return out
}

// allItems returns every row that sheet s could hold, whoever reports it:
// the reader matches ids and titles against these.
func allItems(p *domain.Plan, s sheet) []item {
	var out []item
	switch s.name {
	case SheetTasks:
		for _, t := range p.Tasks {
			out = append(out, item{id: t.ID, title: t.Title})
		}
	case SheetTargets:
		for _, t := range p.Tasks {
			for _, tg := range t.Targets {
				out = append(out, item{id: tg.ID, title: tg.Name})
			}
		}
	case SheetProblems:
		for _, pr := range p.Problems {
			out = append(out, item{id: pr.ID, title: pr.Title})
		}
	case SheetIndicators:
		for _, in := range p.Indicators {
			out = append(out, item{id: in.ID, title: in.Title})
		}
	}
	return out
}

func targetText(t domain.Target) string {
	op := "≥"
	if t.Direction == domain.AtMost {
		op = "≤"
	}
	return op + strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.4f", t.Value), "0"), ".")
}
