package cli

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"github.com/plansite/plansite/internal/content"
	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/workbook"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// hashTree returns a fingerprint of every file under dir: name, size,
// modification time and content hash.
func hashTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		out[p] = fmt.Sprintf("%x %d %d %v", sha256.Sum256(b), info.Size(), info.ModTime().UnixNano(), info.Mode())
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestCheckExample(t *testing.T) {
	code, stdout, stderr := run("check", "--content", "../../content")
	if code != 1 {
		t.Fatalf("exit %d; want 1 (the example has files with errors)\n%s", code, stderr)
	}
	for _, want := range []string{"【平林镇人社中心】", "重点任务!E3", "进度“120”超出 0–100 的范围", "→ 请填写 0 到 100 之间的数字", "跳过的文件", "2023年12月 未报送的单位（3 个）"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("check output lacks %q", want)
		}
	}
	// A month with no error exits 0.
	if code, stdout, _ := run("check", "--content", "../../content", "--month", "2023-06"); code != 0 || !strings.Contains(stdout, "2023年6月") {
		t.Errorf("check --month 2023-06: exit %d\n%s", code, stdout)
	}
}

func TestCheckJSON(t *testing.T) {
	code, stdout, _ := run("check", "--content", "../../content", "--month", "2023-08", "--json")
	if code != 1 {
		t.Fatalf("exit %d; want 1", code)
	}
	var rep struct {
		Month    string
		Errors   int
		Findings []struct{ Unit, File, Sheet, Cell, Severity, Message, Hint string }
		Missing  []string
	}
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, stdout)
	}
	if rep.Month != "2023-08" || rep.Errors != 3 { // 平林镇 120 and 基本完成; 信息中心 September file saying 2023-08
		t.Errorf("month %s, %d errors; want 2023-08 and 3", rep.Month, rep.Errors)
	}
	found := false
	for _, f := range rep.Findings {
		found = found || (f.Unit == "平林镇人社中心" && f.Sheet == "重点任务" && f.Cell == "F4" && strings.Contains(f.Message, "基本完成"))
	}
	if !found {
		t.Errorf("the bad state is not among the findings: %+v", rep.Findings)
	}
}

func TestCheckUsage(t *testing.T) {
	if code, _, _ := run("check", "--content", "../../content", "--month", "2023-13"); code != 2 {
		t.Errorf("bad month: exit %d; want 2", code)
	}
	if code, _, stderr := run("check", "--content", "../../content", "--inbox", filepath.Join(t.TempDir(), "nope")); code != 2 || !strings.Contains(stderr, "不存在") {
		t.Errorf("missing inbox: exit %d, %s", code, stderr)
	}
	if code, _, _ := run("check", "--content", t.TempDir()); code != 2 {
		t.Errorf("bad content: exit %d; want 2", code)
	}
}

func TestTemplateCommand(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"职建股", "职业能力建设股", " 劳动保障劳动保障监察大队"} {
		out := filepath.Join(dir, "x.xlsx")
		if code, _, stderr := run("template", "--content", "../../content", "--unit", name, "--month", "2023-06", "-o", out); code != 0 {
			t.Errorf("--unit %s: exit %d %s", name, code, stderr)
		}
		if info, err := os.Stat(out); err != nil || info.Size() < 5000 {
			t.Errorf("--unit %s: no workbook written", name)
		}
	}
	code, _, stderr := run("template", "--content", "../../content", "--unit", "人事股", "--month", "2023-06")
	if code != 2 || !strings.Contains(stderr, "没有单位“人事股”") || !strings.Contains(stderr, "职业能力建设股（也可写：职建股）") {
		t.Errorf("unknown unit: exit %d\n%s", code, stderr)
	}
	// A group is said to be one at once, with its members, and not first
	// called unknown.
	for name, members := range map[string][]string{
		"局机关各股室":     {"政策法规股", "职业能力建设股", "就业和劳动关系股"},
		"各镇（街道）人社中心": {"北城街道人社中心", "平林镇人社中心"},
	} {
		code, _, stderr := run("template", "--content", "../../content", "--unit", name, "--month", "2023-06")
		first, _, _ := strings.Cut(stderr, "\n")
		if code != 2 || !strings.Contains(first, "“"+name+"”是单位组") || strings.Contains(stderr, "没有单位") {
			t.Errorf("group name %s: exit %d\n%s", name, code, stderr)
		}
		for _, m := range members {
			if !strings.Contains(stderr, "  "+m+"\n") {
				t.Errorf("group name %s: member %s not listed:\n%s", name, m, stderr)
			}
		}
	}
	all := filepath.Join(dir, "all")
	if code, _, stderr := run("template", "--content", "../../content", "--all", "--month", "2023-07", "--dir", all); code != 0 {
		t.Fatalf("--all: exit %d %s", code, stderr)
	}
	entries, _ := os.ReadDir(all)
	if len(entries) != 25 {
		t.Errorf("--all wrote %d files; want 25", len(entries))
	}
	if _, err := os.Stat(filepath.Join(all, "2023-07_就业中心.xlsx")); err != nil {
		t.Error(err)
	}
}

// TestInboxIsNeverWritten hashes every inbox file before and after each
// command that reads it.
func TestInboxIsNeverWritten(t *testing.T) {
	dir := copyContent(t)
	inboxDir := filepath.Join(dir, "inbox")
	before := hashTree(t, inboxDir)
	if len(before) < 150 {
		t.Fatalf("only %d inbox files", len(before))
	}
	run("check", "--content", dir)
	run("check", "--content", dir, "--json")
	run("template", "--content", dir, "--all", "--month", "2023-06", "--dir", filepath.Join(t.TempDir(), "t"))
	if code, _, stderr := run("build", "--content", dir, "--out", filepath.Join(t.TempDir(), "public")); code != 0 {
		t.Fatal(stderr)
	}
	after := hashTree(t, inboxDir)
	if len(after) != len(before) {
		t.Fatalf("%d files before, %d after", len(before), len(after))
	}
	for p, h := range before {
		if after[p] != h {
			t.Errorf("%s changed", p)
		}
	}
}

// rewriteXLSX copies the workbook src to dst with old replaced by new in
// its shared strings (a cell's text, as a unit would have typed it).
func rewriteXLSX(t *testing.T, src, dst, old, new string) {
	t.Helper()
	zr, err := zip.OpenReader(src)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	replaced := false
	for _, f := range zr.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		if f.Name == "xl/sharedStrings.xml" && bytes.Contains(b, []byte(old)) {
			b, replaced = bytes.ReplaceAll(b, []byte(old), []byte(new)), true
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(b); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if !replaced {
		t.Fatalf("%s has no %q", src, old)
	}
	if err := os.WriteFile(dst, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestCheckEscapesControlCharacters: a cell holding terminal escape
// sequences (a window title, clear screen, a bell, an 8-bit CSI, a
// right-to-left override) and a file name with a colour sequence reach
// check's output as visible escapes, never as the characters themselves;
// --json stays valid JSON that decodes to the cell's text.
func TestCheckEscapesControlCharacters(t *testing.T) {
	dir := copyContent(t)
	month := filepath.Join(dir, "inbox", "2023-12")
	// A unit's cell, as Excel writes control characters into the file
	// (_xHHHH_), and a file whose name has a colour sequence.
	cell := "人才中心_x001B_]0;已被接管_x0007__x001B_[2J\u009b1A\u202e心中才人"
	rewriteXLSX(t, filepath.Join(month, "2023-12_人才中心.xlsx"), filepath.Join(month, "2023-12_人才中心.xlsx"), "<t>人才中心</t>", "<t>"+cell+"</t>")
	if err := os.WriteFile(filepath.Join(month, "2023-12_\x1b[8m仲裁院\r.xlsx"), []byte("不是表格"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := run("check", "--content", dir, "--month", "2023-12")
	if code != 1 {
		t.Fatalf("exit %d; want 1 (the unit cell is an error)\n%s%s", code, stdout, stderr)
	}
	for _, r := range stdout + stderr {
		if (r < ' ' && r != '\n' && r != '\t') || (r >= 0x7f && r <= 0x9f) || r == '\u202e' {
			t.Fatalf("output holds the control character %U:\n%s", r, stdout)
		}
	}
	for _, want := range []string{`\u001b]0;已被接管\u0007\u001b[2J\u009b1A\u202e`, `2023-12_\u001b[8m仲裁院\u000d.xlsx`} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %s:\n%s", want, stdout)
		}
	}
	code, stdout, _ = run("check", "--content", dir, "--month", "2023-12", "--json")
	var rep checkReport
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil || code != 1 {
		t.Fatalf("exit %d, --json output is not JSON: %v", code, err)
	}
	found := false
	for _, f := range rep.Findings {
		found = found || strings.Contains(f.Message, "\x1b]0;已被接管\a\x1b[2J\u009b1A\u202e")
	}
	if !found {
		t.Errorf("no finding of the JSON holds the cell's text: %+v", rep.Findings)
	}
}

// windowsName reports what is wrong with name as a file name on Windows,
// or "" when nothing is.
func windowsName(name string) string {
	if strings.ContainsAny(name, `\/:*?"<>|`) || strings.IndexFunc(name, func(r rune) bool { return r < 32 }) >= 0 {
		return "a character Windows forbids"
	}
	if strings.HasSuffix(name, ".") || strings.HasSuffix(name, " ") {
		return "a trailing dot or space"
	}
	stem := strings.ToUpper(strings.SplitN(name, ".", 2)[0])
	for _, dev := range []string{"CON", "PRN", "AUX", "NUL", "COM", "LPT"} {
		if stem == dev || (len(stem) == 4 && strings.HasPrefix(stem, dev) && (dev == "COM" || dev == "LPT")) {
			return "a device name"
		}
	}
	if len(name) > 255 {
		return "over 255 bytes"
	}
	return ""
}

// TestTemplateAllNamesEveryUnitApart: units whose names differ only in
// characters Windows forbids in file names, or only after their first 50
// characters, each get their own file under --all, named so that Windows
// takes it and the reader finds the unit again; --all says how many.
func TestTemplateAllNamesEveryUnitApart(t *testing.T) {
	dir := copyContent(t)
	units := filepath.Join(dir, "units.yaml")
	b, err := os.ReadFile(units)
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("信息", 25) // names the same in their first 50 characters
	extra := `  - {id: zh1, name: "综合?股", kind: 股室}
  - {id: zh2, name: "综合*股", kind: 股室}
  - {id: sj1, name: "数据<科>", kind: 股室}
  - {id: sj2, name: "数据|科|", kind: 股室}
  - {id: xx1, name: "` + long + `一", kind: 股室}
  - {id: xx2, name: "` + long + `二", kind: 股室}
  - {id: con, name: "CON", kind: 股室}
`
	b = bytes.Replace(b, []byte("\ngroups:"), []byte("\n"+extra+"\ngroups:"), 1)
	if err := os.WriteFile(units, b, 0o644); err != nil {
		t.Fatal(err)
	}
	task := filepath.Join(dir, "tasks", "1-2.md")
	tb, err := os.ReadFile(task)
	if err != nil {
		t.Fatal(err)
	}
	tb = bytes.Replace(tb, []byte("cooperators: ["), []byte(`cooperators: ["综合?股", "综合*股", "数据<科>", "数据|科|", "`+long+`一", "`+long+`二", CON, `), 1)
	if err := os.WriteFile(task, tb, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "all")
	code, stdout, stderr := run("template", "--content", dir, "--all", "--month", "2023-07", "--dir", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 32 || !strings.Contains(stdout, "共生成 32 个文件") {
		t.Errorf("%d files; want 32, and said so:\n%s", len(entries), stdout)
	}
	plan, err := content.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[domain.UnitID]string{}
	for _, e := range entries {
		if why := windowsName(e.Name()); why != "" {
			t.Errorf("%q: %s", e.Name(), why)
		}
		data, err := os.ReadFile(filepath.Join(out, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		res := workbook.NewReader(workbook.SchemaOf(plan)).ReadBytes(data, e.Name())
		for _, f := range res.Findings {
			// A template handed in as it is counts as blank (issue 14);
			// any other error means the name was not read back.
			if f.Severity == domain.Error && !strings.Contains(f.Message, "没有填写任何内容") {
				t.Errorf("%s: %s", e.Name(), f.Message)
			}
		}
		if prev, ok := seen[res.Report.Unit]; ok {
			t.Errorf("%s and %s are both %s's", prev, e.Name(), res.Report.Unit)
		}
		seen[res.Report.Unit] = e.Name()
	}
	for _, id := range []domain.UnitID{"zh1", "zh2", "sj1", "sj2", "xx1", "xx2", "con"} {
		if seen[id] == "" {
			t.Errorf("no workbook for %s", id)
		} else {
			t.Logf("%s: %s", id, seen[id])
		}
	}
}
