package demo

import (
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"testing"

	"github.com/plansite/plansite/internal/content"
	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/workbook"
)

const exampleContent = "../../content"

// exampleSeed is the seed the repository's example inbox was made with
// (plansite demo-inbox's default).
const exampleSeed = 2023

// TestExampleInboxIsReproducible: the generator, run again, gives the
// committed example inbox: the same files, and each reads back the same.
// After a change to the generator or the content, remake it with
// `make example-inbox`.
func TestExampleInboxIsReproducible(t *testing.T) {
	p, err := content.Load(exampleContent)
	if err != nil {
		t.Fatal(err)
	}
	files, err := Inbox(p, exampleSeed)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(exampleContent, "inbox")
	var committed []string
	err = filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, path)
			committed = append(committed, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	var made []string
	for _, f := range files {
		made = append(made, f.Name)
	}
	sort.Strings(made)
	if !reflect.DeepEqual(made, committed) {
		t.Fatalf("the generator makes other files than content/inbox holds (run make example-inbox):\nmade %v\ncommitted %v", made, committed)
	}
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f.Name)))
		if err != nil {
			t.Fatal(err)
		}
		got, want := workbook.NewReader(workbook.SchemaOf(p)).ReadBytes(data, f.Name), workbook.NewReader(workbook.SchemaOf(p)).ReadBytes(f.Data, f.Name)
		got.Report.Hash, want.Report.Hash = "", ""
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s reads back differently from what the generator makes (run make example-inbox)", f.Name)
		}
	}
}

// TestExampleInboxHasARealMonth checks the irregular cases the pages need.
func TestExampleInboxHasARealMonth(t *testing.T) {
	p, err := content.Load(exampleContent)
	if err != nil {
		t.Fatal(err)
	}
	files, err := Inbox(p, exampleSeed)
	if err != nil {
		t.Fatal(err)
	}
	perUnitMonth := map[string]int{}
	var late, errorsFound, lock int
	for _, f := range files {
		if filepath.Base(f.Name)[:2] == "~$" {
			lock++
			continue
		}
		res := workbook.NewReader(workbook.SchemaOf(p)).ReadBytes(f.Data, f.Name)
		for _, fd := range res.Findings {
			if fd.Severity == domain.Error {
				errorsFound++
			}
		}
		if !res.Usable {
			continue
		}
		perUnitMonth[string(res.Report.Unit)+res.Report.Month.String()]++
		if res.Report.FilledOn.After(res.Report.Month.Day(p.Settings.DueDay)) {
			late++
		}
	}
	twice := 0
	for _, n := range perUnitMonth {
		if n > 1 {
			twice++
		}
	}
	months := len(domain.MonthsFrom(p.Settings.FirstReportMonth, p.Settings.LastReportMonth))
	missing := months*len(p.Expected()) - len(perUnitMonth)
	if late < 3 || missing < 3 || twice < 1 || errorsFound < 2 || lock != 1 {
		t.Errorf("late %d, missing %d, twice %d, error findings %d, lock files %d: want a few of each", late, missing, twice, errorsFound, lock)
	}
	if len(files) < 150 {
		t.Errorf("only %d files", len(files))
	}
}
