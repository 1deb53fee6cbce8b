// Package serve is plansite's local preview server: it serves the built
// site from its folder and nothing else, refuses paths that climb out of
// it, and adds to each HTML page a small script (only here, never in the
// published files) that reloads the page after each rebuild, with a banner
// when the last rebuild failed.
package serve
