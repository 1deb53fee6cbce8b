package demo

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/plansite/plansite/internal/content"
	"github.com/plansite/plansite/internal/domain"
)

// Size is the shape of a synthetic plan: how many units report, for how
// many months, on how many tasks. The same Size and Seed always make the
// same files.
type Size struct {
	Units  int
	Months int
	Tasks  int
	Seed   uint64
}

// Limits of a synthetic plan, so that a typo in a flag does not fill a disk.
const (
	MaxUnits  = 5000
	MaxMonths = 120
	MaxTasks  = 1000
)

// Check says what is wrong with s, in words for the command line.
func (s Size) Check() error {
	switch {
	case s.Units < 2 || s.Units > MaxUnits:
		return fmt.Errorf("单位数应在 2 到 %d 之间（现为 %d）", MaxUnits, s.Units)
	case s.Months < 1 || s.Months > MaxMonths:
		return fmt.Errorf("月数应在 1 到 %d 之间（现为 %d）", MaxMonths, s.Months)
	case s.Tasks < 1 || s.Tasks > MaxTasks:
		return fmt.Errorf("任务数应在 1 到 %d 之间（现为 %d）", MaxTasks, s.Tasks)
	}
	return nil
}

// The synthetic plan's calendar. Its settings differ from the example's
// (due day 20, cycle from July), so that nothing depends on the example's.
var (
	synthPlanDate   = domain.MustDate(2023, time.March, 15)
	synthFirstMonth = domain.MustMonth(2023, time.April)
)

const (
	synthDueDay     = 20
	synthCycleStart = 7
)

// Content makes the content folder of a synthetic plan of size s, the way
// a province department would write it: a few offices lead the tasks,
// county bureaus carry them out. Every unit has about the same number of
// rows to report whatever the size, so that the inbox grows with
// units × months. Names are file paths within the content folder.
func Content(s Size) ([]File, error) {
	if err := s.Check(); err != nil {
		return nil, err
	}
	g := &synth{s: s, seed: s.Seed}
	g.units()
	files := []File{
		g.file("site.yaml", g.siteYAML()),
		g.file("units.yaml", g.unitsYAML()),
		g.file("problems.yaml", g.problemsYAML()),
		g.file("indicators.yaml", g.indicatorsYAML()),
		g.file("pages/plan.md", g.planPage()),
	}
	files = append(files, g.tasks()...)
	return files, nil
}

type synth struct {
	s        Size
	seed     uint64
	offices  []unitDef // lead most tasks
	counties []unitDef // carry them out
	tasksMD  []string  // titles, for the plan page
}

type unitDef struct{ id, name string }

const countyGroup = "各县（市、区）人社局"

func (g *synth) rnd(key string) *rand.Rand {
	return (&gen{seed: g.seed}).rnd("synth/" + key)
}

func (g *synth) file(name, text string) File {
	return File{Name: name, Data: []byte(text), ModTime: synthPlanDate.Time()}
}

var (
	officeNames = []string{"政策法规处", "就业促进处", "职业能力建设处", "劳动关系处", "社会保险处", "人才开发处",
		"事业单位人事管理处", "工资福利处", "仲裁院", "劳动保障监察局", "信息中心", "社保经办中心",
		"公共就业服务中心", "人事考试中心", "技工教育中心", "人才交流中心"}
	placeFirst  = []string{"青", "白", "安", "东", "西", "南", "北", "江", "河", "长", "永", "平", "新", "云", "宁", "石", "桃", "清", "丰", "福"}
	placeSecond = []string{"山", "川", "阳", "城", "水", "林", "田", "溪", "原", "丘", "陵", "湖", "泉", "宁", "安", "兴", "华", "岭", "口", "州"}
	placeKinds  = []string{"县", "市", "区"}
)

// units names the offices (about one in twelve units, 2 to 16) and the
// county bureaus (the rest), all distinct.
func (g *synth) units() {
	n := g.s.Units
	offices := min(len(officeNames), max(1, n/12))
	if n-offices < 1 {
		offices = n - 1
	}
	for i := 0; i < offices; i++ {
		g.offices = append(g.offices, unitDef{id: fmt.Sprintf("o%02d", i+1), name: officeNames[i]})
	}
	r := g.rnd("places")
	seen := map[string]bool{}
	for i := 0; len(g.counties) < n-offices; i++ {
		var name string
		if i < len(placeFirst)*len(placeSecond)*len(placeKinds) {
			name = pick(r, placeFirst) + pick(r, placeSecond) + pick(r, placeKinds)
		} else {
			name = fmt.Sprintf("第%d县", i) // past every place name: numbered
		}
		if seen[name] {
			continue
		}
		seen[name] = true
		g.counties = append(g.counties, unitDef{id: fmt.Sprintf("c%04d", len(g.counties)+1), name: name + "人社局"})
	}
}

func (g *synth) lastMonth() domain.Month { return synthFirstMonth.Add(g.s.Months - 1) }

func (g *synth) siteYAML() string {
	var b strings.Builder
	fmt.Fprintf(&b, "# 合成数据（plansite demo --units %d --months %d --tasks %d --seed %d）：用于测试和性能测量，不是真实方案。\n", g.s.Units, g.s.Months, g.s.Tasks, g.s.Seed)
	b.WriteString("title: 示例省人社厅优化营商环境重点工作（合成数据）\n")
	b.WriteString("organisation: 示例省人力资源和社会保障厅\n")
	fmt.Fprintf(&b, "coordinator: %s\n", g.offices[0].name)
	fmt.Fprintf(&b, "plan_date: %s\n", synthPlanDate)
	fmt.Fprintf(&b, "due_day: %d\n", synthDueDay)
	fmt.Fprintf(&b, "cycle_start_month: %d\n", synthCycleStart)
	fmt.Fprintf(&b, "first_report_month: %s\n", synthFirstMonth)
	fmt.Fprintf(&b, "last_report_month: %s\n", g.lastMonth())
	b.WriteString("inbox: inbox\n")
	b.WriteString("tolerances:\n  lagging_points: 15\n  due_soon_days: 45\n")
	b.WriteString("areas: [" + strings.Join(areas, ", ") + "]\n")
	b.WriteString("categories:\n")
	for _, c := range categories {
		fmt.Fprintf(&b, "  - name: %s\n    heading: %s\n    intro: %s\n", c[0], c[1], c[2])
	}
	return b.String()
}

func (g *synth) unitsYAML() string {
	var b strings.Builder
	b.WriteString("# 合成数据的责任单位。\nunits:\n")
	for _, u := range g.offices {
		fmt.Fprintf(&b, "  - {id: %s, name: %s, kind: 厅机关处室}\n", u.id, u.name)
	}
	for _, u := range g.counties {
		fmt.Fprintf(&b, "  - {id: %s, name: %s, kind: 县级人社局}\n", u.id, u.name)
	}
	fmt.Fprintf(&b, "groups:\n  - name: %s\n    aliases: [各县级人社局]\n    members:\n", countyGroup)
	for _, u := range g.counties {
		fmt.Fprintf(&b, "      - %s\n", u.name)
	}
	return b.String()
}

// sample picks k distinct units of list with r.
func sample(r *rand.Rand, list []unitDef, k int) []string {
	k = min(k, len(list))
	idx := r.Perm(len(list))[:k]
	out := make([]string, k)
	for i, j := range idx {
		out[i] = list[j].name
	}
	return out
}

// share is how many county bureaus cooperate on one item: a few per cent
// of them, so that a bureau's rows stay about the same as the plan grows.
func (g *synth) share(r *rand.Rand, lo, hi float64) int {
	f := lo + (hi-lo)*r.Float64()
	return max(1, int(f*float64(len(g.counties))+0.5))
}

// deadline is a date between three months after the plan and the last
// reporting month, written the ways plans write them.
func (g *synth) deadline(r *rand.Rand, key int) string {
	months := max(1, g.s.Months)
	m := synthFirstMonth.Add(2 + r.IntN(max(1, months-1)))
	switch key % 3 {
	case 0:
		return fmt.Sprintf("%d年%d月%d日前", m.Year(), int(m.Num()), m.Last().Day())
	case 1:
		return fmt.Sprintf("%d年%d月底", m.Year(), int(m.Num()))
	}
	return m.Last().String()
}

func (g *synth) tasks() []File {
	var files []File
	perCat := (g.s.Tasks + len(categories) - 1) / len(categories)
	used := map[string]bool{}
	for i := 0; i < g.s.Tasks; i++ {
		r := g.rnd("task/" + strconv.Itoa(i))
		cat := i / perCat
		id := fmt.Sprintf("%d.%d", cat+1, i%perCat+1)
		title := taskTitle(r, used)
		g.tasksMD = append(g.tasksMD, id+" "+title)
		leads := sample(r, g.offices, 1+r.IntN(2))
		var coop []string
		switch {
		case i%10 == 3:
			coop = []string{countyGroup} // every county bureau
		case i%7 == 5:
			coop = append(sample(r, g.offices, 1), sample(r, g.counties, g.share(r, 0.03, 0.12))...)
		default:
			coop = sample(r, g.counties, g.share(r, 0.03, 0.12))
		}
		if i%9 == 2 && len(g.counties) > 0 {
			leads = append(leads, sample(r, g.counties, 1)...) // a bureau that pilots the task leads it too
			coop = remove(coop, leads)
		}
		var b strings.Builder
		b.WriteString("---\n")
		fmt.Fprintf(&b, "id: %q\ncategory: %s\ntitle: %s\n", id, categories[cat][0], title)
		fmt.Fprintf(&b, "leads: [%s]\n", strings.Join(leads, ", "))
		if len(coop) > 0 {
			fmt.Fprintf(&b, "cooperators: [%s]\n", strings.Join(coop, ", "))
		}
		fmt.Fprintf(&b, "deadline: %s\n", g.deadline(r, i))
		if i%4 == 1 {
			b.WriteString("targets:\n")
			tg := targetKinds[r.IntN(len(targetKinds))]
			fmt.Fprintf(&b, "  - id: %q\n    name: %s（%s）\n    unit: %q\n    value: %d\n    direction: %q\n", id+"-1", tg.name, id, tg.unit, tg.value, tg.direction)
		}
		b.WriteString("---\n")
		b.WriteString(taskBody(r, title))
		files = append(files, g.file(fmt.Sprintf("tasks/%s.md", strings.ReplaceAll(id, ".", "-")), b.String()))
	}
	return files
}

func remove(list, drop []string) []string {
	var out []string
	for _, s := range list {
		keep := true
		for _, d := range drop {
			keep = keep && s != d
		}
		if keep {
			out = append(out, s)
		}
	}
	return out
}

func (g *synth) problemsYAML() string {
	var b strings.Builder
	b.WriteString("# 上年度评价反馈问题（合成数据）。\nproblems:\n")
	n := max(3, g.s.Tasks/10)
	used := map[string]bool{}
	for i := 0; i < n; i++ {
		r := g.rnd("problem/" + strconv.Itoa(i))
		area := areas[i%len(areas)]
		title := pick(r, problemSubjects) + pick(r, problemFaults)
		for k := 2; used[title]; k++ {
			title = fmt.Sprintf("%s%s（%d）", pick(r, problemSubjects), pick(r, problemFaults), k)
		}
		used[title] = true
		units := append(sample(r, g.offices, 1), sample(r, g.counties, g.share(r, 0.02, 0.08))...)
		due := synthFirstMonth.Add(min(g.s.Months-1, 1+r.IntN(6))).Last()
		fmt.Fprintf(&b, "  - id: ZG-%02d\n    area: %s\n    title: %s\n    description: 评价发现，%s%s，%s。\n    units: [%s]\n    deadline: %s\n    example: true\n",
			i+1, area, title, pick(r, problemSubjects), pick(r, problemFaults), pick(r, problemEffects), strings.Join(units, ", "), due)
	}
	return b.String()
}

func (g *synth) indicatorsYAML() string {
	var b strings.Builder
	b.WriteString("# 营商环境评价指标（合成数据）。\nindicators:\n")
	n := max(6, g.s.Tasks/5)
	for i := 0; i < n; i++ {
		r := g.rnd("indicator/" + strconv.Itoa(i))
		units := append(sample(r, g.offices, 1), sample(r, g.counties, g.share(r, 0.03, 0.1))...)
		title := indicatorTitles[i%len(indicatorTitles)]
		if i >= len(indicatorTitles) {
			title += fmt.Sprintf("（%d）", i/len(indicatorTitles)+1)
		}
		fmt.Fprintf(&b, "  - id: E%02d\n    area: %s\n    title: %s\n    units: [%s]\n    example: true\n", i+1, areas[i%len(areas)], title, strings.Join(units, ", "))
	}
	return b.String()
}

func (g *synth) planPage() string {
	var b strings.Builder
	b.WriteString("---\ntitle: 示例省人社厅优化营商环境重点工作实施方案（合成数据）\nslug: plan\norder: 1\n---\n\n")
	fmt.Fprintf(&b, "本方案由 plansite demo 生成，用于测试和性能测量：%d 个责任单位，%d 个报送月份，%d 项重点任务。\n\n", g.s.Units, g.s.Months, g.s.Tasks)
	b.WriteString("## 重点工作任务\n\n")
	for _, t := range g.tasksMD {
		fmt.Fprintf(&b, "- %s\n", t)
	}
	return b.String()
}

// WriteSynthetic writes the content folder of a synthetic plan of size s
// into dir/content and its inbox into dir/content/inbox, with workers
// goroutines. dir must be empty or missing. It returns the number of
// inbox files.
func WriteSynthetic(dir string, s Size, workers int) (int, error) {
	if err := checkEmpty(dir); err != nil {
		return 0, err
	}
	files, err := Content(s)
	if err != nil {
		return 0, err
	}
	contentDir := filepath.Join(dir, "content")
	for _, f := range files {
		if err := writeFile(contentDir, f); err != nil {
			return 0, err
		}
	}
	p, err := content.Load(contentDir)
	if err != nil {
		return 0, fmt.Errorf("synthetic content does not load: %w", err)
	}
	return WriteInbox(filepath.Join(contentDir, "inbox"), p, s.Seed, workers)
}
