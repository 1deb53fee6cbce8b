// Package docs holds the guide for the coordinating section and the
// leadership (使用说明.md), embedded into the plansite binary: every built
// site carries it as a page (guide/index.html, linked from each page's
// footer), so that it is at hand offline, beside what it explains.
package docs

import _ "embed"

// Guide is 使用说明.md, markdown.
//
//go:embed 使用说明.md
var Guide []byte
