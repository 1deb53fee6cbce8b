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
// its merged areas in one streaming pass over the sheet's XML. Asking
// excelize for the same (Rows for the values, then GetMergeCells,
// GetCellType, GetCellStyle and GetCellFormula) parses each sheet twice,
// the second time into a whole document tree, which doubled the cost of
// reading an inbox. The values are excelize's raw values: shared and
// inline strings as text, anything else as written in the file. When the
// one-pass reader cannot read a sheet, for any reason, the reader reads
// that sheet through excelize (reader.grid).

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

// parts locates the parts of a workbook package: the XML of each sheet by
// name, and the shared strings (read on first need). Part names are
// compared as OOXML compares them: without regard to case, with / or \
// between folders, with or without a leading /.
type parts struct {
	f        *excelize.File
	names    map[string]string // partKey → the name excelize keeps it under
	sheets   map[string]string // sheet name, folded → part name
	sstPath  string
	date1904 bool
	sst      []string
	sstRead  bool
	sstErr   error
}

// partKey is how part names are compared.
func partKey(name string) string {
	return strings.ToLower(strings.TrimPrefix(strings.ReplaceAll(name, `\`, "/"), "/"))
}

type relsXML struct {
	Rels []struct {
		ID     string `xml:"Id,attr"`
		Type   string `xml:"Type,attr"`
		Target string `xml:"Target,attr"`
		Mode   string `xml:"TargetMode,attr"`
	} `xml:"Relationship"`
}

type workbookXML struct {
	Pr struct {
		Date1904 string `xml:"date1904,attr"`
	} `xml:"workbookPr"`
	Sheets []struct {
		Name string `xml:"name,attr"`
		RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
	} `xml:"sheets>sheet"`
}

// part returns the bytes of a part.
func (p *parts) part(name string) ([]byte, bool) {
	key, ok := p.names[partKey(name)]
	if !ok {
		return nil, false
	}
	v, ok := p.f.Pkg.Load(key)
	if !ok {
		return nil, false
	}
	b, ok := v.([]byte)
	return b, ok
}

// resolve joins a relationship target to the folder of the part that
// names it; a target starting with / is from the package root.
func resolve(dir, target string) string {
	target = strings.ReplaceAll(target, `\`, "/")
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(path.Clean(target), "/")
	}
	return strings.TrimPrefix(path.Clean(path.Join(dir, target)), "/")
}

// xsdBool reads an XML Schema boolean ("1", "true"; anything else false).
func xsdBool(s string) bool {
	s = strings.TrimSpace(s)
	return s == "1" || strings.EqualFold(s, "true")
}

// newParts finds the parts of f; nil when it cannot (the reader then asks
// excelize for everything).
func newParts(f *excelize.File) *parts {
	p := &parts{f: f, names: map[string]string{}, sheets: map[string]string{}}
	f.Pkg.Range(func(k, _ any) bool {
		if name, ok := k.(string); ok {
			p.names[partKey(name)] = name
		}
		return true
	})
	wbPath := "xl/workbook.xml"
	if b, ok := p.part("_rels/.rels"); ok {
		var root relsXML
		if xml.Unmarshal(b, &root) == nil {
			for _, r := range root.Rels {
				if strings.HasSuffix(r.Type, "/officeDocument") {
					wbPath = resolve("", r.Target)
				}
			}
		}
	}
	wbData, ok1 := p.part(wbPath)
	relData, ok2 := p.part(path.Join(path.Dir(wbPath), "_rels", path.Base(wbPath)+".rels"))
	if !ok1 || !ok2 {
		return nil
	}
	var wb workbookXML
	var rels relsXML
	if xml.Unmarshal(wbData, &wb) != nil || xml.Unmarshal(relData, &rels) != nil {
		return nil
	}
	p.date1904 = xsdBool(wb.Pr.Date1904)
	targets := map[string]string{}
	dir := path.Dir(wbPath)
	for _, r := range rels.Rels {
		if strings.EqualFold(r.Mode, "External") {
			continue
		}
		targets[r.ID] = resolve(dir, r.Target)
		if strings.HasSuffix(r.Type, "/sharedStrings") {
			p.sstPath = resolve(dir, r.Target)
		}
	}
	if p.sstPath == "" {
		// excelize reads the shared strings from their usual place even
		// when the relationship is missing; so does this reader.
		if _, ok := p.part("xl/sharedStrings.xml"); ok {
			p.sstPath = "xl/sharedStrings.xml"
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
	b, ok := p.part(p.sstPath)
	if !ok {
		p.sstErr = errNotInMemory
		return nil, p.sstErr
	}
	d := xml.NewDecoder(bytes.NewReader(b))
	var text strings.Builder
	inT, inSI := false, false
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

// streamGrid reads sheet in one pass. It fails when the sheet's part is
// not at hand or its XML cannot be read; the caller then reads the sheet
// through excelize.
func (p *parts) streamGrid(sheet string) (*grid, error) {
	name, found := p.sheets[strings.ToLower(sheet)]
	if !found {
		return nil, errNotInMemory
	}
	data, found := p.part(name)
	if !found {
		return nil, errNotInMemory
	}
	g := &grid{sheet: sheet, meta: [][]cellMeta{}, styleOf: p.f.GetStyle}
	var (
		d        = xml.NewDecoder(bytes.NewReader(data))
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
	)
	attr := func(se xml.StartElement, name string) (string, bool) {
		for _, a := range se.Attr {
			if a.Name.Local == name {
				return a.Value, true
			}
		}
		return "", false
	}
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
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
					n, err := strconv.Atoi(strings.TrimSpace(r))
					if err != nil || n < 1 {
						return nil, errBadRef
					}
					row = n
				}
				rowStyle = 0
				if s, ok := attr(t, "s"); ok {
					rowStyle, _ = strconv.Atoi(s)
				}
				col = 0
			case "c":
				inCell = true
				col++
				cell.t, cell.v, cell.f, cell.s, cell.hasF = "", "", "", 0, false
				cell.is.Reset()
				if r, ok := attr(t, "r"); ok {
					c, _, err := excelize.CellNameToCoordinates(r)
					if err != nil {
						return nil, err
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
				if a, ok := parseArea(ref); ok {
					g.merges = append(g.merges, a)
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
				if err := g.put(row, col, cell.t, cell.v, cell.is.String(), cell.f, cell.hasF, cell.s, rowStyle, colStyle, p); err != nil {
					return nil, err
				}
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
	g.applyMerges()
	return g, nil
}

var errBadRef = errors.New("bad row or cell reference")

// parseArea reads a merged area's reference such as F5:F6 (1-based).
func parseArea(ref string) (area, bool) {
	a, b, found := strings.Cut(strings.TrimSpace(ref), ":")
	if !found {
		return area{}, false
	}
	c1, r1, err1 := excelize.CellNameToCoordinates(a)
	c2, r2, err2 := excelize.CellNameToCoordinates(b)
	if err1 != nil || err2 != nil {
		return area{}, false
	}
	return area{min(c1, c2), min(r1, r2), max(c1, c2), max(r1, r2)}, true
}

// put records one cell read by streamGrid: its value as excelize gives it
// raw (shared and inline strings as text), its kind, style and formula.
// Blank cells with no formula are left out, as excelize leaves them out;
// so are cells beyond the bounds, which only make the sheet truncated
// when they hold a value (formatting alone is not content).
func (g *grid) put(row, col int, t, v, is, formula string, hasF bool, s int, rowStyle int, cols []struct{ min, max, style int }, p *parts) error {
	var val string
	kind := kindNumber
	switch t {
	case "s":
		kind = kindString
		if v != "" {
			sst, err := p.strings()
			if err != nil {
				return err
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
		return nil
	}
	if row < 1 || col < 1 || row > maxRows || col > maxCols {
		if val != "" {
			g.truncated = true
		}
		return nil
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
	for len(g.rows) < row {
		g.rows = append(g.rows, nil)
		g.meta = append(g.meta, nil)
	}
	r := row - 1
	for len(g.rows[r]) < col {
		g.rows[r] = append(g.rows[r], "")
		g.meta[r] = append(g.meta[r], cellMeta{})
	}
	g.rows[r][col-1] = val
	g.meta[r][col-1] = cellMeta{kind: kind, style: style, formula: formula, hasF: hasF}
	return nil
}
