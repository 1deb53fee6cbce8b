// Package parallel runs independent pieces of work, numbered 0 to n-1, on
// a bounded number of goroutines (one per core unless told otherwise), the
// one way plansite spreads work over the cores: reading workbooks,
// computing monthly snapshots, making and rendering pages, writing
// synthetic inboxes.
package parallel
