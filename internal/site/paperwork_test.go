package site

import (
	"context"
	"encoding/json"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/officetest"
	"github.com/plansite/plansite/templates"
)

// bulletinText builds the site of content dir as of month m and returns
// the text of that month's 通报 as LibreOffice prints it, spaces and page
// numbers removed.
func bulletinText(t *testing.T, dir string, m domain.Month) (text, out string) {
	t.Helper()
	out = filepath.Join(t.TempDir(), "public")
	if _, err := Build(context.Background(), Options{Content: dir, Out: out, Templates: templates.FS, Month: m}); err != nil {
		t.Fatalf("Build: %v", err)
	}
	docx := filepath.Join(out, filepath.FromSlash(bulletinFile(m)))
	pdf := officetest.ToPDF(t, docx)[0]
	if pages, w, h := officetest.Pages(t, pdf); pages < 2 || w < 594 || w > 596 || h < 841 || h > 843 {
		t.Errorf("通报: %d pages of %.0f×%.0f pt; want A4 portrait", pages, w, h)
	}
	text = officetest.Squeeze(officetest.Text(t, pdf, false))
	// The page numbers, — 1 — and so on, are in every page's footer;
	// taken out, the text reads on across pages.
	pageNumber := regexp.MustCompile(`—\d+—`)
	if !strings.Contains(text, "—1—") || !strings.Contains(text, "—2—") {
		t.Error("通报: no page numbers — 1 —, — 2 — in the footers")
	}
	return pageNumber.ReplaceAllString(text, ""), out
}

// mustContain fails for each of wants (spaces removed) that text lacks.
func mustContain(t *testing.T, what, text string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(text, officetest.Squeeze(w)) {
			t.Errorf("%s lacks %q", what, w)
		}
	}
}

// TestExampleBulletin: the 通报 of December 2023 of the example, opened in
// LibreOffice, names every 逾期 and 滞后 task with its lead units and
// every unit that did not report (or reported invalidly), as summary.json
// has them; and the month's report page and the dashboard link the
// month's 汇总表 and 通报, which are there at the links' paths (so they
// open from file://).
func TestExampleBulletin(t *testing.T) {
	requireECharts(t)
	m := domain.MustMonth(2023, time.December)
	text, out := bulletinText(t, exampleContent, m)
	var s indSummary
	if err := json.Unmarshal([]byte(read(t, out, "data/summary.json")), &s); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, task := range s.Tasks {
		if task.Status != "overdue" && task.Status != "lagging" {
			continue
		}
		n++
		word := map[string]string{"overdue": "逾期任务", "lagging": "滞后任务"}[task.Status]
		mustContain(t, "通报", text, word, task.Title+"（任务"+task.ID+"；牵头单位："+strings.Join(task.Leads, "、")+"；")
	}
	if n == 0 {
		t.Fatal("the example has no overdue or lagging task in December: nothing checked")
	}
	chased := 0
	for _, sub := range s.Submissions {
		if sub.Month == "2023-12" && (sub.State == "missing" || sub.State == "invalid") {
			chased++
			mustContain(t, "通报", text, sub.Unit)
		}
	}
	if chased == 0 {
		t.Fatal("every unit reported in December: nothing checked")
	}
	mustContain(t, "通报", text, "关于枣阳市人社局2023年度营商环境重点工作12月推进情况的通报", "《枣阳市人社局2023年度营商环境重点工作实施方案》",
		"未报送3个：就业中心、琚湾镇人社中心、吴店镇人社中心", "逾期报送2个：工伤中心（2023年12月27日报送）、兴隆镇人社中心（2023年12月25日报送）",
		"超期整改1个：ZG-02", "评价准备指数为97.3%，按时间进度应达到33.2%（目标线），高于目标线64.1个百分点",
		"附件", "表1重点任务推进情况")

	// The downloads, linked from the month's report and the dashboard.
	for _, page := range []string{"months/2023-12/index.html", "index.html"} {
		html := read(t, out, page)
		for _, want := range []struct{ word, file string }{{"下载汇总表", workbookFile(m)}, {"下载通报", bulletinFile(m)}} {
			re := regexp.MustCompile(`<a href="([^"]+)"[^>]*>` + want.word + `</a>`)
			match := re.FindStringSubmatch(html)
			if match == nil {
				t.Errorf("%s: no link %s", page, want.word)
				continue
			}
			href, err := url.PathUnescape(match[1])
			if err != nil || strings.Contains(href, "://") || strings.HasPrefix(href, "/") {
				t.Errorf("%s: %s links %q: not a relative link", page, want.word, match[1])
				continue
			}
			target := path.Join(path.Dir(page), href)
			if target != want.file {
				t.Errorf("%s: %s links %s; want %s", page, want.word, target, want.file)
			}
			if info, err := os.Stat(filepath.Join(out, filepath.FromSlash(target))); err != nil || info.Size() == 0 {
				t.Errorf("%s: %s links %s, which is not in the site (%v)", page, want.word, target, err)
			}
		}
	}
	// Every month with a report has its files.
	for _, mm := range domain.MonthsFrom(domain.MustMonth(2023, time.May), m) {
		for _, p := range []string{workbookFile(mm), bulletinFile(mm)} {
			if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(p))); err != nil {
				t.Errorf("%s: %v", p, err)
			}
		}
	}
}

// TestIndependentBulletin: the 通报 of another plan (testdata/independent:
// a 医保局, due day 15, cycle from July, 10 points and 14 days, two
// problems) as of June 2024 says what was worked out by hand in
// TestIndependentPlan: 2.1 overdue by 30 days, 1.3 lagging 14.7 points
// behind, 2.2 lagging on its lead's word, 待遇保障科 late, 医药服务管理科
// invalid with its blank template, YB-01 overdue, YB-02 rectified late, and
// the readiness 41.7% against a target line of 100%. Its notices use the
// content's submit_to and the default coordinator.
func TestIndependentBulletin(t *testing.T) {
	requireECharts(t)
	dir := writeArchive(t, editFile(independentPlan(t), "site.yaml", func(b []byte) []byte {
		return append(b, "submit_to: 医保局内网共享盘的“月报”文件夹\n"...)
	}))
	m := domain.MustMonth(2024, time.June)
	text, out := bulletinText(t, dir, m)
	mustContain(t, "通报", text,
		"关于某区医疗保障局2024年度优化营商环境工作6月推进情况的通报",
		"截至2024年6月30日，6项重点任务中，已完成1项、正常推进1项、临近到期1项、滞后2项、逾期1项。",
		"1项量化指标中已达标1项",
		"（一）逾期任务1项",
		"（任务2.1；牵头单位：基金监管科；完成时限：2024年5月31日）：已逾期30天，完成进度95%，尚未完成。",
		"（二）滞后任务2项",
		"（任务1.3；牵头单位：医药服务管理科；完成时限：2024年12月31日）：完成进度25%，按时间应达到39.7%，落后14.7个百分点。",
		"（任务2.2；牵头单位：基金监管科、待遇保障科；完成时限：2024年12月31日）：牵头单位报告推进滞后，完成进度60%",
		"另有1项任务的牵头单位本月未报送进展",
		"本月报送截止日为2024年6月15日，4个应报送单位中，按时报送2个，逾期报送1个：待遇保障科（2024年6月16日报送），无效报送1个：医药服务管理科（“2024-06_医药服务管理科.xlsx”",
		"未报送0个",
		"2个问题中，已整改（含已销号）1个、整改中1个、未整改0个。",
		"超期整改1个：YB-02",
		"2024年5月13日完成整改，时限2024年4月30日",
		"逾期未整改1个：YB-01",
		"评价准备指数为41.7%，按时间进度应达到100%（目标线），低于目标线58.3个百分点。分领域：医保服务75%、基金监管25%",
		"请各单位于每月15日前报送当月进展情况，放入医保局内网共享盘的“月报”文件夹，由牵头汇总单位汇总。",
	)
	for _, not := range []string{"琚湾", "枣阳", "政策法规股", "24日"} {
		if strings.Contains(text, not) {
			t.Errorf("the 医保 plan's 通报 says %q, from the example", not)
		}
	}
	// The 催报 page of June gives 医药服务管理科 its notice, with the
	// reason and the place.
	chase := read(t, out, "submissions/2024-06/index.html")
	for _, want := range []string{"【催报】医药服务管理科：", "应于2024年6月15日前报送", "2024-06_医药服务管理科.xlsx", "放入医保局内网共享盘的“月报”文件夹"} {
		if !strings.Contains(strings.ReplaceAll(chase, "&#34;", "\""), want) && !strings.Contains(chase, want) {
			t.Errorf("submissions/2024-06 lacks %q", want)
		}
	}
}

// workbookFile and bulletinFile are where the README says month m's 汇总表
// and 通报 are in the site.
func workbookFile(m domain.Month) string {
	return "months/" + m.String() + "/" + m.String() + "_汇总表.xlsx"
}

func bulletinFile(m domain.Month) string {
	return "months/" + m.String() + "/" + m.String() + "_通报.docx"
}
