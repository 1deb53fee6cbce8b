package workbook

import (
	"bytes"
	"errors"
	"path"
	"regexp"
	"strconv"
	"strings"
)

// The one-pass reader reads a sheet's cells, their types, styles and
// formulas, and its merged areas in one pass over the sheet's XML, which
// it inflates itself from the zip (book.go) and scans without building
// a document (xmlscan.go). Asking excelize for the same (OpenReader
// inflates every part; Rows for the values, then GetMergeCells,
// GetCellType, GetCellStyle and GetCellFormula parse each sheet twice, the
// second time into a whole document tree) costs several times more. The
// values are excelize's raw values: shared and inline strings as text,
// anything else as written in the file. When the one-pass reader cannot
// read a sheet, for any reason, the reader reads that sheet through
// excelize (reader.grid), which stays the reference: every workbook any
// test reads is read both ways and must give the same result.

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

// partKey is how part names are compared (for excelize's names).
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
// not there or its XML cannot be read; the caller then reads the sheet
// through excelize.
func (b *book) streamGrid(sheet string) (*grid, error) {
	name, found := b.sheetPart(sheet)
	if !found {
		return nil, errNoPart
	}
	g := &grid{sheet: sheet, meta: [][]cellMeta{}, classOf: b.numClass}
	err := b.withPart(name, func(data []byte) error { return g.scan(data, b) })
	if err != nil {
		return nil, err
	}
	g.applyMerges()
	return g, nil
}

// colStyle is the style of a range of columns (<col min max style>).
type colStyle struct{ min, max, style int }

// scan reads a sheet's XML into g: its cells within the bounds, their
// types, styles and formulas, and its merged areas.
func (g *grid) scan(data []byte, b *book) error {
	var (
		s        = newScanner(data)
		cols     []colStyle
		row      = 0 // 1-based number of the current row
		rowStyle = 0 // the current row's style, 0 for none
		col      = 0 // 1-based column of the current cell
		cell     struct {
			t       []byte
			s       int
			v, f    []byte
			hasF    bool
			is      []byte
			sharedF []byte // si of a shared formula
		}
		inData, inCell, inV, inF, inIS, inT bool
		skip                                int
		shared                              map[string]string // shared formula index → text
	)
	for {
		t, err := s.next()
		if err != nil {
			return err
		}
		switch t.kind {
		case tokEOF:
			return nil
		case tokStart:
			switch string(t.name) {
			case "sheetData":
				inData = !t.empty
			case "col":
				lo, _ := attrInt(t.attrs, "min")
				hi, _ := attrInt(t.attrs, "max")
				st, _ := attrInt(t.attrs, "style")
				cols = append(cols, colStyle{lo, hi, st})
			case "row":
				if !inData {
					continue
				}
				row++
				if v, ok := attr(t.attrs, "r"); ok {
					n, ok := atoi(bytes.TrimSpace(v))
					if !ok || n < 1 {
						return errBadRef
					}
					row = n
				}
				rowStyle, _ = attrInt(t.attrs, "s")
				col = 0
			case "c":
				if !inData {
					continue
				}
				col++
				if v, ok := attr(t.attrs, "r"); ok {
					c, _, ok := parseCellRef(bytes.TrimSpace(v))
					if !ok {
						return errBadRef
					}
					col = c
				}
				cell.t, _ = attr(t.attrs, "t")
				cell.s, _ = attrInt(t.attrs, "s")
				cell.v, cell.f, cell.is, cell.hasF, cell.sharedF = cell.v[:0], cell.f[:0], cell.is[:0], false, nil
				inCell = !t.empty
				if t.empty {
					if err := g.put(row, col, cell.t, nil, nil, "", false, cell.s, rowStyle, cols, b); err != nil {
						return err
					}
				}
			case "v":
				inV = inCell && !t.empty
			case "f":
				if inCell {
					cell.hasF = true
					inF = !t.empty
					if ft, _ := attr(t.attrs, "t"); string(ft) == "shared" {
						cell.sharedF, _ = attr(t.attrs, "si")
					}
				}
			case "is":
				inIS = inCell && !t.empty
			case "rPh", "phoneticPr":
				if !t.empty {
					skip++
				}
			case "t":
				inT = inIS && skip == 0 && !t.empty
			case "mergeCell":
				if a, ok := parseArea(attrString(t.attrs, "ref")); ok {
					g.merges = append(g.merges, a)
				}
			}
		case tokEnd:
			switch string(t.name) {
			case "sheetData":
				inData = false
			case "v":
				inV = false
			case "f":
				inF = false
			case "is":
				inIS = false
			case "t":
				inT = false
			case "rPh", "phoneticPr":
				skip--
			case "c":
				if !inCell {
					continue
				}
				inCell = false
				formula := ""
				if cell.hasF {
					formula = string(cell.f)
					if cell.sharedF != nil {
						if shared == nil {
							shared = map[string]string{}
						}
						if formula != "" {
							shared[string(cell.sharedF)] = formula
						} else {
							formula = shared[string(cell.sharedF)]
						}
					}
				}
				if err := g.put(row, col, cell.t, cell.v, cell.is, formula, cell.hasF, cell.s, rowStyle, cols, b); err != nil {
					return err
				}
			}
		case tokText:
			switch {
			case inV:
				cell.v, err = appendText(cell.v, t.text, t.cdata)
			case inF:
				cell.f, err = appendText(cell.f, t.text, t.cdata)
			case inT:
				cell.is, err = appendText(cell.is, t.text, t.cdata)
			}
			if err != nil {
				return err
			}
		}
	}
}

var errBadRef = errors.New("bad row or cell reference")

// parseArea reads a merged area's reference such as F5:F6 (1-based).
func parseArea(ref string) (area, bool) {
	a, b, found := strings.Cut(strings.TrimSpace(ref), ":")
	if !found {
		return area{}, false
	}
	c1, r1, ok1 := parseCellRef([]byte(strings.TrimSpace(a)))
	c2, r2, ok2 := parseCellRef([]byte(strings.TrimSpace(b)))
	if !ok1 || !ok2 {
		return area{}, false
	}
	return area{min(c1, c2), min(r1, r2), max(c1, c2), max(r1, r2)}, true
}

// put records one cell read by scan: its value as excelize gives it raw
// (shared and inline strings as text), its kind, style and formula.
// Blank cells with no formula are left out, as excelize leaves them out;
// so are cells beyond the bounds, which only make the sheet truncated
// when they hold a value (formatting alone is not content).
func (g *grid) put(row, col int, t, v, is []byte, formula string, hasF bool, s int, rowStyle int, cols []colStyle, b *book) error {
	var val string
	kind := kindNumber
	switch string(t) {
	case "s":
		kind = kindString
		if len(v) > 0 {
			sst, err := b.strings()
			if err != nil {
				return err
			}
			if i, ok := atoi(bytes.TrimSpace(v)); ok && i < len(sst) {
				val = sst[i]
			}
		}
	case "inlineStr":
		kind = kindString
		val = bstrUnmarshal(string(is))
		if len(is) == 0 {
			val = string(v)
		}
	case "str":
		kind, val = kindString, string(v)
	case "n", "":
		val = string(v)
	default:
		kind, val = kindOther, string(v)
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
	if g.rows[r] == nil {
		// A row as wide as the widest so far, so that it is allocated once.
		g.width = max(g.width, col)
		g.rows[r] = make([]string, 0, g.width)
		g.meta[r] = make([]cellMeta, 0, g.width)
	}
	for len(g.rows[r]) < col {
		g.rows[r] = append(g.rows[r], "")
		g.meta[r] = append(g.meta[r], cellMeta{})
	}
	g.width = max(g.width, col)
	g.rows[r][col-1] = val
	g.meta[r][col-1] = cellMeta{kind: kind, style: style, formula: formula, hasF: hasF}
	return nil
}
