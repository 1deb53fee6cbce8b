// Package progress computes where a plan stands as of a month from the
// units' reports: task progress, expected progress and status, the prior
// year's problems, evaluation readiness, submissions and quantitative
// targets (the README, "How the figures are computed"). It is pure:
// domain types in, result types out; no files, no HTML, no spreadsheets.
// Every rule is a small function with its own test.
package progress
