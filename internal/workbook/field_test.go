package workbook

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/plansite/plansite/internal/domain"
)

// The field cases (testdata/field, described in its README.md): 就业中心's
// June 2023 workbook for the example plan, filled with the same invented
// figures and then written the way a real program or unit writes it. Each
// must read, alone in an inbox as 2023-06_就业中心.xlsx, as the same
// figures, with only the findings its README expects.

// fieldReport is what every field case holds.
func fieldReport() domain.Report {
	task := func(id string, role domain.Role, p float64, st domain.TaskState, done, issues, next string) domain.TaskRow {
		return domain.TaskRow{TaskID: id, Role: role, Progress: ptr(p), State: st, Done: done, Issues: issues, Next: next}
	}
	const lead, coop = domain.RoleLead, domain.RoleCooperate
	return domain.Report{
		Unit: jyzx, Month: june, Reporter: "韩晓岚", Phone: "0710-5550123", FilledOn: domain.MustDate(2023, time.June, 20),
		Tasks: []domain.TaskRow{
			task("1.1", coop, 60, domain.TaskInProgress, "配合梳理免证明事项清单（标记T11）", "无", "继续梳理"),
			task("1.2", coop, 100, domain.TaskDone, "费率政策已落实（标记T12）", "无", "持续跟踪"),
			task("1.3", coop, 35, domain.TaskInProgress, "组织企业培训两期（标记T13）", "参训率偏低", "扩大宣传"),
			task("1.4", lead, 72, domain.TaskInProgress, "发放创业补贴四十一笔（标记T14）", "审核周期长", "压缩审核时限"),
			task("1.5", lead, 55, domain.TaskInProgress, "举办招聘活动六场（标记T15）", "企业参与不足", "开展专场招聘"),
			task("3.1", coop, 40, domain.TaskLagging, "走访服务站点三处（标记T31）", "人员不足", "协调人员"),
			task("3.5", lead, 88, domain.TaskInProgress, "新建零工驿站两个（标记T35）", "无", "完善驿站功能"),
			task("3.6", lead, 100, domain.TaskDone, "贷款线上办理上线（标记T36）", "无", "总结经验"),
			task("3.7", lead, 47, domain.TaskInProgress, "劳动力资源数据入库（标记T37）", "数据质量待提升", "开展数据核验"),
			task("4.1", coop, 90, domain.TaskInProgress, "配合问题清零（标记T41）", "无", "按期销号"),
			task("4.2", coop, 20, domain.TaskNotStarted, "尚未开展（标记T42）", "无", "制定方案"),
		},
		Targets: []domain.TargetRow{{TargetID: "1.5-1", Value: ptr(17)}},
		Problems: []domain.ProblemRow{
			{ProblemID: "ZG-01", State: domain.RectInProgress, Progress: ptr(65), Measures: "精简补贴申领材料（标记P01）"},
			{ProblemID: "ZG-02", State: domain.RectDone, Progress: ptr(100), DoneOn: domain.MustDate(2023, time.June, 15), Measures: "建立零工信息台账（标记P02）"},
			{ProblemID: "ZG-05", State: domain.RectInProgress, Progress: ptr(30), Measures: "推广网上办理（标记P05）"},
		},
		Indicators: []domain.IndicatorRow{
			{IndicatorID: "E01", Readiness: ptr(70), Note: "服务事项梳理完成（标记E01）"},
			{IndicatorID: "E02", Readiness: ptr(45), Note: "贷款流程优化中（标记E02）"},
			{IndicatorID: "E03", Readiness: ptr(82), Note: "直达快享已上线（标记E03）"},
		},
	}
}

func TestFieldCases(t *testing.T) {
	p := mustPlan(t)
	cases := []struct {
		file     string
		findings []string // "sheet!cell phrase", each a warning
		change   func(r *domain.Report)
	}{
		// 填报日期 and 完成整改时间 counted from 1904, not four years early.
		{file: "C03_date1904_mac.xlsx"},
		// xl/SharedStrings.xml: part names are case-insensitive.
		{file: "C04_SharedStrings_uppercase.xlsx"},
		// Numbers as text; the text 0.47 is 47%, with the warning the
		// number 0.47 gets.
		{file: "C07_numbers_as_text_quoteprefix.xlsx", findings: []string{"重点任务!E10 完成进度填的是 0.47，已按 47% 计"}},
		// A two-row header with group labels and labels merged down.
		{file: "C09_two_row_merged_header.xlsx"},
		// Borders to row 6000, and 1.4/1.5's state merged over F5:F6.
		{file: "C11_format_bloat_merged_state.xlsx"},
		// A WPS picture in 3.6's 本月工作进展: a warning, never the formula.
		{file: "C17_wps_dispimg_picture.xlsx", findings: []string{"重点任务!G9 嵌入单元格的图片"}, change: func(r *domain.Report) {
			r.Tasks[7].Done = ""
		}},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			// Alone in an inbox, under the name the README gives.
			path := filepath.Join(t.TempDir(), "2023-06_就业中心.xlsx")
			data, err := os.ReadFile(filepath.Join("testdata", "field", c.file))
			must(t, err)
			must(t, os.WriteFile(path, data, 0o644))
			res := NewReader(SchemaOf(p)).Read(path, "2023-06_就业中心.xlsx")
			if !res.Usable {
				t.Fatalf("not usable: %v", res.Findings)
			}
			want := fieldReport()
			if c.change != nil {
				c.change(&want)
			}
			assertSame(t, res.Report, want)
			if len(res.Findings) != len(c.findings) {
				t.Errorf("findings %v; want %d: %q", res.Findings, len(c.findings), c.findings)
			}
			for _, w := range c.findings {
				at, phrase, _ := strings.Cut(w, " ")
				found := false
				for _, f := range res.Findings {
					found = found || (f.Sheet+"!"+f.Cell == at && f.Severity == domain.Warning && strings.Contains(f.Message, phrase))
				}
				if !found {
					t.Errorf("no warning at %s saying %q in %v", at, phrase, res.Findings)
				}
			}
			for _, row := range res.Report.Tasks {
				for _, text := range []string{row.Done, row.Issues, row.Next} {
					if strings.Contains(strings.ToUpper(text), "DISPIMG") {
						t.Errorf("task %s: the formula text published as the unit's words: %q", row.TaskID, text)
					}
				}
			}
		})
	}
}
