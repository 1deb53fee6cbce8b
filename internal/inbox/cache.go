package inbox

import (
	"bufio"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/workbook"
)

// cacheVersion changes whenever what the reader returns for the same bytes
// may change: a new plansite never takes an old cache's word.
const cacheVersion = "plansite-workbook-cache 2"

// Cache keeps what each workbook of the inbox read as, in a file in a folder
// of its own (beside the site, never in the inbox). An entry counts only for
// the same plansite cache version and the same plan; a workbook with the
// stored path, size and modification time is not read at all, and one whose
// bytes hash as stored (touched, not changed) is not parsed. Deleting the
// folder is always safe.
type Cache struct {
	path string
	plan string

	mu      sync.Mutex
	old     map[string]cacheEntry // as loaded
	new     map[string]cacheEntry // used or written by this scan
	changed bool
}

type cacheEntry struct {
	Size    int64
	ModTime time.Time
	Hash    string
	Result  workbook.Result
}

type cacheFile struct {
	Version string
	Plan    string
	Entries map[string]cacheEntry
}

// OpenCache returns the cache in dir for plan p, or nil when dir is "". A
// missing, unreadable or outdated cache is an empty one.
func OpenCache(dir string, p *domain.Plan) *Cache {
	if dir == "" {
		return nil
	}
	b, _ := json.Marshal(p)
	sum := sha256.Sum256(b)
	c := &Cache{path: filepath.Join(dir, "workbooks.gob"), plan: hex.EncodeToString(sum[:]), old: map[string]cacheEntry{}, new: map[string]cacheEntry{}}
	if f, err := os.Open(c.path); err == nil {
		var cf cacheFile
		if gob.NewDecoder(bufio.NewReader(f)).Decode(&cf) == nil && cf.Version == cacheVersion && cf.Plan == c.plan {
			c.old = cf.Entries
		}
		f.Close()
	}
	return c
}

// Same implements workbook.Cache.
func (c *Cache) Same(rel string, size int64, mod time.Time) (workbook.Result, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.old[rel]
	if !ok || e.Size != size || !e.ModTime.Equal(mod) {
		return workbook.Result{}, false
	}
	c.new[rel] = e
	return e.Result, true
}

// Hashed implements workbook.Cache.
func (c *Cache) Hashed(rel, hash string) (workbook.Result, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.old[rel]
	if !ok || e.Hash != hash {
		return workbook.Result{}, false
	}
	return e.Result, true
}

// Put implements workbook.Cache.
func (c *Cache) Put(rel string, size int64, mod time.Time, hash string, r workbook.Result) {
	c.mu.Lock()
	defer c.mu.Unlock()
	r.Parsed = false // as it will be when taken from the cache
	c.new[rel] = cacheEntry{Size: size, ModTime: mod, Hash: hash, Result: r}
	c.changed = true
}

// save writes the entries of this scan (dropping those of files no longer
// in the inbox) when anything changed. A cache that cannot be written is
// only a slower next build.
func (c *Cache) save() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.changed && len(c.new) == len(c.old) {
		return
	}
	if os.MkdirAll(filepath.Dir(c.path), 0o755) != nil {
		return
	}
	tmp, err := os.CreateTemp(filepath.Dir(c.path), ".tmp-*")
	if err != nil {
		return
	}
	w := bufio.NewWriter(tmp)
	werr := gob.NewEncoder(w).Encode(cacheFile{Version: cacheVersion, Plan: c.plan, Entries: c.new})
	if werr == nil {
		werr = w.Flush()
	}
	if cerr := tmp.Close(); werr != nil || cerr != nil || os.Rename(tmp.Name(), c.path) != nil {
		_ = os.Remove(tmp.Name())
	}
}
