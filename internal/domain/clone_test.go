package domain

import (
	"reflect"
	"testing"
	"time"
)

// TestClone: a clone equals its plan, and changing anything in it, however
// deep, leaves the plan as it was.
func TestClone(t *testing.T) {
	target := 10.0
	p := &Plan{
		Settings: Settings{Title: "方案", DueDay: 24, CycleStart: time.September, PlanDate: MustDate(2023, time.March, 1)},
		Units:    []Unit{{ID: "a", Name: "甲单位", Aliases: []string{"甲"}}},
		Tasks: []Task{{ID: "1.1", Title: "任务", Leads: []UnitID{"a"}, Deadline: MustDate(2023, time.December, 31),
			Targets: []Target{{ID: "1.1-1", Name: "指标", Value: target}}}},
	}
	p.Index()
	c := p.Clone()
	if !reflect.DeepEqual(c, p) {
		t.Fatalf("the clone differs:\n%+v\n%+v", c, p)
	}
	if ids := c.Resolve("甲"); len(ids) != 1 || ids[0] != "a" {
		t.Errorf("the clone resolves 甲 to %v", ids)
	}
	c.Settings.Title = "别的"
	c.Units[0].Aliases[0] = "乙"
	c.Units = append(c.Units, Unit{ID: "b"})
	c.Tasks[0].Leads[0] = "b"
	c.Tasks[0].Targets[0].Value = 99
	if p.Settings.Title != "方案" || p.Units[0].Aliases[0] != "甲" || len(p.Units) != 1 || p.Tasks[0].Leads[0] != "a" || p.Tasks[0].Targets[0].Value != target {
		t.Errorf("changing the clone changed the plan: %+v", p)
	}
}
