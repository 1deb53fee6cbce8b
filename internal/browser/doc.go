// Package browser drives a headless Chromium (Debian's chromium, or Chrome or
// Edge where installed) through chromedp: it finds the browser, starts it with
// the flags an offline, possibly root-run machine needs, opens pages of the
// built site and reports what a reader would see (console errors, charts
// drawn). It is the only importer of chromedp.
package browser
