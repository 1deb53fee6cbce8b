package site

import (
	"encoding/json"
	"html"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

const corpusDir = "../workbook/testdata/corpus"

// copyContent copies the example content (with its inbox) to a new folder.
func copyContent(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "content")
	if err := os.CopyFS(dir, os.DirFS(exampleContent)); err != nil {
		t.Fatal(err)
	}
	return dir
}

func summaryOf(t *testing.T, out string) map[string]json.RawMessage {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(read(t, out, "data/summary.json")), &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// arrivedEarlier sets the modification time of the file at path an hour
// back: a file that cannot be read and was written just now is waited for
// as a copy still in progress (inbox.Settle), not reported.
func arrivedEarlier(t *testing.T, path string) {
	t.Helper()
	at := time.Now().Add(-time.Hour)
	if err := os.Chtimes(path, at, at); err != nil {
		t.Fatal(err)
	}
}

// TestCorpusInTheInbox drops the whole bad-input corpus into the example
// inbox (with a folder named like a workbook and a link out of the inbox):
// the build succeeds, the 数据问题 page names every bad file with a reason,
// and every figure is what it is without them.
func TestCorpusInTheInbox(t *testing.T) {
	clean := mustBuild(t, exampleContent)

	dir := copyContent(t)
	units, err := os.ReadFile(filepath.Join(dir, "units.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	units = []byte(strings.Replace(string(units), "\ngroups:", "\n  - {id: ceshi, name: 测试单位, kind: 测试}\n\ngroups:", 1))
	if err := os.WriteFile(filepath.Join(dir, "units.yaml"), units, 0o644); err != nil {
		t.Fatal(err)
	}
	drop := filepath.Join(dir, "inbox", "杂项")
	if err := os.CopyFS(drop, os.DirFS(corpusDir)); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(drop, "expect.tsv")); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(drop)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		arrivedEarlier(t, filepath.Join(drop, e.Name())) // none is still being copied
	}
	if err := os.MkdirAll(filepath.Join(drop, "文件夹.xlsx"), 0o755); err != nil {
		t.Fatal(err)
	}
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "2023-06_仲裁院.xlsx"), []byte("outside"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(drop, "链接")); err != nil {
		t.Fatal(err)
	}
	dirty := mustBuild(t, dir)

	a, b := summaryOf(t, clean), summaryOf(t, dirty)
	for k := range a {
		if k != "findings" && k != "latest_received" && !reflect.DeepEqual(a[k], b[k]) {
			t.Errorf("summary.json %q differs with the corpus in the inbox", k)
		}
	}
	page := read(t, dirty, "findings/index.html")
	entries, _ = os.ReadDir(corpusDir)
	for _, e := range entries {
		name := e.Name()
		if name == "expect.tsv" {
			continue
		}
		if !strings.Contains(page, html.EscapeString("杂项/"+name)) {
			t.Errorf("数据问题 page does not name %s", name)
		}
	}
	for _, want := range []string{"Office 临时锁定文件", "符号链接", "不是 .xlsx 格式", "文件是空的", "打开密码", "&lt;script&gt;"} {
		if !strings.Contains(page, want) {
			t.Errorf("数据问题 page lacks %q", want)
		}
	}
	if strings.Contains(page, "<script>alert") {
		t.Error("a unit name from a workbook reached the page unescaped")
	}
}
