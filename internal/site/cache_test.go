package site

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"io/fs"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/plansite/plansite/internal/content"
	"github.com/plansite/plansite/internal/demo"
	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/pages"
	"github.com/plansite/plansite/internal/workbook"
	"github.com/plansite/plansite/templates"
)

// tree returns every file of a built site by path.
func tree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[rel] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestCacheChangesNothing: a build from the cache writes the same bytes as
// a build without it, also after one workbook of an earlier month changed
// (with a task page budget so small that earlier months have pages of
// their own, made only when their workbooks change); and after one
// workbook changes only that one is parsed again.
func TestCacheChangesNothing(t *testing.T) {
	defer func(b int) { pages.TaskPageBudget = b }(pages.TaskPageBudget)
	pages.TaskPageBudget = 4000
	dir := copyContent(t)
	now := time.Date(2024, 1, 2, 3, 4, 0, 0, time.UTC)
	work := t.TempDir()
	cache := filepath.Join(work, "cache")
	build := func(out, cache string) Result {
		t.Helper()
		res, err := Build(context.Background(), Options{Content: dir, Out: filepath.Join(work, out), Templates: templates.FS, Now: now, Cache: cache})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	if r := build("cold", cache); r.Parsed != r.Workbooks || r.Workbooks < 150 {
		t.Fatalf("first build parsed %d of %d", r.Parsed, r.Workbooks)
	}
	if r := build("warm", cache); r.Parsed != 0 {
		t.Errorf("second build parsed %d workbooks; want 0", r.Parsed)
	}
	build("none", "")
	cold, warm, none := tree(t, filepath.Join(work, "cold")), tree(t, filepath.Join(work, "warm")), tree(t, filepath.Join(work, "none"))
	for name, b := range none {
		if !bytes.Equal(cold[name], b) || !bytes.Equal(warm[name], b) {
			t.Errorf("%s differs between builds with and without the cache", name)
		}
	}
	if len(cold) != len(none) || len(warm) != len(none) {
		t.Errorf("%d, %d and %d files", len(cold), len(warm), len(none))
	}

	// One workbook changes (another unit's June file copied over it, a new
	// modification time): only it is parsed, and the result is the one of a
	// build without cache.
	src := filepath.Join(dir, "inbox", "2023-06", "2023-06_政策法规股.xlsx")
	dst := filepath.Join(dir, "inbox", "2023-06", "2023-06_仲裁院.xlsx")
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if r := build("warm", cache); r.Parsed != 1 {
		t.Errorf("after one workbook changed, %d were parsed; want 1", r.Parsed)
	}
	build("none", "")
	warm, none = tree(t, filepath.Join(work, "warm")), tree(t, filepath.Join(work, "none"))
	own := 0
	for name, b := range none {
		if !bytes.Equal(warm[name], b) {
			t.Errorf("after the change, %s differs between builds with and without the cache", name)
		}
		if strings.HasPrefix(filepath.ToSlash(name), "tasks/") && strings.Count(filepath.ToSlash(name), "/") == 3 {
			own++
		}
	}
	if len(warm) != len(none) || own == 0 {
		t.Errorf("%d and %d files, %d month pages of tasks", len(warm), len(none), own)
	}

	// A progress of 0 (a value the first cache encoding lost): parsed once,
	// then taken from the cache, the site is the one of a build without it.
	plan, err := content.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	zero := filepath.Join(dir, "inbox", "2023-08", "2023-08_就业中心.xlsx")
	res := workbook.NewReader(workbook.SchemaOf(plan)).Read(zero, "2023-08/2023-08_就业中心.xlsx")
	if len(res.Report.Tasks) == 0 {
		t.Fatal("no task row to set to 0")
	}
	data, err := os.ReadFile(zero)
	if err != nil {
		t.Fatal(err)
	}
	data, err = workbook.Edit(data, plan, res.Report.Unit, []workbook.CellEdit{{Sheet: workbook.SheetTasks, RowID: res.Report.Tasks[0].TaskID, Label: "完成进度(%)", Value: "0"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(zero, data, 0o644); err != nil {
		t.Fatal(err)
	}
	build("warm", cache)
	// Into a new folder, so that every page is made from the cache's data.
	if r := build("from-cache", cache); r.Parsed != 0 {
		t.Errorf("%d parsed on the build after; want 0", r.Parsed)
	}
	build("none", "")
	fromCache, none := tree(t, filepath.Join(work, "from-cache")), tree(t, filepath.Join(work, "none"))
	for name, b := range none {
		if !bytes.Equal(fromCache[name], b) {
			t.Errorf("with a progress of 0 from the cache, %s differs from a build without it", name)
		}
	}

	// Touched but not changed: read and hashed, not parsed.
	later := time.Now().Add(time.Minute)
	if err := os.Chtimes(src, later, later); err != nil {
		t.Fatal(err)
	}
	if r := build("warm", cache); r.Parsed != 0 {
		t.Errorf("a touched workbook was parsed again")
	}

	// An unreadable cache is an empty one.
	shards, _ := filepath.Glob(filepath.Join(cache, "workbooks-*.cache"))
	if len(shards) == 0 {
		t.Fatal("no cache file written")
	}
	for _, s := range shards {
		if err := os.WriteFile(s, []byte("{broken"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if r := build("warm", cache); r.Parsed != r.Workbooks {
		t.Errorf("with a broken cache %d of %d were parsed", r.Parsed, r.Workbooks)
	}
}

// cacheFixture is a content folder built with a cache, and the site a
// build without cache makes of it, to compare builds with.
type cacheFixture struct {
	t                   *testing.T
	content, out, cache string
	want                map[string][]byte // the site without cache
}

var fixedNow = time.Date(2024, 1, 2, 3, 4, 0, 0, time.UTC)

// newCacheFixture builds a copy of the example content, or a small
// synthetic plan and inbox when synthetic is set.
func newCacheFixture(t *testing.T, synthetic bool) *cacheFixture {
	requireECharts(t)
	work := t.TempDir()
	f := &cacheFixture{t: t, out: filepath.Join(work, "public"), cache: filepath.Join(work, "cache")}
	if synthetic {
		gen := filepath.Join(work, "gen")
		if _, err := demo.WriteSynthetic(gen, demo.Size{Units: 5, Months: 3, Tasks: 4, Seed: 7}, 2); err != nil {
			t.Fatal(err)
		}
		f.content = filepath.Join(gen, "content")
	} else {
		f.content = copyContent(t)
	}
	ref := filepath.Join(work, "ref")
	if _, err := Build(context.Background(), Options{Content: f.content, Out: ref, Templates: templates.FS, Now: fixedNow}); err != nil {
		t.Fatal(err)
	}
	f.want = tree(t, ref)
	f.build()
	return f
}

// build builds with the cache into the fixture's output folder.
func (f *cacheFixture) build() Result {
	f.t.Helper()
	r, err := Build(context.Background(), Options{Content: f.content, Out: f.out, Templates: templates.FS, Now: fixedNow, Cache: f.cache})
	if err != nil {
		f.t.Fatal(err)
	}
	return r
}

// check fails unless the site is, byte for byte, the one without cache.
func (f *cacheFixture) check(what string) {
	f.t.Helper()
	got := tree(f.t, f.out)
	for name, b := range f.want {
		if !bytes.Equal(got[name], b) {
			f.t.Fatalf("%s: %s differs from the site a build without cache makes", what, name)
		}
	}
	if len(got) != len(f.want) {
		f.t.Fatalf("%s: %d files; a build without cache makes %d", what, len(got), len(f.want))
	}
}

// files returns the bytes of every cache file by name.
func (f *cacheFixture) files() map[string][]byte {
	f.t.Helper()
	entries, err := os.ReadDir(f.cache)
	if err != nil {
		f.t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(f.cache, e.Name()))
		if err != nil {
			f.t.Fatal(err)
		}
		out[e.Name()] = b
	}
	return out
}

// restore puts the cache files back as files gave them, each changed by
// damage, and removes any other.
func (f *cacheFixture) restore(files map[string][]byte, damage func(name string, b []byte) []byte) {
	f.t.Helper()
	if err := os.RemoveAll(f.cache); err != nil {
		f.t.Fatal(err)
	}
	if err := os.MkdirAll(f.cache, 0o755); err != nil {
		f.t.Fatal(err)
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(f.cache, name), damage(name, bytes.Clone(b)), 0o644); err != nil {
			f.t.Fatal(err)
		}
	}
}

// TestCorruptCacheChangesNothing flips random bits in every cache file
// (the parsed workbooks and the page memo) of a small synthetic plan, 200
// times over, and builds from it: the site is each time, byte for byte, the one a build without
// cache makes. The caches are then cut short anywhere, and edited as a
// person with a text editor would (a figure changed, an entry copied over
// another): the same.
func TestCorruptCacheChangesNothing(t *testing.T) {
	f := newCacheFixture(t, true)
	f.check("the first build")
	good := f.files()
	if len(good) < 2 {
		t.Fatalf("%d cache files", len(good))
	}
	r := rand.New(rand.NewPCG(16, 200))
	parsed := 0
	for trial := 0; trial < 200; trial++ {
		f.restore(good, func(_ string, b []byte) []byte {
			for n := 1 + r.IntN(4); n > 0; n-- {
				i := r.IntN(len(b) * 8)
				b[i/8] ^= 1 << (i % 8)
			}
			return b
		})
		parsed += f.build().Parsed
		f.check(fmt.Sprintf("bit flips, trial %d", trial))
	}
	if parsed == 0 {
		t.Error("no workbook was parsed again in 200 trials: the flips reached nothing")
	}
	for trial := 0; trial < 20; trial++ {
		f.restore(good, func(_ string, b []byte) []byte { return b[:r.IntN(len(b))] })
		f.build()
		f.check(fmt.Sprintf("cut short, trial %d", trial))
	}
	// A progress of 100 (as the codec writes it) turned into 37, the
	// edit the issue saw publish 37 %; and the second half of a file
	// copied over its first.
	hundred, thirtySeven := math.Float64bits(100), math.Float64bits(37)
	var from, to [8]byte
	binary.LittleEndian.PutUint64(from[:], hundred)
	binary.LittleEndian.PutUint64(to[:], thirtySeven)
	edited := 0
	f.restore(good, func(_ string, b []byte) []byte {
		edited += bytes.Count(b, from[:])
		return bytes.ReplaceAll(b, from[:], to[:])
	})
	if edited == 0 {
		t.Fatal("no progress of 100 in the cache to edit")
	}
	f.build()
	f.check("figures edited in the cache")
	f.restore(good, func(_ string, b []byte) []byte {
		half := len(b) / 2
		copy(b[len(b)-half:], b[:half])
		return b
	})
	f.build()
	f.check("a cache file's first half copied over its second")
}

// TestMemoOfAnEarlierSite: the state a build killed between publishing
// its site and saving its caches leaves (the memo and the parsed
// workbooks of the build before it, a site that is newer), then the unit
// puts its earlier file back: the next build makes the site a build
// without cache makes, not the newer pages the memo no longer describes.
// A page edited by hand in the site is made again by the next build.
func TestMemoOfAnEarlierSite(t *testing.T) {
	f := newCacheFixture(t, false)
	before := f.files()
	plan, err := content.Load(f.content)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(f.content, "inbox", "2023-12", "2023-12_政策法规股.xlsx")
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	original, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	res := workbook.NewReader(workbook.SchemaOf(plan)).Read(path, "2023-12/2023-12_政策法规股.xlsx")
	var row domain.TaskRow
	for _, r := range res.Report.Tasks {
		if r.Role == domain.RoleLead && r.Progress != nil {
			row = r
		}
	}
	if row.TaskID == "" {
		t.Fatal("no lead's progress to correct")
	}
	corrected, err := workbook.Edit(original, plan, res.Report.Unit, []workbook.CellEdit{{Sheet: workbook.SheetTasks, RowID: row.TaskID, Label: "完成进度(%)", Number: float64(int(*row.Progress)+33) / 2}})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, corrected, 0o644); err != nil {
		t.Fatal(err)
	}
	if r := f.build(); r.Rendered == 0 || r.Rendered == r.Pages {
		t.Fatalf("the correction rendered %d of %d pages", r.Rendered, r.Pages)
	}
	// Killed after publishing: the caches are those of the build before.
	f.restore(before, func(_ string, b []byte) []byte { return b })
	if err := os.WriteFile(path, original, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(path, info.ModTime(), info.ModTime()); err != nil {
		t.Fatal(err)
	}
	f.build()
	f.check("the earlier file put back after a build killed before saving its caches")

	// A page edited by hand, keeping its size.
	page := filepath.Join(f.out, "tasks", "1-1", "index.html")
	b, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(b, []byte("</h1>"))
	if i < 1 {
		t.Fatal("no heading on the task page")
	}
	b[i-1] = 'X'
	if err := os.WriteFile(page, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if r := f.build(); r.Rendered != 1 {
		t.Errorf("after a page was edited by hand, %d pages were rendered; want that one", r.Rendered)
	}
	f.check("a page edited by hand")
}

// TestCacheKeptAcrossHarmlessEdits: editing what the reader does not read
// (a task's description and deadline, a page, the site's title, a unit's
// kind) parses no workbook again, nor does naming the content folder
// another way; a new alias of a unit (which the reader reads) parses
// every workbook again. Each time the site is the one without cache.
func TestCacheKeptAcrossHarmlessEdits(t *testing.T) {
	f := newCacheFixture(t, false)
	edit := func(name, old, new string) {
		t.Helper()
		p := filepath.Join(f.content, filepath.FromSlash(name))
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(b, []byte(old)) {
			t.Fatalf("%s has no %q", name, old)
		}
		if err := os.WriteFile(p, bytes.Replace(b, []byte(old), []byte(new), 1), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	rebuilt := func(what string, wantParsed func(r Result) bool) {
		t.Helper()
		r := f.build()
		if !wantParsed(r) {
			t.Errorf("%s: %d of %d workbooks parsed again", what, r.Parsed, r.Workbooks)
		}
		ref := filepath.Join(t.TempDir(), "ref")
		if _, err := Build(context.Background(), Options{Content: f.content, Out: ref, Templates: templates.FS, Now: fixedNow}); err != nil {
			t.Fatal(err)
		}
		f.want = tree(t, ref)
		f.check(what)
	}
	none := func(r Result) bool { return r.Parsed == 0 }
	edit("tasks/1-1.md", "实现应用尽用", "实现应用尽用、能用尽用")
	rebuilt("a task's description", none)
	edit("tasks/1-2.md", "deadline: 2024年底", "deadline: 2024年6月30日前")
	rebuilt("a task's deadline", none)
	edit("pages/plan.md", "营商环境", "营商环境（修订）")
	rebuilt("a page", none)
	edit("site.yaml", "title: ", "title: 修订版")
	rebuilt("the site's title", none)
	edit("units.yaml", "kind: 股室", "kind: 机关股室")
	rebuilt("a unit's kind", none)

	abs, err := filepath.Abs(f.content)
	if err != nil {
		t.Fatal(err)
	}
	rel, err := filepath.Rel(".", f.content)
	if err == nil && rel != abs {
		for _, spelling := range []string{abs, rel, abs + string(filepath.Separator)} {
			if r, err := Build(context.Background(), Options{Content: spelling, Out: f.out, Templates: templates.FS, Now: fixedNow, Cache: f.cache}); err != nil || r.Parsed != 0 {
				t.Errorf("content folder named %s: %d parsed, %v", spelling, r.Parsed, err)
			}
		}
	}

	edit("units.yaml", "aliases: [职建股]", "aliases: [职建股, 能力建设股]")
	rebuilt("a unit's new alias", func(r Result) bool { return r.Parsed == r.Workbooks })
}

// TestTemplateOverrideRebuildsPages: a page memo never keeps a page made
// with the templates as they were before the content overrode one.
func TestTemplateOverrideRebuildsPages(t *testing.T) {
	dir := copyContent(t)
	work := t.TempDir()
	o := Options{Content: dir, Out: filepath.Join(work, "public"), Templates: templates.FS, Cache: filepath.Join(work, "cache")}
	if _, err := Build(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	base, err := fs.ReadFile(templates.FS, "base.html")
	if err != nil {
		t.Fatal(err)
	}
	over := bytes.Replace(base, []byte("由 plansite 生成"), []byte("由本局自建模板生成"), 1)
	if err := os.MkdirAll(filepath.Join(dir, "templates"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "templates", "base.html"), over, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Build(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"index.html", "tasks/1-1/index.html", "units/jyzx/index.html"} {
		if !bytes.Contains(tree(t, o.Out)[p], []byte("由本局自建模板生成")) {
			t.Errorf("%s was not made with the overridden template", p)
		}
	}
}

// TestNextDayRendersOnlyTheDashboard: a build the next day from the same
// files makes the dashboard again (it says when the site was built) and
// links every other page; summary.json differs in its build time only.
func TestNextDayRendersOnlyTheDashboard(t *testing.T) {
	f := newCacheFixture(t, false)
	before := read(t, f.out, "data/summary.json")
	r, err := Build(context.Background(), Options{Content: f.content, Out: f.out, Templates: templates.FS, Now: fixedNow.AddDate(0, 0, 1), Cache: f.cache})
	if err != nil {
		t.Fatal(err)
	}
	if r.Rendered != 1 {
		t.Errorf("the next day %d pages were rendered; want the dashboard only", r.Rendered)
	}
	got := tree(t, f.out)
	for name, b := range f.want {
		if name != "index.html" && name != filepath.Join("data", "summary.json") && !bytes.Equal(got[name], b) {
			t.Errorf("the next day %s changed", name)
		}
	}
	if !strings.Contains(string(got["index.html"]), "网站生成于 2024-01-03 03:04") {
		t.Error("the dashboard does not say when the site was built")
	}
	after := read(t, f.out, "data/summary.json")
	if strings.Replace(after, `"generated": "2024-01-03T03:04:00Z"`, `"generated": "2024-01-02T03:04:00Z"`, 1) != before {
		t.Errorf("summary.json differs otherwise than in its build time")
	}
}

// TestCacheFollowsTheUnitsTexts: a unit rewriting its 本月工作进展 in its
// workbook of the latest month (no figure changed) changes the task's
// page, the month's report and paperwork as a build without the cache
// makes them: the rows of a task's page are keyed by the month's
// workbooks, not by their texts.
func TestCacheFollowsTheUnitsTexts(t *testing.T) {
	f := newCacheFixture(t, false)
	plan, err := content.Load(f.content)
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(f.content, "inbox", "2023-12", "*.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	var path string
	var res workbook.Result
	for _, p := range files {
		if res = workbook.NewReader(workbook.SchemaOf(plan)).Read(p, "2023-12/"+filepath.Base(p)); len(res.Report.Tasks) > 0 {
			path = p
			break
		}
	}
	if path == "" {
		t.Fatal("no workbook of 2023-12 with a task row")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	const text = "本月新写的一句进展：完成了第三批培训"
	data, err = workbook.Edit(data, plan, res.Report.Unit, []workbook.CellEdit{{Sheet: workbook.SheetTasks, RowID: res.Report.Tasks[0].TaskID, Label: "本月工作进展", Value: text}})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if r := f.build(); r.Parsed != 1 {
		t.Errorf("%d workbooks parsed; want 1", r.Parsed)
	}
	ref := filepath.Join(t.TempDir(), "ref")
	if _, err := Build(context.Background(), Options{Content: f.content, Out: ref, Templates: templates.FS, Now: fixedNow}); err != nil {
		t.Fatal(err)
	}
	f.want = tree(t, ref)
	f.check("a unit's text")
	task, _ := plan.Task(res.Report.Tasks[0].TaskID)
	page, err := os.ReadFile(filepath.Join(f.out, "tasks", task.Slug, "index.html"))
	if err != nil || !bytes.Contains(page, []byte(text)) {
		t.Errorf("the task's page does not show the new text (%v)", err)
	}
}
