//go:build !windows

package cli

// aloneInConsole is false but on Windows, where a program double-clicked
// in Explorer gets a console window of its own (console_windows.go).
func aloneInConsole() bool { return false }

func waitForEnter() {}
