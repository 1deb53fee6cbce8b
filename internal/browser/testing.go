package browser

import (
	"context"
	"errors"
	"os"
	"testing"
)

// ForTest starts the browser for a test. Where none is installed the test is
// skipped on a developer's machine, and fails under CI=true: CI installs
// Debian's chromium, so a missing browser there is a broken set-up, not a
// reason to pass.
func ForTest(tb testing.TB) *Browser {
	tb.Helper()
	path, err := Find("")
	if errors.Is(err, ErrNotFound) {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("%v: CI must install Debian's chromium (see .ci/run)", err)
		}
		tb.Skipf("%v; install chromium to run the browser tests (CI always runs them)", err)
	}
	if err != nil {
		tb.Fatal(err)
	}
	b, err := Start(context.Background(), path)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(b.Close)
	return b
}
