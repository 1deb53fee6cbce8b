package domain

import "time"

// TaskState is a unit's own word for how a task stands (推进状态).
type TaskState string

// Task states as units report them.
const (
	TaskNotStarted TaskState = "not_started" // 未启动
	TaskInProgress TaskState = "in_progress" // 推进中
	TaskDone       TaskState = "done"        // 已完成
	TaskLagging    TaskState = "lagging"     // 滞后
)

// TaskStates lists the task states in the order of the drop-down list.
var TaskStates = []TaskState{TaskNotStarted, TaskInProgress, TaskDone, TaskLagging}

// Label returns the Chinese word written in workbooks.
func (s TaskState) Label() string {
	switch s {
	case TaskNotStarted:
		return "未启动"
	case TaskInProgress:
		return "推进中"
	case TaskDone:
		return "已完成"
	case TaskLagging:
		return "滞后"
	}
	return ""
}

// Finished reports whether a unit whose latest state of a task is state
// and whose latest progress is progress (nil: none given) has finished its
// part: 已完成, or a progress of 100 (the README, "How the figures are
// computed": task status 已完成).
func Finished(state TaskState, progress *float64) bool {
	return state == TaskDone || progress != nil && *progress >= 100
}

// RectState is how a prior-year problem's rectification stands (整改状态).
type RectState string

// Rectification states, from least to most advanced.
const (
	RectNotStarted RectState = "not_started" // 未整改
	RectInProgress RectState = "in_progress" // 整改中
	RectDone       RectState = "rectified"   // 已整改
	RectClosed     RectState = "closed"      // 已销号
)

// RectStates lists the rectification states from least to most advanced.
var RectStates = []RectState{RectNotStarted, RectInProgress, RectDone, RectClosed}

// Label returns the Chinese word written in workbooks.
func (s RectState) Label() string {
	switch s {
	case RectNotStarted:
		return "未整改"
	case RectInProgress:
		return "整改中"
	case RectDone:
		return "已整改"
	case RectClosed:
		return "已销号"
	}
	return ""
}

// Rank orders rectification states: 0 for not started up to 3 for closed,
// -1 for an unknown state.
func (s RectState) Rank() int {
	for i, x := range RectStates {
		if x == s {
			return i
		}
	}
	return -1
}

// Role is a unit's part in a task.
type Role string

// Roles of a unit in a task.
const (
	RoleLead      Role = "lead"      // 牵头
	RoleCooperate Role = "cooperate" // 配合
)

// Label returns the Chinese word written in workbooks.
func (r Role) Label() string {
	if r == RoleLead {
		return "牵头"
	}
	if r == RoleCooperate {
		return "配合"
	}
	return ""
}

// Report is what one workbook of the inbox says: one unit's report for one
// month. Numbers that were left blank or could not be used are nil.
type Report struct {
	File     string    // path relative to the inbox, with forward slashes
	Unit     UnitID    // the unit it is from
	Month    Month     // the month it reports on
	Reporter string    // 填报人
	Phone    string    // 联系电话
	FilledOn Date      // 填报日期; zero when not given or not a date
	ModTime  time.Time // the file's modification time
	Hash     string    // SHA-256 of the file's bytes, hex

	Tasks      []TaskRow
	Targets    []TargetRow
	Problems   []ProblemRow
	Indicators []IndicatorRow
}

// Submitted returns when the report counts as handed in: its 填报日期 when
// valid, else the day of its modification time (in local time).
func (r Report) Submitted() Date {
	if !r.FilledOn.IsZero() {
		return r.FilledOn
	}
	return DateOf(r.ModTime.Local())
}

// Rejected is a file of the inbox that arrived but is not used: unreadable,
// handed in with nothing filled in, or naming another unit or month in
// 基本信息 than in its file name or its folder's name.
type Rejected struct {
	File   string   // path relative to the inbox, with forward slashes
	Units  []UnitID // every known unit it names (基本信息, file name, folder), without repeats
	Months []Month  // every month it names, likewise
	Reason string   // why it is not used, in Chinese, in words a unit's clerk understands
	Hint   string   // what the unit should do, in Chinese
}

// Names reports whether the file names unit u (any unit when u is "") and
// month m (any month when m is zero).
func (r Rejected) Names(u UnitID, m Month) bool {
	return (u == "" || HasUnit(r.Units, u)) && (m.IsZero() || hasMonth(r.Months, m))
}

func hasMonth(ms []Month, m Month) bool {
	for _, x := range ms {
		if x == m {
			return true
		}
	}
	return false
}

// TaskRow is a unit's line on a task (重点任务 sheet).
type TaskRow struct {
	TaskID   string
	Role     Role
	Progress *float64 // 0..100
	State    TaskState
	Done     string // 本月工作进展
	Issues   string // 存在问题
	Next     string // 下月工作计划
	Cell     string // sheet!A1 of the row's id cell, for messages
}

// TargetRow is a unit's cumulative figure for a quantitative target.
type TargetRow struct {
	TargetID string
	Value    *float64 // 累计完成值
	Cell     string
}

// ProblemRow is a unit's line on a prior-year problem (问题整改 sheet).
type ProblemRow struct {
	ProblemID string
	State     RectState
	Progress  *float64
	Measures  string // 整改措施
	DoneOn    Date   // 完成整改时间
	Cell      string
}

// IndicatorRow is a unit's readiness for an evaluation indicator.
type IndicatorRow struct {
	IndicatorID string
	Readiness   *float64 // 准备程度 0..100
	Note        string   // 情况说明
	Cell        string
}

// Severity says whether a finding's value was used.
type Severity string

// Severities of a finding.
const (
	Error   Severity = "error"   // the value (or the file) is not used
	Warning Severity = "warning" // the value is used, with a note
)

// Finding is one problem found in a file of the inbox.
type Finding struct {
	File     string   // path relative to the inbox
	Unit     UnitID   // the unit the file is from, when known
	Month    Month    // the month the file reports on, when known
	Sheet    string   // sheet name; "" for the whole file
	Cell     string   // A1 reference; "" for the whole sheet or file
	Severity Severity //
	Message  string   // what is wrong, in Chinese
	Hint     string   // what to write instead, in Chinese
}
