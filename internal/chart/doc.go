// Package chart builds the site's charts with go-echarts and hands them to
// the pages as ECharts option JSON. It is the only importer of go-echarts.
// The option is serialised here with Go's HTML-escaping JSON encoder and is
// placed in the page as data, never as script, so no text from the content
// or a workbook can end a script element or become code.
package chart
