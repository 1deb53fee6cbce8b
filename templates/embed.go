// Package templates holds the site's html/template files and static assets,
// embedded into the plansite binary. A content folder may override any of
// them with a file of the same name under its own templates/ folder.
package templates

import "embed"

// FS holds the page templates (*.html) and assets/. assets/vendor/ is filled
// by the set-up command (make setup) with ECharts from the npm package; it is
// empty in a fresh clone.
//
//go:embed *.html all:assets
var FS embed.FS
