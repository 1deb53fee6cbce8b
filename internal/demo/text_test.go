package demo

import (
	"html"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/plansite/plansite/internal/content"
	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/workbook"
)

func TestSubject(t *testing.T) {
	for title, want := range map[string]string{
		"延长阶段性降低失业保险、工伤保险费率政策":  "延长阶段性降低失业保险、工伤保险费率政策",
		"创新基层劳动关系公共服务站（点）建设":    "创新基层劳动关系公共服务站（点）建设",
		"推进零工市场建设，打造15分钟就业服务圈":  "推进零工市场建设",
		"深化“放管服”改革；优化审批流程":      "深化“放管服”改革",
		"提速: 压缩社保卡办理时限":         "提速: 压缩社保卡办理时限", // a first clause too short to stand alone
		" 扩大“免证明”应用领域 ":         "扩大“免证明”应用领域",
		"加强劳动保障监察执法,畅通欠薪线索反映渠道": "加强劳动保障监察执法",
	} {
		if got := subject(title); got != want {
			t.Errorf("subject(%q) = %q; want %q", title, got, want)
		}
	}
}

// TestActionsAreWholeClauses: the actions taken from a task's description
// are clauses it holds whole, between punctuation, with no figure, none
// cut off from the enumeration it belongs to.
func TestActionsAreWholeClauses(t *testing.T) {
	body := "<p>搭建免费公益性用工服务平台，促进用工对接。组织开展民营企业招聘月等“10+N”就业服务专项活动，全年举办线上线下招聘活动30场以上。" +
		"支持对生产经营暂时困难、稳岗意愿强的企业，以及因结构调整、转型升级长期停工停产企业，支持其与符合产业发展方向的企业开展“共享用工”。</p>" +
		"<p>全面梳理证明事项实施清单，建立健全电子证照生成归集机制和服务体系。</p>"
	got := actions(body)
	want := []string{"搭建免费公益性用工服务平台", "促进用工对接", "全面梳理证明事项实施清单", "建立健全电子证照生成归集机制和服务体系"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("actions = %q; want %q", got, want)
	}
	if got := actions(""); len(got) != 0 {
		t.Errorf("actions of an empty description = %q", got)
	}
}

// TestTurnNeverRepeatsNextMonth: a phrase list is gone through so that
// consecutive months never pick the same entry, whatever the key.
func TestTurnNeverRepeatsNextMonth(t *testing.T) {
	for n := 2; n <= 6; n++ {
		list := make([]string, n)
		for i := range list {
			list[i] = strconv.Itoa(i)
		}
		for key := uint64(0); key < 500; key += 7 {
			for m := 0; m < 30; m++ {
				if turn(list, key*2654435761, m) == turn(list, key*2654435761, m+1) {
					t.Fatalf("n %d key %d: months %d and %d pick the same", n, key, m, m+1)
				}
			}
		}
	}
}

// generatedPlan is a plan and its generated inbox as read back from the
// workbooks: the usable reports, each unit's months in order (the file
// that carries the data when a unit handed in twice).
type generatedPlan struct {
	name string
	plan *domain.Plan
	reps map[domain.UnitID][]domain.Report // by month
}

func generate(t *testing.T, name string, p *domain.Plan, seed uint64) generatedPlan {
	t.Helper()
	files, err := Inbox(p, seed)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	reader := workbook.NewReader(workbook.SchemaOf(p))
	byUnitMonth := map[string]domain.Report{}
	for _, f := range files {
		res := reader.ReadBytes(f.Data, f.Name)
		if !res.Usable || len(res.Findings) > 0 {
			continue // the files with a mistake made on purpose: a figure there is not the unit's
		}
		k := string(res.Report.Unit) + "/" + res.Report.Month.String()
		if old, ok := byUnitMonth[k]; !ok || old.FilledOn.Before(res.Report.FilledOn) {
			byUnitMonth[k] = res.Report
		}
	}
	g := generatedPlan{name: name, plan: p, reps: map[domain.UnitID][]domain.Report{}}
	for _, r := range byUnitMonth {
		g.reps[r.Unit] = append(g.reps[r.Unit], r)
	}
	for _, rs := range g.reps {
		sort.Slice(rs, func(i, j int) bool { return rs[i].Month.Before(rs[j].Month) })
	}
	if len(byUnitMonth) < 10 {
		t.Fatalf("%s: only %d usable reports", name, len(byUnitMonth))
	}
	return g
}

// generatedPlans are plans unlike each other: the example, a synthetic
// province plan, and the two 医保 plans of internal/site's tests.
func generatedPlans(t *testing.T) []generatedPlan {
	t.Helper()
	var out []generatedPlan
	for name, dir := range map[string]string{"example": exampleContent, "independent": "../site/testdata/independent", "second-plan": "../site/testdata/second-plan"} {
		p, err := content.Load(dir)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out = append(out, generate(t, name, p, exampleSeed))
	}
	files, err := Content(Size{Units: 30, Months: 14, Tasks: 24, Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range files {
		if err := writeFile(dir, f); err != nil {
			t.Fatal(err)
		}
	}
	p, err := content.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	return append(out, generate(t, "synthetic", p, 11))
}

// wholeNames: wherever a text names a task, problem or indicator by the
// start of its title, it goes on with the whole title, with the title's
// first clause, or with words of the item's own (its description, a
// target's name) that it follows further than the title: a title is never
// cut in the middle of a phrase (the old texts had
// "围绕延长阶段性降低失业保险、工伤，本月").
func wholeNames(t *testing.T, where, text, title string, own ...string) {
	t.Helper()
	title = strings.TrimSpace(title)
	if utf8.RuneCountInString(title) < 4 {
		return
	}
	start := string([]rune(title)[:4])
	whole := []string{title}
	for i, r := range title {
		if strings.ContainsRune("，；：,;:", r) {
			whole = append(whole, title[:i])
		}
	}
	for rest := text; ; rest = rest[len(start):] {
		i := strings.Index(rest, start)
		if i < 0 {
			return
		}
		rest = rest[i:]
		ok := false
		for _, w := range whole {
			ok = ok || strings.HasPrefix(rest, w)
		}
		// Words of the item's own may start as the title does: they
		// follow the description (or a target's name) further than the
		// title.
		asTitle := commonPrefix(rest, title)
		for _, o := range own {
			ok = ok || strings.HasPrefix(rest, o) || len(longestIn(rest, o)) > len(asTitle)
		}
		if !ok {
			t.Errorf("%s: %q names %q cut short", where, text, title)
			return
		}
	}
}

func commonPrefix(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	for !utf8.ValidString(a[:i]) {
		i--
	}
	return a[:i]
}

// longestIn is the longest start of s that o holds.
func longestIn(s, o string) string {
	best := ""
	for i := range s {
		if i > 0 && !strings.Contains(o, s[:i]) {
			return best
		}
		best = s[:i]
	}
	if strings.Contains(o, s) {
		return s
	}
	return best
}

var reTagTest = regexp.MustCompile(`<[^>]*>`)

// ownWords are a task's words besides its title: its description as text
// and its targets' names.
func ownWords(tk domain.Task) []string {
	out := []string{html.UnescapeString(reTagTest.ReplaceAllString(tk.Body, ""))}
	for _, tg := range tk.Targets {
		out = append(out, tg.Name)
	}
	return out
}

var reProgressWords = regexp.MustCompile(`(?:完成|整改)进度达到(\d+)%`)

// sentences splits a text into its sentences, without the ones that say
// there is nothing (无).
func sentences(text string) []string {
	var out []string
	for _, s := range strings.FieldsFunc(text, func(r rune) bool { return r == '。' }) {
		if s = strings.TrimSpace(s); s != "" && s != "无" {
			out = append(out, s)
		}
	}
	return out
}

func containsAny(s string, words ...string) string {
	for _, w := range words {
		if strings.Contains(s, w) {
			return w
		}
	}
	return ""
}

// TestReportTextsReadLikeAUnits: the generated workbooks' texts, for four
// plans unlike each other, read as a unit writes month after month: names
// whole, no sentence of an item's text repeated from the month before,
// words that fit the figure beside them (no plan for a task at 85 %, no
// summing-up at 20 %, nothing done below 100 %, no trouble for a task
// done, trouble stated for one lagging, the progress and target figures
// the text quotes those of the row), and a problem's words that follow its
// life: a plan in its first month, measures, the day it was rectified,
// the month it was closed, and nothing after that.
func TestReportTextsReadLikeAUnits(t *testing.T) {
	for _, g := range generatedPlans(t) {
		t.Run(g.name, func(t *testing.T) {
			p := g.plan
			tasks := map[string]domain.Task{}
			for _, tk := range p.Tasks {
				tasks[tk.ID] = tk
			}
			problems := map[string]domain.Problem{}
			for _, pr := range p.Problems {
				problems[pr.ID] = pr
			}
			indicators := map[string]domain.Indicator{}
			for _, in := range p.Indicators {
				indicators[in.ID] = in
			}
			checked := 0
			for _, reps := range g.reps {
				last := map[string]string{} // item/field → last month's text, when that month was reported
				closedIn := map[string]domain.Month{}
				firstSeen := map[string]bool{}
				for i, rep := range reps {
					consecutive := i > 0 && reps[i-1].Month.Next() == rep.Month
					where := func(what string) string { return g.name + " " + rep.File + " " + what }
					this := map[string]string{}
					noRepeat := func(key, text string) {
						this[key] = text
						if !consecutive {
							return
						}
						for _, s := range sentences(text) {
							for _, old := range sentences(last[key]) {
								if s == old {
									t.Errorf("%s: %q again, as in %s", where(key), s, reps[i-1].Month)
								}
							}
						}
					}
					values := map[string]float64{}
					for _, tr := range rep.Targets {
						if tr.Value != nil {
							values[tr.TargetID] = *tr.Value
						}
					}
					for _, row := range rep.Tasks {
						if row.Progress == nil || row.Done == "" {
							continue
						}
						checked++
						tk, pr := tasks[row.TaskID], *row.Progress
						w := where("task " + row.TaskID)
						for _, text := range []string{row.Done, row.Issues, row.Next} {
							wholeNames(t, w, text, tk.Title, ownWords(tk)...)
						}
						noRepeat(row.TaskID+"/done", row.Done)
						noRepeat(row.TaskID+"/issues", row.Issues)
						noRepeat(row.TaskID+"/next", row.Next)
						if pr >= 100 {
							if row.Issues != "无。" || containsAny(row.Done, "完成", "巩固", "回头看", "常态化") == "" {
								t.Errorf("%s: done (100%%), yet %q / %q", w, row.Done, row.Issues)
							}
						} else if word := containsAny(row.Done, "全部完成", "巩固", "回头看", "常态化", "已于"); word != "" {
							t.Errorf("%s: %v%% yet %q says %q", w, pr, row.Done, word)
						}
						if word := containsAny(row.Done+row.Next, "工作方案", "部署会", "专班", "尚未正式启动"); pr >= 50 && word != "" {
							t.Errorf("%s: %v%% yet %q / %q plans (%q)", w, pr, row.Done, row.Next, word)
						}
						if word := containsAny(row.Done+row.Next, "总结", "验收", "收尾"); pr < 30 && word != "" {
							t.Errorf("%s: %v%% yet %q / %q sums up (%q)", w, pr, row.Done, row.Next, word)
						}
						if row.State == domain.TaskLagging && row.Issues == "无。" {
							t.Errorf("%s: 滞后, yet no trouble stated", w)
						}
						for _, m := range reProgressWords.FindAllStringSubmatch(row.Done, -1) {
							if m[1] != strconv.FormatFloat(pr, 'f', -1, 64) {
								t.Errorf("%s: the text says %s%%, the row %v%%", w, m[1], pr)
							}
						}
						for _, tg := range tk.Targets {
							v, ok := values[tg.ID]
							if ok && strings.Contains(row.Done, tg.Name) && !strings.Contains(row.Done, strconv.FormatFloat(v, 'f', -1, 64)) {
								t.Errorf("%s: %q names %s without its figure %v", w, row.Done, tg.Name, v)
							}
						}
					}
					for _, row := range rep.Problems {
						pb := problems[row.ProblemID]
						w := where("problem " + row.ProblemID)
						key := row.ProblemID
						wholeNames(t, w, row.Measures, pb.Title, pb.Description)
						noRepeat(key+"/measures", row.Measures)
						switch closed, ok := closedIn[key]; {
						case ok && closed.Before(rep.Month) && row.Measures != "":
							t.Errorf("%s: %q after it was closed in %s", w, row.Measures, closed)
						case row.State == domain.RectClosed && !ok:
							closedIn[key] = rep.Month
						}
						switch row.State {
						case domain.RectInProgress:
							if word := containsAny(row.Measures, "销号", "完成整改", "整改到位"); word != "" {
								t.Errorf("%s: in progress, yet %q says %q", w, row.Measures, word)
							}
							if firstSeen[key] && strings.Contains(row.Measures, "方案") {
								t.Errorf("%s: a plan again after the first month: %q", w, row.Measures)
							}
							for _, m := range reProgressWords.FindAllStringSubmatch(row.Measures, -1) {
								if row.Progress == nil || m[1] != strconv.FormatFloat(*row.Progress, 'f', -1, 64) {
									t.Errorf("%s: the text says %s%%, the row another figure", w, m[1])
								}
							}
						case domain.RectDone:
							if day := monthDay(row.DoneOn); day == "" || !strings.Contains(row.Measures, day) {
								t.Errorf("%s: rectified on %s, yet %q", w, row.DoneOn, row.Measures)
							}
						}
						firstSeen[key] = true
					}
					for _, row := range rep.Indicators {
						in := indicators[row.IndicatorID]
						w := where("indicator " + row.IndicatorID)
						wholeNames(t, w, row.Note, in.Title)
						noRepeat(row.IndicatorID+"/note", row.Note)
						if row.Readiness == nil {
							continue
						}
						if word := containsAny(row.Note, "开始收集", "正在分类整理", "梳理评价要点"); *row.Readiness >= 100 && word != "" {
							t.Errorf("%s: ready (100%%), yet %q", w, row.Note)
						}
						if word := containsAny(row.Note, "备齐", "自评", "基本齐全"); *row.Readiness < 60 && word != "" {
							t.Errorf("%s: %v%% ready, yet %q says %q", w, *row.Readiness, row.Note, word)
						}
					}
					last = this
				}
			}
			if checked < 30 {
				t.Errorf("only %d task rows checked", checked)
			}
		})
	}
}
