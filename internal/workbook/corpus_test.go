package workbook

import (
	"archive/zip"
	"bufio"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/plansite/plansite/internal/domain"
)

// The bad-input corpus: files that units (or anyone with write access to
// the shared folder) could drop into the inbox, each with the finding it
// must produce. The files are in testdata/corpus, written by
// go test ./internal/workbook -run TestMakeCorpus -update; their expected
// findings are in testdata/corpus/expect.tsv (file, then a phrase of the
// message). Their unit is 测试单位, which the tests add to the plan as a
// unit that no task, problem or indicator names, so that no figure of the
// example depends on them.

const (
	corpusDir = "testdata/corpus"
	tester    = domain.UnitID("ceshi")
)

// withTester returns the example plan with 测试单位 added. cooperate makes it
// a cooperator of the first two tasks (to write its template rows).
func withTester(tb testing.TB, cooperate bool) *domain.Plan {
	tb.Helper()
	p := mustPlan(tb)
	p.Units = append(p.Units, domain.Unit{ID: tester, Name: "测试单位", Kind: "测试"})
	if cooperate {
		for i := 0; i < 2; i++ {
			p.Tasks[i].Cooperators = append(append([]domain.UnitID(nil), p.Tasks[i].Cooperators...), tester)
		}
	}
	p.Index()
	return p
}

type corpusCase struct {
	name string
	want string // a phrase of the finding (or "" for a file that reads cleanly)
	make func(t *testing.T, base []byte) []byte
}

// set returns an edit of the tester's filled template.
func set(edits ...func(f *excelize.File)) func(t *testing.T, base []byte) []byte {
	return func(t *testing.T, base []byte) []byte {
		return edit(t, base, func(f *excelize.File) {
			for _, e := range edits {
				e(f)
			}
		})
	}
}

func cellStr(sheet, cell, v string) func(f *excelize.File) {
	return func(f *excelize.File) { _ = f.SetCellStr(sheet, cell, v) }
}

func rawZip(files map[string]string) []byte {
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		f, _ := w.Create(n)
		_, _ = f.Write([]byte(files[n]))
	}
	_ = w.Close()
	return buf.Bytes()
}

// dropCachedValues removes the saved results of formulas, as a program
// that writes formulas without computing them does.
func dropCachedValues(t *testing.T, data []byte) []byte {
	r, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	must(t, err)
	re := regexp.MustCompile(`(<f>[^<]*</f>)<v>[^<]*</v>`)
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for _, f := range r.File {
		rc, err := f.Open()
		must(t, err)
		b, err := io.ReadAll(rc)
		must(t, err)
		rc.Close()
		if strings.HasPrefix(f.Name, "xl/worksheets/") {
			b = re.ReplaceAll(b, []byte("$1"))
		}
		out, err := w.Create(f.Name)
		must(t, err)
		_, err = out.Write(b)
		must(t, err)
	}
	must(t, w.Close())
	return buf.Bytes()
}

// bomb is a workbook whose sheet inflates to 300 MB of spaces.
func bomb() []byte {
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	base := map[string]string{
		"[Content_Types].xml":        `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
		"_rels/.rels":                `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml":            `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="重点任务" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
	}
	for _, n := range []string{"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels"} {
		f, _ := w.Create(n)
		_, _ = f.Write([]byte(base[n]))
	}
	f, _ := w.Create("xl/worksheets/sheet1.xml")
	bw := bufio.NewWriter(f)
	_, _ = bw.WriteString(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	chunk := bytes.Repeat([]byte(" "), 1<<20)
	for i := 0; i < 300; i++ {
		_, _ = bw.Write(chunk)
	}
	_, _ = bw.WriteString(`</sheetData></worksheet>`)
	_ = bw.Flush()
	_ = w.Close()
	return buf.Bytes()
}

func corpus() []corpusCase {
	info := func(label, v string) func(f *excelize.File) {
		cells := map[string]string{InfoUnit: "B1", InfoMonth: "B2", InfoReporter: "B3", InfoPhone: "B4", InfoDate: "B5"}
		return cellStr(SheetInfo, cells[label], v)
	}
	return []corpusCase{
		{"01_零字节.xlsx", "0 字节", func(*testing.T, []byte) []byte { return nil }},
		{"02_2023-06_测试单位_空工作簿.xlsx", "工作簿中没有", func(t *testing.T, _ []byte) []byte {
			f := excelize.NewFile()
			var b bytes.Buffer
			_, _ = f.WriteTo(&b)
			return b.Bytes()
		}},
		{"03_2023-06_测试单位_复制中断.xlsx", "不完整", func(t *testing.T, base []byte) []byte { return base[:len(base)*2/3] }},
		{"04_通知.xlsx", "不是 Excel 工作簿", func(*testing.T, []byte) []byte { return []byte("各单位：请于每月24日前报送。\r\n") }},
		{"05_2023-06_测试单位.xls", ".xls", func(*testing.T, []byte) []byte {
			return append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 2040)...)
		}},
		{"06_2023-06_测试单位.et", ".et", func(*testing.T, []byte) []byte {
			return append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 2040)...)
		}},
		{"07_2023-06_测试单位.ods", ".ods", func(*testing.T, []byte) []byte {
			return rawZip(map[string]string{"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<office:document-content/>"})
		}},
		{"08_2023-06_测试单位.csv", ".csv", func(*testing.T, []byte) []byte { return []byte("任务编号,完成进度\n1.1,80\n") }},
		{"09_2023-06_测试单位_加密.xlsx", "打开密码", func(t *testing.T, base []byte) []byte {
			f, err := excelize.OpenReader(bytes.NewReader(base))
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			if err := f.SaveAs(filepath.Join(dir, "p.xlsx"), excelize.Options{Password: "123456"}); err != nil {
				t.Fatal(err)
			}
			b, _ := os.ReadFile(filepath.Join(dir, "p.xlsx"))
			return b
		}},
		{"10_2023-06_测试单位_压缩炸弹.xlsx", "解压后过大", func(*testing.T, []byte) []byte { return bomb() }},
		{"11_2023-06_测试单位_百万行.xlsx", "超过 5000 行", set(cellStr(SheetTasks, "A1048576", "末行"))},
		{"12_2023-06_测试单位_万列.xlsx", "列，超出部分未读取", set(cellStr(SheetTasks, "XFD2", "末列"))},
		{"13_2023-06_测试单位_公式无结果.xlsx", "没有它的计算结果", func(t *testing.T, base []byte) []byte {
			return dropCachedValues(t, set(func(f *excelize.File) { _ = f.SetCellFormula(SheetTasks, "E2", "40+40") })(t, base))
		}},
		{"14_2023-06_测试单位_除零.xlsx", "#DIV/0!", set(cellStr(SheetTasks, "E2", "#DIV/0!"))},
		{"15_2023-06_测试单位_无值.xlsx", "#N/A", set(cellStr(SheetTasks, "E3", "#N/A"))},
		{"16_2023-06_测试单位_无表头.xlsx", "找不到表头", set(func(f *excelize.File) { _ = f.RemoveRow(SheetTasks, 1) })},
		{"17_2023-06_测试单位_表头重复.xlsx", "出现了不止一次", set(cellStr(SheetTasks, "D1", "完成进度(%)"))},
		{"18_2023-06_测试单位_任务重复.xlsx", "出现了两次", set(func(f *excelize.File) {
			a, _ := f.GetCellValue(SheetTasks, "A2")
			b, _ := f.GetCellValue(SheetTasks, "B2")
			_ = f.SetCellStr(SheetTasks, "A3", a)
			_ = f.SetCellStr(SheetTasks, "B3", b)
		})},
		{"19_2023-06_测试单位_进度120.xlsx", "超出 0–100", set(cellStr(SheetTasks, "E2", "120"))},
		{"20_2023-06_测试单位_进度负5.xlsx", "“-5”超出", set(cellStr(SheetTasks, "E2", "-5"))},
		{"21_2023-06_测试单位_进度abc.xlsx", "无法识别的百分比“abc”", set(cellStr(SheetTasks, "E2", "abc"))},
		{"22_2023-06_测试单位_进度八成.xlsx", "无法识别的百分比“八成”", set(cellStr(SheetTasks, "E2", "八成"))},
		{"23_2023-06_测试单位_日期1900-01-00.xlsx", "不存在", set(func(f *excelize.File) {
			_ = f.SetCellFloat(SheetInfo, "B5", 0, -1, 64)
		})},
		{"24_2023-06_测试单位_日期9999.xlsx", "不在方案的时间范围内", set(info(InfoDate, "9999-12-31"))},
		{"25_2023-06_测试单位_月份13.xlsx", "“2023-13”不存在", set(info(InfoMonth, "2023-13"))},
		{"26_单位带路径.xlsx", "“../../etc”不是方案中的单位", set(info(InfoUnit, "../../etc"))},
		{"27_单位带网页代码.xlsx", "不是方案中的单位", set(info(InfoUnit, `<script>alert("单位")</script><img src=x onerror=alert(1)>`))},
		{"28_单位名两千字.xlsx", "不是方案中的单位", set(info(InfoUnit, strings.Repeat("长", 2000)))},
		{"29_2023-06_测试单位_改名的文档.xlsx", "无法作为 Excel 工作簿打开", func(*testing.T, []byte) []byte {
			return rawZip(map[string]string{"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})
		}},
		{"30_2023-06_测试单位_日期2月30日.xlsx", "“2023-02-30”不存在", set(info(InfoDate, "2023-02-30"))},
		{"31_2023-06_测试单位_状态未知.xlsx", "无法识别的推进状态“基本完成”", set(cellStr(SheetTasks, "F2", "基本完成"))},
		{"32_2023-06_测试单位_未知任务.xlsx", "未知的任务编号“9.9”", set(cellStr(SheetTasks, "A2", "9.9"), cellStr(SheetTasks, "B2", "不存在的任务"))},
		{"~$2023-06_测试单位.xlsx", "", func(*testing.T, []byte) []byte { return make([]byte, 165) }},
	}
}

// testerBase is the tester's June workbook, filled.
func testerBase(t *testing.T) []byte {
	p := withTester(t, true)
	fill := fillFor(p, tester)
	var buf bytes.Buffer
	if err := Template(&buf, p, tester, june, nil, fill); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestMakeCorpus rewrites testdata/corpus (with -update).
func TestMakeCorpus(t *testing.T) {
	if !*update {
		t.Skip("the corpus is rewritten only with -update")
	}
	base := testerBase(t)
	if err := os.RemoveAll(corpusDir); err != nil {
		t.Fatal(err)
	}
	must(t, os.MkdirAll(corpusDir, 0o755))
	var expect strings.Builder
	expect.WriteString("# file\tphrase of the finding it must produce (empty: none; a ~$ file is skipped)\n")
	for _, c := range corpus() {
		must(t, os.WriteFile(filepath.Join(corpusDir, c.name), c.make(t, base), 0o644))
		expect.WriteString(c.name + "\t" + c.want + "\n")
	}
	must(t, os.WriteFile(filepath.Join(corpusDir, "expect.tsv"), []byte(expect.String()), 0o644))
}

// TestCorpus reads every corpus file as the inbox would and checks that
// each gives its finding (and no panic, no hang).
func TestCorpus(t *testing.T) {
	p := withTester(t, false)
	b, err := os.ReadFile(filepath.Join(corpusDir, "expect.tsv"))
	must(t, err)
	n := 0
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		name, want, _ := strings.Cut(line, "\t")
		n++
		if strings.HasPrefix(name, "~$") || !strings.HasSuffix(strings.ToLower(name), ".xlsx") {
			continue // skipped or refused by the inbox, before any reading
		}
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			res := NewReader(SchemaOf(p)).Read(filepath.Join(corpusDir, name), name)
			var msgs []string
			for _, f := range res.Findings {
				msgs = append(msgs, f.Message)
				if f.Hint == "" || f.File != name {
					t.Errorf("finding without hint or file: %+v", f)
				}
				if w := english(f.Message + " " + f.Hint); w != "" {
					t.Errorf("English %q in a finding: %+v", w, f)
				}
			}
			if !strings.Contains(strings.Join(msgs, "\n"), want) {
				t.Errorf("findings %q lack %q", msgs, want)
			}
			if d := time.Since(start); d > 20*time.Second {
				t.Logf("slow: %v", d) // bounded by ReadTimeout; never asserted on time
			}
		})
	}
	if n < 30 {
		t.Errorf("the corpus has %d kinds; want at least 30", n)
	}
}

// TestFileChangingWhileRead: a file that changes under the reader (still
// being copied) is reported, not read half.
func TestFileChangingWhileRead(t *testing.T) {
	p := withTester(t, true)
	path := filepath.Join(t.TempDir(), "2023-06_测试单位.xlsx")
	must(t, os.WriteFile(path, testerBase(t), 0o644))
	afterRead = func(path string) {
		f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
		if err == nil {
			_, _ = f.Write([]byte("more"))
			f.Close()
		}
	}
	defer func() { afterRead = nil }()
	res := NewReader(SchemaOf(p)).Read(path, "2023-06_测试单位.xlsx")
	if res.Usable || len(res.Findings) != 1 || !strings.Contains(res.Findings[0].Message, "读取时被改动") {
		t.Errorf("result = %+v", res)
	}
}

// TestTooBig: a file past MaxFileSize is refused without being read.
func TestTooBig(t *testing.T) {
	p := withTester(t, false)
	path := filepath.Join(t.TempDir(), "big.xlsx")
	f, err := os.Create(path)
	must(t, err)
	must(t, f.Truncate(MaxFileSize+1))
	f.Close()
	res := NewReader(SchemaOf(p)).Read(path, "big.xlsx")
	if res.Usable || len(res.Findings) != 1 || !strings.Contains(res.Findings[0].Message, "文件过大") {
		t.Errorf("result = %+v", res)
	}
}

// TestFormulaWithCachedValue: a formula whose result Excel saved counts.
func TestFormulaWithCachedValue(t *testing.T) {
	p := withTester(t, true)
	data := edit(t, testerBase(t), func(f *excelize.File) {
		c := at(SheetTasks, "progress", 0)
		_ = f.SetCellFormula(SheetTasks, c, "40+40")
		_ = f.SetCellValue(SheetTasks, c, 80) // the cached result
		_ = f.SetCellFormula(SheetTasks, c, "40+40")
	})
	res := NewReader(SchemaOf(p)).ReadBytes(data, "2023-06_测试单位.xlsx")
	if len(errorsOf(res.Findings)) > 0 || len(res.Report.Tasks) == 0 || res.Report.Tasks[0].Progress == nil || *res.Report.Tasks[0].Progress != 80 {
		t.Errorf("findings %v, first row %+v", res.Findings, res.Report.Tasks)
	}
}
