package content

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/plansite/plansite/internal/domain"
)

// fileKeys are the keys of each content file, as the loader decodes them.
var fileKeys = []struct {
	file  string // in the skeleton
	types []reflect.Type
}{
	{SiteFile, []reflect.Type{reflect.TypeFor[siteFile](), reflect.TypeFor[tolerances](), reflect.TypeFor[catDef]()}},
	{UnitsFile, []reflect.Type{reflect.TypeFor[unitsFile](), reflect.TypeFor[unitDef](), reflect.TypeFor[groupDef]()}},
	{"tasks/1-1.md", []reflect.Type{reflect.TypeFor[taskFront](), reflect.TypeFor[targetDef]()}},
	{ProblemsFile, []reflect.Type{reflect.TypeFor[problemsFile](), reflect.TypeFor[problemDef]()}},
	{IndicatorsFile, []reflect.Type{reflect.TypeFor[indicatorsFile](), reflect.TypeFor[indicatorDef]()}},
	{"pages/plan.md", []reflect.Type{reflect.TypeFor[pageFront]()}},
}

// TestNewFolder: plansite new's folder loads as it is, with dates near the
// day it was written and an empty inbox, and explains every key the loader
// knows in a comment: a comment names the key, or the key's line follows
// a comment. A second NewFolder into it, or one into a file, writes
// nothing.
func TestNewFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "新方案")
	files, err := NewFolder(dir, domain.MustDate(2025, time.March, 10))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 6 {
		t.Errorf("wrote %v; want six files", files)
	}
	p, err := Load(dir)
	if err != nil {
		t.Fatalf("the new folder does not load: %v", err)
	}
	if len(p.Tasks) != 1 || p.Tasks[0].Deadline != domain.MustDate(2025, time.December, 31) || p.Settings.PlanDate != domain.MustDate(2025, time.March, 10) {
		t.Errorf("tasks %+v, plan date %v: want one task due 2025-12-31 and the plan dated the day", p.Tasks, p.Settings.PlanDate)
	}
	if len(p.Problems) != 1 || p.Problems[0].Deadline != domain.MustDate(2025, time.June, 30) || len(p.Indicators) != 2 || len(p.Pages) != 1 {
		t.Errorf("problems %+v, %d indicators, %d pages", p.Problems, len(p.Indicators), len(p.Pages))
	}
	if entries, err := os.ReadDir(filepath.Join(dir, DefaultInbox)); err != nil || len(entries) > 0 {
		t.Errorf("the inbox: %v, %d entries; want an empty folder", err, len(entries))
	}
	if p, err := Load(mustNewFolder(t, domain.MustDate(2025, time.November, 3))); err != nil || p.Tasks[0].Deadline.Year() != 2026 {
		t.Errorf("a plan begun in November: %v; want its task due next year", err)
	}

	for _, f := range fileKeys {
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f.file)))
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(string(data), "\n")
		for _, typ := range f.types {
			for key := range yamlKeys(typ) {
				if !explained(lines, key) {
					t.Errorf("%s does not explain %q in a comment", f.file, key)
				}
			}
		}
	}

	before, _ := os.ReadFile(filepath.Join(dir, SiteFile))
	if _, err := NewFolder(dir, domain.MustDate(2030, time.January, 1)); !errors.Is(err, ErrNotEmpty) {
		t.Errorf("NewFolder into a folder with a plan: %v; want ErrNotEmpty", err)
	}
	if after, _ := os.ReadFile(filepath.Join(dir, SiteFile)); string(after) != string(before) {
		t.Error("NewFolder changed a folder that was not empty")
	}
	file := filepath.Join(t.TempDir(), "方案.txt")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := NewFolder(file, domain.MustDate(2030, time.January, 1)); err == nil {
		t.Error("NewFolder into a file succeeded")
	}
}

func mustNewFolder(t *testing.T, today domain.Date) string {
	t.Helper()
	dir := t.TempDir()
	if _, err := NewFolder(dir, today); err != nil {
		t.Fatal(err)
	}
	return dir
}

// explained reports whether a comment line names key, or a line setting
// key has a comment after it or follows a comment line.
func explained(lines []string, key string) bool {
	named := regexp.MustCompile(`^\s*#.*\b` + regexp.QuoteMeta(key) + `\b`)
	set := regexp.MustCompile(`^\s*-?\s*` + regexp.QuoteMeta(key) + `:`)
	for i, l := range lines {
		if named.MatchString(l) {
			return true
		}
		if set.MatchString(l) && (strings.Contains(l, " #") || i > 0 && strings.HasPrefix(strings.TrimSpace(lines[i-1]), "#")) {
			return true
		}
	}
	return false
}

// TestREADMEListsEveryKey: the README's reference of the content folder
// names every key the loader takes, so that a plan can be written from it
// alone (an unknown key is an error).
func TestREADMEListsEveryKey(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	start := strings.Index(text, "\n## The content folder")
	end := strings.Index(text[start+1:], "\n## ")
	if start < 0 || end < 0 {
		t.Fatal("the README has no section “The content folder”")
	}
	section := text[start : start+1+end]
	for _, f := range fileKeys {
		for _, typ := range f.types {
			for key := range yamlKeys(typ) {
				if !strings.Contains(section, "`"+key+"`") && !strings.Contains(section, "`tolerances."+key+"`") {
					t.Errorf("the README's content folder section does not list `%s` (%s)", key, typ.Name())
				}
			}
		}
	}
}
