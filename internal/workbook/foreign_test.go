package workbook

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/plansite/plansite/internal/domain"
)

// The foreign-writer corpus (testdata/foreign, remade by its make.sh):
// 就业中心's template for 2023-06, filled with the values of fill.json and
// written by each program a unit's file may pass through (LibreOffice,
// Gnumeric, openpyxl, ExcelJS, SheetJS, excelize itself), and by hand in
// the ways other writers shape the XML (the variants below). Every file
// must read back every filled value exactly, with the findings its case
// names.

const foreignDir = "testdata/foreign"

// fillCell is one value written into the blank template: Kind n (a
// number), p (a fraction shown as a percentage, format 0%), s (text) or d
// (a date, written as each program writes dates).
type fillCell struct {
	Sheet string `json:"sheet"`
	Cell  string `json:"cell"`
	Kind  string `json:"kind"`
	Value string `json:"value"`
}

// foreignFill returns the report the corpus must read as, and the cells
// that fill the blank template with it.
func foreignFill(p *domain.Plan) (domain.Report, []fillCell) {
	rep := domain.Report{Unit: jyzx, Month: june, Reporter: "韩晓岚", Phone: "0710-5550123", FilledOn: domain.MustDate(2023, time.June, 20)}
	cells := []fillCell{
		{SheetInfo, "B3", "s", rep.Reporter},
		{SheetInfo, "B4", "s", rep.Phone},
		{SheetInfo, "B5", "d", rep.FilledOn.String()},
	}
	at := func(s sheet, row int, key string) string {
		for i, c := range s.columns {
			if c.key == key {
				return cellName(row+1, i)
			}
		}
		panic("no column " + key)
	}
	// Progress written every way a unit writes it: whole and decimal
	// numbers, a fraction shown as a percentage, text with a % sign.
	progress := []struct {
		kind, value string
		want        float64
	}{
		{"n", "60", 60}, {"n", "100", 100}, {"n", "35", 35}, {"n", "72.5", 72.5}, {"p", "0.55", 55}, {"n", "40", 40},
		{"s", "88%", 88}, {"n", "100", 100}, {"n", "47", 47}, {"p", "0.9", 90}, {"n", "0", 0},
	}
	for i, it := range itemsFor(p, taskSheet, jyzx) {
		pr := progress[i%len(progress)]
		st := domain.TaskStates[i%len(domain.TaskStates)]
		row := domain.TaskRow{TaskID: it.id, Role: it.role, Progress: ptr(pr.want), State: st,
			Done:   fmt.Sprintf("本月完成“%s”相关工作 & <核对>，第%d项。\n下一行：已报送", it.title, i+1),
			Issues: []string{"无", "人员不足", "资金未到位"}[i%3], Next: "继续推进" + it.id}
		rep.Tasks = append(rep.Tasks, row)
		cells = append(cells,
			fillCell{SheetTasks, at(taskSheet, i, "progress"), pr.kind, pr.value},
			fillCell{SheetTasks, at(taskSheet, i, "state"), "s", st.Label()},
			fillCell{SheetTasks, at(taskSheet, i, "done"), "s", row.Done},
			fillCell{SheetTasks, at(taskSheet, i, "issues"), "s", row.Issues},
			fillCell{SheetTasks, at(taskSheet, i, "next"), "s", row.Next})
	}
	for i, it := range itemsFor(p, targetSheet, jyzx) {
		v := 17 + float64(i)*2.5
		rep.Targets = append(rep.Targets, domain.TargetRow{TargetID: it.id, Value: ptr(v)})
		cells = append(cells, fillCell{SheetTargets, at(targetSheet, i, "value"), "n", fmtNum(v)})
	}
	for i, it := range itemsFor(p, problemSheet, jyzx) {
		st := domain.RectStates[(i+1)%len(domain.RectStates)]
		row := domain.ProblemRow{ProblemID: it.id, State: st, Progress: ptr(float64(30 + 35*i)), Measures: "建立台账，逐项销号（" + it.id + "）"}
		cells = append(cells,
			fillCell{SheetProblems, at(problemSheet, i, "state"), "s", st.Label()},
			fillCell{SheetProblems, at(problemSheet, i, "progress"), "n", fmtNum(*row.Progress)},
			fillCell{SheetProblems, at(problemSheet, i, "measures"), "s", row.Measures})
		if i != 1 {
			row.DoneOn = domain.MustDate(2023, time.June, 15+i)
			cells = append(cells, fillCell{SheetProblems, at(problemSheet, i, "done_on"), "d", row.DoneOn.String()})
		}
		rep.Problems = append(rep.Problems, row)
	}
	for i, it := range itemsFor(p, indicatorSheet, jyzx) {
		row := domain.IndicatorRow{IndicatorID: it.id, Readiness: ptr(float64(70 - 12*i)), Note: "材料已收集，第" + strconv.Itoa(i+1) + "批"}
		kind, v := "n", fmtNum(*row.Readiness)
		if i == 1 {
			kind, v = "p", fmtNum(*row.Readiness/100)
		}
		cells = append(cells,
			fillCell{SheetIndicators, at(indicatorSheet, i, "readiness"), kind, v},
			fillCell{SheetIndicators, at(indicatorSheet, i, "note"), "s", row.Note})
		rep.Indicators = append(rep.Indicators, row)
	}
	return rep, cells
}

// fillWithExcelize writes cells into the blank template as excelize does
// (a date as its serial in the cell's date format).
func fillWithExcelize(t *testing.T, blank []byte, cells []fillCell) []byte {
	return edit(t, blank, func(f *excelize.File) {
		pct, err := f.NewStyle(&excelize.Style{NumFmt: 9})
		must(t, err)
		for _, c := range cells {
			switch c.Kind {
			case "s":
				must(t, f.SetCellStr(c.Sheet, c.Cell, c.Value))
			case "n", "p":
				v, err := strconv.ParseFloat(c.Value, 64)
				must(t, err)
				must(t, f.SetCellFloat(c.Sheet, c.Cell, v, -1, 64))
				if c.Kind == "p" {
					must(t, f.SetCellStyle(c.Sheet, c.Cell, c.Cell, pct))
				}
			case "d":
				d, err := time.Parse("2006-01-02", c.Value)
				must(t, err)
				must(t, f.SetCellValue(c.Sheet, c.Cell, d))
			}
		}
	})
}

// foreignCase is what a corpus file must read as: the filled report,
// changed as the case says, and exactly the findings it names
// ("sheet!cell phrase").
type foreignCase struct {
	change   func(r *domain.Report)
	findings []string
}

// foreignCases: every file of the corpus and what it must read as.
func foreignCases() map[string]foreignCase {
	same := foreignCase{}
	cases := map[string]foreignCase{
		"excelize.xlsx":    same,
		"libreoffice.xlsx": same,
		"gnumeric.xlsx":    same,
		"openpyxl.xlsx":    same,
		"exceljs.xlsx":     same,
		"sheetjs.xlsx":     same,
	}
	for _, v := range handVariants() {
		cases[v.name] = v.foreignCase
	}
	return cases
}

func TestForeignWriters(t *testing.T) {
	p := mustPlan(t)
	want, _ := foreignFill(p)
	cases := foreignCases()
	files, err := filepath.Glob(filepath.Join(foreignDir, "*.xlsx"))
	must(t, err)
	seen := map[string]bool{}
	for _, path := range files {
		name := filepath.Base(path)
		if name == "blank.xlsx" {
			continue
		}
		seen[name] = true
		c, ok := cases[name]
		if !ok {
			t.Errorf("%s: in the corpus, but no case says what it must read as", name)
			continue
		}
		t.Run(name, func(t *testing.T) { checkForeign(t, p, path, want, c) })
	}
	for name := range cases {
		if !seen[name] {
			t.Errorf("%s is missing from %s: run its make.sh", name, foreignDir)
		}
	}
}

// checkForeign reads the corpus file at path and checks it against want
// changed as c says.
func checkForeign(t *testing.T, p *domain.Plan, path string, want domain.Report, c foreignCase) {
	t.Helper()
	data, err := os.ReadFile(path)
	must(t, err)
	res := NewReader(SchemaOf(p)).ReadBytes(data, "2023-06_就业中心.xlsx")
	if !res.Usable {
		t.Fatalf("not usable: %v", res.Findings)
	}
	w := *copyReport(&want)
	if c.change != nil {
		c.change(&w)
	}
	assertSame(t, res.Report, w)
	assertFindings(t, res.Findings, c.findings)
}

// TestForeignWritersNow writes the filled template through the programs
// installed here (writers.sh: LibreOffice, Gnumeric, openpyxl, ExcelJS,
// SheetJS) and reads what they wrote: the corpus stays true of the
// programs as they are now, not only as they were when it was made. A
// missing program skips it on a developer's machine and fails it under
// CI=true, where .ci/run installs them.
func TestForeignWritersNow(t *testing.T) {
	if testing.Short() {
		t.Skip("runs LibreOffice and the other writers")
	}
	var missing []string
	for _, tool := range []string{"soffice", "ssconvert", "node"} {
		if _, err := exec.LookPath(tool); err != nil {
			missing = append(missing, tool)
		}
	}
	for _, mod := range []string{"exceljs", "xlsx"} {
		if _, err := os.Stat(filepath.Join("..", "..", "node_modules", mod, "package.json")); err != nil {
			missing = append(missing, "npm "+mod+" (npm ci)")
		}
	}
	if len(missing) > 0 {
		if os.Getenv("CI") == "true" {
			t.Fatalf("missing: %s", strings.Join(missing, ", "))
		}
		t.Skipf("missing: %s", strings.Join(missing, ", "))
	}
	openpyxlPython(t)
	out := t.TempDir()
	cmd := exec.Command("sh", filepath.Join(foreignDir, "writers.sh"), out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("writers.sh: %v\n%s", err, b)
	}
	p := mustPlan(t)
	want, _ := foreignFill(p)
	for _, name := range []string{"libreoffice.xlsx", "gnumeric.xlsx", "openpyxl.xlsx", "exceljs.xlsx", "sheetjs.xlsx"} {
		t.Run(name, func(t *testing.T) { checkForeign(t, p, filepath.Join(out, name), want, foreignCase{}) })
	}
}

// assertFindings checks that findings are exactly those of want, each
// "sheet!cell phrase".
func assertFindings(t *testing.T, findings []domain.Finding, want []string) {
	t.Helper()
	if len(findings) != len(want) {
		t.Errorf("%d findings %v; want %d: %q", len(findings), findings, len(want), want)
		return
	}
	for _, w := range want {
		at, phrase, _ := strings.Cut(w, " ")
		found := false
		for _, f := range findings {
			found = found || (f.Sheet+"!"+f.Cell == at && strings.Contains(f.Message, phrase))
		}
		if !found {
			t.Errorf("no finding at %s saying %q in %v", at, phrase, findings)
		}
	}
}

// TestMakeForeign writes the parts of testdata/foreign that plansite's own
// code makes (with -update; make.sh runs it, then the other programs):
// blank.xlsx (the template), fill.json (the values), excelize.xlsx (the
// template filled by excelize) and the hand-edited variants.
func TestMakeForeign(t *testing.T) {
	if !*update {
		t.Skip("the foreign corpus is remade only with -update (testdata/foreign/make.sh)")
	}
	p := mustPlan(t)
	_, cells := foreignFill(p)
	blank := mustTemplate(t, p, jyzx, nil)
	filled := fillWithExcelize(t, blank, cells)
	js, err := json.MarshalIndent(cells, "", "  ")
	must(t, err)
	for name, b := range map[string][]byte{"blank.xlsx": blank, "fill.json": append(js, '\n'), "excelize.xlsx": filled} {
		must(t, os.WriteFile(filepath.Join(foreignDir, name), b, 0o644))
	}
	for _, v := range handVariants() {
		pk := mustUnzip(t, filled)
		v.make(t, pk)
		must(t, os.WriteFile(filepath.Join(foreignDir, v.name), pk.zip(t), 0o644))
	}
}

// pkg is a workbook package's parts in order, for the hand-edited variants.
type pkg struct {
	names []string
	parts map[string][]byte
	write func(t *testing.T, p *pkg) []byte // nil: archive/zip, deflated
}

func mustUnzip(t *testing.T, data []byte) *pkg {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	must(t, err)
	pk := &pkg{parts: map[string][]byte{}}
	for _, f := range zr.File {
		rc, err := f.Open()
		must(t, err)
		var b bytes.Buffer
		_, err = b.ReadFrom(rc)
		must(t, err)
		rc.Close()
		pk.names = append(pk.names, f.Name)
		pk.parts[f.Name] = b.Bytes()
	}
	return pk
}

func (pk *pkg) zip(t *testing.T) []byte {
	if pk.write != nil {
		return pk.write(t, pk)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range pk.names {
		w, err := zw.Create(n)
		must(t, err)
		_, err = w.Write(pk.parts[n])
		must(t, err)
	}
	must(t, zw.Close())
	return buf.Bytes()
}

func (pk *pkg) rename(old, new string) {
	if old == new {
		return
	}
	for i, n := range pk.names {
		if n == old {
			pk.names[i] = new
		}
	}
	pk.parts[new] = pk.parts[old]
	delete(pk.parts, old)
}

func (pk *pkg) remove(name string) {
	for i, n := range pk.names {
		if n == name {
			pk.names = append(pk.names[:i], pk.names[i+1:]...)
			break
		}
	}
	delete(pk.parts, name)
}

// sheetPart returns the part name of sheet (as excelize writes them:
// xl/worksheets/sheetN.xml, targets relative to xl/).
func (pk *pkg) sheetPart(t *testing.T, sheet string) string {
	wb, rels := string(pk.parts["xl/workbook.xml"]), string(pk.parts["xl/_rels/workbook.xml.rels"])
	_, after, ok := strings.Cut(wb, `name="`+sheet+`"`)
	if !ok {
		t.Fatalf("no sheet %s", sheet)
	}
	_, after, _ = strings.Cut(after, `r:id="`)
	rid, _, _ := strings.Cut(after, `"`)
	_, after, ok = strings.Cut(rels, `Id="`+rid+`"`)
	if !ok {
		t.Fatalf("no relationship %s", rid)
	}
	_, after, _ = strings.Cut(after, `Target="`)
	target, _, _ := strings.Cut(after, `"`)
	return "xl/" + strings.TrimPrefix(target, "/xl/")
}

// edit replaces old by new in a part, once, failing when old is not there.
func (pk *pkg) edit(t *testing.T, part, old, new string) {
	t.Helper()
	s := string(pk.parts[part])
	if !strings.Contains(s, old) {
		t.Fatalf("%s has no %q", part, old)
	}
	pk.parts[part] = []byte(strings.Replace(s, old, new, 1))
}

// cellXML returns the XML of cell ref in part.
func (pk *pkg) cellXML(t *testing.T, part, ref string) string {
	t.Helper()
	s := string(pk.parts[part])
	i := strings.Index(s, `<c r="`+ref+`"`)
	if i < 0 {
		t.Fatalf("%s has no cell %s", part, ref)
	}
	j := strings.Index(s[i:], ">")
	if s[i+j-1] == '/' {
		return s[i : i+j+1]
	}
	k := strings.Index(s[i:], "</c>")
	return s[i : i+k+len("</c>")]
}

// setCell replaces cell ref of part by the XML inner (attributes after r
// and content), keeping its style.
func (pk *pkg) setCell(t *testing.T, part, ref, attrs, content string) {
	t.Helper()
	old := pk.cellXML(t, part, ref)
	style := ""
	if _, after, ok := strings.Cut(old, ` s="`); ok {
		s, _, _ := strings.Cut(after, `"`)
		style = ` s="` + s + `"`
	}
	pk.edit(t, part, old, `<c r="`+ref+`"`+style+attrs+`>`+content+`</c>`)
}

// sst returns the shared strings of the package, in order.
func (pk *pkg) sst(t *testing.T) []string {
	var out []string
	s := string(pk.parts["xl/sharedStrings.xml"])
	for {
		i := strings.Index(s, "<si>")
		if i < 0 {
			return out
		}
		j := strings.Index(s, "</si>")
		si := s[i:j]
		var text strings.Builder
		for {
			a := strings.Index(si, "<t")
			if a < 0 {
				break
			}
			b := strings.Index(si[a:], ">") + a + 1
			e := strings.Index(si, "</t>")
			if si[b-2] != '/' {
				text.WriteString(si[b:e])
				si = si[e+len("</t>"):]
			} else {
				si = si[b:]
			}
		}
		out = append(out, text.String())
		s = s[j+len("</si>"):]
	}
}
