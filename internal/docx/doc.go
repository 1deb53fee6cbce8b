// Package docx writes editable Word documents (.docx) for the meeting
// paperwork: paragraphs in a few 公文-like styles, tables with a repeated
// header row and page breaks, on A4 with page numbers. It writes
// WordprocessingML with encoding/xml into a small embedded skeleton (the
// package parts, styles, fonts and footers), since no maintained pure-Go
// library under a licence plansite can use writes footers with page
// fields and East Asian fonts (see the README). It knows nothing of plans.
package docx
