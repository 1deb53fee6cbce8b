package watch

import (
	"context"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Options tune a Watcher. Zero values take the defaults.
type Options struct {
	Quiet time.Duration // how long nothing must change before a change is told (0.8 s)
	Poll  time.Duration // how often the folders are scanned besides events (10 s)
}

// Watcher watches folders.
type Watcher struct {
	o     Options
	fsw   *fsnotify.Watcher // nil where the system offers no events
	moved chan struct{}     // SetDirs changed the folders

	mu   sync.Mutex
	dirs []string
}

// New watches dirs (and every folder below them). A folder that does not
// exist yet is scanned for when it appears.
func New(dirs []string, o Options) (*Watcher, error) {
	if o.Quiet == 0 {
		o.Quiet = 800 * time.Millisecond
	}
	if o.Poll == 0 {
		o.Poll = 10 * time.Second
	}
	w := &Watcher{dirs: slices.Clone(dirs), o: o, moved: make(chan struct{}, 1)}
	if fsw, err := fsnotify.NewWatcher(); err == nil {
		w.fsw = fsw
		w.addTrees()
	}
	return w, nil
}

// SetDirs makes dirs the folders watched from now on: a build may find the
// inbox somewhere else (site.yaml changed), or find it at all (the content
// was broken when watching began). When they differ from the folders
// watched so far, Changes tells a change once things are quiet, so that
// nothing that changed in the new folders meanwhile is missed. It may be
// called while Changes runs.
func (w *Watcher) SetDirs(dirs []string) {
	w.mu.Lock()
	if slices.Equal(w.dirs, dirs) {
		w.mu.Unlock()
		return
	}
	w.dirs = slices.Clone(dirs)
	w.mu.Unlock()
	if w.fsw != nil {
		for _, p := range w.fsw.WatchList() {
			if !under(p, dirs) {
				_ = w.fsw.Remove(p)
			}
		}
		w.addTrees()
	}
	select {
	case w.moved <- struct{}{}:
	default: // already told
	}
}

// Dirs returns the folders watched.
func (w *Watcher) Dirs() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return slices.Clone(w.dirs)
}

// under reports whether p is one of dirs or inside one.
func under(p string, dirs []string) bool {
	for _, d := range dirs {
		if rel, err := filepath.Rel(d, p); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// addTrees watches every folder under the folders (again: a folder
// removed and made anew is watched anew).
func (w *Watcher) addTrees() {
	for _, d := range w.Dirs() {
		w.addTree(d)
	}
}

func (w *Watcher) addTree(dir string) {
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			_ = w.fsw.Add(p)
		}
		return nil
	})
}

// Changes sends once each time the files have changed and then stayed the
// same for Options.Quiet (a file still being copied is waited for), and
// once after SetDirs changed the folders. It closes when ctx ends.
// What is there when Changes is called is the start: a change right
// after it returns is told.
func (w *Watcher) Changes(ctx context.Context) <-chan struct{} {
	out := make(chan struct{})
	go w.loop(ctx, out, w.Fingerprint())
	return out
}

// loop tells the changes from the files as they were at start.
func (w *Watcher) loop(ctx context.Context, out chan<- struct{}, start string) {
	defer close(out)
	if w.fsw != nil {
		defer w.fsw.Close()
	}
	var events <-chan fsnotify.Event
	var errs <-chan error
	if w.fsw != nil {
		events, errs = w.fsw.Events, w.fsw.Errors
	}
	last := start // as last told
	seen := last  // as last scanned
	poll := time.NewTicker(w.o.Poll)
	defer poll.Stop()
	quiet := time.NewTimer(time.Hour)
	quiet.Stop()
	pending := false
	moved := false // the folders changed: tell once quiet, whatever the fingerprint
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-events:
			if !ok {
				events = nil
				continue
			}
			if ev.Has(fsnotify.Create) {
				if info, err := os.Stat(ev.Name); err == nil && info.IsDir() {
					w.addTree(ev.Name)
				}
			}
			pending = true
			quiet.Reset(w.o.Quiet)
		case <-errs:
			// An overflow or a removed folder: the next scan catches up.
		case <-w.moved:
			pending, moved = true, true
			quiet.Reset(w.o.Quiet)
		case <-poll.C:
			// Only a change since the last scan restarts the quiet time, so
			// that a scan as frequent as the quiet time cannot hold it off.
			if now := w.Fingerprint(); now != seen {
				seen = now
				pending = true
				quiet.Reset(w.o.Quiet)
				if w.fsw != nil {
					w.addTrees() // a watched folder made anew, a share mounted
				}
			}
		case <-quiet.C:
			if !pending {
				continue
			}
			now := w.Fingerprint()
			time.Sleep(w.o.Quiet * 3 / 8) // and once more: a copy in progress shows here
			if again := w.Fingerprint(); again != now {
				quiet.Reset(w.o.Quiet) // still being written
				continue
			}
			pending = false
			seen = now
			if now == last && !moved {
				continue // changed and changed back
			}
			last, moved = now, false
			select {
			case out <- struct{}{}:
			case <-ctx.Done():
				return
			}
		}
	}
}

// Fingerprint sums up the names, sizes and modification times of every file
// under the folders.
func (w *Watcher) Fingerprint() string {
	h := sha256.New()
	for _, d := range w.Dirs() {
		fmt.Fprintf(h, "%s\x00\n", d)
		_ = filepath.WalkDir(d, func(p string, e fs.DirEntry, err error) error {
			if err != nil {
				return nil // gone meanwhile, or not there yet: the next scan sees it
			}
			if info, err := e.Info(); err == nil && !e.IsDir() {
				fmt.Fprintf(h, "%s\x00%d\x00%d\n", p, info.Size(), info.ModTime().UnixNano())
			}
			return nil
		})
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}
