// Package demo makes realistic inboxes for a plan: every expected unit's
// workbook for every reporting month, filled with plausible progress and
// Chinese text, with the late and missing submissions, the repeated
// submission and the mistakes that real months have. It is deterministic
// for a seed. The example inbox of the repository is made with it.
package demo
