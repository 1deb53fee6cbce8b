//go:build !linux

package publish

// exchange is not available here; swap falls back to two renames.
func exchange(a, b string) bool { return false }
