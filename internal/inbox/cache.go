package inbox

import (
	"errors"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"time"

	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/keyhash"
	"github.com/plansite/plansite/internal/store"
	"github.com/plansite/plansite/internal/workbook"
)

// cacheVersion changes whenever what the reader returns for the same bytes
// may change: a new plansite never takes an old cache's word.
const cacheVersion = "plansite-workbook-cache 4"

// Cache keeps what each workbook of the inbox read as, in files of a folder
// of its own (beside the site, never in the inbox). An entry counts only for
// the same plansite cache version and the same plan; a workbook with the
// stored path, size and modification time is not read at all, and one whose
// bytes hash as stored (touched, not changed) is not parsed. Deleting the
// folder is always safe.
//
// The entries are spread over cacheShards files by a hash of the path: the
// files are decoded in parallel, and a scan that changed one workbook
// rewrites one file, not the whole cache.
type Cache struct {
	dir    string
	plan   string
	shards [cacheShards]shard
}

const cacheShards = 16

type shard struct {
	mu      sync.Mutex
	path    string
	plan    string
	loaded  bool
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
// missing, unreadable or outdated cache file is an empty one.
func OpenCache(dir string, p *domain.Plan) *Cache {
	if dir == "" {
		return nil
	}
	c := &Cache{dir: dir, plan: keyhash.Of(p).String()}
	for i := range c.shards {
		sh := &c.shards[i]
		sh.path, sh.plan = c.shardPath(i), c.plan
	}
	return c
}

// load reads the shard's file the first time the shard is asked for, so
// that the files are decoded by the workers that read the inbox, side by
// side with their look at the files. Call it with sh.mu held.
func (sh *shard) load() {
	if sh.loaded {
		return
	}
	sh.loaded = true
	sh.old, sh.new = map[string]cacheEntry{}, map[string]cacheEntry{}
	info, err := os.Stat(sh.path)
	if err != nil {
		return
	}
	if d, ok := decoded.Get(sh.path, info); ok && d.plan == sh.plan {
		sh.old = d.entries
		return
	}
	b, err := os.ReadFile(sh.path)
	if err != nil {
		return
	}
	if entries, err := decodeShard(b, sh.plan); err == nil {
		sh.old = entries
		decoded.Put(sh.path, info, decodedShard{sh.plan, entries})
	}
}

// decoded keeps the entries of each shard file this process read or
// wrote, for serve and watch, which scan the inbox again and again.
var decoded = store.NewDecoded[decodedShard](4 * cacheShards)

type decodedShard struct {
	plan    string
	entries map[string]cacheEntry
}

func (c *Cache) shardPath(i int) string {
	return filepath.Join(c.dir, fmt.Sprintf("workbooks-%02d.cache", i))
}

func (c *Cache) shard(rel string) *shard {
	h := fnv.New32a()
	h.Write([]byte(rel))
	return &c.shards[h.Sum32()%cacheShards]
}

// Same implements workbook.Cache.
func (c *Cache) Same(rel string, size int64, mod time.Time) (workbook.Result, bool) {
	sh := c.shard(rel)
	sh.mu.Lock()
	defer sh.mu.Unlock()
	sh.load()
	e, ok := sh.old[rel]
	if !ok || e.Size != size || !e.ModTime.Equal(mod) {
		return workbook.Result{}, false
	}
	sh.new[rel] = e
	return e.Result, true
}

// Hashed implements workbook.Cache.
func (c *Cache) Hashed(rel, hash string) (workbook.Result, bool) {
	sh := c.shard(rel)
	sh.mu.Lock()
	defer sh.mu.Unlock()
	sh.load()
	e, ok := sh.old[rel]
	if !ok || e.Hash != hash {
		return workbook.Result{}, false
	}
	return e.Result, true
}

// Put implements workbook.Cache.
func (c *Cache) Put(rel string, size int64, mod time.Time, hash string, r workbook.Result) {
	sh := c.shard(rel)
	sh.mu.Lock()
	defer sh.mu.Unlock()
	sh.load()
	r.Parsed = false // as it will be when taken from the cache
	sh.new[rel] = cacheEntry{Size: size, ModTime: mod, Hash: hash, Result: r}
	sh.changed = true
}

// Save writes the files whose entries changed in the scan (dropping those
// of workbooks no longer in the inbox). A cache that cannot be written is
// only a slower next build. A nil Cache saves nothing.
func (c *Cache) Save() {
	if c == nil || os.MkdirAll(c.dir, 0o755) != nil {
		return
	}
	for i := range c.shards {
		sh := &c.shards[i]
		sh.mu.Lock()
		sh.load()
		if sh.changed || len(sh.new) != len(sh.old) {
			path := c.shardPath(i)
			if writeShard(path, cacheFile{Version: cacheVersion, Plan: c.plan, Entries: sh.new}) {
				if info, err := os.Stat(path); err == nil {
					decoded.Put(path, info, decodedShard{c.plan, sh.new})
				}
			}
		}
		sh.mu.Unlock()
	}
	// Files of earlier plansite versions.
	old, _ := filepath.Glob(filepath.Join(c.dir, "workbooks*.gob"))
	for _, f := range old {
		_ = os.Remove(f)
	}
}

// writeShard writes a cache file whole or not at all, and reports which.
func writeShard(path string, cf cacheFile) bool {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return false
	}
	_, werr := tmp.Write(encodeShard(cf))
	if cerr := tmp.Close(); werr != nil || cerr != nil || os.Rename(tmp.Name(), path) != nil {
		_ = os.Remove(tmp.Name())
		return false
	}
	return true
}

// encodeShard writes a cache file: the version, the plan's hash, then each
// entry (path, size, modification time, content hash, result) in path
// order, so that the same entries always make the same bytes.
func encodeShard(cf cacheFile) []byte {
	e := &encoder{}
	e.str(cf.Version)
	e.str(cf.Plan)
	rels := make([]string, 0, len(cf.Entries))
	for rel := range cf.Entries {
		rels = append(rels, rel)
	}
	sort.Strings(rels)
	e.uint(uint64(len(rels)))
	for _, rel := range rels {
		x := cf.Entries[rel]
		e.str(rel)
		e.int(x.Size)
		e.time(x.ModTime)
		e.str(x.Hash)
		e.result(x.Result)
	}
	return e.b
}

// decodeShard reads a cache file written by encodeShard for the plan whose
// hash is plan; a file of another version or plan, or a damaged one, is an
// error (and the cache is then empty).
func decodeShard(b []byte, plan string) (map[string]cacheEntry, error) {
	d := newDecoder(b)
	if d.str() != cacheVersion || d.str() != plan {
		return nil, errors.New("cache of another version or plan")
	}
	n := d.count()
	entries := make(map[string]cacheEntry, n)
	for i := 0; i < n && d.err == nil; i++ {
		rel := d.str()
		var x cacheEntry
		x.Size = d.int()
		x.ModTime = d.time()
		x.Hash = d.str()
		x.Result = d.result()
		entries[rel] = x
	}
	if d.err != nil {
		return nil, d.err
	}
	if len(d.s) != 0 {
		return nil, errCorrupt
	}
	return entries, nil
}
