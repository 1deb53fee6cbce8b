package workbook

import (
	"bytes"
	"fmt"

	"github.com/xuri/excelize/v2"

	"github.com/plansite/plansite/internal/domain"
)

// CellEdit is a change to one cell of a workbook written by Template: the
// cell of column Label (the template's label) on the row of item RowID in
// Sheet; in 基本信息, the value next to Label (RowID unused).
type CellEdit struct {
	Sheet, RowID, Label string
	Value               string  // written as text; "" clears the cell
	Number              float64 // written as a number when Value is ""
}

// Edit applies edits to a workbook that Template wrote for unit u with no
// earlier reports, and returns the new bytes. It is how the example inbox gets the mistakes that
// real units make; an edit that names no cell is an error.
func Edit(data []byte, p *domain.Plan, u domain.UnitID, edits []CellEdit) ([]byte, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	for _, e := range edits {
		cell, err := locate(p, u, e)
		if err != nil {
			return nil, err
		}
		if e.Value == "" && e.Number != 0 {
			err = f.SetCellFloat(e.Sheet, cell, e.Number, -1, 64)
		} else {
			err = f.SetCellStr(e.Sheet, cell, e.Value)
		}
		if err != nil {
			return nil, err
		}
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func locate(p *domain.Plan, u domain.UnitID, e CellEdit) (string, error) {
	if e.Sheet == SheetInfo {
		for i, l := range []string{InfoUnit, InfoMonth, InfoReporter, InfoPhone, InfoDate} {
			if l == e.Label {
				return fmt.Sprintf("B%d", i+1), nil
			}
		}
		return "", fmt.Errorf("edit: no label %q in %s", e.Label, e.Sheet)
	}
	for _, s := range dataSheets {
		if s.name != e.Sheet {
			continue
		}
		col := -1
		for i, c := range s.columns {
			if c.labels[0] == e.Label {
				col = i
			}
		}
		for i, it := range itemsFor(p, s, u) {
			if it.id == e.RowID && col >= 0 {
				return cellName(firstRow-1+i, col), nil
			}
		}
	}
	return "", fmt.Errorf("edit: no cell %s/%s/%s for unit %s", e.Sheet, e.RowID, e.Label, u)
}
