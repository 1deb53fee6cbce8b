package site

import (
	"crypto/sha256"
	"io"
	"os"
	"path/filepath"
	"sync"

	"github.com/plansite/plansite/internal/cachefile"
	"github.com/plansite/plansite/internal/keyhash"
)

// memoFormat names the memo's files; they are also tied to the plansite
// build that wrote them (cachefile), so that another plansite makes every
// page anew.
const memoFormat = "plansite-pages 3"

// memo remembers, for each file of the last build of a site, what it was
// made from (a key of the templates and of the page's data) and the bytes
// it had (their SHA-256), in a file of the cache folder. A rebuild puts a
// page whose key is the same in place by a hard link to the previous
// site's file, but only while that file still has the recorded bytes: a
// page edited by hand in the site, or a site the memo does not describe
// (a build killed between publishing and saving the memo), is made again.
// A nil memo (no cache folder) vouches for nothing.
type memo struct {
	path string
	old  map[string]memoEntry // as loaded
	mu   sync.Mutex
	new  map[string]memoEntry // this build's files
	bufs sync.Pool            // for reading the previous site's files
}

type memoEntry struct {
	key keyhash.Key
	sum [sha256.Size]byte
}

// openMemo reads the memo of the site in out (one per output folder: the
// files it vouches for are those of that folder); nil without a cache.
func openMemo(cacheDir, out string) *memo {
	if cacheDir == "" {
		return nil
	}
	abs, err := filepath.Abs(out)
	if err != nil {
		abs = out
	}
	m := &memo{path: filepath.Join(cacheDir, "pages-"+keyhash.Of(abs).String()[:16]+".cache"), old: map[string]memoEntry{}, new: map[string]memoEntry{}}
	for _, e := range cachefile.Read(m.path, memoFormat) {
		const n = len(keyhash.Key{}) + sha256.Size
		if len(e) <= n {
			continue
		}
		var x memoEntry
		copy(x.key[:], e[:len(x.key)])
		copy(x.sum[:], e[len(x.key):n])
		m.old[e[n:]] = x
	}
	return m
}

// pageKey is what a page is made of: the templates, the template's name
// and every value of its data.
func pageKey(templates, tmpl string, data any) keyhash.Key {
	return keyhash.Of(templates, tmpl, data)
}

// reuse reports whether file rel was made from key last time and the file
// at current (rel in the previous site) still has the bytes it had then;
// it then records it for the next build.
func (m *memo) reuse(rel string, key keyhash.Key, current string) bool {
	e, ok := m.old[rel]
	if !ok || e.key != key {
		return false
	}
	if sum, ok := m.sum(current); !ok || sum != e.sum {
		return false
	}
	m.mu.Lock()
	m.new[rel] = e
	m.mu.Unlock()
	return true
}

// sum is the SHA-256 of the file at path.
func (m *memo) sum(path string) (sum [sha256.Size]byte, ok bool) {
	f, err := os.Open(path)
	if err != nil {
		return sum, false
	}
	defer f.Close()
	buf, _ := m.bufs.Get().(*[]byte)
	if buf == nil {
		b := make([]byte, 64<<10)
		buf = &b
	}
	defer m.bufs.Put(buf)
	h := sha256.New()
	if _, err := io.CopyBuffer(h, struct{ io.Reader }{f}, *buf); err != nil {
		return sum, false
	}
	h.Sum(sum[:0])
	return sum, true
}

// made records that file rel, made from key, has bytes b.
func (m *memo) made(rel string, key keyhash.Key, b []byte) {
	if m == nil {
		return
	}
	e := memoEntry{key: key, sum: sha256.Sum256(b)}
	m.mu.Lock()
	m.new[rel] = e
	m.mu.Unlock()
}

// save writes the entries of this build's files; a memo that cannot be
// written only makes the next build render everything.
func (m *memo) save() {
	if m == nil {
		return
	}
	entries := make([]string, 0, len(m.new))
	for rel, e := range m.new {
		entries = append(entries, string(e.key[:])+string(e.sum[:])+rel)
	}
	_ = cachefile.Write(m.path, memoFormat, entries)
}
