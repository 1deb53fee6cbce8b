//go:build !unix && !windows

package publish

// lockFile is a no-op where the system offers no file lock.
func lockFile(string, func()) (func(), error) { return func() {}, nil }
