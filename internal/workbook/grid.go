package workbook

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Bounds of what is read of one sheet. The templates hold a few dozen rows;
// values past these are reported, not read. Only cells that hold a value
// count: formatting applied down to row 6000 or out to column XFD is not
// content.
const (
	maxRows   = 5000
	maxCols   = 100
	headerMax = 30 // rows searched for the header
)

// area is a merged area, 1-based and inclusive.
type area struct{ c1, r1, c2, r2 int }

// grid is a sheet's cells as raw strings (numbers unformatted, dates as
// serials), with the value of a merged area copied into each of its cells.
type grid struct {
	f         *excelize.File // the workbook, when read through excelize; nil when read in one pass
	sheet     string
	rows      [][]string
	meta      [][]cellMeta // kinds, styles and formulas when read in one pass; nil when read through excelize
	merges    []area
	truncated bool                     // values beyond the bounds were not read
	width     int                      // the widest row read in one pass
	classOf   func(style int) numClass // how a cell style shows numbers
}

// grid reads a sheet of the reader's workbook in one pass, or through
// excelize when the one-pass reader cannot read it for any reason (a
// part it cannot find, XML it cannot read, even a panic).
func (r *reader) grid(sheet string) (*grid, error) {
	if !r.excelizeOnly && r.book != nil {
		if g, err := r.book.safeStreamGrid(sheet); err == nil {
			return g, nil
		}
	}
	f, err := r.excelize()
	if err != nil {
		return nil, err
	}
	return readGrid(f, sheet)
}

// safeStreamGrid is streamGrid with a panic turned into an error.
func (b *book) safeStreamGrid(sheet string) (g *grid, err error) {
	defer func() {
		if v := recover(); v != nil {
			g, err = nil, fmt.Errorf("one-pass reader: %v", v)
		}
	}()
	return b.streamGrid(sheet)
}

// readGrid reads sheet through excelize's own API (the reference reader,
// and the one used when the one-pass reader cannot read a sheet).
func readGrid(f *excelize.File, sheet string) (*grid, error) {
	g := &grid{f: f, sheet: sheet, classOf: excelizeClasses(f)}
	it, err := f.Rows(sheet)
	if err != nil {
		return nil, err
	}
	n := 0
	for it.Next() {
		n++
		cols, err := it.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			it.Close()
			return nil, err
		}
		if n > maxRows {
			if !allBlank(cols) {
				g.truncated = true
			}
			continue
		}
		if len(cols) > maxCols {
			if !allBlank(cols[maxCols:]) {
				g.truncated = true
			}
			cols = cols[:maxCols]
		}
		g.rows = append(g.rows, cols)
	}
	if err := it.Error(); err != nil {
		it.Close()
		return nil, err
	}
	if err := it.Close(); err != nil {
		return nil, err
	}
	for len(g.rows) > 0 && allBlank(g.rows[len(g.rows)-1]) {
		g.rows = g.rows[:len(g.rows)-1]
	}
	merges, err := f.GetMergeCells(sheet)
	if err != nil {
		return nil, err
	}
	for _, m := range merges {
		if a, ok := parseArea(m.GetStartAxis() + ":" + m.GetEndAxis()); ok {
			g.merges = append(g.merges, a)
		}
	}
	g.applyMerges()
	return g, nil
}

func allBlank(vs []string) bool {
	for _, v := range vs {
		if v != "" {
			return false
		}
	}
	return true
}

// applyMerges copies the value of each merged area (its top-left cell's)
// into every cell of it.
func (g *grid) applyMerges() {
	for _, m := range g.merges {
		if m.r1 > len(g.rows) || m.c1 > maxCols {
			continue
		}
		v, meta := g.at(m.r1-1, m.c1-1), g.metaAt(m.r1-1, m.c1-1)
		for r := m.r1 - 1; r < m.r2 && r < len(g.rows); r++ {
			for c := m.c1 - 1; c < m.c2 && c < maxCols; c++ {
				g.set(r, c, v)
				if g.meta != nil {
					g.meta[r][c] = meta
				}
			}
		}
	}
}

// mergeAt returns the merged area that holds the cell at 0-based row r and
// column c.
func (g *grid) mergeAt(r, c int) (area, bool) {
	for _, m := range g.merges {
		if r+1 >= m.r1 && r+1 <= m.r2 && c+1 >= m.c1 && c+1 <= m.c2 {
			return m, true
		}
	}
	return area{}, false
}

// at returns the raw value at 0-based row r and column c, "" outside.
func (g *grid) at(r, c int) string {
	if r < 0 || r >= len(g.rows) || c < 0 || c >= len(g.rows[r]) {
		return ""
	}
	return g.rows[r][c]
}

func (g *grid) set(r, c int, v string) {
	for len(g.rows[r]) <= c {
		g.rows[r] = append(g.rows[r], "")
		if g.meta != nil {
			g.meta[r] = append(g.meta[r], cellMeta{})
		}
	}
	g.rows[r][c] = v
}

// rowWidth returns the number of columns of row r.
func (g *grid) rowWidth(r int) int {
	if r < 0 || r >= len(g.rows) {
		return 0
	}
	return len(g.rows[r])
}

// blank reports whether row r has no value at all.
func (g *grid) blank(r int) bool {
	for _, v := range g.rows[r] {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

// cellName returns the A1 name of 0-based row r and column c.
func cellName(r, c int) string {
	n, err := excelize.CoordinatesToCellName(c+1, r+1)
	if err != nil {
		return "R" + strconv.Itoa(r+1) + "C" + strconv.Itoa(c+1)
	}
	return n
}

// isNumber reports whether the cell holds a number (not text that looks
// like one).
func (g *grid) isNumber(r, c int) bool {
	if g.meta != nil {
		return g.metaAt(r, c).kind == kindNumber && looksNumeric(g.at(r, c))
	}
	t, err := g.f.GetCellType(g.sheet, cellName(r, c))
	return err == nil && (t == excelize.CellTypeNumber || t == excelize.CellTypeUnset) && looksNumeric(g.at(r, c))
}

func (g *grid) metaAt(r, c int) cellMeta {
	if r < 0 || r >= len(g.meta) || c < 0 || c >= len(g.meta[r]) {
		return cellMeta{}
	}
	return g.meta[r][c]
}

// formula returns the formula of the cell at 0-based row r and column c,
// "" when it has none.
func (g *grid) formula(r, c int) string {
	if g.meta != nil {
		m := g.metaAt(r, c)
		if m.hasF && m.formula == "" {
			return "…" // a shared formula whose text was not found
		}
		return m.formula
	}
	f, _ := g.f.GetCellFormula(g.sheet, cellName(r, c))
	return f
}

// picture reports whether the cell holds a picture rather than a value:
// WPS's picture in a cell, a formula =DISPIMG("ID_…",1) whose saved
// result is the formula's own text.
func (g *grid) picture(r, c int) bool {
	return isDispImg(g.at(r, c)) || isDispImg(g.formula(r, c))
}

func isDispImg(s string) bool {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "=")
	if len(s) >= len("_xlfn.") && strings.EqualFold(s[:len("_xlfn.")], "_xlfn.") {
		s = s[len("_xlfn."):]
	}
	return len(s) >= len("DISPIMG(") && strings.EqualFold(s[:len("DISPIMG(")], "DISPIMG(")
}

func looksNumeric(s string) bool {
	_, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	return err == nil
}

// format returns how the cell's number is shown: percent, date or neither.
func (g *grid) format(r, c int) (percent, date bool) {
	var (
		id  int
		err error
	)
	if g.meta != nil {
		id = g.metaAt(r, c).style
	} else {
		id, err = g.f.GetCellStyle(g.sheet, cellName(r, c))
	}
	if err != nil || id == 0 {
		return false, false
	}
	class := g.classOf(id)
	return class == numPercent, class == numDate
}

// excelizeClasses returns how each cell style of f shows numbers, as
// excelize's GetStyle tells.
func excelizeClasses(f *excelize.File) func(int) numClass {
	known := map[int]numClass{}
	return func(id int) numClass {
		if c, ok := known[id]; ok {
			return c
		}
		c := numPlain
		if st, err := f.GetStyle(id); err == nil && st != nil {
			c = classOf(st.NumFmt, st.CustomNumFmt)
		}
		known[id] = c
		return c
	}
}

// customFormat reads a number format code: % outside quotes means percent;
// y, d, or m outside quotes and brackets (with no 0 or #) means a date.
func customFormat(code string) (percent, date bool) {
	var b strings.Builder
	quoted, bracket := false, false
	for _, r := range code {
		switch {
		case r == '"':
			quoted = !quoted
		case quoted:
		case r == '[':
			bracket = true
		case r == ']':
			bracket = false
		case bracket:
		default:
			b.WriteRune(r)
		}
	}
	s := strings.ToLower(b.String())
	if strings.Contains(s, "%") {
		return true, false
	}
	if strings.ContainsAny(s, "0#") {
		return false, false
	}
	return false, strings.ContainsAny(s, "yd") || strings.Contains(s, "m")
}
