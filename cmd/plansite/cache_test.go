package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/plansite/plansite/internal/content"
	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/workbook"
)

// binaries are the plansite programs the tests built, by go build
// arguments, in a folder removed after the tests (TestMain).
var binaries = struct {
	sync.Mutex
	dir string
	m   map[string]string
}{m: map[string]string{}}

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "plansite-bin-")
	if err != nil {
		panic(err)
	}
	binaries.dir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// buildBinary builds plansite with extra go build arguments, once for the
// tests of this package.
func buildBinary(t *testing.T, args ...string) string {
	t.Helper()
	binaries.Lock()
	defer binaries.Unlock()
	key := strings.Join(args, " ")
	if bin, ok := binaries.m[key]; ok {
		return bin
	}
	bin := filepath.Join(binaries.dir, fmt.Sprintf("plansite-%d", len(binaries.m)))
	cmd := exec.Command("go", append(append([]string{"build", "-o", bin}, args...), ".")...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	binaries.m[key] = bin
	return bin
}

// copyContent copies the example content, inbox included, into dir.
func copyContent(t *testing.T, dir string) string {
	t.Helper()
	c := filepath.Join(dir, "content")
	if err := os.CopyFS(c, os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	return c
}

// plansite returns the command that runs bin with args, with a fixed build
// time (SOURCE_DATE_EPOCH), so that two builds of the same files write the
// same bytes.
func plansite(bin string, args ...string) *exec.Cmd {
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "SOURCE_DATE_EPOCH=1700000000")
	return cmd
}

func mustRun(t *testing.T, cmd *exec.Cmd) string {
	t.Helper()
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", strings.Join(cmd.Args, " "), err, out)
	}
	return string(out)
}

// siteFiles returns every file of a built site by path.
func siteFiles(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		b, err := os.ReadFile(p)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// sameSite fails unless the site in dir is, byte for byte, want.
func sameSite(t *testing.T, what, dir string, want map[string][]byte) {
	t.Helper()
	got := siteFiles(t, dir)
	for p, b := range want {
		if !bytes.Equal(got[p], b) {
			t.Fatalf("%s: %s differs from the site a build without cache makes", what, p)
		}
	}
	if len(got) != len(want) {
		t.Fatalf("%s: %d files; a build without cache makes %d", what, len(got), len(want))
	}
}

// damageCache changes every file of the cache folder with damage.
func damageCache(t *testing.T, cache string, damage func([]byte) []byte) {
	t.Helper()
	entries, err := os.ReadDir(cache)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) < 2 {
		t.Fatalf("%d cache files", len(entries))
	}
	for _, e := range entries {
		p := filepath.Join(cache, e.Name())
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, damage(b), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestCacheAcrossProcesses: builds with the cache, each a plansite process
// of its own, write byte for byte the site a build without cache writes:
// after a first build, from an untouched cache, from caches with bits
// flipped, cut short or edited by hand, and after a page of the site was
// edited by hand. A build by another plansite (another build ID) takes
// nothing from the caches: it parses every workbook and renders every page.
func TestCacheAcrossProcesses(t *testing.T) {
	dir := t.TempDir()
	bin := buildBinary(t)
	other := buildBinary(t, "-ldflags=-X github.com/plansite/plansite/internal/cli.Version=another")
	contentDir := copyContent(t, dir)
	ref := filepath.Join(dir, "ref")
	mustRun(t, plansite(bin, "build", "--content", contentDir, "--out", ref, "--no-cache"))
	want := siteFiles(t, ref)
	out := filepath.Join(dir, "public")
	cache := filepath.Join(dir, ".plansite-cache")
	build := func(bin string) string {
		t.Helper()
		return mustRun(t, plansite(bin, "build", "--content", contentDir, "--out", out))
	}

	build(bin)
	sameSite(t, "the first build", out, want)
	if said := build(bin); !strings.Contains(said, "其中 0 个重新解析") || !strings.Contains(said, "（0 个有变化") {
		t.Errorf("a build of the same files parsed or rendered again:\n%s", said)
	}
	sameSite(t, "a build from the cache", out, want)

	r := rand.New(rand.NewPCG(3, 4))
	for trial := 0; trial < 5; trial++ {
		damageCache(t, cache, func(b []byte) []byte {
			for n := 1 + r.IntN(8); n > 0; n-- {
				i := r.IntN(len(b) * 8)
				b[i/8] ^= 1 << (i % 8)
			}
			return b
		})
		build(bin)
		sameSite(t, fmt.Sprintf("bits flipped in the caches, trial %d", trial), out, want)
	}
	damageCache(t, cache, func(b []byte) []byte { return b[:r.IntN(len(b))] })
	build(bin)
	sameSite(t, "caches cut short", out, want)
	// Edited as with a text editor: each 就业 (in the units' texts and
	// names) written 创业, the length kept.
	damageCache(t, cache, func(b []byte) []byte { return bytes.ReplaceAll(b, []byte("就业"), []byte("创业")) })
	build(bin)
	sameSite(t, "caches edited by hand", out, want)

	page := filepath.Join(out, "units", "index.html")
	b, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(page, bytes.Replace(b, []byte("<h1>"), []byte("<h1>改过 "), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	build(bin)
	sameSite(t, "a page edited by hand in the site", out, want)

	said := build(other)
	m := regexp.MustCompile(`（(\d+) 个表格，其中 (\d+) 个重新解析`).FindStringSubmatch(said)
	if m == nil || m[1] != m[2] || m[1] == "0" || strings.Contains(said, "个有变化") {
		t.Errorf("another plansite took workbooks or pages from the caches of this one:\n%s", said)
	}
	sameSite(t, "a build by another plansite", out, want)
}

// leadWorkbook is a workbook of the latest month of an inbox with a row of
// a task its unit leads (findLead).
type leadWorkbook struct {
	plan     *domain.Plan
	path     string
	unit     domain.UnitID
	row      domain.TaskRow
	original []byte
}

// findLead loads the content folder dir and finds a leadWorkbook in its
// inbox.
func findLead(t *testing.T, dir string) leadWorkbook {
	t.Helper()
	plan, err := content.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(dir, "inbox", "2023-12", "*.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	rd := workbook.NewReader(workbook.SchemaOf(plan))
	for _, f := range files {
		res := rd.Read(f, filepath.Base(f))
		for _, row := range res.Report.Tasks {
			if row.Role == domain.RoleLead && row.Progress != nil && res.Usable {
				b, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				return leadWorkbook{plan, f, res.Report.Unit, row, b}
			}
		}
	}
	t.Fatal("no workbook of 2023-12 with a lead's progress")
	return leadWorkbook{}
}

// corrected is the workbook's bytes with the row's progress corrected to v.
func (w leadWorkbook) corrected(t *testing.T, v float64) []byte {
	t.Helper()
	b, err := workbook.Edit(w.original, w.plan, w.unit, []workbook.CellEdit{{Sheet: workbook.SheetTasks, RowID: w.row.TaskID, Label: "完成进度(%)", Number: v}})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestCacheAcrossProcessesAfterEdits: after each edit a person makes, a
// plansite process building with the caches writes, byte for byte, the
// site another process writes of the same files without them, into a
// folder of its own: a task's description edited (no workbook parsed
// again), a figure corrected in a workbook (that workbook only parsed
// again), and a unit's file handed in twice. The content folder spelt
// another way (relative instead of absolute) parses nothing again either.
func TestCacheAcrossProcessesAfterEdits(t *testing.T) {
	dir := t.TempDir()
	bin := buildBinary(t)
	contentDir := copyContent(t, dir)
	out := filepath.Join(dir, "public")
	parsed := regexp.MustCompile(`（(\d+) 个表格，其中 (\d+) 个重新解析`)
	// build builds with the caches and says how many workbooks it parsed
	// again; the site is then the one a build without them makes.
	build := func(what string) string {
		t.Helper()
		said := mustRun(t, plansite(bin, "build", "--content", contentDir, "--out", out))
		ref := filepath.Join(t.TempDir(), "ref")
		mustRun(t, plansite(bin, "build", "--content", contentDir, "--out", ref, "--no-cache"))
		sameSite(t, what, out, siteFiles(t, ref))
		m := parsed.FindStringSubmatch(said)
		if m == nil {
			t.Fatalf("%s: the build does not say what it parsed:\n%s", what, said)
		}
		return m[2]
	}
	build("the first build")

	rel := plansite(bin, "build", "--content", "content", "--out", "public")
	rel.Dir = dir
	if m := parsed.FindStringSubmatch(mustRun(t, rel)); m == nil || m[2] != "0" {
		t.Errorf("the content folder spelt relative to the one before: %v workbooks parsed again; want 0", m)
	}

	task := filepath.Join(contentDir, "tasks", "1-1.md")
	b, err := os.ReadFile(task)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(task, append(b, "\n本任务由局长亲自调度。\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	if n := build("a task's description edited"); n != "0" {
		t.Errorf("after a task's description was edited, %s workbooks were parsed again; want 0", n)
	}

	w := findLead(t, contentDir)
	if err := os.WriteFile(w.path, w.corrected(t, float64((int(*w.row.Progress)+37)%100)), 0o644); err != nil {
		t.Fatal(err)
	}
	if n := build("a figure corrected in a workbook"); n != "1" {
		t.Errorf("after one workbook changed, %s were parsed again; want 1", n)
	}

	again := strings.TrimSuffix(w.path, ".xlsx") + "（更正）.xlsx"
	if err := os.WriteFile(again, w.original, 0o644); err != nil {
		t.Fatal(err)
	}
	if n := build("a unit's file handed in twice"); n != "1" {
		t.Errorf("after one workbook was added, %s were parsed again; want 1", n)
	}
}
