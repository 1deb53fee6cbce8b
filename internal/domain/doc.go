// Package domain holds plansite's plain types: the plan (settings, units,
// groups, tasks, targets, prior-year problems, evaluation indicators, pages),
// calendar dates and months, and the findings reported about input files.
// It imports only the standard library, so every other package can meet here.
package domain
