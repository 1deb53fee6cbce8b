package watch

import (
	"context"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Options tune a Watcher. Zero values take the defaults.
type Options struct {
	Quiet  time.Duration // how long nothing must change before a change is told (0.8 s)
	Poll   time.Duration // how often the folders are scanned besides events (10 s)
	Ignore []string      // folders not to watch (the site being written, say)
}

// Watcher watches folders.
type Watcher struct {
	dirs []string
	o    Options
	fsw  *fsnotify.Watcher // nil where the system offers no events
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
	w := &Watcher{dirs: dirs, o: o}
	if fsw, err := fsnotify.NewWatcher(); err == nil {
		w.fsw = fsw
		for _, d := range dirs {
			w.addTree(d)
		}
	}
	return w, nil
}

func (w *Watcher) addTree(dir string) {
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			if w.ignored(p) {
				return filepath.SkipDir
			}
			_ = w.fsw.Add(p)
		}
		return nil
	})
}

// ignored reports whether p is one of the folders not to watch.
func (w *Watcher) ignored(p string) bool {
	for _, ig := range w.o.Ignore {
		if a, err := filepath.Abs(p); err == nil {
			if b, err := filepath.Abs(ig); err == nil && a == b {
				return true
			}
		}
	}
	return false
}

// Changes sends once each time the files have changed and then stayed the
// same for Options.Quiet (a file still being copied is waited for). It
// closes when ctx ends.
func (w *Watcher) Changes(ctx context.Context) <-chan struct{} {
	out := make(chan struct{})
	go w.loop(ctx, out)
	return out
}

func (w *Watcher) loop(ctx context.Context, out chan<- struct{}) {
	defer close(out)
	if w.fsw != nil {
		defer w.fsw.Close()
	}
	var events <-chan fsnotify.Event
	var errs <-chan error
	if w.fsw != nil {
		events, errs = w.fsw.Events, w.fsw.Errors
	}
	last := w.Fingerprint() // as last told
	seen := last            // as last scanned
	poll := time.NewTicker(w.o.Poll)
	defer poll.Stop()
	quiet := time.NewTimer(time.Hour)
	quiet.Stop()
	pending := false
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-events:
			if !ok {
				events = nil
				continue
			}
			if w.ignored(filepath.Dir(ev.Name)) {
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
		case <-poll.C:
			// Only a change since the last scan restarts the quiet time, so
			// that a scan as frequent as the quiet time cannot hold it off.
			if now := w.Fingerprint(); now != seen {
				seen = now
				pending = true
				quiet.Reset(w.o.Quiet)
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
			if now == last {
				continue // changed and changed back
			}
			last = now
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
	for _, d := range w.dirs {
		_ = filepath.WalkDir(d, func(p string, e fs.DirEntry, err error) error {
			if err != nil {
				return nil // gone meanwhile, or not there yet: the next scan sees it
			}
			if e.IsDir() && w.ignored(p) {
				return filepath.SkipDir
			}
			if info, err := e.Info(); err == nil && !e.IsDir() {
				fmt.Fprintf(h, "%s\x00%d\x00%d\n", p, info.Size(), info.ModTime().UnixNano())
			}
			return nil
		})
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}
