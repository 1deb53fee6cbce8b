package cli

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func run(args ...string) (code int, stdout, stderr string) {
	var o, e bytes.Buffer
	code = Run(context.Background(), args, &o, &e)
	return code, o.String(), e.String()
}

// arrive puts unit's blank workbook for 2023-12 at path in an inbox as a
// unit's clerk does: made elsewhere (template never writes into the
// inbox), then copied in.
func arrive(content, unit, path string) error {
	dir, err := os.MkdirTemp("", "template-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	made := filepath.Join(dir, "t.xlsx")
	if code, _, stderr := run("template", "--content", content, "--unit", unit, "--month", "2023-12", "-o", made); code != 0 {
		return fmt.Errorf("template: %s", stderr)
	}
	b, err := os.ReadFile(made)
	if err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}

func copyContent(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "content")
	if err := os.CopyFS(dir, os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestBuildExample(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	code, stdout, stderr := run("build", "--content", "../../content", "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "16 项任务") || !strings.Contains(stdout, "完成：") {
		t.Errorf("build did not report its stages:\n%s", stdout)
	}
	if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
		t.Error(err)
	}
}

// TestMissingLeadUnit: removing a lead unit's definition makes build exit 1
// with a message that names the task's file and the unit.
func TestMissingLeadUnit(t *testing.T) {
	dir := copyContent(t)
	units := filepath.Join(dir, "units.yaml")
	b, err := os.ReadFile(units)
	if err != nil {
		t.Fatal(err)
	}
	line := "  - {id: xxzx, name: 信息中心, kind: 局属单位, aliases: [人社信息中心]}\n"
	if !bytes.Contains(b, []byte(line)) {
		t.Fatal("units.yaml has changed; update the test")
	}
	if err := os.WriteFile(units, bytes.Replace(b, []byte(line), nil, 1), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := run("build", "--content", dir, "--out", filepath.Join(t.TempDir(), "public"))
	if code != 1 {
		t.Fatalf("exit %d; want 1", code)
	}
	for _, want := range []string{filepath.Join("tasks", "3-3.md") + ":5:", "牵头单位“信息中心”未在 units.yaml 中定义", "网站未生成"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("message lacks %q:\n%s", want, stderr)
		}
	}
}

func TestUsage(t *testing.T) {
	if code, _, stderr := run("frobnicate"); code != 2 || !strings.Contains(stderr, "没有命令“frobnicate”") {
		t.Errorf("unknown command: exit %d, %q", code, stderr)
	}
	if code, _, _ := run("build", "--nope"); code != 2 {
		t.Errorf("unknown flag: exit %d; want 2", code)
	}
	if code, stdout, _ := run("version"); code != 0 || !strings.HasPrefix(stdout, "plansite ") {
		t.Errorf("version: exit %d, %q", code, stdout)
	}
}

// TestTemplateLinkOut: an override in content/templates/ that is a
// symbolic link to a file elsewhere (a private key, say) makes build exit
// 1 naming it; the site built before stays as it was and holds nothing of
// the file. A link to a file within the templates folder is followed.
func TestTemplateLinkOut(t *testing.T) {
	dir := copyContent(t)
	out := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := run("build", "--content", dir, "--out", out); code != 0 {
		t.Fatalf("first build: exit %d: %s", code, stderr)
	}
	before := hashTree(t, out)
	secret := filepath.Join(t.TempDir(), "id_rsa")
	if err := os.WriteFile(secret, []byte("-----BEGIN OPENSSH PRIVATE KEY-----"), 0o600); err != nil {
		t.Fatal(err)
	}
	assets := filepath.Join(dir, "templates", "assets")
	if err := os.MkdirAll(assets, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "templates", "mine.css"), []byte("body{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../mine.css", filepath.Join(assets, "extra.css")); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(assets, "key.txt")
	if err := os.Symlink(secret, link); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := run("build", "--content", dir, "--out", out)
	if code != 1 || !strings.Contains(stderr, link) || !strings.Contains(stderr, "链接") {
		t.Fatalf("exit %d, stderr:\n%s\nwant 1 and a message naming %s as a link", code, stderr, link)
	}
	after := hashTree(t, out)
	if !maps.Equal(before, after) {
		t.Error("the site changed")
	}
	if err := os.Remove(link); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := run("build", "--content", dir, "--out", out); code != 0 {
		t.Fatalf("build with a link within the templates folder: exit %d: %s", code, stderr)
	}
	if b, err := os.ReadFile(filepath.Join(out, "assets", "extra.css")); err != nil || string(b) != "body{}" {
		t.Errorf("assets/extra.css = %q, %v; want the linked file's text", b, err)
	}
}
