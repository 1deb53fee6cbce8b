package site

import (
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"os"
	"path/filepath"
	"sync"

	"github.com/plansite/plansite/internal/keyhash"
)

// memo remembers what each file of the last build was made from (a hash of
// the templates and of the page's data), so that a rebuild puts an
// unchanged page in place by a hard link to the old one instead of
// rendering it again. It lives in the cache folder; without one, every
// page is rendered.
type memo struct {
	path string
	mu   sync.Mutex
	old  map[string]string
	new  map[string]string
}

const memoVersion = "plansite-pages 2"

// openMemo opens the memo of the site in out (one per output folder: the
// old files it vouches for are those of that folder).
func openMemo(cacheDir, out string) *memo {
	if cacheDir == "" {
		return nil
	}
	abs, err := filepath.Abs(out)
	if err != nil {
		abs = out
	}
	sum := sha256.Sum256([]byte(abs))
	m := &memo{path: filepath.Join(cacheDir, "pages-"+hex.EncodeToString(sum[:8])+".gob"), old: map[string]string{}, new: map[string]string{}}
	if f, err := os.Open(m.path); err == nil {
		var v struct {
			Version string
			Keys    map[string]string
		}
		if gob.NewDecoder(f).Decode(&v) == nil && v.Version == memoVersion {
			m.old = v.Keys
		}
		f.Close()
	}
	return m
}

// pageKey is what a page is made of: the templates, the template's name
// and every value of its data.
func pageKey(templates, tmpl string, data any) string {
	return keyhash.Of(templates, tmpl, data).String()
}

// same reports whether file rel was made from key last time (and records
// key for the next build).
func (m *memo) same(rel, key string) bool {
	if m == nil {
		return false
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.new[rel] = key
	return m.old[rel] == key
}

// save writes the keys of this build; a memo that cannot be written only
// makes the next build render everything.
func (m *memo) save() {
	if m == nil || os.MkdirAll(filepath.Dir(m.path), 0o755) != nil {
		return
	}
	tmp, err := os.CreateTemp(filepath.Dir(m.path), ".tmp-*")
	if err != nil {
		return
	}
	werr := gob.NewEncoder(tmp).Encode(struct {
		Version string
		Keys    map[string]string
	}{memoVersion, m.new})
	if cerr := tmp.Close(); werr != nil || cerr != nil || os.Rename(tmp.Name(), m.path) != nil {
		_ = os.Remove(tmp.Name())
	}
}
