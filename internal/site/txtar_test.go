package site

import (
	"bytes"
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"github.com/plansite/plansite/internal/content"
	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/value"
	"github.com/plansite/plansite/internal/workbook"
	"github.com/plansite/plansite/templates"
)

// A site as data, as Hugo's integration tests write one: a txtar archive
// whose files are a content folder (site.yaml, units.yaml, tasks/*.md …)
// and whose file named "inbox" describes the workbooks of the content's
// inbox, one block per workbook:
//
//	# comment
//	2024-05 ybfwzx filled=2024-05-20 name=2024-05_某科（初报）.xlsx modified=2024-05-25T10:00
//	task 1.1 100 已完成 按计划推进 | 存在的问题 | 下月计划
//	target 1.2-1 35
//	problem YB-01 整改中 70 制定整改方案，逐项落实
//	indicator P01 60 按评价细则准备佐证材料
//	indicator P02 - 评价细则尚未下发
//
// A block starts with the workbook's month and unit (its id); then, all
// optional, the 填报日期 (filled=), the file's name in the month's folder
// (name=, default workbook.FileName), its folder when not the month's
// (folder=), its modification time (modified=, local time) and blank
// (the template as handed out, nothing filled in). Its rows follow, one a
// line: a task's progress (- for none), state (- for none) and texts
// (本月工作进展 | 存在问题 | 下月工作计划); a target's cumulative figure; a
// problem's state, progress and measures; an indicator's readiness (- for
// none) and note. Each workbook is written by workbook.Template, filled as
// a unit fills it, with a reporter and a phone. A file of the archive under
// inbox/ is written as it is (a file that is not a workbook, say).

// readArchive reads the archive testdata/name, after the files of the
// content folder base when base is not "" (a file of the archive then
// takes the place of the folder's file of its name).
func readArchive(t *testing.T, base, name string) *txtar.Archive {
	t.Helper()
	a, err := txtar.ParseFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	if base == "" {
		return a
	}
	var files []txtar.File
	err = fs.WalkDir(os.DirFS(base), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(filepath.Join(base, p))
		files = append(files, txtar.File{Name: p, Data: b})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	a.Files = append(files, a.Files...)
	return a
}

// independentPlan is the plan of testdata/independent with its inbox
// (independent.txtar).
func independentPlan(t *testing.T) *txtar.Archive {
	return readArchive(t, "testdata/independent", "independent.txtar")
}

// editFile changes every file named name of archive a by edit (given a
// copy of its bytes), and returns a.
func editFile(a *txtar.Archive, name string, edit func([]byte) []byte) *txtar.Archive {
	for i, f := range a.Files {
		if f.Name == name {
			a.Files[i].Data = edit(bytes.Clone(f.Data))
		}
	}
	return a
}

// writeArchive writes the site described by archive into a new folder and
// returns its content folder.
func writeArchive(t *testing.T, archive *txtar.Archive) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "content")
	var inbox []byte
	for _, f := range archive.Files {
		if f.Name == "inbox" {
			inbox = f.Data
			continue
		}
		mustWrite(t, filepath.Join(dir, filepath.FromSlash(f.Name)), f.Data)
	}
	plan, err := content.Load(dir)
	if err != nil {
		t.Fatalf("the archive's content: %v", err)
	}
	for _, w := range parseInbox(t, inbox) {
		fill := &w.fill
		if w.blank {
			fill = nil
		}
		var buf bytes.Buffer
		if err := workbook.Template(&buf, plan, w.unit, w.month, nil, fill); err != nil {
			t.Fatal(err)
		}
		if w.name == "" {
			w.name = workbook.FileName(plan, w.unit, w.month)
		}
		p := filepath.Join(dir, "inbox", w.folder, w.name)
		mustWrite(t, p, buf.Bytes())
		if !w.modified.IsZero() {
			if err := os.Chtimes(p, w.modified, w.modified); err != nil {
				t.Fatal(err)
			}
		}
	}
	return dir
}

// buildAsOf builds the content folder dir as of month m, on the first day
// of the month after, and returns the output folder.
func buildAsOf(t *testing.T, dir string, m domain.Month) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	buildInto(t, dir, out, m)
	return out
}

// buildInto is buildAsOf into the output folder out.
func buildInto(t *testing.T, dir, out string, m domain.Month) {
	t.Helper()
	requireECharts(t)
	if _, err := Build(context.Background(), Options{
		Content: dir, Out: out, Templates: templates.FS, Month: m,
		Now: m.Next().First().Time().Add(9 * time.Hour),
	}); err != nil {
		t.Fatalf("Build: %v", err)
	}
}

func mustWrite(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// described is a workbook as the inbox description gives it.
type described struct {
	month        domain.Month
	unit         domain.UnitID
	name, folder string
	modified     time.Time
	blank        bool
	fill         domain.Report
}

// parseInbox reads an inbox description (writeArchive's comment); a line
// it cannot read fails the test, naming the line.
func parseInbox(t *testing.T, text []byte) []described {
	t.Helper()
	var out []described
	for n, line := range strings.Split(string(text), "\n") {
		fields := strings.Fields(line)
		if len(fields) == 0 || strings.HasPrefix(fields[0], "#") {
			continue
		}
		fail := func(format string, args ...any) {
			t.Helper()
			t.Fatalf("inbox line %d %q: "+format, append([]any{n + 1, line}, args...)...)
		}
		if m, err := domain.ParseMonthISO(fields[0]); err == nil {
			if len(fields) < 2 {
				fail("no unit")
			}
			w := described{month: m, unit: domain.UnitID(fields[1]), folder: m.String()}
			w.fill.Reporter, w.fill.Phone = "张三", "0710-1234567"
			for _, opt := range fields[2:] {
				key, v, _ := strings.Cut(opt, "=")
				var err error
				switch key {
				case "filled":
					w.fill.FilledOn, err = value.ParseDate(v)
				case "name":
					w.name = v
				case "folder":
					w.folder = v
				case "modified":
					w.modified, err = time.ParseInLocation("2006-01-02T15:04", v, time.Local)
				case "blank":
					w.blank = true
				default:
					fail("unknown option %s", key)
				}
				if err != nil {
					fail("%v", err)
				}
			}
			out = append(out, w)
			continue
		}
		if len(out) == 0 || len(fields) < 3 {
			fail("a row before any workbook, or without its figures")
		}
		r := &out[len(out)-1].fill
		id, text := fields[1], strings.Join(fields[min(len(fields), 4):], " ")
		number := func(s string) *float64 {
			if s == "-" {
				return nil
			}
			v, err := strconv.ParseFloat(s, 64)
			if err != nil {
				fail("%v", err)
			}
			return &v
		}
		switch fields[0] {
		case "task":
			if len(fields) < 4 {
				fail("a task row needs its progress and state")
			}
			row := domain.TaskRow{TaskID: id, Progress: number(fields[2])}
			if fields[3] != "-" {
				st, err := value.ParseTaskState(fields[3])
				if err != nil {
					fail("%v", err)
				}
				row.State = st
			}
			texts := append(strings.Split(text, "|"), "", "")
			row.Done, row.Issues, row.Next = strings.TrimSpace(texts[0]), strings.TrimSpace(texts[1]), strings.TrimSpace(texts[2])
			r.Tasks = append(r.Tasks, row)
		case "target":
			r.Targets = append(r.Targets, domain.TargetRow{TargetID: id, Value: number(fields[2])})
		case "problem":
			if len(fields) < 4 {
				fail("a problem row needs its state and progress")
			}
			st, err := value.ParseRectState(fields[2])
			if err != nil {
				fail("%v", err)
			}
			r.Problems = append(r.Problems, domain.ProblemRow{ProblemID: id, State: st, Progress: number(fields[3]), Measures: text})
		case "indicator":
			r.Indicators = append(r.Indicators, domain.IndicatorRow{IndicatorID: id, Readiness: number(fields[2]), Note: strings.Join(fields[3:], " ")})
		default:
			fail("not a workbook's month, nor a task, target, problem or indicator row")
		}
	}
	return out
}

// TestCooperatorRowsShownNotCounted: a plan and inbox written here in a
// few lines. A cooperating unit's row is shown on the task's page under
// its name, but its progress does not move the task's, which is its
// lead's.
func TestCooperatorRowsShownNotCounted(t *testing.T) {
	out := buildAsOf(t, writeArchive(t, txtar.Parse([]byte(`One task led by 甲科, with 乙科 cooperating.
-- site.yaml --
title: 某局2025年度重点工作
plan_date: 2025-01-01
due_day: 10
categories:
  - name: 服务行动
-- units.yaml --
units:
  - {id: jk, name: 甲科}
  - {id: yk, name: 乙科}
-- tasks/1-1.md --
---
id: "1.1"
category: 服务行动
title: 建设服务专区
leads: [甲科]
cooperators: [乙科]
deadline: 2025-12-31
---
建设一个服务专区。
-- inbox --
2025-02 jk filled=2025-02-08
task 1.1 20 推进中 完成选址
2025-02 yk filled=2025-02-09
task 1.1 90 推进中 配合完成设计
`))), domain.MustMonth(2025, time.February))
	var s struct {
		Tasks []struct {
			ID       string
			Progress *float64
		}
	}
	if err := json.Unmarshal([]byte(read(t, out, "data/summary.json")), &s); err != nil {
		t.Fatal(err)
	}
	if len(s.Tasks) != 1 || s.Tasks[0].Progress == nil || *s.Tasks[0].Progress != 20 {
		t.Errorf("summary.json's tasks: %+v; want 1.1 at its lead's 20", s.Tasks)
	}
	page := read(t, out, "tasks/1-1/index.html")
	for _, want := range []string{"完成选址", "配合完成设计", `href="../../units/yk/index.html">乙科</a>`} {
		if !strings.Contains(page, want) {
			t.Errorf("the task's page lacks %q", want)
		}
	}
}
