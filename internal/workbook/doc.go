// Package workbook writes the monthly progress workbook of a unit (the
// template, pre-filled with only that unit's rows) and reads the workbooks
// units hand back. It is the only importer of excelize. The reader opens
// each file itself, inflates only the parts it needs and reads each sheet
// in one pass; excelize writes the templates, reads a sheet the one-pass
// reader cannot read, and is the reference the tests compare it with. The
// reader finds sheets by name and columns by label, never by position, and
// returns typed records with a finding for every cell it could not use or
// had to interpret, each naming the file, sheet and cell. It holds no HTML.
package workbook
