package publish

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// Marker is the file that marks a folder as a site written by plansite.
const Marker = ".plansite-site"

const markerText = "This folder was written by plansite and is replaced by each build.\n"

// Stamp returns the stamp the site in out was committed with; ok is false
// when out holds no plansite site.
func Stamp(out string) (stamp string, ok bool) {
	b, err := os.ReadFile(filepath.Join(out, Marker))
	if err != nil {
		return "", false
	}
	return strings.TrimSpace(strings.TrimPrefix(string(b), markerText)), true
}

// keep are files of the output folder that are carried over into each new
// site (the placeholder that keeps an empty public/ in version control).
var keep = []string{".gitkeep"}

// ErrNotSite is returned when the output folder holds files that plansite
// did not write; it is never replaced.
var ErrNotSite = errors.New("输出目录不是 plansite 生成的网站")

// Tx is a site being written. Files go into a staging folder until Commit.
// A Tx holds the output folder's lock from Begin to Commit or Abort.
type Tx struct {
	out     string
	staging string
	unlock  func()

	// recycled is closed once the recycled staging folder has been
	// looked through (in the background: Begin does not wait for it).
	recycled chan struct{}

	mu      sync.Mutex
	dirs    map[string]bool // folders of the staging site made so far
	used    map[string]bool // folders that hold a file of the new site (and their parents)
	stale   map[string]bool // files of a recycled staging folder not yet rewritten
	written map[string]bool // files written or linked by this Tx
}

// Begin starts writing a new site for the folder out (or, when out is a
// symbolic link, for the folder it points to: see Target). Before it makes
// anything, it refuses with ErrPlace an output folder that is a
// file-system root or is inside, or holds, one of the folders outside (the
// content folder, the inbox). It then takes the output's lock (a file
// beside it), calling waiting first when another build holds it, and waits
// for that build to end. The staging folder is got ready in the
// background, so that a build can begin first and make its pages
// meanwhile. It fails with ErrNotSite when out exists and holds anything
// but a previous plansite site (or only a placeholder file).
func Begin(out string, waiting func(), outside ...Folder) (*Tx, error) {
	given := out
	out, err := Target(out)
	if err != nil {
		return nil, err
	}
	if err := checkPlace(given, out, outside); err != nil {
		return nil, err
	}
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("create %s: %w", parent, err)
	}
	unlock, err := lockFile(lockName(out), waiting)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", out, err)
	}
	recoverSwap(out)
	if err := checkReplaceable(out); err != nil {
		unlock()
		return nil, err
	}
	staging, err := newStaging(out)
	if err == nil {
		err = os.Chmod(staging, 0o755)
	}
	if err != nil {
		unlock()
		return nil, fmt.Errorf("create staging folder: %w", err)
	}
	t := &Tx{out: out, staging: staging, unlock: unlock, recycled: make(chan struct{}), dirs: map[string]bool{}, used: map[string]bool{}, stale: map[string]bool{}, written: map[string]bool{}}
	go func() {
		defer close(t.recycled)
		t.recycle()
	}()
	return t, nil
}

// recycle reuses the site the last build replaced (kept as the spare) as
// the staging folder: its folders are already made, which on some file
// systems costs more than writing the files. Its files are stale: each one
// is removed before the file of the same name is written (never written
// into, because it may be a hard link shared with the site being served),
// and those the new site does not have are removed at Commit.
func (t *Tx) recycle() {
	spare := spareName(t.out)
	if info, err := os.Lstat(spare); err != nil || !info.IsDir() {
		return
	}
	if os.Remove(t.staging) != nil || os.Rename(spare, t.staging) != nil {
		_ = os.RemoveAll(spare)
		_ = os.MkdirAll(t.staging, 0o755)
		return
	}
	foreign := false
	_ = filepath.WalkDir(t.staging, func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
		case d.IsDir():
			t.dirs[p] = true
		case d.Type().IsRegular():
			t.stale[p] = true
		default:
			foreign = true // a symbolic link (or stranger): the folder is not one a build left
			return filepath.SkipAll
		}
		return nil
	})
	if foreign {
		// Writing into it could follow the link out of the site; start
		// afresh. RemoveAll removes links, never what they point to.
		t.dirs, t.stale = map[string]bool{}, map[string]bool{}
		_ = os.RemoveAll(t.staging)
		_ = os.MkdirAll(t.staging, 0o755)
	}
}

// fresh makes way for a new file at p: it removes a stale file of the
// recycled staging folder there and records p as written.
func (t *Tx) fresh(p string) error {
	<-t.recycled
	t.mu.Lock()
	stale := t.stale[p]
	delete(t.stale, p)
	t.written[p] = true
	t.mu.Unlock()
	if stale {
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return nil
}

// already reports whether the recycled staging folder holds src itself at
// p (a page unchanged for two builds is one file linked into both), and
// then keeps it: two looks instead of a removal and a link.
func (t *Tx) already(p, src string) bool {
	<-t.recycled
	t.mu.Lock()
	stale := t.stale[p]
	t.mu.Unlock()
	if !stale {
		return false
	}
	a, err1 := os.Lstat(p)
	b, err2 := os.Lstat(src)
	if err1 != nil || err2 != nil || !a.Mode().IsRegular() || !os.SameFile(a, b) {
		return false
	}
	t.mu.Lock()
	delete(t.stale, p)
	t.written[p] = true
	t.mu.Unlock()
	return true
}

// sweep removes what is left of the recycled site: the files this build
// did not write, then the folders that are left empty.
func (t *Tx) sweep() error {
	for p := range t.stale {
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	t.stale = map[string]bool{}
	var dirs []string
	for d := range t.dirs {
		if d != t.staging && !t.used[d] {
			dirs = append(dirs, d)
		}
	}
	// Deepest first, so that a folder is empty when its turn comes.
	sort.Slice(dirs, func(i, j int) bool { return len(dirs[i]) > len(dirs[j]) })
	for _, d := range dirs {
		_ = os.Remove(d) // fails, as it should, for a folder with files
	}
	return nil
}

// Prepare gets the folder that the next build of out writes into ready
// ahead of time when the last build left none (after the first build of a
// site): the site's folders, without files. serve and watch call it in the
// quiet time after a build, so that their first rebuild does not make
// every folder on the way to the new site.
func Prepare(out string) error {
	out, err := Target(out)
	if err != nil {
		return err
	}
	spare := spareName(out)
	if _, err := os.Lstat(spare); err == nil {
		return nil
	}
	unlock, err := lockFile(lockName(out), func() {})
	if err != nil {
		return err
	}
	defer unlock()
	if _, err := os.Lstat(spare); err == nil {
		return nil // made meanwhile by a build
	}
	if _, err := os.Stat(filepath.Join(out, Marker)); err != nil {
		return nil // no site
	}
	// Made under a staging name, which recoverSwap removes if this is
	// cut short, and renamed when whole.
	tmp, err := newStaging(out)
	if err != nil {
		return err
	}
	err = filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() || p == out {
			return err
		}
		rel, err := filepath.Rel(out, p)
		if err != nil {
			return err
		}
		return os.Mkdir(filepath.Join(tmp, rel), 0o755)
	})
	if err == nil {
		err = os.Chmod(tmp, 0o755)
	}
	if err == nil {
		err = os.Rename(tmp, spare)
	}
	if err != nil {
		_ = os.RemoveAll(tmp)
	}
	return err
}

// The files beside the output folder out: its lock, the staging folders of
// builds (removed by the next build when one is left behind), and the spare.
func lockName(out string) string {
	return filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".lock")
}

func stagingPrefix(out string) string {
	return filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".new-")
}

func newStaging(out string) (string, error) {
	return os.MkdirTemp(filepath.Dir(out), filepath.Base(stagingPrefix(out)))
}

func spareName(out string) string {
	return filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".spare")
}

func checkReplaceable(out string) error {
	entries, err := os.ReadDir(out)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read %s: %w", out, err)
	}
	for _, e := range entries {
		if e.Name() == Marker {
			return nil
		}
	}
	for _, e := range entries {
		if !isKept(e.Name()) && e.Name() != "README.md" {
			return fmt.Errorf("%w：%s 中已有其他文件（如 %s）。为防止误删，plansite 只替换它自己生成的网站；请换一个输出目录，或先清空此目录", ErrNotSite, out, e.Name())
		}
	}
	return nil
}

func isKept(name string) bool {
	for _, k := range keep {
		if name == k {
			return true
		}
	}
	return false
}

// Path returns where rel (a slash-separated path within the site) is
// written. It fails for a path that would leave the site.
func (t *Tx) Path(rel string) (string, error) {
	if rel == "" || strings.HasPrefix(rel, "/") || strings.Contains(rel, "\\") || strings.Contains(rel, "\x00") {
		return "", fmt.Errorf("invalid site path %q", rel)
	}
	for _, part := range strings.Split(rel, "/") {
		if part == "" || part == "." || part == ".." {
			return "", fmt.Errorf("invalid site path %q", rel)
		}
	}
	return filepath.Join(t.staging, filepath.FromSlash(rel)), nil
}

// WriteFile writes one file of the new site. It may be called from several
// goroutines.
func (t *Tx) WriteFile(rel string, data []byte) error {
	p, err := t.Path(rel)
	if err != nil {
		return err
	}
	if err := t.mkdir(filepath.Dir(p)); err != nil {
		return err
	}
	if err := t.fresh(p); err != nil {
		return err
	}
	return os.WriteFile(p, data, 0o644)
}

// Commit puts the new site in place of the old one. stamp is written into
// the marker file (what the site was built from, for Stamp).
func (t *Tx) Commit(stamp string) error {
	<-t.recycled
	for _, k := range append([]string{Marker}, keep...) {
		delete(t.stale, filepath.Join(t.staging, k)) // written below
	}
	if err := t.sweep(); err != nil {
		t.Abort()
		return fmt.Errorf("publish %s: %w", t.out, err)
	}
	for _, k := range keep {
		if b, err := readRegular(filepath.Join(t.out, k)); err == nil {
			_ = os.Remove(filepath.Join(t.staging, k)) // a new file, never one shared with the live site
			_ = os.WriteFile(filepath.Join(t.staging, k), b, 0o644)
		}
	}
	_ = os.Remove(filepath.Join(t.staging, Marker))
	if err := os.WriteFile(filepath.Join(t.staging, Marker), []byte(markerText+stamp+"\n"), 0o644); err != nil {
		return err
	}
	if err := swap(t.staging, t.out); err != nil {
		t.Abort()
		return fmt.Errorf("publish %s: %w", t.out, err)
	}
	t.release()
	return nil
}

// Abort drops the staging folder; the old site stays as it was. After a
// Commit it does nothing.
func (t *Tx) Abort() {
	if t.unlock == nil {
		return
	}
	<-t.recycled
	_ = os.RemoveAll(t.staging)
	t.release()
}

func (t *Tx) release() {
	if t.unlock != nil {
		t.unlock()
		t.unlock = nil
	}
}

// swap moves the folder staging to out, replacing out. Where the system
// can, the two folders trade places in one step and the old site is then
// removed from the staging name; elsewhere the old site is renamed aside
// first, and recoverSwap puts it back if the build dies in between.
func swap(staging, out string) error {
	if _, err := os.Stat(out); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(staging, out)
	}
	spare := spareName(out)
	_ = os.RemoveAll(spare)
	if exchange(staging, out) {
		return keepSpare(staging, spare)
	}
	old := oldName(out)
	_ = os.RemoveAll(old)
	if err := os.Rename(out, old); err != nil {
		return err
	}
	if err := os.Rename(staging, out); err != nil {
		_ = os.Rename(old, out)
		return err
	}
	return keepSpare(old, spare)
}

// keepSpare keeps the replaced site old as the spare that the next build
// recycles, or removes it when it cannot be kept.
func keepSpare(old, spare string) error {
	if os.Rename(old, spare) == nil {
		return nil
	}
	return os.RemoveAll(old)
}

func oldName(out string) string {
	return filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".old")
}

// recoverSwap finishes a swap that was interrupted between its two renames
// (the old site moved aside, the new one not yet in place) by putting the
// old site back, and removes staging folders left by killed builds. It runs
// under the lock, so no other build is using them.
func recoverSwap(out string) {
	old := oldName(out)
	if _, err := os.Stat(out); errors.Is(err, fs.ErrNotExist) {
		if _, err := os.Stat(old); err == nil {
			_ = os.Rename(old, out)
		}
	}
	_ = os.RemoveAll(old)
	leftovers, _ := filepath.Glob(stagingPrefix(out) + "*")
	for _, l := range leftovers {
		_ = os.RemoveAll(l)
	}
}

// Link puts the file src (a file of the site being replaced, unchanged)
// into the new site as rel, as a hard link where the file system allows and
// as a copy where it does not.
func (t *Tx) Link(rel, src string) error {
	p, err := t.Path(rel)
	if err != nil {
		return err
	}
	if err := t.mkdir(filepath.Dir(p)); err != nil {
		return err
	}
	if info, err := os.Lstat(src); err != nil || !info.Mode().IsRegular() {
		return fmt.Errorf("%s is not a file to link", src) // a symbolic link is never carried into a site
	}
	if t.already(p, src) {
		return nil
	}
	if err := t.fresh(p); err != nil {
		return err
	}
	if os.Link(src, p) == nil {
		return nil
	}
	b, err := readRegular(src)
	if err != nil {
		return err
	}
	return os.WriteFile(p, b, 0o644)
}

// readRegular reads the file p, refusing anything but a regular file: a
// symbolic link is not followed.
func readRegular(p string) ([]byte, error) {
	link, err := os.Lstat(p)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// The file opened is the one looked at, and that was no link.
	if info, err := f.Stat(); err != nil || !link.Mode().IsRegular() || !os.SameFile(link, info) {
		return nil, fmt.Errorf("%s is not a regular file", p)
	}
	return io.ReadAll(f)
}

// Current returns where rel is in the site being replaced.
func (t *Tx) Current(rel string) string { return filepath.Join(t.out, filepath.FromSlash(rel)) }

func (t *Tx) mkdir(dir string) error {
	<-t.recycled
	t.mu.Lock()
	made, used := t.dirs[dir], t.used[dir]
	if !used {
		for d := dir; d != t.staging && !t.used[d]; d = filepath.Dir(d) {
			t.used[d] = true
		}
	}
	t.mu.Unlock()
	if made {
		return nil
	}
	// Mkdir first: the parent is nearly always there already, and
	// MkdirAll would stat the path and its parent before making it.
	if err := os.Mkdir(dir, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	t.mu.Lock()
	t.dirs[dir] = true
	t.mu.Unlock()
	return nil
}
