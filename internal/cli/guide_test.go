package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/plansite/plansite/internal/browser"
)

// guideBlock is a fenced code block of the guide: its info string, its
// lines and the line of the guide it starts on.
type guideBlock struct {
	info  string
	lines []string
	line  int
	next  int // index of the block right after it (only blank lines between), -1 for none
}

// guideBlocks returns the fenced code blocks of a markdown text.
func guideBlocks(text string) []guideBlock {
	var (
		blocks []guideBlock
		cur    *guideBlock
		gap    = true // only blank lines since the last block ended
	)
	for i, l := range strings.Split(text, "\n") {
		trimmed := strings.TrimSpace(l)
		switch {
		case cur == nil && strings.HasPrefix(trimmed, "```"):
			if gap && len(blocks) > 0 {
				blocks[len(blocks)-1].next = len(blocks)
			}
			cur = &guideBlock{info: strings.TrimSpace(strings.TrimPrefix(trimmed, "```")), line: i + 1, next: -1}
		case cur != nil && trimmed == "```":
			blocks = append(blocks, *cur)
			cur, gap = nil, true
		case cur != nil:
			cur.lines = append(cur.lines, l)
		case trimmed != "":
			gap = false
		}
	}
	return blocks
}

// splitCommand splits a command line as cmd.exe does for plansite:
// words separated by spaces, double quotes around a word with spaces.
func splitCommand(line string) []string {
	var (
		args   []string
		word   strings.Builder
		quote  bool
		inWord bool
	)
	for _, r := range line {
		switch {
		case r == '"':
			quote, inWord = !quote, true
		case r == ' ' && !quote:
			if inWord {
				args = append(args, word.String())
			}
			word.Reset()
			inWord = false
		default:
			word.WriteRune(r)
			inWord = true
		}
	}
	if inWord {
		args = append(args, word.String())
	}
	return args
}

// slashes writes a path of the guide (Windows, with \) the way this
// system writes it, so that the guide's commands and outputs compare.
func slashes(s string) string {
	if runtime.GOOS == "windows" {
		return s
	}
	return strings.ReplaceAll(s, `\`, "/")
}

// TestGuide runs the commands of docs/使用说明.md, as the clerk types them
// in the command window of the folder the guide sets up (plansite.exe
// beside content\, with the example's plan and inbox), in the guide's
// order, on a copy of the example: every command of a block marked cmd
// must succeed (check may exit 1: it found errors in the workbooks, which
// is its work), leave the files it names (-o, --dir, --notices, --out),
// and print every line of the text block that follows it (what a good
// result looks like), in order. The guide must walk a whole month: make
// the templates, check, write the 催报 notices, build, print, export the
// 汇总表 and the 通报, and start a new plan.
func TestGuide(t *testing.T) {
	data, err := os.ReadFile("../../docs/使用说明.md")
	if err != nil {
		t.Fatal(err)
	}
	example, err := filepath.Abs("../../content")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS(example)); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	_, noBrowser := browser.Find("")
	if noBrowser != nil && os.Getenv("CI") == "true" {
		t.Fatalf("no browser for the guide's pdf command: %v (CI installs chromium)", noBrowser)
	}

	blocks := guideBlocks(string(data))
	walked := map[string]bool{}
	for _, b := range blocks {
		if b.info != "cmd" {
			continue
		}
		var out string
		skipped := false
		for k, line := range b.lines {
			line = strings.TrimSpace(line)
			if line == "" {
				continue
			}
			args := splitCommand(slashes(line))
			where := fmt.Sprintf("使用说明.md:%d: %s", b.line+1+k, line)
			if args[0] != "plansite" && args[0] != "plansite.exe" {
				t.Fatalf("%s: a cmd block holds plansite commands only", where)
			}
			args = args[1:]
			if len(args) > 0 && args[0] == "pdf" && noBrowser != nil {
				t.Logf("%s: skipped, no Chromium, Chrome or Edge on this machine (CI runs it)", where)
				skipped = true
				continue
			}
			code, stdout, stderr := run(args...)
			if code != 0 && !(code == 1 && args[0] == "check") {
				t.Fatalf("%s: exit %d\n%s%s", where, code, stdout, stderr)
			}
			out = stdout + stderr
			walked[strings.Join(args[:min(1, len(args))], " ")] = true
			for i, a := range args {
				if i > 0 && (args[i-1] == "-o" || args[i-1] == "--dir" || args[i-1] == "--notices" || args[i-1] == "--out") {
					if _, err := os.Stat(a); err != nil {
						t.Errorf("%s: %s was not made: %v", where, a, err)
					}
				}
				if a == "--notices" {
					walked["check --notices"] = true
				}
				if a == "--docx" {
					walked["export --docx"] = true
				}
			}
		}
		if b.next >= 0 && blocks[b.next].info == "text" && !skipped {
			if err := shows(out, blocks[b.next].lines); err != nil {
				t.Errorf("使用说明.md:%d: the output shown is not what the command printed: %v\nit printed:\n%s", blocks[b.next].line, err, out)
			}
		}
	}
	for _, step := range []string{"template", "check", "check --notices", "build", "pdf", "export", "export --docx", "new"} {
		if !walked[step] {
			t.Errorf("the guide runs no plansite %s", step)
		}
	}
}

// shows checks that every line of want appears in out, in order, each in
// a line of its own: a line "……" skips any lines; a line ending in "……"
// is compared by what comes before it; paths compare with either slash.
func shows(out string, want []string) error {
	got := strings.Split(slashes(out), "\n")
	at := 0
	for _, w := range want {
		w = strings.TrimSpace(slashes(w))
		if w == "" || w == "……" {
			continue
		}
		w = strings.TrimSuffix(w, "……")
		found := false
		for at < len(got) {
			line := got[at]
			at++
			if strings.Contains(line, w) {
				found = true
				break
			}
		}
		if !found {
			return errors.New("no line “" + w + "” (after the lines before it)")
		}
	}
	return nil
}
