package workbook

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// replacePart returns the workbook data with the part name replaced.
func replacePart(t *testing.T, data []byte, name, content string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	found := false
	for _, f := range zr.File {
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		if f.Name == name {
			found = true
			io.WriteString(w, content)
			continue
		}
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(w, r); err != nil {
			t.Fatal(err)
		}
		r.Close()
	}
	if !found {
		t.Fatalf("no part %s", name)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// TestOnePassOddXML: sheet XML as other programs write it (no r
// attributes, a namespace prefix, cells out of order, a shared formula)
// reads the same through the one-pass reader as through excelize (TestMain
// compares every read), and the rows still count.
func TestOnePassOddXML(t *testing.T) {
	p := mustPlan(t)
	data := mustTemplate(t, p, jyzx, fillFor(p, jyzx))
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	// The 重点任务 sheet is the part whose XML refers to the most cells
	// of column I (本月工作进展 and the next columns).
	var part string
	best := -1
	for _, f := range zr.File {
		if !strings.HasPrefix(f.Name, "xl/worksheets/sheet") {
			continue
		}
		r, _ := f.Open()
		b, _ := io.ReadAll(r)
		r.Close()
		if n := strings.Count(string(b), `r="I`); n > best {
			part, best = f.Name, n
		}
	}
	row := func(cells ...string) string { return "<row>" + strings.Join(cells, "") + "</row>" }
	is := func(ref, s string) string {
		r := ""
		if ref != "" {
			r = ` r="` + ref + `"`
		}
		return `<c` + r + ` t="inlineStr"><is><t>` + s + `</t></is></c>`
	}
	num := func(ref, v string) string { return `<c r="` + ref + `"><v>` + v + `</v></c>` }
	header := row(is("", "任务编号"), is("", "重点任务"), is("", "承担角色"), is("", "完成时限"), is("", "完成进度(%)"), is("", "推进状态"), is("", "本月工作进展"), is("", "存在问题"), is("", "下月工作计划"))
	task := fillFor(p, jyzx).Tasks[0]
	title := p.Tasks[0].Title
	for _, tk := range p.Tasks {
		if tk.ID == task.TaskID {
			title = tk.Title
		}
	}
	const ns = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`
	cases := map[string]string{
		"no r attributes": `<worksheet ` + ns + `><sheetData>` + header +
			row(is("", task.TaskID), is("", title), is("", "牵头"), is("", "2023-12-31"), `<c><v>45</v></c>`, is("", "推进中"), is("", "完成了一半")) + `</sheetData></worksheet>`,
		"namespace prefix": `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>` +
			strings.NewReplacer("<row>", "<x:row>", "</row>", "</x:row>", "<c", "<x:c", "</c>", "</x:c>", "<is>", "<x:is>", "</is>", "</x:is>", "<t>", "<x:t>", "</t>", "</x:t>", "<v>", "<x:v>", "</v>", "</x:v>").Replace(header+row(is("", task.TaskID), is("", title), is("", "牵头"), is("", "2023-12-31"), `<c><v>45</v></c>`)) +
			`</x:sheetData></x:worksheet>`,
		"a shared formula": `<worksheet ` + ns + `><sheetData>` + header +
			`<row r="2">` + is("A2", task.TaskID) + is("B2", title) + `<c r="E2"><f t="shared" ref="E2:E3" si="0">40+5</f><v>45</v></c></row>` +
			`</sheetData></worksheet>`,
		"numbers and blanks": `<worksheet ` + ns + `><sheetData>` + header +
			`<row r="5">` + is("A5", task.TaskID) + is("B5", title) + num("E5", "0.45") + `<c r="F5" s="0"/></row>` +
			`</sheetData></worksheet>`,
	}
	for name, xml := range cases {
		t.Run(name, func(t *testing.T) {
			res := NewReader(SchemaOf(p)).ReadBytes(replacePart(t, data, part, xml), "2023-06_就业中心.xlsx")
			if !res.Usable {
				t.Fatalf("not usable: %v", res.Findings)
			}
			var got *float64
			for _, r := range res.Report.Tasks {
				if r.TaskID == task.TaskID {
					got = r.Progress
				}
			}
			if got == nil || *got != 45 {
				t.Errorf("progress of %s = %v; want 45 (findings %v)", task.TaskID, got, res.Findings)
			}
		})
	}
}

// TestOnePassFallsBack: a sheet the one-pass reader cannot read (here XML
// in GBK, which it does not decode) is read through excelize, and the file
// reads in full (TestForeignWriters checks every value of hand-gbk.xlsx).
func TestOnePassFallsBack(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(foreignDir, "hand-gbk.xlsx"))
	must(t, err)
	b, err := openBook(data, nil)
	must(t, err)
	if _, err := b.streamGrid(SheetTasks); err == nil {
		t.Fatal("the one-pass reader read GBK; this test no longer shows the fallback")
	}
	r := &reader{data: data, book: b}
	defer r.close()
	g, err := r.grid(SheetTasks)
	if err != nil || g.at(1, 0) != "1.1" {
		t.Fatalf("through excelize: %v, A2 = %q", err, g.at(1, 0))
	}
}

// TestOnePassAlone: the one-pass reader reads every workbook of the tests
// without opening it with excelize, except those it cannot read (the
// GBK sheet) and those that are not workbooks at all.
func TestOnePassAlone(t *testing.T) {
	var fell []string
	fellBack = func(rel string) { fell = append(fell, rel) }
	defer func() { fellBack = nil }()
	p := mustPlan(t)
	files, err := filepath.Glob(filepath.Join(foreignDir, "*.xlsx"))
	must(t, err)
	for _, dir := range []string{"testdata/field", "testdata", "testdata/corpus"} {
		more, err := filepath.Glob(filepath.Join(dir, "*.xlsx"))
		must(t, err)
		files = append(files, more...)
	}
	for _, path := range files {
		data, err := os.ReadFile(path)
		must(t, err)
		NewReader(SchemaOf(p)).ReadBytes(data, path)
	}
	want := map[string]bool{
		filepath.Join(foreignDir, "hand-gbk.xlsx"): true,
		// Not workbooks: excelize says why.
		"testdata/corpus/01_零字节.xlsx": true, "testdata/corpus/03_2023-06_测试单位_复制中断.xlsx": true,
		"testdata/corpus/04_通知.xlsx": true, "testdata/corpus/09_2023-06_测试单位_加密.xlsx": true,
		"testdata/corpus/29_2023-06_测试单位_改名的文档.xlsx": true, "testdata/corpus/~$2023-06_测试单位.xlsx": true,
	}
	got := map[string]bool{}
	for _, f := range fell {
		got[f] = true
		if !want[f] {
			t.Errorf("%s: read through excelize", f)
		}
	}
	if !got[filepath.Join(foreignDir, "hand-gbk.xlsx")] {
		t.Error("hand-gbk.xlsx was read without excelize")
	}
	if len(files) < 60 {
		t.Errorf("only %d files", len(files))
	}
}
