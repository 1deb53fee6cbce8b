package inbox

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"

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
	Files    int               // workbooks opened
	Parsed   int               // workbooks parsed (the others came from the cache)
}

// ErrNoInbox is returned when the inbox folder does not exist.
var ErrNoInbox = errors.New("收件文件夹不存在")

// Scan reads every workbook under dir against plan p, taking from c (nil
// for none) what it kept of earlier scans: a workbook whose path, size,
// modification time, or bytes, are those of a kept one read against the
// same schema, is not parsed again. The result is the same either way.
// The caller saves the cache (Cache.Save) after a scan without error,
// while it goes on with the result. Scan returns ErrNoInbox (wrapped)
// when dir does not exist; any other problem is a finding.
func Scan(ctx context.Context, p *domain.Plan, dir string, c *Cache) (Result, error) {
	var res Result
	info, err := os.Stat(dir)
	if err != nil || !info.IsDir() {
		return res, errors.Join(ErrNoInbox, err)
	}
	schema := workbook.SchemaOf(p)
	sc := scan{rd: workbook.NewReader(schema), schema: keyhash.Of(schema), cache: c}
	var work []string
	var others []workbook.Result // spreadsheets of other formats
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		rel := relPath(dir, path)
		if err != nil {
			if path == dir {
				return err
			}
			res.Findings = append(res.Findings, domain.Finding{File: rel, Severity: domain.Error, Message: "无法读取：" + err.Error(), Hint: "请检查文件夹权限"})
			return nil
		}
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
	results, parsed := readAll(ctx, sc, dir, work)
	res.Files, res.Parsed = len(work), parsed
	for _, r := range append(results, others...) {
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

// readAll reads the workbooks with one worker per core; results are in the
// order of paths. parsed counts the workbooks parsed (not taken from c).
func readAll(ctx context.Context, s scan, dir string, paths []string) (out []workbook.Result, parsed int) {
	out = make([]workbook.Result, len(paths))
	var n atomic.Int64
	_ = parallel.ForErr(len(paths), 0, func(i int) error {
		if err := ctx.Err(); err != nil {
			return err // the scan returns it
		}
		var did bool
		out[i], did = s.read(paths[i], relPath(dir, paths[i]))
		if did {
			n.Add(1)
		}
		return nil
	})
	return out, int(n.Load())
}

// scan is what a scan reads each workbook with.
type scan struct {
	rd     *workbook.Reader
	schema keyhash.Key // of the reader's schema
	cache  *Cache      // nil for none
}

// read reads the workbook at path, named rel in the inbox, or takes it
// from the cache; parsed says which.
func (s scan) read(path, rel string) (res workbook.Result, parsed bool) {
	if s.cache != nil {
		// The common case of a rebuild: the same file as last time.
		if info, err := os.Stat(path); err == nil {
			if res, ok := s.cache.same(rel, s.schema, info); ok {
				res.Report.File, res.Report.ModTime = rel, info.ModTime()
				return res, false
			}
		}
	}
	data, info, problem := s.rd.ReadFile(path, rel)
	if problem != nil {
		return *problem, false
	}
	hash := workbook.Hash(data)
	if s.cache != nil {
		if res, ok := s.cache.hashed(rel, s.schema, hash); ok {
			res.Report.File, res.Report.ModTime = rel, info.ModTime()
			s.cache.put(rel, cacheEntry{Size: info.Size(), ModTime: info.ModTime(), Hash: hash, Schema: s.schema, Result: res})
			return res, false
		}
	}
	res = s.rd.ReadBytes(data, rel)
	res.Report.ModTime = info.ModTime()
	if s.cache != nil {
		s.cache.put(rel, cacheEntry{Size: info.Size(), ModTime: info.ModTime(), Hash: hash, Schema: s.schema, Result: res})
	}
	return res, true
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
