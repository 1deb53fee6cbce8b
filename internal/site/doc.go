// Package site knows plansite's pipeline and nothing else: load the content
// folder, build every page's data, render the pages and publish them. The
// parts live in their own packages (content, chart, render, publish).
package site
