// Package serve is plansite's local preview server: it serves the built
// site from its folder and nothing else (no dot file, nothing through a
// symbolic link, nothing from a folder that holds no plansite site),
// answers only requests addressed to this machine's loopback names or to
// the address it was told to listen on, refuses paths that climb out of
// the site, closes idle connections, and adds to each HTML page a small
// script (only here, never in the published files) that reloads the page
// after each rebuild, with a banner when the last rebuild failed.
package serve
