package pages

import (
	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/progress"
)

// targetLine is a quantitative target against its actual figure, as the
// dashboard and the monthly report list them: with its task, the share of
// the target reached and a light (达标, 未达标, 未报送).
type targetLine struct {
	targetRow
	TaskID, TaskTitle, TaskHref string
	Leads                       []unitLink
	Reached                     string // actual ÷ target, for an at-least target; "" otherwise
	Light                       light
}

// targetLines are r's targets in the plan's order, for a page at root.
func (b *builder) targetLines(root string, r *progress.Result) []targetLine {
	var out []targetLine
	for _, tr := range r.Targets {
		task, ok := b.Plan.Task(tr.TaskID)
		if !ok {
			continue
		}
		l := targetLine{targetRow: b.targetRow(tr), TaskID: task.ID, TaskTitle: task.Title, TaskHref: taskHref(root, task), Leads: b.taskUnits(root, task, false)}
		switch {
		case tr.Value == nil:
			l.Light = light{Class: "s-no_report", Label: "未报送"}
		case tr.Met:
			l.Light = light{Class: "s-done", Label: "达标"}
		default:
			l.Light = light{Class: "s-lagging", Label: "未达标"}
		}
		if tr.Value != nil && tr.Target.Direction != domain.AtMost && tr.Target.Value > 0 {
			v := 100 * *tr.Value / tr.Target.Value
			l.Reached = pct(&v)
		}
		out = append(out, l)
	}
	return out
}
