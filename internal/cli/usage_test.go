package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestNoCommandPrintsHelp: plansite alone prints the help and exits 2
// (it used to build the site in the current folder).
func TestNoCommandPrintsHelp(t *testing.T) {
	t.Chdir(t.TempDir())
	code, stdout, stderr := run()
	if code != 2 || stdout != "" || !strings.Contains(stderr, "用法：plansite 命令") || !strings.Contains(stderr, "  new 目录") {
		t.Errorf("exit %d, stdout %q, stderr:\n%s", code, stdout, stderr)
	}
	if entries, _ := os.ReadDir("."); len(entries) > 0 {
		t.Errorf("plansite with no command wrote %s", entries[0].Name())
	}
	if code, stdout, _ := run("help"); code != 0 || !strings.Contains(stdout, "用法：plansite 命令") {
		t.Errorf("plansite help: exit %d\n%s", code, stdout)
	}
	if code, stdout, _ := run("help", "check"); code != 0 || !strings.HasPrefix(stdout, "用法：plansite check") {
		t.Errorf("plansite help check: exit %d\n%s", code, stdout)
	}
	if code, _, stderr := run("biuld"); code != 2 || !strings.Contains(stderr, "没有命令“biuld”") {
		t.Errorf("plansite biuld: exit %d\n%s", code, stderr)
	}
}

// reLatin finds a run of English words in a usage: every word a user
// reads is Chinese, except flag names, file names and values.
var (
	reLatin    = regexp.MustCompile(`\b[a-z]{3,}\s+[a-z]{3,}\b`)
	rePlansite = regexp.MustCompile(`plansite [a-z-]+`)
)

// TestEveryHelpInChinese: each command's --help goes to stdout and exits
// 0; it names its forms and every flag with what it does and its default
// in Chinese (never Go's `(default "content")`); build, check, export,
// pdf, serve and watch share --content, --inbox and --month, and those
// that write a site --out.
func TestEveryHelpInChinese(t *testing.T) {
	shared := map[string][]string{
		"build": {"content", "inbox", "out", "month"},
		"serve": {"content", "inbox", "out", "month"},
		"watch": {"content", "inbox", "out", "month"},
		"pdf":   {"content", "inbox", "out", "month"},
		"check": {"content", "inbox", "month"}, "export": {"content", "inbox", "month"},
		"template": {"content", "month"}, "demo-inbox": {"content"},
	}
	for name := range commands {
		t.Run(name, func(t *testing.T) {
			code, stdout, stderr := run(name, "--help")
			shown := name
			if name == "init" {
				shown = "new" // another name of new
			}
			if code != 0 || stderr != "" || !strings.HasPrefix(stdout, "用法：plansite "+shown) {
				t.Fatalf("exit %d, stderr %q, stdout:\n%s", code, stderr, stdout)
			}
			for _, bad := range []string{"default", "Usage", "usage", "flag"} {
				if strings.Contains(stdout, bad) {
					t.Errorf("the help says %q:\n%s", bad, stdout)
				}
			}
			for _, line := range strings.Split(stdout, "\n") {
				if strings.HasPrefix(strings.TrimSpace(line), "-") {
					continue // a flag's name and value
				}
				line = rePlansite.ReplaceAllString(line, "")
				if m := reLatin.FindString(line); m != "" && !strings.Contains(line, "Program Files") {
					t.Errorf("English in the help: %q in %q", m, line)
				}
			}
			for _, f := range shared[name] {
				if !strings.Contains(stdout, "\n  --"+f+" ") {
					t.Errorf("no --%s:\n%s", f, stdout)
				}
			}
			if strings.Contains(stdout, "--content 目录\n") && !strings.Contains(stdout, "。默认：content\n") {
				t.Errorf("--content's default is not said:\n%s", stdout)
			}
		})
	}
}

// TestFlagMistakesInChinese: a wrong command line is said in Chinese,
// with the command's forms, on stderr, and exits 2.
func TestFlagMistakesInChinese(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"build", "--nope"}, "plansite build 没有参数 --nope"},
		{[]string{"check", "--month"}, "参数 --month 后面要写月份"},
		{[]string{"watch", "--poll", "10秒"}, "参数 --poll 的值“10秒”有误，应为时长，如 10s"},
		{[]string{"check", "--json=ja"}, "参数 --json 是开关，不带值"},
		{[]string{"demo", "--units", "many", "--out", "x"}, "参数 --units 的值“many”有误，应为整数"},
		{[]string{"build", "content"}, "多余的参数：content"},
		{[]string{"build", "--month", "2023年13月"}, "月份“2023年13月”有误"},
		{[]string{"serve", "--month", "12"}, "月份“12”有误"},
		{[]string{"template", "--unit", "就业中心"}, "请用 --month 写明月份"},
		{[]string{"new"}, "请写出新内容目录的名称"},
	} {
		code, stdout, stderr := run(c.args...)
		if code != 2 || stdout != "" || !strings.Contains(stderr, c.want) {
			t.Errorf("plansite %s: exit %d, stdout %q; want exit 2 and %q:\n%s", strings.Join(c.args, " "), code, stdout, c.want, stderr)
		}
		if strings.Contains(stderr, "flag") || strings.Contains(stderr, "invalid") {
			t.Errorf("plansite %s: English in the message:\n%s", strings.Join(c.args, " "), stderr)
		}
	}
}

// TestNewThenBuild: plansite new 新方案 && plansite build --content 新方案,
// as the README says, builds a site; new refuses the folder a second time.
func TestNewThenBuild(t *testing.T) {
	t.Chdir(t.TempDir())
	code, stdout, stderr := run("new", "新方案")
	if code != 0 || !strings.Contains(stdout, "plansite build --content 新方案") {
		t.Fatalf("new: exit %d\n%s%s", code, stdout, stderr)
	}
	code, stdout, stderr = run("build", "--content", "新方案")
	if code != 0 {
		t.Fatalf("build: exit %d\n%s%s", code, stdout, stderr)
	}
	page, err := os.ReadFile(filepath.Join("public", "tasks", "1-1", "index.html"))
	if err != nil || !strings.Contains(string(page), "推行“免证明”办事") {
		t.Errorf("the new plan's task page: %v", err)
	}
	site, _ := os.ReadFile(filepath.Join("新方案", "site.yaml"))
	if code, _, stderr := run("new", "新方案"); code != 1 || !strings.Contains(stderr, "不是空的") {
		t.Errorf("new into the same folder: exit %d\n%s", code, stderr)
	}
	if again, _ := os.ReadFile(filepath.Join("新方案", "site.yaml")); string(again) != string(site) {
		t.Error("new changed a folder that was not empty")
	}
}

// TestSystemErrorsInChinese: a file operation the system refuses is said
// in Chinese, with the path.
func TestSystemErrorsInChinese(t *testing.T) {
	dir := t.TempDir()
	blocker := filepath.Join(dir, "表格")
	if err := os.WriteFile(blocker, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	// --dir names a file: the folder cannot be made.
	code, _, stderr := run("template", "--content", "../../content", "--all", "--month", "2023-07", "--dir", filepath.Join(blocker, "七月"))
	if code != 1 || !strings.Contains(stderr, "无法新建文件夹 "+blocker) || !strings.Contains(stderr, "路径中有一段是文件，不是文件夹") {
		t.Errorf("exit %d:\n%s", code, stderr)
	}
	if strings.Contains(stderr, "not a directory") || strings.Contains(stderr, "mkdir") {
		t.Errorf("English in the message:\n%s", stderr)
	}
}
