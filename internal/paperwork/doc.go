// Package paperwork assembles what the coordinating section hands on each
// month from the computed results: the 汇总表 (the month's figures as
// tables, for the city's office), the 通报 (an editable document for the
// leadership meeting, its summary written from the numbers) and the 催报
// notices (one short message per unit that has handed in nothing usable).
// It holds the content only: internal/workbook writes the tables as .xlsx
// and internal/docx the document as .docx. Pure: no files, no HTML.
package paperwork
