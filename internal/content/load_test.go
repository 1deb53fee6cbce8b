package content

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/plansite/plansite/internal/domain"
)

const example = "../../content"

func mustLoad(tb testing.TB, dir string) *domain.Plan {
	tb.Helper()
	p, err := Load(dir)
	if err != nil {
		tb.Fatalf("Load(%s): %v", dir, err)
	}
	return p
}

// copyExample copies the example content folder (without its inbox) into a
// temporary folder and applies edits: file name → new text, or "" to
// delete the file.
func copyExample(tb testing.TB, edits map[string]string) string {
	tb.Helper()
	dst := tb.TempDir()
	err := filepath.WalkDir(example, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(example, p)
		if d.IsDir() {
			if rel == "inbox" {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		tb.Fatal(err)
	}
	for name, text := range edits {
		p := filepath.Join(dst, filepath.FromSlash(name))
		if text == "" {
			if err := os.Remove(p); err != nil {
				tb.Fatal(err)
			}
			continue
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	return dst
}

// edit returns the text of an example file with old replaced by new once;
// it fails the test when old is not there.
func edit(tb testing.TB, name, old, new string) string {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join(example, filepath.FromSlash(name)))
	if err != nil {
		tb.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		tb.Fatalf("%s does not contain %q", name, old)
	}
	return strings.Replace(string(b), old, new, 1)
}

// TestExampleIsTheSeedPlan checks the example content against the plan as
// published: 16 tasks in 6+1+7+2, with the leads, cooperators and deadlines
// the seed writes.
func TestExampleIsTheSeedPlan(t *testing.T) {
	p := mustLoad(t, example)
	if len(p.Tasks) != 16 {
		t.Fatalf("%d tasks; want 16", len(p.Tasks))
	}
	perCat := map[string]int{}
	for _, task := range p.Tasks {
		perCat[task.Category]++
	}
	for cat, want := range map[string]int{"降低成本行动": 6, "复制提升行动": 1, "创新示范行动": 7, "优化提升行动": 2} {
		if perCat[cat] != want {
			t.Errorf("category %s has %d tasks; want %d", cat, perCat[cat], want)
		}
	}
	d := func(y int, m time.Month, day int) domain.Date { return domain.MustDate(y, m, day) }
	want := []struct {
		id       string
		leads    []string
		coops    int
		coop     string // one cooperator that must be there
		deadline domain.Date
	}{
		{"1.1", []string{"政策法规股"}, 24, "北城街道人社中心", d(2023, 12, 31)},
		{"1.2", []string{"结算中心"}, 2, "工伤中心", d(2024, 12, 31)},
		{"1.3", []string{"职业能力建设股"}, 1, "就业中心", d(2023, 12, 31)},
		{"1.4", []string{"就业中心"}, 15, "平林镇人社中心", d(2023, 12, 31)},
		{"1.5", []string{"就业中心"}, 15, "琚湾镇人社中心", d(2023, 12, 31)},
		{"1.6", []string{"劳动保障监察大队"}, 0, "", d(2023, 12, 31)},
		{"2.1", []string{"仲裁院"}, 16, "劳动保障监察大队", d(2023, 5, 31)},
		{"3.1", []string{"就业和劳动关系股", "仲裁院"}, 17, "就业中心", d(2023, 8, 31)},
		{"3.2", []string{"劳动保障监察大队"}, 1, "就业和劳动关系股", d(2023, 8, 31)},
		{"3.3", []string{"政策法规股", "信息中心"}, 17, "结算中心", d(2023, 8, 31)},
		{"3.4", []string{"仲裁院"}, 2, "劳动保障监察大队", d(2023, 8, 31)},
		{"3.5", []string{"就业和劳动关系股", "就业中心"}, 18, "职业能力建设股", d(2023, 8, 31)},
		{"3.6", []string{"就业中心"}, 0, "", d(2023, 8, 31)},
		{"3.7", []string{"就业中心"}, 15, "新市镇人社中心", d(2023, 8, 31)},
		{"4.1", []string{"政策法规股"}, 4, "人才中心", d(2023, 6, 30)},
		{"4.2", []string{"政策法规股"}, 9, "信息中心", d(2023, 8, 31)},
	}
	for i, w := range want {
		task := p.Tasks[i]
		if task.ID != w.id {
			t.Errorf("task %d has id %s; want %s", i, task.ID, w.id)
			continue
		}
		var leads []string
		for _, id := range task.Leads {
			leads = append(leads, p.UnitName(id))
		}
		if strings.Join(leads, "、") != strings.Join(w.leads, "、") {
			t.Errorf("task %s leads = %v; want %v", w.id, leads, w.leads)
		}
		if len(task.Cooperators) != w.coops {
			t.Errorf("task %s has %d cooperators; want %d", w.id, len(task.Cooperators), w.coops)
		}
		if w.coop != "" {
			found := false
			for _, id := range task.Cooperators {
				found = found || p.UnitName(id) == w.coop
			}
			if !found {
				t.Errorf("task %s: %s is not a cooperator", w.id, w.coop)
			}
		}
		if task.Deadline != w.deadline {
			t.Errorf("task %s deadline = %v; want %v", w.id, task.Deadline, w.deadline)
		}
	}
	if len(p.Problems) != 6 || len(p.Indicators) < 10 {
		t.Errorf("%d problems and %d indicators; want 6 and about 12", len(p.Problems), len(p.Indicators))
	}
	areas := map[string]bool{}
	for _, pr := range p.Problems {
		areas[pr.Area] = true
		if !pr.Example {
			t.Errorf("problem %s is not marked as an example", pr.ID)
		}
	}
	if len(areas) != 4 {
		t.Errorf("problems cover %d areas; want 4", len(areas))
	}
	if got := p.Settings.DueDay; got != 24 {
		t.Errorf("due day = %d; want 24", got)
	}
	if len(p.Pages) == 0 || p.Pages[0].Slug != "plan" || !strings.Contains(p.Pages[0].Body, "枣阳人社营商环境工作省内当先进") {
		t.Error("the plan's text is not the first page")
	}
}

func TestAliasesAndGroups(t *testing.T) {
	p := mustLoad(t, example)
	for name, want := range map[string]string{
		"职建股": "职业能力建设股", "劳动保障劳动保障监察大队": "劳动保障监察大队", " 政策法规股 ": "政策法规股", "仲裁院": "仲裁院",
	} {
		id, ok := p.ResolveUnit(name)
		if !ok || p.UnitName(id) != want {
			t.Errorf("ResolveUnit(%q) = %s, %v; want %s", name, id, ok, want)
		}
	}
	if got := len(p.Resolve("各人社中心")); got != 15 {
		t.Errorf("各人社中心 has %d members; want 15", got)
	}
	if _, ok := p.ResolveUnit("各人社中心"); ok {
		t.Error("a group name resolved to a single unit")
	}
}

// TestBrokenContent checks that each kind of mistake gives an error naming
// the file, the line where known, and the wrong value.
func TestBrokenContent(t *testing.T) {
	cases := []struct {
		name  string
		edits func(t *testing.T) map[string]string
		want  []string // each must appear in one error line
	}{
		{"lead unit removed from units", func(t *testing.T) map[string]string {
			return map[string]string{"units.yaml": edit(t, "units.yaml", "  - {id: xxzx, name: 信息中心, kind: 局属单位, aliases: [人社信息中心]}\n", "")}
		}, []string{filepath.Join("tasks", "3-3.md") + ":5:", "信息中心", "未在 units.yaml 中定义"}},
		{"unknown cooperator", func(t *testing.T) map[string]string {
			return map[string]string{"tasks/1-3.md": edit(t, "tasks/1-3.md", "cooperators: [就业中心]", "cooperators: [就业中心, 不存在的股]")}
		}, []string{"1-3.md:6:", "配合单位“不存在的股”"}},
		{"duplicate task id", func(t *testing.T) map[string]string {
			return map[string]string{"tasks/1-3.md": edit(t, "tasks/1-3.md", `id: "1.3"`, `id: "1.2"`)}
		}, []string{"任务编号“1.2”与", "1-2.md 重复"}},
		{"bad deadline", func(t *testing.T) map[string]string {
			return map[string]string{"tasks/1-3.md": edit(t, "tasks/1-3.md", "deadline: 2023年12月31日前", "deadline: 2023年13月31日前")}
		}, []string{"1-3.md:7:", "deadline", "不存在"}},
		{"missing title", func(t *testing.T) map[string]string {
			return map[string]string{"tasks/1-3.md": edit(t, "tasks/1-3.md", "title: 支持企业开展技能培训\n", "")}
		}, []string{"1-3.md", "缺少 title"}},
		{"unknown key", func(t *testing.T) map[string]string {
			return map[string]string{"tasks/1-3.md": edit(t, "tasks/1-3.md", "deadline:", "deadlien: x\ndeadline:")}
		}, []string{"1-3.md:7:", "未知的字段“deadlien”"}},
		{"unknown category", func(t *testing.T) map[string]string {
			return map[string]string{"tasks/1-3.md": edit(t, "tasks/1-3.md", "category: 降低成本行动", "category: 降本行动")}
		}, []string{"1-3.md:3:", "类别“降本行动”"}},
		{"bad plan date", func(t *testing.T) map[string]string {
			return map[string]string{"site.yaml": edit(t, "site.yaml", "plan_date: 2023-04-20", "plan_date: 2023-04-31")}
		}, []string{"site.yaml:5:", "plan_date"}},
		{"duplicate unit id", func(t *testing.T) map[string]string {
			return map[string]string{"units.yaml": edit(t, "units.yaml", "{id: jyzx,", "{id: jszx,")}
		}, []string{"units.yaml:9:", "单位 id“jszx”重复"}},
		{"non-ASCII unit id", func(t *testing.T) map[string]string {
			return map[string]string{"units.yaml": edit(t, "units.yaml", "{id: jyzx,", "{id: 就业,")}
		}, []string{"units.yaml:9:", "只能由小写英文字母"}},
		{"problem with unknown area", func(t *testing.T) map[string]string {
			return map[string]string{"problems.yaml": edit(t, "problems.yaml", "area: 人才流动", "area: 人才引进")}
		}, []string{"problems.yaml:", "领域“人才引进”"}},
		{"broken YAML", func(t *testing.T) map[string]string {
			return map[string]string{"indicators.yaml": "indicators:\n  - id: E01\n   area: [\n"}
		}, []string{"indicators.yaml", "YAML 格式有误"}},
		{"no front matter", func(t *testing.T) map[string]string {
			return map[string]string{"tasks/1-3.md": "只有正文\n"}
		}, []string{"1-3.md:1:", "YAML 头部"}},
		{"missing units.yaml", func(t *testing.T) map[string]string {
			return map[string]string{"units.yaml": ""}
		}, []string{"units.yaml", "缺少此文件"}},
		{"target value not a number (NaN)", func(t *testing.T) map[string]string {
			return map[string]string{"tasks/1-3.md": edit(t, "tasks/1-3.md", "value: 5000", "value: NaN")}
		}, []string{"1-3.md:12:", "value“NaN”不是数字"}},
		{"target value infinite", func(t *testing.T) map[string]string {
			return map[string]string{"tasks/1-3.md": edit(t, "tasks/1-3.md", "value: 3500", "value: -.inf")}
		}, []string{"1-3.md:17:", "value“-.inf”不是数字"}},
		{"lagging points not a number", func(t *testing.T) map[string]string {
			return map[string]string{"site.yaml": edit(t, "site.yaml", "lagging_points: 20 ", "lagging_points: .nan ")}
		}, []string{"site.yaml:12:", "lagging_points“.nan”"}},
		{"page slug a folder of the site", func(t *testing.T) map[string]string {
			return map[string]string{"pages/tasks.md": "---\ntitle: 任务\n---\n正文\n"}
		}, []string{"tasks.md", "已被网站占用"}},
		{"page slug another folder of the site", func(t *testing.T) map[string]string {
			return map[string]string{"pages/ranking.md": "---\ntitle: 排名\n---\n正文\n"}
		}, []string{"ranking.md", "已被网站占用"}},
		{"ranking neither true nor false", func(t *testing.T) map[string]string {
			return map[string]string{"site.yaml": edit(t, "site.yaml", "due_day: 24", "ranking: 不排\ndue_day: 24")}
		}, []string{"site.yaml:", "ranking 应为 true 或 false"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := copyExample(t, c.edits(t))
			p, err := Load(dir, "tasks", "ranking") // as if the site had these folders
			if err == nil {
				t.Fatalf("Load succeeded; want an error")
			}
			if p != nil {
				t.Error("Load returned a plan with an error")
			}
			var es Errors
			if !errors.As(err, &es) {
				t.Fatalf("error is %T, not Errors: %v", err, err)
			}
			msg := err.Error()
			for _, w := range c.want {
				if !strings.Contains(msg, w) {
					t.Errorf("error does not mention %q:\n%s", w, msg)
				}
			}
		})
	}
}

// TestFirstCauseNotKnockOns: a mistake in a file whose names other files
// use is reported once, with its file and line, and not buried under a
// line for every task that names what it defines. An unknown key leaves
// the rest of its file (and its entry) in use, so nothing else fails; a
// mistake that leaves a unit or category out adds one line counting the
// names it made unknown elsewhere.
func TestFirstCauseNotKnockOns(t *testing.T) {
	cases := []struct {
		name  string
		edits func(t *testing.T) map[string]string
		want  []string // the lines of the error, each holding these
	}{
		{"unknown key in a unit", func(t *testing.T) map[string]string {
			return map[string]string{"units.yaml": edit(t, "units.yaml", "aliases: [公共就业服务中心, 就业服务中心]}", "aliases: [公共就业服务中心, 就业服务中心], phone: 6123456}")}
		}, []string{"units.yaml:9: 未知的字段“phone”"}},
		{"unknown key at the top of units.yaml", func(t *testing.T) map[string]string {
			return map[string]string{"units.yaml": edit(t, "units.yaml", "groups:", "unit_kinds: [股室]\ngroups:")}
		}, []string{"units.yaml:33: 未知的字段“unit_kinds”"}},
		{"unknown key in site.yaml", func(t *testing.T) map[string]string {
			return map[string]string{"site.yaml": edit(t, "site.yaml", "due_day: 24", "due_day: 24\ndue_time: 17:00")}
		}, []string{"site.yaml:7: 未知的字段“due_time”"}},
		{"unknown key in a category", func(t *testing.T) map[string]string {
			return map[string]string{"site.yaml": edit(t, "site.yaml", "  - name: 复制提升行动\n", "  - name: 复制提升行动\n    short: 复制\n")}
		}, []string{"未知的字段“short”"}},
		{"a target's value misspelt", func(t *testing.T) map[string]string {
			return map[string]string{"tasks/1-3.md": edit(t, "tasks/1-3.md", "value: 3500", "vaule: 3500")}
		}, []string{"1-3.md:17: 未知的字段“vaule”，是不是 value？"}},
		{"the title misspelt", func(t *testing.T) map[string]string {
			return map[string]string{"site.yaml": edit(t, "site.yaml", "title:", "titel:")}
		}, []string{"site.yaml:2: 未知的字段“titel”，是不是 title？"}},
		{"a problem's deadline misspelt", func(t *testing.T) map[string]string {
			return map[string]string{"problems.yaml": edit(t, "problems.yaml", "    deadline: 2023-06-30\n    example: true\n  - id: ZG-04", "    dedline: 2023-06-30\n    example: true\n  - id: ZG-04")}
		}, []string{"problems.yaml:22: 未知的字段“dedline”，是不是 deadline？"}},
		{"a unit's name misspelt", func(t *testing.T) map[string]string {
			return map[string]string{"units.yaml": edit(t, "units.yaml", "{id: jyzx, name:", "{id: jyzx, nmae:")}
		}, []string{"units.yaml:9: 未知的字段“nmae”，是不是 name？", "units.yaml: 另有"}},
		{"a unit's id in capitals", func(t *testing.T) map[string]string {
			return map[string]string{"units.yaml": edit(t, "units.yaml", "{id: jyzx,", "{id: JYZX,")}
		}, []string{"units.yaml:9:", "units.yaml: 另有"}},
		{"a unit's name a list", func(t *testing.T) map[string]string {
			return map[string]string{"units.yaml": edit(t, "units.yaml", "name: 就业中心,", "name: [就业中心],")}
		}, []string{"units.yaml:9:", "units.yaml: 另有"}},
		{"units.yaml not YAML", func(t *testing.T) map[string]string {
			return map[string]string{"units.yaml": edit(t, "units.yaml", "aliases: [公共就业服务中心, 就业服务中心]}", "aliases: [公共就业服务中心, 就业服务中心}")}
		}, []string{"units.yaml:", "units.yaml: 另有"}},
		{"a category's name a list", func(t *testing.T) map[string]string {
			return map[string]string{"site.yaml": edit(t, "site.yaml", "  - name: 创新示范行动\n", "  - name: [创新示范行动]\n")}
		}, []string{"site.yaml:", "site.yaml: 另有"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Load(copyExample(t, c.edits(t)))
			var es Errors
			if !errors.As(err, &es) {
				t.Fatalf("Load: %v; want content errors", err)
			}
			if len(es) != len(c.want) {
				t.Fatalf("%d errors; want %d:\n%v", len(es), len(c.want), err)
			}
			for i, w := range c.want {
				if line := es[i].Error(); !strings.Contains(line, w) {
					t.Errorf("error %d is %q; want it to hold %q", i, line, w)
				}
			}
			if last := es[len(es)-1]; strings.Contains(last.Msg, "另有") {
				var n int
				if _, err := fmt.Sscanf(last.Msg, "另有 %d 处", &n); err != nil || n < 2 {
					t.Errorf("the summary line counts %d names (%v): %s", n, err, last.Msg)
				}
			}
		})
	}
}

// TestYAMLMistakesSaidInChinese: the format mistakes of a file written by
// hand (a value starting with a character YAML reserves, a tab, a missing
// space after a colon, an ASCII colon inside a value, a backslash in
// double quotes, a list not closed) are each said in Chinese with what to
// write instead, at the line of the mistake where yaml.v3 gives it, and
// not in yaml's English.
func TestYAMLMistakesSaidInChinese(t *testing.T) {
	cases := []struct {
		name, file, old, new string
		want                 []string
	}{
		{"value starting with %", "tasks/1-2.md", `unit: "%"`, `unit: %`, []string{"1-2.md:11:", `加英文引号（如 unit: "%"）`}},
		{"tab indentation", "site.yaml", "  lagging_points: 20", "\tlagging_points: 20", []string{"site.yaml:12:", "Tab 键", "只能用空格"}},
		{"no space after the colon", "site.yaml", "due_day: 24", "due_day:24", []string{"site.yaml:6:", "冒号加空格"}},
		{"ASCII colon inside a value", "tasks/1-3.md", "title: 支持企业开展技能培训", "title: 支持企业开展技能培训: 补贴", []string{"1-3.md:4:", "加英文引号", "中文冒号"}},
		{"backslash in double quotes", "site.yaml", "inbox: inbox", `inbox: "D:\q报送"`, []string{"site.yaml:10:", "单引号"}},
		{"list not closed", "problems.yaml", "units: [仲裁院]", "units: [仲裁院", []string{"problems.yaml:", "方括号没有配对"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Load(copyExample(t, map[string]string{c.file: edit(t, c.file, c.old, c.new)}))
			var es Errors
			if !errors.As(err, &es) || len(es) == 0 {
				t.Fatalf("Load: %v; want content errors", err)
			}
			first := es[0].Error()
			for _, w := range c.want {
				if !strings.Contains(first, w) {
					t.Errorf("the error is %q; want it to hold %q", first, w)
				}
			}
			for _, english := range []string{"found", "expected", "mapping", "token", "yaml:"} {
				if strings.Contains(es[0].Msg, english) {
					t.Errorf("the error is %q: yaml's English (%q) where Chinese belongs", first, english)
				}
			}
		})
	}
}

func TestAllErrorsAtOnce(t *testing.T) {
	dir := copyExample(t, map[string]string{
		"tasks/1-3.md": edit(t, "tasks/1-3.md", "leads: [职建股]", "leads: [职建股甲]"),
		"tasks/3-1.md": edit(t, "tasks/3-1.md", "deadline: 2023年8月31日前", "deadline: 下个月"),
	})
	_, err := Load(dir)
	var es Errors
	if !errors.As(err, &es) || len(es) != 2 {
		t.Fatalf("want 2 errors, got %v", err)
	}
}

func TestMarkdownIsSafe(t *testing.T) {
	html, err := renderMarkdown([]byte("# 标题 一\n\n<script>alert(1)</script>\n\n[点我](javascript:alert(1)) [图](data:text/html,x) [官网](https://example.com/) [本站](../tasks/index.html)\n\n![外部图](https://example.com/a.png)\n"), pageDepth)
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"<script", "javascript:", "data:", `href="https://`, `src="https://`} {
		if strings.Contains(html, bad) {
			t.Errorf("output contains %q:\n%s", bad, html)
		}
	}
	for _, good := range []string{`id="标题-一"`, "点我", "官网（https://example.com/）", `href="../tasks/index.html"`, "外部图"} {
		if !strings.Contains(html, good) {
			t.Errorf("output lacks %q:\n%s", good, html)
		}
	}
}

// TestMarkdownLinksLeavingTheSite: a link or image leaves the site in many
// spellings that goldmark decodes before it writes the address (entities,
// backslash escapes, angle brackets, a reference defined elsewhere), and a
// browser reads more (\ as /, %2e%2e as ..). Each becomes text; links
// within the site stay links.
func TestMarkdownLinksLeavingTheSite(t *testing.T) {
	src := strings.Join([]string{
		"![甲](http&colon;//evil.test/a.png)",
		"![乙](&#x2F;&#x2F;evil.test/b.png)",
		"![丙](/\\evil.test/c.png)",
		"![丁](<//evil.test/d.png>)",
		"![戊](file&#x3A;///etc/hostname)",
		"[己](&#106;avascript:alert(1))",
		"[庚](..&#x2F;..&#x2F;..&#x2F;etc/hostname)",
		"[辛](%2e%2e/%2E%2E/%2e%2e/etc/hostname)",
		"[壬](C|/Windows/win.ini)",
		"[癸][ref]",
		"[子](/etc/hostname)",
		"",
		"[ref]: htt&#112;s://evil.test/r",
		"",
		"[上一级](../index.html) [同级](../1-2/index.html) [本页](#标题) [根](../../units/index.html)",
	}, "\n\n")
	html, err := renderMarkdown([]byte(src), taskDepth)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(html, "<img") {
		t.Errorf("an image is left:\n%s", html)
	}
	var hrefs []string
	for _, m := range regexp.MustCompile(`href="([^"]*)"`).FindAllStringSubmatch(html, -1) {
		hrefs = append(hrefs, m[1])
	}
	if want := []string{"../index.html", "../1-2/index.html", "#%E6%A0%87%E9%A2%98", "../../units/index.html"}; !slices.Equal(hrefs, want) {
		t.Errorf("links %q, want only %q:\n%s", hrefs, want, html)
	}
	for _, text := range []string{"甲", "丙", "戊", "己", "庚", "辛", "壬", "癸（https://evil.test/r）", "子"} {
		if !strings.Contains(html, text) {
			t.Errorf("output lacks %q:\n%s", text, html)
		}
	}
	// The same link two folders up is in the site from a task's page and
	// out of it from a page one folder down.
	for _, c := range []struct {
		depth int
		local bool
	}{{taskDepth, true}, {pageDepth, false}} {
		html, err := renderMarkdown([]byte("[单位](../../units/index.html)"), c.depth)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(html, "<a "); got != c.local {
			t.Errorf("depth %d: link kept = %v, want %v:\n%s", c.depth, got, c.local, html)
		}
	}
}

// TestMarkdownBounded: a page too long, or of a shape goldmark takes very
// long over, is an error naming the file and its line, soon.
func TestMarkdownBounded(t *testing.T) {
	defer func(d time.Duration) { markdownTimeout = d }(markdownTimeout)
	markdownTimeout = 300 * time.Millisecond
	slow := strings.Repeat("[a](", 20000) // about 3 s in goldmark 1.8.7, and 4× that at twice the length
	long := strings.Repeat("正文。", 100<<10)
	for name, body := range map[string]string{"slow": slow, "long": long} {
		t.Run(name, func(t *testing.T) {
			dir := copyExample(t, map[string]string{"pages/plan.md": "---\ntitle: 实施方案\nslug: plan\n---\n" + body})
			// The error itself is the bound: a time-out or the size limit,
			// never the rendered page (no time is asserted: CI machines vary).
			_, err := Load(dir)
			var es Errors
			if !errors.As(err, &es) || len(es) != 1 || es[0].File != filepath.Join(dir, "pages", "plan.md") {
				t.Fatalf("want one error naming pages/plan.md, got %v", err)
			}
			t.Log(es[0])
		})
	}
}

// TestYAMLAliasesBounded: one anchored text referred to by thousands of
// indicators, and anchors of anchors (a billion laughs in a task's front
// matter), are refused with an error naming the file, at once.
func TestYAMLAliasesBounded(t *testing.T) {
	var many strings.Builder
	many.WriteString("indicators:\n  - {id: E00000, area: 就业服务, title: &t " + strings.Repeat("长", 700) + ", units: [就业中心]}\n")
	for i := 1; i < 20000; i++ {
		fmt.Fprintf(&many, "  - {id: E%05d, area: 就业服务, title: *t, units: [就业中心]}\n", i)
	}
	laughs := "a: &a [哈, 哈, 哈, 哈, 哈, 哈, 哈, 哈, 哈, 哈]\n"
	for c := 'b'; c <= 'j'; c++ {
		laughs += fmt.Sprintf("%c: &%c [*%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c]\n", c, c, c-1, c-1, c-1, c-1, c-1, c-1, c-1, c-1, c-1, c-1)
	}
	for name, c := range map[string]struct{ file, text string }{
		"one anchor, many aliases": {"indicators.yaml", many.String()},
		"anchors of anchors":       {"tasks/1-1.md", "---\n" + laughs + "---\n正文\n"},
	} {
		t.Run(name, func(t *testing.T) {
			dir := copyExample(t, map[string]string{c.file: c.text})
			// Memory, not time, tells whether the aliases were expanded:
			// expanded, these files take gigabytes.
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			_, err := Load(dir)
			runtime.ReadMemStats(&after)
			var es Errors
			if !errors.As(err, &es) || len(es) != 1 || es[0].File != filepath.Join(dir, filepath.FromSlash(c.file)) || !strings.Contains(es[0].Msg, "别名") {
				t.Fatalf("want one error naming %s and its aliases, got %v", c.file, err)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 512<<20 {
				t.Errorf("Load allocated %d MB: the aliases were expanded", alloc>>20)
			}
		})
	}
}

// TestLinksOutOfTheContentFolder: a task file that is a symbolic link to
// a file elsewhere, and a pages folder that links elsewhere, are refused
// with an error naming each; nothing of what they point to is read. A link
// within the content folder is followed.
func TestLinksOutOfTheContentFolder(t *testing.T) {
	dir := copyExample(t, nil)
	elsewhere := t.TempDir()
	task, err := os.ReadFile(filepath.Join(dir, "tasks", "1-2.md"))
	if err != nil {
		t.Fatal(err)
	}
	secret := strings.Replace(string(task), "title: ", "title: 机密", 1)
	if err := os.WriteFile(filepath.Join(elsewhere, "1-2.md"), []byte(secret), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(elsewhere, "pages"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(elsewhere, "pages", "x.md"), []byte("---\ntitle: 机密\n---\n机密\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	mustSymlink := func(target, link string) {
		t.Helper()
		if err := os.RemoveAll(link); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, link); err != nil {
			t.Fatal(err)
		}
	}
	mustSymlink(filepath.Join(elsewhere, "1-2.md"), filepath.Join(dir, "tasks", "1-2.md"))
	mustSymlink(filepath.Join(elsewhere, "pages"), filepath.Join(dir, "pages"))
	// Within the content folder: followed.
	if err := os.MkdirAll(filepath.Join(dir, "kept"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(dir, "tasks", "1-3.md"), filepath.Join(dir, "kept", "1-3.md")); err != nil {
		t.Fatal(err)
	}
	mustSymlink("../kept/1-3.md", filepath.Join(dir, "tasks", "1-3.md"))
	_, err = Load(dir)
	var es Errors
	if !errors.As(err, &es) {
		t.Fatalf("want content errors, got %v", err)
	}
	files := map[string]bool{}
	for _, e := range es {
		files[e.File] = true
		if strings.Contains(e.Msg, "机密") {
			t.Errorf("the error shows what the link points to: %v", e)
		}
		if !strings.Contains(e.Msg, "链接") {
			t.Errorf("the error does not say it is a link: %v", e)
		}
	}
	if want := []string{filepath.Join(dir, "tasks", "1-2.md"), filepath.Join(dir, "pages")}; len(files) != 2 || !files[want[0]] || !files[want[1]] {
		t.Errorf("errors name %v, want %v", files, want)
	}
}

func FuzzLoadTask(f *testing.F) {
	b, err := os.ReadFile(filepath.Join(example, "tasks", "1-3.md"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Add([]byte("---\nid: [\n---\n"))
	f.Add([]byte("---\ntargets:\n  - value: abc\n---\n"))
	dir := copyExample(f, nil)
	f.Fuzz(func(t *testing.T, task []byte) {
		if err := os.WriteFile(filepath.Join(dir, "tasks", "1-3.md"), task, 0o644); err != nil {
			t.Fatal(err)
		}
		p, err := Load(dir)
		if (p == nil) == (err == nil) {
			t.Fatalf("Load gave plan %v and error %v", p != nil, err)
		}
	})
}

// TestSplitNames: names listed in one string split at 、，, and ；, but a
// separator inside brackets belongs to the name (各县（市、区）人社局).
func TestSplitNames(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"政策法规股、就业中心", []string{"政策法规股", "就业中心"}},
		{"政策法规股, 就业中心；仲裁院", []string{"政策法规股", "就业中心", "仲裁院"}},
		{"各县（市、区）人社局、信息中心", []string{"各县（市、区）人社局", "信息中心"}},
		{"各县(市、区)人社局", []string{"各县(市、区)人社局"}},
		{"就业中心）、仲裁院", []string{"就业中心）", "仲裁院"}},
		{" 、 ", nil},
	} {
		if got := splitNames(c.in); !reflect.DeepEqual(got, c.want) {
			t.Errorf("splitNames(%q) = %q; want %q", c.in, got, c.want)
		}
	}
}

// TestRankingSetting: the ranking is on unless site.yaml says ranking: false.
func TestRankingSetting(t *testing.T) {
	if mustLoad(t, example).Settings.NoRanking {
		t.Error("the example has no ranking; want one (site.yaml says nothing)")
	}
	for text, off := range map[string]bool{"ranking: false": true, "ranking: true": false} {
		dir := copyExample(t, map[string]string{"site.yaml": edit(t, "site.yaml", "due_day: 24", text+"\ndue_day: 24")})
		if got := mustLoad(t, dir).Settings.NoRanking; got != off {
			t.Errorf("%s: NoRanking %v, want %v", text, got, off)
		}
	}
}
