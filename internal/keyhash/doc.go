// Package keyhash makes keys of Go values: a SHA-256 of every field, so
// that a thing made from a value (a page, a chart) can be remembered and
// found again by what it was made from.
package keyhash
