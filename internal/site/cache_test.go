package site

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/plansite/plansite/internal/content"
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
	defer func(b int) { TaskPageBudget = b }(TaskPageBudget)
	TaskPageBudget = 4000
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
