package content

import (
	"fmt"
	"strings"
)

// Error is one mistake in a content file.
type Error struct {
	File string // path of the file, as given to Load joined with the file name
	Line int    // 1-based line, 0 when unknown
	Msg  string // Chinese message saying what is wrong and what to write
}

func (e Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// Errors is every mistake found in a content folder, in file order.
type Errors []Error

func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// errs collects errors for one file.
type errs struct {
	list *Errors
	file string
}

func (e errs) at(line int, format string, args ...any) {
	*e.list = append(*e.list, Error{File: e.file, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// unless returns e.at, or when quiet a reporter that reports nothing: a
// field found missing where a key was misspelt is the misspelling's
// knock-on (the unknown key is reported, with the keys there are).
func (e errs) unless(quiet bool) func(line int, format string, args ...any) {
	if quiet {
		return func(int, string, ...any) {}
	}
	return e.at
}
