package parallel

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// For calls f(0) … f(n-1), each once, on workers goroutines (one per core
// when workers < 1), and returns when all have returned.
func For(n, workers int, f func(i int)) {
	_ = ForErr(n, workers, func(i int) error {
		f(i)
		return nil
	})
}

// ForErr is For for work that can fail: after the first error no new
// piece is started, and that error is returned once the running ones end.
func ForErr(n, workers int, f func(i int) error) error {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, n)
	var (
		wg    sync.WaitGroup
		next  atomic.Int64
		once  sync.Once
		first error
		stop  atomic.Bool
	)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !stop.Load() {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				if err := f(i); err != nil {
					once.Do(func() { first = err })
					stop.Store(true)
				}
			}
		}()
	}
	wg.Wait()
	return first
}
