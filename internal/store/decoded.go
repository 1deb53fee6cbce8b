package store

import (
	"os"
	"sync"
	"time"
)

// Decoded keeps, for a process that reads the same files again and again
// (serve and watch, before every rebuild), what each file decoded to, by
// its path, size and modification time, so that an unchanged file is not
// read and decoded again. What it keeps is shared: it must not be changed.
// It holds at most max files.
type Decoded[T any] struct {
	mu  sync.Mutex
	max int
	m   map[string]decoded[T]
}

type decoded[T any] struct {
	size int64
	mod  time.Time
	v    T
}

// NewDecoded returns an empty Decoded of at most max files.
func NewDecoded[T any](max int) *Decoded[T] {
	return &Decoded[T]{max: max, m: map[string]decoded[T]{}}
}

// Get returns what the file at path, as info describes it, decoded to when
// it was last read or written in this process.
func (d *Decoded[T]) Get(path string, info os.FileInfo) (T, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	e, ok := d.m[path]
	if !ok || e.size != info.Size() || !e.mod.Equal(info.ModTime()) {
		var zero T
		return zero, false
	}
	return e.v, true
}

// Put records that the file at path, as info describes it, decodes to v.
func (d *Decoded[T]) Put(path string, info os.FileInfo, v T) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if len(d.m) >= d.max {
		d.m = map[string]decoded[T]{}
	}
	d.m[path] = decoded[T]{info.Size(), info.ModTime(), v}
}
