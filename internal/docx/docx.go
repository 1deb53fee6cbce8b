package docx

import (
	"archive/zip"
	"bufio"
	"bytes"
	"embed"
	"encoding/xml"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"time"
	"unicode/utf8"
)

// skeleton is a minimal .docx: the package parts, the 公文-like styles, the
// fonts with their fallbacks, the footers with the page number, and the
// main part with a placeholder for the body.
//
//go:embed all:skeleton
var skeleton embed.FS

// Document is a Word document: A4 portrait, 公文-like (GB/T 9704) margins,
// body text in 仿宋 三号, page numbers — N — in the footer.
type Document struct {
	Title  string // the document's title property (shown by Word's file info)
	Blocks []Block
}

// Block is a Paragraph, a Table or a PageBreak.
type Block interface{ block() }

// Style is the style of a paragraph.
type Style string

// Paragraph styles, defined in the skeleton's styles.xml.
const (
	Body        Style = "Normal"    // 仿宋 三号, first line indented two characters
	Title       Style = "Title"     // 方正小标宋简体 二号 (fallbacks 华文中宋, 宋体), centred
	Heading1    Style = "Heading1"  // 黑体 三号: 一、二、…
	Heading2    Style = "Heading2"  // 楷体 三号: （一）（二）…
	Flush       Style = "Flush"     // body text without the indent (主送, 附件 lines)
	Signature   Style = "Signature" // right-aligned (落款, date)
	Caption     Style = "Caption"   // 黑体 四号, centred: a table's title
	TableText   Style = "TableText" // 仿宋 五号
	TableHeader Style = "TableHeader"
)

// Paragraph is a paragraph of runs in a style.
type Paragraph struct {
	Style Style
	Runs  []Run
}

// Run is text in one format; "\n" breaks the line.
type Run struct {
	Text string
	Bold bool
}

// Para is a paragraph of plain text.
func Para(s Style, text string) Paragraph { return Paragraph{Style: s, Runs: []Run{{Text: text}}} }

// Table is a table with a header row (repeated on each page) and rows of
// text; a row shorter than Cols is padded.
type Table struct {
	Cols []Col
	Rows [][]string
}

// Col is a column of a Table: its header and its share of the width.
type Col struct {
	Header string
	Weight int // relative width; 0 counts 1
}

// PageBreak starts a new page.
type PageBreak struct{}

func (Paragraph) block() {}
func (Table) block()     {}
func (PageBreak) block() {}

// textWidth is the width of the type area of A4 with the skeleton's
// margins (28 mm left, 26 mm right), in twentieths of a point.
const textWidth = 11906 - 1588 - 1474

// Write writes d to w as a .docx. The same document always gives the same
// bytes. Text is written as it is (escaped; characters XML cannot hold are
// replaced); it fails only when w does.
func Write(w io.Writer, d Document) error {
	for _, bl := range d.Blocks {
		switch bl.(type) {
		case PageBreak, Paragraph, Table:
		default:
			return fmt.Errorf("docx: unknown block %T", bl)
		}
	}
	zw := zip.NewWriter(w)
	stamp := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	create := func(name string) (io.Writer, error) {
		return zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: stamp})
	}
	put := func(name string, b []byte) error {
		f, err := create(name)
		if err != nil {
			return err
		}
		_, err = f.Write(b)
		return err
	}
	// [Content_Types].xml first, as Office writes it.
	names := []string{"[Content_Types].xml"}
	err := fs.WalkDir(skeleton, "skeleton", func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() && p != "skeleton/[Content_Types].xml" {
			names = append(names, strings.TrimPrefix(p, "skeleton/"))
		}
		return err
	})
	if err != nil {
		return err
	}
	for _, name := range names {
		b, err := skeleton.ReadFile("skeleton/" + name)
		if err != nil {
			return err
		}
		if name != "word/document.xml" {
			if err := put(name, b); err != nil {
				return err
			}
			continue
		}
		// The body goes where the skeleton says <!--BODY-->, written
		// straight into the part as it is made.
		head, tail, _ := bytes.Cut(b, []byte("<!--BODY-->"))
		f, err := create(name)
		if err != nil {
			return err
		}
		bw := bufio.NewWriterSize(f, 32<<10)
		bw.Write(head)
		writeBody(bw, d.Blocks)
		bw.Write(tail)
		if err := bw.Flush(); err != nil {
			return err
		}
	}
	if err := put("docProps/core.xml", coreXML(d.Title)); err != nil {
		return err
	}
	return zw.Close()
}

func coreXML(title string) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	b.WriteString(`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>`)
	_ = xml.EscapeText(&b, []byte(title))
	b.WriteString(`</dc:title><dc:creator>plansite</dc:creator></cp:coreProperties>`)
	return b.Bytes()
}

// The body is WordprocessingML written as text (the w: prefix declared
// on the skeleton's w:document), each element's children in the order the
// schema requires (Word refuses others); text is escaped as encoding/xml
// escapes it, characters XML cannot hold replaced. Written by hand rather
// than by encoding/xml, which took three quarters of a 通报's time.

// writeBody writes the blocks (Write has checked their types); an error
// of b's writer stays in b, for its Flush.
func writeBody(b *bufio.Writer, blocks []Block) {
	breakNext := false
	for _, bl := range blocks {
		switch x := bl.(type) {
		case PageBreak:
			breakNext = true
			continue
		case Paragraph:
			paragraph(b, x.Style, x.Runs, breakNext)
		case Table:
			if breakNext {
				// A table cannot start a page itself: an empty paragraph does.
				paragraph(b, Flush, nil, true)
			}
			table(b, x)
		}
		breakNext = false
	}
}

// paragraph writes a w:p in style s (Body when empty), starting a page
// when pageBreak is set: each run with its properties, then its text,
// breaks ("\n") and tabs ("\t").
func paragraph(b *bufio.Writer, s Style, runs []Run, pageBreak bool) {
	if s == "" {
		s = Body
	}
	b.WriteString(`<w:p><w:pPr><w:pStyle w:val="`)
	escape(b, string(s))
	b.WriteString(`"></w:pStyle>`)
	if pageBreak {
		b.WriteString(`<w:pageBreakBefore></w:pageBreakBefore>`)
	}
	b.WriteString(`</w:pPr>`)
	for _, r := range runs {
		b.WriteString(`<w:r>`)
		if r.Bold {
			b.WriteString(`<w:rPr><w:b></w:b></w:rPr>`)
		}
		for i, line := range strings.Split(r.Text, "\n") {
			if i > 0 {
				b.WriteString(`<w:br></w:br>`)
			}
			for j, part := range strings.Split(line, "\t") {
				if j > 0 {
					b.WriteString(`<w:tab></w:tab>`)
				}
				if part != "" {
					b.WriteString(`<w:t xml:space="preserve">`)
					escape(b, part)
					b.WriteString(`</w:t>`)
				}
			}
		}
		b.WriteString(`</w:r>`)
	}
	b.WriteString(`</w:p>`)
}

// escape writes s as XML text, as encoding/xml escapes it.
func escape(b *bufio.Writer, s string) {
	if !strings.ContainsFunc(s, needsEscape) {
		b.WriteString(s)
		return
	}
	_ = xml.EscapeText(b, []byte(s))
}

// needsEscape reports whether encoding/xml's EscapeText writes r other
// than as its UTF-8 bytes: markup and white space it escapes, and what XML
// cannot hold (U+FFFD stands for invalid UTF-8 too). TestNeedsEscape
// checks every code point.
func needsEscape(r rune) bool {
	switch r {
	case '"', '\'', '&', '<', '>', '\t', '\n', '\r', utf8.RuneError:
		return true
	}
	return r < 0x20 || r > 0xD7FF && r < 0xE000 || r > 0xFFFD && r < 0x10000 || r > utf8.MaxRune
}

func table(b *bufio.Writer, t Table) {
	total := 0
	for _, c := range t.Cols {
		total += max(c.Weight, 1)
	}
	fmt.Fprintf(b, `<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"></w:tblStyle><w:tblW w:w="%d" w:type="dxa"></w:tblW><w:jc w:val="center"></w:jc><w:tblLayout w:type="fixed"></w:tblLayout></w:tblPr><w:tblGrid>`, textWidth)
	widths := make([]int, len(t.Cols))
	for i, c := range t.Cols {
		widths[i] = textWidth * max(c.Weight, 1) / max(total, 1)
		fmt.Fprintf(b, `<w:gridCol w:w="%d"></w:gridCol>`, widths[i])
	}
	b.WriteString(`</w:tblGrid>`)
	row := func(cells []string, header bool) {
		b.WriteString(`<w:tr><w:trPr><w:cantSplit></w:cantSplit>`)
		style := TableText
		if header {
			b.WriteString(`<w:tblHeader></w:tblHeader>`)
			style = TableHeader
		}
		b.WriteString(`</w:trPr>`)
		for i := range t.Cols {
			text := ""
			if i < len(cells) {
				text = cells[i]
			}
			fmt.Fprintf(b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"></w:tcW><w:vAlign w:val="center"></w:vAlign></w:tcPr>`, widths[i])
			paragraph(b, style, []Run{{Text: text}}, false)
			b.WriteString(`</w:tc>`)
		}
		b.WriteString(`</w:tr>`)
	}
	var head []string
	for _, c := range t.Cols {
		head = append(head, c.Header)
	}
	row(head, true)
	for _, r := range t.Rows {
		row(r, false)
	}
	b.WriteString(`</w:tbl>`)
}
