package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckNotices: check --month gives a 催报 notice per unit with no
// usable file (missing or invalid) — printed, in the JSON, and with
// --notices one text file per unit that Notepad opens — and never writes
// into the inbox, not even when asked to.
func TestCheckNotices(t *testing.T) {
	dir := copyContent(t)
	inbox := filepath.Join(dir, "inbox")
	before := hashTree(t, inbox)

	// September: 信息中心 handed in a file whose 基本信息 names August.
	code, stdout, stderr := run("check", "--content", dir, "--month", "2023-09")
	if code != 1 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	for _, want := range []string{"催报通知", "【催报】信息中心：", "应于2023年9月24日前报送", "文件“2023-09_信息中心.xlsx”：报送月份不一致", "放入共享文件夹，由政策法规股汇总"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("check --month 2023-09 lacks %q", want)
		}
	}

	// December: three units handed in nothing.
	notices := filepath.Join(t.TempDir(), "催报")
	code, stdout, stderr = run("check", "--content", dir, "--month", "2023-12", "--json", "--notices", notices)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	var rep checkReport
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Notices) != len(rep.Missing)+len(rep.Invalid) || len(rep.Missing) != 3 {
		t.Fatalf("%d notices for %d missing and %d invalid units", len(rep.Notices), len(rep.Missing), len(rep.Invalid))
	}
	entries, err := os.ReadDir(notices)
	if err != nil || len(entries) != len(rep.Notices) {
		t.Fatalf("%s holds %d files (%v); want %d", notices, len(entries), err, len(rep.Notices))
	}
	for i, n := range rep.Notices {
		if n.Unit != rep.Missing[i] || n.State != "missing" {
			t.Errorf("notice %d: %s %s; want %s missing", i, n.Unit, n.State, rep.Missing[i])
		}
		b, err := os.ReadFile(filepath.Join(notices, n.File))
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		if !strings.HasPrefix(text, "\ufeff【催报】"+n.Unit+"：\r\n") || !strings.Contains(text, "2023年12月24日") || strings.Contains(strings.ReplaceAll(text, "\r\n", ""), "\n") {
			t.Errorf("%s: not the notice in UTF-8 with BOM and Windows line ends:\n%q", n.File, text)
		}
		for _, not := range []string{"plansite", "check", "--", "inbox"} {
			if strings.Contains(text, not) {
				t.Errorf("%s speaks of %q to a unit", n.File, not)
			}
		}
	}

	// Into the inbox, or a folder in it: refused.
	for _, bad := range []string{inbox, filepath.Join(inbox, "2023-12", "催报")} {
		if code, _, stderr := run("check", "--content", dir, "--month", "2023-12", "--notices", bad); code != 2 || !strings.Contains(stderr, "收件文件夹") {
			t.Errorf("--notices %s: exit %d\n%s", bad, code, stderr)
		}
	}
	// export -o into the inbox: refused as well.
	if code, _, stderr := run("export", "--content", dir, "--month", "2023-12", "-o", filepath.Join(inbox, "汇总.xlsx")); code != 2 || !strings.Contains(stderr, "收件文件夹") {
		t.Errorf("export -o into the inbox: exit %d\n%s", code, stderr)
	}
	after := hashTree(t, inbox)
	if len(after) != len(before) {
		t.Errorf("the inbox has %d files; it had %d", len(after), len(before))
	}
	for p, h := range before {
		if after[p] != h {
			t.Errorf("%s changed", p)
		}
	}
}
