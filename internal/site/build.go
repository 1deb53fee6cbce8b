package site

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/plansite/plansite/internal/content"
	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/inbox"
	"github.com/plansite/plansite/internal/pages"
	"github.com/plansite/plansite/internal/paperwork"
	"github.com/plansite/plansite/internal/publish"
	"github.com/plansite/plansite/internal/render"
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
	Now       time.Time    // build time, shown on the dashboard and in summary.json; zero for time.Now()
	Month     domain.Month // as-of month; zero for the latest month with any report
	Inbox     string       // inbox folder; "" for the content's setting
	Cache     string       // folder of the caches (parsed workbooks, page memo); "" for none
	// AcceptFewer publishes an inbox that holds far fewer reports than
	// the one the site was last built from (else ErrFewer).
	AcceptFewer bool
}

// CacheDir is where the commands keep the caches for the output folder
// out: beside it, never inside the site or the inbox.
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
	Inbox        string // the inbox folder read ("" when the content could not be loaded)
	// Copying counts the workbooks that looked still being copied and
	// were not read (inbox.Result.Copying); Settled is when to build
	// again to read them (zero when none).
	Copying int
	Settled time.Time
}

// Builder builds sites. Build, for one build, uses a fresh one, which
// reads the caches from their files and keeps nothing. serve and watch
// keep one Builder for all their rebuilds: it keeps, from one build to the
// next, the templates parsed and the parsed workbooks as decoded from the
// cache (the cache of its last build: as many entries as the inbox has
// workbooks). A Builder makes one build at a time.
type Builder struct {
	mu        sync.Mutex
	templates templatesResult // of the last build
	workbooks *inbox.Cache    // of the last build; nil before the first
}

// Build builds the site of o.Content into o.Out with a fresh Builder.
func Build(ctx context.Context, o Options) (Result, error) {
	return new(Builder).Build(ctx, o)
}

// Build builds the site of o.Content into o.Out. Content mistakes come back
// as a content.Errors; the previous site is then left untouched.
func (bld *Builder) Build(ctx context.Context, o Options) (Result, error) {
	bld.mu.Lock()
	defer bld.mu.Unlock()
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

	// The templates are hashed and parsed while the content and the
	// inbox are read.
	templatesDone := make(chan templatesResult, 1)
	go func() { templatesDone <- bld.loadTemplates(o) }()

	plan, err := content.Load(o.Content, pages.Reserved()...)
	if err != nil {
		return res, err
	}
	res.Tasks, res.Units = len(plan.Tasks), len(plan.Units)
	logf("读取内容：%s（%d 项任务，%d 个单位，%d 个整改问题，%d 个评价指标）", o.Content, len(plan.Tasks), len(plan.Units), len(plan.Problems), len(plan.Indicators))

	dir := plan.Settings.Inbox
	if o.Inbox != "" {
		dir = o.Inbox
	}
	res.Inbox = dir

	// The output's lock, once the output is known to be in its place (out
	// of the content folder and the inbox): the staging folder is got
	// ready, and the page memo read, while the inbox is.
	tx, err := publish.Begin(o.Out, func() { logf("另一个 plansite 正在生成 %s，等待它结束……", o.Out) },
		publish.Folder{Name: "收件文件夹", Path: dir}, publish.Folder{Name: "内容文件夹", Path: o.Content})
	if err != nil {
		return res, err
	}
	defer tx.Abort() // no-op after a successful Commit
	memoDone := make(chan *memo, 1)
	go func() { memoDone <- openMemo(o.Cache, o.Out) }()
	last := parseRecord(publish.Stamp(o.Out)) // of the inbox the site was built from

	cache := bld.cache(o.Cache)
	bld.workbooks = nil // until the scan is whole
	in, err := inbox.Scan(ctx, plan, dir, cache)
	// The cache is written while the site is made, and before Build
	// returns.
	cacheSaved := func() {}
	switch {
	case errors.Is(err, inbox.ErrNoInbox):
		if err := noInboxError(plan, dir, last, o.Now); err != nil {
			return res, err
		}
		logf("收件文件夹 %s 还不存在；第一次报送尚未到期，按没有任何报送生成", dir)
	case err != nil:
		return res, err
	default:
		if short := last.shortfall(recordOf(dir, in), reportingPeriod(plan.Settings)); len(short) > 0 {
			if !o.AcceptFewer {
				return res, fewerError(dir, short)
			}
			logf("收件文件夹中的报送比上次少了很多，已按 --accept-fewer 接受：%s", strings.Join(short, "；"))
		}
		cacheSaved = background(cache.Save)
		bld.workbooks = cache
	}
	defer cacheSaved()
	res.Workbooks, res.Parsed, res.Reports, res.Findings = in.Files, in.Parsed, len(in.Reports), len(in.Findings)
	for _, f := range in.Findings {
		if f.Severity == domain.Error {
			res.Errors++
		}
	}
	logf("读取报送表格：%s（%d 个表格，其中 %d 个重新解析，%d 份可用；%d 处问题，其中 %d 处错误；跳过 %d 个文件）", dir, in.Files, in.Parsed, len(in.Reports), res.Findings, res.Errors, len(in.Skipped))
	if res.Copying, res.Settled = len(in.Copying), in.Settled; res.Copying > 0 {
		logf("%d 个表格可能仍在复制或保存中（刚改动过，还不能打开），暂不读取（%s 以后再生成时读取）：%s", res.Copying, in.Settled.Format("15:04:05"), strings.Join(in.Copying, "、"))
	}

	t := <-templatesDone
	if t.err != nil {
		return res, t.err
	}
	r, fp := t.r, t.fp

	data := compute(plan, in, o.Month, o.Now)
	res.AsOf = data.Result.AsOf
	logf("计算进度：截至 %s，%s", data.Result.AsOf.Label(), pages.CountsText(data.Result))

	// summary.json and the search index are made while the pages are,
	// each written as soon as it is made (not held while the pages are).
	var summaryErr error
	summaryMade := background(func() {
		summary, err := summaryJSON(data)
		if err == nil {
			err = tx.WriteFile("data/summary.json", summary)
		}
		summaryErr = err
	})
	m := <-memoDone
	var searchFiles int
	var searchErr error
	searchWritten := background(func() { searchFiles, searchErr = writeSearch(data, m, tx) })
	n, err := renderAll(ctx, r, tx, data, m, fp)
	searchWritten()
	summaryMade()
	if err != nil {
		return res, err
	}
	for _, e := range []error{summaryErr, searchErr} {
		if e != nil {
			return res, e
		}
	}
	res.Pages, res.Rendered = n.pages, n.rendered
	res.Files = n.pages + n.files + searchFiles + 1 // and summary.json
	assets, err := writeAssets(r, tx)
	if err != nil {
		return res, err
	}
	res.Files += assets
	if res.Rendered < res.Pages {
		logf("生成页面：%d 个页面（%d 个有变化，其余沿用上次的），%d 个文件", res.Pages, res.Rendered, res.Files)
	} else {
		logf("生成页面：%d 个页面，%d 个文件", res.Pages, res.Files)
	}
	if err := tx.Commit(recordOf(dir, in).String()); err != nil {
		return res, err
	}
	m.save()
	cacheSaved()
	bld.templates = t
	res.Elapsed = time.Since(start)
	logf("发布到：%s", o.Out)
	return res, nil
}

// cache returns the parsed-workbook cache in dir: the one of the last
// build when it was in the same folder (its entries already decoded),
// else one read from its files; nil for "".
func (bld *Builder) cache(dir string) *inbox.Cache {
	if bld.workbooks != nil && bld.workbooks.Dir() == dir {
		return bld.workbooks
	}
	return inbox.OpenCache(dir)
}

// writeAssets puts the static files into the new site: each one linked
// from the previous site when that has the same bytes, else written. It
// returns how many there are.
func writeAssets(r *render.Renderer, tx *publish.Tx) (int, error) {
	assets, err := r.Assets()
	if err != nil {
		return 0, err
	}
	for _, a := range assets {
		b, err := r.Asset(a)
		if err != nil {
			return 0, err
		}
		if old, err := os.ReadFile(tx.Current(a)); err == nil && bytes.Equal(old, b) && tx.Link(a, tx.Current(a)) == nil {
			continue
		}
		if err := tx.WriteFile(a, b); err != nil {
			return 0, err
		}
	}
	return len(assets), nil
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
	r       *render.Renderer
	fp      string // Fingerprint
	content string // the content folder whose overrides they hold
	err     error
}

// loadTemplates hashes and parses the templates of o: the embedded ones
// with the content's overrides. Templates the last build parsed, with the
// same fingerprint, are not parsed again.
func (bld *Builder) loadTemplates(o Options) templatesResult {
	tmpl := render.Overlay(filepath.Join(o.Content, "templates"), o.Templates)
	fp := Fingerprint(tmpl)
	if last := bld.templates; last.r != nil && last.fp == fp && last.content == o.Content {
		return last
	}
	if _, err := fs.Stat(tmpl, "assets/vendor/echarts.min.js"); err != nil {
		return templatesResult{err: ErrNoECharts}
	}
	r, err := render.New(tmpl)
	if err != nil {
		return templatesResult{err: err}
	}
	return templatesResult{r: r, fp: fp, content: o.Content}
}

// Fingerprint identifies a set of templates: part of every page's key, so
// that a page made with other templates (another plansite, an override
// edited) is made again.
func Fingerprint(templates fs.FS) string {
	h := sha256.New()
	_ = fs.WalkDir(templates, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(templates, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		fmt.Fprintf(h, "%s %x\n", p, sum)
		return nil
	})
	return "templates " + hex.EncodeToString(h.Sum(nil))[:16]
}

// counts are the pages and the other files (汇总表, 通报) of a build,
// and how many pages were rendered rather than linked.
type counts struct{ pages, files, rendered int }

// renderAll makes the pages of d (pages.Make, one worker per core) and
// renders and writes each as it is made; a page made from the same data
// and templates as the previous site's file is linked from that site
// instead.
func renderAll(ctx context.Context, r *render.Renderer, tx *publish.Tx, d *pages.Data, m *memo, templates string) (counts, error) {
	var mu sync.Mutex
	var n counts
	err := pages.Make(d, func(p pages.Page) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		did, err := renderOne(r, tx, p, m, templates)
		mu.Lock()
		if p.File != nil {
			n.files++
		} else {
			n.pages++
			if did {
				n.rendered++
			}
		}
		mu.Unlock()
		if err != nil {
			return fmt.Errorf("%s: %w", p.Path, err)
		}
		return nil
	})
	if err := ctx.Err(); err != nil {
		return counts{}, err
	}
	return n, err
}

// renderOne writes page p, or links it from the previous site when the
// memo vouches for the file there; rendered says which.
func renderOne(r *render.Renderer, tx *publish.Tx, p pages.Page, m *memo, templates string) (rendered bool, err error) {
	key := p.Key
	switch {
	case p.File != nil || m == nil:
	case p.MakeData != nil:
		// Keyed by its inputs: the data is made only when the page
		// changed.
		key = pageKey(templates, p.Template, struct {
			Frame  render.Frame
			Inputs string
		}{p.Frame, p.Inputs})
	default:
		key = pageKey(templates, p.Template, p.Frame)
	}
	if m != nil && m.reuse(p.Path, key, tx.Current(p.Path)) && tx.Link(p.Path, tx.Current(p.Path)) == nil {
		return false, nil
	}
	buf := pageBufs.Get().(*bytes.Buffer)
	defer pageBufs.Put(buf)
	buf.Reset()
	if p.File != nil {
		err = p.File(buf)
	} else {
		if p.MakeData != nil {
			p.Frame.Data = p.MakeData()
		}
		err = r.Render(buf, p.Template, p.Frame)
	}
	if err != nil {
		return true, err
	}
	m.made(p.Path, key, buf.Bytes())
	return true, tx.WriteFile(p.Path, buf.Bytes())
}

// pageBufs keeps the buffers pages and files are made into, from one to
// the next: their bytes are written and forgotten, and a new buffer for
// each, grown by doubling, was a third of the garbage of a province's
// build (whose collector then ran without pause near its memory limit).
var pageBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Paperwork reads the content and the inbox of o as Build does and
// returns what the paperwork of o.Month is made of (zero: the latest
// month with any report), the same as the site's files of that month are
// made from. Content mistakes come back as a content.Errors; a missing
// inbox as inbox.ErrNoInbox.
func Paperwork(ctx context.Context, o Options) (paperwork.Input, error) {
	plan, err := content.Load(o.Content, pages.Reserved()...)
	if err != nil {
		return paperwork.Input{}, err
	}
	dir := plan.Settings.Inbox
	if o.Inbox != "" {
		dir = o.Inbox
	}
	in, err := inbox.Scan(ctx, plan, dir, inbox.OpenCache(o.Cache))
	if err != nil {
		return paperwork.Input{}, err
	}
	d := compute(plan, in, o.Month, o.Now)
	if _, ok := d.ByMonth[d.Result.AsOf]; !ok {
		// No report at all: the month's figures as they stand.
		d.ByMonth[d.Result.AsOf] = d.Result
	}
	return d.PaperworkInput(d.Result.AsOf), nil
}
