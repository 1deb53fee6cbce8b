package site

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/plansite/plansite/internal/chart"
	"github.com/plansite/plansite/internal/content"
	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/inbox"
	"github.com/plansite/plansite/internal/parallel"
	"github.com/plansite/plansite/internal/publish"
	"github.com/plansite/plansite/internal/render"
	"github.com/plansite/plansite/internal/store"
)

// ErrNoECharts is returned when the templates hold no ECharts script: the
// set-up step that copies it from the npm package has not run.
var ErrNoECharts = errors.New("模板中缺少 ECharts 脚本 assets/vendor/echarts.min.js（请先运行 make setup，它会通过 npm ci 获取 echarts 并嵌入）")

// Options say what to build.
type Options struct {
	Content   string       // content folder
	Out       string       // output folder, replaced by the new site
	Templates fs.FS        // the embedded templates; content/templates overrides them
	Log       io.Writer    // one line per stage; nil for none
	Now       time.Time    // build time, shown in the footer; zero for time.Now()
	Month     domain.Month // as-of month; zero for the latest month with any report
	Inbox     string       // inbox folder; "" for the content's setting
	Cache     string       // folder of the parsed-workbook cache; "" for none
}

// CacheDir is where the commands keep the parsed-workbook cache for the
// output folder out: beside it, never inside the site or the inbox.
func CacheDir(out string) string {
	return filepath.Join(filepath.Dir(filepath.Clean(out)), ".plansite-cache")
}

// Result sums up a build.
type Result struct {
	Tasks, Units int
	Workbooks    int // files read from the inbox
	Parsed       int // of which parsed now (the others came from the cache)
	Reports      int // usable reports among them
	Findings     int // findings about them
	Errors       int // findings of severity error
	AsOf         domain.Month
	Pages        int // HTML pages written
	Rendered     int // of which rendered now (the others linked from the previous site)
	Files        int // every file written
	Elapsed      time.Duration
}

// Build builds the site of o.Content into o.Out. Content mistakes come back
// as a content.Errors; the previous site is then left untouched.
func Build(ctx context.Context, o Options) (Result, error) {
	start := time.Now()
	if o.Now.IsZero() {
		o.Now = start
	}
	stage := time.Now()
	logf := func(format string, args ...any) {
		if o.Log != nil {
			fmt.Fprintf(o.Log, format+"（%.3f 秒）\n", append(args, time.Since(stage).Seconds())...)
		}
		stage = time.Now()
	}
	var res Result

	// The output's lock first: the staging folder is got ready meanwhile.
	tx, err := publish.Begin(o.Out, func() { logf("另一个 plansite 正在生成 %s，等待它结束……", o.Out) })
	if err != nil {
		return res, err
	}
	defer tx.Abort() // no-op after a successful Commit

	// The caches are written while the site is made, and written before
	// Build returns.
	var saves []func()
	save := func(f func()) { saves = append(saves, background(f)) }
	saved := func() {
		for _, wait := range saves {
			wait()
		}
	}
	defer saved()

	// The templates are hashed and parsed, and the store of what earlier
	// builds made is read, while the content and the inbox are read.
	templatesDone := make(chan templatesResult, 1)
	go func() { templatesDone <- loadTemplates(o) }()
	var kept, plans *store.Store // nil without a cache
	if o.Cache != "" {
		kept = store.Open(filepath.Join(o.Cache, "made.store"))
		plans = store.Open(filepath.Join(o.Cache, "plan.store"))
		go kept.Load()
	}

	plan, err := content.LoadKept(o.Content, plans)
	if err != nil {
		return res, err
	}
	save(plans.Save)
	res.Tasks, res.Units = len(plan.Tasks), len(plan.Units)
	logf("读取内容：%s（%d 项任务，%d 个单位，%d 个整改问题，%d 个评价指标）", o.Content, len(plan.Tasks), len(plan.Units), len(plan.Problems), len(plan.Indicators))

	dir := plan.Settings.Inbox
	if o.Inbox != "" {
		dir = o.Inbox
	}
	cache := inbox.OpenCache(o.Cache, plan)
	in, err := inbox.ScanCached(ctx, plan, dir, cache)
	switch {
	case errors.Is(err, inbox.ErrNoInbox):
		logf("收件文件夹 %s 不存在：按没有任何报送生成", dir)
	case err != nil:
		return res, err
	default:
		save(cache.Save)
	}
	res.Workbooks, res.Parsed, res.Reports, res.Findings = in.Files, in.Parsed, len(in.Reports), len(in.Findings)
	for _, f := range in.Findings {
		if f.Severity == domain.Error {
			res.Errors++
		}
	}
	logf("读取报送表格：%s（%d 个表格，其中 %d 个重新解析，%d 份可用；%d 处问题，其中 %d 处错误；跳过 %d 个文件）", dir, in.Files, in.Parsed, len(in.Reports), res.Findings, res.Errors, len(in.Skipped))

	t := <-templatesDone
	if t.err != nil {
		return res, t.err
	}
	r, fp := t.r, t.fp

	data := analyse(plan, in, o.Month)
	res.AsOf = data.res.AsOf
	logf("计算进度：截至 %s，%s", data.res.AsOf.Label(), countsText(data.res))

	// summary.json is made while the pages are.
	type made struct {
		b   []byte
		err error
	}
	summaryDone := make(chan made, 1)
	go func() {
		b, err := summaryJSON(data)
		summaryDone <- made{b, err}
	}()
	// So is the search index, written straight into the new site.
	type written struct {
		n   int
		err error
	}
	searchDone := make(chan written, 1)
	go func() {
		n, err := writeSearch(data, kept, tx)
		searchDone <- written{n, err}
	}()
	pages, err := buildPages(data, &chart.Memo{Store: kept}, &fragments{r: r, templates: fp, store: kept}, o.Now)
	idx := <-searchDone
	save(kept.Save) // the pages and the index are made: what they took is known
	if idx.err != nil {
		return res, idx.err
	}
	sm := <-summaryDone
	if err != nil {
		return res, err
	}
	summary, err := sm.b, sm.err
	if err != nil {
		return res, err
	}
	if err := ctx.Err(); err != nil {
		return res, err
	}

	m := openMemo(o.Cache, o.Out)
	rendered, err := renderAll(ctx, r, tx, pages, m, fp)
	if err != nil {
		return res, err
	}
	res.Pages, res.Files = len(pages), len(pages)+idx.n
	if err := tx.WriteFile("data/summary.json", summary); err != nil {
		return res, err
	}
	res.Files++
	assets, err := r.Assets()
	if err != nil {
		return res, err
	}
	for _, a := range assets {
		if !m.same(a, fp) || tx.Link(a, tx.Current(a)) != nil {
			b, err := r.Asset(a)
			if err != nil {
				return res, err
			}
			if err := tx.WriteFile(a, b); err != nil {
				return res, err
			}
		}
		res.Files++
	}
	res.Rendered = rendered
	if rendered < res.Pages {
		logf("生成页面：%d 个页面（%d 个有变化，其余沿用上次的），%d 个文件", res.Pages, rendered, res.Files)
	} else {
		logf("生成页面：%d 个页面，%d 个文件", res.Pages, res.Files)
	}
	if err := tx.Commit(fp); err != nil {
		return res, err
	}
	m.save()
	saved()
	res.Elapsed = time.Since(start)
	logf("发布到：%s", o.Out)
	return res, nil
}

// background runs f on a goroutine of its own; wait waits for it to end
// (and may be called again).
func background(f func()) (wait func()) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	return func() { <-done }
}

type templatesResult struct {
	r   *render.Renderer
	fp  string // Fingerprint
	err error
}

// loadTemplates hashes and parses the templates of o: the embedded ones
// with the content's overrides.
func loadTemplates(o Options) templatesResult {
	tmpl := render.Overlay(filepath.Join(o.Content, "templates"), o.Templates)
	fp := Fingerprint(tmpl)
	r, err := renderer(tmpl, fp+"\x00"+o.Content)
	if err != nil {
		return templatesResult{err: err}
	}
	if _, err := fs.Stat(tmpl, "assets/vendor/echarts.min.js"); err != nil {
		return templatesResult{err: ErrNoECharts}
	}
	return templatesResult{r: r, fp: fp}
}

// Fingerprint identifies a set of templates: a site built with other
// templates (another plansite) is stale.
func Fingerprint(templates fs.FS) string {
	h := sha256.New()
	_ = fs.WalkDir(templates, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		sum, err := fileHash(templates, p, d)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s %s\n", p, sum)
		return nil
	})
	return "templates " + hex.EncodeToString(h.Sum(nil))[:16]
}

// fileHashes remembers, for a process that builds again and again (serve,
// watch), the hash of each template file by path, size and modification
// time (embedded files have none, and do not change while it runs).
var fileHashes sync.Map

func fileHash(fsys fs.FS, p string, d fs.DirEntry) (string, error) {
	info, err := d.Info()
	if err != nil {
		return "", err
	}
	key := fmt.Sprintf("%s\x00%d\x00%d", p, info.Size(), info.ModTime().UnixNano())
	if v, ok := fileHashes.Load(key); ok {
		return v.(string), nil
	}
	b, err := fs.ReadFile(fsys, p)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(b)
	v := hex.EncodeToString(sum[:])
	fileHashes.Store(key, v)
	return v, nil
}

// renderers keeps the templates parsed for a fingerprint and content
// folder, so that serve and watch parse them once, not on every rebuild.
var renderers sync.Map

func renderer(tmpl fs.FS, fp string) (*render.Renderer, error) {
	if r, ok := renderers.Load(fp); ok {
		return r.(*render.Renderer), nil
	}
	r, err := render.New(tmpl)
	if err != nil {
		return nil, err
	}
	renderers.Store(fp, r)
	return r, nil
}

// Stale reports whether the site in out is missing, was built with other
// templates, or is older than any file of the content folder or the inbox
// (so that a command that needs the site builds it first).
func Stale(contentDir, inboxDir, out string, templates fs.FS) bool {
	stamp, at, ok := publish.Stamp(out)
	if !ok || stamp != Fingerprint(render.Overlay(filepath.Join(contentDir, "templates"), templates)) {
		return true
	}
	newer := false
	for _, dir := range []string{contentDir, inboxDir} {
		_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || newer {
				return filepath.SkipAll
			}
			if info, err := d.Info(); err == nil && info.ModTime().After(at) {
				newer = true
			}
			return nil
		})
	}
	return newer
}

// renderAll renders and writes the pages with one worker per core; a page
// made from the same data and templates as last time is linked from the
// old site instead.
func renderAll(ctx context.Context, r *render.Renderer, tx *publish.Tx, pages []page, m *memo, templates string) (int, error) {
	var rendered atomic.Int64
	err := parallel.ForErr(len(pages), 0, func(i int) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		did, err := renderOne(r, tx, pages[i], m, templates)
		if did {
			rendered.Add(1)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", pages[i].path, err)
		}
		return nil
	})
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	return int(rendered.Load()), err
}

// renderOne writes page p, or links it from the previous site when it is
// made from the same as then; rendered says which.
func renderOne(r *render.Renderer, tx *publish.Tx, p page, m *memo, templates string) (rendered bool, err error) {
	if p.data != nil {
		// Keyed by its inputs: the data is made only when the page changed.
		if m != nil {
			key := pageKey(templates, p.template, struct {
				Frame  render.Frame
				Inputs string
			}{p.frame, p.inputs})
			if m.same(p.path, key) && tx.Link(p.path, tx.Current(p.path)) == nil {
				return false, nil
			}
		}
		p.frame.Data = p.data()
	} else if m != nil {
		if m.same(p.path, pageKey(templates, p.template, p.frame)) && tx.Link(p.path, tx.Current(p.path)) == nil {
			return false, nil // unchanged: the old page, linked (rendered below when it is gone)
		}
	}
	b, err := r.RenderBytes(p.template, p.frame)
	if err != nil {
		return true, err
	}
	return true, tx.WriteFile(p.path, b)
}
