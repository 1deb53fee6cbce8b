package workbook

import (
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Bounds of what is read of one sheet. The templates hold a few dozen rows;
// anything past these is reported, not read.
const (
	maxRows   = 5000
	maxCols   = 100
	headerMax = 30 // rows searched for the header
)

// grid is a sheet's cells as raw strings (numbers unformatted, dates as
// serials), with the value of a merged area copied into each of its cells.
type grid struct {
	f         *excelize.File
	sheet     string
	rows      [][]string
	meta      [][]cellMeta // kinds, styles and formulas when read by streamGrid; nil when read through excelize
	truncated bool         // rows or columns beyond the bounds were not read
	err       error        // the first error met while streaming
	styles    map[int]*excelize.Style
}

// grid reads a sheet of the reader's workbook in one pass, or through
// excelize when its XML is not at hand.
func (r *reader) grid(sheet string) (*grid, error) {
	if !r.excelizeOnly {
		if r.parts == nil && !r.noParts {
			r.parts = newParts(r.f)
			r.noParts = r.parts == nil
		}
		if r.parts != nil {
			g, ok, err := r.parts.streamGrid(sheet)
			if ok {
				return g, err
			}
		}
	}
	return readGrid(r.f, sheet)
}

func readGrid(f *excelize.File, sheet string) (*grid, error) {
	g := &grid{f: f, sheet: sheet}
	it, err := f.Rows(sheet)
	if err != nil {
		return nil, err
	}
	for it.Next() {
		if len(g.rows) >= maxRows {
			g.truncated = true
			break
		}
		cols, err := it.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			it.Close()
			return nil, err
		}
		if len(cols) > maxCols {
			cols = cols[:maxCols]
			g.truncated = true
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
	merges, err := f.GetMergeCells(sheet)
	if err != nil {
		return nil, err
	}
	for _, m := range merges {
		c1, r1, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c2, r2, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 != nil || err2 != nil {
			continue
		}
		v := g.at(r1-1, c1-1)
		for r := r1 - 1; r < r2 && r < len(g.rows); r++ {
			for c := c1 - 1; c < c2 && c < maxCols; c++ {
				g.set(r, c, v)
			}
		}
	}
	return g, nil
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
	st, ok := g.styles[id]
	if !ok {
		st, err = g.f.GetStyle(id)
		if err != nil {
			st = nil
		}
		if g.styles == nil {
			g.styles = map[int]*excelize.Style{}
		}
		g.styles[id] = st
	}
	if st == nil {
		return false, false
	}
	switch {
	case st.NumFmt == 9 || st.NumFmt == 10:
		return true, false
	case st.NumFmt >= 14 && st.NumFmt <= 22, st.NumFmt >= 27 && st.NumFmt <= 36, st.NumFmt >= 45 && st.NumFmt <= 47, st.NumFmt >= 50 && st.NumFmt <= 58:
		return false, true
	}
	if st.CustomNumFmt != nil {
		return customFormat(*st.CustomNumFmt)
	}
	return false, false
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
