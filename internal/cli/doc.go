// Package cli is plansite's command line: it parses the arguments of each
// command, runs it and turns its outcome into messages and an exit code.
// Exit codes: 0 success, 1 the command ran and found a problem (content
// errors, error findings), 2 wrong usage.
package cli
