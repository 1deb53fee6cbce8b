package docx

import (
	"archive/zip"
	"bytes"
	"embed"
	"encoding/xml"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"time"
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
	body, err := bodyXML(d.Blocks)
	if err != nil {
		return err
	}
	zw := zip.NewWriter(w)
	stamp := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	put := func(name string, b []byte) error {
		f, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: stamp})
		if err != nil {
			return err
		}
		_, err = f.Write(b)
		return err
	}
	// [Content_Types].xml first, as Office writes it.
	names := []string{"[Content_Types].xml"}
	err = fs.WalkDir(skeleton, "skeleton", func(p string, e fs.DirEntry, err error) error {
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
		if name == "word/document.xml" {
			b = bytes.Replace(b, []byte("<!--BODY-->"), body, 1)
		}
		if err := put(name, b); err != nil {
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

// The WordprocessingML elements the body uses, written by encoding/xml,
// their children in the order the schema requires (Word refuses others).
// The names carry the w: prefix, declared on the skeleton's w:document.

type xParagraph struct {
	XMLName xml.Name `xml:"w:p"`
	Props   xPProps  `xml:"w:pPr"`
	Runs    []xRun   `xml:"w:r"`
}

type xPProps struct {
	Style     xVal   `xml:"w:pStyle"`
	PageBreak *xNone `xml:"w:pageBreakBefore,omitempty"`
}

type xVal struct {
	Val string `xml:"w:val,attr"`
}

type xNone struct{}

type xRun struct {
	Props *xRProps `xml:"w:rPr,omitempty"`
	Items []any
}

type xRProps struct {
	Bold *xNone `xml:"w:b,omitempty"`
}

type xText struct {
	XMLName xml.Name `xml:"w:t"`
	Space   string   `xml:"xml:space,attr"`
	Text    string   `xml:",chardata"`
}

type xBreak struct {
	XMLName xml.Name `xml:"w:br"`
}

type xTab struct {
	XMLName xml.Name `xml:"w:tab"`
}

type xTable struct {
	XMLName xml.Name  `xml:"w:tbl"`
	Props   xTblProps `xml:"w:tblPr"`
	Grid    []xGrid   `xml:"w:tblGrid>w:gridCol"`
	Rows    []xRow    `xml:"w:tr"`
}

type xTblProps struct {
	Style  xVal   `xml:"w:tblStyle"`
	Width  xWidth `xml:"w:tblW"`
	Jc     xVal   `xml:"w:jc"`
	Layout xType  `xml:"w:tblLayout"`
}

type xWidth struct {
	W    int    `xml:"w:w,attr"`
	Type string `xml:"w:type,attr"`
}

type xType struct {
	Type string `xml:"w:type,attr"`
}

type xGrid struct {
	W int `xml:"w:w,attr"`
}

type xRow struct {
	Props xRowProps `xml:"w:trPr"`
	Cells []xCell   `xml:"w:tc"`
}

type xRowProps struct {
	CantSplit *xNone `xml:"w:cantSplit,omitempty"`
	Header    *xNone `xml:"w:tblHeader,omitempty"`
}

type xCell struct {
	Props xCellProps   `xml:"w:tcPr"`
	Paras []xParagraph `xml:"w:p"`
}

type xCellProps struct {
	Width  xWidth `xml:"w:tcW"`
	VAlign xVal   `xml:"w:vAlign"`
}

// MarshalXML writes a run: its properties, then its text, breaks and tabs.
func (r xRun) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	start.Name = xml.Name{Local: "w:r"}
	if err := e.EncodeToken(start); err != nil {
		return err
	}
	if r.Props != nil {
		if err := e.EncodeElement(r.Props, xml.StartElement{Name: xml.Name{Local: "w:rPr"}}); err != nil {
			return err
		}
	}
	for _, it := range r.Items {
		if err := e.Encode(it); err != nil {
			return err
		}
	}
	return e.EncodeToken(start.End())
}

func bodyXML(blocks []Block) ([]byte, error) {
	var b bytes.Buffer
	e := xml.NewEncoder(&b)
	breakNext := false
	for _, bl := range blocks {
		var v any
		switch x := bl.(type) {
		case PageBreak:
			breakNext = true
			continue
		case Paragraph:
			p := paragraph(x.Style, x.Runs)
			if breakNext {
				p.Props.PageBreak = &xNone{}
			}
			v = p
		case Table:
			t := table(x)
			if breakNext {
				// A table cannot start a page itself: an empty paragraph does.
				if err := e.Encode(xParagraph{Props: xPProps{Style: xVal{string(Flush)}, PageBreak: &xNone{}}}); err != nil {
					return nil, err
				}
			}
			v = t
		default:
			return nil, fmt.Errorf("docx: unknown block %T", bl)
		}
		breakNext = false
		if err := e.Encode(v); err != nil {
			return nil, err
		}
	}
	if err := e.Flush(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func paragraph(s Style, runs []Run) xParagraph {
	if s == "" {
		s = Body
	}
	p := xParagraph{Props: xPProps{Style: xVal{string(s)}}}
	for _, r := range runs {
		x := xRun{}
		if r.Bold {
			x.Props = &xRProps{Bold: &xNone{}}
		}
		for i, line := range strings.Split(r.Text, "\n") {
			if i > 0 {
				x.Items = append(x.Items, xBreak{})
			}
			for j, part := range strings.Split(line, "\t") {
				if j > 0 {
					x.Items = append(x.Items, xTab{})
				}
				if part != "" {
					x.Items = append(x.Items, xText{Space: "preserve", Text: part})
				}
			}
		}
		p.Runs = append(p.Runs, x)
	}
	return p
}

func table(t Table) xTable {
	total := 0
	for _, c := range t.Cols {
		total += max(c.Weight, 1)
	}
	x := xTable{Props: xTblProps{Style: xVal{"TableGrid"}, Width: xWidth{textWidth, "dxa"}, Layout: xType{"fixed"}, Jc: xVal{"center"}}}
	widths := make([]int, len(t.Cols))
	for i, c := range t.Cols {
		widths[i] = textWidth * max(c.Weight, 1) / max(total, 1)
		x.Grid = append(x.Grid, xGrid{widths[i]})
	}
	row := func(cells []string, header bool) xRow {
		r := xRow{Props: xRowProps{CantSplit: &xNone{}}}
		style := TableText
		if header {
			r.Props.Header, style = &xNone{}, TableHeader
		}
		for i := range t.Cols {
			text := ""
			if i < len(cells) {
				text = cells[i]
			}
			r.Cells = append(r.Cells, xCell{
				Props: xCellProps{Width: xWidth{widths[i], "dxa"}, VAlign: xVal{"center"}},
				Paras: []xParagraph{paragraph(style, []Run{{Text: text}})},
			})
		}
		return r
	}
	var head []string
	for _, c := range t.Cols {
		head = append(head, c.Header)
	}
	x.Rows = append(x.Rows, row(head, true))
	for _, r := range t.Rows {
		x.Rows = append(x.Rows, row(r, false))
	}
	return x
}
