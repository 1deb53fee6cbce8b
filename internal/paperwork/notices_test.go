package paperwork

import (
	"strings"
	"testing"
	"time"

	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/progress"
)

func testPlan() *domain.Plan {
	p := &domain.Plan{Settings: domain.Settings{Title: "某局2025年度重点工作", Coordinator: "办公室", DueDay: 10}}
	p.Units = []domain.Unit{{ID: "a", Name: "财务科"}, {ID: "b", Name: "CON"}, {ID: "c", Name: `执法/大队:一<>|*?"`}}
	p.Index()
	return p
}

// TestNotices: one notice per chased unit, the missing first; each says
// the month, the due day, what is wrong with each file and what to do, and
// where to put the file, from the settings when they say.
func TestNotices(t *testing.T) {
	p := testPlan()
	m := domain.MustMonth(2025, time.March)
	subs := []progress.Submission{
		{Unit: "a", Month: m, State: progress.Invalid, Rejected: []domain.Rejected{{File: "2025-03/财务科.xlsx", Reason: "表格中没有填写任何内容", Hint: "请填写后重新报送"}}},
		{Unit: "b", Month: m, State: progress.OnTime},
		{Unit: "c", Month: m, State: progress.Missing},
		{Unit: "b", Month: m.Prev(), State: progress.Missing}, // another month
	}
	ns := Notices(p, m, subs)
	if len(ns) != 2 || ns[0].Unit != "c" || ns[1].Unit != "a" {
		t.Fatalf("notices %+v; want c (missing) then a (invalid)", ns)
	}
	for _, want := range []string{"【催报】" + `执法/大队:一<>|*?"` + "：", "2025年3月", "应于2025年3月10日前报送", "尚未收到", "放入共享文件夹，由办公室汇总"} {
		if !strings.Contains(ns[0].Text, want) {
			t.Errorf("missing notice lacks %q:\n%s", want, ns[0].Text)
		}
	}
	for _, want := range []string{"【催报】财务科：", "不算报送", "1. 文件“财务科.xlsx”：表格中没有填写任何内容。请填写后重新报送。", "请改正后尽快重新报送"} {
		if !strings.Contains(ns[1].Text, want) {
			t.Errorf("invalid notice lacks %q:\n%s", want, ns[1].Text)
		}
	}
	p.Settings.SubmitTo = "“\\\\fs\\月报”共享文件夹"
	if n := NoticeFor(p, m, Chase{Unit: "a"}); !strings.Contains(n.Text, "放入“\\\\fs\\月报”共享文件夹") || n.State != progress.Missing {
		t.Errorf("the notice does not take submit_to:\n%s", n.Text)
	}
}

// TestNoticeFileName: valid on Windows whatever the unit's name.
func TestNoticeFileName(t *testing.T) {
	m := domain.MustMonth(2025, time.March)
	for _, c := range []struct{ unit, want string }{
		{"财务科", "2025-03_催报_财务科.txt"},
		{`执法/大队:一<>|*?"`, "2025-03_催报_执法_大队_一______.txt"},
		{"CON", "2025-03_催报_CON.txt"},
		{"单位. ", "2025-03_催报_单位.txt"},
		{"", "2025-03_催报__.txt"},
		{strings.Repeat("长", 200), "2025-03_催报_" + strings.Repeat("长", 80) + ".txt"},
	} {
		if got := NoticeFileName(m, c.unit); got != c.want {
			t.Errorf("NoticeFileName(%q) = %q; want %q", c.unit, got, c.want)
		}
	}
}
