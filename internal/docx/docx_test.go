package docx

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/plansite/plansite/internal/officetest"
)

func sample(rows int) Document {
	d := Document{Title: "关于2023年12月工作进展情况的通报", Blocks: []Block{
		Para(Title, "关于2023年12月工作进展情况的通报"),
		Para(Flush, "各责任单位："),
		Para(Heading1, "一、总体情况"),
		Paragraph{Runs: []Run{{Text: "截至2023年12月31日，", Bold: true}, {Text: "16 项重点任务中已完成 11 项。<script>&\x01\n第二行\t制表"}}},
		PageBreak{},
		Para(Caption, "重点任务进展情况表"),
	}}
	t := Table{Cols: []Col{{Header: "序号", Weight: 1}, {Header: "重点任务", Weight: 5}, {Header: "状态", Weight: 2}}}
	for i := 1; i <= rows; i++ {
		t.Rows = append(t.Rows, []string{fmt.Sprint(i), fmt.Sprintf("第%d项任务：推进就业服务", i), "正常推进"})
	}
	t.Rows = append(t.Rows, []string{"短行"})
	d.Blocks = append(d.Blocks, t, Para(Signature, "政策法规股"))
	return d
}

func write(t *testing.T, d Document) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, d); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestPackage: every part a word processor needs is there, each is
// well-formed XML, the body holds the text escaped, the table's header
// row repeats, and the same document gives the same bytes.
func TestPackage(t *testing.T) {
	b := write(t, sample(3))
	if !bytes.Equal(b, write(t, sample(3))) {
		t.Error("two writes of the same document differ")
	}
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string]string{}
	for _, f := range z.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(r)
		r.Close()
		parts[f.Name] = string(data)
		d := xml.NewDecoder(bytes.NewReader(data))
		for {
			_, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s is not well-formed: %v", f.Name, err)
			}
		}
	}
	if z.File[0].Name != "[Content_Types].xml" {
		t.Errorf("first part %s", z.File[0].Name)
	}
	for _, p := range []string{"_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels", "word/styles.xml", "word/settings.xml", "word/fontTable.xml", "word/footer1.xml", "word/footer2.xml", "docProps/core.xml", "docProps/app.xml"} {
		if _, ok := parts[p]; !ok {
			t.Errorf("part %s missing", p)
		}
	}
	doc := parts["word/document.xml"]
	for _, want := range []string{"&lt;script&gt;&amp;", "<w:br></w:br>", "<w:tab></w:tab>", "<w:tblHeader></w:tblHeader>", `<w:pStyle w:val="Title">`, "<w:pageBreakBefore>", "<w:sectPr>", "关于2023年12月工作进展情况的通报"} {
		if !strings.Contains(doc, want) {
			t.Errorf("document.xml lacks %q", want)
		}
	}
	if strings.Contains(doc, "\x01") || strings.Contains(doc, "<script>") {
		t.Error("document.xml holds unescaped text")
	}
	if !strings.Contains(parts["word/styles.xml"], `w:eastAsia="仿宋_GB2312"`) || !strings.Contains(parts["word/styles.xml"], `w:eastAsia="方正小标宋简体"`) {
		t.Error("styles lack the 仿宋 body and the 小标宋 title")
	}
	if !strings.Contains(parts["word/fontTable.xml"], `<w:font w:name="方正小标宋简体"><w:altName w:val="华文中宋"/>`) {
		t.Error("the title font has no fallback declared")
	}
	// Every w:tc holds a paragraph (Word refuses an empty cell).
	if n, m := strings.Count(doc, "<w:tc>"), regexp.MustCompile(`<w:tc><w:tcPr>.*?</w:tcPr><w:p>`).FindAllStringIndex(doc, -1); n == 0 || len(m) != n {
		t.Errorf("%d cells, %d with a paragraph", n, len(m))
	}
}

// TestLibreOffice opens the document in LibreOffice, as the section
// would, and reads the PDF: A4 pages, the text in order, the short row
// padded, and the page numbers — 1 — and — 2 — in the footers.
func TestLibreOffice(t *testing.T) {
	path := filepath.Join(t.TempDir(), "通报.docx")
	if err := os.WriteFile(path, write(t, sample(40)), 0o644); err != nil {
		t.Fatal(err)
	}
	pdf := officetest.ToPDF(t, path)[0]
	pages, w, h := officetest.Pages(t, pdf)
	if pages < 3 || w < 594 || w > 596 || h < 841 || h > 843 {
		t.Errorf("%d pages of %.0f×%.0f pt; want 3 or more A4 pages", pages, w, h)
	}
	text := officetest.Squeeze(officetest.Text(t, pdf, false))
	for _, want := range []string{"关于2023年12月工作进展情况的通报", "各责任单位：", "一、总体情况", "<script>&", "第二行", "重点任务进展情况表", "第40项任务：推进就业服务", "短行", "政策法规股", "—1—", "—2—", "—3—"} {
		if !strings.Contains(text, officetest.Squeeze(want)) {
			t.Errorf("PDF text lacks %q", want)
		}
	}
	if strings.Index(text, "一、总体情况") > strings.Index(text, "重点任务进展情况表") {
		t.Error("the page break moved the table before the heading")
	}
}

// TestNeedsEscape: every code point needsEscape lets through is one
// encoding/xml writes as it is, so text without any is written unchanged.
func TestNeedsEscape(t *testing.T) {
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if needsEscape(r) {
			continue
		}
		var b bytes.Buffer
		_ = xml.EscapeText(&b, []byte(string(r)))
		if b.String() != string(r) {
			t.Fatalf("U+%04X: encoding/xml writes %q", r, b.String())
		}
	}
	var b bytes.Buffer
	w := bufio.NewWriter(&b)
	escape(w, "a\xffb")
	w.Flush()
	if b.String() != "a\uFFFDb" {
		t.Errorf("invalid UTF-8 written %q", b.String())
	}
}
