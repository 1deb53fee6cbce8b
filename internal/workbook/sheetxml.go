package workbook

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// The reader reads a sheet's cells, their types, styles and formulas, and
// its merged areas in one streaming pass over the sheet's XML, which
// excelize has unzipped into memory. Asking excelize for the same (Rows
// for the values, then GetMergeCells, GetCellType, GetCellStyle and
// GetCellFormula) parses each sheet twice, the second time into a whole
// document tree, which doubled the cost of reading an inbox. The values
// are excelize's raw values: shared and inline strings as text, anything
// else as written in the file. When a part is not in memory or cannot be
// found, readGrid falls back to excelize.

// cellKind is a cell's type as far as the reader cares.
type cellKind uint8

const (
	kindNumber cellKind = iota // t="n" or no t: a number, or a blank cell
	kindString                 // shared, inline or formula string
	kindOther                  // boolean, error, ISO date
)

// cellMeta is what the streaming reader knows of a cell besides its value.
type cellMeta struct {
	kind    cellKind
	style   int    // the cell's style, else its row's or column's
	formula string // formula text, "" for none
	hasF    bool   // an <f> element was there (a shared formula may have no text)
}

// parts locates the parts of an opened workbook: the XML of each sheet by
// name, and the shared strings (read on first need).
type parts struct {
	f       *excelize.File
	sheets  map[string]string // sheet name, folded → part name
	sstPath string
	sst     []string
	sstRead bool
	sstErr  error
}

type relsXML struct {
	Rels []struct {
		ID     string `xml:"Id,attr"`
		Type   string `xml:"Type,attr"`
		Target string `xml:"Target,attr"`
	} `xml:"Relationship"`
}

type workbookXML struct {
	Sheets []struct {
		Name string `xml:"name,attr"`
		RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
	} `xml:"sheets>sheet"`
}

// part returns the bytes of a part that excelize holds in memory.
func part(f *excelize.File, name string) ([]byte, bool) {
	v, ok := f.Pkg.Load(name)
	if !ok {
		return nil, false
	}
	b, ok := v.([]byte)
	return b, ok
}

// resolve joins a relationship target to the folder of the part that
// names it; a target starting with / is from the package root.
func resolve(dir, target string) string {
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(path.Clean(target), "/")
	}
	return path.Clean(path.Join(dir, target))
}

// newParts finds the parts of f; nil when it cannot (the reader then asks
// excelize for everything).
func newParts(f *excelize.File) *parts {
	wbPath := "xl/workbook.xml"
	if b, ok := part(f, "_rels/.rels"); ok {
		var root relsXML
		if xml.Unmarshal(b, &root) == nil {
			for _, r := range root.Rels {
				if strings.HasSuffix(r.Type, "/officeDocument") {
					wbPath = resolve("", r.Target)
				}
			}
		}
	}
	wbData, ok1 := part(f, wbPath)
	relData, ok2 := part(f, path.Join(path.Dir(wbPath), "_rels", path.Base(wbPath)+".rels"))
	if !ok1 || !ok2 {
		return nil
	}
	var wb workbookXML
	var rels relsXML
	if xml.Unmarshal(wbData, &wb) != nil || xml.Unmarshal(relData, &rels) != nil {
		return nil
	}
	p := &parts{f: f, sheets: map[string]string{}}
	targets := map[string]string{}
	dir := path.Dir(wbPath)
	for _, r := range rels.Rels {
		targets[r.ID] = resolve(dir, r.Target)
		if strings.HasSuffix(r.Type, "/sharedStrings") {
			p.sstPath = resolve(dir, r.Target)
		}
	}
	for _, s := range wb.Sheets {
		if t, ok := targets[s.RID]; ok {
			p.sheets[strings.ToLower(s.Name)] = t
		}
	}
	return p
}

// strings returns the shared strings table.
func (p *parts) strings() ([]string, error) {
	if p.sstRead {
		return p.sst, p.sstErr
	}
	p.sstRead = true
	if p.sstPath == "" {
		return nil, nil
	}
	b, ok := part(p.f, p.sstPath)
	if !ok {
		p.sstErr = errNotInMemory
		return nil, p.sstErr
	}
	d := xml.NewDecoder(bytes.NewReader(b))
	var text strings.Builder
	depth, inT, inSI := 0, false, false
	skip := 0 // inside a phonetic run (rPh), whose text is not the cell's
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			p.sstErr = err
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			switch t.Name.Local {
			case "si":
				inSI = true
				text.Reset()
			case "rPh", "phoneticPr":
				skip++
			case "t":
				inT = inSI && skip == 0
			}
		case xml.EndElement:
			depth--
			switch t.Name.Local {
			case "si":
				inSI = false
				p.sst = append(p.sst, bstrUnmarshal(text.String()))
			case "rPh", "phoneticPr":
				skip--
			case "t":
				inT = false
			}
		case xml.CharData:
			if inT {
				text.Write(t)
			}
		}
	}
	return p.sst, nil
}

var errNotInMemory = errors.New("part not in memory")

var reBstr = regexp.MustCompile(`_x[a-fA-F\d]{4}_`)

// bstrUnmarshal decodes the _xHHHH_ escapes Excel writes for characters
// XML cannot hold, as excelize does.
func bstrUnmarshal(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	return reBstr.ReplaceAllStringFunc(s, func(m string) string {
		if m == "_x005F_" {
			return "_"
		}
		v, err := strconv.Unquote(`"\u` + m[2:6] + `"`)
		if err != nil {
			return m
		}
		return v
	})
}

// streamGrid reads sheet in one pass. ok is false when the sheet's part is
// not in memory; the caller then reads it through excelize.
func (p *parts) streamGrid(sheet string) (g *grid, ok bool, err error) {
	name, found := p.sheets[strings.ToLower(sheet)]
	if !found {
		return nil, false, nil
	}
	data, found := part(p.f, name)
	if !found {
		return nil, false, nil
	}
	g = &grid{f: p.f, sheet: sheet, meta: [][]cellMeta{}}
	type area struct{ c1, r1, c2, r2 int }
	var (
		d        = xml.NewDecoder(bytes.NewReader(data))
		merges   []area
		colStyle []struct{ min, max, style int }
		row      = 0 // 1-based number of the current row
		rowStyle = 0 // the current row's style, 0 for none
		col      = 0 // 1-based column of the current cell
		cell     struct {
			t, v, f string
			s       int
			hasF    bool
			is      strings.Builder
		}
		inCell, inV, inF, inIS, inT bool
		skip                        int
		shared                      = map[string]string{} // shared formula index → text
		fSI                         string
		done                        bool
	)
	attr := func(se xml.StartElement, name string) (string, bool) {
		for _, a := range se.Attr {
			if a.Name.Local == name {
				return a.Value, true
			}
		}
		return "", false
	}
	for !done {
		tok, err := d.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, true, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "col":
				lo, _ := attr(t, "min")
				hi, _ := attr(t, "max")
				st, _ := attr(t, "style")
				a, _ := strconv.Atoi(lo)
				b, _ := strconv.Atoi(hi)
				s, _ := strconv.Atoi(st)
				colStyle = append(colStyle, struct{ min, max, style int }{a, b, s})
			case "row":
				row++
				if r, ok := attr(t, "r"); ok {
					n, err := strconv.Atoi(r)
					if err != nil {
						return nil, true, err
					}
					row = n
				}
				rowStyle = 0
				if s, ok := attr(t, "s"); ok {
					rowStyle, _ = strconv.Atoi(s)
				}
				col = 0
				if row > maxRows {
					g.truncated = true
					done = true
					continue
				}
				for len(g.rows) < row {
					g.rows = append(g.rows, nil)
					g.meta = append(g.meta, nil)
				}
			case "c":
				inCell = true
				col++
				cell.t, cell.v, cell.f, cell.s, cell.hasF = "", "", "", 0, false
				cell.is.Reset()
				if r, ok := attr(t, "r"); ok {
					c, _, err := excelize.CellNameToCoordinates(r)
					if err != nil {
						return nil, true, err
					}
					col = c
				}
				cell.t, _ = attr(t, "t")
				if s, ok := attr(t, "s"); ok {
					cell.s, _ = strconv.Atoi(s)
				}
			case "v":
				inV = inCell
			case "f":
				if inCell {
					inF, cell.hasF = true, true
					fSI = ""
					if ft, _ := attr(t, "t"); ft == "shared" {
						fSI, _ = attr(t, "si")
					}
				}
			case "is":
				inIS = inCell
			case "rPh", "phoneticPr":
				skip++
			case "t":
				inT = inIS && skip == 0
			case "mergeCell":
				ref, _ := attr(t, "ref")
				a, b, found := strings.Cut(ref, ":")
				if !found {
					continue
				}
				c1, r1, err1 := excelize.CellNameToCoordinates(a)
				c2, r2, err2 := excelize.CellNameToCoordinates(b)
				if err1 == nil && err2 == nil {
					merges = append(merges, area{c1, r1, c2, r2})
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "v":
				inV = false
			case "f":
				inF = false
				if fSI != "" {
					if cell.f != "" {
						shared[fSI] = cell.f
					} else {
						cell.f = shared[fSI]
					}
				}
			case "is":
				inIS = false
			case "t":
				inT = false
			case "rPh", "phoneticPr":
				skip--
			case "c":
				inCell = false
				g.put(row, col, cell.t, cell.v, cell.is.String(), cell.f, cell.hasF, cell.s, rowStyle, colStyle, p)
			case "sheetData":
				// merges come after the data; keep going
			}
		case xml.CharData:
			switch {
			case inV:
				cell.v += string(t)
			case inF:
				cell.f += string(t)
			case inT:
				cell.is.Write(t)
			}
		}
	}
	if g.err != nil {
		return nil, true, g.err
	}
	for _, m := range merges {
		v, meta := g.at(m.r1-1, m.c1-1), g.metaAt(m.r1-1, m.c1-1)
		for r := m.r1 - 1; r < m.r2 && r < len(g.rows); r++ {
			for c := m.c1 - 1; c < m.c2 && c < maxCols; c++ {
				g.set(r, c, v)
				g.meta[r][c] = meta
			}
		}
	}
	return g, true, nil
}

// put records one cell read by streamGrid: its value as excelize gives it
// raw (shared and inline strings as text), its kind, style and formula.
// Blank cells with no formula are left out, as excelize leaves them out.
func (g *grid) put(row, col int, t, v, is, formula string, hasF bool, s int, rowStyle int, cols []struct{ min, max, style int }, p *parts) {
	if row < 1 || row > maxRows || col < 1 {
		return
	}
	if col > maxCols {
		g.truncated = true
		return
	}
	var val string
	kind := kindNumber
	switch t {
	case "s":
		kind = kindString
		if v != "" {
			sst, err := p.strings()
			if err != nil {
				g.err = err
				return
			}
			if i, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && i >= 0 && i < len(sst) {
				val = sst[i]
			}
		}
	case "inlineStr":
		kind = kindString
		val = bstrUnmarshal(is)
		if is == "" {
			val = v
		}
	case "str":
		kind, val = kindString, v
	case "n", "":
		val = v
	default:
		kind, val = kindOther, v
	}
	if val == "" && !hasF {
		return
	}
	// A cell with no style of its own has its row's, else its column's,
	// as excelize's GetCellStyle gives.
	style := s
	if style == 0 {
		style = rowStyle
	}
	if style == 0 {
		for _, c := range cols {
			if col >= c.min && col <= c.max && c.style != 0 {
				style = c.style
				break
			}
		}
	}
	r := row - 1
	for len(g.rows[r]) < col {
		g.rows[r] = append(g.rows[r], "")
		g.meta[r] = append(g.meta[r], cellMeta{})
	}
	g.rows[r][col-1] = val
	g.meta[r][col-1] = cellMeta{kind: kind, style: style, formula: formula, hasF: hasF}
}
