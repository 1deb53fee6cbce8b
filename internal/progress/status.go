package progress

// Status is the light of a task.
type Status string

// Task statuses, in the order of the rule (first match wins).
const (
	Done     Status = "done"      // 已完成
	Overdue  Status = "overdue"   // 逾期
	NoReport Status = "no_report" // 未报送
	Lagging  Status = "lagging"   // 滞后
	DueSoon  Status = "due_soon"  // 临近到期
	OnTrack  Status = "on_track"  // 正常推进
)

// Statuses lists the task statuses in display order: most urgent first,
// the three that need attention (overdue, lagging, no report) leading.
var Statuses = []Status{Overdue, Lagging, NoReport, DueSoon, OnTrack, Done}

// NeedsAttention reports whether a task in status s belongs on the lists of
// items needing attention: overdue, lagging or never reported.
func (s Status) NeedsAttention() bool {
	return s == Overdue || s == Lagging || s == NoReport
}

// Label returns the status word used on pages and in print.
func (s Status) Label() string {
	switch s {
	case Done:
		return "已完成"
	case Overdue:
		return "逾期"
	case NoReport:
		return "未报送"
	case Lagging:
		return "滞后"
	case DueSoon:
		return "临近到期"
	case OnTrack:
		return "正常推进"
	}
	return ""
}

// Rank orders statuses by urgency, as Statuses lists them: 0 for overdue
// up to 5 for done.
func (s Status) Rank() int {
	for i, x := range Statuses {
		if x == s {
			return i
		}
	}
	return len(Statuses)
}

// SubmissionState is how a unit's report for a month came in.
type SubmissionState string

// Submission states.
const (
	OnTime  SubmissionState = "on_time" // 按时
	Late    SubmissionState = "late"    // 逾期报送
	Invalid SubmissionState = "invalid" // 无效报送: files arrived, none usable
	Missing SubmissionState = "missing" // 未报送
)

// SubmissionStates lists them in display order.
var SubmissionStates = []SubmissionState{OnTime, Late, Invalid, Missing}

// Chased reports whether a unit in state s is on the 催报 list: it has
// handed in nothing usable for the month.
func (s SubmissionState) Chased() bool { return s == Invalid || s == Missing }

// Label returns the Chinese word for the state.
func (s SubmissionState) Label() string {
	switch s {
	case OnTime:
		return "按时报送"
	case Late:
		return "逾期报送"
	case Invalid:
		return "无效报送"
	case Missing:
		return "未报送"
	}
	return ""
}
