package inbox

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/keyhash"
	"github.com/plansite/plansite/internal/parallel"
	"github.com/plansite/plansite/internal/workbook"
)

// Skipped is a file of the inbox that was not read, and why.
type Skipped struct {
	File   string // relative to the inbox, forward slashes
	Reason string // in Chinese
}

// Result is what the inbox holds.
type Result struct {
	Reports  []domain.Report   // usable reports, sorted by unit, month, file
	Rejected []domain.Rejected // workbooks (and spreadsheets of other formats) that arrived but are not usable, by file
	Findings []domain.Finding  // sorted by file, then as found
	Skipped  []Skipped         // lock files, hidden and other files
	Files    int               // workbooks found
	Parsed   int               // workbooks parsed (the others came from the cache)
	// Copying are the workbooks that look still being copied or saved:
	// modified within Settle of the scan and not yet readable as a
	// workbook. They are not reported: each counts as its previous read
	// when the cache has one and is left out otherwise, and is listed in
	// Skipped. Settled is when the last of them will have been left alone
	// for Settle (zero when there are none): read the inbox again then.
	Copying []string
	Settled time.Time
}

// Settle is how long a workbook that cannot be read yet must have been
// left alone before it is reported as broken: a copy into the inbox (over
// a network share, from a slow USB stick) may stall for seconds, and the
// file is incomplete meanwhile. A readable workbook is used at once.
const Settle = 30 * time.Second

// ErrNoInbox is returned when the inbox folder does not exist.
var ErrNoInbox = errors.New("收件文件夹不存在")

// ErrUnreadable is returned when the inbox could not be read whole: a
// folder of it could not be opened or listed, or it changed under the
// scan (moved away, unmounted, a workbook gone between the listing and
// its reading). Nothing read then can be trusted to be the inbox.
var ErrUnreadable = errors.New("收件文件夹未能完整读取")

// Scan reads every workbook under dir against plan p, taking from c (nil
// for none) what it kept of earlier scans: a workbook whose path, size,
// modification time, or bytes, are those of a kept one read against the
// same schema, is not parsed again. The result is the same either way.
// The caller saves the cache (Cache.Save) after a scan without error,
// while it goes on with the result. Scan returns ErrNoInbox (wrapped)
// when dir does not exist, and ErrUnreadable (wrapped, naming the folder
// or file) when the inbox could not be read whole; a problem of one
// workbook is a finding, and a workbook still being copied is waited for
// (Result.Copying).
func Scan(ctx context.Context, p *domain.Plan, dir string, c *Cache) (Result, error) {
	var res Result
	info, err := os.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) || (err == nil && !info.IsDir()) {
		return res, errors.Join(ErrNoInbox, err)
	}
	if err != nil {
		return res, fmt.Errorf("%w：无法打开 %s：%v", ErrUnreadable, dir, err)
	}
	schema := workbook.SchemaOf(p)
	sc := scan{rd: workbook.NewReader(schema), schema: keyhash.Of(schema), cache: c, now: time.Now()}
	var work []string
	var others []workbook.Result // spreadsheets of other formats
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("%w：无法读取文件夹 %s：%v", ErrUnreadable, path, err)
		}
		rel := relPath(dir, path)
		if path == dir {
			return nil
		}
		name := d.Name()
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			res.Skipped = append(res.Skipped, Skipped{rel, "符号链接（快捷方式），为安全起见不跟随"})
			return skipDir(d)
		case strings.HasPrefix(name, "."):
			res.Skipped = append(res.Skipped, Skipped{rel, "隐藏文件"})
			return skipDir(d)
		case d.IsDir():
			return nil
		case !d.Type().IsRegular():
			res.Skipped = append(res.Skipped, Skipped{rel, "不是普通文件"})
			return nil
		case strings.HasPrefix(name, "~$"):
			res.Skipped = append(res.Skipped, Skipped{rel, "Office 临时锁定文件（表格正在被打开），不是报送文件"})
			return nil
		}
		switch strings.ToLower(filepath.Ext(name)) {
		case ".xlsx", ".xlsm":
			work = append(work, path)
		case ".xls", ".et", ".ods", ".csv", ".ett", ".xlsb", ".numbers":
			others = append(others, sc.rd.NotWorkbook(rel, strings.ToLower(filepath.Ext(name))))
		default:
			res.Skipped = append(res.Skipped, Skipped{rel, "不是表格文件"})
		}
		return nil
	})
	if err != nil {
		return res, err
	}
	if afterList != nil {
		afterList(dir)
	}
	results, hows := readAll(ctx, sc, dir, work)
	res.Files = len(work)
	for i, h := range hows {
		switch h.outcome {
		case parsed:
			res.Parsed++
		case vanished:
			return res, fmt.Errorf("%w：%s 在读取时已不在收件文件夹中（文件夹正被移动、改名或断开？）", ErrUnreadable, work[i])
		case copying, copyingAnew:
			rel := relPath(dir, work[i])
			res.Copying = append(res.Copying, rel)
			if at := h.modTime.Add(Settle); at.After(res.Settled) {
				res.Settled = at
			}
			what := "本次未读取"
			if h.outcome == copying {
				what = "本次沿用上次读到的内容"
			}
			res.Skipped = append(res.Skipped, Skipped{rel, "可能仍在复制或保存中（" + h.modTime.Format("15:04:05") + " 刚改动过，还不能作为表格打开）：" + what + "，等它不再变动后再读"})
		}
	}
	if again, err := os.Stat(dir); err != nil || !os.SameFile(info, again) {
		return res, fmt.Errorf("%w：%s 在读取过程中被移走、改名或断开", ErrUnreadable, dir)
	}
	for i, r := range append(results, others...) {
		if i < len(hows) && hows[i].outcome == copyingAnew {
			continue // nothing read of it before: as if not yet arrived
		}
		res.Findings = append(res.Findings, r.Findings...)
		if r.Usable {
			res.Reports = append(res.Reports, r.Report)
			continue
		}
		file := r.Report.File
		if file == "" && len(r.Findings) > 0 {
			file = r.Findings[0].File // a file not opened has no report
		}
		res.Rejected = append(res.Rejected, domain.Rejected{File: file, Units: r.Units, Months: r.Months, Reason: r.Reason, Hint: r.Hint})
	}
	sort.Slice(res.Rejected, func(i, j int) bool { return res.Rejected[i].File < res.Rejected[j].File })
	sort.SliceStable(res.Findings, func(i, j int) bool { return res.Findings[i].File < res.Findings[j].File })
	sort.Slice(res.Reports, func(i, j int) bool {
		a, b := res.Reports[i], res.Reports[j]
		if a.Unit != b.Unit {
			return a.Unit < b.Unit
		}
		if a.Month != b.Month {
			return a.Month.Before(b.Month)
		}
		return a.File < b.File
	})
	sort.Slice(res.Skipped, func(i, j int) bool { return res.Skipped[i].File < res.Skipped[j].File })
	return res, ctx.Err()
}

// afterList, when set by a test, runs between listing the inbox and
// reading its workbooks.
var afterList func(dir string)

// sharedTexts makes the equal texts of the reports one string in memory,
// as each report is read. Units write the same words month after month
// (无, 按计划推进, a plan copied from last month's file) and every file
// names the same cells, so that a province's inbox holds each of them
// thousands of times.
type sharedTexts struct {
	mu   sync.Mutex
	seen map[string]string
}

func (st *sharedTexts) report(r *domain.Report) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.seen == nil {
		st.seen = map[string]string{}
	}
	share := func(s *string) {
		if v, ok := st.seen[*s]; ok {
			*s = v
		} else {
			st.seen[*s] = *s
		}
	}
	share(&r.Reporter)
	share(&r.Phone)
	for j := range r.Tasks {
		t := &r.Tasks[j]
		share(&t.Cell)
		share(&t.Done)
		share(&t.Issues)
		share(&t.Next)
	}
	for j := range r.Targets {
		share(&r.Targets[j].Cell)
	}
	for j := range r.Problems {
		share(&r.Problems[j].Cell)
		share(&r.Problems[j].Measures)
	}
	for j := range r.Indicators {
		share(&r.Indicators[j].Cell)
		share(&r.Indicators[j].Note)
	}
}

func skipDir(d fs.DirEntry) error {
	if d.IsDir() {
		return filepath.SkipDir
	}
	return nil
}

func relPath(dir, path string) string {
	rel, err := filepath.Rel(dir, path)
	if err != nil {
		return filepath.ToSlash(path)
	}
	return filepath.ToSlash(rel)
}

// readAll reads the workbooks with one worker per core; results, and how
// each was come by, are in the order of paths.
func readAll(ctx context.Context, s scan, dir string, paths []string) ([]workbook.Result, []how) {
	out := make([]workbook.Result, len(paths))
	hows := make([]how, len(paths))
	var texts sharedTexts
	_ = parallel.ForErr(len(paths), 0, func(i int) error {
		if err := ctx.Err(); err != nil {
			return err // the scan returns it
		}
		out[i], hows[i] = s.read(paths[i], relPath(dir, paths[i]))
		if hows[i].outcome == parsed {
			texts.report(&out[i].Report) // those from the cache share theirs already (decoder.str)
		}
		return nil
	})
	return out, hows
}

// scan is what a scan reads each workbook with.
type scan struct {
	rd     *workbook.Reader
	schema keyhash.Key // of the reader's schema
	cache  *Cache      // nil for none
	now    time.Time   // when the scan began
}

// how a workbook's result was come by.
type how struct {
	outcome outcome
	modTime time.Time // of a workbook still being copied
}

type outcome int

const (
	cached      outcome = iota // taken from the cache
	parsed                     // read and parsed now
	copying                    // still being copied: its previous read, from the cache
	copyingAnew                // still being copied, never read before: left out
	vanished                   // gone since the folder was listed
)

// read reads the workbook at path, named rel in the inbox, or takes it
// from the cache.
func (s scan) read(path, rel string) (workbook.Result, how) {
	if s.cache != nil {
		// The common case of a rebuild: the same file as last time.
		if info, err := os.Stat(path); err == nil {
			if res, ok := s.cache.same(rel, s.schema, info); ok {
				res.Report.File, res.Report.ModTime = rel, info.ModTime()
				return res, how{}
			}
		}
	}
	data, info, problem := s.rd.ReadFile(path, rel)
	if problem != nil {
		if res, h, ok := s.waiting(path, rel); ok {
			return res, h
		}
		return *problem, how{}
	}
	hash := workbook.Hash(data)
	if s.cache != nil {
		if res, ok := s.cache.hashed(rel, s.schema, hash); ok {
			res.Report.File, res.Report.ModTime = rel, info.ModTime()
			s.cache.put(rel, cacheEntry{Size: info.Size(), ModTime: info.ModTime(), Hash: hash, Schema: s.schema, Result: res, Scanned: s.now})
			return res, how{}
		}
	}
	res := s.rd.ReadHashed(data, rel, hash)
	if !opened(res) && partial(data) {
		if res, h, ok := s.waiting(path, rel); ok {
			return res, h
		}
	}
	res.Report.ModTime = info.ModTime()
	if s.cache != nil {
		s.cache.put(rel, cacheEntry{Size: info.Size(), ModTime: info.ModTime(), Hash: hash, Schema: s.schema, Result: res, Scanned: s.now})
	}
	return res, how{outcome: parsed}
}

// waiting tells, of a workbook that could not be opened, whether it is
// not to be reported (ok): gone since the folder was listed, or still
// being copied, having been modified within Settle of the scan (its
// previous read, when the cache has one, is then its result). Otherwise
// it is broken, and reported.
func (s scan) waiting(path, rel string) (res workbook.Result, h how, ok bool) {
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return res, how{outcome: vanished}, true
	case err != nil || !recent(info.ModTime(), s.now):
		return res, h, false
	}
	if s.cache != nil {
		if res, ok := s.cache.previous(rel, s.schema); ok {
			return res, how{copying, info.ModTime()}, true
		}
	}
	return res, how{copyingAnew, info.ModTime()}, true
}

// opened reports whether res is of a file that opened as a workbook (a
// file that did not has no report).
func opened(res workbook.Result) bool { return res.Report.File != "" }

// partial reports whether data, which did not open as a workbook, may be
// one not yet wholly copied: nothing yet, the start of a zip (a workbook
// is one, its index written last), or zeros (space a copy set aside
// before writing). Anything else (a text file, an old .xls, a workbook
// with an open password) is no workbook however long one waits.
func partial(data []byte) bool {
	return len(data) == 0 || bytes.HasPrefix(data, []byte("PK")) || data[0] == 0
}

// recent reports whether a file modified at t was modified within Settle
// of now (a clock of a file server a little ahead counts too).
func recent(t, now time.Time) bool {
	d := now.Sub(t)
	return d < Settle && d > -Settle
}

// Names tells under which units and months the findings of an inbox are
// shown (the README, "Which month a file belongs to"): a file that is not
// used under every unit and month it names — in 基本信息, in its file name,
// in its folder's name — and any other under its report's.
type Names map[string]domain.Rejected

// Names returns the Names of r's findings.
func (r Result) Names() Names {
	n := make(Names, len(r.Rejected))
	for _, x := range r.Rejected {
		n[x.File] = x
	}
	return n
}

// Of returns the units and months under which finding f is shown; a unit
// or month not known is left out (none at all: the file named none).
func (n Names) Of(f domain.Finding) ([]domain.UnitID, []domain.Month) {
	if x, ok := n[f.File]; ok && (len(x.Units) > 0 || len(x.Months) > 0) {
		return x.Units, x.Months
	}
	var us []domain.UnitID
	var ms []domain.Month
	if f.Unit != "" {
		us = append(us, f.Unit)
	}
	if !f.Month.IsZero() {
		ms = append(ms, f.Month)
	}
	return us, ms
}
