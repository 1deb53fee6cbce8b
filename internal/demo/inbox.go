package demo

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/parallel"
	"github.com/plansite/plansite/internal/workbook"
)

// File is a file of a made inbox.
type File struct {
	Name    string    // path within the inbox, forward slashes
	Data    []byte    //
	ModTime time.Time // set on the written file
}

// Inbox makes the inbox of plan p: for every expected unit and every
// reporting month, the unit's workbook filled as the unit would, in one
// folder per month. With seed s the result is always the same. The months
// have what real months have: a few late and a few missing submissions, a
// unit that hands in twice in a month (a correction), a file named the
// unit's own way, an Office lock file, and three files with mistakes.
func Inbox(p *domain.Plan, seed uint64) ([]File, error) {
	jobs, err := newGen(p, seed).jobs()
	if err != nil {
		return nil, err
	}
	files := make([]File, len(jobs))
	err = parallel.ForErr(len(jobs), 0, func(i int) error {
		f, err := jobs[i].make(p)
		files[i] = f
		return err
	})
	return files, err
}

// WriteInbox is Inbox written straight into dir (which must be empty or
// missing) by workers goroutines, without holding every file in memory.
// It returns the number of files written.
func WriteInbox(dir string, p *domain.Plan, seed uint64, workers int) (int, error) {
	if err := checkEmpty(dir); err != nil {
		return 0, err
	}
	jobs, err := newGen(p, seed).jobs()
	if err != nil {
		return 0, err
	}
	err = parallel.ForErr(len(jobs), workers, func(i int) error {
		f, err := jobs[i].make(p)
		if err != nil {
			return err
		}
		return writeFile(dir, f)
	})
	return len(jobs), err
}

func newGen(p *domain.Plan, seed uint64) *gen {
	return &gen{p: p, seed: seed}
}

type gen struct {
	p    *domain.Plan
	seed uint64
}

// rnd returns a generator of its own for a key, so that a change in one
// unit's reports does not reshuffle every other one.
func (g *gen) rnd(key string) *rand.Rand {
	h := fnv.New64a()
	h.Write([]byte(key))
	return rand.New(rand.NewPCG(g.seed, h.Sum64()))
}

// job is one file of the inbox: a report filled into the unit's template
// and then edited as a unit gets it wrong, or bytes as they are.
type job struct {
	name  string
	rep   *domain.Report
	edits []workbook.CellEdit
	data  []byte // a file that is not a filled template
	mod   time.Time
}

func (j job) make(p *domain.Plan) (File, error) {
	if j.rep == nil {
		return File{Name: j.name, Data: j.data, ModTime: j.mod}, nil
	}
	var buf bytes.Buffer
	if err := workbook.Template(&buf, p, j.rep.Unit, j.rep.Month, nil, j.rep); err != nil {
		return File{}, err
	}
	data := buf.Bytes()
	if len(j.edits) > 0 {
		var err error
		if data, err = workbook.Edit(data, p, j.rep.Unit, j.edits); err != nil {
			return File{}, err
		}
	}
	return File{Name: j.name, Data: data, ModTime: j.mod}, nil
}

func (g *gen) job(name string, rep *domain.Report) job {
	return job{name: name, rep: rep, mod: rep.FilledOn.Time().Add(16*time.Hour + 30*time.Minute)}
}

// jobs plans the inbox: which files, with which reports and mistakes.
func (g *gen) jobs() ([]job, error) {
	p := g.p
	months := domain.MonthsFrom(p.Settings.FirstReportMonth, p.Settings.LastReportMonth)
	units := p.Expected()
	if len(months) == 0 || len(units) == 0 {
		return nil, fmt.Errorf("the plan expects no report")
	}
	// The irregular cases, placed by the plan's shape rather than by name.
	busy := busiest(p, units) // hands in twice in a month
	twiceMonth := months[min(2, len(months)-1)]
	last := months[len(months)-1]
	var jobs []job
	fileName := workbook.FileNamer(p)
	for mi, m := range months {
		for ui, u := range units {
			r := g.rnd(fmt.Sprintf("%s/%s", u, m))
			// Missing: a few at random, and one unit in nine in the last
			// month (who still have to be chased).
			if (r.Float64() < 0.03 && mi > 0 && u != busy) || (m == last && ui%9 == 4) {
				continue
			}
			due := m.Day(p.Settings.DueDay)
			early := min(10, p.Settings.DueDay) // filled from the 10th (or the due day, when earlier)
			filled := m.Day(early + r.IntN(p.Settings.DueDay-early+1))
			if r.Float64() < 0.07 {
				filled = due.AddDays(1 + r.IntN(5)) // late
			}
			rep := g.report(u, m, filled)
			name := path.Join(m.String(), fileName(u, m))
			if ui == 1 && mi == 1 {
				// Some units name files their own way.
				name = path.Join(m.String(), p.UnitName(u)+m.Label()+".xlsx")
			}
			if u == busy && m == twiceMonth {
				// A first version on time, with only part of the rows, and a
				// correction after the due day that carries the data.
				first := *rep
				first.FilledOn = due.AddDays(-4)
				first.Tasks = first.Tasks[:len(first.Tasks)/2]
				jobs = append(jobs, g.job(name, &first))
				rep.FilledOn = due.AddDays(2)
				name = strings.TrimSuffix(name, ".xlsx") + "（更正）.xlsx"
			}
			jobs = append(jobs, g.job(name, rep))
		}
	}
	// Mistakes: three in every block of 25 units and 8 months.
	for mb := 0; mb+6 <= len(months); mb += 8 {
		for ub := 0; ub+3 <= len(units); ub += 25 {
			g.mistakes(jobs, units[ub:min(ub+25, len(units))], months[mb:min(mb+8, len(months))])
		}
	}
	// An Office lock file left by a unit that had its workbook open.
	jobs = append(jobs, job{name: path.Join(last.String(), "~$"+workbook.FileName(p, busy, last)), data: lockFile(), mod: last.Day(20).Time().Add(9 * time.Hour)})
	return jobs, nil
}

// busiest returns the unit with the most rows to report.
func busiest(p *domain.Plan, units []domain.UnitID) domain.UnitID {
	best, n := units[0], -1
	for _, u := range units {
		lead, coop := p.TasksOf(u)
		if c := 2*len(lead) + len(coop); c > n {
			best, n = u, c
		}
	}
	return best
}

// fraction writes a row's progress as the fraction people type (0.6 for
// 60%) in a cell with no percent format.
func fraction(rows []domain.TaskRow) workbook.CellEdit {
	for _, r := range rows {
		if r.Progress != nil && *r.Progress > 0 && *r.Progress < 100 {
			return workbook.CellEdit{Sheet: workbook.SheetTasks, RowID: r.TaskID, Label: "完成进度(%)", Number: *r.Progress / 100}
		}
	}
	return workbook.CellEdit{Sheet: workbook.SheetTasks, RowID: rows[0].TaskID, Label: "完成进度(%)", Number: 0.5}
}

func lockFile() []byte {
	b := make([]byte, 165)
	copy(b, "\x08政策法规股")
	return b
}

// report fills unit u's workbook for month m.
func (g *gen) report(u domain.UnitID, m domain.Month, filled domain.Date) *domain.Report {
	p := g.p
	r := g.rnd(fmt.Sprintf("report/%s/%s", u, m))
	rep := &domain.Report{Unit: u, Month: m, FilledOn: filled, Reporter: person(g.rnd("person/" + string(u))), Phone: phone(g.rnd("phone/" + string(u)))}
	asOf := m.Last()
	month := m.Since(p.Settings.FirstReportMonth)
	for _, t := range p.Tasks {
		role := t.RoleOf(u)
		if role == "" {
			continue
		}
		prog := g.progress(t, u, asOf)
		row := domain.TaskRow{TaskID: t.ID, Role: role, Progress: &prog}
		exp := expected(p.Settings.PlanDate, t.Deadline, asOf)
		switch {
		case prog >= 100:
			row.State = domain.TaskDone
		case prog == 0:
			row.State = domain.TaskNotStarted
		case exp-prog > p.Settings.LaggingPoints:
			row.State = domain.TaskLagging
		default:
			row.State = domain.TaskInProgress
		}
		s := taskSituation{
			Task: t, Lead: role == domain.RoleLead, Leads: g.leadNames(t), Coordinator: p.Settings.Coordinator, Unit: p.UnitName(u),
			Month: month, Progress: prog, Lagging: row.State == domain.TaskLagging,
			// A unit fills the month's workbook before the month ends:
			// a deadline within the month is near, not past.
			Overdue: prog < 100 && t.Deadline.Before(m.First()),
			DueNow:  prog < 100 && t.Deadline.Month() == m,
			Key:     g.rnd("words/" + t.ID + "/" + string(u)).Uint64(), Actions: actions(t.Body), Rand: r,
		}
		if prog >= 100 {
			s.DoneOn = g.doneIn(t, u, m)
			s.DoneBefore = s.DoneOn.Before(m)
		}
		s.InStage = g.inStage(t, u, m, prog)
		if s.Lead {
			for _, tg := range t.Targets {
				v := targetValue(tg, prog)
				s.Targets, s.Values = append(s.Targets, tg), append(s.Values, v)
				rep.Targets = append(rep.Targets, domain.TargetRow{TargetID: tg.ID, Value: &v})
			}
		}
		row.Done, row.Issues, row.Next = s.words()
		rep.Tasks = append(rep.Tasks, row)
	}
	for i, pr := range p.Problems {
		if !domain.HasUnit(pr.Units, u) {
			continue
		}
		rep.Problems = append(rep.Problems, g.problem(i, pr, u, m, r))
	}
	for _, in := range p.Indicators {
		if !domain.HasUnit(in.Units, u) {
			continue
		}
		v := g.readiness(in, m)
		key := g.rnd("note/" + in.ID + "/" + string(u)).Uint64()
		rep.Indicators = append(rep.Indicators, domain.IndicatorRow{IndicatorID: in.ID, Readiness: &v, Note: indicatorNote(in, v, month, key, r)})
	}
	return rep
}

// leadNames is how a cooperating unit names the leads of t: their names,
// or 牵头单位 when there are more than two.
func (g *gen) leadNames(t domain.Task) string {
	if len(t.Leads) > 2 {
		return "牵头单位"
	}
	names := make([]string, len(t.Leads))
	for i, u := range t.Leads {
		names[i] = g.p.UnitName(u)
	}
	return strings.Join(names, "、")
}

// inStage is how many months before m unit u's progress on t was, month
// after month, in the stage that progress prog is in.
func (g *gen) inStage(t domain.Task, u domain.UnitID, m domain.Month, prog float64) int {
	st, n := stageOf(prog, false), 0
	for m.After(g.p.Settings.FirstReportMonth) && stageOf(g.progress(t, u, m.Prev().Last()), false) == st {
		m = m.Prev()
		n++
	}
	return n
}

// doneIn is the month in which unit u's progress on t first reached 100,
// given that it has by month m.
func (g *gen) doneIn(t domain.Task, u domain.UnitID, m domain.Month) domain.Month {
	for m.After(g.p.Settings.FirstReportMonth) && g.progress(t, u, m.Prev().Last()) >= 100 {
		m = m.Prev()
	}
	return m
}

// pace is how fast a unit moves on a task, relative to the straight line
// from the plan date to the deadline: most a little ahead or behind, one
// task in six well behind, one in eight late past its deadline.
func (g *gen) pace(t domain.Task, u domain.UnitID) float64 {
	r := g.rnd("pace/" + t.ID + "/" + string(u))
	k := g.rnd("task/" + t.ID).IntN(48)
	switch {
	case k < 8:
		return 0.45 + 0.1*r.Float64() // lagging
	case k < 14:
		return 0.8 + 0.05*r.Float64() // late: not done at the deadline
	}
	return 0.95 + 0.3*r.Float64()
}

// progress is unit u's cumulative progress on task t as of a date, in
// steps of 5.
func (g *gen) progress(t domain.Task, u domain.UnitID, asOf domain.Date) float64 {
	exp := expected(g.p.Settings.PlanDate, t.Deadline, asOf)
	v := exp * g.pace(t, u)
	if asOf.After(t.Deadline) {
		// Past the deadline the last stretch is finished within months.
		v += 8 * float64(t.Deadline.DaysUntil(asOf)) / 30
	}
	return math.Min(100, 5*math.Floor(v/5))
}

func expected(plan, deadline, asOf domain.Date) float64 {
	total := plan.DaysUntil(deadline)
	if total <= 0 {
		return 100
	}
	return math.Max(0, math.Min(100, 100*float64(plan.DaysUntil(asOf))/float64(total)))
}

func targetValue(t domain.Target, progress float64) float64 {
	switch {
	case strings.Contains(t.Unit, "/") || t.Direction == domain.AtMost:
		return t.Value // a standard or a ceiling: met as written
	case t.Unit == "%":
		return math.Round(t.Value - 6 + 7*progress/100)
	}
	return math.Round(t.Value * 1.1 * progress / 100)
}

// problem is the rectification of problem i as of month m: most rectified
// by their deadline and closed the month after; the second one late.
func (g *gen) problem(i int, pr domain.Problem, u domain.UnitID, m domain.Month, r *rand.Rand) domain.ProblemRow {
	row := domain.ProblemRow{ProblemID: pr.ID}
	months := m.Since(g.p.Settings.FirstReportMonth) // 0 in the first month
	doneIn := pr.Deadline.Month().Since(g.p.Settings.FirstReportMonth)
	if i == 1 {
		doneIn += 2
	}
	var prog float64
	switch {
	case months < doneIn:
		prog = float64(40 + 50*months/max(1, doneIn))
		row.State = domain.RectInProgress
	case months == doneIn:
		prog = 100
		row.State = domain.RectDone
	default:
		prog = 100
		row.State = domain.RectClosed
	}
	if prog >= 100 {
		day := pr.Deadline.Day() - 5
		if i == 1 {
			day = 20
		}
		row.DoneOn = g.p.Settings.FirstReportMonth.Add(doneIn).Day(day)
	}
	row.Progress = &prog
	closedFirst := months == doneIn+1 || (months == 0 && row.State == domain.RectClosed)
	key := g.rnd("measures/" + pr.ID + "/" + string(u)).Uint64()
	row.Measures = problemWords(pr, row, months, closedFirst, reportTo(g.p.Settings.Coordinator, g.p.UnitName(u)), key, r)
	return row
}

// readiness of an indicator as of month m: from a low start to near 100
// by the end of the first evaluation cycle.
func (g *gen) readiness(in domain.Indicator, m domain.Month) float64 {
	r := g.rnd("indicator/" + in.ID)
	start := 15 + float64(r.IntN(25))
	step := 9 + float64(r.IntN(7))
	return math.Min(100, 5*math.Round((start+step*float64(m.Since(g.p.Settings.FirstReportMonth)))/5))
}

// mistakes edits three files as units get them wrong: a progress over 100
// and a state not on the list; the previous month's file copied without
// changing 报送月份; an id retyped by hand and a progress typed as a
// fraction (0.6 for 60%).
func (g *gen) mistakes(jobs []job, units []domain.UnitID, months []domain.Month) {
	type mistake struct {
		unit  domain.UnitID
		month domain.Month
		edits func(rep []domain.TaskRow) []workbook.CellEdit
	}
	pickUnit := func(minTasks int, skip int) domain.UnitID {
		for i := len(units) - 1 - skip; i >= 0; i-- {
			lead, coop := g.p.TasksOf(units[i])
			if len(lead)+len(coop) >= minTasks {
				return units[i]
			}
		}
		return units[0]
	}
	ms := []mistake{
		{pickUnit(2, 0), months[3], func(rows []domain.TaskRow) []workbook.CellEdit {
			return []workbook.CellEdit{
				{Sheet: workbook.SheetTasks, RowID: rows[0].TaskID, Label: "完成进度(%)", Value: "120"},
				{Sheet: workbook.SheetTasks, RowID: rows[1].TaskID, Label: "推进状态", Value: "基本完成"},
			}
		}},
		{units[len(units)/3], months[4], func([]domain.TaskRow) []workbook.CellEdit {
			return []workbook.CellEdit{{Sheet: workbook.SheetInfo, Label: workbook.InfoMonth, Value: months[3].String()}}
		}},
		{pickUnit(1, 3), months[5], func(rows []domain.TaskRow) []workbook.CellEdit {
			return []workbook.CellEdit{
				{Sheet: workbook.SheetTasks, RowID: rows[0].TaskID, Label: "任务编号", Value: rows[0].TaskID + "0"},
				fraction(rows),
			}
		}},
	}
	for _, mk := range ms {
		want := workbook.FileName(g.p, mk.unit, mk.month)
		for i := range jobs {
			if jobs[i].rep == nil || path.Base(jobs[i].name) != want || len(jobs[i].rep.Tasks) < 2 {
				continue
			}
			jobs[i].edits = append(jobs[i].edits, mk.edits(jobs[i].rep.Tasks)...)
		}
	}
}

// Write writes files into dir, creating folders, with their modification
// times. It refuses a dir that already holds files, so that it never mixes
// with (or overwrites) a real inbox.
func Write(dir string, files []File) error {
	if err := checkEmpty(dir); err != nil {
		return err
	}
	for _, f := range files {
		if err := writeFile(dir, f); err != nil {
			return err
		}
	}
	return nil
}

func checkEmpty(dir string) error {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return fmt.Errorf("%s 不是空文件夹；示例文件只写入空文件夹", dir)
	}
	return nil
}

func writeFile(dir string, f File) error {
	p := filepath.Join(dir, filepath.FromSlash(f.Name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(p, f.Data, 0o644); err != nil {
		return err
	}
	return os.Chtimes(p, f.ModTime, f.ModTime)
}
