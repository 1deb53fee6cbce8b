package parallel

import (
	"errors"
	"sync/atomic"
	"testing"
)

// TestForRunsEachOnce: every index runs exactly once, whatever the number
// of workers, including none asked for and more than the work.
func TestForRunsEachOnce(t *testing.T) {
	for _, workers := range []int{0, 1, 3, 100} {
		const n = 1000
		var seen [n]atomic.Int32
		For(n, workers, func(i int) { seen[i].Add(1) })
		for i := range seen {
			if c := seen[i].Load(); c != 1 {
				t.Fatalf("workers %d: index %d ran %d times", workers, i, c)
			}
		}
	}
	For(0, 0, func(int) { t.Fatal("ran with no work") })
}

// TestForErrStops: the first error comes back and no new work starts after it.
func TestForErrStops(t *testing.T) {
	boom := errors.New("boom")
	var ran atomic.Int32
	err := ForErr(1000, 1, func(i int) error {
		ran.Add(1)
		if i == 10 {
			return boom
		}
		return nil
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v; want boom", err)
	}
	if n := ran.Load(); n != 11 {
		t.Errorf("%d pieces ran with one worker; want 11 (none after the error)", n)
	}
}
