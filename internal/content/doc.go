// Package content loads a plan from a content folder: site.yaml, units.yaml,
// problems.yaml, indicators.yaml, one markdown file with YAML front matter
// per task under tasks/, and free markdown pages under pages/. It is the only
// importer of goldmark. Loading is strict: every mistake in the folder is
// collected into one Errors value whose lines name the file and line.
package content
