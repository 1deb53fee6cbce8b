package cli

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/plansite/plansite/internal/browser/browsertest"
	"github.com/plansite/plansite/internal/content"
	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/workbook"
)

// figures returns data/summary.json of the site in out without the time
// of its build: every figure a reader of the site sees.
func figures(t *testing.T, out string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, "data", "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	delete(m, "generated")
	b, err = json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// listTree returns every name under dir, folders included ("" when dir
// does not exist).
func listTree(t *testing.T, dir string) string {
	t.Helper()
	var names []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if os.IsNotExist(err) {
				return nil
			}
			return err
		}
		names = append(names, p)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(names, "\n")
}

// TestBuildKeepsTheSiteWhenTheInboxGoes: an inbox renamed away, an empty
// folder in its place (a share that did not mount), and one that lost
// most of its months each make build exit 1 naming the inbox, and the
// site keeps its pages and figures, with the cache folder deleted too
// (the record of the last build is the site's own). build --accept-fewer
// publishes a really smaller inbox, which is then the one to compare
// with.
func TestBuildKeepsTheSiteWhenTheInboxGoes(t *testing.T) {
	dir := copyContent(t)
	inbox := filepath.Join(dir, "inbox")
	out := filepath.Join(t.TempDir(), "public")
	build := func(extra ...string) (int, string) {
		t.Helper()
		code, _, stderr := run(append([]string{"build", "--content", dir, "--out", out}, extra...)...)
		return code, stderr
	}
	if code, stderr := build(); code != 0 {
		t.Fatalf("first build: exit %d: %s", code, stderr)
	}
	site, figs := hashTree(t, out), figures(t, out)
	kept := func(what string, code int, stderr string, says ...string) {
		t.Helper()
		if code != 1 {
			t.Errorf("%s: exit %d; want 1", what, code)
		}
		for _, s := range append(says, inbox, "网站保持上次的样子") {
			if !strings.Contains(stderr, s) {
				t.Errorf("%s: the message lacks %q:\n%s", what, s, stderr)
			}
		}
		if figures(t, out) != figs {
			t.Errorf("%s: the figures of summary.json changed", what)
		}
		if !maps.Equal(hashTree(t, out), site) {
			t.Errorf("%s: the site's files changed", what)
		}
	}

	moved := filepath.Join(t.TempDir(), "moved")
	if err := os.Rename(inbox, moved); err != nil {
		t.Fatal(err)
	}
	code, stderr := build()
	kept("inbox renamed away", code, stderr, "不存在")

	if err := os.RemoveAll(filepath.Join(filepath.Dir(out), ".plansite-cache")); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(inbox, 0o755); err != nil {
		t.Fatal(err)
	}
	code, stderr = build()
	kept("an empty folder in its place, no cache", code, stderr, "一个表格也没有", "--accept-fewer")

	for _, m := range []string{"2023-05", "2023-06", "2023-07"} {
		if err := os.Rename(filepath.Join(moved, m), filepath.Join(inbox, m)); err != nil {
			t.Fatal(err)
		}
	}
	code, stderr = build()
	kept("five months of eight gone", code, stderr, "2023年8月", "2023年12月", "--accept-fewer")
	if strings.Contains(stderr, "2023年7月：") {
		t.Errorf("a month still whole is named:\n%s", stderr)
	}

	if code, stderr := build("--accept-fewer"); code != 0 {
		t.Fatalf("build --accept-fewer: exit %d: %s", code, stderr)
	}
	if figures(t, out) == figs {
		t.Error("build --accept-fewer did not publish the smaller inbox")
	}
	if code, stderr := build(); code != 0 {
		t.Errorf("the accepted inbox built again: exit %d: %s", code, stderr)
	}
}

// TestFirstBuildWithNoInbox: with no site yet, a missing inbox is still an
// error once reports are due (a typo in site.yaml, a share not mounted);
// before the first month's due day it is a plan with no reports yet, and
// the site is built.
func TestFirstBuildWithNoInbox(t *testing.T) {
	dir := copyContent(t)
	if err := os.RemoveAll(filepath.Join(dir, "inbox")); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	code, _, stderr := run("build", "--content", dir, "--out", out)
	if code != 1 || !strings.Contains(stderr, filepath.Join(dir, "inbox")) || !strings.Contains(stderr, "不存在") {
		t.Errorf("no inbox, reports due: exit %d:\n%s\nwant 1 naming the inbox", code, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a site was made")
	}
	t.Setenv("SOURCE_DATE_EPOCH", "1682899200") // 2023-05-01, before the first due day (24 May)
	code, stdout, stderr := run("build", "--content", dir, "--out", out)
	if code != 0 || !strings.Contains(stdout, "还不存在") {
		t.Errorf("no inbox, no report due yet: exit %d:\n%s\n%s", code, stdout, stderr)
	}
}

// TestServeKeepsTheSiteWhenTheInboxGoes: under serve, moving the inbox
// away keeps the site and its figures, with a banner on the pages and a
// line in the log naming the inbox; putting it back builds again.
func TestServeKeepsTheSiteWhenTheInboxGoes(t *testing.T) {
	dir := copyContent(t)
	base, _, stderr := startServe(t, dir)
	out := filepath.Join(filepath.Dir(dir), "public")
	figs := figures(t, out)
	inbox := filepath.Join(dir, "inbox")
	moved := filepath.Join(t.TempDir(), "moved")
	if err := os.Rename(inbox, moved); err != nil {
		t.Fatal(err)
	}
	var page string
	for start := time.Now(); !strings.Contains(page, "上次重新生成失败"); time.Sleep(100 * time.Millisecond) {
		if time.Since(start) > 15*time.Second {
			t.Fatalf("no banner 15 s after the inbox went; summary.json unchanged: %v\n%s", figures(t, out) == figs, stderr)
		}
		_, page = get(t, base+"index.html")
	}
	if !strings.Contains(page, "收件文件夹") || !strings.Contains(page, "重点任务状态") {
		t.Errorf("the banner does not name the inbox, or the old site is not under it")
	}
	if !strings.Contains(stderr.String(), "重新生成失败") || !strings.Contains(stderr.String(), inbox) {
		t.Errorf("no log line naming the inbox:\n%s", stderr)
	}
	time.Sleep(2 * time.Second) // a poll and a rebuild more
	if figures(t, out) != figs {
		t.Error("the figures of summary.json changed while the inbox was gone")
	}

	if err := os.Rename(moved, inbox); err != nil {
		t.Fatal(err)
	}
	for start := time.Now(); strings.Contains(page, "上次重新生成失败"); time.Sleep(100 * time.Millisecond) {
		if time.Since(start) > 15*time.Second {
			t.Fatal("the banner stayed 15 s after the inbox came back")
		}
		_, page = get(t, base+"index.html")
	}
}

// moveInboxOut moves the inbox of content folder dir to a folder outside
// it and names that folder in site.yaml; it returns the folder.
func moveInboxOut(t *testing.T, dir, name string) string {
	t.Helper()
	inbox := filepath.Join(t.TempDir(), name)
	if err := os.Rename(filepath.Join(dir, "inbox"), inbox); err != nil {
		t.Fatal(err)
	}
	setInbox(t, dir, inbox)
	return inbox
}

// setInbox writes inbox as the inbox of site.yaml in dir.
func setInbox(t *testing.T, dir, inbox string) {
	t.Helper()
	p := filepath.Join(dir, "site.yaml")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	i := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, "inbox:") })
	if i < 0 {
		t.Fatal("site.yaml has no inbox line; update the test")
	}
	lines[i] = "inbox: " + inbox
	if err := os.WriteFile(p, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
}

// startWatch runs plansite watch on content folder dir into out until
// the test ends.
func startWatch(t *testing.T, dir, out string) (stdout, stderr *syncBuffer) {
	t.Helper()
	return startLive(t, "watch", "--content", dir, "--out", out, "--poll", "1s")
}

// waitFor waits up to limit for cond, failing with what otherwise.
func waitFor(t *testing.T, limit time.Duration, what string, cond func() bool) {
	t.Helper()
	for start := time.Now(); !cond(); time.Sleep(100 * time.Millisecond) {
		if time.Since(start) > limit {
			t.Fatalf("%s: not within %v", what, limit)
		}
	}
}

// submissionsSay reports whether the submissions page of the site in out
// says text.
func submissionsSay(out, text string) bool {
	b, err := os.ReadFile(filepath.Join(out, "submissions", "index.html"))
	return err == nil && strings.Contains(string(b), text)
}

// TestWatchFollowsTheInbox: watch started while the content is broken
// watches the inbox once the content is mended, and watches the new inbox
// after site.yaml names another: a workbook dropped into it is on the
// site within seconds. (The inbox is outside the content folder here, as
// a network share is.)
func TestWatchFollowsTheInbox(t *testing.T) {
	dir := copyContent(t)
	inbox := moveInboxOut(t, dir, "共享盘")
	siteYAML, err := os.ReadFile(filepath.Join(dir, "site.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "site.yaml"), append([]byte("title: [\n"), siteYAML...), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	stdout, stderr := startWatch(t, dir, out)
	waitFor(t, 20*time.Second, "the first (failed) build", func() bool { return strings.Contains(stderr.String(), "site.yaml") })
	if err := os.WriteFile(filepath.Join(dir, "site.yaml"), siteYAML, 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 15*time.Second, "the build after site.yaml was mended", func() bool { return submissionsSay(out, "未报送的单位 3 个，无效报送的单位 0 个") })

	drop := func(inbox, unit string) {
		t.Helper()
		if err := arrive(dir, unit, filepath.Join(inbox, "2023-12", "2023-12_"+unit+".xlsx")); err != nil {
			t.Fatal(err)
		}
	}
	drop(inbox, "琚湾镇人社中心")
	waitFor(t, 15*time.Second, "a workbook dropped into the inbox on the site", func() bool { return submissionsSay(out, "未报送的单位 2 个，无效报送的单位 1 个") })

	// site.yaml names another inbox (a copy of this one on another share).
	other := filepath.Join(t.TempDir(), "新共享盘")
	if err := os.CopyFS(other, os.DirFS(inbox)); err != nil {
		t.Fatal(err)
	}
	setInbox(t, dir, other)
	time.Sleep(3 * time.Second) // the rebuild that reads it
	drop(other, "吴店镇人社中心")
	waitFor(t, 15*time.Second, "a workbook dropped into the new inbox on the site", func() bool { return submissionsSay(out, "未报送的单位 1 个，无效报送的单位 2 个") })
	t.Logf("watch said:\n%s%s", stdout, stderr)
}

// TestWatchWaitsForAStalledCopy: a unit's corrected workbook copied over
// its file stalls half way for 3 s (longer than watch's quiet time): the
// site never shows the half file as broken nor loses the unit's figures
// meanwhile, and shows the corrected figures once the copy ends.
func TestWatchWaitsForAStalledCopy(t *testing.T) {
	dir := copyContent(t)
	out := filepath.Join(t.TempDir(), "public")
	path, corrected, task := correction(t, dir, "2023-12/2023-12_政策法规股.xlsx")
	stdout, stderr := startWatch(t, dir, out)
	waitFor(t, 20*time.Second, "the first build", func() bool { return strings.Contains(stdout.String(), "正在监视") })
	time.Sleep(500 * time.Millisecond)
	figs := figures(t, out)
	before := progressOf(t, out, task)

	f, err := os.OpenFile(path, os.O_WRONLY|os.O_TRUNC, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write(corrected[:len(corrected)/2]); err != nil {
		t.Fatal(err)
	}
	for start := time.Now(); time.Since(start) < 3*time.Second; time.Sleep(100 * time.Millisecond) {
		if figures(t, out) != figs {
			t.Fatalf("the site changed while the copy stalled: %s has %s (before %s); findings name the file: %v\n%s%s",
				task, progressOf(t, out, task), before, strings.Contains(figures(t, out), "2023-12_政策法规股.xlsx"), stdout, stderr)
		}
	}
	if !strings.Contains(stdout.String(), "仍在复制中") {
		t.Errorf("no rebuild during the stall said the file was still being copied:\n%s%s", stdout, stderr)
	}
	if _, err := f.Write(corrected[len(corrected)/2:]); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 15*time.Second, "the corrected figure on the site", func() bool { return progressOf(t, out, task) != before })
	if s := figures(t, out); strings.Contains(s, "不完整") {
		t.Error("the finished copy is reported as incomplete")
	}
}

// leadRow reads workbook rel of the inbox of content folder dir: its
// path, its bytes, the plan, its unit and a row of a task it leads, with
// a progress.
func leadRow(t *testing.T, dir, rel string) (path string, data []byte, plan *domain.Plan, unit domain.UnitID, row domain.TaskRow) {
	t.Helper()
	plan, err := content.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	path = filepath.Join(dir, "inbox", filepath.FromSlash(rel))
	if data, err = os.ReadFile(path); err != nil {
		t.Fatal(err)
	}
	res := workbook.NewReader(workbook.SchemaOf(plan)).Read(path, rel)
	for _, r := range res.Report.Tasks {
		if r.Role == domain.RoleLead && r.Progress != nil {
			row = r
		}
	}
	if row.TaskID == "" {
		t.Fatalf("%s leads no task with a progress; update the test", rel)
	}
	return path, data, plan, res.Report.Unit, row
}

// correction returns workbook rel of the inbox of content folder dir with
// the progress of a task its unit leads changed by 7 points, the task's
// id and where the workbook is.
func correction(t *testing.T, dir, rel string) (path string, corrected []byte, task string) {
	t.Helper()
	path, data, plan, unit, row := leadRow(t, dir, rel)
	v := *row.Progress + 7
	if v > 50 {
		v = *row.Progress - 7
	}
	corrected, err := workbook.Edit(data, plan, unit, []workbook.CellEdit{{Sheet: workbook.SheetTasks, RowID: row.TaskID, Label: "完成进度(%)", Number: v}})
	if err != nil {
		t.Fatal(err)
	}
	return path, corrected, string(row.TaskID)
}

// progressOf returns the progress of task id in the summary.json of the
// site in out, as written there.
func progressOf(t *testing.T, out, id string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, "data", "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	var s struct {
		Tasks []struct {
			ID       string          `json:"id"`
			Progress json.RawMessage `json:"progress"`
		} `json:"tasks"`
	}
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	for _, x := range s.Tasks {
		if x.ID == id {
			return string(x.Progress)
		}
	}
	return fmt.Sprintf("(no task %s)", id)
}

// TestBuildIntoALinkedOut: --out is a symbolic link (relative, as ln -s
// makes it) to the folder a web server shows: each build publishes into
// the link's target, the link stays a link, and the build's own files
// (lock, spare) are beside the target, not beside the link.
func TestBuildIntoALinkedOut(t *testing.T) {
	dir := copyContent(t)
	root := t.TempDir()
	target := filepath.Join(root, "srv", "site")
	link := filepath.Join(root, "www", "public")
	for _, d := range []string{target, filepath.Dir(link)} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(filepath.Join("..", "srv", "site"), link); err != nil {
		t.Fatal(err)
	}
	build := func() {
		t.Helper()
		if code, _, stderr := run("build", "--content", dir, "--out", link); code != 0 {
			t.Fatalf("build: exit %d: %s", code, stderr)
		}
		if info, err := os.Lstat(link); err != nil || info.Mode()&fs.ModeSymlink == 0 {
			t.Fatalf("--out is no longer a symbolic link: %v", err)
		}
		if dest, _ := os.Readlink(link); dest != filepath.Join("..", "srv", "site") {
			t.Errorf("the link points to %s now", dest)
		}
	}
	build()
	if !submissionsSay(target, "未报送的单位 3 个") {
		t.Fatal("the site is not in the link's target")
	}
	if err := arrive(dir, "琚湾镇人社中心", filepath.Join(dir, "inbox", "2023-12", "2023-12_琚湾镇人社中心.xlsx")); err != nil {
		t.Fatal(err)
	}
	build()
	if !submissionsSay(link, "未报送的单位 2 个，无效报送的单位 1 个") {
		t.Error("the second build is not seen through the link")
	}
	entries, err := os.ReadDir(filepath.Dir(link))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() != "public" && e.Name() != ".plansite-cache" {
			t.Errorf("%s beside the link; the build's files belong beside the target", e.Name())
		}
	}
	if _, err := os.Stat(filepath.Join(root, "srv", ".site.spare")); err != nil {
		t.Errorf("no spare beside the target: %v", err)
	}
}

// TestOutputInTheWrongPlace: an output folder inside the inbox, inside
// the content folder, holding the content folder, reached through a link
// into the inbox, or a file-system root, is refused before anything is
// made (exit 1, a message naming the folder): the content and the inbox
// are as they were, to the last folder, and no lock file is left.
func TestOutputInTheWrongPlace(t *testing.T) {
	dir := copyContent(t)
	inbox := filepath.Join(dir, "inbox")
	link := filepath.Join(t.TempDir(), "public")
	if err := os.Symlink(filepath.Join(inbox, "网站"), link); err != nil {
		t.Fatal(err)
	}
	_, rootLockErr := os.Lstat("/.lock")
	names, files := listTree(t, dir), hashTree(t, dir)
	for _, c := range []struct{ what, out, says string }{
		{"inside the inbox", filepath.Join(inbox, "public"), "在收件文件夹"},
		{"inside a month of the inbox", filepath.Join(inbox, "2023-12", "网站"), "在收件文件夹"},
		{"inside the content folder", filepath.Join(dir, "public"), "在内容文件夹"},
		{"holding the content folder", filepath.Dir(dir), "包含"},
		{"a link into the inbox", link, "在收件文件夹"},
		{"the root", "/", "根目录"},
	} {
		code, _, stderr := run("build", "--content", dir, "--out", c.out)
		if code != 1 || !strings.Contains(stderr, "输出目录的位置不对") || !strings.Contains(stderr, c.says) || !strings.Contains(stderr, c.out) {
			t.Errorf("%s: exit %d:\n%s\nwant 1 and a message that the output is %s", c.what, code, stderr, c.says)
		}
		if listTree(t, dir) != names || !maps.Equal(hashTree(t, dir), files) {
			t.Fatalf("%s: the content folder or the inbox changed", c.what)
		}
		if _, err := os.Lstat(filepath.Join(filepath.Dir(c.out), "."+filepath.Base(c.out)+".lock")); err == nil && c.out != "/" {
			t.Errorf("%s: a lock file was left beside the output", c.what)
		}
	}
	if _, err := os.Lstat("/.lock"); err == nil && rootLockErr != nil {
		_ = os.Remove("/.lock")
		t.Error("a lock file was made at /.lock")
	}
}

// TestWatchRefusesAnOutputInTheContent: watch with --out inside the
// content folder says so at each build, and a workbook that arrives sets
// off one build, not a build after every build.
func TestWatchRefusesAnOutputInTheContent(t *testing.T) {
	dir := copyContent(t)
	names := listTree(t, dir)
	stdout, stderr := startWatch(t, dir, filepath.Join(dir, "public"))
	waitFor(t, 20*time.Second, "the first build", func() bool { return strings.Contains(stdout.String(), "正在监视") })
	builds := func() int {
		return strings.Count(stdout.String(), "已生成") + strings.Count(stderr.String(), "重新生成失败")
	}
	added := filepath.Join(dir, "inbox", "2023-12", "2023-12_琚湾镇人社中心.xlsx")
	if err := arrive(dir, "琚湾镇人社中心", added); err != nil {
		t.Fatal(err)
	}
	time.Sleep(6 * time.Second)
	if n := builds(); n != 2 || !strings.Contains(stderr.String(), "在内容文件夹") {
		t.Errorf("%d builds; want 2 (at start, and after the workbook arrived), each refused:\n%s%s", n, stdout, stderr)
	}
	if strings.Replace(listTree(t, dir), "\n"+added, "", 1) != names {
		t.Error("something was made in the content folder")
	}
}

// TestPDFReadsAWorkbookCopiedWithItsOldTime: a unit's workbook replaced by
// a corrected one that keeps an older modification time (robocopy,
// Explorer and unzip keep times) is printed with the correction: pdf
// tells a changed workbook by its bytes, as the build does.
func TestPDFReadsAWorkbookCopiedWithItsOldTime(t *testing.T) {
	browsertest.ForTest(t).Close() // skips or fails as browser tests do when Chromium is missing
	pdftotext := need(t, "pdftotext")
	dir, tmp := copyContent(t), t.TempDir()
	out := filepath.Join(tmp, "public")
	printed := func(name string) string {
		t.Helper()
		pdf := filepath.Join(tmp, name)
		if code, stdout, stderr := run("pdf", "--content", dir, "--out", out, "--month", "2023-12", "-o", pdf); code != 0 {
			t.Fatalf("pdf: exit %d\n%s\n%s", code, stdout, stderr)
		}
		return strings.Join(strings.Fields(output(t, pdftotext, pdf, "-")), "")
	}
	const said = "已更正本月共举办专场招聘会九场"
	if strings.Contains(printed("before.pdf"), said) {
		t.Fatal("the report says the correction before it was made")
	}
	path, data, plan, unit, row := leadRow(t, dir, "2023-12/2023-12_劳动保障监察大队.xlsx") // leads overdue tasks: the report quotes it
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	corrected, err := workbook.Edit(data, plan, unit, []workbook.CellEdit{{Sheet: workbook.SheetTasks, RowID: row.TaskID, Label: "本月工作进展", Value: said}})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, corrected, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(path, info.ModTime(), info.ModTime()); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(printed("after.pdf"), said) {
		t.Errorf("the report printed after the correction does not say %q", said)
	}
}
