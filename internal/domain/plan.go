package domain

import (
	"fmt"
	"strings"
	"time"
)

// Plan is a work plan as loaded from a content folder: its settings, the
// units that carry it out, its tasks, the prior-year problems to rectify, the
// evaluation indicators to prepare and the free pages.
type Plan struct {
	Settings   Settings
	Categories []Category
	Units      []Unit
	Groups     []Group
	Tasks      []Task
	Problems   []Problem
	Indicators []Indicator
	Pages      []Page

	// names maps NameKey of every canonical name, alias, group name and
	// group alias to the units it stands for.
	names map[string][]UnitID
	units map[UnitID]int
}

// Settings are the plan-wide parameters of a content folder.
type Settings struct {
	Title        string // site title, e.g. 枣阳市人社局2023年度营商环境重点工作
	Organisation string // issuing organisation
	Coordinator  string // the unit that collects reports (shown in instructions)
	PlanDate     Date   // date the plan was issued
	// DueDay is the day of each month by which units hand in their
	// workbook (1..28; the last day of a short month when larger).
	DueDay int
	// CycleStart is the first month of the evaluation cycle (September).
	CycleStart time.Month
	// FirstReportMonth is the first month for which reports are expected.
	FirstReportMonth Month
	// LastReportMonth is the last month for which reports are expected.
	LastReportMonth Month
	// Inbox is the folder of monthly workbooks, absolute or relative to the
	// working directory after loading.
	Inbox string
	// LaggingPoints: a task more than this many points behind its expected
	// progress is lagging.
	LaggingPoints float64
	// DueSoonDays: a task whose deadline is this many days away or fewer is
	// due soon.
	DueSoonDays int
	// Areas are the areas of problems and indicators, in display order.
	Areas []string
	// ExpectedUnits are the units that must report every month; empty means
	// every unit named by a task, problem or indicator.
	ExpectedUnits []UnitID
	// SubmitTo says where units put their workbooks, in words for them
	// (共享文件夹“\\fs\报送”); "" for the default, see HandInPlace.
	SubmitTo string
	// NoRanking leaves out the units' ranking (红黑榜): its page, its
	// section of the monthly report and its entry in summary.json
	// (site.yaml ranking: false, for bureaus that do not rank).
	NoRanking bool
}

// Category is a group of tasks (an "action" of the plan).
type Category struct {
	Name    string // short name, e.g. 降低成本行动
	Heading string // heading as written in the plan
	Intro   string // introductory paragraph, plain text
}

// UnitID is the ASCII identifier of a unit, used in paths and URLs.
type UnitID string

// Unit is a responsible unit (股室, 中心, 大队, 人社中心…).
type Unit struct {
	ID      UnitID
	Name    string // canonical name
	Kind    string // free label such as 股室 or 人社中心
	Aliases []string
}

// Group is a name that stands for several units (各人社中心).
type Group struct {
	Name    string
	Aliases []string
	Members []UnitID
}

// Task is a key task (重点任务) of the plan.
type Task struct {
	ID           string // as written in the plan and in workbooks, e.g. 1.5
	Slug         string // ASCII, unique, used in paths
	Category     string // Category.Name
	Title        string
	Body         string // description as sanitised HTML
	Leads        []UnitID
	Cooperators  []UnitID
	Deadline     Date
	DeadlineText string // as written, e.g. 2023年12月31日前
	Targets      []Target
	Source       string // content file it came from
}

// Direction says which way a quantitative target is met.
type Direction string

// Directions of a target.
const (
	AtLeast Direction = ">=" // met when the value reaches the target or more
	AtMost  Direction = "<=" // met when the value stays at the target or less
)

// Target is a quantitative target of a task (招聘活动 ≥ 30 场).
type Target struct {
	ID        string
	Name      string
	Unit      string // unit of measure, e.g. 场, %, 元/人
	Value     float64
	Direction Direction
}

// Met reports whether v meets the target.
func (t Target) Met(v float64) bool {
	if t.Direction == AtMost {
		return v <= t.Value
	}
	return v >= t.Value
}

// Problem is a prior-year evaluation problem to rectify (整改问题).
type Problem struct {
	ID          string
	Area        string
	Title       string
	Description string // plain text
	Units       []UnitID
	Deadline    Date
	Example     bool // invented for the example content (示例)
}

// Indicator is an evaluation indicator whose readiness units report.
type Indicator struct {
	ID      string
	Area    string
	Title   string
	Units   []UnitID
	Example bool
}

// Page is a free markdown page of the content folder.
type Page struct {
	Slug  string // ASCII, the page is written to <slug>/index.html
	Title string
	Order int
	Body  string // sanitised HTML
}

// RoleOf returns unit u's role in task t: lead, cooperate, or "" for none.
func (t Task) RoleOf(u UnitID) Role {
	switch {
	case HasUnit(t.Leads, u):
		return RoleLead
	case HasUnit(t.Cooperators, u):
		return RoleCooperate
	}
	return ""
}

// HasUnit reports whether ids holds id.
func HasUnit(ids []UnitID, id UnitID) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// IndicatorAreas returns the areas the evaluation indicators name, each
// once: in the order of Settings.Areas when the settings list them (an
// area they leave out follows, in order of first appearance), else in the
// order the indicators first name them. Readiness is given per area for
// exactly these.
func (p *Plan) IndicatorAreas() []string {
	named := make([]string, 0, len(p.Indicators))
	for _, in := range p.Indicators {
		named = append(named, in.Area)
	}
	return orderAreas(p.Settings.Areas, named)
}

// orderAreas returns the distinct non-empty names of named, in the order
// of listed, then the others in order of first appearance.
func orderAreas(listed, named []string) []string {
	has := map[string]bool{}
	for _, a := range named {
		if a != "" {
			has[a] = true
		}
	}
	out := make([]string, 0, len(has))
	for _, a := range listed {
		if has[a] {
			out = append(out, a)
			delete(has, a)
		}
	}
	for _, a := range named {
		if has[a] {
			out = append(out, a)
			delete(has, a)
		}
	}
	return out
}

// DefaultSubmitTo is where units put their workbooks when the settings do
// not say.
const DefaultSubmitTo = "共享文件夹"

// MonthAfterTitle names month m as it reads after the plan's title, in the
// titles of the month's report, 汇总表 and 通报: "12月" when the title
// already names m's year (枣阳市人社局2023年度营商环境重点工作 + 12月进展情况),
// else the whole "2024年1月", so that a title never says the year twice.
func (s Settings) MonthAfterTitle(m Month) string {
	if strings.Contains(s.Title, fmt.Sprintf("%d年", m.Year())) {
		return fmt.Sprintf("%d月", int(m.Num()))
	}
	return m.Label()
}

// HandInPlace is where units put their workbooks, in words for them: the
// settings' submit_to, else DefaultSubmitTo.
func (s Settings) HandInPlace() string {
	if s.SubmitTo != "" {
		return s.SubmitTo
	}
	return DefaultSubmitTo
}
