package bench

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/plansite/plansite/internal/content"
	"github.com/plansite/plansite/internal/demo"
	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/parallel"
	"github.com/plansite/plansite/internal/workbook"
)

// Targets of the benchmark. On every data set of at least RatioFrom
// workbooks: a full build within UnzipRatio of the unzip floor, its
// reading of the workbooks within ReadRatio of it, and within FloorRatio
// of the excelize floor; a rebuild after one workbook changed within
// RebuildRatio of the unzip floor, one after a task's or a page's text
// changed within TextRatio of it and with no workbook parsed again. On the
// largest: at most MaxRSS bytes of memory. Each doubling of the workbooks
// at most Doubling times the full build's time.
//
// The rebuilds' targets are issue 16's budgets at 6,973 workbooks, 0.3 s
// and 1 s, over the unzip floor measured on the same machine then (0.70 s,
// issue 22's table, whose full build, 4.57–4.78 s, is issue 16's 4.65 s):
// a ratio to what no build can avoid, not to the full build, which has
// since become faster (a rebuild within 5% of the full build was the
// target before, when that took 6 s).
const (
	RatioFrom    = 6000
	UnzipRatio   = 2.5
	ReadRatio    = 1.5
	FloorRatio   = 1.3
	RebuildRatio = 0.43 // 0.3 s / 0.70 s
	TextRatio    = 1.4  // 1 s / 0.70 s
	MaxRSS       = 400 << 20
	Doubling     = 2.1
)

// Options say what to measure.
type Options struct {
	Sizes    []demo.Size // data sets, smallest first
	Plansite string      // the plansite binary to time
	Self     string      // this program, run as "Self floor DIR" and "Self unzip DIR" for the floors
	Dir      string      // work folder; each data set is made in it and removed after
	Runs     int         // timed runs of the floor, the full build and the rebuild (the median counts)
	Log      io.Writer   // progress lines; nil for none
}

// Figures are one data set's measures.
type Figures struct {
	Size         demo.Size
	Workbooks    int   // workbooks in the inbox
	Rows         int64 // rows the floor read
	Floor        time.Duration
	FloorRSS     int64
	Unzip        time.Duration // read every file and inflate every part
	UnzipRSS     int64
	UnzipCPU     time.Duration // the processor time of the unzip floor and of the full build (medians):
	FullCPU      time.Duration // on a machine shared with other work, steadier than the wall time
	Reading      time.Duration // the full build's reading of the workbooks, as it printed it
	Full         time.Duration // build without cache
	FullRSS      int64
	Rebuild      time.Duration // build with cache after one workbook changed
	RebuildRSS   int64
	Reparsed     string        // what the rebuild said it parsed again
	Text         time.Duration // build with cache after a task's or a page's text changed
	TextParsed   int           // workbooks that rebuild parsed again (most of the runs)
	TextSaid     string        // what it said it did
	Pages        int
	PageStage    time.Duration // the full build's page stage (made, rendered, written), as it printed it
	OutputBytes  int64
	Largest      string // largest page, relative to the site
	LargestBytes int64
}

// FullToFloor is the full build's time over the excelize floor's.
func (f Figures) FullToFloor() float64 { return ratio(f.Full, f.Floor) }

// FullToUnzip is the full build's time over the unzip floor's.
func (f Figures) FullToUnzip() float64 { return ratio(f.Full, f.Unzip) }

// CPUFullToUnzip is the full build's processor time over the unzip
// floor's.
func (f Figures) CPUFullToUnzip() float64 { return ratio(f.FullCPU, f.UnzipCPU) }

// ReadToUnzip is the full build's reading of the workbooks over the unzip
// floor's time.
func (f Figures) ReadToUnzip() float64 { return ratio(f.Reading, f.Unzip) }

// RebuildToUnzip is the rebuild's time over the unzip floor's.
func (f Figures) RebuildToUnzip() float64 { return ratio(f.Rebuild, f.Unzip) }

// TextToUnzip is the time of the rebuild after a text changed over the
// unzip floor's.
func (f Figures) TextToUnzip() float64 { return ratio(f.Text, f.Unzip) }

// PagesPerSecond is the pages of the full build over the time of its page
// stage (making, rendering and writing them; 0 when it did not say).
func (f Figures) PagesPerSecond() float64 {
	if f.PageStage <= 0 {
		return 0
	}
	return float64(f.Pages) / f.PageStage.Seconds()
}

func ratio(a, b time.Duration) float64 {
	if b <= 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Run measures every size of o and returns the figures, smallest first.
func Run(ctx context.Context, o Options) ([]Figures, error) {
	if o.Runs < 1 {
		o.Runs = 1
	}
	var all []Figures
	for _, s := range o.Sizes {
		f, err := measure(ctx, o, s)
		if err != nil {
			return all, fmt.Errorf("%d×%d×%d: %w", s.Units, s.Months, s.Tasks, err)
		}
		all = append(all, f)
	}
	return all, nil
}

func (o Options) logf(format string, args ...any) {
	if o.Log != nil {
		fmt.Fprintf(o.Log, format+"\n", args...)
	}
}

func measure(ctx context.Context, o Options, s demo.Size) (Figures, error) {
	f := Figures{Size: s}
	dir, err := os.MkdirTemp(o.Dir, fmt.Sprintf("bench-%dx%dx%d-", s.Units, s.Months, s.Tasks))
	if err != nil {
		return f, err
	}
	defer os.RemoveAll(dir)
	// Generated by plansite demo, not in this process: on Linux a program
	// started from this one begins with this one's peak memory as its own
	// (the peak is carried across fork and exec), so that generating a
	// province's workbooks here showed as every build's peak.
	start := time.Now()
	if _, err := timed(ctx, o.Plansite, "demo", "--units", strconv.Itoa(s.Units), "--months", strconv.Itoa(s.Months), "--tasks", strconv.Itoa(s.Tasks), "--seed", strconv.FormatUint(s.Seed, 10), "--out", dir); err != nil {
		return f, fmt.Errorf("generate: %w", err)
	}
	contentDir := filepath.Join(dir, "content")
	inboxDir := filepath.Join(contentDir, "inbox")
	n, err := countFiles(inboxDir)
	if err != nil {
		return f, err
	}
	out := filepath.Join(dir, "public")
	o.logf("%d 个单位 × %d 个月 × %d 项任务：生成 %d 个文件（%.1f 秒）", s.Units, s.Months, s.Tasks, n, time.Since(start).Seconds())

	// The floors and the full build, alternately, so that all see the
	// same state of the machine; first a pass that brings the files into
	// the system's cache, which the first timed run would pay for alone.
	if _, err := timed(ctx, o.Self, "unzip", inboxDir); err != nil {
		return f, fmt.Errorf("unzip floor: %w", err)
	}
	var floors, unzips, fulls []run
	for i := 0; i < o.Runs; i++ {
		uz, err := timed(ctx, o.Self, "unzip", inboxDir)
		if err != nil {
			return f, fmt.Errorf("unzip floor: %w", err)
		}
		unzips = append(unzips, uz)
		fl, err := timed(ctx, o.Self, "floor", inboxDir)
		if err != nil {
			return f, fmt.Errorf("floor: %w", err)
		}
		floors = append(floors, fl)
		if _, err := fmt.Sscan(string(fl.out), &f.Workbooks, &f.Rows); err != nil {
			return f, fmt.Errorf("floor said %q", fl.out)
		}
		full, err := timed(ctx, o.Plansite, "build", "--content", contentDir, "--out", out, "--no-cache")
		if err != nil {
			return f, fmt.Errorf("full build: %w", err)
		}
		fulls = append(fulls, full)
		o.logf("  第 %d 轮：解压下限 %.2f 秒，excelize 下限 %.2f 秒，完整生成 %.2f 秒（读取表格 %.2f 秒；峰值内存 %s）", i+1, uz.wall.Seconds(), fl.wall.Seconds(), full.wall.Seconds(), stage(full.out, reReading).Seconds(), mb(full.rss))
	}
	fl, uz, full := median(floors), median(unzips), median(fulls)
	f.Floor, f.FloorRSS = fl.wall, peak(floors)
	f.Unzip, f.UnzipRSS = uz.wall, peak(unzips)
	f.Full, f.FullRSS = full.wall, peak(fulls)
	f.UnzipCPU, f.FullCPU = medianCPU(unzips), medianCPU(fulls)
	f.PageStage = stage(full.out, rePages)
	f.Reading = stage(full.out, reReading)
	if err := f.site(out); err != nil {
		return f, err
	}

	// A build that fills the cache, then rebuilds after one workbook
	// changed each time: a lead's progress in the latest month.
	if _, err := timed(ctx, o.Plansite, "build", "--content", contentDir, "--out", out); err != nil {
		return f, fmt.Errorf("build with cache: %w", err)
	}
	plan, err := content.Load(contentDir)
	if err != nil {
		return f, err
	}
	victim, err := leadWorkbook(plan, inboxDir)
	if err != nil {
		return f, err
	}
	var rebuilds []run
	for i := 0; i < o.Runs; i++ {
		if err := change(plan, victim, i); err != nil {
			return f, fmt.Errorf("change %s: %w", victim, err)
		}
		rb, err := timed(ctx, o.Plansite, "build", "--content", contentDir, "--out", out)
		if err != nil {
			return f, fmt.Errorf("rebuild: %w", err)
		}
		rebuilds = append(rebuilds, rb)
		f.Reparsed = reparsed(rb.out)
		o.logf("  第 %d 次改动后重新生成 %.3f 秒（%s；峰值内存 %s）", i+1, rb.wall.Seconds(), f.Reparsed, mb(rb.rss))
	}
	rb := median(rebuilds)
	f.Rebuild, f.RebuildRSS = rb.wall, peak(rebuilds)

	// Then a task's description or a page's text changes, by turns:
	// nothing the workbooks are read against.
	var texts []run
	for i := 0; i < o.Runs; i++ {
		if err := editText(contentDir, plan, i); err != nil {
			return f, err
		}
		tb, err := timed(ctx, o.Plansite, "build", "--content", contentDir, "--out", out)
		if err != nil {
			return f, fmt.Errorf("rebuild after a text changed: %w", err)
		}
		texts = append(texts, tb)
		f.TextSaid = reparsed(tb.out)
		f.TextParsed = max(f.TextParsed, parsedCount(tb.out))
		o.logf("  第 %d 次改动文字后重新生成 %.3f 秒（%s）", i+1, tb.wall.Seconds(), f.TextSaid)
	}
	f.Text = median(texts).wall
	return f, nil
}

// editText adds a sentence to the description of the plan's first task
// (even i) or to its first page (odd i), a different one each time.
func editText(contentDir string, plan *domain.Plan, i int) error {
	var path string
	switch {
	case i%2 == 1 && len(plan.Pages) > 0:
		path = filepath.Join(contentDir, content.PagesDir, plan.Pages[0].Slug+".md")
	case len(plan.Tasks) > 0:
		path = plan.Tasks[0].Source
	default:
		return errors.New("no task to edit")
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, fmt.Sprintf("\n\n第 %d 次补充说明。\n", i+1)...), 0o644)
}

type run struct {
	wall time.Duration
	cpu  time.Duration // user and system time of the process
	rss  int64
	out  []byte
}

// timed runs a program and measures its wall time and peak memory.
// countFiles is the number of files under dir.
func countFiles(dir string) (int, error) {
	n := 0
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return err
	})
	return n, err
}

func timed(ctx context.Context, prog string, args ...string) (run, error) {
	cmd := exec.CommandContext(ctx, prog, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	r := run{wall: time.Since(start), out: stdout.Bytes()}
	if cmd.ProcessState != nil {
		r.rss = maxRSS(cmd.ProcessState)
		r.cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	}
	if err != nil {
		return r, fmt.Errorf("%s %s: %w\n%s%s", filepath.Base(prog), strings.Join(args, " "), err, stdout.Bytes(), stderr.Bytes())
	}
	return r, nil
}

func median(rs []run) run {
	s := slices.Clone(rs)
	slices.SortFunc(s, func(a, b run) int { return int(a.wall - b.wall) })
	return s[len(s)/2]
}

func medianCPU(rs []run) time.Duration {
	s := slices.Clone(rs)
	slices.SortFunc(s, func(a, b run) int { return int(a.cpu - b.cpu) })
	return s[len(s)/2].cpu
}

func peak(rs []run) int64 {
	var m int64
	for _, r := range rs {
		m = max(m, r.rss)
	}
	return m
}

// site measures the built site: pages, bytes, the largest page.
func (f *Figures) site(out string) error {
	return filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		f.OutputBytes += info.Size()
		if strings.HasSuffix(p, ".html") {
			f.Pages++
			if info.Size() > f.LargestBytes {
				f.LargestBytes = info.Size()
				f.Largest, _ = filepath.Rel(out, p)
				f.Largest = filepath.ToSlash(f.Largest)
			}
		}
		return nil
	})
}

// leadWorkbook is a workbook of the latest month (the folder of the last
// workbook in name order) in which a unit reports as a task's lead: a
// change there moves the task's progress, so the rebuild has pages to
// make, not only to link.
func leadWorkbook(plan *domain.Plan, inbox string) (string, error) {
	var last string
	err := filepath.WalkDir(inbox, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".xlsx") && !strings.HasPrefix(d.Name(), "~$") {
			last = p
		}
		return err
	})
	if err == nil && last == "" {
		err = errors.New("no workbook in " + inbox)
	}
	if err != nil {
		return "", err
	}
	siblings, err := filepath.Glob(filepath.Join(filepath.Dir(last), "*.xlsx"))
	if err != nil {
		return "", err
	}
	for _, p := range siblings {
		res := workbook.NewReader(workbook.SchemaOf(plan)).Read(p, filepath.Base(p))
		for _, row := range res.Report.Tasks {
			if row.Role == domain.RoleLead {
				return p, nil
			}
		}
	}
	return last, nil
}

// change rewrites a progress figure of the workbook, a lead's where it has
// one, as a unit correcting its figure (a different one for each i).
func change(plan *domain.Plan, path string, i int) error {
	res := workbook.NewReader(workbook.SchemaOf(plan)).Read(path, filepath.Base(path))
	if len(res.Report.Tasks) == 0 {
		return errors.New("no task row to change")
	}
	row := res.Report.Tasks[0]
	for _, r := range res.Report.Tasks {
		if r.Role == domain.RoleLead {
			row = r
			break
		}
	}
	v := 50.0
	if row.Progress != nil {
		v = *row.Progress
	}
	v = float64((int(v) + 5*(i+1)) % 100)
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	data, err = workbook.Edit(data, plan, res.Report.Unit, []workbook.CellEdit{{Sheet: workbook.SheetTasks, RowID: row.TaskID, Label: "完成进度(%)", Number: v}})
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return err
	}
	now := time.Now()
	return os.Chtimes(path, now, now)
}

var (
	reReparsed = regexp.MustCompile(`其中 (\d+) 个重新解析`)
	reChanged  = regexp.MustCompile(`（(\d+) 个有变化`)
	reAllPages = regexp.MustCompile(`生成页面：(\d+) 个页面，`)
	rePages    = regexp.MustCompile(`生成页面：.*（([0-9.]+) 秒）`)
	reReading  = regexp.MustCompile(`读取报送表格：.*（([0-9.]+) 秒）`)
)

// stage reads the time of a stage (re: its line) from a build's output.
func stage(out []byte, re *regexp.Regexp) time.Duration {
	m := re.FindSubmatch(out)
	if m == nil {
		return 0
	}
	s, err := strconv.ParseFloat(string(m[1]), 64)
	if err != nil {
		return 0
	}
	return time.Duration(s * float64(time.Second))
}

// parsedCount is how many workbooks a build said it parsed; -1 when it
// did not say.
func parsedCount(out []byte) int {
	m := reReparsed.FindSubmatch(out)
	if m == nil {
		return -1
	}
	n, err := strconv.Atoi(string(m[1]))
	if err != nil {
		return -1
	}
	return n
}

func reparsed(out []byte) string {
	if m := reReparsed.FindSubmatch(out); m != nil {
		s := "重新解析 " + string(m[1]) + " 个表格"
		if c := reChanged.FindSubmatch(out); c != nil {
			s += "，重新生成 " + string(c[1]) + " 个页面"
		} else if c := reAllPages.FindSubmatch(out); c != nil {
			s += "，重新生成 " + string(c[1]) + " 个页面（全部）"
		}
		return s
	}
	return "未说明重新解析的表格数"
}

// Floor opens every workbook under inbox with excelize and reads every row
// of every sheet, with one worker per core, and nothing else. It returns
// the workbooks and rows read.
func Floor(inbox string) (files int, rows int64, err error) {
	paths, err := workbooks(inbox)
	if err != nil {
		return 0, 0, err
	}
	var total atomic.Int64
	parallel.For(len(paths), 0, func(i int) {
		n, _ := workbook.Floor(paths[i]) // a broken file costs what it costs
		total.Add(int64(n))
	})
	return len(paths), total.Load(), nil
}

// Unzip is the floor of any reader of the workbooks under inbox: read
// every file and inflate every part of it, with one worker per core, and
// nothing else (no XML is parsed). It returns the workbooks read and the
// bytes inflated.
func Unzip(inbox string) (files int, inflated int64, err error) {
	paths, err := workbooks(inbox)
	if err != nil {
		return 0, 0, err
	}
	var total atomic.Int64
	parallel.For(len(paths), 0, func(i int) {
		n, _ := inflateAll(paths[i]) // a broken file costs what it costs
		total.Add(n)
	})
	return len(paths), total.Load(), nil
}

// inflateAll reads the file at path and inflates every part of it.
func inflateAll(path string) (int64, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return 0, err
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return 0, err
	}
	var n int64
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			return n, err
		}
		m, err := io.Copy(io.Discard, rc)
		rc.Close()
		n += m
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// workbooks lists the workbooks under inbox (no lock files).
func workbooks(inbox string) ([]string, error) {
	var paths []string
	err := filepath.WalkDir(inbox, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".xlsx") && !strings.HasPrefix(d.Name(), "~$") {
			paths = append(paths, p)
		}
		return err
	})
	return paths, err
}

// ParseSizes reads sizes written as 200x36x60 (units × months × tasks),
// separated by commas.
func ParseSizes(s string, seed uint64) ([]demo.Size, error) {
	var out []demo.Size
	for _, part := range strings.Split(s, ",") {
		f := strings.Split(strings.TrimSpace(part), "x")
		if len(f) != 3 {
			return nil, fmt.Errorf("规模“%s”应写成 单位数x月数x任务数，如 200x36x60", part)
		}
		var n [3]int
		for i, v := range f {
			x, err := strconv.Atoi(v)
			if err != nil {
				return nil, fmt.Errorf("规模“%s”应写成 单位数x月数x任务数，如 200x36x60", part)
			}
			n[i] = x
		}
		size := demo.Size{Units: n[0], Months: n[1], Tasks: n[2], Seed: seed}
		if err := size.Check(); err != nil {
			return nil, err
		}
		out = append(out, size)
	}
	return out, nil
}
