package inbox

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/plansite/plansite/internal/domain"
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
	Reports  []domain.Report  // usable reports, sorted by unit, month, file
	Findings []domain.Finding // sorted by file, then as found
	Skipped  []Skipped        // lock files, hidden and other files
	Files    int              // workbooks opened
	Parsed   int              // workbooks parsed (the others came from the cache)
}

// ErrNoInbox is returned when the inbox folder does not exist.
var ErrNoInbox = errors.New("收件文件夹不存在")

// Scan reads every workbook under dir against plan p. It returns ErrNoInbox
// (wrapped) when dir does not exist; any other problem is a finding.
func Scan(ctx context.Context, p *domain.Plan, dir string) (Result, error) {
	return ScanCached(ctx, p, dir, nil)
}

// ScanCached is Scan with a cache of parsed workbooks (nil for none): a
// workbook whose path, size, modification time and bytes are those of a
// cached one is not parsed again. The result is the same either way. The
// caller saves the cache (Cache.Save) after a scan without error, while it
// goes on with the result.
func ScanCached(ctx context.Context, p *domain.Plan, dir string, c *Cache) (Result, error) {
	var res Result
	info, err := os.Stat(dir)
	if err != nil || !info.IsDir() {
		return res, errors.Join(ErrNoInbox, err)
	}
	var work []string
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		rel := relPath(dir, path)
		if err != nil {
			if path == dir {
				return err
			}
			res.Findings = append(res.Findings, domain.Finding{File: rel, Severity: domain.Error, Message: "无法读取（没有读取权限，或共享文件夹已断开），未读取", Hint: "请检查文件夹权限"})
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
			res.Findings = append(res.Findings, domain.Finding{File: rel, Severity: domain.Error,
				Message: "不是 .xlsx 格式（" + strings.ToLower(filepath.Ext(name)) + "），未读取",
				Hint:    "请用 Excel 或 WPS 打开，另存为“Excel 工作簿（*.xlsx）”后重新报送"})
		default:
			res.Skipped = append(res.Skipped, Skipped{rel, "不是表格文件"})
		}
		return nil
	})
	if err != nil {
		return res, err
	}
	results := readAll(ctx, p, dir, work, c)
	res.Files = len(work)
	for _, r := range results {
		if r.Parsed {
			res.Parsed++
		}
		res.Findings = append(res.Findings, r.Findings...)
		if r.Usable {
			res.Reports = append(res.Reports, r.Report)
		}
	}
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

// readAll reads the workbooks with one worker per core; results are in the
// order of paths.
func readAll(ctx context.Context, p *domain.Plan, dir string, paths []string, c *Cache) []workbook.Result {
	var wc workbook.Cache
	if c != nil {
		wc = c
	}
	out := make([]workbook.Result, len(paths))
	var texts sharedTexts
	_ = parallel.ForErr(len(paths), 0, func(i int) error {
		if err := ctx.Err(); err != nil {
			return err // the scan returns it
		}
		out[i] = workbook.ReadCached(p, paths[i], relPath(dir, paths[i]), wc)
		texts.report(&out[i].Report)
		return nil
	})
	return out
}
