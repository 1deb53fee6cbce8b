// Package inbox reads the shared folder into which units drop their monthly
// workbooks: every spreadsheet under it, recursively, read in parallel. It
// only ever reads there. Files that are not workbooks are listed as skipped
// or reported; one bad file never stops the others, and one still being
// copied is waited for. An inbox that cannot be read whole (a folder that
// cannot be listed, the inbox moved or unmounted while it is read) is an
// error, never a smaller inbox. It owns the cache of parsed workbooks
// (Cache): it stats, hashes and looks each file up before it asks the
// workbook reader, which keeps nothing.
package inbox
