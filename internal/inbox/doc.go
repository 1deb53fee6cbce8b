// Package inbox reads the shared folder into which units drop their monthly
// workbooks: every spreadsheet under it, recursively, read in parallel. It
// only ever reads there. Files that are not workbooks are listed as skipped
// or reported; one bad file never stops the others. It owns the cache of
// parsed workbooks (Cache): it stats, hashes and looks each file up before
// it asks the workbook reader, which keeps nothing.
package inbox
