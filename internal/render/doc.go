// Package render turns page data into HTML with the site's html/template
// files and copies the static assets. It knows nothing of workbooks or of
// how the numbers were computed: it is given a Frame per page. Every text is
// escaped by html/template; only HTML made by the content loader's markdown
// renderer (which drops raw HTML) is passed through as template.HTML.
package render
