package inbox

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/plansite/plansite/internal/content"
	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/workbook"
)

const exampleContent = "../../content"

func copyInbox(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "inbox")
	if err := os.CopyFS(dir, os.DirFS(filepath.Join(exampleContent, "inbox"))); err != nil {
		t.Fatal(err)
	}
	return dir
}

func write(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// arrived sets the modification time of the file at path to ago before
// now.
func arrived(t *testing.T, path string, ago time.Duration) {
	t.Helper()
	at := time.Now().Add(-ago)
	if err := os.Chtimes(path, at, at); err != nil {
		t.Fatal(err)
	}
}

// TestBadFilesChangeNothingElse: a truncated file, a renamed text file, a
// .xls and an Office lock file each give their finding (or are listed as
// skipped), and every other report is read exactly as before.
func TestBadFilesChangeNothingElse(t *testing.T) {
	p, err := content.Load(exampleContent)
	if err != nil {
		t.Fatal(err)
	}
	clean := copyInbox(t)
	before, err := Scan(context.Background(), p, clean, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(before.Reports) < 150 {
		t.Fatalf("only %d reports in the example inbox", len(before.Reports))
	}

	dirty := copyInbox(t)
	good, err := os.ReadFile(filepath.Join(dirty, "2023-06", "2023-06_政策法规股.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dirty, "new", "2023-06_仲裁院（复制中）.xlsx"), good[:len(good)/3])
	write(t, filepath.Join(dirty, "new", "通知.xlsx"), []byte("请各单位于24日前报送。\n"))
	write(t, filepath.Join(dirty, "new", "2023-06_信息中心.xls"), append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 1024)...))
	write(t, filepath.Join(dirty, "new", "~$2023-06_仲裁院.xlsx"), make([]byte, 165))
	write(t, filepath.Join(dirty, "new", "说明.docx"), []byte("PK"))
	if err := os.MkdirAll(filepath.Join(dirty, "folder.xlsx"), 0o755); err != nil {
		t.Fatal(err)
	}
	// The copy broke off an hour ago: a workbook cut short just now is
	// waited for (TestCopyInProgressIsWaitedFor).
	arrived(t, filepath.Join(dirty, "new", "2023-06_仲裁院（复制中）.xlsx"), time.Hour)
	after, err := Scan(context.Background(), p, dirty, nil)
	if err != nil {
		t.Fatal(err)
	}
	strip := func(rs []domain.Report) []domain.Report {
		out := append([]domain.Report(nil), rs...)
		for i := range out {
			out[i].ModTime = time.Time{}
		}
		return out
	}
	if !reflect.DeepEqual(strip(after.Reports), strip(before.Reports)) {
		t.Error("bad files changed what the good files say")
	}
	want := map[string]string{
		"new/2023-06_仲裁院（复制中）.xlsx": "不完整",
		"new/通知.xlsx":          "不是 Excel 工作簿",
		"new/2023-06_信息中心.xls": ".xls",
	}
	for file, msg := range want {
		n := 0
		for _, f := range after.Findings {
			if f.File == file {
				n++
				if f.Severity != domain.Error || !strings.Contains(f.Message, msg) || f.Hint == "" {
					t.Errorf("%s: finding %+v; want an error mentioning %q with a hint", file, f, msg)
				}
			}
		}
		if n != 1 {
			t.Errorf("%s: %d findings; want 1", file, n)
		}
	}
	if got := len(after.Findings) - len(before.Findings); got != len(want) {
		t.Errorf("%d new findings; want %d", got, len(want))
	}
	skipped := map[string]bool{}
	for _, s := range after.Skipped {
		skipped[s.File] = true
	}
	if !skipped["new/~$2023-06_仲裁院.xlsx"] || !skipped["new/说明.docx"] {
		t.Errorf("lock file or other file not listed as skipped: %v", after.Skipped)
	}
}

func TestSymlinkOutOfInboxIsNotFollowed(t *testing.T) {
	p, err := content.Load(exampleContent)
	if err != nil {
		t.Fatal(err)
	}
	outside := t.TempDir()
	write(t, filepath.Join(outside, "2023-06_仲裁院.xlsx"), []byte("secret"))
	dir := t.TempDir()
	if err := os.Symlink(outside, filepath.Join(dir, "link")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	res, err := Scan(context.Background(), p, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Files != 0 || len(res.Skipped) != 1 || !strings.Contains(res.Skipped[0].Reason, "符号链接") {
		t.Errorf("symlink followed or not listed: %+v", res)
	}
}

func TestMissingInbox(t *testing.T) {
	p, err := content.Load(exampleContent)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Scan(context.Background(), p, filepath.Join(t.TempDir(), "nope"), nil); err == nil {
		t.Error("a missing inbox gave no error")
	}
}

// TestCopyInProgressIsWaitedFor: a unit's corrected workbook being copied
// over its file, and a new workbook being copied in, each stalled half
// way (modified just now, not yet a workbook), are not reported as
// broken: the first counts as what it read before, the second as not yet
// arrived, and both are listed as still being copied. Left like that for
// an hour, they are broken and reported; copied whole, they are read.
func TestCopyInProgressIsWaitedFor(t *testing.T) {
	p, err := content.Load(exampleContent)
	if err != nil {
		t.Fatal(err)
	}
	dir, cacheDir := copyInbox(t), t.TempDir()
	c := OpenCache(cacheDir)
	before, err := Scan(context.Background(), p, dir, c)
	if err != nil {
		t.Fatal(err)
	}
	c.Save()

	replaced := filepath.Join(dir, "2023-06", "2023-06_政策法规股.xlsx")
	arriving := filepath.Join(dir, "2023-12", "2023-12_仲裁院（补报）.xlsx")
	whole, err := os.ReadFile(filepath.Join(dir, "2023-11", "2023-11_政策法规股.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	write(t, replaced, whole[:len(whole)/2])
	write(t, arriving, whole[:len(whole)/3])
	start := time.Now()
	during, err := Scan(context.Background(), p, dir, OpenCache(cacheDir))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range during.Findings {
		if strings.HasSuffix(f.File, "政策法规股.xlsx") && strings.HasPrefix(f.File, "2023-06") || strings.Contains(f.File, "补报") {
			t.Errorf("a workbook still being copied was reported: %+v", f)
		}
	}
	if !reflect.DeepEqual(during.Reports, before.Reports) || len(during.Rejected) != len(before.Rejected) {
		t.Errorf("while the copies stall the reports are not those read before (%d reports, %d rejected; before %d, %d)", len(during.Reports), len(during.Rejected), len(before.Reports), len(before.Rejected))
	}
	if want := []string{"2023-06/2023-06_政策法规股.xlsx", "2023-12/2023-12_仲裁院（补报）.xlsx"}; !reflect.DeepEqual(during.Copying, want) {
		t.Errorf("Copying = %q; want %q", during.Copying, want)
	}
	if d := during.Settled.Sub(start); d < Settle-5*time.Second || d > Settle+time.Second {
		t.Errorf("Settled %v after the scan; want about Settle (%v)", d, Settle)
	}
	listed := 0
	for _, s := range during.Skipped {
		if strings.Contains(s.Reason, "复制") {
			listed++
		}
	}
	if listed != 2 {
		t.Errorf("%d files listed as being copied; want 2: %+v", listed, during.Skipped)
	}

	// The copies broke off an hour ago: broken, and reported.
	arrived(t, replaced, time.Hour)
	arrived(t, arriving, time.Hour)
	broken, err := Scan(context.Background(), p, dir, OpenCache(cacheDir))
	if err != nil {
		t.Fatal(err)
	}
	reported := 0
	for _, f := range broken.Findings {
		if strings.Contains(f.Message, "不完整") {
			reported++
		}
	}
	if reported != 2 || len(broken.Copying) != 0 {
		t.Errorf("%d incomplete files reported, %d still waited for; want 2 and 0", reported, len(broken.Copying))
	}

	// Copied whole: read.
	write(t, arriving, whole)
	whole06, err := os.ReadFile(filepath.Join(copyInbox(t), "2023-06", "2023-06_政策法规股.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	write(t, replaced, whole06)
	after, err := Scan(context.Background(), p, dir, OpenCache(cacheDir))
	if err != nil {
		t.Fatal(err)
	}
	if len(after.Copying) != 0 || len(after.Reports) != len(before.Reports) {
		t.Errorf("after the copies: %d reports (before %d), %d still waited for", len(after.Reports), len(before.Reports), len(after.Copying))
	}
}

// TestInboxChangedUnderTheScan: an inbox that is moved away while it is
// read, with an empty folder of its name in its place (a share unmounted
// from its mount point), or that loses a workbook between its listing and
// its reading, is an error naming it: nothing read then is the inbox.
func TestInboxChangedUnderTheScan(t *testing.T) {
	p, err := content.Load(exampleContent)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { afterList = nil }()
	dir := copyInbox(t)
	afterList = func(dir string) {
		if err := os.Rename(dir, dir+".moved"); err != nil {
			t.Fatal(err)
		}
		if err := os.Mkdir(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := Scan(context.Background(), p, dir, nil); !errors.Is(err, ErrUnreadable) || !strings.Contains(err.Error(), dir) {
		t.Errorf("inbox unmounted during the scan: %v; want ErrUnreadable naming %s", err, dir)
	}

	dir = copyInbox(t)
	gone := filepath.Join(dir, "2023-09", "2023-09_就业中心.xlsx")
	afterList = func(string) {
		if err := os.Remove(gone); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := Scan(context.Background(), p, dir, nil); !errors.Is(err, ErrUnreadable) || !strings.Contains(err.Error(), gone) {
		t.Errorf("a workbook gone during the scan: %v; want ErrUnreadable naming %s", err, gone)
	}
}

// TestResavedWithinATick: a workbook saved again with the same size and
// the same modification time (a coarse clock: 2 s on FAT and some shares)
// right after a scan read it is read again, not taken from the cache;
// once it has settled, the cache vouches for it without reading it.
func TestResavedWithinATick(t *testing.T) {
	p, err := content.Load(exampleContent)
	if err != nil {
		t.Fatal(err)
	}
	dir, cacheDir := copyInbox(t), t.TempDir()
	path := filepath.Join(dir, "2023-06", "2023-06_政策法规股.xlsx")
	rel := "2023-06/2023-06_政策法规股.xlsx"
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// Two workbooks of the same size, another figure in the second.
	first, second := sameSizePair(t, p, data)
	// scanTwice scans the inbox with the workbook written as a, keeping
	// the cache, then again with it written as b; both carry the time at.
	scanTwice := func(a, b []byte, at time.Time) (before, after Result) {
		t.Helper()
		for i, content := range [][]byte{a, b} {
			write(t, path, content)
			if err := os.Chtimes(path, at, at); err != nil {
				t.Fatal(err)
			}
			c := OpenCache(cacheDir)
			res, err := Scan(context.Background(), p, dir, c)
			if err != nil {
				t.Fatal(err)
			}
			if i == 0 {
				c.Save()
				before = res
			} else {
				after = res
			}
		}
		return before, after
	}

	before, after := scanTwice(first, second, time.Now().Truncate(2*time.Second))
	if reportOf(after, rel) == nil || reflect.DeepEqual(reportOf(after, rel), reportOf(before, rel)) {
		t.Fatal("a workbook saved again within the same tick kept its first read")
	}
	if after.Parsed != 1 {
		t.Errorf("%d workbooks parsed; want 1", after.Parsed)
	}

	// Settled (modified well before the scan that stored it): not read.
	if _, again := scanTwice(second, first, time.Now().Add(-time.Hour)); again.Parsed != 0 {
		t.Errorf("a settled workbook with its size and time unchanged was read again (%d parsed)", again.Parsed)
	}
}

func reportOf(in Result, rel string) *domain.Report {
	for i := range in.Reports {
		if in.Reports[i].File == rel {
			return &in.Reports[i]
		}
	}
	return nil
}

// sameSizePair returns the workbook data and a copy with its first task
// row's progress changed, both of the same size (the shorter padded by a
// zip comment).
func sameSizePair(t *testing.T, p *domain.Plan, data []byte) (a, b []byte) {
	t.Helper()
	res := workbook.NewReader(workbook.SchemaOf(p)).ReadBytes(data, "x.xlsx")
	if len(res.Report.Tasks) == 0 {
		t.Fatal("no task row to change")
	}
	row := res.Report.Tasks[0]
	v := 37.0
	if row.Progress != nil && *row.Progress == v {
		v = 38
	}
	edited, err := workbook.Edit(data, p, res.Report.Unit, []workbook.CellEdit{{Sheet: workbook.SheetTasks, RowID: row.TaskID, Label: "完成进度(%)", Number: v}})
	if err != nil {
		t.Fatal(err)
	}
	a, b = rezip(t, data, 0), rezip(t, edited, 0)
	if len(a) < len(b) {
		a = rezip(t, data, len(b)-len(a))
	} else if len(b) < len(a) {
		b = rezip(t, edited, len(a)-len(b))
	}
	if len(a) != len(b) {
		t.Fatalf("sizes %d and %d", len(a), len(b))
	}
	return a, b
}

// rezip copies the zip archive data with a comment of pad bytes.
func rezip(t *testing.T, data []byte, pad int) []byte {
	t.Helper()
	r, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	w := zip.NewWriter(&out)
	for _, f := range r.File {
		raw, err := f.OpenRaw()
		if err != nil {
			t.Fatal(err)
		}
		h := f.FileHeader
		dst, err := w.CreateRaw(&h)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(dst, raw); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.SetComment(strings.Repeat(" ", pad)); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}
