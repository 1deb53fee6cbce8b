package content

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/value"
)

// The files of a content folder.
const (
	SiteFile       = "site.yaml"
	UnitsFile      = "units.yaml"
	ProblemsFile   = "problems.yaml"
	IndicatorsFile = "indicators.yaml"
	TasksDir       = "tasks"
	PagesDir       = "pages"
)

// Defaults of the settings a content folder may leave out (the README, "site.yaml").
const (
	DefaultDueDay        = 24
	DefaultCycleStart    = time.September
	DefaultLaggingPoints = 20
	DefaultDueSoonDays   = 30
	DefaultInbox         = "inbox"
)

// maxFileSize bounds every content file read; a plan's text is far smaller.
const maxFileSize = 4 << 20

// How many folders below the site's root the text of a task
// (tasks/<slug>/index.html) and of a page (<slug>/index.html) is shown: a
// relative link in it may go up that many folders and no more.
const (
	taskDepth = 2
	pageDepth = 1
)

var (
	reUnitID = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,39}$`)
	reSlug   = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,59}$`)
)

// Load reads the content folder dir into a Plan. reserved are the site's
// own top-level folders (pages.Reserved), which no page may take as its
// slug; a caller that makes no site may leave them out. On any mistake it
// returns a nil Plan and an Errors value listing every mistake found, each
// naming its file and, where known, its line.
func Load(dir string, reserved ...string) (*domain.Plan, error) {
	l := &loader{dir: dir, reserved: reserved, plan: &domain.Plan{}, broken: map[string]bool{}}
	l.site()
	l.units()
	l.tasks()
	l.problems()
	l.indicators()
	l.pages()
	l.expected()
	l.sumKnockOns()
	if len(l.errs) > 0 {
		return nil, l.errs
	}
	return l.plan, nil
}

type loader struct {
	dir      string
	reserved []string // slugs no page may take
	plan     *domain.Plan
	errs     Errors

	expectedNames texts // site.yaml expected_units, resolved once units are known

	// broken marks the files that define names other files use (units in
	// units.yaml, categories in site.yaml) when a mistake left some out: a
	// file that could not be read, an entry with a bad id or value. A name
	// those files do not define is then likely a knock-on of that mistake:
	// it is kept in knockOns and summed up in one line, so that the real
	// cause is not buried under a line per task.
	broken   map[string]bool
	knockOns map[string][]Error // by the file that should define the name
}

// unknownName reports a name that file source does not define, seen in
// the file of e at line; msg says so. While source has mistakes, it is
// only counted as a likely knock-on of them.
func (l *loader) unknownName(e errs, line int, source, name, msg string) {
	if l.broken[source] {
		if l.knockOns == nil {
			l.knockOns = map[string][]Error{}
		}
		l.knockOns[source] = append(l.knockOns[source], Error{File: e.file, Line: line, Msg: name})
		return
	}
	e.at(line, "%s", msg)
}

// sumKnockOns adds one line per file with mistakes whose names other files
// could not find: how many, and the first.
func (l *loader) sumKnockOns() {
	for _, source := range []string{SiteFile, UnitsFile} {
		ks := l.knockOns[source]
		if len(ks) == 0 {
			continue
		}
		first := ks[0]
		where := first.File
		if first.Line > 0 {
			where = fmt.Sprintf("%s 第 %d 行", first.File, first.Line)
		}
		l.file(source).at(0, "另有 %d 处名称在本文件中找不到（如 %s：“%s”），多半是本文件上面的错误使它没有读入；改正后再生成，会重新检查这些名称", len(ks), where, first.Msg)
	}
}

func (l *loader) file(name string) errs {
	return errs{list: &l.errs, file: filepath.Join(l.dir, name)}
}

// read returns the bytes of a content file; a missing optional file gives
// nil, false without an error.
func (l *loader) read(name string, required bool) ([]byte, bool) {
	data, found, problem := readFile(l.dir, name, required)
	if problem != "" {
		l.file(name).at(0, "%s", problem)
	}
	return data, found
}

// readFile returns the bytes of a content file; found is false for a
// missing optional one and, with problem, for a file that cannot be read.
// A symbolic link is followed only within dir: one that leads out of the
// content folder is refused, never read.
func readFile(dir, name string, required bool) (data []byte, found bool, problem string) {
	root, err := os.OpenRoot(dir)
	var info fs.FileInfo
	if err == nil {
		defer root.Close()
		info, err = root.Stat(name)
	}
	switch {
	case errors.Is(err, fs.ErrNotExist) && !required:
		return nil, false, ""
	case errors.Is(err, fs.ErrNotExist):
		return nil, false, fmt.Sprintf("缺少此文件（内容目录 %s 中必须有 %s）", dir, filepath.Base(name))
	case err != nil:
		return nil, false, unreadable(dir, name, err)
	case info.IsDir():
		return nil, false, "应为文件，却是文件夹"
	case info.Size() > maxFileSize:
		return nil, false, fmt.Sprintf("文件过大（%d 字节，上限 %d）", info.Size(), maxFileSize)
	}
	data, err = root.ReadFile(name)
	if err != nil {
		return nil, false, unreadable(dir, name, err)
	}
	return bytes.TrimPrefix(data, []byte("\ufeff")), true, ""
}

// unreadable says why name in the content folder dir could not be opened
// within it: a path that exists but that os.Root refused leads out of the
// folder through a symbolic link.
func unreadable(dir, name string, err error) string {
	if _, serr := os.Stat(filepath.Join(dir, name)); serr == nil && !errors.Is(err, fs.ErrPermission) {
		return "是指向内容目录以外的链接（快捷方式），不予读取；请把文件本身放进内容目录"
	}
	return fmt.Sprintf("无法读取：%v", err)
}

func (l *loader) site() {
	l.broken[SiteFile] = true // until its categories are read
	data, ok := l.read(SiteFile, true)
	if !ok {
		return
	}
	e := l.file(SiteFile)
	var f siteFile
	ok, misspelt := decodeFile(data, 1, &f, e)
	if !ok {
		return
	}
	miss := e.unless(misspelt)
	l.broken[SiteFile] = false
	s := &l.plan.Settings
	s.Title = f.Title.S
	if s.Title == "" {
		miss(f.Title.Line, "缺少 title（网站标题，如“某某局2023年度营商环境重点工作”）")
	}
	s.Organisation = f.Organisation.S
	s.Coordinator = f.Coordinator.S
	s.SubmitTo = f.SubmitTo.S
	if f.PlanDate.S == "" {
		miss(0, "缺少 plan_date（方案印发日期，如 2023-04-20）")
	} else if d, err := value.ParseDate(f.PlanDate.S); err != nil {
		e.at(f.PlanDate.Line, "plan_date：%v；%s", err, value.DateHint)
	} else {
		s.PlanDate = d
	}
	s.DueDay = DefaultDueDay
	if f.DueDay != nil {
		s.DueDay = *f.DueDay
		if s.DueDay < 1 || s.DueDay > 31 {
			e.at(0, "due_day 应为 1 到 31 之间的整数（每月报送截止日，如 24）")
		}
	}
	s.CycleStart = DefaultCycleStart
	if f.CycleStartMonth != nil {
		s.CycleStart = time.Month(*f.CycleStartMonth)
		if s.CycleStart < time.January || s.CycleStart > time.December {
			e.at(0, "cycle_start_month 应为 1 到 12 之间的整数（评价周期起始月份，如 9）")
		}
	}
	s.FirstReportMonth = l.month(e, f.FirstReportMonth, "first_report_month")
	s.LastReportMonth = l.month(e, f.LastReportMonth, "last_report_month")
	if !s.FirstReportMonth.IsZero() && !s.LastReportMonth.IsZero() && s.LastReportMonth.Before(s.FirstReportMonth) {
		e.at(f.LastReportMonth.Line, "last_report_month 早于 first_report_month")
	}
	s.Inbox = f.Inbox.S
	if s.Inbox == "" {
		s.Inbox = DefaultInbox
	}
	if !filepath.IsAbs(s.Inbox) {
		s.Inbox = filepath.Join(l.dir, s.Inbox)
	}
	s.LaggingPoints = DefaultLaggingPoints
	if p := f.Tolerances.LaggingPoints; p.S != "" {
		v, err := value.ParseNumber(p.S)
		if err != nil || v < 0 || v > 100 {
			e.at(p.Line, "tolerances.lagging_points“%s”应为 0 到 100 之间的数（落后预期进度多少个百分点算滞后，默认 20）", p.S)
		}
		s.LaggingPoints = v
	}
	s.DueSoonDays = DefaultDueSoonDays
	if d := f.Tolerances.DueSoonDays; d != nil {
		s.DueSoonDays = *d
		if *d < 0 || *d > 366 {
			e.at(0, "tolerances.due_soon_days 应在 0 到 366 之间（距完成时限多少天内算临近到期，默认 30）")
		}
	}
	seen := map[string]bool{}
	for _, a := range f.Areas {
		if seen[domain.NameKey(a.S)] {
			e.at(a.Line, "领域“%s”重复", a.S)
			continue
		}
		seen[domain.NameKey(a.S)] = true
		s.Areas = append(s.Areas, a.S)
	}
	seen = map[string]bool{}
	for _, c := range f.Categories {
		if !usable(e, c) {
			l.broken[SiteFile] = true
			continue
		}
		if c.V.Name.S == "" {
			e.unless(c.Errs != nil)(c.Line, "类别缺少 name（如“降低成本行动”）")
			l.broken[SiteFile] = true
			continue
		}
		if seen[domain.NameKey(c.V.Name.S)] {
			e.at(c.V.Name.Line, "类别“%s”重复", c.V.Name.S)
			continue
		}
		seen[domain.NameKey(c.V.Name.S)] = true
		l.plan.Categories = append(l.plan.Categories, domain.Category{
			Name: c.V.Name.S, Heading: c.V.Heading.S, Intro: c.V.Intro.S,
		})
	}
	if len(f.Categories) == 0 {
		miss(0, "缺少 categories（任务类别列表，每项写 name，如“- name: 降低成本行动”）")
	}
	l.expectedNames = f.ExpectedUnits
	switch strings.ToLower(f.Ranking.S) {
	case "", "true", "yes", "on", "是":
	case "false", "no", "off", "否":
		s.NoRanking = true
	default:
		e.at(f.Ranking.Line, "ranking 应为 true 或 false（写 false 则不生成单位红黑榜），而不是“%s”", f.Ranking.S)
	}
}

func (l *loader) month(e errs, t text, key string) domain.Month {
	if t.S == "" {
		return domain.Month{}
	}
	m, err := value.ParseMonth(t.S)
	if err != nil {
		e.at(t.Line, "%s：%v；%s", key, err, value.MonthHint)
	}
	return m
}

func (l *loader) units() {
	l.broken[UnitsFile] = true // until its units are read
	data, ok := l.read(UnitsFile, true)
	if !ok {
		return
	}
	e := l.file(UnitsFile)
	var f unitsFile
	ok, misspelt := decodeFile(data, 1, &f, e)
	if !ok {
		return
	}
	l.broken[UnitsFile] = false
	p := l.plan
	ids := map[domain.UnitID]bool{}
	for _, it := range f.Units {
		unit, ok := unitOf(e, it, ids)
		if !ok {
			// An entry left out makes its names unknown elsewhere.
			l.broken[UnitsFile] = true
			continue
		}
		ids[unit.ID] = true
		p.Units = append(p.Units, unit)
	}
	if len(f.Units) == 0 {
		e.unless(misspelt)(0, "缺少 units（责任单位列表）")
	}
	// Members are written by name; resolve them against the units alone.
	p.Index()
	for _, it := range f.Groups {
		g := it.V
		if !usable(e, it) || g.Name.S == "" {
			if !it.Bad {
				e.unless(it.Errs != nil)(it.Line, "单位组缺少 name（如“各人社中心”）")
			}
			l.broken[UnitsFile] = true
			continue
		}
		group := domain.Group{Name: g.Name.S}
		for _, a := range g.Aliases {
			group.Aliases = append(group.Aliases, a.S)
		}
		for _, m := range g.Members {
			id, ok := p.ResolveUnit(m.S)
			if !ok {
				l.unknownName(e, m.Line, UnitsFile, m.S, fmt.Sprintf("单位组“%s”的成员“%s”未在 units 中定义", g.Name.S, m.S))
				continue
			}
			group.Members = appendID(group.Members, id)
		}
		if len(g.Members) == 0 {
			e.unless(it.Errs != nil)(it.Line, "单位组“%s”缺少 members（成员单位名称列表）", g.Name.S)
		}
		p.Groups = append(p.Groups, group)
	}
	for _, name := range p.Index() {
		e.at(0, "名称“%s”同时指代不同的单位或单位组；每个名称（含别名）只能用一次", name)
	}
}

// unitOf is the unit an entry of units.yaml defines; false (and the
// mistake reported, unless the decoder did) when it cannot be used.
func unitOf(e errs, it item[unitDef], ids map[domain.UnitID]bool) (domain.Unit, bool) {
	u := it.V
	id := domain.UnitID(u.ID.S)
	switch {
	case !usable(e, it):
		return domain.Unit{}, false
	case u.Name.S == "":
		e.unless(it.Errs != nil)(it.Line, "单位缺少 name（单位全称，如“政策法规股”）")
		return domain.Unit{}, false
	case u.ID.S == "":
		e.unless(it.Errs != nil)(it.Line, "单位“%s”缺少 id（必填：用于网址的英文名，只用小写英文字母、数字、- 和 _，如 zcfgg）", u.Name.S)
		return domain.Unit{}, false
	case !reUnitID.MatchString(u.ID.S):
		e.at(u.ID.Line, "单位 id“%s”只能由小写英文字母、数字、- 和 _ 组成（如 zcfgg）", u.ID.S)
		return domain.Unit{}, false
	case ids[id]:
		e.at(u.ID.Line, "单位 id“%s”重复", u.ID.S)
		return domain.Unit{}, false
	}
	unit := domain.Unit{ID: id, Name: u.Name.S, Kind: u.Kind.S}
	for _, a := range u.Aliases {
		unit.Aliases = append(unit.Aliases, a.S)
	}
	return unit, true
}

func appendID(ids []domain.UnitID, id domain.UnitID) []domain.UnitID {
	for _, x := range ids {
		if x == id {
			return ids
		}
	}
	return append(ids, id)
}

// resolve turns unit names into unit ids, reporting each unknown name.
func (l *loader) resolve(e errs, names texts, role string) []domain.UnitID {
	var out []domain.UnitID
	for _, n := range names {
		ids := l.plan.Resolve(n.S)
		if ids == nil {
			l.unknownName(e, n.Line, UnitsFile, n.S, fmt.Sprintf("%s“%s”未在 %s 中定义（请在 units 中添加此单位，或把它写入已有单位的 aliases）", role, n.S, UnitsFile))
			continue
		}
		for _, id := range ids {
			out = appendID(out, id)
		}
	}
	return out
}

func (l *loader) tasks() {
	names := l.list(TasksDir)
	ids := map[string]string{}
	slugs := map[string]bool{}
	targetIDs := map[string]bool{}
	cats := map[string]string{}
	for _, c := range l.plan.Categories {
		cats[domain.NameKey(c.Name)] = c.Name
	}
	for _, name := range names {
		rel := filepath.Join(TasksDir, name)
		data, ok := l.read(rel, true)
		if !ok {
			continue
		}
		e := l.file(rel)
		front, body, line, ok := splitFront(data)
		if !ok {
			e.at(1, "缺少以 --- 开头和结尾的 YAML 头部（写 id、title、leads、deadline 等）")
			continue
		}
		var f taskFront
		ok, misspelt := decodeFile(front, line, &f, e)
		if !ok {
			continue
		}
		miss := e.unless(misspelt)
		t := domain.Task{ID: f.ID.S, Title: f.Title.S, Source: e.file, DeadlineText: f.Deadline.S}
		switch {
		case t.ID == "":
			miss(0, "缺少 id（任务编号，如 \"1.1\"）")
		case ids[t.ID] != "":
			e.at(f.ID.Line, "任务编号“%s”与 %s 重复", t.ID, ids[t.ID])
		default:
			ids[t.ID] = e.file
		}
		if t.Title == "" {
			miss(0, "缺少 title（任务名称）")
		}
		if c, ok := cats[domain.NameKey(f.Category.S)]; ok {
			t.Category = c
		} else if f.Category.S == "" {
			miss(0, "缺少 category（所属类别，须为 %s 的 categories 之一）", SiteFile)
		} else {
			l.unknownName(e, f.Category.Line, SiteFile, f.Category.S, fmt.Sprintf("类别“%s”未在 %s 的 categories 中定义", f.Category.S, SiteFile))
		}
		t.Slug = f.Slug.S
		if t.Slug == "" {
			t.Slug = slugify(t.ID)
		}
		switch {
		case !reSlug.MatchString(t.Slug):
			e.at(f.Slug.Line, "slug“%s”只能由小写英文字母、数字、- 和 _ 组成", t.Slug)
		case slugs[t.Slug]:
			e.at(f.Slug.Line, "任务网址名“%s”与其他任务重复（请在头部写一个不同的 slug）", t.Slug)
		default:
			slugs[t.Slug] = true
		}
		t.Leads = l.resolve(e, f.Leads, "牵头单位")
		if len(f.Leads) == 0 {
			miss(0, "缺少 leads（牵头单位，至少一个）")
		}
		for _, id := range l.resolve(e, f.Cooperators, "配合单位") {
			if !domain.HasUnit(t.Leads, id) {
				t.Cooperators = append(t.Cooperators, id)
			}
		}
		if f.Deadline.S == "" {
			miss(0, "缺少 deadline（完成时限，如 2023年12月31日前 或 2024年底）")
		} else if d, err := value.ParseDeadline(f.Deadline.S); err != nil {
			e.at(f.Deadline.Line, "deadline：%v；请写如 2023-12-31、2023年12月31日前 或 2024年底", err)
		} else {
			t.Deadline = d
		}
		for _, it := range f.Targets {
			if !usable(e, it) {
				continue
			}
			if tg, ok := target(e, it); ok {
				if targetIDs[tg.ID] {
					e.at(tg.line, "指标编号“%s”重复（全部任务的指标编号须各不相同）", tg.ID)
					continue
				}
				targetIDs[tg.ID] = true
				t.Targets = append(t.Targets, tg.Target)
			}
		}
		html, err := renderMarkdown(body, taskDepth)
		if err != nil {
			e.at(line, "%v", err)
		}
		t.Body = html
		l.plan.Tasks = append(l.plan.Tasks, t)
	}
	if len(names) == 0 {
		l.file(TasksDir).at(0, "没有任务文件（每项任务一个 .md 文件）")
	}
	catIndex := map[string]int{}
	for i, c := range l.plan.Categories {
		catIndex[c.Name] = i
	}
	sort.SliceStable(l.plan.Tasks, func(i, j int) bool {
		a, b := l.plan.Tasks[i], l.plan.Tasks[j]
		if ca, cb := catIndex[a.Category], catIndex[b.Category]; ca != cb {
			return ca < cb
		}
		return naturalLess(a.ID, b.ID)
	})
}

type lineTarget struct {
	domain.Target
	line int
}

func target(e errs, it item[targetDef]) (lineTarget, bool) {
	d := it.V
	t := lineTarget{Target: domain.Target{ID: d.ID.S, Name: d.Name.S, Unit: d.Unit.S}, line: it.Line}
	ok := true
	if t.ID == "" || t.Name == "" {
		e.unless(it.Errs != nil)(it.Line, "量化指标缺少 id 或 name（如 id: \"1.5-1\"，name: 线上线下招聘活动）")
		ok = false
	}
	// ParseNumber gives finite numbers only: a NaN or an infinity would
	// pass every comparison and break summary.json far from this line.
	v, err := value.ParseNumber(d.Value.S)
	switch {
	case d.Value.S == "":
		e.unless(it.Errs != nil)(it.Line, "量化指标“%s”缺少 value（目标值，只写数字，如 30 或 95）", t.Name)
		ok = false
	case err != nil:
		e.at(d.Value.Line, "量化指标“%s”的 value“%s”不是数字（如 30 或 95）", t.Name, d.Value.S)
		ok = false
	}
	t.Value = v
	switch strings.TrimSpace(domain.FoldWidth(d.Direction.S)) {
	case "", ">=", "≥", "不少于", "不低于", "以上":
		t.Direction = domain.AtLeast
	case "<=", "≤", "不多于", "不高于", "以下":
		t.Direction = domain.AtMost
	default:
		e.at(d.Direction.Line, "量化指标“%s”的 direction“%s”无法识别（写 \">=\" 表示不少于，\"<=\" 表示不超过）", t.Name, d.Direction.S)
		ok = false
	}
	return t, ok
}

// list returns the names of the .md files in a content subfolder, sorted.
func (l *loader) list(sub string) []string {
	names, problem := listDir(l.dir, sub)
	if problem != "" {
		l.file(sub).at(0, "%s", problem)
	}
	return names
}

// listDir returns the names of the .md files in a content subfolder,
// sorted, or what is wrong with it; none for a missing folder.
func listDir(dir, sub string) (names []string, problem string) {
	root, err := os.OpenRoot(dir)
	var entries []fs.DirEntry
	if err == nil {
		defer root.Close()
		entries, err = fs.ReadDir(root.FS(), filepath.ToSlash(sub))
	}
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, unreadable(dir, sub, err)
		}
		return nil, ""
	}
	for _, en := range entries {
		n := en.Name()
		if en.IsDir() || strings.HasPrefix(n, ".") || strings.HasPrefix(n, "_") || !strings.EqualFold(filepath.Ext(n), ".md") {
			continue
		}
		names = append(names, n)
	}
	sort.Strings(names)
	return names, ""
}

// splitFront separates YAML front matter, between a first line "---" and
// the next line "---", from the body. line is the file line on which the
// front matter starts; ok is false when the file has no front matter.
func splitFront(data []byte) (front, body []byte, line int, ok bool) {
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	lines := bytes.SplitAfter(data, []byte("\n"))
	if len(lines) == 0 || string(bytes.TrimRight(lines[0], " \n")) != "---" {
		return nil, data, 0, false
	}
	for i := 1; i < len(lines); i++ {
		if string(bytes.TrimRight(lines[i], " \n")) == "---" {
			return bytes.Join(lines[1:i], nil), bytes.Join(lines[i+1:], nil), 2, true
		}
	}
	return nil, data, 0, false
}

var reSlugJunk = regexp.MustCompile(`[^a-z0-9_]+`)

// slugify makes an ASCII path segment from an id: 1.5 → 1-5. Ids with no
// ASCII letter or digit give "", which the caller reports.
func slugify(id string) string {
	s := reSlugJunk.ReplaceAllString(strings.ToLower(domain.FoldWidth(id)), "-")
	return strings.Trim(s, "-")
}

// naturalLess orders ids so that 1.2 comes before 1.10.
func naturalLess(a, b string) bool {
	pa, pb := reDigits.FindAllString(a, -1), reDigits.FindAllString(b, -1)
	for i := 0; i < len(pa) && i < len(pb); i++ {
		x, _ := strconv.Atoi(pa[i])
		y, _ := strconv.Atoi(pb[i])
		if x != y {
			return x < y
		}
	}
	if len(pa) != len(pb) {
		return len(pa) < len(pb)
	}
	return a < b
}

var reDigits = regexp.MustCompile(`\d+`)

func (l *loader) problems() {
	data, ok := l.read(ProblemsFile, false)
	if !ok {
		return
	}
	e := l.file(ProblemsFile)
	var f problemsFile
	if ok, _ := decodeFile(data, 1, &f, e); !ok {
		return
	}
	seen := map[string]bool{}
	for _, it := range f.Problems {
		if !usable(e, it) {
			continue
		}
		d := it.V
		pr := domain.Problem{ID: d.ID.S, Area: l.area(e, d.Area), Title: d.Title.S, Description: d.Description.S, Example: d.Example}
		if pr.ID == "" || pr.Title == "" {
			e.unless(it.Errs != nil)(it.Line, "整改问题缺少 id 或 title")
			continue
		}
		if seen[pr.ID] {
			e.at(d.ID.Line, "问题编号“%s”重复", pr.ID)
			continue
		}
		seen[pr.ID] = true
		pr.Units = l.resolve(e, d.Units, "责任单位")
		if len(d.Units) == 0 {
			e.unless(it.Errs != nil)(it.Line, "问题“%s”缺少 units（责任单位）", pr.ID)
		}
		if dl, err := value.ParseDeadline(d.Deadline.S); d.Deadline.S == "" {
			e.unless(it.Errs != nil)(it.Line, "问题“%s”缺少 deadline（整改时限，如 2023-06-30）", pr.ID)
		} else if err != nil {
			e.at(d.Deadline.Line, "问题“%s”的 deadline：%v；请写如 2023-06-30", pr.ID, err)
		} else {
			pr.Deadline = dl
		}
		l.plan.Problems = append(l.plan.Problems, pr)
	}
}

// area checks an area name against the settings' list (when there is one).
func (l *loader) area(e errs, t text) string {
	if len(l.plan.Settings.Areas) == 0 {
		return t.S
	}
	for _, a := range l.plan.Settings.Areas {
		if domain.NameKey(a) == domain.NameKey(t.S) {
			return a
		}
	}
	l.unknownName(e, t.Line, SiteFile, t.S, fmt.Sprintf("领域“%s”不在 %s 的 areas 中（可用：%s）", t.S, SiteFile, strings.Join(l.plan.Settings.Areas, "、")))
	return t.S
}

func (l *loader) indicators() {
	data, ok := l.read(IndicatorsFile, false)
	if !ok {
		return
	}
	e := l.file(IndicatorsFile)
	var f indicatorsFile
	if ok, _ := decodeFile(data, 1, &f, e); !ok {
		return
	}
	seen := map[string]bool{}
	for _, it := range f.Indicators {
		if !usable(e, it) {
			continue
		}
		d := it.V
		in := domain.Indicator{ID: d.ID.S, Area: l.area(e, d.Area), Title: d.Title.S, Example: d.Example}
		if in.ID == "" || in.Title == "" {
			e.unless(it.Errs != nil)(it.Line, "评价指标缺少 id 或 title")
			continue
		}
		if seen[in.ID] {
			e.at(d.ID.Line, "评价指标编号“%s”重复", in.ID)
			continue
		}
		seen[in.ID] = true
		in.Units = l.resolve(e, d.Units, "责任单位")
		if len(d.Units) == 0 {
			e.unless(it.Errs != nil)(it.Line, "评价指标“%s”缺少 units（责任单位）", in.ID)
		}
		l.plan.Indicators = append(l.plan.Indicators, in)
	}
}

func (l *loader) pages() {
	slugs := map[string]bool{}
	for _, name := range l.list(PagesDir) {
		rel := filepath.Join(PagesDir, name)
		data, ok := l.read(rel, true)
		if !ok {
			continue
		}
		e := l.file(rel)
		front, body, line, ok := splitFront(data)
		var f pageFront
		misspelt := false
		if ok {
			var decoded bool
			if decoded, misspelt = decodeFile(front, line, &f, e); !decoded {
				continue
			}
		}
		if !ok {
			body = data
		}
		pg := domain.Page{Title: f.Title.S, Slug: f.Slug.S, Order: f.Order}
		if pg.Slug == "" {
			pg.Slug = slugify(strings.TrimSuffix(name, filepath.Ext(name)))
		}
		switch {
		case pg.Title == "":
			e.unless(misspelt)(line, "缺少 title（页面标题）")
		case !reSlug.MatchString(pg.Slug):
			e.at(f.Slug.Line, "页面网址名“%s”只能由小写英文字母、数字、- 和 _ 组成（请在头部写 slug）", pg.Slug)
		case slices.Contains(l.reserved, pg.Slug):
			e.at(f.Slug.Line, "页面网址名“%s”已被网站占用，请换一个 slug", pg.Slug)
		case slugs[pg.Slug]:
			e.at(f.Slug.Line, "页面网址名“%s”重复", pg.Slug)
		}
		slugs[pg.Slug] = true
		html, err := renderMarkdown(body, pageDepth)
		if err != nil {
			e.at(line, "%v", err)
		}
		pg.Body = html
		l.plan.Pages = append(l.plan.Pages, pg)
	}
	sort.SliceStable(l.plan.Pages, func(i, j int) bool { return l.plan.Pages[i].Order < l.plan.Pages[j].Order })
}

// expected resolves the settings' expected units and fills in the
// reporting months the settings left out.
func (l *loader) expected() {
	p := l.plan
	if len(l.expectedNames) > 0 {
		p.Settings.ExpectedUnits = l.resolve(l.file(SiteFile), l.expectedNames, "expected_units 中的单位")
	}
	s := &p.Settings
	if s.PlanDate.IsZero() {
		return
	}
	if s.FirstReportMonth.IsZero() {
		s.FirstReportMonth = s.PlanDate.Month().Next()
	}
	if s.LastReportMonth.IsZero() {
		last := s.FirstReportMonth
		for _, t := range p.Tasks {
			if m := t.Deadline.Month(); !t.Deadline.IsZero() && m.After(last) {
				last = m
			}
		}
		s.LastReportMonth = last
	}
}
