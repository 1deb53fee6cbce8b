package workbook

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/xuri/excelize/v2"

	"github.com/plansite/plansite/internal/domain"
)

// Table is one sheet of a workbook of formatted tables (WriteTables): a
// title, a few lines of notes, one header row and the rows, printed on A4
// landscape pages with the header repeated on each.
type Table struct {
	Sheet    string   // sheet name: at most 31 characters, none of []:*?/\ (others are replaced)
	Title    string   // printed above the table across its columns; "" for none
	Notes    []string // lines under the title (as-of date, what a mark means…)
	Cols     []Col
	Rows     [][]Cell // a row shorter than Cols is padded with blanks
	Freeze   int      // leading columns kept in view when scrolling right
	Portrait bool     // A4 portrait instead of landscape
}

// Col is a column of a Table.
type Col struct {
	Header string
	// Width in characters, a Chinese character counting 2; 0 fits the
	// column's longest line between 6 and MaxWidth.
	Width float64
}

// MaxWidth is the widest a fitted column gets; longer text wraps (text
// cells always wrap, top-aligned).
const MaxWidth = 60

// Kind is the type of a Cell's value.
type Kind uint8

// Kinds of cell values.
const (
	BlankCell   Kind = iota
	TextCell         // a string, stored as text
	NumberCell       // a number, shown as it is
	PercentCell      // a percentage, stored as a fraction with a % format
	DateCell         // a real Excel date, shown as 2023年12月31日
)

// Cell is one typed value of a Table.
type Cell struct {
	Kind   Kind
	Text   string
	Number float64 // for NumberCell; for PercentCell the points (80 for 80%)
	Date   domain.Date
	Fill   string // background colour as RRGGBB; "" for none
	Bold   bool
}

// Text is a text cell.
func Text(s string) Cell { return Cell{Kind: TextCell, Text: s} }

// Number is a number cell; nil gives a blank.
func Number(v *float64) Cell {
	if v == nil {
		return Cell{}
	}
	return Cell{Kind: NumberCell, Number: *v}
}

// Int is a whole-number cell.
func Int(n int) Cell { return Cell{Kind: NumberCell, Number: float64(n)} }

// Percent is a percentage given in points (80 for 80%), written as the
// fraction 0.8 with a percent format; nil gives a blank.
func Percent(v *float64) Cell {
	if v == nil {
		return Cell{}
	}
	return Cell{Kind: PercentCell, Number: *v}
}

// Date is a date cell; the zero date gives a blank.
func Date(d domain.Date) Cell {
	if d.IsZero() {
		return Cell{}
	}
	return Cell{Kind: DateCell, Date: d}
}

// Filled returns c with background colour rgb (RRGGBB).
func (c Cell) Filled(rgb string) Cell { c.Fill = rgb; return c }

// String is the cell as a person reads it (for widths and tests).
func (c Cell) String() string {
	switch c.Kind {
	case TextCell:
		return c.Text
	case NumberCell:
		return strings.TrimSuffix(fmt.Sprintf("%.2f", c.Number), ".00")
	case PercentCell:
		return strings.TrimSuffix(fmt.Sprintf("%.1f", c.Number), ".0") + "%"
	case DateCell:
		return c.Date.Label()
	}
	return ""
}

// WriteTables writes the tables to w as an .xlsx workbook titled title,
// one sheet each, in order: 宋体, a bold shaded header row, frozen panes
// below it (and right of Freeze columns), column widths fitted to Chinese
// text, A4 pages fitted to the width with the title and header rows
// repeated and the footer 第 N 页 共 M 页. Numbers are numbers, percentages
// fractions with a % format, dates real dates. It fails only when
// excelize does (never for odd text, which is written as it is).
func WriteTables(w io.Writer, title string, tables []Table) error {
	f := excelize.NewFile()
	defer f.Close()
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter { return fastZip(w) })
	if err := f.SetDefaultFont("宋体"); err != nil {
		return err
	}
	st := &tableStyles{f: f, ids: map[styleKey]int{}}
	used := map[string]bool{}
	for i, t := range tables {
		name := sheetName(t.Sheet, i, used)
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return err
		}
		if err := writeTable(f, st, name, t); err != nil {
			return fmt.Errorf("sheet %s: %w", name, err)
		}
	}
	if len(tables) == 0 {
		if err := f.SetCellStr("Sheet1", "A1", title); err != nil {
			return err
		}
	}
	if st.err != nil {
		return st.err
	}
	// The first sheet is the active one already: SetActiveSheet would read
	// every streamed sheet back.
	if err := f.SetDocProps(&excelize.DocProperties{Title: title, Creator: "plansite", Created: "2000-01-01T00:00:00Z", Modified: "2000-01-01T00:00:00Z"}); err != nil {
		return err
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		return err
	}
	return sortedZip(w, buf.Bytes())
}

// fastZip is a zip writer that compresses at flate's best speed, its
// compressors kept between files.
func fastZip(w io.Writer) *zip.Writer {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		fw, ok := flaters.Get().(*flate.Writer)
		if !ok {
			var err error
			if fw, err = flate.NewWriter(out, flate.BestSpeed); err != nil {
				return nil, err
			}
		} else {
			fw.Reset(out)
		}
		return &pooledFlater{fw}, nil
	})
	return zw
}

var flaters sync.Pool

type pooledFlater struct{ *flate.Writer }

func (p *pooledFlater) Close() error {
	err := p.Writer.Close()
	flaters.Put(p.Writer)
	return err
}

// sortedZip writes to w the zip archive b with its entries in name order
// ([Content_Types].xml first), copied without recompressing: excelize
// writes them in map order, and the same tables must give the same bytes
// (a rebuild from the cache writes what a build without it does).
func sortedZip(w io.Writer, b []byte) error {
	r, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return err
	}
	files := slices.Clone(r.File)
	first := func(f *zip.File) bool { return f.Name == "[Content_Types].xml" }
	slices.SortFunc(files, func(a, b *zip.File) int {
		if first(a) != first(b) {
			if first(a) {
				return -1
			}
			return 1
		}
		return strings.Compare(a.Name, b.Name)
	})
	zw := zip.NewWriter(w)
	for _, f := range files {
		raw, err := f.OpenRaw()
		if err != nil {
			return err
		}
		h := f.FileHeader
		fw, err := zw.CreateRaw(&h)
		if err != nil {
			return err
		}
		if _, err := io.Copy(fw, raw); err != nil {
			return err
		}
	}
	return zw.Close()
}

// sheetName makes name a valid, unused sheet name: the characters Excel
// forbids replaced, at most 31 characters, "表N" when empty.
func sheetName(name string, i int, used map[string]bool) string {
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) || r < 32 {
			return '_'
		}
		return r
	}, strings.Trim(name, "' "))
	if r := []rune(name); len(r) > 31 {
		name = string(r[:31])
	}
	if name == "" {
		name = fmt.Sprintf("表%d", i+1)
	}
	for base, n := name, 2; used[strings.ToLower(name)]; n++ {
		suffix := fmt.Sprintf("(%d)", n)
		r := []rune(base)
		if len(r)+len(suffix) > 31 {
			r = r[:31-len(suffix)]
		}
		name = string(r) + suffix
	}
	used[strings.ToLower(name)] = true
	return name
}

func writeTable(f *excelize.File, st *tableStyles, s string, t Table) error {
	ncol := max(len(t.Cols), 1)
	widths := fitWidths(t)
	header := 1 + len(t.Notes)
	if t.Title != "" {
		header++
	}
	// The page set-up first: the stream writer writes it after the rows.
	if err := printSetup(f, s, t, header); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(s)
	if err != nil {
		return err
	}
	top, _ := excelize.CoordinatesToCellName(t.Freeze+1, header+1)
	pane := "bottomLeft"
	if t.Freeze > 0 {
		pane = "bottomRight"
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: t.Freeze, YSplit: header, TopLeftCell: top, ActivePane: pane}); err != nil {
		return err
	}
	total := 0.0
	for j, w := range widths {
		total += w
		if err := sw.SetColWidth(j+1, j+1, w); err != nil {
			return err
		}
	}
	row := 0
	// The title and the notes, across the columns.
	line := func(text string, k styleKey, height float64) error {
		row++
		a, _ := excelize.CoordinatesToCellName(1, row)
		cells := make([]any, ncol)
		for j := range cells {
			cells[j] = excelize.Cell{StyleID: st.id(k)}
		}
		cells[0] = excelize.Cell{StyleID: st.id(k), Value: text}
		if err := sw.SetRow(a, cells, excelize.RowOpts{Height: height}); err != nil {
			return err
		}
		if ncol == 1 {
			return nil
		}
		b, _ := excelize.CoordinatesToCellName(ncol, row)
		return sw.MergeCell(a, b)
	}
	if t.Title != "" {
		if err := line(t.Title, styleKey{kind: titleStyle}, 24); err != nil {
			return err
		}
	}
	for _, n := range t.Notes {
		if err := line(n, styleKey{kind: noteStyle}, lineHeight*float64(linesOf(n, total))); err != nil {
			return err
		}
	}
	row++
	head := make([]any, len(t.Cols))
	for j, c := range t.Cols {
		head[j] = excelize.Cell{StyleID: st.id(styleKey{kind: headerStyle}), Value: c.Header}
	}
	a, _ := excelize.CoordinatesToCellName(1, row)
	if err := sw.SetRow(a, head, excelize.RowOpts{Height: rowHeight(t.Cols, widths, func(j int) string { return t.Cols[j].Header })}); err != nil {
		return err
	}
	cells := make([]any, len(t.Cols))
	for _, r := range t.Rows {
		row++
		for j := range t.Cols {
			c := Cell{}
			if j < len(r) {
				c = r[j]
			}
			cells[j] = excelize.Cell{StyleID: st.id(styleKey{kind: cellStyle(c), fill: c.Fill, bold: c.Bold}), Value: cellValue(c)}
		}
		a, _ := excelize.CoordinatesToCellName(1, row)
		height := rowHeight(t.Cols, widths, func(j int) string {
			if j < len(r) {
				return r[j].String()
			}
			return ""
		})
		if err := sw.SetRow(a, cells, excelize.RowOpts{Height: height}); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// printSetup sets A4 pages fitted to the width, with the rows down to
// the header repeated on each and page numbers in the footer.
func printSetup(f *excelize.File, s string, t Table, header int) error {
	fit := true
	if err := f.SetSheetProps(s, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	size, orient, wide, tall := 9, "landscape", 1, 0
	if t.Portrait {
		orient = "portrait"
	}
	if err := f.SetPageLayout(s, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FitToWidth: &wide, FitToHeight: &tall}); err != nil {
		return err
	}
	side, edge, hf := 0.5, 0.6, 0.3
	if err := f.SetPageMargins(s, &excelize.PageLayoutMarginsOptions{Left: &side, Right: &side, Top: &edge, Bottom: &edge, Header: &hf, Footer: &hf}); err != nil {
		return err
	}
	if err := f.SetHeaderFooter(s, &excelize.HeaderFooterOptions{OddFooter: "&C第 &P 页 共 &N 页"}); err != nil {
		return err
	}
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("'%s'!$1:$%d", s, header), Scope: s})
}

// cellValue is c's value for the stream writer: text as a string (never
// a formula), numbers and dates as numbers, nil for a blank.
func cellValue(c Cell) any {
	switch c.Kind {
	case TextCell:
		return fitCell(c.Text)
	case NumberCell:
		return c.Number
	case PercentCell:
		return c.Number / 100
	case DateCell:
		return excelDate(c.Date)
	}
	return nil
}

// maxCellText is the most characters a cell holds in Excel.
const maxCellText = 32767

// fitCell cuts text that a cell cannot hold, with an ellipsis.
func fitCell(s string) string {
	if len(s) <= maxCellText {
		return s
	}
	r := []rune(s)
	if len(r) <= maxCellText {
		return s
	}
	return string(r[:maxCellText-1]) + "…"
}

// excelDate is d as an Excel serial day number (1900 date system).
func excelDate(d domain.Date) float64 {
	return float64(domain.MustDate(1899, 12, 30).DaysUntil(d))
}

// The widths of text: a character of the CJK or full-width ranges counts 2.
func textWidth(s string) float64 {
	w := 0.0
	for _, r := range s {
		if wide(r) {
			w += 2
		} else {
			w += 1.1
		}
	}
	return w
}

func wide(r rune) bool {
	return r >= 0x1100 && (unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x30FF) || (r >= 0xFF00 && r <= 0xFFEF) || r >= 0x20000 || unicode.Is(unicode.Hangul, r))
}

// fitWidths gives each column its width: the given one, or the widest
// line of its header and cells (plus a margin), between 6 and MaxWidth.
func fitWidths(t Table) []float64 {
	out := make([]float64, len(t.Cols))
	for j, c := range t.Cols {
		if c.Width > 0 {
			out[j] = c.Width
			continue
		}
		w := longestLine(c.Header)
		for _, r := range t.Rows {
			if j < len(r) {
				w = math.Max(w, longestLine(r[j].String()))
			}
		}
		out[j] = math.Min(math.Max(w+2, 6), MaxWidth)
	}
	return out
}

func longestLine(s string) float64 {
	w := 0.0
	for _, l := range strings.Split(s, "\n") {
		w = math.Max(w, textWidth(l))
	}
	return w
}

// lineHeight is the height of a line of 11-point Chinese text, in points.
const lineHeight = 15.0

// linesOf is how many lines text takes in a column width wide.
func linesOf(text string, width float64) int {
	usable := math.Max(width-1, 1)
	n := 0
	for _, l := range strings.Split(text, "\n") {
		n += max(1, int(math.Ceil(textWidth(l)/usable)))
	}
	return n
}

// rowHeight is the height of a row whose wrapped cells take most lines;
// the applications do not all fit heights to wrapped text on opening.
func rowHeight(cols []Col, widths []float64, text func(j int) string) float64 {
	lines := 1
	for j := range cols {
		if s := text(j); s != "" {
			lines = max(lines, linesOf(s, widths[j]))
		}
	}
	return math.Min(lineHeight*float64(lines)+3, 409) // Excel's tallest row
}

// The cell styles of a workbook, made once each.

type styleKind uint8

const (
	textStyle styleKind = iota
	numberStyle
	percentStyle
	percent1Style // with one decimal
	dateStyle
	headerStyle
	titleStyle
	noteStyle
)

type styleKey struct {
	kind styleKind
	fill string
	bold bool
}

func cellStyle(c Cell) styleKind {
	switch c.Kind {
	case NumberCell:
		return numberStyle
	case PercentCell:
		if c.Number != math.Trunc(c.Number) {
			return percent1Style
		}
		return percentStyle
	case DateCell:
		return dateStyle
	}
	return textStyle
}

type tableStyles struct {
	f   *excelize.File
	ids map[styleKey]int
	err error
}

func (st *tableStyles) id(k styleKey) int {
	if id, ok := st.ids[k]; ok {
		return id
	}
	border := []excelize.Border{
		{Type: "left", Color: "808080", Style: 1}, {Type: "right", Color: "808080", Style: 1},
		{Type: "top", Color: "808080", Style: 1}, {Type: "bottom", Color: "808080", Style: 1},
	}
	s := excelize.Style{Border: border, Font: &excelize.Font{Bold: k.bold, Family: "宋体", Size: 11},
		Alignment: &excelize.Alignment{Vertical: "top"}}
	format := func(code string) { s.CustomNumFmt = &code }
	switch k.kind {
	case numberStyle: // General: 45 and 41.06 as they are
	case percentStyle:
		format("0%")
	case percent1Style:
		format("0.0%")
	case dateStyle:
		format(`yyyy"年"m"月"d"日"`)
		s.Alignment.Horizontal = "left"
	case headerStyle:
		s.Font.Bold = true
		s.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DCE6F1"}}
		s.Alignment = &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}
	case titleStyle:
		s.Border, s.Font = nil, &excelize.Font{Bold: true, Size: 16, Family: "宋体"}
		s.Alignment = &excelize.Alignment{Horizontal: "center", Vertical: "center"}
	case noteStyle:
		s.Border = nil
		s.Alignment = &excelize.Alignment{Vertical: "top", WrapText: true}
	default:
		s.Alignment.WrapText = true
	}
	if k.fill != "" {
		s.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{k.fill}}
	}
	id, err := st.f.NewStyle(&s)
	if err != nil && st.err == nil {
		st.err = err
	}
	st.ids[k] = id
	return id
}
