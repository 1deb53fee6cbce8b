package content

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// readmeBlocks returns the fenced code blocks of the given language in
// the section of README.md headed heading (up to the next heading).
func readmeBlocks(tb testing.TB, readme, heading, lang string) []string {
	tb.Helper()
	start := strings.Index(readme, "\n"+heading+"\n")
	if start < 0 {
		tb.Fatalf("README.md has no section %q", heading)
	}
	section := readme[start+len(heading)+2:]
	if end := strings.Index(section, "\n##"); end >= 0 {
		section = section[:end]
	}
	var blocks []string
	for _, m := range regexp.MustCompile("(?s)```"+lang+"\n(.*?)```").FindAllStringSubmatch(section, -1) {
		blocks = append(blocks, m[1])
	}
	if len(blocks) == 0 {
		tb.Fatalf("README.md's section %q has no %s block", heading, lang)
	}
	return blocks
}

// TestREADMEExamplesLoad: the examples of the README's content reference
// (site.yaml, units.yaml, a task, problems.yaml and indicators.yaml), put
// in a folder as the README names them, load without an error, and mean
// what the README says of them: a reader who copies them starts from
// something that builds.
func TestREADMEExamplesLoad(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	files := map[string]string{
		"site.yaml":   readmeBlocks(t, readme, "### site.yaml", "yaml")[0],
		"units.yaml":  readmeBlocks(t, readme, "### units.yaml", "yaml")[0],
		"tasks/1.md":  readmeBlocks(t, readme, "### tasks/*.md", "markdown")[0],
		"inbox/.keep": "",
	}
	for _, block := range readmeBlocks(t, readme, "### problems.yaml and indicators.yaml", "yaml") {
		name, _, _ := strings.Cut(strings.TrimPrefix(block, "# "), "\n")
		if name != "problems.yaml" && name != "indicators.yaml" {
			t.Fatalf("a block of the problems section does not start with the file's name: %q", block)
		}
		files[name] = block
	}
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p, err := Load(dir)
	if err != nil {
		t.Fatalf("the README's examples do not load:\n%v", err)
	}
	if p.Settings.DueDay != 20 || p.Settings.CycleStart != 7 {
		t.Errorf("due day %d, cycle from month %d; the example says 20 and 7", p.Settings.DueDay, p.Settings.CycleStart)
	}
	if len(p.Tasks) != 1 || len(p.Problems) != 1 || len(p.Indicators) != 1 {
		t.Fatalf("%d tasks, %d problems, %d indicators; want one of each", len(p.Tasks), len(p.Problems), len(p.Indicators))
	}
	task := p.Tasks[0]
	var coop []string
	for _, u := range task.Cooperators {
		coop = append(coop, p.UnitName(u))
	}
	if got := strings.Join(coop, "、"); got != "北城街道人社中心、南城街道人社中心" {
		t.Errorf("the task's cooperators 各人社中心 are %s; want the group's two members", got)
	}
	if len(task.Targets) != 1 || task.Targets[0].Value != 30 || task.Slug != "1-5" {
		t.Errorf("the task's targets %+v, slug %q; want one target with the goal 30, slug 1-5", task.Targets, task.Slug)
	}
	if id, ok := p.ResolveUnit("职建股"); !ok || p.UnitName(id) != "职业能力建设股" {
		t.Error("the alias 职建股 does not name 职业能力建设股")
	}
}
