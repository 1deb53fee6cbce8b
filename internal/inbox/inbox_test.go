package inbox

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/plansite/plansite/internal/content"
	"github.com/plansite/plansite/internal/domain"
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
