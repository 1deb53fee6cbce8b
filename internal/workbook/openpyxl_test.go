package workbook

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// openpyxlPython returns a python3 that has openpyxl (Debian's
// python3-openpyxl is for /usr/bin/python3, which another python3 on PATH
// may hide). Without one the test is skipped on a developer's machine and
// fails under CI=true, where .ci/run installs it.
func openpyxlPython(t *testing.T) string {
	t.Helper()
	for _, py := range []string{"python3", "/usr/bin/python3"} {
		if exec.Command(py, "-c", "import openpyxl").Run() == nil {
			return py
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("python3 with openpyxl not found: apt-get install python3-openpyxl")
	}
	t.Skip("python3 with openpyxl not found (apt-get install python3-openpyxl)")
	return ""
}

// openpyxlLimits are the corpus files openpyxl itself cannot read, and why;
// plansite reads them all (TestForeignWriters).
var openpyxlLimits = map[string]string{
	"hand-gbk.xlsx":              "multi-byte encodings are not supported",
	"hand-part-case.xlsx":        "There is no item named",
	"hand-stored-backslash.xlsx": "There is no item named",
}

// TestSameAsOpenpyxl compares plansite's reading of every cell of the
// sheets it reads, in every file of the foreign corpus and the field
// cases, with openpyxl's: the same numbers, texts, dates (in the file's
// date system) and errors in the same cells.
func TestSameAsOpenpyxl(t *testing.T) {
	py := openpyxlPython(t)
	files, err := filepath.Glob(filepath.Join(foreignDir, "*.xlsx"))
	must(t, err)
	field, err := filepath.Glob("testdata/field/*.xlsx")
	must(t, err)
	files = append(files, field...)
	cmd := exec.Command(py, append([]string{filepath.Join(foreignDir, "cells_openpyxl.py")}, files...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("openpyxl: %v\n%s", err, stderr.String())
	}
	var theirs map[string]struct {
		Error    string                                   `json:"error"`
		Date1904 bool                                     `json:"date1904"`
		Sheets   map[string]map[string][2]json.RawMessage `json:"sheets"`
	}
	must(t, json.Unmarshal(out, &theirs))
	for _, path := range files {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			th := theirs[path]
			if th.Error != "" {
				if why, ok := openpyxlLimits[name]; !ok || !strings.Contains(th.Error, why) {
					t.Fatalf("openpyxl cannot read it: %s", th.Error)
				}
				t.Logf("openpyxl cannot read it (%s); plansite can", th.Error)
				return
			}
			data, err := os.ReadFile(path)
			must(t, err)
			r := &reader{data: data}
			defer r.close()
			r.book, err = openBook(data, nil)
			must(t, err)
			r.date1904 = r.dateSystem()
			if r.date1904 != th.Date1904 {
				t.Errorf("1904 date system: plansite %v, openpyxl %v", r.date1904, th.Date1904)
			}
			for _, s := range append([]sheet{{name: SheetInfo}}, dataSheets...) {
				cells, ok := th.Sheets[s.name]
				if !ok {
					continue
				}
				g, err := r.grid(s.name)
				if err != nil {
					t.Errorf("%s: %v", s.name, err)
					continue
				}
				compareCells(t, r, g, cells)
			}
		})
	}
}

// compareCells compares a grid with openpyxl's cells of the same sheet.
func compareCells(t *testing.T, r *reader, g *grid, theirs map[string][2]json.RawMessage) {
	t.Helper()
	seen := map[string]bool{}
	for ref, tv := range theirs {
		seen[ref] = true
		c, row, err := excelize.CellNameToCoordinates(ref)
		must(t, err)
		if row > maxRows || c > maxCols {
			continue
		}
		var kind string
		must(t, json.Unmarshal(tv[0], &kind))
		ours := g.at(row-1, c-1)
		where := g.sheet + "!" + ref
		switch kind {
		case "n":
			var v float64
			must(t, json.Unmarshal(tv[1], &v))
			got, err := strconv.ParseFloat(ours, 64)
			if !g.isNumber(row-1, c-1) || err != nil || got != v {
				t.Errorf("%s: plansite %q, openpyxl the number %v", where, ours, v)
			}
		case "d":
			var v string
			must(t, json.Unmarshal(tv[1], &v))
			d, err := r.dateValue(g, row-1, c-1, ours)
			if err != nil || d.String() != v {
				t.Errorf("%s: plansite %q (%v %v), openpyxl the date %s", where, ours, d, err, v)
			}
		case "b":
			var v bool
			must(t, json.Unmarshal(tv[1], &v))
			if want := map[bool]string{true: "1", false: "0"}[v]; ours != want {
				t.Errorf("%s: plansite %q, openpyxl %v", where, ours, v)
			}
		default: // s, e
			var v string
			must(t, json.Unmarshal(tv[1], &v))
			if ours != v {
				t.Errorf("%s: plansite %q, openpyxl %q", where, ours, v)
			}
		}
	}
	// What plansite reads that openpyxl does not: only the copies of a
	// merged area's value in its other cells.
	for row := range g.rows {
		for c, v := range g.rows[row] {
			if v == "" || seen[cellName(row, c)] {
				continue
			}
			if m, ok := g.mergeAt(row, c); ok && (m.r1 != row+1 || m.c1 != c+1) {
				continue
			}
			t.Errorf("%s!%s: plansite %q, openpyxl nothing", g.sheet, cellName(row, c), v)
		}
	}
}
