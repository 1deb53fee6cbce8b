// Package cachefile is the one format of plansite's cache files (the
// parsed workbooks, the page memo). A file starts with a line naming its
// format and the plansite build that wrote it: to another build (whose
// reader or pages may come out otherwise from the same inputs) it is
// empty. Then come its entries, each with its length before it and its
// CRC-32C after it. An entry that does not verify, and every entry after
// it, is left out: a damaged, cut short or edited cache costs a slower
// build, never a different site. Deleting a cache file is always safe.
package cachefile
