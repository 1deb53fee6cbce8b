package inbox

import (
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"time"

	"github.com/plansite/plansite/internal/cachefile"
	"github.com/plansite/plansite/internal/keyhash"
	"github.com/plansite/plansite/internal/workbook"
)

// cacheFormat names the cache files and the encoding of their entries; the
// files are also tied to the plansite build that wrote them (cachefile).
const cacheFormat = "plansite-workbooks 6"

// Cache keeps what each workbook of the inbox read as, in files of a folder
// of its own (beside the site, never in the inbox). An entry is found by
// the workbook's path in the inbox, and counts only for the same bytes
// (their SHA-256) read against the same schema (the key of
// workbook.Schema): a workbook with the stored size and modification time
// is not read at all, and one whose bytes hash as stored (touched, not
// changed) is not parsed. Editing what the reader does not read (a task's
// description, a page) keeps every entry; another plansite build, or an
// entry that does not verify, counts as none. Deleting the folder is
// always safe.
//
// The entries are spread over cacheShards files by a hash of the path:
// the files are decoded side by side, and a scan that changed one
// workbook rewrites one file, not the whole cache. A Cache kept from one
// scan to the next (serve, watch) keeps the entries decoded.
type Cache struct {
	dir    string
	shards [cacheShards]shard
}

const cacheShards = 16

type shard struct {
	mu      sync.Mutex
	loaded  bool
	old     map[string]cacheEntry // as loaded, or as the last scan left them
	new     map[string]cacheEntry // used or written by this scan
	changed bool
}

type cacheEntry struct {
	Size    int64
	ModTime time.Time
	Hash    string      // of the file's bytes, workbook.Hash
	Schema  keyhash.Key // of the schema it was read against
	Result  workbook.Result
	// Scanned is when the scan that read the file began. Size and
	// modification time vouch for the bytes only when the file was
	// modified well before that (settled): a file saved again within the
	// same tick of a coarse clock (2 s on FAT and some shares) with the
	// same size would otherwise keep its first read.
	Scanned time.Time
}

// settledBefore is how long before a scan a file must have been modified
// for its size and modification time to vouch for its bytes at the next
// scan; otherwise its bytes are hashed again (and parsed only if they
// changed), as git treats a "racily clean" file.
const settledBefore = 3 * time.Second

// OpenCache returns the cache in dir, read when first used; nil when dir
// is "". A missing, unreadable or outdated cache file is an empty one.
func OpenCache(dir string) *Cache {
	if dir == "" {
		return nil
	}
	return &Cache{dir: dir}
}

// Dir is the folder of the cache.
func (c *Cache) Dir() string { return c.dir }

func (c *Cache) shardPath(i int) string {
	return filepath.Join(c.dir, fmt.Sprintf("workbooks-%02d.cache", i))
}

func (c *Cache) shard(rel string) (*shard, int) {
	h := fnv.New32a()
	h.Write([]byte(rel))
	i := int(h.Sum32() % cacheShards)
	return &c.shards[i], i
}

// lock locks the shard of rel, reading its file first when needed (so that
// the files are decoded by the workers that read the inbox, side by side
// with their look at the files). The caller unlocks it.
func (c *Cache) lock(rel string) *shard {
	sh, i := c.shard(rel)
	sh.mu.Lock()
	if !sh.loaded {
		sh.loaded = true
		cachefile.Read(c.shardPath(i), cacheFormat, func(entries [][]byte) { sh.old = decodeShard(entries) })
		sh.new = map[string]cacheEntry{}
	}
	return sh
}

// same returns the result stored for workbook rel read against schema,
// when the file's size and modification time are those stored and it had
// been modified settledBefore the scan that stored it: the file is then
// not read.
func (c *Cache) same(rel string, schema keyhash.Key, info os.FileInfo) (workbook.Result, bool) {
	sh := c.lock(rel)
	defer sh.mu.Unlock()
	e, ok := sh.old[rel]
	if !ok || e.Schema != schema || e.Size != info.Size() || !e.ModTime.Equal(info.ModTime()) || !e.ModTime.Before(e.Scanned.Add(-settledBefore)) {
		return workbook.Result{}, false
	}
	sh.new[rel] = e
	return e.Result, true
}

// hashed returns the result stored for workbook rel read against schema,
// when the file's bytes hash as stored (touched, not changed).
func (c *Cache) hashed(rel string, schema keyhash.Key, hash string) (workbook.Result, bool) {
	sh := c.lock(rel)
	defer sh.mu.Unlock()
	e, ok := sh.old[rel]
	if !ok || e.Schema != schema || e.Hash != hash {
		return workbook.Result{}, false
	}
	return e.Result, true
}

// previous returns the result stored for workbook rel read against
// schema, whatever the file is now (a workbook being copied over it), and
// keeps it for the next scan.
func (c *Cache) previous(rel string, schema keyhash.Key) (workbook.Result, bool) {
	sh := c.lock(rel)
	defer sh.mu.Unlock()
	e, ok := sh.old[rel]
	if !ok || e.Schema != schema {
		return workbook.Result{}, false
	}
	sh.new[rel] = e
	e.Result.Report.File, e.Result.Report.ModTime = rel, e.ModTime
	return e.Result, true
}

// put stores the result of workbook rel.
func (c *Cache) put(rel string, e cacheEntry) {
	sh := c.lock(rel)
	defer sh.mu.Unlock()
	sh.new[rel] = e
	sh.changed = true
}

// Save writes the files whose entries changed in the scan (dropping those
// of workbooks no longer in the inbox), and keeps this scan's entries for
// the next. A cache that cannot be written is only a slower next build. A
// nil Cache saves nothing.
func (c *Cache) Save() {
	if c == nil {
		return
	}
	for i := range c.shards {
		sh := &c.shards[i]
		sh.mu.Lock()
		if sh.loaded && (sh.changed || len(sh.new) != len(sh.old)) {
			_ = cachefile.Write(c.shardPath(i), cacheFormat, encodeShard(sh.new))
		}
		if sh.loaded {
			sh.old, sh.new, sh.changed = sh.new, map[string]cacheEntry{}, false
		}
		sh.mu.Unlock()
	}
}

// encodeShard encodes each entry (path, size, modification time, time of
// the scan, content hash, schema key, result) in path order, so that the same entries always
// make the same bytes.
func encodeShard(entries map[string]cacheEntry) []string {
	rels := make([]string, 0, len(entries))
	for rel := range entries {
		rels = append(rels, rel)
	}
	sort.Strings(rels)
	out := make([]string, len(rels))
	e := &encoder{}
	for i, rel := range rels {
		x := entries[rel]
		e.b = e.b[:0]
		e.str(rel)
		e.int(x.Size)
		e.time(x.ModTime)
		e.time(x.Scanned)
		e.str(x.Hash)
		e.str(string(x.Schema[:]))
		e.result(x.Result)
		out[i] = string(e.b)
	}
	return out
}

// decodeShard decodes the entries of a cache file that verified; one that
// does not decode whole is left out.
func decodeShard(raw [][]byte) map[string]cacheEntry {
	entries := make(map[string]cacheEntry, len(raw))
	texts := map[string]string{}
	for _, s := range raw {
		d := newDecoder(s, texts)
		rel := d.str()
		var x cacheEntry
		x.Size = d.int()
		x.ModTime = d.time()
		x.Scanned = d.time()
		x.Hash = d.str()
		if k := d.str(); len(k) == len(x.Schema) {
			copy(x.Schema[:], k)
		} else {
			d.fail()
		}
		x.Result = d.result()
		if d.err == nil && len(d.s) == 0 {
			entries[rel] = x
		}
	}
	return entries
}
